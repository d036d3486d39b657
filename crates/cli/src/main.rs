//! `shardlab`: the model without the page.
//!
//! `shardlab run SCENARIO.json [--until DURATION]` runs a scenario and prints a JSON report.
//! `shardlab api [SCENARIO.json]` answers AWS-shaped calls, one JSON object a line.
//! `shardlab lesson NAME` prints one of the page's prepared scenarios, to run or edit.

mod api;

use shardlab_sim::{parse_duration, Scenario, SimDuration, World};
use std::process::ExitCode;

const USAGE: &str = "usage: shardlab run SCENARIO.json [--until DURATION]   (DURATION like 90s, 5m, 2h; default 60s)
       shardlab api [SCENARIO.json]                       (JSON lines on stdin, answers on stdout)
       shardlab lesson NAME                               (prints a prepared scenario: streams-vs-firehose)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(output) => {
            if !output.is_empty() {
                println!("{output}");
            }
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("shardlab: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &[String]) -> Result<String, String> {
    match args.first().map(String::as_str) {
        Some("run") => run_scenario(&args[1..]),
        Some("api") => {
            let world = match args.get(1) {
                Some(path) => load(path)?,
                None => World::from_scenario(&Scenario::default()).expect("the default scenario is valid"),
            };
            api::serve(world, std::io::stdin().lock(), std::io::stdout().lock()).map_err(|e| format!("api: {e}"))?;
            Ok(String::new())
        }
        Some("lesson") => {
            let name = args.get(1).ok_or("lesson needs a name (shardlab --help)")?;
            let lesson = shardlab_sim::lessons::lesson(name).ok_or_else(|| {
                format!("no lesson '{name}'; the lessons are: {}", shardlab_sim::lessons::LESSONS.join(", "))
            })?;
            Ok(lesson.to_json())
        }
        Some("-h" | "--help" | "help") => Ok(USAGE.to_string()),
        Some(other) => Err(format!("unknown command '{other}': use 'run', 'api' or 'lesson' (shardlab --help)")),
        None => Err("no command: use 'run', 'api' or 'lesson' (shardlab --help)".to_string()),
    }
}

fn run_scenario(args: &[String]) -> Result<String, String> {
    let mut path = None;
    let mut until = SimDuration::from_secs(60);
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--until" => {
                let value = rest.next().ok_or("--until needs a duration, e.g. --until 5m")?;
                until = parse_duration(value).map_err(|e| format!("--until: {e}"))?;
            }
            flag if flag.starts_with('-') => return Err(format!("unknown option '{flag}' (shardlab --help)")),
            file if path.is_none() => path = Some(file.to_string()),
            extra => return Err(format!("unexpected argument '{extra}' (shardlab --help)")),
        }
    }
    let path = path.ok_or("run needs a scenario file: shardlab run SCENARIO.json (shardlab --help)")?;
    let mut world = load(&path)?;
    world.advance(until);
    Ok(serde_json::to_string_pretty(&world.report()).expect("a report always serializes"))
}

fn load(path: &str) -> Result<World, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let scenario = Scenario::from_json(&text).map_err(|e| format!("{path}: {e}"))?;
    World::from_scenario(&scenario).map_err(|e| format!("{path}: {e}"))
}
