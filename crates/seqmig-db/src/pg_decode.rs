//! Result cells, received in PostgreSQL's binary format, turned into `Value`s shaped
//! the way node-postgres presents them (int8/numeric as text, dates as instants...).

use std::error::Error;

use postgres::types::{FromSql, Kind, Type};
use postgres_protocol::types as proto;

use crate::Value;

type BoxError = Box<dyn Error + Sync + Send>;

/// A cell's raw bytes, whatever its type.
pub(crate) struct Raw<'a>(pub Option<&'a [u8]>);

impl<'a> FromSql<'a> for Raw<'a> {
    fn from_sql(_ty: &Type, raw: &'a [u8]) -> Result<Self, BoxError> {
        Ok(Raw(Some(raw)))
    }
    fn from_sql_null(_ty: &Type) -> Result<Self, BoxError> {
        Ok(Raw(None))
    }
    fn accepts(_ty: &Type) -> bool {
        true
    }
}

/// Asks the server for the text form of a binary value of a type decoded nowhere here.
pub(crate) type TextOf<'c> = dyn FnMut(&Type, &[u8]) -> Result<String, BoxError> + 'c;

const PG_EPOCH_DAYS: i64 = 10_957; // 2000-01-01 in days since 1970-01-01
const PG_EPOCH_MS: i64 = PG_EPOCH_DAYS * 86_400_000;

pub(crate) fn decode(
    ty: &Type,
    raw: Option<&[u8]>,
    text_of: &mut TextOf<'_>,
) -> Result<Value, BoxError> {
    let Some(buf) = raw else {
        return Ok(Value::Null);
    };
    match ty.kind() {
        Kind::Array(member) => return decode_array(member, buf, text_of),
        Kind::Domain(base) => return decode(base, raw, text_of),
        Kind::Enum(_) => {
            return Ok(Value::Other {
                type_name: ty.name().to_string(),
                text: proto::text_from_sql(buf)?.to_string(),
            })
        }
        _ => {}
    }
    Ok(match *ty {
        Type::BOOL => Value::Bool(proto::bool_from_sql(buf)?),
        Type::INT2 => Value::Int(proto::int2_from_sql(buf)? as i64),
        Type::INT4 => Value::Int(proto::int4_from_sql(buf)? as i64),
        Type::OID => Value::Int(proto::oid_from_sql(buf)? as i64),
        Type::INT8 => Value::Numeric(proto::int8_from_sql(buf)?.to_string()),
        Type::NUMERIC => Value::Numeric(numeric_text(buf)?),
        // pg prints float4 in its shortest form and node parses that text; widening the
        // f32 directly would show 1.100000023841858 where node shows 1.1.
        Type::FLOAT4 => Value::Float(proto::float4_from_sql(buf)?.to_string().parse::<f64>()?),
        Type::FLOAT8 => Value::Float(proto::float8_from_sql(buf)?),
        Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME | Type::UNKNOWN | Type::XML => {
            Value::Text(proto::text_from_sql(buf)?.to_string())
        }
        Type::CHAR => Value::Text(String::from_utf8_lossy(buf).into_owned()),
        Type::JSON => Value::Json(serde_json::from_slice(buf)?),
        Type::JSONB => match buf.split_first() {
            Some((1, rest)) => Value::Json(serde_json::from_slice(rest)?),
            _ => return Err("unsupported jsonb encoding version".into()),
        },
        Type::TIMESTAMP | Type::TIMESTAMPTZ => {
            let tz = *ty == Type::TIMESTAMPTZ;
            match proto::timestamp_from_sql(buf)? {
                i64::MAX => infinity(ty, "infinity"),
                i64::MIN => infinity(ty, "-infinity"),
                micros => Value::Timestamp {
                    ms: micros.div_euclid(1000) + PG_EPOCH_MS,
                    tz,
                },
            }
        }
        Type::DATE => match proto::date_from_sql(buf)? {
            i32::MAX => Value::Date("infinity".into()),
            i32::MIN => Value::Date("-infinity".into()),
            days => Value::Date(format_date(days as i64 + PG_EPOCH_DAYS)),
        },
        Type::TIME => Value::Time(format_time(proto::time_from_sql(buf)?)),
        Type::TIMETZ => {
            if buf.len() != 12 {
                return Err("invalid timetz length".into());
            }
            let micros = proto::time_from_sql(&buf[..8])?;
            let west = proto::int4_from_sql(&buf[8..])?;
            Value::Time(format!("{}{}", format_time(micros), format_offset(-west)))
        }
        Type::UUID => Value::Uuid(format_uuid(&proto::uuid_from_sql(buf)?)),
        Type::BYTEA => Value::Blob(proto::bytea_from_sql(buf).to_vec()),
        Type::VOID => other(ty, String::new()),
        _ if ty.name() == "citext" => Value::Text(proto::text_from_sql(buf)?.to_string()),
        // Anonymous records and other pseudo types have no binary input to convert back.
        _ if matches!(ty.kind(), Kind::Pseudo) => {
            other(ty, String::from_utf8_lossy(buf).into_owned())
        }
        _ => other(ty, text_of(ty, buf)?),
    })
}

