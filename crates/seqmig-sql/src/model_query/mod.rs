//! The statements a Sequelize *model* runs that differ from the queryInterface ones:
//! `selectQuery` with the model's table alias (`FROM \`Users\` AS \`User\``, columns
//! `field AS attr`, where/order prefixed by the alias) and `insertQuery` with the model's
//! attributes (typed bind values, `NULL`/`DEFAULT` for an empty auto-increment key, and
//! on postgres `RETURNING` every field). Updates, deletes and increments of a model are
//! the queryInterface statements, so the shims send those as `qi_*` ops.

use serde::Deserialize;
use serde_json::Value as Json;

use crate::abstract_gen::{Bind, BoundSql, QueryGenerator, WhereOptions};
use crate::model::{Column, OrderedMap, Table, Where};
use crate::value::SqlValue;
use crate::where_clause::where_conditions;
use crate::{Dialect, SqlError};

/// `Model.findAll` / `count` after the shim mapped attribute names to fields.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ModelSelect {
    pub table: Table,
    /// The model name: the table's alias and the where/order prefix.
    pub table_as: String,
    /// Each item: `"field"`, `["field", "alias"]`, or `[SqlValue method, "alias"]`.
    pub attributes: Vec<Json>,
    #[serde(default, rename = "where")]
    pub where_: Option<Where>,
    /// Each item: `["field", "DESC"]` (prefixed by the alias), a method, or a raw array.
    #[serde(default)]
    pub order: Option<Vec<Json>>,
    #[serde(default)]
    pub group: Option<Vec<Json>>,
    /// `having`: a where without the alias prefix (getWhereConditions with prepend false).
    #[serde(default)]
    pub having: Option<Where>,
    #[serde(default)]
    pub limit: Option<Json>,
    #[serde(default)]
    pub offset: Option<Json>,
}

/// `Model.create` / `instance.save()` of a new row.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ModelInsert {
    pub table: Table,
    /// Field name → value, in the model's attribute order.
    pub values: OrderedMap<SqlValue>,
    /// Field name → attribute: the types that stringify the bound values, and the
    /// auto-increment key.
    pub attributes: OrderedMap<Column>,
    /// Add `RETURNING` with every field (postgres; Sequelize's `returning: true`).
    #[serde(default)]
    pub returning: bool,
    /// `Model.upsert`: the ON CONFLICT clause.
    #[serde(default)]
    pub upsert: Option<Upsert>,
    /// `findOrCreate`'s `exception: true` on postgres: the INSERT, with inline values, in
    /// a temporary function that catches unique violations; the 32 hex digits name its
    /// dollar quote (`$func_<hex>$`, from a v4 uuid, as Sequelize draws one).
    #[serde(default)]
    pub exception: Option<String>,
}

/// `options.updateOnDuplicate` and `options.upsertKeys`, as fields.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Upsert {
    pub update_on_duplicate: Vec<String>,
    pub upsert_keys: Vec<String>,
}

/// The three statements of the postgres exception wrapper: Sequelize sends them as one
/// query string (`logged`); they run one by one so the SELECT's rows come back typed.
#[derive(Debug, Clone, PartialEq)]
pub struct ExceptionInsert {
    pub logged: String,
    pub create_function: String,
    pub select: String,
    pub drop_function: String,
}

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

