//! The run lock: one seqmig run at a time changes a database. sequelize-cli has none, so
//! two deploys starting together both apply the same migration; seqmig serialises them,
//! and the ones that waited then find nothing left to do.
//!
//! PostgreSQL: a session advisory lock on the run's own connection, keyed by the database
//! and the storage table, so nothing is written and the lock dies with the connection.
//! SQLite: `flock` on the database file itself. Linux keeps flock and the fcntl locks
//! SQLite uses apart, so the migrations' own transactions are not blocked, and no extra
//! file appears next to the database.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use seqmig_db::{ConnectOptions, SharedConnection, Value};
use sha2::{Digest, Sha256};

use crate::error::CoreError;

/// How often a waiting PostgreSQL run asks again (flock has no blocking call with a timeout).
const POLL: Duration = Duration::from_millis(100);

/// The line printed once while a run waits.
pub const WAITING: &str = "seqmig: waiting for the migration lock held by another run…";

/// Held for the whole command; released on drop (and by the OS if the process dies).
pub enum RunLock {
    /// `flock` on the SQLite file.
    File(Option<File>),
    /// `pg_advisory_lock(key)` on the run's connection.
    Advisory { conn: SharedConnection, key: i64 },
    /// Nothing to lock: an in-memory SQLite database.
    Nothing,
}

/// What the lock protects: the database and the bookkeeping table in it.
#[derive(Debug, Clone)]
pub struct LockTarget {
    pub connect: ConnectOptions,
    /// `schema.table` of the storage (`public.SequelizeMeta` by default).
    pub storage: String,
}

/// The advisory-lock key: stable across runs and machines, distinct per database and table.
pub fn advisory_key(database: &str, storage: &str) -> i64 {
    let digest = Sha256::digest(format!("seqmig\0{database}\0{storage}").as_bytes());
    i64::from_be_bytes(digest[..8].try_into().expect("8 bytes"))
}

/// Take the lock, waiting up to `timeout`; `waiting` is called once when the first try fails.
pub fn acquire(
    target: &LockTarget,
    conn: &SharedConnection,
    timeout: Duration,
    waiting: &mut dyn FnMut(),
) -> Result<RunLock, CoreError> {
    match &target.connect {
        ConnectOptions::Sqlite { storage } => sqlite_lock(storage, timeout, waiting),
        ConnectOptions::Postgres(_) => advisory_lock(&target.storage, conn, timeout, waiting),
    }
}

fn timed_out(timeout: Duration) -> CoreError {
    CoreError::Safety(format!(
        "seqmig: gave up after {}s waiting for the migration lock held by another run (--lock-timeout <seconds> waits longer)",
        timeout.as_secs()
    ))
}

fn sqlite_lock(
    storage: &Path,
    timeout: Duration,
    waiting: &mut dyn FnMut(),
) -> Result<RunLock, CoreError> {
    if storage.as_os_str().is_empty() || storage.as_os_str() == ":memory:" {
        return Ok(RunLock::Nothing);
    }
    // The connection has already created the file; open it without truncating.
    let path: PathBuf = storage.to_path_buf();
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .or_else(|_| File::open(&path))
        .map_err(|e| CoreError::io(format!("cannot open {} to lock it", path.display()), e))?;
    let started = Instant::now();
    let mut announced = false;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(RunLock::File(Some(file))),
            Err(TryLockError::WouldBlock) => {}
            Err(TryLockError::Error(e)) => {
                return Err(CoreError::io(format!("cannot lock {}", path.display()), e))
            }
        }
        if !announced {
            waiting();
            announced = true;
        }
        if started.elapsed() >= timeout {
            return Err(timed_out(timeout));
        }
        std::thread::sleep(POLL.min(timeout.saturating_sub(started.elapsed())));
    }
}

