//! `--json`: one JSON document on stdout, for scripts and CI. The text lines are not
//! printed; warnings still reach stderr as they happen (a waiting lock must be visible
//! while it waits), and are repeated in the document.
//!
//! ```json
//! { "command": "db:migrate", "ok": true, "dryRun": false,
//!   "migrations": [{ "name", "file", "direction": "up", "duration_ms", "error": null }],
//!   "notices": [], "warnings": [], "error": null }
//! ```
//! `db:migrate:status` and `db:migrate:validate` list `{ "name", "file", "state": "up" |
//! "down" }` instead, with `"checksum": "ok" | "changed" | "missing" | "no checksum"` when
//! checksums are on; status adds `"pending": N` (with `--exit-code` and N > 0 the exit
//! code is 1 and `ok` stays `true`). `db:migrate:baseline` lists `{ "name", "file",
//! "recorded" }`, `recorded` being `false` in a dry run.
//!
//! A migration that an earlier, killed run left half-done (its in-flight marker) gets
//! `"interrupted": { "direction", "atomic", "pid", "host", "started", "state", "message" }`
//! on its entries, `state` being `partly-applied`, `partly-reverted`, `rolled-back` or
//! `running`; the top-level `interrupted` lists them all (also when the migration has no
//! entry), and `warnings` repeats the message.

use std::io::Write;
use std::path::{Path, PathBuf};

use seqmig_core::error::CoreError;
use seqmig_core::project::relative_path;
use seqmig_core::report::{Direction, Event, Reporter};
use serde_json::{json, Map, Value as Json};

pub struct JsonReporter {
    command: &'static str,
    dry_run: bool,
    cwd: Option<PathBuf>,
    migrations: Vec<Map<String, Json>>,
    notices: Vec<String>,
    warnings: Vec<String>,
    /// `(file, details)` of each interrupted migration reported.
    interrupted: Vec<(String, Json)>,
    /// `db:migrate:status`: how many are pending.
    pending: Option<usize>,
    /// `models:diff`: its report, as `"diff"`.
    diff: Option<Json>,
}

fn name_of(file: &str) -> &str {
    file.rsplit_once('.').map(|(n, _)| n).unwrap_or(file)
}

impl JsonReporter {
    pub fn new(command: &'static str, dry_run: bool) -> Self {
        JsonReporter {
            command,
            dry_run,
            cwd: None,
            migrations: Vec::new(),
            notices: Vec::new(),
            warnings: Vec::new(),
            interrupted: Vec::new(),
            pending: None,
            diff: None,
        }
    }

    pub fn set_pending(&mut self, pending: usize) {
        self.pending = Some(pending);
    }

    pub fn set_diff(&mut self, report: Json) {
        self.diff = Some(report);
    }

    pub fn set_cwd(&mut self, cwd: &Path) {
        self.cwd = Some(cwd.to_path_buf());
    }

    fn entry(&mut self, file: &str) -> Option<&mut Map<String, Json>> {
        self.migrations
            .iter_mut()
            .rev()
            .find(|m| m.get("file").and_then(Json::as_str) == Some(file))
    }

    fn shown(&self, p: &Path) -> String {
        match &self.cwd {
            Some(cwd) => relative_path(cwd, p),
            None => p.display().to_string(),
        }
    }

    /// The error as data: what the text output shows, without the formatting.
    fn error_json(&mut self, err: &CoreError) -> Json {
        let kind = match err {
            CoreError::Config(_) => "config",
            CoreError::Usage(_) => "usage",
            CoreError::Io(_) => "io",
            CoreError::Db(_) => "database",
            CoreError::Js(_) => "javascript",
            CoreError::Migration(_) => "migration",
            CoreError::Safety(_) => "safety",
        };
        let mut out = Map::new();
        out.insert("kind".into(), json!(kind));
        match err {
            CoreError::Migration(f) => {
                let e = &f.error;
                let message = e
                    .details
                    .as_ref()
                    .and_then(|d| d.get("message"))
                    .and_then(Json::as_str)
                    .map(str::to_string)
                    .unwrap_or_else(|| e.message.clone());
                let detail = e.details.as_ref().and_then(|d| {
                    d.get("original")
                        .and_then(|o| o.get("detail"))
                        .or_else(|| d.get("detail"))
                        .cloned()
                });
                out.insert("message".into(), json!(message));
                out.insert("detail".into(), detail.unwrap_or(Json::Null));
                out.insert("file".into(), json!(f.file));
                out.insert("path".into(), json!(self.shown(&f.path)));
                out.insert("method".into(), json!(f.method));
                out.insert(
                    "location".into(),
                    match &e.location {
                        Some((file, line, col)) => {
                            json!({"file": self.shown(file), "line": line, "column": col})
                        }
                        None => Json::Null,
                    },
                );
                out.insert("stack".into(), json!(e.stack));
                out.insert("statements".into(), json!(f.statements));
                out.insert("rolledBack".into(), json!(f.rolled_back));
                out.insert("uncertain".into(), json!(f.uncertain));
                out.insert("summary".into(), json!(f.summary));
                let summary = json!({"message": message});
                if let Some(m) = self.entry(&f.file) {
                    m.insert("error".into(), summary);
                }
            }
            CoreError::Js(e) => {
                out.insert("message".into(), json!(e.message));
                out.insert("stack".into(), json!(e.stack));
            }
            CoreError::Db(e) => {
                out.insert("message".into(), json!(e.message));
                out.insert("detail".into(), json!(e.detail));
                out.insert("code".into(), json!(e.code));
            }
            other => {
                out.insert("message".into(), json!(other.to_string()));
            }
        }
        Json::Object(out)
    }

