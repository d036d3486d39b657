//! The KPL's aggregated record: several user records in one Kinesis record, in the format
//! the KPL writes and the KCL, Firehose and the kinesis-aggregation libraries read
//! (amazon-kinesis-producer, aggregation-format.md): 4 magic bytes, a protobuf
//! `AggregatedRecord` — a table of partition keys, a table of explicit hash keys (the lab's
//! producers set none), and the records, each its key's index and its data — then the MD5
//! of the protobuf bytes. A reader that does not de-aggregate sees these bytes as one record.
//!
//! The KPL only packs user records that it predicts for the same shard (it reads the
//! stream's shard map), so aggregation keeps each partition key's records on its shard and
//! in order. With one user record the KPL sends it as it is, not wrapped.

use super::payload::{Payload, Template};
use md5::{Digest, Md5};
use std::collections::BTreeMap;
use std::rc::Rc;

pub const MAGIC: [u8; 4] = [0xF3, 0x89, 0x9A, 0xC2];
const DIGEST_BYTES: usize = 16;

/// Protobuf tags (field number << 3 | wire type): AggregatedRecord's partition_key_table (1),
/// explicit_hash_key_table (2) and records (3), all length-delimited; Record's
/// partition_key_index (1, varint), explicit_hash_key_index (2, varint) and data (3, bytes).
const TAG_KEY_TABLE: u8 = 0x0A;
const TAG_RECORD: u8 = 0x1A;
const TAG_KEY_INDEX: u8 = 0x08;
const TAG_DATA: u8 = 0x1A;

fn varint_len(mut v: u64) -> usize {
    let mut n = 1;
    while v >= 0x80 {
        v >>= 7;
        n += 1;
    }
    n
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// The encoded length of one Record message's body.
fn record_body_len(key_index: u32, data_len: usize) -> usize {
    1 + varint_len(key_index as u64) + 1 + varint_len(data_len as u64) + data_len
}

/// Length-delimited field: tag, length, body.
fn field_len(body: usize) -> usize {
    1 + varint_len(body as u64) + body
}

/// Encodes user records (`records`: index into `keys`, data) as one aggregated record.
pub fn encode<K: AsRef<str>>(keys: &[K], records: &[(u32, Vec<u8>)]) -> Vec<u8> {
    let mut proto = Vec::new();
    for key in keys {
        proto.push(TAG_KEY_TABLE);
        put_varint(&mut proto, key.as_ref().len() as u64);
        proto.extend_from_slice(key.as_ref().as_bytes());
    }
    for (index, data) in records {
        proto.push(TAG_RECORD);
        put_varint(&mut proto, record_body_len(*index, data.len()) as u64);
        proto.push(TAG_KEY_INDEX);
        put_varint(&mut proto, *index as u64);
        proto.push(TAG_DATA);
        put_varint(&mut proto, data.len() as u64);
        proto.extend_from_slice(data);
    }
    let digest = Md5::digest(&proto);
    let mut out = Vec::with_capacity(MAGIC.len() + proto.len() + DIGEST_BYTES);
    out.extend_from_slice(&MAGIC);
    out.extend_from_slice(&proto);
    out.extend_from_slice(&digest);
    out
}

/// A protobuf reader over one message's bytes.
struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn varint(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let (&b, rest) = self.bytes.split_first()?;
            self.bytes = rest;
            v |= u64::from(b & 0x7F) << shift;
            if b < 0x80 {
                return Some(v);
            }
        }
        None
    }

    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.bytes.len() {
            return None;
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Some(head)
    }

    /// The next field: its number and, for a length-delimited one, its bytes; other wire
    /// types are read past (their value is not needed here).
    fn field(&mut self) -> Option<(u64, Option<&'a [u8]>, u64)> {
        let tag = self.varint()?;
        match tag & 7 {
            0 => Some((tag >> 3, None, self.varint()?)),
            1 => self.take(8).map(|_| (tag >> 3, None, 0)),
            2 => {
                let n = self.varint()? as usize;
                self.take(n).map(|b| (tag >> 3, Some(b), 0))
            }
            5 => self.take(4).map(|_| (tag >> 3, None, 0)),
            _ => None,
        }
    }
}

