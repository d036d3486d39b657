//! Small pieces the inspector's state views share: a list of labelled figures, a byte count.

use crate::i18n::{Lang, T};
use yew::prelude::*;

/// Labelled figures, as a definition list.
pub fn facts(rows: Vec<(T, String)>, lang: Lang) -> Html {
    html! {
        <dl class="facts">
            { for rows.into_iter().map(|(k, v)| html! { <><dt>{k.t(lang)}</dt><dd>{v}</dd></> }) }
        </dl>
    }
}

/// A byte count in B, KiB or MiB.
pub fn bytes(n: u64) -> String {
    if n >= 1024 * 1024 {
        format!("{:.1} MiB", n as f64 / (1024.0 * 1024.0))
    } else if n >= 1024 {
        format!("{:.1} KiB", n as f64 / 1024.0)
    } else {
        format!("{n} B")
    }
}

/// Objects, rows, documents and requests listed at most (the newest).
pub const LISTED: usize = 50;
