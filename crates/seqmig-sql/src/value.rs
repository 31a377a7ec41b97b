//! `SqlValue`: a JavaScript value as the shims send it (docs/CONTRACTS.md §3, "Values").

use base64::Engine as _;
use serde::{Deserialize, Deserializer};
use serde_json::Value as Json;

use crate::error::SqlError;

/// A value of a request: plain JSON, or a tagged Sequelize/JS object.
#[derive(Debug, Clone, PartialEq)]
pub enum SqlValue {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Text(String),
    Array(Vec<SqlValue>),
    /// A plain object (a JSON column's value). Kept as JSON: its members are data.
    Object(serde_json::Map<String, Json>),
    /// A JS Date; `None` for an invalid date.
    Date(Option<i64>),
    Buffer(Vec<u8>),
    Literal(String),
    Fn {
        name: String,
        args: Vec<SqlValue>,
    },
    Col(String),
    Cast {
        val: Box<SqlValue>,
        to: String,
    },
    /// `Sequelize.where(attribute, comparator, logic)`; `logic` is a value or a where object.
    Where {
        attribute: Box<SqlValue>,
        comparator: String,
        logic: Json,
    },
    Json {
        path: String,
        value: Option<Box<SqlValue>>,
    },
    /// `Sequelize.json({a: {b: 1}})`: a conditions object instead of a path.
    JsonConditions(Json),
    Now,
    UuidV4,
    UuidV1,
}

impl SqlValue {
    pub fn from_json(v: &Json) -> Result<SqlValue, SqlError> {
        Ok(match v {
            Json::Null => SqlValue::Null,
            Json::Bool(b) => SqlValue::Bool(*b),
            Json::Number(n) => match n.as_i64() {
                Some(i) => SqlValue::Int(i),
                None => SqlValue::Float(n.as_f64().unwrap_or(f64::NAN)),
            },
            Json::String(s) => SqlValue::Text(s.clone()),
            Json::Array(items) => SqlValue::Array(
                items
                    .iter()
                    .map(SqlValue::from_json)
                    .collect::<Result<_, _>>()?,
            ),
            Json::Object(o) => match o.get("$seqmig").and_then(Json::as_str) {
                None => SqlValue::Object(o.clone()),
                Some(tag) => Self::from_tag(tag, o)?,
            },
        })
    }

    fn from_tag(tag: &str, o: &serde_json::Map<String, Json>) -> Result<SqlValue, SqlError> {
        let str_of = |k: &str| -> Result<String, SqlError> {
            match o.get(k) {
                Some(Json::String(s)) => Ok(s.clone()),
                other => Err(SqlError::BadRequest(format!(
                    "$seqmig {tag}: `{k}` must be a string, got {other:?}"
                ))),
            }
        };
        let value_of = |k: &str| -> Result<SqlValue, SqlError> {
            SqlValue::from_json(o.get(k).unwrap_or(&Json::Null))
        };
        Ok(match tag {
            "date" => SqlValue::Date(o.get("ms").and_then(|m| m.as_f64()).map(|m| m as i64)),
            "literal" => SqlValue::Literal(str_of("val")?),
            "fn" => SqlValue::Fn {
                name: str_of("fn")?,
                args: match o.get("args") {
                    Some(Json::Array(a)) => a
                        .iter()
                        .map(SqlValue::from_json)
                        .collect::<Result<_, _>>()?,
                    _ => Vec::new(),
                },
            },
            "col" => SqlValue::Col(str_of("col")?),
            "cast" => SqlValue::Cast {
                val: Box::new(value_of("val")?),
                to: str_of("type")?,
            },
            "where" => SqlValue::Where {
                attribute: Box::new(value_of("attribute")?),
                comparator: o
                    .get("comparator")
                    .and_then(Json::as_str)
                    .unwrap_or("=")
                    .to_string(),
                logic: o.get("logic").cloned().unwrap_or(Json::Null),
            },
            "json" if o.contains_key("conditions") => {
                SqlValue::JsonConditions(o["conditions"].clone())
            }
            "json" => SqlValue::Json {
                path: str_of("path")?,
                value: match o.get("value") {
                    None => None,
                    Some(v) => Some(Box::new(SqlValue::from_json(v)?)),
                },
            },
            "now" => SqlValue::Now,
            "uuidv4" => SqlValue::UuidV4,
            "uuidv1" => SqlValue::UuidV1,
            "buffer" => SqlValue::Buffer(
                base64::engine::general_purpose::STANDARD
                    .decode(str_of("base64")?)
                    .map_err(|e| SqlError::BadRequest(format!("$seqmig buffer: {e}")))?,
            ),
            other => {
                return Err(SqlError::BadRequest(format!(
                    "unknown $seqmig tag `{other}`"
                )))
            }
        })
    }