/// The user records (partition key, data) of an aggregated record, or None when the bytes
/// are not one: no magic, a malformed message, or an MD5 that does not match — then a reader
/// treats them as one ordinary record, as the KCL does.
pub fn decode(bytes: &[u8]) -> Option<Vec<(String, Vec<u8>)>> {
    let body = bytes.strip_prefix(&MAGIC)?;
    if body.len() < DIGEST_BYTES {
        return None;
    }
    let (proto, digest) = body.split_at(body.len() - DIGEST_BYTES);
    if Md5::digest(proto).as_slice() != digest {
        return None;
    }
    let mut keys = Vec::new();
    let mut records = Vec::new();
    let mut reader = Reader { bytes: proto };
    while !reader.bytes.is_empty() {
        match reader.field()? {
            (1, Some(key), _) => keys.push(String::from_utf8(key.to_vec()).ok()?),
            (3, Some(record), _) => {
                let (mut index, mut data) = (None, None);
                let mut inner = Reader { bytes: record };
                while !inner.bytes.is_empty() {
                    match inner.field()? {
                        (1, None, v) => index = Some(v as usize),
                        (3, Some(d), _) => data = Some(d.to_vec()),
                        _ => {}
                    }
                }
                records.push((index?, data?));
            }
            _ => {}
        }
    }
    if records.is_empty() {
        return None;
    }
    records.into_iter().map(|(i, data)| Some((keys.get(i)?.clone(), data))).collect()
}

/// A producer's generated user records packed into one Kinesis record. Only what makes the
/// bytes is kept (as for any generated record); the encoded length is kept exact as records
/// join, because it is what the shard's limits and the 50 KiB aggregation cap count.
#[derive(Clone, Debug, PartialEq)]
pub struct Aggregate {
    pub template: Template,
    /// Each user record's data size.
    pub size: u32,
    /// The partition key table: distinct keys, first seen first.
    pub keys: Vec<Rc<str>>,
    /// The user records: index into `keys`, and the record's number for its body.
    pub records: Vec<(u32, u64)>,
    /// The encoded length: magic, protobuf and MD5.
    pub len: usize,
}

impl Aggregate {
    /// The user records, rendered: each its partition key and its data.
    pub fn user_records(&self) -> Vec<(Rc<str>, Vec<u8>)> {
        self.records
            .iter()
            .map(|&(i, n)| {
                let key = self.keys[i as usize].clone();
                let data = Payload::Generated { template: self.template, n, size: self.size }.render(&key);
                (key, data)
            })
            .collect()
    }

    /// The bytes the KPL sends.
    pub fn render(&self) -> Vec<u8> {
        let records: Vec<(u32, Vec<u8>)> =
            self.user_records().into_iter().zip(&self.records).map(|((_, data), &(i, _))| (i, data)).collect();
        encode(&self.keys, &records)
    }
}

/// Packs generated user records for one shard until the next would take the aggregate past
/// `max_len` bytes.
#[derive(Clone, Debug)]
pub struct Aggregator {
    aggregate: Aggregate,
    index: BTreeMap<Rc<str>, u32>,
}

impl Aggregator {
    pub fn new(template: Template, size: u32) -> Self {
        Aggregator {
            aggregate: Aggregate {
                template,
                size,
                keys: Vec::new(),
                records: Vec::new(),
                len: MAGIC.len() + DIGEST_BYTES,
            },
            index: BTreeMap::new(),
        }
    }

