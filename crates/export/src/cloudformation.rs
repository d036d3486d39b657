//! A scenario as a CloudFormation template: each component that is an AWS resource becomes
//! one (or a few: a function and its role), wired with `Ref` and `Fn::GetAtt` as the canvas
//! wires them, names as parameters (their defaults the lab's), ARNs as outputs. Producers and
//! consumers are applications, not resources: each gets the managed policy its application
//! needs, named for what it allows.

use crate::function_code::{consumer_code, transform_code};
use crate::iam::{self, bucket_and_objects, get_att, reference, statement, sub, trust};
use crate::json_walk::{referenced, replace_strings};
use crate::names::logical_ids;
use serde_json::{json, Map, Value};
use shardlab_sim::kinesis::limits::{ACCOUNT_ID, REGION};
use shardlab_sim::kinesis::stream::StreamMode;
use shardlab_sim::pipeline::emr_settings::TaskMarket;
use shardlab_sim::scenario::{ComponentKind, ComponentSpec, ProducerTarget};
use shardlab_sim::Scenario;
use std::collections::BTreeMap;

/// How long an auto-terminating cluster with steps stays idle before it ends (seconds): long
/// enough for CloudFormation to add its steps once it is up (EMR takes 60 s to 7 days).
const AUTO_TERMINATION_IDLE_S: u32 = 600;

/// The template under construction.
struct Template<'a> {
    scenario: &'a Scenario,
    ids: BTreeMap<String, String>,
    parameters: Map<String, Value>,
    resources: Map<String, Value>,
    outputs: Map<String, Value>,
    /// What was not exported, and why: the template's header comment says it.
    skipped: Vec<String>,
    /// What the lab supplies and AWS does not (a lab-only JAR, a script to port): the header
    /// says it too.
    to_supply: Vec<String>,
}

/// The template as YAML, with a header that says how to deploy it and what it leaves out.
pub fn cloudformation(scenario: &Scenario) -> String {
    let (template, skipped, to_supply) = build(scenario);
    let mut out = format!(
        "# ShardLab export of the scenario \"{}\" as a CloudFormation template.\n\
         # Deploy it with:\n\
         #   aws cloudformation deploy --template-file template.yaml --stack-name shardlab-lab \\\n\
         #     --capabilities CAPABILITY_IAM\n\
         # Names are parameters whose defaults are the lab's; S3 bucket names are global, so\n\
         # you may have to choose others (--parameter-overrides).\n",
        scenario.name.replace('\n', " ")
    );
    for s in &skipped {
        out.push_str(&format!("# Not exported: {s}\n"));
    }
    for s in &to_supply {
        out.push_str(&format!("# To supply: {s}\n"));
    }
    out.push_str(&crate::yaml::to_yaml(&template));
    out
}

/// The template as a JSON value, and what it leaves out.
pub fn template(scenario: &Scenario) -> (Value, Vec<String>) {
    let (doc, skipped, _) = build(scenario);
    (doc, skipped)
}

fn build(scenario: &Scenario) -> (Value, Vec<String>, Vec<String>) {
    let mut t = Template {
        scenario,
        ids: logical_ids(scenario),
        parameters: Map::new(),
        resources: Map::new(),
        outputs: Map::new(),
        skipped: Vec::new(),
        to_supply: Vec::new(),
    };
    for c in &scenario.components {
        t.component(c);
    }
    let mut doc = json!({
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": format!("ShardLab scenario: {}", scenario.name),
    });
    if !t.parameters.is_empty() {
        doc["Parameters"] = Value::Object(t.parameters);
    }
    doc["Resources"] = Value::Object(t.resources);
    if !t.outputs.is_empty() {
        doc["Outputs"] = Value::Object(t.outputs);
    }
    (doc, t.skipped, t.to_supply)
}

fn stream_mode(mode: StreamMode) -> &'static str {
    match mode {
        StreamMode::Provisioned => "PROVISIONED",
        StreamMode::OnDemand => "ON_DEMAND",
    }
}

