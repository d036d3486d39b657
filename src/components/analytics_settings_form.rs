//! An Analytics application's settings as form fields: its name, its SQL dialect, the SQL
//! (`sql_editor.rs`), where it starts reading, and the source schema — for the legacy
//! dialect the columns of SOURCE_SQL_STREAM_001, editable, or the one discovered from the
//! records; for Flink SQL a `CREATE TABLE` of the discovered schema to start from.

use crate::components::fields::{SelectField, TextField};
use crate::components::sql_editor::SqlEditor;
use crate::i18n::{Lang, T};
use crate::i18n_analytics::TS;
use crate::world_handle::WorldHandle;
use shardlab_sim::analytics::ast::Column;
use shardlab_sim::analytics::schema::{starter_script, type_name};
use shardlab_sim::pipeline::analytics_settings::{AnalyticsSettings, Dialect, SchemaColumn};
use shardlab_sim::pipeline::settings::StartPosition;
use shardlab_sim::pipeline::Component;
use shardlab_sim::scenario::ComponentKind;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AnalyticsFieldsProps {
    pub lang: Lang,
    pub settings: AnalyticsSettings,
    pub on_change: Callback<ComponentKind>,
}

fn opt(value: &str, text: &str) -> (AttrValue, AttrValue) {
    (AttrValue::from(value.to_string()), AttrValue::from(text.to_string()))
}

/// The schema the running application discovered from its first records.
fn discovered(handle: &WorldHandle, name: &str) -> Vec<Column> {
    let world = handle.world.borrow();
    let found = world.components().find_map(|c| match c {
        Component::AnalyticsApp(a) if a.settings.application_name == name => Some(a.discovered.clone()),
        _ => None,
    });
    found.unwrap_or_default()
}

#[function_component(AnalyticsFields)]
pub fn analytics_fields(p: &AnalyticsFieldsProps) -> Html {
    let lang = p.lang;
    let handle = use_context::<WorldHandle>().expect("the world is provided");
    let found = discovered(&handle, &p.settings.application_name);
    let s = &p.settings;
    // `set(f)`: a callback that proposes the settings with `f` applied.
    let set = |f: fn(&mut AnalyticsSettings, String)| {
        let (settings, on_change) = (s.clone(), p.on_change.clone());
        Callback::from(move |v: String| {
            let mut next = settings.clone();
            f(&mut next, v);
            on_change.emit(ComponentKind::AnalyticsApp(next));
        })
    };
    let propose = {
        let (settings, on_change) = (s.clone(), p.on_change.clone());
        move |f: Box<dyn Fn(&mut AnalyticsSettings)>| {
            let mut next = settings.clone();
            f(&mut next);
            on_change.emit(ComponentKind::AnalyticsApp(next));
        }
    };
    let on_sql = {
        let propose = propose.clone();
        Callback::from(move |(dialect, sql): (Dialect, String)| {
            propose(Box::new(move |s| {
                s.dialect = dialect;
                s.sql = sql.clone();
            }))
        })
    };
    let dialects = vec![opt("flink", TS::DialectFlink.t(lang)), opt("legacy", TS::DialectLegacy.t(lang))];
    let dialect_value = if s.dialect == Dialect::Legacy { "legacy" } else { "flink" };
    let starts = vec![opt("TRIM_HORIZON", "TRIM_HORIZON"), opt("LATEST", "LATEST")];
    let start_value = if s.start == StartPosition::Latest { "LATEST" } else { "TRIM_HORIZON" };
    html! { <>
        <TextField label={TS::AppNameField.t(lang)} value={s.application_name.clone()}
                   on_change={set(|s, v| s.application_name = v)} />
        <SelectField label={TS::DialectField.t(lang)} options={dialects} value={dialect_value}
                     on_change={set(|s, v| s.dialect = if v == "legacy" { Dialect::Legacy } else { Dialect::Flink })} />
        <SelectField label={T::StartPositionField.t(lang)} options={starts} value={start_value}
                     on_change={set(|s, v| s.start = if v == "LATEST" { StartPosition::Latest } else { StartPosition::TrimHorizon })} />
        <SqlEditor {lang} settings={s.clone()} discovered={found.clone()} {on_sql} />
        { schema_section(lang, s, &found, propose) }
    </> }
}