    /// The encoded length with one more record of key `key`.
    pub fn len_with(&self, key: &str) -> usize {
        let (index, key_entry) = match self.index.get(key) {
            Some(&i) => (i, 0),
            None => (self.aggregate.keys.len() as u32, field_len(key.len())),
        };
        self.aggregate.len + key_entry + field_len(record_body_len(index, self.aggregate.size as usize))
    }

    pub fn push(&mut self, key: &Rc<str>, n: u64) {
        self.aggregate.len = self.len_with(key);
        let next = self.aggregate.keys.len() as u32;
        let index = *self.index.entry(key.clone()).or_insert(next);
        if index == next {
            self.aggregate.keys.push(key.clone());
        }
        self.aggregate.records.push((index, n));
    }

    pub fn count(&self) -> usize {
        self.aggregate.records.len()
    }

    /// The Kinesis record's payload: the aggregate, or with one user record that record
    /// as it is.
    pub fn finish(self) -> Payload {
        let a = self.aggregate;
        match a.records.as_slice() {
            [(_, n)] => Payload::Generated { template: a.template, n: *n, size: a.size },
            _ => Payload::Aggregated(Rc::new(a)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_record_encodes_as_the_format_lays_it_out() {
        let bytes = encode(&["a"], &[(0, b"hi".to_vec())]);
        let proto = [0x0A, 0x01, b'a', 0x1A, 0x06, 0x08, 0x00, 0x1A, 0x02, b'h', b'i'];
        assert_eq!(bytes[..4], MAGIC);
        assert_eq!(bytes[4..15], proto);
        assert_eq!(bytes[15..], Md5::digest(proto)[..]);
    }

    #[test]
    fn decoding_gives_back_every_user_record_with_its_key() {
        let keys = ["user-1", "user-2"];
        let records = vec![(0, b"one".to_vec()), (1, vec![7; 300]), (0, Vec::new())];
        let got = decode(&encode(&keys, &records)).expect("an aggregate");
        let want: Vec<(String, Vec<u8>)> =
            vec![("user-1".into(), b"one".to_vec()), ("user-2".into(), vec![7; 300]), ("user-1".into(), Vec::new())];
        assert_eq!(got, want);
    }

    #[test]
    fn bytes_that_are_not_an_intact_aggregate_are_not_decoded() {
        let mut bytes = encode(&["k"], &[(0, b"x".to_vec()), (0, b"y".to_vec())]);
        assert!(decode(b"plain text").is_none());
        assert!(decode(&MAGIC).is_none());
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        assert!(decode(&bytes).is_none(), "a wrong MD5 is an ordinary record");
    }

    #[test]
    fn the_kept_length_is_the_encoded_length() {
        let mut agg = Aggregator::new(Template::Clickstream, 200);
        let keys: Vec<Rc<str>> =
            ["a", "bb", "a", "c".repeat(200).as_str(), "bb"].iter().map(|k| Rc::from(*k)).collect();
        for (n, key) in keys.iter().enumerate() {
            let predicted = agg.len_with(key);
            agg.push(key, n as u64);
            assert_eq!(agg.aggregate.len, predicted);
            assert_eq!(agg.aggregate.render().len(), agg.aggregate.len, "after {} records", n + 1);
        }
        assert_eq!(agg.aggregate.keys.len(), 3, "a key is in the table once");
        let Payload::Aggregated(a) = agg.finish() else { panic!("five records are an aggregate") };
        let decoded = decode(&a.render()).expect("decodes");
        let rendered: Vec<(String, Vec<u8>)> = a.user_records().into_iter().map(|(k, d)| (k.to_string(), d)).collect();
        assert_eq!(decoded, rendered);
    }

    #[test]
    fn a_lone_user_record_is_sent_unwrapped() {
        let mut agg = Aggregator::new(Template::AppLog, 50);
        agg.push(&Rc::from("k"), 9);
        assert_eq!(agg.finish(), Payload::Generated { template: Template::AppLog, n: 9, size: 50 });
    }
}
