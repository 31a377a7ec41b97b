//! The `Connection` trait and its drivers: SQLite through rusqlite, PostgreSQL through
//! postgres, MySQL / MariaDB through mysql. Knows SQL strings and values, never JavaScript.

// DbError and ConnectOptions are shaped by docs/CONTRACTS.md, and both are built rarely: not boxed.
#![allow(clippy::result_large_err, clippy::large_enum_variant)]

use std::cell::RefCell;
use std::path::PathBuf;
use std::rc::Rc;

mod command;
mod error;
mod mysql;
mod mysql_errors;
mod mysql_url;
mod mysql_values;
mod pg_client;
mod pg_decode;
mod pg_encode;
mod pg_session;
mod pg_text;
mod postgres;
mod sqlite;
#[cfg(feature = "testing")]
pub mod testing;
mod tls;
mod tls_verify;
mod url;

pub use crate::error::{DbError, DbErrorKind, UrlError};
pub use crate::mysql::{
    MysqlColumnDef, MysqlConnection, MysqlFlavor, MysqlHeader, MysqlOptions, MysqlResult, MysqlSsl,
};
pub use crate::mysql_errors::error_code_name as mysql_error_code_name;
pub use crate::mysql_url::{mask_url_password, parse_mysql_url};
pub use crate::pg_session::pg_session_init;
pub use crate::postgres::PgConnection;
pub use crate::sqlite::{journal_marker, SqliteConnection};
pub use crate::url::{apply_ssl_root_cert, parse_url};
pub use seqmig_sql::Dialect;

/// A bound parameter or a cell of a result row.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Text(String),
    Blob(Vec<u8>),
    /// pg numeric / int8 as PostgreSQL's text (node-postgres returns these as strings).
    Numeric(String),
    /// pg json / jsonb, parsed.
    Json(serde_json::Value),
    /// pg timestamp / timestamptz: milliseconds since the epoch, UTC.
    Timestamp {
        ms: i64,
        tz: bool,
    },
    /// pg date as 'YYYY-MM-DD'.
    Date(String),
    /// pg time as text.
    Time(String),
    Uuid(String),
    Array(Vec<Value>),
    /// Any other pg type (enums, inet, ranges, ...) as its text form.
    Other {
        type_name: String,
        text: String,
    },
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ColumnInfo {
    pub name: String,
    /// sqlite: the declared type of the column when known; pg: the type's name.
    pub type_name: String,
    /// mysql / mariadb: the column definition the server sent.
    pub mysql: Option<Box<MysqlColumnDef>>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct QueryResult {
    pub columns: Vec<ColumnInfo>,
    pub rows: Vec<Vec<Value>>,
    pub rows_affected: u64,
    /// sqlite only: `last_insert_rowid()` after an INSERT.
    pub last_insert_id: Option<i64>,
    /// pg: the command tag's first word ("INSERT", "UPDATE", "SELECT", ...).
    pub command: Option<String>,
    /// mysql / mariadb: what the server said of a statement that returned no rows (the
    /// ResultSetHeader mysql2 resolves to); `None` for a result with rows.
    pub header: Option<MysqlHeader>,
    /// mysql / mariadb with `multipleStatements`: each statement's result in order (rows,
    /// or a header), when the string held more than one; empty otherwise.
    pub results: Vec<QueryResult>,
}

/// One open database session.
pub trait Connection {
    fn dialect(&self) -> Dialect;
    /// Run one statement with positional parameters and return its rows.
    fn query(&mut self, sql: &str, params: &[Value]) -> Result<QueryResult, DbError>;
    /// Run several statements separated by ';', without parameters, ignoring rows.
    fn execute_batch(&mut self, sql: &str) -> Result<(), DbError>;
    /// For the length of a run that changes the database: commits stop waiting for the
    /// disk (SQLite: WAL with `synchronous=NORMAL`; PostgreSQL: `synchronous_commit=off`),
    /// keeping their order, so a crash leaves a consistent prefix of the run. Must be
    /// called outside a transaction. Undone by [`Connection::end_fast_run`].
    fn begin_fast_run(&mut self) -> Result<(), DbError> {
        Ok(())
    }
    /// Make everything the run committed durable and restore what `begin_fast_run`
    /// changed (SQLite: the file is a rollback-journal database again, no -wal/-shm).
    fn end_fast_run(&mut self) -> Result<(), DbError> {
        Ok(())
    }
    /// Whether a transaction is open, when the driver knows without asking the server
    /// (SQLite: `!sqlite3_get_autocommit`). `None`: ask the server (PostgreSQL).
    fn in_transaction(&self) -> Option<bool> {
        None
    }
}

/// The connection of a run, shared by the storage and the ops (single-threaded).
pub type SharedConnection = Rc<RefCell<Box<dyn Connection>>>;

/// TLS settings with node-postgres' / libpq's meaning.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum SslMode {
    #[default]
    Disable,
    Prefer,
    /// Encrypted, no certificate check.
    Require,
    VerifyCa,
    VerifyFull,
}

/// Where and how to reach PostgreSQL. Empty/zero fields take node-postgres' defaults at
/// connect time: host `localhost`, port 5432, user `$PGUSER`/`$USER`, database = user,
/// password `$PGPASSWORD`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PgOptions {
    pub host: String,
    pub port: u16,
    pub user: String,
    pub password: Option<String>,
    pub database: String,
    pub ssl_mode: SslMode,
    /// PEM contents (not paths).
    pub ssl_ca: Option<String>,
    pub ssl_cert: Option<String>,
    pub ssl_key: Option<String>,
    pub connect_timeout_secs: Option<u64>,
    pub application_name: Option<String>,
    /// SQL run once after connecting, as Sequelize's connection manager does. `None`
    /// is Sequelize's default ([`pg_session_init`]`(None, false, None)`); `Some("")`
    /// runs nothing.
    pub session_init: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ConnectOptions {
    /// A file path, or ":memory:".
    Sqlite {
        storage: PathBuf,
    },
    Postgres(PgOptions),
    /// MySQL or MariaDB; `MysqlOptions::flavor` tells the `mysql` and `mariadb` dialects apart.
    Mysql(MysqlOptions),
}

impl ConnectOptions {
    /// The dialect these options connect to.
    pub fn dialect(&self) -> Dialect {
        match self {
            ConnectOptions::Sqlite { .. } => Dialect::Sqlite,
            ConnectOptions::Postgres(_) => Dialect::Postgres,
            ConnectOptions::Mysql(m) => match m.flavor {
                MysqlFlavor::Mysql => Dialect::Mysql,
                MysqlFlavor::Mariadb => Dialect::Mariadb,
            },
        }
    }
}

/// Open a connection as Sequelize would (sqlite: `PRAGMA foreign_keys = ON`).
pub fn connect(opts: &ConnectOptions) -> Result<Box<dyn Connection>, DbError> {
    match opts {
        ConnectOptions::Sqlite { storage } => Ok(Box::new(SqliteConnection::open(storage)?)),
        ConnectOptions::Postgres(pg) => Ok(Box::new(PgConnection::connect(pg)?)),
        ConnectOptions::Mysql(m) => Ok(Box::new(MysqlConnection::connect(m)?)),
    }
}
