//! A run's durability on SQLite. In the default rollback-journal mode every autocommitted
//! statement of a migration costs several fsyncs, which is nearly all of a migration's
//! time on a disk. For a run that changes the database, seqmig switches the file to WAL
//! with `synchronous=NORMAL` (commits append to the WAL without syncing; the WAL keeps
//! their order, so a crash or SIGKILL leaves the database as of some committed statement,
//! exactly what an interrupted sequelize-cli leaves), and at the end checkpoints (one
//! sync) and switches back, so the file is a rollback-journal database again with no
//! -wal/-shm beside it.
//!
//! A marker file `<db>-seqmig-journal` exists while the database is in WAL because of
//! seqmig: a run killed before it could switch back leaves it, and the next run that
//! changes the database restores the mode it names. A database the user put in WAL has
//! no marker and is left alone.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{map_error, SqliteConnection};
use crate::DbError;

/// What `begin_fast` changed, to be put back by `end_fast`.
#[derive(Debug)]
pub(super) struct FastState {
    /// The journal mode the file had before seqmig's first run switched it.
    original: String,
    /// This connection's `synchronous` before (0-3).
    synchronous: i64,
}

/// `<db>-seqmig-journal`, beside SQLite's own `<db>-journal` and `<db>-wal`.
pub fn journal_marker(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push("-seqmig-journal");
    PathBuf::from(name)
}

/// The journal modes a file can be switched back to (anything else reads as `delete`,
/// SQLite's default, so that the marker's text never reaches SQL unchecked).
fn known_mode(text: &str) -> String {
    let mode = text.trim().to_ascii_lowercase();
    match mode.as_str() {
        "delete" | "truncate" | "persist" => mode,
        _ => "delete".into(),
    }
}

fn io_error(what: &str, path: &Path, e: std::io::Error) -> DbError {
    DbError::statement(format!("seqmig: cannot {what} {}: {e}", path.display()))
}

/// Writes the marker and syncs it and its folder: a WAL header must never outlive the
/// record of what to restore.
fn write_marker(marker: &Path, original: &str) -> Result<(), DbError> {
    let mut file = std::fs::File::create(marker).map_err(|e| io_error("create", marker, e))?;
    let text = format!(
        "{original}\n# seqmig put this database in WAL mode for a run; the next seqmig run that changes it restores the journal mode above and removes this file.\n"
    );
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|e| io_error("write", marker, e))?;
    sync_parent(marker);
    Ok(())
}

fn sync_parent(path: &Path) {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    // Best effort: a folder that cannot be opened for syncing still holds the file.
    if let Ok(dir) = std::fs::File::open(parent) {
        let _ = dir.sync_all();
    }
}

impl SqliteConnection {
    fn pragma_text(&self, sql: &str) -> Result<String, DbError> {
        self.conn
            .query_row(sql, [], |row| row.get::<_, String>(0))
            .map_err(map_error)
    }

    pub(super) fn journal_mode(&self) -> Result<String, DbError> {
        Ok(self
            .pragma_text("PRAGMA journal_mode")?
            .to_ascii_lowercase())
    }

    /// Switch to WAL + `synchronous=NORMAL` for the run (see the module comment). A
    /// database that cannot be switched (another process holds it) keeps its mode.
    pub(super) fn begin_fast(&mut self) -> Result<(), DbError> {
        let Some(path) = self.file.clone() else {
            return Ok(());
        };
        if self.fast.is_some() {
            return Ok(());
        }
        let marker = journal_marker(&path);
        let current = self.journal_mode()?;
        let left_by_a_killed_run = std::fs::read_to_string(&marker).ok();
        let original = match &left_by_a_killed_run {
            Some(text) => known_mode(text.lines().next().unwrap_or("")),
            // The user's own WAL: nothing to change, nothing to restore.
            None if current == "wal" => return Ok(()),
            None => {
                write_marker(&marker, &current)?;
                known_mode(&current)
            }
        };
        if current != "wal" {
            let switched = self.pragma_text("PRAGMA journal_mode=WAL").ok();
            if switched.as_deref() != Some("wal") {
                if left_by_a_killed_run.is_none() {
                    let _ = std::fs::remove_file(&marker);
                }
                return Ok(());
            }
        }
        let synchronous = self
            .conn
            .query_row("PRAGMA synchronous", [], |row| row.get::<_, i64>(0))
            .map_err(map_error)?;
        self.conn
            .execute_batch("PRAGMA synchronous=NORMAL")
            .map_err(map_error)?;
        self.fast = Some(FastState {
            original,
            synchronous,
        });
        Ok(())
    }

