//! The embedded page: `#/embed?scenario=PAYLOAD` (PAYLOAD: what a share link carries after
//! `#s=`) or `#/embed?lesson=NAME` (a lesson's scenario, which the Learn panel's module
//! carries) shows only the canvas, the run controls and a small inspector, for an `<iframe>` in
//! course notes. Options in the fragment: `autoplay`, `speed=N`, `lang=en|zh-Hant`,
//! `theme=light|dark`, `controls=0` (a pure animation). An embed never reads or writes the
//! full page's autosave, so it never overwrites a learner's own work, and several on one page
//! run independently.

use crate::i18n::Lang;
use crate::prefs::Theme;
use crate::state::SPEEDS;
use shardlab_sim::{Scenario, ScenarioError};

/// The fragment that opens the embedded page.
pub const ROUTE: &str = "#/embed?";

/// What an embed link asks for.
#[derive(Clone, Debug, PartialEq)]
pub struct Embed {
    /// The scenario, or why the link cannot open it (shown inside the frame).
    pub scenario: Result<Scenario, ScenarioError>,
    /// The payload as given, for the "open in ShardLab" link.
    pub payload: String,
    /// The lesson whose scenario it shows (`lesson=NAME`), fetched once the page runs.
    pub lesson: Option<String>,
    pub autoplay: bool,
    pub speed: u32,
    pub lang: Option<Lang>,
    pub theme: Option<Theme>,
    /// Run controls and inspector shown (`controls=0` hides them).
    pub controls: bool,
}

/// The embed a page fragment asks for; None when it is not an embed link.
/// Whether the page is an embed (its address is `#/embed?…`).
pub fn is_embedded() -> bool {
    web_sys::window().and_then(|w| w.location().hash().ok()).is_some_and(|h| h.starts_with(ROUTE))
}

pub fn parse(fragment: &str) -> Option<Embed> {
    let query = fragment.strip_prefix(ROUTE)?;
    let mut embed = Embed {
        scenario: Err(ScenarioError::BadLink("it names no scenario (scenario=…)")),
        payload: String::new(),
        lesson: None,
        autoplay: false,
        speed: 1,
        lang: None,
        theme: None,
        controls: true,
    };
    for pair in query.split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        match key {
            "scenario" => {
                embed.payload = value.to_string();
                embed.scenario = shardlab_sim::share::from_fragment(&format!("{}{value}", shardlab_sim::share::PREFIX));
            }
            // The lesson's scenario comes from the Learn panel's module; the frame starts empty.
            "lesson" => {
                embed.lesson = Some(value.to_string());
                embed.scenario = Ok(Scenario::default());
            }
            "autoplay" => embed.autoplay = value != "0",
            "speed" => embed.speed = value.parse().ok().filter(|s| SPEEDS.contains(s)).unwrap_or(1),
            "lang" => embed.lang = Some(if value.starts_with("zh") { Lang::ZhTw } else { Lang::En }),
            "theme" => embed.theme = Some(if value == "dark" { Theme::Dark } else { Theme::Light }),
            "controls" => embed.controls = value != "0",
            _ => {}
        }
    }
    // A pure animation plays by itself.
    if !embed.controls {
        embed.autoplay = true;
    }
    Some(embed)
}

/// The embed link of `scenario` on the page at `page_url` (its address without fragment).
pub fn link(page_url: &str, scenario: &Scenario) -> String {
    let fragment = shardlab_sim::share::to_fragment(scenario);
    let payload = fragment.strip_prefix(shardlab_sim::share::PREFIX).unwrap_or(&fragment);
    format!("{page_url}{ROUTE}scenario={payload}")
}

/// The embed's scenario and a world built from it, or the empty scenario with the reason the
/// link cannot open (the frame shows it, in its language).
pub fn boot(embed: &Embed) -> (Scenario, shardlab_sim::World, Option<crate::notice::Notice>) {
    let empty = |e: ScenarioError| {
        let world = shardlab_sim::World::from_scenario(&Scenario::default());
        world.ok().map(|w| (Scenario::default(), w, Some(crate::notice::Notice::CannotOpen(e))))
    };
    if matches!(embed.scenario, Err(ScenarioError::NeedsFullModel)) {
        crate::model_build::reload_embed_in_full_build();
    }
    let opened = embed.scenario.clone().and_then(|doc| shardlab_sim::World::from_scenario(&doc).map(|w| (doc, w)));
    match opened {
        Ok((doc, world)) => (doc, world, None),
        Err(e) => match empty(e) {
            Some(booted) => booted,
            None => unreachable!("the empty scenario is valid"),
        },
    }
}

/// The full page with the embed's scenario: this page's address with the share link's
/// fragment, or, for a lesson, with the fragment that opens the lesson in the Learn panel.
pub fn full_page_link(embed: &Embed) -> String {
    let href = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    let page = href.split('#').next().unwrap_or_default();
    match &embed.lesson {
        Some(id) => format!("{page}#/lesson?id={id}"),
        None => format!("{page}#{}{}", shardlab_sim::share::PREFIX, embed.payload),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn an_embed_link_carries_its_scenario_and_options() {
        let doc = shardlab_sim::lessons::lesson("streams-vs-firehose").unwrap();
        let link = link("https://course.example/lab/", &doc);
        let fragment = &link[link.find('#').unwrap()..];
        let e = parse(&format!("{fragment}&autoplay&speed=60&lang=zh-Hant&theme=dark")).unwrap();
        assert_eq!(e.scenario, Ok(doc));
        assert_eq!(
            (e.autoplay, e.speed, e.lang, e.theme, e.controls),
            (true, 60, Some(Lang::ZhTw), Some(Theme::Dark), true)
        );
        let bare = parse("#/embed?scenario=x&controls=0").unwrap();
        assert!(!bare.controls && bare.autoplay, "a pure animation plays by itself");
        assert!(matches!(bare.scenario, Err(ScenarioError::BadLink(_))));
        assert_eq!(parse("#/embed?speed=7").unwrap().speed, 1, "only the page's speeds");
        assert_eq!(parse("#s=abc"), None);
        let lesson = parse("#/embed?lesson=hot-shard&lang=zh-Hant").unwrap();
        assert_eq!(lesson.lesson.as_deref(), Some("hot-shard"));
        assert_eq!(lesson.scenario, Ok(Scenario::default()), "the frame starts empty until the lesson comes");
    }
}
