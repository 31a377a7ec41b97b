//! The native ops behind `queryInterface` and `sequelize.query`: each turns a JSON request
//! (docs/CONTRACTS.md §3) into the dialect's SQL, runs it on the session's connection and
//! returns the shape Sequelize returns.
//!
//! Every statement goes through [`Ops::run`], which logs it as Sequelize's
//! `logging: console.log` does, records it in the session, and maps driver errors to
//! Sequelize's error classes. The result shapes live in `query.rs` (Sequelize's
//! `_handleQueryResponse`), the SQLite table rebuilds in `sqlite_rebuild.rs`.

mod errors;
mod model;
mod postgres;
mod rows;
mod sqlite;

use std::collections::HashSet;
use std::rc::Rc;

use seqmig_db::{Dialect, QueryResult, SharedConnection, Value};
use seqmig_js::{Host, OpError};
use seqmig_sql::abstract_gen::QueryGenerator;
use seqmig_sql::sqlite::SqliteGenerator;
use seqmig_sql::SqlValue;
use serde_json::{json, Value as Json};

use crate::session::Session;

pub use errors::{sql_error, sqlite_error};
pub use model::ResolveConnect;

/// The op table handed to the JS runtime.
pub struct Ops {
    session: Rc<Session>,
    sqlite: SqliteGenerator,
    tx: sqlite::transactions::Transactions,
    pg: postgres::PgState,
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
            sqlite: SqliteGenerator::new(),
            tx: sqlite::transactions::Transactions::default(),
            pg: postgres::PgState::default(),
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
        for w in self.sqlite.warnings().take() {
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
            .map(|v| to_db_value(v, self.session.dialect()))
            .collect::<Result<_, _>>()?;
        let result = conn.borrow_mut().query(sql, &values);
        if result.is_ok() {
            // Only what the database accepted counts as applied.
            self.session.record_statement(logged);
        }
        result.map_err(|e| {
            let parameters = if params.is_empty() {
                json!({})
            } else {
                Json::Array(params.iter().map(SqlValue::to_json).collect())
            };
            sqlite_error(&e, logged, parameters)
        })
    }

    /// `run` for a statement without parameters, logged as sent.
    pub(crate) fn exec(&self, ctx: Ctx, sql: &str) -> Result<QueryResult, OpError> {
        self.run(ctx, sql, sql, &[])
    }

