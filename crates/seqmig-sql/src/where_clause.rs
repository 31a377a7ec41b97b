//! The where builder: Sequelize's `whereItemsQuery`/`whereItemQuery` family over the
//! JSON where of docs/CONTRACTS.md §3 (`Op.x` keys arrive as `"__op:x"`).
//!
//! Sequelize lists a where object's operator (symbol) keys before its string keys
//! (`Utils.getComplexKeys`); `complex_keys` keeps that order so the text matches.

use std::cell::RefCell;

use serde_json::{Map, Value as Json};

use crate::abstract_gen::{Bind, QueryGenerator, WhereOptions};
use crate::value::SqlValue;
use crate::SqlError;

/// The key of a where item.
#[derive(Clone, Copy)]
enum Key<'a> {
    None,
    Name(&'a str),
    Op(&'a str),
    Method(&'a SqlValue),
}

fn op_name(key: &str) -> Option<&str> {
    key.strip_prefix("__op:")
}

/// Sequelize's abstract `OperatorMap`, by `Op` name.
pub fn operator_sql(op: &str) -> Option<&'static str> {
    Some(match op {
        "eq" => "=",
        "ne" => "!=",
        "gte" => ">=",
        "gt" => ">",
        "lte" => "<=",
        "lt" => "<",
        "not" => "IS NOT",
        "is" => "IS",
        "in" => "IN",
        "notIn" => "NOT IN",
        "like" | "startsWith" | "endsWith" | "substring" => "LIKE",
        "notLike" => "NOT LIKE",
        "iLike" => "ILIKE",
        "notILike" => "NOT ILIKE",
        "regexp" => "~",
        "notRegexp" => "!~",
        "iRegexp" => "~*",
        "notIRegexp" => "!~*",
        "between" => "BETWEEN",
        "notBetween" => "NOT BETWEEN",
        "overlap" => "&&",
        "contains" => "@>",
        "contained" => "<@",
        "adjacent" => "-|-",
        "strictLeft" => "<<",
        "strictRight" => ">>",
        "noExtendRight" => "&<",
        "noExtendLeft" => "&>",
        "any" => "ANY",
        "all" => "ALL",
        "and" => " AND ",
        "or" => " OR ",
        "col" => "COL",
        "placeholder" => "$$PLACEHOLDER$$",
        "match" => "@@",
        _ => return None,
    })
}

fn is_plain(v: &Json) -> bool {
    matches!(v, Json::Object(o) if !o.contains_key("$seqmig"))
}

fn is_tag(v: &Json, tag: &str) -> bool {
    matches!(v, Json::Object(o) if o.get("$seqmig").and_then(Json::as_str) == Some(tag))
}

fn is_method_json(v: &Json) -> bool {
    matches!(v, Json::Object(o) if matches!(o.get("$seqmig").and_then(Json::as_str),
        Some("literal" | "fn" | "col" | "cast" | "where" | "json")))
}

/// Operator keys first, then the other keys, each in the object's order.
fn complex_keys(o: &Map<String, Json>) -> Vec<&String> {
    let mut keys: Vec<&String> = o.keys().filter(|k| op_name(k).is_some()).collect();
    keys.extend(o.keys().filter(|k| op_name(k).is_none()));
    keys
}

fn complex_size(v: &Json) -> usize {
    match v {
        Json::Array(a) => a.len(),
        Json::Object(o) => o.len(),
        _ => 0,
    }
}

fn value(v: &Json) -> Result<SqlValue, SqlError> {
    SqlValue::from_json(v)
}

/// `whereQuery`: `WHERE …` or the empty string.
pub fn where_query<G: QueryGenerator + ?Sized>(
    g: &G,
    where_: &Json,
    opts: &WhereOptions,
) -> Result<String, SqlError> {
    let q = where_items(g, where_, opts, " AND ")?;
    Ok(if q.is_empty() {
        q
    } else {
        format!("WHERE {q}")
    })
}

/// `getWhereConditions` as deleteQuery uses it (no model, no prefix).
pub fn where_conditions<G: QueryGenerator + ?Sized>(
    g: &G,
    where_: &Json,
    opts: &WhereOptions,
) -> Result<String, SqlError> {
    match where_ {
        v if is_method_json(v) => g.handle_method(&value(v)?),
        Json::Object(_) => where_items(g, where_, opts, " AND "),
        Json::Number(_) => {
            let mut m = Map::new();
            m.insert("id".into(), where_.clone());
            where_items(g, &Json::Object(m), opts, " AND ")
        }
        Json::String(_) => Err(SqlError::Sequelize("Support for `{where: 'raw query'}` has been removed.".into())),
        Json::Array(a) => {
            if a.is_empty() || matches!(&a[0], Json::Array(x) if x.is_empty()) {
                return Ok("1=1".into());
            }
            if a.iter().any(|x| is_plain(x) || is_tag(x, "where")) {
                let mut m = Map::new();
                m.insert("__op:and".into(), where_.clone());
                return where_items(g, &Json::Object(m), opts, " AND ");
            }
            Err(SqlError::Sequelize("Support for literal replacements in the `where` object has been removed.".into()))
        }
        Json::Null => Ok(String::new()),
        other => Err(SqlError::Sequelize(format!(
            "Unsupported where option value: {}. Please refer to the Sequelize documentation to learn more about which values are accepted as part of the where option.",
            crate::escape::inspect(other)
        ))),
    }
}

/// `whereItemsQuery`.
pub fn where_items<G: QueryGenerator + ?Sized>(
    g: &G,
    where_: &Json,
    opts: &WhereOptions,
    binding: &str,
) -> Result<String, SqlError> {
    if where_.is_null()
        || (matches!(where_, Json::Object(_) | Json::Array(_)) && complex_size(where_) == 0)
    {
        return Ok(String::new());
    }
    if where_.is_string() {
        return Err(SqlError::Sequelize(
            "Support for `{where: 'raw query'}` has been removed.".into(),
        ));
    }
    let mut items = Vec::new();
    match where_ {
        Json::Object(o) if is_plain(where_) => {
            for k in complex_keys(o) {
                let key = match op_name(k) {
                    Some(op) => Key::Op(op),
                    None => Key::Name(k),
                };
                items.push(where_item(g, key, &o[k], opts)?);
            }
        }
        _ => items.push(where_item(g, Key::None, where_, opts)?),
    }
    Ok(items
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(binding))
}

fn escape_or_bind<G: QueryGenerator + ?Sized>(
    g: &G,
    v: &Json,
    opts: &WhereOptions,
) -> Result<String, SqlError> {
    let v = value(v)?;
    match opts.bind {
        Some(bind) => g.format_bind(&v, None, &mut bind.borrow_mut()),
        None => g.escape(&v, None),
    }
}

fn is_falsy(v: &Json) -> bool {
    match v {
        Json::Bool(b) => !b,
        Json::Number(n) => n.as_f64() == Some(0.0),
        Json::String(s) => s.is_empty(),
        _ => false,
    }
}

/// `whereItemQuery`; `None` is JS `undefined` (an item that adds nothing).
fn where_item<G: QueryGenerator + ?Sized>(
    g: &G,
    key: Key,
    v: &Json,
    opts: &WhereOptions,
) -> Result<Option<String>, SqlError> {
    let plain = is_plain(v);
    let is_array = v.is_array();
    if let (Key::None, Json::Object(o)) = (key, v) {
        if plain && o.len() == 1 {
            let k = complex_keys(o)[0];
            let key = op_name(k).map(Key::Op).unwrap_or(Key::Name(k));
            return where_item(g, key, &o[k], opts);
        }
    }
    if let (Key::None, Json::String(s)) = (key, v) {
        return Ok(Some(s.clone()));
    }
    if v.is_null() {
        return join_key_value(g, key, "NULL", operator_of(g, "is"), opts).map(Some);
    }
    if is_falsy(v) {
        let val = escape_or_bind(g, v, opts)?;
        return join_key_value(g, key, &val, operator_of(g, "eq"), opts).map(Some);
    }
    if is_method_json(v)
        && !(matches!(key, Key::Name(_) | Key::Op(_) | Key::Method(_)) && is_tag(v, "fn"))
    {
        return g.handle_method(&value(v)?).map(Some);
    }
    let mut key = key;
    if matches!(key, Key::None) && is_array {
        let arr = v.as_array().map(Vec::as_slice).unwrap_or_default();
        if arr.iter().any(|x| is_plain(x) || is_tag(x, "where")) {
            key = Key::Op("and");
        } else {
            return Err(SqlError::Sequelize(
                "Support for literal replacements in the `where` object has been removed.".into(),
            ));
        }
    }
    if let Key::Op(op @ ("or" | "and" | "not")) = key {
        return where_group_bind(g, op, v, opts);
    }
    if let Json::Object(o) = v {
        if plain {
            for (op, binding) in [("__op:or", " OR "), ("__op:and", " AND ")] {
                if let Some(inner) = o.get(op).filter(|x| !is_falsy(x) && !x.is_null()) {
                    return where_bind(g, binding, key, inner, opts);
                }
            }
            if o.len() > 1 {
                return where_bind(g, " AND ", key, v, opts);
            }
        }
    }
    if is_array {
        return single_value_object(g, key, "in", v, opts).map(Some);
    }
    if let (true, Json::Object(o)) = (plain, v) {
        let Some(first) = complex_keys(o).first().copied() else {
            return single_value_object(g, key, "eq", v, opts).map(Some);
        };
        if let Some(op) = op_name(first).filter(|op| operator_sql(op).is_some()) {
            return single_value_object(g, key, op, &o[first], opts).map(Some);
        }
        return single_value_object(g, key, "eq", v, opts).map(Some);
    }
    let val = escape_or_bind(g, v, opts)?;
    join_key_value(g, key, &val, operator_of(g, "eq"), opts).map(Some)
}

fn operator_of<G: QueryGenerator + ?Sized>(g: &G, op: &str) -> &'static str {
    g.operator(op).unwrap_or("=")
}

