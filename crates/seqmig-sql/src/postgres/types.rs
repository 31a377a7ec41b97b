//! DataType → SQL for PostgreSQL (Sequelize's `dialects/postgres/data-types.js` over the
//! base types of `data-types.js`), with the warnings those constructors print.

use crate::abstract_gen::Warnings;
use crate::escape::quote_string;
use crate::model::{DataType, Length};
use crate::SqlError;

pub(crate) const LINK: &str = "http://www.postgresql.org/docs/9.4/static/datatype.html";

fn length_text(t: &DataType) -> Option<String> {
    match &t.length {
        Some(Length::Num(n)) if *n > 0 => Some(n.to_string()),
        Some(Length::Name(s)) if !s.is_empty() => Some(s.clone()),
        _ => None,
    }
}

/// The base `NUMBER.toSql`: key, `(length[,decimals])`, then UNSIGNED/ZEROFILL.
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

/// `removeUnsupportedIntegerOptions`: postgres integers take no length, sign or fill.
fn plain_number(key: &str, t: &DataType, warnings: &Warnings) -> String {
    if length_text(t).is_some() || t.unsigned == Some(true) || t.zerofill == Some(true) {
        warnings.push(
            LINK,
            &format!(
                "PostgresSQL does not support '{key}' with LENGTH, UNSIGNED or ZEROFILL. Plain '{key}' will be used instead."
            ),
        );
    }
    key.to_string()
}

/// `ENUM.toSql()`: the values escaped as strings.
pub(crate) fn enum_sql(values: &[serde_json::Value]) -> Result<String, SqlError> {
    if values.is_empty() {
        return Err(SqlError::Sequelize(
            "Values for ENUM haven't been defined.".into(),
        ));
    }
    let items: Vec<String> = values
        .iter()
        .map(|v| match v {
            serde_json::Value::String(s) => quote_string(s, true),
            other => other.to_string(),
        })
        .collect();
    Ok(format!("ENUM({})", items.join(", ")))
}

/// `RANGE.toSql()` / `toCastType()` by subtype (INTEGER when none is given).
pub(crate) fn range_names(t: &DataType) -> Result<(&'static str, &'static str), SqlError> {
    let sub = t
        .inner
        .as_deref()
        .map(|i| i.key.as_str())
        .unwrap_or("INTEGER");
    Ok(match sub {
        "INTEGER" => ("int4range", "int4"),
        "DECIMAL" => ("numrange", "numeric"),
        "DATE" => ("tstzrange", "timestamptz"),
        "DATEONLY" => ("daterange", "date"),
        "BIGINT" => ("int8range", "int8"),
        other => {
            return Err(SqlError::Type(format!(
                "A range of type {other} is not supported"
            )))
        }
    })
}

/// The warnings the postgres type constructors print (integers, REAL, DOUBLE, FLOAT):
/// Sequelize builds every attribute's type before turning any into SQL, so these come
/// before the `toSql` ones (TEXT, BLOB).
pub fn constructor_warnings(t: &DataType, warnings: &Warnings) {
    match t.key.as_str() {
        "TINYINT" | "SMALLINT" | "INTEGER" | "BIGINT" | "REAL" => {
            plain_number(&t.key, t, warnings);
        }
        "DOUBLE" | "DOUBLE PRECISION" => {
            plain_number("DOUBLE PRECISION", t, warnings);
        }
        "FLOAT" => {
            let _ = type_sql(t, warnings);
        }
        "ARRAY" | "RANGE" => {
            if let Some(inner) = t.inner.as_deref() {
                constructor_warnings(inner, warnings);
            }
        }
        _ => {}
    }
}

