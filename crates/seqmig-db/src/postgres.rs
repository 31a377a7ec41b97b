//! The PostgreSQL driver, sending queries as node-postgres sends them.
//!
//! node-postgres (what Sequelize uses) sends a query that has parameters with the extended
//! protocol, and one without with the simple-query protocol, which allows several
//! statements in one string (Sequelize's postgres changeColumn sends `ALTER ...;ALTER ...;`)
//! and returns text cells that its type parsers read by each column's type OID.
//!
//! Here a query with parameters, and a parameterless one of a single statement, go out with
//! the extended protocol (one unnamed statement, binary results, `pg_decode`): for a single
//! statement the server does the same work either way, and binary results carry their
//! types. A parameterless string of several statements goes out with the simple protocol
//! as it is, so that it runs as one implicit transaction when outside one, stops at the
//! first error and leaves a transaction it runs in as PostgreSQL leaves it. Asking the
//! extended protocol first and falling back would not do: the server refuses the string
//! with an error, which aborts the transaction the migration is in. Its text cells are typed
//! by the RowDescription's OIDs (read off the wire by `pg_client`'s tap) through `pg_text`,
//! which gives the same `Value`s as `pg_decode`. Which strings hold several statements is
//! decided by `command::statements`, a splitter that knows PostgreSQL's quoting (strings,
//! `E''` strings, dollar quotes, quoted identifiers, nested comments); where it sees one
//! statement and the server sees several, the extended protocol's refusal (nothing ran)
//! still falls back to the simple protocol.

use std::error::Error as StdError;
use std::net::ToSocketAddrs;
use std::time::Duration;

use std::collections::HashMap;

use postgres::error::ErrorPosition;
use postgres::types::{ToSql, Type};
use postgres::SimpleQueryMessage;

use crate::command::{command_of, statements};
use crate::pg_client::{ConnectError, PgClient};
use crate::pg_decode::{decode, Raw};
use crate::pg_encode::{unspecified, BinaryParam, TextParam};
use crate::pg_text::decode_text;
use crate::{
    ColumnInfo, Connection, DbError, DbErrorKind, Dialect, PgOptions, QueryResult, SslMode, Value,
};

