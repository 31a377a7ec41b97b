//! The migration commands: `db:migrate`, `db:migrate:status`, `db:migrate:validate`,
//! `db:migrate:undo`, `db:migrate:undo:all` and the seeders'. Each plans and hands the list
//! to the migrator, which runs it.

use std::path::Path;

use crate::checksum::{self, ChecksumTable, Drift};
use crate::discovery::MigrationFile;
use crate::engine::Engine;
use crate::error::CoreError;
use crate::migrator::{maybe_dry, prepare, report_interrupted, run_all};
pub use crate::migrator::{Kind, Safety, DEFAULT_LOCK_TIMEOUT_SECS, DRY_RUN_END, DRY_RUN_START};
use crate::plan::{self, Direction, DownOptions, Plan, UpOptions};
use crate::report::{Event, Reporter};

/// `db:migrate`.
pub fn migrate(
    engine: &mut Engine,
    opts: &UpOptions,
    reporter: &mut dyn Reporter,
) -> Result<(), CoreError> {
    let mut p = prepare(engine, Kind::Migration, reporter, true)?;
    maybe_dry(engine, &mut p, reporter, |engine, p, reporter| {
        let executed = p.storage.executed()?;
        engine.pending_before = Some(plan::pending(&p.files, &executed).len());
        match plan::plan_up(&p.files, &executed, opts)? {
            Plan::Nothing(line) => {
                report_interrupted(engine, p, &executed, Some((&[], Direction::Up)), reporter);
                reporter.event(Event::Notice(line));
                Ok(())
            }
            Plan::Run(list) => {
                report_interrupted(engine, p, &executed, Some((&list, Direction::Up)), reporter);
                run_all(engine, &list, Direction::Up, p, reporter)
            }
        }
    })
}

/// `db:migrate:status`: executed ones as `up`, then pending ones as `down`; with checksums
/// on, an executed one whose file changed or went missing says so. Returns how many are
/// pending (for `--exit-code`).
pub fn status(engine: &mut Engine, reporter: &mut dyn Reporter) -> Result<usize, CoreError> {
    let mut p = prepare(engine, Kind::Migration, reporter, false)?;
    let executed = p.storage.executed()?;
    report_interrupted(engine, &mut p, &executed, None, reporter);
    let drift = match p.checksums.as_mut() {
        Some(t) => Some(drifts(&p.files, &executed, t)?),
        None => None,
    };
    for (i, file) in executed.iter().enumerate() {
        reporter.event(Event::Status {
            file,
            executed: true,
            note: drift
                .as_ref()
                .map(|d| d[i])
                .filter(|d| *d != Drift::Same)
                .map(Drift::word),
        });
    }
    let pending = plan::pending(&p.files, &executed);
    engine.pending_before = Some(pending.len());
    for m in &pending {
        reporter.event(Event::Status {
            file: &m.file,
            executed: false,
            note: None,
        });
    }
    Ok(pending.len())
}

/// The checksum verdict of each executed migration, in the order given.
fn drifts(
    files: &[MigrationFile],
    executed: &[String],
    table: &mut ChecksumTable,
) -> Result<Vec<Drift>, CoreError> {
    let recorded = table.all()?;
    executed
        .iter()
        .map(|name| {
            let current = match files.iter().find(|f| &f.file == name) {
                Some(f) => Some(checksum::file_sha256(&f.path)?),
                None => None,
            };
            Ok(checksum::compare(recorded.get(name), current.as_ref()))
        })
        .collect()
}

/// `db:migrate:validate`: every applied migration against its recorded checksum; fails
/// when one changed or went missing since it ran.
pub fn validate(engine: &mut Engine, reporter: &mut dyn Reporter) -> Result<(), CoreError> {
    let mut p = prepare(engine, Kind::Migration, reporter, false)?;
    let executed = p.storage.executed()?;
    engine.pending_before = Some(plan::pending(&p.files, &executed).len());
    let mut table = match p.checksums.take() {
        Some(t) => t,
        None => ChecksumTable::new(p.conn.clone(), engine.session.dialect(), None),
    };
    let verdicts = drifts(&p.files, &executed, &mut table)?;
    for (file, d) in executed.iter().zip(&verdicts) {
        reporter.event(Event::Status {
            file,
            executed: true,
            note: Some(d.word()),
        });
    }
    let bad: Vec<&str> = executed
        .iter()
        .zip(&verdicts)
        .filter(|(_, d)| d.is_drift())
        .map(|(f, _)| f.as_str())
        .collect();
    if !bad.is_empty() {
        return Err(CoreError::Safety(format!(
            "seqmig: {} applied migration(s) changed or missing since they ran: {}",
            bad.len(),
            bad.join(", ")
        )));
    }
    if !executed.is_empty() && verdicts.iter().all(|d| *d == Drift::Unrecorded) {
        reporter.event(Event::Warning(
            "seqmig: no checksums are recorded yet: run db:migrate with --checksums (or \"seqmigChecksums\": true) to record them",
        ));
    }
    Ok(())
}

