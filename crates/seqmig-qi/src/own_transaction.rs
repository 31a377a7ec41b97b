//! The ops as the runtime sees them while seqmig holds a transaction of its own
//! (`--atomic`, `--dry-run`). A migration's `sequelize.transaction()` would send `BEGIN`
//! inside it (an error on SQLite, and on PostgreSQL its `COMMIT` would end seqmig's
//! transaction early), so here it becomes a savepoint, as Sequelize does for a
//! transaction with a parent. A SQLite table rebuild cannot turn foreign keys off inside
//! a transaction either, so it runs with the checks deferred, and is refused when dropping
//! the table would cascade into rows of another table.
//!
//! Outside seqmig's transaction every op goes to [`Ops`] untouched.

use std::rc::Rc;

use seqmig_db::Value;
use seqmig_js::{Host, OpError};
use serde_json::{json, Value as Json};

use crate::ops::{sqlite_error, Ops};
use crate::session::Session;

/// Ids far above the ops' own, so the two never meet.
const FIRST_ID: u64 = 1 << 40;

/// The ops that rebuild a SQLite table (and so drop it).
const REBUILDS: [&str; 5] = [
    "qi_change_column",
    "qi_remove_column",
    "qi_rename_column",
    "qi_add_constraint",
    "qi_remove_constraint",
];

pub struct NestingHost {
    inner: Ops,
    session: Rc<Session>,
    next_id: u64,
    /// Savepoints opened for the migration's transactions, outermost first: (id, name).
    open: Vec<(u64, String)>,
}

impl NestingHost {
    pub fn new(inner: Ops, session: Rc<Session>) -> Self {
        NestingHost {
            inner,
            session,
            next_id: FIRST_ID,
            open: Vec::new(),
        }
    }

    /// Run one statement of the migration's transaction: logged and recorded as the ops do.
    fn exec(&self, id: u64, sql: &str) -> Result<Vec<Vec<Value>>, OpError> {
        let conn = self
            .session
            .connection()
            .ok_or_else(|| OpError::new("Error", "seqmig: no database connection yet"))?;
        if self.session.log_sql.get() {
            crate::console::stdout_line(&format!("Executing ({id}): {sql}"));
        }
        self.session.record_statement(sql);
        let r = conn.borrow_mut().query(sql, &[]);
        r.map(|r| r.rows)
            .map_err(|e| sqlite_error(&e, sql, json!({})))
    }

    fn quote(&self, name: &str) -> String {
        self.inner.quote_ident(name)
    }

    fn begin(&mut self) -> Result<Json, OpError> {
        self.next_id += 1;
        let id = self.next_id;
        let name = format!("seqmig-{id}");
        let sql = format!("SAVEPOINT {};", self.quote(&name));
        self.exec(id, &sql)?;
        self.open.push((id, name));
        if self.open.len() == 1 {
            self.session.watch().set_nested_open(Some(sql));
        }
        Ok(json!({ "id": id }))
    }

    fn end(&mut self, id: u64, commit: bool) -> Result<Json, OpError> {
        let pos = self
            .open
            .iter()
            .position(|(t, _)| *t == id)
            .ok_or_else(|| {
                OpError::new("Error", format!("seqmig: transaction {id} is not open"))
            })?;
        let name = self.open[pos].1.clone();
        self.open.truncate(pos);
        if self.open.is_empty() {
            self.session.watch().set_nested_open(None);
        }
        let quoted = self.quote(&name);
        if !commit {
            self.exec(id, &format!("ROLLBACK TO SAVEPOINT {quoted};"))?;
        }
        self.exec(id, &format!("RELEASE SAVEPOINT {quoted};"))?;
        Ok(Json::Null)
    }

