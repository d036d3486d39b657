//! `shardlab serve`: one world behind AWS's JSON wire protocols over HTTP/1.1, so that the
//! tools people really use — the AWS CLI, boto3, the SDKs — work against the lab with
//! `--endpoint-url`, and are throttled, answered and refused as AWS would.
//!
//! Served: Kinesis Data Streams, Data Firehose, DynamoDB and EMR (`X-Amz-Target`, JSON 1.0 and
//! 1.1, `protocol.rs`), SubscribeToShard as an event stream (`subscribe.rs`); S3's REST API
//! for requests without a target (`s3_rest.rs`). Admin requests for the clock:
//! `POST /_shardlab/advance` with `{"ms": N}`, and `GET /_shardlab/clock`. Every answer
//! carries an `x-amzn-RequestId`.

mod auth;
mod clock;
mod event_stream;
mod http;
mod protocol;
mod record;
mod s3_rest;
mod subscribe;

use clock::LabClock;
use serde_json::{json, Value};
use shardlab_sim::{SimDuration, World};
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;

/// The largest request body read: a 10 MiB record (the most a stream's UpdateMaxRecordSize
/// allows) base64-encoded, with room for its JSON. The model checks AWS's own limits
/// (PutRecords' 5 MiB, a record's size) on what is read; this only keeps a client from
/// making the lab read without end.
pub const MAX_REQUEST_BYTES: usize = 16 * 1024 * 1024;

#[derive(clap::Args)]
pub struct ServeArgs {
    /// A scenario whose world the requests act on (an empty world without one).
    pub scenario: Option<PathBuf>,
    /// The port to listen on (0: any free one; the endpoint printed says which).
    #[arg(long, default_value_t = 4566)]
    port: u16,
    /// The address to listen on. Only this machine can reach the default.
    #[arg(long, default_value = "127.0.0.1")]
    bind: IpAddr,
    /// Virtual time runs at N× the wall clock (AWS's is 1×).
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=3_600))]
    speed: u32,
    /// Virtual time stands still until `POST /_shardlab/advance {"ms": N}` moves it, so that
    /// a scripted test is repeatable.
    #[arg(long, conflicts_with = "speed")]
    manual_clock: bool,
    /// Writes the session as `shardlab api` exchanges, NAME.in.jsonl and NAME.out.jsonl:
    /// `shardlab api [SCENARIO] < NAME.in.jsonl` replays it.
    #[arg(long, value_name = "NAME")]
    record: Option<PathBuf>,
}

/// A request as the lab reads it.
pub struct Incoming<'a> {
    pub method: &'a str,
    pub path: &'a str,
    pub header: &'a dyn Fn(&str) -> Option<String>,
    pub body: &'a [u8],
}

/// An answer: status, headers, body, and for an event stream the rest of the body to come.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
    pub more: Option<std::sync::mpsc::Receiver<Vec<u8>>>,
}

#[cfg(test)]
impl Reply {
    /// The body as text (every answer but an object's is).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// The served world, its clock, the requests answered so far and the subscriptions open.
pub struct Lab {
    world: World,
    clock: LabClock,
    answered: u64,
    subscriptions: Vec<subscribe::Open>,
    recorder: Option<record::Recorder>,
}

impl Lab {
    pub fn new(world: World, manual_clock: bool, speed: u32) -> Lab {
        let clock = if manual_clock { LabClock::Manual } else { LabClock::wall(speed, &world) };
        Lab { world, clock, answered: 0, subscriptions: Vec::new(), recorder: None }
    }

    /// One operation of the world's API, written down if the session is recorded.
    fn call(&mut self, service: &str, op: &str, input: Value) -> Result<Value, shardlab_sim::kinesis::ApiError> {
        let Some(recorder) = &mut self.recorder else { return self.world.call(service, op, input) };
        let answer = self.world.call(service, op, input.clone());
        recorder.call(self.world.now(), service, op, &input, &answer);
        answer
    }

    /// Answers one request, then pushes what the open subscriptions have after it.
    pub fn answer(&mut self, request: &Incoming) -> Reply {
        self.answered += 1;
        self.clock.catch_up(&mut self.world);
        let request_id = protocol::request_id(self.answered);
        let path = request.path.split('?').next().unwrap_or_default();
        let reply = if (request.header)("x-amz-target").is_none() && !path.starts_with("/_shardlab/") {
            self.s3(request, request_id)
        } else if path == "/_shardlab/advance" || path == "/_shardlab/clock" {
            let (status, body) = self.admin(request);
            let headers = vec![("Content-Type", "application/json".to_string()), ("x-amzn-RequestId", request_id)];
            Reply { status, headers, body: body.into_bytes(), more: None }
        } else {
            let mut reply = self.aws(request);
            reply.headers.push(("x-amzn-RequestId", request_id));
            reply
        };
        subscribe::push_all(&mut self.world, &mut self.subscriptions);
        reply
    }

