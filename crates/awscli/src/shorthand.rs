//! The CLI's shorthand syntax for a structure, `Key=Value,Key2=Value2`, which is what the
//! AWS docs show learners first (`--stream-mode-details StreamMode=ON_DEMAND`).

/// Splits shorthand into its `(key, value)` pairs, in the order given.
///
/// A value runs to the next comma, so it may contain `=` (base64 padding: `Data=aGk=`). A
/// comma inside a value needs a backslash (`a\,b`) or quotes (`Key="a,b"`), as in the CLI.
/// The error is a short description for the caller to put after the option name.
pub(crate) fn parse_pairs(text: &str) -> Result<Vec<(String, String)>, String> {
    let mut pairs = Vec::new();
    let mut chars = text.chars().peekable();
    loop {
        let mut key = String::new();
        loop {
            match chars.next() {
                Some('=') => break,
                Some(',') | None => return Err(format!("expected Key=Value, received: '{}'", key.trim())),
                Some(c) => key.push(c),
            }
        }
        let key = key.trim().to_string();
        if key.is_empty() {
            return Err(format!("expected a key before '=' in '{text}'"));
        }
        let mut value = String::new();
        match chars.peek().copied() {
            Some(q @ ('"' | '\'')) => {
                chars.next();
                loop {
                    match chars.next() {
                        Some(c) if c == q => break,
                        Some('\\') => value.push(chars.next().unwrap_or('\\')),
                        Some(c) => value.push(c),
                        None => return Err(format!("unbalanced quote in the value of {key}")),
                    }
                }
                while chars.peek().is_some_and(|c| c.is_whitespace()) {
                    chars.next();
                }
                if !matches!(chars.peek(), Some(',') | None) {
                    return Err(format!("expected ',' after the quoted value of {key}"));
                }
            }
            _ => {
                while let Some(&c) = chars.peek() {
                    if c == ',' {
                        break;
                    }
                    chars.next();
                    if c == '\\' {
                        value.push(chars.next().unwrap_or('\\'));
                    } else {
                        value.push(c);
                    }
                }
            }
        }
        pairs.push((key, value));
        match chars.next() {
            None => return Ok(pairs),
            Some(_comma) => {
                if chars.peek().is_none() {
                    return Err("expected Key=Value after the last ','".to_string());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::parse_pairs;

    fn pairs(text: &str) -> Vec<(String, String)> {
        parse_pairs(text).expect("valid shorthand")
    }

    fn p(k: &str, v: &str) -> (String, String) {
        (k.to_string(), v.to_string())
    }

    #[test]
    fn values_may_contain_equals_signs() {
        assert_eq!(pairs("Data=aGk=,PartitionKey=k"), [p("Data", "aGk="), p("PartitionKey", "k")]);
    }

    #[test]
    fn commas_survive_quotes_and_backslashes() {
        assert_eq!(pairs(r#"A="x,y",B=1\,2"#), [p("A", "x,y"), p("B", "1,2")]);
        assert_eq!(pairs("A='x,y'"), [p("A", "x,y")]);
    }

    #[test]
    fn an_empty_value_is_allowed() {
        assert_eq!(pairs("A=,B=b"), [p("A", ""), p("B", "b")]);
    }

    #[test]
    fn malformed_shorthand_is_an_error() {
        for bad in ["", "StreamMode", "A=b,", "=x", "A=b,C", "A=\"x", "A=\"x\"y"] {
            assert!(parse_pairs(bad).is_err(), "{bad:?}");
        }
    }
}
