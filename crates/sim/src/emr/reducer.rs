//! One reduce task's work: merge its partition's sorted runs from every map, group equal
//! keys, reduce each group, and write `key<TAB>value` lines, as TextOutputFormat does.

use super::jobs::JobLogic;
use super::kv::KvBuffer;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReduceOutput {
    /// The part file's bytes.
    pub part: Vec<u8>,
    pub input_records: u64,
    pub input_groups: u64,
    pub output_records: u64,
}

/// Reduces the runs a reducer fetched (one from each map, each sorted).
pub fn run_reduce(logic: &dyn JobLogic, runs: &[&KvBuffer]) -> Result<ReduceOutput, String> {
    let mut merged = KvBuffer::default();
    for run in runs {
        merged.extend(run);
    }
    merged.sort();
    let mut out = ReduceOutput { input_records: merged.len() as u64, ..Default::default() };
    let mut part = Vec::new();
    let mut written = 0;
    out.input_groups = merged.group_count() as u64;
    logic.reduce_all(&merged, &mut |k, v| {
        part.extend_from_slice(k);
        part.push(b'\t');
        part.extend_from_slice(v);
        part.push(b'\n');
        written += 1;
    })?;
    out.part = part;
    out.output_records = written;
    Ok(out)
}

/// The `key → value` pairs of a part file (each line split at its first tab).
pub fn parse_part(part: &[u8]) -> impl Iterator<Item = (String, String)> + '_ {
    part.split(|&b| b == b'\n').filter(|l| !l.is_empty()).map(|line| {
        let line = String::from_utf8_lossy(line);
        match line.split_once('\t') {
            Some((k, v)) => (k.to_string(), v.to_string()),
            None => (line.into_owned(), String::new()),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emr::jobs::BuiltinJob;
    use crate::emr::mapper::run_map;

    #[test]
    fn runs_from_several_maps_reduce_into_one_part_file() {
        let logic = BuiltinJob::Wordcount.logic();
        let a = run_map(logic, "a", b"x y x", 0, 5, 1, true).unwrap();
        let b = run_map(logic, "b", b"y z", 0, 3, 1, false).unwrap();
        let out = run_reduce(logic, &[&a.partitions[0], &b.partitions[0]]).unwrap();
        assert_eq!(String::from_utf8(out.part.clone()).unwrap(), "x\t2\ny\t2\nz\t1\n");
        assert_eq!((out.input_records, out.input_groups, out.output_records), (4, 3, 3));
        let pairs: Vec<(String, String)> = parse_part(&out.part).collect();
        assert_eq!(pairs[2], ("z".to_string(), "1".to_string()));
    }
}