    /// While no request comes: the clock moves on (unless it is manual) and the open
    /// subscriptions are pushed what arrived.
    pub fn idle(&mut self) {
        if self.subscriptions.is_empty() {
            return;
        }
        self.clock.catch_up(&mut self.world);
        subscribe::push_all(&mut self.world, &mut self.subscriptions);
    }

    /// S3's REST API: signed by header or by a presigned address.
    fn s3(&mut self, request: &Incoming, request_id: String) -> Reply {
        let presigned = request.path.contains("X-Amz-Signature=") && request.path.contains("X-Amz-Credential=");
        let signed = if presigned { Ok(()) } else { auth::check((request.header)("authorization").as_deref()) };
        let mut reply = match signed {
            Ok(()) => {
                let host = (request.header)("host").unwrap_or_default();
                let body = unchunked(request);
                let s3_request = s3_rest::S3Request {
                    method: request.method,
                    url: request.path,
                    host: &host,
                    range: (request.header)("range"),
                    body: &body,
                };
                let mut call = |op: &str, input: Value| self.call("s3", op, input);
                s3_rest::answer(&mut call, &s3_request, &request_id)
            }
            Err(r) => s3_rest::refused(r.status, r.kind, &r.message, &request_id),
        };
        reply.headers.push(("x-amz-request-id", request_id));
        Reply { status: reply.status, headers: reply.headers, body: reply.body, more: None }
    }

    fn admin(&mut self, request: &Incoming) -> (u16, String) {
        if request.path.starts_with("/_shardlab/advance") {
            if request.method != "POST" {
                return (405, protocol::error_body("ValidationException", "advance the clock with POST"));
            }
            let ms = serde_json::from_slice::<Value>(request.body).ok().and_then(|v| v.get("ms")?.as_u64());
            let Some(ms) = ms else {
                let message = "the body must be {\"ms\": N}, N a whole number of milliseconds, 0 or more";
                return (400, protocol::error_body("ValidationException", message));
            };
            self.world.advance(SimDuration::from_millis(ms));
            if let Some(recorder) = &mut self.recorder {
                recorder.time(self.world.now());
            }
        }
        let body = json!({ "now_ms": self.world.now().as_millis(), "clock": self.clock.describe() });
        (200, body.to_string())
    }

