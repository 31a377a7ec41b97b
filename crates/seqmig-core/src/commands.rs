//! The migration commands: `db:migrate`, `db:migrate:status`, `db:migrate:undo`,
//! `db:migrate:undo:all`. The algorithm lives here once; storage and dialect are details.

use std::path::Path;
use std::time::Duration;

use seqmig_db::SharedConnection;

use crate::atomic::{self, AtomicMode};
use crate::checksum::{self, ChecksumTable, Drift};

use crate::dbconfig::StorageKind;
use crate::discovery::{self, MigrationFile};
use crate::engine::Engine;
use crate::error::CoreError;
use crate::inflight::{InflightTarget, Verdict};
use crate::lock::{self, LockTarget, RunLock};
use crate::plan::{self, DownOptions, Plan, UpOptions};
use crate::report::{Direction, Event, Reporter};
use crate::runner::run_all;
pub(crate) use crate::runner::{forgotten_awaits, run_one};
use crate::session::FastRun;
use crate::storage::{self, Storage};

/// Which folder and which bookkeeping: migrations or seeders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Migration,
    Seeder,
}

/// What the safety features were asked to do. The defaults leave the database exactly as
/// sequelize-cli leaves it: only the lock is on, and it writes nothing.
#[derive(Debug, Clone)]
pub struct Safety {
    /// Serialise the runs that change one database (not `db:migrate:status`).
    pub lock: bool,
    pub lock_timeout: Duration,
    /// Run inside one transaction, print the statements, roll everything back.
    pub dry_run: bool,
    /// `--atomic`; `None` leaves it to the config's `seqmigAtomic`.
    pub atomic: Option<AtomicMode>,
    /// `--checksums`; `None` leaves it to the config's `seqmigChecksums`.
    pub checksums: Option<bool>,
}

pub const DEFAULT_LOCK_TIMEOUT_SECS: u64 = 300;

impl Default for Safety {
    fn default() -> Self {
        Safety {
            lock: true,
            lock_timeout: Duration::from_secs(DEFAULT_LOCK_TIMEOUT_SECS),
            dry_run: false,
            atomic: None,
            checksums: None,
        }
    }
}

pub(crate) struct Prepared {
    pub(crate) files: Vec<MigrationFile>,
    pub(crate) storage: Box<dyn Storage>,
    /// Nothing is recorded: undo then runs the pending ones, as sequelize-cli does.
    storage_is_none: bool,
    pub(crate) conn: SharedConnection,
    pub(crate) atomic: AtomicMode,
    /// Set when checksums are on (migrations only).
    pub(crate) checksums: Option<ChecksumTable>,
    /// Where the in-flight marker goes (migrations on a database that outlives the run).
    pub(crate) inflight: Option<InflightTarget>,
    /// This run holds the migration lock: no other locked run is mid-migration.
    lock_held: bool,
    /// Ends the run's fast commits; declared before `_lock` so that it drops first.
    _fast: Option<FastRun>,
    /// Held until the command returns.
    _lock: Option<RunLock>,
}

pub(crate) fn prepare(
    engine: &mut Engine,
    kind: Kind,
    reporter: &mut dyn Reporter,
    lock: bool,
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
    let atomic = match (kind, engine.safety.atomic) {
        (Kind::Seeder, _) => AtomicMode::Off,
        (Kind::Migration, Some(mode)) => mode,
        (Kind::Migration, None) => AtomicMode::from_config(&cfg.section)?,
    };
    // Taken before the storage is first read: a run that waited must see what the
    // run before it recorded.
    let run_lock = if lock && engine.safety.lock {
        let target = LockTarget {
            connect: cfg.connect.clone(),
            storage: lock_storage_name(&cfg.migration_storage),
        };
        Some(lock::acquire(
            crate::bookkeeping::of(cfg.dialect),
            &target,
            &conn,
            engine.safety.lock_timeout,
            &mut || reporter.event(Event::Warning(lock::WAITING)),
        )?)
    } else {
        None
    };
    // Commands that change the database (not status, not a dry run) commit without
    // waiting for the disk until `_fast` drops; after the lock, so that restoring what a
    // killed run left is never done by two runs at once.
    let fast = (lock && !engine.safety.dry_run).then(|| FastRun::begin(&conn));
    let storage = storage::open(storage_kind, Some(conn.clone()), &engine.session)?;
    let storage_is_none = *storage_kind == StorageKind::None;
    let files = discovery::list(&folder, what)?;
    let checksums_on = match (kind, engine.safety.checksums) {
        (Kind::Seeder, _) => false,
        (Kind::Migration, Some(on)) => on,
        (Kind::Migration, None) => checksum::from_config(&cfg.section)?,
    };
    let checksums = checksums_on.then(|| {
        let schema = match &cfg.migration_storage {
            StorageKind::Sequelize { schema, .. } => schema.clone(),
            _ => None,
        };
        ChecksumTable::new(conn.clone(), cfg.dialect, schema)
    });
    let inflight = match kind {
        Kind::Migration => {
            InflightTarget::for_database(&cfg.connect, &cfg.migration_storage, &engine.project.cwd)
        }
        Kind::Seeder => None,
    };
    let lock_held = run_lock.as_ref().is_some_and(RunLock::is_held);
    Ok(Prepared {
        files,
        storage,
        storage_is_none,
        conn,
        atomic,
        checksums,
        inflight,
        lock_held,
        _fast: fast,
        _lock: run_lock,
    })
}

