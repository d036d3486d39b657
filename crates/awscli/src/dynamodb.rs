//! Amazon DynamoDB as the CLI presents it: the operations ShardLab simulates. Items, keys and
//! placeholder values are DynamoDB JSON (`{"pk": {"S": "a"}}`), given as JSON and sent as
//! typed; the service checks them. The real CLI pages through Scan, Query and ListTables on
//! its own; this console makes one call and shows LastEvaluatedKey, to pass back with
//! `--exclusive-start-key`.

use crate::model::ParamType as T;
use crate::model::{Member, Operation, Param, Service};

const ATTRIBUTE_DEFINITION: &[Member] =
    &[Member::new("AttributeName", T::String), Member::new("AttributeType", T::String)];

const KEY_SCHEMA_ELEMENT: &[Member] = &[Member::new("AttributeName", T::String), Member::new("KeyType", T::String)];

const THROUGHPUT: &[Member] =
    &[Member::new("ReadCapacityUnits", T::Integer), Member::new("WriteCapacityUnits", T::Integer)];

/// Attribute name → attribute value: an item, a key, ExpressionAttributeValues.
const VALUES: T = T::Map(&T::Any);

const TABLE: Param = Param::required("TableName", T::String);
const NAMES: Param = Param::optional("ExpressionAttributeNames", T::Map(&T::String));
const VALUE_PLACEHOLDERS: Param = Param::optional("ExpressionAttributeValues", VALUES);
const CONDITION: Param = Param::optional("ConditionExpression", T::String);
const PROJECTION: Param = Param::optional("ProjectionExpression", T::String);
const FILTER: Param = Param::optional("FilterExpression", T::String);
const RETURN_VALUES: Param = Param::optional("ReturnValues", T::String);
const LIMIT: Param = Param::optional("Limit", T::Integer);
const START_KEY: Param = Param::optional("ExclusiveStartKey", VALUES);
const SELECT: Param = Param::optional("Select", T::String);
const CONSISTENT_READ: Param = Param::optional("ConsistentRead", T::Boolean);

pub(crate) const SERVICE: Service = Service {
    name: "dynamodb",
    title: "Amazon DynamoDB",
    customizations: &[],
    operations: &[
        Operation {
            name: "CreateTable",
            params: &[
                TABLE,
                Param::required("AttributeDefinitions", T::List(ATTRIBUTE_DEFINITION)),
                Param::required("KeySchema", T::List(KEY_SCHEMA_ELEMENT)),
                Param::optional("BillingMode", T::String),
                Param::optional("ProvisionedThroughput", T::Structure(THROUGHPUT)),
            ],
        },
        Operation { name: "DescribeTable", params: &[TABLE] },
        Operation { name: "ListTables", params: &[Param::optional("ExclusiveStartTableName", T::String), LIMIT] },
        Operation { name: "DeleteTable", params: &[TABLE] },
        Operation {
            name: "PutItem",
            params: &[TABLE, Param::required("Item", VALUES), CONDITION, NAMES, VALUE_PLACEHOLDERS, RETURN_VALUES],
        },
        Operation {
            name: "GetItem",
            params: &[TABLE, Param::required("Key", VALUES), PROJECTION, NAMES, CONSISTENT_READ],
        },
        Operation {
            name: "DeleteItem",
            params: &[TABLE, Param::required("Key", VALUES), CONDITION, NAMES, VALUE_PLACEHOLDERS, RETURN_VALUES],
        },
        Operation {
            name: "Query",
            params: &[
                TABLE,
                // Not required here: the service answers its absence in its own words.
                Param::optional("KeyConditionExpression", T::String),
                FILTER,
                PROJECTION,
                NAMES,
                VALUE_PLACEHOLDERS,
                Param::optional("ScanIndexForward", T::Boolean),
                LIMIT,
                START_KEY,
                SELECT,
                CONSISTENT_READ,
            ],
        },
        Operation {
            name: "Scan",
            params: &[TABLE, FILTER, PROJECTION, NAMES, VALUE_PLACEHOLDERS, LIMIT, START_KEY, SELECT, CONSISTENT_READ],
        },
        Operation { name: "BatchWriteItem", params: &[Param::required("RequestItems", VALUES)] },
        Operation { name: "BatchGetItem", params: &[Param::required("RequestItems", VALUES)] },
    ],
};
