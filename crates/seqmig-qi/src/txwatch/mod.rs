//! Which transaction the run's connection is in, statement by statement.
//!
//! seqmig has one connection, where Sequelize has a pool: a transaction a migration opens
//! and never ends (a forgotten `t.commit()`, a raw `BEGIN`) would swallow every later
//! statement, and a raw `COMMIT`/`ROLLBACK` would end seqmig's own transaction
//! (`--atomic`, `--dry-run`, `db:migrate:verify`) under it. Every statement of the run's
//! connection goes through [`Watched`], which keeps the state in [`TxWatch`], so the runner
//! can say what really happened instead of assuming it.
//!
//! SQLite tells for free (`sqlite3_get_autocommit`), after every statement. PostgreSQL
//! reports the status on every reply, but the `postgres` crate does not expose it, so the
//! watch asks the server, only after a statement that could have changed it (one naming
//! BEGIN/START while no block is known, or COMMIT/END/ROLLBACK/ABORT/PREPARE while one is).
//! A block it knows is marked with a transaction-local setting, `seqmig.tx = '<nonce>'`,
//! which dies with the transaction: reading it back tells whether the same block is still
//! open, and so also catches `COMMIT; BEGIN` in one string.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use seqmig_db::{Connection, DbError, Dialect, QueryResult, Value};

/// How the transaction watch learns whether a block is open after a statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TxProbe {
    /// The driver knows after every statement (`sqlite3_get_autocommit`, MySQL's
    /// SERVER_STATUS_IN_TRANS): `Connection::in_transaction()` answers.
    DriverReports,
    /// Asked of the server, and a known block is marked with a transaction-local setting
    /// (PostgreSQL's `set_config(..., true)`).
    SessionMarker,
}

/// The transaction-local setting that marks a block the watch knows.
const MARKER: &str = "seqmig.tx";
/// PostgreSQL's "current transaction is aborted, commands ignored until end of block".
const IN_FAILED_TX: &str = "25P02";

/// A transaction block open on the connection.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// seqmig's own (`--atomic`, `--dry-run`, verify).
    pub outer: bool,
    /// PostgreSQL: the value of `seqmig.tx` in it, when it could be set.
    nonce: Option<String>,
    /// PostgreSQL: the last statement in it failed, so it is aborted (COMMIT rolls back).
    aborted: bool,
    /// The statement that opened it, as sent.
    pub sql: String,
}

impl Block {
    /// PostgreSQL: a statement failed in it, so it can only roll back.
    pub fn aborted(&self) -> bool {
        self.aborted
    }
}

/// A change of the connection's transaction state. `at` is the index, in the session's
/// list of statements, of the statement that caused it.
#[derive(Debug, Clone, PartialEq)]
pub enum TxEvent {
    Opened {
        at: usize,
        sql: String,
    },
    /// `committed`: checked as far as the database tells (`None`: it does not).
    Ended {
        at: usize,
        sql: String,
        committed: Option<bool>,
        outer: bool,
    },
}

/// Shared by the session (which lists the statements) and the connection wrapper.
pub struct TxWatch {
    /// Statements executed since the last `take_statements()`: a failed migration lists them.
    statements: RefCell<Vec<String>>,
    block: RefCell<Option<Block>>,
    /// What happened since the last `take_statements()`.
    events: RefCell<Vec<TxEvent>>,
    /// seqmig's own transaction was ended by a statement it did not send: (sql, committed).
    outer_lost: RefCell<Option<(String, Option<bool>)>>,
    /// The savepoint statement of the oldest `sequelize.transaction()` of the migration
    /// still open inside seqmig's transaction (the nesting host keeps it).
    nested_open: RefCell<Option<String>>,
    nonces: Cell<u64>,
    /// A [`Watched`] connection reports here (unit tests may use a bare one).
    watching: Cell<bool>,
    /// Called once when seqmig's own transaction is lost (the in-flight marker must stop
    /// promising that a killed run left nothing).
    on_outer_lost: RefCell<Option<Box<dyn Fn()>>>,
}

impl Default for TxWatch {
    fn default() -> Self {
        TxWatch {
            statements: RefCell::new(Vec::new()),
            block: RefCell::new(None),
            events: RefCell::new(Vec::new()),
            outer_lost: RefCell::new(None),
            nested_open: RefCell::new(None),
            nonces: Cell::new(0),
            watching: Cell::new(false),
            on_outer_lost: RefCell::new(None),
        }
    }
}

