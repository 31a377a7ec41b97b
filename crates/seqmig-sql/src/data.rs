//! Data statements shared by the dialects: Sequelize's abstract `bulkInsertQuery`,
//! `updateQuery` and `deleteQuery` (the sqlite variants only add `LIMIT` through rowid).

use std::cell::RefCell;

use crate::abstract_gen::{Bind, BoundSql, QueryGenerator, WhereOptions};
use crate::model::{BulkDelete, BulkInsert, BulkUpdate, Column, OrderedMap};
use crate::value::SqlValue;
use crate::where_clause::{where_conditions, where_query};
use crate::SqlError;

fn field_type<'a>(attrs: Option<&'a OrderedMap<Column>>, key: &str) -> Option<&'a Column> {
    let attrs = attrs?;
    attrs.get(key).or_else(|| {
        attrs
            .iter()
            .find(|(_, c)| c.field.as_deref() == Some(key))
            .map(|(_, c)| c)
    })
}

/// `bulkInsertQuery`: one multi-row INSERT, keys missing from a row are NULL.
pub fn bulk_insert<G: QueryGenerator + ?Sized>(
    g: &G,
    req: &BulkInsert,
    ext: &InsertDialect,
) -> Result<String, SqlError> {
    let mut all: Vec<&str> = Vec::new();
    let mut serials: Vec<&str> = Vec::new();
    for row in &req.records {
        for (k, _) in row.iter() {
            if !all.contains(&k) {
                all.push(k);
            }
            if field_type(req.attributes.as_ref(), k).and_then(|c| c.auto_increment) == Some(true)
                && !serials.contains(&k)
            {
                serials.push(k);
            }
        }
    }
    let mut tuples = Vec::with_capacity(req.records.len());
    for row in &req.records {
        let mut values = Vec::with_capacity(all.len());
        for key in &all {
            let v = row.get(key);
            if ext.bulk_default && serials.contains(key) {
                match v {
                    Some(v) if !v.is_null() => {}
                    _ => {
                        values.push("DEFAULT".to_string());
                        continue;
                    }
                }
            }
            let field = field_type(req.attributes.as_ref(), key).map(|c| &c.data_type);
            values.push(g.escape(v.unwrap_or(&SqlValue::Null), field)?);
        }
        tuples.push(format!("({})", values.join(",")));
    }
    let attributes = all
        .iter()
        .map(|a| g.quote_ident(a))
        .collect::<Vec<_>>()
        .join(",");
    let mut parts: Vec<String> = vec!["INSERT".into()];
    if req.options.ignore_duplicates == Some(true) && !ext.ignore_duplicates.is_empty() {
        parts.push(ext.ignore_duplicates.into());
    }
    parts.push("INTO".into());
    parts.push(g.quote_table(&req.table));
    parts.push(format!("({attributes})"));
    parts.push("VALUES".into());
    parts.push(tuples.join(","));
    if ext.on_conflict_update {
        if let Some(update) = &req.options.update_on_duplicate {
            parts.push(on_conflict(g, &req.options, update, false)?);
        }
    }
    if req.options.ignore_duplicates == Some(true) && !ext.on_conflict_do_nothing.is_empty() {
        parts.push(ext.on_conflict_do_nothing.into());
    }
    if let Some(r) = returning_fragment(g, req.options.returning.as_ref(), ext) {
        parts.push(r);
    }
    Ok(join_fragments(parts, ";"))
}

