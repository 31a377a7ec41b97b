//! The migration commands: `db:migrate`, `db:migrate:status`, `db:migrate:undo`,
//! `db:migrate:undo:all`. The algorithm lives here once; storage and dialect are details.

use std::path::Path;
use std::time::Instant;

use crate::dbconfig::StorageKind;
use crate::discovery::{self, MigrationFile};
use crate::engine::Engine;
use crate::error::{CoreError, MigrationFailure};
use crate::plan::{self, DownOptions, Plan, UpOptions};
use crate::report::{Direction, Event, Reporter};
use crate::storage::{self, Storage};

/// Which folder and which bookkeeping: migrations or seeders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Migration,
    Seeder,
}

struct Prepared {
    files: Vec<MigrationFile>,
    storage: Box<dyn Storage>,
    /// Nothing is recorded: undo then runs the pending ones, as sequelize-cli does.
    storage_is_none: bool,
}

fn prepare(
    engine: &mut Engine,
    kind: Kind,
    reporter: &mut dyn Reporter,
) -> Result<Prepared, CoreError> {
    let cfg = engine.load_config(reporter)?;
    let conn = engine.connect(&cfg)?;
    let (folder, what, storage_kind): (&Path, _, &StorageKind) = match kind {
        Kind::Migration => (
            &engine.project.migrations_path,
            "migrations",
            &cfg.migration_storage,
        ),
        Kind::Seeder => (&engine.project.seeders_path, "seeders", &cfg.seeder_storage),
    };
    let folder = folder.to_path_buf();
    let storage = storage::open(storage_kind, Some(conn), &engine.session)?;
    let storage_is_none = *storage_kind == StorageKind::None;
    let files = discovery::list(&folder, what)?;
    Ok(Prepared {
        files,
        storage,
        storage_is_none,
    })
}

/// `db:migrate`.
pub fn migrate(
    engine: &mut Engine,
    opts: &UpOptions,
    reporter: &mut dyn Reporter,
) -> Result<(), CoreError> {
    let mut p = prepare(engine, Kind::Migration, reporter)?;
    let executed = p.storage.executed()?;
    match plan::plan_up(&p.files, &executed, opts)? {
        Plan::Nothing(line) => {
            reporter.event(Event::Notice(line));
            Ok(())
        }
        Plan::Run(list) => run_all(engine, &list, Direction::Up, p.storage.as_mut(), reporter),
    }
}

/// `db:migrate:status`: executed ones as `up`, then pending ones as `down`.
pub fn status(engine: &mut Engine, reporter: &mut dyn Reporter) -> Result<(), CoreError> {
    let mut p = prepare(engine, Kind::Migration, reporter)?;
    let executed = p.storage.executed()?;
    for file in &executed {
        reporter.event(Event::Status {
            file,
            executed: true,
        });
    }
    for m in plan::pending(&p.files, &executed) {
        reporter.event(Event::Status {
            file: &m.file,
            executed: false,
        });
    }
    Ok(())
}

/// `db:migrate:undo` and `db:migrate:undo:all`.
pub fn undo(
    engine: &mut Engine,
    opts: &DownOptions,
    reporter: &mut dyn Reporter,
) -> Result<(), CoreError> {
    let mut p = prepare(engine, Kind::Migration, reporter)?;
    let executed = p.storage.executed()?;
    match plan::plan_down(&p.files, &executed, opts)? {
        Plan::Nothing(line) => {
            reporter.event(Event::Notice(line));
            Ok(())
        }
        Plan::Run(list) => run_all(engine, &list, Direction::Down, p.storage.as_mut(), reporter),
    }
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
    let mut p = prepare(engine, Kind::Seeder, reporter)?;
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
    run_all(engine, &list, direction, p.storage.as_mut(), reporter)
}

/// Run each migration in turn; stop at the first failure, which is not recorded.
fn run_all(
    engine: &mut Engine,
    list: &[MigrationFile],
    direction: Direction,
    storage: &mut dyn Storage,
    reporter: &mut dyn Reporter,
) -> Result<(), CoreError> {
    for m in list {
        reporter.event(Event::Start {
            name: m.name(),
            file: &m.file,
            direction,
        });
        let started = Instant::now();
        engine.session.take_statements();
        if let Err(error) = run_one(engine, m, direction) {
            let statements = engine.session.take_statements();
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
        match direction {
            Direction::Up => storage.log(&m.file)?,
            Direction::Down => storage.unlog(&m.file)?,
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

fn run_one(engine: &mut Engine, m: &MigrationFile, direction: Direction) -> Result<(), CoreError> {
    let rt = engine.runtime()?;
    let module = rt.require(&m.path)?;
    rt.run_migration(&module, direction.method(), &m.path)?;
    Ok(())
}