fn schema_section(
    lang: Lang,
    s: &AnalyticsSettings,
    found: &[Column],
    propose: impl Fn(Box<dyn Fn(&mut AnalyticsSettings)>) + Clone + 'static,
) -> Html {
    // Types as the dialect writes them: `INTEGER`, `VARCHAR(256)` in the legacy one.
    let legacy = s.dialect == Dialect::Legacy;
    let listed: Vec<SchemaColumn> =
        found.iter().map(|c| SchemaColumn { name: c.name.clone(), sql_type: type_name(c.ty, legacy) }).collect();
    let discovered_table = |columns: &[SchemaColumn]| {
        html! {
            <table class="schema-table">
                <thead><tr><th scope="col">{TS::SchemaColumn.t(lang)}</th><th scope="col">{TS::SchemaType.t(lang)}</th></tr></thead>
                <tbody>{ for columns.iter().map(|c| html! { <tr><td><code>{&c.name}</code></td><td><code>{&c.sql_type}</code></td></tr> }) }</tbody>
            </table>
        }
    };
    let found_part = if found.is_empty() {
        html! { <p class="hint">{TS::SchemaNoneYet.t(lang)}</p> }
    } else {
        let use_it = {
            let (propose, listed, script) = (propose.clone(), listed.clone(), starter_script(found));
            Callback::from(move |_: MouseEvent| {
                let (listed, script) = (listed.clone(), script.clone());
                propose(Box::new(move |s| {
                    if legacy {
                        s.schema = listed.clone();
                    } else {
                        s.sql = script.clone();
                    }
                }))
            })
        };
        let label = if s.dialect == Dialect::Legacy { TS::SchemaUse } else { TS::SchemaInsertTable };
        html! { <>
            <p class="hint">{TS::SchemaDiscovered.t(lang)}</p>
            { discovered_table(&listed) }
            <button type="button" class="small" onclick={use_it}>{label.t(lang)}</button>
        </> }
    };
    let legacy_part = (s.dialect == Dialect::Legacy).then(|| {
        let rows = s.schema.iter().enumerate().map(|(i, c)| {
            let edit = |f: fn(&mut SchemaColumn, String)| {
                let propose = propose.clone();
                Callback::from(move |v: String| {
                    propose(Box::new(move |s| {
                        if let Some(c) = s.schema.get_mut(i) {
                            f(c, v.clone());
                        }
                    }))
                })
            };
            let remove = {
                let propose = propose.clone();
                Callback::from(move |_: MouseEvent| propose(Box::new(move |s| {
                    if i < s.schema.len() {
                        s.schema.remove(i);
                    }
                })))
            };
            html! {
                <div class="schema-row">
                    <TextField label={TS::SchemaColumn.t(lang)} value={c.name.clone()} on_change={edit(|c, v| c.name = v)} />
                    <TextField label={TS::SchemaType.t(lang)} value={c.sql_type.clone()} on_change={edit(|c, v| c.sql_type = v)} />
                    <button type="button" class="small" onclick={remove}>{TS::SchemaRemove.t(lang)}</button>
                </div>
            }
        });
        let add = {
            let propose = propose.clone();
            Callback::from(move |_: MouseEvent| propose(Box::new(|s| {
                let n = s.schema.len() + 1;
                s.schema.push(SchemaColumn { name: format!("column_{n}"), sql_type: "VARCHAR(64)".into() });
            })))
        };
        let clear = {
            let propose = propose.clone();
            Callback::from(move |_: MouseEvent| propose(Box::new(|s| s.schema.clear())))
        };
        html! { <>
            <p class="hint">{TS::SchemaLegacyHint.t(lang)}</p>
            { for rows }
            <div class="button-row">
                <button type="button" class="small" onclick={add}>{TS::SchemaAdd.t(lang)}</button>
                if !s.schema.is_empty() {
                    <button type="button" class="small" onclick={clear}>{TS::SchemaClear.t(lang)}</button>
                }
            </div>
        </> }
    });
    html! {
        <section class="schema" aria-label={TS::SchemaHeading.t(lang)}>
            <h4>{TS::SchemaHeading.t(lang)}</h4>
            { legacy_part.unwrap_or_default() }
            { found_part }
        </section>
    }
}
