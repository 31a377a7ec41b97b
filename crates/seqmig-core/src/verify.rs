//! `db:migrate:verify`: does each pending migration's `down` undo its `up`, and does `up`
//! run again after it? Each one runs up, down, up inside one transaction that is rolled
//! back at the end (DDL is transactional on SQLite and PostgreSQL, so this is the scratch
//! copy), and the schema is compared after each step. On MySQL / MariaDB, which commit
//! DDL at once, it runs on a scratch copy of the database instead, dropped at the end.

use seqmig_db::{SharedConnection, Value};

use crate::atomic;
use crate::bookkeeping;
use crate::bookkeeping::ScratchCopy;
use crate::discovery::MigrationFile;
use crate::engine::Engine;
use crate::error::{CoreError, MigrationFailure};
use crate::migrator::{close_scratch, forgotten_awaits, prepare_for, run_one, Kind};
use crate::plan;
use crate::plan::Direction;
use crate::project::relative_path;
use crate::report::{Event, Reporter};
use crate::settle::{self, Outer};

/// The schema as comparable lines (bookkeeping tables aside).
pub fn schema(conn: &SharedConnection) -> Result<Vec<String>, CoreError> {
    let queries = bookkeeping::of(conn.borrow().dialect()).schema_snapshot_queries();
    let mut out = Vec::new();
    for q in queries {
        let r = conn.borrow_mut().query(q, &[])?;
        for row in r.rows {
            if let Some(Value::Text(t)) = row.into_iter().next() {
                out.push(t);
            }
        }
    }
    Ok(out)
}

/// `- line` for what `before` had and `after` lacks, `+ line` for the reverse.
pub fn diff(before: &[String], after: &[String]) -> Vec<String> {
    let mut out: Vec<String> = before
        .iter()
        .filter(|l| !after.contains(l))
        .map(|l| format!("- {l}"))
        .collect();
    out.extend(
        after
            .iter()
            .filter(|l| !before.contains(l))
            .map(|l| format!("+ {l}")),
    );
    out
}

/// One step; `outer` is `Outer::Verify` in verify's transaction, `Outer::None` on a
/// scratch copy.
fn step(
    engine: &mut Engine,
    m: &MigrationFile,
    direction: Direction,
    outer: Outer,
    reporter: &mut dyn Reporter,
) -> Result<(), CoreError> {
    engine.session.take_statements();
    let result = run_one(engine, m, direction).and_then(|()| forgotten_awaits(engine, m, reporter));
    let conn = engine.session.connection().expect("verify runs connected");
    if let Some(problem) = settle::check(&engine.session, &conn, outer) {
        let mut sorted = settle::sort_statements(&engine.session, outer != Outer::None);
        if outer == Outer::None {
            // They went to the scratch copy, which is dropped.
            sorted = settle::Sorted::default();
        }
        let error = match result {
            Ok(()) => None,
            Err(CoreError::Js(e)) => Some(e),
            Err(other) => Some(settle::own_error(other.to_string())),
        };
        let shown = relative_path(&engine.project.cwd, &m.path);
        return Err(settle::failure(
            &m.file,
            &m.path,
            direction.method(),
            outer,
            &problem,
            error,
            &sorted,
            "it was not recorded",
            &shown,
        ));
    }
    result.map_err(|e| match e {
        // Rolled back with the rest: nothing stays applied.
        CoreError::Js(error) => CoreError::Migration(Box::new(MigrationFailure::new(
            &m.file,
            &m.path,
            direction.method(),
            error,
            Vec::new(),
        ))),
        other => other,
    })
}

/// `db:migrate:verify`.
pub fn verify(engine: &mut Engine, reporter: &mut dyn Reporter) -> Result<(), CoreError> {
    let mut p = prepare_for(
        engine,
        Kind::Migration,
        reporter,
        true,
        Some("db:migrate:verify"),
    )?;
    let conn = p.conn.clone();
    if p.scratch.is_some() {
        let executed = p.storage.executed();
        let result = executed.and_then(|executed| {
            verify_in_transaction(
                engine,
                &p.files,
                &executed,
                &conn,
                p.scratch.as_ref(),
                reporter,
            )
        });
        return close_scratch(engine, &mut p, "verify", result, reporter);
    }
    crate::migrator::refuse_without_transactional_ddl(engine, "db:migrate:verify")?;
    atomic::begin(&engine.session, &conn)?;
    let executed = p.storage.executed();
    let result = executed.and_then(|executed| {
        verify_in_transaction(engine, &p.files, &executed, &conn, None, reporter)
    });
    let outcome = atomic::rollback(&engine.session, &conn);
    let end = crate::migrator::rolled_back_line(&engine.session, outcome, "verify");
    reporter.event(Event::Warning(end.as_deref().unwrap_or(
        "seqmig: verify: rolled back; the database is exactly as it was.",
    )));
    result
}

