//! The vocabulary the service tables are written in.
//!
//! Services are data, not code: adding Firehose or S3 means writing one more table like the
//! Kinesis one and listing it in [`crate::SERVICES`]. The parser and the help text read
//! everything they need from these types, so a new service needs no new parsing code.

/// How a parameter's value is read from the command line and how it is written into the
/// AWS JSON 1.1 input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamType {
    String,
    /// A JSON integer; the CLI rejects anything that is not one before calling AWS.
    Integer,
    /// A flag: `--name` sends true and `--no-name` sends false; neither takes a value.
    Boolean,
    /// Bytes, sent as base64 text. What the learner types depends on `--cli-binary-format`.
    Blob,
    /// Sent as epoch seconds (a JSON number), which is how AWS JSON 1.1 carries timestamps.
    Timestamp,
    /// Given as JSON or as the CLI shorthand `Key=Value,Key2=Value2`.
    Structure(&'static [Member]),
    /// A list of structures; on the command line each item is a token of its own.
    List(&'static [Member]),
    /// A list of strings: each a word of its own on the command line (`--cluster-ids j-1
    /// j-2`), `[a,b]` inside shorthand (`Args=[-input,s3://b/in]`), or a JSON list.
    Strings,
    /// A map with keys of the caller's choosing (DynamoDB's items and placeholders), each
    /// value of the inner type; given as JSON, or as shorthand `K=V,K2=V2` when the values
    /// are scalars.
    Map(&'static ParamType),
    /// Any JSON value, sent as typed: members whose shape the service checks itself (a
    /// DynamoDB attribute value such as `{"S": "x"}`).
    Any,
}

/// One member of a structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Member {
    /// The PascalCase name AWS uses in the JSON.
    pub name: &'static str,
    pub ty: ParamType,
}

impl Member {
    pub const fn new(name: &'static str, ty: ParamType) -> Self {
        Member { name, ty }
    }
}

/// One top-level input member of an operation, which the CLI exposes as `--kebab-name`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Param {
    /// The PascalCase name AWS uses in the JSON; the option name is derived from it.
    pub member: &'static str,
    pub ty: ParamType,
    /// Required on the command line. Members the service checks itself (such as Kinesis'
    /// "StreamName or StreamARN") are not marked, so the learner sees the service's answer.
    pub required: bool,
}

impl Param {
    pub const fn required(member: &'static str, ty: ParamType) -> Self {
        Param { member, ty, required: true }
    }

    pub const fn optional(member: &'static str, ty: ParamType) -> Self {
        Param { member, ty, required: false }
    }

    /// The option without its leading dashes, e.g. `stream-arn` for `StreamARN`.
    pub fn cli_name(&self) -> String {
        kebab_case(self.member)
    }
}

/// One AWS operation and the parameters the CLI accepts for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Operation {
    /// The PascalCase operation name, as AWS and the error messages spell it.
    pub name: &'static str,
    pub params: &'static [Param],
}

impl Operation {
    /// The CLI subcommand, e.g. `describe-stream-summary` for `DescribeStreamSummary`.
    pub fn cli_name(&self) -> String {
        kebab_case(self.name)
    }
}

/// One AWS service as the CLI presents it.
#[derive(Debug, Clone, Copy)]
pub struct Service {
    /// The CLI command, e.g. `kinesis`; also the `service` of an [`crate::Invocation`].
    pub name: &'static str,
    /// The service's full name, for the help text.
    pub title: &'static str,
    pub operations: &'static [Operation],
    /// Subcommands the CLI writes by hand (EMR's `create-cluster`, `add-steps`…).
    pub customizations: &'static [Customization],
}

impl Service {
    /// Finds a subcommand by its CLI name.
    pub fn subcommand(&self, cli_name: &str) -> Option<Subcommand> {
        if let Some(custom) = self.customizations.iter().find(|c| c.cli_name == cli_name) {
            return Some(Subcommand {
                cli_name: custom.cli_name.to_string(),
                op: &custom.operation,
                custom: Some(custom),
            });
        }
        let op = self.operations.iter().find(|op| op.cli_name() == cli_name)?;
        Some(Subcommand { cli_name: op.cli_name(), op, custom: None })
    }

