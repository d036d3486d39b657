//! The page's Embed dialog, built with DOM calls beside the Export dialog (and for the same
//! reason: the first load has no room): the `<iframe>` snippet of the current scenario, to
//! paste into course notes, and a live preview of that frame.

use crate::export_dialog::{element, show, Text};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlDialogElement;

const TITLE: Text = Text { en: "Embed in course notes", zh: "嵌入課程筆記" };
const HINT: Text = Text {
    en: "Paste this into a page of your course site. It shows this scenario's canvas and run controls; add &autoplay, &speed=60, &lang=zh-Hant, &theme=dark or &controls=0 to its address. An embed never changes anyone's saved work.",
    zh: "把這段貼到課程網站的頁面。它會顯示這個情境的畫布與執行控制;可在網址加上 &autoplay、&speed=60、&lang=zh-Hant、&theme=dark 或 &controls=0。嵌入的頁面不會更動任何人已儲存的作業。",
};
const PREVIEW: Text = Text { en: "Preview", zh: "預覽" };

/// The snippet for the embed at `url`, titled after the scenario.
pub fn snippet(url: &str, name: &str) -> String {
    let escape = |s: &str| s.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;");
    format!(
        "<iframe src=\"{}\" title=\"ShardLab: {}\" width=\"640\" height=\"420\" style=\"border: 1px solid #ccc\" loading=\"lazy\"></iframe>",
        escape(url),
        escape(name)
    )
}

/// Opens the dialog for the embed link `url` of the scenario named `name`, in `lang`.
#[wasm_bindgen]
pub fn open_embed(url: &str, name: &str, lang: &str) -> Result<(), JsValue> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let dialog: HtmlDialogElement = element(&document, "dialog", "dialog embed-dialog", "")?.unchecked_into();
    dialog.set_attribute("aria-labelledby", "embed-title")?;
    let heading = element(&document, "h2", "", TITLE.get(lang))?;
    heading.set_id("embed-title");
    dialog.append_child(&heading)?;
    let hint = element(&document, "p", "hint", HINT.get(lang))?;
    dialog.append_child(&hint)?;
    let area: web_sys::HtmlTextAreaElement = element(&document, "textarea", "export-text", "")?.unchecked_into();
    area.set_value(&snippet(url, name));
    area.set_read_only(true);
    area.set_rows(4);
    area.set_attribute("aria-label", TITLE.get(lang))?;
    dialog.append_child(&area)?;
    let caption = element(&document, "p", "hint", PREVIEW.get(lang))?;
    dialog.append_child(&caption)?;
    let frame = element(&document, "iframe", "embed-preview", "")?;
    frame.set_attribute("src", url)?;
    frame.set_attribute("title", PREVIEW.get(lang))?;
    dialog.append_child(&frame)?;
    let actions = element(&document, "div", "actions", "")?;
    show(&document, &dialog, &actions, lang)?;
    area.select();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_snippet_is_an_iframe_with_its_address_escaped() {
        let s = snippet("https://c.example/lab/#/embed?scenario=abc&autoplay", "A \"quoted\" <lab>");
        assert!(s.starts_with("<iframe src=\"https://c.example/lab/#/embed?scenario=abc&amp;autoplay\""), "{s}");
        assert!(s.contains("title=\"ShardLab: A &quot;quoted&quot; &lt;lab>\""), "{s}");
        for t in [&TITLE, &HINT, &PREVIEW] {
            assert!(t.zh.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)) && t.en.is_ascii());
        }
    }
}
