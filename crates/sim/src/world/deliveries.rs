//! The canvas's Firehose components, kept in step with the services: each delivery stream
//! wired to a destination exists in Firehose (created through the same CreateDeliveryStream
//! input the API takes, so the API's rules apply), each bucket component is a bucket, each
//! transform is a Lambda function Firehose can invoke, and each destination's outage toggle
//! is its store's availability.

use super::{Split, World};
use crate::pipeline::delivery_settings::FirehoseSettings;
use crate::scenario::{ComponentKind, ComponentSpec, Scenario, ScenarioError};
use serde_json::{json, Value};

const ROLE: &str = "arn:aws:iam::123456789012:role/firehose-lab";

fn s3_configuration(bucket: &str, f: &FirehoseSettings, hints: Option<Value>) -> Value {
    let mut c = json!({
        "BucketARN": format!("arn:aws:s3:::{bucket}"),
        "RoleARN": ROLE,
        "Prefix": f.prefix,
        "ErrorOutputPrefix": f.error_prefix,
        "CompressionFormat": f.compression,
    });
    if let Some(h) = hints {
        c["BufferingHints"] = h;
    }
    c
}

fn retry(f: &FirehoseSettings) -> Option<Value> {
    f.retry_duration_s.map(|s| json!({ "DurationInSeconds": s }))
}

/// The CreateDeliveryStream input for the Firehose component `spec` of `scenario`, or None
/// while it has no destination wired.
pub fn delivery_config(scenario: &Scenario, spec: &ComponentSpec) -> Option<Value> {
    let ComponentKind::Firehose(f) = &spec.kind else { return None };
    let outputs: Vec<&ComponentSpec> = scenario.outputs_of(&spec.id).filter_map(|id| scenario.component(id)).collect();
    let hints = json!({ "SizeInMBs": f.buffer_mib, "IntervalInSeconds": f.buffer_interval_s });
    let processing = outputs.iter().find_map(|c| match &c.kind {
        ComponentKind::FirehoseTransform(t) => Some(json!({
            "Enabled": true,
            "Processors": [{ "Type": "Lambda", "Parameters": [
                { "ParameterName": "LambdaArn", "ParameterValue": format!("arn:aws:lambda:{}:{}:function:{}", crate::kinesis::limits::REGION, crate::kinesis::limits::ACCOUNT_ID, t.function_name) },
                { "ParameterName": "BufferSizeInMBs", "ParameterValue": t.buffer_mb.to_string() },
                { "ParameterName": "BufferIntervalInSeconds", "ParameterValue": t.buffer_interval_s.to_string() },
            ]}],
        })),
        _ => None,
    });
    let (field, mut destination) = outputs.iter().find_map(|c| match &c.kind {
        ComponentKind::S3Bucket(b) => {
            Some(("ExtendedS3DestinationConfiguration", s3_configuration(&b.bucket, f, Some(hints.clone()))))
        }
        ComponentKind::Redshift(r) => Some((
            "RedshiftDestinationConfiguration",
            json!({
                "RoleARN": ROLE,
                "ClusterJDBCURL": format!("jdbc:redshift://{}.lab.{}.redshift.amazonaws.com:5439/dev", r.cluster, crate::kinesis::limits::REGION),
                "CopyCommand": { "DataTableName": r.table, "DataTableColumns": r.columns, "CopyOptions": r.copy_options },
                "Username": "lab",
                "S3Configuration": s3_configuration(&f.backup_bucket, f, Some(hints.clone())),
            }),
        )),
        ComponentKind::OpenSearch(o) => Some((
            "AmazonopensearchserviceDestinationConfiguration",
            json!({
                "RoleARN": ROLE,
                "DomainARN": format!("arn:aws:es:{}:{}:domain/{}", crate::kinesis::limits::REGION, crate::kinesis::limits::ACCOUNT_ID, o.domain),
                // Rotated as AWS rotates by default: OneDay, `index-YYYY-MM-DD`.
                "IndexName": o.index,
                "BufferingHints": hints,
                "S3BackupMode": if f.backup_all { "AllDocuments" } else { "FailedDocumentsOnly" },
                "S3Configuration": s3_configuration(&f.backup_bucket, f, None),
            }),
        )),
        ComponentKind::HttpEndpoint(h) => Some((
            "HttpEndpointDestinationConfiguration",
            json!({
                "RoleARN": ROLE,
                "EndpointConfiguration": { "Url": h.url, "Name": h.name },
                "BufferingHints": hints,
                "S3BackupMode": if f.backup_all { "AllData" } else { "FailedDataOnly" },
                "S3Configuration": s3_configuration(&f.backup_bucket, f, None),
            }),
        )),
        _ => None,
    })?;
    if let Some(r) = retry(f) {
        destination["RetryOptions"] = r;
    }
    if let Some(p) = processing {
        destination["ProcessingConfiguration"] = p;
    }
    let mut input = json!({ "DeliveryStreamName": f.delivery_stream_name, field: destination });
    let source = scenario.inputs_of(&spec.id).find_map(|id| match scenario.component(id).map(|c| &c.kind) {
        Some(ComponentKind::DataStream(s)) => Some(s.stream_name.clone()),
        _ => None,
    });
    if let Some(stream) = source {
        input["DeliveryStreamType"] = json!("KinesisStreamAsSource");
        input["KinesisStreamSourceConfiguration"] = json!({
            "KinesisStreamARN": format!("arn:aws:kinesis:{}:{}:stream/{stream}", crate::kinesis::limits::REGION, crate::kinesis::limits::ACCOUNT_ID),
            "RoleARN": ROLE,
        });
    }
    Some(input)
}