    /// Sequelize's `Utils.SequelizeMethod` family: emitted as SQL, never bound.
    pub fn is_method(&self) -> bool {
        matches!(
            self,
            SqlValue::Literal(_)
                | SqlValue::Fn { .. }
                | SqlValue::Col(_)
                | SqlValue::Cast { .. }
                | SqlValue::Where { .. }
                | SqlValue::Json { .. }
                | SqlValue::JsonConditions(_)
        )
    }

    pub fn is_null(&self) -> bool {
        matches!(self, SqlValue::Null)
    }

    /// The value back as the JSON the shims understand (results, error props).
    pub fn to_json(&self) -> Json {
        use serde_json::json;
        match self {
            SqlValue::Null => Json::Null,
            SqlValue::Bool(b) => Json::Bool(*b),
            SqlValue::Int(i) => json!(i),
            SqlValue::Float(f) => json!(f),
            SqlValue::Text(s) => Json::String(s.clone()),
            SqlValue::Array(a) => Json::Array(a.iter().map(SqlValue::to_json).collect()),
            SqlValue::Object(o) => Json::Object(o.clone()),
            SqlValue::Date(ms) => json!({"$seqmig": "date", "ms": ms}),
            SqlValue::Buffer(b) => {
                json!({"$seqmig": "buffer", "base64": base64::engine::general_purpose::STANDARD.encode(b)})
            }
            SqlValue::Literal(v) => json!({"$seqmig": "literal", "val": v}),
            SqlValue::Fn { name, args } => {
                json!({"$seqmig": "fn", "fn": name, "args": args.iter().map(SqlValue::to_json).collect::<Vec<_>>()})
            }
            SqlValue::Col(c) => json!({"$seqmig": "col", "col": c}),
            SqlValue::Cast { val, to } => {
                json!({"$seqmig": "cast", "val": val.to_json(), "type": to})
            }
            SqlValue::Where {
                attribute,
                comparator,
                logic,
            } => {
                json!({"$seqmig": "where", "attribute": attribute.to_json(), "comparator": comparator, "logic": logic})
            }
            SqlValue::Json { path, value } => match value {
                Some(v) => json!({"$seqmig": "json", "path": path, "value": v.to_json()}),
                None => json!({"$seqmig": "json", "path": path}),
            },
            SqlValue::JsonConditions(c) => json!({"$seqmig": "json", "conditions": c}),
            SqlValue::Now => json!({"$seqmig": "now"}),
            SqlValue::UuidV4 => json!({"$seqmig": "uuidv4"}),
            SqlValue::UuidV1 => json!({"$seqmig": "uuidv1"}),
        }
    }
}

impl<'de> Deserialize<'de> for SqlValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Json::deserialize(d)?;
        SqlValue::from_json(&v).map_err(serde::de::Error::custom)
    }
}

/// Milliseconds since the epoch as Sequelize's `YYYY-MM-DD HH:mm:ss.SSS Z` in a fixed
/// offset (minutes east of UTC; Sequelize's default timezone is `+00:00`).
pub fn format_date(ms: i64, offset_minutes: i32) -> String {
    let local = ms + offset_minutes as i64 * 60_000;
    let (days, ms_of_day) = (local.div_euclid(86_400_000), local.rem_euclid(86_400_000));
    let (y, m, d) = civil_from_days(days);
    let (h, mi, s, milli) = (
        ms_of_day / 3_600_000,
        ms_of_day / 60_000 % 60,
        ms_of_day / 1000 % 60,
        ms_of_day % 1000,
    );
    let sign = if offset_minutes < 0 { '-' } else { '+' };
    let off = offset_minutes.abs();
    format!(
        "{y:04}-{m:02}-{d:02} {h:02}:{mi:02}:{s:02}.{milli:03} {sign}{:02}:{:02}",
        off / 60,
        off % 60
    )
}

/// `YYYY-MM-DD` of a date in a fixed offset (DATEONLY).
pub fn format_date_only(ms: i64, offset_minutes: i32) -> String {
    let (y, m, d) = civil_from_days((ms + offset_minutes as i64 * 60_000).div_euclid(86_400_000));
    format!("{y:04}-{m:02}-{d:02}")
}

/// ISO 8601 as `Date.prototype.toISOString` writes it.
pub fn iso_string(ms: i64) -> String {
    let (days, ms_of_day) = (ms.div_euclid(86_400_000), ms.rem_euclid(86_400_000));
    let (y, m, d) = civil_from_days(days);
    let (h, mi, s, milli) = (
        ms_of_day / 3_600_000,
        ms_of_day / 60_000 % 60,
        ms_of_day / 1000 % 60,
        ms_of_day % 1000,
    );
    format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{milli:03}Z")
}

