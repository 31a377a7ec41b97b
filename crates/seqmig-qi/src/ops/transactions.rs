//! Transactions: `BEGIN DEFERRED TRANSACTION;` on SQLite, nested ones as savepoints
//! named as Sequelize names them (`<parent id>-sp-<n>`).
//!
//! Sequelize runs a transaction on a connection of its own; seqmig has one connection,
//! so statements that forget `{transaction}` run inside it instead of waiting on its lock.

use seqmig_js::OpError;
use seqmig_sql::model::{TxBegin, TxEnd};
use serde_json::{json, Value as Json};

use super::result_shapes::Shape;
use crate::ops::{parse, sql_error, Ctx, OpResult, Ops};

#[derive(Debug, Default)]
pub(crate) struct Transactions {
    next_id: u64,
    /// Open transactions, outermost first: (id, savepoint name when nested, savepoints made).
    open: Vec<(u64, Option<String>, u32)>,
    /// What a transaction's statements are logged under and its savepoints are named
    /// after: the v4 uuid the shim drew (Sequelize's transaction id), a savepoint its
    /// parent's; the op id when none was given. Both dialects' ids.
    labels: std::collections::HashMap<u64, String>,
}

impl Transactions {
    pub fn depth(&self) -> usize {
        self.open.len()
    }

    /// `Executing (<label>): …` and `SAVEPOINT "<label>-sp-<n>"`.
    pub(crate) fn label(&self, id: u64) -> String {
        self.labels
            .get(&id)
            .cloned()
            .unwrap_or_else(|| id.to_string())
    }

    /// Records the label of transaction `id`, begun by `args` (`label`) under `parent`.
    pub(crate) fn name(&mut self, id: u64, parent: Option<u64>, args: &Json) {
        let label = match parent {
            Some(p) => self.label(p),
            None => match args.get("label").and_then(Json::as_str) {
                Some(l) => l.to_string(),
                None => return,
            },
        };
        self.labels.insert(id, label);
    }
}

impl Ops {
    pub(crate) fn op_tx_begin(&mut self, ctx: Ctx, args: &Json) -> OpResult {
        let req: TxBegin = parse("tx_begin", args)?;
        self.tx.next_id += 1;
        let id = self.tx.next_id;
        let savepoint = match req.options.parent {
            Some(parent) => {
                let slot = self
                    .tx
                    .open
                    .iter_mut()
                    .find(|(pid, _, _)| *pid == parent)
                    .ok_or_else(|| {
                        OpError::new(
                            "Error",
                            format!("seqmig: parent transaction {parent} is not open"),
                        )
                    })?;
                slot.2 += 1;
                let n = slot.2;
                Some(format!("{}-sp-{n}", self.tx.label(parent)))
            }
            None => None,
        };
        self.tx.name(id, req.options.parent, args);
        let sql = self
            .sqlite
            .start_transaction(req.options.tx_type.as_deref(), savepoint.as_deref());
        let ctx = Ctx {
            tx: Some(id),
            ..ctx
        };
        self.sequelize_query(ctx, &sql, &sql, &[], Shape::RAW)?;
        // A savepoint keeps its parent's isolation level (setIsolationLevel returns early).
        if let Some(level) = req
            .options
            .isolation_level
            .as_deref()
            .filter(|_| savepoint.is_none())
        {
            let q = self.sqlite.isolation_level(level).map_err(sql_error)?;
            self.sequelize_query(ctx, &q, &q, &[], Shape::RAW)?;
        }
        self.tx.open.push((id, savepoint, 0));
        Ok(json!({"id": id}))
    }

    fn take_tx(&mut self, id: u64) -> Result<Option<String>, OpError> {
        let pos = self
            .tx
            .open
            .iter()
            .position(|(tid, _, _)| *tid == id)
            .ok_or_else(|| {
                OpError::new("Error", format!("seqmig: transaction {id} is not open"))
            })?;
        // Ending a transaction ends the savepoints opened inside it too.
        let (_, savepoint, _) = self.tx.open[pos].clone();
        self.tx.open.truncate(pos);
        Ok(savepoint)
    }

    pub(crate) fn op_tx_commit(&mut self, ctx: Ctx, args: &Json) -> OpResult {
        let req: TxEnd = parse("tx_commit", args)?;
        let savepoint = self.take_tx(req.id)?;
        if let Some(sql) = self.sqlite.commit_transaction(savepoint.as_deref()) {
            self.sequelize_query(
                Ctx {
                    tx: Some(req.id),
                    ..ctx
                },
                &sql,
                &sql,
                &[],
                Shape::RAW,
            )?;
        }
        Ok(crate::ops::undefined())
    }

    pub(crate) fn op_tx_rollback(&mut self, ctx: Ctx, args: &Json) -> OpResult {
        let req: TxEnd = parse("tx_rollback", args)?;
        let savepoint = self.take_tx(req.id)?;
        let sql = self.sqlite.rollback_transaction(savepoint.as_deref());
        self.sequelize_query(
            Ctx {
                tx: Some(req.id),
                ..ctx
            },
            &sql,
            &sql,
            &[],
            Shape::RAW,
        )?;
        Ok(crate::ops::undefined())
    }
}
