//! What SQLite does differently: Sequelize's sqlite `QueryInterface` and `Query`
//! (table rebuilds, describeTable from PRAGMAs, the node-sqlite3 result shapes) and its
//! transactions.

mod data;
mod ddl;
pub(crate) mod errors;
pub(crate) mod rebuild;
pub(crate) mod result_shapes;

use seqmig_db::{DbError, Value};
use seqmig_js::OpError;
use seqmig_sql::abstract_gen::QueryGenerator;
use seqmig_sql::bind::{format_bind_parameters, BoundQuery};
use seqmig_sql::model::{Params, Table};
use seqmig_sql::model_query::{
    fragment, model_insert, model_select, Fragment, ModelInsert, ModelSelect,
};
use seqmig_sql::sqlite::SqliteGenerator;
use seqmig_sql::statements::Statements;
use seqmig_sql::{SqlError, SqlValue};
use serde_json::{json, Map, Value as Json};

use crate::ops::{parse, sql_error, sqlite_error, Ctx, DialectOps, OpResult, Ops, Shape};

/// SQLite's overrides.
pub(crate) struct Sqlite;

impl DialectOps for Sqlite {
    fn dispatch(&self, ops: &mut Ops, ctx: Ctx, name: &str, args: &Json) -> OpResult {
        ops.dispatch_sqlite(ctx, name, args)
    }

    fn new_generator(&self) -> Box<dyn Statements> {
        Box::new(SqliteGenerator::new())
    }

    fn query_as_sent(
        &self,
        ops: &Ops,
        ctx: Ctx,
        logged: &str,
        sql: &str,
        params: &[SqlValue],
        shape: Shape,
    ) -> OpResult {
        ops.sequelize_query(ctx, logged, sql, params, shape)
    }

    /// `$name` renumbered `$N` for the driver; the log shows the text with `$$` as `$`.
    fn bind_parameters(&self, sql: &str, bind: &Params) -> Result<BoundQuery, SqlError> {
        format_bind_parameters(sql, bind)
    }

    fn error(&self, e: &DbError, sql: &str, params: &[SqlValue]) -> OpError {
        let parameters = if params.is_empty() {
            json!({})
        } else {
            Json::Array(params.iter().map(SqlValue::to_json).collect())
        };
        sqlite_error(e, sql, parameters)
    }

    /// node-sqlite3 binds an object as its string.
    fn bind_object(&self, _: &Map<String, Json>) -> Value {
        Value::Text("[object Object]".into())
    }

    fn model_select(&self, ops: &Ops, req: &ModelSelect) -> Result<String, SqlError> {
        model_select(ops.sqlite(), req)
    }

    fn fragments(&self, ops: &Ops, list: &[Fragment]) -> Result<Vec<String>, SqlError> {
        list.iter().map(|f| fragment(ops.sqlite(), f)).collect()
    }

    /// The new row's rowid: no RETURNING, and no exception wrapper (a postgres feature).
    fn model_insert(&self, ops: &Ops, ctx: Ctx, mut req: ModelInsert) -> OpResult {
        req.returning = false;
        req.exception = None;
        let bound = model_insert(ops.sqlite(), &req).map_err(sql_error)?;
        let r = ops.run(ctx, &bound.sql, &bound.sql, &bound.bind)?;
        Ok(json!({"id": r.last_insert_id, "row": null}))
    }

    fn no_result(&self) -> Json {
        crate::ops::undefined()
    }

    fn rebuilds_tables(&self) -> bool {
        true
    }

    /// `PRAGMA foreign_key_list`'s rows as Sequelize's sqlite query-interface maps them
    /// (the catalog keys are `undefined` on SQLite).
    fn shape_foreign_key_references(&self, table: &Table, found: Json) -> Json {
        let table_name = match &table.schema {
            Some(s) => json!({"tableName": table.table_name, "schema": s}),
            None => json!(table.table_name),
        };
        Json::Array(
            found
                .as_array()
                .into_iter()
                .flatten()
                .map(|row| {
                    json!({"tableName": table_name, "columnName": row.get("from"), "referencedTableName": row.get("table"),
                           "referencedColumnName": row.get("to")})
                })
                .collect(),
        )
    }
}

impl Ops {
    /// The session's generator, on SQLite.
    pub(crate) fn sqlite(&self) -> &SqliteGenerator {
        self.generator_as()
    }

    /// SQLite's op table.
    fn dispatch_sqlite(&mut self, ctx: Ctx, name: &str, args: &Json) -> OpResult {
        match name {
            "qi_drop_all_tables" => self.op_drop_all_tables(ctx, args),
            "qi_describe_table" => self.op_describe_table(ctx, args),
            "qi_remove_column" => self.op_remove_column(ctx, args),
            "qi_change_column" => self.op_change_column(ctx, args),
            "qi_rename_column" => self.op_rename_column(ctx, args),
            "qi_add_constraint" => self.op_add_constraint(ctx, args),
            "qi_remove_constraint" => self.op_remove_constraint(ctx, args),
            "qi_upsert" => self.op_upsert(ctx, args),
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
                let q = self.sqlite().show_tables_query();
                self.sequelize_query(ctx, &q, &q, &[], Shape::RAW)
            }
            "qi_show_all_schemas" => {
                let q = self.sqlite().show_tables_query();
                self.sequelize_query(ctx, &q, &q, &[], Shape::of("SELECT"))
            }
            // Sent as Sequelize sends them (MySQL's SQL), to fail as SQLite fails them.
            "qi_create_database" => {
                let s = |k: &str| args.pointer(k).and_then(Json::as_str);
                let sql = self
                    .sqlite()
                    .create_database(
                        s("/name").unwrap_or_default(),
                        s("/options/charset"),
                        s("/options/collate"),
                    )
                    .map_err(sql_error)?;
                self.sequelize_query(ctx, &sql, &sql, &[], Shape::RAW)
            }
            "qi_drop_database" => {
                let name = args.get("name").and_then(Json::as_str).unwrap_or_default();
                let sql = self.sqlite().drop_database(name);
                self.sequelize_query(ctx, &sql, &sql, &[], Shape::RAW)
            }
            // Sequelize's abstract dropSchema is a dropTableQuery whose query result it
            // returns (dropTable returns nothing).
            "qi_drop_schema" => {
                let req: seqmig_sql::model::DropTable = parse(
                    "qi_drop_schema",
                    &json!({"table": {"tableName": args.get("schema")}}),
                )?;
                let sql = self.sqlite().drop_table(&req.table);
                self.sequelize_query(ctx, &sql, &sql, &[], Shape::RAW)
            }
            "qi_drop_all_schemas" => self.op_drop_all_tables(ctx, &json!({})),
            "qi_drop_enum" | "qi_drop_all_enums" | "qi_pg_list_enums" => {
                Ok(crate::ops::undefined())
            }
            other => Err(crate::ops::unknown_op(other)),
        }
    }
}

#[cfg(test)]
mod tests;
