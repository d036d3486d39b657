//! A scenario as the AWS CLI commands that build it: a shell script. Every `aws` line is one
//! command in the syntax the page's console accepts (JSON in quotes, shorthand lists), so
//! the same lines rebuild the pipeline in the lab. ARNs name `${REGION}` and `${ACCOUNT}`,
//! which the script sets first (in the lab they are us-east-1 and 123456789012).

use serde_json::{json, Value};
use shardlab_sim::kinesis::limits::{ACCOUNT_ID, REGION};
use shardlab_sim::kinesis::stream::StreamMode;
use shardlab_sim::pipeline::emr_settings::TaskMarket;
use shardlab_sim::scenario::{ComponentKind, ComponentSpec, ProducerTarget};
use shardlab_sim::Scenario;

/// The script: buckets and tables first, then streams, consumers, functions, delivery streams
/// and clusters, so that each command finds what it names.
pub fn cli_script(scenario: &Scenario) -> String {
    let mut out = format!(
        "#!/bin/sh\n\
         # ShardLab export of the scenario \"{}\" as AWS CLI commands.\n\
         # Its kinesis, firehose, s3api, dynamodb and emr lines also run in the lab's console\n\
         # (with ${{REGION}} and ${{ACCOUNT}} written out: {REGION} and {ACCOUNT_ID}); the lab\n\
         # has no IAM or Lambda API, and no `wait`: there, let the clock run instead.\n\
         set -eu\n\
         REGION=\"${{AWS_REGION:-{REGION}}}\"\n\
         ACCOUNT=\"$(aws sts get-caller-identity --query Account --output text)\"\n",
        scenario.name.replace('\n', " ")
    );
    let order: [fn(&ComponentKind) -> bool; 6] = [
        |k| matches!(k, ComponentKind::S3Bucket(_) | ComponentKind::DynamoDbTable(_)),
        |k| matches!(k, ComponentKind::DataStream(_)),
        |k| matches!(k, ComponentKind::EfoConsumer(_) | ComponentKind::FirehoseTransform(_)),
        |k| matches!(k, ComponentKind::LambdaConsumer(_) | ComponentKind::Firehose(_)),
        |k| matches!(k, ComponentKind::EmrCluster(_)),
        |k| matches!(k, ComponentKind::Producer(_) | ComponentKind::PollingConsumer(_) | ComponentKind::KclApp(_)),
    ];
    for in_stage in order {
        for c in scenario.components.iter().filter(|c| in_stage(&c.kind)) {
            let lines = commands(scenario, c);
            if !lines.is_empty() {
                out.push('\n');
                out.push_str(&lines.join("\n"));
                out.push('\n');
            }
        }
    }
    out
}

/// A word for the shell (and the console): single-quoted unless it is plain.
fn quoted(word: &str) -> String {
    if !word.is_empty() && word.chars().all(|c| c.is_ascii_alphanumeric() || "-_./:=,@".contains(c)) {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

/// JSON for the shell with `${REGION}` and `${ACCOUNT}` expanded: double-quoted, its own
/// quotes escaped.
fn json_with_vars(v: &Value) -> String {
    let text = v.to_string().replace(ACCOUNT_ID, "${ACCOUNT}").replace(&format!(":{REGION}:"), ":${REGION}:");
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\"").replace('`', "\\`"))
}

fn stream_arn(name: &str) -> String {
    format!("\"arn:aws:kinesis:${{REGION}}:${{ACCOUNT}}:stream/{name}\"")
}

fn role_arn(name: &str) -> String {
    format!("\"arn:aws:iam::${{ACCOUNT}}:role/{name}\"")
}

/// `aws iam create-role` for a service, and its inline policy when it has one.
fn role(name: &str, service: &str, managed: Option<&str>, policy: Option<Value>) -> Vec<String> {
    let trust = crate::iam::trust(service);
    let mut lines = vec![format!(
        "aws iam create-role --role-name {name} --assume-role-policy-document {}",
        quoted(&trust.to_string())
    )];
    if let Some(arn) = managed {
        lines.push(format!("aws iam attach-role-policy --role-name {name} --policy-arn {arn}"));
    }
    if let Some(p) = policy {
        lines.push(format!(
            "aws iam put-role-policy --role-name {name} --policy-name allow --policy-document {}",
            json_with_vars(&p)
        ));
    }
    // A new role takes a few seconds to reach the service that assumes it.
    lines.push(format!("aws iam wait role-exists --role-name {name} && sleep 10"));
    lines
}