    /// What the ops' own rebuild does inside a transaction: defer the foreign-key checks
    /// (rows come back before the end), but refuse when the drop would cascade.
    fn guard_rebuild(&self, args: &Json) -> Result<(), OpError> {
        let Some(table) = args
            .get("table")
            .and_then(|t| t.get("tableName").or(Some(t)))
            .and_then(Json::as_str)
        else {
            return Ok(());
        };
        let q = |sql: &str| -> Result<Vec<Vec<Value>>, OpError> {
            let conn = self
                .session
                .connection()
                .ok_or_else(|| OpError::new("Error", "seqmig: no database connection yet"))?;
            let r = conn.borrow_mut().query(sql, &[]);
            r.map(|r| r.rows)
                .map_err(|e| sqlite_error(&e, sql, json!({})))
        };
        let text = |v: Option<&Value>| match v {
            Some(Value::Text(t)) => t.clone(),
            _ => String::new(),
        };
        let children =
            q("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")?;
        for child in children.iter().map(|r| text(r.first())) {
            let quoted = child.replace('`', "``");
            // foreign_key_list: id, seq, table, from, to, on_update, on_delete, match
            for fk in q(&format!("PRAGMA foreign_key_list(`{quoted}`)"))? {
                let action = text(fk.get(6));
                if text(fk.get(2)) == table
                    && matches!(action.as_str(), "CASCADE" | "SET NULL" | "SET DEFAULT")
                    && !q(&format!("SELECT 1 FROM `{quoted}` LIMIT 1"))?.is_empty()
                {
                    return Err(OpError::new(
                        "Error",
                        format!(
                            "seqmig: refusing to rebuild table `{table}` inside seqmig's transaction: dropping it would apply ON DELETE {action} to the rows of `{child}`. Run this migration without --atomic, or mark it `module.exports.transaction = false`."
                        ),
                    ));
                }
            }
        }
        q("PRAGMA defer_foreign_keys = ON")?;
        Ok(())
    }
}

