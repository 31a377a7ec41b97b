//! The runner: each planned migration in turn, with what the safety features add around
//! it (a transaction under `--atomic`, the statements under `--dry-run`, checksums, the
//! forgotten-`await` check, the in-flight marker). Stops at the first failure, which is not
//! recorded.

use std::path::Path;
use std::time::Instant;

use crate::atomic::{self, AtomicMode};
use crate::checksum;
use crate::commands::Prepared;
use crate::discovery::MigrationFile;
use crate::engine::Engine;
use crate::error::{CoreError, MigrationFailure};
use crate::project::relative_path;
use crate::report::{Direction, Event, Reporter};

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
    let dialect = engine.session.dialect();
    for m in list {
        let blocker = if dry_run || p.atomic != AtomicMode::Off {
            let source = std::fs::read_to_string(&m.path)
                .map_err(|e| CoreError::io(format!("cannot read {}", m.path.display()), e))?;
            atomic::blocker(&source, dialect)
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
        }
        let outcome = run_one(engine, m, direction);
        let outcome = outcome.and_then(|()| forgotten_awaits(engine, m, reporter));
        if let Err(error) = outcome {
            let mut statements = engine.session.take_statements();
            if dry_run {
                reporter.event(Event::Statements {
                    file: &m.file,
                    statements: &statements,
                });
                statements.clear();
            }
            if in_tx {
                atomic::rollback(&engine.session, &p.conn);
                statements.clear();
                reporter.event(Event::Warning(&format!(
                    "seqmig: {} was rolled back: nothing of it remains (--atomic)",
                    m.file
                )));
            }
            return Err(match error {
                CoreError::Js(error) => CoreError::Migration(Box::new(MigrationFailure {
                    file: m.file.clone(),
                    path: m.path.clone(),
                    method: direction.method(),
                    error,
                    statements,
                })),
                other => other,
            });
        }
        if dry_run {
            let statements = engine.session.take_statements();
            reporter.event(Event::Statements {
                file: &m.file,
                statements: &statements,
            });
        } else {
            let recorded = match direction {
                Direction::Up => p.storage.log(&m.file),
                Direction::Down => p.storage.unlog(&m.file),
            };
            let recorded = recorded.and_then(|()| match (p.checksums.as_mut(), &sha256) {
                (Some(t), Some(sum)) => t.record(&m.file, sum),
                (Some(t), None) => t.forget(&m.file),
                (None, _) => Ok(()),
            });
            let finished = recorded.and_then(|()| {
                if in_tx {
                    atomic::commit(&engine.session, &p.conn)
                } else {
                    Ok(())
                }
            });
            if let Err(e) = finished {
                if in_tx {
                    atomic::rollback(&engine.session, &p.conn);
                }
                return Err(e);
            }
        }
        let seconds = started.elapsed().as_secs_f64();
        reporter.event(Event::Done {
            name: m.name(),
            file: &m.file,
            direction,
            seconds,
        });
    }
    Ok(())
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
