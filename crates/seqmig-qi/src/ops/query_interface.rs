//! The ops written once for every dialect, as Sequelize's abstract `QueryInterface`
//! writes them: parse the request, ask the session's generator for the statement, run it,
//! and resolve to the dialect's result shape.

use seqmig_sql::bind::inject_replacements;
use seqmig_sql::model::{
    AddIndex, BulkDelete, BulkInsert, BulkUpdate, ColumnChange, CreateTable, DropTable, Increment,
    Insert, NamedConstraint, Query, RemoveIndex, RenameTable, Select, Table, TableOnly,
};
use serde_json::{json, Value as Json};

use super::{parse, sql_error, Ctx, OpResult, Ops, Shape};

/// The names in showAllTables' answer.
pub(crate) fn table_names(tables: &Json) -> Vec<String> {
    tables
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|t| t.as_str().map(str::to_string))
        .collect()
}

impl Ops {
    /// `sequelize.query(sql, {replacements, bind, type, plain, nest})`: the replacements
    /// escaped by the generator, the bind parameters formatted as the dialect's query
    /// formats them, then run and shaped.
    pub(crate) fn op_query(&mut self, ctx: Ctx, args: &Json) -> OpResult {
        let q: Query = parse("query", args)?;
        let dialect = self.over();
        let mut sql = q.sql.clone();
        if let Some(r) = &q.options.replacements {
            sql = inject_replacements(dialect.statements(self), &sql, r).map_err(sql_error)?;
        }
        let shape = Shape {
            ty: q.options.query_type.as_deref().unwrap_or("RAW"),
            plain: q.options.plain == Some(true),
            nest: q.options.nest == Some(true),
            returning: false,
        };
        match &q.options.bind {
            Some(b) => {
                let bound = dialect.bind_parameters(&sql, b).map_err(sql_error)?;
                dialect.query_as_sent(self, ctx, &bound.logged, &bound.sql, &bound.params, shape)
            }
            None => dialect.query_as_sent(self, ctx, &sql, &sql, &[], shape),
        }
    }

    pub(crate) fn op_create_table(&mut self, ctx: Ctx, args: &Json) -> OpResult {
        let req: CreateTable = parse("qi_create_table", args)?;
        self.over().before_create_table(self, ctx, &req)?;
        let sql = self
            .over()
            .statements(self)
            .create_table_query(&req)
            .map_err(sql_error)?;
        self.query(ctx, &sql, &[], Shape::RAW)
    }

    /// Resolves to nothing (dropTable does not return the query's result).
    pub(crate) fn op_drop_table(&mut self, ctx: Ctx, args: &Json) -> OpResult {
        let req: DropTable = parse("qi_drop_table", args)?;
        let sql = self.over().statements(self).drop_table_query(&req);
        self.query(ctx, &sql, &[], Shape::RAW)?;
        Ok(self.over().no_result())
    }

    pub(crate) fn op_rename_table(&mut self, ctx: Ctx, args: &Json) -> OpResult {
        let req: RenameTable = parse("qi_rename_table", args)?;
        let sql = self.over().statements(self).rename_table_query(&req);
        self.query(ctx, &sql, &[], Shape::RAW)
    }

    pub(crate) fn op_table_exists(&mut self, ctx: Ctx, args: &Json) -> OpResult {
        let req: TableOnly = parse("qi_table_exists", args)?;
        let sql = self.over().statements(self).table_exists_query(&req.table);
        let out = self.query(ctx, &sql, &[], Shape::of("SHOWTABLES"))?;
        Ok(json!(out.as_array().map(Vec::len) == Some(1)))
    }

    pub(crate) fn op_add_column(&mut self, ctx: Ctx, args: &Json) -> OpResult {
        let req: ColumnChange = parse("qi_add_column", args)?;
        let gen = self.over().statements(self);
        let sql = gen.add_column_query(&req).map_err(sql_error)?;
        self.query(ctx, &sql, &[], Shape::RAW)
    }

    pub(crate) fn op_add_index(&mut self, ctx: Ctx, args: &Json) -> OpResult {
        let req: AddIndex = parse("qi_add_index", args)?;
        let gen = self.over().statements(self);
        let sql = gen.add_index_query(&req).map_err(sql_error)?;
        self.query(ctx, &sql, &[], Shape::RAW)
    }

    pub(crate) fn op_remove_index(&mut self, ctx: Ctx, args: &Json) -> OpResult {
        let req: RemoveIndex = parse("qi_remove_index", args)?;
        let sql = self.over().statements(self).remove_index_query(&req);
        self.query(ctx, &sql, &[], Shape::RAW)
    }

    /// Resolves to `results[0]` of an INSERT query (SQLite: the last insert id).
    pub(crate) fn op_bulk_insert(&mut self, ctx: Ctx, args: &Json) -> OpResult {
        let req: BulkInsert = parse("qi_bulk_insert", args)?;
        let gen = self.over().statements(self);
        let sql = gen.bulk_insert_query(&req).map_err(sql_error)?;
        let out = self.query(ctx, &sql, &[], Shape::of("INSERT"))?;
        Ok(out.get(0).cloned().unwrap_or(Json::Null))
    }

