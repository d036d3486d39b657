//! ListObjectsV2's page: the keys under a prefix in order, at most MaxKeys of them, and with a
//! delimiter the keys that go deeper rolled up into their common prefix ("folders"), each
//! counting once toward MaxKeys, as S3 pages them.

/// One line of a listing page: an object's key, or a common prefix that stands for the keys
/// under it.
#[derive(Debug, PartialEq, Eq)]
pub enum Entry<'a> {
    Key(&'a str),
    CommonPrefix(String),
}

/// The page of `keys` (in order) under `prefix` after the continuation token `after`, and
/// whether more follow. A token that is a common prefix skips every key under it.
pub fn page<'a>(
    keys: impl Iterator<Item = &'a str>,
    prefix: &str,
    delimiter: Option<&str>,
    after: &str,
    max: usize,
) -> (Vec<Entry<'a>>, bool) {
    let delimiter = delimiter.filter(|d| !d.is_empty());
    let skipped_prefix = delimiter.filter(|d| after.ends_with(d)).map(|_| after);
    let mut entries: Vec<Entry<'a>> = Vec::new();
    let mut truncated = false;
    for key in keys.filter(|k| k.starts_with(prefix) && *k > after) {
        if skipped_prefix.is_some_and(|p| key.starts_with(p)) {
            continue;
        }
        let entry = match delimiter.and_then(|d| key[prefix.len()..].find(d).map(|i| (i, d))) {
            Some((i, d)) => Entry::CommonPrefix(key[..prefix.len() + i + d.len()].to_string()),
            None => Entry::Key(key),
        };
        if let (Entry::CommonPrefix(p), Some(Entry::CommonPrefix(last))) = (&entry, entries.last()) {
            if p == last {
                continue;
            }
        }
        if entries.len() == max {
            truncated = true;
            break;
        }
        entries.push(entry);
    }
    (entries, truncated)
}

/// The continuation token after `entry`: the last key, or the last common prefix.
pub fn token(entry: &Entry) -> String {
    match entry {
        Entry::Key(k) => k.to_string(),
        Entry::CommonPrefix(p) => p.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEYS: [&str; 6] = ["2026/01/a", "2026/01/b", "2026/02/c", "2026/x", "2027/01/d", "readme"];

    #[test]
    fn a_delimiter_rolls_deeper_keys_up_into_their_common_prefix() {
        let (page1, more) = page(KEYS.into_iter(), "", Some("/"), "", 1_000);
        assert_eq!(
            page1,
            [Entry::CommonPrefix("2026/".into()), Entry::CommonPrefix("2027/".into()), Entry::Key("readme")]
        );
        assert!(!more);
        let (under, _) = page(KEYS.into_iter(), "2026/", Some("/"), "", 1_000);
        assert_eq!(
            under,
            [Entry::CommonPrefix("2026/01/".into()), Entry::CommonPrefix("2026/02/".into()), Entry::Key("2026/x")]
        );
    }

    #[test]
    fn pages_count_a_common_prefix_once_and_a_token_after_it_skips_its_keys() {
        let (first, more) = page(KEYS.into_iter(), "", Some("/"), "", 1);
        assert_eq!(first, [Entry::CommonPrefix("2026/".into())]);
        assert!(more);
        let (second, more) = page(KEYS.into_iter(), "", Some("/"), &token(&first[0]), 1);
        assert_eq!(second, [Entry::CommonPrefix("2027/".into())]);
        assert!(more);
        // Without a delimiter every key is listed, in order.
        let (all, more) = page(KEYS.into_iter(), "2026/", None, "", 1_000);
        assert_eq!(all.len(), 4);
        assert!(!more);
    }
}