fn advisory_lock(
    storage: &str,
    conn: &SharedConnection,
    timeout: Duration,
    waiting: &mut dyn FnMut(),
) -> Result<RunLock, CoreError> {
    let database = {
        let r = conn.borrow_mut().query("SELECT current_database()", &[])?;
        match r.rows.first().and_then(|row| row.first()) {
            Some(Value::Text(t)) => t.clone(),
            other => format!("{other:?}"),
        }
    };
    let key = advisory_key(&database, storage);
    let started = Instant::now();
    let mut announced = false;
    loop {
        let r = conn
            .borrow_mut()
            .query(&format!("SELECT pg_try_advisory_lock({key}::bigint)"), &[])?;
        let got = matches!(
            r.rows.first().and_then(|row| row.first()),
            Some(Value::Bool(true))
        ) || matches!(r.rows.first().and_then(|row| row.first()), Some(Value::Text(t)) if t == "t" || t == "true");
        if got {
            return Ok(RunLock::Advisory {
                conn: conn.clone(),
                key,
            });
        }
        if !announced {
            waiting();
            announced = true;
        }
        if started.elapsed() >= timeout {
            return Err(timed_out(timeout));
        }
        std::thread::sleep(POLL.min(timeout.saturating_sub(started.elapsed())));
    }
}

impl Drop for RunLock {
    fn drop(&mut self) {
        match self {
            RunLock::File(file) => {
                if let Some(file) = file.take() {
                    let _ = file.unlock();
                    // Closing a descriptor of the database file would drop every fcntl lock
                    // SQLite holds on it in this process (POSIX semantics), so keep it open.
                    std::mem::forget(file);
                }
            }
            RunLock::Advisory { conn, key } => {
                if let Ok(mut c) = conn.try_borrow_mut() {
                    let _ = c.query(&format!("SELECT pg_advisory_unlock({key}::bigint)"), &[]);
                }
            }
            RunLock::Nothing => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;
    use std::rc::Rc;

    fn sqlite(path: &Path) -> (LockTarget, SharedConnection) {
        let opts = ConnectOptions::Sqlite {
            storage: path.to_path_buf(),
        };
        let conn = seqmig_db::connect(&opts).unwrap();
        (
            LockTarget {
                connect: opts,
                storage: "SequelizeMeta".into(),
            },
            Rc::new(RefCell::new(conn)),
        )
    }

    #[test]
    fn advisory_keys_differ_per_database_and_table() {
        let a = advisory_key("app", "public.SequelizeMeta");
        assert_eq!(a, advisory_key("app", "public.SequelizeMeta"));
        assert_ne!(a, advisory_key("app2", "public.SequelizeMeta"));
        assert_ne!(a, advisory_key("app", "public.SequelizeData"));
    }

    #[test]
    fn a_second_sqlite_lock_waits_then_times_out_and_the_database_stays_usable() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite");
        let (target, conn) = sqlite(&path);
        let held = acquire(&target, &conn, Duration::from_secs(1), &mut || {}).unwrap();
        let (target2, conn2) = sqlite(&path);
        let mut waited = 0;
        let started = Instant::now();
        let err = acquire(&target2, &conn2, Duration::from_millis(300), &mut || {
            waited += 1
        })
        .err()
        .expect("the second lock must time out");
        assert_eq!(waited, 1);
        assert!(started.elapsed() >= Duration::from_millis(300));
        assert!(
            err.to_string().contains("gave up after 0s waiting"),
            "{err}"
        );
        // flock does not block SQLite's own locking: the waiter may still write.
        conn2
            .borrow_mut()
            .execute_batch("BEGIN IMMEDIATE; CREATE TABLE t (a); COMMIT;")
            .unwrap();
        drop(held);
        let again = acquire(&target2, &conn2, Duration::from_millis(300), &mut || {
            panic!("the lock was released")
        });
        assert!(again.is_ok());
        // No lock file next to the database.
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }

    #[test]
    fn in_memory_sqlite_needs_no_lock() {
        let (target, conn) = sqlite(Path::new(":memory:"));
        assert!(matches!(
            acquire(&target, &conn, Duration::ZERO, &mut || {}).unwrap(),
            RunLock::Nothing
        ));
    }
}
