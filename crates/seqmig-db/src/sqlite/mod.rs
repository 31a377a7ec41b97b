//! The SQLite driver: rusqlite (bundled SQLite), behaving as the node `sqlite3` package
//! does under Sequelize.

use std::path::{Path, PathBuf};
use std::time::Duration;

use fallible_iterator::FallibleIterator;
use rusqlite::types::{ToSqlOutput, Value as SqlValue, ValueRef};
use rusqlite::{ffi, Batch};

use crate::{ColumnInfo, Connection, DbError, Dialect, QueryResult, Value};

mod journal;
pub use journal::journal_marker;

/// How long a statement waits on another connection's lock before failing with
/// SQLITE_BUSY. node-sqlite3 sets no timeout; a finite wait turns a deadlock (a query
/// that forgot its `{transaction}`) into an error instead of a hang.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

pub struct SqliteConnection {
    conn: rusqlite::Connection,
    /// The database file; `None` for ":memory:" and the temporary "" database.
    file: Option<PathBuf>,
    /// Set while a run holds the file in WAL (`begin_fast_run`).
    fast: Option<journal::FastState>,
}

impl SqliteConnection {
    /// Opens (creating) the database file, or an in-memory one for ":memory:".
    /// Like Sequelize, the parent folders of a file are created first.
    pub fn open(storage: &Path) -> Result<Self, DbError> {
        let in_memory = storage.as_os_str() == ":memory:";
        if !in_memory && !storage.as_os_str().is_empty() {
            if let Some(parent) = storage.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent).map_err(|e| {
                    DbError::connection(format!(
                        "SQLITE_CANTOPEN: unable to create folder {}: {e}",
                        parent.display()
                    ))
                    .with_code("SQLITE_CANTOPEN")
                })?;
            }
        }
        let conn = if in_memory {
            rusqlite::Connection::open_in_memory()
        } else {
            rusqlite::Connection::open(storage)
        }
        .map_err(|e| connection_error(map_error(e)))?;
        conn.busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| connection_error(map_error(e)))?;
        // Sequelize runs this on every SQLite connection (unless `foreignKeys: false`).
        conn.execute_batch("PRAGMA FOREIGN_KEYS=ON")
            .map_err(|e| connection_error(map_error(e)))?;
        let file = (!in_memory && !storage.as_os_str().is_empty()).then(|| storage.to_path_buf());
        Ok(SqliteConnection {
            conn,
            file,
            fast: None,
        })
    }

    /// The rusqlite handle, for callers that need SQLite-specific access.
    pub fn raw(&self) -> &rusqlite::Connection {
        &self.conn
    }
}

impl Connection for SqliteConnection {
    fn dialect(&self) -> Dialect {
        Dialect::Sqlite
    }

    fn query(&mut self, sql: &str, params: &[Value]) -> Result<QueryResult, DbError> {
        // node-sqlite3 prepares only the first statement of the string and silently
        // ignores the rest; Sequelize's sqlite dialect inherits that, so do we.
        let mut batch = Batch::new(&self.conn, sql);
        let Some(mut stmt) = batch.next().map_err(map_error)? else {
            return Ok(QueryResult::default());
        };
        bind_params(&mut stmt, params)?;

        let columns: Vec<ColumnInfo> = stmt
            .columns()
            .map(|c| ColumnInfo {
                name: c.name().to_string(),
                type_name: c.decl_type().unwrap_or("").to_string(),
                mysql: None,
            })
            .collect();
        let readonly = stmt.readonly();
        let width = columns.len();
        let mut rows = Vec::new();
        {
            let mut cursor = stmt.raw_query();
            while let Some(row) = cursor.next().map_err(map_error)? {
                let mut cells = Vec::with_capacity(width);
                for i in 0..width {
                    cells.push(cell(row.get_ref(i).map_err(map_error)?));
                }
                rows.push(cells);
            }
        }
        let (rows_affected, last_insert_id) = if readonly {
            (0, None)
        } else {
            (self.conn.changes(), Some(self.conn.last_insert_rowid()))
        };
        Ok(QueryResult {
            columns,
            rows,
            rows_affected,
            last_insert_id,
            command: None,
            header: None,
            results: Vec::new(),
        })
    }

