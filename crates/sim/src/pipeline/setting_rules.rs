//! A refused setting and the numbers its rule quotes: each setting's limits are constants
//! beside its settings (`settings`, `delivery_settings`, `emr_settings`, each with its
//! `numbers`), formatted once here, so that the model's English rule and the page's wording
//! in either language quote the same figures.

/// A setting outside its allowed range: which setting, the rule in words, and the numbers
/// the rule quotes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SettingError {
    pub setting: &'static str,
    pub rule: String,
    /// The numbers of the setting's rule, in order, as the rule writes them (see [`quoted`]):
    /// `rule` has them in its English; the page puts them in its own wording's `{0}`, `{1}`….
    pub quoted: Vec<String>,
}

impl SettingError {
    /// A refusal of `setting`: its numbers put into `template`'s `{0}`, `{1}`… places.
    pub fn quoting(setting: &'static str, template: &str) -> SettingError {
        let quoted = quoted(setting);
        let mut rule = template.to_string();
        for (i, number) in quoted.iter().enumerate() {
            rule = rule.replace(&format!("{{{i}}}"), number);
        }
        SettingError { setting, rule, quoted }
    }

    /// A refusal of `setting` worded already (it names what was written, or AWS's words);
    /// it quotes the setting's numbers all the same, for the page's wording of the rule.
    pub fn worded(setting: &'static str, rule: String) -> SettingError {
        SettingError { setting, rule, quoted: quoted(setting) }
    }
}

/// The numbers the rule of `setting` quotes, in order, from the limits it is checked
/// against: thousands grouped ("1,000,000"), each in the unit the rule words it in (a limit
/// kept in ms is quoted "60" where the rule says "60 s"). Empty for a setting whose rule
/// quotes no number. A refusal names its setting, so this is what the page fills its own
/// wording of the rule with, whichever check refused.
pub fn quoted(setting: &str) -> Vec<String> {
    super::settings::kinesis_numbers(setting)
        .or_else(|| super::delivery_settings::numbers(setting))
        .or_else(|| super::emr_settings::numbers(setting))
        .or_else(|| super::analytics_settings::numbers(setting))
        .or_else(|| video_numbers(setting))
        .unwrap_or_default()
}

/// The video settings' numbers, in the builds with the video model: only they edit video
/// settings (the page's first load switches to the full build for a video component).
#[cfg(feature = "video")]
fn video_numbers(setting: &str) -> Option<Vec<String>> {
    super::video_settings::numbers(setting)
}

#[cfg(not(feature = "video"))]
fn video_numbers(_: &str) -> Option<Vec<String>> {
    None
}

/// `1234567` → "1,234,567", as the rules write counts.
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// A limit that may have a fraction: "0.2", and whole ones grouped ("1,000,000").
pub fn decimal(x: f64) -> String {
    if x.fract() == 0.0 && (0.0..=u64::MAX as f64).contains(&x) {
        grouped(x as u64)
    } else {
        x.to_string()
    }
}

/// Refuses `setting` unless `ok`, its rule `template` filled with the setting's numbers.
pub(super) fn check(ok: bool, setting: &'static str, template: &str) -> Result<(), SettingError> {
    if ok {
        Ok(())
    } else {
        Err(SettingError::quoting(setting, template))
    }
}
