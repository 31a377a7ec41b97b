//! Parameters sent as node-postgres sends them: every value in text format, with the
//! type left for the server to infer (`WHERE id = $1` with `'5'` works).

use std::error::Error;

use bytes::BytesMut;
use postgres::types::{to_sql_checked, Format, IsNull, Kind, ToSql, Type};

use crate::Value;

/// The parameter type sent in Parse: OID 0, "let the server decide".
pub(crate) fn unspecified() -> Type {
    Type::new(
        "unspecified".to_string(),
        0,
        Kind::Pseudo,
        "pg_catalog".to_string(),
    )
}

/// A `Value` bound in text format (a Blob in binary), whatever type the server inferred.
#[derive(Debug)]
pub(crate) struct TextParam<'a>(pub &'a Value);

impl ToSql for TextParam<'_> {
    fn to_sql(
        &self,
        _ty: &Type,
        out: &mut BytesMut,
    ) -> Result<IsNull, Box<dyn Error + Sync + Send>> {
        if let Value::Blob(bytes) = self.0 {
            out.extend_from_slice(bytes);
            return Ok(IsNull::No);
        }
        match text_of(self.0) {
            None => Ok(IsNull::Yes),
            Some(text) => {
                out.extend_from_slice(text.as_bytes());
                Ok(IsNull::No)
            }
        }
    }

    fn accepts(_ty: &Type) -> bool {
        true
    }

    fn encode_format(&self, _ty: &Type) -> Format {
        // node-postgres sends a Buffer in binary format, everything else as text.
        match self.0 {
            Value::Blob(_) => Format::Binary,
            _ => Format::Text,
        }
    }

    to_sql_checked!();
}

/// Bytes already in PostgreSQL's binary format for a known type: used to ask the
/// server for the text form of a value that was received in binary.
#[derive(Debug)]
pub(crate) struct BinaryParam<'a>(pub &'a [u8]);

impl ToSql for BinaryParam<'_> {
    fn to_sql(
        &self,
        _ty: &Type,
        out: &mut BytesMut,
    ) -> Result<IsNull, Box<dyn Error + Sync + Send>> {
        out.extend_from_slice(self.0);
        Ok(IsNull::No)
    }

    fn accepts(_ty: &Type) -> bool {
        true
    }

    to_sql_checked!();
}

/// The text node-postgres' `prepareValue` would send; `None` for SQL NULL.
pub(crate) fn text_of(value: &Value) -> Option<String> {
    Some(match value {
        Value::Null => return None,
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => js_number(*f),
        Value::Text(s) | Value::Numeric(s) | Value::Date(s) | Value::Time(s) | Value::Uuid(s) => {
            s.clone()
        }
        Value::Other { text, .. } => text.clone(),
        Value::Json(j) => j.to_string(),
        Value::Blob(b) => bytea_hex(b),
        Value::Timestamp { ms, tz } => {
            let base = crate::pg_decode::format_timestamp_ms(*ms);
            if *tz {
                format!("{base}+00:00")
            } else {
                base
            }
        }
        Value::Array(items) => array_literal(items),
    })
}

fn js_number(f: f64) -> String {
    if f.is_nan() {
        "NaN".to_string()
    } else if f.is_infinite() {
        if f > 0.0 { "Infinity" } else { "-Infinity" }.to_string()
    } else {
        f.to_string()
    }
}

fn bytea_hex(b: &[u8]) -> String {
    let mut s = String::with_capacity(2 + b.len() * 2);
    s.push_str("\\x");
    for byte in b {
        s.push_str(&format!("{byte:02x}"));
    }
    s
}

/// node-postgres' `arrayString`: `{1,"a b",NULL,{2,3}}`.
fn array_literal(items: &[Value]) -> String {
    let mut out = String::from("{");
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        match item {
            Value::Null => out.push_str("NULL"),
            Value::Array(inner) => out.push_str(&array_literal(inner)),
            Value::Blob(b) => {
                out.push_str("\"\\");
                out.push_str(&bytea_hex(b));
                out.push('"');
            }
            other => {
                let text = text_of(other).unwrap_or_default();
                out.push('"');
                out.push_str(&text.replace('\\', "\\\\").replace('"', "\\\""));
                out.push('"');
            }
        }
    }
    out.push('}');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_of_scalars_matches_node_postgres() {
        assert_eq!(text_of(&Value::Null), None);
        assert_eq!(text_of(&Value::Bool(true)).unwrap(), "true");
        assert_eq!(text_of(&Value::Int(-5)).unwrap(), "-5");
        assert_eq!(text_of(&Value::Float(1.0)).unwrap(), "1");
        assert_eq!(text_of(&Value::Float(0.25)).unwrap(), "0.25");
        assert_eq!(text_of(&Value::Blob(vec![0, 255])).unwrap(), "\\x00ff");
        assert_eq!(
            text_of(&Value::Json(serde_json::json!({"a": [1, "x"]}))).unwrap(),
            r#"{"a":[1,"x"]}"#
        );
        assert_eq!(
            text_of(&Value::Timestamp {
                ms: 1704445200000,
                tz: true
            })
            .unwrap(),
            "2024-01-05 09:00:00.000+00:00"
        );
    }

    #[test]
    fn arrays_are_quoted_like_node_postgres() {
        let v = Value::Array(vec![
            Value::Int(1),
            Value::Text("a \"b\"\\".into()),
            Value::Null,
            Value::Array(vec![Value::Int(2)]),
        ]);
        assert_eq!(text_of(&v).unwrap(), r#"{"1","a \"b\"\\",NULL,{"2"}}"#);
    }
}
