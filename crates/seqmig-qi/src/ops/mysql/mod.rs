//! The ops on MySQL and MariaDB: Sequelize's `mysql` dialect (mysql2) and `mariadb`
//! dialect (the mariadb connector), one implementation told apart by a flag where the two
//! differ (result shapes, error texts, showAllTables). What `dialects/mysql/query-interface.js`
//! overrides is here (removeColumn dropping the column's foreign keys first, upsert,
//! removeConstraint through showConstraints), with the abstract ops that are more than one
//! generator statement (renameColumn from describeTable, dropAllTables, describeTable);
//! the ops written once reach mysql through its [`DialectOps`] hooks (`?` parameters, the
//! result shapes, the connection's database).
//!
//! Bind parameters: Sequelize's generators write `$1`; mysql's `formatBindParameters` turns
//! each into `?` with its value, in the order of occurrence, and that text is what is
//! logged and sent ([`seqmig_sql::bind::format_bind_question`]).

mod collations;
mod column_defs;
mod errors;
mod multi_statements;
mod result_shapes;

use seqmig_db::{DbError, Value};
use seqmig_js::OpError;
use seqmig_sql::abstract_gen::QueryGenerator;
use seqmig_sql::bind::{format_bind_question, BoundQuery};
use seqmig_sql::model::{
    AddConstraint, Column, ColumnChange, DataType, DropAllTables, Insert, NamedConstraint, Params,
    RemoveColumn, RenameColumn, Table, TableOnly,
};
use seqmig_sql::model_query::{
    fragment, model_insert, model_select, Fragment, ModelInsert, ModelSelect,
};
use seqmig_sql::mysql::MysqlGenerator;
use seqmig_sql::statements::Statements;
use seqmig_sql::{SqlError, SqlValue};
use serde_json::{json, Map, Value as Json};

pub use errors::mysql_error;
use result_shapes::format_results;

use crate::ops::{parse, sql_error, Ctx, DialectOps, OpResult, Ops, Shape};

/// MySQL's (`mariadb: false`) or MariaDB's overrides.
pub(crate) struct Mysql {
    pub mariadb: bool,
}

pub(crate) static MYSQL: Mysql = Mysql { mariadb: false };
pub(crate) static MARIADB: Mysql = Mysql { mariadb: true };

fn params_json(params: &[SqlValue]) -> Json {
    if params.is_empty() {
        crate::ops::undefined()
    } else {
        Json::Array(params.iter().map(SqlValue::to_json).collect())
    }
}

impl DialectOps for Mysql {
    fn dispatch(&self, ops: &mut Ops, ctx: Ctx, name: &str, args: &Json) -> OpResult {
        ops.my_dispatch(self, ctx, name, args)
    }

    fn new_generator(&self) -> Box<dyn Statements> {
        Box::new(if self.mariadb {
            MysqlGenerator::mariadb()
        } else {
            MysqlGenerator::new()
        })
    }

