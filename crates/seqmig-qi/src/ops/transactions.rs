//! Transactions, one stack for every dialect: `BEGIN` as the dialect writes it, nested
//! ones as savepoints named as Sequelize names them (`<parent id>-sp-<n>`).
//!
//! Sequelize runs a transaction on a connection of its own; seqmig has one connection,
//! so statements that forget `{transaction}` run inside it instead of waiting on its lock.

use seqmig_js::OpError;
use seqmig_sql::model::{TxBegin, TxEnd};
use serde_json::{json, Value as Json};

use crate::ops::{parse, sql_error, Ctx, OpResult, Ops, Shape};

#[derive(Debug, Default)]
pub(crate) struct Transactions {
    next_id: u64,
    /// Open transactions, outermost first: (id, savepoint name when nested, savepoints made).
    open: Vec<(u64, Option<String>, u32)>,
    /// What a transaction's statements are logged under and its savepoints are named
    /// after: the v4 uuid the shim drew (Sequelize's transaction id), a savepoint its
    /// parent's; the op id when none was given.
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
    fn name(&mut self, id: u64, parent: Option<u64>, args: &Json) {
        let label = match parent {
            Some(p) => self.label(p),
            None => match args.get("label").and_then(Json::as_str) {
                Some(l) => l.to_string(),
                None => return,
            },
        };
        self.labels.insert(id, label);
    }

    /// A new transaction's id, and the savepoint that stands for it under a parent.
    fn begin(
        &mut self,
        parent: Option<u64>,
        args: &Json,
    ) -> Result<(u64, Option<String>), OpError> {
        self.next_id += 1;
        let id = self.next_id;
        let savepoint = match parent {
            Some(parent) => {
                let slot = self
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
                Some(format!("{}-sp-{n}", self.label(parent)))
            }
            None => None,
        };
        self.name(id, parent, args);
        Ok((id, savepoint))
    }

    /// Ends `id` and the savepoints opened inside it; its savepoint name when nested.
    fn end(&mut self, id: u64) -> Result<Option<String>, OpError> {
        let pos = self
            .open
            .iter()
            .position(|(tid, _, _)| *tid == id)
            .ok_or_else(|| {
                OpError::new("Error", format!("seqmig: transaction {id} is not open"))
            })?;
        let (_, savepoint, _) = self.open[pos].clone();
        self.open.truncate(pos);
        Ok(savepoint)
    }
}

impl Ops {
    pub(crate) fn op_tx_begin(&mut self, ctx: Ctx, args: &Json) -> OpResult {
        let req: TxBegin = parse("tx_begin", args)?;
        let (id, savepoint) = self.tx.begin(req.options.parent, args)?;
        let ctx = Ctx {
            tx: Some(id),
            ..ctx
        };
        let gen = self.over().statements(self);
        // Sequelize sets the isolation level right after BEGIN, in it (mysql: just before,
        // for the next transaction); a savepoint keeps its parent's (setIsolationLevel
        // returns early).
        let isolation = match (req.options.isolation_level.as_deref(), &savepoint) {
            (Some(level), None) => Some(gen.set_isolation_level_query(level).map_err(sql_error)?),
            _ => None,
        };
        let before = gen.isolation_level_before_begin();
        if let (Some(q), true) = (&isolation, before) {
            self.query(ctx, q, &[], Shape::RAW)?;
        }
        let sql = gen.start_transaction_query(&req.options, savepoint.as_deref());
        self.query(ctx, &sql, &[], Shape::RAW)?;
        if let (Some(q), false) = (&isolation, before) {
            self.query(ctx, q, &[], Shape::RAW)?;
        }
        if let Some(d) = args.pointer("/options/deferrable").and_then(Json::as_str) {
            if let Some(q) = gen.defer_constraints_query(d) {
                self.query(ctx, &q, &[], Shape::RAW)?;
            }
        }
        self.tx.open.push((id, savepoint, 0));
        Ok(json!({ "id": id }))
    }

    /// `commit()` / `rollback()`: a savepoint commits with nothing to send.
    pub(crate) fn op_tx_end(&mut self, ctx: Ctx, args: &Json, commit: bool) -> OpResult {
        let req: TxEnd = parse(if commit { "tx_commit" } else { "tx_rollback" }, args)?;
        let savepoint = self.tx.end(req.id)?;
        let ctx = Ctx {
            tx: Some(req.id),
            ..ctx
        };
        let gen = self.over().statements(self);
        let sql = if commit {
            gen.commit_transaction_query(savepoint.as_deref())
        } else {
            Some(gen.rollback_transaction_query(savepoint.as_deref()))
        };
        if let Some(sql) = sql {
            self.query(ctx, &sql, &[], Shape::RAW)?;
        }
        Ok(self.over().no_result())
    }
}
