//! A step's HadoopJarStep (a JAR and its arguments) as the lab reads it, and back:
//! - `command-runner.jar` with `s3-dist-cp --src=s3://… --dest=hdfs:///…` copies into HDFS;
//! - a MapReduce JAR (`/usr/lib/hadoop-mapreduce/hadoop-mapreduce-examples.jar`, or the
//!   lab's own `shardlab-examples.jar` for jobs Hadoop's examples lack) with the job's name,
//!   Hadoop's generic `-D property=value` options, then the input and the output paths.
//!
//! - `command-runner.jar` with `hadoop-streaming -files s3://…/job.rhai -mapper job.rhai
//!   -reducer job.rhai [-combiner job.rhai] -input … -output … [-numReduceTasks N]`: a script
//!   job, whose functions the lab runs as Hadoop Streaming runs its programs.
//!
//! Properties the lab reads: `mapreduce.job.reduces`, `mapreduce.map.speculative` and
//! `mapreduce.reduce.speculative`, and the lab's `shardlab.combiner` (Hadoop sets a combiner
//! in the job's code, not by a property). Others are accepted and ignored, as Hadoop's
//! Configuration accepts any name.

use super::job::{JobSpec, Program};
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
        if cmd == "hadoop-streaming" {
            return parse_streaming(rest);
        }
        if cmd != "s3-dist-cp" {
            return Err(format!("The lab's command-runner.jar runs s3-dist-cp and hadoop-streaming, not '{cmd}'."));
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
        program: Program::Builtin(job),
        input,
        output,
        reducers,
        combiner: bool_property(&props, "shardlab.combiner")?,
        speculative,
        fail_tasks: BTreeMap::new(),
    }))
}

/// `hadoop-streaming`'s options, the lab's way: one Rhai script named by `-files`.
fn parse_streaming(args: &[String]) -> Result<StepKind, String> {
    let mut opts: BTreeMap<&str, &str> = BTreeMap::new();
    let mut props = BTreeMap::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let value = it.next().ok_or_else(|| format!("hadoop-streaming: {a} needs a value"))?;
        if a == "-D" {
            let (k, v) = value.split_once('=').ok_or_else(|| format!("-D needs property=value, not '{value}'"))?;
            props.insert(k.to_string(), v.to_string());
        } else if ["-files", "-mapper", "-reducer", "-combiner", "-input", "-output", "-numReduceTasks"]
            .contains(&a.as_str())
        {
            opts.insert(a.as_str(), value.as_str());
        } else {
            return Err(format!("hadoop-streaming: the lab does not know the option {a}"));
        }
    }
    let need = |name: &str| opts.get(name).copied().ok_or_else(|| format!("hadoop-streaming needs {name}"));
    let script = need("-files")?;
    if !script.starts_with("s3://") || !script.ends_with(".rhai") {
        return Err(format!("-files must name one Rhai script in S3 (s3://bucket/job.rhai), not '{script}'"));
    }
    let file = script.rsplit('/').next().unwrap_or(script);
    for role in ["-mapper", "-reducer"] {
        if need(role)? != file {
            return Err(format!("{role} must be the script shipped with -files ({file}): its function is called"));
        }
    }
    let combiner = match opts.get("-combiner") {
        None => false,
        Some(c) if *c == file => true,
        Some(c) => return Err(format!("-combiner must be the script shipped with -files ({file}), not '{c}'")),
    };
    let reducers = match opts.get("-numReduceTasks") {
        None => 1,
        Some(v) => v.parse().ok().filter(|n| (1..=MAX_REDUCERS).contains(n)).ok_or_else(|| {
            format!("-numReduceTasks must be a whole number from 1 to {MAX_REDUCERS} in the lab, not '{v}'")
        })?,
    };
    Ok(StepKind::MapReduce(JobSpec {
        program: Program::Script { uri: script.to_string() },
        input: need("-input")?.to_string(),
        output: need("-output")?.to_string(),
        reducers,
        combiner,
        speculative: bool_property(&props, "mapreduce.map.speculative")?
            || bool_property(&props, "mapreduce.reduce.speculative")?,
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
            if let Program::Script { uri } = &spec.program {
                return render_streaming(spec, uri);
            }
            let name = spec.program.name().to_string();
            let jar = if name == BuiltinJob::Wordcount.name() { EXAMPLES_JAR } else { LAB_JAR };
            let mut args = vec![name, "-D".into(), format!("mapreduce.job.reduces={}", spec.reducers)];
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

fn render_streaming(spec: &JobSpec, uri: &str) -> (String, Vec<String>) {
    let file = uri.rsplit('/').next().unwrap_or(uri).to_string();
    let mut args: Vec<String> = vec!["hadoop-streaming".into()];
    if spec.speculative {
        args.extend(["-D".into(), "mapreduce.map.speculative=true".into()]);
        args.extend(["-D".into(), "mapreduce.reduce.speculative=true".into()]);
    }
    args.extend(["-files".into(), uri.to_string(), "-mapper".into(), file.clone(), "-reducer".into(), file.clone()]);
    if spec.combiner {
        args.extend(["-combiner".into(), file]);
    }
    args.extend(["-input".into(), spec.input.clone(), "-output".into(), spec.output.clone()]);
    args.extend(["-numReduceTasks".into(), spec.reducers.to_string()]);
    (COMMAND_RUNNER.into(), args)
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
        let streaming = strings(&[
            "hadoop-streaming",
            "-files",
            "s3://a/job.rhai",
            "-mapper",
            "job.rhai",
            "-reducer",
            "job.rhai",
            "-combiner",
            "job.rhai",
            "-input",
            "s3://a/in/",
            "-output",
            "s3://a/out/",
            "-numReduceTasks",
            "2",
        ]);
        let kind = parse(COMMAND_RUNNER, &streaming).unwrap();
        let StepKind::MapReduce(spec) = &kind else { panic!() };
        assert_eq!(
            (&spec.program, spec.reducers, spec.combiner),
            (&Program::Script { uri: "s3://a/job.rhai".into() }, 2, true)
        );
        let (jar, again) = render(&kind);
        assert_eq!(parse(&jar, &again).unwrap(), kind);
        let copy =
            parse(COMMAND_RUNNER, &strings(&["s3-dist-cp", "--src=s3://a/in/", "--dest=hdfs:///input/"])).unwrap();
        assert_eq!(copy, StepKind::DistCp { src: "s3://a/in/".into(), dest: "hdfs:///input/".into() });
    }

    #[test]
    fn bad_steps_say_what_is_wrong() {
        assert!(parse(COMMAND_RUNNER, &strings(&["spark-submit", "x.py"])).unwrap_err().contains("not 'spark-submit'"));
        let other = strings(&[
            "hadoop-streaming",
            "-files",
            "s3://a/j.rhai",
            "-mapper",
            "m.py",
            "-reducer",
            "j.rhai",
            "-input",
            "i",
            "-output",
            "o",
        ]);
        assert!(parse(COMMAND_RUNNER, &other).unwrap_err().contains("-mapper must be the script"));
        assert!(parse(LAB_JAR, &strings(&["grep", "a", "b"])).unwrap_err().contains("No job 'grep'"));
        assert!(parse(LAB_JAR, &strings(&["top-n", "s3://a/in/"])).unwrap_err().contains("1 given"));
        let bad = parse(LAB_JAR, &strings(&["top-n", "-D", "mapreduce.job.reduces=0", "s3://a/", "s3://b/"]));
        assert!(bad.unwrap_err().contains("from 1 to"));
    }
}
