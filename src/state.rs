//! The page's own state (not the simulation's): whether the clock runs and how fast, the
//! language and theme, the document with its history, the selection, and the message the
//! learner is shown. One `Action` enum, one reducer, as in Yew's todomvc example.

use crate::announce::Announcement;
use crate::history::History;
use crate::i18n::Lang;
use crate::notice::Notice;
use crate::prefs::Theme;
use shardlab_sim::Scenario;
use std::rc::Rc;
use yew::Reducible;

/// Virtual seconds per wall second the speed control offers.
pub const SPEEDS: [u32; 9] = [1, 2, 5, 10, 30, 60, 300, 600, 3_600];

#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    pub running: bool,
    pub speed: u32,
    /// The speed the clock achieves while it falls short of `speed` (the machine cannot
    /// simulate that fast): shown beside it, so that the clock never lags silently.
    pub achieved: Option<f64>,
    pub lang: Lang,
    pub theme: Theme,
    /// Bumped whenever the world changed, so views that read it redraw.
    pub revision: u64,
    pub history: History,
    /// The selected component's id.
    pub selected: Option<String>,
    /// An output port picked to start a wire from (click it, then click an input port).
    pub wiring_from: Option<String>,
    pub notice: Option<Notice>,
    /// The record followed in the record inspector: (stream, sequence number).
    pub followed: Option<(String, u128)>,
    /// The last thing said through the polite live region (a wire made, refused, removed).
    pub announcement: Option<Announcement>,
    /// Bumped whenever another scenario is opened (New, Import, a lesson): the canvas then
    /// fits it into view.
    pub opened: u32,
}

impl AppState {
    pub fn new(lang: Lang, theme: Theme, doc: Scenario) -> Self {
        AppState {
            running: false,
            speed: 1,
            achieved: None,
            lang,
            theme,
            revision: 0,
            history: History::new(doc),
            selected: None,
            wiring_from: None,
            notice: None,
            followed: None,
            announcement: None,
            opened: 0,
        }
    }
}

pub enum Action {
    TogglePlay,
    SetSpeed(u32),
    SetLang(Lang),
    SetTheme(Theme),
    /// The world moved (a frame of the run, a step): redraw.
    WorldChanged,
    /// The run loop measured the speed it achieves (None: it keeps up).
    Paced(Option<f64>),
    /// The world accepted an edited document: it becomes a step of the history.
    Edited(Scenario),
    Undone,
    Redone,
    /// A new document without history (New, Open, share link).
    Replaced(Scenario),
    Select(Option<String>),
    StartWire(Option<String>),
    Notify(Notice),
    DismissNotice,
    Follow(String, u128),
    Announce(Announcement),
    /// The world was built anew from the same design, at time zero.
    Restarted,
    /// The clock stops (a drag on the timeline has begun).
    Pause,
    /// The world was put back to an earlier instant (the timeline), or brought to where the
    /// learner left it once the script engine had loaded: the clock waits, the views redraw.
    Rewound,
    /// The memory guard tripped: the clock pauses and the learner is told why.
    MemoryFull(crate::memory_guard::MemoryFull),
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::TogglePlay => {
                next.running = !next.running;
                next.achieved = None;
            }
            Action::SetSpeed(speed) if SPEEDS.contains(&speed) => {
                next.speed = speed;
                next.achieved = None;
            }
            Action::Paced(achieved) => next.achieved = achieved.filter(|_| next.running),
            Action::SetSpeed(_) => return self,
            Action::SetLang(lang) => next.lang = lang,
            Action::SetTheme(theme) => next.theme = theme,
            Action::WorldChanged => next.revision += 1,
            Action::Edited(doc) => {
                next.history.push(doc);
                next.revision += 1;
            }
            Action::Undone => {
                next.history.undo();
                next.revision += 1;
            }
            Action::Redone => {
                next.history.redo();
                next.revision += 1;
            }
            Action::Replaced(doc) => {
                next.opened += 1;
                next.history.reset(doc);
                next.selected = None;
                next.wiring_from = None;
                next.revision += 1;
            }
            Action::Select(id) => {
                next.selected = id;
                next.wiring_from = None;
            }
            Action::StartWire(from) => {
                if from.is_none() && next.wiring_from.is_some() {
                    next.announcement = Some(Announcement::Cancelled);
                }
                next.wiring_from = from;
            }
            Action::Notify(notice) => next.notice = Some(notice),
            Action::DismissNotice => next.notice = None,
            Action::Follow(stream, seq) => next.followed = Some((stream, seq)),
            Action::Announce(a) => next.announcement = Some(a),
            Action::Restarted => {
                next.running = false;
                next.notice = None;
                next.followed = None;
                next.revision += 1;
            }
            Action::Pause => next.running = false,
            Action::Rewound => {
                next.running = false;
                next.revision += 1;
            }
            Action::MemoryFull(full) => {
                next.running = false;
                next.notice = Some(Notice::MemoryFull(full));
                next.revision += 1;
            }
        }
        // A selection that no longer exists (deleted, undone) is dropped.
        if next.selected.as_deref().is_some_and(|id| next.history.doc.component(id).is_none()) {
            next.selected = None;
        }
        Rc::new(next)
    }
}
