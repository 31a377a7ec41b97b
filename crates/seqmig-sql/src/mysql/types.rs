//! DataType → SQL for MySQL / MariaDB: Sequelize's base `data-types.js` with the
//! overrides of `dialects/mysql/data-types.js` (the mariadb dialect reuses them).

use crate::model::{DataType, Length};
use crate::SqlError;

fn length_text(t: &DataType) -> Option<String> {
    match &t.length {
        Some(Length::Num(n)) if *n > 0 => Some(n.to_string()),
        Some(Length::Name(s)) if !s.is_empty() => Some(s.clone()),
        _ => None,
    }
}

/// The base NUMBER `toSql`: key, `(length[,decimals])`, UNSIGNED, ZEROFILL.
fn number_sql(key: &str, t: &DataType) -> String {
    let mut s = key.to_string();
    if let Some(len) = length_text(t) {
        s.push('(');
        s.push_str(&len);
        if let Some(d) = t.decimals {
            s.push_str(&format!(",{d}"));
        }
        s.push(')');
    }
    if t.unsigned == Some(true) {
        s.push_str(" UNSIGNED");
    }
    if t.zerofill == Some(true) {
        s.push_str(" ZEROFILL");
    }
    s
}

/// The geometry subtypes Sequelize's mysql GEOMETRY accepts.
const GEOMETRY_TYPES: [&str; 3] = ["POINT", "LINESTRING", "POLYGON"];

/// `type.toSql()` for MySQL / MariaDB. `quote` escapes an ENUM value as a string.
pub fn type_sql(t: &DataType, quote: &dyn Fn(&str) -> String) -> Result<String, SqlError> {
    let key = t.key.as_str();
    Ok(match key {
        "RAW" => t.sql.clone().unwrap_or_default(),
        "STRING" | "CHAR" => {
            let len = length_text(t).unwrap_or_else(|| "255".into());
            let base = if key == "STRING" { "VARCHAR" } else { "CHAR" };
            let mut s = format!("{base}({len})");
            if t.binary == Some(true) {
                s.push_str(" BINARY");
            }
            s
        }
        "TEXT" => match length_text(t).map(|l| l.to_lowercase()).as_deref() {
            Some("tiny") => "TINYTEXT".into(),
            Some("medium") => "MEDIUMTEXT".into(),
            Some("long") => "LONGTEXT".into(),
            _ => "TEXT".into(),
        },
        "TINYINT" | "SMALLINT" | "MEDIUMINT" | "INTEGER" | "BIGINT" | "FLOAT" | "REAL"
        | "NUMBER" => number_sql(key, t),
        "DOUBLE" | "DOUBLE PRECISION" => number_sql("DOUBLE PRECISION", t),
        "DECIMAL" => {
            let parts: Vec<String> = [t.precision, t.scale]
                .iter()
                .flatten()
                .filter(|n| **n > 0)
                .map(|n| n.to_string())
                .collect();
            let mut s = if parts.is_empty() {
                "DECIMAL".to_string()
            } else {
                format!("DECIMAL({})", parts.join(","))
            };
            if t.unsigned == Some(true) {
                s.push_str(" UNSIGNED");
            }
            if t.zerofill == Some(true) {
                s.push_str(" ZEROFILL");
            }
            s
        }
        "BOOLEAN" => "TINYINT(1)".into(),
        "TIME" => "TIME".into(),
        "DATE" => match length_text(t) {
            Some(fsp) => format!("DATETIME({fsp})"),
            None => "DATETIME".into(),
        },
        "DATEONLY" => "DATE".into(),
        "UUID" => "CHAR(36) BINARY".into(),
        "ENUM" => {
            let values = t.values.as_deref().unwrap_or_default();
            let items: Vec<String> = values
                .iter()
                .map(|v| match v {
                    serde_json::Value::String(s) => quote(s),
                    other => quote(&other.to_string()),
                })
                .collect();
            format!("ENUM({})", items.join(", "))
        }
        "BLOB" => match length_text(t).map(|l| l.to_lowercase()).as_deref() {
            Some("tiny") => "TINYBLOB".into(),
            Some("medium") => "MEDIUMBLOB".into(),
            Some("long") => "LONGBLOB".into(),
            _ => "BLOB".into(),
        },
        "GEOMETRY" => match t.geometry_type.as_deref().filter(|g| !g.is_empty()) {
            None => "GEOMETRY".into(),
            Some(g) if GEOMETRY_TYPES.contains(&g) => g.to_string(),
            Some(_) => {
                return Err(SqlError::Sequelize(format!(
                    "Supported geometry types are: {}",
                    GEOMETRY_TYPES.join(", ")
                )))
            }
        },
        "JSON" => "JSON".into(),
        // Types MySQL lacks keep the base `toSql` (their key): the server refuses them.
        "ARRAY" => {
            let inner = t
                .inner
                .as_deref()
                .ok_or_else(|| SqlError::Type("ARRAY is missing its element type".into()))?;
            // `ARRAY.toSql()` calls the element type's `toSql()` without options: once
            // normalized to mysql's ENUM (createTable does it in place), that reads
            // `options.escape` and throws; the abstract ENUM's is its key.
            if inner.key == "ENUM" {
                if inner.abstract_type {
                    return Ok("ENUM[]".into());
                }
                return Err(SqlError::Type(
                    "Cannot read properties of undefined (reading 'escape')".into(),
                ));
            }
            format!("{}[]", type_sql(inner, quote)?)
        }
        "UUIDV1" | "UUIDV4" | "NOW" | "VIRTUAL" | "ABSTRACT" | "CITEXT" | "JSONB" | "HSTORE"
        | "RANGE" | "GEOGRAPHY" | "CIDR" | "INET" | "MACADDR" | "TSVECTOR" => key.into(),
        other => return Err(SqlError::Type(format!("Unknown column type: {other}"))),
    })
}
