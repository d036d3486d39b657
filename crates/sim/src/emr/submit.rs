//! A step starting: an s3-dist-cp copy into HDFS, or a MapReduce job — its input listed
//! as its InputFormat lists it (hidden files skipped, gzip unsplittable), its output
//! checked, its splits and tasks made, its ApplicationMaster placed on a core node.

use super::cluster::{Cluster, Timer};
use super::engine::secs;
use super::job::*;
use super::limits::*;
use super::node::{Container, ContainerKind, NodeRole};
use super::output::Output;
use super::splits::file_splits;
use super::uri::{is_hidden, parse_hdfs, parse_s3};
use crate::stores::s3::{Object, S3};
use crate::stores::Stores;
use crate::time::SimTime;
use std::collections::{BTreeMap, VecDeque};
use std::sync::Arc;

/// An object's bytes as Hadoop reads them: gzip is unpacked (and cannot be split).
fn object_bytes(key: &str, o: &Object) -> (Vec<u8>, bool) {
    let gz = o.content_encoding.as_deref() == Some("gzip") || key.ends_with(".gz");
    if gz {
        use std::io::Read;
        let mut out = Vec::new();
        if flate2::read::GzDecoder::new(o.body().as_ref()).read_to_end(&mut out).is_ok() {
            return (out, true);
        }
    }
    (o.body().into_owned(), false)
}

/// The objects under an `s3://` URI that Hadoop would read (hidden names skipped).
/// A DynamoDB table as a job reads it through the EMR DynamoDB connector: a scan of every
/// item, one item a line in DynamoDB JSON (`{"key":{"S":"a"},"value":{"N":"3"}}`), in key
/// order. The table must exist and be ACTIVE.
fn table_lines(stores: &Stores, table: &str) -> Result<Vec<u8>, String> {
    let t = stores
        .dynamodb
        .table(table)
        .ok_or_else(|| format!("Requested resource not found: Table: {table} not found"))?;
    if t.status() != crate::stores::dynamodb::TableStatus::Active {
        return Err(format!("The table {table} is {}: a job reads only an ACTIVE table", t.status().name()));
    }
    let mut out = Vec::new();
    for item in t.items() {
        out.extend_from_slice(crate::stores::dynamodb::wire::item_to_json(item).to_string().as_bytes());
        out.push(b'\n');
    }
    Ok(out)
}

/// A Redshift table as a job reads it: its rows as `UNLOAD` writes them by default, one row a
/// line, columns separated by `|`. The cluster must be available.
fn unload_lines(stores: &Stores, cluster_and_table: &str) -> Result<Vec<u8>, String> {
    let (cluster, table) = cluster_and_table.split_once('/').ok_or_else(|| {
        format!("A Redshift input names a cluster and a table: redshift://CLUSTER/TABLE, not '{cluster_and_table}'")
    })?;
    let t = stores.redshift.connect(cluster, table)?;
    let mut out = Vec::new();
    for row in &t.rows {
        out.extend_from_slice(row.join("|").as_bytes());
        out.push(b'\n');
    }
    Ok(out)
}

fn s3_inputs(s3: &S3, uri: &str) -> Result<Vec<(String, Vec<u8>, bool)>, String> {
    let (bucket, prefix) = parse_s3(uri).ok_or_else(|| format!("Not an S3 path: {uri}"))?;
    let b = s3.buckets.get(bucket).ok_or_else(|| format!("The specified bucket does not exist: {bucket}"))?;
    let files: Vec<_> = b
        .objects
        .iter()
        .filter(|(k, _)| k.starts_with(prefix) && !is_hidden(k) && !k.ends_with('/'))
        .map(|(k, o)| {
            let (data, gz) = object_bytes(k, o);
            (format!("s3://{bucket}/{k}"), data, gz)
        })
        .collect();
    if files.is_empty() {
        return Err(format!(
            "org.apache.hadoop.mapreduce.lib.input.InvalidInputException: Input path does not exist: {uri}"
        ));
    }
    Ok(files)
}