    fn dispatch(&mut self, name: &str, args: &Json) -> OpResult {
        let ctx = Ctx::from_args(args);
        match (name, args.get("connection").and_then(Json::as_u64)) {
            ("connection_open", _) => return self.op_connection_open(args),
            ("connection_close", _) => return self.op_connection_close(args),
            (_, Some(id)) if id != 0 => return self.dispatch_on(id, name, args),
            ("model_select", _) => return self.op_model_select(ctx, args),
            ("model_insert", _) => return self.op_model_insert(ctx, args),
            ("model_select_sql", _) => return self.op_model_select_sql(ctx, args),
            ("model_fragments", _) => return self.op_model_fragments(args),
            _ => {}
        }
        if self.session.dialect() == Dialect::Postgres {
            return self.dispatch_postgres(ctx, name, args);
        }
        match name {
            "query" => self.op_query(ctx, args),
            "qi_create_table" => self.op_create_table(ctx, args),
            "qi_drop_table" => self.op_drop_table(ctx, args),
            "qi_drop_all_tables" => self.op_drop_all_tables(ctx, args),
            "qi_rename_table" => self.op_rename_table(ctx, args),
            "qi_show_all_tables" => self.op_show_all_tables(ctx),
            "qi_table_exists" => self.op_table_exists(ctx, args),
            "qi_describe_table" => self.op_describe_table(ctx, args),
            "qi_add_column" => self.op_add_column(ctx, args),
            "qi_remove_column" => self.op_remove_column(ctx, args),
            "qi_change_column" => self.op_change_column(ctx, args),
            "qi_rename_column" => self.op_rename_column(ctx, args),
            "qi_add_index" => self.op_add_index(ctx, args),
            "qi_remove_index" => self.op_remove_index(ctx, args),
            "qi_show_index" => self.op_show_index(ctx, args),
            "qi_get_foreign_keys" => self.op_get_foreign_keys(ctx, args),
            "qi_add_constraint" => self.op_add_constraint(ctx, args),
            "qi_remove_constraint" => self.op_remove_constraint(ctx, args),
            "qi_show_constraint" => self.op_show_constraint(ctx, args),
            "qi_bulk_insert" => self.op_bulk_insert(ctx, args),
            "qi_bulk_update" => self.op_bulk_update(ctx, args),
            "qi_bulk_delete" => self.op_bulk_delete(ctx, args),
            "qi_insert" => self.op_insert(ctx, args),
            "qi_upsert" => self.op_upsert(ctx, args),
            "qi_select" => self.op_select(ctx, args),
            "qi_increment" => self.op_increment(ctx, args),
            "qi_database_version" => {
                let q = self.sqlite.version_query();
                self.sequelize_query(
                    ctx,
                    q,
                    q,
                    &[],
                    sqlite::result_shapes::Shape {
                        ty: "VERSION",
                        plain: false,
                        nest: false,
                    },
                )
            }
            "qi_create_function" | "qi_drop_function" | "qi_rename_function"
            | "qi_create_trigger" | "qi_drop_trigger" | "qi_rename_trigger" => Err(OpError::new(
                "Error",
                format!(
                    "seqmig: {} is only supported on postgres",
                    name.trim_start_matches("qi_")
                ),
            )),
            // SQLite has no schemas: Sequelize's sqlite createSchema/showAllSchemas list
            // tables, createSchema as a RAW query (`[rows, statement]`), showAllSchemas as a
            // SELECT whose rows have no schema_name (so the row objects themselves).
            "qi_create_schema" => {
                let q = self.sqlite.show_tables_query();
                self.sequelize_query(ctx, q, q, &[], sqlite::result_shapes::Shape::RAW)
            }
            "qi_show_all_schemas" => {
                let q = self.sqlite.show_tables_query();
                self.sequelize_query(
                    ctx,
                    q,
                    q,
                    &[],
                    sqlite::result_shapes::Shape {
                        ty: "SELECT",
                        plain: false,
                        nest: false,
                    },
                )
            }
            // Sent as Sequelize sends them (MySQL's SQL), to fail as SQLite fails them.
            "qi_create_database" => {
                let s = |k: &str| args.pointer(k).and_then(Json::as_str);
                let sql = self
                    .sqlite
                    .create_database(
                        s("/name").unwrap_or_default(),
                        s("/options/charset"),
                        s("/options/collate"),
                    )
                    .map_err(sql_error)?;
                self.sequelize_query(ctx, &sql, &sql, &[], sqlite::result_shapes::Shape::RAW)
            }
            "qi_drop_database" => {
                let name = args.get("name").and_then(Json::as_str).unwrap_or_default();
                let sql = self.sqlite.drop_database(name);
                self.sequelize_query(ctx, &sql, &sql, &[], sqlite::result_shapes::Shape::RAW)
            }
            // Sequelize's abstract dropSchema is a dropTableQuery whose query result it
            // returns (dropTable returns nothing).
            "qi_drop_schema" => {
                let req: seqmig_sql::model::DropTable = parse(
                    "qi_drop_schema",
                    &json!({"table": {"tableName": args.get("schema")}}),
                )?;
                let sql = self.sqlite.drop_table(&req.table);
                self.sequelize_query(ctx, &sql, &sql, &[], sqlite::result_shapes::Shape::RAW)
            }
            "qi_drop_all_schemas" => self.op_drop_all_tables(ctx, &json!({})),
            "qi_drop_enum" | "qi_drop_all_enums" | "qi_pg_list_enums" => Ok(undefined()),
            "tx_begin" => self.op_tx_begin(ctx, args),
            "tx_commit" => self.op_tx_commit(ctx, args),
            "tx_rollback" => self.op_tx_rollback(ctx, args),
            "quote_identifier" => {
                let id = args
                    .get("identifier")
                    .and_then(Json::as_str)
                    .unwrap_or_default();
                Ok(json!(self.sqlite.quote_ident(id)))
            }
            "quote_table" => {
                let t: seqmig_sql::Table = parse(name, args.get("table").unwrap_or(&Json::Null))?;
                Ok(json!(self.sqlite.quote_table(&t)))
            }
            "escape" => {
                let v = SqlValue::from_json(args.get("value").unwrap_or(&Json::Null))
                    .map_err(sql_error)?;
                Ok(json!(self.sqlite.escape(&v, None).map_err(sql_error)?))
            }
            other => Err(OpError::new("Error", format!("seqmig: unknown op {other}"))),
        }
    }
}

impl Host for Ops {
    fn op(&mut self, name: &str, args: serde_json::Value) -> Result<serde_json::Value, OpError> {
        let out = self.dispatch(name, &args);
        self.flush_warnings();
        out
    }
}

/// A bound value as the node driver would bind the JS value.
fn to_db_value(v: &SqlValue, dialect: Dialect) -> Result<Value, OpError> {
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
        SqlValue::Object(o) => match dialect {
            Dialect::Postgres => Value::Json(Json::Object(o.clone())),
            Dialect::Sqlite => Value::Text("[object Object]".into()),
        },
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
