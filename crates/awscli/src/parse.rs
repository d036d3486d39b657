//! One console line to a [`Command`]: which service, which operation, and the JSON input,
//! with the CLI's own checks and error wording, so learners meet the real CLI's messages.

use crate::help;
use crate::model::{Member, Operation, Param, ParamType, Service, Subcommand};
use crate::tokenize::tokenize;
use crate::values::{
    coerce_struct, list_from_tokens, map_from_text, scalar_from_text, strings_from_tokens, structure_from_text,
    BinaryFormat,
};
use crate::{Command, Invocation, SERVICES};
use serde_json::{Map, Value};

/// Parses one console line.
///
/// `Err(text)` is what the CLI would print for a usage error. An empty (or blank) line is
/// `Err(String::new())`: nothing to run and nothing to print, as in a terminal.
pub fn parse(line: &str) -> Result<Command, String> {
    let tokens = tokenize(line)?;
    let Some((first, rest)) = tokens.split_first() else {
        return Err(String::new());
    };
    match first.as_str() {
        "clear" => Ok(Command::Clear),
        "help" => Ok(Command::Help(help::global())),
        "aws" => parse_aws(rest),
        _ => Err(format!(
            "{first}: command not found (this console runs AWS CLI commands, e.g. aws kinesis list-streams)"
        )),
    }
}

/// An option's words as typed, kept until the whole line is read: the CLI reports unknown
/// options and missing arguments before it looks at any value.
#[derive(Debug, Clone)]
enum Raw {
    Flag(bool),
    One(String),
    Many(Vec<String>),
}

/// The words after `aws`. Global options may appear anywhere, as in the CLI.
fn parse_aws(tokens: &[String]) -> Result<Command, String> {
    if tokens.first().map(String::as_str) == Some("s3") {
        return crate::s3::parse_s3(&tokens[1..]).map(Command::S3);
    }
    let mut binary = BinaryFormat::default();
    let mut service: Option<&'static Service> = None;
    let mut operation: Option<Subcommand> = None;
    let mut raws: Vec<Option<Raw>> = Vec::new();
    let mut cli_input_json: Option<String> = None;
    let mut unknown: Vec<String> = Vec::new();
    let mut i = 0;
    while let Some(token) = tokens.get(i) {
        i += 1;
        let Some(option) = token.strip_prefix("--") else {
            match (service, &operation) {
                (None, _) if token == "help" => return Ok(Command::Help(help::global())),
                (None, _) => service = Some(find_service(token)?),
                (Some(s), None) if token == "help" => return Ok(Command::Help(help::service(s))),
                (Some(s), None) => {
                    let sub = find_subcommand(s, token)?;
                    raws = vec![None; sub.op.params.len()];
                    operation = Some(sub);
                }
                (Some(s), Some(sub)) if token == "help" => return Ok(Command::Help(help::operation(s, sub))),
                // The CLI lists stray words among the unknown options.
                (Some(_), Some(_)) => unknown.push(token.clone()),
            }
            continue;
        };
        let (name, inline) = match option.split_once('=') {
            Some((name, value)) => (name, Some(value)),
            None => (option, None),
        };
        if let Some(sub) = &operation {
            if let Some((index, raw)) = read_param(sub.op, name, inline, tokens, &mut i)? {
                if let Some(slot) = raws.get_mut(index) {
                    *slot = Some(raw);
                }
                continue;
            }
            if name == "cli-input-json" {
                cli_input_json = Some(take_one(name, inline, tokens, &mut i)?);
                continue;
            }
        }
        if read_global(name, inline, tokens, &mut i, &mut binary)? {
            continue;
        }
        unknown.push(token.clone());
    }

    let Some(service) = service else {
        return Err(format!("{}\n\naws: error: the following arguments are required: command", help::USAGE));
    };
    let Some(sub) = operation else {
        return Err(format!("{}\n\naws: error: the following arguments are required: operation", help::USAGE));
    };
    let op = sub.op;
    if !unknown.is_empty() {
        return Err(format!("Unknown options: {}", unknown.join(", ")));
    }
    let mut base = match cli_input_json {
        Some(text) => read_cli_input_json(op, &text, binary)?,
        None => Map::new(),
    };
    let missing: Vec<String> = op
        .params
        .iter()
        .zip(&raws)
        .filter(|(p, raw)| p.required && raw.is_none() && !base.contains_key(p.member))
        .map(|(p, _)| format!("--{}", p.cli_name()))
        .collect();
    if !missing.is_empty() {
        return Err(format!("aws: error: the following arguments are required: {}", missing.join(", ")));
    }
    // Members in the table's order; options on the line override --cli-input-json.
    let mut input = Map::new();
    for (p, raw) in op.params.iter().zip(raws) {
        let value = match raw {
            Some(raw) => Some(value_of(p, raw, binary)?),
            None => base.remove(p.member),
        };
        if let Some(value) = value {
            input.insert(p.member.to_string(), value);
        }
    }
    let input = match sub.custom {
        Some(custom) => (custom.build)(input)?,
        None => Value::Object(input),
    };
    Ok(Command::Call(Invocation {
        service: service.name.to_string(),
        subcommand: sub.cli_name,
        operation: op.name.to_string(),
        input,
    }))
}

