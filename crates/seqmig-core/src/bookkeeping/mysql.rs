//! MySQL's and MariaDB's bookkeeping (Sequelize's `mysql` and `mariadb` dialects, one
//! impl with a flag): a session-level `GET_LOCK()` as the run lock (released with the
//! connection, whatever kills the run), the meta table as Sequelize's mysql dialect
//! creates it, `db:create` / `db:drop` without a database, and no transactional DDL:
//! MySQL commits every CREATE / ALTER / DROP at once, so `--atomic` is refused rather than
//! promised, and `--dry-run` and `db:migrate:verify` run on a scratch copy of the database
//! (`mysql_scratch.rs`).

use std::path::{Path, PathBuf};
use std::time::Duration;

use seqmig_db::{ConnectOptions, Dialect, MysqlFlavor, SharedConnection, Value};
use seqmig_sql::abstract_gen::QueryGenerator;
use seqmig_sql::mysql::MysqlGenerator;
use seqmig_sql::Table;
use sha2::{Digest, Sha256};

use super::{Bookkeeping, HeldLock, TxProbe};
use crate::database::{CreateOptions, DatabaseCommand};
use crate::error::CoreError;
use crate::lock::{self, RunLock};

/// `mariadb`: the `mariadb` dialect, else `mysql`.
pub struct MysqlBookkeeping {
    pub mariadb: bool,
}

pub static MYSQL: MysqlBookkeeping = MysqlBookkeeping { mariadb: false };
pub static MARIADB: MysqlBookkeeping = MysqlBookkeeping { mariadb: true };

fn quote(ident: &str) -> String {
    MysqlGenerator::new().quote_identifier(ident)
}

/// sequelize-cli's `getCreateDatabaseQuery` for mysql (charset and collate quoted as
/// identifiers, as it quotes them).
pub fn create_database_sql(database: &str, opts: &CreateOptions) -> String {
    let mut sql = format!("CREATE DATABASE IF NOT EXISTS {}", quote(database));
    if let Some(c) = opts.charset.as_deref().filter(|c| !c.is_empty()) {
        sql.push_str(&format!(" DEFAULT CHARACTER SET {}", quote(c)));
    }
    if let Some(c) = opts.collate.as_deref().filter(|c| !c.is_empty()) {
        sql.push_str(&format!(" DEFAULT COLLATE {}", quote(c)));
    }
    sql
}

pub fn drop_database_sql(database: &str) -> String {
    format!("DROP DATABASE IF EXISTS {}", quote(database))
}

/// The `GET_LOCK` name: at most 64 characters, distinct per server database and table.
pub fn lock_name(database: &str, storage: &str) -> String {
    let digest = Sha256::digest(format!("seqmig\0{database}\0{storage}").as_bytes());
    let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    format!("seqmig:{hex}")
}

impl Bookkeeping for MysqlBookkeeping {
    fn dialect(&self) -> Dialect {
        if self.mariadb {
            Dialect::Mariadb
        } else {
            Dialect::Mysql
        }
    }

