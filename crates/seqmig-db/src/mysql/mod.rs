//! The MySQL / MariaDB driver over the sync `mysql` crate (TLS through rustls 0.23 with
//! ring): Sequelize's `mysql` dialect (mysql2) and `mariadb` dialect (mariadb connector
//! 2.x) share it, told apart by [`MysqlFlavor`] where the Node drivers differ (error
//! texts and code names, see `mysql_errors.rs`).
//!
//! What Sequelize's connection managers do on connect is done here too: the session
//! time zone (`SET time_zone = '+00:00'` by default), the `utf8mb4_unicode_ci`
//! connection collation both Node drivers ask for, affected rows counting changed rows
//! (mysql2 `flags: '-FOUND_ROWS'`, mariadb `foundRows: false`), and no multi-statement
//! strings unless `multipleStatements`. Statements with parameters are prepared (as
//! mysql2's `execute`), the others go as text (its `query`).

use std::borrow::Cow;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use mysql::prelude::Queryable;
use mysql::{Conn, OptsBuilder, Params, SslOpts};

use crate::mysql_errors::{db_error, Statement, Target};
use crate::mysql_values::{cell, column_info, param, parse_offset, timestamp_text};
use crate::{Connection, DbError, Dialect, QueryResult, Value};

/// Which Node driver's behaviour to reproduce.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MysqlFlavor {
    /// Dialect `mysql`: mysql2.
    #[default]
    Mysql,
    /// Dialect `mariadb`: the mariadb connector 2.x.
    Mariadb,
}

impl MysqlFlavor {
    /// The flavor of a mysql-family dialect (`mariadb`: the connector's; else mysql2's).
    pub fn of(dialect: crate::Dialect) -> MysqlFlavor {
        if dialect == crate::Dialect::Mariadb {
            MysqlFlavor::Mariadb
        } else {
            MysqlFlavor::Mysql
        }
    }

    /// The Sequelize dialect name.
    pub fn name(self) -> &'static str {
        match self {
            MysqlFlavor::Mysql => "mysql",
            MysqlFlavor::Mariadb => "mariadb",
        }
    }
}

/// `dialectOptions.ssl` with mysql2's meaning: TLS is required (no plain fallback);
/// PEM contents, not paths; `rejectUnauthorized` (default true) checks the chain and
/// the host name.
#[derive(Debug, Clone, PartialEq)]
pub struct MysqlSsl {
    pub ca: Option<String>,
    pub cert: Option<String>,
    pub key: Option<String>,
    pub reject_unauthorized: bool,
}

impl Default for MysqlSsl {
    fn default() -> Self {
        MysqlSsl {
            ca: None,
            cert: None,
            key: None,
            reject_unauthorized: true,
        }
    }
}

/// Where and how to reach MySQL / MariaDB. Empty/zero fields take the Node drivers'
/// defaults: host `localhost`, port 3306, no database.
#[derive(Debug, Clone, PartialEq)]
pub struct MysqlOptions {
    pub flavor: MysqlFlavor,
    pub host: String,
    pub port: u16,
    pub user: String,
    pub password: Option<String>,
    pub database: String,
    /// `socketPath`: used instead of host/port.
    pub socket_path: Option<String>,
    /// `connectTimeout` in milliseconds (both Node drivers default to 10 s).
    pub connect_timeout_ms: Option<u64>,
    /// `charset`: a collation (`UTF8MB4_UNICODE_CI`, the default) or a character set.
    pub charset: Option<String>,
    pub ssl: Option<MysqlSsl>,
    /// Sequelize's `timezone`, set per session; `None` is `keepDefaultTimezone`.
    pub timezone: Option<String>,
    pub multiple_statements: bool,
    /// TIMESTAMP values as the server's text, not Dates: `dialectOptions.dateStrings` as
    /// it reaches them through Sequelize (whose own parsers keep DATETIME and DATE
    /// whatever the option says).
    pub timestamp_strings: bool,
}

