//! The SQLite query generator: Sequelize's `dialects/sqlite/query-generator.js` (which
//! extends mysql's, which extends the abstract one). Only what differs is here.

mod types;

use crate::abstract_gen::{BoundSql, QueryGenerator, Warnings};
use crate::data::{self, InsertDialect};
use crate::ddl::{self, IndexDialect};
use crate::escape::{add_ticks, quote_string};
use crate::model::{
    AddIndex, BulkDelete, BulkInsert, BulkUpdate, Column, ColumnChange, ConstraintOptions,
    CreateTable, DataType, OrderedMap, RemoveIndex, Table, Unique, UniqueKey,
};
use crate::value::SqlValue;
use crate::{Dialect, SqlError};

const INSERTS: InsertDialect = InsertDialect {
    ignore_duplicates: "OR IGNORE",
    on_conflict_do_nothing: "",
    on_conflict_update: true,
    bulk_default: false,
    // Sequelize 6's sqlite dialect does not support RETURNING (`supports.returnValues`).
    returning: false,
    default_keyword: false,
};

const INDEXES: IndexDialect = IndexDialect {
    collate: true,
    length: false,
    operator: false,
    using: 0,
    where_: true,
    concurrently: false,
    include: false,
};

/// SQLite's generator. Holds the warnings Sequelize would print while generating.
#[derive(Debug, Default)]
pub struct SqliteGenerator {
    warnings: Warnings,
    tz_offset: i32,
}

impl SqliteGenerator {
    pub fn new() -> Self {
        Self::default()
    }

    /// With Sequelize's `timezone` option (minutes east of UTC).
    pub fn with_timezone(offset_minutes: i32) -> Self {
        SqliteGenerator {
            warnings: Warnings::default(),
            tz_offset: offset_minutes,
        }
    }
}

impl QueryGenerator for SqliteGenerator {
    fn dialect(&self) -> Dialect {
        Dialect::Sqlite
    }
    fn warnings(&self) -> &Warnings {
        &self.warnings
    }
    fn quote_identifier(&self, id: &str) -> String {
        add_ticks(id, '`')
    }
    fn supports_schemas(&self) -> bool {
        false
    }
    fn data_type_sql(&self, t: &DataType) -> Result<String, SqlError> {
        types::type_sql(t, &self.warnings)
    }
    fn boolean_literal(&self, b: bool) -> String {
        (b as i32).to_string()
    }
    fn boolean_value(&self, b: bool) -> String {
        (b as i32).to_string()
    }
    fn timezone_offset(&self) -> i32 {
        self.tz_offset
    }
    fn operator(&self, op: &str) -> Option<&'static str> {
        match op {
            "regexp" => Some("REGEXP"),
            "notRegexp" => Some("NOT REGEXP"),
            op => crate::where_clause::operator_sql(op),
        }
    }
    fn cast_type(&self, t: &str) -> String {
        if t.to_lowercase().contains("timestamp") {
            "datetime".into()
        } else {
            t.to_string()
        }
    }
}

/// `replaceBooleanDefaults`: `DEFAULT 'false'`/`DEFAULT false` → `DEFAULT 0`, true → 1,
/// anywhere in the statement, as Sequelize's regexes do.
pub fn replace_boolean_defaults(sql: &str) -> String {
    fn pass(sql: &str, word: &str, repl: &str) -> String {
        let mut out = String::with_capacity(sql.len());
        let mut rest = sql;
        while let Some(pos) = rest.find("DEFAULT ") {
            out.push_str(&rest[..pos]);
            let after = &rest[pos + 8..];
            let (q1, a) = match after.strip_prefix('\'') {
                Some(a) => (1, a),
                None => (0, after),
            };
            if let Some(a2) = a.strip_prefix(word) {
                let q2 = usize::from(a2.starts_with('\''));
                out.push_str(repl);
                rest = &after[q1 + word.len() + q2..];
            } else {
                out.push_str("DEFAULT ");
                rest = after;
            }
        }
        out.push_str(rest);
        out
    }
    pass(&pass(sql, "false", "DEFAULT 0"), "true", "DEFAULT 1")
}

