//! The PostgreSQL query generator: Sequelize's `dialects/postgres/query-generator.js`
//! (over the abstract one) and the typed escaping of `dialects/postgres/data-types.js`.
//! Only what differs from the abstract generator is here; the introspection and
//! transaction statements are in `introspect.rs`.
//!
//! Sequelize builds several of these statements by string surgery on the output of
//! `attributeToSQL` (`dataTypeMapping`, `changeColumnQuery`); the surgery is reproduced
//! step by step, because its quirks (the `"id"   SERIAL ,` spacing, greedy `ENUM(...)`
//! matches) are visible in the resulting SQL.

mod databases;
mod escape;
mod functions;
mod introspect;
mod types;

pub use databases::CreateDatabaseOptions;
pub use escape::hstore_stringify;
pub use functions::param_list;
pub use introspect::from_array;

use crate::abstract_gen::{BoundSql, QueryGenerator, Warnings};
use crate::data::{self, InsertDialect};
use crate::ddl::{self, IndexDialect};
use crate::escape::{add_ticks, quote_string};
use crate::model::{
    AddConstraint, AddIndex, BulkDelete, BulkInsert, BulkUpdate, Column, ColumnChange, CreateTable,
    DataType, OrderedMap, RemoveIndex, Table, Unique,
};
use crate::value::SqlValue;
use crate::{Dialect, SqlError};

const INSERTS: InsertDialect = InsertDialect {
    ignore_duplicates: "",
    on_conflict_do_nothing: "ON CONFLICT DO NOTHING",
    on_conflict_update: true,
    bulk_default: true,
    returning: true,
    default_keyword: true,
};

const INDEXES: IndexDialect = IndexDialect {
    collate: true,
    length: false,
    operator: true,
    using: 2,
    where_: true,
    concurrently: true,
    // `INCLUDE (...)` arrived after v6: 6.37.8 ignores the option.
    include: false,
};

/// Where an attribute's SQL is generated (Sequelize's `options.context`): comments are
/// separate statements in addColumn/changeColumn and parsed back out in createTable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttrContext {
    CreateTable,
    AddColumn,
    ChangeColumn,
}

/// PostgreSQL's generator. Holds the warnings Sequelize would print while generating.
#[derive(Debug, Default)]
pub struct PostgresGenerator {
    warnings: Warnings,
    tz_offset: i32,
    /// Sequelize's `options.schema` (the config's `schema`): the schema of a table given
    /// without one, instead of `public`.
    default_schema: Option<String>,
}

impl PostgresGenerator {
    pub fn new() -> Self {
        Self::default()
    }

    /// With Sequelize's `timezone` option (minutes east of UTC).
    pub fn with_timezone(offset_minutes: i32) -> Self {
        PostgresGenerator {
            warnings: Warnings::default(),
            tz_offset: offset_minutes,
            default_schema: None,
        }
    }

    /// Set Sequelize's `options.schema` (`None`: `public`).
    pub fn set_default_schema(&mut self, schema: Option<String>) {
        self.default_schema = schema.filter(|s| !s.is_empty());
    }

    /// The schema of a table given without one: `options.schema || 'public'`.
    pub fn default_schema(&self) -> &str {
        self.default_schema.as_deref().unwrap_or("public")
    }

    /// `extractTableDetails`: `tableName.schema || this.options.schema || 'public'`.
    pub fn table_details(&self, t: &Table) -> Table {
        Table {
            table_name: t.table_name.clone(),
            schema: Some(
                t.schema
                    .clone()
                    .filter(|s| !s.is_empty())
                    .unwrap_or_else(|| self.default_schema().to_string()),
            ),
            delimiter: Some(t.delimiter.clone().unwrap_or_else(|| ".".into())),
        }
    }

    /// The untyped base escaping, for the typed `escape` to fall back on.
    fn base(&self) -> escape::Base<'_> {
        escape::Base(self)
    }
}