/// `_whereGroupBind`.
fn where_group_bind<G: QueryGenerator + ?Sized>(
    g: &G,
    op: &str,
    v: &Json,
    opts: &WhereOptions,
) -> Result<Option<String>, SqlError> {
    let binding = if op == "or" { " OR " } else { " AND " };
    let outer = if op == "not" { "NOT " } else { "" };
    let joined = match v {
        Json::Array(items) => {
            let mut parts = Vec::new();
            for item in items {
                let mut q = where_items(g, item, opts, " AND ")?;
                if !q.is_empty() && (item.is_array() || is_plain(item)) && complex_size(item) > 1 {
                    q = format!("({q})");
                }
                if !q.is_empty() {
                    parts.push(q);
                }
            }
            parts.join(binding)
        }
        other => where_items(g, other, opts, binding)?,
    };
    if (op == "or" || op == "not") && joined.is_empty() {
        return Ok(Some("0 = 1".into()));
    }
    Ok(if joined.is_empty() {
        None
    } else {
        Some(format!("{outer}({joined})"))
    })
}

/// `_whereBind`: the same key against each member, joined by AND/OR.
fn where_bind<G: QueryGenerator + ?Sized>(
    g: &G,
    binding: &str,
    key: Key,
    v: &Json,
    opts: &WhereOptions,
) -> Result<Option<String>, SqlError> {
    let mut parts = Vec::new();
    match v {
        Json::Object(o) if is_plain(v) => {
            for k in complex_keys(o) {
                let mut single = Map::new();
                single.insert(k.clone(), o[k].clone());
                parts.push(where_item(g, key, &Json::Object(single), opts)?);
            }
        }
        Json::Array(items) => {
            for item in items {
                parts.push(where_item(g, key, item, opts)?);
            }
        }
        other => parts.push(where_item(g, key, other, opts)?),
    }
    let parts: Vec<String> = parts
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect();
    Ok(if parts.is_empty() {
        None
    } else {
        Some(format!("({})", parts.join(binding)))
    })
}

