//! The page's own state (not the simulation's): whether the clock runs, how fast, the
//! language and theme. One `Action` enum, one reducer, as in Yew's todomvc example.

use crate::i18n::Lang;
use crate::prefs::Theme;
use std::rc::Rc;
use yew::Reducible;

/// Virtual seconds per wall second the speed control offers.
pub const SPEEDS: [u32; 9] = [1, 2, 5, 10, 30, 60, 300, 600, 3_600];

#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    pub running: bool,
    pub speed: u32,
    pub lang: Lang,
    pub theme: Theme,
    /// Bumped whenever the world changed, so views that read it redraw.
    pub revision: u64,
}

impl AppState {
    pub fn new(lang: Lang, theme: Theme) -> Self {
        AppState { running: false, speed: 1, lang, theme, revision: 0 }
    }
}

pub enum Action {
    TogglePlay,
    SetSpeed(u32),
    SetLang(Lang),
    SetTheme(Theme),
    /// The world moved (a frame of the run, a step): redraw.
    WorldChanged,
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::TogglePlay => next.running = !next.running,
            Action::SetSpeed(speed) if SPEEDS.contains(&speed) => next.speed = speed,
            Action::SetSpeed(_) => return self,
            Action::SetLang(lang) => next.lang = lang,
            Action::SetTheme(theme) => next.theme = theme,
            Action::WorldChanged => next.revision += 1,
        }
        Rc::new(next)
    }
}
