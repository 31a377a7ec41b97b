//! PostgreSQL's introspection, enum, schema and transaction statements, as Sequelize
//! 6.37.8 words them (the text is what `--debug` logs and what failures print).

use super::PostgresGenerator;
use crate::abstract_gen::QueryGenerator;
use crate::escape::quote_string;
use crate::model::Table;
use crate::SqlError;

impl PostgresGenerator {
    /// `describeTableQuery(tableName, schema)`: `schema || this.options.schema || 'public'`.
    pub fn describe_table_query(&self, t: &Table) -> String {
        let schema = t
            .schema
            .as_deref()
            .filter(|s| !s.is_empty())
            .unwrap_or(self.default_schema());
        format!(
            "SELECT pk.constraint_type as \"Constraint\",c.column_name as \"Field\", c.column_default as \"Default\",c.is_nullable as \"Null\", (CASE WHEN c.udt_name = 'hstore' THEN c.udt_name ELSE c.data_type END) || (CASE WHEN c.character_maximum_length IS NOT NULL THEN '(' || c.character_maximum_length || ')' ELSE '' END) as \"Type\", (SELECT array_agg(e.enumlabel) FROM pg_catalog.pg_type t JOIN pg_catalog.pg_enum e ON t.oid=e.enumtypid WHERE t.typname=c.udt_name) AS \"special\", (SELECT pgd.description FROM pg_catalog.pg_statio_all_tables AS st INNER JOIN pg_catalog.pg_description pgd on (pgd.objoid=st.relid) WHERE c.ordinal_position=pgd.objsubid AND c.table_name=st.relname) AS \"Comment\" FROM information_schema.columns c LEFT JOIN (SELECT tc.table_schema, tc.table_name, cu.column_name, tc.constraint_type FROM information_schema.TABLE_CONSTRAINTS tc JOIN information_schema.KEY_COLUMN_USAGE  cu ON tc.table_schema=cu.table_schema and tc.table_name=cu.table_name and tc.constraint_name=cu.constraint_name and tc.constraint_type='PRIMARY KEY') pk ON pk.table_schema=c.table_schema AND pk.table_name=c.table_name AND pk.column_name=c.column_name WHERE c.table_name = {} AND c.table_schema = {}",
            quote_string(&t.table_name, true),
            quote_string(schema, true)
        )
    }

    /// `getForeignKeysQuery` (dropAllTables' constraint names).
    pub fn foreign_keys_query(&self, t: &Table) -> String {
        format!(
            "SELECT conname as constraint_name, pg_catalog.pg_get_constraintdef(r.oid, true) as condef FROM pg_catalog.pg_constraint r WHERE r.conrelid = (SELECT oid FROM pg_class WHERE relname = '{}' LIMIT 1) AND r.contype = 'f' ORDER BY 1;",
            t.table_name
        )
    }

    /// `pgListEnums(table, attr)`; without a table, every enum of `public`.
    pub fn pg_list_enums(&self, table: Option<&Table>, attr: Option<&str>) -> String {
        let (schema, filter) = match table {
            Some(t) => {
                let d = self.table_details(t);
                let filter = match attr {
                    Some(a) if !d.table_name.is_empty() => format!(
                        " AND t.typname={}",
                        self.pg_enum_name(&Table::new(d.table_name.clone()), a, false)
                            .replace('"', "'")
                    ),
                    _ => String::new(),
                };
                (
                    d.schema
                        .unwrap_or_else(|| self.default_schema().to_string()),
                    filter,
                )
            }
            None => (self.default_schema().to_string(), String::new()),
        };
        format!(
            "SELECT t.typname enum_name, array_agg(e.enumlabel ORDER BY enumsortorder) enum_value FROM pg_type t JOIN pg_enum e ON t.oid = e.enumtypid JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = '{schema}'{filter} GROUP BY 1"
        )
    }

