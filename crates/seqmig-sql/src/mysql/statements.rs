//! The statements of Sequelize's mysql query generator (and the mariadb one, which
//! only changes showAllTables), as inherent builders over the request types the other
//! dialects use.

use super::{mysql_quote, MysqlGenerator};
use crate::abstract_gen::{BoundSql, QueryGenerator};
use crate::data::{self, InsertDialect};
use crate::ddl;
use crate::escape::underscore;
use crate::model::{
    AddConstraint, AddIndex, BulkDelete, BulkInsert, Column, ColumnChange, CreateTable, IndexField,
    IndexRef, OrderedMap, RemoveIndex, Table, Unique,
};
use crate::value::SqlValue;
use crate::SqlError;

const INSERTS: InsertDialect = InsertDialect {
    ignore_duplicates: "IGNORE",
    on_conflict_do_nothing: "",
    // ON DUPLICATE KEY UPDATE is appended here, not by the shared ON CONFLICT code.
    on_conflict_update: false,
    bulk_default: false,
    returning: false,
    default_keyword: true,
};

/// The createTable options only mysql reads (Sequelize's `rowFormat` and
/// `initialAutoIncrement`), beside the shared [`crate::model::CreateTableOptions`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MysqlTableOptions {
    pub row_format: Option<String>,
    pub initial_auto_increment: Option<String>,
}

/// Column types after which Sequelize writes no DEFAULT (`typeWithoutDefault`).
const TYPES_WITHOUT_DEFAULT: [&str; 4] = ["BLOB", "TEXT", "GEOMETRY", "JSON"];

/// The `.+?(?=REFERENCES)` / `^(.+) (REFERENCES.*)$` cuts of a definition.
fn split_references(def: &str) -> Option<(&str, &str)> {
    let pos = def.rfind(" REFERENCES")?;
    Some((&def[..pos], &def[pos + 1..]))
}