pub struct PgConnection {
    client: PgClient,
    /// Types met in simple-protocol results that are not built in (enums, domains, ...).
    types: HashMap<u32, Type>,
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
        let mut config = tokio_postgres::Config::new();
        config
            .user(&target.user)
            .dbname(&target.database)
            .ssl_mode(match opts.ssl_mode {
                SslMode::Disable => tokio_postgres::config::SslMode::Disable,
                SslMode::Prefer => tokio_postgres::config::SslMode::Prefer,
                _ => tokio_postgres::config::SslMode::Require,
            });
        if let Some(password) = &target.password {
            config.password(password);
        }
        if let Some(name) = &opts.application_name {
            config.application_name(name);
        }
        let timeout = opts.connect_timeout_secs.map(Duration::from_secs);
        let tls = crate::tls::connector(opts)?;
        let mut client = PgClient::connect(&config, &target.host, target.port, timeout, tls)
            .map_err(|e| connect_error(&e, &target))?;
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
            types: HashMap::new(),
            fast_restore: None,
        })
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
        self.client.query_typed_raw(sql, typed)
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
                    mysql: None,
                })
                .collect(),
            rows: out_rows,
            rows_affected,
            last_insert_id: None,
            command: command_of(sql),
            header: None,
            results: Vec::new(),
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
    /// parameters: the simple-query protocol, text results. As Sequelize's postgres
    /// `Query.run` concatenates the rows of every statement and sums their counts, so do we;
    /// a statement whose columns differ from the previous one's starts the rows afresh
    /// (one `QueryResult` has one column list).
    fn query_simple(&mut self, sql: &str) -> Result<QueryResult, DbError> {
        let (messages, described) = self
            .client
            .simple_query(sql)
            .map_err(|e| statement_error(&e))?;
        let mut described = described.into_iter();
        let mut result = QueryResult {
            command: command_of(sql),
            header: None,
            ..QueryResult::default()
        };
        let mut types: Vec<Type> = Vec::new();
        for message in messages {
            match message {
                SimpleQueryMessage::RowDescription(cols) => {
                    // The tap saw every RowDescription the client parsed, in order.
                    let oids = described.next().unwrap_or_default();
                    let these: Vec<Type> = (0..cols.len())
                        .map(|i| match oids.get(i) {
                            Some(&oid) => self.type_of(oid),
                            None => Type::TEXT,
                        })
                        .collect();
                    let same = cols.len() == result.columns.len()
                        && cols
                            .iter()
                            .zip(&result.columns)
                            .all(|(c, have)| c.name() == have.name)
                        && these == types;
                    if !same {
                        result.columns = cols
                            .iter()
                            .zip(&these)
                            .map(|(c, ty)| ColumnInfo {
                                name: c.name().to_string(),
                                type_name: ty.name().to_string(),
                                mysql: None,
                            })
                            .collect();
                        result.rows.clear();
                        types = these;
                    }
                }
                SimpleQueryMessage::Row(row) => {
                    let mut cells = Vec::with_capacity(row.len());
                    for (i, ty) in types.iter().enumerate().take(row.len()) {
                        let cell = decode_text(ty, row.get(i)).map_err(|e| {
                            DbError::statement(format!(
                                "could not decode column \"{}\" of type {}: {e}",
                                result.columns[i].name,
                                ty.name()
                            ))
                        })?;
                        cells.push(cell);
                    }
                    result.rows.push(cells);
                }
                SimpleQueryMessage::CommandComplete(n) => result.rows_affected += n,
                _ => {}
            }
        }
        Ok(result)
    }

    /// The type of a RowDescription OID: built in, or looked up once (enums, domains,
    /// extension types and arrays of them) as rust-postgres resolves a prepared
    /// statement's column types. Read-only lookups, run only after the query succeeded.
    fn type_of(&mut self, oid: u32) -> Type {
        if let Some(t) = Type::from_oid(oid) {
            return t;
        }
        if let Some(t) = self.types.get(&oid) {
            return t.clone();
        }
        let looked_up = (|| -> Result<Option<Type>, postgres::Error> {
            let rows = self
                .client
                .query_typed("SELECT $1::oid::regtype::text", &[(&oid, Type::OID)])?;
            let Some(name) = rows.first().and_then(|r| r.get::<_, Option<String>>(0)) else {
                return Ok(None);
            };
            let stmt = self
                .client
                .prepare_typed(&format!("SELECT NULL::{name}"), &[])?;
            Ok(stmt.columns().first().map(|c| c.type_().clone()))
        })();
        // Unknown to the server (cannot be: it just sent it): the cells stay text.
        let ty = looked_up.ok().flatten().unwrap_or(Type::TEXT);
        self.types.insert(oid, ty.clone());
        ty
    }
}

impl Connection for PgConnection {
    fn dialect(&self) -> Dialect {
        Dialect::Postgres
    }

    fn query(&mut self, sql: &str, params: &[Value]) -> Result<QueryResult, DbError> {
        // node-postgres sends a query without parameters with the simple protocol, where
        // several statements are allowed. Asking the extended protocol first would make
        // the server refuse the string and abort the transaction it runs in.
        if params.is_empty() && statements(sql).len() > 1 {
            return self.query_simple(sql);
        }
        match self.run_extended(sql, params) {
            Ok((rows, affected)) => self.decode_rows(sql, params.len(), rows, affected),
            // The splitter saw one statement where the server sees several (a syntax it
            // does not know). Nothing ran; outside a transaction the retry is exact.
            Err(e) if params.is_empty() && is_multi_statement(&e) => self.query_simple(sql),
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

fn connect_error(e: &ConnectError, t: &Target) -> DbError {
    let (text, kind) = match e {
        ConnectError::Pg(e) => {
            if let Some(tls) = e
                .source()
                .and_then(|s| s.downcast_ref::<crate::tls::HandshakeError>())
            {
                // A refused certificate, in node's words: "self-signed certificate", ...
                return DbError::connection(tls.0.clone());
            }
            if let Some(db) = e.as_db_error() {
                // Wrong password, missing database, no pg_hba line: the server's own
                // words, as sequelize-cli prints them.
                return server_error(db, DbErrorKind::Connection);
            }
            (chain(e), io_kind(e))
        }
        ConnectError::Io(e) => (chain(e), Some(e.kind())),
        ConnectError::Tls(e) => (chain(&**e), None),
    };
    let message = match kind {
        Some(std::io::ErrorKind::ConnectionRefused) => {
            format!("connect ECONNREFUSED {}", shown_address(&t.host, t.port))
        }
        Some(std::io::ErrorKind::TimedOut) => {
            format!("connect ETIMEDOUT {}", shown_address(&t.host, t.port))
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
