//! Share links: a scenario deflated and base64url-encoded into the URL fragment
//! (`#s=…`), so a link opens the same pipeline in any browser, with no server. A link that is
//! corrupted, truncated or from a newer ShardLab gets an error that says which.

use crate::caps::MAX_LINK_CHARS;
use crate::scenario::{Scenario, ScenarioError};
use base64::Engine;

/// The fragment prefix of a share link.
pub const PREFIX: &str = "s=";

const ENGINE: base64::engine::GeneralPurpose = base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// The largest scenario a link may unpack to (a guard against a link that inflates forever).
pub const MAX_UNPACKED_BYTES: usize = 4 * 1024 * 1024;

/// The fragment (without `#`) that carries `scenario`.
pub fn to_fragment(scenario: &Scenario) -> String {
    // The same JSON a scenario file holds: deflate takes its indentation almost for free, and
    // the page carries one serializer of scenarios, not two.
    let json = scenario.to_json();
    format!("{PREFIX}{}", ENGINE.encode(miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 9)))
}

/// The scenario a fragment carries (with or without its `#`).
pub fn from_fragment(fragment: &str) -> Result<Scenario, ScenarioError> {
    // Measured before anything is decoded: a huge link is refused at once.
    if fragment.len() > MAX_LINK_CHARS {
        return Err(ScenarioError::LinkTooLong { chars: fragment.len(), max: MAX_LINK_CHARS });
    }
    let body = fragment
        .trim_start_matches('#')
        .strip_prefix(PREFIX)
        .ok_or(ScenarioError::BadLink("it does not start with #s="))?;
    let packed = ENGINE
        .decode(body.trim())
        .map_err(|_| ScenarioError::BadLink("it is not valid base64url — was it cut or changed?"))?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_UNPACKED_BYTES)
        .map_err(|_| ScenarioError::BadLink("its data does not unpack — was it cut short?"))?;
    let text = String::from_utf8(json).map_err(|_| ScenarioError::BadLink("its data is not text"))?;
    Scenario::from_json(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_round_trips_and_a_damaged_one_says_what_is_wrong() {
        let s = Scenario { name: "Hot shard 熱門 shard".into(), seed: 9, ..Scenario::default() };
        let link = to_fragment(&s);
        assert_eq!(from_fragment(&format!("#{link}")), Ok(s.clone()));
        let truncated = &link[..link.len() - 5];
        assert!(from_fragment(truncated).unwrap_err().to_string().contains("cut"));
        assert!(from_fragment("#s=%%%").unwrap_err().to_string().contains("base64url"));
        assert!(from_fragment("#x=abc").unwrap_err().to_string().contains("#s="));
        let future = to_fragment_raw(r#"{"version":99,"name":"x","seed":1}"#);
        assert!(from_fragment(&future).unwrap_err().to_string().contains("newer"));
    }

    fn to_fragment_raw(json: &str) -> String {
        format!("{PREFIX}{}", ENGINE.encode(miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 9)))
    }
}