impl TxWatch {
    pub fn record_statement(&self, sql: &str) {
        self.statements.borrow_mut().push(sql.to_string());
    }

    /// The statements recorded since the last call; the events go with them.
    pub fn take_statements(&self) -> Vec<String> {
        self.events.borrow_mut().clear();
        std::mem::take(&mut *self.statements.borrow_mut())
    }

    /// The state changes since the last `take_statements()`.
    pub fn events(&self) -> Vec<TxEvent> {
        self.events.borrow().clone()
    }

    /// The block open on the connection, if any, as far as the watch knows.
    pub fn block(&self) -> Option<Block> {
        self.block.borrow().clone()
    }

    /// Whether seqmig's own transaction is still the one open.
    pub fn outer_intact(&self) -> bool {
        self.block.borrow().as_ref().is_some_and(|b| b.outer)
    }

    /// The block just opened by seqmig (`atomic::begin`) is its own.
    pub fn claim_outer(&self) {
        if let Some(b) = self.block.borrow_mut().as_mut() {
            b.outer = true;
        }
        self.events.borrow_mut().clear();
        *self.outer_lost.borrow_mut() = None;
        *self.nested_open.borrow_mut() = None;
    }

    /// Whether a [`Watched`] connection reports here.
    pub fn watching(&self) -> bool {
        self.watching.get()
    }

    /// seqmig is about to end its own transaction: its end is not a loss. Returns whether
    /// seqmig's transaction was still the one open.
    pub fn release_outer(&self) -> bool {
        match self.block.borrow_mut().as_mut() {
            Some(b) if b.outer => {
                b.outer = false;
                true
            }
            _ => false,
        }
    }

    /// seqmig's own transaction was ended by a statement it did not send: that statement
    /// and whether it committed.
    pub fn outer_lost(&self) -> Option<(String, Option<bool>)> {
        self.outer_lost.borrow().clone()
    }

    /// Run `hook` when seqmig's transaction is ended by a statement it did not send.
    pub fn on_outer_lost(&self, hook: Option<Box<dyn Fn()>>) {
        *self.on_outer_lost.borrow_mut() = hook;
    }

    pub fn set_nested_open(&self, savepoint: Option<String>) {
        *self.nested_open.borrow_mut() = savepoint;
    }

    pub fn nested_open(&self) -> Option<String> {
        self.nested_open.borrow().clone()
    }

    fn next_nonce(&self) -> String {
        let n = self.nonces.get() + 1;
        self.nonces.set(n);
        let t = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        format!("{}-{t:x}-{n}", std::process::id())
    }

    fn opened(&self, at: usize, sql: &str, nonce: Option<String>, aborted: bool) {
        *self.block.borrow_mut() = Some(Block {
            outer: false,
            nonce,
            aborted,
            sql: sql.to_string(),
        });
        self.events.borrow_mut().push(TxEvent::Opened {
            at,
            sql: sql.to_string(),
        });
    }

    fn ended(&self, at: usize, sql: &str, committed: Option<bool>) {
        let Some(b) = self.block.borrow_mut().take() else {
            return;
        };
        if b.outer {
            *self.outer_lost.borrow_mut() = Some((sql.to_string(), committed));
            if let Some(hook) = self.on_outer_lost.borrow_mut().take() {
                hook();
            }
        }
        self.events.borrow_mut().push(TxEvent::Ended {
            at,
            sql: sql.to_string(),
            committed,
            outer: b.outer,
        });
    }
}

/// The run's connection, watched.
pub struct Watched {
    inner: Box<dyn Connection>,
    watch: Rc<TxWatch>,
    probe: TxProbe,
}

impl Watched {
    /// `probe`: how this driver's transaction state is learnt (the dialect's bookkeeping says).
    pub fn new(inner: Box<dyn Connection>, watch: Rc<TxWatch>, probe: TxProbe) -> Self {
        watch.watching.set(true);
        Watched {
            inner,
            watch,
            probe,
        }
    }

    /// After `sql` ran (`ok`: without an error), bring the watch up to date.
    fn observe(&mut self, sql: &str, ok: bool) {
        let at = self.watch.statements.borrow().len();
        match self.probe {
            TxProbe::DriverReports => self.observe_driver(at, sql, ok),
            TxProbe::SessionMarker => self.observe_marker(at, sql, ok),
        }
    }

