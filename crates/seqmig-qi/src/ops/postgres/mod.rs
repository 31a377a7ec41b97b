//! The ops on PostgreSQL: what Sequelize's postgres `QueryInterface` (and the abstract
//! one it extends) runs for each queryInterface call, through
//! [`seqmig_sql::postgres::PostgresGenerator`]; the result shapes and errors are in
//! `result_shapes.rs`.
//!
//! Statements go through [`Ops::run`], with errors mapped as Sequelize's postgres
//! `formatError` ([`Postgres::error`]).
//!
//! Concurrent calls on one transaction (`Promise.all([...])` with the same
//! `{ transaction }`): node-postgres queues a client's queries and runs them in the order
//! they were submitted. An op runs when its queryInterface method is called, to the end,
//! on the one connection, so calls run in submission order too, and a failing one aborts
//! the transaction for those after it, as on the server under node. One difference: a
//! method made of several queries (renameColumn's describe, createTable's enums) runs
//! them back to back, where node would let a call submitted meanwhile slip between them;
//! within one transaction the outcome is the same unless the calls of one batch touch the
//! same objects.

mod result_shapes;

use seqmig_db::{DbError, Value};
use seqmig_js::OpError;
use seqmig_sql::bind::{format_bind_parameters, BoundQuery};
use seqmig_sql::model::{
    AddConstraint, ColumnChange, CreateTable, DropAllTables, Insert, NamedConstraint, Params,
    RemoveColumn, RenameColumn, SchemaOp, Table, TableOnly,
};
use seqmig_sql::model_query::{
    fragment, model_insert, model_insert_exception, model_select, Fragment, ModelInsert,
    ModelSelect,
};
use seqmig_sql::postgres::{CreateDatabaseOptions, PostgresGenerator};
use seqmig_sql::statements::Statements;
use seqmig_sql::{SqlError, SqlValue};
use serde_json::{json, Map, Value as Json};

pub use result_shapes::pg_error;
use result_shapes::{foreign_key_references, format_results};

use crate::ops::query_interface::table_names;
use crate::ops::rows::rows;
use crate::ops::{parse, sql_error, Ctx, DialectOps, OpResult, Ops, Shape};

/// PostgreSQL's overrides.
pub(crate) struct Postgres;

impl DialectOps for Postgres {
    fn dispatch(&self, ops: &mut Ops, ctx: Ctx, name: &str, args: &Json) -> OpResult {
        ops.pg_dispatch(ctx, name, args)
    }

    fn new_generator(&self) -> Box<dyn Statements> {
        Box::new(PostgresGenerator::new())
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
        let r = ops.run(ctx, logged, sql, params)?;
        Ok(format_results(sql, &r, shape))
    }

    /// `$name` renumbered `$N`; the log shows the text as sent.
    fn bind_parameters(&self, sql: &str, bind: &Params) -> Result<BoundQuery, SqlError> {
        let bound = format_bind_parameters(sql, bind)?;
        Ok(BoundQuery {
            logged: bound.sql.clone(),
            ..bound
        })
    }

    fn error(&self, e: &DbError, sql: &str, params: &[SqlValue]) -> OpError {
        pg_error(
            e,
            sql,
            Json::Array(params.iter().map(SqlValue::to_json).collect()),
        )
    }

    /// node-postgres sends an object as JSON.
    fn bind_object(&self, o: &Map<String, Json>) -> Value {
        Value::Json(Json::Object(o.clone()))
    }

    // The model API's SQL comes from a generator of its own: its type warnings are not
    // printed (Sequelize's model layer does not warn for them).
    fn model_select(&self, _: &Ops, req: &ModelSelect) -> Result<String, SqlError> {
        model_select(&PostgresGenerator::new(), req)
    }

    fn fragments(&self, _: &Ops, list: &[Fragment]) -> Result<Vec<String>, SqlError> {
        let pg = PostgresGenerator::new();
        list.iter().map(|f| fragment(&pg, f)).collect()
    }

    /// The returned row (`RETURNING`); findOrCreate's insert catches a unique violation.
    fn model_insert(&self, ops: &Ops, ctx: Ctx, mut req: ModelInsert) -> OpResult {
        req.returning = true;
        let pg = PostgresGenerator::new();
        if let Some(e) = model_insert_exception(&pg, &req).map_err(sql_error)? {
            return ops.pg_insert_catching_unique(ctx, &e);
        }
        let bound = model_insert(&pg, &req).map_err(sql_error)?;
        let r = ops.run(ctx, &bound.sql, &bound.sql, &bound.bind)?;
        let row = rows(&r).into_iter().next().map(Json::Object);
        Ok(json!({"id": null, "row": row}))
    }

    fn no_result(&self) -> Json {
        Json::Null
    }

