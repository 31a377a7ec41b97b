//! What the migrator asks of a database, behind one trait per dialect (as sqlx's
//! `Migrate` and refinery's `Transaction`): the meta table's statements, the checksum side
//! table, the run lock, seqmig's own transaction and the probe that follows it, the schema
//! snapshot of `db:migrate:verify`, `db:create`/`db:drop` and the table listing of
//! `db:migrate:schema:timestamps:add`. The algorithm (plan, run, record, atomic, verify)
//! is written once over it, in the modules that use it.
//!
//! Identifiers are quoted by the dialect's query generator (seqmig-sql), as Sequelize's
//! own statements are; a dialect's file only holds the SQL text that differs.
//!
//! A new dialect is one file here plus one entry in [`DIALECTS`].

mod mysql;
mod mysql_scratch;
mod postgres;
mod sqlite;

use std::path::{Path, PathBuf};
use std::time::Duration;

use seqmig_db::{ConnectOptions, Dialect, SharedConnection, Value};
use seqmig_sql::abstract_gen::QueryGenerator;
use seqmig_sql::Table;

use crate::database::{CreateOptions, DatabaseCommand};
use crate::error::CoreError;
use crate::lock::RunLock;

pub use mysql::{MysqlBookkeeping, MARIADB, MYSQL};
pub use mysql_scratch::{ScratchCopy, PREFIX as SCRATCH_PREFIX};
pub use postgres::PostgresBookkeeping;
pub use sqlite::SqliteBookkeeping;

/// Every dialect seqmig runs on: the one place that knows them all.
static DIALECTS: &[&dyn Bookkeeping] =
    &[&SqliteBookkeeping, &PostgresBookkeeping, &MYSQL, &MARIADB];

/// The bookkeeping of a dialect.
pub fn of(dialect: Dialect) -> &'static dyn Bookkeeping {
    *DIALECTS
        .iter()
        .find(|b| b.dialect() == dialect)
        .expect("every Dialect has an entry in DIALECTS")
}

/// The dialect a config's `dialect` names (`postgresql` is an alias Sequelize accepts).
pub fn by_name(name: &str) -> Option<Dialect> {
    DIALECTS
        .iter()
        .find(|b| b.names().contains(&name))
        .map(|b| b.dialect())
}

/// Where the crash marker of a run on `connect` goes, and how it names the database
/// (`None`: the database dies with the process). Each dialect answers only for its own
/// connect options.
pub fn crash_marker_place(
    connect: &ConnectOptions,
    storage: &str,
    cwd: &Path,
) -> Option<(std::path::PathBuf, String)> {
    DIALECTS
        .iter()
        .find_map(|b| b.crash_marker_place(connect, storage, cwd))
}

/// The dialect a session starts with before a config names one: nothing is sent before
/// the connection fixes it.
pub fn provisional_dialect() -> Dialect {
    DIALECTS[0].dialect()
}

pub use seqmig_qi::txwatch::TxProbe;

/// A lock held until dropped: its `Drop` releases it.
pub trait HeldLock {}

pub trait Bookkeeping: Sync {
    fn dialect(&self) -> Dialect;