impl Host for NestingHost {
    fn op(&mut self, name: &str, args: Json) -> Result<Json, OpError> {
        if !self.session.in_outer_transaction() {
            if !self.open.is_empty() {
                self.open.clear();
                self.session.watch().set_nested_open(None);
            }
            return self.inner.op(name, args);
        }
        // A `new Sequelize(...)` of another database: seqmig's transaction is not on it.
        if args.get("connection").and_then(Json::as_u64).unwrap_or(0) != 0 {
            return self.inner.op(name, args);
        }
        let id = args.get("id").and_then(Json::as_u64);
        let ours = |id: Option<u64>| id.is_some_and(|i| i >= FIRST_ID);
        match name {
            "tx_begin" => {
                let parent = args
                    .get("options")
                    .and_then(|o| o.get("parent"))
                    .and_then(Json::as_u64);
                if parent.is_none() || ours(parent) {
                    return self.begin();
                }
            }
            "tx_commit" if ours(id) => return self.end(id.expect("ours"), true),
            "tx_rollback" if ours(id) => return self.end(id.expect("ours"), false),
            n if REBUILDS.contains(&n) && self.inner.rebuilds_tables() => {
                self.guard_rebuild(&args)?;
            }
            _ => {}
        }
        self.inner.op(name, args)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use seqmig_db::Dialect;
    use std::cell::RefCell;

    fn host(dir: &std::path::Path) -> (NestingHost, Rc<Session>) {
        let opts = seqmig_db::ConnectOptions::Sqlite {
            storage: dir.join("db.sqlite"),
        };
        let conn = Rc::new(RefCell::new(seqmig_db::connect(&opts).unwrap()));
        let session = Rc::new(Session::new(Dialect::Sqlite));
        session.set_connection(Dialect::Sqlite, conn);
        (
            NestingHost::new(
                Ops::new(session.clone(), crate::ops::no_other_connections),
                session.clone(),
            ),
            session,
        )
    }

    /// What the migrator's `atomic::begin` does on SQLite: seqmig's own transaction.
    fn begin_own(session: &Session) {
        let conn = session.connection().unwrap();
        conn.borrow_mut().query("BEGIN IMMEDIATE", &[]).unwrap();
        session.watch().claim_outer();
        session.set_outer_transaction(true);
    }

    fn end_own(session: &Session, sql: &str) {
        session.set_outer_transaction(false);
        session.watch().release_outer();
        session
            .connection()
            .unwrap()
            .borrow_mut()
            .query(sql, &[])
            .unwrap();
    }

    fn count(session: &Session, sql: &str) -> i64 {
        let r = session
            .connection()
            .unwrap()
            .borrow_mut()
            .query(sql, &[])
            .unwrap();
        match r.rows[0][0] {
            Value::Int(i) => i,
            ref other => panic!("{other:?}"),
        }
    }

    fn query(h: &mut NestingHost, sql: &str, tx: Option<u64>) -> Result<Json, OpError> {
        h.op(
            "query",
            json!({"sql": sql, "options": {"type": "RAW", "raw": true}, "transaction": tx}),
        )
    }

    #[test]
    fn a_migration_transaction_becomes_a_savepoint_inside_seqmigs() {
        let dir = tempfile::tempdir().unwrap();
        let (mut h, session) = host(dir.path());
        begin_own(&session);
        let t = h
            .op("tx_begin", json!({"options": {"type": "DEFERRED"}}))
            .unwrap()["id"]
            .as_u64()
            .unwrap();
        query(&mut h, "CREATE TABLE kept (a)", Some(t)).unwrap();
        h.op("tx_commit", json!({"id": t})).unwrap();
        let t2 = h.op("tx_begin", json!({"options": {}})).unwrap()["id"]
            .as_u64()
            .unwrap();
        let nested = h
            .op("tx_begin", json!({"options": {"parent": t2}}))
            .unwrap()["id"]
            .as_u64()
            .unwrap();
        query(&mut h, "CREATE TABLE dropped (a)", Some(nested)).unwrap();
        h.op("tx_rollback", json!({"id": t2})).unwrap();
        assert_eq!(
            count(
                &session,
                "SELECT count(*) FROM sqlite_master WHERE name = 'dropped'"
            ),
            0
        );
        end_own(&session, "COMMIT");
        assert_eq!(
            count(
                &session,
                "SELECT count(*) FROM sqlite_master WHERE name = 'kept'"
            ),
            1
        );
        let recorded = session.take_statements();
        assert!(
            recorded.iter().any(|s| s.starts_with("SAVEPOINT `seqmig-")),
            "{recorded:?}"
        );
        // Outside seqmig's transaction the ops' own BEGIN is used again.
        let t3 = h
            .op("tx_begin", json!({"options": {"type": "DEFERRED"}}))
            .unwrap()["id"]
            .as_u64()
            .unwrap();
        assert!(t3 < FIRST_ID);
        h.op("tx_commit", json!({"id": t3})).unwrap();
    }

    #[test]
    fn a_cascading_rebuild_is_refused_inside_seqmigs_transaction() {
        let dir = tempfile::tempdir().unwrap();
        let (mut h, session) = host(dir.path());
        let conn = session.connection().unwrap();
        conn.borrow_mut()
            .execute_batch("CREATE TABLE p (id INTEGER PRIMARY KEY, n TEXT); CREATE TABLE c (id INTEGER PRIMARY KEY, pid INTEGER REFERENCES p (id) ON DELETE CASCADE); INSERT INTO p VALUES (1, 'a'); INSERT INTO c VALUES (1, 1);")
            .unwrap();
        begin_own(&session);
        let err = h
            .op(
                "qi_remove_column",
                json!({"table": {"tableName": "p"}, "column": "n"}),
            )
            .unwrap_err();
        assert!(
            err.message.contains("refusing to rebuild table `p`"),
            "{}",
            err.message
        );
        end_own(&session, "ROLLBACK");
        assert_eq!(count(&session, "SELECT count(*) FROM c"), 1);
    }
}
