//! The top bar: run controls, the virtual clock, language and theme.

use crate::i18n::{fill, Lang, T};
use crate::i18n_export::TX;
use crate::prefs::Theme;
use crate::state::SPEEDS;
use crate::world_handle::WorldHandle;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TopBarProps {
    pub lang: Lang,
    pub theme: Theme,
    pub running: bool,
    pub speed: u32,
    /// The speed the clock achieves, while it falls short of `speed`.
    #[prop_or_default]
    pub achieved: Option<f64>,
    pub on_toggle_play: Callback<()>,
    pub on_step: Callback<()>,
    pub on_next_event: Callback<()>,
    pub on_speed: Callback<u32>,
    pub on_lang: Callback<Lang>,
    pub on_toggle_theme: Callback<()>,
    pub can_undo: bool,
    pub can_redo: bool,
    pub on_undo: Callback<()>,
    pub on_redo: Callback<()>,
    pub doc: std::rc::Rc<shardlab_sim::Scenario>,
    pub on_open: Callback<Result<shardlab_sim::Scenario, shardlab_sim::ScenarioError>>,
    pub on_new: Callback<()>,
    /// Opens the Learn panel (lessons, quiz, exam).
    pub on_learn: Callback<()>,
    /// In an embed: the full page with the same scenario, in place of the menu and settings.
    #[prop_or_default]
    pub embed_link: Option<String>,
    /// The palette or inspector open over the canvas on a narrow screen.
    #[prop_or_default]
    pub panel: Option<crate::components::side_panels::Panel>,
    #[prop_or_default]
    pub on_panel: Callback<crate::components::side_panels::Panel>,
}

/// An icon's shapes as markup: built from the text, which costs the first load far less code
/// than building the elements one by one.
fn markup(svg: &'static str) -> Html {
    Html::from_html_unchecked(AttrValue::Static(svg))
}