    fn names(&self) -> &'static [&'static str] {
        if self.mariadb {
            &["mariadb"]
        } else {
            &["mysql"]
        }
    }

    fn generator(&self) -> Box<dyn QueryGenerator> {
        Box::new(if self.mariadb {
            MysqlGenerator::mariadb()
        } else {
            MysqlGenerator::new()
        })
    }

    fn schema_of(&self, schema: Option<&str>) -> Option<String> {
        schema.filter(|s| !s.is_empty()).map(str::to_string)
    }

    /// MySQL commits DDL implicitly.
    fn transactional_ddl(&self) -> bool {
        false
    }

    /// Sequelize's mysql `createTableQuery` of the meta model (utf8 / utf8_unicode_ci, as
    /// umzug's SequelizeStorage asks; MariaDB stores it as utf8mb3).
    fn create_meta_table(&self, table: &str, timestamps: bool) -> String {
        let name = quote("name");
        if timestamps {
            format!(
                "CREATE TABLE IF NOT EXISTS {table} ({name} VARCHAR(255) NOT NULL UNIQUE , {} DATETIME NOT NULL, {} DATETIME NOT NULL, PRIMARY KEY ({name})) ENGINE=InnoDB DEFAULT CHARSET=utf8 COLLATE utf8_unicode_ci;",
                quote("createdAt"),
                quote("updatedAt")
            )
        } else {
            format!("CREATE TABLE IF NOT EXISTS {table} ({name} VARCHAR(255) NOT NULL UNIQUE , PRIMARY KEY ({name})) ENGINE=InnoDB DEFAULT CHARSET=utf8 COLLATE utf8_unicode_ci;")
        }
    }

    /// `SHOW FULL COLUMNS`: the column's name is in its first column, `Field`.
    fn sync_columns_query(&self, quoted: &str, _table: &Table) -> (String, Vec<Value>) {
        (format!("SHOW FULL COLUMNS FROM {quoted};"), Vec::new())
    }

    fn placeholder(&self, _n: usize) -> String {
        "?".into()
    }

    /// mysql's DATE `_stringify` (no milliseconds without a length); mariadb's keeps them.
    fn timestamp_now(&self) -> String {
        let fmt = if self.mariadb {
            "%Y-%m-%d %H:%M:%S%.3f"
        } else {
            "%Y-%m-%d %H:%M:%S"
        };
        chrono::Utc::now().format(fmt).to_string()
    }

    fn table_exists_query(&self, table: &str, schema: Option<&str>) -> (String, Vec<Value>) {
        // A schema-qualified bookkeeping table is `schema.table` in the database.
        let name = match schema {
            Some(s) => format!("{s}.{table}"),
            None => table.to_string(),
        };
        (
            "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_TYPE = 'BASE TABLE' AND TABLE_NAME = ? AND TABLE_SCHEMA = DATABASE()".into(),
            vec![Value::Text(name)],
        )
    }

    fn show_all_tables_query(&self) -> String {
        "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_TYPE = 'BASE TABLE' AND TABLE_SCHEMA = DATABASE();".into()
    }

    fn describe_table_query(&self, table: &str) -> (String, usize) {
        (format!("SHOW FULL COLUMNS FROM {};", quote(table)), 0)
    }

    /// Without a database, as sequelize-cli connects for these (it refuses the `mariadb`
    /// dialect there; seqmig runs them the same as on `mysql`).
    fn database_command(
        &self,
        connect: &ConnectOptions,
        command: DatabaseCommand,
        database: &str,
        opts: &CreateOptions,
    ) -> Option<(ConnectOptions, String)> {
        let ConnectOptions::Mysql(m) = connect else {
            return None;
        };
        let mut server = m.clone();
        server.database = String::new();
        let sql = match command {
            DatabaseCommand::Create => create_database_sql(database, opts),
            DatabaseCommand::Drop => drop_database_sql(database),
        };
        Some((ConnectOptions::Mysql(server), sql))
    }

    fn begin_outer(&self) -> &'static str {
        "START TRANSACTION"
    }

    /// Never reached: without transactional DDL every migration is kept out of one.
    fn transaction_blocker(&self, _lower: &str, _squeezed: &str) -> Option<&'static str> {
        None
    }

    /// The driver reads SERVER_STATUS_IN_TRANS from every OK / EOF packet.
    fn tx_probe(&self) -> TxProbe {
        TxProbe::DriverReports
    }

    /// `GET_LOCK(name, 0)` on the run's own connection, polled: a session-level lock, which
    /// the server releases when the connection ends, however the run ends.
    fn acquire_lock(
        &self,
        connect: &ConnectOptions,
        storage: &str,
        conn: &SharedConnection,
        timeout: Duration,
        waiting: &mut dyn FnMut(),
    ) -> Result<RunLock, CoreError> {
        let server = match connect {
            ConnectOptions::Mysql(m) => {
                format!("{}:{}", m.socket_path.as_deref().unwrap_or(&m.host), m.port)
            }
            _ => String::new(),
        };
        let database = {
            let r = conn.borrow_mut().query("SELECT DATABASE()", &[])?;
            match r.rows.first().and_then(|row| row.first()) {
                Some(Value::Text(t)) => t.clone(),
                _ => String::new(),
            }
        };
        let name = lock_name(&format!("{server}/{database}"), storage);
        lock::poll(timeout, waiting, || {
            let r = conn
                .borrow_mut()
                .query(&format!("SELECT GET_LOCK('{name}', 0)"), &[])?;
            Ok(matches!(
                r.rows.first().and_then(|row| row.first()),
                Some(Value::Int(1))
            ))
        })?;
        Ok(RunLock::held(NamedLock {
            conn: conn.clone(),
            name,
        }))
    }

    fn crash_marker_place(
        &self,
        connect: &ConnectOptions,
        storage: &str,
        cwd: &Path,
    ) -> Option<(PathBuf, String)> {
        let ConnectOptions::Mysql(m) = connect else {
            return None;
        };
        let wanted = if self.mariadb {
            MysqlFlavor::Mariadb
        } else {
            MysqlFlavor::Mysql
        };
        if m.flavor != wanted {
            return None;
        }
        // Never the user or the password: the marker names the database only.
        let place = match &m.socket_path {
            Some(s) => s.clone(),
            None => format!("{}:{}", m.host, m.port),
        };
        let database = format!("{}://{place}/{}#{storage}", m.flavor.name(), m.database);
        Some(super::server_marker_place(cwd, database, &m.database))
    }

    /// A scratch database on the same server (`mysql_scratch.rs`).
    fn scratch_copy(
        &self,
        conn: &SharedConnection,
        what: &str,
    ) -> Option<Result<super::ScratchCopy, CoreError>> {
        Some(super::ScratchCopy::create(
            conn,
            what,
            self.dialect().name(),
        ))
    }

    fn schema_snapshot_queries(&self) -> &'static [&'static str] {
        &[
            "SELECT CONCAT('column ', TABLE_NAME, '.', COLUMN_NAME, ' ', COLUMN_TYPE, ' ', IS_NULLABLE, IFNULL(CONCAT(' default ', COLUMN_DEFAULT), ''), ' ', EXTRA) FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME NOT IN ('SequelizeMeta', 'SequelizeMetaChecksums') ORDER BY TABLE_NAME, COLUMN_NAME",
            "SELECT CONCAT('index ', TABLE_NAME, '.', INDEX_NAME, ' ', NON_UNIQUE, ' ', GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX)) FROM INFORMATION_SCHEMA.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME NOT IN ('SequelizeMeta', 'SequelizeMetaChecksums') GROUP BY TABLE_NAME, INDEX_NAME, NON_UNIQUE ORDER BY 1",
        ]
    }
}