/// Howard Hinnant's days → civil date (proleptic Gregorian).
pub(crate) fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Civil date → days since the epoch (the inverse of `civil_from_days`).
pub(crate) fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = if m > 2 { m - 3 } else { m + 9 } as i64;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Parses what SQLite stores for a Sequelize DATE (`2024-01-05 09:00:00.000 +00:00`, also
/// ISO `T`/`Z` forms and dates without time) into epoch ms, as `new Date(text)` would.
/// Sequelize's sqlite DATE.parse appends the connection timezone when no `+` is present.
pub fn parse_date(text: &str, default_offset_minutes: i32) -> Option<i64> {
    let t = text.trim();
    let b = t.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |s: &str| s.parse::<i64>().ok();
    let (y, mo, d) = (num(t.get(0..4)?)?, num(t.get(5..7)?)?, num(t.get(8..10)?)?);
    let mut rest = t.get(10..)?;
    let (mut h, mut mi, mut s, mut ms) = (0, 0, 0, 0);
    if rest.starts_with(' ') || rest.starts_with('T') {
        let r = rest.get(1..)?;
        if r.len() >= 5 && r.as_bytes()[2] == b':' {
            h = num(r.get(0..2)?)?;
            mi = num(r.get(3..5)?)?;
            rest = r.get(5..)?;
            if rest.starts_with(':') && rest.len() >= 3 {
                s = num(rest.get(1..3)?)?;
                rest = rest.get(3..)?;
                if let Some(frac) = rest.strip_prefix('.') {
                    let digits: String = frac.chars().take_while(|c| c.is_ascii_digit()).collect();
                    rest = &frac[digits.len()..];
                    let mut padded = digits.clone();
                    padded.truncate(3);
                    while padded.len() < 3 {
                        padded.push('0');
                    }
                    ms = num(&padded)?;
                }
            }
        }
    }
    let rest = rest.trim();
    let offset = if rest.is_empty() {
        default_offset_minutes as i64
    } else if rest == "Z" {
        0
    } else {
        let sign = match rest.as_bytes()[0] {
            b'+' => 1,
            b'-' => -1,
            _ => return None,
        };
        let digits: String = rest[1..].chars().filter(|c| c.is_ascii_digit()).collect();
        if digits.len() != 4 {
            return None;
        }
        sign * (num(&digits[0..2])? * 60 + num(&digits[2..4])?)
    };
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) {
        return None;
    }
    let days = days_from_civil(y, mo as u32, d as u32);
    Some(days * 86_400_000 + h * 3_600_000 + mi * 60_000 + s * 1000 + ms - offset * 60_000)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn tags_round_trip() {
        let v = json!([{"$seqmig": "date", "ms": 1704445200000i64}, {"$seqmig": "fn", "fn": "NOW", "args": []},
                       {"$seqmig": "buffer", "base64": "AQI="}, {"a": 1}, 1.5, 2]);
        let parsed = SqlValue::from_json(&v).unwrap();
        let SqlValue::Array(items) = &parsed else {
            panic!()
        };
        assert_eq!(items[0], SqlValue::Date(Some(1704445200000)));
        assert_eq!(items[2], SqlValue::Buffer(vec![1, 2]));
        assert!(matches!(items[3], SqlValue::Object(_)));
        assert_eq!(items[4], SqlValue::Float(1.5));
        assert_eq!(items[5], SqlValue::Int(2));
        assert_eq!(parsed.to_json(), v);
        assert!(SqlValue::from_json(&json!({"$seqmig": "nope"})).is_err());
    }

    #[test]
    fn dates_format_and_parse() {
        assert_eq!(
            format_date(1704445200000, 0),
            "2024-01-05 09:00:00.000 +00:00"
        );
        assert_eq!(format_date(-1, 0), "1969-12-31 23:59:59.999 +00:00");
        assert_eq!(
            format_date(1704445200000, -330),
            "2024-01-05 03:30:00.000 -05:30"
        );
        assert_eq!(iso_string(1704445200123), "2024-01-05T09:00:00.123Z");
        assert_eq!(
            parse_date("2024-01-05 09:00:00.000 +00:00", 0),
            Some(1704445200000)
        );
        assert_eq!(
            parse_date("2024-01-05 10:00:00.000 +01:00", 0),
            Some(1704445200000)
        );
        assert_eq!(
            parse_date("2024-01-05T09:00:00.000Z", 0),
            Some(1704445200000)
        );
        assert_eq!(parse_date("2024-01-05 09:00:00", 0), Some(1704445200000));
        assert_eq!(parse_date("2024-01-05", 0), Some(1704412800000));
        assert_eq!(parse_date("hello", 0), None);
        assert_eq!(parse_date("2024-01-0é 10:00", 0), None);
        assert_eq!(parse_date("2024-01-05 1é:00", 0), None);
    }
}