impl QueryGenerator for PostgresGenerator {
    fn dialect(&self) -> Dialect {
        Dialect::Postgres
    }
    fn warnings(&self) -> &Warnings {
        &self.warnings
    }
    fn quote_identifier(&self, id: &str) -> String {
        add_ticks(id, '"')
    }
    fn supports_schemas(&self) -> bool {
        true
    }
    fn data_type_sql(&self, t: &DataType) -> Result<String, SqlError> {
        types::type_sql(t, &self.warnings)
    }
    fn boolean_literal(&self, b: bool) -> String {
        b.to_string()
    }
    fn timezone_offset(&self) -> i32 {
        self.tz_offset
    }
    fn defer_constraints_sql(&self, deferrable: &str) -> String {
        ddl::deferrable_sql(deferrable)
    }
    fn limit_offset(
        &self,
        limit: Option<&serde_json::Value>,
        offset: Option<&serde_json::Value>,
    ) -> Result<String, SqlError> {
        escape::limit_offset(self, limit, offset)
    }
    fn blob_literal(&self, bytes: &[u8]) -> String {
        escape::blob_literal(bytes)
    }
    fn escape_array(&self, items: &[SqlValue]) -> Result<String, SqlError> {
        escape::untyped_array(self, items)
    }
    fn json_path_extraction(&self, column: &str, path: &[&str]) -> String {
        escape::json_path(column, path)
    }
    fn escape(&self, v: &SqlValue, field: Option<&DataType>) -> Result<String, SqlError> {
        match escape::typed(self, v, field)? {
            Some(s) => Ok(s),
            None => self.base().escape(v, field),
        }
    }
}

/// `String.prototype.replace(/^ENUM\(.+\)/, with)`: the greedy match ends at the last `)`.
fn replace_enum_prefix(s: &str, with: &str) -> String {
    if !s.starts_with("ENUM(") {
        return s.to_string();
    }
    match s.rfind(')') {
        Some(end) if end >= 5 => format!("{with}{}", &s[end + 1..]),
        _ => s.to_string(),
    }
}

/// `s.match(/^ENUM\(.+\)/)[0]`.
fn enum_prefix(s: &str) -> Option<&str> {
    if !s.starts_with("ENUM(") {
        return None;
    }
    s.rfind(')').filter(|e| *e >= 5).map(|e| &s[..=e])
}

impl PostgresGenerator {
    /// `pgEnumName`: `"schema"."enum_<table>_<attr>"`, without the schema when asked.
    pub fn pg_enum_name(&self, table: &Table, attr: &str, with_schema: bool) -> String {
        let d = self.table_details(table);
        let name = add_ticks(&format!("enum_{}_{attr}", d.table_name), '"');
        if with_schema {
            format!(
                "{}{}{name}",
                self.quote_identifier(d.schema.as_deref().unwrap_or("public")),
                d.delimiter.as_deref().unwrap_or(".")
            )
        } else {
            name
        }
    }

    /// `pgEnum` with the values' `ENUM(...)` text: the DO block that swallows
    /// `duplicate_object`, so an existing type is kept as it is.
    fn pg_enum_from_sql(&self, table: &Table, attr: &str, enum_sql: &str) -> String {
        let body = format!(
            "BEGIN CREATE TYPE {} AS {enum_sql}; EXCEPTION WHEN duplicate_object THEN null; END",
            self.pg_enum_name(table, attr, true)
        );
        format!("DO {};", quote_string(&body, true))
    }

    /// `pgEnum(table, attr, dataType)`.
    pub fn pg_enum(
        &self,
        table: &Table,
        attr: &str,
        values: &[serde_json::Value],
    ) -> Result<String, SqlError> {
        Ok(self.pg_enum_from_sql(table, attr, &types::enum_sql(values)?))
    }

    /// `pgEnumAdd` (server ≥ 9.3: `IF NOT EXISTS`).
    pub fn pg_enum_add(
        &self,
        table: &Table,
        attr: &str,
        value: &str,
        before: Option<&str>,
        after: Option<&str>,
    ) -> String {
        let mut sql = format!(
            "ALTER TYPE {} ADD VALUE IF NOT EXISTS {}",
            self.pg_enum_name(table, attr, true),
            quote_string(value, true)
        );
        if let Some(b) = before {
            sql.push_str(&format!(" BEFORE {}", quote_string(b, true)));
        } else if let Some(a) = after {
            sql.push_str(&format!(" AFTER {}", quote_string(a, true)));
        }
        sql
    }

    /// `pgEnumDrop(null, null, pgEscapeAndQuote(name))`, as dropEnum/dropAllEnums call it.
    pub fn pg_enum_drop(&self, enum_name: &str) -> String {
        let escaped = quote_string(enum_name, true);
        let unticked: String = escaped.chars().filter(|c| *c != '\'').collect();
        format!("DROP TYPE IF EXISTS {}; ", self.quote_identifier(&unticked))
    }