    /// `showSchemasQuery`.
    pub fn show_schemas_query(&self) -> &'static str {
        "SELECT schema_name FROM information_schema.schemata WHERE schema_name <> 'information_schema' AND schema_name != 'public' AND schema_name !~ E'^pg_';"
    }

    /// `startTransactionQuery`: `START TRANSACTION;` or a savepoint.
    pub fn start_transaction(&self, savepoint: Option<&str>) -> String {
        match savepoint {
            Some(name) => format!("SAVEPOINT {};", self.quote_identifier(name)),
            None => "START TRANSACTION;".into(),
        }
    }

    /// `deferConstraintsQuery` / `setDeferredQuery`: `SET CONSTRAINTS ALL DEFERRED`.
    pub fn set_constraints(&self, columns: Option<&[String]>, mode: &str) -> String {
        let cols = match columns {
            Some(c) => c
                .iter()
                .map(|x| self.quote_identifier(x))
                .collect::<Vec<_>>()
                .join(", "),
            None => "ALL".into(),
        };
        format!("SET CONSTRAINTS {cols} {mode}")
    }
}

/// Sequelize's `fromArray`: a postgres array literal's text (`{a,"b c"}`) as strings.
pub fn from_array(text: &str) -> Vec<String> {
    let text = text.strip_prefix('{').unwrap_or(text);
    let text = text.strip_suffix('}').unwrap_or(text);
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    let mut cur = String::new();
    let mut quoted = false;
    let mut any = false;
    while let Some(c) = chars.next() {
        any = true;
        match c {
            '"' if cur.is_empty() && !quoted => quoted = true,
            '\\' if quoted => {
                // Sequelize keeps the backslash: its regex only skips over `\.`.
                cur.push(c);
                if let Some(n) = chars.next() {
                    cur.push(n);
                }
            }
            '"' if quoted => quoted = false,
            ',' if !quoted => {
                out.push(std::mem::take(&mut cur).trim().to_string());
            }
            c => cur.push(c),
        }
    }
    if any {
        out.push(cur.trim().to_string());
    }
    out
}

