//! PostgreSQL's bookkeeping: a session advisory lock as the run lock, a transaction-local
//! setting as the transaction probe, `db:create`/`db:drop` on the maintenance database, and
//! the statements Sequelize's postgres dialect sends.

use std::path::{Path, PathBuf};
use std::time::Duration;

use seqmig_db::{ConnectOptions, Dialect, SharedConnection, Value};
use seqmig_sql::abstract_gen::QueryGenerator;
use seqmig_sql::postgres::PostgresGenerator;
use seqmig_sql::statements::Statements;
use seqmig_sql::Table;
use sha2::{Digest, Sha256};

use super::{Bookkeeping, HeldLock, TxProbe};
use crate::database::{CreateOptions, DatabaseCommand};
use crate::error::CoreError;
use crate::lock::{self, RunLock};

pub struct PostgresBookkeeping;

const DEFAULT_SCHEMA: &str = "public";

fn quote(ident: &str) -> String {
    PostgresGenerator::new().quote_identifier(ident)
}

fn literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// sequelize-cli's `getCreateDatabaseQuery` for PostgreSQL.
pub fn create_database_sql(database: &str, opts: &CreateOptions) -> String {
    let mut sql = format!("CREATE DATABASE {}", quote(database));
    // An empty value is falsy in JS and adds nothing.
    let parts = [
        (" ENCODING = ", &opts.encoding),
        (" LC_COLLATE = ", &opts.collate),
        (" LC_CTYPE = ", &opts.ctype),
        (" TEMPLATE = ", &opts.template),
    ];
    for (keyword, value) in parts {
        if let Some(v) = value.as_deref().filter(|v| !v.is_empty()) {
            sql.push_str(keyword);
            sql.push_str(&quote(v));
        }
    }
    sql
}

pub fn drop_database_sql(database: &str) -> String {
    format!("DROP DATABASE IF EXISTS {}", quote(database))
}

/// The advisory-lock key: stable across runs and machines, distinct per database and table.
pub fn advisory_key(database: &str, storage: &str) -> i64 {
    let digest = Sha256::digest(format!("seqmig\0{database}\0{storage}").as_bytes());
    i64::from_be_bytes(digest[..8].try_into().expect("8 bytes"))
}

impl Bookkeeping for PostgresBookkeeping {
    fn dialect(&self) -> Dialect {
        Dialect::Postgres
    }

