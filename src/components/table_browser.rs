//! A DynamoDB table's inspector: its status and item count, and its items — filtered by
//! key and ordered largest value first, as DynamoDB's own comparison orders them — so a
//! learner reads what an EMR job wrote (the top words of a word count).

use crate::components::component_state::grouped;
use crate::i18n::{fill, Lang};
use crate::i18n_emr::TE;
use crate::world_handle::WorldHandle;
use shardlab_sim::stores::dynamodb::condition::compare_scalars;
use shardlab_sim::stores::dynamodb::wire::value_to_json;
use shardlab_sim::stores::dynamodb::AttributeValue;
use yew::prelude::*;

/// Items listed at most.
const SHOWN: usize = 50;

#[derive(Properties, PartialEq)]
pub struct TableProps {
    pub lang: Lang,
    pub table: AttrValue,
    pub revision: u64,
}

fn text(v: Option<&AttributeValue>) -> String {
    match v {
        Some(AttributeValue::S(s)) => s.clone(),
        Some(AttributeValue::N(n)) => n.to_string(),
        Some(other) => value_to_json(other).to_string(),
        None => String::new(),
    }
}

#[function_component(TableBrowser)]
pub fn table_browser(p: &TableProps) -> Html {
    let handle = use_context::<WorldHandle>().expect("the world is provided");
    let filter = use_state(String::new);
    let world = handle.world.borrow();
    let lang = p.lang;
    let Some(table) = world.dynamodb().table(&p.table) else { return html! {} };
    let key = table.key_schema().partition.name.clone();
    let value = shardlab_sim::emr::output::VALUE_ATTRIBUTE;
    let wanted = filter.to_lowercase();
    let mut items: Vec<_> = table.items().filter(|i| text(i.get(&key)).to_lowercase().contains(&wanted)).collect();
    items.sort_by(|a, b| match (a.get(value), b.get(value)) {
        (Some(x), Some(y)) => compare_scalars(y, x).unwrap_or(std::cmp::Ordering::Equal),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            filter.set(input.value());
        })
    };
    html! { <>
        <dl class="facts">
            <dt>{TE::TableStatusLabel.t(lang)}</dt><dd class="table-status">{table.status().name()}</dd>
            <dt>{TE::ItemsHeading.t(lang)}</dt><dd class="item-count">{fill(TE::ItemsCount.t(lang), &[&grouped(table.item_count() as u64)])}</dd>
        </dl>
        <label class="field">
            <span>{TE::FilterItems.t(lang)}</span>
            <input type="search" value={(*filter).clone()} oninput={on_filter} />
        </label>
        <p class="hint">{TE::SortByValue.t(lang)}</p>
        <table class="items-table" aria-label={TE::ItemsHeading.t(lang)}>
            <thead><tr><th scope="col">{&key}</th><th scope="col">{value}</th></tr></thead>
            <tbody>
                { for items.iter().take(SHOWN).map(|i| html! {
                    <tr><td>{text(i.get(&key))}</td><td>{text(i.get(value))}</td></tr>
                }) }
            </tbody>
        </table>
    </> }
}
