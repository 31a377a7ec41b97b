//! sequelize-cli's console output: the banner, the `== name: migrating =======` lines, and
//! errors as `view.error` prints them. What seqmig adds to an error (the migration, its JS
//! stack, the statements it had applied) follows on lines that start with `seqmig:` or
//! four spaces, so that the lines sequelize-cli prints stay exactly its own.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use seqmig_core::error::CoreError;
use seqmig_core::project::relative_path;
use seqmig_core::report::{text_line, Event, Reporter};
use seqmig_core::{JsError, JsErrorKind};
use seqmig_core::{SEQUELIZE_CLI_VERSION, SEQUELIZE_VERSION};

pub struct TextReporter {
    color: bool,
    cwd: Option<PathBuf>,
}

impl TextReporter {
    pub fn new() -> Self {
        // Colours only on a terminal, never under NO_COLOR (sequelize-cli also colours under CI).
        let color = std::io::stdout().is_terminal()
            && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
        TextReporter { color, cwd: None }
    }

    pub fn set_cwd(&mut self, cwd: &Path) {
        self.cwd = Some(cwd.to_path_buf());
    }

    /// sequelize-cli's teaser: a blank line, the banner, a blank line. An error means
    /// stdout cannot be written (a full disk, a closed pipe): nothing has run yet.
    pub fn banner(&self) -> std::io::Result<()> {
        let text = format!(
            "seqmig [seqmig: {}, CLI: {SEQUELIZE_CLI_VERSION}, ORM: {SEQUELIZE_VERSION}]",
            crate::cli::SEQMIG_VERSION
        );
        let text = if self.color {
            format!("\x1b[4m{text}\x1b[24m")
        } else {
            text
        };
        let mut out = std::io::stdout().lock();
        writeln!(out, "\n{text}\n")?;
        out.flush()
    }

    fn red(&self, s: &str) -> String {
        if self.color {
            format!("\x1b[31m{s}\x1b[39m")
        } else {
            s.to_string()
        }
    }

    fn shown(&self, p: &Path) -> String {
        match &self.cwd {
            Some(cwd) => relative_path(cwd, p),
            None => p.display().to_string(),
        }
    }

    /// `view.error`: blank line, `ERROR: …`, `ERROR DETAIL: …`, blank line; then exit 1.
    pub fn error(&self, err: &CoreError, debug: bool) {
        let _ = std::io::stdout().flush();
        seqmig_core::report::stdout_line("");
        let mut lines: Vec<String> = Vec::new();
        match err {
            CoreError::Migration(f) => {
                let e = &f.error;
                lines.push(format!(
                    "{} {}",
                    self.red("ERROR:"),
                    self.js_message(e, debug)
                ));
                if let Some(detail) = detail_of(e) {
                    lines.push(format!("{} {detail}", self.red("ERROR DETAIL:")));
                }
                let bookkeeping = if f.method == "down" {
                    "it stays recorded as applied"
                } else {
                    "it was not recorded"
                };
                lines.push(f.summary.clone().unwrap_or_else(|| {
                    format!(
                        "seqmig: {} failed in {}(); {bookkeeping}.",
                        self.shown(&f.path),
                        f.method
                    )
                }));
                if e.kind != JsErrorKind::Syntax && !debug {
                    if let Some(stack) = &e.stack {
                        lines.extend(user_frames(stack));
                    }
                }
                if let Some(sql) = failed_statement(e) {
                    lines.push(format!("seqmig: the statement that failed: {sql}"));
                }
                if !f.statements.is_empty() {
                    lines.push(f.applied_heading.clone().unwrap_or_else(|| {
                        "seqmig: it had already applied these statements, which stay applied (no transaction, as in sequelize-cli):"
                            .into()
                    }));
                    lines.extend(f.statements.iter().map(|s| format!("    {s}")));
                }
                if !f.rolled_back.is_empty() {
                    lines.push("seqmig: these statements it ran were rolled back:".into());
                    lines.extend(f.rolled_back.iter().map(|s| format!("    {s}")));
                }
                if !f.uncertain.is_empty() {
                    lines.push(
                        "seqmig: the database did not tell whether these statements stay applied; check it:"
                            .into(),
                    );
                    lines.extend(f.uncertain.iter().map(|s| format!("    {s}")));
                }
            }
            CoreError::Js(e) => {
                lines.push(format!(
                    "{} {}",
                    self.red("ERROR:"),
                    self.js_message(e, debug)
                ));
                if let (false, Some(stack)) = (e.kind == JsErrorKind::Syntax || debug, &e.stack) {
                    lines.extend(user_frames(stack));
                }
            }
            CoreError::Db(e) => {
                lines.push(format!("{} {}", self.red("ERROR:"), e.message));
                if let Some(detail) = &e.detail {
                    lines.push(format!("{} {detail}", self.red("ERROR DETAIL:")));
                }
            }
            other => lines.push(format!("{} {other}", self.red("ERROR:"))),
        }
        for l in lines {
            seqmig_core::report::stderr_line(&l);
        }
        seqmig_core::report::stdout_line("");
    }

    /// `error.message` (or the stack under `--debug`), with the position for a syntax error.
    fn js_message(&self, e: &JsError, debug: bool) -> String {
        if e.kind == JsErrorKind::Syntax {
            if let Some((file, line, col)) = &e.location {
                return format!("{}:{line}:{col}: {}", self.shown(file), e.message);
            }
            return e.message.clone();
        }
        if debug {
            if let Some(stack) = &e.stack {
                return stack.clone();
            }
        }
        raw_message(e)
    }
}

/// The stack without seqmig's own frames (the shims and native functions), indented.
fn user_frames(stack: &str) -> Vec<String> {
    stack
        .lines()
        .filter(|l| !(l.contains("(js-shims/") || l.trim_end().ends_with("(native)")))
        .map(|l| format!("    {}", l.trim_start()))
        .collect()
}

/// The thrown value's own `message` (what sequelize-cli prints), else the formatted text.
fn raw_message(e: &JsError) -> String {
    e.details
        .as_ref()
        .and_then(|d| d.get("message"))
        .and_then(|m| m.as_str())
        .map(str::to_string)
        .unwrap_or_else(|| e.message.clone())
}

/// `error.sql`: the statement a database error came from (Sequelize sets it on
/// `SequelizeDatabaseError` and its subclasses), so a failure names what the server refused.
fn failed_statement(e: &JsError) -> Option<String> {
    let sql = e.details.as_ref()?.get("sql")?.as_str()?.trim();
    (!sql.is_empty()).then(|| sql.to_string())
}

/// `error.original.detail` (PostgreSQL errors with a detail).
fn detail_of(e: &JsError) -> Option<String> {
    let d = e.details.as_ref()?;
    d.get("original")
        .and_then(|o| o.get("detail"))
        .or_else(|| d.get("detail"))
        .and_then(|v| v.as_str())
        .map(str::to_string)
}

impl Reporter for TextReporter {
    fn event(&mut self, event: Event<'_>) {
        match &event {
            Event::Warning(s) => {
                let _ = std::io::stdout().flush();
                seqmig_core::report::stderr_line(s);
                return;
            }
            // Not sequelize-cli's: stdout keeps its lines, the note goes to stderr.
            Event::Interrupted(i) => {
                let _ = std::io::stdout().flush();
                seqmig_core::report::stderr_line(&i.message());
                return;
            }
            Event::Statements { statements, .. } if statements.is_empty() => return,
            _ => {}
        }
        let line = text_line(&event);
        seqmig_core::report::stdout_line(&line);
        if matches!(event, Event::Done { .. }) {
            seqmig_core::report::stdout_line("");
        }
    }
}
