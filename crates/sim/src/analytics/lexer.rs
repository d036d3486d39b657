//! The tokens of Flink SQL, each with the line and column it starts at (1-based), so that an
//! error can point at its place in the editor.

use super::error::SqlError;

#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    /// A bare identifier or keyword, as written (keywords are compared case-insensitively).
    Word(String),
    /// An identifier in backticks (`` `user` ``): never a keyword.
    Quoted(String),
    /// An identifier in double quotes (`"page"`): the legacy dialect's quoting, which Flink
    /// does not accept.
    DoubleQuoted(String),
    /// A string literal, quotes removed (`''` is one quote).
    Str(String),
    /// A number literal as written.
    Number(String),
    /// Punctuation and operators: ( ) , ; . * + - / % = <> != < <= > >= ||
    Symbol(&'static str),
    End,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    pub tok: Tok,
    pub line: u32,
    pub column: u32,
}

impl Token {
    /// Whether this is the keyword `word` (case-insensitive; a quoted identifier never is).
    pub fn is(&self, word: &str) -> bool {
        matches!(&self.tok, Tok::Word(w) if w.eq_ignore_ascii_case(word))
    }

    /// How the token reads in an error message.
    pub fn describe(&self) -> String {
        match &self.tok {
            Tok::Word(w) => format!("'{w}'"),
            Tok::Quoted(w) => format!("`{w}`"),
            Tok::DoubleQuoted(w) => format!("\"{w}\""),
            Tok::Str(s) => format!("the string '{s}'"),
            Tok::Number(n) => format!("the number {n}"),
            Tok::Symbol(s) => format!("'{s}'"),
            Tok::End => "the end of the query".into(),
        }
    }
}

const SYMBOLS: [&str; 18] =
    ["<>", "!=", "<=", ">=", "||", "(", ")", ",", ";", ".", "*", "+", "-", "/", "%", "=", "<", ">"];

/// The tokens of `text`, ending with `End`; comments (`-- …` to the end of the line) skipped.
pub fn tokens(text: &str) -> Result<Vec<Token>, SqlError> {
    let chars: Vec<char> = text.chars().collect();
    let (mut i, mut line, mut column) = (0, 1u32, 1u32);
    let mut out = Vec::new();
    // Moves past `n` characters, counting lines and columns.
    let advance = |i: &mut usize, line: &mut u32, column: &mut u32, n: usize| {
        for _ in 0..n {
            if chars[*i] == '\n' {
                *line += 1;
                *column = 1;
            } else {
                *column += 1;
            }
            *i += 1;
        }
    };
    while i < chars.len() {
        let c = chars[i];
        let (at_line, at_column) = (line, column);
        let token = |tok| Token { tok, line: at_line, column: at_column };
        if c.is_whitespace() {
            advance(&mut i, &mut line, &mut column, 1);
        } else if c == '-' && chars.get(i + 1) == Some(&'-') {
            let n = chars[i..].iter().take_while(|&&c| c != '\n').count();
            advance(&mut i, &mut line, &mut column, n);
        } else if c.is_ascii_alphabetic() || c == '_' {
            let n = chars[i..].iter().take_while(|c| c.is_ascii_alphanumeric() || **c == '_').count();
            out.push(token(Tok::Word(chars[i..i + n].iter().collect())));
            advance(&mut i, &mut line, &mut column, n);
        } else if c.is_ascii_digit() {
            let n = chars[i..].iter().take_while(|c| c.is_ascii_digit() || **c == '.').count();
            out.push(token(Tok::Number(chars[i..i + n].iter().collect())));
            advance(&mut i, &mut line, &mut column, n);
        } else if c == '`' || c == '\'' || c == '"' {
            // A quoted identifier or a string; the quote doubled is the quote itself.
            let mut value = String::new();
            let mut j = i + 1;
            loop {
                match chars.get(j) {
                    None => {
                        let what = if c == '\'' { "string" } else { "quoted identifier" };
                        return Err(SqlError::at(at_line, at_column, format!("this {what} is never closed")));
                    }
                    Some(&q) if q == c && chars.get(j + 1) == Some(&c) => {
                        value.push(c);
                        j += 2;
                    }
                    Some(&q) if q == c => break,
                    Some(&other) => {
                        value.push(other);
                        j += 1;
                    }
                }
            }
            out.push(token(match c {
                '`' => Tok::Quoted(value),
                '"' => Tok::DoubleQuoted(value),
                _ => Tok::Str(value),
            }));
            let n = j + 1 - i;
            advance(&mut i, &mut line, &mut column, n);
        } else if let Some(symbol) =
            SYMBOLS.iter().find(|s| s.chars().zip(&chars[i..]).all(|(a, b)| a == *b) && chars.len() - i >= s.len())
        {
            out.push(token(Tok::Symbol(symbol)));
            advance(&mut i, &mut line, &mut column, symbol.len());
        } else {
            return Err(SqlError::at(at_line, at_column, format!("unexpected character '{c}'")));
        }
    }
    out.push(Token { tok: Tok::End, line, column });
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_know_where_they_start() {
        let t = tokens("SELECT `user`, 'it''s'\n  FROM t -- a comment\nWHERE a <= 1.5").unwrap();
        let kinds: Vec<&Tok> = t.iter().map(|t| &t.tok).collect();
        assert_eq!(
            kinds,
            [
                &Tok::Word("SELECT".into()),
                &Tok::Quoted("user".into()),
                &Tok::Symbol(","),
                &Tok::Str("it's".into()),
                &Tok::Word("FROM".into()),
                &Tok::Word("t".into()),
                &Tok::Word("WHERE".into()),
                &Tok::Word("a".into()),
                &Tok::Symbol("<="),
                &Tok::Number("1.5".into()),
                &Tok::End,
            ]
        );
        assert_eq!((t[4].line, t[4].column), (2, 3), "FROM");
        assert_eq!((t[8].line, t[8].column), (3, 9), "<=");
    }

    #[test]
    fn an_unclosed_string_is_an_error_at_its_start() {
        let e = tokens("SELECT\n  'abc").unwrap_err();
        assert_eq!((e.line, e.column), (2, 3));
        assert!(e.message.contains("never closed"));
        assert_eq!(tokens("SELECT #").unwrap_err().column, 8);
        let quoted = tokens("\"SOURCE\"\"X\"").unwrap();
        assert_eq!(quoted[0].tok, Tok::DoubleQuoted("SOURCE\"X".into()), "a legacy name, its quote doubled");
    }
}
