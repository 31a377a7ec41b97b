//! Once a migration's `up`/`down` settles: did it leave a transaction open, or end seqmig's
//! own? seqmig never prints `migrated` for work it then throws away, and says what became
//! of each statement from what the database reports (see `txwatch`), not from what it
//! expected.

use std::path::Path;

use seqmig_db::SharedConnection;
use seqmig_js::{JsError, JsErrorKind};

use crate::error::{CoreError, MigrationFailure};
use crate::session::Session;
use crate::txwatch::TxEvent;

/// The transaction seqmig holds while a migration runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outer {
    None,
    Atomic,
    DryRun,
    Verify,
}

impl Outer {
    fn what(self) -> &'static str {
        match self {
            Outer::None => "a transaction",
            Outer::Atomic => "its --atomic transaction",
            Outer::DryRun => "the dry run's transaction",
            Outer::Verify => "verify's transaction",
        }
    }

    fn changes_nothing(self) -> bool {
        matches!(self, Outer::DryRun | Outer::Verify)
    }
}

/// What was wrong with the transactions once the migration settled.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Problem {
    /// A block the migration opened is still open; seqmig rolled it back (`Err`: it could not).
    LeftOpen {
        sql: String,
        rollback: Result<(), String>,
    },
    /// A `sequelize.transaction()` nested in seqmig's, never ended.
    NestedOpen,
    /// The migration ended seqmig's transaction itself.
    OuterEnded {
        sql: String,
        committed: Option<bool>,
        /// A block it opened after that, rolled back by seqmig.
        left_open: Option<Result<(), String>>,
    },
}

/// One line quoting a statement.
fn quote(sql: &str) -> String {
    let one: String = sql.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut short: String = one.chars().take(80).collect();
    if short.len() < one.len() {
        short.push('…');
    }
    format!("`{short}`")
}

impl Problem {
    /// What the migration did, as the rest of a sentence starting with its name.
    fn note(&self, method: &str, outer: Outer) -> String {
        match self {
            Problem::LeftOpen { sql, rollback } => {
                let undone = match rollback {
                    Ok(()) => "seqmig rolled it back".to_string(),
                    Err(e) => format!("seqmig could not roll it back: {e}"),
                };
                format!(
                    "left a transaction open at the end of {method}() ({} was never committed or rolled back); {undone}",
                    quote(sql)
                )
            }
            Problem::NestedOpen => format!(
                "left a transaction open at the end of {method}() (a sequelize.transaction() was never committed or rolled back)"
            ),
            Problem::OuterEnded {
                sql,
                committed,
                left_open,
            } => {
                let consequence = match (committed, outer.changes_nothing()) {
                    (Some(true), false) => "what it had run before that is committed and stays applied".to_string(),
                    (Some(true), true) => format!(
                        "everything {} had run before that is committed: the database was changed",
                        if outer == Outer::DryRun { "the dry run" } else { "verify" }
                    ),
                    (Some(false), _) => "what it had run before that was rolled back".to_string(),
                    (None, _) => "the database did not tell whether that committed: check the database".to_string(),
                };
                let reopened = match left_open {
                    None => String::new(),
                    Some(Ok(())) => "; it then left a transaction open, which seqmig rolled back".into(),
                    Some(Err(e)) => format!("; it then left a transaction open, which seqmig could not roll back: {e}"),
                };
                format!(
                    "ended {} itself with {} in {method}(): {consequence}{reopened}",
                    outer.what(),
                    quote(sql)
                )
            }
        }
    }
}

/// Look at the transaction state now that the migration settled, and roll back a block
/// it left open. `outer`: what seqmig held when it started.
pub(crate) fn check(session: &Session, conn: &SharedConnection, outer: Outer) -> Option<Problem> {
    let watch = session.watch();
    if !watch.watching() {
        return None;
    }
    let lost = watch.outer_lost();
    let block = watch.block();
    let leftover = block.filter(|b| !b.outer);
    let rollback = leftover.as_ref().map(|_| {
        let r = conn.borrow_mut().query("ROLLBACK", &[]);
        let still_open = match conn.borrow().in_transaction() {
            Some(open) => open,
            None => watch.block().is_some(),
        };
        match (still_open, r) {
            (false, _) => Ok(()),
            (true, Err(e)) => Err(e.message),
            (true, Ok(_)) => Err("a transaction is still open after ROLLBACK".to_string()),
        }
    });
    if outer != Outer::None {
        if let Some((sql, committed)) = lost {
            return Some(Problem::OuterEnded {
                sql,
                committed,
                left_open: rollback,
            });
        }
    }
    if let (Some(b), Some(rollback)) = (leftover, rollback) {
        let sql = watch
            .events()
            .iter()
            .rev()
            .find_map(|e| match e {
                TxEvent::Opened { sql, .. } => Some(sql.clone()),
                _ => None,
            })
            .unwrap_or(b.sql);
        return Some(Problem::LeftOpen { sql, rollback });
    }
    if outer != Outer::None && watch.outer_intact() && watch.nested_open().is_some() {
        return Some(Problem::NestedOpen);
    }
    None
}

/// The statements a failed migration ran, sorted by what became of them.
#[derive(Default)]
pub(crate) struct Sorted {
    pub applied: Vec<String>,
    pub rolled_back: Vec<String>,
    pub uncertain: Vec<String>,
    /// Still inside seqmig's own transaction (its fate is seqmig's rollback).
    pub in_outer: Vec<String>,
}