fn allow(actions: &[&str], resources: &[String]) -> Value {
    crate::iam::statement(actions, resources.iter().map(|r| json!(r)).collect())
}

fn policy(statements: Vec<Value>) -> Value {
    crate::iam::document(statements)
}

/// A Python function from `code`, zipped as Lambda takes it.
fn function(name: &str, code: &str, role_name: &str) -> Vec<String> {
    vec![
        format!("cat > index.py <<'PY'\n{}PY", code),
        format!("rm -f {name}.zip && zip -q {name}.zip index.py"),
        format!(
            "aws lambda create-function --function-name {name} --runtime python3.12 --handler index.handler --role {} --zip-file fileb://{name}.zip",
            role_arn(role_name)
        ),
    ]
}

fn stream_name_of(scenario: &Scenario, id: &str) -> Option<String> {
    scenario.stream_of_wire(id)
}

fn commands(scenario: &Scenario, c: &ComponentSpec) -> Vec<String> {
    let label = crate::names::label(c);
    let comment = |text: String| vec![format!("# {text}")];
    match &c.kind {
        ComponentKind::S3Bucket(b) => vec![
            format!("# The S3 bucket {label} (bucket names are global: choose your own if it is taken)."),
            format!("aws s3api create-bucket --bucket {}", quoted(&b.bucket)),
        ],
        ComponentKind::DynamoDbTable(t) => {
            let pk_type = serde_json::to_value(t.partition_key_type)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or("S".into());
            let mut attributes = format!("AttributeName={},AttributeType={pk_type}", t.partition_key);
            let mut keys = format!("AttributeName={},KeyType=HASH", t.partition_key);
            if !t.sort_key.is_empty() {
                attributes.push_str(&format!(" AttributeName={},AttributeType=S", t.sort_key));
                keys.push_str(&format!(" AttributeName={},KeyType=RANGE", t.sort_key));
            }
            vec![
                format!("# The DynamoDB table {label}."),
                format!("aws dynamodb create-table --table-name {} --attribute-definitions {attributes} --key-schema {keys} --billing-mode PAY_PER_REQUEST", quoted(&t.table_name)),
            ]
        }
        ComponentKind::DataStream(s) => {
            let mut lines = vec![format!("# The data stream {label}.")];
            lines.push(match s.mode {
                StreamMode::Provisioned => format!(
                    "aws kinesis create-stream --stream-name {} --shard-count {}",
                    quoted(&s.stream_name),
                    s.shard_count
                ),
                StreamMode::OnDemand => format!(
                    "aws kinesis create-stream --stream-name {} --stream-mode-details StreamMode=ON_DEMAND",
                    quoted(&s.stream_name)
                ),
            });
            if s.retention_hours != 24 {
                lines.push(format!("aws kinesis wait stream-exists --stream-name {}", quoted(&s.stream_name)));
                lines.push(format!(
                    "aws kinesis increase-stream-retention-period --stream-name {} --retention-period-hours {}",
                    quoted(&s.stream_name),
                    s.retention_hours
                ));
            }
            lines
        }
        ComponentKind::EfoConsumer(e) => match stream_name_of(scenario, &c.id) {
            Some(stream) => vec![
                format!("# The enhanced fan-out consumer {label}."),
                format!("aws kinesis wait stream-exists --stream-name {}", quoted(&stream)),
                format!(
                    "aws kinesis register-stream-consumer --stream-arn {} --consumer-name {}",
                    stream_arn(&stream),
                    quoted(&e.consumer_name)
                ),
            ],
            None => comment(format!("Not exported: {label}, an enhanced fan-out consumer wired to no stream.")),
        },
        ComponentKind::FirehoseTransform(t) => {
            let role_name = format!("{}-role", t.function_name);
            let mut lines =
                vec![format!("# The Firehose transform {label}: a Lambda function (port the lab's script into it).")];
            lines.extend(role(
                &role_name,
                "lambda.amazonaws.com",
                Some("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"),
                None,
            ));
            lines.extend(function(&t.function_name, &crate::function_code::transform_code(&t.code), &role_name));
            lines
        }
        ComponentKind::LambdaConsumer(l) => {
            let Some(stream) = stream_name_of(scenario, &c.id) else {
                return comment(format!("Not exported: {label}, a Lambda function wired to no stream."));
            };
            let role_name = format!("{}-role", c.id);
            let mut statements = vec![allow(
                crate::iam::KINESIS_READ,
                &[format!("arn:aws:kinesis:{REGION}:{ACCOUNT_ID}:stream/{stream}")],
            )];
            let table = scenario.table_of_wire(&c.id);
            if let Some(t) = &table {
                statements
                    .push(allow(&["dynamodb:PutItem"], &[format!("arn:aws:dynamodb:{REGION}:{ACCOUNT_ID}:table/{t}")]));
            }
            let mut lines = vec![format!("# The Lambda consumer {label}: a function and its event source mapping.")];
            lines.extend(role(
                &role_name,
                "lambda.amazonaws.com",
                Some("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"),
                Some(policy(statements)),
            ));
            lines.extend(function(&c.id, &crate::function_code::consumer_code(label, table.is_some()), &role_name));
            let start =
                serde_json::to_value(l.start).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
            lines.push(format!(
                "aws lambda create-event-source-mapping --function-name {} --event-source-arn {} --starting-position {start} --batch-size {} --maximum-batching-window-in-seconds {}",
                c.id,
                stream_arn(&stream),
                l.batch_size,
                l.batch_window_s
            ));
            lines
        }
        ComponentKind::Firehose(f) => {
            let Some(mut config) = shardlab_sim::world::delivery_config(scenario, c) else {
                return comment(format!("Not exported: {label}, a delivery stream with no destination wired."));
            };
            let role_name = format!("{}-firehose", f.delivery_stream_name);
            // The role's policy: what this delivery stream touches, as the template's.
            let mut statements = Vec::new();
            let buckets: Vec<String> = crate::json_walk::referenced(&config, "BucketARN");
            if !buckets.is_empty() {
                let resources: Vec<String> = buckets.iter().flat_map(|b| [b.clone(), format!("{b}/*")]).collect();
                statements.push(allow(crate::iam::S3_DELIVERY, &resources));
            }
            let streams = crate::json_walk::referenced(&config, "KinesisStreamARN");
            if !streams.is_empty() {
                statements.push(allow(crate::iam::KINESIS_READ, &streams));
            }
            let functions = crate::json_walk::referenced(&config, "ParameterValue");
            let functions: Vec<String> = functions.into_iter().filter(|v| v.starts_with("arn:aws:lambda:")).collect();
            if !functions.is_empty() {
                statements.push(allow(&["lambda:InvokeFunction", "lambda:GetFunctionConfiguration"], &functions));
            }
            let lab_role = format!("arn:aws:iam::{ACCOUNT_ID}:role/firehose-lab");
            let mut with = std::collections::BTreeMap::new();
            with.insert(lab_role, json!(format!("arn:aws:iam::{ACCOUNT_ID}:role/{role_name}")));
            crate::json_walk::replace_strings(&mut config, &with);
            if let Some(r) = config.get_mut("RedshiftDestinationConfiguration") {
                r["Password"] = json!("${REDSHIFT_PASSWORD}");
            }
            let mut lines = vec![format!("# The delivery stream {label}, and the role Firehose takes to deliver.")];
            lines.extend(role(&role_name, "firehose.amazonaws.com", None, Some(policy(statements))));
            if config.get("RedshiftDestinationConfiguration").is_some() {
                lines.push("REDSHIFT_PASSWORD=\"${REDSHIFT_PASSWORD:?set it to the password of the Redshift user Firehose loads as}\"".into());
            }
            if let Some(stream) = stream_name_of(scenario, &c.id) {
                lines.push(format!("aws kinesis wait stream-exists --stream-name {}", quoted(&stream)));
            }
            lines.push(format!("aws firehose create-delivery-stream --cli-input-json {}", json_with_vars(&config)));
            lines
        }
        ComponentKind::EmrCluster(e) => {
            let group = |kind: &str, count: u32, market: Option<&str>| {
                let mut g = format!("InstanceGroupType={kind},InstanceCount={count},InstanceType={}", e.instance_type);
                if let Some(m) = market {
                    g.push_str(&format!(",Market={m}"));
                }
                g
            };
            let mut groups = vec![group("MASTER", e.primary_count, None), group("CORE", e.core_count, None)];
            if e.task_count > 0 {
                let market = if e.task_market == TaskMarket::Spot { "SPOT" } else { "ON_DEMAND" };
                groups.push(group("TASK", e.task_count, Some(market)));
            }
            let terminate = if e.auto_terminate { "--auto-terminate" } else { "--no-auto-terminate" };
            let mut lines = vec![format!(
                "# The EMR cluster {label}, with the steps its map steps' first runs add in the lab (there, the Run button)."
            )];
            let mut steps = Vec::new();
            for map in scenario.components.iter().filter(|m| matches!(m.kind, ComponentKind::MapStep(_))) {
                let map_label = crate::names::label(map);
                let (plan, run) = match crate::emr_steps::first_run(scenario, &map.id) {
                    Ok(run) if run.0.cluster == c.id => run,
                    Ok(_) => continue,
                    Err(why) => {
                        if scenario.emr_step(&map.id).cluster.as_deref() == Some(c.id.as_str()) {
                            lines.push(format!("# Not exported: {map_label}: {why}"));
                        }
                        continue;
                    }
                };
                lines.extend(
                    crate::emr_steps::to_supply(&plan, map_label).into_iter().map(|n| format!("# To supply: {n}")),
                );
                if let Some(code) = plan.script_code() {
                    lines.push(format!("# The script {map_label} runs in the lab:"));
                    lines.extend(code.lines().map(|l| format!("#   {l}").trim_end().to_string()));
                }
                steps.extend(run.iter().map(|s| {
                    json!({ "Type": "CUSTOM_JAR", "Name": s.name, "ActionOnFailure": s.action_on_failure, "Jar": s.jar, "Args": s.args })
                }));
            }
            let steps = if steps.is_empty() {
                String::new()
            } else {
                format!(" --steps {}", quoted(&Value::Array(steps).to_string()))
            };
            lines.push(format!(
                "aws emr create-cluster --name {} --release-label {} --applications Name=Hadoop --use-default-roles --instance-groups {} {terminate}{steps}",
                quoted(&e.name),
                shardlab_sim::emr::api::RELEASE_LABEL,
                groups.join(" ")
            ));
            lines
        }
        ComponentKind::Producer(_) => {
            let what = match scenario.producer_target(&c.id) {
                Some(ProducerTarget::Stream(s)) => {
                    format!("kinesis:PutRecord, kinesis:PutRecords and kinesis:ListShards on the stream {s}")
                }
                Some(ProducerTarget::Firehose(f)) => {
                    format!("firehose:PutRecord and firehose:PutRecordBatch on the delivery stream {f}")
                }
                None => return comment(format!("Not exported: {label}, a producer wired to nothing.")),
            };
            comment(format!("The producer {label} is your application: give its role {what}."))
        }
        ComponentKind::PollingConsumer(_) | ComponentKind::KclApp(_) => match stream_name_of(scenario, &c.id) {
            Some(s) => comment(format!(
                "The consumer {label} is your application: give its role {} on the stream {s}{}.",
                crate::iam::KINESIS_READ.join(", "),
                if matches!(c.kind, ComponentKind::KclApp(_)) {
                    ", and the KCL's DynamoDB lease table and CloudWatch metrics"
                } else {
                    ""
                }
            )),
            None => comment(format!("Not exported: {label}, a consumer wired to no stream.")),
        },
        // Their steps are their cluster's (see above).
        ComponentKind::MapStep(_) | ComponentKind::ReduceStep(_) => Vec::new(),
        ComponentKind::Redshift(_) | ComponentKind::OpenSearch(_) | ComponentKind::HttpEndpoint(_) => Vec::new(),
        ComponentKind::AnalyticsApp(_) => comment(format!("Not exported: {label}. {}", crate::ANALYTICS_NOT_EXPORTED)),
        ComponentKind::VideoStream(v) => vec![
            format!("# The video stream {label}."),
            format!(
                "aws kinesisvideo create-stream --stream-name {} --data-retention-in-hours {}",
                quoted(&v.stream_name),
                v.retention_hours
            ),
        ],
        ComponentKind::Camera(_) | ComponentKind::VideoPlayer(_) | ComponentKind::MotionAnalyzer(_) => {
            let what = match &c.kind {
                ComponentKind::Camera(_) => "camera (the Kinesis Video Streams producer SDK on your device)",
                ComponentKind::VideoPlayer(_) => "player",
                _ => "analysis consumer",
            };
            match scenario.video_stream_of_wire(&c.id) {
                Some(s) => {
                    let mut lines = comment(format!(
                        "The {what} {label} is yours to run: give its role {} on the video stream {s}.",
                        crate::iam::video_actions(&c.kind).join(", ")
                    ));
                    if matches!(c.kind, ComponentKind::MotionAnalyzer(_)) {
                        lines.push(format!("# Its analysis: {}", crate::MOTION_NOT_EXPORTED));
                    }
                    lines
                }
                None => comment(format!("Not exported: {label}, a {what} wired to no video stream.")),
            }
        }
    }
}
