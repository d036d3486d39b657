//! The AWS API of a world: an operation of a service by name with its JSON input, as the
//! console and `shardlab api` call it.

use super::*;

impl World {
    /// Calls an AWS operation of `service` by name with its JSON input, as the API console
    /// and `shardlab api` do. The answer is the AWS response body or the AWS error.
    pub fn call(&mut self, service: &str, op: &str, input: serde_json::Value) -> Result<serde_json::Value, ApiError> {
        // Every call is kept, refused ones too: a throttled request counts against the limits.
        self.record(|| journal::Input::Call {
            service: service.to_string(),
            operation: op.to_string(),
            input: input.clone(),
        });
        match service {
            "kinesis" => {
                let answer = self.with_kinesis(|k, ctx| kinesis::api::call(k, ctx, op, input));
                self.with_kinesis(|k, ctx| k.flush_metrics(ctx));
                answer
            }
            "firehose" => {
                let Split { mut ctx, kinesis, firehose, stores, .. } = self.split();
                let answer = firehose.call(&mut ctx, kinesis, stores, op, input);
                self.queue_wakeups();
                answer
            }
            "s3" => {
                let Split { mut ctx, stores, .. } = self.split();
                stores.s3.call(&mut ctx, op, input)
            }
            #[cfg(feature = "redshift-data")]
            "redshift-data" => {
                let epoch_s = self.epoch_ms_now() as f64 / 1_000.0;
                let stores = &mut self.stores;
                stores.redshift_data.call(&stores.redshift, epoch_s, op, input)
            }
            #[cfg(feature = "emr")]
            "emr" => {
                let epoch_ms = self.scenario.start_epoch_ms;
                self.with_emr(|emr, now, s3| emr.call(now, epoch_ms, s3, op, input))
            }
            #[cfg(feature = "dynamodb")]
            "dynamodb" => {
                let Split { mut ctx, stores, .. } = self.split();
                let answer = stores.dynamodb.call(&mut ctx, op, input);
                self.queue_wakeups();
                answer
            }
            #[cfg(feature = "video")]
            "kinesisvideo" | "kinesis-video-archived-media" => {
                let Split { ctx, video, .. } = self.split();
                let answer = crate::video::api::call(video, &ctx, op, input);
                self.queue_video_wakeup();
                answer
            }
            #[cfg(not(feature = "video"))]
            "kinesisvideo" | "kinesis-video-archived-media" => Err(not_in_this_build(service)),
            // A build without these models (the page's first load) says where they are.
            #[cfg(not(feature = "emr"))]
            "emr" => Err(not_in_this_build(service)),
            #[cfg(not(feature = "dynamodb"))]
            "dynamodb" => Err(not_in_this_build(service)),
            #[cfg(not(feature = "redshift-data"))]
            "redshift-data" => Err(not_in_this_build(service)),
            other => Err(ApiError::new(
                ErrorType::UnknownOperationException,
                format!("ShardLab does not model the service '{other}'."),
            )),
        }
    }
}

/// The answer of a build without `service`'s model (the page's first load has no EMR,
/// DynamoDB or Redshift Data API; it switches to the build with them when a scenario places
/// one of their components).
#[allow(dead_code)]
fn not_in_this_build(service: &str) -> ApiError {
    ApiError::new(
        ErrorType::UnknownOperationException,
        format!(
            "This build of the lab has no {service} model: place an EMR, DynamoDB, Redshift or video component and the page loads the build that has it."
        ),
    )
}
