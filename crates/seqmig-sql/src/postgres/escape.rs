//! PostgreSQL's escaping: `SqlString.escape` for postgres (`ARRAY[...]`, `E'\\x…'`) and
//! the `_stringify` of the types whose `escape` is false (ARRAY, HSTORE, RANGE) or that
//! wrap their value (GEOMETRY).

use serde_json::Value as Json;

use super::{types, PostgresGenerator};
use crate::abstract_gen::{typed_array, QueryGenerator, Warnings};
use crate::escape::{hex, js_number};
use crate::model::DataType;
use crate::value::SqlValue;
use crate::{Dialect, SqlError};

/// The generator without its typed `escape` override: the abstract `escape`, with the
/// postgres literals. The typed override falls back on it for every other type.
pub(super) struct Base<'a>(pub &'a PostgresGenerator);

impl QueryGenerator for Base<'_> {
    fn dialect(&self) -> Dialect {
        Dialect::Postgres
    }
    fn warnings(&self) -> &Warnings {
        self.0.warnings()
    }
    fn quote_identifier(&self, id: &str) -> String {
        self.0.quote_identifier(id)
    }
    fn supports_schemas(&self) -> bool {
        true
    }
    fn data_type_sql(&self, t: &DataType) -> Result<String, SqlError> {
        self.0.data_type_sql(t)
    }
    fn boolean_literal(&self, b: bool) -> String {
        b.to_string()
    }
    fn timezone_offset(&self) -> i32 {
        self.0.timezone_offset()
    }
    fn defer_constraints_sql(&self, deferrable: &str) -> String {
        self.0.defer_constraints_sql(deferrable)
    }
    fn limit_offset(
        &self,
        limit: Option<&Json>,
        offset: Option<&Json>,
    ) -> Result<String, SqlError> {
        limit_offset(self, limit, offset)
    }
    fn blob_literal(&self, bytes: &[u8]) -> String {
        blob_literal(bytes)
    }
    fn escape_array(&self, items: &[SqlValue]) -> Result<String, SqlError> {
        untyped_array(self, items)
    }
    fn json_path_extraction(&self, column: &str, path: &[&str]) -> String {
        json_path(column, path)
    }
}

/// postgres `addLimitAndOffset`: ` LIMIT l` and ` OFFSET o`, each when given.
pub(super) fn limit_offset<G: QueryGenerator + ?Sized>(
    g: &G,
    limit: Option<&Json>,
    offset: Option<&Json>,
) -> Result<String, SqlError> {
    let mut out = String::new();
    if let Some(l) = limit.filter(|v| !v.is_null()) {
        out.push_str(&format!(
            " LIMIT {}",
            g.escape(&SqlValue::from_json(l)?, None)?
        ));
    }
    if let Some(o) = offset.filter(|v| !v.is_null()) {
        out.push_str(&format!(
            " OFFSET {}",
            g.escape(&SqlValue::from_json(o)?, None)?
        ));
    }
    Ok(out)
}

/// postgres `BLOB._hexify`.
pub(super) fn blob_literal(bytes: &[u8]) -> String {
    format!("E'\\\\x{}'", hex(bytes))
}

/// `SqlString.escape(array)` on postgres: `ARRAY[a,b]`, nested arrays nest.
pub(super) fn untyped_array<G: QueryGenerator + ?Sized>(
    g: &G,
    items: &[SqlValue],
) -> Result<String, SqlError> {
    let mut out = Vec::with_capacity(items.len());
    for v in items {
        out.push(g.escape_plain(v)?);
    }
    Ok(format!("ARRAY[{}]", out.join(",")))
}

/// `jsonPathExtractionQuery(column, path)`: `("col"#>>'{a,b}')`.
pub(super) fn json_path(column: &str, path: &[&str]) -> String {
    let p = crate::escape::quote_string(&format!("{{{}}}", path.join(",")), true);
    format!("({column}#>>{p})")
}

