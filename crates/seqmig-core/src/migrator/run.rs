//! The runner: each planned migration in turn, with what the safety features add around
//! it (a transaction under `--atomic`, the statements under `--dry-run`, checksums, the
//! forgotten-`await` check, the in-flight marker). Stops at the first failure, which is not
//! recorded.

use std::path::Path;
use std::time::Instant;

use super::Prepared;
use crate::atomic::{self, AtomicMode, RollbackOutcome};
use crate::checksum;
use crate::discovery::MigrationFile;
use crate::engine::Engine;
use crate::error::{CoreError, MigrationFailure};
use crate::plan::Direction;
use crate::project::relative_path;
use crate::report::{Event, Reporter};
use crate::settle::{self, Outer, Problem};
use seqmig_js::JsError;

/// Run each migration in turn; stop at the first failure, which is not recorded. However
/// it ends (short of the process dying), the in-flight marker goes: a failure is reported
/// in full (the error, the statements it applied), so the next run has nothing to add,
/// and its output stays sequelize-cli's.
pub(crate) fn run_all(
    engine: &mut Engine,
    list: &[MigrationFile],
    direction: Direction,
    p: &mut Prepared,
    reporter: &mut dyn Reporter,
) -> Result<(), CoreError> {
    let result = run_each(engine, list, direction, p, reporter);
    clear_inflight(p, reporter);
    result
}

fn run_each(
    engine: &mut Engine,
    list: &[MigrationFile],
    direction: Direction,
    p: &mut Prepared,
    reporter: &mut dyn Reporter,
) -> Result<(), CoreError> {
    let dry_run = engine.safety.dry_run;
    let bk = crate::bookkeeping::of(engine.session.dialect());
    for m in list {
        if let Some(copy) = &p.scratch {
            let source = std::fs::read_to_string(&m.path)
                .map_err(|e| CoreError::io(format!("cannot read {}", m.path.display()), e))?;
            if copy.names_real_database(&source) {
                return Err(CoreError::Safety(scratch_stop(
                    &m.file,
                    &copy.real,
                    "the dry run",
                )));
            }
        }
        let blocker = if (dry_run && p.scratch.is_none()) || p.atomic != AtomicMode::Off {
            let source = std::fs::read_to_string(&m.path)
                .map_err(|e| CoreError::io(format!("cannot read {}", m.path.display()), e))?;
            atomic::blocker(&source, bk)
        } else {
            None
        };
        if let Some(reason) = blocker {
            if dry_run {
                return Err(CoreError::Safety(format!(
                    "seqmig: the dry run stops at {}: it {reason}, which cannot run inside the dry run's transaction",
                    m.file
                )));
            }
            if p.atomic == AtomicMode::Strict {
                return Err(CoreError::Safety(format!(
                    "seqmig: {} cannot run atomically: it {reason}; --atomic=strict refuses it, and it was not run",
                    m.file
                )));
            }
            reporter.event(Event::Warning(&format!(
                "seqmig: {} runs outside a transaction, as sequelize-cli runs it: it {reason}",
                m.file
            )));
        }
        let in_tx = !dry_run && p.atomic != AtomicMode::Off && blocker.is_none();
        // The file as it runs, before anything could rewrite it.
        let sha256 = match (&p.checksums, direction, dry_run) {
            (Some(_), Direction::Up, false) => Some(checksum::file_sha256(&m.path)?),
            _ => None,
        };
        reporter.event(Event::Start {
            name: m.name(),
            file: &m.file,
            direction,
        });
        let started = Instant::now();
        engine.session.take_statements();
        if !dry_run {
            mark_inflight(p, &m.file, direction, in_tx, reporter);
        }
        if in_tx {
            atomic::begin(&engine.session, &p.conn)?;
            if let Some(target) = &p.inflight {
                let path = target.path().to_path_buf();
                engine.session.watch().on_outer_lost(Some(Box::new(move || {
                    // Best effort: a marker that stays "atomic" is the old behaviour.
                    let _ = crate::crash_marker::InflightTarget::no_longer_atomic(&path);
                })));
            }
        }
        let outer = match (dry_run, in_tx) {
            // The scratch copy has no transaction of seqmig's: each statement commits there.
            (true, _) if p.scratch.is_some() => Outer::None,
            (true, _) => Outer::DryRun,
            (false, true) => Outer::Atomic,
            (false, false) => Outer::None,
        };
        let outcome = run_one(engine, m, direction);
        let outcome = outcome.and_then(|()| forgotten_awaits(engine, m, reporter));
        engine.session.watch().on_outer_lost(None);
        let problem = settle::check(&engine.session, &p.conn, outer);
        if outcome.is_err() || problem.is_some() {
            return Err(fail(
                engine, m, direction, p, outer, outcome, problem, reporter,
            ));
        }
        if dry_run {
            let statements = engine.session.take_statements();
            reporter.event(Event::Statements {
                file: &m.file,
                statements: &statements,
            });
            reporter.event(Event::Done {
                name: m.name(),
                file: &m.file,
                direction,
                seconds: started.elapsed().as_secs_f64(),
            });
            continue;
        }
        let after = record(engine, m, direction, p, in_tx, sha256.as_deref())?;
        reporter.event(Event::Done {
            name: m.name(),
            file: &m.file,
            direction,
            seconds: started.elapsed().as_secs_f64(),
        });
        if let Some(e) = after {
            return Err(e);
        }
    }
    Ok(())
}

