//! SQLite's bookkeeping: `flock` on the database file as the run lock, the autocommit flag
//! as the transaction probe, and the statements Sequelize's sqlite dialect sends.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::time::Duration;

use seqmig_db::{ConnectOptions, Dialect, SharedConnection, Value};
use seqmig_sql::abstract_gen::QueryGenerator;
use seqmig_sql::sqlite::SqliteGenerator;
use seqmig_sql::statements::Statements;
use seqmig_sql::Table;

use super::{Bookkeeping, HeldLock, TxProbe};
use crate::database::{CreateOptions, DatabaseCommand};
use crate::error::CoreError;
use crate::lock::{self, RunLock};

pub struct SqliteBookkeeping;

/// The database file, unless the database lives in memory (and dies with the process).
fn file_of(connect: &ConnectOptions) -> Option<&Path> {
    match connect {
        ConnectOptions::Sqlite { storage }
            if !(storage.as_os_str().is_empty() || storage.as_os_str() == ":memory:") =>
        {
            Some(storage)
        }
        _ => None,
    }
}

impl Bookkeeping for SqliteBookkeeping {
    fn dialect(&self) -> Dialect {
        Dialect::Sqlite
    }

    fn names(&self) -> &'static [&'static str] {
        &["sqlite"]
    }

    fn generator(&self) -> Box<dyn QueryGenerator> {
        Box::new(SqliteGenerator::new())
    }

    fn schema_of(&self, _schema: Option<&str>) -> Option<String> {
        None
    }

    fn create_meta_table(&self, table: &str, timestamps: bool) -> String {
        let q = |c: &str| self.generator().quote_identifier(c);
        if timestamps {
            format!(
                "CREATE TABLE IF NOT EXISTS {table} ({} VARCHAR(255) NOT NULL UNIQUE PRIMARY KEY, {} DATETIME NOT NULL, {} DATETIME NOT NULL);",
                q("name"),
                q("createdAt"),
                q("updatedAt")
            )
        } else {
            format!(
                "CREATE TABLE IF NOT EXISTS {table} ({} VARCHAR(255) NOT NULL UNIQUE PRIMARY KEY);",
                q("name")
            )
        }
    }

    fn sync_columns_query(&self, quoted: &str, _table: &Table) -> (String, Vec<Value>) {
        (format!("PRAGMA TABLE_INFO({quoted});"), Vec::new())
    }

    fn table_exists_query(&self, table: &str, _schema: Option<&str>) -> (String, Vec<Value>) {
        (
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name = $1".into(),
            vec![Value::Text(table.into())],
        )
    }

    fn show_all_tables_query(&self) -> String {
        SqliteGenerator::new().show_tables_query()
    }

    fn describe_table_query(&self, table: &str) -> (String, usize) {
        (
            format!(
                "PRAGMA TABLE_INFO({});",
                self.generator().quote_identifier(table)
            ),
            1,
        )
    }

    fn database_command(
        &self,
        _connect: &ConnectOptions,
        _command: DatabaseCommand,
        _database: &str,
        _opts: &CreateOptions,
    ) -> Option<(ConnectOptions, String)> {
        None
    }

    /// IMMEDIATE takes the write lock now rather than failing to upgrade midway.
    fn begin_outer(&self) -> &'static str {
        "BEGIN IMMEDIATE"
    }

    fn transaction_blocker(&self, _lower: &str, squeezed: &str) -> Option<&'static str> {
        // Reading the pragma is fine; setting it is a silent no-op inside a transaction.
        if squeezed.contains("pragmaforeign_keys=") || squeezed.contains("pragmaforeign_keys(") {
            return Some("sets PRAGMA foreign_keys");
        }
        None
    }

    fn tx_probe(&self) -> TxProbe {
        TxProbe::DriverReports
    }

    /// `flock` on the database file itself. Linux keeps flock and the fcntl locks SQLite
    /// uses apart, so the migrations' own transactions are not blocked, and no extra file
    /// appears next to the database.
    fn acquire_lock(
        &self,
        connect: &ConnectOptions,
        _storage: &str,
        _conn: &SharedConnection,
        timeout: Duration,
        waiting: &mut dyn FnMut(),
    ) -> Result<RunLock, CoreError> {
        let Some(storage) = file_of(connect) else {
            return Ok(RunLock::nothing());
        };
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
        lock::poll(timeout, waiting, || match file.try_lock() {
            Ok(()) => Ok(true),
            Err(TryLockError::WouldBlock) => Ok(false),
            Err(TryLockError::Error(e)) => {
                Err(CoreError::io(format!("cannot lock {}", path.display()), e))
            }
        })?;
        Ok(RunLock::held(FileLock(Some(file))))
    }

    fn crash_marker_place(
        &self,
        connect: &ConnectOptions,
        storage: &str,
        cwd: &Path,
    ) -> Option<(PathBuf, String)> {
        let storage_file = file_of(connect)?;
        let file = if storage_file.is_absolute() {
            storage_file.to_path_buf()
        } else {
            cwd.join(storage_file)
        };
        let file = fs::canonicalize(&file).unwrap_or(file);
        let mut name = file.clone().into_os_string();
        name.push(".seqmig-inflight");
        Some((
            PathBuf::from(name),
            format!("sqlite:{}#{storage}", file.display()),
        ))
    }

    fn schema_snapshot_queries(&self) -> &'static [&'static str] {
        &["SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND tbl_name NOT IN ('SequelizeMeta', 'SequelizeMetaChecksums') ORDER BY type, name"]
    }
}

/// `flock` held on the SQLite file.
struct FileLock(Option<File>);

impl HeldLock for FileLock {}

impl Drop for FileLock {
    fn drop(&mut self) {
        if let Some(file) = self.0.take() {
            let _ = file.unlock();
            // Closing a descriptor of the database file would drop every fcntl lock
            // SQLite holds on it in this process (POSIX semantics), so keep it open.
            std::mem::forget(file);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::atomic::blocker;

    #[test]
    fn finds_what_cannot_run_in_a_sqlite_transaction() {
        let sq = &SqliteBookkeeping;
        let index = "await qi.addIndex('t', ['a'], { concurrently: true });";
        assert_eq!(blocker(index, sq), None, "sqlite ignores concurrently");
        assert_eq!(blocker("q.query('VACUUM')", sq), Some("uses VACUUM"));
        assert_eq!(blocker("{ vacuum_count: 1 }", sq), None);
        assert_eq!(
            blocker("q.query('PRAGMA foreign_keys = OFF')", sq),
            Some("sets PRAGMA foreign_keys")
        );
        assert_eq!(blocker("q.query('PRAGMA foreign_keys')", sq), None);
        assert_eq!(
            blocker(
                "module.exports = {up, down};\nmodule.exports.transaction = false;",
                sq
            ),
            Some("sets exports.transaction = false")
        );
    }
}