fn other(ty: &Type, text: String) -> Value {
    Value::Other {
        type_name: ty.name().to_string(),
        text,
    }
}

fn infinity(ty: &Type, text: &str) -> Value {
    other(ty, text.to_string())
}

fn decode_array(member: &Type, buf: &[u8], text_of: &mut TextOf<'_>) -> Result<Value, BoxError> {
    use fallible_iterator_02::FallibleIterator;
    let array = proto::array_from_sql(buf)?;
    let dims: Vec<usize> = array
        .dimensions()
        .map(|d| Ok(d.len.max(0) as usize))
        .collect()?;
    let mut flat = Vec::new();
    let mut values = array.values();
    while let Some(v) = values.next()? {
        flat.push(decode(member, v, text_of)?);
    }
    if dims.is_empty() {
        return Ok(Value::Array(Vec::new()));
    }
    let mut iter = flat.into_iter();
    Ok(nest(&dims, &mut iter))
}

fn nest(dims: &[usize], items: &mut impl Iterator<Item = Value>) -> Value {
    let (first, rest) = dims.split_first().expect("at least one dimension");
    let mut out = Vec::with_capacity(*first);
    for _ in 0..*first {
        if rest.is_empty() {
            out.push(items.next().unwrap_or(Value::Null));
        } else {
            out.push(nest(rest, items));
        }
    }
    Value::Array(out)
}

/// PostgreSQL's `numeric_out` for the binary (base-10000) representation.
pub(crate) fn numeric_text(buf: &[u8]) -> Result<String, BoxError> {
    if buf.len() < 8 {
        return Err("numeric too short".into());
    }
    let word = |i: usize| i16::from_be_bytes([buf[i], buf[i + 1]]);
    let ndigits = word(0).max(0) as usize;
    let weight = word(2) as i64;
    let sign = u16::from_be_bytes([buf[4], buf[5]]);
    let dscale = word(6).max(0) as usize;
    if buf.len() < 8 + ndigits * 2 {
        return Err("numeric truncated".into());
    }
    match sign {
        0xC000 => return Ok("NaN".into()),
        0xD000 => return Ok("Infinity".into()),
        0xF000 => return Ok("-Infinity".into()),
        _ => {}
    }
    let digit = |d: i64| -> i16 {
        if d >= 0 && (d as usize) < ndigits {
            word(8 + d as usize * 2)
        } else {
            0
        }
    };
    let mut out = String::new();
    if sign == 0x4000 {
        out.push('-');
    }
    if weight < 0 {
        out.push('0');
    } else {
        for d in 0..=weight {
            if d == 0 {
                out.push_str(&digit(d).to_string());
            } else {
                out.push_str(&format!("{:04}", digit(d)));
            }
        }
    }
    if dscale > 0 {
        out.push('.');
        let mut frac = String::new();
        let mut d = weight + 1;
        while frac.len() < dscale {
            frac.push_str(&format!("{:04}", digit(d)));
            d += 1;
        }
        frac.truncate(dscale);
        out.push_str(&frac);
    }
    Ok(out)
}

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
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

/// A date as PostgreSQL prints it: `2024-01-05`, or `0044-03-15 BC`.
fn format_date(days_since_epoch: i64) -> String {
    let (y, m, d) = civil_from_days(days_since_epoch);
    if y <= 0 {
        format!("{:04}-{m:02}-{d:02} BC", 1 - y)
    } else {
        format!("{y:04}-{m:02}-{d:02}")
    }
}