    fn observe_driver(&mut self, at: usize, sql: &str, ok: bool) {
        let Some(open) = self.inner.in_transaction() else {
            return;
        };
        let known = self.watch.block.borrow().is_some();
        match (known, open) {
            (true, false) => {
                // An error can end a transaction too (SQLite rolls back on SQLITE_FULL,
                // SQLITE_IOERR, ..., MySQL on a deadlock): it did not commit. A statement that
                // succeeded and ended the block committed it, unless it rolled back: COMMIT,
                // END, RELEASE, or on MySQL any DDL (its implicit commit).
                let word = first_words(sql).into_iter().next().unwrap_or_default();
                let committed = ok && !matches!(word.as_str(), "ROLLBACK" | "ABORT");
                self.watch.ended(at, sql, Some(committed));
            }
            (false, true) => self.watch.opened(at, sql, None, false),
            _ => {}
        }
    }

    fn observe_marker(&mut self, at: usize, sql: &str, ok: bool) {
        let block = self.watch.block();
        match block {
            None => {
                if mentions(sql, &["begin", "start"]) {
                    if let Some((nonce, aborted)) = self.probe_open() {
                        self.watch.opened(at, sql, nonce, aborted);
                    }
                }
            }
            Some(b) => {
                if !mentions(sql, &["commit", "rollback", "end", "abort", "prepare"]) {
                    // In a block, a failure aborts it and a success shows it is not.
                    if let Some(cur) = self.watch.block.borrow_mut().as_mut() {
                        cur.aborted = !ok;
                    }
                    return;
                }
                let same = match (&b.nonce, self.read_marker()) {
                    (Some(n), Marker::Value(v)) => v.as_deref() == Some(n.as_str()),
                    (None, Marker::Value(_)) => false,
                    (_, Marker::Aborted) => {
                        // A block is open and aborted. With a COMMIT/ROLLBACK in the same
                        // string it may be a new one: what the old one did is unknown.
                        if has_ending(sql) {
                            self.watch.ended(at, sql, None);
                            self.watch.opened(at, sql, None, true);
                        } else if let Some(cur) = self.watch.block.borrow_mut().as_mut() {
                            cur.aborted = true;
                        }
                        return;
                    }
                    (_, Marker::Unknown) => return,
                };
                if same {
                    if let Some(cur) = self.watch.block.borrow_mut().as_mut() {
                        cur.aborted = !ok;
                    }
                    return;
                }
                if b.nonce.is_none() {
                    // Opened aborted, so never marked: ask again whether one is open.
                    if let Some((nonce, aborted)) = self.probe_open() {
                        if let Some(cur) = self.watch.block.borrow_mut().as_mut() {
                            cur.nonce = nonce;
                            cur.aborted = aborted;
                        }
                        return;
                    }
                }
                let committed = pg_committed(sql, ok, b.aborted);
                self.watch.ended(at, sql, committed);
                if mentions(sql, &["begin", "start"]) {
                    if let Some((nonce, aborted)) = self.probe_open() {
                        self.watch.opened(at, sql, nonce, aborted);
                    }
                }
            }
        }
    }

    /// Is a block open? Sets the marker in it when so: `Some((nonce, aborted))`.
    fn probe_open(&mut self) -> Option<(Option<String>, bool)> {
        let nonce = self.watch.next_nonce();
        let set = format!("SELECT set_config('{MARKER}', '{nonce}', true)");
        match self.inner.query(&set, &[]) {
            Ok(_) => {}
            Err(e) if is_in_failed_tx(&e) => return Some((None, true)),
            Err(_) => return None,
        }
        // A setting local to an autocommit statement is gone by the next one.
        match self.read_marker() {
            Marker::Value(Some(v)) if v == nonce => Some((Some(nonce), false)),
            _ => None,
        }
    }

    fn read_marker(&mut self) -> Marker {
        let sql = format!("SELECT current_setting('{MARKER}', true)");
        match self.inner.query(&sql, &[]) {
            Ok(r) => Marker::Value(match r.rows.first().and_then(|row| row.first()) {
                Some(Value::Text(t)) if !t.is_empty() => Some(t.clone()),
                _ => None,
            }),
            Err(e) if is_in_failed_tx(&e) => Marker::Aborted,
            Err(_) => Marker::Unknown,
        }
    }
}

enum Marker {
    Value(Option<String>),
    Aborted,
    Unknown,
}

fn is_in_failed_tx(e: &DbError) -> bool {
    e.code.as_deref() == Some(IN_FAILED_TX)
}

impl Connection for Watched {
    fn dialect(&self) -> Dialect {
        self.inner.dialect()
    }

