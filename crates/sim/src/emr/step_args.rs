//! A step's HadoopJarStep (a JAR and its arguments) as the lab reads it, and back:
//! - `command-runner.jar` with `s3-dist-cp --src=s3://… --dest=hdfs:///…` copies into HDFS;
//! - a MapReduce JAR (`/usr/lib/hadoop-mapreduce/hadoop-mapreduce-examples.jar`, or the
//!   lab's own `shardlab-examples.jar` for jobs Hadoop's examples lack) with the job's name,
//!   Hadoop's generic `-D property=value` options, then the input and the output paths.
//!
//! Properties the lab reads: `mapreduce.job.reduces`, `mapreduce.map.speculative` and
//! `mapreduce.reduce.speculative`, and the lab's `shardlab.combiner` (Hadoop sets a combiner
//! in the job's code, not by a property). Others are accepted and ignored, as Hadoop's
//! Configuration accepts any name.

use super::job::JobSpec;
use super::jobs::BuiltinJob;
use super::limits::MAX_REDUCERS;
use super::step::StepKind;
use std::collections::BTreeMap;

pub const COMMAND_RUNNER: &str = "command-runner.jar";
pub const EXAMPLES_JAR: &str = "/usr/lib/hadoop-mapreduce/hadoop-mapreduce-examples.jar";
pub const LAB_JAR: &str = "shardlab-examples.jar";

fn bool_property(props: &BTreeMap<String, String>, name: &str) -> Result<bool, String> {
    match props.get(name).map(String::as_str) {
        None | Some("false") => Ok(false),
        Some("true") => Ok(true),
        Some(other) => Err(format!("{name} must be true or false, not '{other}'")),
    }
}

pub fn parse(jar: &str, args: &[String]) -> Result<StepKind, String> {
    if jar == COMMAND_RUNNER {
        let (cmd, rest) = args.split_first().ok_or("command-runner.jar needs a command in Args")?;
        if cmd != "s3-dist-cp" {
            return Err(format!("The lab's command-runner.jar runs s3-dist-cp only, not '{cmd}'."));
        }
        let flag = |name: &str| rest.iter().find_map(|a| a.strip_prefix(&format!("--{name}=")).map(str::to_string));
        let src = flag("src").ok_or("s3-dist-cp needs --src=s3://bucket/prefix/")?;
        let dest = flag("dest").ok_or("s3-dist-cp needs --dest=hdfs:///dir/")?;
        if !src.starts_with("s3://") || !dest.starts_with("hdfs://") {
            return Err("The lab's s3-dist-cp copies from s3:// into hdfs://.".into());
        }
        return Ok(StepKind::DistCp { src, dest });
    }
    if !jar.ends_with(".jar") {
        return Err(format!("Jar must name a JAR file: '{jar}'"));
    }
    let (name, rest) = args.split_first().ok_or("A MapReduce step's Args start with the job's name")?;
    let job = BuiltinJob::from_name(name)
        .ok_or_else(|| format!("No job '{name}' in {jar}; the lab's jobs are: {}", BuiltinJob::names().join(", ")))?;
    let mut props = BTreeMap::new();
    let mut paths = Vec::new();
    let mut it = rest.iter();
    while let Some(a) = it.next() {
        let pair = if a == "-D" {
            it.next().ok_or("-D needs property=value")?.clone()
        } else if let Some(p) = a.strip_prefix("-D") {
            p.to_string()
        } else {
            paths.push(a.clone());
            continue;
        };
        let (k, v) = pair.split_once('=').ok_or_else(|| format!("-D needs property=value, not '{pair}'"))?;
        props.insert(k.to_string(), v.to_string());
    }
    let [input, output] = <[String; 2]>::try_from(paths).map_err(|p| {
        format!("A MapReduce step takes an input and an output path after its options; {} given", p.len())
    })?;
    let reducers: u32 = match props.get("mapreduce.job.reduces") {
        None => 1,
        Some(v) => v.parse().ok().filter(|n| (1..=MAX_REDUCERS).contains(n)).ok_or_else(|| {
            format!("mapreduce.job.reduces must be a whole number from 1 to {MAX_REDUCERS} in the lab, not '{v}'")
        })?,
    };
    let speculative =
        bool_property(&props, "mapreduce.map.speculative")? || bool_property(&props, "mapreduce.reduce.speculative")?;
    Ok(StepKind::MapReduce(JobSpec {
        job,
        input,
        output,
        reducers,
        combiner: bool_property(&props, "shardlab.combiner")?,
        speculative,
        fail_tasks: BTreeMap::new(),
    }))
}

/// The JAR and arguments that stand for `kind` (what ListSteps shows as the step's Config).
pub fn render(kind: &StepKind) -> (String, Vec<String>) {
    match kind {
        StepKind::DistCp { src, dest } => {
            (COMMAND_RUNNER.into(), vec!["s3-dist-cp".into(), format!("--src={src}"), format!("--dest={dest}")])
        }
        StepKind::MapReduce(spec) => {
            let jar = if spec.job == BuiltinJob::Wordcount { EXAMPLES_JAR } else { LAB_JAR };
            let mut args =
                vec![spec.job.name().to_string(), "-D".into(), format!("mapreduce.job.reduces={}", spec.reducers)];
            if spec.speculative {
                args.extend(["-D".into(), "mapreduce.map.speculative=true".into()]);
                args.extend(["-D".into(), "mapreduce.reduce.speculative=true".into()]);
            }
            if spec.combiner {
                args.extend(["-D".into(), "shardlab.combiner=true".into()]);
            }
            args.extend([spec.input.clone(), spec.output.clone()]);
            (jar.into(), args)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn steps_read_and_render_the_same() {
        let args = strings(&[
            "wordcount",
            "-D",
            "mapreduce.job.reduces=3",
            "-Dshardlab.combiner=true",
            "s3://a/in/",
            "s3://a/out/",
        ]);
        let kind = parse(EXAMPLES_JAR, &args).unwrap();
        let StepKind::MapReduce(spec) = &kind else { panic!() };
        assert_eq!((spec.reducers, spec.combiner, spec.speculative), (3, true, false));
        let (jar, again) = render(&kind);
        assert_eq!(parse(&jar, &again).unwrap(), kind);
        let copy =
            parse(COMMAND_RUNNER, &strings(&["s3-dist-cp", "--src=s3://a/in/", "--dest=hdfs:///input/"])).unwrap();
        assert_eq!(copy, StepKind::DistCp { src: "s3://a/in/".into(), dest: "hdfs:///input/".into() });
    }

    #[test]
    fn bad_steps_say_what_is_wrong() {
        assert!(parse(COMMAND_RUNNER, &strings(&["spark-submit", "x.py"])).unwrap_err().contains("s3-dist-cp only"));
        assert!(parse(LAB_JAR, &strings(&["grep", "a", "b"])).unwrap_err().contains("No job 'grep'"));
        assert!(parse(LAB_JAR, &strings(&["top-n", "s3://a/in/"])).unwrap_err().contains("1 given"));
        let bad = parse(LAB_JAR, &strings(&["top-n", "-D", "mapreduce.job.reduces=0", "s3://a/", "s3://b/"]));
        assert!(bad.unwrap_err().contains("from 1 to"));
    }
}
