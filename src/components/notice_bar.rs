//! The message bar over the canvas: an edit the model refused, with the rule it breaks.

use crate::i18n::{Lang, T};
use crate::i18n_access::TA;
use crate::notice::Notice;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NoticeBarProps {
    pub lang: Lang,
    pub notice: Option<Notice>,
    pub on_dismiss: Callback<()>,
    /// Builds the world anew from the design at time zero (offered when memory ran short).
    pub on_restart: Callback<()>,
}

#[function_component(NoticeBar)]
pub fn notice_bar(p: &NoticeBarProps) -> Html {
    let Some(notice) = &p.notice else { return html! {} };
    html! {
        <div class="notice" role="alert" aria-label={T::Notice.t(p.lang)}>
            <span>{notice.text(p.lang)}</span>
            if matches!(notice, Notice::MemoryFull(_)) {
                <button type="button" onclick={p.on_restart.reform(|_| ())}>{TA::RestartFromZero.t(p.lang)}</button>
            }
            <button type="button" onclick={p.on_dismiss.reform(|_| ())}>{T::Dismiss.t(p.lang)}</button>
        </div>
    }
}
