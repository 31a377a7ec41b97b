//! Errors of the MySQL / MariaDB driver worded as mysql2 (dialect `mysql`) and the
//! mariadb connector 2.x (dialect `mariadb`) word theirs, so that Sequelize's error
//! mapping and migrations comparing `err.message` see the same text.
//!
//! - mysql2: the server's message as it is; `code` from mysql2's table of MySQL names.
//! - mariadb: `(conn=<thread id>, no: <errno>, SQLState: <state>) <message>`, then for
//!   a statement `\nsql: <sql> - parameters:[...]`; `code` from the connector's own
//!   table of MariaDB names (which differs from mysql2's on some numbers: 4025 is
//!   `ER_CONSTRAINT_FAILED` there, a MySQL-only name in mysql2's).
//!
//! No message here is ever built from a password: connection errors name host:port
//! (or the socket path) only.

use std::io;

use mysql::{DriverError, Error as MyError};

use crate::mysql::MysqlFlavor;
use crate::{DbError, DbErrorKind, Value};

static MYSQL2_CODES: &str = include_str!("mysql_codes/mysql2.txt");
static MARIADB_CODES: &str = include_str!("mysql_codes/mariadb.txt");

/// The error's name for its number, as the flavor's Node driver names it.
pub fn error_code_name(flavor: MysqlFlavor, errno: u16) -> Option<&'static str> {
    let table = match flavor {
        MysqlFlavor::Mysql => MYSQL2_CODES,
        MysqlFlavor::Mariadb => MARIADB_CODES,
    };
    let wanted = errno.to_string();
    table.lines().find_map(|line| {
        let (n, name) = line.split_once(' ')?;
        (n == wanted).then_some(name)
    })
}

/// Where a connection was going: `host:port` or a socket path.
#[derive(Debug, Clone)]
pub(crate) enum Target {
    Tcp { host: String, port: u16 },
    Socket(String),
}

impl Target {
    fn describe(&self) -> String {
        match self {
            Target::Tcp { host, port } => format!("{host}:{port}"),
            Target::Socket(p) => p.clone(),
        }
    }
}

/// The statement an error belongs to (mariadb puts it into the message).
pub(crate) struct Statement<'a> {
    pub sql: &'a str,
    pub params: Option<&'a [Value]>,
}

fn node_errno(code: &str) -> i32 {
    match code {
        "ECONNREFUSED" => -111,
        "ENOENT" => -2,
        "ETIMEDOUT" => -110,
        "ENOTFOUND" => -3008,
        "EHOSTUNREACH" => -113,
        "ENETUNREACH" => -101,
        "ECONNRESET" => -104,
        "EPIPE" => -32,
        "EACCES" => -13,
        _ => -1,
    }
}

/// A socket-level failure as Node words it (`connect ECONNREFUSED 127.0.0.1:3306`).
fn io_error(kind: io::ErrorKind, target: &Target, connecting: bool) -> DbError {
    let code = match kind {
        io::ErrorKind::ConnectionRefused => "ECONNREFUSED",
        io::ErrorKind::NotFound => "ENOENT",
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => "ETIMEDOUT",
        io::ErrorKind::ConnectionReset => "ECONNRESET",
        io::ErrorKind::BrokenPipe => "EPIPE",
        io::ErrorKind::PermissionDenied => "EACCES",
        io::ErrorKind::HostUnreachable => "EHOSTUNREACH",
        io::ErrorKind::NetworkUnreachable => "ENETUNREACH",
        _ => "ECONNREFUSED",
    };
    let message = if connecting {
        match code {
            "ETIMEDOUT" => "connect ETIMEDOUT".to_string(),
            _ => format!("connect {code} {}", target.describe()),
        }
    } else {
        // mysql2's words for a connection that died under a query.
        "Connection lost: The server closed the connection.".to_string()
    };
    let mut e = DbError::connection(message).with_code(if connecting {
        code
    } else {
        "PROTOCOL_CONNECTION_LOST"
    });
    if connecting {
        e.errno = Some(node_errno(code));
    }
    e
}

fn tls_error(detail: &str, target: &Target) -> DbError {
    DbError::connection(format!(
        "TLS connection to {} failed: {detail}",
        target.describe()
    ))
    .with_code("HANDSHAKE_SSL_ERROR")
}

/// `parameters:[...]` as the mariadb connector logs them (`ResultSet.logParam`).
fn log_param(out: &mut String, v: &Value) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(i) => out.push_str(&i.to_string()),
        Value::Float(f) => out.push_str(&js_number(*f)),
        Value::Blob(b) => {
            out.push_str("0x");
            for byte in b.iter().take(1024) {
                out.push_str(&format!("{byte:02x}"));
            }
        }
        Value::Json(j) => out.push_str(&j.to_string()),
        Value::Timestamp { ms, .. } => {
            let s = crate::mysql_values::format_datetime(*ms, 0);
            // 'MM/DD/YYYY hh:mm:ss.mmm'
            out.push_str(&format!(
                "'{}/{}/{} {}'",
                &s[5..7],
                &s[8..10],
                &s[0..4],
                &s[11..]
            ));
        }
        Value::Array(items) => {
            let parts: Vec<String> = items
                .iter()
                .map(|i| {
                    let mut s = String::new();
                    log_param(&mut s, i);
                    s.trim_matches('\'').to_string()
                })
                .collect();
            out.push_str(&parts.join(","));
        }
        Value::Text(s)
        | Value::Numeric(s)
        | Value::Date(s)
        | Value::Time(s)
        | Value::Uuid(s)
        | Value::Other { text: s, .. } => {
            out.push('\'');
            out.push_str(s);
            out.push('\'');
        }
    }
}

