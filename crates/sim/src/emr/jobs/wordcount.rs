//! Hadoop's WordCount example: StringTokenizer splits a line on space, tab, newline,
//! carriage return and form feed (and nothing else); each word counts 1; the combiner and
//! the reducer both sum.

use super::{Counting, Emit, MapInput};

pub static WORD_COUNT: Counting = Counting(map);

/// StringTokenizer's default delimiters: " \t\n\r\f".
pub fn is_delimiter(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0C)
}

/// Each word of the line counts 1.
fn map(_: &MapInput, line: &[u8], emit: &mut Emit) -> Result<(), String> {
    for word in line.split(|&b| is_delimiter(b)).filter(|w| !w.is_empty()) {
        emit(word, b"1");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::emr::jobs::{run_locally, BuiltinJob};

    #[test]
    fn counts_words_split_on_whitespace_only() {
        let out = run_locally(BuiltinJob::Wordcount, "t", "the cat\tthe  hat,\nthe\x0cend", false);
        let got: Vec<String> = out.iter().map(|(k, v)| format!("{k}={v}")).collect();
        assert_eq!(got, ["cat=1", "end=1", "hat,=1", "the=3"]);
        assert_eq!(
            run_locally(BuiltinJob::Wordcount, "t", "a b a\nb a", true),
            run_locally(BuiltinJob::Wordcount, "t", "a b a\nb a", false)
        );
    }
}
