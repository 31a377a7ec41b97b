//! The PostgreSQL driver: one `postgres::Client`, speaking to the server as
//! node-postgres does (text parameters of inferred type, one unnamed statement per query).

use std::error::Error as StdError;
use std::net::ToSocketAddrs;
use std::time::Duration;

use fallible_iterator_02::FallibleIterator;
use postgres::error::ErrorPosition;
use postgres::types::{ToSql, Type};
use postgres::{NoTls, SimpleQueryMessage};

use crate::command::command_of;
use crate::pg_decode::{decode, Raw};
use crate::pg_encode::{unspecified, BinaryParam, TextParam};
use crate::{
    ColumnInfo, Connection, DbError, DbErrorKind, Dialect, PgOptions, QueryResult, SslMode, Value,
};

pub struct PgConnection {
    client: postgres::Client,
    /// `synchronous_commit` as it was before `begin_fast_run`, while a run holds it off.
    fast_restore: Option<String>,
}

/// What the connection really uses once node-postgres' defaults are applied.
#[derive(Debug, Clone)]
struct Target {
    host: String,
    port: u16,
    user: String,
    database: String,
    password: Option<String>,
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

impl Target {
    /// node-postgres' defaults: host localhost, port 5432, user `$PGUSER`/`$USER`,
    /// database = user, password `$PGPASSWORD`.
    fn of(opts: &PgOptions) -> Target {
        let host = if opts.host.is_empty() {
            env("PGHOST").unwrap_or_else(|| "localhost".into())
        } else {
            opts.host.clone()
        };
        let port = if opts.port == 0 {
            env("PGPORT").and_then(|p| p.parse().ok()).unwrap_or(5432)
        } else {
            opts.port
        };
        let user = if opts.user.is_empty() {
            env("PGUSER").or_else(|| env("USER")).unwrap_or_default()
        } else {
            opts.user.clone()
        };
        let database = if opts.database.is_empty() {
            env("PGDATABASE").unwrap_or_else(|| user.clone())
        } else {
            opts.database.clone()
        };
        let password = opts.password.clone().or_else(|| env("PGPASSWORD"));
        Target {
            host,
            port,
            user,
            database,
            password,
        }
    }
}

impl PgConnection {
    pub fn connect(opts: &PgOptions) -> Result<Self, DbError> {
        let target = Target::of(opts);
        let mut config = postgres::Config::new();
        config
            .host(&target.host)
            .port(target.port)
            .user(&target.user)
            .dbname(&target.database)
            .ssl_mode(match opts.ssl_mode {
                SslMode::Disable => postgres::config::SslMode::Disable,
                SslMode::Prefer => postgres::config::SslMode::Prefer,
                _ => postgres::config::SslMode::Require,
            });
        if let Some(password) = &target.password {
            config.password(password);
        }
        if let Some(secs) = opts.connect_timeout_secs {
            config.connect_timeout(Duration::from_secs(secs));
        }
        if let Some(name) = &opts.application_name {
            config.application_name(name);
        }
        let connected = match crate::tls::connector(opts)? {
            None => config.connect(NoTls),
            Some(tls) => config.connect(tls),
        };
        let mut client = connected.map_err(|e| connect_error(&e, &target))?;
        let init = match &opts.session_init {
            Some(sql) => sql.clone(),
            None => crate::pg_session_init(None, false, None),
        };
        if !init.is_empty() {
            client.batch_execute(&init).map_err(|e| {
                let mut err = statement_error(&e);
                err.kind = DbErrorKind::Connection;
                err
            })?;
        }
        Ok(PgConnection {
            client,
            fast_restore: None,
        })
    }

    /// The `postgres` client, for callers that need PostgreSQL-specific access.
    pub fn raw(&mut self) -> &mut postgres::Client {
        &mut self.client
    }

