//! The page's Export dialog, built here with plain DOM calls rather than as a Yew view: it
//! is needed only when a learner asks for an export, and the page's first load has no room
//! left for it (600 KB gzip). A native modal `<dialog>`: the page behind it is inert, the focus
//! moves into it, Esc closes it. It shows the template or the script in a read-only text area,
//! with Download and Close, in the page's language.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlDialogElement};

/// A text of the dialog in English and 繁體中文.
pub(crate) struct Text {
    pub(crate) en: &'static str,
    pub(crate) zh: &'static str,
}

const CFN_TITLE: Text = Text { en: "CloudFormation template", zh: "CloudFormation 範本" };
const CFN_HINT: Text = Text {
    en: "The pipeline as AWS resources, with the IAM roles each part needs. Deploy it with aws cloudformation deploy (its header says how); names are parameters.",
    zh: "以 AWS 資源表示的管線,附上每個部分所需的 IAM 角色。用 aws cloudformation deploy 部署(檔頭有說明);名稱都是參數。",
};
const CLI_TITLE: Text = Text { en: "AWS CLI commands", zh: "AWS CLI 指令" };
const CLI_HINT: Text = Text {
    en: "A shell script that builds the same pipeline. Its kinesis, firehose, s3api, dynamodb and emr lines also run in the Console tab.",
    zh: "建立同一條管線的 shell 指令稿。其中 kinesis、firehose、s3api、dynamodb 與 emr 的指令也能在主控台分頁執行。",
};
const FAILED: Text = Text { en: "Could not export: ", zh: "無法匯出:" };
const DOWNLOAD: Text = Text { en: "Download ", zh: "下載 " };
const CLOSE: Text = Text { en: "Close", zh: "關閉" };

impl Text {
    pub(crate) fn get(&self, lang: &str) -> &'static str {
        if lang.starts_with("zh") {
            self.zh
        } else {
            self.en
        }
    }
}

pub(crate) fn element(document: &Document, tag: &str, class: &str, text: &str) -> Result<Element, JsValue> {
    let el = document.create_element(tag)?;
    if !class.is_empty() {
        el.set_class_name(class);
    }
    if !text.is_empty() {
        el.set_text_content(Some(text));
    }
    Ok(el)
}

/// Offers `text` as a file named `name`.
fn download(document: &Document, name: &str, text: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/plain");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.click();
    web_sys::Url::revoke_object_url(&url)
}

/// Ends a dialog with `actions` and a Close button, and shows it, modal, on the page; closed
/// by Close or by Esc, it leaves the page.
pub(crate) fn show(
    document: &Document,
    dialog: &HtmlDialogElement,
    actions: &Element,
    lang: &str,
) -> Result<(), JsValue> {
    let close = element(document, "button", "", CLOSE.get(lang))?;
    close.set_attribute("type", "button")?;
    let to_close = dialog.clone();
    let on_close = Closure::<dyn FnMut()>::new(move || to_close.close());
    close.add_event_listener_with_callback("click", on_close.as_ref().unchecked_ref())?;
    on_close.forget();
    actions.append_child(&close)?;
    dialog.append_child(actions)?;
    let to_remove = dialog.clone();
    let on_closed = Closure::<dyn FnMut()>::new(move || to_remove.remove());
    dialog.add_event_listener_with_callback("close", on_closed.as_ref().unchecked_ref())?;
    on_closed.forget();
    document.body().ok_or("no body")?.append_child(dialog)?;
    dialog.show_modal()
}

/// Opens the dialog for `format` (`cloudformation` or `cli`) of the scenario `scenario` (its
/// JSON), in `lang` (the page's `lang` attribute).
#[wasm_bindgen]
pub fn open_export(format: &str, scenario: &str, lang: &str) -> Result<(), JsValue> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let (title, hint, file) = match format {
        "cli" => (CLI_TITLE.get(lang), CLI_HINT.get(lang), "build.sh"),
        _ => (CFN_TITLE.get(lang), CFN_HINT.get(lang), "template.yaml"),
    };
    let dialog: HtmlDialogElement = element(&document, "dialog", "dialog export-dialog", "")?.unchecked_into();
    dialog.set_attribute("aria-labelledby", "export-title")?;
    let heading = element(&document, "h2", "", title)?;
    heading.set_id("export-title");
    dialog.append_child(&heading)?;
    let hint = element(&document, "p", "hint", hint)?;
    dialog.append_child(&hint)?;
    let exported = crate::export_text(format, scenario);
    let actions = element(&document, "div", "actions", "")?;
    match &exported {
        Ok(text) => {
            let area: web_sys::HtmlTextAreaElement =
                element(&document, "textarea", "export-text", "")?.unchecked_into();
            area.set_value(text);
            area.set_read_only(true);
            area.set_rows(18);
            area.set_attribute("aria-label", title)?;
            area.set_attribute("spellcheck", "false")?;
            dialog.append_child(&area)?;
            let save = element(&document, "button", "", &format!("{}{file}", DOWNLOAD.get(lang)))?;
            save.set_attribute("type", "button")?;
            let (doc, text, file) = (document.clone(), text.clone(), file.to_string());
            let on_save = Closure::<dyn FnMut()>::new(move || {
                let _ = download(&doc, &file, &text);
            });
            save.add_event_listener_with_callback("click", on_save.as_ref().unchecked_ref())?;
            on_save.forget();
            actions.append_child(&save)?;
        }
        Err(e) => {
            let p = element(&document, "p", "", &format!("{}{e}", FAILED.get(lang)))?;
            p.set_attribute("role", "alert")?;
            dialog.append_child(&p)?;
        }
    }
    show(&document, &dialog, &actions, lang)?;
    // The text from its first line: the focus (which the dialog gave the text area) at the top.
    if let Some(area) =
        dialog.query_selector("textarea")?.and_then(|a| a.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
    {
        area.set_selection_range(0, 0)?;
        area.set_scroll_top(0);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [&Text; 7] = [&CFN_TITLE, &CFN_HINT, &CLI_TITLE, &CLI_HINT, &FAILED, &DOWNLOAD, &CLOSE];

    #[test]
    fn every_text_is_in_both_languages() {
        for t in ALL {
            assert!(!t.en.is_empty() && t.en.is_ascii(), "{}", t.en);
            assert!(t.zh.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)), "{}", t.zh);
            assert_eq!(t.get("zh-Hant-TW"), t.zh);
            assert_eq!(t.get("en"), t.en);
        }
    }
}
