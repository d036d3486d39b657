//! The learner's preferences, kept in localStorage so they survive a reload.

use crate::i18n::Lang;
use gloo::storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};

const LANG_KEY: &str = "shardlab.lang";
const THEME_KEY: &str = "shardlab.theme";
/// Set once the first visit's welcome is dismissed (or the learner has started without it).
const WELCOMED_KEY: &str = "shardlab.welcomed";

pub fn welcomed() -> bool {
    LocalStorage::get::<bool>(WELCOMED_KEY).unwrap_or(false)
}

pub fn save_welcomed() {
    let _ = LocalStorage::set(WELCOMED_KEY, true);
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Theme {
    #[default]
    Light,
    Dark,
}

impl Theme {
    pub fn attr(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

/// The saved language, else the browser's.
pub fn load_lang() -> Lang {
    LocalStorage::get(LANG_KEY).unwrap_or_else(|_| {
        let tag = web_sys::window().and_then(|w| w.navigator().language()).unwrap_or_default();
        Lang::from_browser(&tag)
    })
}

pub fn save_lang(lang: Lang) {
    // A full or disabled storage only means the choice is not remembered.
    let _ = LocalStorage::set(LANG_KEY, lang);
}

/// The saved theme, else the system's preference.
pub fn load_theme() -> Theme {
    LocalStorage::get(THEME_KEY).unwrap_or_else(|_| {
        let dark = web_sys::window()
            .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
            .is_some_and(|m| m.matches());
        if dark {
            Theme::Dark
        } else {
            Theme::Light
        }
    })
}

pub fn save_theme(theme: Theme) {
    let _ = LocalStorage::set(THEME_KEY, theme);
}
