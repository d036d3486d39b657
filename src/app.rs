//! The page: top bar, palette, canvas, inspector and bottom panel around one `World`.

use crate::components::{
    bottom_panel::BottomPanel, canvas::Canvas, inspector::Inspector, palette::Palette, top_bar::TopBar,
};
use crate::i18n::Lang;
use crate::prefs;
use crate::run_loop::RunLoop;
use crate::state::{Action, AppState};
use crate::world_handle::WorldHandle;
use shardlab_sim::{Scenario, SimDuration, World};
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// What Step adds to the virtual clock.
pub const STEP: SimDuration = SimDuration::from_secs(1);

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| AppState::new(prefs::load_lang(), prefs::load_theme()));
    let world = use_mut_ref(|| World::from_scenario(&Scenario::default()).expect("the default scenario is valid"));

    // The page's language and theme live on <html>, so the whole document follows them.
    use_effect_with((state.lang, state.theme), |&(lang, theme)| {
        if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = root.set_attribute("lang", lang.tag());
            let _ = root.set_attribute("data-theme", theme.attr());
        }
    });

    // While running, the world advances on every animation frame.
    {
        let dispatcher = state.dispatcher();
        let world: Rc<RefCell<World>> = world.clone();
        use_effect_with((state.running, state.speed), move |&(running, speed)| {
            let run = running.then(|| RunLoop::start(world, speed, move || dispatcher.dispatch(Action::WorldChanged)));
            move || drop(run)
        });
    }

    let on_toggle_play = {
        let state = state.clone();
        Callback::from(move |()| state.dispatch(Action::TogglePlay))
    };
    let on_step = {
        let (state, world) = (state.clone(), world.clone());
        Callback::from(move |()| {
            world.borrow_mut().advance(STEP);
            state.dispatch(Action::WorldChanged);
        })
    };
    let on_next_event = {
        let (state, world) = (state.clone(), world.clone());
        Callback::from(move |()| {
            let next = world.borrow().next_event_time();
            if let Some(t) = next {
                world.borrow_mut().run_until(t);
                state.dispatch(Action::WorldChanged);
            }
        })
    };
    let on_speed = {
        let state = state.clone();
        Callback::from(move |speed| state.dispatch(Action::SetSpeed(speed)))
    };
    let on_lang = {
        let state = state.clone();
        Callback::from(move |lang: Lang| {
            prefs::save_lang(lang);
            state.dispatch(Action::SetLang(lang));
        })
    };
    let on_toggle_theme = {
        let state = state.clone();
        Callback::from(move |()| {
            let next = match state.theme {
                prefs::Theme::Light => prefs::Theme::Dark,
                prefs::Theme::Dark => prefs::Theme::Light,
            };
            prefs::save_theme(next);
            state.dispatch(Action::SetTheme(next));
        })
    };

    let on_world_changed = {
        let state = state.clone();
        Callback::from(move |()| state.dispatch(Action::WorldChanged))
    };
    let handle = WorldHandle { world: world.clone(), revision: state.revision };
    let lang = state.lang;
    html! {
        <ContextProvider<WorldHandle> context={handle}>
            <div class="app">
                <TopBar {lang} theme={state.theme} running={state.running} speed={state.speed}
                        {on_toggle_play} {on_step} {on_next_event} {on_speed} {on_lang} {on_toggle_theme} />
                <Palette {lang} />
                <main class="centre">
                    <Canvas {lang} />
                </main>
                <Inspector {lang} />
                <BottomPanel {lang} {on_world_changed} />
            </div>
        </ContextProvider<WorldHandle>>
    }
}
