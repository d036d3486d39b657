//! HTTP/1.1 for `shardlab serve`. A thread per connection reads its requests — the head parsed
//! by `httparse` within 64 KiB, the body by its Content-Length (or chunked) within the lab's
//! limit — and hands each to the one thread that owns the world, then writes the answer.
//! A body declared over the limit is refused from its length and never read: nothing a
//! client declares makes the server allocate or wait for more than the limit.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::mpsc;
use std::time::Duration;

/// The largest request head (request line and headers) read.
const MAX_HEAD_BYTES: usize = 64 * 1024;

/// An idle keep-alive connection is closed after this long.
const IDLE: Duration = Duration::from_secs(60);

/// A request as read off the wire.
pub struct Request {
    pub method: String,
    pub path: String,
    /// Header names in lower case.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone())
    }
}

/// An answer to write.
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
    /// More of the body to come (an event stream): written in chunks after `body` as it is
    /// sent, until the sender is dropped.
    pub more: Option<mpsc::Receiver<Vec<u8>>>,
}

/// What a connection's reader found: a request, or a reason to answer and close.
enum Next {
    Request(Request),
    Refused(u16, &'static str),
    Closed,
}

/// How often `idle` runs while no request comes.
const IDLE_EVERY: Duration = Duration::from_millis(100);

/// Serves `listener` until the process ends: `answer` runs on this thread, one request at a
/// time, and `idle` when none has come for a tenth of a second; `refused(status, reason)`
/// words the answers to requests that could not be read.
pub fn serve(
    listener: TcpListener,
    max_body: usize,
    mut answer: impl FnMut(&Request) -> Answer,
    mut idle: impl FnMut(),
    refused: fn(u16, &str) -> Answer,
) {
    let (to_world, requests) = mpsc::channel::<(Request, mpsc::Sender<Answer>)>();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let to_world = to_world.clone();
            std::thread::spawn(move || connection(stream, max_body, &to_world, refused));
        }
    });
    loop {
        match requests.recv_timeout(IDLE_EVERY) {
            Ok((request, reply)) => {
                let _ = reply.send(answer(&request));
            }
            Err(mpsc::RecvTimeoutError::Timeout) => idle(),
            Err(mpsc::RecvTimeoutError::Disconnected) => return,
        }
    }
}

/// One connection: requests in turn until the client closes, asks to, or sends what cannot
/// be read.
fn connection(
    stream: TcpStream,
    max_body: usize,
    to_world: &mpsc::Sender<(Request, mpsc::Sender<Answer>)>,
    refused: fn(u16, &str) -> Answer,
) {
    let _ = stream.set_read_timeout(Some(IDLE));
    let Ok(write_half) = stream.try_clone() else { return };
    let mut writer = write_half;
    let mut reader = BufReader::new(stream);
    loop {
        let (request, close) = match read_request(&mut reader, &mut writer, max_body) {
            Next::Request(r) => {
                let close = r.header("connection").is_some_and(|c| c.eq_ignore_ascii_case("close"));
                (r, close)
            }
            Next::Refused(status, reason) => {
                let _ = write_answer(&mut writer, &refused(status, reason), false, true);
                return;
            }
            Next::Closed => return,
        };
        let head_only = request.method == "HEAD";
        let (reply, answered) = mpsc::channel();
        if to_world.send((request, reply)).is_err() {
            return;
        }
        let Ok(answer) = answered.recv() else { return };
        if write_answer(&mut writer, &answer, head_only, close).is_err() || close {
            return;
        }
    }
}

fn read_request(reader: &mut BufReader<TcpStream>, writer: &mut TcpStream, max_body: usize) -> Next {
    // The head: lines up to the blank one, within MAX_HEAD_BYTES.
    let mut head = Vec::new();
    loop {
        let before = head.len();
        match reader.by_ref().take((MAX_HEAD_BYTES + 1 - head.len()) as u64).read_until(b'\n', &mut head) {
            Ok(0) => return Next::Closed,
            Ok(_) => {}
            Err(_) => return Next::Closed,
        }
        if head.len() > MAX_HEAD_BYTES {
            return Next::Refused(431, "the request's head is over 64 KiB");
        }
        // Blank lines before a request are allowed (RFC 9112 §2.2).
        if head[before..] == *b"\r\n" && before == 0 {
            head.clear();
            continue;
        }
        if head.ends_with(b"\r\n\r\n") || head.ends_with(b"\n\n") {
            break;
        }
    }
    let mut headers = [httparse::EMPTY_HEADER; 64];
    let mut parsed = httparse::Request::new(&mut headers);
    if !matches!(parsed.parse(&head), Ok(httparse::Status::Complete(_))) {
        return Next::Refused(400, "the request is not HTTP/1.1");
    }
    let method = parsed.method.unwrap_or_default().to_string();
    let path = parsed.path.unwrap_or_default().to_string();
    let headers: Vec<(String, String)> = parsed
        .headers
        .iter()
        .map(|h| (h.name.to_ascii_lowercase(), String::from_utf8_lossy(h.value).trim().to_string()))
        .collect();
    let header = |name: &str| headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str());
    let chunked = header("transfer-encoding").is_some_and(|t| t.to_ascii_lowercase().contains("chunked"));
    let length = match header("content-length").map(|v| v.parse::<u64>()) {
        Some(Ok(n)) => n,
        Some(Err(_)) => return Next::Refused(400, "the Content-Length is not a number"),
        None => 0,
    };
    if length > max_body as u64 {
        return Next::Refused(413, "the request body is over the lab's limit");
    }
    if header("expect").is_some_and(|e| e.eq_ignore_ascii_case("100-continue")) {
        let _ = writer.write_all(b"HTTP/1.1 100 Continue\r\n\r\n");
    }
    let body = if chunked { read_chunked(reader, max_body) } else { read_exactly(reader, length as usize) };
    match body {
        Ok(body) => Next::Request(Request { method, path, headers, body }),
        Err(refusal) => refusal,
    }
}

