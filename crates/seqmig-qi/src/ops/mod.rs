//! The native ops behind `queryInterface` and `sequelize.query`: each turns a JSON request
//! (docs/CONTRACTS.md §3) into the dialect's SQL, runs it on the session's connection and
//! returns the shape Sequelize returns.
//!
//! The layering is Sequelize's: what every dialect does alike is written here once
//! (transactions, quoting, the model API, the connections, and in `query_interface.rs` the
//! queryInterface ops that are one generator statement), and each dialect's
//! [`dialect::DialectOps`] holds only its overrides and its result and error shapes:
//! `sqlite/` (table rebuilds, describeTable from PRAGMAs, node-sqlite3's results),
//! `postgres/` (enums, functions, triggers, node-postgres's results) and `mysql/` (mysql
//! and mariadb: removeColumn's foreign keys, renameColumn from describeTable, mysql2's and
//! the mariadb connector's results).
//!
//! Every statement goes through [`Ops::run`], which logs it as Sequelize's
//! `logging: console.log` does, records it in the session, and maps driver errors to
//! Sequelize's error classes (the dialect's `formatError`).

mod dialect;
mod errors;
pub mod list;
mod model;
mod mysql;
mod postgres;
mod query_interface;
mod rows;
mod sqlite;
mod transactions;

use std::any::Any;
use std::cell::OnceCell;
use std::collections::HashSet;
use std::rc::Rc;

use seqmig_db::{Dialect, QueryResult, SharedConnection, Value};
use seqmig_js::{Host, OpError};
use seqmig_sql::statements::Statements;
use seqmig_sql::SqlValue;
use serde_json::{json, Value as Json};

use crate::session::Session;

pub(crate) use dialect::DialectOps;
pub use errors::sql_error;
pub use model::ResolveConnect;
pub use mysql::mysql_error;
pub use sqlite::errors::sqlite_error;

/// The op table handed to the JS runtime.
pub struct Ops {
    session: Rc<Session>,
    /// The generator of each dialect the session has been of, made by its
    /// [`DialectOps::new_generator`] on first use (the session's dialect is known only once
    /// the config is read), indexed by `Dialect as usize`.
    generators: [OnceCell<Box<dyn Statements>>; Dialect::ALL.len()],
    tx: transactions::Transactions,
    /// Sequelize prints each distinct type warning once per process.
    warned: HashSet<String>,
    /// Connections of `new Sequelize(...)` instances for other databases (model.rs).
    models: model::Connections,
    resolve: ResolveConnect,
}

/// The common op arguments: `{transaction, logging}`.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Ctx {
    pub tx: Option<u64>,
    /// `Some(true)`: a logging function was passed (log whatever `--debug` says);
    /// `Some(false)`: `logging: false`; `None`: the run's default.
    pub logging: Option<bool>,
}

impl Ctx {
    fn from_args(args: &Json) -> Ctx {
        Ctx {
            tx: args.get("transaction").and_then(Json::as_u64),
            logging: args.get("logging").and_then(Json::as_bool),
        }
    }
}

/// What `sequelize.query` was asked for: `type`, `plain`, `nest` (`{"a.b": 1}` rows become
/// `{a: {b: 1}}`, dottie's transform), `returning` (postgres).
#[derive(Debug, Clone, Copy)]
pub struct Shape<'a> {
    pub ty: &'a str,
    pub plain: bool,
    pub nest: bool,
    pub returning: bool,
}

impl Shape<'static> {
    pub const RAW: Shape<'static> = Shape {
        ty: "RAW",
        plain: false,
        nest: false,
        returning: false,
    };
    pub const fn of(ty: &'static str) -> Shape<'static> {
        Shape {
            ty,
            plain: false,
            nest: false,
            returning: false,
        }
    }
}
pub(crate) type OpResult = Result<Json, OpError>;

/// JavaScript `undefined`, which the shims revive (docs/CONTRACTS.md §3, "Values").
pub(crate) fn undefined() -> Json {
    json!({"$seqmig": "undefined"})
}

