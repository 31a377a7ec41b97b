//! The run lock: one seqmig run at a time changes a database. sequelize-cli has none, so
//! two deploys starting together both apply the same migration; seqmig serialises them,
//! and the ones that waited then find nothing left to do. How a dialect locks is its
//! bookkeeping's `acquire_lock`; the waiting is here.

use std::time::{Duration, Instant};

use seqmig_db::{ConnectOptions, SharedConnection};

use crate::bookkeeping::{Bookkeeping, HeldLock};
use crate::error::CoreError;

/// How often a waiting run asks again (flock has no blocking call with a timeout).
const POLL: Duration = Duration::from_millis(100);

/// The line printed once while a run waits.
pub const WAITING: &str = "seqmig: waiting for the migration lock held by another run…";

/// Held for the whole command; released on drop (and by the OS if the process dies).
pub struct RunLock(Option<Box<dyn HeldLock>>);

impl RunLock {
    /// Nothing to lock (an in-memory SQLite database).
    pub fn nothing() -> RunLock {
        RunLock(None)
    }

    pub fn held(lock: impl HeldLock + 'static) -> RunLock {
        RunLock(Some(Box::new(lock)))
    }

    pub fn is_held(&self) -> bool {
        self.0.is_some()
    }
}

/// What the lock protects: the database and the bookkeeping table in it.
#[derive(Debug, Clone)]
pub struct LockTarget {
    pub connect: ConnectOptions,
    /// `schema.table` of the storage (`public.SequelizeMeta` by default).
    pub storage: String,
}

/// Take the lock, waiting up to `timeout`; `waiting` is called once when the first try fails.
pub fn acquire(
    bk: &dyn Bookkeeping,
    target: &LockTarget,
    conn: &SharedConnection,
    timeout: Duration,
    waiting: &mut dyn FnMut(),
) -> Result<RunLock, CoreError> {
    bk.acquire_lock(&target.connect, &target.storage, conn, timeout, waiting)
}

/// Call `try_once` until it takes the lock (`Ok(true)`), calling `waiting` once after the
/// first refusal, and give up after `timeout`.
pub fn poll(
    timeout: Duration,
    waiting: &mut dyn FnMut(),
    mut try_once: impl FnMut() -> Result<bool, CoreError>,
) -> Result<(), CoreError> {
    let started = Instant::now();
    let mut announced = false;
    loop {
        if try_once()? {
            return Ok(());
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

fn timed_out(timeout: Duration) -> CoreError {
    CoreError::Safety(format!(
        "seqmig: gave up after {}s waiting for the migration lock held by another run (--lock-timeout <seconds> waits longer)",
        timeout.as_secs()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bookkeeping::SqliteBookkeeping;
    use std::cell::RefCell;
    use std::path::Path;
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
    fn a_second_sqlite_lock_waits_then_times_out_and_the_database_stays_usable() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite");
        let (target, conn) = sqlite(&path);
        let held = acquire(
            &SqliteBookkeeping,
            &target,
            &conn,
            Duration::from_secs(1),
            &mut || {},
        )
        .unwrap();
        let (target2, conn2) = sqlite(&path);
        let mut waited = 0;
        let started = Instant::now();
        let err = acquire(
            &SqliteBookkeeping,
            &target2,
            &conn2,
            Duration::from_millis(300),
            &mut || waited += 1,
        )
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
        let again = acquire(
            &SqliteBookkeeping,
            &target2,
            &conn2,
            Duration::from_millis(300),
            &mut || panic!("the lock was released"),
        );
        assert!(again.is_ok());
        // No lock file next to the database.
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }

    #[test]
    fn in_memory_sqlite_needs_no_lock() {
        let (target, conn) = sqlite(Path::new(":memory:"));
        assert!(!acquire(
            &SqliteBookkeeping,
            &target,
            &conn,
            Duration::ZERO,
            &mut || {}
        )
        .unwrap()
        .is_held());
    }
}