/// The typed escapes only postgres has; `None` means "the abstract escape decides".
pub(super) fn typed(
    g: &PostgresGenerator,
    v: &SqlValue,
    field: Option<&DataType>,
) -> Result<Option<String>, SqlError> {
    let Some(t) = field else { return Ok(None) };
    if v.is_null() || v.is_method() {
        return Ok(None);
    }
    Ok(match (t.key.as_str(), v) {
        ("ARRAY", SqlValue::Array(items)) => Some(typed_array(g, items, t)?),
        ("HSTORE", SqlValue::Object(o)) => Some(format!("'{}'", hstore_stringify(o))),
        ("RANGE", v) => {
            let (_, cast) = types::range_names(t)?;
            match v {
                SqlValue::Array(bounds) => Some(format!("'{}'", range_stringify(g, t, bounds)?)),
                other => Some(format!("'{}'::{cast}", range_bound(g, t, other)?)),
            }
        }
        ("GEOMETRY" | "GEOGRAPHY", v) => {
            let text = crate::abstract_gen::json_stringify(v);
            Some(format!(
                "ST_GeomFromGeoJSON({})",
                crate::escape::quote_string(&text, true)
            ))
        }
        _ => None,
    })
}

/// One range bound as `subtype.stringify` gives it (then JSON-stringified by range.js).
fn range_bound(g: &PostgresGenerator, t: &DataType, v: &SqlValue) -> Result<String, SqlError> {
    let sub = t
        .inner
        .as_deref()
        .map(|i| i.key.as_str())
        .unwrap_or("INTEGER");
    Ok(match (sub, v) {
        ("DATE", SqlValue::Date(ms)) => g.date_string(*ms),
        (_, SqlValue::Text(s)) => s.clone(),
        (_, SqlValue::Int(i)) => i.to_string(),
        (_, SqlValue::Float(f)) => js_number(*f),
        (_, other) => other.to_json().to_string(),
    })
}

/// range.js `stringify`: `[lower,upper)` by default, bounds JSON-encoded.
fn range_stringify(
    g: &PostgresGenerator,
    t: &DataType,
    bounds: &[SqlValue],
) -> Result<String, SqlError> {
    if bounds.is_empty() {
        return Ok("empty".into());
    }
    if bounds.len() != 2 {
        return Err(SqlError::Sequelize(
            "range array length must be 0 (empty) or 2 (lower and upper bounds)".into(),
        ));
    }
    let mut inclusive = [true, false];
    let mut text = Vec::with_capacity(2);
    for (i, b) in bounds.iter().enumerate() {
        let mut value = b.clone();
        if let SqlValue::Object(o) = b {
            if let Some(inc) = o.get("inclusive") {
                inclusive[i] = inc.as_bool().unwrap_or(false);
            }
            if let Some(v) = o.get("value") {
                value = SqlValue::from_json(v).unwrap_or(SqlValue::Null);
            }
        }
        text.push(match &value {
            SqlValue::Null => String::new(),
            SqlValue::Text(s) if s == "Infinity" || s == "-Infinity" => s.to_lowercase(),
            SqlValue::Int(_) | SqlValue::Float(_) => range_bound(g, t, &value)?,
            other => Json::String(range_bound(g, t, other)?).to_string(),
        });
    }
    Ok(format!(
        "{}{},{}{}",
        if inclusive[0] { "[" } else { "(" },
        text[0],
        text[1],
        if inclusive[1] { "]" } else { ")" }
    ))
}

/// Sequelize's `hstore.stringify` (pg-hstore with `sanitize`): every value quoted, `'`
/// doubled, backslashes and double quotes escaped; `null` is `NULL`.
pub fn hstore_stringify(o: &serde_json::Map<String, Json>) -> String {
    fn sanitize(s: &str) -> String {
        s.replace('\'', "''")
            .replace('\\', "\\\\")
            .replace('"', "\\\"")
    }
    fn text(v: &Json) -> String {
        match v {
            Json::Bool(b) => b.to_string(),
            Json::Number(n) => n.as_f64().map(js_number).unwrap_or_else(|| n.to_string()),
            Json::String(s) => sanitize(s),
            Json::Array(a) => a
                .iter()
                .map(|x| match x {
                    Json::Null => String::new(),
                    Json::String(s) => s.clone(),
                    other => text(other),
                })
                .collect::<Vec<_>>()
                .join(","),
            Json::Object(_) => "[object Object]".into(),
            Json::Null => String::new(),
        }
    }
    o.iter()
        .map(|(k, v)| match v {
            Json::Null => format!("\"{}\"=>NULL", sanitize(k)),
            v => format!("\"{}\"=>\"{}\"", sanitize(k), text(v)),
        })
        .collect::<Vec<_>>()
        .join(",")
}
