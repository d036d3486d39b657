//! The help text the console prints for `help`, `aws <command> help` and
//! `aws <command> <subcommand> help`. Built from the service tables so it never lists an
//! option the parser would refuse.

use crate::model::{Member, Param, ParamType, Service, Subcommand};
use crate::SERVICES;

/// What the CLI prints above an argument error when no command or subcommand was given.
pub(crate) const USAGE: &str = "usage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]\n\
To see help text, you can run:\n\n  aws help\n  aws <command> help\n  aws <command> <subcommand> help";

pub(crate) fn global() -> String {
    let mut out = String::from(
        "AWS CLI v2 commands, answered by the simulated AWS on this page.\n\n\
         usage: aws [options] <command> <subcommand> [parameters]\n\nServices and their subcommands:\n",
    );
    for s in SERVICES {
        out.push_str(&format!("\n  {}  ({})\n", s.name, s.title));
        for name in s.subcommand_names() {
            out.push_str(&format!("    {name}\n"));
        }
    }
    out.push_str(
        "\nMore help: aws <command> help, aws <command> <subcommand> help.\n\
         Other lines: help, clear.\n\
         Global options: --region, --profile, --output json, --no-cli-pager, --debug,\n\
         --cli-binary-format base64|raw-in-base64-out (how --data is typed).",
    );
    out
}

pub(crate) fn service(s: &Service) -> String {
    let mut out =
        format!("{} ({})\n\nusage: aws {} <subcommand> [parameters]\n\nSubcommands:\n", s.name, s.title, s.name);
    for name in s.subcommand_names() {
        out.push_str(&format!("  {name}\n"));
    }
    out.push_str(&format!("\nFor a subcommand's options: aws {} <subcommand> help", s.name));
    out
}

pub(crate) fn operation(s: &Service, sub: &Subcommand) -> String {
    let op = sub.op;
    let mut out = format!(
        "aws {} {}\n\nCalls the {} operation of {}. Options (* required):\n\n",
        s.name, sub.cli_name, op.name, s.title
    );
    for p in op.params {
        let mark = if p.required { "  *" } else { "" };
        out.push_str(&format!("  {}{mark}\n", syntax(p)));
    }
    let members: Vec<&str> = op.params.iter().map(|p| p.member).collect();
    out.push_str(&format!("  --cli-input-json <JSON object with any of: {}>\n", members.join(", ")));
    if op.params.iter().any(|p| has_blob(p.ty)) {
        out.push_str(
            "\nBlob values (typed as <blob> or blob above) must be base64, unless --cli-binary-format raw-in-base64-out\n\
             is given: then they are plain text and the CLI encodes them.\n",
        );
    }
    if op.params.iter().any(|p| p.ty == ParamType::Map(&ParamType::Any)) {
        out.push_str(
            "\nItems, keys and values are JSON as DynamoDB takes them: {\"S\": \"text\"}, {\"N\": \"12\"}, {\"B\": \"<base64>\"},\n\
             {\"BOOL\": true}, {\"NULL\": true}, {\"L\": [...]}, {\"M\": {...}}, {\"SS\": [...]}, {\"NS\": [...]}, {\"BS\": [...]}.\n",
        );
    }
    if op.params.iter().any(|p| p.ty == ParamType::Timestamp || has_timestamp_member(p.ty)) {
        out.push_str("\nTimestamps are epoch seconds or ISO 8601, e.g. 2026-01-01T00:00:05Z.\n");
    }
    out.trim_end().to_string()
}

fn syntax(p: &Param) -> String {
    let name = p.cli_name();
    match p.ty {
        ParamType::Boolean => format!("--{name} | --no-{name}"),
        ParamType::Structure(m) => format!("--{name} {}  (or JSON)", shorthand(m)),
        ParamType::List(m) => format!("--{name} {} ...  (or a JSON list)", shorthand(m)),
        ParamType::Strings => format!("--{name} <string> <string> ...  (or a JSON list)"),
        ParamType::Map(values) if is_scalar(*values) => {
            format!("--{name} KeyName1={v},KeyName2={v}  (or JSON)", v = scalar_name(*values))
        }
        ParamType::Map(_) => format!("--{name} <JSON object>"),
        ty => format!("--{name} <{}>", scalar_name(ty)),
    }
}

fn shorthand(members: &[Member]) -> String {
    let parts: Vec<String> = members.iter().map(|m| format!("{}={}", m.name, scalar_name(m.ty))).collect();
    parts.join(",")
}

fn scalar_name(ty: ParamType) -> &'static str {
    match ty {
        ParamType::String => "string",
        ParamType::Integer => "integer",
        ParamType::Boolean => "boolean",
        ParamType::Blob => "blob",
        ParamType::Timestamp => "timestamp",
        ParamType::Structure(_) => "structure",
        ParamType::List(_) | ParamType::Strings => "list",
        ParamType::Map(_) => "map",
        ParamType::Any => "JSON",
    }
}

fn is_scalar(ty: ParamType) -> bool {
    !matches!(
        ty,
        ParamType::Structure(_) | ParamType::List(_) | ParamType::Strings | ParamType::Map(_) | ParamType::Any
    )
}

fn has_blob(ty: ParamType) -> bool {
    match ty {
        ParamType::Blob => true,
        ParamType::Structure(m) | ParamType::List(m) => m.iter().any(|m| has_blob(m.ty)),
        ParamType::Map(values) => has_blob(*values),
        _ => false,
    }
}

fn has_timestamp_member(ty: ParamType) -> bool {
    match ty {
        ParamType::Structure(m) | ParamType::List(m) => m.iter().any(|m| m.ty == ParamType::Timestamp),
        _ => false,
    }
}
