//! The page: top bar, palette, canvas, inspector and bottom panel around one `World`. Edits
//! become a new scenario that the world follows (`World::sync`); the world refuses what AWS
//! would refuse, and only accepted edits join the undo history and the autosave.

use crate::announce::Announcement;
use crate::boot::initial;
use crate::components::{
    bottom_panel::BottomPanel, canvas::Canvas, inspector::Inspector, notice_bar::NoticeBar, palette::Palette,
    side_panels::Panel, timeline::TimelineBar, top_bar::TopBar,
};
use crate::i18n::Lang;
use crate::notice::Notice;
use crate::placement::free_spot;
use crate::prefs;
use crate::resume::{checkpoint_budget, put_world, Saved};
use crate::run_loop::RunLoop;
use crate::shortcuts::use_page_shortcuts;
use crate::state::{Action, AppState};
use crate::storage;
use crate::world_handle::WorldHandle;
use shardlab_sim::catalogue::new_component;
use shardlab_sim::scenario::{ComponentKind, ComponentSpec, WireSpec};
use shardlab_sim::wiring::Kind;
use shardlab_sim::world::timeline::Timeline;
use shardlab_sim::{Scenario, SimDuration, World};
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// What Step adds to the virtual clock.
pub const STEP: SimDuration = SimDuration::from_secs(1);

