//! The Scenario menu: start a new scenario, import or export one as a JSON file, and make a
//! share link that carries the whole scenario in the URL fragment (and, if asked, the run up
//! to this instant). It closes on Esc and on a click outside it, giving the focus back to its
//! button; New asks before it discards a canvas that has components; a copied link says so, or is selected for copying by hand
//! where the browser refuses the clipboard.

use crate::i18n::{Lang, T};
use crate::i18n_export::TX;
use gloo::file::callbacks::FileReader;
use shardlab_sim::caps;
use shardlab_sim::{share, Scenario};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ScenarioMenuProps {
    pub lang: Lang,
    pub doc: Rc<Scenario>,
    /// A new document: `Ok` to open it, `Err` with the reason it cannot be opened.
    pub on_open: Callback<Result<Scenario, shardlab_sim::ScenarioError>>,
    pub on_new: Callback<()>,
}

/// The page's address without its fragment, for share links.
fn page_url() -> String {
    let href = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    href.split('#').next().unwrap_or_default().to_string()
}

/// A file name from the scenario's name: letters, digits and dashes.
pub fn file_name(doc: &Scenario) -> String {
    let slug: String =
        doc.name.chars().map(|c| if c.is_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
    let slug = slug.trim_matches('-');
    format!("{}.shardlab.json", if slug.is_empty() { "scenario" } else { slug })
}

/// The prepared scenarios the menu offers (`shardlab_sim::lessons`), with their titles.
pub const LESSON_TITLES: [(&str, T); 4] = [
    ("streams-vs-firehose", T::LessonStreamsVsFirehose),
    ("clickstream-to-dynamodb", T::LessonClickstreamToDynamoDb),
    ("page-views-sql", T::LessonPageViewsSql),
    ("video-retention", T::LessonVideoRetention),
];

#[function_component(ScenarioMenu)]
pub fn scenario_menu(p: &ScenarioMenuProps) -> Html {
    let lang = p.lang;
    let open = use_state(|| false);
    let link = use_state(|| None::<String>);
    // Whether the clipboard took the link (None while it has not answered).
    let copied = use_state(|| None::<bool>);
    let confirm_new = use_state(|| false);
    let (root, button) = (use_node_ref(), use_node_ref());
    let close = {
        let (open, confirm_new, button) = (open.clone(), confirm_new.clone(), button.clone());
        Callback::from(move |refocus: bool| {
            open.set(false);
            confirm_new.set(false);
            if let Some(b) = button.cast::<web_sys::HtmlElement>().filter(|_| refocus) {
                let _ = b.focus();
            }
        })
    };
    // A press outside the open menu closes it.
    {
        let (root, close) = (root.clone(), close.clone());
        use_effect_with(*open, move |open| {
            let listener = open.then(|| {
                let document = web_sys::window().and_then(|w| w.document()).expect("a document");
                gloo::events::EventListener::new(&document, "pointerdown", move |e| {
                    let target = e.target().and_then(|t| t.dyn_into::<web_sys::Node>().ok());
                    if !root.get().is_some_and(|menu| menu.contains(target.as_ref())) {
                        close.emit(false);
                    }
                })
            });
            move || drop(listener)
        });
    }
    let onkeydown = {
        let close = close.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.stop_propagation();
                close.emit(true);
            }
        })
    };
    let reader = use_mut_ref(|| None::<FileReader>);
    let file_input = use_node_ref();
    // The Export dialog: the console's module writes the text and shows it.
    let export_as = |format: &'static str| {
        let (doc, open) = (p.doc.clone(), open.clone());
        Callback::from(move |_: MouseEvent| {
            crate::cli::open_export(format, doc.to_json(), lang);
            open.set(false);
        })
    };

    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    // New on a canvas with components asks first: everything is saved as it goes, so what
    // New discards (and the undo history with it) cannot be got back.
    let on_new = {
        let (on_new, confirm_new, close, empty) =
            (p.on_new.clone(), confirm_new.clone(), close.clone(), p.doc.components.is_empty());
        Callback::from(move |_: MouseEvent| {
            if empty || *confirm_new {
                on_new.emit(());
                close.emit(true);
            } else {
                confirm_new.set(true);
            }
        })
    };
    // Keeping the canvas takes the question away: the focus goes back to New, not to nowhere.
    let new_button = use_node_ref();
    let keep_canvas = {
        let (confirm_new, new_button) = (confirm_new.clone(), new_button.clone());
        Callback::from(move |_: MouseEvent| {
            confirm_new.set(false);
            if let Some(b) = new_button.cast::<web_sys::HtmlElement>() {
                let _ = b.focus();
            }
        })
    };
    let export = {
        let (doc, open) = (p.doc.clone(), open.clone());
        Callback::from(move |_: MouseEvent| {
            crate::download::offer(&file_name(&doc), doc.to_json().as_bytes(), "application/json");
            open.set(false);
        })
    };
    let embed = {
        let (doc, open) = (p.doc.clone(), open.clone());
        Callback::from(move |_: MouseEvent| {
            crate::cli::open_embed(crate::embed::link(&page_url(), &doc), doc.name.clone(), lang);
            open.set(false);
        })
    };
    // With the run: a link to this instant of the world (its journal and clock), so that a
    // teacher can share "the moment the shard got hot".
    let with_run = use_state_eq(|| false);
    let link_refused = use_state_eq(|| None::<String>);
    let handle = use_context::<crate::world_handle::WorldHandle>().expect("the world is provided");
    let on_with_run = {
        let (with_run, link) = (with_run.clone(), link.clone());
        Callback::from(move |e: Event| {
            with_run.set(e.target_unchecked_into::<HtmlInputElement>().checked());
            link.set(None);
        })
    };
    let share_link = {
        let (doc, link, copied, with_run, refused) =
            (p.doc.clone(), link.clone(), copied.clone(), with_run.clone(), link_refused.clone());
        let world = handle.world.clone();
        Callback::from(move |_: MouseEvent| {
            let fragment = {
                let world = world.borrow();
                match world.journal().filter(|_| *with_run) {
                    Some(journal) => share::to_moment_fragment(journal, world.now()),
                    None => Ok(share::to_fragment(&doc)),
                }
            };
            let fragment = match fragment {
                Ok(fragment) => fragment,
                Err(shardlab_sim::ScenarioError::LinkTooLong { chars, max }) => {
                    refused.set(Some(crate::i18n::fill(T::LinkRunTooLong.t(lang), &[&chars, &max])));
                    link.set(None);
                    return;
                }
                Err(e) => {
                    refused.set(Some(e.to_string()));
                    link.set(None);
                    return;
                }
            };
            refused.set(None);
            let url = format!("{}#{fragment}", page_url());
            copied.set(None);
            let promise = web_sys::window().map(|w| w.navigator().clipboard().write_text(&url));
            let copied = copied.clone();
            // Where the clipboard is refused (file://, an iframe, no permission), the link
            // field below is selected instead, for Ctrl+C.
            wasm_bindgen_futures::spawn_local(async move {
                let done = match promise {
                    Some(p) => wasm_bindgen_futures::JsFuture::from(p).await.is_ok(),
                    None => false,
                };
                copied.set(Some(done));
            });
            link.set(Some(url));
        })
    };
    let link_field = use_node_ref();
    {
        let link_field = link_field.clone();
        use_effect_with(*copied, move |copied| {
            if let (Some(false), Some(field)) = (copied, link_field.cast::<HtmlInputElement>()) {
                let _ = field.focus();
                field.select();
            }
        });
    }
    let pick_file = {
        let file_input = file_input.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = file_input.cast::<HtmlInputElement>() {
                input.click();
            }
        })
    };
    let on_file = {
        let (on_open, reader, open) = (p.on_open.clone(), reader.clone(), open.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
            input.set_value("");
            open.set(false);
            // The size is known before a byte is read: a file over the cap is refused at once.
            let bytes = file.size() as u64;
            if bytes > caps::MAX_FILE_BYTES {
                on_open.emit(Err(shardlab_sim::ScenarioError::FileTooLarge { bytes, max: caps::MAX_FILE_BYTES }));
                return;
            }
            let on_open = on_open.clone();
            let task = gloo::file::callbacks::read_as_text(&gloo::file::File::from(file), move |text| {
                on_open.emit(match text {
                    Ok(text) => crate::model_build::read_scenario(&text),
                    Err(e) => Err(shardlab_sim::ScenarioError::NotJson(e.to_string())),
                });
            });
            *reader.borrow_mut() = Some(task);
        })
    };

    html! {
        <div class="scenario-menu" ref={root} {onkeydown}>
            <button type="button" ref={button} aria-expanded={open.to_string()} aria-controls="scenario-menu-items" onclick={toggle}>
                {T::ScenarioMenu.t(lang)}{" ▾"}
            </button>
            <div id="scenario-menu-items" class="menu-items" hidden={!*open} role="group" aria-label={T::ScenarioMenu.t(lang)}>
                <button type="button" ref={new_button} onclick={on_new.clone()}>{T::NewScenario.t(lang)}</button>
                if *confirm_new {
                    <div class="confirm" role="alertdialog" aria-label={T::NewScenario.t(lang)}>
                        <p>{crate::i18n::fill(T::ConfirmNew.t(lang), &[&p.doc.components.len()])}</p>
                        <button type="button" class="danger" onclick={on_new}>{T::DiscardAndStartNew.t(lang)}</button>
                        <button type="button" onclick={keep_canvas}>{T::KeepThisCanvas.t(lang)}</button>
                    </div>
                }
                <button type="button" onclick={pick_file}>{T::ImportScenario.t(lang)}</button>
                <button type="button" onclick={export}>{T::ExportScenario.t(lang)}</button>
                <button type="button" onclick={export_as("cloudformation")}>{TX::MenuCloudFormation.t(lang)}</button>
                <button type="button" onclick={export_as("cli")}>{TX::MenuCli.t(lang)}</button>
                <button type="button" onclick={share_link}>{T::CopyShareLink.t(lang)}</button>
                <label class="field check">
                    <input type="checkbox" checked={*with_run} onchange={on_with_run} />
                    <span>{T::LinkWithRun.t(lang)}</span>
                </label>
                if let Some(refused) = (*link_refused).clone() {
                    <p class="hint error-text" role="status">{refused}</p>
                }
                <button type="button" onclick={embed}>{TX::MenuEmbed.t(lang)}</button>
                if let Some(url) = (*link).clone() {
                    <p class="hint" role="status">{match *copied {
                        Some(true) => T::LinkCopied.t(lang),
                        Some(false) => T::LinkNotCopied.t(lang),
                        None => "",
                    }}</p>
                    <label class="field">
                        <span>{T::ShareLink.t(lang)}</span>
                        <input ref={link_field} type="text" readonly={true} value={url} />
                    </label>
                }
                <input ref={file_input} type="file" accept=".json,application/json" hidden={true} onchange={on_file}
                       aria-label={T::ImportScenario.t(lang)} />
                <div class="lessons" role="group" aria-label={T::Lessons.t(lang)}>
                    <span class="hint">{T::Lessons.t(lang)}</span>
                    { for LESSON_TITLES.iter().map(|&(id, title)| {
                        let onclick = {
                            let (on_open, open) = (p.on_open.clone(), open.clone());
                            Callback::from(move |_: MouseEvent| {
                                if let Some(lesson) = shardlab_sim::lessons::lesson(id) {
                                    on_open.emit(Ok(lesson));
                                }
                                open.set(false);
                            })
                        };
                        html! { <button type="button" {onclick}>{title.t(lang)}</button> }
                    }) }
                </div>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn every_prepared_scenario_is_offered_with_a_title() {
        for id in shardlab_sim::lessons::LESSONS {
            assert!(LESSON_TITLES.iter().any(|(t, _)| *t == id), "{id} has no title in the menu");
        }
        assert_eq!(LESSON_TITLES.len(), shardlab_sim::lessons::LESSONS.len());
    }
}