    /// `current_database()`.
    fn database(&self, ops: &Ops) -> Result<Option<String>, OpError> {
        ops.pg_database()
    }

    /// The keys camelCased and `deferrable` from the two flags.
    fn shape_foreign_key_references(&self, _table: &Table, found: Json) -> Json {
        foreign_key_references(&found)
    }

    fn rebuilds_tables(&self) -> bool {
        false
    }

    /// createTable creates the ENUM types its columns need first (ensureEnums without a
    /// model).
    fn before_create_table(&self, ops: &Ops, ctx: Ctx, req: &CreateTable) -> Result<(), OpError> {
        ops.pg_ensure_enums(ctx, req, false).map(|_| ())
    }
}

impl Ops {
    /// The session's generator, on postgres.
    fn pg(&self) -> &PostgresGenerator {
        self.generator_as()
    }

    /// The postgres op table.
    fn pg_dispatch(&mut self, ctx: Ctx, name: &str, args: &Json) -> OpResult {
        let raw = Shape::RAW;
        match name {
            "qi_drop_all_tables" => self.pg_drop_all_tables(ctx, args),
            "qi_describe_table" => {
                let req: TableOnly = parse(name, args)?;
                self.pg_describe(ctx, &req.table)
            }
            "qi_remove_column" => {
                let req: RemoveColumn = parse(name, args)?;
                let sql = self.pg().remove_column(&req.table, &req.column);
                self.pg_query(ctx, &sql, &[], raw)
            }
            "qi_change_column" => {
                let req: ColumnChange = parse(name, args)?;
                let sql = self.pg().change_column(&req).map_err(sql_error)?;
                self.pg_query(ctx, &sql, &[], raw)
            }
            "qi_rename_column" => {
                let req: RenameColumn = parse(name, args)?;
                // assertTableHasColumn: Sequelize describes the table first.
                let described = self.pg_describe(ctx, &req.table)?;
                if described.get(&req.before).is_none() {
                    return Err(OpError::new(
                        "Error",
                        format!(
                            "Table {} doesn't have the column {}",
                            table_text(&req.table),
                            req.before
                        ),
                    ));
                }
                let sql = self.pg().rename_column(&req.table, &req.before, &req.after);
                self.pg_query(ctx, &sql, &[], raw)
            }
            "qi_add_constraint" => {
                let req: AddConstraint = parse(name, args)?;
                let sql = self.pg().add_constraint(&req).map_err(sql_error)?;
                self.pg_query(ctx, &sql, &[], raw)
            }
            "qi_remove_constraint" => {
                let req: NamedConstraint = parse(name, args)?;
                let sql = self
                    .pg()
                    .remove_constraint(&req.table, req.name.as_deref().unwrap_or("undefined"));
                self.pg_query(ctx, &sql, &[], raw)
            }
            "qi_create_schema" => {
                let req: SchemaOp = parse(name, args)?;
                let sql = self.pg().create_schema(&req.schema);
                self.pg_query(ctx, &sql, &[], raw)
            }
            "qi_drop_schema" => {
                let req: SchemaOp = parse(name, args)?;
                let sql = self.pg().drop_schema(&req.schema);
                self.pg_query(ctx, &sql, &[], raw)
            }
            "qi_show_all_schemas" => Ok(json!(self.pg_show_all_schemas(ctx)?)),
            "qi_drop_all_schemas" => {
                let mut out = Vec::new();
                for s in self.pg_show_all_schemas(ctx)? {
                    let sql = self.pg().drop_schema(&s);
                    out.push(self.pg_query(ctx, &sql, &[], raw)?);
                }
                Ok(Json::Array(out))
            }
            "qi_drop_enum" => {
                let enum_name = args.get("name").and_then(Json::as_str).unwrap_or_default();
                let sql = self.pg().pg_enum_drop(enum_name);
                self.pg_query(ctx, &sql, &[], raw)
            }
            "qi_drop_all_enums" => {
                let list = self.pg_list_enums(ctx, None)?;
                let mut out = Vec::new();
                for e in list.as_array().into_iter().flatten() {
                    let enum_name = e
                        .get("enum_name")
                        .and_then(Json::as_str)
                        .unwrap_or_default();
                    let sql = self.pg().pg_enum_drop(enum_name);
                    out.push(self.pg_query(ctx, &sql, &[], raw)?);
                }
                Ok(Json::Array(out))
            }
            "qi_pg_list_enums" => {
                let table: Option<Table> = match args.get("table") {
                    None | Some(Json::Null) => None,
                    Some(t) => Some(parse(name, t)?),
                };
                self.pg_list_enums(ctx, table.as_ref())
            }
            "qi_create_function" => {
                let s = |k: &str| args.get(k).and_then(Json::as_str).unwrap_or_default();
                let o = args.get("options");
                let force = o.and_then(|o| o.get("force")).and_then(Json::as_bool) == Some(true);
                let sql = self
                    .pg()
                    .create_function(
                        s("name"),
                        args.get("params").unwrap_or(&Json::Null),
                        s("returnType"),
                        s("language"),
                        s("body"),
                        args.get("optionsArray").unwrap_or(&Json::Null),
                        force,
                        o.and_then(|o| o.get("variables")),
                    )
                    .map_err(sql_error)?;
                self.pg_query(ctx, &sql, &[], raw)
            }
            "qi_drop_function" => {
                let fname = args.get("name").and_then(Json::as_str).unwrap_or_default();
                let params = args.get("params").unwrap_or(&Json::Null);
                let sql = self.pg().drop_function(fname, params).map_err(sql_error)?;
                self.pg_query(ctx, &sql, &[], raw)
            }
            "qi_rename_function" => {
                let s = |k: &str| args.get(k).and_then(Json::as_str).unwrap_or_default();
                let params = args.get("params").unwrap_or(&Json::Null);
                let sql = self
                    .pg()
                    .rename_function(s("before"), params, s("after"))
                    .map_err(sql_error)?;
                self.pg_query(ctx, &sql, &[], raw)
            }
            "qi_create_trigger" => {
                let table: Table = parse(name, args.get("table").unwrap_or(&Json::Null))?;
                let s = |k: &str| args.get(k).and_then(Json::as_str).unwrap_or_default();
                let sql = self
                    .pg()
                    .create_trigger(
                        &table,
                        s("name"),
                        s("timing"),
                        args.get("events").unwrap_or(&Json::Null),
                        s("functionName"),
                        args.get("functionParams").unwrap_or(&Json::Null),
                        args.get("optionsArray").unwrap_or(&Json::Null),
                    )
                    .map_err(sql_error)?;
                self.pg_query(ctx, &sql, &[], raw)
            }
            "qi_drop_trigger" => {
                let table: Table = parse(name, args.get("table").unwrap_or(&Json::Null))?;
                let tname = args.get("name").and_then(Json::as_str).unwrap_or_default();
                let sql = self.pg().drop_trigger(&table, tname);
                self.pg_query(ctx, &sql, &[], raw)
            }
            "qi_rename_trigger" => {
                let table: Table = parse(name, args.get("table").unwrap_or(&Json::Null))?;
                let s = |k: &str| args.get(k).and_then(Json::as_str).unwrap_or_default();
                let sql = self.pg().rename_trigger(&table, s("before"), s("after"));
                self.pg_query(ctx, &sql, &[], raw)
            }
            // Sequelize's postgres query returns `[this.instance, null]` for an upsert, and
            // queryInterface.upsert has no instance.
            // createDatabase/dropDatabase: sequelize.query without a type, so RAW.
            "qi_create_database" => {
                let t: Table = parse(name, args.get("name").unwrap_or(&Json::Null))?;
                let o: CreateDatabaseOptions =
                    parse(name, args.get("options").unwrap_or(&json!({})))?;
                let sql = self.pg().create_database(&t, &o).map_err(sql_error)?;
                self.pg_query(ctx, &sql, &[], raw)
            }
            "qi_drop_database" => {
                let t: Table = parse(name, args.get("name").unwrap_or(&Json::Null))?;
                let sql = self.pg().drop_database(&t);
                self.pg_query(ctx, &sql, &[], raw)
            }
            // ensureEnums: creates missing types (and, with a model, adds missing values);
            // answers the last statement's result, or undefined when there was none.
            "qi_ensure_enums" => {
                let req: CreateTable = parse(name, args)?;
                let with_model = args.get("withModel").and_then(Json::as_bool) == Some(true);
                Ok(self
                    .pg_ensure_enums(ctx, &req, with_model)?
                    .unwrap_or_else(crate::ops::undefined))
            }
            "qi_upsert" => {
                let req: Insert = parse(name, args)?;
                let bound = self.pg().insert(&req).map_err(sql_error)?;
                self.pg_query(ctx, &bound.sql, &bound.bind, Shape::of("INSERT"))?;
                Ok(json!([crate::ops::undefined(), null]))
            }
            other => Err(crate::ops::unknown_op(other)),
        }
    }