    fn names(&self) -> &'static [&'static str] {
        &["postgres", "postgresql"]
    }

    fn generator(&self) -> Box<dyn QueryGenerator> {
        Box::new(PostgresGenerator::new())
    }

    fn schema_of(&self, schema: Option<&str>) -> Option<String> {
        schema.filter(|s| *s != DEFAULT_SCHEMA).map(str::to_string)
    }

    fn create_meta_table(&self, table: &str, timestamps: bool) -> String {
        let name = quote("name");
        if timestamps {
            format!(
                "CREATE TABLE IF NOT EXISTS {table} ({name} VARCHAR(255) NOT NULL UNIQUE , {} TIMESTAMP WITH TIME ZONE NOT NULL, {} TIMESTAMP WITH TIME ZONE NOT NULL, PRIMARY KEY ({name}));",
                quote("createdAt"),
                quote("updatedAt")
            )
        } else {
            format!("CREATE TABLE IF NOT EXISTS {table} ({name} VARCHAR(255) NOT NULL UNIQUE , PRIMARY KEY ({name}));")
        }
    }

    /// sequelize-cli creates a custom storage schema before anything else.
    fn create_schema(&self, schema: &str) -> Option<String> {
        Some(format!("CREATE SCHEMA IF NOT EXISTS {};", quote(schema)))
    }

    fn sync_columns_query(&self, _quoted: &str, table: &Table) -> (String, Vec<Value>) {
        (
            "SELECT column_name AS name FROM information_schema.columns WHERE table_name = $1 AND table_schema = $2;".into(),
            vec![
                Value::Text(table.table_name.clone()),
                Value::Text(table.schema.clone().unwrap_or_else(|| DEFAULT_SCHEMA.into())),
            ],
        )
    }

    fn returning(&self, cols: &str) -> String {
        format!(" RETURNING {cols}")
    }

    fn table_exists_query(&self, table: &str, schema: Option<&str>) -> (String, Vec<Value>) {
        (
            "SELECT table_name FROM information_schema.tables WHERE table_name = $1 AND table_schema = $2".into(),
            vec![
                Value::Text(table.into()),
                Value::Text(schema.unwrap_or(DEFAULT_SCHEMA).into()),
            ],
        )
    }

    fn show_all_tables_query(&self) -> String {
        PostgresGenerator::new().show_tables_query()
    }

    fn describe_table_query(&self, table: &str) -> (String, usize) {
        (
            format!(
                "SELECT column_name FROM information_schema.columns WHERE table_name = {} AND table_schema = {}",
                literal(table),
                literal(DEFAULT_SCHEMA)
            ),
            0,
        )
    }

    /// On the maintenance database `postgres`, as sequelize-cli does.
    fn database_command(
        &self,
        connect: &ConnectOptions,
        command: DatabaseCommand,
        database: &str,
        opts: &CreateOptions,
    ) -> Option<(ConnectOptions, String)> {
        let ConnectOptions::Postgres(pg) = connect else {
            return None;
        };
        let mut maintenance = pg.clone();
        maintenance.database = "postgres".into();
        let sql = match command {
            DatabaseCommand::Create => create_database_sql(database, opts),
            DatabaseCommand::Drop => drop_database_sql(database),
        };
        Some((ConnectOptions::Postgres(maintenance), sql))
    }

    fn transaction_blocker(&self, lower: &str, squeezed: &str) -> Option<&'static str> {
        if crate::atomic::has_word(lower, "concurrently") {
            return Some("uses CREATE/DROP INDEX CONCURRENTLY");
        }
        if squeezed.contains("altertype") && squeezed.contains("addvalue") {
            return Some("uses ALTER TYPE … ADD VALUE");
        }
        None
    }

    fn tx_probe(&self) -> TxProbe {
        TxProbe::SessionMarker
    }

    /// A session advisory lock on the run's own connection, keyed by the database and the
    /// storage table, so nothing is written and the lock dies with the connection.
    fn acquire_lock(
        &self,
        _connect: &ConnectOptions,
        storage: &str,
        conn: &SharedConnection,
        timeout: Duration,
        waiting: &mut dyn FnMut(),
    ) -> Result<RunLock, CoreError> {
        let database = {
            let r = conn.borrow_mut().query("SELECT current_database()", &[])?;
            match r.rows.first().and_then(|row| row.first()) {
                Some(Value::Text(t)) => t.clone(),
                other => format!("{other:?}"),
            }
        };
        let key = advisory_key(&database, storage);
        lock::poll(timeout, waiting, || {
            let r = conn
                .borrow_mut()
                .query(&format!("SELECT pg_try_advisory_lock({key}::bigint)"), &[])?;
            let first = r.rows.first().and_then(|row| row.first());
            Ok(matches!(first, Some(Value::Bool(true)))
                || matches!(first, Some(Value::Text(t)) if t == "t" || t == "true"))
        })?;
        Ok(RunLock::held(AdvisoryLock {
            conn: conn.clone(),
            key,
        }))
    }

    fn crash_marker_place(
        &self,
        connect: &ConnectOptions,
        storage: &str,
        cwd: &Path,
    ) -> Option<(PathBuf, String)> {
        let ConnectOptions::Postgres(pg) = connect else {
            return None;
        };
        let database = format!(
            "postgres://{}:{}/{}#{storage}",
            pg.host, pg.port, pg.database
        );
        Some(super::server_marker_place(cwd, database, &pg.database))
    }

    fn schema_snapshot_queries(&self) -> &'static [&'static str] {
        &[
            "SELECT 'column ' || table_schema || '.' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || coalesce(' default ' || column_default, '') FROM information_schema.columns WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_name NOT IN ('SequelizeMeta', 'SequelizeMetaChecksums') ORDER BY table_schema, table_name, column_name",
            "SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname NOT IN ('pg_catalog', 'information_schema') AND tablename NOT IN ('SequelizeMeta', 'SequelizeMetaChecksums') ORDER BY schemaname, indexname",
            "SELECT 'constraint ' || conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE contype <> 'n' AND connamespace IN (SELECT oid FROM pg_namespace WHERE nspname NOT IN ('pg_catalog', 'information_schema')) AND conrelid::regclass::text NOT IN ('\"SequelizeMeta\"', '\"SequelizeMetaChecksums\"') ORDER BY 1",
            "SELECT 'type ' || n.nspname || '.' || t.typname || ' ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace GROUP BY n.nspname, t.typname ORDER BY 1",
            "SELECT 'schema ' || nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg_%' AND nspname <> 'information_schema' ORDER BY 1",
        ]
    }
}