    /// bulkUpdate (and `queryInterface.update`): a BULKUPDATE query with bound values,
    /// resolving to the changed rows' count, or with `returning` (postgres) the rows.
    pub(crate) fn op_bulk_update(&mut self, ctx: Ctx, args: &Json) -> OpResult {
        let req: BulkUpdate = parse("qi_bulk_update", args)?;
        let bound = self
            .over()
            .statements(self)
            .bulk_update_query(&req)
            .map_err(sql_error)?;
        let returning = req.options.returning.as_ref().is_some_and(|r| {
            r.as_bool() == Some(true) || r.as_array().is_some_and(|a| !a.is_empty())
        });
        let shape = Shape {
            returning,
            ..Shape::of("BULKUPDATE")
        };
        self.query(ctx, &bound.sql, &bound.bind, shape)
    }

    /// bulkDelete passes no `type` (a RAW query); Model.destroy passes BULKDELETE (the count
    /// of deleted rows).
    pub(crate) fn op_bulk_delete(&mut self, ctx: Ctx, args: &Json) -> OpResult {
        let req: BulkDelete = parse("qi_bulk_delete", args)?;
        let sql = self
            .over()
            .statements(self)
            .bulk_delete_query(&req)
            .map_err(sql_error)?;
        // sequelize.query trims what deleteQuery leaves after an empty where.
        let sql = sql.trim_end();
        let shape = if args.get("type").and_then(Json::as_str) == Some("BULKDELETE") {
            Shape::of("BULKDELETE")
        } else {
            Shape::RAW
        };
        self.query(ctx, sql, &[], shape)
    }

    /// `queryInterface.insert(null, …)`: an INSERT query with bound values.
    pub(crate) fn op_insert(&mut self, ctx: Ctx, args: &Json) -> OpResult {
        let req: Insert = parse("qi_insert", args)?;
        let bound = self
            .over()
            .statements(self)
            .insert_query(&req)
            .map_err(sql_error)?;
        self.query(ctx, &bound.sql, &bound.bind, Shape::of("INSERT"))
    }

    /// `queryInterface.select`/`rawSelect` without a model: rows, or the first with `plain`.
    pub(crate) fn op_select(&mut self, ctx: Ctx, args: &Json) -> OpResult {
        let req: Select = parse("qi_select", args)?;
        let sql = self
            .over()
            .statements(self)
            .select_query(&req)
            .map_err(sql_error)?;
        let shape = Shape {
            plain: req.plain,
            ..Shape::of("SELECT")
        };
        self.query(ctx, &sql, &[], shape)
    }

    /// increment/decrement: an UPDATE query.
    pub(crate) fn op_increment(&mut self, ctx: Ctx, args: &Json) -> OpResult {
        let req: Increment = parse("qi_increment", args)?;
        let gen = self.over().statements(self);
        let sql = gen.arithmetic_query(&req).map_err(sql_error)?;
        self.query(ctx, &sql, &[], Shape::of("UPDATE"))
    }

    /// showIndex: a SHOWINDEXES query, shaped by the dialect (Sequelize's
    /// `handleShowIndexesQuery`).
    pub(crate) fn op_show_index(&mut self, ctx: Ctx, args: &Json) -> OpResult {
        let req: TableOnly = parse("qi_show_index", args)?;
        let sql = self.over().statements(self).show_indexes_query(&req.table);
        self.query(ctx, &sql, &[], Shape::of("SHOWINDEXES"))
    }

    /// showConstraint: a SHOWCONSTRAINTS query, shaped by the dialect.
    pub(crate) fn op_show_constraint(&mut self, ctx: Ctx, args: &Json) -> OpResult {
        let req: NamedConstraint = parse("qi_show_constraint", args)?;
        let sql = self
            .over()
            .statements(self)
            .show_constraints_query(&req.table, req.name.as_deref());
        self.query(ctx, &sql, &[], Shape::of("SHOWCONSTRAINTS"))
    }

    /// getForeignKeyReferencesForTable: a FOREIGNKEYS query in the configured database,
    /// shaped by the dialect.
    pub(crate) fn foreign_key_references(&self, ctx: Ctx, table: &Table) -> OpResult {
        let dialect = self.over();
        let database = dialect.database(self)?;
        let sql = dialect
            .statements(self)
            .foreign_key_references_query(table, database.as_deref());
        let found = self.query(ctx, &sql, &[], Shape::of("FOREIGNKEYS"))?;
        Ok(dialect.shape_foreign_key_references(table, found))
    }

    pub(crate) fn op_get_foreign_keys(&mut self, ctx: Ctx, args: &Json) -> OpResult {
        let req: TableOnly = parse("qi_get_foreign_keys", args)?;
        self.foreign_key_references(ctx, &req.table)
    }

    /// showAllTables: a SHOWTABLES query, flattened one level as Sequelize's
    /// `_.flatten(tableNames)` (names; objects `{tableName, schema}` on mariadb).
    pub(crate) fn show_all_tables(&self, ctx: Ctx) -> OpResult {
        let sql = self.over().statements(self).show_tables_query();
        let out = self.query(ctx, &sql, &[], Shape::of("SHOWTABLES"))?;
        Ok(Json::Array(
            out.as_array()
                .into_iter()
                .flatten()
                .flat_map(|t| match t {
                    Json::Array(items) => items.clone(),
                    other => vec![other.clone()],
                })
                .collect(),
        ))
    }

    pub(crate) fn op_show_all_tables(&mut self, ctx: Ctx, _: &Json) -> OpResult {
        self.show_all_tables(ctx)
    }

    pub(crate) fn op_database_version(&mut self, ctx: Ctx, _: &Json) -> OpResult {
        let sql = self.over().statements(self).version_query();
        self.query(ctx, sql, &[], Shape::of("VERSION"))
    }
}