    /// The whole document, once the command is over.
    pub fn document(&mut self, result: Result<(), &CoreError>) -> Json {
        let error = match result {
            Ok(()) => Json::Null,
            Err(e) => self.error_json(e),
        };
        let mut migrations = self.migrations.clone();
        for m in &mut migrations {
            let file = m.get("file").and_then(Json::as_str).map(str::to_string);
            if let Some((_, details)) = self
                .interrupted
                .iter()
                .find(|(f, _)| Some(f) == file.as_ref())
            {
                m.insert("interrupted".into(), details.clone());
            }
        }
        let interrupted: Vec<Json> = self
            .interrupted
            .iter()
            .map(|(file, details)| {
                let mut d = details.clone();
                if let Some(o) = d.as_object_mut() {
                    o.insert("file".into(), json!(file));
                }
                d
            })
            .collect();
        let mut doc = json!({
            "command": self.command,
            "ok": result.is_ok(),
            "dryRun": self.dry_run,
            "migrations": migrations.into_iter().map(Json::Object).collect::<Vec<_>>(),
            "notices": self.notices,
            "warnings": self.warnings,
            "interrupted": interrupted,
            "error": error,
        });
        if let (Some(n), Some(o)) = (self.pending, doc.as_object_mut()) {
            o.insert("pending".into(), json!(n));
        }
        if let (Some(d), Some(o)) = (self.diff.take(), doc.as_object_mut()) {
            o.insert("diff".into(), d);
        }
        doc
    }

    /// Write the document to `out` (the real stdout, kept aside while fd 1 went to stderr).
    pub fn write(&mut self, result: Result<(), &CoreError>, out: &mut dyn Write) {
        let doc = self.document(result);
        let text = serde_json::to_string_pretty(&doc).expect("JSON serializes");
        if writeln!(out, "{text}").and_then(|_| out.flush()).is_err() {
            seqmig_core::report::note_output_error();
        }
    }
}

impl Reporter for JsonReporter {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Header(_) => {}
            Event::Notice(s) => self.notices.push(s.to_string()),
            Event::Warning(s) => {
                seqmig_core::report::stderr_line(s);
                self.warnings.push(s.to_string());
            }
            Event::Interrupted(i) => {
                let message = i.message();
                seqmig_core::report::stderr_line(&message);
                self.warnings.push(message.clone());
                let m = &i.marker;
                self.interrupted.push((
                    m.file.clone(),
                    json!({
                        "direction": m.direction,
                        "atomic": m.atomic,
                        "pid": m.pid,
                        "host": m.host,
                        "started": m.started,
                        "state": i.verdict.word(),
                        "message": message,
                    }),
                ));
            }
            Event::Start {
                name,
                file,
                direction,
            } => {
                let direction = if direction == Direction::Up {
                    "up"
                } else {
                    "down"
                };
                let mut m = Map::new();
                m.insert("name".into(), json!(name));
                m.insert("file".into(), json!(file));
                m.insert("direction".into(), json!(direction));
                m.insert("duration_ms".into(), Json::Null);
                m.insert("error".into(), Json::Null);
                self.migrations.push(m);
            }
            Event::Done { file, seconds, .. } => {
                if let Some(m) = self.entry(file) {
                    m.insert(
                        "duration_ms".into(),
                        json!((seconds * 1000.0).round() as u64),
                    );
                }
            }
            Event::Status {
                file,
                executed,
                note,
            } => {
                let mut m = Map::new();
                m.insert("name".into(), json!(name_of(file)));
                m.insert("file".into(), json!(file));
                m.insert("state".into(), json!(if executed { "up" } else { "down" }));
                if let Some(note) = note {
                    m.insert("checksum".into(), json!(note));
                }
                self.migrations.push(m);
            }
            Event::Recorded { file, written } => {
                let mut m = Map::new();
                m.insert("name".into(), json!(name_of(file)));
                m.insert("file".into(), json!(file));
                m.insert("recorded".into(), json!(written));
                self.migrations.push(m);
            }
            Event::Statements { file, statements } => {
                if let Some(m) = self.entry(file) {
                    m.insert("statements".into(), json!(statements));
                }
            }
        }
    }
}

/// Send everything written to fd 1 (the shims' `console.log`, `--debug` SQL, the banner) to
/// stderr, and return the real stdout for the document alone.
pub fn divert_stdout() -> Option<std::fs::File> {
    use std::os::fd::FromRawFd;
    let _ = std::io::stdout().flush();
    // SAFETY: plain descriptor calls; the duplicate is owned by the returned File.
    unsafe {
        let saved = libc::dup(1);
        if saved < 0 {
            return None;
        }
        if libc::dup2(2, 1) < 0 {
            libc::close(saved);
            return None;
        }
        Some(std::fs::File::from_raw_fd(saved))
    }
}
