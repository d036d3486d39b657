//! When the app panics, the learner sees a banner saying so, with a way back (reload: the
//! work is saved in the browser), and the panic is logged to the console. The banner is built
//! with plain DOM calls, not Yew: after a panic the app's own state cannot be trusted, and the
//! release build aborts, so nothing in it may need the app to run again.

use crate::i18n::T;
use crate::prefs;
use wasm_bindgen::JsCast;

pub const BANNER_ID: &str = "shardlab-error";

pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        let detail = info.to_string();
        web_sys::console::error_1(&format!("ShardLab panicked: {detail}").into());
        show(&detail);
    }));
    // A trap is not a panic (an allocation that fails aborts without one): the module throws
    // a WebAssembly.RuntimeError out of whatever called it, a frame or an event. The page
    // catches it here and shows the same banner; the work is in the autosave.
    if let Some(window) = web_sys::window() {
        gloo::events::EventListener::new(&window, "error", |e| {
            let error = js_sys::Reflect::get(e, &"error".into()).unwrap_or_default();
            if error.is_instance_of::<js_sys::WebAssembly::RuntimeError>() {
                let detail = js_sys::Reflect::get(&error, &"message".into())
                    .ok()
                    .and_then(|m| m.as_string())
                    .unwrap_or_default();
                show(&format!("RuntimeError: {detail}"));
            }
        })
        .forget();
    }
}

/// Puts the error banner at the top of the page (once), with `detail` folded under it.
pub fn show(detail: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(body) = document.body() else { return };
    if document.get_element_by_id(BANNER_ID).is_some() {
        return;
    }
    let lang = prefs::load_lang();
    let element = |tag: &str, text: &str| -> Option<web_sys::Element> {
        let el = document.create_element(tag).ok()?;
        el.set_text_content(Some(text));
        Some(el)
    };
    let build = || -> Option<web_sys::Element> {
        let banner = document.create_element("div").ok()?;
        banner.set_id(BANNER_ID);
        banner.set_class_name("error-banner");
        banner.set_attribute("role", "alert").ok()?;
        let (title, body) = (element("strong", T::ErrorTitle.t(lang))?, element("span", T::ErrorBody.t(lang))?);
        banner.append_child(&title).ok()?;
        banner.append_child(&body).ok()?;
        // A link to the page itself reloads it without any script.
        let reload = element("a", T::Reload.t(lang))?;
        reload.set_attribute("href", "").ok()?;
        reload.set_class_name("button");
        banner.append_child(&reload).ok()?;
        let details = document.create_element("details").ok()?;
        let (summary, pre) = (element("summary", "Details / 詳細資訊")?, element("pre", detail)?);
        details.append_child(&summary).ok()?;
        details.append_child(&pre).ok()?;
        banner.append_child(&details).ok()?;
        Some(banner)
    };
    if let Some(banner) = build() {
        let first = body.first_child();
        let _ = body.insert_before(banner.unchecked_ref(), first.as_ref());
    }
}