impl Default for MysqlOptions {
    fn default() -> Self {
        MysqlOptions {
            flavor: MysqlFlavor::Mysql,
            host: String::new(),
            port: 0,
            user: String::new(),
            password: None,
            database: String::new(),
            socket_path: None,
            connect_timeout_ms: None,
            charset: None,
            ssl: None,
            timezone: Some("+00:00".into()),
            multiple_statements: false,
            timestamp_strings: false,
        }
    }
}

impl MysqlOptions {
    fn host(&self) -> &str {
        if self.host.is_empty() {
            "localhost"
        } else {
            &self.host
        }
    }
    fn port(&self) -> u16 {
        if self.port == 0 {
            3306
        } else {
            self.port
        }
    }
    fn target(&self) -> Target {
        match &self.socket_path {
            Some(p) => Target::Socket(p.clone()),
            None => Target::Tcp {
                host: self.host().to_string(),
                port: self.port(),
            },
        }
    }
}

/// What the server said about a statement that returned no rows: mysql2's
/// `ResultSetHeader` (the mariadb connector's OkPacket has the first three).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MysqlHeader {
    pub affected_rows: u64,
    pub insert_id: u64,
    pub warning_status: u16,
    pub info: String,
    /// The server status flags of the OK packet (mysql2's `serverStatus`), when the
    /// driver exposes them.
    pub server_status: Option<u16>,
}

/// A column definition as the server sent it (the mariadb connector hands these to
/// Sequelize as the `meta` of a raw SELECT; mysql2's `dateStrings` reads the type).
/// `json` marks MariaDB's extended metadata format `json` (the column is then a LONGTEXT
/// that both Node drivers parse), which is reported with the type MYSQL_TYPE_JSON (245).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MysqlColumnDef {
    pub schema: Vec<u8>,
    pub table: Vec<u8>,
    pub org_table: Vec<u8>,
    pub name: Vec<u8>,
    pub org_name: Vec<u8>,
    pub character_set: u16,
    pub column_length: u32,
    pub column_type: u8,
    pub flags: u16,
    pub decimals: u8,
    pub json: bool,
}

/// One result of a statement string: rows, or the header of a write.
#[derive(Debug, Clone, PartialEq)]
pub enum MysqlResult {
    Rows(QueryResult),
    Header(MysqlHeader),
}

pub struct MysqlConnection {
    conn: Conn,
    flavor: MysqlFlavor,
    target: Target,
    /// The session time zone in minutes east of UTC, for reading and writing datetimes.
    offset_minutes: i32,
    multiple_statements: bool,
    timestamp_strings: bool,
    last_header: MysqlHeader,
    /// `SELECT VERSION()`: MariaDB's handshake says `5.5.5-10.11.x` for old clients.
    version: String,
    /// The server status flags after the last statement that succeeded (a failed one
    /// clears the crate's copy, but leaves a transaction open).
    status: u16,
}

impl std::fmt::Debug for MysqlConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MysqlConnection")
            .field("flavor", &self.flavor)
            .field("target", &self.target)
            .finish_non_exhaustive()
    }
}

/// PEM given as contents, written where the `mysql` crate (which reads paths) finds
/// them, and removed when dropped.
struct PemFiles(Vec<PathBuf>);

impl PemFiles {
    fn write(&mut self, pem: &str) -> Result<PathBuf, DbError> {
        use std::io::Write;
        use std::os::unix::fs::OpenOptionsExt;
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let path = std::env::temp_dir().join(format!(
            "seqmig-mysql-{}-{}.pem",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        ));
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&path)
            .map_err(|e| DbError::connection(format!("Could not set up TLS: {e}")))?;
        self.0.push(path.clone());
        f.write_all(pem.as_bytes())
            .map_err(|e| DbError::connection(format!("Could not set up TLS: {e}")))?;
        Ok(path)
    }
}

impl Drop for PemFiles {
    fn drop(&mut self) {
        for p in &self.0 {
            let _ = std::fs::remove_file(p);
        }
    }
}

/// `SET NAMES` for mysql2's `charset` option, which names a collation or a charset.
fn set_names(charset: &str) -> String {
    let lower = charset.to_ascii_lowercase();
    match lower.split_once('_') {
        Some((set, _)) => format!("SET NAMES {set} COLLATE {lower}"),
        None => format!("SET NAMES {lower}"),
    }
}