    fn statements<'a>(&self, ops: &'a Ops) -> &'a dyn Statements {
        let gen = self.gen(ops);
        if gen.database().is_none() {
            gen.set_database(ops.my_database().ok());
        }
        gen
    }

    fn query_as_sent(
        &self,
        ops: &Ops,
        ctx: Ctx,
        _logged: &str,
        sql: &str,
        params: &[SqlValue],
        shape: Shape,
    ) -> OpResult {
        ops.my_query(self, ctx, sql, params, shape)
    }

    /// Generator text with `$n` parameters becomes `?` text with the values in order.
    fn query(
        &self,
        ops: &Ops,
        ctx: Ctx,
        logged: &str,
        sql: &str,
        params: &[SqlValue],
        shape: Shape,
    ) -> OpResult {
        if params.is_empty() {
            return ops.my_query(self, ctx, sql, &[], shape);
        }
        let _ = logged;
        let bound =
            format_bind_question(sql, &Params::Positional(params.to_vec())).map_err(sql_error)?;
        ops.my_query(self, ctx, &bound.sql, &bound.params, shape)
    }

    /// Every `$1` / `$name` becomes `?`, its value bound in the order of occurrence; the
    /// log shows the text as sent.
    fn bind_parameters(&self, sql: &str, bind: &Params) -> Result<BoundQuery, SqlError> {
        format_bind_question(sql, bind)
    }

    fn error(&self, e: &DbError, sql: &str, params: &[SqlValue]) -> OpError {
        mysql_error(e, self.mariadb, sql, params_json(params))
    }

    /// Both drivers send an object as its JSON text.
    fn bind_object(&self, o: &Map<String, Json>) -> Value {
        Value::Text(Json::Object(o.clone()).to_string())
    }

    fn model_select(&self, ops: &Ops, req: &ModelSelect) -> Result<String, SqlError> {
        model_select(self.gen(ops), req)
    }

    fn fragments(&self, ops: &Ops, list: &[Fragment]) -> Result<Vec<String>, SqlError> {
        let g = self.gen(ops);
        list.iter().map(|f| fragment(g, f)).collect()
    }

    /// The new row's `insertId`: no RETURNING. An upsert (`Model.upsert`) answers
    /// `created` too, as both flavors' `formatResults` do (`affectedRows === 1`); mysql's
    /// reads the insertId first (`handleInsertQuery`: `insertId || undefined`), mariadb's
    /// answers the upsert before reading it, so there is no `id` at all.
    fn model_insert(&self, ops: &Ops, ctx: Ctx, mut req: ModelInsert) -> OpResult {
        req.returning = false;
        req.exception = None;
        let bound = model_insert(self.gen(ops), &req).map_err(sql_error)?;
        let q = format_bind_question(&bound.sql, &Params::Positional(bound.bind.clone()))
            .map_err(sql_error)?;
        let r = ops.run(ctx, &q.sql, &q.sql, &q.params)?;
        if req.upsert.is_none() {
            return Ok(json!({"id": r.last_insert_id, "row": null}));
        }
        Ok(result_shapes::model_upsert(r.header.as_ref(), self.mariadb))
    }

    fn no_result(&self) -> Json {
        crate::ops::undefined()
    }

    fn rebuilds_tables(&self) -> bool {
        false
    }

    /// `SELECT DATABASE()`, asked once.
    fn database(&self, ops: &Ops) -> Result<Option<String>, OpError> {
        ops.my_db(self).map(Some)
    }
}

impl Mysql {
    /// The session's generator (mysql's or mariadb's).
    fn gen<'a>(&self, ops: &'a Ops) -> &'a MysqlGenerator {
        ops.generator_as()
    }
}

/// A table as Sequelize interpolates it into a message: a plain name, or an object.
fn table_text(t: &Table) -> String {
    match t.schema.as_deref().filter(|s| !s.is_empty()) {
        Some(_) => "[object Object]".into(),
        None => t.table_name.clone(),
    }
}

impl Ops {
    /// `sequelize.config.database`: the connection's database, asked once (not logged:
    /// Sequelize reads it from its config).
    fn my_database(&self) -> Result<String, OpError> {
        let conn = self.connection()?;
        let r = conn
            .borrow_mut()
            .query("SELECT DATABASE()", &[])
            .map_err(|e| mysql_error(&e, false, "SELECT DATABASE()", json!([])))?;
        Ok(match r.rows.first().and_then(|row| row.first()) {
            Some(Value::Text(t)) => t.clone(),
            _ => String::new(),
        })
    }

    fn my_db(&self, d: &Mysql) -> Result<String, OpError> {
        let g = d.gen(self);
        if let Some(db) = g.database() {
            return Ok(db);
        }
        let db = self.my_database()?;
        g.set_database(Some(db.clone()));
        Ok(db)
    }