/// `_joinKeyValue`.
fn join_key_value<G: QueryGenerator + ?Sized>(
    g: &G,
    key: Key,
    value: &str,
    comparator: &str,
    opts: &WhereOptions,
) -> Result<String, SqlError> {
    let prefixed = |k: String| match &opts.prefix {
        Some(p) => format!("{p}.{k}"),
        None => k,
    };
    let key = match key {
        Key::None => return Ok(value.to_string()),
        Key::Method(m) => prefixed(g.handle_method(m)?),
        Key::Op(op) => g.operator(op).unwrap_or(op).to_string(),
        Key::Name(n) if n.is_empty() => return Ok(value.to_string()),
        Key::Name(n) if n.len() > 1 && n.starts_with('$') && n.ends_with('$') => {
            let inner: Vec<&str> = n[1..n.len() - 1].split('.').collect();
            let parts: Vec<String> = if inner.len() > 2 {
                vec![
                    inner[..inner.len() - 1].join("->"),
                    inner[inner.len() - 1].to_string(),
                ]
            } else {
                inner.iter().map(|s| s.to_string()).collect()
            };
            parts
                .iter()
                .map(|p| g.quote_ident(p))
                .collect::<Vec<_>>()
                .join(".")
        }
        Key::Name(n) => prefixed(g.quote_ident(n)),
    };
    Ok(format!("{key} {comparator} {value}"))
}

