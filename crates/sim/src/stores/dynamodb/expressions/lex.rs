//! Expressions as tokens, and DynamoDB's syntax error message: the offending token and the
//! text from the token before it to the token after it (`token: ")", near: "()"`).

use super::ast::Comparator;

#[derive(Clone, Debug, PartialEq)]
pub(super) enum Tok {
    Word(String),
    Name(String),
    Value(String),
    Int(usize),
    Open,
    Close,
    OpenBracket,
    CloseBracket,
    Comma,
    Dot,
    Cmp(Comparator),
    End,
}

#[derive(Clone, Debug)]
pub(super) struct Token {
    pub(super) tok: Tok,
    pub(super) start: usize,
    pub(super) end: usize,
}

/// Why an expression is refused, before the member name is put in front.
pub(super) type Detail = String;

pub(super) fn syntax_error(text: &str, tokens: &[Token], at: usize) -> Detail {
    let here = &tokens[at];
    let shown = if here.tok == Tok::End { "<EOF>" } else { &text[here.start..here.end] };
    let from = if at > 0 { tokens[at - 1].start } else { here.start };
    let to = tokens.get(at + 1).map_or(here.end, |t| t.end);
    format!("Syntax error; token: \"{shown}\", near: \"{}\"", &text[from..to])
}

pub(super) fn lex(text: &str) -> Result<Vec<Token>, Detail> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    let word_byte = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        let two = bytes.get(i..i + 2);
        let tok = match b {
            b'(' => Tok::Open,
            b')' => Tok::Close,
            b'[' => Tok::OpenBracket,
            b']' => Tok::CloseBracket,
            b',' => Tok::Comma,
            b'.' => Tok::Dot,
            b'=' => Tok::Cmp(Comparator::Eq),
            b'<' if two == Some(b"<>") => Tok::Cmp(Comparator::Ne),
            b'<' if two == Some(b"<=") => Tok::Cmp(Comparator::Le),
            b'>' if two == Some(b">=") => Tok::Cmp(Comparator::Ge),
            b'<' => Tok::Cmp(Comparator::Lt),
            b'>' => Tok::Cmp(Comparator::Gt),
            b'#' | b':' => {
                let rest = bytes[i + 1..].iter().take_while(|&&c| word_byte(c)).count();
                let name = text[i..i + 1 + rest].to_string();
                if b == b'#' {
                    Tok::Name(name)
                } else {
                    Tok::Value(name)
                }
            }
            b'0'..=b'9' => {
                let len = bytes[i..].iter().take_while(|c| c.is_ascii_digit()).count();
                Tok::Int(text[i..i + len].parse().unwrap_or(usize::MAX))
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                let len = bytes[i..].iter().take_while(|&&c| word_byte(c)).count();
                Tok::Word(text[i..i + len].to_string())
            }
            _ => {
                let ch_len = text[i..].chars().next().map_or(1, char::len_utf8);
                let mut bad = tokens.clone();
                bad.push(Token { tok: Tok::Word(String::new()), start: i, end: i + ch_len });
                return Err(syntax_error(text, &bad, bad.len() - 1));
            }
        };
        i += match &tok {
            Tok::Name(s) | Tok::Value(s) | Tok::Word(s) => s.len(),
            Tok::Int(_) => bytes[i..].iter().take_while(|c| c.is_ascii_digit()).count(),
            Tok::Cmp(Comparator::Ne | Comparator::Le | Comparator::Ge) => 2,
            _ => 1,
        };
        tokens.push(Token { tok, start, end: i });
    }
    tokens.push(Token { tok: Tok::End, start: text.len(), end: text.len() });
    Ok(tokens)
}

pub(super) fn is_keyword(word: &str, keyword: &str) -> bool {
    word.eq_ignore_ascii_case(keyword)
}

pub(super) const KEYWORDS: [&str; 5] = ["AND", "OR", "NOT", "BETWEEN", "IN"];
