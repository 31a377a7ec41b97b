//! upsert as node-sqlite3 answers it (bulkUpdate and bulkDelete are written once, in
//! `ops/query_interface.rs`).

use seqmig_sql::model::Insert;
use serde_json::{json, Value as Json};

use crate::ops::Shape;
use crate::ops::{parse, sql_error, Ctx, OpResult, Ops};

impl Ops {
    /// `queryInterface.upsert`: insertQuery with ON CONFLICT, `[result, null]`. The
    /// result is node-sqlite3's lastID, or, when the model's primary key is its
    /// autoIncrement attribute (`autoIncrementField`), one `{field: id}` per changed row
    /// counted back from lastID, as Sequelize's sqlite query does.
    pub(crate) fn op_upsert(&mut self, ctx: Ctx, args: &Json) -> OpResult {
        let req: Insert = parse("qi_upsert", args)?;
        let bound = self.sqlite().insert(&req).map_err(sql_error)?;
        let out = self.sequelize_query(
            ctx,
            &bound.sql,
            &bound.sql,
            &bound.bind,
            Shape::of("INSERT"),
        )?;
        let last = out.get(0).and_then(Json::as_i64).unwrap_or(0);
        let changes = out.get(1).and_then(Json::as_i64).unwrap_or(0);
        let result = match args.get("autoIncrementField").and_then(Json::as_str) {
            Some(field) => Json::Array(
                (last - changes + 1..=last)
                    .map(|id| json!({ field: id }))
                    .collect(),
            ),
            None => json!(last),
        };
        Ok(json!([result, null]))
    }
}