fn find_service(name: &str) -> Result<&'static Service, String> {
    SERVICES.iter().find(|s| s.name == name).ok_or_else(|| {
        let mut names: Vec<&str> = SERVICES.iter().map(|s| s.name).collect();
        names.sort_unstable();
        format!("aws: error: argument command: Invalid choice, valid choices are: {}", names.join(" | "))
    })
}

fn find_subcommand(service: &'static Service, name: &str) -> Result<Subcommand, String> {
    service.subcommand(name).ok_or_else(|| {
        let mut names = service.subcommand_names();
        names.sort_unstable();
        format!("aws: error: argument operation: Invalid choice, valid choices are: {}", names.join(" | "))
    })
}

/// Reads one of the operation's own options, if `name` is one; `Ok(None)` when it is not.
fn read_param(
    op: &Operation,
    name: &str,
    inline: Option<&str>,
    tokens: &[String],
    i: &mut usize,
) -> Result<Option<(usize, Raw)>, String> {
    let position = |wanted: &str| op.params.iter().position(|p| p.cli_name() == wanted);
    if let Some(index) = position(name) {
        let raw = match op.params.get(index).map(|p| p.ty) {
            Some(ParamType::Boolean) => {
                no_value(name, inline)?;
                Raw::Flag(true)
            }
            Some(ParamType::List(_) | ParamType::Strings) => Raw::Many(take_many(name, inline, tokens, i)?),
            _ => Raw::One(take_one(name, inline, tokens, i)?),
        };
        return Ok(Some((index, raw)));
    }
    if let Some(index) = name.strip_prefix("no-").and_then(position) {
        if op.params.get(index).is_some_and(|p| p.ty == ParamType::Boolean) {
            no_value(name, inline)?;
            return Ok(Some((index, Raw::Flag(false))));
        }
    }
    Ok(None)
}

/// Reads a global option, if `name` is one. Most are accepted and ignored: there is one
/// simulated account and region, and no pager.
fn read_global(
    name: &str,
    inline: Option<&str>,
    tokens: &[String],
    i: &mut usize,
    binary: &mut BinaryFormat,
) -> Result<bool, String> {
    match name {
        "region" | "profile" | "endpoint-url" | "cli-read-timeout" | "cli-connect-timeout" | "color" | "ca-bundle" => {
            take_one(name, inline, tokens, i)?;
        }
        "no-cli-pager" | "debug" | "no-paginate" | "no-verify-ssl" | "no-sign-request" | "no-cli-auto-prompt" => {
            no_value(name, inline)?;
        }
        "output" => match take_one(name, inline, tokens, i)?.as_str() {
            "json" => {}
            "text" | "table" | "yaml" | "yaml-stream" => {
                return Err("aws: error: this console prints JSON only; use --output json or leave --output out".into())
            }
            _ => {
                return Err(
                    "aws: error: argument --output: Invalid choice, valid choices are: json | text | table | yaml | yaml-stream"
                        .into(),
                )
            }
        },
        "cli-binary-format" => {
            *binary = match take_one(name, inline, tokens, i)?.as_str() {
                "base64" => BinaryFormat::Base64,
                "raw-in-base64-out" => BinaryFormat::RawInBase64Out,
                _ => {
                    return Err(
                        "aws: error: argument --cli-binary-format: Invalid choice, valid choices are: base64 | raw-in-base64-out"
                            .into(),
                    )
                }
            }
        }
        "query" => {
            return Err("aws: error: --query is not supported in this console; it prints the whole answer".into())
        }
        _ => return Ok(false),
    }
    Ok(true)
}