/// `type.toSql()` for PostgreSQL; warnings go where Sequelize prints them.
pub fn type_sql(t: &DataType, warnings: &Warnings) -> Result<String, SqlError> {
    let key = t.key.as_str();
    Ok(match key {
        "RAW" => t.sql.clone().unwrap_or_default(),
        "STRING" | "CHAR" => {
            if t.binary == Some(true) {
                return Ok("BYTEA".into());
            }
            let len = length_text(t).unwrap_or_else(|| "255".into());
            let base = if key == "STRING" { "VARCHAR" } else { "CHAR" };
            format!("{base}({len})")
        }
        "TEXT" => {
            if length_text(t).is_some() {
                warnings.push(
                    LINK,
                    "PostgreSQL does not support TEXT with options. Plain `TEXT` will be used instead.",
                );
            }
            "TEXT".into()
        }
        "CITEXT" => "CITEXT".into(),
        "TINYINT" | "SMALLINT" | "INTEGER" | "BIGINT" | "REAL" => plain_number(key, t, warnings),
        // MEDIUMINT has no postgres class: the base NUMBER text is emitted as is.
        "MEDIUMINT" => number_sql(key, t),
        "DOUBLE" | "DOUBLE PRECISION" => plain_number("DOUBLE PRECISION", t, warnings),
        "FLOAT" => {
            let mut t = t.clone();
            if t.decimals.is_some_and(|d| d > 0) {
                warnings.push(
                    LINK,
                    "PostgreSQL does not support FLOAT with decimals. Plain `FLOAT` will be used instead.",
                );
                t.length = None;
                t.decimals = None;
            }
            if t.unsigned == Some(true) {
                warnings.push(
                    LINK,
                    "PostgreSQL does not support FLOAT unsigned. `UNSIGNED` was removed.",
                );
                t.unsigned = None;
            }
            if t.zerofill == Some(true) {
                warnings.push(
                    LINK,
                    "PostgreSQL does not support FLOAT zerofill. `ZEROFILL` was removed.",
                );
                t.zerofill = None;
            }
            number_sql("FLOAT", &t)
        }
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
        "BOOLEAN" => "BOOLEAN".into(),
        "TIME" => "TIME".into(),
        "DATE" => "TIMESTAMP WITH TIME ZONE".into(),
        "DATEONLY" => "DATE".into(),
        "ENUM" => enum_sql(t.values.as_deref().unwrap_or_default())?,
        "BLOB" => {
            if t.length.is_some() {
                warnings.push(
                    LINK,
                    "PostgreSQL does not support BLOB (BYTEA) with options. Plain `BYTEA` will be used instead.",
                );
            }
            "BYTEA".into()
        }
        "ARRAY" => {
            let inner = t
                .inner
                .as_deref()
                .ok_or_else(|| SqlError::Type("ARRAY is missing its element type".into()))?;
            format!("{}[]", type_sql(inner, warnings)?)
        }
        "RANGE" => range_names(t)?.0.into(),
        "GEOMETRY" | "GEOGRAPHY" => {
            let mut s = key.to_string();
            if let Some(g) = &t.geometry_type {
                s.push('(');
                s.push_str(g);
                if let Some(srid) = t.srid.filter(|s| *s > 0) {
                    s.push_str(&format!(",{srid}"));
                }
                s.push(')');
            }
            s
        }
        "UUID" | "UUIDV1" | "UUIDV4" | "NOW" | "JSON" | "JSONB" | "HSTORE" | "CIDR" | "INET"
        | "MACADDR" | "TSVECTOR" | "VIRTUAL" | "ABSTRACT" => key.into(),
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
    fn postgres_type_names() {
        let w = Warnings::default();
        let cases = [
            (json!({"key": "STRING"}), "VARCHAR(255)"),
            (json!({"key": "STRING", "length": 64}), "VARCHAR(64)"),
            (json!({"key": "STRING", "binary": true}), "BYTEA"),
            (json!({"key": "CHAR", "length": 2}), "CHAR(2)"),
            (json!({"key": "TEXT"}), "TEXT"),
            (json!({"key": "CITEXT"}), "CITEXT"),
            (json!({"key": "INTEGER"}), "INTEGER"),
            (json!({"key": "BIGINT"}), "BIGINT"),
            (json!({"key": "FLOAT"}), "FLOAT"),
            (json!({"key": "FLOAT", "length": 11}), "FLOAT(11)"),
            (json!({"key": "DOUBLE"}), "DOUBLE PRECISION"),
            (json!({"key": "REAL"}), "REAL"),
            (
                json!({"key": "DECIMAL", "precision": 10, "scale": 2}),
                "DECIMAL(10,2)",
            ),
            (json!({"key": "DECIMAL", "precision": 10}), "DECIMAL(10)"),
            (json!({"key": "BOOLEAN"}), "BOOLEAN"),
            (json!({"key": "DATE"}), "TIMESTAMP WITH TIME ZONE"),
            (
                json!({"key": "DATE", "length": 3}),
                "TIMESTAMP WITH TIME ZONE",
            ),
            (json!({"key": "DATEONLY"}), "DATE"),
            (json!({"key": "TIME"}), "TIME"),
            (
                json!({"key": "ENUM", "values": ["a", "o'b"]}),
                "ENUM('a', 'o''b')",
            ),
            (json!({"key": "UUID"}), "UUID"),
            (json!({"key": "JSONB"}), "JSONB"),
            (json!({"key": "HSTORE"}), "HSTORE"),
            (json!({"key": "BLOB"}), "BYTEA"),
            (json!({"key": "INET"}), "INET"),
            (json!({"key": "TSVECTOR"}), "TSVECTOR"),
            (
                json!({"key": "ARRAY", "type": {"key": "STRING"}}),
                "VARCHAR(255)[]",
            ),
            (
                json!({"key": "ARRAY", "type": {"key": "ARRAY", "type": {"key": "INTEGER"}}}),
                "INTEGER[][]",
            ),
            (json!({"key": "RANGE"}), "int4range"),
            (
                json!({"key": "RANGE", "type": {"key": "DATE"}}),
                "tstzrange",
            ),
            (
                json!({"key": "GEOMETRY", "geometryType": "POINT", "srid": 4326}),
                "GEOMETRY(POINT,4326)",
            ),
            (json!({"key": "GEOMETRY"}), "GEOMETRY"),
            (json!({"key": "RAW", "sql": "VARCHAR(20)"}), "VARCHAR(20)"),
        ];
        for (input, want) in cases {
            assert_eq!(type_sql(&t(input.clone()), &w).unwrap(), want, "{input}");
        }
        assert!(w.take().is_empty());
    }

    #[test]
    fn unsupported_options_warn_with_sequelizes_typo() {
        let w = Warnings::default();
        assert_eq!(
            type_sql(
                &t(json!({"key": "INTEGER", "length": 11, "unsigned": true})),
                &w
            )
            .unwrap(),
            "INTEGER"
        );
        assert_eq!(
            type_sql(&t(json!({"key": "FLOAT", "length": 10, "decimals": 2})), &w).unwrap(),
            "FLOAT"
        );
        assert_eq!(
            type_sql(&t(json!({"key": "TEXT", "length": "long"})), &w).unwrap(),
            "TEXT"
        );
        let got = w.take();
        assert_eq!(got.len(), 3);
        assert_eq!(
            got[0],
            "(sequelize) Warning: PostgresSQL does not support 'INTEGER' with LENGTH, UNSIGNED or ZEROFILL. Plain 'INTEGER' will be used instead. \n>> Check: http://www.postgresql.org/docs/9.4/static/datatype.html"
        );
        assert!(matches!(
            type_sql(&t(json!({"key": "ENUM", "values": []})), &w),
            Err(SqlError::Sequelize(_))
        ));
    }
}
