//! What a run tells the person running it, as events; the binary turns them into
//! sequelize-cli's lines (or JSON).

use crate::crash_marker::Interruption;
pub use crate::plan::Direction;

#[derive(Debug, Clone, PartialEq)]
pub enum Event<'a> {
    /// A line printed while reading the config (`Loaded configuration file "…".`).
    Header(&'a str),
    /// `== name: migrating =======` / `reverting`.
    Start {
        name: &'a str,
        file: &'a str,
        direction: Direction,
    },
    /// `== name: migrated (0.012s)` / `reverted`, then a blank line.
    Done {
        name: &'a str,
        file: &'a str,
        direction: Direction,
        seconds: f64,
    },
    /// `up file.js` / `down file.js` of db:migrate:status; `note` is seqmig's checksum
    /// verdict (`changed`, `missing`, `no checksum`), shown as `up file.js (changed)`.
    Status {
        file: &'a str,
        executed: bool,
        note: Option<&'a str>,
    },
    /// `db:migrate:baseline`: a file recorded as applied without running it (`written`),
    /// or, in a dry run, one that would be.
    Recorded { file: &'a str, written: bool },
    /// A plain line (`No migrations were executed, …`).
    Notice(&'a str),
    /// Something seqmig adds that sequelize-cli would not say (a notice of a safety
    /// feature, a forgotten `await`): stderr in text mode, `warnings` in JSON.
    Warning(&'a str),
    /// `--dry-run`: the statements a migration ran before they were rolled back.
    Statements {
        file: &'a str,
        statements: &'a [String],
    },
    /// An earlier run died while running a migration (its in-flight marker was left):
    /// stderr in text mode, the migration's `interrupted` field in JSON.
    Interrupted(&'a Interruption),
}

pub trait Reporter {
    fn event(&mut self, event: Event<'_>);
}

/// Collects events; for tests and for `--json`.
#[derive(Debug, Default)]
pub struct Recorder {
    pub lines: Vec<String>,
}

impl Reporter for Recorder {
    fn event(&mut self, event: Event<'_>) {
        self.lines.push(text_line(&event));
    }
}

/// The event as sequelize-cli prints it (without the trailing blank line of `Done`).
pub fn text_line(event: &Event<'_>) -> String {
    match event {
        Event::Header(s) | Event::Notice(s) | Event::Warning(s) => s.to_string(),
        Event::Interrupted(i) => i.message(),
        Event::Statements { statements, .. } => statements
            .iter()
            .map(|s| format!("    {s}"))
            .collect::<Vec<_>>()
            .join("\n"),
        Event::Start {
            name, direction, ..
        } => {
            let verb = if *direction == Direction::Up {
                "migrating"
            } else {
                "reverting"
            };
            format!("== {name}: {verb} =======")
        }
        Event::Done {
            name,
            direction,
            seconds,
            ..
        } => {
            let verb = if *direction == Direction::Up {
                "migrated"
            } else {
                "reverted"
            };
            format!("== {name}: {verb} ({seconds:.3}s)")
        }
        Event::Recorded { file, written } => {
            let name = file.rsplit_once('.').map(|(n, _)| n).unwrap_or(*file);
            if *written {
                format!("== {name}: recorded as applied (not run)")
            } else {
                format!("== {name}: would be recorded as applied (dry run)")
            }
        }
        Event::Status {
            file,
            executed,
            note,
        } => {
            let state = if *executed { "up" } else { "down" };
            match note {
                Some(n) => format!("{state} {file} ({n})"),
                None => format!("{state} {file}"),
            }
        }
    }
}

/// Output lines are seqmig-qi's: the ops print through them too, and one flag tells
/// whether any line was lost.
pub use seqmig_qi::console::{note_output_error, output_failed, stderr_line, stdout_line};
