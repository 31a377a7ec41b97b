//! The ops on PostgreSQL: what Sequelize's postgres `QueryInterface` (and the abstract
//! one it extends) runs for each queryInterface call, through
//! [`seqmig_sql::postgres::PostgresGenerator`]; the result shapes and errors are in
//! `result_shapes.rs`.
//!
//! Statements go through [`Ops::pg_run`], which logs and records them as [`Ops::run`]
//! does and maps errors as Sequelize's postgres `formatError`.
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

use seqmig_db::QueryResult;
use seqmig_js::OpError;
use seqmig_sql::abstract_gen::QueryGenerator;
use seqmig_sql::bind::{format_bind_parameters, inject_replacements};
use seqmig_sql::model::{
    AddConstraint, AddIndex, BulkDelete, BulkInsert, BulkUpdate, ColumnChange, CreateTable,
    DropAllTables, DropTable, Increment, Insert, NamedConstraint, Query, RemoveColumn, RemoveIndex,
    RenameColumn, RenameTable, SchemaOp, Select, Table, TableOnly, TxBegin, TxEnd,
};
use seqmig_sql::postgres::{CreateDatabaseOptions, PostgresGenerator};
use seqmig_sql::SqlValue;
use serde_json::{json, Value as Json};

pub use result_shapes::pg_error;
use result_shapes::{foreign_key_references, format_results, string_list, PgShape};

use crate::ops::{parse, sql_error, to_db_value, Ctx, OpResult, Ops};

/// The PostgreSQL side's own state: its generator and its open transactions.
#[derive(Debug, Default)]
pub(crate) struct PgState {
    gen: PostgresGenerator,
    next_tx: u64,
    /// Open transactions, outermost first: (id, savepoint name when nested, savepoints made).
    open: Vec<(u64, Option<String>, u32)>,
}

impl Ops {
    fn pg(&self) -> &PostgresGenerator {
        &self.pg.gen
    }

    /// The postgres op table; called by [`Ops::dispatch`] when the session is postgres.
    pub(crate) fn dispatch_postgres(&mut self, ctx: Ctx, name: &str, args: &Json) -> OpResult {
        let out = self.pg_dispatch(ctx, name, args);
        for w in self.pg.gen.warnings().take() {
            if self.warned.insert(w.clone()) {
                crate::console::stderr_line(&w.to_string());
            }
        }
        out
    }