/// Only the frame-time benchmark sets these: a prepared scenario, running at a speed.
#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    #[prop_or_default]
    pub bench: Option<(Rc<Scenario>, u32)>,
    /// The embedded page (`#/embed?…`): its scenario and options (src/embed.rs).
    #[prop_or_default]
    pub embed: Option<Rc<crate::embed::Embed>>,
}

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let bench = props.bench.clone();
    let embed = props.embed.clone();
    let boot = use_mut_ref(move || {
        Some(match (&bench, &embed) {
            (Some((doc, _)), _) => match World::from_scenario(doc) {
                // Not `expect`: it would link the error's Debug formatting into the page.
                Ok(world) => ((**doc).clone(), world, None),
                Err(_) => unreachable!("the benchmark scenario is valid"),
            },
            (None, Some(e)) => crate::embed::boot(e),
            (None, None) => initial(),
        })
    });
    let embed = props.embed.clone();
    let autoplay = props.bench.as_ref().map(|(_, speed)| *speed).or_else(|| {
        let e = embed.as_ref()?;
        e.autoplay.then_some(e.speed)
    });
    let world = {
        let boot = boot.clone();
        use_mut_ref(move || {
            let mut world = boot.borrow().as_ref().map(|b| b.1.clone()).expect("built once");
            // What is done to it from now on is kept, to come back to after a reload or a rewind.
            world.keep_journal();
            world
        })
    };
    // Checkpoints to rewind to, and what of the journal and clock was last saved.
    let timeline = {
        let world = world.clone();
        use_mut_ref(move || Timeline::with_budget(&world.borrow(), checkpoint_budget()))
    };
    let saved = {
        let world = world.clone();
        use_mut_ref(move || Saved::opened_with(&world.borrow()))
    };
    // When the timeline last copied the world (the page's wall clock, ms).
    let copied_at_ms = use_mut_ref(|| f64::NEG_INFINITY);
    let benching = props.bench.is_some();
    let state = {
        let boot = boot.clone();
        use_reducer(move || {
            let (doc, _, notice) = boot.borrow_mut().take().expect("built once");
            let lang = embed.as_ref().and_then(|e| e.lang).unwrap_or_else(prefs::load_lang);
            let theme = embed.as_ref().and_then(|e| e.theme).unwrap_or_else(prefs::load_theme);
            let mut s = AppState::new(lang, theme, doc);
            s.notice = notice;
            s.speed = embed.as_ref().map_or(1, |e| e.speed);
            if let Some(speed) = autoplay {
                s.running = true;
                s.speed = speed;
            }
            // The frame benchmark watches a stream, as a learner does (or a video player, whose
            // frames are drawn): its inspector's redraws are part of each frame's work.
            if benching {
                let of = |kind: Kind| s.history.doc.components.iter().find(|c| c.kind.kind() == kind);
                let watched = of(Kind::VideoPlayer).or_else(|| of(Kind::DataStream));
                s.selected = watched.map(|c| c.id.clone());
            }
            s
        })
    };

    // The page's language and theme live on <html>, so the whole document follows them.
    use_effect_with((state.lang, state.theme), |&(lang, theme)| {
        if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = root.set_attribute("lang", lang.tag());
            let _ = root.set_attribute("data-theme", theme.attr());
        }
        crate::learn::set_lang(lang);
    });
    // Autosave every accepted change; an embed never touches the full page's saved work.
    let embedded = props.embed.is_some();
    use_effect_with(state.history.doc.clone(), move |doc| {
        if !embedded {
            storage::save_doc(doc)
        }
    });
    // Whenever the world changed (a frame, an action): the journal and clock saved (the embed
    // keeps no saved state of its own).
    {
        let (world, saved) = (world.clone(), saved.clone());
        use_effect_with((state.revision, state.running), move |&(_, running)| {
            let world = world.borrow();
            if !embedded {
                saved.borrow_mut().save(&world, js_sys::Date::now(), !running);
            }
        });
    }
    // Once, on opening: leaving the page will save the clock where it is, whatever the last
    // save; and a journal whose replay runs scripts resumes once the script engine has loaded.
    {
        let (world, timeline, saved, dispatcher) = (world.clone(), timeline.clone(), saved.clone(), state.dispatcher());
        use_effect_with((), move |_| {
            if !embedded && !benching {
                let (world, timeline, saved) = (world.clone(), timeline.clone(), saved.clone());
                crate::resume::resume_later(Callback::from(move |resumed: World| {
                    // Unless the learner has already begun anew meanwhile.
                    let untouched = {
                        let w = world.borrow();
                        w.now() == shardlab_sim::SimTime::ZERO && w.journal().is_none_or(|j| j.entries.is_empty())
                    };
                    if untouched {
                        put_world(&world, &timeline, &saved, resumed);
                        dispatcher.dispatch(Action::Rewound);
                    }
                }));
            }
            let listener = web_sys::window().filter(|_| !embedded).map(|window| {
                gloo::events::EventListener::new(&window, "pagehide", move |_| {
                    saved.borrow_mut().save(&world.borrow(), js_sys::Date::now(), true);
                })
            });
            move || drop(listener)
        });
    }
    // A scenario with EMR or DynamoDB in it runs on the build that has their models.
    use_effect_with(state.history.doc.clone(), move |doc| {
        if !embedded {
            crate::model_build::switch_if_needed(doc)
        } else {
            crate::model_build::switch_embed_if_needed(doc)
        }
    });

    // While running, the world advances on every animation frame.
    {
        let dispatcher = state.dispatcher();
        let world: Rc<RefCell<World>> = world.clone();
        use_effect_with((state.running, state.speed), move |&(running, speed)| {
            let run = running.then(|| {
                let (on_pace, on_full) = (dispatcher.clone(), dispatcher.clone());
                RunLoop::start(
                    world,
                    speed,
                    move || dispatcher.dispatch(Action::WorldChanged),
                    move |achieved| on_pace.dispatch(Action::Paced(achieved)),
                    move |full| on_full.dispatch(Action::MemoryFull(full)),
                )
            });
            move || drop(run)
        });
    }

    // Proposes an edited scenario: the world follows it, or refuses it with the reason.
    let commit = {
        let (state, world) = (state.clone(), world.clone());
        Callback::from(move |next: Scenario| match world.borrow_mut().sync(&next) {
            Ok(()) => state.dispatch(Action::Edited(next)),
            Err(e) => state.dispatch(Action::Notify(Notice::Refused(e))),
        })
    };
    // `edit(f)()`: applies `f` to a copy of the document and proposes it.
    let edit = {
        let (state, commit) = (state.clone(), commit.clone());
        move |f: Rc<dyn Fn(&mut Scenario)>| {
            let (state, commit) = (state.clone(), commit.clone());
            move || {
                let mut next = (*state.history.doc).clone();
                f(&mut next);
                commit.emit(next);
            }
        }
    };

    let undo = {
        let (state, world) = (state.clone(), world.clone());
        Callback::from(move |()| {
            let Some(previous) = state.history.peek_undo().cloned() else { return };
            match world.borrow_mut().sync(&previous) {
                Ok(()) => state.dispatch(Action::Undone),
                Err(e) => state.dispatch(Action::Notify(Notice::Refused(e))),
            }
        })
    };
    let redo = {
        let (state, world) = (state.clone(), world.clone());
        Callback::from(move |()| {
            let Some(next) = state.history.peek_redo().cloned() else { return };
            match world.borrow_mut().sync(&next) {
                Ok(()) => state.dispatch(Action::Redone),
                Err(e) => state.dispatch(Action::Notify(Notice::Refused(e))),
            }
        })
    };

    let place_at = {
        let (state, commit) = (state.clone(), commit.clone());
        Callback::from(move |(kind, x, y): (Kind, f64, f64)| {
            let mut next = (*state.history.doc).clone();
            let spec = new_component(&next, kind, x, y);
            let id = spec.id.clone();
            next.components.push(spec);
            commit.emit(next);
            state.dispatch(Action::Select(Some(id)));
        })
    };
    // On a narrow screen: the palette or inspector open over the canvas (side_panels.rs).
    let panel = use_state_eq(|| None::<Panel>);
    let place = {
        let (state, place_at, panel) = (state.clone(), place_at.clone(), panel.clone());
        Callback::from(move |kind: Kind| {
            let (x, y) = free_spot(&state.history.doc);
            place_at.emit((kind, x, y));
            // A tap on the phone's palette places the component and shows it on the canvas.
            panel.set(None);
        })
    };
    let on_panel = {
        let panel = panel.clone();
        Callback::from(move |which: Panel| panel.set((*panel != Some(which)).then_some(which)))
    };
    // Esc closes the open panel and gives the focus back to its button (a menu or a field
    // that takes Esc for itself stops it first).
    let on_app_key = {
        let panel = panel.clone();
        Callback::from(move |e: KeyboardEvent| {
            if let (Some(open), "Escape") = (*panel, e.key().as_str()) {
                panel.set(None);
                open.focus_toggle();
            }
        })
    };
    // A press on the canvas (or what is over it) closes the open panel.
    let on_centre_down = {
        let panel = panel.clone();
        Callback::from(move |_: PointerEvent| panel.set(None))
    };
    let on_move = {
        let edit = edit.clone();
        Callback::from(move |(id, x, y): (String, f64, f64)| {
            edit(Rc::new(move |doc: &mut Scenario| {
                if let Some(c) = doc.components.iter_mut().find(|c| c.id == id) {
                    c.x = x;
                    c.y = y;
                }
            }))()
        })
    };
    // A wire made (by mouse, keyboard or the inspector's "Connect to…"), refused or removed is
    // also said through the polite live region.
    let on_connect = {
        let (state, world) = (state.clone(), world.clone());
        Callback::from(move |(from, to): (String, String)| {
            state.dispatch(Action::StartWire(None));
            let doc = &state.history.doc;
            if doc.wires.iter().any(|w| w.from == from && w.to == to) {
                return;
            }
            let mut next = (**doc).clone();
            next.wires.push(WireSpec { from: from.clone(), to: to.clone() });
            match world.borrow_mut().sync(&next) {
                Ok(()) => {
                    state.dispatch(Action::Announce(Announcement::wired(&next, &from, &to)));
                    state.dispatch(Action::Edited(next));
                }
                Err(e) => {
                    state.dispatch(Action::Announce(Announcement::Refused(Notice::Refused(e.clone()))));
                    state.dispatch(Action::Notify(Notice::Refused(e)));
                }
            }
        })
    };
    let on_remove_wire = {
        let (state, edit) = (state.clone(), edit.clone());
        Callback::from(move |(from, to): (String, String)| {
            state.dispatch(Action::Announce(Announcement::unwired(&state.history.doc, &from, &to)));
            edit(Rc::new(move |doc: &mut Scenario| doc.wires.retain(|w| !(w.from == from && w.to == to))))()
        })
    };
    let on_delete = {
        let edit = edit.clone();
        Callback::from(move |id: String| {
            edit(Rc::new(move |doc: &mut Scenario| {
                doc.components.retain(|c| c.id != id);
                doc.wires.retain(|w| w.from != id && w.to != id);
            }))()
        })
    };
    let on_duplicate = {
        let (state, commit) = (state.clone(), commit.clone());
        Callback::from(move |id: String| {
            let mut next = (*state.history.doc).clone();
            let Some(copy) = shardlab_sim::catalogue::duplicate(&next, &id) else { return };
            let new_id = copy.id.clone();
            next.components.push(copy);
            commit.emit(next);
            state.dispatch(Action::Select(Some(new_id)));
        })
    };
    let on_change = {
        let edit = edit.clone();
        Callback::from(move |spec: ComponentSpec| {
            edit(Rc::new(move |doc: &mut Scenario| {
                if let Some(c) = doc.components.iter_mut().find(|c| c.id == spec.id) {
                    *c = spec.clone();
                }
            }))()
        })
    };
    let on_select = {
        let state = state.clone();
        Callback::from(move |id| state.dispatch(Action::Select(id)))
    };
    let on_start_wire = {
        let state = state.clone();
        Callback::from(move |from| state.dispatch(Action::StartWire(from)))
    };
    let on_world_changed = {
        let state = state.clone();
        Callback::from(move |()| state.dispatch(Action::WorldChanged))
    };
    // After a console command: streams made or deleted there join or leave the canvas.
    let on_console_ran = {
        let (state, world, commit) = (state.clone(), world.clone(), commit.clone());
        Callback::from(move |()| {
            let adopted = world.borrow().adopt_api_streams(&state.history.doc);
            if adopted != *state.history.doc {
                commit.emit(adopted);
            } else {
                state.dispatch(Action::WorldChanged);
            }
        })
    };

    use_page_shortcuts(undo.clone(), redo.clone(), state.clone());

    let on_toggle_play = {
        let state = state.clone();
        Callback::from(move |()| state.dispatch(Action::TogglePlay))
    };
    let on_step = {
        let (state, world) = (state.clone(), world.clone());
        Callback::from(move |()| {
            if crate::script_engine::clock_may_run(&world.borrow()) {
                world.borrow_mut().advance(STEP);
                state.dispatch(Action::WorldChanged);
            }
        })
    };
    let on_next_event = {
        let (state, world) = (state.clone(), world.clone());
        Callback::from(move |()| {
            if !crate::script_engine::clock_may_run(&world.borrow()) {
                return;
            }
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
            if !embedded {
                prefs::save_lang(lang);
            }
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
    let on_notice = {
        let state = state.clone();
        Callback::from(move |notice| state.dispatch(Action::Notify(notice)))
    };
    // New, Import: a new world for the new document, or the reason it cannot be opened
    // (the current work stays as it is).
    let on_open = {
        let (state, world, timeline, saved) = (state.clone(), world.clone(), timeline.clone(), saved.clone());
        Callback::from(move |doc: Result<Scenario, shardlab_sim::ScenarioError>| {
            match doc.and_then(|doc| World::from_scenario(&doc).map(|w| (doc, w))) {
                Ok((doc, fresh)) => {
                    put_world(&world, &timeline, &saved, fresh);
                    state.dispatch(Action::Replaced(doc));
                }
                Err(e) => state.dispatch(Action::Notify(Notice::CannotOpen(e))),
            }
        })
    };
    let on_new = {
        let on_open = on_open.clone();
        Callback::from(move |()| on_open.emit(Ok(Scenario::default())))
    };
    // The Learn panel: what the page gives it, and opening it (at once when the address asks
    // for an exam, or when it was open before a reload).
    let learn_host = crate::learn::Host {
        world: world.clone(),
        on_open: on_open.clone(),
        on_select: {
            let state = state.clone();
            Callback::from(move |id| state.dispatch(Action::Select(id)))
        },
    };
    let on_learn = {
        let (host, lang) = (learn_host.clone(), state.lang);
        Callback::from(move |()| crate::learn::open(lang, host.clone(), String::new()))
    };
    {
        let (host, lang) = (learn_host, state.lang);
        let lesson = props.embed.as_ref().and_then(|e| e.lesson.clone());
        let on_open = on_open.clone();
        use_effect_with((), move |_| match lesson {
            // An embedded lesson: its scenario, from the Learn panel's module.
            Some(id) => crate::learn::lesson_scenario(
                id,
                Callback::from(move |json: Option<String>| {
                    on_open.emit(match json {
                        Some(json) => crate::model_build::read_scenario(&json),
                        None => Err(shardlab_sim::ScenarioError::BadLink("it names no lesson the lab has")),
                    })
                }),
            ),
            None => {
                if let (false, Some(route)) = (embedded, crate::learn::route_at_start()) {
                    crate::learn::open(lang, host, route);
                }
            }
        });
    }
    let on_follow = {
        let state = state.clone();
        Callback::from(move |(stream, seq): (String, u128)| state.dispatch(Action::Follow(stream, seq)))
    };
    // An event names a component id or a stream name: either selects its component.
    let on_select_source = {
        let state = state.clone();
        Callback::from(move |source: String| {
            let doc = &state.history.doc;
            let id = doc.component(&source).map(|c| c.id.clone()).or_else(|| {
                doc.components
                    .iter()
                    .find(|c| matches!(&c.kind, ComponentKind::DataStream(s) if s.stream_name == source))
                    .map(|c| c.id.clone())
            });
            if id.is_some() {
                state.dispatch(Action::Select(id));
            }
        })
    };
    // After the memory guard: the same design, its world built anew at time zero (the memory
    // the old run held goes back to the allocator).
    let on_restart = {
        let (state, world, timeline, saved) = (state.clone(), world.clone(), timeline.clone(), saved.clone());
        Callback::from(move |()| match World::from_scenario(&state.history.doc) {
            Ok(fresh) => {
                put_world(&world, &timeline, &saved, fresh);
                state.dispatch(Action::Restarted);
            }
            Err(e) => state.dispatch(Action::Notify(Notice::CannotOpen(e))),
        })
    };
    // The timeline: back to an earlier instant (or forward again on the branch a rewind left).
    let on_rewind = {
        let (state, world, timeline, saved) = (state.clone(), world.clone(), timeline.clone(), saved.clone());
        Callback::from(move |t: shardlab_sim::SimTime| {
            let rewound = timeline.borrow_mut().rewind(&world.borrow(), t);
            match rewound {
                Ok(w) => {
                    *world.borrow_mut() = w;
                    saved.borrow_mut().generation += 1;
                    state.dispatch(Action::Rewound);
                }
                Err(e) => state.dispatch(Action::Notify(Notice::CannotRewind(e))),
            }
        })
    };
    let on_pause = {
        let state = state.clone();
        Callback::from(move |()| state.dispatch(Action::Pause))
    };
    let on_dismiss = {
        let state = state.clone();
        Callback::from(move |()| state.dispatch(Action::DismissNotice))
    };

    let handle = WorldHandle { world: world.clone(), revision: state.revision };
    let lang = state.lang;
    let doc = state.history.doc.clone();
    // Every change of the world draws the page again: the timeline notes it first (a
    // checkpoint when one is due; a new branch when the world moved on after a rewind), so that
    // the scrubber drawn below ends where the timeline now does.
    let (now, horizon) = {
        let w = world.borrow();
        let mut timeline = timeline.borrow_mut();
        // An embed has no timeline to rewind: it keeps no copies. A copy of a large world
        // takes a while: at most one a second, whatever the speed.
        if props.embed.is_none() {
            let wall_ms = js_sys::Date::now();
            if timeline.note(&w, wall_ms - *copied_at_ms.borrow() >= 1_000.0) {
                *copied_at_ms.borrow_mut() = wall_ms;
            }
        }
        (w.now(), timeline.horizon(&w))
    };
    let timeline_bar = props.embed.is_none().then(|| {
        TimelineBar { lang, now, horizon, running: state.running, on_pause, on_rewind: on_rewind.clone() }.view()
    });
    let canvas = html! {
        <main class="centre" onpointerdown={on_centre_down}>
            { timeline_bar }
            <Canvas {lang} doc={doc.clone()} revision={state.revision} selected={state.selected.clone()}
                    wiring_from={state.wiring_from.clone()} on_select={on_select.clone()} on_place_at={place_at}
                    {on_move} {on_start_wire} on_connect={on_connect.clone()} {on_remove_wire} on_delete={on_delete.clone()}
                    on_follow={on_follow.clone()} fit={props.embed.is_some()} opened={state.opened} />
            if props.embed.is_none() {
                <crate::components::welcome::Welcome {lang} empty={doc.components.is_empty()} on_open={on_open.clone()} on_learn={on_learn.clone()} />
            }
            <NoticeBar {lang} notice={state.notice.clone()} {on_dismiss} {on_restart} />
            <p class="visually-hidden announcer" role="status" aria-live="polite">
                { state.announcement.as_ref().map(|a| a.text(lang)).unwrap_or_default() }
            </p>
        </main>
    };
    let top_bar = |embed_link: Option<String>| {
        html! {
            <TopBar {lang} theme={state.theme} running={state.running} speed={state.speed} achieved={state.achieved}
                    can_undo={state.history.peek_undo().is_some()} can_redo={state.history.peek_redo().is_some()}
                    on_undo={undo.clone()} on_redo={redo.clone()} doc={doc.clone()} on_open={on_open.clone()} on_new={on_new.clone()} on_learn={on_learn.clone()}
                    on_toggle_play={on_toggle_play.clone()} on_step={on_step.clone()} on_next_event={on_next_event.clone()}
                    on_speed={on_speed.clone()} on_lang={on_lang.clone()} on_toggle_theme={on_toggle_theme.clone()} {embed_link}
                    panel={*panel} on_panel={on_panel.clone()} />
        }
    };
    let inspector = html! {
        <Inspector {lang} doc={doc.clone()} selected={state.selected.clone()} revision={state.revision} speed={state.speed} on_connect={on_connect.clone()}
                   {on_change} {on_delete} {on_duplicate} on_world_changed={on_world_changed.clone()} {on_notice} on_follow={on_follow.clone()}
                   dark={state.theme == prefs::Theme::Dark} />
    };
    if let Some(e) = &props.embed {
        // The embedded page: the canvas, the run controls and, for a selected component, a
        // small inspector; `controls=0` leaves the canvas alone.
        return html! {
            <ContextProvider<WorldHandle> context={handle}>
                <div class={classes!("app", "embed", (!e.controls).then_some("bare"))}>
                    if e.controls {
                        { top_bar(Some(crate::embed::full_page_link(e))) }
                    }
                    { canvas }
                    if e.controls && state.selected.is_some() {
                        { inspector }
                    }
                </div>
            </ContextProvider<WorldHandle>>
        };
    }
    html! {
        <ContextProvider<WorldHandle> context={handle}>
            <div class={classes!("app", panel.map(Panel::open_class))} onkeydown={on_app_key}>
                { top_bar(None) }
                <Palette {lang} on_place={place} />
                { canvas }
                { inspector }
                <BottomPanel {lang} on_world_changed={on_console_ran} followed={state.followed.clone()} revision={state.revision}
                             {on_select_source} {on_rewind} />
            </div>
        </ContextProvider<WorldHandle>>
    }
}
