//! The state one run shares between the migrator and the native ops: the dialect, the
//! connection (opened after the config is read), and what the ops record as they go.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use seqmig_db::{Dialect, SharedConnection};

use crate::txwatch::TxWatch;

/// Shared by the runner (storage, planning) and the ops (queryInterface, query).
pub struct Session {
    dialect: Cell<Dialect>,
    conn: RefCell<Option<SharedConnection>>,
    /// Print every statement as Sequelize's `logging: console.log` would (`--debug`).
    pub log_sql: Cell<bool>,
    /// The statements executed since the last `take_statements()` (a failed migration
    /// lists them) and the connection's transaction state.
    watch: Rc<TxWatch>,
    /// seqmig holds a transaction of its own (`--atomic`, `--dry-run`): the ops must nest
    /// a migration's `sequelize.transaction()` in it as a savepoint, and treat statements
    /// as running inside a transaction.
    outer_tx: Cell<bool>,
    /// The config's `dialectOptions`, for what a dialect shapes by them (mysql2's number
    /// options).
    dialect_options: RefCell<serde_json::Map<String, serde_json::Value>>,
    /// The config's `schema` (Sequelize's `options.schema`): where the postgres generator
    /// puts a table given without one (`extractTableDetails`, `showTablesQuery`).
    default_schema: RefCell<Option<String>>,
}

impl Session {
    pub fn new(dialect: Dialect) -> Self {
        Session {
            dialect: Cell::new(dialect),
            conn: RefCell::new(None),
            log_sql: Cell::new(false),
            watch: Rc::new(TxWatch::default()),
            outer_tx: Cell::new(false),
            dialect_options: RefCell::new(serde_json::Map::new()),
            default_schema: RefCell::new(None),
        }
    }

    /// The config's `dialectOptions` (empty when it has none).
    pub fn dialect_options(&self) -> serde_json::Map<String, serde_json::Value> {
        self.dialect_options.borrow().clone()
    }

    pub fn set_dialect_options(&self, options: serde_json::Map<String, serde_json::Value>) {
        *self.dialect_options.borrow_mut() = options;
    }

    pub fn dialect(&self) -> Dialect {
        self.dialect.get()
    }

    /// Attach the run's connection (and its dialect).
    pub fn set_connection(&self, dialect: Dialect, conn: SharedConnection) {
        self.dialect.set(dialect);
        *self.conn.borrow_mut() = Some(conn);
    }

    /// The run's connection, or `None` while the config is still being read.
    pub fn connection(&self) -> Option<SharedConnection> {
        self.conn.borrow().clone()
    }

    /// Remember a statement that reached the database.
    pub fn record_statement(&self, sql: &str) {
        self.watch.record_statement(sql);
    }

    /// The statements recorded since the last call (and the transaction events with them).
    pub fn take_statements(&self) -> Vec<String> {
        self.watch.take_statements()
    }

    /// The run connection's transaction state.
    pub fn watch(&self) -> &Rc<TxWatch> {
        &self.watch
    }

    /// The config's `schema` option, if any.
    pub fn default_schema(&self) -> Option<String> {
        self.default_schema.borrow().clone()
    }

    pub fn set_default_schema(&self, schema: Option<String>) {
        *self.default_schema.borrow_mut() = schema;
    }

    /// Whether seqmig's own transaction is open on the connection.
    pub fn in_outer_transaction(&self) -> bool {
        self.outer_tx.get()
    }

    pub fn set_outer_transaction(&self, open: bool) {
        self.outer_tx.set(open);
    }
}

/// A run that changes the database, with commits that do not wait for the disk
/// ([`seqmig_db::Connection::begin_fast_run`]). Dropped on every way out of the command,
/// before the run lock is released: the run's work is then durable and the database's
/// settings as they were (SQLite: a rollback-journal file again).
pub struct FastRun {
    conn: SharedConnection,
}

impl FastRun {
    /// Also restores what a killed run left (SQLite: its WAL mode), under the run lock.
    /// A database that cannot be switched runs as it is: the speed is not worth a failure.
    pub fn begin(conn: &SharedConnection) -> FastRun {
        let _ = conn.borrow_mut().begin_fast_run();
        FastRun { conn: conn.clone() }
    }
}

impl Drop for FastRun {
    fn drop(&mut self) {
        let Ok(mut conn) = self.conn.try_borrow_mut() else {
            return;
        };
        if let Err(e) = conn.end_fast_run() {
            crate::console::stderr_line(&format!(
                "seqmig: warning: at the end of the run: {}",
                e.message
            ));
        }
    }
}
