//! Result cells and parameters of the MySQL / MariaDB driver: server values (text or
//! binary protocol) to [`Value`] by column type, and [`Value`] to the driver's params.
//!
//! The cells stay close to what the server sent; shaping them into what mysql2 or the
//! mariadb connector hand to Sequelize (DECIMAL as string or number, BIGINT as Long,
//! ...) belongs to the dialect layer, which knows the flavor and `dialectOptions`.

use mysql::consts::{ColumnFlags, ColumnType};
use mysql::Value as MyValue;

use crate::{ColumnInfo, MysqlColumnDef, Value};

/// The binary collation id: BLOB/BINARY columns carry it, TEXT/CHAR columns do not.
const BINARY_CHARSET: u16 = 63;

/// mysql2's name of a column type (`require('mysql2').Types`), used as
/// [`ColumnInfo::type_name`].
pub(crate) fn type_name(t: ColumnType) -> &'static str {
    use ColumnType::*;
    match t {
        MYSQL_TYPE_DECIMAL => "DECIMAL",
        MYSQL_TYPE_TINY => "TINY",
        MYSQL_TYPE_SHORT => "SHORT",
        MYSQL_TYPE_LONG => "LONG",
        MYSQL_TYPE_FLOAT => "FLOAT",
        MYSQL_TYPE_DOUBLE => "DOUBLE",
        MYSQL_TYPE_NULL => "NULL",
        MYSQL_TYPE_TIMESTAMP | MYSQL_TYPE_TIMESTAMP2 => "TIMESTAMP",
        MYSQL_TYPE_LONGLONG => "LONGLONG",
        MYSQL_TYPE_INT24 => "INT24",
        MYSQL_TYPE_DATE => "DATE",
        MYSQL_TYPE_TIME | MYSQL_TYPE_TIME2 => "TIME",
        MYSQL_TYPE_DATETIME | MYSQL_TYPE_DATETIME2 => "DATETIME",
        MYSQL_TYPE_YEAR => "YEAR",
        MYSQL_TYPE_NEWDATE => "NEWDATE",
        MYSQL_TYPE_VARCHAR => "VARCHAR",
        MYSQL_TYPE_BIT => "BIT",
        MYSQL_TYPE_JSON => "JSON",
        MYSQL_TYPE_NEWDECIMAL => "NEWDECIMAL",
        MYSQL_TYPE_ENUM => "ENUM",
        MYSQL_TYPE_SET => "SET",
        MYSQL_TYPE_TINY_BLOB => "TINY_BLOB",
        MYSQL_TYPE_MEDIUM_BLOB => "MEDIUM_BLOB",
        MYSQL_TYPE_LONG_BLOB => "LONG_BLOB",
        MYSQL_TYPE_BLOB => "BLOB",
        MYSQL_TYPE_VAR_STRING => "VAR_STRING",
        MYSQL_TYPE_STRING => "STRING",
        MYSQL_TYPE_GEOMETRY => "GEOMETRY",
        _ => "UNKNOWN",
    }
}

pub(crate) fn column_info(c: &mysql::Column) -> ColumnInfo {
    // The patched driver reports MariaDB's JSON (a LONGTEXT of format `json`) as
    // MYSQL_TYPE_JSON, a type MariaDB never sends itself.
    let json = c.column_type() == ColumnType::MYSQL_TYPE_JSON;
    ColumnInfo {
        name: c.name_str().into_owned(),
        type_name: type_name(c.column_type()).to_string(),
        mysql: Some(Box::new(MysqlColumnDef {
            schema: c.schema_ref().to_vec(),
            table: c.table_ref().to_vec(),
            org_table: c.org_table_ref().to_vec(),
            name: c.name_ref().to_vec(),
            org_name: c.org_name_ref().to_vec(),
            character_set: c.character_set(),
            column_length: c.column_length(),
            column_type: c.column_type() as u8,
            flags: c.flags().bits(),
            decimals: c.decimals(),
            json,
        })),
    }
}