/// Why a dry run or verify on a scratch copy (`who`) does not run `file`: it names the
/// real database, so its statements could reach it rather than the copy.
pub(crate) fn scratch_stop(file: &str, real: &str, who: &str) -> String {
    format!(
        "seqmig: {who} stops at {file}: it names the database `{real}` itself (`{real}.` in its source), which would reach the real database rather than the scratch copy; it and the ones after it were not run"
    )
}

/// "it was not recorded" / "it stays recorded as applied".
fn bookkeeping(direction: Direction) -> &'static str {
    match direction {
        Direction::Up => "it was not recorded",
        Direction::Down => "it stays recorded as applied",
    }
}

/// A migration that failed, or left its transactions in a state seqmig cannot keep: roll
/// back what must go, and say what became of each statement it ran.
#[allow(clippy::too_many_arguments)]
fn fail(
    engine: &mut Engine,
    m: &MigrationFile,
    direction: Direction,
    p: &mut Prepared,
    outer: Outer,
    outcome: Result<(), CoreError>,
    problem: Option<Problem>,
    reporter: &mut dyn Reporter,
) -> CoreError {
    let sorted = settle::sort_statements(&engine.session, outer != Outer::None);
    let on_scratch = engine.safety.dry_run && p.scratch.is_some();
    if outer == Outer::DryRun || on_scratch {
        let all: Vec<String> = sorted
            .in_outer
            .iter()
            .chain(&sorted.rolled_back)
            .chain(&sorted.applied)
            .chain(&sorted.uncertain)
            .cloned()
            .collect();
        reporter.event(Event::Statements {
            file: &m.file,
            statements: &all,
        });
    }
    let mut sorted = sorted;
    if on_scratch {
        // Listed above; they went to the scratch copy, which is dropped.
        sorted = settle::Sorted::default();
    }
    if outer == Outer::Atomic {
        match atomic::rollback(&engine.session, &p.conn) {
            RollbackOutcome::RolledBack => {
                if sorted.applied.is_empty() && sorted.uncertain.is_empty() {
                    reporter.event(Event::Warning(&format!(
                        "seqmig: {} was rolled back: nothing of it remains (--atomic)",
                        m.file
                    )));
                }
            }
            RollbackOutcome::NotOpen => {}
            RollbackOutcome::Failed(why) => {
                reporter.event(Event::Warning(&format!(
                    "seqmig: {}: rolling back its --atomic transaction failed ({why}): the database did not tell what remains of it",
                    m.file
                )));
                sorted.uncertain.append(&mut sorted.in_outer);
            }
        }
    }
    let error = match outcome {
        Ok(()) => None,
        Err(CoreError::Js(e)) => Some(e),
        Err(other) if problem.is_none() => return other,
        Err(other) => Some(settle::own_error(other.to_string())),
    };
    let shown = relative_path(&engine.project.cwd, &m.path);
    match problem {
        Some(problem) => settle::failure(
            &m.file,
            &m.path,
            direction.method(),
            outer,
            &problem,
            error,
            &sorted,
            bookkeeping(direction),
            &shown,
        ),
        None => {
            let error = error.expect("a failure without a problem has an error");
            let mut f =
                MigrationFailure::new(&m.file, &m.path, direction.method(), error, sorted.applied);
            f.rolled_back = sorted.rolled_back;
            f.uncertain = sorted.uncertain;
            CoreError::Migration(Box::new(f))
        }
    }
}

