//! An S3 bucket's objects, newest first, each opened to be read (gzip unzipped, long bodies cut).

use crate::components::component_state::grouped;
use crate::components::facts::{bytes, LISTED};
use crate::i18n::{fill, Lang, T};
use crate::world_handle::WorldHandle;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct BucketProps {
    pub lang: Lang,
    pub bucket: String,
    pub revision: u64,
}

/// An S3 bucket's newest objects; opening one shows its contents (unzipped if gzip).
#[function_component(BucketBrowser)]
pub fn bucket_browser(p: &BucketProps) -> Html {
    let handle = use_context::<WorldHandle>().expect("the world is provided");
    let world = handle.world.borrow();
    let lang = p.lang;
    let open = use_state(|| None::<String>);
    let Some(bucket) = world.s3().buckets.get(&p.bucket) else {
        return html! { <p class="hint">{T::S3Empty.t(lang)}</p> };
    };
    let newest: Vec<(&String, &shardlab_sim::stores::s3::Object)> = {
        let mut all: Vec<_> = bucket.objects.iter().collect();
        shardlab_sim::order::sort_by_key(&mut all, |(k, o)| std::cmp::Reverse((o.written, (*k).clone())));
        all.into_iter().take(LISTED).collect()
    };
    let shown = open.as_ref().and_then(|k| bucket.objects.get(k).map(|o| (k.clone(), o)));
    html! { <>
        <h3>{fill(T::S3Objects.t(lang), &[&p.bucket])}{format!(" ({})", grouped(bucket.objects.len() as u64))}</h3>
        if newest.is_empty() {
            <p class="hint">{T::S3Empty.t(lang)}</p>
        } else {
            <ul class="object-list">
                { for newest.into_iter().map(|(key, o)| {
                    let onclick = { let (open, key) = (open.clone(), key.clone()); Callback::from(move |_: MouseEvent| open.set(Some(key.clone()))) };
                    html! {
                        <li>
                            <button type="button" class="object-row" {onclick} aria-label={fill(T::S3Open.t(lang), &[key])}>
                                <code class="key">{key.clone()}</code>
                                <span class="num">{bytes(o.len() as u64)}</span>
                            </button>
                        </li>
                    }
                }) }
            </ul>
        }
        { shown.map(|(key, o)| object_body(lang, &key, o)).unwrap_or_default() }
    </> }
}

/// An object's contents, unzipped if gzip, cut to what a panel can hold.
pub(super) fn object_body(lang: Lang, key: &str, o: &shardlab_sim::stores::s3::Object) -> Html {
    let text = o.text();
    let note =
        (o.content_encoding.as_deref() == Some("gzip")).then(|| fill(T::S3Gunzipped.t(lang), &[&o.len(), &text.len()]));
    // Whole lines only, so what is shown never ends in half a record.
    let cut = if text.len() > BODY_SHOWN {
        let mut end = BODY_SHOWN;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let end = text[..end].rfind('\n').map_or(end, |i| i + 1);
        Some(&text[..end])
    } else {
        None
    };
    html! {
        <section class="object-body" aria-label={fill(T::S3Body.t(lang), &[&key])}>
            <h4>{fill(T::S3Body.t(lang), &[&key])}</h4>
            if let Some(n) = note { <p class="hint">{n}</p> }
            if let Some(shown) = cut {
                <p class="hint">{fill(T::BodyCut.t(lang), &[&shown.len(), &text.len()])}</p>
            }
            <pre class="body">{cut.unwrap_or(&text).to_string()}</pre>
        </section>
    }
}

/// The most of an object's text shown.
pub(super) const BODY_SHOWN: usize = 16 * 1024;