    /// Runs one statement with the extended protocol; binary results.
    fn run_extended(
        &mut self,
        sql: &str,
        params: &[Value],
    ) -> Result<(Vec<postgres::Row>, u64), postgres::Error> {
        let typed: Vec<(TextParam<'_>, Type)> = params
            .iter()
            .map(|v| (TextParam(v), unspecified()))
            .collect();
        let mut iter = self.client.query_typed_raw(sql, typed)?;
        let mut rows = Vec::new();
        while let Some(row) = iter.next()? {
            rows.push(row);
        }
        Ok((rows, iter.rows_affected().unwrap_or(0)))
    }

    fn decode_rows(
        &mut self,
        sql: &str,
        param_count: usize,
        rows: Vec<postgres::Row>,
        rows_affected: u64,
    ) -> Result<QueryResult, DbError> {
        let columns: Vec<(String, Type)> = match rows.first() {
            Some(row) => row
                .columns()
                .iter()
                .map(|c| (c.name().to_string(), c.type_().clone()))
                .collect(),
            None => self.describe_empty(sql, param_count),
        };
        let client = &mut self.client;
        let mut text_of =
            |ty: &Type, bytes: &[u8]| -> Result<String, Box<dyn StdError + Sync + Send>> {
                let param: &(dyn ToSql + Sync) = &BinaryParam(bytes);
                let row = client.query_typed("SELECT $1::text", &[(param, ty.clone())])?;
                Ok(row
                    .first()
                    .and_then(|r| r.get::<_, Option<String>>(0))
                    .unwrap_or_default())
            };
        let mut out_rows = Vec::with_capacity(rows.len());
        for row in &rows {
            let mut cells = Vec::with_capacity(columns.len());
            for (i, (name, ty)) in columns.iter().enumerate() {
                let decoded = row
                    .try_get::<_, Raw<'_>>(i)
                    .map_err(|e| e.into())
                    .and_then(|raw| decode(ty, raw.0, &mut text_of));
                let value = decoded.map_err(|e| {
                    DbError::statement(format!(
                        "could not decode column \"{name}\" of type {}: {e}",
                        ty.name()
                    ))
                })?;
                cells.push(value);
            }
            out_rows.push(cells);
        }
        Ok(QueryResult {
            columns: columns
                .into_iter()
                .map(|(name, ty)| ColumnInfo {
                    name,
                    type_name: ty.name().to_string(),
                })
                .collect(),
            rows: out_rows,
            rows_affected,
            last_insert_id: None,
            command: command_of(sql),
        })
    }

    /// The columns of a row-returning statement that returned no row (node-postgres
    /// still reports its fields): the rows carry them otherwise, and rust-postgres
    /// keeps the unnamed statement's description to itself. Describing again is
    /// harmless since the same text and parameter count just ran.
    fn describe_empty(&mut self, sql: &str, param_count: usize) -> Vec<(String, Type)> {
        let returns_rows = matches!(
            command_of(sql).as_deref(),
            Some("SELECT" | "SHOW" | "EXPLAIN" | "FETCH")
        ) || sql.to_ascii_uppercase().contains("RETURNING");
        if !returns_rows {
            return Vec::new();
        }
        let types = vec![unspecified(); param_count];
        match self.client.prepare_typed(sql, &types) {
            Ok(stmt) => stmt
                .columns()
                .iter()
                .map(|c| (c.name().to_string(), c.type_().clone()))
                .collect(),
            Err(_) => Vec::new(),
        }
    }

    /// Several statements in one string, as node-postgres sends a query without
    /// parameters: the simple-query protocol, text results. The last statement's rows
    /// and count are returned.
    fn query_simple(&mut self, sql: &str) -> Result<QueryResult, postgres::Error> {
        let mut result = QueryResult {
            command: command_of(sql),
            ..QueryResult::default()
        };
        for message in self.client.simple_query(sql)? {
            match message {
                SimpleQueryMessage::RowDescription(cols) => {
                    result.columns = cols
                        .iter()
                        .map(|c| ColumnInfo {
                            name: c.name().to_string(),
                            type_name: "text".to_string(),
                        })
                        .collect();
                    result.rows.clear();
                }
                SimpleQueryMessage::Row(row) => {
                    let cells = (0..row.len())
                        .map(|i| match row.get(i) {
                            Some(t) => Value::Text(t.to_string()),
                            None => Value::Null,
                        })
                        .collect();
                    result.rows.push(cells);
                }
                SimpleQueryMessage::CommandComplete(n) => result.rows_affected = n,
                _ => {}
            }
        }
        Ok(result)
    }
}

impl Connection for PgConnection {
    fn dialect(&self) -> Dialect {
        Dialect::Postgres
    }

    fn query(&mut self, sql: &str, params: &[Value]) -> Result<QueryResult, DbError> {
        match self.run_extended(sql, params) {
            Ok((rows, affected)) => self.decode_rows(sql, params.len(), rows, affected),
            // Sequelize's changeColumn sends `ALTER ...;ALTER ...;` as one query; the
            // extended protocol refuses that before running anything.
            Err(e) if params.is_empty() && is_multi_statement(&e) => {
                self.query_simple(sql).map_err(|e| statement_error(&e))
            }
            Err(e) => Err(statement_error(&e)),
        }
    }

    fn execute_batch(&mut self, sql: &str) -> Result<(), DbError> {
        self.client
            .batch_execute(sql)
            .map_err(|e| statement_error(&e))
    }

    fn begin_fast_run(&mut self) -> Result<(), DbError> {
        if self.fast_restore.is_none() {
            self.fast_restore = crate::pg_session::async_commit_on(&mut self.client)
                .map_err(|e| statement_error(&e))?;
        }
        Ok(())
    }