pub(crate) fn parse<T: serde::de::DeserializeOwned>(op: &str, args: &Json) -> Result<T, OpError> {
    serde_json::from_value(args.clone()).map_err(|e| errors::bad_args(op, e))
}

/// A resolver for a session that opens no other databases (tests, tools).
pub fn no_other_connections(
    _: Dialect,
    _: &serde_json::Map<String, Json>,
    _: &std::path::Path,
) -> Result<seqmig_db::ConnectOptions, String> {
    Err("seqmig: this session opens no other databases".into())
}

impl Ops {
    pub fn new(session: Rc<Session>, resolve: ResolveConnect) -> Self {
        Ops {
            session,
            generators: Default::default(),
            tx: transactions::Transactions::default(),
            warned: HashSet::new(),
            models: model::Connections::default(),
            resolve,
        }
    }

    fn connection(&self) -> Result<SharedConnection, OpError> {
        self.session.connection().ok_or_else(|| {
            OpError::new(
                "Error",
                "seqmig: no database connection yet (the config has not been read)",
            )
        })
    }

    /// Print the warnings the generator collected, once each, on stderr as Sequelize does.
    fn flush_warnings(&mut self) {
        let warnings = self.over().statements(self).warnings().take();
        for w in warnings {
            if self.warned.insert(w.clone()) {
                crate::console::stderr_line(&w.to_string());
            }
        }
    }

    /// Whether a statement of this op is printed (CONTRACTS §3, `logging`).
    pub(crate) fn logs(&self, ctx: Ctx) -> bool {
        ctx.logging.unwrap_or_else(|| self.session.log_sql.get())
    }

    /// Run one statement: log it (`Executing (default): …`), record it, map errors.
    /// `logged` is the text Sequelize shows; `sql` the text the driver gets.
    pub(crate) fn run(
        &self,
        ctx: Ctx,
        logged: &str,
        sql: &str,
        params: &[SqlValue],
    ) -> Result<QueryResult, OpError> {
        let conn = self.connection()?;
        if self.logs(ctx) {
            let who = ctx
                .tx
                .map(|t| self.tx.label(t))
                .unwrap_or_else(|| "default".into());
            crate::console::stdout_line(&format!("Executing ({who}): {logged}"));
        }
        let values: Vec<Value> = params
            .iter()
            .map(|v| to_db_value(v, self.over()))
            .collect::<Result<_, _>>()?;
        let result = conn.borrow_mut().query(sql, &values);
        if result.is_ok() {
            // Only what the database accepted counts as applied.
            self.session.record_statement(logged);
        }
        result.map_err(|e| self.over().error(&e, logged, params))
    }

    /// The session dialect's generator.
    pub(crate) fn generator(&self) -> &dyn Statements {
        let dialect = self.session.dialect();
        self.generators[dialect as usize]
            .get_or_init(|| dialect::for_dialect(dialect).new_generator())
            .as_ref()
    }

    /// The session dialect's generator as its own type, for that dialect's overrides.
    pub(crate) fn generator_as<G: Statements>(&self) -> &G {
        let gen: &dyn Any = self.generator();
        // The overrides of a dialect run only while the session is of that dialect, whose
        // generator its `new_generator` made.
        gen.downcast_ref()
            .expect("a dialect's overrides run on the generator its DialectOps made")
    }