impl crate::statements::Statements for PostgresGenerator {
    /// `setIsolationLevelQuery` (nothing for a savepoint).
    fn set_isolation_level_query(&self, level: &str) -> Result<String, SqlError> {
        match level {
            "READ UNCOMMITTED" | "READ COMMITTED" | "REPEATABLE READ" | "SERIALIZABLE" => {
                Ok(format!("SET TRANSACTION ISOLATION LEVEL {level};"))
            }
            other => Err(SqlError::Sequelize(format!(
                "Unknown isolation level: {other}"
            ))),
        }
    }
    fn rollback_transaction_query(&self, savepoint: Option<&str>) -> String {
        match savepoint {
            Some(name) => format!("ROLLBACK TO SAVEPOINT {};", self.quote_identifier(name)),
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
        "SHOW SERVER_VERSION"
    }
    fn table_exists_query(&self, t: &Table) -> String {
        let schema = t
            .schema
            .as_deref()
            .filter(|s| !s.is_empty())
            .unwrap_or("public");
        format!(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = {} AND table_name = {}",
            quote_string(schema, true),
            quote_string(&t.table_name, true)
        )
    }
    fn set_default_schema(&mut self, schema: Option<String>) {
        PostgresGenerator::set_default_schema(self, schema)
    }
    /// `showTablesQuery` (the `public` schema unless the config names another).
    fn show_tables_query(&self) -> String {
        format!(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = {} AND table_type LIKE '%TABLE' AND table_name != 'spatial_ref_sys';",
            quote_string(self.default_schema(), true)
        )
    }
    /// `getForeignKeyReferencesQuery(tableName, database, schema)`.
    fn foreign_key_references_query(&self, t: &Table, catalog: Option<&str>) -> String {
        let mut s = format!(
            "SELECT DISTINCT tc.constraint_name as constraint_name, tc.constraint_schema as constraint_schema, tc.constraint_catalog as constraint_catalog, tc.table_name as table_name,tc.table_schema as table_schema,tc.table_catalog as table_catalog,tc.initially_deferred as initially_deferred,tc.is_deferrable as is_deferrable,kcu.column_name as column_name,ccu.table_schema  AS referenced_table_schema,ccu.table_catalog  AS referenced_table_catalog,ccu.table_name  AS referenced_table_name,ccu.column_name AS referenced_column_name FROM information_schema.table_constraints AS tc JOIN information_schema.key_column_usage AS kcu ON tc.constraint_name = kcu.constraint_name JOIN information_schema.constraint_column_usage AS ccu ON ccu.constraint_name = tc.constraint_name WHERE constraint_type = 'FOREIGN KEY' AND tc.table_name = '{}'",
            t.table_name
        );
        if let Some(c) = catalog.filter(|c| !c.is_empty()) {
            s.push_str(&format!(" AND tc.table_catalog = '{c}'"));
        }
        if let Some(sc) = t.schema.as_deref().filter(|s| !s.is_empty()) {
            s.push_str(&format!(" AND tc.table_schema = '{sc}'"));
        }
        s
    }
    /// `showConstraintsQuery` (the constraint name is not used on postgres).
    fn show_constraints_query(&self, t: &Table, _constraint: Option<&str>) -> String {
        format!(
            "SELECT constraint_catalog AS \"constraintCatalog\", constraint_schema AS \"constraintSchema\", constraint_name AS \"constraintName\", table_catalog AS \"tableCatalog\", table_schema AS \"tableSchema\", table_name AS \"tableName\", constraint_type AS \"constraintType\", is_deferrable AS \"isDeferrable\", initially_deferred AS \"initiallyDeferred\" from INFORMATION_SCHEMA.table_constraints WHERE table_name='{}';",
            t.table_name
        )
    }
    /// `showIndexesQuery`: a table given with a schema joins pg_namespace.
    fn show_indexes_query(&self, t: &Table) -> String {
        let (join, filter) = match t.schema.as_deref().filter(|s| !s.is_empty()) {
            Some(s) => (
                ", pg_namespace s".to_string(),
                format!(" AND s.oid = t.relnamespace AND s.nspname = '{s}'"),
            ),
            None => (String::new(), String::new()),
        };
        format!(
            "SELECT i.relname AS name, ix.indisprimary AS primary, ix.indisunique AS unique, ix.indkey AS indkey, array_agg(a.attnum) as column_indexes, array_agg(a.attname) AS column_names, pg_get_indexdef(ix.indexrelid) AS definition FROM pg_class t, pg_class i, pg_index ix, pg_attribute a{join} WHERE t.oid = ix.indrelid AND i.oid = ix.indexrelid AND a.attrelid = t.oid AND t.relkind = 'r' and t.relname = '{}'{filter} GROUP BY i.relname, ix.indexrelid, ix.indisprimary, ix.indisunique, ix.indkey ORDER BY i.relname;",
            t.table_name
        )
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
        _options: &crate::model::TxOptions,
        savepoint: Option<&str>,
    ) -> String {
        self.start_transaction(savepoint)
    }
    fn defer_constraints_query(&self, deferrable: &str) -> Option<String> {
        let mode = match deferrable {
            "SET_DEFERRED" => "DEFERRED",
            "SET_IMMEDIATE" => "IMMEDIATE",
            _ => return None,
        };
        Some(self.set_constraints(None, mode))
    }
    fn create_table_query(&self, req: &crate::model::CreateTable) -> Result<String, SqlError> {
        self.create_table(req)
    }
    fn drop_table_query(&self, req: &crate::model::DropTable) -> String {
        PostgresGenerator::drop_table_query(self, &req.table, req.options.cascade == Some(true))
    }
    fn add_column_query(&self, req: &crate::model::ColumnChange) -> Result<String, SqlError> {
        self.add_column(req)
    }
    fn add_index_query(&self, req: &crate::model::AddIndex) -> Result<String, SqlError> {
        self.add_index(req)
    }
    fn remove_index_query(&self, req: &crate::model::RemoveIndex) -> String {
        let concurrently = req.options.concurrently.as_ref().and_then(|c| c.as_bool());
        self.remove_index(req, concurrently.unwrap_or(false))
    }
    fn bulk_insert_query(&self, req: &crate::model::BulkInsert) -> Result<String, SqlError> {
        self.bulk_insert(req)
    }
    fn insert_query(
        &self,
        req: &crate::model::Insert,
    ) -> Result<crate::abstract_gen::BoundSql, SqlError> {
        self.insert(req)
    }
    fn select_query(&self, req: &crate::model::Select) -> Result<String, SqlError> {
        self.select(req)
    }
    fn arithmetic_query(&self, req: &crate::model::Increment) -> Result<String, SqlError> {
        // arithmeticQuery defaults `returning` to true.
        let returning = req.options.returning.as_ref().and_then(|r| r.as_bool());
        self.arithmetic(req, returning != Some(false))
    }
}
