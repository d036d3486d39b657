//! How an EMR step's stages are wired on a scenario: which input, cluster, reduce stage and
//! output a map step has, and the counts a step allows (one of each).

use crate::scenario::Scenario;
use crate::wiring::{Kind, Refusal};

/// How an EMR step's two stages are wired (ids of components; `None` where a wire is missing):
/// the input is a bucket, a DynamoDB table or a Redshift table, and so is the output.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EmrStepWiring {
    pub input: Option<String>,
    pub cluster: Option<String>,
    pub reduce: Option<String>,
    pub output: Option<String>,
}

impl Scenario {
    /// A map step has one input bucket, one cluster and one reduce step; a reduce step has
    /// one map step and one output.
    pub(crate) fn check_emr_wire_counts(
        &self,
        from: &str,
        to: &str,
        from_kind: Kind,
        to_kind: Kind,
    ) -> Result<(), Refusal> {
        let kind_of = |id: &str| self.component(id).map(|c| c.kind.kind());
        let inputs_of_kind = |id: &str, k: Kind| self.inputs_of(id).filter(|i| kind_of(i) == Some(k)).count();
        if to_kind == Kind::MapStep {
            let inputs = inputs_of_kind(to, Kind::S3Bucket)
                + inputs_of_kind(to, Kind::DynamoDbTable)
                + inputs_of_kind(to, Kind::Redshift);
            if from_kind.is_job_input() && inputs > 1 {
                return Err(Refusal::OneInputBucket);
            }
            if from_kind == Kind::EmrCluster && inputs_of_kind(to, Kind::EmrCluster) > 1 {
                return Err(Refusal::OneCluster);
            }
        }
        if from_kind == Kind::MapStep
            && to_kind == Kind::ReduceStep
            && (self.outputs_of(from).count() > 1 || self.inputs_of(to).count() > 1)
        {
            return Err(Refusal::OneReduceStep);
        }
        if from_kind == Kind::ReduceStep && self.outputs_of(from).count() > 1 {
            return Err(Refusal::OneOutput);
        }
        Ok(())
    }

    /// The EMR step whose map stage is `map_id`: its input bucket, cluster, reduce stage and
    /// output, as wired (each may be missing).
    pub fn emr_step(&self, map_id: &str) -> EmrStepWiring {
        let of_kind = |ids: Vec<&str>, k: Kind| {
            ids.into_iter().find(|id| self.component(id).is_some_and(|c| c.kind.kind() == k)).map(str::to_string)
        };
        let inputs: Vec<&str> = self.inputs_of(map_id).collect();
        let reduce = of_kind(self.outputs_of(map_id).collect(), Kind::ReduceStep);
        let output = reduce.as_deref().and_then(|r| self.outputs_of(r).next()).map(str::to_string);
        EmrStepWiring {
            input: [Kind::S3Bucket, Kind::DynamoDbTable, Kind::Redshift]
                .into_iter()
                .find_map(|k| of_kind(inputs.clone(), k)),
            cluster: of_kind(inputs, Kind::EmrCluster),
            reduce,
            output,
        }
    }

    /// The map step whose reduce stage is `reduce_id`.
    pub fn map_step_of<'a>(&'a self, reduce_id: &'a str) -> Option<&'a str> {
        self.inputs_of(reduce_id).find(|id| self.component(id).is_some_and(|c| c.kind.kind() == Kind::MapStep))
    }
}