    /// The enum types a set of attributes needs (ENUM and ARRAY(ENUM) columns), with
    /// their field names and values, in attribute order: what `ensureEnums` looks up.
    pub fn enum_columns(
        &self,
        attrs: &OrderedMap<Column>,
    ) -> Vec<(String, Vec<serde_json::Value>)> {
        let mut out = Vec::new();
        for (name, c) in attrs.iter() {
            let enum_type = match c.data_type.key.as_str() {
                "ENUM" => Some(&c.data_type),
                "ARRAY" => c.data_type.inner.as_deref().filter(|i| i.key == "ENUM"),
                _ => None,
            };
            if let Some(t) = enum_type {
                let values = t
                    .values
                    .clone()
                    .or_else(|| c.values.clone())
                    .unwrap_or_default();
                out.push((c.field.clone().unwrap_or_else(|| name.to_string()), values));
            }
        }
        out
    }

    /// `normalizeAttribute` over every attribute: the type constructors' warnings first.
    fn constructor_warnings(&self, attrs: &OrderedMap<Column>) {
        for (_, c) in attrs.iter() {
            types::constructor_warnings(&c.data_type, &self.warnings);
        }
    }

    /// `attributeToSQL`.
    pub fn attribute_to_sql(
        &self,
        c: &Column,
        table: &Table,
        key: &str,
        context: AttrContext,
    ) -> Result<String, SqlError> {
        let enum_type = match c.data_type.key.as_str() {
            "ENUM" => Some(&c.data_type),
            "ARRAY" => c.data_type.inner.as_deref().filter(|i| i.key == "ENUM"),
            _ => None,
        };
        let mut sql = match enum_type {
            Some(t) => {
                let values = c
                    .values
                    .clone()
                    .or_else(|| t.values.clone())
                    .unwrap_or_default();
                let mut s = types::enum_sql(&values)?;
                if c.data_type.key == "ARRAY" {
                    s.push_str("[]");
                }
                s
            }
            None => self.column_type_sql(c)?,
        };
        if c.allow_null == Some(false) {
            sql.push_str(" NOT NULL");
        }
        if c.auto_increment == Some(true) {
            if c.auto_increment_identity == Some(true) {
                sql.push_str(" GENERATED BY DEFAULT AS IDENTITY");
            } else {
                sql.push_str(" SERIAL");
            }
        }
        if Self::default_schemable(&c.default_value) {
            let v = c.default_value.as_ref().unwrap_or(&SqlValue::Null);
            sql.push_str(&format!(" DEFAULT {}", self.escape(v, Some(&c.data_type))?));
        }
        if c.unique == Some(Unique::Flag(true)) {
            sql.push_str(" UNIQUE");
        }
        if c.primary_key == Some(true) {
            sql.push_str(" PRIMARY KEY");
        }
        if let Some(r) = &c.references {
            // A reference without a schema lives in the referencing table's schema.
            let mut target = r.table.clone();
            if target.schema.as_deref().is_none_or(str::is_empty) {
                target.schema = table.schema.clone().filter(|s| !s.is_empty());
            }
            let key_sql = match &r.key {
                Some(k) => self.quote_identifiers(k),
                None => self.quote_identifier("id"),
            };
            sql.push_str(&format!(
                " REFERENCES {} ({key_sql})",
                self.quote_table(&target)
            ));
            if let Some(d) = &c.on_delete {
                sql.push_str(&format!(" ON DELETE {}", d.to_uppercase()));
            }
            if let Some(u) = &c.on_update {
                sql.push_str(&format!(" ON UPDATE {}", u.to_uppercase()));
            }
            if let Some(d) = &r.deferrable {
                sql.push(' ');
                sql.push_str(&ddl::deferrable_sql(d));
            }
        }
        if let Some(comment) = c.comment.as_deref() {
            match context {
                AttrContext::AddColumn | AttrContext::ChangeColumn => sql.push_str(&format!(
                    "; COMMENT ON COLUMN {}.{} IS {}",
                    self.quote_table(table),
                    self.quote_identifier(key),
                    quote_string(comment, true)
                )),
                AttrContext::CreateTable => sql.push_str(&format!(" COMMENT {comment}")),
            }
        }
        Ok(sql)
    }