    fn aws(&mut self, request: &Incoming) -> Reply {
        let json = |status: u16, content_type: &str, body: String| Reply {
            status,
            headers: vec![("Content-Type", content_type.to_string())],
            body: body.into_bytes(),
            more: None,
        };
        let refuse = |status: u16, kind: &str, message: &str| {
            json(status, protocol::JSON_1_1, protocol::error_body(kind, message))
        };
        if request.method != "POST" {
            return refuse(405, "UnknownOperationException", "AWS's JSON protocols take POST requests");
        }
        if let Err(r) = auth::check((request.header)("authorization").as_deref()) {
            return refuse(r.status, r.kind, &r.message);
        }
        let target = (request.header)("x-amz-target");
        let (service, op) = match protocol::target(target.as_deref()) {
            Ok(found) => found,
            Err(e) => return refuse(protocol::status(&e), e.kind.name(), &e.message),
        };
        let answer = |status, body: String| json(status, service.content_type, body);
        // An empty body is an empty input, as the SDKs send for operations without one.
        let input = if request.body.iter().all(u8::is_ascii_whitespace) {
            Ok(json!({}))
        } else {
            serde_json::from_slice::<Value>(request.body)
        };
        let input = match input {
            Ok(v @ Value::Object(_)) => v,
            Ok(_) => {
                return answer(400, protocol::error_body("SerializationException", "the body must be a JSON object"))
            }
            Err(e) => {
                return answer(
                    400,
                    protocol::error_body("SerializationException", &format!("the body is not JSON: {e}")),
                )
            }
        };
        let subscribing = service.name == "kinesis" && op == "SubscribeToShard";
        match self.call(service.name, op, input.clone()) {
            Ok(output) if subscribing => {
                let (body, open, more) = subscribe::opened(&mut self.world, &input, &output);
                self.subscriptions.extend(open);
                let headers = vec![("Content-Type", event_stream::CONTENT_TYPE.to_string())];
                Reply { status: 200, headers, body, more }
            }
            Ok(output) => answer(200, output.to_string()),
            Err(e) => answer(protocol::status(&e), protocol::error_body(e.kind.name(), &e.message)),
        }
    }
}

/// The body an S3 upload carries: as sent, or, when the SDK streamed it in `aws-chunked`
/// frames (`SIZE;chunk-signature=…` lines, then trailers), the data of its frames.
fn unchunked(request: &Incoming) -> Vec<u8> {
    let framed = (request.header)("content-encoding").is_some_and(|e| e.contains("aws-chunked"))
        || (request.header)("x-amz-content-sha256").is_some_and(|h| h.starts_with("STREAMING-"));
    if !framed {
        return request.body.to_vec();
    }
    let (mut data, mut rest) = (Vec::new(), request.body);
    while let Some(end) = rest.windows(2).position(|w| w == b"\r\n") {
        let line = String::from_utf8_lossy(&rest[..end]);
        let size = usize::from_str_radix(line.split(';').next().unwrap_or_default().trim(), 16).unwrap_or(0);
        let start = end + 2;
        if size == 0 || rest.len() < start + size {
            break;
        }
        data.extend_from_slice(&rest[start..start + size]);
        rest = rest[start + size..].strip_prefix(b"\r\n").unwrap_or(&rest[start + size..]);
    }
    data
}

/// Runs the server until it is stopped.
pub fn run(args: &ServeArgs, world: World) -> Result<String, String> {
    let address = SocketAddr::new(args.bind, args.port);
    let listener =
        std::net::TcpListener::bind(address).map_err(|e| format!("serve: cannot listen on {address}: {e}"))?;
    let bound = listener.local_addr().map_err(|e| format!("serve: {e}"))?;
    let endpoint = format!("http://{bound}");
    // Written, not printed: a closed stdout (a script that read the endpoint and went on) is
    // no reason to stop serving.
    use std::io::Write;
    let mut out = std::io::stdout();
    let _ = writeln!(out, "ShardLab serves Kinesis, Firehose, DynamoDB, EMR and S3 at {endpoint}");
    let _ = writeln!(out, "  aws --endpoint-url {endpoint} kinesis list-streams");
    let _ = out.flush();
    if !args.bind.is_loopback() {
        let _ = writeln!(
            std::io::stderr(),
            "shardlab serve: listening on {}, not only this machine: anyone who reaches it can use the lab",
            args.bind
        );
    }
    // Both the answers and the pushes between requests act on the lab, on this one thread.
    let mut lab = Lab::new(world, args.manual_clock, args.speed);
    if let Some(name) = &args.record {
        lab.recorder = Some(record::Recorder::create(name, lab.world.now())?);
    }
    let lab = std::cell::RefCell::new(lab);
    http::serve(
        listener,
        MAX_REQUEST_BYTES,
        |request| {
            let header = |name: &str| request.header(name);
            let incoming =
                Incoming { method: &request.method, path: &request.path, header: &header, body: &request.body };
            let reply = lab.borrow_mut().answer(&incoming);
            http::Answer { status: reply.status, headers: reply.headers, body: reply.body, more: reply.more }
        },
        || lab.borrow_mut().idle(),
        |status, reason| http::Answer {
            status,
            headers: vec![("Content-Type", protocol::JSON_1_1.into())],
            body: protocol::error_body("SerializationException", reason).into_bytes(),
            more: None,
        },
    );
    Ok(String::new())
}

#[cfg(test)]
mod tests {
    use super::*;
    use shardlab_sim::Scenario;

    const AUTH: &str = "AWS4-HMAC-SHA256 Credential=AKID/20261201/us-east-1/kinesis/aws4_request, \
                        SignedHeaders=host;x-amz-target, Signature=0000000000000000000000000000000000000000000000000000000000000000";

    fn lab() -> Lab {
        Lab::new(World::from_scenario(&Scenario::default()).unwrap(), true, 1)
    }

    fn call(lab: &mut Lab, target: &str, body: &str) -> Reply {
        let target = target.to_string();
        let header = move |name: &str| match name {
            "authorization" => Some(AUTH.to_string()),
            "x-amz-target" => Some(target.clone()),
            _ => None,
        };
        lab.answer(&Incoming { method: "POST", path: "/", header: &header, body: body.as_bytes() })
    }

    fn advance(lab: &mut Lab, ms: u64) -> Reply {
        let body = format!("{{\"ms\":{ms}}}");
        lab.answer(&Incoming { method: "POST", path: "/_shardlab/advance", header: &|_| None, body: body.as_bytes() })
    }

