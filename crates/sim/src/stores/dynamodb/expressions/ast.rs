//! The parsed form of DynamoDB expressions: document paths, operands, conditions.

use crate::stores::dynamodb::types::AttributeValue;

/// One step of a document path.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum PathPart {
    Name(String),
    Index(usize),
}

/// A document path: an attribute, then map keys and list indexes into it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Path(pub Vec<PathPart>);

impl Path {
    /// The top-level attribute the path starts at.
    pub fn head(&self) -> &str {
        match self.0.first() {
            Some(PathPart::Name(n)) => n,
            _ => "",
        }
    }

    /// `[a, b, [0]]`, as DynamoDB prints paths in messages.
    pub(super) fn shown(&self) -> String {
        let parts: Vec<String> = self
            .0
            .iter()
            .map(|p| match p {
                PathPart::Name(n) => n.clone(),
                PathPart::Index(i) => format!("[{i}]"),
            })
            .collect();
        format!("[{}]", parts.join(", "))
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Operand {
    Path(Path),
    Value(AttributeValue),
    /// `size(operand)`: a number.
    Size(Box<Operand>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Comparator {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl Comparator {
    pub fn symbol(self) -> &'static str {
        match self {
            Comparator::Eq => "=",
            Comparator::Ne => "<>",
            Comparator::Lt => "<",
            Comparator::Le => "<=",
            Comparator::Gt => ">",
            Comparator::Ge => ">=",
        }
    }

    /// The comparator with its operands swapped (`:v < a` is `a > :v`).
    pub fn flipped(self) -> Comparator {
        match self {
            Comparator::Lt => Comparator::Gt,
            Comparator::Le => Comparator::Ge,
            Comparator::Gt => Comparator::Lt,
            Comparator::Ge => Comparator::Le,
            same => same,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Function {
    AttributeExists,
    AttributeNotExists,
    AttributeType,
    BeginsWith,
    Contains,
}

impl Function {
    pub fn name(self) -> &'static str {
        match self {
            Function::AttributeExists => "attribute_exists",
            Function::AttributeNotExists => "attribute_not_exists",
            Function::AttributeType => "attribute_type",
            Function::BeginsWith => "begins_with",
            Function::Contains => "contains",
        }
    }

    pub(super) fn parse(name: &str) -> Option<Function> {
        [
            Function::AttributeExists,
            Function::AttributeNotExists,
            Function::AttributeType,
            Function::BeginsWith,
            Function::Contains,
        ]
        .into_iter()
        .find(|f| f.name() == name)
    }

    pub(super) fn arity(self) -> usize {
        match self {
            Function::AttributeExists | Function::AttributeNotExists => 1,
            _ => 2,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Condition {
    Compare(Comparator, Operand, Operand),
    Between(Operand, Operand, Operand),
    In(Operand, Vec<Operand>),
    Call(Function, Vec<Operand>),
    And(Box<Condition>, Box<Condition>),
    Or(Box<Condition>, Box<Condition>),
    Not(Box<Condition>),
}

impl Condition {
    /// The top-level attributes the condition reads.
    pub fn path_heads(&self) -> Vec<&str> {
        fn operand<'a>(o: &'a Operand, out: &mut Vec<&'a str>) {
            match o {
                Operand::Path(p) => out.push(p.head()),
                Operand::Size(inner) => operand(inner, out),
                Operand::Value(_) => {}
            }
        }
        fn walk<'a>(c: &'a Condition, out: &mut Vec<&'a str>) {
            match c {
                Condition::And(a, b) | Condition::Or(a, b) => {
                    walk(a, out);
                    walk(b, out);
                }
                Condition::Not(c) => walk(c, out),
                Condition::Compare(_, a, b) => [a, b].into_iter().for_each(|o| operand(o, out)),
                Condition::Between(a, b, c) => [a, b, c].into_iter().for_each(|o| operand(o, out)),
                Condition::In(a, list) => std::iter::once(a).chain(list).for_each(|o| operand(o, out)),
                Condition::Call(_, args) => args.iter().for_each(|o| operand(o, out)),
            }
        }
        let mut out = Vec::new();
        walk(self, &mut out);
        out
    }
}

/// Which request member an expression came from; it names the member in errors.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExpressionKind {
    Condition,
    KeyCondition,
    Filter,
    Projection,
}

impl ExpressionKind {
    pub fn member(self) -> &'static str {
        match self {
            ExpressionKind::Condition => "ConditionExpression",
            ExpressionKind::KeyCondition => "KeyConditionExpression",
            ExpressionKind::Filter => "FilterExpression",
            ExpressionKind::Projection => "ProjectionExpression",
        }
    }
}