    /// The session's dialect: its overrides, generator and result shapes.
    pub(crate) fn over(&self) -> &'static dyn dialect::DialectOps {
        dialect::for_dialect(self.session.dialect())
    }

    /// `sequelize.query(sql, {type, plain, …})`, logged as sent, resolved to its shape.
    pub(crate) fn query(&self, ctx: Ctx, sql: &str, params: &[SqlValue], shape: Shape) -> OpResult {
        self.over().query(self, ctx, sql, sql, params, shape)
    }

    /// `quoteIdentifier` of the session's dialect.
    pub fn quote_ident(&self, id: &str) -> String {
        self.over().statements(self).quote_ident(id)
    }

    /// Whether altering a table rebuilds (and so drops) it in the session's dialect.
    pub fn rebuilds_tables(&self) -> bool {
        self.over().rebuilds_tables()
    }

    /// `run` for a statement without parameters, logged as sent.
    pub(crate) fn exec(&self, ctx: Ctx, sql: &str) -> Result<QueryResult, OpError> {
        self.run(ctx, sql, sql, &[])
    }

    /// One op: routed to another database's connection when the args name one, else
    /// looked up in [`list::OPS`].
    fn dispatch(&mut self, name: &str, args: &Json) -> OpResult {
        let ctx = Ctx::from_args(args);
        // The config's `schema` is read after the ops exist (the config may be JS).
        let schema = self.session.default_schema();
        self.generator();
        if let Some(gen) = self.generators[self.session.dialect() as usize].get_mut() {
            gen.set_default_schema(schema);
        }
        if !matches!(name, "connection_open" | "connection_close") {
            let id = args.get("connection").and_then(Json::as_u64);
            if let Some(id) = id.filter(|id| *id != 0) {
                return self.dispatch_on(id, name, args);
            }
        }
        match list::find(name).map(|op| &op.run) {
            Some(list::Run::Shared(run)) => run(self, ctx, args),
            Some(list::Run::Dialect) => self.over().dispatch(self, ctx, name, args),
            None => Err(unknown_op(name)),
        }
    }

    fn op_quote_identifier(&mut self, args: &Json) -> OpResult {
        let id = args
            .get("identifier")
            .and_then(Json::as_str)
            .unwrap_or_default();
        Ok(json!(self.quote_ident(id)))
    }

    fn op_quote_table(&mut self, args: &Json) -> OpResult {
        let t: seqmig_sql::Table = parse("quote_table", args.get("table").unwrap_or(&Json::Null))?;
        Ok(json!(self.over().statements(self).quote_table(&t)))
    }

    fn op_escape(&mut self, args: &Json) -> OpResult {
        let v = SqlValue::from_json(args.get("value").unwrap_or(&Json::Null)).map_err(sql_error)?;
        let gen = self.over().statements(self);
        Ok(json!(gen.escape(&v, None).map_err(sql_error)?))
    }
}

/// An op no table answers.
pub(crate) fn unknown_op(name: &str) -> OpError {
    OpError::new("Error", format!("seqmig: unknown op {name}"))
}

impl Host for Ops {
    fn op(&mut self, name: &str, args: serde_json::Value) -> Result<serde_json::Value, OpError> {
        let out = self.dispatch(name, &args);
        self.flush_warnings();
        out
    }
}

/// A bound value as the node driver would bind the JS value.
fn to_db_value(v: &SqlValue, dialect: &dyn dialect::DialectOps) -> Result<Value, OpError> {
    Ok(match v {
        SqlValue::Null => Value::Null,
        SqlValue::Bool(b) => Value::Bool(*b),
        SqlValue::Int(i) => Value::Int(*i),
        SqlValue::Float(f) => Value::Float(*f),
        SqlValue::Text(s) => Value::Text(s.clone()),
        SqlValue::Buffer(b) => Value::Blob(b.clone()),
        // node-sqlite3 binds a Date as its epoch milliseconds; an invalid one as NULL.
        SqlValue::Date(Some(ms)) => Value::Timestamp { ms: *ms, tz: true },
        SqlValue::Date(None) => Value::Null,
        SqlValue::Array(items) => Value::Array(
            items
                .iter()
                .map(|i| to_db_value(i, dialect))
                .collect::<Result<_, _>>()?,
        ),
        SqlValue::Object(o) => dialect.bind_object(o),
        other => {
            return Err(OpError::new(
                "Error",
                format!(
                    "Cannot pass SequelizeMethod as a bind parameter - use escape instead ({})",
                    other.to_json()
                ),
            ))
        }
    })
}