fn js_number(f: f64) -> String {
    if f.is_nan() {
        "NaN".into()
    } else if f.is_infinite() {
        if f > 0.0 { "Infinity" } else { "-Infinity" }.into()
    } else if f.fract() == 0.0 && f.abs() < 1e21 {
        format!("{}", f as i128)
    } else {
        format!("{f}")
    }
}

/// The connector's `displaySql()`: the statement with its parameters, cut at 256
/// characters (`debugLen`).
fn display_sql(st: &Statement) -> String {
    const DEBUG_LEN: usize = 256;
    let Some(params) = st.params else {
        return format!("{} - parameters:[]", st.sql);
    };
    if st.sql.chars().count() > DEBUG_LEN {
        let cut: String = st.sql.chars().take(DEBUG_LEN).collect();
        return format!("{cut}...");
    }
    let mut msg = format!("{} - parameters:[", st.sql);
    for (i, p) in params.iter().enumerate() {
        if i > 0 {
            msg.push(',');
        }
        log_param(&mut msg, p);
        if msg.chars().count() > DEBUG_LEN {
            msg = msg.chars().take(DEBUG_LEN).collect::<String>() + "...";
            break;
        }
    }
    msg.push(']');
    msg
}

/// A `mysql` crate error as the flavor's Node driver reports it. `conn_id` is the
/// server's thread id (`-1` before the handshake gave one); `statement` is the SQL that
/// failed, absent while connecting.
pub(crate) fn db_error(
    flavor: MysqlFlavor,
    e: MyError,
    target: &Target,
    conn_id: i64,
    statement: Option<Statement>,
) -> DbError {
    let connecting = statement.is_none();
    match e {
        MyError::MySqlError(server) => {
            let mut message = match flavor {
                MysqlFlavor::Mysql => server.message.clone(),
                MysqlFlavor::Mariadb => format!(
                    "(conn={conn_id}, no: {}, SQLState: {}) {}",
                    server.code, server.state, server.message
                ),
            };
            if let (MysqlFlavor::Mariadb, Some(st)) = (flavor, &statement) {
                message.push_str("\nsql: ");
                message.push_str(&display_sql(st));
            }
            let kind = if connecting {
                DbErrorKind::Connection
            } else {
                DbErrorKind::Statement
            };
            let mut err = DbError::connection(message);
            err.kind = kind;
            err.code = Some(
                error_code_name(flavor, server.code)
                    .unwrap_or("UNKNOWN")
                    .to_string(),
            );
            err.errno = Some(server.code as i32);
            err.sql_state = Some(server.state);
            err.sql_message = Some(server.message);
            err
        }
        MyError::IoError(io) => io_error(io.kind(), target, connecting),
        MyError::DriverError(DriverError::CouldNotConnect(Some((_, _, kind)))) => {
            io_error(kind, target, true)
        }
        MyError::DriverError(DriverError::CouldNotConnect(None)) => {
            io_error(io::ErrorKind::ConnectionRefused, target, true)
        }
        MyError::DriverError(DriverError::ConnectTimeout) => {
            io_error(io::ErrorKind::TimedOut, target, true)
        }
        MyError::DriverError(DriverError::TlsNotSupported) => {
            // mysql2's words when `ssl` is set and the server offers no TLS.
            DbError::connection("Server does not support secure connection")
                .with_code("HANDSHAKE_NO_SSL_SUPPORT")
        }
        MyError::TlsError(t) => tls_error(&t.to_string(), target),
        // rustls reports a refused certificate as an I/O error of the packet codec.
        MyError::CodecError(c) if connecting && c.to_string().contains("certificate") => {
            tls_error(&c.to_string(), target)
        }
        other => {
            let kind = if connecting {
                DbErrorKind::Connection
            } else {
                DbErrorKind::Statement
            };
            let mut err = DbError::connection(other.to_string());
            err.kind = kind;
            err
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_names_differ_by_flavor_where_the_node_drivers_differ() {
        assert_eq!(
            error_code_name(MysqlFlavor::Mysql, 1062),
            Some("ER_DUP_ENTRY")
        );
        assert_eq!(
            error_code_name(MysqlFlavor::Mariadb, 1062),
            Some("ER_DUP_ENTRY")
        );
        assert_eq!(
            error_code_name(MysqlFlavor::Mariadb, 4025),
            Some("ER_CONSTRAINT_FAILED")
        );
        assert_ne!(
            error_code_name(MysqlFlavor::Mysql, 4025),
            Some("ER_CONSTRAINT_FAILED")
        );
        assert_eq!(error_code_name(MysqlFlavor::Mysql, 9999), None);
    }

    #[test]
    fn mariadb_display_sql_logs_parameters_and_cuts_long_statements() {
        let st = Statement {
            sql: "INSERT INTO t (a) VALUES (?)",
            params: Some(&[Value::Text("x".into()), Value::Int(3), Value::Null]),
        };
        assert_eq!(
            display_sql(&st),
            "INSERT INTO t (a) VALUES (?) - parameters:['x',3,null]"
        );
        let long = "x".repeat(300);
        let st = Statement {
            sql: &long,
            params: Some(&[]),
        };
        assert_eq!(display_sql(&st), format!("{}...", "x".repeat(256)));
        let st = Statement {
            sql: &long,
            params: None,
        };
        assert!(display_sql(&st).ends_with(" - parameters:[]"));
    }
}
