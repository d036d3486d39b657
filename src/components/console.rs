//! The AWS console: AWS CLI v2 command lines in, the JSON the real CLI prints out. Commands
//! are parsed by `shardlab-awscli` and answered by the same `World` the canvas shows, so a
//! stream made here is the stream the canvas draws.

use crate::i18n::{Lang, T};
use crate::world_handle::WorldHandle;
use shardlab_awscli::s3::S3Command;
use shardlab_awscli::{format_error, model_service, parse, Command};
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

/// Runs one console line against the world; None for a line that clears the console.
pub fn run_line(handle: &WorldHandle, line: &str) -> Option<Entry> {
    let entry = |output: String, failed| Some(Entry { command: line.to_string(), output, failed });
    match parse(line) {
        Ok(Command::Clear) => None,
        Ok(Command::Help(text)) => entry(text, false),
        Ok(Command::Call(call)) => {
            match handle.world.borrow_mut().call(model_service(&call.service), &call.operation, call.input.clone()) {
                Ok(answer) => entry(call.print(answer), false),
                Err(e) => entry(format_error(e.kind.name(), &call.operation, &e.message), true),
            }
        }
        Ok(Command::S3(command)) => {
            let (result, operation) = run_s3(handle, &command);
            match result {
                Ok(text) => entry(text, false),
                Err(e) => entry(format_error(e.kind.name(), operation, &e.message), true),
            }
        }
        Err(message) => entry(message, true),
    }
}

/// Runs an `aws s3 …` command as the S3 call it stands for; returns the printed text (or the
/// error) and the operation an error line names.
fn run_s3(
    handle: &WorldHandle,
    command: &S3Command,
) -> (Result<String, shardlab_sim::kinesis::ApiError>, &'static str) {
    let (op, input) = command.request();
    (handle.world.borrow_mut().call("s3", op, input).map(|v| command.print(&v)), op)
}

#[derive(Properties, PartialEq)]
pub struct ConsoleProps {
    pub lang: Lang,
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

    let submit = {
        let (entries, history, cursor, input, on_ran) =
            (entries.clone(), history.clone(), cursor.clone(), input.clone(), p.on_ran.clone());
        move || {
            let Some(field) = input.cast::<HtmlInputElement>() else { return };
            let line = field.value();
            if line.trim().is_empty() {
                return;
            }
            history.borrow_mut().push(line.clone());
            *cursor.borrow_mut() = history.borrow().len();
            field.set_value("");
            match run_line(&handle, line.trim()) {
                Some(entry) => {
                    let mut next = (*entries).clone();
                    next.push(entry);
                    let excess = next.len().saturating_sub(KEEP);
                    next.drain(..excess);
                    entries.set(next);
                }
                None => entries.set(Vec::new()),
            }
            on_ran.emit(());
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
