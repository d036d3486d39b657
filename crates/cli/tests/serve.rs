//! `shardlab serve` over real HTTP, as a client reaches it: a stream created, written until
//! the shard throttles and read back in order; the clock moved by its admin request; and the
//! requests AWS refuses (unsigned, malformed, oversize, unknown targets) refused the same way
//! while the server goes on answering.

mod served;

use serde_json::{json, Value};
use served::Served;
use std::io::{Read, Write};
use std::net::TcpStream;

const AUTH: &str = "AWS4-HMAC-SHA256 Credential=AKID/20261201/us-east-1/kinesis/aws4_request, \
                    SignedHeaders=host;x-amz-target, Signature=0000000000000000000000000000000000000000000000000000000000000000";

/// Raw HTTP, as a client that is not an SDK sends it.
trait Http {
    fn send(&self, head: &str, body: &[u8]) -> (u16, Vec<(String, String)>, String);
    fn call(&self, op: &str, input: Value) -> (u16, Value);
    fn advance(&self, ms: u64);
}

impl Http for Served {
    /// Sends `head` (request line and headers, without the blank line) and `body`; returns
    /// the status, the headers (lower-case names) and the body.
    fn send(&self, head: &str, body: &[u8]) -> (u16, Vec<(String, String)>, String) {
        let mut stream = TcpStream::connect(&self.address).unwrap();
        let request = format!("{head}\r\nHost: {}\r\nConnection: close\r\n\r\n", self.address);
        stream.write_all(request.as_bytes()).unwrap();
        // A server that refuses from the headers may close before the body is sent.
        let _ = stream.write_all(body);
        let mut answer = Vec::new();
        let _ = stream.read_to_end(&mut answer);
        let text = String::from_utf8_lossy(&answer).to_string();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let mut lines = head.lines();
        let status = lines.next().and_then(|l| l.split(' ').nth(1)).and_then(|s| s.parse().ok()).unwrap_or(0);
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        let chunked = headers.iter().any(|(n, v)| n == "transfer-encoding" && v.eq_ignore_ascii_case("chunked"));
        let body = if chunked { unchunk(body) } else { body.to_string() };
        (status, headers, body)
    }

    fn call(&self, op: &str, input: Value) -> (u16, Value) {
        let body = input.to_string();
        let head = format!(
            "POST / HTTP/1.1\r\nContent-Type: application/x-amz-json-1.1\r\nX-Amz-Target: Kinesis_20131202.{op}\r\n\
             Authorization: {AUTH}\r\nContent-Length: {}",
            body.len()
        );
        let (status, _, body) = self.send(&head, body.as_bytes());
        (status, serde_json::from_str(&body).unwrap_or(Value::Null))
    }

    fn advance(&self, ms: u64) {
        let body = json!({ "ms": ms }).to_string();
        let head = format!("POST /_shardlab/advance HTTP/1.1\r\nContent-Length: {}", body.len());
        assert_eq!(self.send(&head, body.as_bytes()).0, 200);
    }
}

/// A chunked body (as a server sends a large answer) put back together.
fn unchunk(mut rest: &str) -> String {
    let mut body = String::new();
    while let Some((size, after)) = rest.split_once("\r\n") {
        let size = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if size == 0 || after.len() < size {
            break;
        }
        body.push_str(&after[..size]);
        rest = after[size..].trim_start_matches("\r\n");
    }
    body
}

