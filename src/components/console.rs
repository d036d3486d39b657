//! The AWS console: AWS CLI v2 command lines in, the JSON the real CLI prints out. Commands
//! are parsed by `shardlab-awscli` (a module the page fetches when the console first opens,
//! `crate::cli`) and answered by the same `World` the canvas shows, so a stream made here is
//! the stream the canvas draws. A line entered while the module loads runs once it has.

use crate::cli::{Plan, Status};
use crate::i18n::{fill, Lang, T};
use crate::world_handle::WorldHandle;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// How many entries the console keeps on screen.
const KEEP: usize = 200;

#[derive(Clone, PartialEq)]
pub struct Entry {
    pub command: String,
    pub output: String,
    pub failed: bool,
}

/// Runs one console line against the world; None for a line that clears the console. The
/// AWS CLI module must have loaded (`crate::cli`).
pub fn run_line(handle: &WorldHandle, line: &str, lang: Lang) -> Option<Entry> {
    let entry = |output: String, failed| Some(Entry { command: line.to_string(), output, failed });
    let Some(plan) = crate::cli::plan(line) else {
        let why = match crate::cli::status() {
            Status::Failed(e) => e,
            Status::Loading | Status::Ready => String::new(),
        };
        return entry(fill(T::ConsoleCliFailed.t(lang), &[&why]), true);
    };
    match plan {
        Plan::Clear => None,
        Plan::Text { text, failed } => entry(text, failed),
        Plan::Call { service, operation, input } => {
            let answer = handle.world.borrow_mut().call(&service, &operation, input);
            match answer {
                Ok(answer) => entry(crate::cli::print_answer(line, &answer), false),
                Err(e) => entry(crate::cli::print_error(e.kind.name(), &operation, &e.message), true),
            }
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct ConsoleProps {
    pub lang: Lang,
    /// Its tab is open: the AWS CLI module is fetched the first time it is.
    pub shown: bool,
    /// The world changed (a command ran): the page redraws.
    pub on_ran: Callback<()>,
}

#[function_component(Console)]
pub fn console(p: &ConsoleProps) -> Html {
    let handle = use_context::<WorldHandle>().expect("the world is provided");
    let entries = use_state(Vec::<Entry>::new);
    let history = use_mut_ref(Vec::<String>::new);
    // Position while browsing history with the arrow keys (history.len() = the empty line).
    let cursor = use_mut_ref(|| 0usize);
    let input = use_node_ref();
    let lang = p.lang;

    // Lines entered while the AWS CLI module loads; they run once it has.
    let pending = use_mut_ref(Vec::<String>::new);
    let status = use_state(crate::cli::status);
    // Runs lines in order and shows their entries (a `clear` empties the screen).
    let run = {
        let (entries, on_ran, handle) = (entries.clone(), p.on_ran.clone(), handle.clone());
        move |lines: Vec<String>| {
            let mut next = (*entries).clone();
            for line in lines {
                match run_line(&handle, &line, lang) {
                    Some(entry) => next.push(entry),
                    None => next.clear(),
                }
            }
            let excess = next.len().saturating_sub(KEEP);
            next.drain(..excess);
            entries.set(next);
            on_ran.emit(());
        }
    };
    {
        let (status, pending, run) = (status.clone(), pending.clone(), run.clone());
        use_effect_with(p.shown, move |&shown| {
            if !shown {
                return;
            }
            crate::cli::load(Callback::from(move |()| {
                status.set(crate::cli::status());
                let lines = std::mem::take(&mut *pending.borrow_mut());
                if !lines.is_empty() {
                    run(lines);
                }
            }));
        });
    }
    let submit = {
        let (history, cursor, input, pending, run) =
            (history.clone(), cursor.clone(), input.clone(), pending.clone(), run.clone());
        move || {
            let Some(field) = input.cast::<HtmlInputElement>() else { return };
            let line = field.value();
            if line.trim().is_empty() {
                return;
            }
            history.borrow_mut().push(line.clone());
            *cursor.borrow_mut() = history.borrow().len();
            field.set_value("");
            let line = line.trim().to_string();
            if crate::cli::status() == Status::Loading {
                pending.borrow_mut().push(line);
            } else {
                run(vec![line]);
            }
        }
    };
    let onkeydown = {
        let (history, cursor, input, submit) = (history.clone(), cursor.clone(), input.clone(), submit.clone());
        Callback::from(move |e: KeyboardEvent| {
            let Some(field) = input.cast::<HtmlInputElement>() else { return };
            let len = history.borrow().len();
            let mut at = cursor.borrow_mut();
            match e.key().as_str() {
                "Enter" => {
                    e.prevent_default();
                    drop(at);
                    submit();
                }
                "ArrowUp" if *at > 0 => {
                    e.prevent_default();
                    *at -= 1;
                    field.set_value(&history.borrow()[*at]);
                }
                "ArrowDown" if *at < len => {
                    e.prevent_default();
                    *at += 1;
                    field.set_value(history.borrow().get(*at).map_or("", String::as_str));
                }
                _ => {}
            }
        })
    };
    let onclick = Callback::from(move |_: MouseEvent| submit());

    html! {
        <div class="console">
            <div class="console-output" role="log" aria-label={T::ConsoleOutput.t(lang)} aria-live="polite">
                if entries.is_empty() {
                    <p class="hint">{T::ConsoleHint.t(lang)}</p>
                }
                if *status == Status::Loading {
                    <p class="hint" role="status">{T::ConsoleCliLoading.t(lang)}</p>
                }
                { for entries.iter().map(|e| html! {
                    <div class={classes!("console-entry", e.failed.then_some("failed"))}>
                        <pre class="console-command">{format!("$ {}", e.command)}</pre>
                        if !e.output.is_empty() {
                            <pre class="console-answer">{&e.output}</pre>
                        }
                    </div>
                }) }
            </div>
            <div class="console-line">
                <span class="prompt" aria-hidden="true">{"$"}</span>
                <input ref={input} type="text" spellcheck="false" autocomplete="off" autocapitalize="off"
                       aria-label={T::ConsoleInput.t(lang)} placeholder="aws kinesis list-streams" {onkeydown} />
                <button type="button" {onclick}>{T::ConsoleRun.t(lang)}</button>
            </div>
        </div>
    }
}