/// `_whereParseSingleValueObject`.
fn single_value_object<G: QueryGenerator + ?Sized>(
    g: &G,
    key: Key,
    prop: &str,
    v: &Json,
    opts: &WhereOptions,
) -> Result<String, SqlError> {
    let mut prop = prop;
    if prop == "not" {
        if v.is_array() {
            prop = "notIn";
        } else if !v.is_null() && !v.is_boolean() {
            prop = "ne";
        }
    }
    let mut comparator = g.operator(prop).unwrap_or("=").to_string();
    let esc = |x: &Json| g.escape(&value(x)?, None);
    match prop {
        "in" | "notIn" => {
            if is_tag(v, "literal") {
                let lit = v.get("val").and_then(Json::as_str).unwrap_or_default();
                return join_key_value(g, key, lit, &comparator, opts);
            }
            if let Some(items) = v.as_array().filter(|a| !a.is_empty()) {
                let list = items
                    .iter()
                    .map(esc)
                    .collect::<Result<Vec<_>, _>>()?
                    .join(", ");
                return join_key_value(g, key, &format!("({list})"), &comparator, opts);
            }
            if prop == "in" {
                return join_key_value(g, key, "(NULL)", &comparator, opts);
            }
            return Ok(String::new());
        }
        "any" | "all" => {
            let comparator = format!("= {comparator}");
            if let Some(values) = v.get("__op:values").and_then(Json::as_array) {
                let list = values
                    .iter()
                    .map(|x| Ok(format!("({})", esc(x)?)))
                    .collect::<Result<Vec<_>, SqlError>>()?;
                return join_key_value(
                    g,
                    key,
                    &format!("(VALUES {})", list.join(", ")),
                    &comparator,
                    opts,
                );
            }
            return join_key_value(g, key, &format!("({})", esc(v)?), &comparator, opts);
        }
        "between" | "notBetween" => {
            let a = v.get(0).unwrap_or(&Json::Null);
            let b = v.get(1).unwrap_or(&Json::Null);
            return join_key_value(
                g,
                key,
                &format!("{} AND {}", esc(a)?, esc(b)?),
                &comparator,
                opts,
            );
        }
        "raw" => return Err(SqlError::Sequelize(
            "The `$raw` where property is no longer supported.  Use `sequelize.literal` instead."
                .into(),
        )),
        "col" => {
            let s = v.as_str().unwrap_or_default();
            let parts: Vec<&str> = s.split('.').collect();
            let parts: Vec<String> = if parts.len() > 2 {
                vec![
                    parts[..parts.len() - 1].join("->"),
                    parts[parts.len() - 1].to_string(),
                ]
            } else {
                parts.iter().map(|p| p.to_string()).collect()
            };
            let quoted = parts
                .iter()
                .map(|p| g.quote_ident(p))
                .collect::<Vec<_>>()
                .join(".");
            return join_key_value(g, key, &quoted, operator_of(g, "eq"), opts);
        }
        "startsWith" | "endsWith" | "substring" => {
            let text = match v {
                Json::String(s) => s.clone(),
                o if is_tag(o, "literal") => o
                    .get("val")
                    .and_then(Json::as_str)
                    .unwrap_or_default()
                    .to_string(),
                Json::Number(n) => n.as_f64().map(crate::escape::js_number).unwrap_or_default(),
                Json::Bool(b) => b.to_string(),
                Json::Null => "null".into(),
                other => other.to_string(),
            };
            let pattern = match prop {
                "startsWith" => format!("{text}%"),
                "endsWith" => format!("%{text}"),
                _ => format!("%{text}%"),
            };
            return join_key_value(
                g,
                key,
                &g.escape(&SqlValue::Text(pattern), None)?,
                operator_of(g, "like"),
                opts,
            );
        }
        _ => {}
    }
    if let Json::Object(o) = v {
        if is_plain(v) {
            if o.contains_key("__op:col") {
                let inner = where_item(g, Key::None, v, opts)?.unwrap_or_default();
                return join_key_value(g, key, &inner, &comparator, opts);
            }
            for q in ["any", "all"] {
                if let Some(list) = o.get(&format!("__op:{q}")) {
                    comparator = format!("{comparator} {}", g.operator(q).unwrap_or(q));
                    return join_key_value(g, key, &format!("({})", esc(list)?), &comparator, opts);
                }
            }
        }
    }
    if v.is_null() && comparator == operator_of(g, "eq") {
        return join_key_value(g, key, "NULL", operator_of(g, "is"), opts);
    }
    if v.is_null() && comparator == operator_of(g, "ne") {
        return join_key_value(g, key, "NULL", operator_of(g, "not"), opts);
    }
    join_key_value(g, key, &esc(v)?, &comparator, opts)
}