impl Cluster {
    pub(super) fn start_copy(
        &mut self,
        step: usize,
        src: &str,
        dest: &str,
        now: SimTime,
        s3: &S3,
    ) -> Result<(), String> {
        let files = s3_inputs(s3, src)?;
        parse_hdfs(dest).ok_or_else(|| format!("s3-dist-cp: --dest must be an hdfs:// path: {dest}"))?;
        let bytes: u64 = files.iter().map(|(_, d, _)| d.len() as u64).sum();
        let rate = DISTCP_MB_PER_S * self.live_core().len().max(1) as f64;
        let took = CONTAINER_LAUNCH + secs(self.config.scale.simulated_mb(bytes) / rate);
        self.at(now + took, Timer::CopyDone { step });
        Ok(())
    }

    pub(super) fn copy_done(&mut self, step: usize, now: SimTime, stores: &mut Stores, log: &mut Vec<String>) {
        if self.steps.get(step).map(|s| s.state) != Some(super::step::StepState::Running) {
            return;
        }
        let super::step::StepKind::DistCp { src, dest } = self.steps[step].kind.clone() else { return };
        let result = s3_inputs(&stores.s3, &src).map(|files| {
            let dir = parse_hdfs(&dest).unwrap_or("/").trim_end_matches('/').to_string();
            let (_, prefix) = parse_s3(&src).unwrap_or(("", ""));
            let live = self.live_core();
            for (path, data, _) in files {
                let key = path.splitn(4, '/').nth(3).unwrap_or("");
                let rel = key.strip_prefix(prefix).unwrap_or(key).trim_start_matches('/');
                self.hdfs.write(&format!("{dir}/{rel}"), Arc::from(data), &live);
            }
        });
        self.end_step(step, result, now, stores, log);
    }

