//! Share links: a scenario deflated and base64url-encoded into the URL fragment
//! (`#s=…`), so a link opens the same pipeline in any browser, with no server. A link to a
//! moment (`#m=…`) carries the run too: the journal of what was done to the world and the
//! instant, so that it opens where the sender was ("the moment the shard got hot"). A link
//! that is corrupted, truncated or from a newer ShardLab gets an error that says which.

use crate::caps::MAX_LINK_CHARS;
use crate::scenario::{Scenario, ScenarioError};
use crate::world::journal::Journal;
use crate::SimTime;
use base64::Engine;

/// The fragment prefix of a share link.
pub const PREFIX: &str = "s=";

/// The fragment prefix of a link to a moment of a run.
pub const MOMENT_PREFIX: &str = "m=";

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
    let text = unpack(fragment, PREFIX, "it does not start with #s=")?;
    Scenario::from_json(&text)
}

/// The fragment (without `#`) of a link to the instant `at` of the run `journal` records: its
/// first line is the instant in microseconds, the rest the journal. Refused, with the rule,
/// when the link would be longer than a link may be (a long run's many actions).
pub fn to_moment_fragment(journal: &Journal, at: SimTime) -> Result<String, ScenarioError> {
    let text = format!("{}\n{}", at.as_micros(), journal.to_json());
    let fragment =
        format!("{MOMENT_PREFIX}{}", ENGINE.encode(miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 9)));
    if fragment.len() > MAX_LINK_CHARS {
        return Err(ScenarioError::LinkTooLong { chars: fragment.len(), max: MAX_LINK_CHARS });
    }
    Ok(fragment)
}

/// The journal and instant a link to a moment carries (with or without its `#`).
pub fn from_moment_fragment(fragment: &str) -> Result<(Journal, SimTime), ScenarioError> {
    let text = unpack(fragment, MOMENT_PREFIX, "it does not start with #m=")?;
    let (at, journal) = text.split_once('\n').ok_or(ScenarioError::BadLink("it has no instant to open at"))?;
    let at = at.parse().map_err(|_| ScenarioError::BadLink("its instant is not a number of microseconds"))?;
    // A journal's scenario says which version wrote it: a newer one is refused as a newer
    // scenario file is, rather than as damage.
    let journal = Journal::from_json(journal).ok_or_else(|| {
        let origin = serde_json::from_str::<serde_json::Value>(journal)
            .ok()
            .and_then(|mut v| v.get_mut("origin").map(|o| o.take()));
        match origin.map(Scenario::from_value) {
            Some(Err(e)) => e,
            _ => ScenarioError::BadLink("its run is not one this ShardLab can replay"),
        }
    })?;
    Ok((journal, SimTime(at)))
}

/// The text a fragment starting with `prefix` packs: checked for length, base64url-decoded
/// and inflated (to at most `MAX_UNPACKED_BYTES`).
fn unpack(fragment: &str, prefix: &str, wrong_prefix: &'static str) -> Result<String, ScenarioError> {
    // Measured before anything is decoded: a huge link is refused at once.
    if fragment.len() > MAX_LINK_CHARS {
        return Err(ScenarioError::LinkTooLong { chars: fragment.len(), max: MAX_LINK_CHARS });
    }
    let body = fragment.trim_start_matches('#').strip_prefix(prefix).ok_or(ScenarioError::BadLink(wrong_prefix))?;
    let packed = ENGINE
        .decode(body.trim())
        .map_err(|_| ScenarioError::BadLink("it is not valid base64url — was it cut or changed?"))?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_UNPACKED_BYTES)
        .map_err(|_| ScenarioError::BadLink("its data does not unpack — was it cut short?"))?;
    String::from_utf8(json).map_err(|_| ScenarioError::BadLink("its data is not text"))
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