    /// One statement as sent (`?` parameters), resolved to the flavor's result shape.
    fn my_query(
        &self,
        d: &Mysql,
        ctx: Ctx,
        sql: &str,
        params: &[SqlValue],
        shape: Shape,
    ) -> OpResult {
        let r = self.run(ctx, sql, sql, params)?;
        let driver = result_shapes::Driver::of(d.mariadb, &self.session.dialect_options());
        Ok(format_results(sql, &r, shape, driver))
    }

    /// The mysql / mariadb op table.
    fn my_dispatch(&mut self, d: &Mysql, ctx: Ctx, name: &str, args: &Json) -> OpResult {
        let raw = Shape::RAW;
        match name {
            "qi_drop_all_tables" => self.my_drop_all_tables(d, ctx, args),
            "qi_describe_table" => {
                let req: TableOnly = parse(name, args)?;
                self.my_describe(d, ctx, &req.table)
            }
            "qi_remove_column" => {
                let req: RemoveColumn = parse(name, args)?;
                let mut keyed = req.table.clone();
                if keyed.schema.as_deref().is_none_or(str::is_empty) {
                    keyed.schema = Some(self.my_db(d)?);
                }
                let sql = d.gen(self).foreign_key_query(&keyed, &req.column);
                let found = self.my_query(d, ctx, &sql, &[], raw)?;
                let list: Vec<String> = found
                    .get(0)
                    .and_then(Json::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(|r| r.get("constraint_name").and_then(Json::as_str))
                    .map(str::to_string)
                    .collect();
                // Sequelize skips them all when the first is the PRIMARY key.
                if list.first().is_some_and(|n| n != "PRIMARY") {
                    for fk in &list {
                        let sql = d.gen(self).drop_foreign_key(&req.table, fk);
                        self.my_query(d, ctx, &sql, &[], raw)?;
                    }
                }
                let sql = d.gen(self).remove_column(&req.table, &req.column);
                self.my_query(d, ctx, &sql, &[], raw)
            }
            "qi_change_column" => {
                let req: ColumnChange = parse(name, args)?;
                let sql = d.gen(self).change_column(&req).map_err(sql_error)?;
                self.my_query(d, ctx, &sql, &[], raw)
            }
            "qi_rename_column" => {
                let req: RenameColumn = parse(name, args)?;
                let described = self.my_describe(d, ctx, &req.table)?;
                let Some(col) = described.get(&req.before) else {
                    return Err(OpError::new(
                        "Error",
                        format!(
                            "Table {} doesn't have the column {}",
                            table_text(&req.table),
                            req.before
                        ),
                    ));
                };
                let allow_null = col.get("allowNull").and_then(Json::as_bool) == Some(true);
                let default = col.get("defaultValue").cloned().unwrap_or(Json::Null);
                let mut column = Column::of(DataType::raw(
                    col.get("type").and_then(Json::as_str).unwrap_or_default(),
                ));
                column.allow_null = Some(allow_null);
                // "a not-null column cannot have null as default value".
                if !(default.is_null() && !allow_null) {
                    column.default_value = Some(SqlValue::from_json(&default).map_err(sql_error)?);
                }
                let sql = d
                    .gen(self)
                    .rename_column(&req.table, &req.before, &req.after, &column)
                    .map_err(sql_error)?;
                self.my_query(d, ctx, &sql, &[], raw)
            }
            "qi_add_constraint" => {
                let req: AddConstraint = parse(name, args)?;
                let sql = d.gen(self).add_constraint(&req).map_err(sql_error)?;
                self.my_query(d, ctx, &sql, &[], raw)
            }
            "qi_remove_constraint" => {
                let req: NamedConstraint = parse(name, args)?;
                let constraint = req.name.as_deref().unwrap_or("undefined");
                let schema = match req.table.schema.as_deref().filter(|s| !s.is_empty()) {
                    Some(s) => s.to_string(),
                    None => self.my_db(d)?,
                };
                let sql =
                    d.gen(self)
                        .show_constraints_query(&req.table, Some(constraint), Some(&schema));
                let found = self.my_query(d, ctx, &sql, &[], Shape::of("SHOWCONSTRAINTS"))?;
                let first = found.get(0).cloned().unwrap_or(Json::Null);
                let Some(kind) = first.get("constraintType").and_then(Json::as_str) else {
                    let mut e = OpError::new(
                        "Error",
                        format!(
                            "Constraint {constraint} on table {} does not exist",
                            table_text(&req.table)
                        ),
                    );
                    e.name = "SequelizeUnknownConstraintError".into();
                    e.props.insert("constraint".into(), json!(constraint));
                    e.props.insert("table".into(), json!(req.table.table_name));
                    return Err(e);
                };
                let sql = if kind == "FOREIGN KEY" {
                    d.gen(self).drop_foreign_key(&req.table, constraint)
                } else {
                    let s = |k: &str| first.get(k).and_then(Json::as_str).unwrap_or_default();
                    d.gen(self)
                        .remove_constraint_index(&Table::new(s("tableName")), s("constraintName"))
                };
                self.my_query(d, ctx, &sql, &[], raw)
            }
            // mysql's generator answers createSchema and showSchemasQuery with SHOW TABLES;
            // mariadb's create, list and drop databases.
            "qi_create_schema" => {
                let schema = args
                    .get("schema")
                    .and_then(Json::as_str)
                    .unwrap_or_default();
                let sql = d.gen(self).create_schema(schema);
                self.my_query(d, ctx, &sql, &[], raw)
            }
            "qi_show_all_schemas" => {
                let skip: Vec<String> = args
                    .pointer("/options/skip")
                    .and_then(Json::as_array)
                    .into_iter()
                    .flatten()
                    .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
                    .collect();
                let sql = d.gen(self).show_schemas_query(&skip);
                let out = self.my_query(d, ctx, &sql, &[], Shape::of("SELECT"))?;
                // showAllSchemas: `schemaNames.flatMap(value => value.schema_name ? value.schema_name : value)`.
                Ok(Json::Array(
                    out.as_array()
                        .into_iter()
                        .flatten()
                        .map(|r| r.get("schema_name").cloned().unwrap_or_else(|| r.clone()))
                        .collect(),
                ))
            }
            "qi_drop_schema" | "qi_drop_all_schemas" => {
                if name == "qi_drop_all_schemas" {
                    // Sequelize drops the tables of the models it knows (the shim).
                    return Ok(crate::ops::undefined());
                }
                let schema = args
                    .get("schema")
                    .and_then(Json::as_str)
                    .unwrap_or_default();
                let sql = d.gen(self).drop_schema(schema);
                self.my_query(d, ctx, &sql, &[], raw)
            }
            "qi_create_database" => {
                let s = |k: &str| args.pointer(k).and_then(Json::as_str);
                let g = d.gen(self);
                let mut sql = format!(
                    "CREATE DATABASE IF NOT EXISTS {}",
                    g.quote_identifier(s("/name").unwrap_or_default())
                );
                if let Some(c) = s("/options/charset") {
                    sql.push_str(&format!(
                        " DEFAULT CHARACTER SET {}",
                        g.escape(&SqlValue::Text(c.into()), None)
                            .map_err(sql_error)?
                    ));
                }
                if let Some(c) = s("/options/collate") {
                    sql.push_str(&format!(
                        " DEFAULT COLLATE {}",
                        g.escape(&SqlValue::Text(c.into()), None)
                            .map_err(sql_error)?
                    ));
                }
                sql.push(';');
                self.my_query(d, ctx, &sql, &[], raw)
            }
            "qi_drop_database" => {
                let n = args.get("name").and_then(Json::as_str).unwrap_or_default();
                let sql = format!(
                    "DROP DATABASE IF EXISTS {};",
                    d.gen(self).quote_identifier(n)
                );
                self.my_query(d, ctx, &sql, &[], raw)
            }
            "qi_upsert" => {
                let req: Insert = parse(name, args)?;
                let bound = d.gen(self).insert(&req).map_err(sql_error)?;
                let r = if bound.bind.is_empty() {
                    self.run(ctx, &bound.sql, &bound.sql, &[])?
                } else {
                    let q = format_bind_question(&bound.sql, &Params::Positional(bound.bind))
                        .map_err(sql_error)?;
                    self.run(ctx, &q.sql, &q.sql, &q.params)?
                };
                let auto = args.get("autoIncrementField").and_then(Json::as_str);
                Ok(result_shapes::upsert(r.header.as_ref(), auto, d.mariadb))
            }
            "qi_create_function" | "qi_drop_function" | "qi_rename_function"
            | "qi_create_trigger" | "qi_drop_trigger" | "qi_rename_trigger" => Err(OpError::new(
                "Error",
                format!(
                    "seqmig: {} is only supported on postgres",
                    name.trim_start_matches("qi_")
                ),
            )),
            "qi_drop_enum" | "qi_drop_all_enums" | "qi_pg_list_enums" | "qi_ensure_enums" => {
                Ok(crate::ops::undefined())
            }
            other => Err(crate::ops::unknown_op(other)),
        }
    }

    /// describeTable: `SHOW FULL COLUMNS`; a missing table is Sequelize's "No description
    /// found" error.
    fn my_describe(&self, d: &Mysql, ctx: Ctx, table: &Table) -> OpResult {
        let sql = d.gen(self).describe_table_query(table);
        let none = || {
            OpError::new(
                "Error",
                format!(
                    "No description found for \"{}\" table. Check the table name and schema; remember, they _are_ case sensitive.",
                    table_text(table)
                ),
            )
        };
        match self.my_query(d, ctx, &sql, &[], Shape::of("DESCRIBE")) {
            Ok(out) if out.as_object().is_none_or(|o| o.is_empty()) => Err(none()),
            Ok(out) => Ok(out),
            Err(e)
                if e.props
                    .get("original")
                    .and_then(|o| o.get("code"))
                    .and_then(Json::as_str)
                    == Some("ER_NO_SUCH_TABLE") =>
            {
                Err(none())
            }
            Err(e) => Err(e),
        }
    }

    /// dropAllTables: every table's foreign keys first, then each table.
    fn my_drop_all_tables(&mut self, d: &Mysql, ctx: Ctx, args: &Json) -> OpResult {
        let req: DropAllTables = parse("qi_drop_all_tables", args)?;
        let listed = self.show_all_tables(ctx)?;
        let tables: Vec<Table> = listed
            .as_array()
            .into_iter()
            .flatten()
            .map(|t| match t {
                Json::String(name) => Table::new(name.clone()),
                other => {
                    let mut t = Table::new(
                        other
                            .get("tableName")
                            .and_then(Json::as_str)
                            .unwrap_or_default(),
                    );
                    t.schema = other
                        .get("schema")
                        .and_then(Json::as_str)
                        .map(str::to_string);
                    t
                }
            })
            .collect();
        let db = self.my_db(d)?;
        let mut keys = Vec::with_capacity(tables.len());
        for t in &tables {
            let sql = d
                .gen(self)
                .foreign_keys_query(&Table::new(t.table_name.clone()), &db);
            let rows = self.my_query(d, ctx, &sql, &[], Shape::of("FOREIGNKEYS"))?;
            keys.push(
                rows.as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|r| {
                        r.get("constraintName")
                            .or_else(|| r.get("constraint_name"))
                            .and_then(Json::as_str)
                            .map(str::to_string)
                    })
                    .collect::<Vec<_>>(),
            );
        }
        for (t, list) in tables.iter().zip(&keys) {
            for fk in list {
                let sql = d.gen(self).drop_foreign_key(t, fk);
                self.my_query(d, ctx, &sql, &[], Shape::RAW)?;
            }
        }
        for t in tables
            .iter()
            .filter(|t| !req.options.skip.contains(&t.table_name))
        {
            let sql = d.gen(self).drop_table(t);
            self.my_query(d, ctx, &sql, &[], Shape::RAW)?;
        }
        Ok(crate::ops::undefined())
    }
}