/// `ON CONFLICT (keys) DO UPDATE SET a=EXCLUDED.a,…` of an upsert. insertQuery (one row)
/// says `DO NOTHING` when nothing is to be updated; bulkInsertQuery always says DO UPDATE.
fn on_conflict<G: QueryGenerator + ?Sized>(
    g: &G,
    options: &crate::model::BulkInsertOptions,
    update: &[String],
    nothing_when_empty: bool,
) -> Result<String, SqlError> {
    // Without a model Sequelize has no upsertKeys and crashes on `.map`.
    let keys = options.upsert_keys.as_ref().ok_or_else(|| {
        SqlError::Type("Cannot read properties of undefined (reading 'map')".into())
    })?;
    let conflict = keys
        .iter()
        .map(|k| g.quote_ident(k))
        .collect::<Vec<_>>()
        .join(",");
    if update.is_empty() && nothing_when_empty {
        return Ok(format!("ON CONFLICT ({conflict}) DO NOTHING"));
    }
    let sets = update
        .iter()
        .map(|a| format!("{}=EXCLUDED.{}", g.quote_ident(a), g.quote_ident(a)))
        .collect::<Vec<_>>()
        .join(",");
    Ok(format!("ON CONFLICT ({conflict}) DO UPDATE SET {sets}"))
}

/// What differs between dialects in an INSERT (`_dialect.supports.inserts`).
pub struct InsertDialect {
    pub ignore_duplicates: &'static str,
    pub on_conflict_do_nothing: &'static str,
    pub on_conflict_update: bool,
    pub bulk_default: bool,
    pub returning: bool,
    /// `supports.DEFAULT`: a value may be the keyword DEFAULT.
    pub default_keyword: bool,
}

fn returning_fragment<G: QueryGenerator + ?Sized>(
    g: &G,
    returning: Option<&serde_json::Value>,
    ext: &InsertDialect,
) -> Option<String> {
    if !ext.returning {
        return None;
    }
    match returning? {
        serde_json::Value::Bool(true) => Some("RETURNING *".into()),
        serde_json::Value::Array(cols) if !cols.is_empty() => Some(format!(
            "RETURNING {}",
            cols.iter()
                .filter_map(|c| c.as_str())
                .map(|c| g.quote_ident(c))
                .collect::<Vec<_>>()
                .join(",")
        )),
        _ => None,
    }
}

/// `Utils.joinSQLFragments` for our use: space-joined, with `;` glued to the end.
fn join_fragments(parts: Vec<String>, end: &str) -> String {
    let mut s = parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    s.push_str(end);
    s
}

/// `updateQuery` with bind parameters, as bulkUpdate calls it. `limit_via_rowid` is
/// sqlite's `WHERE rowid IN (SELECT rowid … LIMIT n)`.
pub fn bulk_update<G: QueryGenerator + ?Sized>(
    g: &G,
    req: &BulkUpdate,
    limit_via_rowid: bool,
) -> Result<BoundSql, SqlError> {
    let bind = RefCell::new(Bind::default());
    let mut sets = Vec::with_capacity(req.values.len());
    for (key, v) in req.values.iter() {
        let field = field_type(req.attributes.as_ref(), key).map(|c| &c.data_type);
        let rhs = if v.is_method() {
            g.escape(v, field)?
        } else {
            g.format_bind(v, field, &mut bind.borrow_mut())?
        };
        sets.push(format!("{}={rhs}", g.quote_ident(key)));
    }
    let where_json = req
        .where_
        .as_ref()
        .map(|w| w.0.clone())
        .unwrap_or(serde_json::Value::Null);
    let where_sql = where_query(
        g,
        &where_json,
        &WhereOptions {
            bind: Some(&bind),
            ..Default::default()
        },
    )?;
    let table = g.quote_table(&req.table);
    let sql = match req.options.limit.filter(|_| limit_via_rowid) {
        Some(limit) => format!(
            "UPDATE {table} SET {} WHERE rowid IN (SELECT rowid FROM {table} {where_sql} LIMIT {limit})",
            sets.join(",")
        ),
        None => format!("UPDATE {table} SET {} {where_sql}", sets.join(",")),
    };
    Ok(BoundSql {
        sql,
        bind: bind.into_inner().values,
    })
}