    fn end_fast_run(&mut self) -> Result<(), DbError> {
        if let Some(previous) = self.fast_restore.take() {
            crate::pg_session::async_commit_off(&mut self.client, &previous)
                .map_err(|e| statement_error(&e))?;
        }
        Ok(())
    }
}

fn is_multi_statement(e: &postgres::Error) -> bool {
    e.as_db_error().is_some_and(|db| {
        db.code().code() == "42601"
            && db.message() == "cannot insert multiple commands into a prepared statement"
    })
}

fn server_error(db: &postgres::error::DbError, kind: DbErrorKind) -> DbError {
    let mut e = DbError::statement(db.message()).with_code(db.code().code());
    e.kind = kind;
    e.detail = db.detail().map(str::to_string);
    e.hint = db.hint().map(str::to_string);
    e.constraint = db.constraint().map(str::to_string);
    e.table = db.table().map(str::to_string);
    e.column = db.column().map(str::to_string);
    e.schema = db.schema().map(str::to_string);
    e.severity = Some(db.severity().to_string());
    e.position = match db.position() {
        Some(ErrorPosition::Original(p)) => Some(p.to_string()),
        Some(ErrorPosition::Internal { position, .. }) => Some(position.to_string()),
        None => None,
    };
    e
}

/// The whole chain of causes, for errors that did not come from the server.
fn chain(e: &dyn StdError) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        let part = c.to_string();
        if !s.contains(&part) {
            s.push_str(": ");
            s.push_str(&part);
        }
        cur = c.source();
    }
    s
}

fn io_kind(e: &postgres::Error) -> Option<std::io::ErrorKind> {
    let mut cur = e.source();
    while let Some(c) = cur {
        if let Some(io) = c.downcast_ref::<std::io::Error>() {
            return Some(io.kind());
        }
        cur = c.source();
    }
    None
}

fn statement_error(e: &postgres::Error) -> DbError {
    if let Some(db) = e.as_db_error() {
        return server_error(db, DbErrorKind::Statement);
    }
    if e.is_closed() || io_kind(e).is_some() {
        // node-postgres' wording when the server goes away mid-query.
        return DbError::connection("Connection terminated unexpectedly");
    }
    DbError::statement(chain(e))
}

/// The address node would print for `host:port` (it names the resolved IP).
fn shown_address(host: &str, port: u16) -> String {
    if host.starts_with('/') {
        return format!("{host}/.s.PGSQL.{port}");
    }
    match (host, port)
        .to_socket_addrs()
        .ok()
        .and_then(|mut a| a.next())
    {
        Some(addr) => format!("{}:{port}", addr.ip()),
        None => format!("{host}:{port}"),
    }
}

fn connect_error(e: &postgres::Error, t: &Target) -> DbError {
    if let Some(db) = e.as_db_error() {
        // Wrong password, missing database, no pg_hba line: the server's own words,
        // as sequelize-cli prints them.
        return server_error(db, DbErrorKind::Connection);
    }
    let text = chain(e);
    let message = match io_kind(e) {
        Some(std::io::ErrorKind::ConnectionRefused) => {
            format!("connect ECONNREFUSED {}", shown_address(&t.host, t.port))
        }
        Some(std::io::ErrorKind::TimedOut) => {
            format!("connect ETIMEDOUT {}", shown_address(&t.host, t.port))
        }
        // OpenSSL ends a failed verification with the reason in parentheses, in the
        // same words node's tls module uses: "self-signed certificate", ...
        _ if text.contains("certificate verify failed") && text.ends_with(')') => {
            let reason = text.rfind('(').map(|i| &text[i + 1..text.len() - 1]);
            reason.unwrap_or(&text).to_string()
        }
        // The server asked for a password and none was configured: node-postgres'
        // words for it (its SCRAM path, PostgreSQL's default method).
        _ if text.contains("password missing") => {
            "SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a string".to_string()
        }
        _ if text.contains("server does not support TLS") => {
            "The server does not support SSL connections".to_string()
        }
        _ if text.contains("failed to lookup address")
            || text.contains("Name or service not known") =>
        {
            format!("getaddrinfo ENOTFOUND {}", t.host)
        }
        _ => format!("{text} ({}:{})", t.host, t.port),
    };
    DbError::connection(message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refused_connection_names_host_and_port() {
        // Port 1 on loopback is never a PostgreSQL server.
        let opts = PgOptions {
            host: "127.0.0.1".into(),
            port: 1,
            user: "nobody".into(),
            database: "nothing".into(),
            ..PgOptions::default()
        };
        let e = PgConnection::connect(&opts).err().expect("must fail");
        assert_eq!(e.kind, DbErrorKind::Connection);
        assert_eq!(e.message, "connect ECONNREFUSED 127.0.0.1:1");
    }
}