/// Days from 1970-01-01 to a civil date (proleptic Gregorian).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// A DATETIME/TIMESTAMP read in the session time zone (`offset_minutes` east of UTC),
/// as milliseconds since the epoch. The zero date has none.
fn datetime_ms(parts: (u16, u8, u8, u8, u8, u8, u32), offset_minutes: i32) -> Option<i64> {
    let (y, mo, d, h, mi, s, us) = parts;
    if y == 0 && mo == 0 && d == 0 {
        return None;
    }
    let days = days_from_civil(y as i64, mo as i64, d as i64);
    let secs = days * 86_400 + h as i64 * 3600 + mi as i64 * 60 + s as i64;
    Some(secs * 1000 + us as i64 / 1000 - offset_minutes as i64 * 60_000)
}

/// `YYYY-MM-DD hh:mm:ss[.ffffff]` (or a bare date) into its parts.
fn parse_datetime_text(s: &str) -> Option<(u16, u8, u8, u8, u8, u8, u32)> {
    let (date, time) = s.split_once(' ').unwrap_or((s, "00:00:00"));
    let mut d = date.split('-');
    let y = d.next()?.parse().ok()?;
    let mo = d.next()?.parse().ok()?;
    let day = d.next()?.parse().ok()?;
    let (hms, frac) = time.split_once('.').unwrap_or((time, ""));
    let mut t = hms.split(':');
    let h = t.next()?.parse().ok()?;
    let mi = t.next()?.parse().ok()?;
    let sec = t.next()?.parse().ok()?;
    let us = if frac.is_empty() {
        0
    } else {
        format!("{frac:0<6}")[..6].parse().ok()?
    };
    Some((y, mo, day, h, mi, sec, us))
}