fn method<G: QueryGenerator + ?Sized>(g: &G, v: &Json) -> Result<String, SqlError> {
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

/// An order/group item as `getQueryOrders` quotes it: a column of the model is
/// prefixed by the model's alias, a direction is upper-cased.
fn order_item<G: QueryGenerator + ?Sized>(
    g: &G,
    prefix: &str,
    item: &Json,
) -> Result<String, SqlError> {
    match item {
        Json::String(s) if s.contains('.') => Ok(g.quote_identifiers(s)),
        Json::String(s) => Ok(format!("{prefix}.{}", g.quote_ident(s))),
        Json::Array(parts) => {
            let mut sql = String::new();
            for (i, p) in parts.iter().enumerate() {
                match p.as_str() {
                    Some(s) if i > 0 && DIRECTIONS.contains(&s.to_uppercase().as_str()) => {
                        sql.push(' ');
                        sql.push_str(&s.to_uppercase());
                    }
                    Some(s) if i == 0 => sql.push_str(&order_item(g, prefix, &Json::from(s))?),
                    Some(s) => {
                        return Err(SqlError::Sequelize(format!(
                            "'{s}' is not a valid order direction"
                        )))
                    }
                    None => sql.push_str(&method(g, p)?),
                }
            }
            Ok(sql)
        }
        v => method(g, v),
    }
}

fn attribute<G: QueryGenerator + ?Sized>(g: &G, a: &Json) -> Result<String, SqlError> {
    Ok(match a {
        Json::String(s) => g.quote_ident(s),
        Json::Array(pair) if pair.len() == 2 => {
            let expr = match &pair[0] {
                Json::String(s) => g.quote_identifiers(s),
                v => method(g, v)?,
            };
            let alias = pair[1].as_str().ok_or_else(|| {
                SqlError::Sequelize(format!("an attribute alias must be a string: {a}"))
            })?;
            format!("{expr} AS {}", g.quote_ident(alias))
        }
        v => method(g, v)?,
    })
}

/// `selectQuery(tableName, {attributes, where, order, group, limit, offset}, Model)`
/// without includes.
pub fn model_select<G: QueryGenerator + ?Sized>(
    g: &G,
    req: &ModelSelect,
) -> Result<String, SqlError> {
    let attrs = if req.attributes.is_empty() {
        "*".to_string()
    } else {
        req.attributes
            .iter()
            .map(|a| attribute(g, a))
            .collect::<Result<Vec<_>, _>>()?
            .join(", ")
    };
    let alias = g.quote_ident(&req.table_as);
    let mut sql = format!(
        "SELECT {attrs} FROM {} AS {alias}",
        g.quote_table(&req.table)
    );
    if let Some(w) = &req.where_ {
        let opts = WhereOptions {
            prefix: Some(alias.clone()),
            ..Default::default()
        };
        let q = where_conditions(g, &w.0, &opts)?;
        if !q.is_empty() {
            sql.push_str(&format!(" WHERE {q}"));
        }
    }
    if let Some(group) = req.group.as_ref().filter(|g| !g.is_empty()) {
        let items = group
            .iter()
            .map(|i| order_item(g, &alias, i))
            .collect::<Result<Vec<_>, _>>()?;
        sql.push_str(&format!(" GROUP BY {}", items.join(", ")));
    }
    if let Some(h) = &req.having {
        let q = where_conditions(g, &h.0, &WhereOptions::default())?;
        if !q.is_empty() {
            sql.push_str(&format!(" HAVING {q}"));
        }
    }
    if let Some(order) = req.order.as_ref().filter(|o| !o.is_empty()) {
        let items = order
            .iter()
            .map(|i| order_item(g, &alias, i))
            .collect::<Result<Vec<_>, _>>()?;
        sql.push_str(&format!(" ORDER BY {}", items.join(", ")));
    }
    sql.push_str(&g.limit_offset(req.limit.as_ref(), req.offset.as_ref())?);
    sql.push(';');
    Ok(sql)
}

/// The pieces of a `selectQuery` with includes that the shim composes itself (it ports
/// generateInclude's string assembly): a where fragment under an alias, a method or
/// value as SQL, a limit/offset clause, and quoted names.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Fragment {
    /// `whereItemsQuery(where, {prefix: quoteIdentifier(prefix)})`; "" for an empty where.
    Where {
        #[serde(rename = "where")]
        where_: Where,
        #[serde(default)]
        prefix: Option<String>,
    },
    /// `escape(value)` / `handleSequelizeMethod(value)`.
    Value { value: Json },
    /// `addLimitAndOffset(options)`.
    Limit {
        #[serde(default)]
        limit: Option<Json>,
        #[serde(default)]
        offset: Option<Json>,
    },
    /// `quoteTable(table)`.
    Table { table: Table },
}

/// One fragment as SQL text (see [`Fragment`]).
pub fn fragment<G: QueryGenerator + ?Sized>(g: &G, f: &Fragment) -> Result<String, SqlError> {
    match f {
        Fragment::Where { where_, prefix } => {
            let opts = WhereOptions {
                prefix: prefix.as_deref().map(|p| g.quote_ident(p)),
                ..Default::default()
            };
            where_conditions(g, &where_.0, &opts)
        }
        Fragment::Value { value } => {
            let v = SqlValue::from_json(value)?;
            if v.is_method() {
                g.handle_method(&v)
            } else {
                g.escape(&v, None)
            }
        }
        Fragment::Limit { limit, offset } => g.limit_offset(limit.as_ref(), offset.as_ref()),
        Fragment::Table { table } => Ok(g.quote_table(table)),
    }
}