impl MysqlConnection {
    /// Connect as Sequelize's connection manager of the flavor does.
    pub fn connect(opts: &MysqlOptions) -> Result<Self, DbError> {
        let target = opts.target();
        let offset_minutes = match &opts.timezone {
            None => 0,
            Some(tz) => parse_offset(tz).ok_or_else(|| {
                DbError::connection(format!(
                    "Invalid timezone {tz:?}: expected an offset such as '+00:00'"
                ))
            })?,
        };
        let mut builder = OptsBuilder::new()
            .user(Some(opts.user.clone()).filter(|u| !u.is_empty()))
            .pass(opts.password.clone())
            .db_name(Some(opts.database.clone()).filter(|d| !d.is_empty()))
            // The crate would otherwise reconnect through @@socket behind our back.
            .prefer_socket(false)
            .tcp_connect_timeout(Some(Duration::from_millis(
                opts.connect_timeout_ms.unwrap_or(10_000),
            )));
        builder = match &opts.socket_path {
            Some(path) => builder.socket(Some(path.clone())),
            None => builder
                .ip_or_hostname(Some(opts.host().to_string()))
                .tcp_port(opts.port()),
        };
        let mut pems = PemFiles(Vec::new());
        if let Some(ssl) = &opts.ssl {
            install_crypto_provider();
            let mut s = SslOpts::default()
                .with_danger_accept_invalid_certs(!ssl.reject_unauthorized)
                .with_danger_skip_domain_validation(!ssl.reject_unauthorized);
            if let Some(ca) = &ssl.ca {
                s = s.with_root_cert_path(Some(Cow::Owned(pems.write(ca)?)));
            }
            match (&ssl.cert, &ssl.key) {
                (Some(cert), Some(key)) => {
                    let identity = mysql::ClientIdentity::new(Cow::Owned(pems.write(cert)?), {
                        Cow::Owned(pems.write(key)?)
                    });
                    s = s.with_client_identity(Some(identity));
                }
                (None, None) => {}
                _ => {
                    return Err(DbError::connection(
                        "An ssl client certificate needs both cert and key",
                    ))
                }
            }
            builder = builder.ssl_opts(Some(s));
        }
        let conn = Conn::new(builder).map_err(|e| db_error(opts.flavor, e, &target, -1, None))?;
        drop(pems);
        let mut me = MysqlConnection {
            conn,
            flavor: opts.flavor,
            target,
            offset_minutes,
            multiple_statements: opts.multiple_statements,
            timestamp_strings: opts.timestamp_strings,
            last_header: MysqlHeader::default(),
            version: String::new(),
            status: 0,
        };
        let names = set_names(opts.charset.as_deref().unwrap_or("UTF8MB4_UNICODE_CI"));
        me.init(&names)?;
        if let Some(tz) = &opts.timezone {
            me.init(&format!("SET time_zone = '{}'", tz.replace('\'', "''")))?;
        }
        let version = me.run("SELECT VERSION()", None)?;
        if let Some(MysqlResult::Rows(r)) = version.first() {
            if let Some(Value::Text(v)) = r.rows.first().and_then(|row| row.first()) {
                me.version = v.clone();
            }
        }
        Ok(me)
    }

    /// A statement of the connect sequence: its failure is a connection error.
    fn init(&mut self, sql: &str) -> Result<(), DbError> {
        self.run(sql, None).map(|_| ()).map_err(|mut e| {
            e.kind = crate::DbErrorKind::Connection;
            e
        })
    }

    pub fn flavor(&self) -> MysqlFlavor {
        self.flavor
    }

    /// The server's thread id of this session (the mariadb connector's `conn=N`).
    pub fn connection_id(&self) -> u32 {
        self.conn.connection_id()
    }

    /// The server's `VERSION()` (`10.11.19-MariaDB-0+deb12u1`).
    pub fn server_version(&self) -> &str {
        &self.version
    }

    /// Whether the server is MariaDB (whatever the dialect's flavor).
    pub fn is_mariadb(&self) -> bool {
        self.version.contains("MariaDB")
    }