/// `YYYY-MM-DD HH:MM:SS.mmm` (UTC) for milliseconds since the epoch.
pub(crate) fn format_timestamp_ms(ms: i64) -> String {
    let days = ms.div_euclid(86_400_000);
    let rem = ms.rem_euclid(86_400_000);
    let (h, mi, s, milli) = (
        rem / 3_600_000,
        rem / 60_000 % 60,
        rem / 1000 % 60,
        rem % 1000,
    );
    let (y, mo, d) = civil_from_days(days);
    let time = format!("{h:02}:{mi:02}:{s:02}.{milli:03}");
    if y <= 0 {
        format!("{:04}-{mo:02}-{d:02} {time} BC", 1 - y)
    } else {
        format!("{y:04}-{mo:02}-{d:02} {time}")
    }
}

/// A time of day as PostgreSQL prints it: `13:45:00`, `13:45:00.25`.
fn format_time(micros: i64) -> String {
    let secs = micros.div_euclid(1_000_000);
    let frac = micros.rem_euclid(1_000_000);
    let mut s = format!("{:02}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60);
    if frac != 0 {
        let f = format!("{frac:06}");
        s.push('.');
        s.push_str(f.trim_end_matches('0'));
    }
    s
}

/// A UTC offset in seconds (east positive) as PostgreSQL prints it: `+02`, `-03:30`.
fn format_offset(east: i32) -> String {
    let sign = if east < 0 { '-' } else { '+' };
    let a = east.unsigned_abs();
    let (h, m, s) = (a / 3600, a / 60 % 60, a % 60);
    match (m, s) {
        (0, 0) => format!("{sign}{h:02}"),
        (_, 0) => format!("{sign}{h:02}:{m:02}"),
        _ => format!("{sign}{h:02}:{m:02}:{s:02}"),
    }
}

fn format_uuid(b: &[u8; 16]) -> String {
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numeric(ndigits: i16, weight: i16, sign: u16, dscale: i16, digits: &[i16]) -> Vec<u8> {
        let mut v = Vec::new();
        v.extend_from_slice(&ndigits.to_be_bytes());
        v.extend_from_slice(&weight.to_be_bytes());
        v.extend_from_slice(&sign.to_be_bytes());
        v.extend_from_slice(&dscale.to_be_bytes());
        for d in digits {
            v.extend_from_slice(&d.to_be_bytes());
        }
        v
    }

    #[test]
    fn numeric_text_matches_numeric_out() {
        assert_eq!(
            numeric_text(&numeric(2, 0, 0, 2, &[12, 3400])).unwrap(),
            "12.34"
        );
        assert_eq!(
            numeric_text(&numeric(2, 1, 0x4000, 0, &[1, 2])).unwrap(),
            "-10002"
        );
        assert_eq!(numeric_text(&numeric(1, -1, 0, 4, &[5])).unwrap(), "0.0005");
        assert_eq!(
            numeric_text(&numeric(1, -2, 0, 6, &[500])).unwrap(),
            "0.000005"
        );
        assert_eq!(numeric_text(&numeric(0, 0, 0, 3, &[])).unwrap(), "0.000");
        assert_eq!(
            numeric_text(&numeric(1, 2, 0, 0, &[7])).unwrap(),
            "700000000"
        );
        assert_eq!(numeric_text(&numeric(0, 0, 0xC000, 0, &[])).unwrap(), "NaN");
    }

    #[test]
    fn dates_and_times_print_as_postgres() {
        assert_eq!(format_date(PG_EPOCH_DAYS), "2000-01-01");
        assert_eq!(format_date(19_727), "2024-01-05");
        assert_eq!(format_date(-719_528), "0001-01-01 BC");
        assert_eq!(format_date(-719_163), "0001-12-31 BC");
        assert_eq!(
            format_timestamp_ms(1_704_445_200_123),
            "2024-01-05 09:00:00.123"
        );
        assert_eq!(format_timestamp_ms(-1), "1969-12-31 23:59:59.999");
        assert_eq!(format_time(49_500_250_000), "13:45:00.25");
        assert_eq!(format_offset(-12_600), "-03:30");
        assert_eq!(format_offset(7200), "+02");
    }
}
