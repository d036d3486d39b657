//! What producers send. A generated record keeps only how to make its bytes (template,
//! number, size): the text is rendered when someone reads it, so a long run at thousands of
//! records a second does not hold every payload in memory.

use super::kpl_aggregation::Aggregate;
use serde::{Deserialize, Serialize};
use std::rc::Rc;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Template {
    /// Website clickstream events as JSON.
    #[default]
    Clickstream,
    /// IoT sensor readings as JSON.
    IotTelemetry,
    /// Application log lines.
    AppLog,
    /// Metadata of video/audio chunks, as a media producer would send alongside the media.
    MediaChunk,
}

impl Template {
    pub const ALL: [Template; 4] =
        [Template::Clickstream, Template::IotTelemetry, Template::AppLog, Template::MediaChunk];

    /// The record body for record number `n` with partition key `key`, before padding.
    fn body(self, n: u64, key: &str) -> String {
        let pick = |choices: &[&'static str]| choices[(n.wrapping_mul(0x9E37_79B9) >> 7) as usize % choices.len()];
        match self {
            Template::Clickstream => format!(
                r#"{{"event_id":{n},"user":"{key}","page":"{}","action":"{}""#,
                pick(&["/", "/products/42", "/cart", "/checkout", "/search?q=shoes"]),
                pick(&["view", "click", "add_to_cart", "purchase"])
            ),
            Template::IotTelemetry => format!(
                r#"{{"reading":{n},"device":"{key}","temperature_c":{:.1},"humidity_pct":{}"#,
                18.0 + (n % 120) as f64 / 10.0,
                35 + n % 40
            ),
            Template::AppLog => format!(
                "{} [{}] request {n} from {key} completed in {} ms",
                pick(&["INFO", "INFO", "INFO", "WARN", "ERROR"]),
                pick(&["api", "auth", "billing", "search"]),
                5 + n % 400
            ),
            Template::MediaChunk => format!(
                r#"{{"fragment":{n},"camera":"{key}","codec":"H.264","duration_ms":2000,"key_frame":{}"#,
                n % 4 == 0
            ),
        }
    }
}

/// A record's data: bytes given by an API caller, or a generated record rendered on demand.
#[derive(Clone, Debug, PartialEq)]
pub enum Payload {
    Bytes(Vec<u8>),
    Generated {
        template: Template,
        n: u64,
        size: u32,
    },
    /// Generated user records a KPL producer aggregated into one Kinesis record.
    Aggregated(Rc<Aggregate>),
}

impl Payload {
    pub fn len(&self) -> usize {
        match self {
            Payload::Bytes(b) => b.len(),
            Payload::Generated { size, .. } => *size as usize,
            Payload::Aggregated(a) => a.len,
        }
    }

    /// The user records inside a KPL aggregate (each its partition key and data), as a
    /// de-aggregating reader gets them; None for an ordinary record. Bytes an API caller
    /// sent count as an aggregate when they are one, intact, as the KCL reads them.
    pub fn user_records(&self) -> Option<Vec<(Rc<str>, Vec<u8>)>> {
        match self {
            Payload::Aggregated(a) => Some(a.user_records()),
            Payload::Bytes(b) => {
                let records = super::kpl_aggregation::decode(b)?;
                Some(records.into_iter().map(|(k, d)| (Rc::from(k), d)).collect())
            }
            Payload::Generated { .. } => None,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The bytes; a generated JSON body is padded (or cut) to its size and closed.
    pub fn render(&self, key: &str) -> Vec<u8> {
        match self {
            Payload::Bytes(b) => b.clone(),
            Payload::Aggregated(a) => a.render(),
            Payload::Generated { template, n, size } => {
                let size = *size as usize;
                let mut text = template.body(*n, key);
                let json = text.starts_with('{');
                let closing = if json { r#","pad":""}"# } else { "" };
                if text.len() + closing.len() <= size {
                    if json {
                        text.push_str(r#","pad":""#);
                    }
                    while text.len() + if json { 2 } else { 0 } < size {
                        text.push(if json { 'x' } else { ' ' });
                    }
                    if json {
                        text.push_str("\"}");
                    }
                } else if json && text.len() < size {
                    text.push('}');
                }
                let mut bytes = text.into_bytes();
                bytes.truncate(size);
                bytes
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_records_have_exactly_their_size_and_are_json_when_room_allows() {
        for template in Template::ALL {
            for size in [10u32, 100, 1_000] {
                let p = Payload::Generated { template, n: 7, size };
                let bytes = p.render("user-1");
                assert_eq!(bytes.len(), size as usize, "{template:?} at {size}");
                if size >= 200 && template != Template::AppLog {
                    let v: serde_json::Value = serde_json::from_slice(&bytes).expect("valid JSON");
                    assert!(v.is_object());
                }
            }
        }
    }
}