    fn pg_dispatch(&mut self, ctx: Ctx, name: &str, args: &Json) -> OpResult {
        let raw = PgShape::RAW;
        match name {
            "query" => self.pg_op_query(ctx, args),
            "qi_create_table" => {
                let req: CreateTable = parse(name, args)?;
                self.pg_ensure_enums(ctx, &req, false)?;
                let sql = self.pg().create_table(&req).map_err(sql_error)?;
                self.pg_query(ctx, &sql, &[], raw)
            }
            "qi_drop_table" => {
                let req: DropTable = parse(name, args)?;
                let sql = self
                    .pg()
                    .drop_table_query(&req.table, req.options.cascade == Some(true));
                self.pg_query(ctx, &sql, &[], raw)?;
                Ok(Json::Null)
            }
            "qi_drop_all_tables" => self.pg_drop_all_tables(ctx, args),
            "qi_rename_table" => {
                let req: RenameTable = parse(name, args)?;
                let sql = self.pg().rename_table(&req.before, &req.after);
                self.pg_query(ctx, &sql, &[], raw)
            }
            "qi_show_all_tables" => Ok(json!(self.pg_show_all_tables(ctx)?)),
            "qi_table_exists" => {
                let req: TableOnly = parse(name, args)?;
                let sql = self.pg().table_exists_query(&req.table);
                let out = self.pg_query(ctx, &sql, &[], PgShape::of("SHOWTABLES"))?;
                Ok(json!(out.as_array().map(Vec::len) == Some(1)))
            }
            "qi_describe_table" => {
                let req: TableOnly = parse(name, args)?;
                self.pg_describe(ctx, &req.table)
            }
            "qi_add_column" => {
                let req: ColumnChange = parse(name, args)?;
                let sql = self.pg().add_column(&req).map_err(sql_error)?;
                self.pg_query(ctx, &sql, &[], raw)
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
            "qi_add_index" => {
                let req: AddIndex = parse(name, args)?;
                let sql = self.pg().add_index(&req).map_err(sql_error)?;
                self.pg_query(ctx, &sql, &[], raw)
            }
            "qi_remove_index" => {
                let req: RemoveIndex = parse(name, args)?;
                let concurrently = args
                    .pointer("/options/concurrently")
                    .and_then(Json::as_bool)
                    .unwrap_or(false);
                let sql = self.pg().remove_index(&req, concurrently);
                self.pg_query(ctx, &sql, &[], raw)
            }
            "qi_show_index" => {
                let req: TableOnly = parse(name, args)?;
                let sql = self.pg().show_indexes_query(&req.table);
                self.pg_query(ctx, &sql, &[], PgShape::of("SHOWINDEXES"))
            }
            "qi_get_foreign_keys" => {
                let req: TableOnly = parse(name, args)?;
                let database = self.pg_database()?;
                let sql = self
                    .pg()
                    .foreign_key_references_query(&req.table, database.as_deref());
                let rows = self.pg_query(ctx, &sql, &[], PgShape::of("FOREIGNKEYS"))?;
                Ok(foreign_key_references(&rows))
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
            "qi_show_constraint" => {
                let req: NamedConstraint = parse(name, args)?;
                let sql = self.pg().show_constraints_query(&req.table);
                self.pg_query(ctx, &sql, &[], PgShape::of("SHOWCONSTRAINTS"))
            }
            "qi_bulk_insert" => {
                let req: BulkInsert = parse(name, args)?;
                let sql = self.pg().bulk_insert(&req).map_err(sql_error)?;
                let out = self.pg_query(ctx, &sql, &[], PgShape::of("INSERT"))?;
                Ok(out.get(0).cloned().unwrap_or(Json::Null))
            }
            "qi_bulk_update" => {
                let req: BulkUpdate = parse(name, args)?;
                let bound = self.pg().bulk_update(&req).map_err(sql_error)?;
                let returning = req.options.returning.as_ref().is_some_and(|r| {
                    r.as_bool() == Some(true) || r.as_array().is_some_and(|a| !a.is_empty())
                });
                let shape = PgShape {
                    returning,
                    ..PgShape::of("BULKUPDATE")
                };
                self.pg_query(ctx, &bound.sql, &bound.bind, shape)
            }
            "qi_bulk_delete" => {
                let req: BulkDelete = parse(name, args)?;
                let sql = self.pg().bulk_delete(&req).map_err(sql_error)?;
                // bulkDelete passes no `type`: the query is RAW; Model.destroy's is BULKDELETE.
                let shape = if args.get("type").and_then(Json::as_str) == Some("BULKDELETE") {
                    PgShape::of("BULKDELETE")
                } else {
                    raw
                };
                self.pg_query(ctx, &sql, &[], shape)
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
            "qi_insert" => {
                let req: Insert = parse(name, args)?;
                let bound = self.pg().insert(&req).map_err(sql_error)?;
                self.pg_query(ctx, &bound.sql, &bound.bind, PgShape::of("INSERT"))
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
                self.pg_query(ctx, &bound.sql, &bound.bind, PgShape::of("INSERT"))?;
                Ok(json!([crate::ops::undefined(), null]))
            }
            "qi_select" => {
                let req: Select = parse(name, args)?;
                let sql = self.pg().select(&req).map_err(sql_error)?;
                let shape = PgShape {
                    plain: req.plain,
                    ..PgShape::of("SELECT")
                };
                self.pg_query(ctx, &sql, &[], shape)
            }
            "qi_increment" => {
                let req: Increment = parse(name, args)?;
                // arithmeticQuery defaults `returning` to true.
                let returning =
                    args.pointer("/options/returning").and_then(Json::as_bool) != Some(false);
                let sql = self.pg().arithmetic(&req, returning).map_err(sql_error)?;
                self.pg_query(ctx, &sql, &[], PgShape::of("UPDATE"))
            }
            "qi_database_version" => {
                let sql = self.pg().version_query();
                self.pg_query(ctx, sql, &[], PgShape::of("VERSION"))
            }
            "tx_begin" => self.pg_tx_begin(ctx, args),
            "tx_commit" => self.pg_tx_end(ctx, args, true),
            "tx_rollback" => self.pg_tx_end(ctx, args, false),
            "quote_identifier" => {
                let id = args
                    .get("identifier")
                    .and_then(Json::as_str)
                    .unwrap_or_default();
                Ok(json!(self.pg().quote_ident(id)))
            }
            "quote_table" => {
                let t: Table = parse(name, args.get("table").unwrap_or(&Json::Null))?;
                Ok(json!(self.pg().quote_table(&t)))
            }
            "escape" => {
                let v = SqlValue::from_json(args.get("value").unwrap_or(&Json::Null))
                    .map_err(sql_error)?;
                Ok(json!(self.pg().escape(&v, None).map_err(sql_error)?))
            }
            other => Err(OpError::new("Error", format!("seqmig: unknown op {other}"))),
        }
    }

    /// One statement on postgres: logged (`Executing (default): …`), recorded, errors
    /// mapped as Sequelize's postgres `formatError`.
    pub(crate) fn pg_run(
        &self,
        ctx: Ctx,
        sql: &str,
        params: &[SqlValue],
    ) -> Result<QueryResult, OpError> {
        let conn = self.connection()?;
        if self.logs(ctx) {
            let who = ctx
                .tx
                .map(|t| self.tx.label(t))
                .unwrap_or_else(|| "default".into());
            crate::console::stdout_line(&format!("Executing ({who}): {sql}"));
        }
        let values = params
            .iter()
            .map(|v| to_db_value(v, seqmig_db::Dialect::Postgres))
            .collect::<Result<Vec<_>, _>>()?;
        let result = conn.borrow_mut().query(sql, &values);
        if result.is_ok() {
            // Only what the database accepted counts as applied.
            self.session.record_statement(sql);
        }
        result.map_err(|e| {
            let parameters = Json::Array(params.iter().map(SqlValue::to_json).collect());
            pg_error(&e, sql, parameters)
        })
    }

    /// `sequelize.query(sql, {type, plain, …})` on postgres, resolved to what it resolves to.
    pub(crate) fn pg_query(
        &self,
        ctx: Ctx,
        sql: &str,
        params: &[SqlValue],
        shape: PgShape,
    ) -> OpResult {
        let r = self.pg_run(ctx, sql, params)?;
        Ok(format_results(sql, &r, shape))
    }

    fn pg_op_query(&mut self, ctx: Ctx, args: &Json) -> OpResult {
        let q: Query = parse("query", args)?;
        let mut sql = q.sql.clone();
        if let Some(r) = &q.options.replacements {
            sql = inject_replacements(self.pg(), &sql, r).map_err(sql_error)?;
        }
        let ty = q.options.query_type.as_deref().unwrap_or("RAW");
        let shape = PgShape {
            ty,
            plain: q.options.plain == Some(true),
            nest: q.options.nest == Some(true),
            returning: false,
        };
        match &q.options.bind {
            Some(b) => {
                let bound = format_bind_parameters(&sql, b).map_err(sql_error)?;
                let r = self.pg_run(ctx, &bound.sql, &bound.params)?;
                Ok(format_results(&bound.sql, &r, shape))
            }
            None => self.pg_query(ctx, &sql, &[], shape),
        }
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
            let shape = PgShape {
                plain: true,
                ..PgShape::of("SELECT")
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
            last = Some(self.pg_query(ctx, &sql, &[], PgShape::RAW)?);
        }
        Ok(last)
    }

    fn pg_list_enums(&self, ctx: Ctx, table: Option<&Table>) -> OpResult {
        let sql = self.pg().pg_list_enums(table, None);
        self.pg_query(ctx, &sql, &[], PgShape::of("SELECT"))
    }

    fn pg_describe(&self, ctx: Ctx, table: &Table) -> OpResult {
        let sql = self.pg().describe_table_query(table);
        let out = self.pg_query(ctx, &sql, &[], PgShape::of("DESCRIBE"))?;
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

    fn pg_show_all_tables(&self, ctx: Ctx) -> Result<Vec<String>, OpError> {
        let sql = self.pg().show_tables_query();
        let out = self.pg_query(ctx, sql, &[], PgShape::of("SHOWTABLES"))?;
        Ok(out
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|row| string_list(Some(row)))
            .collect())
    }

    fn pg_show_all_schemas(&self, ctx: Ctx) -> Result<Vec<String>, OpError> {
        let sql = self.pg().show_schemas_query();
        let out = self.pg_query(ctx, sql, &[], PgShape::of("SELECT"))?;
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
        let names = self.pg_show_all_tables(ctx)?;
        let mut fks = Vec::with_capacity(names.len());
        for name in &names {
            let sql = self.pg().foreign_keys_query(&Table::new(name.clone()));
            let rows = self.pg_query(ctx, &sql, &[], PgShape::of("FOREIGNKEYS"))?;
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
                self.pg_query(ctx, &sql, &[], PgShape::RAW)?;
            }
        }
        for name in names.iter().filter(|n| !req.options.skip.contains(n)) {
            let sql = self.pg().drop_table_query(&Table::new(name.clone()), true);
            self.pg_query(ctx, &sql, &[], PgShape::RAW)?;
        }
        Ok(Json::Null)
    }

    fn pg_tx_begin(&mut self, ctx: Ctx, args: &Json) -> OpResult {
        let req: TxBegin = parse("tx_begin", args)?;
        self.pg.next_tx += 1;
        let id = self.pg.next_tx;
        let savepoint = match req.options.parent {
            Some(parent) => {
                let slot = self
                    .pg
                    .open
                    .iter_mut()
                    .find(|(pid, _, _)| *pid == parent)
                    .ok_or_else(|| {
                        OpError::new(
                            "Error",
                            format!("seqmig: parent transaction {parent} is not open"),
                        )
                    })?;
                slot.2 += 1;
                let n = slot.2;
                Some(format!("{}-sp-{n}", self.tx.label(parent)))
            }
            None => None,
        };
        self.tx.name(id, req.options.parent, args);
        let ctx = Ctx {
            tx: Some(id),
            ..ctx
        };
        let sql = self.pg().start_transaction(savepoint.as_deref());
        self.pg_query(ctx, &sql, &[], PgShape::RAW)?;
        // Sequelize sets the isolation level right after START TRANSACTION, in it.
        if let (Some(level), None) = (req.options.isolation_level.as_deref(), &savepoint) {
            let q = self.pg().isolation_level(level).map_err(sql_error)?;
            self.pg_query(ctx, &q, &[], PgShape::RAW)?;
        }
        if let Some(d) = args.pointer("/options/deferrable").and_then(Json::as_str) {
            let mode = match d {
                "SET_DEFERRED" => Some("DEFERRED"),
                "SET_IMMEDIATE" => Some("IMMEDIATE"),
                _ => None,
            };
            if let Some(mode) = mode {
                let q = self.pg().set_constraints(None, mode);
                self.pg_query(ctx, &q, &[], PgShape::RAW)?;
            }
        }
        self.pg.open.push((id, savepoint, 0));
        Ok(json!({"id": id}))
    }

    fn pg_tx_end(&mut self, ctx: Ctx, args: &Json, commit: bool) -> OpResult {
        let req: TxEnd = parse(if commit { "tx_commit" } else { "tx_rollback" }, args)?;
        let pos = self
            .pg
            .open
            .iter()
            .position(|(tid, _, _)| *tid == req.id)
            .ok_or_else(|| {
                OpError::new(
                    "Error",
                    format!("seqmig: transaction {} is not open", req.id),
                )
            })?;
        let savepoint = self.pg.open[pos].1.clone();
        // Ending a transaction ends the savepoints opened inside it too.
        self.pg.open.truncate(pos);
        let ctx = Ctx {
            tx: Some(req.id),
            ..ctx
        };
        let sql = if commit {
            self.pg().commit_transaction(savepoint.as_deref())
        } else {
            Some(self.pg().rollback_transaction(savepoint.as_deref()))
        };
        if let Some(sql) = sql {
            self.pg_query(ctx, &sql, &[], PgShape::RAW)?;
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
