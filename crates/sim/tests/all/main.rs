//! The model's integration tests, one binary (one link instead of one per file).

mod analytics_canvas;
mod aws_rules;
mod determinism;
mod editing;
mod emr;
mod emr_canvas;
mod firehose;
mod firehose_canvas;
mod firehose_destinations;
mod firehose_properties;
mod journal;
mod kcl_leases;
mod kinesis_api;
mod kinesis_properties;
mod kpl_aggregation;
mod lambda_dynamodb;
mod pipeline;
mod video_canvas;