    /// `sequelize.query(sql, {type, plain, …})` on postgres, resolved to what it resolves to.
    pub(crate) fn pg_query(
        &self,
        ctx: Ctx,
        sql: &str,
        params: &[SqlValue],
        shape: Shape,
    ) -> OpResult {
        Postgres.query(self, ctx, sql, sql, params, shape)
    }

    /// `ensureEnums`: each ENUM column's type looked up, then the plan of
    /// [`PostgresGenerator::ensure_enums_plan`] run in order; the last statement's result,
    /// or None when there was nothing to do. createTable calls it without a model.
    fn pg_ensure_enums(
        &self,
        ctx: Ctx,
        req: &CreateTable,
        with_model: bool,
    ) -> Result<Option<Json>, OpError> {
        let columns = self.pg().enum_columns(&req.attributes);
        let mut found = Vec::with_capacity(columns.len());
        for (field, _) in &columns {
            let sql = self.pg().pg_list_enums(Some(&req.table), Some(field));
            let shape = Shape {
                plain: true,
                ..Shape::of("SELECT")
            };
            let row = self.pg_query(ctx, &sql, &[], shape)?;
            found.push(row.get("enum_value").map(|v| {
                match v {
                    Json::String(text) => seqmig_sql::postgres::from_array(text),
                    Json::Array(items) => items
                        .iter()
                        .map(|i| {
                            i.as_str()
                                .map(str::to_string)
                                .unwrap_or_else(|| i.to_string())
                        })
                        .collect(),
                    _ => Vec::new(),
                }
            }));
        }
        let plan = self
            .pg()
            .ensure_enums_plan(&req.table, &columns, &found, with_model)
            .map_err(sql_error)?;
        let mut last = None;
        for sql in plan {
            last = Some(self.pg_query(ctx, &sql, &[], Shape::RAW)?);
        }
        Ok(last)
    }

