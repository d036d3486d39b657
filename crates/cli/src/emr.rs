//! `shardlab emr`: one MapReduce job on a lab EMR cluster, over local files, reported as
//! JSON. The files go into an S3 bucket, the cluster is created with RunJobFlow's settings,
//! an s3-dist-cp step copies the input into HDFS (unless it is read from S3), and the job
//! step runs on the world's clock exactly as it does in the page.

use clap::{Args, ValueEnum};
use serde_json::json;
use shardlab_sim::emr::api::step_is_over;
use shardlab_sim::emr::cluster::{ClusterConfig, Fault};
use shardlab_sim::emr::instance_types::{instance_type, instance_type_names, DEFAULT_INSTANCE_TYPE};
use shardlab_sim::emr::job::{JobSpec, Program};
use shardlab_sim::emr::jobs::BuiltinJob;
use shardlab_sim::emr::limits::{BLOCK_MB_DEFAULT, MAX_REDUCERS};
use shardlab_sim::emr::node::Market;
use shardlab_sim::emr::report::JobReport;
use shardlab_sim::emr::scale::DataScale;
use shardlab_sim::emr::step::{ActionOnFailure, StepKind};
use shardlab_sim::emr::StepRequest;
use shardlab_sim::{Scenario, SimDuration, SimTime, World};
use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InputFrom {
    /// Copied into HDFS on the core nodes first, as an s3-dist-cp step does.
    Hdfs,
    /// Read straight from S3 through EMRFS.
    S3,
}

#[derive(Args, Debug)]
pub struct EmrArgs {
    /// The input files (text; each becomes an S3 object, then splits).
    #[arg(long, num_args = 1.., required_unless_present = "export_pyspark")]
    pub input: Vec<PathBuf>,
    /// Write the output into a new DynamoDB table of this name (partition key `key`, each
    /// value in `value`) instead of part files in S3.
    #[arg(long, value_name = "TABLE")]
    pub output_table: Option<String>,
    /// Print the job as an equivalent PySpark program (for `spark-submit job.py IN OUT` on
    /// EMR) instead of running it.
    #[arg(long)]
    pub export_pyspark: bool,
    /// A built-in job: wordcount, pageviews-per-hour, log-levels, inverted-index, top-n,
    /// average-by-key.
    #[arg(long, required_unless_present = "script", conflicts_with = "script")]
    pub job: Option<String>,
    /// A script job: a Rhai file defining mapper(line, file), reducer(key, values) and,
    /// optionally, combiner(key, values); run as a Hadoop Streaming step.
    #[arg(long, value_name = "JOB.rhai")]
    pub script: Option<PathBuf>,
    /// Core nodes (they run tasks and hold HDFS).
    #[arg(long, default_value_t = 2)]
    pub core: u32,
    /// Task nodes (they run tasks only).
    #[arg(long, default_value_t = 0)]
    pub task: u32,
    /// Task nodes are Spot instances.
    #[arg(long)]
    pub spot: bool,
    /// The nodes' EC2 instance type (m5.xlarge, m5.2xlarge, m5.4xlarge, m4.large, c4.xlarge,
    /// r4.xlarge).
    #[arg(long, default_value = DEFAULT_INSTANCE_TYPE)]
    pub instance_type: String,
    /// Real bytes that stand for one simulated MB (1024: 1 KiB of input stands for 1 MB, so
    /// a 128 MB split is 128 KiB of your file).
    #[arg(long, default_value_t = 1024)]
    pub bytes_per_mb: u64,
    /// The HDFS block size and input split size, in simulated MB.
    #[arg(long, default_value_t = BLOCK_MB_DEFAULT)]
    pub split_mb: u64,
    /// Reduce tasks (mapreduce.job.reduces).
    #[arg(long, default_value_t = 1)]
    pub reducers: u32,
    /// dfs.replication (default: EMR's, from the core node count).
    #[arg(long)]
    pub replication: Option<u32>,
    /// Run the job's combiner on each map's output.
    #[arg(long)]
    pub combiner: bool,
    /// Speculative execution of slow tasks.
    #[arg(long)]
    pub speculative: bool,
    /// Where the job reads its input.
    #[arg(long, value_enum, default_value_t = InputFrom::Hdfs)]
    pub input_from: InputFrom,
    /// The seed of the run's randomness (task duration jitter, block placement, IDs).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Give the first task node a Spot interruption notice this many seconds after the job
    /// starts (it is gone two minutes later).
    #[arg(long, value_name = "SECONDS")]
    pub reclaim_spot_at: Option<f64>,
    /// Lose the last core node this many seconds after the job starts.
    #[arg(long, value_name = "SECONDS")]
    pub lose_core_at: Option<f64>,
    /// Make a task's first attempts fail: m_000003:4 (repeatable).
    #[arg(long, value_name = "NAME:ATTEMPTS")]
    pub fail_task: Vec<String>,
    /// Make a node's tasks run slower: core-2:4 (repeatable).
    #[arg(long, value_name = "NODE:FACTOR")]
    pub slow_node: Vec<String>,
}