fn time_text(neg: bool, days: u32, h: u8, m: u8, s: u8, us: u32) -> String {
    let hours = days * 24 + h as u32;
    let mut t = format!("{}{hours:02}:{m:02}:{s:02}", if neg { "-" } else { "" });
    if us > 0 {
        t.push_str(&format!(".{us:06}"));
    }
    t
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A TIMESTAMP cell as the text the server wrote (`dateStrings`: both Node drivers then
/// hand it over as it came; the text protocol's own, or the binary value written with
/// the column's decimals). `None` for any other column.
pub(crate) fn timestamp_text(v: &MyValue, c: &mysql::Column) -> Option<Value> {
    use ColumnType::*;
    if !matches!(
        c.column_type(),
        MYSQL_TYPE_TIMESTAMP | MYSQL_TYPE_TIMESTAMP2
    ) {
        return None;
    }
    Some(match v {
        MyValue::NULL => Value::Null,
        MyValue::Bytes(b) => Value::Text(text(b)),
        MyValue::Date(y, mo, d, h, mi, s, us) => {
            let mut t = format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}");
            let decimals = usize::from(c.decimals()).min(6);
            if decimals > 0 {
                t.push('.');
                t.push_str(&format!("{us:06}")[..decimals]);
            }
            Value::Text(t)
        }
        _ => return None,
    })
}

/// One cell, by its column's type. `offset_minutes` is the session's time zone.
pub(crate) fn cell(v: MyValue, c: &mysql::Column, offset_minutes: i32) -> Value {
    use ColumnType::*;
    let t = c.column_type();
    let unsigned = c.flags().contains(ColumnFlags::UNSIGNED_FLAG);
    match v {
        MyValue::NULL => Value::Null,
        MyValue::Int(i) => match t {
            MYSQL_TYPE_DECIMAL | MYSQL_TYPE_NEWDECIMAL => Value::Numeric(i.to_string()),
            _ => Value::Int(i),
        },
        MyValue::UInt(u) => match i64::try_from(u) {
            Ok(i) => Value::Int(i),
            Err(_) => Value::Numeric(u.to_string()),
        },
        MyValue::Float(f) => Value::Float(f as f64),
        MyValue::Double(f) => Value::Float(f),
        MyValue::Date(y, mo, d, h, mi, s, us) => match t {
            MYSQL_TYPE_DATE | MYSQL_TYPE_NEWDATE => Value::Date(format!("{y:04}-{mo:02}-{d:02}")),
            _ => match datetime_ms((y, mo, d, h, mi, s, us), offset_minutes) {
                Some(ms) => Value::Timestamp {
                    ms,
                    tz: matches!(t, MYSQL_TYPE_TIMESTAMP | MYSQL_TYPE_TIMESTAMP2),
                },
                None => Value::Null,
            },
        },
        MyValue::Time(neg, days, h, m, s, us) => Value::Time(time_text(neg, days, h, m, s, us)),
        MyValue::Bytes(b) => match t {
            MYSQL_TYPE_TINY | MYSQL_TYPE_SHORT | MYSQL_TYPE_LONG | MYSQL_TYPE_INT24
            | MYSQL_TYPE_LONGLONG | MYSQL_TYPE_YEAR => {
                let s = text(&b);
                match s.parse::<i64>() {
                    Ok(i) => Value::Int(i),
                    // An UNSIGNED BIGINT past i64.
                    Err(_) if unsigned => Value::Numeric(s),
                    Err(_) => Value::Text(s),
                }
            }
            MYSQL_TYPE_FLOAT | MYSQL_TYPE_DOUBLE => {
                let s = text(&b);
                s.parse::<f64>().map(Value::Float).unwrap_or(Value::Text(s))
            }
            MYSQL_TYPE_DECIMAL | MYSQL_TYPE_NEWDECIMAL => Value::Numeric(text(&b)),
            MYSQL_TYPE_DATE | MYSQL_TYPE_NEWDATE => {
                let s = text(&b);
                if s.starts_with("0000-00-00") {
                    Value::Null
                } else {
                    Value::Date(s)
                }
            }
            MYSQL_TYPE_DATETIME
            | MYSQL_TYPE_DATETIME2
            | MYSQL_TYPE_TIMESTAMP
            | MYSQL_TYPE_TIMESTAMP2 => {
                let s = text(&b);
                match parse_datetime_text(&s).and_then(|p| datetime_ms(p, offset_minutes)) {
                    Some(ms) => Value::Timestamp {
                        ms,
                        tz: matches!(t, MYSQL_TYPE_TIMESTAMP | MYSQL_TYPE_TIMESTAMP2),
                    },
                    None if s.starts_with("0000-00-00") => Value::Null,
                    None => Value::Text(s),
                }
            }
            MYSQL_TYPE_TIME | MYSQL_TYPE_TIME2 => Value::Time(text(&b)),
            MYSQL_TYPE_JSON => {
                let s = text(&b);
                serde_json::from_str(&s)
                    .map(Value::Json)
                    .unwrap_or(Value::Text(s))
            }
            MYSQL_TYPE_BIT | MYSQL_TYPE_GEOMETRY => Value::Blob(b),
            MYSQL_TYPE_TINY_BLOB
            | MYSQL_TYPE_MEDIUM_BLOB
            | MYSQL_TYPE_LONG_BLOB
            | MYSQL_TYPE_BLOB
            | MYSQL_TYPE_VAR_STRING
            | MYSQL_TYPE_STRING
            | MYSQL_TYPE_VARCHAR
                if c.character_set() == BINARY_CHARSET =>
            {
                Value::Blob(b)
            }
            _ => Value::Text(text(&b)),
        },
    }
}

/// A parameter as the driver sends it. Dates and times go as the text MySQL parses
/// (in the session time zone, `offset_minutes` east of UTC), as mysql2 formats them.
pub(crate) fn param(v: &Value, offset_minutes: i32) -> MyValue {
    match v {
        Value::Null => MyValue::NULL,
        Value::Bool(b) => MyValue::Int(*b as i64),
        Value::Int(i) => MyValue::Int(*i),
        Value::Float(f) => MyValue::Double(*f),
        Value::Text(s)
        | Value::Numeric(s)
        | Value::Date(s)
        | Value::Time(s)
        | Value::Uuid(s)
        | Value::Other { text: s, .. } => MyValue::Bytes(s.clone().into_bytes()),
        Value::Blob(b) => MyValue::Bytes(b.clone()),
        Value::Json(j) => MyValue::Bytes(j.to_string().into_bytes()),
        Value::Timestamp { ms, .. } => {
            MyValue::Bytes(format_datetime(*ms, offset_minutes).into_bytes())
        }
        Value::Array(items) => MyValue::Bytes(
            serde_json::Value::Array(items.iter().map(json_of).collect())
                .to_string()
                .into_bytes(),
        ),
    }
}

fn json_of(v: &Value) -> serde_json::Value {
    match v {
        Value::Null => serde_json::Value::Null,
        Value::Bool(b) => (*b).into(),
        Value::Int(i) => (*i).into(),
        Value::Float(f) => serde_json::Number::from_f64(*f)
            .map(serde_json::Value::Number)
            .unwrap_or(serde_json::Value::Null),
        Value::Json(j) => j.clone(),
        Value::Array(a) => serde_json::Value::Array(a.iter().map(json_of).collect()),
        Value::Timestamp { ms, .. } => format_datetime(*ms, 0).into(),
        Value::Blob(b) => serde_json::Value::Array(b.iter().map(|x| (*x).into()).collect()),
        Value::Text(s)
        | Value::Numeric(s)
        | Value::Date(s)
        | Value::Time(s)
        | Value::Uuid(s)
        | Value::Other { text: s, .. } => s.clone().into(),
    }
}

/// `YYYY-MM-DD hh:mm:ss.mmm` of an instant in a time zone `offset_minutes` east of UTC.
pub(crate) fn format_datetime(ms: i64, offset_minutes: i32) -> String {
    let local = ms + offset_minutes as i64 * 60_000;
    let days = local.div_euclid(86_400_000);
    let in_day = local.rem_euclid(86_400_000);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}.{:03}",
        in_day / 3_600_000,
        in_day / 60_000 % 60,
        in_day / 1000 % 60,
        in_day % 1000
    )
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719468;
    let era = if z >= 0 { z } else { z - 146096 } / 146097;
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// `+HH:MM` / `-HH:MM` / `Z` into minutes east of UTC (Sequelize's `timezone` option).
pub(crate) fn parse_offset(tz: &str) -> Option<i32> {
    if tz.eq_ignore_ascii_case("z") || tz.eq_ignore_ascii_case("utc") {
        return Some(0);
    }
    let (sign, rest) = match tz.as_bytes().first()? {
        b'+' => (1, &tz[1..]),
        b'-' => (-1, &tz[1..]),
        _ => return None,
    };
    let (h, m) = rest.split_once(':').unwrap_or((rest, "0"));
    let h: i32 = h.parse().ok()?;
    let m: i32 = m.parse().ok()?;
    (h <= 14 && m < 60).then_some(sign * (h * 60 + m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datetimes_round_trip_through_the_session_offset() {
        let ms = 1_577_934_245_678; // 2020-01-02T03:04:05.678Z
        assert_eq!(format_datetime(ms, 0), "2020-01-02 03:04:05.678");
        assert_eq!(format_datetime(ms, 120), "2020-01-02 05:04:05.678");
        let parts = parse_datetime_text("2020-01-02 05:04:05.678").unwrap();
        assert_eq!(datetime_ms(parts, 120), Some(ms));
        assert_eq!(
            datetime_ms(parse_datetime_text("1969-12-31 23:59:59").unwrap(), 0),
            Some(-1000)
        );
        assert_eq!(datetime_ms((0, 0, 0, 0, 0, 0, 0), 0), None);
    }

    #[test]
    fn offsets_as_sequelize_writes_them() {
        assert_eq!(parse_offset("+00:00"), Some(0));
        assert_eq!(parse_offset("-05:30"), Some(-330));
        assert_eq!(parse_offset("+09:00"), Some(540));
        assert_eq!(parse_offset("Europe/Paris"), None);
    }
}