fn no_value(name: &str, inline: Option<&str>) -> Result<(), String> {
    match inline {
        Some(value) => Err(format!("aws: error: argument --{name}: ignored explicit argument '{value}'")),
        None => Ok(()),
    }
}

/// The value after `--name`: the `=value` part, or else the next word unless it is an option.
fn take_one(name: &str, inline: Option<&str>, tokens: &[String], i: &mut usize) -> Result<String, String> {
    if let Some(value) = inline {
        return Ok(value.to_string());
    }
    match tokens.get(*i) {
        Some(value) if !value.starts_with("--") => {
            *i += 1;
            Ok(value.clone())
        }
        _ => Err(format!("aws: error: argument --{name}: expected one argument")),
    }
}

/// The values of a list option: every word up to the next option.
fn take_many(name: &str, inline: Option<&str>, tokens: &[String], i: &mut usize) -> Result<Vec<String>, String> {
    let mut values: Vec<String> = inline.map(str::to_string).into_iter().collect();
    while let Some(value) = tokens.get(*i).filter(|t| !t.starts_with("--")) {
        values.push(value.clone());
        *i += 1;
    }
    if values.is_empty() {
        return Err(format!("aws: error: argument --{name}: expected at least one argument"));
    }
    Ok(values)
}

/// The CLI would read `file://` and `fileb://` values from disk; a page has no disk, so say
/// so rather than send the path as the value.
fn refuse_files(option: &str, text: &str) -> Result<(), String> {
    if text.starts_with("file://") || text.starts_with("fileb://") {
        return Err(format!(
            "Error parsing parameter '{option}': this console cannot read local files; give the value itself"
        ));
    }
    Ok(())
}

fn value_of(p: &Param, raw: Raw, binary: BinaryFormat) -> Result<Value, String> {
    let option = format!("--{}", p.cli_name());
    match (p.ty, raw) {
        (_, Raw::Flag(flag)) => Ok(Value::Bool(flag)),
        (ParamType::List(members), Raw::Many(words)) => {
            for w in &words {
                refuse_files(&option, w)?;
            }
            list_from_tokens(&option, p.member, members, &words, binary)
        }
        (ParamType::Strings, Raw::Many(words)) => strings_from_tokens(&option, p.member, &words),
        // Only list options collect several words, so this arm is never reached.
        (_, Raw::Many(_)) => Err(format!("aws: error: argument {option}: expected one argument")),
        (ty, Raw::One(text)) => {
            refuse_files(&option, &text)?;
            match ty {
                ParamType::Structure(members) => structure_from_text(&option, p.member, members, &text, binary),
                ParamType::Map(values) => map_from_text(&option, p.member, values, &text, binary),
                _ => scalar_from_text(&option, ty, &text, binary),
            }
        }
    }
}

fn read_cli_input_json(op: &Operation, text: &str, binary: BinaryFormat) -> Result<Map<String, Value>, String> {
    refuse_files("cli-input-json", text)?;
    let invalid =
        |why: String| format!("Error parsing parameter 'cli-input-json': Invalid JSON: {why}\nJSON received: {text}");
    let value: Value = serde_json::from_str(text).map_err(|e| invalid(e.to_string()))?;
    if !value.is_object() {
        return Err(invalid("expected a JSON object".to_string()));
    }
    let members: Vec<Member> = op.params.iter().map(|p| Member::new(p.member, p.ty)).collect();
    match coerce_struct("", &members, value, binary)? {
        Value::Object(map) => Ok(map),
        _ => Ok(Map::new()),
    }
}

#[cfg(test)]
mod tests;
