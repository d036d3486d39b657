//! Splitting a console line into words the way a POSIX shell would, because learners paste
//! commands written for bash: JSON inside single quotes, escaped spaces, and so on.

const UNBALANCED: &str = "aws: error: unbalanced quote in command line";

/// Splits `line` into words. Single quotes keep everything literally; inside double
/// quotes a backslash escapes only `"`, `\`, `$` and `` ` `` (as in bash, so `"a\nb"` keeps
/// its backslash); outside quotes a backslash escapes any character.
pub(crate) fn tokenize(line: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    // `None` between words, so that `''` still yields an (empty) word.
    let mut word: Option<String> = None;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => {
                if let Some(w) = word.take() {
                    words.push(w);
                }
            }
            '\'' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => w.push(c),
                        None => return Err(UNBALANCED.to_string()),
                    }
                }
            }
            '"' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(e @ ('"' | '\\' | '$' | '`')) => w.push(e),
                            Some(other) => {
                                w.push('\\');
                                w.push(other);
                            }
                            None => return Err(UNBALANCED.to_string()),
                        },
                        Some(c) => w.push(c),
                        None => return Err(UNBALANCED.to_string()),
                    }
                }
            }
            '\\' => {
                let w = word.get_or_insert_with(String::new);
                // A trailing backslash has nothing to escape; keeping it is the least surprise.
                w.push(chars.next().unwrap_or('\\'));
            }
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    if let Some(w) = word {
        words.push(w);
    }
    Ok(words)
}

#[cfg(test)]
mod tests {
    use super::tokenize;

    fn words(line: &str) -> Vec<String> {
        tokenize(line).expect("balanced line")
    }

    #[test]
    fn whitespace_separates_words() {
        assert_eq!(words("  aws   kinesis\tlist-streams "), ["aws", "kinesis", "list-streams"]);
    }

    #[test]
    fn single_quotes_keep_json_literally() {
        assert_eq!(words(r#"--x '{"A": "b c"}'"#), ["--x", r#"{"A": "b c"}"#]);
    }

    #[test]
    fn double_quotes_unescape_quotes_but_keep_other_backslashes() {
        assert_eq!(words(r#""{\"A\":\"b\n\"}""#), [r#"{"A":"b\n"}"#]);
    }

    #[test]
    fn quotes_join_with_adjacent_text_and_empty_quotes_are_a_word() {
        assert_eq!(words(r#"a'b c'"d" '' x"#), ["ab cd", "", "x"]);
    }

    #[test]
    fn backslash_outside_quotes_escapes_a_space() {
        assert_eq!(words(r"my\ stream x"), ["my stream", "x"]);
    }

    #[test]
    fn unbalanced_quotes_are_an_error() {
        for line in ["'abc", "\"abc", "a \"b\\\""] {
            assert_eq!(tokenize(line), Err("aws: error: unbalanced quote in command line".to_string()), "{line}");
        }
    }
}