/// `insertQuery(table, values, model.rawAttributes, {returning})` with bind parameters.
pub fn model_insert<G: QueryGenerator + ?Sized>(
    g: &G,
    req: &ModelInsert,
) -> Result<BoundSql, SqlError> {
    let mut bind = Bind::default();
    let mut fields = Vec::with_capacity(req.values.len());
    let mut values = Vec::with_capacity(req.values.len());
    for (key, v) in req.values.iter() {
        let attr = req.attributes.get(key);
        fields.push(g.quote_ident(key));
        if attr.and_then(|a| a.auto_increment) == Some(true) && v.is_null() {
            // postgres and mysql support DEFAULT in VALUES; sqlite takes NULL for a rowid key.
            values.push(match g.dialect() {
                Dialect::Sqlite => "NULL".to_string(),
                _ => "DEFAULT".to_string(),
            });
            continue;
        }
        values.push(if v.is_method() || req.exception.is_some() {
            g.escape(v, attr.map(|a| &a.data_type))?
        } else {
            g.format_bind(v, attr.map(|a| &a.data_type), &mut bind)?
        });
    }
    let table = g.quote_table(&req.table);
    let mysql = g.dialect().is_mysql_family();
    let mut sql = if fields.is_empty() && mysql {
        // `supports['VALUES ()']`.
        format!("INSERT INTO {table} VALUES ()")
    } else if fields.is_empty() {
        format!("INSERT INTO {table} DEFAULT VALUES")
    } else {
        format!(
            "INSERT INTO {table} ({}) VALUES ({})",
            fields.join(","),
            values.join(",")
        )
    };
    if let (Some(u), true) = (&req.upsert, mysql) {
        // mysql's `ON DUPLICATE KEY UPDATE a=VALUES(a)`; with nothing to update, the
        // upsert keys set to themselves (its DO NOTHING).
        let mut sets: Vec<String> = u
            .update_on_duplicate
            .iter()
            .map(|k| format!("{0}=VALUES({0})", g.quote_ident(k)))
            .collect();
        if sets.is_empty() {
            sets = u
                .upsert_keys
                .iter()
                .map(|k| format!("{0}={0}", g.quote_ident(k)))
                .collect();
        }
        sql.push_str(&format!(" ON DUPLICATE KEY UPDATE {}", sets.join(",")));
    } else if let Some(u) = &req.upsert {
        let keys: Vec<String> = u.upsert_keys.iter().map(|k| g.quote_ident(k)).collect();
        sql.push_str(&format!(" ON CONFLICT ({})", keys.join(",")));
        if u.update_on_duplicate.is_empty() {
            sql.push_str(" DO NOTHING");
        } else {
            let sets: Vec<String> = u
                .update_on_duplicate
                .iter()
                .map(|k| format!("{0}=EXCLUDED.{0}", g.quote_ident(k)))
                .collect();
            sql.push_str(&format!(" DO UPDATE SET {}", sets.join(",")));
        }
    }
    if req.returning && req.exception.is_none() {
        let returned: Vec<String> = req
            .attributes
            .iter()
            .filter(|(_, c)| c.data_type.key != "VIRTUAL")
            .map(|(k, _)| g.quote_ident(k))
            .collect();
        if returned.is_empty() {
            sql.push_str(" RETURNING *");
        } else {
            sql.push_str(&format!(" RETURNING {}", returned.join(",")));
        }
    }
    sql.push(';');
    Ok(BoundSql {
        sql,
        bind: bind.values,
    })
}

/// `insertQuery` with `exception: true` (postgres): `None` without `req.exception`.
pub fn model_insert_exception<G: QueryGenerator + ?Sized>(
    g: &G,
    req: &ModelInsert,
) -> Result<Option<ExceptionInsert>, SqlError> {
    let Some(hex) = &req.exception else {
        return Ok(None);
    };
    let insert = model_insert(g, req)?.sql;
    let insert = insert.strip_suffix(';').unwrap_or(&insert);
    let returned: Vec<String> = req
        .attributes
        .iter()
        .filter(|(_, c)| c.data_type.key != "VIRTUAL")
        .map(|(k, _)| g.quote_ident(k))
        .collect();
    let returned = if req.returning && !returned.is_empty() {
        returned
    } else {
        vec!["*".to_string()]
    };
    let delimiter = format!("$func_{hex}$");
    let create_function = format!(
        "CREATE OR REPLACE FUNCTION pg_temp.testfunc(OUT response {}, OUT sequelize_caught_exception text) RETURNS RECORD AS {delimiter} BEGIN {insert} RETURNING * INTO response; EXCEPTION WHEN unique_violation THEN GET STACKED DIAGNOSTICS sequelize_caught_exception = PG_EXCEPTION_DETAIL; END {delimiter} LANGUAGE plpgsql;",
        g.quote_table(&req.table)
    );
    let select = format!(
        "SELECT (testfunc.response).{}, testfunc.sequelize_caught_exception FROM pg_temp.testfunc();",
        returned.join(", (testfunc.response).")
    );
    let drop_function = "DROP FUNCTION IF EXISTS pg_temp.testfunc();".to_string();
    Ok(Some(ExceptionInsert {
        logged: format!("{create_function} {select} {drop_function}"),
        create_function,
        select,
        drop_function,
    }))
}

#[cfg(test)]
mod tests;
