//! `DbError`: one error type for both drivers, worded as the Node drivers word theirs.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DbErrorKind {
    /// Could not connect, authenticate, or the connection broke.
    Connection,
    /// The server refused a statement.
    Statement,
}

/// An error from a driver, worded as the Node driver (sqlite3 / pg) words it, so that
/// migrations comparing `err.message` keep working.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{message}")]
pub struct DbError {
    pub kind: DbErrorKind,
    pub message: String,
    /// "SQLITE_ERROR", "SQLITE_CONSTRAINT", ... or the pg SQLSTATE ("42P07").
    pub code: Option<String>,
    /// sqlite's primary result code.
    pub errno: Option<i32>,
    pub detail: Option<String>,
    pub hint: Option<String>,
    pub constraint: Option<String>,
    pub table: Option<String>,
    pub column: Option<String>,
    pub schema: Option<String>,
    pub severity: Option<String>,
    pub position: Option<String>,
    /// mysql / mariadb: the server's SQLSTATE ("23000"); `code` is then the error's
    /// name ("ER_DUP_ENTRY") and `errno` its number.
    pub sql_state: Option<String>,
    /// mysql / mariadb: the server's message alone (mysql2's `sqlMessage`, the mariadb
    /// connector's `text`), where `message` may carry the connector's prefix.
    pub sql_message: Option<String>,
}

impl DbError {
    pub fn connection(message: impl Into<String>) -> Self {
        Self::new(DbErrorKind::Connection, message)
    }
    pub fn statement(message: impl Into<String>) -> Self {
        Self::new(DbErrorKind::Statement, message)
    }
    fn new(kind: DbErrorKind, message: impl Into<String>) -> Self {
        DbError {
            kind,
            message: message.into(),
            code: None,
            errno: None,
            detail: None,
            hint: None,
            constraint: None,
            table: None,
            column: None,
            schema: None,
            severity: None,
            position: None,
            sql_state: None,
            sql_message: None,
        }
    }
    pub(crate) fn with_code(mut self, code: impl Into<String>) -> Self {
        self.code = Some(code.into());
        self
    }
}

/// A connection URL that could not be understood.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UrlError {
    #[error("Invalid connection URL (no dialect/protocol): {0}")]
    NoProtocol(String),
    #[error("The dialect {0} is not supported. Supported dialects: mariadb, mysql, postgres and sqlite.")]
    UnsupportedDialect(String),
    #[error("Invalid port in connection URL: {0}")]
    BadPort(String),
    #[error("Invalid sslmode in connection URL: {0}")]
    BadSslMode(String),
    /// `sslrootcert` names a file that cannot be read, or `system` with a weaker sslmode.
    #[error("{0}")]
    SslRootCert(String),
}
