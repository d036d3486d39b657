//! AWS's event-stream encoding (`application/vnd.amazon.eventstream`), in which SubscribeToShard
//! answers: a message is a prelude (total length, headers' length, their CRC-32), headers
//! (a name, type 7 "string", a value), the payload, and the CRC-32 of all of it. The SDKs
//! read the first message as the operation's `initial-response`, then one message per event,
//! and raise an `exception` message as the error it names.

/// The content type of an event stream.
pub const CONTENT_TYPE: &str = "application/vnd.amazon.eventstream";

/// The content type of the payloads, as the SDKs expect for a JSON 1.1 service.
const PAYLOAD_TYPE: &str = "application/x-amz-json-1.1";

/// Header value type 7: a string with a 2-byte length.
const STRING: u8 = 7;

/// One message with string `headers` and `payload`.
pub fn message(headers: &[(&str, &str)], payload: &[u8]) -> Vec<u8> {
    let mut encoded_headers = Vec::new();
    for (name, value) in headers {
        encoded_headers.push(name.len() as u8);
        encoded_headers.extend_from_slice(name.as_bytes());
        encoded_headers.push(STRING);
        encoded_headers.extend_from_slice(&(value.len() as u16).to_be_bytes());
        encoded_headers.extend_from_slice(value.as_bytes());
    }
    let total = 12 + encoded_headers.len() + payload.len() + 4;
    let mut out = Vec::with_capacity(total);
    out.extend_from_slice(&(total as u32).to_be_bytes());
    out.extend_from_slice(&(encoded_headers.len() as u32).to_be_bytes());
    out.extend_from_slice(&crc32fast::hash(&out).to_be_bytes());
    out.extend_from_slice(&encoded_headers);
    out.extend_from_slice(payload);
    out.extend_from_slice(&crc32fast::hash(&out).to_be_bytes());
    out
}

/// An event of type `event_type` with a JSON payload (`initial-response` for the
/// operation's own output).
pub fn event(event_type: &str, json: &str) -> Vec<u8> {
    message(
        &[(":message-type", "event"), (":event-type", event_type), (":content-type", PAYLOAD_TYPE)],
        json.as_bytes(),
    )
}

/// An error that ends the stream, as the SDKs raise it.
pub fn exception(kind: &str, message_text: &str) -> Vec<u8> {
    let payload = serde_json::json!({ "message": message_text }).to_string();
    message(
        &[(":message-type", "exception"), (":exception-type", kind), (":content-type", PAYLOAD_TYPE)],
        payload.as_bytes(),
    )
}

/// A decoded message: its headers (name, value) and payload.
#[cfg(test)]
pub type Decoded = (Vec<(String, String)>, Vec<u8>);

#[cfg(test)]
/// The messages of `bytes` (headers, payload), decoded as a reader would, checking every
/// length and CRC.
pub fn decode(mut bytes: &[u8]) -> Vec<Decoded> {
    let mut messages = Vec::new();
    let be = |b: &[u8]| u32::from_be_bytes(b[..4].try_into().unwrap());
    while !bytes.is_empty() {
        let total = be(bytes) as usize;
        let headers_len = be(&bytes[4..]) as usize;
        assert_eq!(be(&bytes[8..]), crc32fast::hash(&bytes[..8]), "prelude CRC");
        assert_eq!(be(&bytes[total - 4..]), crc32fast::hash(&bytes[..total - 4]), "message CRC");
        let mut h = &bytes[12..12 + headers_len];
        let mut headers = Vec::new();
        while !h.is_empty() {
            let n = h[0] as usize;
            let name = String::from_utf8(h[1..1 + n].to_vec()).unwrap();
            assert_eq!(h[1 + n], STRING);
            let len = u16::from_be_bytes([h[2 + n], h[3 + n]]) as usize;
            headers.push((name, String::from_utf8(h[4 + n..4 + n + len].to_vec()).unwrap()));
            h = &h[4 + n + len..];
        }
        messages.push((headers, bytes[12 + headers_len..total - 4].to_vec()));
        bytes = &bytes[total..];
    }
    messages
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_known_message_is_encoded_byte_for_byte() {
        // The test vector of AWS's C event-stream library (aws-c-event-stream) with one
        // string header: content-type: application/json, payload {'foo':'bar'}.
        let encoded = message(&[("content-type", "application/json")], b"{'foo':'bar'}");
        let expected: [u8; 61] = [
            0, 0, 0, 61, 0, 0, 0, 32, 7, 253, 131, 150, 12, b'c', b'o', b'n', b't', b'e', b'n', b't', b'-', b't', b'y',
            b'p', b'e', 7, 0, 16, b'a', b'p', b'p', b'l', b'i', b'c', b'a', b't', b'i', b'o', b'n', b'/', b'j', b's',
            b'o', b'n', b'{', b'\'', b'f', b'o', b'o', b'\'', b':', b'\'', b'b', b'a', b'r', b'\'', b'}', 141, 156, 8,
            177,
        ];
        assert_eq!(encoded, expected);
    }

    #[test]
    fn events_and_exceptions_carry_the_headers_the_sdks_read() {
        let mut stream = event("initial-response", "{}");
        stream.extend(event("SubscribeToShardEvent", r#"{"Records":[]}"#));
        stream.extend(exception("ResourceInUseException", "taken over"));
        let messages = decode(&stream);
        assert_eq!(messages.len(), 3);
        let header = |m: usize, name: &str| messages[m].0.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone());
        assert_eq!(header(0, ":event-type").as_deref(), Some("initial-response"));
        assert_eq!(header(1, ":event-type").as_deref(), Some("SubscribeToShardEvent"));
        assert_eq!(messages[1].1, br#"{"Records":[]}"#);
        assert_eq!(header(2, ":message-type").as_deref(), Some("exception"));
        assert_eq!(header(2, ":exception-type").as_deref(), Some("ResourceInUseException"));
        assert_eq!(messages[2].1, br#"{"message":"taken over"}"#);
    }
}
