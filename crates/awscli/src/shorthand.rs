//! The CLI's shorthand syntax for a structure, `Key=Value,Key2=Value2`, which is what the
//! AWS docs show learners first (`--stream-mode-details StreamMode=ON_DEMAND`).

/// Splits shorthand into its `(key, value)` pairs, in the order given.
///
/// A value runs to the next comma, so it may contain `=` (base64 padding: `Data=aGk=`). A
/// comma inside a value needs a backslash (`a\,b`) or quotes (`Key="a,b"`), as in the CLI.
/// A list value in brackets (`Args=[-input,s3://b/in]`) runs to its closing bracket and is
/// kept whole, brackets included, for [`split_list`] to take apart.
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
            Some('[') => {
                loop {
                    match chars.next() {
                        Some(']') => {
                            value.push(']');
                            break;
                        }
                        Some('\\') => {
                            value.push('\\');
                            value.push(chars.next().unwrap_or('\\'));
                        }
                        Some(c) => value.push(c),
                        None => return Err(format!("expected ']' to close the list value of {key}")),
                    }
                }
                if !matches!(chars.peek(), Some(',') | None) {
                    return Err(format!("expected ',' after the list value of {key}"));
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

/// The items of a shorthand list value, `[a,b,c]` (or one bare value, a list of one). An
/// item may be quoted or hold a backslash-escaped comma, as values may. `[]` is empty.
pub(crate) fn split_list(text: &str) -> Result<Vec<String>, String> {
    let Some(inner) = text.strip_prefix('[') else {
        return Ok(vec![text.to_string()]);
    };
    let inner = inner.strip_suffix(']').ok_or_else(|| format!("expected ']' at the end of '{text}'"))?;
    if inner.trim().is_empty() {
        return Ok(Vec::new());
    }
    let mut items = Vec::new();
    let mut item = String::new();
    let mut chars = inner.chars();
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        match (c, quote) {
            ('\\', _) => item.push(chars.next().unwrap_or('\\')),
            (q @ ('"' | '\''), None) if item.trim().is_empty() => {
                item.clear();
                quote = Some(q);
            }
            (c, Some(q)) if c == q => quote = None,
            (',', None) => items.push(std::mem::take(&mut item)),
            (c, _) => item.push(c),
        }
    }
    if quote.is_some() {
        return Err(format!("unbalanced quote in '{text}'"));
    }
    items.push(item);
    Ok(items)
}

#[cfg(test)]
mod tests {
    use super::{parse_pairs, split_list};

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

    #[test]
    fn a_bracketed_list_is_one_value_whose_commas_do_not_split_pairs() {
        let got = pairs("Type=CUSTOM_JAR,Args=[wordcount,-D,a=b,s3://in/],Name=n");
        assert_eq!(got, [p("Type", "CUSTOM_JAR"), p("Args", "[wordcount,-D,a=b,s3://in/]"), p("Name", "n")]);
        assert!(parse_pairs("Args=[a,b").is_err());
        assert!(parse_pairs("Args=[a]x").is_err());
    }

    #[test]
    fn a_list_value_splits_into_its_items() {
        let items = |t: &str| split_list(t).expect("a list");
        assert_eq!(items("[wordcount,-D,a=b]"), ["wordcount", "-D", "a=b"]);
        assert_eq!(items(r#"["x,y",z\,w]"#), ["x,y", "z,w"]);
        assert_eq!(items("[]"), Vec::<String>::new());
        assert_eq!(items("one"), ["one"]);
        assert!(split_list("[\"x]").is_err());
    }
}
