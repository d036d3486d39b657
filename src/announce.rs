//! What the page says to a screen reader through its polite live region: each wire made,
//! refused, removed or cancelled. The labels are taken when it happens, so a wire removed with
//! its component is still announced by name.

use crate::i18n::{fill, Lang};
use crate::i18n_access::TA;
use crate::notice::Notice;
use shardlab_sim::Scenario;

#[derive(Clone, Debug, PartialEq)]
pub enum Announcement {
    Wired { from: String, to: String },
    Unwired { from: String, to: String },
    Refused(Notice),
    Cancelled,
}

impl Announcement {
    pub fn wired(doc: &Scenario, from: &str, to: &str) -> Self {
        Announcement::Wired { from: label_of(doc, from), to: label_of(doc, to) }
    }

    pub fn unwired(doc: &Scenario, from: &str, to: &str) -> Self {
        Announcement::Unwired { from: label_of(doc, from), to: label_of(doc, to) }
    }

    pub fn text(&self, lang: Lang) -> String {
        match self {
            Announcement::Wired { from, to } => fill(TA::AnnounceWired.t(lang), &[from, to]),
            Announcement::Unwired { from, to } => fill(TA::AnnounceUnwired.t(lang), &[from, to]),
            Announcement::Refused(notice) => fill(TA::AnnounceRefused.t(lang), &[&notice.text(lang)]),
            Announcement::Cancelled => TA::AnnounceCancelled.t(lang).to_string(),
        }
    }
}

/// What the canvas calls a component: its label, or its id when it has none.
pub fn label_of(doc: &Scenario, id: &str) -> String {
    doc.component(id)
        .map_or_else(|| id.to_string(), |c| if c.label.is_empty() { c.id.clone() } else { c.label.clone() })
}
