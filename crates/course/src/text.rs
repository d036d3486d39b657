//! A text in both of the page's languages.

use serde::Deserialize;

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub en: String,
    pub zh: String,
}

/// `zh` for a Chinese page language tag (`zh-Hant`…), `en` for any other.
pub fn in_lang<'a, T: ?Sized>(lang: &str, en: &'a T, zh: &'a T) -> &'a T {
    if lang.starts_with("zh") {
        zh
    } else {
        en
    }
}

impl Text {
    /// The text in `lang`, a page language tag (`en`, `zh-Hant`…).
    pub fn get(&self, lang: &str) -> &str {
        in_lang(lang, &self.en, &self.zh)
    }
}

/// Whether `text` is Chinese: it has CJK ideographs.
pub fn has_han(text: &str) -> bool {
    text.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
}