impl MysqlGenerator {
    /// `attributeToSQL`. `add_column` is addColumn's context (the table and the new
    /// column), where a reference becomes a named `ADD CONSTRAINT ... FOREIGN KEY`.
    pub fn attribute_to_sql(
        &self,
        c: &Column,
        add_column: Option<(&Table, &str)>,
    ) -> Result<String, SqlError> {
        let type_sql = self.column_type_sql(c)?;
        let mut sql = type_sql.clone();
        if c.allow_null == Some(false) {
            sql.push_str(" NOT NULL");
        }
        if c.auto_increment == Some(true) {
            sql.push_str(" auto_increment");
        }
        if !TYPES_WITHOUT_DEFAULT.contains(&type_sql.as_str())
            && c.data_type.binary != Some(true)
            && Self::default_schemable(&c.default_value)
        {
            let v = c.default_value.as_ref().unwrap_or(&SqlValue::Null);
            sql.push_str(&format!(" DEFAULT {}", self.escape(v, None)?));
        }
        if c.unique == Some(Unique::Flag(true)) {
            sql.push_str(" UNIQUE");
        }
        if c.primary_key == Some(true) {
            sql.push_str(" PRIMARY KEY");
        }
        if let Some(comment) = c.comment.as_deref().filter(|s| !s.is_empty()) {
            sql.push_str(&format!(" COMMENT {}", mysql_quote(comment)));
        }
        if c.first == Some(true) {
            sql.push_str(" FIRST");
        }
        if let Some(after) = &c.after {
            sql.push_str(&format!(" AFTER {}", self.quote_identifier(after)));
        }
        if let Some(r) = &c.references {
            if let Some((table, key)) = add_column {
                let attr = self.quote_identifier(key);
                // Sequelize builds the name from the raw table name and the quoted column.
                let name =
                    self.quote_identifier(&format!("{}_{attr}_foreign_idx", table.table_name));
                sql.push_str(&format!(", ADD CONSTRAINT {name} FOREIGN KEY ({attr})"));
            }
            sql.push_str(&format!(
                " REFERENCES {} ({})",
                self.quote_table(&r.table),
                self.quote_identifier(r.key.as_deref().unwrap_or("id"))
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

    /// `attributesToSQL`: each column's definition, keyed by its field name.
    pub fn attributes_to_sql(
        &self,
        attrs: &OrderedMap<Column>,
    ) -> Result<OrderedMap<String>, SqlError> {
        let mut out = OrderedMap::default();
        for (name, c) in attrs.iter() {
            let field = c.field.clone().unwrap_or_else(|| name.to_string());
            out.insert(field, self.attribute_to_sql(c, None)?);
        }
        Ok(out)
    }

    /// `createTableQuery` (`ENGINE=InnoDB` unless `engine` says otherwise).
    pub fn create_table(
        &self,
        req: &CreateTable,
        extra: &MysqlTableOptions,
    ) -> Result<String, SqlError> {
        let attrs = self.attributes_to_sql(&req.attributes)?;
        let mut pks = Vec::new();
        let mut fks = Vec::new();
        let mut defs = Vec::with_capacity(attrs.len());
        for (name, def) in attrs.iter() {
            let q = self.quote_identifier(name);
            let mut def = def.to_string();
            if def.contains("PRIMARY KEY") {
                pks.push(q.clone());
            }
            if def.contains("REFERENCES") {
                if let Some((head, refs)) = split_references(&def) {
                    fks.push(format!("FOREIGN KEY ({q}) {refs}"));
                    def = head.to_string();
                }
            }
            defs.push(format!("{q} {}", def.replacen("PRIMARY KEY", "", 1)));
        }
        let mut clause = defs.join(", ");
        if let Some(keys) = &req.options.unique_keys {
            for (index_name, k) in keys.iter() {
                if k.custom_index == Some(true) {
                    clause.push_str(&format!(
                        ", UNIQUE {} ({})",
                        self.quote_identifier(index_name),
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
            clause.push_str(&format!(", PRIMARY KEY ({})", pks.join(", ")));
        }
        for fk in fks {
            clause.push_str(", ");
            clause.push_str(&fk);
        }
        let o = &req.options;
        let mut parts = vec![
            "CREATE TABLE IF NOT EXISTS".to_string(),
            self.quote_table(&req.table),
            format!("({clause})"),
            format!("ENGINE={}", o.engine.as_deref().unwrap_or("InnoDB")),
        ];
        if let Some(c) = o.comment.as_deref().filter(|c| !c.is_empty()) {
            parts.push(format!("COMMENT {}", mysql_quote(c)));
        }
        if let Some(c) = o.charset.as_deref().filter(|c| !c.is_empty()) {
            parts.push(format!("DEFAULT CHARSET={c}"));
        }
        if let Some(c) = o.collate.as_deref().filter(|c| !c.is_empty()) {
            parts.push(format!("COLLATE {c}"));
        }
        if let Some(n) = extra.initial_auto_increment.as_deref() {
            parts.push(format!("AUTO_INCREMENT={n}"));
        }
        if let Some(r) = extra.row_format.as_deref().filter(|r| !r.is_empty()) {
            parts.push(format!("ROW_FORMAT={r}"));
        }
        Ok(format!("{};", parts.join(" ")))
    }

    /// `addColumnQuery`.
    pub fn add_column(&self, req: &ColumnChange) -> Result<String, SqlError> {
        Ok(format!(
            "ALTER TABLE {} ADD {} {};",
            self.quote_table(&req.table),
            self.quote_identifier(&req.column),
            self.attribute_to_sql(&req.attribute, Some((&req.table, &req.column)))?
        ))
    }

    /// `removeColumnQuery`. Sequelize first drops each foreign key of the column found
    /// by [`Self::foreign_key_query`] ([`Self::drop_foreign_key`]).
    pub fn remove_column(&self, table: &Table, column: &str) -> String {
        format!(
            "ALTER TABLE {} DROP {};",
            self.quote_table(table),
            self.quote_identifier(column)
        )
    }

    /// `changeColumnQuery`: `CHANGE` with the full definition, a reference as
    /// `ADD FOREIGN KEY`.
    pub fn change_column(&self, req: &ColumnChange) -> Result<String, SqlError> {
        let def = self.attribute_to_sql(&req.attribute, None)?;
        let table = self.quote_table(&req.table);
        if let Some(pos) = def.find("REFERENCES") {
            return Ok(format!(
                "ALTER TABLE {table} ADD FOREIGN KEY ({}) {};",
                self.quote_identifier(&req.column),
                &def[pos..]
            ));
        }
        Ok(format!(
            "ALTER TABLE {table} CHANGE `{c}` `{c}` {def};",
            c = req.column
        ))
    }

    /// `renameColumnQuery`: `described` is the column as Sequelize rebuilds it from
    /// describeTable (its type as the server prints it, allowNull, defaultValue).
    pub fn rename_column(
        &self,
        table: &Table,
        before: &str,
        after: &str,
        described: &Column,
    ) -> Result<String, SqlError> {
        Ok(format!(
            "ALTER TABLE {} CHANGE `{before}` `{after}` {};",
            self.quote_table(table),
            self.attribute_to_sql(described, None)?
        ))
    }

    /// `addIndexQuery` through `ALTER TABLE ... ADD [UNIQUE|FULLTEXT|SPATIAL] INDEX`,
    /// with `USING`, per-field length and order, and `WITH PARSER`.
    pub fn add_index(&self, req: &AddIndex) -> Result<String, SqlError> {
        let o = &req.options;
        let mut fields_sql = Vec::with_capacity(o.fields.len());
        for f in &o.fields {
            fields_sql.push(match f {
                IndexField::Expr(e) => self.handle_method(e)?,
                IndexField::Name(n) => self.quote_identifier(n),
                IndexField::Spec {
                    name,
                    order,
                    length,
                    ..
                } => {
                    let mut s = self.quote_identifier(name);
                    if let Some(l) = length.filter(|l| *l > 0) {
                        s.push_str(&format!("({l})"));
                    }
                    if let Some(ord) = order {
                        s.push(' ');
                        s.push_str(ord);
                    }
                    s
                }
            });
        }
        let name = match &o.name {
            Some(n) => n.clone(),
            None => {
                let prefix: String = o
                    .prefix
                    .clone()
                    .unwrap_or_else(|| req.table.table_name.clone())
                    .replace('.', "_")
                    .chars()
                    .filter(|c| *c != '"' && *c != '\'')
                    .collect();
                let names: Vec<&str> = o
                    .fields
                    .iter()
                    .map(|f| f.name().unwrap_or("undefined"))
                    .collect();
                underscore(&format!("{prefix}_{}", names.join("_")))
            }
        };
        // Model._conformIndex: `type: 'unique'` is `unique: true`.
        let (unique, kind) = match o.index_type.as_deref() {
            Some(t) if t.eq_ignore_ascii_case("unique") => (true, None),
            t => (o.unique == Some(true), t.filter(|t| !t.is_empty())),
        };
        let mut parts = vec![
            "ALTER TABLE".to_string(),
            self.quote_table(&req.table),
            "ADD".into(),
        ];
        if unique {
            parts.push("UNIQUE".into());
        }
        if let Some(k) = kind {
            parts.push(k.to_string());
        }
        parts.push("INDEX".into());
        parts.push(self.quote_identifiers(&name));
        if let Some(u) = &o.using {
            parts.push(format!("USING {u}"));
        }
        parts.push(format!("({})", fields_sql.join(", ")));
        if let Some(p) = &o.parser {
            parts.push(format!("WITH PARSER {p}"));
        }
        Ok(parts.join(" "))
    }

    /// `removeIndexQuery` (no `;`): by name, or named from the fields.
    pub fn remove_index(&self, req: &RemoveIndex) -> String {
        let name = match &req.index {
            IndexRef::Name(n) => n.clone(),
            IndexRef::Fields(f) => underscore(&format!("{}_{}", req.table.table_name, f.join("_"))),
        };
        format!(
            "DROP INDEX {} ON {}",
            self.quote_identifier(&name),
            self.quote_table(&req.table)
        )
    }

    /// `addConstraintQuery`: unique, check, primary key, foreign key (a DEFAULT
    /// constraint fails as in Sequelize).
    pub fn add_constraint(&self, req: &AddConstraint) -> Result<String, SqlError> {
        let table = self.quote_table(&req.table);
        let snippet = ddl::constraint_snippet(self, &table, &req.options)?;
        Ok(format!("ALTER TABLE {table} ADD {snippet};"))
    }

    /// `dropForeignKeyQuery`: how removeConstraint drops a FOREIGN KEY and removeColumn
    /// the keys on its column.
    pub fn drop_foreign_key(&self, table: &Table, name: &str) -> String {
        format!(
            "ALTER TABLE {} DROP FOREIGN KEY {};",
            self.quote_table(table),
            self.quote_identifier(name)
        )
    }

    /// removeConstraint of anything but a foreign key: MySQL drops a UNIQUE or PRIMARY
    /// KEY constraint as the index it is (`removeIndexQuery`).
    pub fn remove_constraint_index(&self, table: &Table, name: &str) -> String {
        self.remove_index(&RemoveIndex {
            table: table.clone(),
            index: IndexRef::Name(name.to_string()),
            options: Default::default(),
        })
    }

    /// `bulkInsertQuery`: `INSERT IGNORE` for ignoreDuplicates, `ON DUPLICATE KEY
    /// UPDATE a=VALUES(a)` for updateOnDuplicate.
    pub fn bulk_insert(&self, req: &BulkInsert) -> Result<String, SqlError> {
        let mut sql = data::bulk_insert(self, req, &INSERTS)?;
        if let Some(update) = &req.options.update_on_duplicate {
            sql.pop();
            sql.push_str(&self.on_duplicate(update));
            sql.push(';');
        }
        Ok(sql)
    }

    /// `insertQuery` (queryInterface.insert / upsert): bound values, and for an upsert
    /// (`updateOnDuplicate`) the `ON DUPLICATE KEY UPDATE` clause.
    pub fn insert(&self, req: &crate::model::Insert) -> Result<BoundSql, SqlError> {
        let mut bound = data::insert(self, req, &INSERTS)?;
        if let Some(update) = &req.options.update_on_duplicate {
            bound.sql.pop();
            bound.sql.push_str(&self.on_duplicate(update));
            bound.sql.push(';');
        }
        Ok(bound)
    }

    fn on_duplicate(&self, update: &[String]) -> String {
        format!(
            " ON DUPLICATE KEY UPDATE {}",
            update
                .iter()
                .map(|a| {
                    let q = self.quote_identifier(a);
                    format!("{q}=VALUES({q})")
                })
                .collect::<Vec<_>>()
                .join(",")
        )
    }

    /// `deleteQuery` (`LIMIT n` at the end) / `truncateTableQuery`.
    pub fn bulk_delete(&self, req: &BulkDelete) -> Result<String, SqlError> {
        let table = self.quote_table(&req.table);
        if req.options.truncate == Some(true) {
            return Ok(format!("TRUNCATE {table}"));
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
        let mut sql = format!("DELETE FROM {table}");
        if !clause.is_empty() {
            sql.push_str(&format!(" WHERE {clause}"));
        }
        if let Some(limit) = req.options.limit {
            sql.push_str(&format!(" LIMIT {limit}"));
        }
        Ok(sql)
    }

    /// `describeTableQuery`.
    pub fn describe_table_query(&self, table: &Table) -> String {
        format!("SHOW FULL COLUMNS FROM {};", self.quote_table(table))
    }

    /// `createSchema(schema)` (queryInterface passes no options): mysql's generator
    /// answers `SHOW TABLES`, mariadb's creates the database.
    pub fn create_schema(&self, schema: &str) -> String {
        if self.is_mariadb() {
            format!(
                "CREATE SCHEMA IF NOT EXISTS {};",
                self.quote_identifier(schema)
            )
        } else {
            "SHOW TABLES".into()
        }
    }

    /// `dropSchema(schema)`: a table of that name on mysql, the database on mariadb.
    pub fn drop_schema(&self, schema: &str) -> String {
        if self.is_mariadb() {
            format!("DROP SCHEMA IF EXISTS {};", self.quote_identifier(schema))
        } else {
            self.drop_table(&Table::new(schema))
        }
    }

    /// `showSchemasQuery(options)`: `SHOW TABLES` on mysql, every database of the server
    /// but the system ones and `skip` on mariadb.
    pub fn show_schemas_query(&self, skip: &[String]) -> String {
        if !self.is_mariadb() {
            return "SHOW TABLES".into();
        }
        let mut names: Vec<String> = ["'MYSQL'", "'INFORMATION_SCHEMA'", "'PERFORMANCE_SCHEMA'"]
            .map(str::to_string)
            .to_vec();
        names.extend(skip.iter().map(|s| mysql_quote(s)));
        format!(
            "SELECT SCHEMA_NAME as schema_name FROM INFORMATION_SCHEMA.SCHEMATA WHERE SCHEMA_NAME NOT IN ({});",
            names.join(", ")
        )
    }

    /// `showTablesQuery(database)`; mariadb's also selects the schema.
    pub fn show_tables_query(&self, database: Option<&str>) -> String {
        let mut sql =
            format!(
            "SELECT TABLE_NAME{} FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_TYPE = 'BASE TABLE'",
            if self.is_mariadb() { ", TABLE_SCHEMA" } else { "" }
        );
        match database {
            Some(db) => sql.push_str(&format!(" AND TABLE_SCHEMA = {}", mysql_quote(db))),
            None => sql.push_str(
                " AND TABLE_SCHEMA NOT IN ('MYSQL', 'INFORMATION_SCHEMA', 'PERFORMANCE_SCHEMA', \
                 'SYS', 'mysql', 'information_schema', 'performance_schema', 'sys')",
            ),
        }
        sql.push(';');
        sql
    }

    /// `tableExistsQuery` (SequelizeMeta's check), in the connection's database.
    pub fn table_exists_query(&self, table: &Table, database: &str) -> String {
        let quoted = self.quote_table(table);
        format!(
            "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_TYPE = 'BASE TABLE' \
             AND TABLE_NAME = {} AND TABLE_SCHEMA = {}",
            mysql_quote(&quoted[1..quoted.len() - 1]),
            mysql_quote(database)
        )
    }

    /// `showIndexesQuery`.
    pub fn show_index_query(&self, table: &Table, database: Option<&str>) -> String {
        let mut sql = format!("SHOW INDEX FROM {}", self.quote_table(table));
        if let Some(db) = database {
            sql.push_str(&format!(" FROM `{db}`"));
        }
        sql
    }

    /// `showConstraintsQuery` (names inlined unescaped, as Sequelize does).
    pub fn show_constraints_query(
        &self,
        table: &Table,
        constraint: Option<&str>,
        schema: Option<&str>,
    ) -> String {
        let mut sql = format!(
            "SELECT CONSTRAINT_CATALOG AS constraintCatalog, CONSTRAINT_NAME AS constraintName, \
             CONSTRAINT_SCHEMA AS constraintSchema, CONSTRAINT_TYPE AS constraintType, \
             TABLE_NAME AS tableName, TABLE_SCHEMA AS tableSchema from \
             INFORMATION_SCHEMA.TABLE_CONSTRAINTS WHERE table_name='{}'",
            table.table_name
        );
        if let Some(c) = constraint {
            sql.push_str(&format!(" AND constraint_name = '{c}'"));
        }
        if let Some(s) = schema {
            sql.push_str(&format!(" AND TABLE_SCHEMA = '{s}'"));
        }
        sql.push(';');
        sql
    }

    /// `getForeignKeysQuery` (getForeignKeyReferencesForTable), in `database`.
    pub fn foreign_keys_query(&self, table: &Table, database: &str) -> String {
        format!(
            "SELECT {FOREIGN_KEY_FIELDS} FROM INFORMATION_SCHEMA.KEY_COLUMN_USAGE where \
             TABLE_NAME = '{}' AND CONSTRAINT_NAME!='PRIMARY' AND CONSTRAINT_SCHEMA='{database}' \
             AND REFERENCED_TABLE_NAME IS NOT NULL;",
            table.table_name
        )
    }

    /// `getForeignKeyQuery`: the keys on one column, either side (removeColumn).
    pub fn foreign_key_query(&self, table: &Table, column: &str) -> String {
        let quote = |s: &str| crate::escape::add_ticks(s, '\'');
        let t = quote(&table.table_name);
        let c = quote(column);
        let schema = table.schema.as_deref().filter(|s| !s.is_empty()).map(quote);
        let (ref_schema, own_schema) = match &schema {
            Some(s) => (
                format!(" AND REFERENCED_TABLE_SCHEMA = {s}"),
                format!(" AND TABLE_SCHEMA = {s}"),
            ),
            None => (String::new(), String::new()),
        };
        format!(
            "SELECT {FOREIGN_KEY_FIELDS} FROM INFORMATION_SCHEMA.KEY_COLUMN_USAGE WHERE \
             (REFERENCED_TABLE_NAME = {t}{ref_schema} AND REFERENCED_COLUMN_NAME = {c}) OR \
             (TABLE_NAME = {t}{own_schema} AND COLUMN_NAME = {c} AND REFERENCED_TABLE_NAME IS NOT NULL)"
        )
    }
}

/// Sequelize's `FOREIGN_KEY_FIELDS` of the mysql generator.
const FOREIGN_KEY_FIELDS: &str = "CONSTRAINT_NAME as constraint_name,CONSTRAINT_NAME as constraintName,CONSTRAINT_SCHEMA as constraintSchema,CONSTRAINT_SCHEMA as constraintCatalog,TABLE_NAME as tableName,TABLE_SCHEMA as tableSchema,TABLE_SCHEMA as tableCatalog,COLUMN_NAME as columnName,REFERENCED_TABLE_SCHEMA as referencedTableSchema,REFERENCED_TABLE_SCHEMA as referencedTableCatalog,REFERENCED_TABLE_NAME as referencedTableName,REFERENCED_COLUMN_NAME as referencedColumnName";

impl crate::statements::Statements for MysqlGenerator {
    fn bulk_update_query(
        &self,
        req: &crate::model::BulkUpdate,
    ) -> Result<crate::abstract_gen::BoundSql, SqlError> {
        self.bulk_update(req)
    }
    fn bulk_delete_query(&self, req: &crate::model::BulkDelete) -> Result<String, SqlError> {
        self.bulk_delete(req)
    }
    /// `START TRANSACTION;`, or a savepoint for a transaction with a parent.
    fn start_transaction_query(
        &self,
        _options: &crate::model::TxOptions,
        savepoint: Option<&str>,
    ) -> String {
        match savepoint {
            Some(name) => format!("SAVEPOINT {};", self.quote_identifier(name)),
            None => "START TRANSACTION;".into(),
        }
    }
    /// The abstract `setIsolationLevelQuery`, sent before the transaction begins.
    fn set_isolation_level_query(&self, level: &str) -> Result<String, SqlError> {
        Ok(format!("SET TRANSACTION ISOLATION LEVEL {level};"))
    }
    fn isolation_level_before_begin(&self) -> bool {
        true
    }
    fn commit_transaction_query(&self, savepoint: Option<&str>) -> Option<String> {
        match savepoint {
            Some(_) => None,
            None => Some("COMMIT;".into()),
        }
    }
    fn rollback_transaction_query(&self, savepoint: Option<&str>) -> String {
        match savepoint {
            Some(name) => format!("ROLLBACK TO SAVEPOINT {};", self.quote_identifier(name)),
            None => "ROLLBACK;".into(),
        }
    }
    fn create_table_query(&self, req: &CreateTable) -> Result<String, SqlError> {
        let o = &req.options;
        let extra = MysqlTableOptions {
            row_format: o.row_format.clone(),
            initial_auto_increment: o.initial_auto_increment.as_ref().and_then(|v| match v {
                serde_json::Value::Null => None,
                serde_json::Value::String(s) => Some(s.clone()),
                other => Some(other.to_string()),
            }),
        };
        self.create_table(req, &extra)
    }
    fn drop_table_query(&self, req: &crate::model::DropTable) -> String {
        self.drop_table(&req.table)
    }
    fn add_column_query(&self, req: &ColumnChange) -> Result<String, SqlError> {
        self.add_column(req)
    }
    fn add_index_query(&self, req: &AddIndex) -> Result<String, SqlError> {
        self.add_index(req)
    }
    fn remove_index_query(&self, req: &RemoveIndex) -> String {
        self.remove_index(req)
    }
    /// In the connection's database (Sequelize: `sequelize.config.database`).
    fn table_exists_query(&self, table: &Table) -> String {
        let database = self.database().unwrap_or_default();
        MysqlGenerator::table_exists_query(self, table, &database)
    }
    fn bulk_insert_query(&self, req: &BulkInsert) -> Result<String, SqlError> {
        self.bulk_insert(req)
    }
    fn insert_query(&self, req: &crate::model::Insert) -> Result<BoundSql, SqlError> {
        self.insert(req)
    }
    fn select_query(&self, req: &crate::model::Select) -> Result<String, SqlError> {
        data::select(self, req)
    }
    fn arithmetic_query(&self, req: &crate::model::Increment) -> Result<String, SqlError> {
        data::arithmetic(self, req)
    }
    fn version_query(&self) -> &'static str {
        "SELECT VERSION() as `version`"
    }
    fn show_indexes_query(&self, table: &Table) -> String {
        self.show_index_query(table, None)
    }
    /// In the connection's database (Sequelize: `sequelize.config.database`).
    fn show_tables_query(&self) -> String {
        let database = self.database();
        MysqlGenerator::show_tables_query(self, database.as_deref())
    }
    fn foreign_key_references_query(&self, table: &Table, database: Option<&str>) -> String {
        self.foreign_keys_query(table, database.unwrap_or_default())
    }
    /// Without the schema (removeConstraint adds it, through the inherent builder).
    fn show_constraints_query(&self, table: &Table, constraint: Option<&str>) -> String {
        // `table.schema` filters by TABLE_SCHEMA; a plain name reads the whole server.
        let schema = table.schema.as_deref().filter(|s| !s.is_empty());
        MysqlGenerator::show_constraints_query(self, table, constraint, schema)
    }
}

impl MysqlGenerator {
    /// `updateQuery` with bind parameters (`$n`, which the query turns into `?`), and
    /// `LIMIT n` where given.
    pub fn bulk_update(&self, req: &crate::model::BulkUpdate) -> Result<BoundSql, SqlError> {
        let mut bound = data::bulk_update(self, req, false)?;
        if let Some(limit) = req.options.limit {
            bound.sql.push_str(&format!(" LIMIT {limit}"));
        }
        Ok(bound)
    }
}