/// One lock per database and migrations table, for the migration and the seed commands
/// alike: a seeder usually needs the schema the migrations are building.
fn lock_storage_name(kind: &StorageKind) -> String {
    match kind {
        StorageKind::Sequelize { table, schema } => {
            format!("{}.{table}", schema.as_deref().unwrap_or("public"))
        }
        _ => "public.SequelizeMeta".into(),
    }
}

/// Report the marker a killed run left, if any. `plan` is what this command is about to
/// run, in `direction`. A command that holds the lock and changes the database (not a dry
/// run) removes a marker that no longer means anything: the migration finished, or its
/// transaction died with the process. A partly applied one keeps its marker until that
/// migration runs again.
fn report_interrupted(
    engine: &Engine,
    p: &mut Prepared,
    executed: &[String],
    plan: Option<(&[MigrationFile], Direction)>,
    reporter: &mut dyn Reporter,
) {
    let lock_held = p.lock_held;
    let Some(target) = &mut p.inflight else {
        return;
    };
    let found = target.inspect(|f| executed.iter().any(|e| e == f), lock_held);
    let mut found = match found {
        Ok(Some(i)) => i,
        Ok(None) => return,
        Err(why) => {
            reporter.event(Event::Warning(&format!(
                "seqmig: cannot read the in-flight marker {}: {why}; delete it if no seqmig run is in progress",
                target.path().display()
            )));
            return;
        }
    };
    if found.marker.database != target.database() {
        return;
    }
    found.runs_again = plan.is_some_and(|(list, direction)| {
        direction == found.marker.direction() && list.iter().any(|m| m.file == found.marker.file)
    });
    // An after-restart warning names a recorded migration, which never runs again: say it
    // once, in the run that changes the database, then let it go.
    let settled = matches!(
        found.verdict,
        Verdict::Finished | Verdict::RolledBack | Verdict::AfterRestart
    );
    if found.verdict != Verdict::Finished {
        reporter.event(Event::Interrupted(&found));
    }
    let changes_database = plan.is_some() && !engine.safety.dry_run;
    if !settled {
        target.carry(found.marker);
    } else if changes_database {
        if let Err(e) = target.clear() {
            reporter.event(Event::Warning(&format!(
                "seqmig: cannot remove the in-flight marker {}: {e}",
                target.path().display()
            )));
        }
    }
}

/// Run `body` inside the dry run's transaction when one was asked, and roll it back.
fn maybe_dry<T>(
    engine: &mut Engine,
    p: &mut Prepared,
    reporter: &mut dyn Reporter,
    body: impl FnOnce(&mut Engine, &mut Prepared, &mut dyn Reporter) -> Result<T, CoreError>,
) -> Result<T, CoreError> {
    if !engine.safety.dry_run {
        return body(engine, p, reporter);
    }
    reporter.event(Event::Warning(DRY_RUN_START));
    atomic::begin(&engine.session, &p.conn)?;
    let result = body(engine, p, reporter);
    let outcome = atomic::rollback(&engine.session, &p.conn);
    let end = rolled_back_line(&engine.session, outcome, "dry run");
    reporter.event(Event::Warning(end.as_deref().unwrap_or(DRY_RUN_END)));
    result
}

/// What the final rollback of the dry run (or verify) left, when it is not "exactly as it
/// was": a migration ended the transaction itself, or the rollback failed.
pub(crate) fn rolled_back_line(
    session: &crate::session::Session,
    outcome: atomic::RollbackOutcome,
    who: &str,
) -> Option<String> {
    let (whose, the) = match who {
        "dry run" => ("the dry run's", "the dry run"),
        _ => ("verify's", "verify"),
    };
    let lost = session.watch().outer_lost();
    match (lost, outcome) {
        (None, atomic::RollbackOutcome::RolledBack) => None,
        (Some((sql, committed)), _) => {
            let sql: String = sql.split_whitespace().collect::<Vec<_>>().join(" ");
            Some(match committed {
                Some(true) => format!(
                    "seqmig: {who}: NOT rolled back: a migration committed {whose} transaction itself (`{sql}`), so everything {the} ran up to it is in the database; see the error above."
                ),
                Some(false) => format!(
                    "seqmig: {who}: a migration rolled back {whose} transaction itself (`{sql}`): what it ran after that, outside any transaction, stays applied; see the error above."
                ),
                None => format!(
                    "seqmig: {who}: a migration ended {whose} transaction itself (`{sql}`): the database did not tell whether it committed; check the database."
                ),
            })
        }
        (None, atomic::RollbackOutcome::Failed(why)) => Some(format!(
            "seqmig: {who}: rolling back failed ({why}): the database may have been changed; check it."
        )),
        (None, atomic::RollbackOutcome::NotOpen) => Some(format!(
            "seqmig: {who}: its transaction was no longer open at the end: the database may have been changed; check it."
        )),
    }
}

pub const DRY_RUN_START: &str =
    "seqmig: dry run: every statement below runs inside one transaction that is rolled back at the end.";
pub const DRY_RUN_END: &str = "seqmig: dry run: rolled back; the database is exactly as it was.";

/// `db:migrate`.
pub fn migrate(
    engine: &mut Engine,
    opts: &UpOptions,
    reporter: &mut dyn Reporter,
) -> Result<(), CoreError> {
    let mut p = prepare(engine, Kind::Migration, reporter, true)?;
    maybe_dry(engine, &mut p, reporter, |engine, p, reporter| {
        let executed = p.storage.executed()?;
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
/// on, an executed one whose file changed or went missing says so.
pub fn status(engine: &mut Engine, reporter: &mut dyn Reporter) -> Result<(), CoreError> {
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
    for m in plan::pending(&p.files, &executed) {
        reporter.event(Event::Status {
            file: &m.file,
            executed: false,
            note: None,
        });
    }
    Ok(())
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
