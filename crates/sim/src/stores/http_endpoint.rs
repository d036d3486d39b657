//! HTTP endpoints Firehose delivers to: each keeps the requests it accepted, in the body
//! format Firehose sends (`requestId`, `timestamp`, `records[].data` in base64). An endpoint
//! can be made unavailable (the lab's outage toggle): it then answers 503.

use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    pub request_id: String,
    pub timestamp_ms: u64,
    pub records: Vec<Vec<u8>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Endpoint {
    pub available: bool,
    /// The newest requests, for the learner to browse.
    pub requests: Vec<Request>,
    /// Records received since it was made, including those of requests no longer kept.
    pub records_received: u64,
}

impl Default for Endpoint {
    fn default() -> Self {
        Endpoint { available: true, requests: Vec::new(), records_received: 0 }
    }
}

#[derive(Clone, Debug, Default)]
pub struct HttpEndpoints {
    /// By URL.
    pub endpoints: BTreeMap<String, Endpoint>,
}

/// The most requests an endpoint keeps for the learner to browse (the oldest go first).
const REQUESTS_KEPT: usize = 500;

impl HttpEndpoints {
    pub fn ensure(&mut self, url: &str) -> &mut Endpoint {
        self.endpoints.entry(url.to_string()).or_default()
    }

    /// POSTs one delivery; `Err` is the HTTP failure Firehose sees.
    pub fn post(&mut self, url: &str, request: Request) -> Result<(), String> {
        let e = self.endpoints.get_mut(url).ok_or_else(|| format!("Could not connect to {url}."))?;
        if !e.available {
            return Err(format!("{url} answered 503 Service Unavailable."));
        }
        e.records_received += request.records.len() as u64;
        e.requests.push(request);
        let excess = e.requests.len().saturating_sub(REQUESTS_KEPT);
        e.requests.drain(..excess);
        Ok(())
    }
}

impl Request {
    /// The JSON body Firehose POSTs.
    pub fn body(&self) -> serde_json::Value {
        use base64::Engine;
        serde_json::json!({
            "requestId": self.request_id,
            "timestamp": self.timestamp_ms,
            "records": self.records.iter().map(|r| serde_json::json!({ "data": base64::engine::general_purpose::STANDARD.encode(r) })).collect::<Vec<_>>(),
        })
    }
}
