//! The result shapes of Sequelize's sqlite `Query` (`_handleQueryResponse`,
//! `getDatabaseMethod`), through which every statement of a SQLite session resolves.

use seqmig_db::QueryResult;
use seqmig_sql::SqlValue;
use serde_json::{json, Map, Value as Json};

use crate::ops::rows::{rows, rows_json};
use crate::ops::{Ctx, OpResult, Ops, Shape};

impl Ops {
    /// One `sequelize.query(sql, {type, plain})` on SQLite, resolved to what it resolves to.
    pub(crate) fn sequelize_query(
        &self,
        ctx: Ctx,
        logged: &str,
        sql: &str,
        params: &[SqlValue],
        shape: Shape,
    ) -> OpResult {
        if logged.starts_with("-- ") {
            if self.logs(ctx) {
                crate::console::stdout_line(&format!("Executing (default): {logged}"));
            }
            return Ok(crate::ops::undefined());
        }
        let lower = logged.to_lowercase();
        let is_insert = shape.ty == "INSERT" || lower.starts_with("insert into");
        // node-sqlite3's `run` (metadata {lastID, changes}, no rows) versus `all`.
        let run_method = is_insert
            || matches!(shape.ty, "UPDATE" | "UPSERT" | "BULKUPDATE" | "BULKDELETE")
            || lower.contains("create temporary table");
        let r = self.run(ctx, logged, sql, params)?;
        let (results, metadata) = if run_method {
            (
                crate::ops::undefined(),
                json!({"lastID": r.last_insert_id.unwrap_or(0), "changes": r.rows_affected}),
            )
        } else {
            (rows_json(&r), json!({}))
        };
        let changes = metadata
            .get("changes")
            .cloned()
            .unwrap_or_else(crate::ops::undefined);
        let result = if is_insert {
            metadata
                .get("lastID")
                .cloned()
                .unwrap_or_else(crate::ops::undefined)
        } else {
            crate::ops::undefined()
        };
        let ty = shape.ty;
        if ty == "SHOWTABLES" {
            return Ok(Json::Array(
                rows(&r)
                    .into_iter()
                    .map(|mut o| o.remove("name").unwrap_or(Json::Null))
                    .collect(),
            ));
        }
        if ty == "SHOWCONSTRAINTS" {
            let first_sql = rows(&r)
                .into_iter()
                .next()
                .and_then(|mut o| o.remove("sql"))
                .and_then(|s| s.as_str().map(str::to_string));
            return Ok(match first_sql {
                Some(s) => super::rebuild::parse_constraints_json(&s),
                None => results,
            });
        }
        if ty == "SELECT" {
            let mut list = rows(&r);
            if shape.nest {
                list = list.into_iter().map(crate::ops::rows::nest).collect();
            }
            if shape.plain {
                return Ok(list
                    .into_iter()
                    .next()
                    .map(Json::Object)
                    .unwrap_or(Json::Null));
            }
            return Ok(Json::Array(list.into_iter().map(Json::Object).collect()));
        }
        if lower.starts_with("show") || lower.starts_with("describe") {
            return Ok(results);
        }
        if logged.contains("PRAGMA INDEX_LIST") {
            return self.show_indexes(ctx, &r);
        }
        if logged.contains("PRAGMA INDEX_INFO") {
            return Ok(results);
        }
        if logged.contains("PRAGMA TABLE_INFO") {
            return Ok(describe_json(&r));
        }
        if logged.contains("PRAGMA foreign_keys;") {
            return Ok(results.get(0).cloned().unwrap_or(Json::Null));
        }
        if logged.contains("PRAGMA foreign_keys") || logged.contains("PRAGMA foreign_key_list") {
            return Ok(results);
        }
        if matches!(ty, "BULKUPDATE" | "BULKDELETE") {
            return Ok(changes);
        }
        if ty == "VERSION" {
            return Ok(results
                .get(0)
                .and_then(|o| o.get("version"))
                .cloned()
                .unwrap_or_else(crate::ops::undefined));
        }
        if ty == "RAW" {
            return Ok(json!([results, metadata]));
        }
        if ty == "UPSERT" {
            return Ok(json!([result, null]));
        }
        if ty == "UPDATE" || is_insert {
            return Ok(json!([result, changes]));
        }
        Ok(result)
    }

    /// `handleShowIndexesQuery`: newest index first, each with its columns.
    pub(crate) fn show_indexes(&self, ctx: Ctx, r: &QueryResult) -> OpResult {
        let mut out = Vec::new();
        for mut item in rows(r).into_iter().rev() {
            let name = item
                .get("name")
                .and_then(Json::as_str)
                .unwrap_or_default()
                .to_string();
            let unique = item
                .get("unique")
                .is_some_and(|u| u.as_i64().unwrap_or(0) != 0 || u.as_bool() == Some(true));
            let info = self.exec(ctx, &self.sqlite().index_info_query(&name))?;
            let mut fields: Vec<Json> = Vec::new();
            for col in rows(&info) {
                let seq = col.get("seqno").and_then(Json::as_u64).unwrap_or(0) as usize;
                if fields.len() <= seq {
                    fields.resize(seq + 1, Json::Null);
                }
                fields[seq] = json!({"attribute": col.get("name").cloned().unwrap_or(Json::Null)});
            }
            item.insert("fields".into(), Json::Array(fields));
            item.insert("primary".into(), json!(false));
            item.insert("unique".into(), json!(unique));
            item.insert("constraintName".into(), json!(name));
            out.push(Json::Object(item));
        }
        Ok(Json::Array(out))
    }
}

/// The object Sequelize makes of `PRAGMA TABLE_INFO` rows.
pub(crate) fn describe_json(r: &QueryResult) -> Json {
    let mut out = Map::new();
    for row in rows(r) {
        let name = row
            .get("name")
            .and_then(Json::as_str)
            .unwrap_or_default()
            .to_string();
        let ty = row.get("type").cloned().unwrap_or(Json::Null);
        let mut col = Map::new();
        col.insert("type".into(), ty.clone());
        col.insert(
            "allowNull".into(),
            json!(row.get("notnull").and_then(Json::as_i64) == Some(0)),
        );
        // `undefined` (no default) travels as the undefined tag, as Sequelize keeps the key.
        let default = match row.get("dflt_value") {
            None | Some(Json::Null) => None,
            Some(Json::String(s)) if s == "NULL" => Some(Json::Null),
            Some(v) => Some(v.clone()),
        };
        let default = if ty.as_str() == Some("TINYINT(1)") {
            match default.as_ref().and_then(Json::as_str) {
                Some("0") => Some(json!(false)),
                Some("1") => Some(json!(true)),
                _ => None,
            }
        } else {
            default
        };
        let default = match default {
            Some(Json::String(s)) => Some(Json::String(s.replace('\'', ""))),
            other => other,
        };
        col.insert(
            "defaultValue".into(),
            default.unwrap_or_else(crate::ops::undefined),
        );
        col.insert(
            "primaryKey".into(),
            json!(row.get("pk").and_then(Json::as_i64).unwrap_or(0) != 0),
        );
        out.insert(name, Json::Object(col));
    }
    Json::Object(out)
}