impl SqliteGenerator {
    /// `attributesToSQL`: each column's definition, keyed by its field name.
    pub fn attributes_to_sql(
        &self,
        attrs: &OrderedMap<Column>,
    ) -> Result<OrderedMap<String>, SqlError> {
        let mut out = OrderedMap::default();
        for (name, c) in attrs.iter() {
            let field = c.field.clone().unwrap_or_else(|| name.to_string());
            out.insert(field, self.attribute_to_sql(c)?);
        }
        Ok(out)
    }

    fn attribute_to_sql(&self, c: &Column) -> Result<String, SqlError> {
        let mut sql = self.column_type_sql(c)?;
        if c.allow_null == Some(false) {
            sql.push_str(" NOT NULL");
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
            if c.auto_increment == Some(true) {
                sql.push_str(" AUTOINCREMENT");
            }
        }
        if let Some(r) = &c.references {
            let key = r.key.as_deref().unwrap_or("id");
            sql.push_str(&format!(
                " REFERENCES {} ({})",
                self.quote_table(&r.table),
                self.quote_ident(key)
            ));
            if let Some(d) = &c.on_delete {
                sql.push_str(&format!(" ON DELETE {}", d.to_uppercase()));
            }
            if let Some(u) = &c.on_update {
                sql.push_str(&format!(" ON UPDATE {}", u.to_uppercase()));
            }
        }
        Ok(sql)
    }