/// `db:migrate:undo` and `db:migrate:undo:all`.
pub fn undo(
    engine: &mut Engine,
    opts: &DownOptions,
    reporter: &mut dyn Reporter,
) -> Result<(), CoreError> {
    let mut p = prepare(engine, Kind::Migration, reporter, true)?;
    maybe_dry(engine, &mut p, reporter, |engine, p, reporter| {
        let executed = p.storage.executed()?;
        engine.pending_before = Some(plan::pending(&p.files, &executed).len());
        match plan::plan_down(&p.files, &executed, opts)? {
            Plan::Nothing(line) => {
                report_interrupted(engine, p, &executed, Some((&[], Direction::Down)), reporter);
                reporter.event(Event::Notice(line));
                Ok(())
            }
            Plan::Run(list) => {
                report_interrupted(
                    engine,
                    p,
                    &executed,
                    Some((&list, Direction::Down)),
                    reporter,
                );
                run_all(engine, &list, Direction::Down, p, reporter)
            }
        }
    })
}

/// The seeder commands.
#[derive(Debug, Clone)]
pub enum SeedCommand {
    /// `db:seed:all`: every pending seeder (all of them under the default `none` storage).
    All,
    /// `db:seed --seed a.js b.js`.
    Named(Vec<String>),
    /// `db:seed:undo [--seed a.js]`: the last seeder, or the named ones.
    Undo(Option<Vec<String>>),
    /// `db:seed:undo:all`: every seeder, newest first.
    UndoAll,
}

pub const NO_SEEDERS: &str = "No seeders found.";

/// `db:seed`, `db:seed:all`, `db:seed:undo`, `db:seed:undo:all`, as sequelize-cli runs them
/// through umzug: with the `none` storage every seeder counts as pending, and undo runs the
/// pending ones.
pub fn seed(
    engine: &mut Engine,
    cmd: &SeedCommand,
    reporter: &mut dyn Reporter,
) -> Result<(), CoreError> {
    let mut p = prepare(engine, Kind::Seeder, reporter, true)?;
    let executed = p.storage.executed()?;
    let (list, direction): (Vec<MigrationFile>, Direction) = match cmd {
        SeedCommand::All => {
            let pending: Vec<MigrationFile> = plan::pending(&p.files, &executed)
                .into_iter()
                .cloned()
                .collect();
            if pending.is_empty() {
                reporter.event(Event::Notice(NO_SEEDERS));
                return Ok(());
            }
            (pending, Direction::Up)
        }
        SeedCommand::Named(names) => {
            let mut list = Vec::new();
            for name in names
                .iter()
                .filter(|n| *n != "db:seed" && *n != "db:seed:undo")
            {
                let base = Path::new(name)
                    .file_name()
                    .map(|f| f.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let file = p
                    .files
                    .iter()
                    .find(|f| f.file.starts_with(&base))
                    .ok_or_else(|| CoreError::Usage(format!("Unable to find migration: {base}")))?;
                if executed.iter().any(|e| e.starts_with(&file.file)) {
                    return Err(CoreError::Usage(format!(
                        "Migration is not pending: {}",
                        file.file
                    )));
                }
                list.push(file.clone());
            }
            (list, Direction::Up)
        }
        SeedCommand::Undo(_) | SeedCommand::UndoAll => {
            let candidates: Vec<MigrationFile> = if p.storage_is_none {
                plan::pending(&p.files, &executed)
                    .into_iter()
                    .cloned()
                    .collect()
            } else {
                let mut v = Vec::new();
                for name in &executed {
                    let file = p
                        .files
                        .iter()
                        .find(|f| f.file.starts_with(name.as_str()))
                        .ok_or_else(|| {
                            CoreError::Usage(format!("Unable to find migration: {name}"))
                        })?;
                    v.push(file.clone());
                }
                v
            };
            let mut chosen: Vec<MigrationFile> = match cmd {
                SeedCommand::Undo(Some(names)) => candidates
                    .into_iter()
                    .filter(|f| names.contains(&f.file))
                    .collect(),
                _ => candidates,
            };
            if chosen.is_empty() {
                reporter.event(Event::Notice(NO_SEEDERS));
                return Ok(());
            }
            if matches!(cmd, SeedCommand::Undo(None)) {
                chosen = chosen.split_off(chosen.len() - 1);
            }
            chosen.reverse();
            (chosen, Direction::Down)
        }
    };
    run_all(engine, &list, direction, &mut p, reporter)
}