    fn execute_batch(&mut self, sql: &str) -> Result<(), DbError> {
        self.conn.execute_batch(sql).map_err(map_error)
    }

    fn begin_fast_run(&mut self) -> Result<(), DbError> {
        self.begin_fast()
    }

    fn end_fast_run(&mut self) -> Result<(), DbError> {
        self.end_fast()
    }

    fn in_transaction(&self) -> Option<bool> {
        Some(!self.conn.is_autocommit())
    }
}

fn connection_error(mut e: DbError) -> DbError {
    e.kind = crate::DbErrorKind::Connection;
    e
}

/// Binds `params` the way Sequelize's bind objects reach node-sqlite3: `$N` and `?N`
/// take the N-th parameter whatever their order in the text; `?` and other names
/// take the next one by position.
fn bind_params(stmt: &mut rusqlite::Statement<'_>, params: &[Value]) -> Result<(), DbError> {
    let count = stmt.parameter_count();
    let mut highest_used = 0usize;
    for index in 1..=count {
        let wanted = match stmt.parameter_name(index) {
            Some(name) if name.len() > 1 && (name.starts_with('$') || name.starts_with('?')) => {
                name[1..].parse::<usize>().unwrap_or(index)
            }
            _ => index,
        };
        // Unbound parameters stay NULL, as with node-sqlite3.
        let Some(value) = wanted.checked_sub(1).and_then(|i| params.get(i)) else {
            continue;
        };
        highest_used = highest_used.max(wanted);
        stmt.raw_bind_parameter(index, to_sqlite(value))
            .map_err(map_error)?;
    }
    if params.len() > count.max(highest_used) {
        return Err(sqlite_failure(
            ffi::SQLITE_RANGE,
            "column index out of range",
        ));
    }
    Ok(())
}

/// A `Value` as node-sqlite3 would bind the corresponding JS value.
fn to_sqlite(value: &Value) -> ToSqlOutput<'_> {
    let owned = match value {
        Value::Null => SqlValue::Null,
        Value::Bool(b) => SqlValue::Integer(*b as i64),
        // node-sqlite3 binds a JS number as an INTEGER only when it fits an int32, and
        // as a REAL otherwise; the column's affinity usually turns it back into an
        // integer, but a TEXT column keeps "5000000000.0".
        Value::Int(i) if i32::try_from(*i).is_ok() => SqlValue::Integer(*i),
        Value::Int(i) => SqlValue::Real(*i as f64),
        Value::Float(f)
            if f.fract() == 0.0 && i32::try_from(*f as i64).is_ok_and(|i| i as f64 == *f) =>
        {
            SqlValue::Integer(*f as i64)
        }
        Value::Float(f) => SqlValue::Real(*f),
        Value::Text(s) | Value::Numeric(s) | Value::Date(s) | Value::Time(s) | Value::Uuid(s) => {
            return ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes()))
        }
        Value::Blob(b) => return ToSqlOutput::Borrowed(ValueRef::Blob(b)),
        Value::Json(j) => SqlValue::Text(j.to_string()),
        // A JS Date bound through node-sqlite3 becomes its epoch milliseconds, a REAL.
        Value::Timestamp { ms, .. } => SqlValue::Real(*ms as f64),
        Value::Array(_) => SqlValue::Text(js_string(value)),
        Value::Other { text, .. } => SqlValue::Text(text.clone()),
    };
    ToSqlOutput::Owned(owned)
}

/// `String(value)` in JavaScript, for the values node-sqlite3 stringifies.
fn js_string(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => f.to_string(),
        Value::Text(s) | Value::Numeric(s) | Value::Date(s) | Value::Time(s) | Value::Uuid(s) => {
            s.clone()
        }
        Value::Other { text, .. } => text.clone(),
        Value::Blob(b) => String::from_utf8_lossy(b).into_owned(),
        Value::Json(j) => j.to_string(),
        Value::Timestamp { ms, .. } => ms.to_string(),
        Value::Array(items) => items.iter().map(js_string).collect::<Vec<_>>().join(","),
    }
}

fn cell(value: ValueRef<'_>) -> Value {
    match value {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::Int(i),
        ValueRef::Real(f) => Value::Float(f),
        ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Value::Blob(b.to_vec()),
    }
}