/// `deleteQuery` (sqlite's text: `DELETE FROM t WHERE …`, a trailing space when no where).
pub fn bulk_delete<G: QueryGenerator + ?Sized>(
    g: &G,
    req: &BulkDelete,
) -> Result<String, SqlError> {
    let where_json = req
        .where_
        .as_ref()
        .map(|w| w.0.clone())
        .unwrap_or(serde_json::Value::Null);
    let mut clause = where_conditions(g, &where_json, &WhereOptions::default())?;
    if !clause.is_empty() {
        clause = format!("WHERE {clause}");
    }
    let table = g.quote_table(&req.table);
    if let Some(limit) = req.options.limit {
        clause = format!("WHERE rowid IN (SELECT rowid FROM {table} {clause} LIMIT {limit})");
    }
    Ok(format!("DELETE FROM {table} {clause}"))
}

/// `insertQuery` without model attributes: values bound, Sequelize methods inline.
pub fn insert<G: QueryGenerator + ?Sized>(
    g: &G,
    req: &crate::model::Insert,
    ext: &InsertDialect,
) -> Result<BoundSql, SqlError> {
    let mut bind = Bind::default();
    let mut fields = Vec::with_capacity(req.values.len());
    let mut values = Vec::with_capacity(req.values.len());
    for (key, v) in req.values.iter() {
        fields.push(g.quote_ident(key));
        let column = field_type(req.attributes.as_ref(), key);
        if v.is_null() && column.and_then(|c| c.auto_increment) == Some(true) {
            // Both dialects let the database pick (`supports.autoIncrement.defaultValue`):
            // postgres says DEFAULT, sqlite (no `supports.DEFAULT`) NULL.
            values.push(
                if ext.default_keyword {
                    "DEFAULT"
                } else {
                    "NULL"
                }
                .to_string(),
            );
            continue;
        }
        let t = column.map(|c| &c.data_type);
        values.push(if v.is_method() {
            g.escape(v, t)?
        } else {
            g.format_bind(v, t, &mut bind)?
        });
    }
    let ignore = req.options.ignore_duplicates == Some(true);
    let mut sql = String::from("INSERT");
    if ignore && !ext.ignore_duplicates.is_empty() {
        sql.push(' ');
        sql.push_str(ext.ignore_duplicates);
    }
    sql.push_str(&format!(" INTO {}", g.quote_table(&req.table)));
    if fields.is_empty() {
        sql.push_str(" DEFAULT VALUES");
    } else {
        sql.push_str(&format!(
            " ({}) VALUES ({})",
            fields.join(","),
            values.join(",")
        ));
    }
    // queryInterface.upsert: insertQuery with updateOnDuplicate and upsertKeys.
    if ext.on_conflict_update {
        if let Some(update) = &req.options.update_on_duplicate {
            sql.push(' ');
            sql.push_str(&on_conflict(g, &req.options, update, true)?);
        }
    }
    if ignore && !ext.on_conflict_do_nothing.is_empty() {
        sql.push(' ');
        sql.push_str(ext.on_conflict_do_nothing);
    }
    if let Some(r) = returning_fragment(g, req.options.returning.as_ref(), ext) {
        sql.push(' ');
        sql.push_str(&r);
    }
    sql.push(';');
    Ok(BoundSql {
        sql,
        bind: bind.values,
    })
}

/// `quote(collection)` for order/group items.
fn quote_collection<G: QueryGenerator + ?Sized>(
    g: &G,
    item: &serde_json::Value,
) -> Result<String, SqlError> {
    const DIRECTIONS: [&str; 8] = [
        "ASC",
        "DESC",
        "ASC NULLS LAST",
        "DESC NULLS LAST",
        "ASC NULLS FIRST",
        "DESC NULLS FIRST",
        "NULLS FIRST",
        "NULLS LAST",
    ];
    match item {
        serde_json::Value::String(s) => Ok(g.quote_identifiers(s)),
        serde_json::Value::Array(parts) => {
            let mut sql = String::new();
            for (i, p) in parts.iter().enumerate() {
                match p.as_str() {
                    Some(s) if i > 0 && DIRECTIONS.contains(&s.to_uppercase().as_str()) => {
                        sql.push(' ');
                        sql.push_str(&s.to_uppercase());
                    }
                    _ => sql.push_str(&quote_collection(g, p)?),
                }
            }
            Ok(sql)
        }
        v => {
            let v = SqlValue::from_json(v)?;
            if v.is_method() {
                g.handle_method(&v)
            } else {
                Err(SqlError::Sequelize(format!(
                    "Unknown structure passed to order / group: {}",
                    crate::escape::inspect(&v.to_json())
                )))
            }
        }
    }
}

