//! The run of a command, written once: `prepare` (config, connection, lock, storage,
//! files, checksums, crash marker), the dry run's transaction around a command, what a
//! killed run left, and `run_all` (in `run.rs`). The commands (`commands.rs`, `verify.rs`)
//! call it; dialect details are the bookkeeping's.

mod run;

use std::path::Path;
use std::time::Duration;

use seqmig_db::SharedConnection;

use crate::atomic::{self, AtomicMode};
use crate::bookkeeping::ScratchCopy;
use crate::checksum::{self, ChecksumTable};
use crate::crash_marker::{InflightTarget, Verdict};
use crate::dbconfig::StorageKind;
use crate::discovery::{self, MigrationFile};
use crate::engine::Engine;
use crate::error::CoreError;
use crate::lock::{self, LockTarget, RunLock};
use crate::plan::Direction;
use crate::report::{Event, Reporter};
use crate::session::FastRun;
use crate::storage::{self, Storage};

pub(crate) use run::{forgotten_awaits, run_all, run_one};

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
    pub(crate) storage_is_none: bool,
    pub(crate) conn: SharedConnection,
    pub(crate) atomic: AtomicMode,
    /// Set when checksums are on (migrations only).
    pub(crate) checksums: Option<ChecksumTable>,
    /// Where the in-flight marker goes (migrations on a database that outlives the run).
    pub(crate) inflight: Option<InflightTarget>,
    /// This run holds the migration lock: no other locked run is mid-migration.
    lock_held: bool,
    /// `--dry-run` / verify on a database whose DDL does not roll back: the scratch copy
    /// the run uses instead of the real database. Declared before `_lock`: it is dropped
    /// while the run still holds the lock.
    pub(crate) scratch: Option<ScratchCopy>,
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
    let scratch_for = engine.safety.dry_run.then_some("--dry-run");
    prepare_for(engine, kind, reporter, lock, scratch_for)
}

