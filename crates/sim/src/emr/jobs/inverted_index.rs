//! An inverted index: for each word (letters and digits, lower-cased), the sorted list of the
//! input files it appears in. The map emits `(word, file)`; the combiner drops repeats.

use super::{Emit, JobLogic, MapInput};
use std::collections::BTreeSet;

pub struct InvertedIndex;

/// The words of a line: runs of letters and digits (any script), lower-cased.
pub fn words(line: &str) -> impl Iterator<Item = String> + '_ {
    line.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase)
}

/// The file's name without its folders (what the index lists).
fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

impl JobLogic for InvertedIndex {
    fn map(&self, input: &MapInput, line: &[u8], emit: &mut Emit) -> Result<(), String> {
        let file = file_name(input.file).as_bytes();
        for word in words(&String::from_utf8_lossy(line)) {
            emit(word.as_bytes(), file);
        }
        Ok(())
    }

    fn combine(&self, key: &[u8], values: &[&[u8]], emit: &mut Emit) -> Result<(), String> {
        for file in values.iter().collect::<BTreeSet<_>>() {
            emit(key, file);
        }
        Ok(())
    }

    fn reduce(&self, key: &[u8], values: &[&[u8]], emit: &mut Emit) -> Result<(), String> {
        let files: BTreeSet<String> = values.iter().map(|v| String::from_utf8_lossy(v).into_owned()).collect();
        emit(key, files.into_iter().collect::<Vec<_>>().join(",").as_bytes());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::emr::jobs::{BuiltinJob, MapInput};

    #[test]
    fn lists_each_file_once_per_word() {
        let logic = BuiltinJob::InvertedIndex.logic();
        let mut pairs = Vec::new();
        for (file, line) in [("in/b.txt", "The cat, the hat"), ("in/a.txt", "A cat!")] {
            logic.map(&MapInput { file }, line.as_bytes(), &mut |k, v| pairs.push((k.to_vec(), v.to_vec()))).unwrap();
        }
        let cat: Vec<&[u8]> = pairs.iter().filter(|(k, _)| k == b"cat").map(|(_, v)| v.as_slice()).collect();
        let mut out = Vec::new();
        logic.reduce(b"cat", &cat, &mut |_, v| out.push(String::from_utf8_lossy(v).into_owned())).unwrap();
        assert_eq!(out, ["a.txt,b.txt"]);
        assert_eq!(pairs.iter().filter(|(k, _)| k == b"the").count(), 2);
    }
}