/// Each pending migration up, down, up, in verify's transaction or (`scratch`) on a
/// scratch copy of the database.
fn verify_in_transaction(
    engine: &mut Engine,
    files: &[MigrationFile],
    executed: &[String],
    conn: &SharedConnection,
    scratch: Option<&ScratchCopy>,
    reporter: &mut dyn Reporter,
) -> Result<(), CoreError> {
    let outer = if scratch.is_some() {
        Outer::None
    } else {
        Outer::Verify
    };
    // Only a transaction of seqmig's can be lost.
    let outer_lost = |engine: &Engine| scratch.is_none() && !engine.session.watch().outer_intact();
    let pending: Vec<MigrationFile> = plan::pending(files, executed)
        .into_iter()
        .cloned()
        .collect();
    if pending.is_empty() {
        reporter.event(Event::Notice(plan::UP_TO_DATE));
        return Ok(());
    }
    let bk = bookkeeping::of(engine.session.dialect());
    let mut failed: Vec<String> = Vec::new();
    for m in &pending {
        let source = std::fs::read_to_string(&m.path)
            .map_err(|e| CoreError::io(format!("cannot read {}", m.path.display()), e))?;
        if let Some(copy) = scratch {
            if copy.names_real_database(&source) {
                reporter.event(Event::Warning(&format!(
                    "seqmig: verify stops at {}: it names the database `{}` itself (`{}.` in its source), which would reach the real database rather than the scratch copy; it and the ones after it were not verified",
                    m.file, copy.real, copy.real
                )));
                break;
            }
        } else if let Some(reason) = atomic::blocker(&source, bk) {
            reporter.event(Event::Warning(&format!(
                "seqmig: verify stops at {}: it {reason}, which cannot run inside verify's transaction; it and the ones after it were not verified",
                m.file
            )));
            break;
        }
        reporter.event(Event::Start {
            name: m.name(),
            file: &m.file,
            direction: Direction::Up,
        });
        let started = std::time::Instant::now();
        let before = schema(conn)?;
        step(engine, m, Direction::Up, outer, reporter)?;
        let after_up = schema(conn)?;
        // A down or a second up that fails is a finding, not the end: report it and stop,
        // since the state no longer matches what a real run would leave.
        if let Err(e) = step(engine, m, Direction::Down, outer, reporter) {
            if outer_lost(engine) || is_tx_problem(&e) {
                return Err(e);
            }
            reporter.event(Event::Warning(&format!(
                "seqmig: {}: down() fails after up(): {e}",
                m.file
            )));
            failed.push(m.file.clone());
            break;
        }
        let after_down = schema(conn)?;
        if let Err(e) = step(engine, m, Direction::Up, outer, reporter) {
            if outer_lost(engine) || is_tx_problem(&e) {
                return Err(e);
            }
            reporter.event(Event::Warning(&format!(
                "seqmig: {}: up() fails after down(): {e}",
                m.file
            )));
            failed.push(m.file.clone());
            break;
        }
        let after_redo = schema(conn)?;
        let undo = diff(&before, &after_down);
        let redo = diff(&after_up, &after_redo);
        if !undo.is_empty() {
            reporter.event(Event::Warning(&format!(
                "seqmig: {}: down() does not undo up(); the schema after up, down differs from before:",
                m.file
            )));
            reporter.event(Event::Warning(&indent(&undo)));
        }
        if !redo.is_empty() {
            reporter.event(Event::Warning(&format!(
                "seqmig: {}: up() after down() gives a different schema than the first up():",
                m.file
            )));
            reporter.event(Event::Warning(&indent(&redo)));
        }
        if !undo.is_empty() || !redo.is_empty() {
            failed.push(m.file.clone());
        }
        reporter.event(Event::Done {
            name: m.name(),
            file: &m.file,
            direction: Direction::Up,
            seconds: started.elapsed().as_secs_f64(),
        });
    }
    if !failed.is_empty() {
        return Err(CoreError::Safety(format!(
            "seqmig: {} migration(s) do not round-trip (up, down, up): {}",
            failed.len(),
            failed.join(", ")
        )));
    }
    Ok(())
}

/// A failure of the transactions themselves (not a finding about down/up): verify stops.
fn is_tx_problem(e: &CoreError) -> bool {
    matches!(e, CoreError::Migration(f) if f.summary.is_some())
}

fn indent(lines: &[String]) -> String {
    lines
        .iter()
        .map(|l| format!("    {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_lists_lost_and_gained_lines() {
        let a = vec!["table a".to_string(), "index i".to_string()];
        let b = vec!["table a".to_string(), "table b".to_string()];
        assert_eq!(diff(&a, &b), vec!["- index i", "+ table b"]);
        assert!(diff(&a, &a).is_empty());
    }
}