    /// The header of the last statement that returned no rows.
    pub fn last_header(&self) -> &MysqlHeader {
        &self.last_header
    }

    /// Every result of a statement string, in order (several only with
    /// `multipleStatements`), as mysql2 returns an array of them.
    pub fn query_all(&mut self, sql: &str, params: &[Value]) -> Result<Vec<MysqlResult>, DbError> {
        self.run(sql, Some(params))
    }

    fn run(&mut self, sql: &str, params: Option<&[Value]>) -> Result<Vec<MysqlResult>, DbError> {
        let flavor = self.flavor;
        let conn_id = self.conn.connection_id() as i64;
        let target = self.target.clone();
        let err = |e: mysql::Error| {
            db_error(
                flavor,
                e,
                &target,
                conn_id,
                Some(Statement {
                    sql,
                    params: params.filter(|p| !p.is_empty()),
                }),
            )
        };
        let offset = self.offset_minutes;
        let timestamp_strings = self.timestamp_strings;
        let has_params = params.is_some_and(|p| !p.is_empty());
        // Without CLIENT_MULTI_STATEMENTS (the Node drivers' default) the server refuses
        // a string of several statements before running any. The crate always sets the
        // flag, so such a string goes through PREPARE, which the server refuses the same.
        let prepare = has_params || (!self.multiple_statements && statement_count(sql) > 1);
        let mut out = Vec::new();
        if prepare {
            let values: Vec<mysql::Value> = params
                .unwrap_or_default()
                .iter()
                .map(|v| param(v, offset))
                .collect();
            let p = if values.is_empty() {
                Params::Empty
            } else {
                Params::Positional(values)
            };
            let mut result = self.conn.exec_iter(sql, p).map_err(err)?;
            while let Some(set) = result.iter() {
                out.push(collect_set(set, offset, timestamp_strings).map_err(err)?);
            }
        } else {
            let mut result = self.conn.query_iter(sql).map_err(err)?;
            while let Some(set) = result.iter() {
                out.push(collect_set(set, offset, timestamp_strings).map_err(err)?);
            }
        }
        self.status = self.conn.server_status();
        // The flags are known for the statement string's last result only.
        if let Some(MysqlResult::Header(h)) = out.last_mut() {
            h.server_status = Some(self.status);
        }
        if let Some(MysqlResult::Header(h)) = out
            .iter()
            .rev()
            .find(|r| matches!(r, MysqlResult::Header(_)))
        {
            self.last_header = h.clone();
        }
        Ok(out)
    }
}

fn collect_set<T: mysql::prelude::Protocol>(
    mut set: mysql::ResultSet<'_, '_, '_, '_, T>,
    offset: i32,
    timestamp_strings: bool,
) -> Result<MysqlResult, mysql::Error> {
    let columns: Vec<mysql::Column> = set.columns().as_ref().to_vec();
    if columns.is_empty() {
        let header = MysqlHeader {
            affected_rows: set.affected_rows(),
            insert_id: set.last_insert_id().unwrap_or(0),
            warning_status: set.warnings(),
            info: set.info_str().into_owned(),
            server_status: set.status_flags(),
        };
        // An error of this set comes out of its iterator.
        for row in set.by_ref() {
            row?;
        }
        return Ok(MysqlResult::Header(header));
    }
    let mut rows = Vec::new();
    for row in set.by_ref() {
        let row = row?;
        rows.push(
            row.unwrap()
                .into_iter()
                .zip(&columns)
                .map(|(v, c)| match timestamp_strings {
                    true => timestamp_text(&v, c).unwrap_or_else(|| cell(v, c, offset)),
                    false => cell(v, c, offset),
                })
                .collect(),
        );
    }
    Ok(MysqlResult::Rows(QueryResult {
        columns: columns.iter().map(column_info).collect(),
        rows,
        rows_affected: 0,
        last_insert_id: None,
        command: None,
        header: None,
        results: Vec::new(),
    }))
}