/// `selectQuery` for a table without a model (no includes).
pub fn select<G: QueryGenerator + ?Sized>(
    g: &G,
    req: &crate::model::Select,
) -> Result<String, SqlError> {
    use serde_json::Value as J;
    let o = &req.options;
    let attrs = match &o.attributes {
        None => "*".to_string(),
        Some(J::Array(list)) if list.is_empty() => "*".to_string(),
        Some(J::Array(list)) => {
            let mut out = Vec::with_capacity(list.len());
            for a in list {
                out.push(match a {
                    J::String(s) if s == "*" => s.clone(),
                    J::String(s) => g.quote_identifiers(s),
                    J::Array(pair) if pair.len() == 2 => {
                        let expr = match &pair[0] {
                            J::String(s) => g.quote_identifiers(s),
                            v => g.handle_method(&SqlValue::from_json(v)?)?,
                        };
                        format!(
                            "{expr} AS {}",
                            g.quote_ident(pair[1].as_str().unwrap_or_default())
                        )
                    }
                    v => g.handle_method(&SqlValue::from_json(v)?)?,
                });
            }
            out.join(", ")
        }
        Some(v) => return Err(SqlError::Sequelize(format!("Invalid attributes: {v}"))),
    };
    let table = g.quote_table(&req.table);
    let mut sql = format!("SELECT {attrs} FROM {table}");
    if let Some(w) = &o.where_ {
        let opts = WhereOptions {
            prefix: Some(table.clone()),
            ..Default::default()
        };
        let q = crate::where_clause::where_conditions(g, &w.0, &opts)?;
        if !q.is_empty() {
            sql.push_str(&format!(" WHERE {q}"));
        }
    }
    if let Some(group) = &o.group {
        let items = match group {
            J::Array(items) => items
                .iter()
                .map(|i| quote_collection(g, i))
                .collect::<Result<Vec<_>, _>>()?
                .join(", "),
            other => quote_collection(g, other)?,
        };
        sql.push_str(&format!(" GROUP BY {items}"));
    }
    if let Some(order) = &o.order {
        let items = match order {
            J::Array(items) => items
                .iter()
                .map(|i| quote_collection(g, i))
                .collect::<Result<Vec<_>, _>>()?,
            other => vec![quote_collection(g, other)?],
        };
        if !items.is_empty() {
            sql.push_str(&format!(" ORDER BY {}", items.join(", ")));
        }
    }
    sql.push_str(&g.limit_offset(o.limit.as_ref(), o.offset.as_ref())?);
    sql.push(';');
    Ok(sql)
}

/// `arithmeticQuery` (increment/decrement), without RETURNING.
pub fn arithmetic<G: QueryGenerator + ?Sized>(
    g: &G,
    req: &crate::model::Increment,
) -> Result<String, SqlError> {
    let mut sets = Vec::new();
    for (field, amount) in req.amounts.iter() {
        let q = g.quote_ident(field);
        sets.push(format!(
            "{q}={q}{} {}",
            req.operator,
            g.escape(amount, None)?
        ));
    }
    for (field, v) in req.extra.iter() {
        sets.push(format!("{}={}", g.quote_ident(field), g.escape(v, None)?));
    }
    let where_json = req
        .where_
        .as_ref()
        .map(|w| w.0.clone())
        .unwrap_or(serde_json::Value::Null);
    let where_sql = where_query(g, &where_json, &WhereOptions::default())?;
    let mut parts = vec![
        "UPDATE".to_string(),
        g.quote_table(&req.table),
        "SET".into(),
        sets.join(","),
    ];
    if !where_sql.is_empty() {
        parts.push(where_sql);
    }
    Ok(parts.join(" "))
}