/// Record the migration (storage, checksum) and, under --atomic, commit. A failure here
/// names the migration that ran but is not recorded, with the statements it applied.
/// `Ok(Some(e))`: it is recorded, and `e` is still to be reported.
fn record(
    engine: &mut Engine,
    m: &MigrationFile,
    direction: Direction,
    p: &mut Prepared,
    in_tx: bool,
    sha256: Option<&str>,
) -> Result<Option<CoreError>, CoreError> {
    // PostgreSQL: a statement that failed inside the transaction (and was caught) aborted
    // it; the row could only fail, and COMMIT would roll back. Say so, not "cannot record".
    let aborted = in_tx
        && engine
            .session
            .watch()
            .block()
            .is_some_and(|b| b.outer && b.aborted());
    let logged = if aborted {
        Err(CoreError::Safety(format!(
            "seqmig: a statement of {} failed inside its --atomic transaction and the migration went on; PostgreSQL aborted the transaction, so it can only be rolled back (mark the migration `module.exports.transaction = false` to run it as sequelize-cli does)",
            m.file
        )))
    } else {
        match direction {
            Direction::Up => p.storage.log(&m.file),
            Direction::Down => p.storage.unlog(&m.file),
        }
    };
    let checksum = |p: &mut Prepared| match (p.checksums.as_mut(), sha256) {
        (Some(t), Some(sum)) => t.record(&m.file, sum),
        (Some(t), None) => t.forget(&m.file),
        (None, _) => Ok(()),
    };
    let shown = relative_path(&engine.project.cwd, &m.path);
    let method = direction.method();
    let storage = p.storage.describe();
    if !in_tx {
        if let Err(e) = logged {
            let statements = engine.session.take_statements();
            let mut f = MigrationFailure::new(&m.file, &m.path, method, error_of(&e), statements);
            f.summary = Some(match direction {
                Direction::Up => format!(
                    "seqmig: {shown}: up() ran, but recording it in {storage} failed: it is applied and NOT recorded (the next db:migrate runs it again)."
                ),
                Direction::Down => format!(
                    "seqmig: {shown}: down() ran, but removing it from {storage} failed: it is reverted and still recorded as applied."
                ),
            });
            f.applied_heading = Some(
                "seqmig: it applied these statements, which stay applied (no transaction, as in sequelize-cli):"
                    .into(),
            );
            return Err(CoreError::Migration(Box::new(f)));
        }
        if let Err(e) = checksum(p) {
            // It is recorded: the output says `migrated`, then this.
            return Ok(Some(CoreError::Safety(format!(
                "seqmig: {} was {} and recorded in {storage}, but its checksum could not be written: {e}",
                m.file,
                if direction == Direction::Up {
                    "applied"
                } else {
                    "reverted"
                },
            ))));
        }
        return Ok(None);
    }
    let finished = logged
        .and_then(|()| checksum(p))
        .and_then(|()| atomic::commit(&engine.session, &p.conn));
    let Err(e) = finished else {
        return Ok(None);
    };
    let sorted = settle::sort_statements(&engine.session, true);
    let mut f = MigrationFailure::new(&m.file, &m.path, method, error_of(&e), sorted.applied);
    let undone = match atomic::rollback(&engine.session, &p.conn) {
        RollbackOutcome::RolledBack | RollbackOutcome::NotOpen
            if engine.session.watch().watching() =>
        {
            "its --atomic transaction was rolled back, so nothing of it remains".to_string()
        }
        RollbackOutcome::RolledBack | RollbackOutcome::NotOpen => {
            "its --atomic transaction was rolled back".to_string()
        }
        RollbackOutcome::Failed(why) => {
            f.uncertain = sorted.in_outer;
            format!("rolling back its --atomic transaction failed ({why}): the database did not tell what remains of it")
        }
    };
    f.summary = Some(format!(
        "seqmig: {shown}: {method}() ran, but recording it in {storage} failed; {undone}; {}.",
        bookkeeping(direction)
    ));
    Err(CoreError::Migration(Box::new(f)))
}

/// A bookkeeping failure as the migration's error.
fn error_of(e: &CoreError) -> JsError {
    match e {
        CoreError::Db(db) => settle::db_error(db),
        other => settle::own_error(other.to_string()),
    }
}

