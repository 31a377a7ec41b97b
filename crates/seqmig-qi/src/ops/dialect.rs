//! What the ops do differently per dialect, behind one trait: Sequelize's dialect
//! `QueryInterface`/`Query` overrides. [`for_dialect`] is the one place that picks the
//! implementation; everything else in the ops asks the session's [`DialectOps`].

use seqmig_db::{DbError, Dialect, Value};
use seqmig_js::OpError;
use seqmig_sql::bind::BoundQuery;
use seqmig_sql::model::{CreateTable, Params, Table};
use seqmig_sql::model_query::{Fragment, ModelInsert, ModelSelect};
use seqmig_sql::statements::Statements;
use seqmig_sql::{SqlError, SqlValue};
use serde_json::{Map, Value as Json};

use super::{Ctx, OpResult, Ops, Shape};

pub(crate) trait DialectOps {
    /// The dialect's op table (its overrides, then the ops written once).
    fn dispatch(&self, ops: &mut Ops, ctx: Ctx, name: &str, args: &Json) -> OpResult;

    /// A new generator of the dialect (one per session, made on first use).
    fn new_generator(&self) -> Box<dyn Statements>;

    /// The session's generator, ready for a statement.
    fn statements<'a>(&self, ops: &'a Ops) -> &'a dyn Statements {
        ops.generator()
    }

    /// One statement as the driver gets it, run, then resolved to the dialect's result
    /// shape (its `Query.formatResults`). `logged` is the text Sequelize shows, `sql` the
    /// text the driver gets.
    fn query_as_sent(
        &self,
        ops: &Ops,
        ctx: Ctx,
        logged: &str,
        sql: &str,
        params: &[SqlValue],
        shape: Shape,
    ) -> OpResult;

    /// A generator's statement (values bound as `$1`, `$2`, …), run and shaped: as sent,
    /// unless the dialect's driver takes its parameters in another form (mysql's `?`).
    fn query(
        &self,
        ops: &Ops,
        ctx: Ctx,
        logged: &str,
        sql: &str,
        params: &[SqlValue],
        shape: Shape,
    ) -> OpResult {
        self.query_as_sent(ops, ctx, logged, sql, params, shape)
    }

    /// The dialect query's `formatBindParameters`: `sequelize.query`'s `bind` applied to
    /// the text (after the replacements), giving what is logged, sent and bound.
    fn bind_parameters(&self, sql: &str, bind: &Params) -> Result<BoundQuery, SqlError>;

    /// The dialect query's `formatError`.
    fn error(&self, e: &DbError, sql: &str, params: &[SqlValue]) -> OpError;

    /// A plain JS object bound as a parameter, as the node driver binds it.
    fn bind_object(&self, o: &Map<String, Json>) -> Value;

    /// A model finder's SELECT (the model API).
    fn model_select(&self, ops: &Ops, req: &ModelSelect) -> Result<String, SqlError>;

    /// Finder fragments as SQL text.
    fn fragments(&self, ops: &Ops, list: &[Fragment]) -> Result<Vec<String>, SqlError>;

    /// `Model.create` / `upsert`'s INSERT and what it answers.
    fn model_insert(&self, ops: &Ops, ctx: Ctx, req: ModelInsert) -> OpResult;

    /// What an op that only runs a statement answers (`undefined` on SQLite, `null` on
    /// postgres, as each dialect's query resolves).
    fn no_result(&self) -> Json;

    /// Whether altering a table rebuilds it (and so drops it): SQLite.
    fn rebuilds_tables(&self) -> bool;

    /// `sequelize.config.database`, where the dialect's statements name it (none on
    /// SQLite).
    fn database(&self, _ops: &Ops) -> Result<Option<String>, OpError> {
        Ok(None)
    }

    /// getForeignKeyReferencesForTable's answer, from its FOREIGNKEYS query's result.
    fn shape_foreign_key_references(&self, _table: &Table, found: Json) -> Json {
        found
    }

    /// What createTable runs before its CREATE TABLE (postgres: the ENUM types).
    fn before_create_table(
        &self,
        _ops: &Ops,
        _ctx: Ctx,
        _req: &CreateTable,
    ) -> Result<(), OpError> {
        Ok(())
    }
}

/// The ops' implementation for a dialect.
pub(crate) fn for_dialect(dialect: Dialect) -> &'static dyn DialectOps {
    match dialect {
        Dialect::Sqlite => &super::sqlite::Sqlite,
        Dialect::Postgres => &super::postgres::Postgres,
        Dialect::Mysql => &super::mysql::MYSQL,
        Dialect::Mariadb => &super::mysql::MARIADB,
    }
}
