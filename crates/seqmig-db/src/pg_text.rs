//! Result cells received in PostgreSQL's text format (the simple-query protocol) turned
//! into the same `Value`s that `pg_decode` makes of the binary format, type by type, as
//! node-postgres' type parsers read the text of each RowDescription type OID.

use std::error::Error;

use postgres::types::{Kind, Type};

use crate::Value;

type BoxError = Box<dyn Error + Sync + Send>;

/// One cell of type `ty` from its text form (`None` is SQL NULL).
pub(crate) fn decode_text(ty: &Type, text: Option<&str>) -> Result<Value, BoxError> {
    let Some(s) = text else {
        return Ok(Value::Null);
    };
    match ty.kind() {
        Kind::Array(member) => return parse_array(member, s),
        Kind::Domain(base) => return decode_text(base, text),
        Kind::Enum(_) => return Ok(other(ty, s)),
        _ => {}
    }
    Ok(match *ty {
        Type::BOOL => Value::Bool(match s {
            "t" => true,
            "f" => false,
            _ => return Err(format!("invalid bool {s:?}").into()),
        }),
        Type::INT2 | Type::INT4 | Type::OID => Value::Int(s.parse()?),
        Type::INT8 | Type::NUMERIC => Value::Numeric(s.to_string()),
        Type::FLOAT4 | Type::FLOAT8 => Value::Float(parse_float(s)?),
        Type::TEXT
        | Type::VARCHAR
        | Type::BPCHAR
        | Type::NAME
        | Type::UNKNOWN
        | Type::XML
        | Type::CHAR => Value::Text(s.to_string()),
        Type::JSON | Type::JSONB => Value::Json(serde_json::from_str(s)?),
        Type::TIMESTAMP | Type::TIMESTAMPTZ => match s {
            "infinity" | "-infinity" => other(ty, s),
            _ => Value::Timestamp {
                ms: parse_timestamp(s, *ty == Type::TIMESTAMPTZ)?,
                tz: *ty == Type::TIMESTAMPTZ,
            },
        },
        Type::DATE => Value::Date(s.to_string()),
        Type::TIME | Type::TIMETZ => Value::Time(s.to_string()),
        Type::UUID => Value::Uuid(s.to_string()),
        Type::BYTEA => Value::Blob(parse_bytea(s)?),
        Type::VOID => other(ty, ""),
        _ if ty.name() == "citext" => Value::Text(s.to_string()),
        _ => other(ty, s),
    })
}

fn other(ty: &Type, text: &str) -> Value {
    Value::Other {
        type_name: ty.name().to_string(),
        text: text.to_string(),
    }
}

fn parse_float(s: &str) -> Result<f64, BoxError> {
    Ok(match s {
        "NaN" => f64::NAN,
        "Infinity" => f64::INFINITY,
        "-Infinity" => f64::NEG_INFINITY,
        _ => s.parse()?,
    })
}

/// `2024-01-05 09:00:00.123456+05:30` (DateStyle ISO, the session's time zone), with
/// ` BC` for years before 1. Milliseconds since the epoch, the microseconds floored as
/// the binary decoder floors them.
fn parse_timestamp(s: &str, tz: bool) -> Result<i64, BoxError> {
    let bad = || -> BoxError { format!("invalid timestamp {s:?}").into() };
    let (s, bc) = match s.strip_suffix(" BC") {
        Some(rest) => (rest, true),
        None => (s, false),
    };
    let (date, rest) = s.split_once(' ').ok_or_else(bad)?;
    let mut d = date.rsplitn(3, '-');
    let day: i64 = d.next().ok_or_else(bad)?.parse()?;
    let month: i64 = d.next().ok_or_else(bad)?.parse()?;
    let mut year: i64 = d.next().ok_or_else(bad)?.parse()?;
    if bc {
        year = 1 - year;
    }
    // The offset starts at the first sign after the time.
    let (time, offset) = match rest.find(['+', '-']) {
        Some(i) if tz => (&rest[..i], Some(&rest[i..])),
        _ => (rest, None),
    };
    let mut t = time.split(':');
    let h: i64 = t.next().ok_or_else(bad)?.parse()?;
    let mi: i64 = t.next().ok_or_else(bad)?.parse()?;
    let sec_text = t.next().ok_or_else(bad)?;
    let (sec, frac) = sec_text.split_once('.').unwrap_or((sec_text, ""));
    let sec: i64 = sec.parse()?;
    let micros: i64 = if frac.is_empty() {
        0
    } else {
        format!("{frac:0<6}")[..6].parse()?
    };
    let east_secs = match offset {
        None => 0,
        Some(o) => {
            let sign = if o.starts_with('-') { -1 } else { 1 };
            let mut parts = o[1..].split(':');
            let oh: i64 = parts.next().ok_or_else(bad)?.parse()?;
            let om: i64 = parts.next().map(str::parse).transpose()?.unwrap_or(0);
            let os: i64 = parts.next().map(str::parse).transpose()?.unwrap_or(0);
            sign * (oh * 3600 + om * 60 + os)
        }
    };
    let days = days_from_civil(year, month, day);
    let total_micros =
        ((days * 86_400 + h * 3600 + mi * 60 + sec - east_secs) * 1_000_000) + micros;
    Ok(total_micros.div_euclid(1000))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (year 0 = 1 BC).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// bytea's text: `\x0a0b` (bytea_output hex) or the escape format (`a\\000b`).
fn parse_bytea(s: &str) -> Result<Vec<u8>, BoxError> {
    if let Some(hex) = s.strip_prefix("\\x") {
        if hex.len() % 2 != 0 {
            return Err("odd bytea hex".into());
        }
        return (0..hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).map_err(Into::into))
            .collect();
    }
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' {
            if b.get(i + 1) == Some(&b'\\') {
                out.push(b'\\');
                i += 2;
            } else {
                let oct = s.get(i + 1..i + 4).ok_or("bad bytea escape")?;
                out.push(u8::from_str_radix(oct, 8)?);
                i += 4;
            }
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    Ok(out)
}

