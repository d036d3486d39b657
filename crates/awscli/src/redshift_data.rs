//! The Redshift Data API as the CLI presents it (`aws redshift-data …`): running a query on
//! a cluster and reading its result, which is how the console reads a Redshift table.

use crate::model::ParamType as T;
use crate::model::{Operation, Param, Service};

const ID: Param = Param::required("Id", T::String);

pub(crate) const SERVICE: Service = Service {
    name: "redshift-data",
    title: "Amazon Redshift Data API",
    customizations: &[],
    operations: &[
        Operation {
            name: "ExecuteStatement",
            params: &[
                Param::required("Sql", T::String),
                Param::optional("ClusterIdentifier", T::String),
                Param::required("Database", T::String),
                Param::optional("DbUser", T::String),
            ],
        },
        Operation { name: "DescribeStatement", params: &[ID] },
        Operation { name: "GetStatementResult", params: &[ID] },
    ],
};