    /// The names a config's `dialect` may give it.
    fn names(&self) -> &'static [&'static str];

    /// The generator whose quoting every statement here uses (a fresh one: generators
    /// collect warnings, so none is shared).
    fn generator(&self) -> Box<dyn QueryGenerator>;

    /// The schema a bookkeeping table lives in, when not the dialect's default (`None`
    /// also where the dialect has no schemas).
    fn schema_of(&self, schema: Option<&str>) -> Option<String>;

    /// Whether DDL runs inside a transaction and rolls back with it. `--atomic` depends on
    /// it; without it `--dry-run` and `db:migrate:verify` need [`Bookkeeping::scratch_copy`].
    fn transactional_ddl(&self) -> bool {
        true
    }

    // The meta table (umzug's SequelizeStorage, as `Model.sync()` creates it).

    /// `CREATE TABLE IF NOT EXISTS` of the meta table, `table` quoted; with `createdAt`
    /// and `updatedAt` when `timestamps`.
    fn create_meta_table(&self, table: &str, timestamps: bool) -> String;

    /// `CREATE SCHEMA` that must run before the meta table is created in `schema`.
    fn create_schema(&self, _schema: &str) -> Option<String> {
        None
    }

    /// The query `Model.sync()` describes the meta table with: one row per column, the
    /// column's name in a column called `name`.
    fn sync_columns_query(&self, quoted: &str, table: &Table) -> (String, Vec<Value>);

    /// The `n`th (1-based) bind parameter of the dialect's driver: `$n`, or mysql's `?`.
    fn placeholder(&self, n: usize) -> String {
        format!("${n}")
    }

    /// Now as Sequelize writes a DATE value for this dialect (the meta table's
    /// `createdAt` / `updatedAt`): `2024-01-05 09:00:00.000 +00:00` by default.
    fn timestamp_now(&self) -> String {
        crate::storage::sequelize_now()
    }

    /// The `RETURNING` clause Sequelize appends to an INSERT (`cols` quoted), or nothing.
    fn returning(&self, _cols: &str) -> String {
        String::new()
    }

    /// Whether a table named `table` exists in `schema` (`None`: the default).
    fn table_exists_query(&self, table: &str, schema: Option<&str>) -> (String, Vec<Value>);

    // `db:migrate:schema:timestamps:add`, as sequelize-cli runs it.

    /// `showAllTables`: the first column of each row names a table.
    fn show_all_tables_query(&self) -> String;

    /// `describeTable` of `table`: the query, and the index of the column naming a column.
    fn describe_table_query(&self, table: &str) -> (String, usize);

    /// `db:create` / `db:drop`: where to connect and what to send; `None` when the dialect
    /// has no such command (sequelize-cli refuses it).
    fn database_command(
        &self,
        connect: &ConnectOptions,
        command: DatabaseCommand,
        database: &str,
        opts: &CreateOptions,
    ) -> Option<(ConnectOptions, String)>;

    // seqmig's own transaction (`--atomic`, `--dry-run`, verify).

    /// The statement that opens it.
    fn begin_outer(&self) -> &'static str {
        "BEGIN"
    }

    /// What in a migration's source, besides what every dialect refuses, keeps it out of a
    /// transaction, as a phrase ("uses VACUUM"); `lower` is the source in lowercase and
    /// `squeezed` the same without whitespace.
    fn transaction_blocker(&self, lower: &str, squeezed: &str) -> Option<&'static str>;

    fn savepoint(&self, name: &str) -> String {
        format!("SAVEPOINT {};", self.generator().quote_identifier(name))
    }

    fn rollback_to_savepoint(&self, name: &str) -> String {
        format!(
            "ROLLBACK TO SAVEPOINT {};",
            self.generator().quote_identifier(name)
        )
    }

    fn tx_probe(&self) -> TxProbe;

    // The run lock.

    /// Take the lock of the database `connect` names and of the meta table `storage`
    /// (`schema.table`) on `conn`, polling until `timeout` (see [`crate::lock::poll`]).
    fn acquire_lock(
        &self,
        connect: &ConnectOptions,
        storage: &str,
        conn: &SharedConnection,
        timeout: Duration,
        waiting: &mut dyn FnMut(),
    ) -> Result<RunLock, CoreError>;

    /// Where the crash marker of a run on `connect` goes (`None`: the database dies with
    /// the process, or `connect` is another dialect's), and how it names the database;
    /// `storage` names the meta table.
    fn crash_marker_place(
        &self,
        connect: &ConnectOptions,
        storage: &str,
        cwd: &Path,
    ) -> Option<(std::path::PathBuf, String)>;

    /// Where `--dry-run` and `db:migrate:verify` (`what`) run when DDL does not roll back:
    /// a scratch copy of the database, made on `conn` and in use there until dropped.
    /// `None`: the dialect has transactional DDL, and they run in a rolled-back transaction.
    fn scratch_copy(
        &self,
        _conn: &SharedConnection,
        _what: &str,
    ) -> Option<Result<ScratchCopy, CoreError>> {
        None
    }

    /// `db:migrate:verify`'s snapshot: queries whose rows (one text column) describe the
    /// schema, bookkeeping tables aside.
    fn schema_snapshot_queries(&self) -> &'static [&'static str];
}

/// The crash marker of a server database: `<cwd>/.seqmig-inflight-<name>-<8 hex>.json`, the
/// hex hashing `database` (the dialect's label of server, database and storage table, never
/// a user or password), `name` the database's name with anything but `[A-Za-z0-9_-]` as `_`;
/// with the label, which the marker records.
fn server_marker_place(cwd: &Path, database: String, name: &str) -> (PathBuf, String) {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(database.as_bytes());
    let hex: String = digest[..4].iter().map(|b| format!("{b:02x}")).collect();
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    (
        cwd.join(format!(".seqmig-inflight-{safe}-{hex}.json")),
        database,
    )
}

/// A table, quoted by `bk`'s generator, in `schema` as `schema_of` keeps it.
pub fn quoted_table(bk: &dyn Bookkeeping, table: &str, schema: Option<&str>) -> String {
    let mut t = Table::new(table);
    t.schema = bk.schema_of(schema);
    bk.generator().quote_table(&t)
}