/// An array literal (`{1,2}`, `{{"a b",NULL}}`, `[0:1]={1,2}`) of `member` cells.
fn parse_array(member: &Type, s: &str) -> Result<Value, BoxError> {
    // Explicit bounds are dropped, as the binary decoder drops them.
    let body = match s.find("={") {
        Some(i) if s.starts_with('[') => &s[i + 1..],
        _ => s,
    };
    // box uses ';' between elements; every other built-in type ','.
    let delim = if *member == Type::BOX { ';' } else { ',' };
    let chars: Vec<char> = body.chars().collect();
    let mut pos = 0;
    let v = parse_level(member, &chars, &mut pos, delim)?;
    if pos != chars.len() {
        return Err(format!("trailing text in array {s:?}").into());
    }
    Ok(v)
}

fn parse_level(member: &Type, c: &[char], pos: &mut usize, delim: char) -> Result<Value, BoxError> {
    if c.get(*pos) != Some(&'{') {
        return Err("array literal must start with '{'".into());
    }
    *pos += 1;
    let mut items = Vec::new();
    if c.get(*pos) == Some(&'}') {
        *pos += 1;
        return Ok(Value::Array(items));
    }
    loop {
        match c.get(*pos) {
            Some('{') => items.push(parse_level(member, c, pos, delim)?),
            Some('"') => {
                *pos += 1;
                let mut s = String::new();
                loop {
                    match c.get(*pos) {
                        Some('\\') => {
                            s.push(*c.get(*pos + 1).ok_or("bad escape in array")?);
                            *pos += 2;
                        }
                        Some('"') => {
                            *pos += 1;
                            break;
                        }
                        Some(ch) => {
                            s.push(*ch);
                            *pos += 1;
                        }
                        None => return Err("unterminated quoted array element".into()),
                    }
                }
                items.push(decode_text(member, Some(&s))?);
            }
            Some(_) => {
                let start = *pos;
                while !matches!(c.get(*pos), Some(ch) if *ch == delim || *ch == '}') {
                    if *pos >= c.len() {
                        return Err("unterminated array".into());
                    }
                    *pos += 1;
                }
                let s: String = c[start..*pos].iter().collect();
                let s = s.trim();
                items.push(if s == "NULL" {
                    Value::Null
                } else {
                    decode_text(member, Some(s))?
                });
            }
            None => return Err("unterminated array".into()),
        }
        match c.get(*pos) {
            Some(ch) if *ch == delim => *pos += 1,
            Some('}') => {
                *pos += 1;
                return Ok(Value::Array(items));
            }
            _ => return Err("bad array separator".into()),
        }
    }
}

/// For tests: the text PostgreSQL prints for a UTC timestamp (used to round-trip).
#[cfg(test)]
fn utc_text(ms: i64) -> String {
    crate::pg_decode::format_timestamp_ms(ms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_read_as_the_binary_decoder_reads_them() {
        let ms = 1_704_445_200_123;
        assert_eq!(
            parse_timestamp(&format!("{}+00", utc_text(ms)), true).unwrap(),
            ms
        );
        assert_eq!(
            parse_timestamp("2024-01-05 14:30:00.123+05:30", true).unwrap(),
            ms
        );
        assert_eq!(
            parse_timestamp("2024-01-05 09:00:00.1239", false).unwrap(),
            ms
        );
        assert_eq!(
            parse_timestamp("1969-12-31 23:59:59.9995", false).unwrap(),
            -1
        );
        assert_eq!(
            parse_timestamp("0001-01-01 00:00:00 BC", false).unwrap(),
            days_from_civil(0, 1, 1) * 86_400_000
        );
    }

    #[test]
    fn arrays_nest_and_quote() {
        let v = parse_array(&Type::INT4, "{{1,2},{NULL,4}}").unwrap();
        assert_eq!(
            v,
            Value::Array(vec![
                Value::Array(vec![Value::Int(1), Value::Int(2)]),
                Value::Array(vec![Value::Null, Value::Int(4)]),
            ])
        );
        let v = parse_array(&Type::TEXT, r#"{"a b","say \"hi\"",NULL,"NULL",""}"#).unwrap();
        assert_eq!(
            v,
            Value::Array(vec![
                Value::Text("a b".into()),
                Value::Text("say \"hi\"".into()),
                Value::Null,
                Value::Text("NULL".into()),
                Value::Text(String::new()),
            ])
        );
        assert_eq!(
            parse_array(&Type::INT4, "[0:1]={7,8}").unwrap(),
            Value::Array(vec![Value::Int(7), Value::Int(8)])
        );
        assert_eq!(
            parse_array(&Type::INT4, "{}").unwrap(),
            Value::Array(vec![])
        );
    }

    #[test]
    fn bytea_in_both_output_formats() {
        assert_eq!(parse_bytea("\\x00ff41").unwrap(), vec![0, 255, 65]);
        assert_eq!(parse_bytea("a\\000\\\\b").unwrap(), b"a\0\\b".to_vec());
    }
}