/// `GET_LOCK(name)` held on the run's connection.
struct NamedLock {
    conn: SharedConnection,
    name: String,
}

impl HeldLock for NamedLock {}

impl Drop for NamedLock {
    fn drop(&mut self) {
        if let Ok(mut c) = self.conn.try_borrow_mut() {
            let _ = c.query(&format!("DO RELEASE_LOCK('{}')", self.name), &[]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The statements sequelize-cli 6.6.5 sends for `db:create --charset utf8mb4 --collate
    /// utf8mb4_bin` and `db:drop` on mysql.
    #[test]
    fn create_and_drop_sql_as_sequelize_cli() {
        let opts = CreateOptions {
            charset: Some("utf8mb4".into()),
            collate: Some("utf8mb4_bin".into()),
            ..Default::default()
        };
        assert_eq!(
            create_database_sql("newdb", &opts),
            "CREATE DATABASE IF NOT EXISTS `newdb` DEFAULT CHARACTER SET `utf8mb4` DEFAULT COLLATE `utf8mb4_bin`"
        );
        assert_eq!(
            create_database_sql("newdb", &CreateOptions::default()),
            "CREATE DATABASE IF NOT EXISTS `newdb`"
        );
        // Sequelize's quoteIdentifier removes the ticks inside a name before adding its own.
        assert_eq!(
            drop_database_sql("we`ird"),
            "DROP DATABASE IF EXISTS `weird`"
        );
    }

    #[test]
    fn the_meta_table_is_sequelize_clis() {
        assert_eq!(
            MYSQL.create_meta_table("`SequelizeMeta`", false),
            "CREATE TABLE IF NOT EXISTS `SequelizeMeta` (`name` VARCHAR(255) NOT NULL UNIQUE , PRIMARY KEY (`name`)) ENGINE=InnoDB DEFAULT CHARSET=utf8 COLLATE utf8_unicode_ci;"
        );
    }

    #[test]
    fn lock_names_fit_and_differ() {
        let a = lock_name("h:1/app", "SequelizeMeta");
        assert!(a.len() <= 64, "{a}");
        assert_ne!(a, lock_name("h:1/app2", "SequelizeMeta"));
    }

    #[test]
    fn every_migration_is_kept_out_of_a_transaction() {
        assert_eq!(
            crate::atomic::blocker("await qi.bulkInsert('t', [])", &MYSQL),
            Some("runs DDL, which this database commits at once")
        );
    }

    #[test]
    fn the_crash_marker_never_names_the_password() {
        let opts = seqmig_db::parse_mysql_url("mysql://u:hunter2@db:3307/app").unwrap();
        let (path, name) = MYSQL
            .crash_marker_place(
                &ConnectOptions::Mysql(opts),
                "SequelizeMeta",
                Path::new("/p"),
            )
            .unwrap();
        assert_eq!(name, "mysql://db:3307/app#SequelizeMeta");
        assert!(!path.to_string_lossy().contains("hunter2"));
        let opts = seqmig_db::parse_mysql_url("mysql://u:hunter2@db:3307/app").unwrap();
        assert!(MARIADB
            .crash_marker_place(
                &ConnectOptions::Mysql(opts),
                "SequelizeMeta",
                Path::new("/p")
            )
            .is_none());
    }
}