    #[test]
    fn a_stream_is_created_written_and_throttled_as_on_aws() {
        let mut lab = lab();
        let created = call(&mut lab, "Kinesis_20131202.CreateStream", r#"{"StreamName":"s","ShardCount":1}"#);
        assert_eq!(created.status, 200, "{}", created.text());
        assert!(created.headers.iter().any(|(n, v)| *n == "x-amzn-RequestId" && v.len() == 36));
        let early =
            call(&mut lab, "Kinesis_20131202.PutRecord", r#"{"StreamName":"s","PartitionKey":"k","Data":"aGk="}"#);
        assert_eq!(early.status, 400, "the stream is still CREATING: {}", early.text());
        assert_eq!(advance(&mut lab, 5_000).status, 200);
        let put = || r#"{"StreamName":"s","PartitionKey":"k","Data":"aGk="}"#;
        let mut accepted = 0;
        let throttled = loop {
            let reply = call(&mut lab, "Kinesis_20131202.PutRecord", put());
            if reply.status != 200 {
                break reply;
            }
            accepted += 1;
        };
        assert_eq!(accepted, 1_000, "a shard takes 1,000 records a second");
        assert!(
            throttled.text().contains("\"__type\":\"ProvisionedThroughputExceededException\""),
            "{}",
            throttled.text()
        );
    }

    /// The events of event-stream bytes: each message's `:event-type` (or exception type)
    /// and payload.
    fn events(bytes: &[u8]) -> Vec<(String, Value)> {
        event_stream::decode(bytes)
            .into_iter()
            .map(|(headers, payload)| {
                let kind = headers.iter().find(|(n, _)| n == ":event-type" || n == ":exception-type").unwrap();
                (kind.1.clone(), serde_json::from_slice(&payload).unwrap())
            })
            .collect()
    }

    #[test]
    fn subscribe_to_shard_answers_an_event_stream_that_the_world_keeps_pushing() {
        let mut lab = lab();
        call(&mut lab, "Kinesis_20131202.CreateStream", r#"{"StreamName":"s","ShardCount":1}"#);
        advance(&mut lab, 5_000);
        let arn = "arn:aws:kinesis:us-east-1:123456789012:stream/s";
        let registered = call(
            &mut lab,
            "Kinesis_20131202.RegisterStreamConsumer",
            &json!({"StreamARN": arn, "ConsumerName": "c"}).to_string(),
        );
        let consumer = serde_json::from_slice::<Value>(&registered.body).unwrap()["Consumer"]["ConsumerARN"].clone();
        advance(&mut lab, 10_000);
        let put = |lab: &mut Lab, key: &str| {
            let body = json!({"StreamName": "s", "PartitionKey": key, "Data": "aGk="}).to_string();
            assert_eq!(call(lab, "Kinesis_20131202.PutRecord", &body).status, 200);
        };
        put(&mut lab, "before");
        let subscribe = json!({"ConsumerARN": consumer, "ShardId": "shardId-000000000000",
                               "StartingPosition": {"Type": "TRIM_HORIZON"}})
        .to_string();
        let mut reply = call(&mut lab, "Kinesis_20131202.SubscribeToShard", &subscribe);
        assert_eq!(reply.status, 200);
        assert!(reply.headers.contains(&("Content-Type", "application/vnd.amazon.eventstream".into())));
        let first = events(&reply.body);
        assert_eq!(first[0], ("initial-response".to_string(), json!({})));
        assert_eq!(first[1].0, "SubscribeToShardEvent");
        assert_eq!(first[1].1["Records"][0]["PartitionKey"], "before");
        let more = reply.more.take().expect("the subscription stays open");

        put(&mut lab, "during");
        assert!(more.try_recv().is_err(), "no time has passed: no budget yet");
        advance(&mut lab, 100);
        let pushed = events(&more.try_recv().expect("the record put is pushed once time moves"));
        assert_eq!(pushed[0].1["Records"][0]["PartitionKey"], "during");

        // A second call within 5 s is refused as JSON; one after takes the push over and
        // the first stream ends with AWS's exception.
        advance(&mut lab, 1_000);
        let early = call(&mut lab, "Kinesis_20131202.SubscribeToShard", &subscribe);
        assert_eq!(early.status, 400);
        assert!(early.text().contains("ResourceInUseException"), "{}", early.text());
        advance(&mut lab, 5_000);
        let taken_over = call(&mut lab, "Kinesis_20131202.SubscribeToShard", &subscribe);
        assert_eq!(taken_over.status, 200);
        let ended = events(&more.try_recv().expect("the end is pushed"));
        assert_eq!(ended[0].0, "ResourceInUseException");
        assert!(more.try_recv().is_err(), "nothing follows the exception");

        // The new one lasts five minutes, then its stream closes.
        let newer = taken_over.more.expect("open");
        advance(&mut lab, 299_000);
        assert!(matches!(newer.try_recv(), Err(std::sync::mpsc::TryRecvError::Empty)));
        advance(&mut lab, 1_000);
        assert!(matches!(newer.try_recv(), Err(std::sync::mpsc::TryRecvError::Disconnected)));
    }

    /// An S3 REST request, signed, with a `Range` header if given.
    fn s3(lab: &mut Lab, method: &str, path: &str, range: Option<&str>, body: &[u8]) -> Reply {
        let range = range.map(str::to_string);
        let header = move |name: &str| match name {
            "authorization" => Some(AUTH.to_string()),
            "host" => Some("127.0.0.1:4566".to_string()),
            "range" => range.clone(),
            _ => None,
        };
        lab.answer(&Incoming { method, path, header: &header, body })
    }

    #[test]
    fn a_byte_range_of_an_object_is_answered_as_s3_answers_it() {
        let mut lab = lab();
        assert_eq!(s3(&mut lab, "PUT", "/bucket", None, b"").status, 200);
        let object: Vec<u8> = (0..100u8).collect();
        assert_eq!(s3(&mut lab, "PUT", "/bucket/key", None, &object).status, 200);
        let header = |reply: &Reply, name: &str| reply.headers.iter().find(|(n, _)| *n == name).map(|(_, v)| v.clone());

        let part = s3(&mut lab, "GET", "/bucket/key", Some("bytes=10-19"), b"");
        assert_eq!(part.status, 206);
        assert_eq!(part.body, &object[10..20]);
        assert_eq!(header(&part, "Content-Range").as_deref(), Some("bytes 10-19/100"));
        let tail = s3(&mut lab, "GET", "/bucket/key", Some("bytes=-5"), b"");
        assert_eq!((tail.status, tail.body.as_slice()), (206, &object[95..]));
        let head = s3(&mut lab, "HEAD", "/bucket/key", Some("bytes=0-49"), b"");
        assert_eq!((head.status, head.body.len()), (206, 50), "HEAD's length is the range's");

        let past = s3(&mut lab, "GET", "/bucket/key", Some("bytes=100-"), b"");
        assert_eq!(past.status, 416);
        assert!(past.text().contains("<Code>InvalidRange</Code>"), "{}", past.text());
        let whole = s3(&mut lab, "GET", "/bucket/key", Some("bytes=0-1,5-6"), b"");
        assert_eq!((whole.status, whole.body.len()), (200, 100), "one range a request: a list is ignored");
        assert_eq!(header(&whole, "Content-Range"), None);
    }

    #[test]
    fn an_unsigned_or_malformed_request_is_refused_and_the_lab_goes_on() {
        let mut lab = lab();
        let unsigned = lab.answer(&Incoming { method: "POST", path: "/", header: &|_| None, body: b"{}" });
        assert_eq!(unsigned.status, 403);
        let not_json = call(&mut lab, "Kinesis_20131202.ListStreams", "{\"Limit\":");
        assert_eq!(not_json.status, 400);
        assert!(not_json.text().contains("SerializationException"));
        let unknown = call(&mut lab, "Kinesis_20131202.Nope", "{}");
        assert!(unknown.text().contains("UnknownOperationException"), "{}", unknown.text());
        let listed = call(&mut lab, "Kinesis_20131202.ListStreams", "");
        assert_eq!(listed.status, 200, "{}", listed.text());
    }

    #[test]
    fn the_manual_clock_moves_only_when_asked() {
        let mut lab = lab();
        let clock = |lab: &mut Lab| {
            let reply = lab.answer(&Incoming { method: "GET", path: "/_shardlab/clock", header: &|_| None, body: b"" });
            serde_json::from_slice::<Value>(&reply.body).unwrap()["now_ms"].as_u64().unwrap()
        };
        assert_eq!(clock(&mut lab), 0);
        call(&mut lab, "Kinesis_20131202.ListStreams", "{}");
        assert_eq!(clock(&mut lab), 0);
        advance(&mut lab, 1_500);
        assert_eq!(clock(&mut lab), 1_500);
        let bad = lab.answer(&Incoming {
            method: "POST",
            path: "/_shardlab/advance",
            header: &|_| None,
            body: b"{\"ms\":-1}",
        });
        assert_eq!(bad.status, 400);
    }
}