/// Write the in-flight marker before the migration touches anything. A marker that cannot
/// be written (a read-only folder) must not stop a run that sequelize-cli would make: say
/// so once and go on without markers.
fn mark_inflight(
    p: &mut Prepared,
    file: &str,
    direction: Direction,
    atomic: bool,
    reporter: &mut dyn Reporter,
) {
    let Some(target) = &mut p.inflight else {
        return;
    };
    if let Err(e) = target.begin(file, direction, atomic) {
        reporter.event(Event::Warning(&format!(
            "seqmig: cannot write the in-flight marker {}: {e}; a run killed now would go unnoticed by the next one",
            target.path().display()
        )));
        p.inflight = None;
    }
}

fn clear_inflight(p: &mut Prepared, reporter: &mut dyn Reporter) {
    let Some(target) = &mut p.inflight else {
        return;
    };
    if let Err(e) = target.finish() {
        reporter.event(Event::Warning(&format!(
            "seqmig: cannot remove the in-flight marker {}: {e}; delete it by hand",
            target.path().display()
        )));
        p.inflight = None;
    }
}

pub(crate) fn run_one(
    engine: &mut Engine,
    m: &MigrationFile,
    direction: Direction,
) -> Result<(), CoreError> {
    let previous = engine.last_migration.take();
    let module = engine.runtime()?.require(&m.path)?;
    engine.last_migration = Some(module.path().to_path_buf());
    let rt = engine.runtime()?;
    // The one before is done with (db:migrate:verify runs one file up, down, up: kept).
    if let Some(previous) = previous.filter(|p| p != module.path()) {
        // Failing to let go only costs memory.
        let _ = rt.release(&previous);
    }
    rt.run_migration(&module, direction.method(), &m.path)?;
    Ok(())
}

/// A promise the migration created and never awaited, which then rejected: Node would
/// crash with it (and sequelize-cli may already have recorded the migration). seqmig
/// makes it the migration's failure, naming where the promise was made.
pub(crate) fn forgotten_awaits(
    engine: &mut Engine,
    m: &MigrationFile,
    reporter: &mut dyn Reporter,
) -> Result<(), CoreError> {
    let cwd = engine.project.cwd.clone();
    let mut rejections = engine.runtime()?.take_unhandled_rejections();
    if rejections.is_empty() {
        return Ok(());
    }
    for r in &rejections {
        let place = r
            .stack
            .as_deref()
            .and_then(|s| frame_in(s, &m.file))
            .map(|loc| shorten(&cwd, &loc))
            .unwrap_or_else(|| m.file.clone());
        reporter.event(Event::Warning(&format!(
            "seqmig: {place}: a promise that nothing awaited was rejected (a forgotten `await`?): {}",
            r.message
        )));
    }
    Err(CoreError::Js(rejections.remove(0)))
}

/// `path:line:col` of the first stack frame in `file`.
fn frame_in(stack: &str, file: &str) -> Option<String> {
    let line = stack.lines().find(|l| l.contains(file))?;
    let line = line.trim().trim_start_matches("at ");
    let loc = match (line.rfind('('), line.ends_with(')')) {
        (Some(i), true) => &line[i + 1..line.len() - 1],
        _ => line,
    };
    Some(loc.to_string())
}

/// `/abs/project/migrations/x.js:3:9` → `migrations/x.js:3:9`.
fn shorten(cwd: &Path, loc: &str) -> String {
    let mut parts = loc.rsplitn(3, ':');
    let (col, line, path) = (parts.next(), parts.next(), parts.next());
    match (path, line, col) {
        (Some(path), Some(line), Some(col)) => {
            format!("{}:{line}:{col}", relative_path(cwd, Path::new(path)))
        }
        _ => loc.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_migration_frame_of_a_stack() {
        let stack = "SequelizeDatabaseError: SQLITE_ERROR: no such table: nope\n    at query (js-shims/40_query_interface.js:10:3)\n    at up (/p/migrations/1-a.js:3:9)\n    at <anonymous> (/p/migrations/1-a.js:9:1)";
        assert_eq!(
            frame_in(stack, "1-a.js").as_deref(),
            Some("/p/migrations/1-a.js:3:9")
        );
        assert_eq!(
            shorten(Path::new("/p"), "/p/migrations/1-a.js:3:9"),
            "migrations/1-a.js:3:9"
        );
        assert_eq!(
            frame_in("Error: x\n    at /p/m/2-b.js:4:2", "2-b.js").as_deref(),
            Some("/p/m/2-b.js:4:2")
        );
        assert_eq!(frame_in(stack, "2-b.js"), None);
    }
}
