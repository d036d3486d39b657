//! Every built-in job as an equivalent PySpark program: what a learner whose data outgrows
//! the browser runs on EMR (`spark-submit job.py s3://in/ s3://out/`). The Python lives in
//! `pyspark/*.py`, one file a job, and follows the Rust jobs rule for rule (same tokens, same
//! exact decimals, same rounding), so Spark's output equals the lab's for the same input;
//! `cargo xtask test` checks that with a real Spark.

use super::jobs::BuiltinJob;

const PRELUDE: &str = include_str!("pyspark/prelude.py");
const MAIN: &str = include_str!("pyspark/main.py");
const NUMBERS: &str = include_str!("pyspark/numbers.py");

fn job_code(job: BuiltinJob) -> Vec<&'static str> {
    match job {
        BuiltinJob::Wordcount => vec![include_str!("pyspark/wordcount.py")],
        BuiltinJob::PageviewsPerHour => vec![include_str!("pyspark/pageviews.py")],
        BuiltinJob::LogLevels => vec![include_str!("pyspark/log_levels.py")],
        BuiltinJob::InvertedIndex => vec![include_str!("pyspark/inverted_index.py")],
        BuiltinJob::TopN => vec![NUMBERS, include_str!("pyspark/top_n.py")],
        BuiltinJob::AverageByKey => vec![NUMBERS, include_str!("pyspark/average.py")],
    }
}

/// The PySpark program for `job` with `reducers` output partitions.
pub fn script(job: BuiltinJob, reducers: u32) -> String {
    let fill = |text: &str| text.replace("{job}", job.name()).replace("{reducers}", &reducers.to_string());
    let mut out = fill(PRELUDE);
    for part in job_code(job) {
        out.push_str(part);
    }
    out.push_str(&fill(MAIN));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_job_exports_a_complete_program() {
        for job in BuiltinJob::ALL {
            let s = script(job, 3);
            assert!(s.contains(&format!("spark-submit s3://your-bucket/{}.py", job.name())));
            assert!(s.contains("REDUCERS = 3"));
            assert!(s.contains("\ndef run(lines):"), "{}", job.name());
            assert!(s.contains("if __name__ == \"__main__\":"));
            assert!(!s.contains("{job}") && !s.contains("{reducers}"));
        }
    }
}