#[function_component(TopBar)]
pub fn top_bar(p: &TopBarProps) -> Html {
    let handle = use_context::<WorldHandle>().expect("the world is provided");
    let (clock, micros, has_next) = {
        let world = handle.world.borrow();
        (world.now().to_string(), world.now().as_micros(), world.next_event_time().is_some())
    };
    let lang = p.lang;
    let play_label = if p.running { T::Pause } else { T::Play };
    let on_play = p.on_toggle_play.reform(|_: MouseEvent| ());
    let on_step = p.on_step.reform(|_: MouseEvent| ());
    let on_next = p.on_next_event.reform(|_: MouseEvent| ());
    let on_theme = p.on_toggle_theme.reform(|_: MouseEvent| ());
    let on_speed = p.on_speed.reform(|e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        select.value().parse().unwrap_or(1)
    });
    let lang_button = |l: Lang, label: &'static str, short: &'static str| {
        let on_lang = p.on_lang.reform(move |_: MouseEvent| l);
        html! {
            <button type="button" class="seg" aria-pressed={(lang == l).to_string()} aria-label={label} title={label} onclick={on_lang}>
                {short}
            </button>
        }
    };

    html! {
        <header class="top-bar">
            <div class="brand">
                <svg class="brand-mark" viewBox="0 0 24 24" aria-hidden="true">
                    { markup(r#"<rect x="3" y="4" width="18" height="4" rx="2"/><rect x="3" y="10" width="18" height="4" rx="2"/><rect x="3" y="16" width="18" height="4" rx="2"/>"#) }
                </svg>
                <h1>{T::AppName.t(lang)}</h1>
                <span class="tagline">{T::Tagline.t(lang)}</span>
            </div>
            if p.embed_link.is_none() {
                { crate::components::side_panels::toggles(lang, p.panel, &p.on_panel) }
            }
            <div class="run-controls" role="group" aria-label={T::RunControls.t(lang)}>
                <button type="button" class={classes!("icon-button", p.running.then_some("active"))}
                        aria-label={play_label.t(lang)} title={play_label.t(lang)} onclick={on_play}>
                    if p.running {
                        <svg viewBox="0 0 16 16" aria-hidden="true">{ markup(r#"<rect x="3" y="2" width="3.5" height="12" rx="1"/><rect x="9.5" y="2" width="3.5" height="12" rx="1"/>"#) }</svg>
                    } else {
                        <svg viewBox="0 0 16 16" aria-hidden="true">{ markup(r#"<path d="M4 2.5v11a.5.5 0 0 0 .76.43l9-5.5a.5.5 0 0 0 0-.86l-9-5.5A.5.5 0 0 0 4 2.5z"/>"#) }</svg>
                    }
                </button>
                <button type="button" class="icon-button" aria-label={T::Step.t(lang)} title={T::Step.t(lang)} onclick={on_step}>
                    <svg viewBox="0 0 16 16" aria-hidden="true">{ markup(r#"<path d="M3 3v10l7-5z"/><rect x="11" y="3" width="2.5" height="10" rx="1"/>"#) }</svg>
                </button>
                <button type="button" class="icon-button" aria-label={T::NextEvent.t(lang)} title={T::NextEvent.t(lang)}
                        disabled={!has_next} onclick={on_next}>
                    <svg viewBox="0 0 16 16" aria-hidden="true">{ markup(r#"<path d="M2 3v10l6-5zM8 3v10l6-5z"/>"#) }</svg>
                </button>
                <label class="speed">
                    <span class="visually-hidden">{T::Speed.t(lang)}</span>
                    <select aria-label={T::Speed.t(lang)} onchange={on_speed}>
                        { for SPEEDS.iter().map(|&s| html! {
                            <option value={s.to_string()} selected={s == p.speed}>{format!("{}×", group_thousands(s))}</option>
                        }) }
                    </select>
                </label>
                if let Some(achieved) = p.achieved.filter(|_| p.running) {
                    <span class="achieved" title={fill(T::AchievedTitle.t(lang), &[&speed_text(achieved), &group_thousands(p.speed)])}>
                        {fill(T::Achieved.t(lang), &[&speed_text(achieved)])}
                    </span>
                }
                <output class="clock" role="timer" aria-label={T::VirtualClock.t(lang)} data-micros={micros.to_string()}>{clock}</output>
            </div>
            if let Some(href) = p.embed_link.clone() {
                <a class="button open-full" {href} target="_blank" rel="noopener">{TX::OpenInShardLab.t(lang)}</a>
            } else {
            <button type="button" class="learn-button" onclick={p.on_learn.reform(|_: MouseEvent| ())}>{T::Learn.t(lang)}</button>
            <crate::components::scenario_menu::ScenarioMenu {lang} doc={p.doc.clone()} on_open={p.on_open.clone()} on_new={p.on_new.clone()} />
            <div class="edit-controls" role="group" aria-label={T::Settings.t(lang)}>
                <button type="button" class="icon-button" aria-label={T::Undo.t(lang)} title={T::Undo.t(lang)}
                        disabled={!p.can_undo} onclick={p.on_undo.reform(|_: MouseEvent| ())}>
                    <svg viewBox="0 0 16 16" aria-hidden="true">{ markup(r#"<path d="M6 3L2 7l4 4V8h4a3 3 0 0 1 0 6H8v2h2a5 5 0 0 0 0-10H6z"/>"#) }</svg>
                </button>
                <button type="button" class="icon-button" aria-label={T::Redo.t(lang)} title={T::Redo.t(lang)}
                        disabled={!p.can_redo} onclick={p.on_redo.reform(|_: MouseEvent| ())}>
                    <svg viewBox="0 0 16 16" aria-hidden="true">{ markup(r#"<path d="M10 3l4 4-4 4V8H6a3 3 0 0 0 0 6h2v2H6A5 5 0 0 1 6 6h4z"/>"#) }</svg>
                </button>
            </div>
            <div class="prefs">
                <div class="segmented" role="group" aria-label={T::Language.t(lang)}>
                    { lang_button(Lang::En, "English", "EN") }
                    // The visible text is part of the name ("中文" in "繁體中文"), as WCAG 2.5.3 asks.
                    { lang_button(Lang::ZhTw, "繁體中文", "中文") }
                </div>
                <button type="button" class="icon-button" aria-pressed={(p.theme == Theme::Dark).to_string()}
                        aria-label={T::DarkTheme.t(lang)} title={T::DarkTheme.t(lang)} onclick={on_theme}>
                    <svg viewBox="0 0 16 16" aria-hidden="true">{ markup(r#"<path d="M13.5 10.5A6 6 0 0 1 5.5 2.5a6 6 0 1 0 8 8z"/>"#) }</svg>
                </button>
            </div>
            }
        </header>
    }
}

/// 3600 → "3,600", as the design writes numbers.
pub fn group_thousands(n: impl Into<u64>) -> String {
    let n: u64 = n.into();
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A speed achieved as the top bar writes it: "1,200", "45", "0.5".
fn speed_text(speed: f64) -> String {
    let tenths = (speed * 10.0).round() as u64;
    if tenths >= 100 {
        group_thousands(tenths / 10)
    } else {
        format!("{}.{}", tenths / 10, tenths % 10)
    }
}
