//! DynamoDB's expression language, parsed: condition expressions (ConditionExpression,
//! FilterExpression, KeyConditionExpression share one grammar) and projection expressions.
//! `#name` and `:value` placeholders are resolved here against ExpressionAttributeNames and
//! ExpressionAttributeValues, and errors are worded as DynamoDB words them
//! ("Invalid FilterExpression: Attribute name is a reserved keyword; reserved keyword: name").
//!
//! Grammar, loosest first: `OR`, `AND`, `NOT`, then a comparison (`= <> < <= > >=`),
//! `BETWEEN … AND …`, `IN (…)`, a function (`attribute_exists`, `attribute_not_exists`,
//! `attribute_type`, `begins_with`, `contains`) or a parenthesised condition. Operands are
//! document paths (`a.b[0]`, `#n`), values (`:v`) and `size(path)`.

mod ast;
mod lex;
mod parser;
mod substitutions;

pub use ast::{Comparator, Condition, ExpressionKind, Function, Operand, Path, PathPart};
pub use substitutions::Substitutions;

use crate::kinesis::error::{ApiError, ApiResult};
use lex::{lex, Detail, Tok};
use parser::Parser;

fn invalid(message: impl Into<String>) -> ApiError {
    super::errors::validation(message)
}

fn parse_with<T>(
    text: &str,
    kind: ExpressionKind,
    subs: &mut Substitutions,
    body: impl FnOnce(&mut Parser) -> Result<T, Detail>,
) -> ApiResult<T> {
    let member = kind.member();
    if text.trim().is_empty() {
        return Err(invalid(format!("Invalid {member}: The expression can not be empty;")));
    }
    let tokens = lex(text).map_err(|d| invalid(format!("Invalid {member}: {d}")))?;
    let mut parser = Parser { text, tokens, at: 0, subs, error: None };
    let result = body(&mut parser).and_then(|v| parser.finish(v));
    result.map_err(|d| invalid(format!("Invalid {member}: {d}")))
}

/// A ConditionExpression, FilterExpression or KeyConditionExpression.
pub fn parse_condition(text: &str, kind: ExpressionKind, subs: &mut Substitutions) -> ApiResult<Condition> {
    parse_with(text, kind, subs, |p| p.or())
}

