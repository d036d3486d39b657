//! Amazon EMR as the CLI presents it: the operations on a cluster the lab's page made —
//! describe it, list its steps, instance groups and instances, resize a group. (Clusters and
//! steps are made on the canvas, or through `shardlab api` with RunJobFlow and
//! AddJobFlowSteps.)

use crate::model::ParamType as T;
use crate::model::{Member, Operation, Param, Service};

const CLUSTER: Param = Param::required("ClusterId", T::String);

const GROUP_MODIFY: &[Member] = &[Member::new("InstanceGroupId", T::String), Member::new("InstanceCount", T::Integer)];

pub(crate) const SERVICE: Service = Service {
    name: "emr",
    title: "Amazon EMR",
    customizations: crate::emr_commands::CUSTOMIZATIONS,
    operations: &[
        Operation { name: "DescribeCluster", params: &[CLUSTER] },
        Operation { name: "ListSteps", params: &[CLUSTER] },
        Operation { name: "DescribeStep", params: &[CLUSTER, Param::required("StepId", T::String)] },
        Operation { name: "ListInstanceGroups", params: &[CLUSTER] },
        Operation { name: "ListInstances", params: &[CLUSTER] },
        Operation {
            name: "ModifyInstanceGroups",
            params: &[CLUSTER, Param::required("InstanceGroups", T::List(GROUP_MODIFY))],
        },
    ],
};
