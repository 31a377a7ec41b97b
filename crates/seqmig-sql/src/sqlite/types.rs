//! DataType → SQL for SQLite (Sequelize's `dialects/sqlite/data-types.js` over the base
//! types of `data-types.js`).

use crate::abstract_gen::Warnings;
use crate::model::{DataType, Length};
use crate::SqlError;

const LINK: &str = "https://www.sqlite.org/datatype3.html";

fn length_num(t: &DataType) -> Option<String> {
    match &t.length {
        Some(Length::Num(n)) if *n > 0 => Some(n.to_string()),
        Some(Length::Name(s)) if !s.is_empty() => Some(s.clone()),
        _ => None,
    }
}

/// The sqlite NUMBER `toSql`: key, UNSIGNED, ZEROFILL, then `(length[,decimals])`.
fn number_sql(key: &str, t: &DataType) -> String {
    let mut s = key.to_string();
    if t.unsigned == Some(true) {
        s.push_str(" UNSIGNED");
    }
    if t.zerofill == Some(true) {
        s.push_str(" ZEROFILL");
    }
    if let Some(len) = length_num(t) {
        s.push('(');
        s.push_str(&len);
        if let Some(d) = t.decimals {
            s.push_str(&format!(",{d}"));
        }
        s.push(')');
    }
    s
}

/// `type.toSql()` for SQLite; warnings go where Sequelize prints them.
pub fn type_sql(t: &DataType, warnings: &Warnings) -> Result<String, SqlError> {
    let key = t.key.as_str();
    Ok(match key {
        "RAW" => t.sql.clone().unwrap_or_default(),
        "STRING" | "CHAR" => {
            let len = length_num(t).unwrap_or_else(|| "255".into());
            let base = if key == "STRING" { "VARCHAR" } else { "CHAR" };
            if t.binary == Some(true) {
                format!("{base} BINARY({len})")
            } else {
                format!("{base}({len})")
            }
        }
        "TEXT" => {
            if length_num(t).is_some() {
                warnings.push(
                    LINK,
                    "SQLite does not support TEXT with options. Plain `TEXT` will be used instead.",
                );
            }
            "TEXT".into()
        }
        "CITEXT" => "TEXT COLLATE NOCASE".into(),
        "TINYINT" | "SMALLINT" | "MEDIUMINT" | "INTEGER" | "BIGINT" => {
            let mut t = t.clone();
            if t.unsigned == Some(true) || t.zerofill == Some(true) {
                warnings.push(
                    LINK,
                    &format!("SQLite does not support '{key}' with UNSIGNED or ZEROFILL. Plain '{key}' will be used instead."),
                );
                t.unsigned = None;
                t.zerofill = None;
            }
            number_sql(key, &t)
        }
        "FLOAT" | "REAL" | "NUMBER" => number_sql(key, t),
        "DOUBLE" | "DOUBLE PRECISION" => number_sql("DOUBLE PRECISION", t),
        "DECIMAL" => {
            let parts: Vec<String> = [t.precision, t.scale]
                .iter()
                .flatten()
                .filter(|n| **n > 0)
                .map(|n| n.to_string())
                .collect();
            if parts.is_empty() {
                "DECIMAL".into()
            } else {
                format!("DECIMAL({})", parts.join(","))
            }
        }
        "BOOLEAN" => "TINYINT(1)".into(),
        "TIME" => "TIME".into(),
        "DATE" => "DATETIME".into(),
        "DATEONLY" => "DATE".into(),
        "ENUM" => "TEXT".into(),
        "BLOB" => match &t.length {
            Some(Length::Name(l)) => match l.to_lowercase().as_str() {
                "tiny" => "TINYBLOB".into(),
                "medium" => "MEDIUMBLOB".into(),
                "long" => "LONGBLOB".into(),
                _ => "BLOB".into(),
            },
            _ => "BLOB".into(),
        },
        "ARRAY" => {
            let inner = t
                .inner
                .as_deref()
                .ok_or_else(|| SqlError::Type("ARRAY is missing its element type".into()))?;
            format!("{}[]", type_sql(inner, warnings)?)
        }
        "UUID" | "UUIDV1" | "UUIDV4" | "NOW" | "JSON" | "JSONB" | "HSTORE" | "RANGE"
        | "GEOMETRY" | "GEOGRAPHY" | "CIDR" | "INET" | "MACADDR" | "TSVECTOR" | "VIRTUAL"
        | "ABSTRACT" => key.into(),
        other => return Err(SqlError::Type(format!("Unknown column type: {other}"))),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn t(v: serde_json::Value) -> DataType {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn sqlite_type_names() {
        let w = Warnings::default();
        let cases = [
            (json!({"key": "STRING"}), "VARCHAR(255)"),
            (json!({"key": "STRING", "length": 64}), "VARCHAR(64)"),
            (
                json!({"key": "STRING", "length": 20, "binary": true}),
                "VARCHAR BINARY(20)",
            ),
            (json!({"key": "CHAR", "length": 2}), "CHAR(2)"),
            (json!({"key": "TEXT"}), "TEXT"),
            (json!({"key": "CITEXT"}), "TEXT COLLATE NOCASE"),
            (json!({"key": "INTEGER", "length": 11}), "INTEGER(11)"),
            (json!({"key": "BIGINT"}), "BIGINT"),
            (
                json!({"key": "FLOAT", "length": 10, "decimals": 2}),
                "FLOAT(10,2)",
            ),
            (json!({"key": "DOUBLE"}), "DOUBLE PRECISION"),
            (
                json!({"key": "DECIMAL", "precision": 10, "scale": 2}),
                "DECIMAL(10,2)",
            ),
            (json!({"key": "DECIMAL"}), "DECIMAL"),
            (json!({"key": "BOOLEAN"}), "TINYINT(1)"),
            (json!({"key": "DATE"}), "DATETIME"),
            (json!({"key": "DATEONLY"}), "DATE"),
            (json!({"key": "ENUM", "values": ["a"]}), "TEXT"),
            (json!({"key": "UUID"}), "UUID"),
            (json!({"key": "JSON"}), "JSON"),
            (json!({"key": "BLOB", "length": "long"}), "LONGBLOB"),
            (json!({"key": "RAW", "sql": "VARCHAR(20)"}), "VARCHAR(20)"),
        ];
        for (input, want) in cases {
            assert_eq!(type_sql(&t(input.clone()), &w).unwrap(), want, "{input}");
        }
        assert!(w.take().is_empty());
    }

    #[test]
    fn unsigned_integer_warns_and_is_dropped() {
        let w = Warnings::default();
        assert_eq!(
            type_sql(&t(json!({"key": "INTEGER", "unsigned": true})), &w).unwrap(),
            "INTEGER"
        );
        assert_eq!(
            w.take(),
            ["(sequelize) Warning: SQLite does not support 'INTEGER' with UNSIGNED or ZEROFILL. Plain 'INTEGER' will be used instead. \n>> Check: https://www.sqlite.org/datatype3.html"]
        );
        assert!(matches!(
            type_sql(&t(json!({"key": "NOPE"})), &w),
            Err(SqlError::Type(_))
        ));
    }
}
