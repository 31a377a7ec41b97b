//! Driver rows as the JSON Sequelize hands to JS (node-sqlite3 / pg shapes).

use base64::Engine as _;
use seqmig_db::{QueryResult, Value};
use serde_json::{json, Map, Value as Json};

/// A cell as its JS value (Buffers and Dates tagged for the shims to revive).
pub fn cell(v: &Value) -> Json {
    match v {
        Value::Null => Json::Null,
        Value::Bool(b) => json!(b),
        Value::Int(i) => json!(i),
        Value::Float(f) => serde_json::Number::from_f64(*f)
            .map(Json::Number)
            .unwrap_or(Json::Null),
        Value::Text(s) | Value::Numeric(s) | Value::Date(s) | Value::Time(s) | Value::Uuid(s) => {
            json!(s)
        }
        Value::Blob(b) => {
            json!({"$seqmig": "buffer", "base64": base64::engine::general_purpose::STANDARD.encode(b)})
        }
        Value::Json(j) => j.clone(),
        Value::Timestamp { ms, .. } => json!({"$seqmig": "date", "ms": ms}),
        Value::Array(items) => Json::Array(items.iter().map(cell).collect()),
        Value::Other { text, .. } => json!(text),
    }
}

/// Rows as objects keyed by column name (a later duplicate name wins, as in node).
pub fn rows(r: &QueryResult) -> Vec<Map<String, Json>> {
    r.rows
        .iter()
        .map(|row| {
            let mut o = Map::new();
            for (c, v) in r.columns.iter().zip(row) {
                o.insert(c.name.clone(), cell(v));
            }
            o
        })
        .collect()
}

pub fn rows_json(r: &QueryResult) -> Json {
    Json::Array(rows(r).into_iter().map(Json::Object).collect())
}

/// dottie's `transform` for `nest: true`: `a.b` keys become nested objects.
pub fn nest(row: Map<String, Json>) -> Map<String, Json> {
    let mut out = Map::new();
    for (k, v) in row {
        let parts: Vec<&str> = k.split('.').collect();
        let mut cur = &mut out;
        for p in &parts[..parts.len() - 1] {
            let entry = cur
                .entry(p.to_string())
                .or_insert_with(|| Json::Object(Map::new()));
            if !entry.is_object() {
                *entry = Json::Object(Map::new());
            }
            cur = entry.as_object_mut().expect("just made an object");
        }
        cur.insert(parts[parts.len() - 1].to_string(), v);
    }
    out
}