    /// Checkpoint everything into the database file (synced), switch back to the original
    /// journal mode and remove the marker. On failure the marker stays, and so does the
    /// state: a later call (or the next run) tries again.
    pub(super) fn end_fast(&mut self) -> Result<(), DbError> {
        let Some(path) = self.file.clone() else {
            return Ok(());
        };
        self.restore_journal(&path).map_err(|mut e| {
            e.message = format!(
                "{} stays in WAL mode until the next seqmig run that changes it ({}; another process may have it open)",
                path.display(),
                e.message
            );
            e
        })
    }

    fn restore_journal(&mut self, path: &Path) -> Result<(), DbError> {
        let Some(state) = self.fast.as_ref() else {
            return Ok(());
        };
        // A transaction a migration left open ends with the process under sequelize-cli,
        // uncommitted; the mode cannot change inside one.
        if !self.conn.is_autocommit() {
            self.conn.execute_batch("ROLLBACK").map_err(map_error)?;
        }
        self.conn
            .execute_batch(&format!(
                "PRAGMA synchronous={}",
                state.synchronous.clamp(0, 3)
            ))
            .map_err(map_error)?;
        let busy: i64 = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |row| row.get(0))
            .map_err(map_error)?;
        if busy != 0 {
            return Err(DbError::statement(
                "SQLITE_BUSY: seqmig could not checkpoint the WAL: another connection is reading the database",
            ));
        }
        let wanted = state.original.clone();
        let mode = self.pragma_text(&format!("PRAGMA journal_mode={wanted}"))?;
        if !mode.eq_ignore_ascii_case(&wanted) {
            return Err(DbError::statement(format!(
                "SQLITE_BUSY: seqmig could not switch the database back to journal_mode={wanted} (still {mode}): another connection has it open"
            )));
        }
        let marker = journal_marker(path);
        match std::fs::remove_file(&marker) {
            Ok(()) => sync_parent(&marker),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io_error("remove", &marker, e)),
        }
        self.fast = None;
        Ok(())
    }
}