    /// `attributesToSQL`: each column's definition, keyed by its field name.
    pub fn attributes_to_sql(
        &self,
        attrs: &OrderedMap<Column>,
        table: &Table,
        context: AttrContext,
    ) -> Result<OrderedMap<String>, SqlError> {
        let mut out = OrderedMap::default();
        for (name, c) in attrs.iter() {
            let field = c.field.clone().unwrap_or_else(|| name.to_string());
            out.insert(field, self.attribute_to_sql(c, table, name, context)?);
        }
        Ok(out)
    }

    /// `dataTypeMapping`: PRIMARY KEY moves to the table clause, SERIAL replaces the
    /// integer type, an ENUM becomes its type name.
    pub fn data_type_mapping(&self, table: &Table, attr: &str, sql: &str) -> String {
        let mut s = sql.replacen("PRIMARY KEY", "", 1);
        if s.contains("SERIAL") {
            if s.contains("BIGINT") {
                s = s
                    .replacen("SERIAL", "BIGSERIAL", 1)
                    .replacen("BIGINT", "", 1);
            } else if s.contains("SMALLINT") {
                s = s
                    .replacen("SERIAL", "SMALLSERIAL", 1)
                    .replacen("SMALLINT", "", 1);
            } else {
                s = s.replacen("INTEGER", "", 1);
            }
            s = s.replacen("NOT NULL", "", 1);
        }
        replace_enum_prefix(&s, &self.pg_enum_name(table, attr, true))
    }