    /// Every subcommand's CLI name, in the table's order (customizations last).
    pub fn subcommand_names(&self) -> Vec<String> {
        self.operations
            .iter()
            .map(Operation::cli_name)
            .chain(self.customizations.iter().map(|c| c.cli_name.to_string()))
            .collect()
    }
}

/// A subcommand the AWS CLI writes by hand instead of deriving it from one operation: it has
/// options of its own (`aws emr create-cluster --instance-type m5.xlarge --instance-count 3`),
/// builds the operation's input from them with its own rules and messages, and may reshape
/// the answer (create-cluster prints `ClusterId` where RunJobFlow answers `JobFlowId`).
#[derive(Debug, Clone, Copy)]
pub struct Customization {
    pub cli_name: &'static str,
    /// `name` is the AWS operation called (what error lines quote); `params` are the
    /// subcommand's options, read like any operation's.
    pub operation: Operation,
    /// The operation's input from the options given (members named as in `params`). The
    /// error is what the CLI prints (`aws: error: …`).
    pub build: fn(serde_json::Map<String, serde_json::Value>) -> Result<serde_json::Value, String>,
    /// The answer as the CLI prints it.
    pub present: fn(serde_json::Value) -> serde_json::Value,
}

/// A subcommand found on the command line: an operation, or a customization of one.
#[derive(Debug, Clone)]
pub struct Subcommand {
    pub cli_name: String,
    pub op: &'static Operation,
    pub custom: Option<&'static Customization>,
}

/// PascalCase to the CLI's kebab-case, the way botocore derives option and subcommand
/// names: a run of capitals is one word (`StreamARN` → `stream-arn`), and a capital that
/// starts a lowercase word ends the run (`ARNPrefix` → `arn-prefix`).
pub fn kebab_case(pascal: &str) -> String {
    let chars: Vec<char> = pascal.chars().collect();
    let mut out = String::with_capacity(pascal.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            let prev = chars.get(i - 1).copied().unwrap_or('-');
            let next_is_lower = chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
            if prev.is_ascii_lowercase() || prev.is_ascii_digit() || (prev.is_ascii_uppercase() && next_is_lower) {
                out.push('-');
            }
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// The CLI's kebab-case back to the PascalCase member name; `arn` and `hls` are the words AWS
/// writes in capitals in the services here (`--consumer-arn` → `ConsumerARN`,
/// `--hls-fragment-selector` → `HLSFragmentSelector`).
pub fn pascal_case(kebab: &str) -> String {
    kebab
        .split('-')
        .filter(|w| !w.is_empty())
        .map(|word| match word {
            "arn" => "ARN".to_string(),
            "hls" => "HLS".to_string(),
            _ => {
                let mut chars = word.chars();
                chars.next().map(|f| f.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kebab_case_treats_a_run_of_capitals_as_one_word() {
        assert_eq!(kebab_case("DescribeStreamSummary"), "describe-stream-summary");
        assert_eq!(kebab_case("StreamARN"), "stream-arn");
        assert_eq!(kebab_case("ARNPrefix"), "arn-prefix");
        assert_eq!(kebab_case("ListObjectsV2"), "list-objects-v2");
    }

    #[test]
    fn pascal_case_capitalises_arn() {
        assert_eq!(pascal_case("stream-name"), "StreamName");
        assert_eq!(pascal_case("stream-arn"), "StreamARN");
        assert_eq!(pascal_case("consumer-arn"), "ConsumerARN");
        assert_eq!(pascal_case("hls-fragment-selector"), "HLSFragmentSelector");
    }

    /// The option a learner types must lead back to the member the table names, or an
    /// option shown in the help would send the wrong member.
    #[test]
    fn every_table_member_round_trips_through_its_option_name() {
        for service in crate::SERVICES {
            for op in service.operations {
                for p in op.params {
                    assert_eq!(pascal_case(&p.cli_name()), p.member, "{}.{}", op.name, p.member);
                }
            }
        }
    }
}