/// `prepare`, for a command that must not change the database (`scratch_for` names it:
/// `--dry-run`, `db:migrate:verify`): where DDL does not roll back, the run is switched
/// to a scratch copy of the database, made after the lock is taken.
pub(crate) fn prepare_for(
    engine: &mut Engine,
    kind: Kind,
    reporter: &mut dyn Reporter,
    lock: bool,
    scratch_for: Option<&'static str>,
) -> Result<Prepared, CoreError> {
    let cfg = engine.load_config(reporter)?;
    let atomic = match (kind, engine.safety.atomic) {
        (Kind::Seeder, _) => AtomicMode::Off,
        (Kind::Migration, Some(mode)) => mode,
        (Kind::Migration, None) => AtomicMode::from_config(&cfg.section)?,
    };
    if atomic != AtomicMode::Off && !crate::bookkeeping::of(cfg.dialect).transactional_ddl() {
        return Err(CoreError::Usage(format!(
            "seqmig: --atomic needs DDL that rolls back, which {} does not have (it commits every CREATE/ALTER/DROP at once, so a failed migration could not be undone); nothing was run: run without --atomic (or seqmigAtomic)",
            cfg.dialect.name()
        )));
    }
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
    let scratch = match scratch_for {
        Some(what) => open_scratch(engine, &conn, what, reporter)?,
        None => None,
    };
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
        scratch,
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
pub(crate) fn report_interrupted(
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
pub(crate) fn maybe_dry<T>(
    engine: &mut Engine,
    p: &mut Prepared,
    reporter: &mut dyn Reporter,
    body: impl FnOnce(&mut Engine, &mut Prepared, &mut dyn Reporter) -> Result<T, CoreError>,
) -> Result<T, CoreError> {
    if !engine.safety.dry_run {
        return body(engine, p, reporter);
    }
    if p.scratch.is_some() {
        let result = body(engine, p, reporter);
        return close_scratch(engine, p, "dry run", result, reporter);
    }
    refuse_without_transactional_ddl(engine, "--dry-run")?;
    reporter.event(Event::Warning(DRY_RUN_START));
    atomic::begin(&engine.session, &p.conn)?;
    let result = body(engine, p, reporter);
    let outcome = atomic::rollback(&engine.session, &p.conn);
    let end = rolled_back_line(&engine.session, outcome, "dry run");
    reporter.event(Event::Warning(end.as_deref().unwrap_or(DRY_RUN_END)));
    result
}

/// Make the scratch copy a dry run or verify (`what`) runs on, where DDL does not roll
/// back, and point the run at it: the connection's default database, and what the
/// migrations see as `sequelize.config.database`. `None` where DDL rolls back.
fn open_scratch(
    engine: &mut Engine,
    conn: &SharedConnection,
    what: &'static str,
    reporter: &mut dyn Reporter,
) -> Result<Option<ScratchCopy>, CoreError> {
    let bk = crate::bookkeeping::of(engine.session.dialect());
    if bk.transactional_ddl() {
        return Ok(None);
    }
    let Some(copy) = bk.scratch_copy(conn, what) else {
        return Ok(None);
    };
    let copy = copy?;
    let who = if what == "--dry-run" {
        "dry run"
    } else {
        "verify"
    };
    for orphan in &copy.orphans_dropped {
        reporter.event(Event::Warning(&format!(
            "seqmig: {who}: dropped the scratch database `{orphan}`, left by a run that died"
        )));
    }
    reporter.event(Event::Warning(&format!(
        "seqmig: {who}: {} has no DDL that rolls back, so this runs on a scratch copy of `{}`: `{}` ({} table(s), {} row(s), {} view(s) copied), dropped at the end. Unqualified SQL, sequelize.config.database and new Sequelize(...) of the config reach the copy; a migration whose source names `{}.` is stopped before it runs.",
        engine.session.dialect().name(),
        copy.real,
        copy.name,
        copy.tables,
        copy.rows,
        copy.views,
        copy.real,
    )));
    if !copy.not_copied.is_empty() {
        reporter.event(Event::Warning(&format!(
            "seqmig: {who}: not copied to the scratch copy (what uses them behaves differently there): {}",
            copy.not_copied.join(", ")
        )));
    }
    engine.set_context_database(&copy.name, &copy.real);
    Ok(Some(copy))
}

/// The end of a run on the scratch copy: check that the real database's schema and
/// bookkeeping rows did not change, drop the copy, and say so. A change is an error even
/// when `result` is not.
pub(crate) fn close_scratch<T>(
    engine: &mut Engine,
    p: &mut Prepared,
    who: &str,
    result: Result<T, CoreError>,
    reporter: &mut dyn Reporter,
) -> Result<T, CoreError> {
    let Some(mut copy) = p.scratch.take() else {
        return result;
    };
    let real = copy.real.clone();
    engine.restore_context_database(&real);
    // Dropped first: the connection is then back on the real database, as it was when the
    // first fingerprint was taken (`SHOW CREATE VIEW` qualifies names by the current one).
    let dropped = copy.drop_copy();
    let changes = copy.real_changes();
    let mut problem = None;
    match &changes {
        Ok(c) if c.is_empty() => {}
        Ok(c) => {
            reporter.event(Event::Warning(&format!(
                "seqmig: {who}: the schema or SequelizeMeta of `{real}` changed while it ran (a migration named `{real}` itself, or another client changed it):\n{}",
                c.iter().map(|l| format!("    {l}")).collect::<Vec<_>>().join("\n")
            )));
            problem = Some(format!(
                "seqmig: {who}: `{real}` was changed while it ran; see above"
            ));
        }
        Err(e) => {
            problem = Some(format!(
                "seqmig: {who}: could not read `{real}` again to check that it is unchanged: {e}"
            ));
        }
    }
    let end = match dropped {
        Ok(()) => format!(
            "seqmig: {who}: done on the scratch copy `{}`, which is dropped; {}",
            copy.name,
            unchanged(&changes, &real)
        ),
        Err(why) => {
            if problem.is_none() {
                problem = Some(format!(
                    "seqmig: {who}: the scratch copy `{}` could not be dropped: {why}",
                    copy.name
                ));
            }
            format!(
                "seqmig: {who}: dropping the scratch copy `{}` failed ({why}): drop it by hand (DROP DATABASE `{}`), or let the next dry run drop it; {}",
                copy.name, copy.name, unchanged(&changes, &real)
            )
        }
    };
    reporter.event(Event::Warning(&end));
    match (result, problem) {
        (Err(e), _) => Err(e),
        (Ok(_), Some(line)) => Err(CoreError::Safety(line)),
        (Ok(v), None) => Ok(v),
    }
}

/// What the end of a scratch run can say of the real database: checked, not assumed.
fn unchanged(changes: &Result<Vec<String>, CoreError>, real: &str) -> String {
    match changes {
        Ok(c) if c.is_empty() => format!(
            "seqmig sent `{real}` only reads, and its schema and SequelizeMeta are as they were."
        ),
        Ok(_) => format!("`{real}` changed while it ran, as listed above."),
        Err(_) => format!("whether `{real}` is unchanged could not be checked."),
    }
}

/// The dry run and verify roll back what they ran: on a database whose DDL commits at once
/// that would leave it applied.
pub(crate) fn refuse_without_transactional_ddl(
    engine: &Engine,
    what: &str,
) -> Result<(), CoreError> {
    let dialect = engine.session.dialect();
    if crate::bookkeeping::of(dialect).transactional_ddl() {
        return Ok(());
    }
    Err(CoreError::Usage(format!(
        "seqmig: {what} needs DDL that rolls back, which {} does not have",
        dialect.name()
    )))
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