fn read_exactly(reader: &mut BufReader<TcpStream>, length: usize) -> Result<Vec<u8>, Next> {
    let mut body = vec![0; length];
    reader.read_exact(&mut body).map_err(|_| Next::Closed)?;
    Ok(body)
}

/// A chunked body, within `max_body`.
fn read_chunked(reader: &mut BufReader<TcpStream>, max_body: usize) -> Result<Vec<u8>, Next> {
    let mut body = Vec::new();
    loop {
        let mut line = String::new();
        reader.by_ref().take(1_024).read_line(&mut line).map_err(|_| Next::Closed)?;
        let size = line.split(';').next().unwrap_or_default().trim();
        let size =
            usize::from_str_radix(size, 16).map_err(|_| Next::Refused(400, "a chunk's size is not hexadecimal"))?;
        if body.len() + size > max_body {
            return Err(Next::Refused(413, "the request body is over the lab's limit"));
        }
        if size == 0 {
            // Trailers, up to the blank line.
            loop {
                let mut trailer = String::new();
                let n = reader.by_ref().take(8_192).read_line(&mut trailer).map_err(|_| Next::Closed)?;
                if n == 0 || trailer.trim().is_empty() {
                    return Ok(body);
                }
            }
        }
        let start = body.len();
        body.resize(start + size, 0);
        reader.read_exact(&mut body[start..]).map_err(|_| Next::Closed)?;
        let mut crlf = [0; 2];
        reader.read_exact(&mut crlf).map_err(|_| Next::Closed)?;
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        204 => "No Content",
        206 => "Partial Content",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        413 => "Payload Too Large",
        416 => "Range Not Satisfiable",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        503 => "Service Unavailable",
        _ => "Unknown",
    }
}

/// Writes `answer` with its Content-Length (for HEAD, the length of the body it does not send),
/// or, when more is to come, chunked as it comes.
fn write_answer(writer: &mut TcpStream, answer: &Answer, head_only: bool, close: bool) -> std::io::Result<()> {
    if let Some(more) = &answer.more {
        return write_streamed(writer, answer, more, close);
    }
    let mut out = format!("HTTP/1.1 {} {}\r\n", answer.status, reason(answer.status));
    for (name, value) in &answer.headers {
        // A value with a line break would split the answer: it is left out.
        if !value.contains(['\r', '\n']) {
            out += &format!("{name}: {value}\r\n");
        }
    }
    out += &format!("Content-Length: {}\r\n", answer.body.len());
    if close {
        out += "Connection: close\r\n";
    }
    out += "\r\n";
    let mut bytes = out.into_bytes();
    if !head_only {
        bytes.extend_from_slice(&answer.body);
    }
    writer.write_all(&bytes)?;
    writer.flush()
}

/// Writes `answer`'s head and body, then each part of `more` as it arrives, as chunks
/// (RFC 9112 §7.1), and the last chunk once `more` ends.
fn write_streamed(
    writer: &mut TcpStream,
    answer: &Answer,
    more: &mpsc::Receiver<Vec<u8>>,
    close: bool,
) -> std::io::Result<()> {
    let mut out = format!("HTTP/1.1 {} {}\r\n", answer.status, reason(answer.status));
    for (name, value) in answer.headers.iter().filter(|(_, v)| !v.contains(['\r', '\n'])) {
        out += &format!("{name}: {value}\r\n");
    }
    out += "Transfer-Encoding: chunked\r\n";
    if close {
        out += "Connection: close\r\n";
    }
    out += "\r\n";
    writer.write_all(out.as_bytes())?;
    let mut chunk = |data: &[u8]| -> std::io::Result<()> {
        if data.is_empty() {
            return Ok(());
        }
        writer.write_all(format!("{:x}\r\n", data.len()).as_bytes())?;
        writer.write_all(data)?;
        writer.write_all(b"\r\n")?;
        writer.flush()
    };
    chunk(&answer.body)?;
    for part in more {
        chunk(&part)?;
    }
    writer.write_all(b"0\r\n\r\n")?;
    writer.flush()
}
