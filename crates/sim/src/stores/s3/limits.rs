//! Amazon S3's rules as far as the lab enforces them, each with its source;
//! `docs/aws-rules.md` is generated from this file (see `crate::rules`).

/// A bucket name is 3–63 characters of lower-case letters, digits, dots and hyphens, starting
/// and ending with a letter or digit.
/// Source: Amazon S3 User Guide, "General purpose bucket naming rules".
pub const BUCKET_NAME_CHARS: (usize, usize) = (3, 63);

/// ListObjectsV2 returns at most 1,000 keys a page (MaxKeys defaults to, and is capped at,
/// 1,000). Source: Amazon S3 API Reference, ListObjectsV2 (MaxKeys).
pub const LIST_MAX_KEYS: usize = 1_000;

/// The rules of a bucket that are behaviours rather than numbers.
pub const BEHAVIOURS: &[crate::rules::Behaviour] = &[
    crate::rules::Behaviour {
        rule: "ListObjectsV2 lists keys in UTF-8 binary order, a page at a time, with a continuation token.",
        enforced_in: "stores/s3/mod.rs",
        by: "continuation_token",
        source: "Amazon S3 API Reference, ListObjectsV2",
    },
    crate::rules::Behaviour {
        rule: "GetObject and HeadObject serve one byte range a request (`Range: bytes=…`); a range that starts past the end is InvalidRange (416), a list of ranges is ignored.",
        enforced_in: "stores/s3/range.rs",
        by: "byte_range",
        source: "Amazon S3 API Reference, GetObject (Range); RFC 9110 §14.1.2",
    },
];

crate::rule_values!(BUCKET_NAME_CHARS, LIST_MAX_KEYS);
