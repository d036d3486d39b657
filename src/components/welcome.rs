//! A first visit's welcome, on the empty canvas: what the lab is, and where to start — a
//! lesson, a prepared scenario, or a blank canvas. It does not come back once dismissed, or
//! once the learner has placed something (a choice here counts as dismissing it).

use crate::components::scenario_menu::LESSON_TITLES;
use crate::i18n::{Lang, T};
use crate::prefs;
use shardlab_sim::Scenario;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct WelcomeProps {
    pub lang: Lang,
    /// Whether the canvas has no component: the welcome shows only then.
    pub empty: bool,
    pub on_open: Callback<Result<Scenario, shardlab_sim::ScenarioError>>,
    pub on_learn: Callback<()>,
}

#[function_component(Welcome)]
pub fn welcome(p: &WelcomeProps) -> Html {
    let lang = p.lang;
    let welcomed = use_state(prefs::welcomed);
    let dismiss = {
        let welcomed = welcomed.clone();
        Callback::from(move |()| {
            prefs::save_welcomed();
            welcomed.set(true);
        })
    };
    // Placing a component is a start too: the welcome is not needed again.
    {
        let dismiss = dismiss.clone();
        use_effect_with(p.empty, move |empty| {
            if !*empty && !prefs::welcomed() {
                dismiss.emit(());
            }
        });
    }
    if *welcomed || !p.empty {
        return html! {};
    }
    let choose = |then: Callback<()>| {
        let dismiss = dismiss.clone();
        Callback::from(move |_: MouseEvent| {
            dismiss.emit(());
            then.emit(());
        })
    };
    let learn = choose(p.on_learn.clone());
    let blank = choose(Callback::noop());
    html! {
        <section class="welcome" aria-labelledby="welcome-title">
            <h2 id="welcome-title">{T::WelcomeTitle.t(lang)}</h2>
            <p>{T::WelcomeText.t(lang)}</p>
            <button type="button" class="primary" onclick={learn}>{T::WelcomeLearn.t(lang)}</button>
            <p class="hint">{T::WelcomeScenarios.t(lang)}</p>
            { for LESSON_TITLES.iter().map(|&(id, title)| {
                let on_open = p.on_open.clone();
                let open = choose(Callback::from(move |()| {
                    if let Some(lesson) = shardlab_sim::lessons::lesson(id) {
                        on_open.emit(Ok(lesson));
                    }
                }));
                html! { <button type="button" onclick={open}>{title.t(lang)}</button> }
            }) }
            <button type="button" onclick={blank}>{T::WelcomeBlank.t(lang)}</button>
        </section>
    }
}