/// `Sequelize.where(attribute, comparator, logic)` (handleSequelizeMethod's Where branch).
pub fn where_fn<G: QueryGenerator + ?Sized>(
    g: &G,
    attribute: &SqlValue,
    comparator: &str,
    logic: &Json,
) -> Result<String, SqlError> {
    let mut comparator = match op_name(comparator) {
        Some(op) => g.operator(op).unwrap_or(op).to_string(),
        None => comparator.to_string(),
    };
    let key = match attribute {
        m if m.is_method() => g.handle_method(m)?,
        SqlValue::Text(s) => g.quote_ident(s),
        other => g.escape(other, None)?,
    };
    let val = if is_method_json(logic) {
        where_conditions(g, logic, &WhereOptions::default())?
    } else if is_plain(logic) {
        let k = if attribute.is_method() {
            Key::Method(attribute)
        } else {
            Key::None
        };
        return Ok(where_item(g, k, logic, &WhereOptions::default())?.unwrap_or_default());
    } else if comparator == "BETWEEN" || comparator == "NOT BETWEEN" {
        let a = value(logic.get(0).unwrap_or(&Json::Null))?;
        let b = value(logic.get(1).unwrap_or(&Json::Null))?;
        format!("{} AND {}", g.escape(&a, None)?, g.escape(&b, None)?)
    } else if let Json::Bool(b) = logic {
        g.boolean_value(*b)
    } else {
        g.escape(&value(logic)?, None)?
    };
    if val == "NULL" {
        if comparator == "=" {
            comparator = "IS".into();
        } else if comparator == "!=" {
            comparator = "IS NOT".into();
        }
    }
    Ok(format!("{key} {comparator} {val}"))
}

/// A where whose leaf values become bind parameters (bulkUpdate's WHERE).
pub fn where_query_bound<G: QueryGenerator + ?Sized>(
    g: &G,
    where_: &Json,
    bind: &RefCell<Bind>,
) -> Result<String, SqlError> {
    where_query(
        g,
        where_,
        &WhereOptions {
            bind: Some(bind),
            ..Default::default()
        },
    )
}