    /// `createTableQuery` over `attributesToSQL`'s output.
    pub fn create_table_query(&self, req: &CreateTable, attrs: &OrderedMap<String>) -> String {
        let table = &req.table;
        let quoted = self.quote_table(table);
        let mut comments = String::new();
        if let Some(c) = req.options.comment.as_deref() {
            comments.push_str(&format!(
                "; COMMENT ON TABLE {quoted} IS {}",
                quote_string(c, true)
            ));
        }
        let mut column_comments = String::new();
        let mut defs = Vec::with_capacity(attrs.len());
        let mut pks = Vec::new();
        for (name, def) in attrs.iter() {
            let qa = self.quote_identifier(name);
            let mut def = def.to_string();
            if let Some(i) = def.find("COMMENT ") {
                column_comments.push_str(&format!(
                    "; COMMENT ON COLUMN {quoted}.{qa} IS {}",
                    quote_string(&def[i + 8..], true)
                ));
                def.truncate(i);
            }
            if def.contains("PRIMARY KEY") {
                pks.push(qa.clone());
            }
            defs.push(format!(
                "{qa} {}",
                self.data_type_mapping(table, name, &def)
            ));
        }
        let mut clause = defs.join(", ");
        if let Some(keys) = &req.options.unique_keys {
            for (_, k) in keys.iter() {
                if k.custom_index != Some(false) {
                    clause.push_str(&format!(
                        ", UNIQUE ({})",
                        k.fields
                            .iter()
                            .map(|f| self.quote_identifier(f))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                }
            }
        }
        if !pks.is_empty() {
            clause.push_str(&format!(", PRIMARY KEY ({})", pks.join(",")));
        }
        format!("CREATE TABLE IF NOT EXISTS {quoted} ({clause}){comments}{column_comments};")
    }

    /// `queryInterface.createTable`'s final statement (the enum types come first, from
    /// the ops: see [`Self::enum_columns`] and [`Self::pg_list_enums`]).
    pub fn create_table(&self, req: &CreateTable) -> Result<String, SqlError> {
        self.constructor_warnings(&req.attributes);
        let attrs =
            self.attributes_to_sql(&req.attributes, &req.table, AttrContext::CreateTable)?;
        Ok(self.create_table_query(req, &attrs))
    }

    /// `addColumnQuery`: an ENUM column's type is created in the same string.
    pub fn add_column(&self, req: &ColumnChange) -> Result<String, SqlError> {
        types::constructor_warnings(&req.attribute.data_type, &self.warnings);
        let def = self.attribute_to_sql(
            &req.attribute,
            &req.table,
            &req.column,
            AttrContext::AddColumn,
        )?;
        let def = self.data_type_mapping(&req.table, &req.column, &def);
        let mut sql = format!(
            "ALTER TABLE {} ADD COLUMN {} {def};",
            self.quote_table(&self.table_details(&req.table)),
            self.quote_identifier(&req.column)
        );
        if let Some((_, values)) = self
            .enum_columns(&OrderedMap(vec![(
                req.column.clone(),
                req.attribute.clone(),
            )]))
            .into_iter()
            .next()
        {
            sql = format!("{}{sql}", self.pg_enum(&req.table, &req.column, &values)?);
        }
        Ok(sql)
    }

    /// `removeColumnQuery`.
    pub fn remove_column(&self, table: &Table, column: &str) -> String {
        format!(
            "ALTER TABLE {} DROP COLUMN {};",
            self.quote_table(&self.table_details(table)),
            self.quote_identifier(column)
        )
    }

    /// `changeColumnQuery`: one string of `ALTER TABLE … ALTER COLUMN …;` statements cut
    /// out of the attribute's definition.
    pub fn change_column(&self, req: &ColumnChange) -> Result<String, SqlError> {
        types::constructor_warnings(&req.attribute.data_type, &self.warnings);
        let raw = self.attribute_to_sql(
            &req.attribute,
            &req.table,
            &req.column,
            AttrContext::ChangeColumn,
        )?;
        let qt = self.quote_table(&req.table);
        let qa = self.quote_identifier(&req.column);
        let query = |sub: &str| format!("ALTER TABLE {qt} ALTER COLUMN {sub};");
        let mut def = self.data_type_mapping(&req.table, &req.column, &raw);
        let mut out = String::new();
        if def.contains("NOT NULL") {
            out.push_str(&query(&format!("{qa} SET NOT NULL")));
            def = def.replacen("NOT NULL", "", 1).trim().to_string();
        } else if !def.contains("REFERENCES") {
            out.push_str(&query(&format!("{qa} DROP NOT NULL")));
        }
        if let Some(pos) = def.find("DEFAULT") {
            if let Some(value) = def.find("DEFAULT ").map(|p| {
                let rest = &def[p + 8..];
                rest[..rest.find(';').unwrap_or(rest.len())].to_string()
            }) {
                out.push_str(&query(&format!("{qa} SET DEFAULT {value}")));
            }
            let rest = &def[pos..];
            let end = pos + rest.find(';').unwrap_or(rest.len());
            def = format!("{}{}", &def[..pos], &def[end..]).trim().to_string();
        } else if !def.contains("REFERENCES") {
            out.push_str(&query(&format!("{qa} DROP DEFAULT")));
        }
        if let Some(enum_sql) = enum_prefix(&raw) {
            out.push_str(&self.pg_enum_from_sql(&req.table, &req.column, enum_sql));
            def = replace_enum_prefix(&def, &self.pg_enum_name(&req.table, &req.column, false));
            def.push_str(&format!(
                " USING ({qa}::{})",
                self.pg_enum_name(&req.table, &req.column, true)
            ));
        }
        let trimmed = def.trim_end_matches(';');
        if trimmed.ends_with("UNIQUE") {
            def = trimmed[..trimmed.len() - 6].to_string();
            out.push_str(&query(&format!("ADD UNIQUE ({qa})")).replacen("ALTER COLUMN", "", 1));
        }
        if let Some(pos) = def.find("REFERENCES") {
            // `/.+?(?=REFERENCES)/`: `.` stops at a newline, but definitions have none.
            let refs = &def[pos..];
            out.push_str(&query(&format!("ADD FOREIGN KEY ({qa}) {refs}")).replacen(
                "ALTER COLUMN",
                "",
                1,
            ));
        } else {
            out.push_str(&query(&format!("{qa} TYPE {def}")));
        }
        Ok(out)
    }

    /// `renameColumnQuery`.
    pub fn rename_column(&self, table: &Table, before: &str, after: &str) -> String {
        format!(
            "ALTER TABLE {} RENAME COLUMN {} TO {};",
            self.quote_table(table),
            self.quote_identifier(before),
            self.quote_identifier(after)
        )
    }

    /// `dropTableQuery`.
    pub fn drop_table_query(&self, table: &Table, cascade: bool) -> String {
        format!(
            "DROP TABLE IF EXISTS {}{};",
            self.quote_table(table),
            if cascade { " CASCADE" } else { "" }
        )
    }

    pub fn add_index(&self, req: &AddIndex) -> Result<String, SqlError> {
        ddl::add_index(self, req, &INDEXES)
    }

    /// `removeIndexQuery`.
    pub fn remove_index(&self, req: &RemoveIndex, concurrently: bool) -> String {
        let name = ddl::removed_index_name(&req.table, &req.index);
        let mut parts = vec!["DROP INDEX"];
        if concurrently {
            parts.push("CONCURRENTLY");
        }
        let tail = format!("IF EXISTS {}", self.quote_identifiers(&name));
        parts.push(&tail);
        parts.join(" ")
    }

    /// `addConstraintQuery`.
    pub fn add_constraint(&self, req: &AddConstraint) -> Result<String, SqlError> {
        let table = self.quote_table(&req.table);
        let snippet = ddl::constraint_snippet(self, &table, &req.options)?;
        Ok(format!("ALTER TABLE {table} ADD {snippet};"))
    }

    /// `removeConstraintQuery` (no `;`).
    pub fn remove_constraint(&self, table: &Table, name: &str) -> String {
        format!(
            "ALTER TABLE {} DROP CONSTRAINT {}",
            self.quote_table(table),
            self.quote_identifiers(name)
        )
    }

    /// `dropForeignKeyQuery` (dropAllTables).
    pub fn drop_foreign_key(&self, table: &Table, name: &str) -> String {
        format!(
            "ALTER TABLE {} DROP CONSTRAINT {};",
            self.quote_table(table),
            self.quote_identifier(name)
        )
    }

    pub fn bulk_insert(&self, req: &BulkInsert) -> Result<String, SqlError> {
        data::bulk_insert(self, req, &INSERTS)
    }

    /// `insertQuery` (queryInterface.insert without a model): bound values.
    pub fn insert(&self, req: &crate::model::Insert) -> Result<BoundSql, SqlError> {
        data::insert(self, req, &INSERTS)
    }

    /// `selectQuery` for a table without a model.
    pub fn select(&self, req: &crate::model::Select) -> Result<String, SqlError> {
        data::select(self, req)
    }

    /// `arithmeticQuery`: postgres returns the changed rows unless `returning: false`.
    pub fn arithmetic(
        &self,
        req: &crate::model::Increment,
        returning: bool,
    ) -> Result<String, SqlError> {
        let mut sql = data::arithmetic(self, req)?;
        if returning {
            sql.push_str(" RETURNING *");
        }
        Ok(sql)
    }

    /// `updateQuery` with bind parameters, plus `RETURNING` when asked.
    pub fn bulk_update(&self, req: &BulkUpdate) -> Result<BoundSql, SqlError> {
        let mut bound = data::bulk_update(self, req, false)?;
        match &req.options.returning {
            Some(serde_json::Value::Bool(true)) => bound.sql.push_str(" RETURNING *"),
            Some(serde_json::Value::Array(cols)) if !cols.is_empty() => {
                bound.sql.push_str(&format!(
                    " RETURNING {}",
                    cols.iter()
                        .filter_map(|c| c.as_str())
                        .map(|c| self.quote_identifier(c))
                        .collect::<Vec<_>>()
                        .join(",")
                ))
            }
            _ => {}
        }
        Ok(bound)
    }

    /// `deleteQuery` / `truncateTableQuery`.
    pub fn bulk_delete(&self, req: &BulkDelete) -> Result<String, SqlError> {
        let table = self.quote_table(&req.table);
        if req.options.truncate == Some(true) {
            return Ok(format!(
                "TRUNCATE {table}{}{}",
                if req.options.restart_identity == Some(true) {
                    " RESTART IDENTITY"
                } else {
                    ""
                },
                if req.options.cascade == Some(true) {
                    " CASCADE"
                } else {
                    ""
                }
            ));
        }
        if req.options.limit.is_some() {
            return Err(SqlError::Sequelize(
                "Cannot LIMIT delete without a model.".into(),
            ));
        }
        let where_json = req
            .where_
            .as_ref()
            .map(|w| w.0.clone())
            .unwrap_or(serde_json::Value::Null);
        let clause = crate::where_clause::where_conditions(
            self,
            &where_json,
            &crate::abstract_gen::WhereOptions::default(),
        )?;
        if clause.is_empty() {
            Ok(format!("DELETE FROM {table}"))
        } else {
            Ok(format!("DELETE FROM {table} WHERE {clause}"))
        }
    }

    /// `createSchema` (server ≥ 9.2).
    pub fn create_schema(&self, schema: &str) -> String {
        format!(
            "CREATE SCHEMA IF NOT EXISTS {};",
            self.quote_identifier(schema)
        )
    }

    pub fn drop_schema(&self, schema: &str) -> String {
        format!(
            "DROP SCHEMA IF EXISTS {} CASCADE;",
            self.quote_identifier(schema)
        )
    }
}

#[cfg(test)]
mod tests;
