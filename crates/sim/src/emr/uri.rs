//! The paths a step names: `s3://bucket/prefix/` (EMRFS) and `hdfs:///dir/`.

/// `s3://bucket/some/prefix/` as (bucket, prefix).
pub fn parse_s3(uri: &str) -> Option<(&str, &str)> {
    let rest = uri.strip_prefix("s3://")?;
    let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
    (!bucket.is_empty()).then_some((bucket, prefix))
}

/// `hdfs:///input/` (or `hdfs://namenode/input/`) as the path `/input/`.
pub fn parse_hdfs(uri: &str) -> Option<&str> {
    let rest = uri.strip_prefix("hdfs://")?;
    let slash = rest.find('/')?;
    Some(&rest[slash..])
}

/// Whether Hadoop's input listing skips a file: names starting with `_` or `.` (such as
/// `_SUCCESS`) are hidden.
pub fn is_hidden(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.starts_with('_') || name.starts_with('.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_parse() {
        assert_eq!(parse_s3("s3://lab-in/logs/2026/"), Some(("lab-in", "logs/2026/")));
        assert_eq!(parse_s3("s3://lab-in"), Some(("lab-in", "")));
        assert_eq!(parse_s3("hdfs:///x"), None);
        assert_eq!(parse_hdfs("hdfs:///input/"), Some("/input/"));
        assert_eq!(parse_hdfs("hdfs://nn:8020/input/a"), Some("/input/a"));
        assert!(is_hidden("out/_SUCCESS") && !is_hidden("out/part-r-00000"));
    }
}
