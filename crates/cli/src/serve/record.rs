//! `shardlab serve --record NAME`: the session written as `shardlab api` exchanges, so that
//! `shardlab api [SCENARIO] < NAME.in.jsonl` replays it and must answer `NAME.out.jsonl`
//! line for line. Every call the served world takes — from any client, S3's REST requests
//! included — is a `{"service","op","input"}` line; time that passed before it, by the
//! manual clock or the wall, is an `{"advance_ms"}` line. Each line is flushed as written,
//! so a stopped server leaves whole lines.

use serde_json::{json, Value};
use shardlab_sim::kinesis::error::ApiError;
use shardlab_sim::SimTime;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

pub struct Recorder {
    requests: BufWriter<File>,
    answers: BufWriter<File>,
    /// The world's time at the last line written.
    written_at: SimTime,
}

impl Recorder {
    /// Creates `NAME.in.jsonl` and `NAME.out.jsonl` for a world now at `now`.
    pub fn create(name: &Path, now: SimTime) -> Result<Recorder, String> {
        let file = |suffix: &str| {
            let mut path = PathBuf::from(name).into_os_string();
            path.push(suffix);
            File::create(&path).map(BufWriter::new).map_err(|e| format!("serve: cannot write {path:?}: {e}"))
        };
        Ok(Recorder { requests: file(".in.jsonl")?, answers: file(".out.jsonl")?, written_at: now })
    }

    /// Writes a call and its answer, after the time that passed since the last line.
    pub fn call(&mut self, now: SimTime, service: &str, op: &str, input: &Value, answer: &Result<Value, ApiError>) {
        self.time(now);
        let answer = match answer {
            Ok(output) => json!({ "output": output }),
            Err(e) => json!({ "error": e }),
        };
        self.write(json!({ "service": service, "op": op, "input": input }), answer);
    }

    /// Writes an `advance_ms` line if the world's clock moved since the last line.
    pub fn time(&mut self, now: SimTime) {
        if now > self.written_at {
            let ms = now.saturating_sub(self.written_at).as_millis();
            self.written_at = now;
            self.write(json!({ "advance_ms": ms }), json!({ "now_ms": now.as_millis() }));
        }
    }

    fn write(&mut self, request: Value, answer: Value) {
        // A full disk ends the recording, not the serving.
        let _ = writeln!(self.requests, "{request}").and_then(|_| self.requests.flush());
        let _ = writeln!(self.answers, "{answer}").and_then(|_| self.answers.flush());
    }
}
