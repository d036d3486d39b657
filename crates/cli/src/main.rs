//! `shardlab`: the model without the page.
//!
//! `shardlab run SCENARIO.json [--until DURATION]` runs a scenario and prints a JSON report.
//! `shardlab api [SCENARIO.json]` answers AWS-shaped calls, one JSON object a line.
//! `shardlab lesson NAME` prints one of the page's prepared scenarios, to run or edit.
//! `shardlab emr --input FILE… --job NAME …` runs one MapReduce job on an EMR cluster.
//! `shardlab export --format cloudformation|cli SCENARIO.json` prints it as real AWS.
//! `shardlab serve [SCENARIO.json]` serves AWS's wire protocols over HTTP, for real clients.

mod api;
mod emr;
mod serve;
mod sql;

use clap::{Parser, Subcommand};
use shardlab_sim::{parse_duration, Scenario, SimDuration, World};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "shardlab", version, about = "ShardLab's model of the AWS analytics services, without the page")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Runs a scenario and prints a JSON report of the run.
    Run {
        /// The scenario file (as the page exports it).
        scenario: PathBuf,
        /// How much virtual time to run: 90s, 5m, 2h.
        #[arg(long, default_value = "60s", value_parser = parse_until)]
        until: SimDuration,
    },
    /// Answers AWS-shaped calls: JSON lines on stdin, answers on stdout.
    Api {
        /// A scenario whose world the calls act on (an empty world without one).
        scenario: Option<PathBuf>,
    },
    /// Prints one of the page's prepared scenarios, to run with `shardlab run`.
    Lesson {
        /// The lesson's name: streams-vs-firehose.
        name: String,
    },
    /// Runs one MapReduce job on an EMR cluster over local files and prints a JSON report.
    Emr(Box<emr::EmrArgs>),
    /// Serves AWS's JSON protocols over HTTP, for the AWS CLI, boto3 and the SDKs
    /// (`--endpoint-url`).
    Serve(serve::ServeArgs),
    /// Runs a Flink SQL file (CREATE TABLE and one query) over a JSON-lines input, as Flink
    /// runs it in streaming mode, and prints the result rows as JSON lines.
    Sql(sql::SqlArgs),
    /// Prints a scenario as real AWS: a CloudFormation template, or AWS CLI commands.
    Export {
        /// What to write: cloudformation (a YAML template) or cli (a shell script).
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// The scenario file (as the page exports it).
        scenario: PathBuf,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ExportFormat {
    Cloudformation,
    Cli,
}

fn parse_until(text: &str) -> Result<SimDuration, String> {
    parse_duration(text)
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind;
            if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
                print!("{e}");
                return ExitCode::SUCCESS;
            }
            if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                eprintln!("shardlab: no command: use run, api, serve, sql, lesson, emr or export (shardlab --help)");
                return ExitCode::FAILURE;
            }
            // One line naming the problem, as every other error of this tool.
            let text = e.render().to_string();
            let first = text.lines().next().unwrap_or("bad arguments").trim_start_matches("error: ");
            eprintln!("shardlab: {first} (shardlab --help)");
            return ExitCode::FAILURE;
        }
    };
    match run(cli.command) {
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

fn run(command: Command) -> Result<String, String> {
    match command {
        Command::Run { scenario, until } => {
            let mut world = load(&scenario)?;
            world.advance(until);
            Ok(serde_json::to_string_pretty(&world.report()).expect("a report always serializes"))
        }
        Command::Api { scenario } => {
            let world = load_or_empty(scenario.as_deref())?;
            api::serve(world, std::io::stdin().lock(), std::io::stdout().lock()).map_err(|e| format!("api: {e}"))?;
            Ok(String::new())
        }
        Command::Lesson { name } => {
            let lesson = shardlab_sim::lessons::lesson(&name).ok_or_else(|| {
                format!("no lesson '{name}'; the lessons are: {}", shardlab_sim::lessons::LESSONS.join(", "))
            })?;
            Ok(lesson.to_json())
        }
        Command::Emr(args) => emr::run(&args),
        Command::Sql(args) => sql::run(&args),
        Command::Serve(args) => serve::run(&args, load_or_empty(args.scenario.as_deref())?),
        Command::Export { format, scenario } => {
            let shown = scenario.display();
            let text = std::fs::read_to_string(&scenario).map_err(|e| format!("cannot read {shown}: {e}"))?;
            let scenario = Scenario::from_json(&text).map_err(|e| format!("{shown}: {e}"))?;
            let text = match format {
                ExportFormat::Cloudformation => shardlab_export::cloudformation(&scenario),
                ExportFormat::Cli => shardlab_export::cli_script(&scenario),
            };
            Ok(text.trim_end().to_string())
        }
    }
}

/// The world of the scenario at `path`, or of an empty scenario without one.
fn load_or_empty(path: Option<&std::path::Path>) -> Result<World, String> {
    match path {
        Some(path) => load(path),
        None => Ok(World::from_scenario(&Scenario::default()).expect("the default scenario is valid")),
    }
}

fn load(path: &std::path::Path) -> Result<World, String> {
    let shown = path.display();
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {shown}: {e}"))?;
    let scenario = Scenario::from_json(&text).map_err(|e| format!("{shown}: {e}"))?;
    World::from_scenario(&scenario).map_err(|e| format!("{shown}: {e}"))
}
