//! Form fields of the inspector. A value is applied when the field changes (Enter or leaving
//! it), not on every keystroke, so a half-typed number is never sent to the model; and what is
//! being typed is the field's own until then (see [`use_draft`]).

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// What the user has typed into a field and not applied yet. While there is some, the field
/// shows it instead of the model's value, so a redraw — every frame while the clock runs —
/// never overwrites a field being typed into. Enter or leaving the field applies it (the
/// field's `change` event); Esc drops it and shows the model's value again.
pub struct Draft {
    /// What the field shows: the draft, or the model's value when there is none.
    pub value: String,
    pub oninput: Callback<InputEvent>,
    pub onkeydown: Callback<KeyboardEvent>,
    pub onblur: Callback<FocusEvent>,
}

#[hook]
pub fn use_draft(model: String) -> Draft {
    let draft = use_state_eq(|| None::<String>);
    let oninput = {
        let draft = draft.clone();
        // `value` is read by name, so a text area's works as an input's does.
        Callback::from(move |e: InputEvent| draft.set(Some(e.target_unchecked_into::<HtmlInputElement>().value())))
    };
    let onkeydown = {
        let (draft, model) = (draft.clone(), model.clone());
        Callback::from(move |e: KeyboardEvent| {
            // Esc takes back what was half typed; a field with nothing to take back (what it
            // shows is the model's) lets it go on to close the panel it is in, on a phone.
            if e.key() == "Escape" && draft.as_ref().is_some_and(|d| *d != model) {
                e.stop_propagation();
                draft.set(None);
            }
        })
    };
    // `change` has come before `blur` and applied the value; a value the model refused, or one
    // typed back to what it was, gives way to the model's again.
    let onblur = {
        let draft = draft.clone();
        Callback::from(move |_: FocusEvent| draft.set(None))
    };
    Draft { value: (*draft).clone().unwrap_or(model), oninput, onkeydown, onblur }
}

#[derive(Properties, PartialEq)]
pub struct NumberProps {
    pub label: AttrValue,
    pub value: f64,
    pub on_change: Callback<f64>,
    #[prop_or_default]
    pub step: Option<AttrValue>,
}

#[function_component(NumberField)]
pub fn number_field(p: &NumberProps) -> Html {
    let on_change = p.on_change.clone();
    let onchange = Callback::from(move |e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        if let Ok(v) = input.value().trim().parse::<f64>() {
            on_change.emit(v);
        }
    });
    let Draft { value, oninput, onkeydown, onblur } = use_draft(p.value.to_string());
    html! {
        <label class="field">
            <span>{p.label.clone()}</span>
            <input type="number" {value} step={p.step.clone().unwrap_or("any".into())} {onchange} {oninput} {onkeydown} {onblur} />
        </label>
    }
}

#[derive(Properties, PartialEq)]
pub struct TextProps {
    pub label: AttrValue,
    pub value: AttrValue,
    pub on_change: Callback<String>,
    #[prop_or_default]
    pub readonly: bool,
}

#[function_component(TextField)]
pub fn text_field(p: &TextProps) -> Html {
    let on_change = p.on_change.clone();
    let onchange = Callback::from(move |e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        on_change.emit(input.value());
    });
    let Draft { value, oninput, onkeydown, onblur } = use_draft(p.value.to_string());
    html! {
        <label class="field">
            <span>{p.label.clone()}</span>
            <input type="text" {value} readonly={p.readonly} {onchange} {oninput} {onkeydown} {onblur} />
        </label>
    }
}

#[derive(Properties, PartialEq)]
pub struct SelectProps {
    pub label: AttrValue,
    /// (value, shown text)
    pub options: Vec<(AttrValue, AttrValue)>,
    pub value: AttrValue,
    pub on_change: Callback<String>,
}

#[function_component(SelectField)]
pub fn select_field(p: &SelectProps) -> Html {
    let on_change = p.on_change.clone();
    let onchange = Callback::from(move |e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        on_change.emit(select.value());
    });
    html! {
        <label class="field">
            <span>{p.label.clone()}</span>
            <select {onchange}>
                { for p.options.iter().map(|(v, text)| html! { <option value={v.clone()} selected={*v == p.value}>{text.clone()}</option> }) }
            </select>
        </label>
    }
}

#[derive(Properties, PartialEq)]
pub struct CheckProps {
    pub label: AttrValue,
    pub checked: bool,
    pub on_change: Callback<bool>,
}

#[function_component(CheckField)]
pub fn check_field(p: &CheckProps) -> Html {
    let on_change = p.on_change.clone();
    let onchange = Callback::from(move |e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        on_change.emit(input.checked());
    });
    html! {
        <label class="field check">
            <input type="checkbox" checked={p.checked} {onchange} />
            <span>{p.label.clone()}</span>
        </label>
    }
}

/// `edit_setting!(kind, on_change, Variant, |s, v: T| body)`: a callback that applies `body`
/// to a copy of the `Variant` settings in `kind` and proposes the result through `on_change`
/// (the model accepts it or refuses it with the rule it breaks). Each settings form wraps it
/// as its own `edit!`.
macro_rules! edit_setting {
    ($kind:expr, $on_change:expr, $variant:ident, |$s:ident, $v:ident : $t:ty| $body:expr) => {{
        let (kind, on_change) = ($kind.clone(), $on_change.clone());
        Callback::from(move |$v: $t| {
            if let ComponentKind::$variant(mut $s) = kind.clone() {
                $body;
                on_change.emit(ComponentKind::$variant($s));
            }
        })
    }};
}
pub(crate) use edit_setting;