const BUCKET: &str = "lab-emr";

fn after(seconds: f64, flag: &str) -> Result<SimDuration, String> {
    if !seconds.is_finite() || seconds < 0.0 {
        return Err(format!("{flag} needs a number of seconds ≥ 0"));
    }
    Ok(SimDuration::from_micros((seconds * 1e6).round() as u64))
}

fn pairs(items: &[String], flag: &str) -> Result<Vec<(String, String)>, String> {
    items
        .iter()
        .map(|item| {
            item.split_once(':')
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .ok_or_else(|| format!("{flag} takes NAME:NUMBER, not '{item}'"))
        })
        .collect()
}

pub fn run(args: &EmrArgs) -> Result<String, String> {
    let program = match (&args.job, &args.script) {
        (Some(name), _) => Program::Builtin(
            BuiltinJob::from_name(name)
                .ok_or_else(|| format!("no built-in job '{name}'; the jobs are: {}", BuiltinJob::names().join(", ")))?,
        ),
        (None, Some(path)) => {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            if !name.ends_with(".rhai") {
                return Err(format!("--script takes a Rhai file (NAME.rhai), not '{}'", path.display()));
            }
            Program::Script { uri: format!("s3://{BUCKET}/scripts/{name}") }
        }
        (None, None) => return Err("name a job: --job NAME or --script JOB.rhai".into()),
    };
    let itype = instance_type(&args.instance_type).ok_or_else(|| {
        format!(
            "the lab has no instance type '{}'; it offers: {}",
            args.instance_type,
            instance_type_names().join(", ")
        )
    })?;
    if args.reducers == 0 || args.reducers > MAX_REDUCERS {
        return Err(format!("--reducers must be from 1 to {MAX_REDUCERS}"));
    }
    if args.export_pyspark {
        let Program::Builtin(job) = program else {
            return Err("--export-pyspark exports the built-in jobs; a script job is not translated".into());
        };
        return Ok(shardlab_sim::emr::pyspark::script(job, args.reducers));
    }
    let scale = DataScale::new(args.bytes_per_mb)?;
    let mut fail_tasks = BTreeMap::new();
    for (name, n) in pairs(&args.fail_task, "--fail-task")? {
        let n: u32 = n.parse().map_err(|_| format!("--fail-task {name}: '{n}' is not a number of attempts"))?;
        fail_tasks.insert(name, n);
    }
    let mut slow = Vec::new();
    for (name, f) in pairs(&args.slow_node, "--slow-node")? {
        let f: f64 = f.parse().ok().filter(|f: &f64| *f >= 1.0 && f.is_finite()).ok_or_else(|| {
            format!("--slow-node {name}: the factor must be a number ≥ 1 (how many times slower), not '{f}'")
        })?;
        slow.push((name, f));
    }
    if args.reclaim_spot_at.is_some() && (args.task == 0 || !args.spot) {
        return Err("--reclaim-spot-at needs Spot task nodes: add --task N --spot".into());
    }

    let mut world = World::from_scenario(&Scenario { seed: args.seed, ..Scenario::default() })
        .map_err(|e| format!("cannot build the lab: {e}"))?;
    let call = |world: &mut World, op: &str, input: serde_json::Value| {
        world.call("s3", op, input).map(|_| ()).map_err(|e| format!("S3 {op}: {}", e.message))
    };
    call(&mut world, "CreateBucket", json!({ "Bucket": BUCKET }))?;
    if let (Some(path), Program::Script { uri }) = (&args.script, &program) {
        let code = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        use base64::Engine;
        let body = base64::engine::general_purpose::STANDARD.encode(&code);
        let key = uri.trim_start_matches(&format!("s3://{BUCKET}/")).to_string();
        call(&mut world, "PutObject", json!({ "Bucket": BUCKET, "Key": key, "Body": body }))?;
    }
    if let Some(table) = &args.output_table {
        let spec = json!({
            "TableName": table,
            "AttributeDefinitions": [{ "AttributeName": "key", "AttributeType": "S" }],
            "KeySchema": [{ "AttributeName": "key", "KeyType": "HASH" }],
            "BillingMode": "PAY_PER_REQUEST",
        });
        world.call("dynamodb", "CreateTable", spec).map_err(|e| format!("DynamoDB CreateTable: {}", e.message))?;
    }
    let mut names = std::collections::BTreeSet::new();
    for path in &args.input {
        let data = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if !names.insert(name.clone()) {
            return Err(format!("two inputs are named '{name}': S3 keys must differ"));
        }
        use base64::Engine;
        let body = base64::engine::general_purpose::STANDARD.encode(&data);
        call(&mut world, "PutObject", json!({ "Bucket": BUCKET, "Key": format!("input/{name}"), "Body": body }))?;
    }

    let config = ClusterConfig {
        name: "shardlab-emr".into(),
        primary_count: 1,
        primary_type: itype,
        core_count: args.core,
        core_type: itype,
        task_count: args.task,
        task_type: itype,
        task_market: if args.spot { Market::Spot } else { Market::OnDemand },
        block_mb: args.split_mb,
        replication: args.replication,
        scale,
        auto_terminate: true,
    };
    let input = match args.input_from {
        InputFrom::Hdfs => "hdfs:///input/".to_string(),
        InputFrom::S3 => format!("s3://{BUCKET}/input/"),
    };
    let mut steps = Vec::new();
    if args.input_from == InputFrom::Hdfs {
        steps.push(StepRequest {
            name: "Copy the input into HDFS (s3-dist-cp)".into(),
            action_on_failure: ActionOnFailure::TerminateCluster,
            kind: StepKind::DistCp { src: format!("s3://{BUCKET}/input/"), dest: input.clone() },
        });
    }
    steps.push(StepRequest {
        name: program.name().into(),
        action_on_failure: ActionOnFailure::TerminateCluster,
        kind: StepKind::MapReduce(JobSpec {
            program,
            input,
            output: match &args.output_table {
                Some(table) => format!("dynamodb://{table}"),
                None => format!("s3://{BUCKET}/output/"),
            },
            reducers: args.reducers,
            combiner: args.combiner,
            speculative: args.speculative,
            fail_tasks,
        }),
    });
    let id = world.with_emr(|emr, now, _| emr.run_job_flow(now, config, steps))?;
    world.with_emr(|emr, _, _| -> Result<(), String> {
        let cluster = emr.cluster_mut(&id).expect("just created");
        for (name, factor) in &slow {
            let i = cluster.node_index(name).ok_or_else(|| format!("--slow-node: the cluster has no node '{name}'"))?;
            cluster.nodes[i].slowdown = *factor;
        }
        if let Some(s) = args.reclaim_spot_at {
            emr.fault_after_job_start(&id, after(s, "--reclaim-spot-at")?, Fault::ReclaimSpot("task-1".into()))?;
        }
        if let Some(s) = args.lose_core_at {
            let last = format!("core-{}", args.core);
            emr.fault_after_job_start(&id, after(s, "--lose-core-at")?, Fault::LoseNode(last))?;
        }
        Ok(())
    })?;

    // Run the clock from event to event until the job's step is over (a month at most).
    let limit = SimTime::ZERO + SimDuration::from_hours(24 * 30);
    let job_over =
        |world: &World| world.emr().cluster(&id).and_then(|c| c.steps.last()).is_some_and(|s| step_is_over(s.state));
    while !job_over(&world) {
        match world.next_event_time() {
            Some(t) if t <= limit => world.run_until(t),
            _ => break,
        }
    }
    let cluster = world.emr().cluster(&id).expect("created above");
    let report = JobReport::of_last_job(cluster, world.stores()).ok_or("the job step never ran")?;
    Ok(serde_json::to_string_pretty(&report).expect("a report always serializes"))
}