/// Take the statements of the migration and sort them by their fate.
pub(crate) fn sort_statements(session: &Session, outer_at_start: bool) -> Sorted {
    let events = session.watch().events();
    let statements = session.take_statements();
    let f = fates(&events, statements.len(), outer_at_start, Fate::Unknown);
    let mut s = Sorted {
        applied: Vec::new(),
        rolled_back: Vec::new(),
        uncertain: Vec::new(),
        in_outer: Vec::new(),
    };
    for (sql, fate) in statements.into_iter().zip(f) {
        match fate {
            Fate::Applied => s.applied.push(sql),
            Fate::RolledBack => s.rolled_back.push(sql),
            Fate::Unknown => s.uncertain.push(sql),
            Fate::Outer => s.in_outer.push(sql),
        }
    }
    s
}

/// A failure seqmig raises itself (no JS error behind it): one line.
pub(crate) fn own_error(message: String) -> JsError {
    JsError {
        kind: JsErrorKind::Thrown,
        message,
        stack: None,
        location: None,
        details: None,
    }
}

/// A database error as the failure's error, with its detail.
pub(crate) fn db_error(e: &seqmig_db::DbError) -> JsError {
    let mut err = own_error(e.message.clone());
    if let Some(d) = &e.detail {
        err.details = Some(serde_json::json!({ "message": e.message, "detail": d }));
    }
    err
}

/// The failure of a migration that had a transaction problem, on top of its own error
/// (`error`) if it had one.
#[allow(clippy::too_many_arguments)]
pub(crate) fn failure(
    file: &str,
    path: &Path,
    method: &'static str,
    outer: Outer,
    problem: &Problem,
    error: Option<JsError>,
    sorted: &Sorted,
    bookkeeping: &str,
    shown_path: &str,
) -> CoreError {
    let note = problem.note(method, outer);
    let (error, summary) = match error {
        Some(e) => (
            e,
            format!("seqmig: {shown_path} failed in {method}(), and it {note}; {bookkeeping}."),
        ),
        None => (
            own_error(format!("seqmig: {file} {note}")),
            format!("seqmig: {shown_path} failed in {method}(); {bookkeeping}."),
        ),
    };
    let mut f = MigrationFailure::new(file, path, method, error, sorted.applied.clone());
    f.summary = Some(summary);
    if matches!(problem, Problem::OuterEnded { .. }) {
        f.applied_heading = Some(
            "seqmig: these statements stay applied (committed by the migration itself, or run outside any transaction):"
                .into(),
        );
    }
    f.rolled_back = sorted.rolled_back.clone();
    f.uncertain = sorted.uncertain.clone();
    CoreError::Migration(Box::new(f))
}

/// What became of each statement a migration ran.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fate {
    /// Outside any transaction, or in one that committed.
    Applied,
    RolledBack,
    /// In a transaction whose end the database did not tell.
    Unknown,
    /// In seqmig's own transaction, still open: its fate is what seqmig does with it.
    Outer,
}

/// The fate of each of `n` statements given the events; `outer` when seqmig's transaction
/// was open when the first ran; `open_end` is the fate of a block still open at the end.
pub fn fates(events: &[TxEvent], n: usize, outer: bool, open_end: Fate) -> Vec<Fate> {
    // Blocks: the fate of each once it ends; `None` for the one open at the end.
    let mut blocks: Vec<Option<Fate>> = Vec::new();
    let mut owner: Vec<Option<usize>> = vec![None; n];
    let mut cur: Option<usize> = None;
    let mut outer_block = None;
    if outer {
        blocks.push(None);
        cur = Some(0);
        outer_block = Some(0);
    }
    let mut pos = 0;
    let assign = |owner: &mut Vec<Option<usize>>, from: usize, to: usize, b: Option<usize>| {
        for o in owner.iter_mut().take(to.min(n)).skip(from) {
            *o = b;
        }
    };
    for ev in events {
        match ev {
            TxEvent::Opened { at, .. } => {
                let at = (*at).max(pos);
                assign(&mut owner, pos, at, cur);
                pos = at;
                blocks.push(None);
                cur = Some(blocks.len() - 1);
            }
            TxEvent::Ended { at, committed, .. } => {
                let end = (*at + 1).max(pos);
                assign(&mut owner, pos, end, cur);
                pos = end;
                if let Some(b) = cur {
                    blocks[b] = Some(match committed {
                        Some(true) => Fate::Applied,
                        Some(false) => Fate::RolledBack,
                        None => Fate::Unknown,
                    });
                }
                cur = None;
            }
        }
    }
    assign(&mut owner, pos, n, cur);
    owner
        .into_iter()
        .map(|o| match o {
            None => Fate::Applied,
            Some(b) => blocks[b].unwrap_or(if Some(b) == outer_block {
                Fate::Outer
            } else {
                open_end
            }),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fates_follow_the_blocks() {
        let ev = vec![
            TxEvent::Opened {
                at: 1,
                sql: "BEGIN".into(),
            },
            TxEvent::Ended {
                at: 2,
                sql: "COMMIT".into(),
                committed: Some(true),
                outer: false,
            },
            TxEvent::Opened {
                at: 4,
                sql: "BEGIN".into(),
            },
        ];
        use Fate::*;
        assert_eq!(
            fates(&ev, 6, false, RolledBack),
            [Applied, Applied, Applied, Applied, RolledBack, RolledBack]
        );
        let ev = vec![TxEvent::Ended {
            at: 1,
            sql: "ROLLBACK".into(),
            committed: Some(false),
            outer: true,
        }];
        assert_eq!(
            fates(&ev, 3, true, RolledBack),
            [RolledBack, RolledBack, Applied]
        );
        assert_eq!(fates(&[], 2, true, RolledBack), [Outer, Outer]);
    }
}