impl Template<'_> {
    fn id(&self, component: &str) -> String {
        self.ids[component].clone()
    }

    /// A String parameter with the lab's value as its default; its `Ref`.
    fn parameter(&mut self, name: &str, default: &str, description: &str) -> Value {
        self.parameters
            .insert(name.into(), json!({ "Type": "String", "Default": default, "Description": description }));
        reference(name)
    }

    fn resource(&mut self, logical: &str, kind: &str, properties: Value) {
        self.resources.insert(logical.into(), json!({ "Type": kind, "Properties": properties }));
    }

    fn output(&mut self, name: &str, value: Value, description: &str) {
        self.outputs.insert(name.into(), json!({ "Description": description, "Value": value }));
    }

    /// The logical ID of the component `id` wires to (`outputs`) or from (`inputs`) that
    /// matches `want`.
    fn wired(&self, id: &str, outputs: bool, want: fn(&ComponentKind) -> bool) -> Option<String> {
        let s = self.scenario;
        let mut others: Box<dyn Iterator<Item = &str>> =
            if outputs { Box::new(s.outputs_of(id)) } else { Box::new(s.inputs_of(id)) };
        others.find(|o| s.component(o).is_some_and(|c| want(&c.kind))).map(|o| self.id(o))
    }

    fn component(&mut self, c: &ComponentSpec) {
        let l = self.id(&c.id);
        let label = crate::names::label(c).to_string();
        match &c.kind {
            ComponentKind::DataStream(st) => {
                let name = self.parameter(&format!("{l}Name"), &st.stream_name, &format!("The data stream {label}"));
                let mut p = json!({
                    "Name": name,
                    "RetentionPeriodHours": st.retention_hours,
                    "StreamModeDetails": { "StreamMode": stream_mode(st.mode) },
                });
                if st.mode == StreamMode::Provisioned {
                    p["ShardCount"] = json!(st.shard_count);
                }
                self.resource(&l, "AWS::Kinesis::Stream", p);
                self.output(&format!("{l}Arn"), get_att(&l, "Arn"), &format!("The data stream {label}"));
            }
            ComponentKind::S3Bucket(b) => {
                let name = self.parameter(
                    &format!("{l}BucketName"),
                    &b.bucket,
                    &format!("The S3 bucket {label} (bucket names are global: choose one of your own)"),
                );
                self.resource(&l, "AWS::S3::Bucket", json!({ "BucketName": name }));
                self.output(&format!("{l}Arn"), get_att(&l, "Arn"), &format!("The S3 bucket {label}"));
            }
            ComponentKind::DynamoDbTable(t) => {
                let name = self.parameter(&format!("{l}TableName"), &t.table_name, &format!("The table {label}"));
                let pk_type = serde_json::to_value(t.partition_key_type).unwrap_or(json!("S"));
                let mut attributes = vec![json!({ "AttributeName": t.partition_key, "AttributeType": pk_type })];
                let mut keys = vec![json!({ "AttributeName": t.partition_key, "KeyType": "HASH" })];
                if !t.sort_key.is_empty() {
                    attributes.push(json!({ "AttributeName": t.sort_key, "AttributeType": "S" }));
                    keys.push(json!({ "AttributeName": t.sort_key, "KeyType": "RANGE" }));
                }
                self.resource(
                    &l,
                    "AWS::DynamoDB::Table",
                    json!({ "TableName": name, "AttributeDefinitions": attributes, "KeySchema": keys, "BillingMode": "PAY_PER_REQUEST" }),
                );
                self.output(&format!("{l}Arn"), get_att(&l, "Arn"), &format!("The table {label}"));
            }
            ComponentKind::EfoConsumer(e) => {
                let Some(stream) = self.wired(&c.id, false, |k| matches!(k, ComponentKind::DataStream(_))) else {
                    return self.skipped.push(format!("{label}: an enhanced fan-out consumer wired to no stream"));
                };
                self.resource(
                    &l,
                    "AWS::Kinesis::StreamConsumer",
                    json!({ "ConsumerName": e.consumer_name, "StreamARN": get_att(&stream, "Arn") }),
                );
                let statements = vec![
                    statement(&["kinesis:SubscribeToShard", "kinesis:DescribeStreamConsumer"], vec![reference(&l)]),
                    statement(&["kinesis:DescribeStreamSummary", "kinesis:ListShards"], vec![get_att(&stream, "Arn")]),
                ];
                self.app_policy(
                    &l,
                    &format!("Lets the application {label} read its stream through enhanced fan-out"),
                    statements,
                );
                self.output(&format!("{l}Arn"), reference(&l), &format!("The enhanced fan-out consumer {label}"));
            }
            ComponentKind::Producer(_) => self.producer(c, &l, &label),
            ComponentKind::PollingConsumer(_) | ComponentKind::KclApp(_) => {
                let Some(stream) = self.wired(&c.id, false, |k| matches!(k, ComponentKind::DataStream(_))) else {
                    return self.skipped.push(format!("{label}: a consumer wired to no stream"));
                };
                let mut statements = vec![statement(iam::KINESIS_READ, vec![get_att(&stream, "Arn")])];
                if matches!(c.kind, ComponentKind::KclApp(_)) {
                    // The KCL keeps its leases in a DynamoDB table named after the application.
                    let table = sub(&format!(
                        "arn:${{AWS::Partition}}:dynamodb:${{AWS::Region}}:${{AWS::AccountId}}:table/{}",
                        c.id
                    ));
                    statements.push(statement(
                        &[
                            "dynamodb:CreateTable",
                            "dynamodb:DescribeTable",
                            "dynamodb:GetItem",
                            "dynamodb:PutItem",
                            "dynamodb:UpdateItem",
                            "dynamodb:DeleteItem",
                            "dynamodb:Scan",
                        ],
                        vec![table],
                    ));
                    statements.push(statement(&["cloudwatch:PutMetricData"], vec![json!("*")]));
                }
                self.app_policy(&l, &format!("Lets the application {label} read its data stream"), statements);
            }
            ComponentKind::LambdaConsumer(lambda) => {
                let Some(stream) = self.wired(&c.id, false, |k| matches!(k, ComponentKind::DataStream(_))) else {
                    return self.skipped.push(format!("{label}: a Lambda function wired to no stream"));
                };
                let mut statements = vec![statement(iam::KINESIS_READ, vec![get_att(&stream, "Arn")])];
                let table = self.wired(&c.id, true, |k| matches!(k, ComponentKind::DynamoDbTable(_)));
                if let Some(table) = &table {
                    statements.push(statement(&["dynamodb:PutItem"], vec![get_att(table, "Arn")]));
                }
                let code = consumer_code(&label, table.is_some());
                self.function(&l, &label, code, statements);
                self.resource(
                    &format!("{l}Mapping"),
                    "AWS::Lambda::EventSourceMapping",
                    json!({
                        "EventSourceArn": get_att(&stream, "Arn"),
                        "FunctionName": reference(&l),
                        "StartingPosition": lambda.start,
                        "BatchSize": lambda.batch_size,
                        "MaximumBatchingWindowInSeconds": lambda.batch_window_s,
                    }),
                );
            }
            ComponentKind::FirehoseTransform(t) => {
                let code = transform_code(&t.code);
                self.function(&l, &label, code, Vec::new());
            }
            ComponentKind::Firehose(_) => self.firehose(c, &l, &label),
            ComponentKind::EmrCluster(_) => self.emr_cluster(c, &l, &label),
            ComponentKind::MapStep(_) => self.map_step(c, &label),
            // Its reducers are part of the job its map step submits.
            ComponentKind::ReduceStep(_) => {}
            ComponentKind::AnalyticsApp(_) => self.skipped.push(format!("{label}: {}", crate::ANALYTICS_NOT_EXPORTED)),
            ComponentKind::VideoStream(v) => {
                let name = self.parameter(&format!("{l}Name"), &v.stream_name, &format!("The video stream {label}"));
                self.resource(
                    &l,
                    "AWS::KinesisVideo::Stream",
                    json!({ "Name": name, "DataRetentionInHours": v.retention_hours }),
                );
                self.output(&format!("{l}Arn"), get_att(&l, "Arn"), &format!("The video stream {label}"));
            }
            ComponentKind::Camera(_) | ComponentKind::VideoPlayer(_) | ComponentKind::MotionAnalyzer(_) => {
                let Some(stream) = self.wired(&c.id, matches!(c.kind, ComponentKind::Camera(_)), |k| {
                    matches!(k, ComponentKind::VideoStream(_))
                }) else {
                    return self.skipped.push(format!("{label}: a video client wired to no video stream"));
                };
                let statements = vec![statement(iam::video_actions(&c.kind), vec![get_att(&stream, "Arn")])];
                let mut description = format!("Lets {label} use its video stream");
                if matches!(c.kind, ComponentKind::MotionAnalyzer(_)) {
                    self.skipped.push(format!("{label}: {}", crate::MOTION_NOT_EXPORTED));
                    description.push_str(" (the analysis itself is your application)");
                }
                self.app_policy(&l, &description, statements);
            }
            ComponentKind::Redshift(_) | ComponentKind::OpenSearch(_) | ComponentKind::HttpEndpoint(_) => {
                // Delivered to by Firehose, whose delivery stream takes their address as a
                // parameter; the cluster, domain or endpoint itself is yours.
            }
        }
    }

    /// A managed policy for an application the template does not run (a producer, a consumer).
    fn app_policy(&mut self, l: &str, description: &str, statements: Vec<Value>) {
        self.resource(
            &format!("{l}Policy"),
            "AWS::IAM::ManagedPolicy",
            json!({ "Description": description, "PolicyDocument": iam::document(statements) }),
        );
    }

    fn producer(&mut self, c: &ComponentSpec, l: &str, label: &str) {
        let target = self.scenario.producer_target(&c.id);
        let find = |want: &str, firehose: bool| {
            self.scenario.components.iter().find(|o| match &o.kind {
                ComponentKind::DataStream(s) if !firehose => s.stream_name == want,
                ComponentKind::Firehose(f) if firehose => f.delivery_stream_name == want,
                _ => false,
            })
        };
        let (actions, to) = match &target {
            Some(ProducerTarget::Stream(name)) => (iam::KINESIS_WRITE, find(name, false)),
            Some(ProducerTarget::Firehose(name)) => {
                (&["firehose:PutRecord", "firehose:PutRecordBatch"][..], find(name, true))
            }
            None => (&[][..], None),
        };
        let Some(to) = to.map(|o| self.id(&o.id)) else {
            return self.skipped.push(format!("{label}: a producer wired to nothing"));
        };
        let statements = vec![statement(actions, vec![get_att(&to, "Arn")])];
        self.app_policy(l, &format!("Lets the producer {label} write its records"), statements);
    }

    /// A Python function with a role that may log and do `statements`.
    fn function(&mut self, l: &str, label: &str, code: String, statements: Vec<Value>) {
        let mut role = json!({
            "AssumeRolePolicyDocument": trust("lambda.amazonaws.com"),
            "ManagedPolicyArns": [sub("arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole")],
        });
        if !statements.is_empty() {
            role["Policies"] =
                json!([{ "PolicyName": "what-the-function-does", "PolicyDocument": iam::document(statements) }]);
        }
        self.resource(&format!("{l}Role"), "AWS::IAM::Role", role);
        self.resource(
            l,
            "AWS::Lambda::Function",
            json!({
                "Description": format!("{label}, exported from ShardLab"),
                "Runtime": "python3.12",
                "Handler": "index.handler",
                "Timeout": 60,
                "Role": get_att(&format!("{l}Role"), "Arn"),
                "Code": { "ZipFile": code },
            }),
        );
        self.output(&format!("{l}Arn"), get_att(l, "Arn"), &format!("The function {label}"));
    }

    fn firehose(&mut self, c: &ComponentSpec, l: &str, label: &str) {
        let Some(config) = shardlab_sim::world::delivery_config(self.scenario, c) else {
            return self.skipped.push(format!("{label}: a delivery stream with no destination wired"));
        };
        let ComponentKind::Firehose(f) = &c.kind else { return };
        let role = format!("{l}Role");
        let mut arns: BTreeMap<String, Value> = BTreeMap::new();
        let mut statements = Vec::new();
        arns.insert(format!("arn:aws:iam::{ACCOUNT_ID}:role/firehose-lab"), get_att(&role, "Arn"));
        // Buckets on the canvas by their ARN; a backup bucket not on the canvas is made here.
        let bucket_logical = |t: &mut Template, name: &str| -> String {
            let on_canvas = t
                .scenario
                .components
                .iter()
                .find(|o| matches!(&o.kind, ComponentKind::S3Bucket(b) if b.bucket == name));
            match on_canvas {
                Some(o) => t.id(&o.id),
                None => {
                    let logical = format!("{l}BackupBucket");
                    if !t.resources.contains_key(&logical) {
                        let name =
                            t.parameter(&format!("{logical}Name"), name, &format!("The backup bucket of {label}"));
                        t.resource(&logical, "AWS::S3::Bucket", json!({ "BucketName": name }));
                    }
                    logical
                }
            }
        };
        for bucket in referenced(&config, "BucketARN") {
            let name = bucket.trim_start_matches("arn:aws:s3:::").to_string();
            let logical = bucket_logical(self, &name);
            statements.push(statement(iam::S3_DELIVERY, bucket_and_objects(&logical)));
            arns.insert(bucket, get_att(&logical, "Arn"));
        }
        for stream in referenced(&config, "KinesisStreamARN") {
            if let Some(s) = self.wired(&c.id, false, |k| matches!(k, ComponentKind::DataStream(_))) {
                statements.push(statement(iam::KINESIS_READ, vec![get_att(&s, "Arn")]));
                arns.insert(stream, get_att(&s, "Arn"));
            }
        }
        if let Some(t) = self.wired(&c.id, true, |k| matches!(k, ComponentKind::FirehoseTransform(_))) {
            statements.push(statement(
                &["lambda:InvokeFunction", "lambda:GetFunctionConfiguration"],
                vec![get_att(&t, "Arn")],
            ));
            let function = self.scenario.components.iter().find(|o| self.ids[&o.id] == t).and_then(|o| match &o.kind {
                ComponentKind::FirehoseTransform(tr) => Some(tr.function_name.clone()),
                _ => None,
            });
            if let Some(name) = function {
                arns.insert(format!("arn:aws:lambda:{REGION}:{ACCOUNT_ID}:function:{name}"), get_att(&t, "Arn"));
            }
        }
        // A destination outside the template: its address is a parameter.
        let mut config = config;
        if let Some(r) = config.get_mut("RedshiftDestinationConfiguration") {
            let url = r["ClusterJDBCURL"].as_str().unwrap_or_default().to_string();
            r["ClusterJDBCURL"] = self.parameter(&format!("{l}JdbcUrl"), &url, "The Redshift cluster's JDBC URL");
            r["Username"] = self.parameter(&format!("{l}Username"), "lab", "The Redshift user Firehose loads as");
            self.parameters.insert(
                format!("{l}Password"),
                json!({ "Type": "String", "NoEcho": true, "Description": "That user's password" }),
            );
            r["Password"] = reference(&format!("{l}Password"));
        }
        if let Some(o) = config.get_mut("AmazonopensearchserviceDestinationConfiguration") {
            let arn = o["DomainARN"].as_str().unwrap_or_default().to_string();
            o["DomainARN"] = self.parameter(&format!("{l}DomainArn"), &arn, "The OpenSearch domain's ARN");
            o["IndexRotationPeriod"] = json!("OneDay");
        }
        replace_strings(&mut config, &arns);
        let mut p = Map::new();
        p.insert(
            "DeliveryStreamName".into(),
            self.parameter(&format!("{l}Name"), &f.delivery_stream_name, &format!("The delivery stream {label}")),
        );
        p.insert("DeliveryStreamType".into(), config.get("DeliveryStreamType").cloned().unwrap_or(json!("DirectPut")));
        if let Value::Object(fields) = config {
            for (k, v) in fields {
                if k != "DeliveryStreamName" && k != "DeliveryStreamType" {
                    p.insert(k, v);
                }
            }
        }
        let policy = json!([{ "PolicyName": "deliver", "PolicyDocument": iam::document(statements) }]);
        self.resource(
            &role,
            "AWS::IAM::Role",
            json!({ "AssumeRolePolicyDocument": trust("firehose.amazonaws.com"), "Policies": policy }),
        );
        self.resource(l, "AWS::KinesisFirehose::DeliveryStream", Value::Object(p));
        self.output(&format!("{l}Arn"), get_att(l, "Arn"), &format!("The delivery stream {label}"));
    }

    /// A map step: what its job needs that the lab supplies, or why it is not exported. Its
    /// steps are its cluster's (see `cluster_steps`).
    fn map_step(&mut self, c: &ComponentSpec, label: &str) {
        match crate::emr_steps::first_run(self.scenario, &c.id) {
            Ok((plan, _)) => self.to_supply.extend(crate::emr_steps::to_supply(&plan, label)),
            Err(why) => self.skipped.push(format!("{label}: {why}")),
        }
    }

    /// The steps of the map steps wired to the cluster `cluster`, as each one's first run in
    /// the lab adds them, in the canvas's order: each an `AWS::EMR::Step` (a cluster's own
    /// `Steps` may not repeat an argument, and Hadoop's arguments do: `-D`, a script's name)
    /// that waits for the one before, as EMR runs a cluster's steps one after the other.
    fn cluster_steps(&mut self, cluster: &str, cluster_logical: &str) {
        // A bucket of the template is named by its parameter: `s3://${Bucket}/…`.
        let buckets: Vec<(String, String)> = self
            .scenario
            .components
            .iter()
            .filter_map(|b| match &b.kind {
                ComponentKind::S3Bucket(s) => Some((format!("s3://{}/", s.bucket), self.id(&b.id))),
                _ => None,
            })
            .collect();
        let arg = |a: &str| match buckets.iter().find(|(prefix, _)| a.contains(prefix.as_str())) {
            Some((prefix, logical)) => sub(&a.replace(prefix.as_str(), &format!("s3://${{{logical}}}/"))),
            None => json!(a),
        };
        let mut previous: Option<String> = None;
        for map in self.scenario.components.iter().filter(|m| matches!(m.kind, ComponentKind::MapStep(_))) {
            let Ok((plan, steps)) = crate::emr_steps::first_run(self.scenario, &map.id) else { continue };
            if plan.cluster != cluster {
                continue;
            }
            for (n, step) in steps.iter().enumerate() {
                let logical = format!("{}Step{}", self.id(&map.id), n + 1);
                let mut resource = json!({
                    "Type": "AWS::EMR::Step",
                    "Properties": {
                        "Name": step.name,
                        "ActionOnFailure": step.action_on_failure,
                        "HadoopJarStep": { "Jar": step.jar, "Args": step.args.iter().map(|a| arg(a)).collect::<Vec<_>>() },
                        "JobFlowId": reference(cluster_logical),
                    },
                });
                if let Some(before) = previous.replace(logical.clone()) {
                    resource["DependsOn"] = json!(before);
                }
                self.resources.insert(logical, resource);
            }
        }
    }

    fn emr_cluster(&mut self, c: &ComponentSpec, l: &str, label: &str) {
        let ComponentKind::EmrCluster(e) = &c.kind else { return };
        let group = |count: u32, market: &str| json!({ "InstanceCount": count, "InstanceType": e.instance_type, "Market": market });
        let mut instances = json!({
            "MasterInstanceGroup": group(e.primary_count, "ON_DEMAND"),
            "CoreInstanceGroup": group(e.core_count, "ON_DEMAND"),
            "KeepJobFlowAliveWhenNoSteps": !e.auto_terminate,
        });
        if e.task_count > 0 {
            let market = if e.task_market == TaskMarket::Spot { "SPOT" } else { "ON_DEMAND" };
            let mut task = group(e.task_count, market);
            task["Name"] = json!("Task");
            instances["TaskInstanceGroups"] = json!([task]);
        }
        // The buckets its steps read and write.
        let mut buckets = Vec::new();
        for map in self.scenario.outputs_of(&c.id) {
            let wiring = self.scenario.emr_step(map);
            for end in [wiring.input, wiring.output].into_iter().flatten() {
                if matches!(self.scenario.component(&end).map(|x| &x.kind), Some(ComponentKind::S3Bucket(_))) {
                    buckets.extend(bucket_and_objects(&self.id(&end)));
                }
            }
        }
        let mut instance_role = json!({ "AssumeRolePolicyDocument": trust("ec2.amazonaws.com") });
        if !buckets.is_empty() {
            let s3 = statement(
                &["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket", "s3:GetBucketLocation"],
                buckets,
            );
            instance_role["Policies"] =
                json!([{ "PolicyName": "read-input-write-output", "PolicyDocument": iam::document(vec![s3]) }]);
        }
        self.resource(&format!("{l}InstanceRole"), "AWS::IAM::Role", instance_role);
        self.resource(
            &format!("{l}InstanceProfile"),
            "AWS::IAM::InstanceProfile",
            json!({ "Roles": [reference(&format!("{l}InstanceRole"))] }),
        );
        self.resource(
            &format!("{l}ServiceRole"),
            "AWS::IAM::Role",
            json!({
                "AssumeRolePolicyDocument": trust("elasticmapreduce.amazonaws.com"),
                "ManagedPolicyArns": [sub("arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonEMRServicePolicy_v2")],
            }),
        );
        let mut cluster = json!({
            "Name": e.name,
            "ReleaseLabel": shardlab_sim::emr::api::RELEASE_LABEL,
            "Applications": [{ "Name": "Hadoop" }],
            "Instances": instances,
            "JobFlowRole": reference(&format!("{l}InstanceProfile")),
            "ServiceRole": reference(&format!("{l}ServiceRole")),
            "VisibleToAllUsers": true,
        });
        let has_steps = self
            .scenario
            .outputs_of(&c.id)
            .any(|m| crate::emr_steps::first_run(self.scenario, m).is_ok_and(|(plan, _)| plan.cluster == c.id));
        if e.auto_terminate && has_steps {
            // Its steps arrive once it is up: ending when it has none would end it before
            // they do. It ends once idle after them instead.
            cluster["Instances"]["KeepJobFlowAliveWhenNoSteps"] = json!(true);
            cluster["AutoTerminationPolicy"] = json!({ "IdleTimeout": AUTO_TERMINATION_IDLE_S });
        }
        self.resource(l, "AWS::EMR::Cluster", cluster);
        self.cluster_steps(&c.id, l);
        self.output(&format!("{l}Id"), reference(l), &format!("The EMR cluster {label}"));
    }
}