    fn pg_list_enums(&self, ctx: Ctx, table: Option<&Table>) -> OpResult {
        let sql = self.pg().pg_list_enums(table, None);
        self.pg_query(ctx, &sql, &[], Shape::of("SELECT"))
    }

    fn pg_describe(&self, ctx: Ctx, table: &Table) -> OpResult {
        let sql = self.pg().describe_table_query(table);
        let out = self.pg_query(ctx, &sql, &[], Shape::of("DESCRIBE"))?;
        if out.as_object().is_none_or(|o| o.is_empty()) {
            return Err(OpError::new(
                "Error",
                format!(
                    "No description found for \"{}\" table. Check the table name and schema; remember, they _are_ case sensitive.",
                    table.table_name
                ),
            ));
        }
        Ok(out)
    }

    fn pg_show_all_schemas(&self, ctx: Ctx) -> Result<Vec<String>, OpError> {
        let sql = self.pg().show_schemas_query();
        let out = self.pg_query(ctx, sql, &[], Shape::of("SELECT"))?;
        Ok(out
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|r| {
                r.get("schema_name")
                    .and_then(Json::as_str)
                    .map(str::to_string)
            })
            .collect())
    }

    /// The connection's database: `sequelize.config.database` in Sequelize's queries.
    fn pg_database(&self) -> Result<Option<String>, OpError> {
        // Sequelize reads it from its config, not the server: nothing to log.
        let conn = self.connection()?;
        let r = conn
            .borrow_mut()
            .query("SELECT current_database() AS db", &[])
            .map_err(|e| pg_error(&e, "SELECT current_database()", json!([])))?;
        Ok(result_shapes::pg_rows(&r)
            .into_iter()
            .next()
            .and_then(|o| o.get("db").and_then(Json::as_str).map(str::to_string)))
    }

    /// postgres `dropAllTables`: every foreign key first, then each table with CASCADE.
    fn pg_drop_all_tables(&mut self, ctx: Ctx, args: &Json) -> OpResult {
        let req: DropAllTables = parse("qi_drop_all_tables", args)?;
        let names = table_names(&self.show_all_tables(ctx)?);
        let mut fks = Vec::with_capacity(names.len());
        for name in &names {
            let sql = self.pg().foreign_keys_query(&Table::new(name.clone()));
            let rows = self.pg_query(ctx, &sql, &[], Shape::of("FOREIGNKEYS"))?;
            let list: Vec<String> = rows
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|r| {
                    r.get("constraint_name")
                        .and_then(Json::as_str)
                        .map(str::to_string)
                })
                .collect();
            fks.push(list);
        }
        for (name, list) in names.iter().zip(&fks) {
            for fk in list {
                let sql = self.pg().drop_foreign_key(&Table::new(name.clone()), fk);
                self.pg_query(ctx, &sql, &[], Shape::RAW)?;
            }
        }
        for name in names.iter().filter(|n| !req.options.skip.contains(n)) {
            let sql = self.pg().drop_table_query(&Table::new(name.clone()), true);
            self.pg_query(ctx, &sql, &[], Shape::RAW)?;
        }
        Ok(Json::Null)
    }
}

/// A table as Sequelize interpolates it into a message: a plain name, or an object.
fn table_text(t: &Table) -> String {
    match t.schema.as_deref().filter(|s| !s.is_empty()) {
        Some(_) => "[object Object]".into(),
        None => t.table_name.clone(),
    }
}

#[cfg(test)]
mod tests;
