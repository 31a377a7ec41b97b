//! Transactions: `BEGIN DEFERRED TRANSACTION;` on SQLite, nested ones as savepoints
//! named as Sequelize names them (`<parent id>-sp-<n>`).
//!
//! Sequelize runs a transaction on a connection of its own; seqmig has one connection,
//! so statements that forget `{transaction}` run inside it instead of waiting on its lock.

use seqmig_js::OpError;
use seqmig_sql::model::{TxBegin, TxEnd};
use serde_json::{json, Value as Json};

use super::query::Shape;
use super::{parse, sql_error, Ctx, OpResult, Ops};

#[derive(Debug, Default)]
pub(crate) struct Transactions {
    next_id: u64,
    /// Open transactions, outermost first: (id, savepoint name when nested, savepoints made).
    open: Vec<(u64, Option<String>, u32)>,
}

impl Transactions {
    pub fn depth(&self) -> usize {
        self.open.len()
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
                Some(format!("{parent}-sp-{}", slot.2))
            }
            None => None,
        };
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
        Ok(super::undefined())
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
        Ok(super::undefined())
    }
}