    /// `createTableQuery` over `attributesToSQL`'s output.
    pub fn create_table_query(
        &self,
        table: &Table,
        attrs: &OrderedMap<String>,
        unique_keys: Option<&OrderedMap<UniqueKey>>,
    ) -> String {
        let multiple_pks = attrs
            .iter()
            .filter(|(_, d)| d.contains("PRIMARY KEY"))
            .count()
            > 1;
        let mut pks = Vec::new();
        let mut defs = Vec::with_capacity(attrs.len());
        for (name, def) in attrs.iter() {
            let mut s = def.clone();
            if def.contains("PRIMARY KEY") {
                if def.contains("INT") {
                    // SQLite only makes `INTEGER PRIMARY KEY` the rowid: no length, no UNSIGNED.
                    s = if def.contains("AUTOINCREMENT") {
                        "INTEGER PRIMARY KEY AUTOINCREMENT".into()
                    } else {
                        "INTEGER PRIMARY KEY".into()
                    };
                    if let Some(pos) = def.find(" REFERENCES") {
                        s.push_str(&def[pos..]);
                    }
                }
                if multiple_pks {
                    pks.push(name);
                    s = if def.contains("NOT NULL") {
                        def.replacen(" PRIMARY KEY", "", 1)
                    } else {
                        def.replacen("PRIMARY KEY", "NOT NULL", 1)
                    };
                }
            }
            defs.push(format!("{} {s}", self.quote_ident(name)));
        }
        let mut body = defs.join(", ");
        if let Some(keys) = unique_keys {
            for (_, k) in keys.iter() {
                // qi.createTable defaults customIndex to true.
                if k.custom_index != Some(false) {
                    body.push_str(&format!(
                        ", UNIQUE ({})",
                        k.fields
                            .iter()
                            .map(|f| self.quote_ident(f))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                }
            }
        }
        if !pks.is_empty() {
            body.push_str(&format!(
                ", PRIMARY KEY ({})",
                pks.iter()
                    .map(|p| self.quote_ident(p))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        replace_boolean_defaults(&format!(
            "CREATE TABLE IF NOT EXISTS {} ({body});",
            self.quote_table(table)
        ))
    }

    /// `queryInterface.createTable`.
    pub fn create_table(&self, req: &CreateTable) -> Result<String, SqlError> {
        let attrs = self.attributes_to_sql(&req.attributes)?;
        Ok(self.create_table_query(&req.table, &attrs, req.options.unique_keys.as_ref()))
    }

    pub fn add_index(&self, req: &AddIndex) -> Result<String, SqlError> {
        ddl::add_index(self, req, &INDEXES)
    }

    pub fn remove_index(&self, req: &RemoveIndex) -> String {
        format!(
            "DROP INDEX IF EXISTS {}",
            self.quote_ident(&ddl::removed_index_name(&req.table, &req.index))
        )
    }

    pub fn bulk_insert(&self, req: &BulkInsert) -> Result<String, SqlError> {
        data::bulk_insert(self, req, &INSERTS)
    }

    /// `insertQuery` (queryInterface.insert without a model): bound values.
    pub fn insert(&self, req: &crate::model::Insert) -> Result<BoundSql, SqlError> {
        data::insert(self, req, &INSERTS)
    }

    pub fn select(&self, req: &crate::model::Select) -> Result<String, SqlError> {
        data::select(self, req)
    }

    pub fn arithmetic(&self, req: &crate::model::Increment) -> Result<String, SqlError> {
        data::arithmetic(self, req)
    }

    pub fn bulk_update(&self, req: &BulkUpdate) -> Result<BoundSql, SqlError> {
        data::bulk_update(self, req, true)
    }

    pub fn bulk_delete(&self, req: &BulkDelete) -> Result<String, SqlError> {
        if req.options.truncate == Some(true) {
            let mut s = format!("DELETE FROM {}", self.quote_table(&req.table));
            if req.options.restart_identity == Some(true) {
                let name = self.quote_table(&req.table).replace('`', "");
                s.push_str(&format!(
                    "; DELETE FROM `sqlite_sequence` WHERE `name` = '{name}';"
                ));
            }
            return Ok(s);
        }
        data::bulk_delete(self, req)
    }

    /// `createDatabaseQuery`, inherited from the MySQL generator: SQLite rejects it, and
    /// Sequelize sends it anyway.
    pub fn create_database(
        &self,
        name: &str,
        charset: Option<&str>,
        collate: Option<&str>,
    ) -> Result<String, SqlError> {
        let mut sql = format!(
            "CREATE DATABASE IF NOT EXISTS {}",
            self.quote_identifier(name)
        );
        if let Some(c) = charset.filter(|c| !c.is_empty()) {
            let c = self.escape(&SqlValue::Text(c.into()), None)?;
            sql.push_str(&format!(" DEFAULT CHARACTER SET {c}"));
        }
        if let Some(c) = collate.filter(|c| !c.is_empty()) {
            let c = self.escape(&SqlValue::Text(c.into()), None)?;
            sql.push_str(&format!(" DEFAULT COLLATE {c}"));
        }
        sql.push(';');
        Ok(sql)
    }

    /// `dropDatabaseQuery` (MySQL's, as for createDatabase).
    pub fn drop_database(&self, name: &str) -> String {
        format!("DROP DATABASE IF EXISTS {};", self.quote_identifier(name))
    }

    pub fn describe_table_query(&self, t: &Table) -> String {
        format!("PRAGMA TABLE_INFO({});", self.quote_table(t))
    }

    pub fn index_info_query(&self, index: &str) -> String {
        format!("PRAGMA INDEX_INFO(`{index}`)")
    }

    /// `describeCreateTableQuery` / `showConstraintsQuery`: the name is inlined unescaped,
    /// as Sequelize does.
    pub fn describe_create_table_query(&self, t: &Table) -> String {
        format!(
            "SELECT sql FROM sqlite_master WHERE tbl_name='{}';",
            t.table_name
        )
    }

    /// `removeColumnQuery` (also changeColumn's): rebuild through `<t>_backup`, as the
    /// statements Sequelize runs one by one.
    pub fn rebuild_statements(
        &self,
        table: &Table,
        attrs: &OrderedMap<Column>,
    ) -> Result<Vec<String>, SqlError> {
        let sql = self.attributes_to_sql(attrs)?;
        let names = self.column_list(&sql);
        Ok(self.backup_and_restore(table, &sql, &names))
    }

    /// The quoted column names, comma separated.
    fn column_list(&self, sql: &OrderedMap<String>) -> String {
        sql.keys()
            .map(|a| self.quote_ident(a))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The six statements of a rebuild: copy into `<t>_backup` selecting `import` from the
    /// table, recreate the table, copy back.
    fn backup_and_restore(
        &self,
        table: &Table,
        sql: &OrderedMap<String>,
        import: &str,
    ) -> Vec<String> {
        let backup = table.with_suffix("_backup");
        let (qt, qb) = (self.quote_table(table), self.quote_table(&backup));
        let export = self.column_list(sql);
        vec![
            self.create_table_query(&backup, sql, None),
            format!("INSERT INTO {qb} SELECT {import} FROM {qt};"),
            format!("DROP TABLE {qt};"),
            self.create_table_query(table, sql, None),
            format!("INSERT INTO {qt} SELECT {export} FROM {qb};"),
            format!("DROP TABLE {qb};"),
        ]
    }

    /// `renameColumnQuery`: `attrs` already has `after` in place of `before` (at the end).
    pub fn rename_column_statements(
        &self,
        table: &Table,
        before: &str,
        after: &str,
        attrs: &OrderedMap<Column>,
    ) -> Result<Vec<String>, SqlError> {
        let sql = self.attributes_to_sql(attrs)?;
        let import = sql
            .keys()
            .map(|a| {
                if a == after {
                    format!("{} AS {}", self.quote_ident(before), self.quote_ident(a))
                } else {
                    self.quote_ident(a)
                }
            })
            .collect::<Vec<_>>()
            .join(", ");
        Ok(self.backup_and_restore(table, &sql, &import))
    }

    /// `_alterConstraintQuery`: the table's own CREATE statement (with the constraint
    /// added or removed) under the backup name, copy, drop, rename back.
    pub fn alter_constraint_statements(
        &self,
        table: &Table,
        attrs: &OrderedMap<Column>,
        create_sql: &str,
    ) -> Result<Vec<String>, SqlError> {
        let sql = self.attributes_to_sql(attrs)?;
        let backup = table.with_suffix("_backup");
        let (qt, qb) = (self.quote_table(table), self.quote_table(&backup));
        let names = sql
            .keys()
            .map(|a| self.quote_ident(a))
            .collect::<Vec<_>>()
            .join(", ");
        let create = create_sql
            .replacen(
                &format!("CREATE TABLE {qt}"),
                &format!("CREATE TABLE {qb}"),
                1,
            )
            .replacen(
                &format!("CREATE TABLE {}", qt.replace('`', "\"")),
                &format!("CREATE TABLE {qb}"),
                1,
            );
        Ok(vec![
            create,
            format!("INSERT INTO {qb} SELECT {names} FROM {qt};"),
            format!("DROP TABLE {qt};"),
            format!("ALTER TABLE {qb} RENAME TO {qt};"),
        ])
    }

    /// `getConstraintSnippet` as sqlite's addConstraint calls it (with the raw table name).
    pub fn constraint_snippet(
        &self,
        table: &Table,
        o: &ConstraintOptions,
    ) -> Result<String, SqlError> {
        ddl::constraint_snippet(self, &table.table_name, o)
    }

    /// `startTransactionQuery`: `BEGIN DEFERRED TRANSACTION;` or a savepoint.
    pub fn start_transaction(&self, tx_type: Option<&str>, savepoint: Option<&str>) -> String {
        match savepoint {
            Some(name) => format!("SAVEPOINT {};", self.quote_ident(name)),
            None => format!("BEGIN {} TRANSACTION;", tx_type.unwrap_or("DEFERRED")),
        }
    }
}

impl crate::statements::Statements for SqliteGenerator {
    /// `addColumnQuery`.
    fn add_column_query(&self, req: &ColumnChange) -> Result<String, SqlError> {
        let def = self.attribute_to_sql(&req.attribute)?;
        Ok(replace_boolean_defaults(&format!(
            "ALTER TABLE {} ADD {} {def};",
            self.quote_table(&req.table),
            self.quote_ident(&req.column)
        )))
    }
    /// `setIsolationLevelQuery` (`-- …` lines are not sent to the database).
    fn set_isolation_level_query(&self, level: &str) -> Result<String, SqlError> {
        Ok(match level {
            "REPEATABLE READ" => {
                "-- SQLite is not able to choose the isolation level REPEATABLE READ.".into()
            }
            "READ UNCOMMITTED" => "PRAGMA read_uncommitted = ON;".into(),
            "READ COMMITTED" => "PRAGMA read_uncommitted = OFF;".into(),
            "SERIALIZABLE" => {
                "-- SQLite's default isolation level is SERIALIZABLE. Nothing to do.".into()
            }
            other => {
                return Err(SqlError::Sequelize(format!(
                    "Unknown isolation level: {other}"
                )))
            }
        })
    }
    fn rollback_transaction_query(&self, savepoint: Option<&str>) -> String {
        match savepoint {
            Some(name) => format!("ROLLBACK TO SAVEPOINT {};", self.quote_ident(name)),
            None => "ROLLBACK;".into(),
        }
    }
    /// `commitTransactionQuery`: nothing for a savepoint.
    fn commit_transaction_query(&self, savepoint: Option<&str>) -> Option<String> {
        match savepoint {
            Some(_) => None,
            None => Some("COMMIT;".into()),
        }
    }
    fn version_query(&self) -> &'static str {
        "SELECT sqlite_version() as `version`"
    }
    fn table_exists_query(&self, t: &Table) -> String {
        format!(
            "SELECT name FROM sqlite_master WHERE type='table' AND name={};",
            quote_string(&schema_name(t), false)
        )
    }
    fn show_tables_query(&self) -> String {
        "SELECT name FROM `sqlite_master` WHERE type='table' and name!='sqlite_sequence';".into()
    }
    /// `PRAGMA foreign_key_list` (the database is not named).
    fn foreign_key_references_query(&self, t: &Table, _database: Option<&str>) -> String {
        format!("PRAGMA foreign_key_list({})", self.quote_table(t))
    }
    fn show_constraints_query(&self, t: &Table, name: Option<&str>) -> String {
        let mut s = format!(
            "SELECT sql FROM sqlite_master WHERE tbl_name='{}'",
            t.table_name
        );
        if let Some(n) = name {
            s.push_str(&format!(" AND sql LIKE '%{n}%'"));
        }
        s.push(';');
        s
    }
    fn show_indexes_query(&self, t: &Table) -> String {
        format!("PRAGMA INDEX_LIST({})", self.quote_table(t))
    }
    fn bulk_update_query(
        &self,
        req: &crate::model::BulkUpdate,
    ) -> Result<crate::abstract_gen::BoundSql, SqlError> {
        self.bulk_update(req)
    }
    fn bulk_delete_query(&self, req: &crate::model::BulkDelete) -> Result<String, SqlError> {
        self.bulk_delete(req)
    }
    fn start_transaction_query(
        &self,
        options: &crate::model::TxOptions,
        savepoint: Option<&str>,
    ) -> String {
        self.start_transaction(options.tx_type.as_deref(), savepoint)
    }
    fn create_table_query(&self, req: &crate::model::CreateTable) -> Result<String, SqlError> {
        self.create_table(req)
    }
    fn drop_table_query(&self, req: &crate::model::DropTable) -> String {
        self.drop_table(&req.table)
    }
    fn add_index_query(&self, req: &AddIndex) -> Result<String, SqlError> {
        self.add_index(req)
    }
    fn remove_index_query(&self, req: &RemoveIndex) -> String {
        self.remove_index(req)
    }
    fn bulk_insert_query(&self, req: &BulkInsert) -> Result<String, SqlError> {
        self.bulk_insert(req)
    }
    fn insert_query(&self, req: &crate::model::Insert) -> Result<BoundSql, SqlError> {
        self.insert(req)
    }
    fn select_query(&self, req: &crate::model::Select) -> Result<String, SqlError> {
        self.select(req)
    }
    fn arithmetic_query(&self, req: &crate::model::Increment) -> Result<String, SqlError> {
        self.arithmetic(req)
    }
}

/// `addSchema(table)` as a name: `schema.table` (sqlite has no schemas).
fn schema_name(t: &Table) -> String {
    match t.schema.as_deref().filter(|s| !s.is_empty()) {
        Some(s) => format!(
            "{s}{}{}",
            t.delimiter.as_deref().unwrap_or("."),
            t.table_name
        ),
        None => t.table_name.clone(),
    }
}

#[cfg(test)]
mod tests;