#[test]
fn a_client_creates_writes_until_throttled_and_reads_back_in_order() {
    let lab = Served::start();
    let (status, _) = lab.call("CreateStream", json!({ "StreamName": "clicks", "ShardCount": 1 }));
    assert_eq!(status, 200);
    lab.advance(5_000);
    let mut sequence_numbers = Vec::new();
    let throttled = loop {
        let n = sequence_numbers.len();
        let (status, answer) =
            lab.call("PutRecord", json!({ "StreamName": "clicks", "PartitionKey": format!("k{n}"), "Data": "aGk=" }));
        if status != 200 {
            break (status, answer);
        }
        sequence_numbers.push(answer["SequenceNumber"].as_str().unwrap().to_string());
    };
    assert_eq!(sequence_numbers.len(), 1_000, "one shard takes 1,000 records a second");
    assert_eq!(throttled.0, 400);
    assert_eq!(throttled.1["__type"], "ProvisionedThroughputExceededException");

    let (_, iterator) = lab.call(
        "GetShardIterator",
        json!({ "StreamName": "clicks", "ShardId": "shardId-000000000000", "ShardIteratorType": "TRIM_HORIZON" }),
    );
    let (status, records) =
        lab.call("GetRecords", json!({ "ShardIterator": iterator["ShardIterator"], "Limit": 10_000 }));
    assert_eq!(status, 200, "{records}");
    let read: Vec<String> = records["Records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["SequenceNumber"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(read, sequence_numbers, "every accepted record, in order");
}

#[test]
fn refused_requests_are_refused_as_aws_refuses_them_and_the_server_goes_on() {
    let lab = Served::start();
    let target = "X-Amz-Target: Kinesis_20131202.ListStreams";
    // No signature.
    let (status, headers, body) = lab.send(&format!("POST / HTTP/1.1\r\n{target}\r\nContent-Length: 2"), b"{}");
    assert_eq!(status, 403, "{body}");
    assert!(body.contains("MissingAuthenticationTokenException"));
    assert!(headers.iter().any(|(n, v)| n == "x-amzn-requestid" && v.len() == 36), "{headers:?}");
    // Not JSON.
    let (status, _, body) =
        lab.send(&format!("POST / HTTP/1.1\r\n{target}\r\nAuthorization: {AUTH}\r\nContent-Length: 9"), b"{\"Limit\":");
    assert_eq!(status, 400);
    assert!(body.contains("SerializationException"), "{body}");
    // A target no service has.
    let (status, _, body) = lab.send(
        &format!("POST / HTTP/1.1\r\nX-Amz-Target: SQS.SendMessage\r\nAuthorization: {AUTH}\r\nContent-Length: 2"),
        b"{}",
    );
    assert_eq!(status, 400);
    assert!(body.contains("UnknownOperationException"), "{body}");
    // A body declared larger than any request: refused from its length, before it is sent.
    let (status, _, body) =
        lab.send(&format!("POST / HTTP/1.1\r\n{target}\r\nAuthorization: {AUTH}\r\nContent-Length: 1000000000"), b"");
    assert_eq!(status, 413, "{body}");
    // Garbage that is not HTTP at all.
    let mut stream = TcpStream::connect(&lab.address).unwrap();
    let _ = stream.write_all(b"\x00\x01 not http\r\n\r\n");
    let _ = stream.read_to_end(&mut Vec::new());
    // And the server still answers.
    let (status, answer) = lab.call("ListStreams", json!({}));
    assert_eq!(status, 200);
    assert_eq!(answer["StreamNames"], json!([]));
}

/// A small seeded generator (xorshift), so that a failing case can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[(self.next() % from.len() as u64) as usize]
    }
}

#[test]
fn a_stream_of_malformed_requests_never_stops_the_server() {
    let lab = Served::start();
    let mut rng = Rng(0x5348_4152_444c_4142);
    let targets = [
        "Kinesis_20131202.PutRecord",
        "Kinesis_20131202.",
        "Nope.Op",
        "Firehose_20150804.PutRecord",
        "",
        "DynamoDB_20120810.GetItem",
    ];
    let bodies =
        ["{}", "{\"StreamName\":", "[1,2]", "null", "\u{0}\u{1}\u{2}", "{\"StreamName\":\"x\",\"Data\":\"!!!\"}", ""];
    let methods = ["POST", "GET", "PUT", "DELETE", "HEAD", "BREW"];
    let paths = ["/", "/bucket", "/bucket/key", "/_shardlab/advance", "/%zz", "//", "/b/k?list-type=2&max-keys=x"];
    for case in 0..300 {
        let kind = rng.next() % 4;
        let mut stream = TcpStream::connect(&lab.address).unwrap();
        stream.set_read_timeout(Some(std::time::Duration::from_secs(5))).unwrap();
        let request: Vec<u8> = match kind {
            // Random bytes, not HTTP at all.
            0 => (0..(rng.next() % 200)).map(|_| rng.next() as u8).collect(),
            // A declared length far beyond what is sent, or beyond the limit.
            1 => format!(
                "POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: {}\r\nAuthorization: {AUTH}\r\nContent-Length: {}\r\n\r\n{{",
                rng.pick(&targets),
                [1u64 << 40, 17 * 1024 * 1024, 3][(rng.next() % 3) as usize]
            )
            .into_bytes(),
            // Well-formed HTTP with wrong methods, paths, targets and bodies, signed or not.
            _ => {
                let body = rng.pick(&bodies);
                let auth = if rng.next() % 3 == 0 { String::new() } else { format!("Authorization: {AUTH}\r\n") };
                format!(
                    "{} {} HTTP/1.1\r\nHost: x\r\nX-Amz-Target: {}\r\n{auth}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    rng.pick(&methods),
                    rng.pick(&paths),
                    rng.pick(&targets),
                    body.len()
                )
                .into_bytes()
            }
        };
        let _ = stream.write_all(&request);
        let _ = stream.shutdown(std::net::Shutdown::Write);
        let _ = stream.read_to_end(&mut Vec::new());
        // After every case the server still answers a good request.
        if case % 25 == 24 {
            assert_eq!(lab.call("ListStreams", json!({})).0, 200, "after case {case}");
        }
    }
    assert_eq!(lab.call("ListStreams", json!({})).0, 200);
}