/// A ProjectionExpression: paths separated by commas, none overlapping another.
pub fn parse_projection(text: &str, subs: &mut Substitutions) -> ApiResult<Vec<Path>> {
    let paths = parse_with(text, ExpressionKind::Projection, subs, |p| {
        let mut paths = vec![p.path()?];
        while *p.peek() == Tok::Comma {
            p.advance();
            paths.push(p.path()?);
        }
        Ok(paths)
    })?;
    for (i, a) in paths.iter().enumerate() {
        for b in &paths[..i] {
            let shorter = a.0.len().min(b.0.len());
            if a.0[..shorter] == b.0[..shorter] {
                return Err(invalid(format!(
                    "Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: {}, path two: {}",
                    b.shown(),
                    a.shown()
                )));
            }
        }
    }
    Ok(paths)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stores::dynamodb::types::AttributeValue;

    fn subs(names: &[(&str, &str)], values: &[(&str, AttributeValue)]) -> Substitutions {
        let names = (!names.is_empty()).then(|| names.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect());
        let values = (!values.is_empty()).then(|| values.iter().map(|(k, v)| (k.to_string(), v.clone())).collect());
        Substitutions::new(names, values).unwrap()
    }

    fn filter(text: &str, s: &mut Substitutions) -> ApiResult<Condition> {
        parse_condition(text, ExpressionKind::Filter, s)
    }

    fn path(parts: &[&str]) -> Operand {
        Operand::Path(Path(parts.iter().map(|p| PathPart::Name(p.to_string())).collect()))
    }

    #[test]
    fn and_binds_tighter_than_or_and_names_resolve() {
        let mut s = subs(&[("#n", "name")], &[(":a", AttributeValue::n(1)), (":b", AttributeValue::s("x"))]);
        let c = filter("a = :a OR #n = :b AND NOT b < :a", &mut s).unwrap();
        let Condition::Or(left, right) = c else { panic!("OR at the top: {c:?}") };
        assert_eq!(*left, Condition::Compare(Comparator::Eq, path(&["a"]), Operand::Value(AttributeValue::n(1))));
        let Condition::And(name_eq, not) = *right else { panic!("AND under OR") };
        assert_eq!(
            *name_eq,
            Condition::Compare(Comparator::Eq, path(&["name"]), Operand::Value(AttributeValue::s("x")))
        );
        assert!(matches!(*not, Condition::Not(_)));
        assert!(s.check_all_used().is_ok());
    }

    #[test]
    fn functions_between_in_and_nested_paths_parse() {
        let mut s =
            subs(&[], &[(":p", AttributeValue::s("ab")), (":lo", AttributeValue::n(1)), (":hi", AttributeValue::n(5))]);
        let c = filter("begins_with(a.b[2], :p) and c between :lo and :hi and d in (:lo, :hi)", &mut s).unwrap();
        let Condition::And(first_two, _in) = c else { panic!() };
        let Condition::And(begins, _between) = *first_two else { panic!() };
        let expected = Path(vec![PathPart::Name("a".into()), PathPart::Name("b".into()), PathPart::Index(2)]);
        assert_eq!(
            *begins,
            Condition::Call(
                Function::BeginsWith,
                vec![Operand::Path(expected), Operand::Value(AttributeValue::s("ab"))]
            )
        );
    }

    #[test]
    fn errors_are_worded_as_dynamodb_words_them() {
        let mut s = subs(&[], &[(":v", AttributeValue::n(1))]);
        let cases = [
            ("name = :v", "Invalid FilterExpression: Attribute name is a reserved keyword; reserved keyword: name"),
            ("a = :w", "Invalid FilterExpression: An expression attribute value used in expression is not defined; attribute value: :w"),
            ("#x = :v", "Invalid FilterExpression: An expression attribute name used in the document path is not defined; attribute name: #x"),
            ("a = = :v", "Invalid FilterExpression: Syntax error; token: \"=\", near: \"= = :v\""),
            ("a = :v AND", "Invalid FilterExpression: Syntax error; token: \"<EOF>\", near: \"AND\""),
            ("()", "Invalid FilterExpression: Syntax error; token: \")\", near: \"()\""),
            ("foo(a)", "Invalid FilterExpression: Invalid function name; function: foo"),
            ("attribute_exists(a, :v)", "Invalid FilterExpression: Incorrect number of operands for operator or function; operator or function: attribute_exists, number of operands: 2"),
            ("begins_with(a, :v)", "Invalid FilterExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N"),
            ("a = a", "Invalid FilterExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: =, first operand: [a]"),
            ("  ", "Invalid FilterExpression: The expression can not be empty;"),
        ];
        for (text, message) in cases {
            assert_eq!(filter(text, &mut s).unwrap_err().message, message, "{text}");
        }
    }

    #[test]
    fn unused_and_malformed_placeholders_are_refused() {
        let mut s = subs(&[("#n", "n")], &[(":v", AttributeValue::n(1)), (":w", AttributeValue::n(2))]);
        filter("#n = :v", &mut s).unwrap();
        assert_eq!(
            s.check_all_used().unwrap_err().message,
            "Value provided in ExpressionAttributeValues unused in expressions: keys: {:w}"
        );
        let bad = Substitutions::new(None, Some([("v".to_string(), AttributeValue::n(1))].into())).err().unwrap();
        assert_eq!(bad.message, "ExpressionAttributeValues contains invalid key: Syntax error; key: \"v\"");
    }

    #[test]
    fn projections_are_paths_that_must_not_overlap() {
        let mut s = subs(&[("#d", "data")], &[]);
        let paths = parse_projection("a, b.c, #d", &mut s).unwrap();
        assert_eq!(paths.len(), 3);
        assert_eq!(paths[2].head(), "data");
        let mut s = subs(&[], &[]);
        assert!(parse_projection("a, a.b", &mut s).unwrap_err().message.contains("Two document paths overlap"));
    }
}