    pub(super) fn start_job(
        &mut self,
        step: usize,
        spec: JobSpec,
        now: SimTime,
        stores: &mut Stores,
        log: &mut Vec<String>,
    ) -> Result<(), String> {
        self.jobs_started += 1;
        let seq = self.jobs_started;
        let stamp = self.created.as_millis() + 1_764_504_000_000;
        let id = format!("job_{stamp}_{seq:04}");
        let logic = match &spec.program {
            Program::Builtin(job) => Logic::Builtin(*job),
            Program::Script { uri } => Logic::Script(std::rc::Rc::new(load_script(&stores.s3, uri, spec.combiner)?)),
        };
        // Inputs, as the job's InputFormat lists them at submission.
        let inputs: Vec<(JobInput, bool)> = if let Some(rest) = spec.input.strip_prefix("redshift://") {
            vec![(
                JobInput { path: spec.input.clone(), hdfs_path: None, data: Arc::from(unload_lines(stores, rest)?) },
                false,
            )]
        } else if let Some(table) = spec.input.strip_prefix("dynamodb://") {
            vec![(
                JobInput { path: spec.input.clone(), hdfs_path: None, data: Arc::from(table_lines(stores, table)?) },
                false,
            )]
        } else if spec.input.starts_with("s3://") {
            s3_inputs(&stores.s3, &spec.input)?
                .into_iter()
                .map(|(path, data, gz)| (JobInput { path, hdfs_path: None, data: Arc::from(data) }, gz))
                .collect()
        } else {
            let dir = parse_hdfs(&spec.input).ok_or_else(|| format!("Not an S3 or HDFS path: {}", spec.input))?;
            let found: Vec<_> = self
                .hdfs
                .files
                .iter()
                .filter(|(p, _)| p.starts_with(dir) && !is_hidden(p))
                .map(|(p, f)| {
                    (JobInput { path: format!("hdfs://{p}"), hdfs_path: Some(p.clone()), data: f.data.clone() }, false)
                })
                .collect();
            if found.is_empty() {
                return Err(format!(
                    "org.apache.hadoop.mapreduce.lib.input.InvalidInputException: Input path does not exist: {}",
                    spec.input
                ));
            }
            found
        };
        // FileOutputFormat refuses an output directory that exists; a table must be ready.
        let output = Output::parse(&spec.output)?;
        output.check(&spec.output, stores)?;
        let mut splits = Vec::new();
        let mut split_inputs = Vec::new();
        for (i, (input, gz)) in inputs.iter().enumerate() {
            let len = input.data.len() as u64;
            let cut = if *gz { len.max(1) } else { self.hdfs.block_bytes };
            for s in file_splits(&input.path, len, cut) {
                splits.push(s);
                split_inputs.push(i);
            }
        }
        let mut tasks: Vec<Task> = (0..splits.len())
            .map(|i| Task {
                name: format!("m_{i:06}"),
                kind: TaskKind::Map,
                index: i,
                state: TaskState::Pending,
                failed_attempts: 0,
                attempts: Vec::new(),
            })
            .collect();
        for r in 0..spec.reducers.max(1) as usize {
            tasks.push(Task {
                name: format!("r_{r:06}"),
                kind: TaskKind::Reduce,
                index: r,
                state: TaskState::Pending,
                failed_attempts: 0,
                attempts: Vec::new(),
            });
        }
        // The ApplicationMaster runs on a core node (EMR's node labels keep it off Spot
        // task nodes, so a reclaimed task node never takes the job's master with it).
        let am = self.place_app_master().ok_or("No core node has room for the job's ApplicationMaster.")?;
        let map_count = splits.len();
        let mut job = Job {
            id: id.clone(),
            seq,
            inputs: inputs.into_iter().map(|(i, _)| i).collect(),
            split_inputs,
            splits,
            queue: (0..tasks.len()).collect::<VecDeque<_>>(),
            tasks,
            attempts: Vec::new(),
            map_outputs: vec![None; map_count],
            app_master: Some(am),
            state: JobState::Running,
            started: now,
            finished: None,
            counters: Counters::default(),
            books: JobBooks::default(),
            containers_at_start: self.free_map_containers(),
            slot_waves: BTreeMap::new(),
            parts: BTreeMap::new(),
            rng: self.rng.derive(&id),
            logic,
            output,
            spec,
        };
        job.books = job.recount();
        log.push(format!("{id} started: {map_count} map task(s), {} reduce task(s)", job.reduce_count()));
        self.steps[step].job = Some(job);
        for (delay, fault) in std::mem::take(&mut self.job_faults) {
            self.at(now + delay, Timer::Fault(fault));
        }
        self.schedule_job(now, log);
        Ok(())
    }

    /// Starts the ApplicationMaster's container on the first core node with room.
    pub(super) fn place_app_master(&mut self) -> Option<(usize, usize)> {
        let n = (0..self.nodes.len()).find(|&i| {
            let node = &self.nodes[i];
            node.role == NodeRole::Core
                && node.accepts_containers()
                && node.free_mb() >= node.instance_type.am_memory_mb
        })?;
        let memory_mb = self.nodes[n].instance_type.am_memory_mb;
        let slot =
            self.nodes[n].start_container(Container { kind: ContainerKind::AppMaster, memory_mb, attempt: None });
        Some((n, slot))
    }
}

/// Reads and compiles a streaming job's script from S3, as the step's `-files` ships it.
fn load_script(s3: &S3, uri: &str, combiner: bool) -> Result<super::jobs::script::ScriptJob, String> {
    let (bucket, key) = parse_s3(uri).ok_or_else(|| format!("-files must name an s3:// script: {uri}"))?;
    let object = s3
        .buckets
        .get(bucket)
        .and_then(|b| b.objects.get(key))
        .ok_or_else(|| format!("java.io.FileNotFoundException: File does not exist: {uri}"))?;
    let code = String::from_utf8(object.body().into_owned()).map_err(|_| format!("{uri} is not UTF-8 text"))?;
    let job = super::jobs::script::ScriptJob::compile(&code)?;
    if combiner && !job.has_combiner() {
        return Err(format!("-combiner names {uri}, which defines no combiner(key, values)"));
    }
    Ok(job)
}