/// The pieces of a string that `;` outside quotes and comments ends, the tail included:
/// each piece's byte range and whether it holds anything but whitespace and comments.
fn statement_spans(sql: &str) -> Vec<(usize, usize, bool)> {
    let b = sql.as_bytes();
    let (mut i, mut start, mut pending) = (0, 0, false);
    let mut out = Vec::new();
    while i < b.len() {
        match b[i] {
            q @ (b'\'' | b'"' | b'`') => {
                pending = true;
                i += 1;
                while i < b.len() && b[i] != q {
                    if b[i] == b'\\' && q != b'`' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            b'#' => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'-' if b.get(i + 1) == Some(&b'-')
                && b.get(i + 2).is_none_or(|c| c.is_ascii_whitespace()) =>
            {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < b.len() && !(b[i] == b'*' && b[i + 1] == b'/') {
                    i += 1;
                }
                i += 1;
            }
            b';' => {
                out.push((start, i, pending));
                start = i + 1;
                pending = false;
            }
            c if !c.is_ascii_whitespace() => pending = true,
            _ => {}
        }
        i += 1;
    }
    let start = start.min(sql.len());
    out.push((start, sql.len(), pending));
    out
}

/// How many statements a string holds: `;` outside quotes and comments, not counting
/// an empty tail.
pub(crate) fn statement_count(sql: &str) -> usize {
    statement_spans(sql)
        .iter()
        .filter(|(_, _, code)| *code)
        .count()
}

/// rustls needs one process-wide crypto provider when more than one is compiled in
/// (another crate of the build may bring aws-lc-rs); ring is the one chosen here, as it
/// builds without cmake. Deprecated only for lacking post-quantum key exchange.
#[allow(deprecated)]
fn install_crypto_provider() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

impl Connection for MysqlConnection {
    fn dialect(&self) -> Dialect {
        match self.flavor {
            MysqlFlavor::Mysql => Dialect::Mysql,
            MysqlFlavor::Mariadb => Dialect::Mariadb,
        }
    }

    /// The first result with rows (or the last header when none has rows); the
    /// affected rows and insert id of the last write; with several statements, every
    /// result in `results`.
    fn query(&mut self, sql: &str, params: &[Value]) -> Result<QueryResult, DbError> {
        let results = self.run(sql, Some(params))?;
        let rows = results.iter().find_map(|r| match r {
            MysqlResult::Rows(q) => Some(q.clone()),
            MysqlResult::Header(_) => None,
        });
        let has_rows = rows.is_some();
        let mut out = rows.unwrap_or_default();
        if let Some(MysqlResult::Header(h)) = results
            .iter()
            .rev()
            .find(|r| matches!(r, MysqlResult::Header(_)))
        {
            out.rows_affected = h.affected_rows;
            out.last_insert_id = Some(h.insert_id as i64);
            if !has_rows {
                out.header = Some(h.clone());
            }
        }
        if results.len() > 1 {
            out.results = results
                .into_iter()
                .map(|r| match r {
                    MysqlResult::Rows(q) => q,
                    MysqlResult::Header(h) => QueryResult {
                        header: Some(h),
                        ..QueryResult::default()
                    },
                })
                .collect();
        }
        Ok(out)
    }

    fn execute_batch(&mut self, sql: &str) -> Result<(), DbError> {
        if self.multiple_statements || statement_count(sql) <= 1 {
            return self.run(sql, None).map(|_| ());
        }
        // One statement at a time: a batch is ours, not the user's multi-statement string.
        for stmt in split_statements(sql) {
            self.run(&stmt, None)?;
        }
        Ok(())
    }

    /// `SERVER_STATUS_IN_TRANS` of the last statement that succeeded.
    fn in_transaction(&self) -> Option<bool> {
        Some(self.status & 1 != 0)
    }
}

/// The statements of a string, split where [`statement_count`] counts.
pub(crate) fn split_statements(sql: &str) -> Vec<String> {
    statement_spans(sql)
        .into_iter()
        .filter_map(|(from, to, _)| {
            // `get`: a quote or comment left open runs the index past the end.
            let s = sql.get(from..to.min(sql.len()))?.trim();
            (!s.is_empty()).then(|| s.to_string())
        })
        .collect()
}

#[cfg(test)]
mod tests;