    fn query(&mut self, sql: &str, params: &[Value]) -> Result<QueryResult, DbError> {
        let r = self.inner.query(sql, params);
        self.observe(sql, r.is_ok());
        r
    }

    fn execute_batch(&mut self, sql: &str) -> Result<(), DbError> {
        let r = self.inner.execute_batch(sql);
        self.observe(sql, r.is_ok());
        r
    }

    fn begin_fast_run(&mut self) -> Result<(), DbError> {
        self.inner.begin_fast_run()
    }

    fn end_fast_run(&mut self) -> Result<(), DbError> {
        self.inner.end_fast_run()
    }

    fn in_transaction(&self) -> Option<bool> {
        self.inner.in_transaction()
    }
}

/// Whether `sql` names one of `words` (lowercase) as a whole word, anywhere: a superset of
/// the statements that can open or end a block, since a keyword is always a whole token.
fn mentions(sql: &str, words: &[&str]) -> bool {
    let lower = sql.to_ascii_lowercase();
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$';
    words.iter().any(|w| {
        lower.match_indices(w).any(|(i, _)| {
            let before = lower[..i].chars().next_back();
            let after = lower[i + w.len()..].chars().next();
            !before.is_some_and(ident) && !after.is_some_and(ident)
        })
    })
}

/// Whether one of the statements of `sql` ends a block.
fn has_ending(sql: &str) -> bool {
    ending_word(sql).is_some()
}

/// The first statement of `sql` that ends a block: its leading keyword.
fn ending_word(sql: &str) -> Option<String> {
    statements(sql).into_iter().find_map(|words| {
        let w = words.first()?.as_str();
        let second = words.get(1).map(String::as_str);
        match (w, second) {
            ("ROLLBACK", Some("TO" | "PREPARED")) | ("COMMIT", Some("PREPARED")) => None,
            ("COMMIT" | "END" | "ROLLBACK" | "ABORT", _) => Some(w.to_string()),
            ("PREPARE", Some("TRANSACTION")) => Some("PREPARE".to_string()),
            _ => None,
        }
    })
}

/// How a statement that ended a PostgreSQL block ended it. A COMMIT of an aborted block
/// rolls it back; a COMMIT that fails (a deferred constraint) rolls it back too.
fn pg_committed(sql: &str, ok: bool, aborted_before: bool) -> Option<bool> {
    let single = statements(sql).len() <= 1;
    match ending_word(sql).as_deref() {
        Some("ROLLBACK" | "ABORT") => Some(false),
        Some("COMMIT" | "END") if aborted_before => Some(false),
        Some("COMMIT" | "END") if ok => Some(true),
        Some("COMMIT" | "END") if single => Some(false),
        _ => None,
    }
}

/// The leading keyword of each statement of `sql`, uppercase.
pub(crate) fn first_words(sql: &str) -> Vec<String> {
    statements(sql)
        .into_iter()
        .filter_map(|w| w.into_iter().next())
        .collect()
}

/// Each `;`-separated statement's first two words (uppercase), skipping strings,
/// quoted identifiers, dollar quotes and comments. For wording only: the decisions above
/// rest on the database's answer.
fn statements(sql: &str) -> Vec<Vec<String>> {
    let b = sql.as_bytes();
    let mut out: Vec<Vec<String>> = vec![Vec::new()];
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match c {
            b'\'' | b'"' | b'`' => {
                i += 1;
                while i < b.len() && b[i] != c {
                    i += 1;
                }
                i += 1;
            }
            b'-' if b.get(i + 1) == Some(&b'-') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < b.len() && !(b[i] == b'*' && b[i + 1] == b'/') {
                    i += 1;
                }
                i += 2;
            }
            b'$' => {
                let tag_end = sql[i + 1..]
                    .find(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '_'))
                    .map(|n| i + 1 + n);
                match tag_end {
                    Some(e) if b[e] == b'$' => {
                        let tag = &sql[i..=e];
                        i = match sql[e + 1..].find(tag) {
                            Some(n) => e + 1 + n + tag.len(),
                            None => b.len(),
                        };
                    }
                    _ => i += 1,
                }
            }
            b';' => {
                out.push(Vec::new());
                i += 1;
            }
            c if c.is_ascii_alphabetic() => {
                let start = i;
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                    i += 1;
                }
                let words = out.last_mut().expect("never empty");
                if words.len() < 2 {
                    words.push(sql[start..i].to_ascii_uppercase());
                }
            }
            _ => i += 1,
        }
    }
    out.retain(|w| !w.is_empty());
    out
}

#[cfg(test)]
mod tests;