impl World {
    /// A Lambda function Firehose may invoke, as `aws lambda create-function` makes one
    /// outside the canvas (the lab does not model Lambda's own API): its code is the transform
    /// script the lab runs. The canvas's transforms replace such functions when the world next
    /// follows an edited canvas.
    pub fn create_function(&mut self, name: &str, code: &str) {
        self.firehose.functions.insert(name.to_string(), code.to_string());
    }
}

/// Whether the function a stream's transform runs has new code on the canvas (the
/// configuration, which names the function, is the same).
fn transform_code_changed(
    s: &crate::firehose::stream::DeliveryStream,
    functions: &std::collections::BTreeMap<String, String>,
) -> bool {
    s.transform.as_ref().is_some_and(|t| {
        let name = t.lambda_arn.rsplit(':').next().unwrap_or_default();
        functions.get(name).is_some_and(|code| *code != t.function.code)
    })
}

/// Whether a component belongs to the delivery side (what `sync_deliveries` looks after).
pub fn is_delivery(kind: &ComponentKind) -> bool {
    kind.kind().is_destination() || matches!(kind, ComponentKind::Firehose(_) | ComponentKind::FirehoseTransform(_))
}

impl World {
    /// Whether a delivery stream has a transform, or an EMR script job is queued or running,
    /// so the script engine is needed.
    fn needs_script_engine(&self) -> bool {
        #[cfg(feature = "emr")]
        if self.emr_needs_script_engine() {
            return true;
        }
        self.firehose.streams.values().any(|s| s.transform.is_some())
    }

    /// Whether the clock must wait for the script engine: a transform or a script job's task
    /// could fall due and the engine has not loaded (only in the page, which loads it on demand). Holding the
    /// clock rather than failing invocations keeps a run the same wherever it runs.
    pub fn waiting_for_script_engine(&self) -> bool {
        self.needs_script_engine() && !crate::firehose::transform::engine_ready()
    }