impl Drop for SqliteConnection {
    /// The last chance when the run's own call failed (another connection of the
    /// process, since closed, held the file); errors leave the marker for the next run.
    fn drop(&mut self) {
        if self.fast.is_some() {
            let _ = self.end_fast();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Connection;

    fn siblings(db: &Path) -> Vec<String> {
        let name = db.file_name().unwrap().to_string_lossy().into_owned();
        let mut found: Vec<String> = std::fs::read_dir(db.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|f| f.starts_with(&name) && *f != name)
            .collect();
        found.sort();
        found
    }

    fn synchronous(conn: &SqliteConnection) -> i64 {
        conn.conn
            .query_row("PRAGMA synchronous", [], |r| r.get(0))
            .unwrap()
    }

    fn count(conn: &mut SqliteConnection, table: &str) -> i64 {
        conn.conn
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn a_run_goes_through_wal_and_leaves_a_rollback_journal_database() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("db.sqlite");
        let mut conn = SqliteConnection::open(&db).unwrap();
        assert_eq!(conn.journal_mode().unwrap(), "delete");
        let before = synchronous(&conn);
        conn.begin_fast_run().unwrap();
        assert_eq!(conn.journal_mode().unwrap(), "wal");
        assert_eq!(synchronous(&conn), 1, "NORMAL");
        assert!(journal_marker(&db).is_file());
        conn.execute_batch("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1), (2);")
            .unwrap();
        conn.end_fast_run().unwrap();
        assert_eq!(conn.journal_mode().unwrap(), "delete");
        assert_eq!(synchronous(&conn), before);
        assert_eq!(
            siblings(&db),
            Vec::<String>::new(),
            "no -wal, -shm or marker"
        );
        drop(conn);
        // The header says rollback journal again: a fresh connection (or sqlite3) sees it.
        let mut again = SqliteConnection::open(&db).unwrap();
        assert_eq!(again.journal_mode().unwrap(), "delete");
        assert_eq!(count(&mut again, "t"), 2);
    }

    #[test]
    fn a_database_the_user_put_in_wal_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("db.sqlite");
        let mut conn = SqliteConnection::open(&db).unwrap();
        conn.execute_batch("PRAGMA journal_mode=WAL").unwrap();
        let before = synchronous(&conn);
        conn.begin_fast_run().unwrap();
        assert!(!journal_marker(&db).exists());
        assert_eq!(synchronous(&conn), before);
        conn.execute_batch("CREATE TABLE t (x INTEGER)").unwrap();
        conn.end_fast_run().unwrap();
        assert_eq!(conn.journal_mode().unwrap(), "wal");
    }

    #[test]
    fn in_memory_databases_have_nothing_to_switch() {
        let mut conn = SqliteConnection::open(Path::new(":memory:")).unwrap();
        conn.begin_fast_run().unwrap();
        assert!(conn.fast.is_none());
        conn.end_fast_run().unwrap();
    }

    /// SIGKILL leaves the files as they are: a copy of the database, its WAL and the
    /// marker taken mid-run is what the next run finds.
    #[test]
    fn the_next_run_restores_what_a_killed_run_left() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("db.sqlite");
        let mut conn = SqliteConnection::open(&db).unwrap();
        conn.begin_fast_run().unwrap();
        conn.execute_batch("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1);")
            .unwrap();
        let crash = tempfile::tempdir().unwrap();
        let copy = crash.path().join("db.sqlite");
        for suffix in ["", "-wal", "-seqmig-journal"] {
            let from = PathBuf::from(format!("{}{suffix}", db.display()));
            std::fs::copy(&from, format!("{}{suffix}", copy.display())).unwrap();
        }
        drop(conn);

        let mut next = SqliteConnection::open(&copy).unwrap();
        assert_eq!(next.journal_mode().unwrap(), "wal", "the killed run's mode");
        assert_eq!(count(&mut next, "t"), 1, "its commits are in the WAL");
        next.begin_fast_run().unwrap();
        next.execute_batch("INSERT INTO t VALUES (2)").unwrap();
        next.end_fast_run().unwrap();
        assert_eq!(next.journal_mode().unwrap(), "delete");
        assert_eq!(siblings(&copy), Vec::<String>::new());
        assert_eq!(count(&mut next, "t"), 2);
    }

    #[test]
    fn another_open_connection_keeps_the_marker_until_the_mode_can_be_restored() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("db.sqlite");
        let mut conn = SqliteConnection::open(&db).unwrap();
        conn.conn
            .busy_timeout(std::time::Duration::from_millis(50))
            .unwrap();
        conn.begin_fast_run().unwrap();
        conn.execute_batch("CREATE TABLE t (x INTEGER)").unwrap();
        let mut other = SqliteConnection::open(&db).unwrap();
        assert_eq!(count(&mut other, "t"), 0);
        let err = conn
            .end_fast_run()
            .expect_err("the other connection holds the WAL");
        assert!(err.message.contains("SQLITE_BUSY"), "{}", err.message);
        assert!(journal_marker(&db).is_file());
        drop(other);
        // Dropping the run's connection tries again, now alone.
        drop(conn);
        assert_eq!(siblings(&db), Vec::<String>::new());
        let again = SqliteConnection::open(&db).unwrap();
        assert_eq!(again.journal_mode().unwrap(), "delete");
    }
}