/// node-sqlite3's names for the primary result codes (its `ErrorName`).
fn code_name(primary: i32) -> &'static str {
    match primary {
        ffi::SQLITE_OK => "SQLITE_OK",
        ffi::SQLITE_ERROR => "SQLITE_ERROR",
        ffi::SQLITE_INTERNAL => "SQLITE_INTERNAL",
        ffi::SQLITE_PERM => "SQLITE_PERM",
        ffi::SQLITE_ABORT => "SQLITE_ABORT",
        ffi::SQLITE_BUSY => "SQLITE_BUSY",
        ffi::SQLITE_LOCKED => "SQLITE_LOCKED",
        ffi::SQLITE_NOMEM => "SQLITE_NOMEM",
        ffi::SQLITE_READONLY => "SQLITE_READONLY",
        ffi::SQLITE_INTERRUPT => "SQLITE_INTERRUPT",
        ffi::SQLITE_IOERR => "SQLITE_IOERR",
        ffi::SQLITE_CORRUPT => "SQLITE_CORRUPT",
        ffi::SQLITE_NOTFOUND => "SQLITE_NOTFOUND",
        ffi::SQLITE_FULL => "SQLITE_FULL",
        ffi::SQLITE_CANTOPEN => "SQLITE_CANTOPEN",
        ffi::SQLITE_PROTOCOL => "SQLITE_PROTOCOL",
        ffi::SQLITE_EMPTY => "SQLITE_EMPTY",
        ffi::SQLITE_SCHEMA => "SQLITE_SCHEMA",
        ffi::SQLITE_TOOBIG => "SQLITE_TOOBIG",
        ffi::SQLITE_CONSTRAINT => "SQLITE_CONSTRAINT",
        ffi::SQLITE_MISMATCH => "SQLITE_MISMATCH",
        ffi::SQLITE_MISUSE => "SQLITE_MISUSE",
        ffi::SQLITE_NOLFS => "SQLITE_NOLFS",
        ffi::SQLITE_AUTH => "SQLITE_AUTH",
        ffi::SQLITE_FORMAT => "SQLITE_FORMAT",
        ffi::SQLITE_RANGE => "SQLITE_RANGE",
        ffi::SQLITE_NOTADB => "SQLITE_NOTADB",
        _ => "UNKNOWN",
    }
}

fn sqlite_failure(primary: i32, text: &str) -> DbError {
    let name = code_name(primary);
    let mut e = DbError::statement(format!("{name}: {text}")).with_code(name);
    e.errno = Some(primary);
    e
}

fn errstr(code: i32) -> String {
    // SAFETY: sqlite3_errstr returns a pointer to a static, NUL-terminated string.
    unsafe {
        let p = ffi::sqlite3_errstr(code);
        if p.is_null() {
            return "unknown error".to_string();
        }
        std::ffi::CStr::from_ptr(p).to_string_lossy().into_owned()
    }
}

/// rusqlite's error as node-sqlite3 words it: `"<CODE NAME>: <sqlite3_errmsg>"`.
pub(crate) fn map_error(e: rusqlite::Error) -> DbError {
    match e {
        rusqlite::Error::SqliteFailure(f, msg) => {
            let primary = f.extended_code & 0xff;
            let text = msg.unwrap_or_else(|| errstr(f.extended_code));
            sqlite_failure(primary, &text)
        }
        // rusqlite's variant for prepare errors with an offset; node prints errmsg only.
        rusqlite::Error::SqlInputError { error, msg, .. } => {
            sqlite_failure(error.extended_code & 0xff, &msg)
        }
        rusqlite::Error::InvalidParameterCount(_, _) | rusqlite::Error::InvalidParameterName(_) => {
            sqlite_failure(ffi::SQLITE_RANGE, "column index out of range")
        }
        rusqlite::Error::NulError(_) => sqlite_failure(ffi::SQLITE_MISUSE, "string contains NUL"),
        rusqlite::Error::Utf8Error(..) | rusqlite::Error::InvalidPath(_) => {
            sqlite_failure(ffi::SQLITE_CANTOPEN, &e.to_string())
        }
        other => sqlite_failure(ffi::SQLITE_ERROR, &other.to_string()),
    }
}

#[cfg(test)]
mod tests;