    /// Brings the services in step with the delivery components of `next`. `at_start`: the
    /// scenario is being loaded, so its delivery streams exist already (ACTIVE), as its data
    /// streams do.
    pub(super) fn sync_deliveries(
        &mut self,
        old: &Scenario,
        next: &Scenario,
        at_start: bool,
    ) -> Result<(), ScenarioError> {
        let refused = |id: &str, e: crate::kinesis::ApiError| ScenarioError::BadSetting {
            id: id.to_string(),
            setting: "wiring",
            rule: e.message,
        };
        let Split { mut ctx, kinesis, firehose, stores, .. } = self.split();
        // Functions first: a delivery stream's transform names one.
        firehose.functions.clear();
        for c in &next.components {
            if let ComponentKind::FirehoseTransform(t) = &c.kind {
                firehose.functions.insert(t.function_name.clone(), t.code.clone());
            }
        }
        // Buckets: a removed bucket component deletes its bucket (and what it held); the
        // backup buckets delivery streams name are made for them.
        let buckets = |s: &Scenario| -> Vec<String> {
            s.components
                .iter()
                .filter_map(|c| match &c.kind {
                    ComponentKind::S3Bucket(b) => Some(b.bucket.clone()),
                    _ => None,
                })
                .collect()
        };
        let wanted = buckets(next);
        for gone in buckets(old).into_iter().filter(|b| !wanted.contains(b)) {
            stores.s3.buckets.remove(&gone);
        }
        let backups = next.components.iter().filter_map(|c| match &c.kind {
            ComponentKind::Firehose(f)
                if delivery_config(next, c).is_some_and(|v| v.get("ExtendedS3DestinationConfiguration").is_none()) =>
            {
                Some(f.backup_bucket.clone())
            }
            _ => None,
        });
        for bucket in wanted.iter().cloned().chain(backups.collect::<Vec<_>>()) {
            if !stores.s3.buckets.contains_key(&bucket) {
                let _ = stores.s3.create_bucket(ctx.now, &bucket);
            }
        }
        // Sample data a bucket starts with: put when the scenario loads and when the setting
        // changes (a learner who deleted the object through the API gets it back by asking
        // for it again). It is there for EMR jobs, so only the build with EMR makes it (the
        // page switches to that build when a bucket asks for sample data).
        #[cfg(feature = "emr")]
        for c in &next.components {
            let ComponentKind::S3Bucket(b) = &c.kind else { continue };
            let Some(sample) = &b.sample else { continue };
            let before = old.component(&c.id).and_then(|o| match &o.kind {
                ComponentKind::S3Bucket(ob) => ob.sample.clone(),
                _ => None,
            });
            let key = sample.key();
            let Some(bucket) = stores.s3.buckets.get_mut(&b.bucket) else { continue };
            if at_start || before.as_ref() != Some(sample) {
                let body = sample.dataset.generate(sample.kib as usize * 1024, next.seed);
                bucket.objects.insert(key, crate::stores::s3::Object::new(body, ctx.now, None));
            }
        }
        // Delivery streams: gone or unwired ones are deleted, new ones created, changed ones
        // reconfigured.
        let configs: Vec<(&ComponentSpec, Option<Value>)> = next
            .components
            .iter()
            .filter(|c| matches!(c.kind, ComponentKind::Firehose(_)))
            .map(|c| (c, delivery_config(next, c)))
            .collect();
        let wanted_names: Vec<&str> = configs
            .iter()
            .filter(|(_, v)| v.is_some())
            .filter_map(|(c, _)| match &c.kind {
                ComponentKind::Firehose(f) => Some(f.delivery_stream_name.as_str()),
                _ => None,
            })
            .collect();
        let existing: Vec<String> = firehose.streams.keys().cloned().collect();
        for name in existing.iter().filter(|n| !wanted_names.contains(&n.as_str())) {
            // Only the canvas's own: streams made through the API stay.
            if old
                .components
                .iter()
                .any(|c| matches!(&c.kind, ComponentKind::Firehose(f) if &f.delivery_stream_name == name))
            {
                let _ = firehose.call(
                    &mut ctx,
                    kinesis,
                    stores,
                    "DeleteDeliveryStream",
                    json!({ "DeliveryStreamName": name }),
                );
            }
        }
        for (spec, config) in configs {
            let Some(config) = config else { continue };
            let name = config["DeliveryStreamName"].as_str().unwrap_or_default().to_string();
            match firehose.streams.get(&name).filter(|s| !s.deleting) {
                None => {
                    firehose.create(&mut ctx, kinesis, stores, config).map_err(|e| refused(&spec.id, e))?;
                    if at_start {
                        let s = firehose.streams.get_mut(&name).expect("just created");
                        s.active_at = s.created;
                    }
                }
                Some(s) if s.config != config || transform_code_changed(s, &firehose.functions) => {
                    firehose.reconfigure(&mut ctx, stores, config).map_err(|e| refused(&spec.id, e))?;
                }
                Some(_) => {}
            }
        }
        // Outage toggles.
        for c in &next.components {
            match &c.kind {
                ComponentKind::Redshift(r) => {
                    stores.redshift.ensure_table(
                        &r.cluster,
                        &r.table,
                        &r.columns.split(',').map(|c| c.trim().to_string()).collect::<Vec<_>>(),
                    );
                    if let Some(cluster) = stores.redshift.clusters.get_mut(&r.cluster) {
                        cluster.available = r.available;
                    }
                }
                ComponentKind::OpenSearch(o) => stores.opensearch.ensure_domain(&o.domain).available = o.available,
                ComponentKind::HttpEndpoint(h) => stores.http.ensure(&h.url).available = h.available,
                _ => {}
            }
        }
        self.queue_wakeups();
        Ok(())
    }
}