/// `pg_advisory_lock(key)` held on the run's connection.
struct AdvisoryLock {
    conn: SharedConnection,
    key: i64,
}

impl HeldLock for AdvisoryLock {}

impl Drop for AdvisoryLock {
    fn drop(&mut self) {
        if let Ok(mut c) = self.conn.try_borrow_mut() {
            let _ = c.query(
                &format!("SELECT pg_advisory_unlock({}::bigint)", self.key),
                &[],
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::atomic::blocker;

    /// The statements sequelize-cli 6.6.5 logged for `db:create --encoding UTF8 --template
    /// template0 --collate C --ctype C` and `db:drop`.
    #[test]
    fn create_and_drop_sql_as_sequelize_cli() {
        let opts = CreateOptions {
            encoding: Some("UTF8".into()),
            collate: Some("C".into()),
            ctype: Some("C".into()),
            template: Some("template0".into()),
            charset: Some("utf8".into()),
        };
        assert_eq!(
            create_database_sql("newdb", &opts),
            "CREATE DATABASE \"newdb\" ENCODING = \"UTF8\" LC_COLLATE = \"C\" LC_CTYPE = \"C\" TEMPLATE = \"template0\""
        );
        assert_eq!(
            create_database_sql("newdb", &CreateOptions::default()),
            "CREATE DATABASE \"newdb\""
        );
        assert_eq!(
            drop_database_sql("newdb"),
            "DROP DATABASE IF EXISTS \"newdb\""
        );
        assert_eq!(quote("we\"ird"), "\"weird\"");
    }

    #[test]
    fn advisory_keys_differ_per_database_and_table() {
        let a = advisory_key("app", "public.SequelizeMeta");
        assert_eq!(a, advisory_key("app", "public.SequelizeMeta"));
        assert_ne!(a, advisory_key("app2", "public.SequelizeMeta"));
        assert_ne!(a, advisory_key("app", "public.SequelizeData"));
    }

    #[test]
    fn finds_what_cannot_run_in_a_postgres_transaction() {
        let pg = &PostgresBookkeeping;
        let index = "await qi.addIndex('t', ['a'], { concurrently: true });";
        assert_eq!(
            blocker(index, pg),
            Some("uses CREATE/DROP INDEX CONCURRENTLY")
        );
        assert_eq!(
            blocker("q.query(`ALTER TYPE \"enum_t_s\"\n ADD VALUE 'x'`)", pg),
            Some("uses ALTER TYPE … ADD VALUE")
        );
        assert_eq!(
            blocker("exports.transaction = false", pg),
            Some("sets exports.transaction = false")
        );
        assert_eq!(blocker("await qi.createTable('t', {})", pg), None);
    }
}
