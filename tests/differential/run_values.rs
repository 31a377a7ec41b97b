//! Values that differ between two runs of the same tool, by construction: the "now" that
//! Sequelize stamps on `createdAt`/`updatedAt`/`DataTypes.NOW` defaults, and the random v4
//! uuids of `DataTypes.UUIDV4` defaults and transaction ids. An app's models write them
//! (the models-app example), so the harness masks them, and only them:
//!
//! - A timestamp (`2024-01-05 09:00:00.123 +00:00`, `2024-01-05T09:00:00.123Z`,
//!   `2024-01-05T09:00:00.12+00:00`) or a 13-digit epoch-milliseconds number becomes
//!   `<now>` / `<now-ms>` only when it falls inside the comparison's window (from before
//!   either project was created to the comparison), so a fixed date a migration writes,
//!   or a wrong year, still shows. The timezone suffix stays in the text, so a format
//!   difference (`Z` against ` +00:00`) still shows.
//! - A v4 uuid becomes `<uuid#n>`, numbered by first appearance in the section, so equal
//!   uuids stay equal and different ones stay different. Its dash-less form only where
//!   Sequelize writes one: the dollar quote `$func_<hex>$` of findOrCreate's postgres
//!   function, which becomes `$func_<hex#n>$`.
//! - The connection id in the mariadb connector's error prefix, `(conn=123, no: 1553,
//!   SQLState: HY000)`: the server's thread id of that run's connection, which becomes
//!   `(conn=<id>, no: ...`. Only a plain count: `conn=-1` (no connection made) stays.

/// Epoch milliseconds, inclusive bounds.
pub type Window = (i64, i64);

pub fn mask(text: &str, window: Window) -> String {
    mask_conn_ids(&mask_func_quotes(&mask_uuids(&mask_times(text, window))))
}

fn mask_conn_ids(text: &str) -> String {
    const OPEN: &str = "(conn=";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(pos) = rest.find(OPEN) {
        let after = &rest[pos + OPEN.len()..];
        out.push_str(&rest[..pos + OPEN.len()]);
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && after[digits..].starts_with(", no: ") {
            out.push_str("<id>");
            rest = &after[digits..];
        } else {
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

fn mask_func_quotes(text: &str) -> String {
    const OPEN: &str = "$func_";
    let mut seen: Vec<&str> = Vec::new();
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(pos) = rest.find(OPEN) {
        let after = &rest[pos + OPEN.len()..];
        out.push_str(&rest[..pos + OPEN.len()]);
        let hex = after.get(..32).filter(|h| {
            after.as_bytes().get(32) == Some(&b'$')
                && h.bytes()
                    .all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(&c))
        });
        match hex {
            Some(h) => {
                let n = match seen.iter().position(|s| *s == h) {
                    Some(p) => p + 1,
                    None => {
                        seen.push(h);
                        seen.len()
                    }
                };
                out.push_str(&format!("<hex#{n}>"));
                rest = &after[32..];
            }
            None => rest = after,
        }
    }
    out.push_str(rest);
    out
}

fn mask_times(text: &str, window: Window) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut i = 0;
    while i < b.len() {
        // Only at the start of a number: never inside a longer run of digits.
        if b[i].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_digit()) {
            if let Some((len, ms)) = timestamp_at(&b[i..]) {
                if ms >= window.0 && ms <= window.1 {
                    out.push_str(&text[copied..i]);
                    out.push_str("<now>");
                    copied = i + len;
                }
                i += len;
                continue;
            }
            let digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
            if digits == 13 {
                let ms: i64 = text[i..i + 13].parse().unwrap_or(-1);
                if ms >= window.0 && ms <= window.1 {
                    out.push_str(&text[copied..i]);
                    out.push_str("<now-ms>");
                    copied = i + 13;
                }
            }
            i += digits;
            continue;
        }
        i += 1;
    }
    out.push_str(&text[copied..]);
    out
}

/// `YYYY-MM-DD[ T]HH:MM:SS[.f+]` at the start of `b`: its length (without any zone
/// suffix) and the epoch ms it names, read in the zone of the suffix that follows
/// (`Z`, `+00:00`, ` +00:00`, `+00`; none is UTC).
fn timestamp_at(b: &[u8]) -> Option<(usize, i64)> {
    let shape = b"dddd-dd-dd?dd:dd:dd";
    if b.len() < shape.len() {
        return None;
    }
    for (c, s) in b.iter().zip(shape.iter()) {
        let ok = match s {
            b'd' => c.is_ascii_digit(),
            b'?' => *c == b' ' || *c == b'T',
            other => c == other,
        };
        if !ok {
            return None;
        }
    }
    let num = |from: usize, len: usize| -> i64 {
        std::str::from_utf8(&b[from..from + len])
            .unwrap()
            .parse()
            .unwrap()
    };
    let (y, mo, d) = (num(0, 4), num(5, 2), num(8, 2));
    let (h, mi, s) = (num(11, 2), num(14, 2), num(17, 2));
    let mut len = shape.len();
    let mut frac_ms = 0;
    if b.get(len) == Some(&b'.') {
        let digits = b[len + 1..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        if digits > 0 {
            let f = std::str::from_utf8(&b[len + 1..len + 1 + digits.min(3)]).unwrap();
            frac_ms = format!("{f:0<3}").parse::<i64>().unwrap();
            len += 1 + digits;
        }
    }
    let days = days_from_civil(y, mo, d);
    let mut ms = ((days * 24 + h) * 60 + mi) * 60_000 + s * 1000 + frac_ms;
    let mut z = len;
    if b.get(z) == Some(&b' ') {
        z += 1;
    }
    if let Some(&sign @ (b'+' | b'-')) = b.get(z) {
        let hh = b
            .get(z + 1..z + 3)
            .filter(|d| d.iter().all(u8::is_ascii_digit));
        if let Some(hh) = hh {
            let hours: i64 = std::str::from_utf8(hh).unwrap().parse().unwrap();
            let minutes = match b.get(z + 3..z + 6) {
                Some([b':', m1, m2]) if m1.is_ascii_digit() && m2.is_ascii_digit() => {
                    i64::from(m1 - b'0') * 10 + i64::from(m2 - b'0')
                }
                _ => 0,
            };
            let offset = (hours * 60 + minutes) * 60_000;
            ms -= if sign == b'+' { offset } else { -offset };
        }
    }
    Some((len, ms))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn mask_uuids(text: &str) -> String {
    let b = text.as_bytes();
    let mut seen: Vec<&str> = Vec::new();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut i = 0;
    while i + 36 <= b.len() {
        let starts_word = i == 0 || !b[i - 1].is_ascii_alphanumeric();
        let ends_word = b.get(i + 36).is_none_or(|c| !c.is_ascii_alphanumeric());
        if starts_word && ends_word && is_v4(&b[i..i + 36]) {
            let id = &text[i..i + 36];
            let n = match seen.iter().position(|s| *s == id) {
                Some(p) => p + 1,
                None => {
                    seen.push(id);
                    seen.len()
                }
            };
            out.push_str(&text[copied..i]);
            out.push_str(&format!("<uuid#{n}>"));
            i += 36;
            copied = i;
            continue;
        }
        i += 1;
    }
    out.push_str(&text[copied..]);
    out
}

/// `xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx`, lower-case hex, as uuid's v4() writes it.
fn is_v4(s: &[u8]) -> bool {
    let hex = |c: &u8| c.is_ascii_digit() || (b'a'..=b'f').contains(c);
    s.iter().enumerate().all(|(i, c)| match i {
        8 | 13 | 18 | 23 => *c == b'-',
        14 => *c == b'4',
        19 => matches!(c, b'8' | b'9' | b'a' | b'b'),
        _ => hex(c),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    // 2026-11-25 22:39:55.785 UTC
    const T: i64 = 1_795_646_395_785;
    const W: Window = (T - 5_000, T + 5_000);

    #[test]
    fn the_epoch_arithmetic_is_right() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(
            timestamp_at(b"2026-11-25 22:39:55.785 +00:00"),
            Some((23, T))
        );
        assert_eq!(
            timestamp_at(b"2026-11-25T23:39:55.785+01:00"),
            Some((23, T))
        );
        assert_eq!(
            timestamp_at(b"2026-11-25T22:39:55.7+00"),
            Some((21, T - 85))
        );
        assert_eq!(timestamp_at(b"2026-11-25T22:39:55Z"), Some((19, T - 785)));
    }

    #[test]
    fn times_inside_the_window_are_masked_in_every_format_sequelize_writes() {
        assert_eq!(
            mask(
                "('2026-11-25 22:39:55.785 +00:00', \"2026-11-25T22:39:57.1Z\", {\"at\":\"2026-11-25T22:39:58+00:00\"}, 1795646395785)",
                W
            ),
            "('<now> +00:00', \"<now>Z\", {\"at\":\"<now>+00:00\"}, <now-ms>)"
        );
    }

    #[test]
    fn times_outside_the_window_and_other_numbers_stay() {
        let fixed = "('2024-01-05 00:00:00.000 +00:00', 1704445200000, 17956463957851, 2026-11-25 22:39:55.785 +02:00)";
        assert_eq!(mask(fixed, W), fixed);
        // A wrong day is not "now".
        let wrong = "2026-11-26 22:39:55.785 +00:00";
        assert_eq!(mask(wrong, W), wrong);
    }

    #[test]
    fn a_format_difference_still_shows() {
        assert_ne!(
            mask("'2026-11-25 22:39:55.785 +00:00'", W),
            mask("'2026-11-25T22:39:55.785Z'", W)
        );
        assert_ne!(
            mask("'2026-11-25 22:39:55.785 +00:00'", W),
            mask("1795646395785", W)
        );
    }

    #[test]
    fn find_or_create_function_quotes_are_numbered_and_other_hex_stays() {
        let a = "16efd0a5c23244008639effd3a2e0013";
        let b = "0123456789abcdef0123456789abcdef";
        assert_eq!(
            mask(
                &format!("AS $func_{a}$ BEGIN END $func_{a}$; $func_{b}$"),
                W
            ),
            "AS $func_<hex#1>$ BEGIN END $func_<hex#1>$; $func_<hex#2>$"
        );
        // An md5 or a hex string anywhere else is data.
        let kept = format!("'{a}' $func_{a} $func_xyz$");
        assert_eq!(mask(&kept, W), kept);
    }

    #[test]
    fn uuids_are_numbered_by_first_appearance() {
        let a = "bb3696ff-6470-4463-83ab-b3885a28af4f";
        let b = "2eda336a-25b3-439f-8433-bf046ad38dc6";
        assert_eq!(
            mask(&format!("{a} {b} '{a}'"), W),
            "<uuid#1> <uuid#2> '<uuid#1>'"
        );
        // Two runs whose uuids repeat differently differ.
        assert_ne!(mask(&format!("{a} {a}"), W), mask(&format!("{a} {b}"), W));
        // Not v4 (version 1), upper case, or part of a longer word: kept.
        for kept in [
            "bb3696ff-6470-1463-83ab-b3885a28af4f",
            "BB3696FF-6470-4463-83AB-B3885A28AF4F",
            "xbb3696ff-6470-4463-83ab-b3885a28af4f",
        ] {
            assert_eq!(mask(kept, W), kept);
        }
    }

    #[test]
    fn mariadb_connection_ids_are_masked_and_nothing_else() {
        let w = (0, 0);
        assert_eq!(
            mask(
                "ERROR: (conn=118, no: 1553, SQLState: HY000) Cannot drop",
                w
            ),
            "ERROR: (conn=<id>, no: 1553, SQLState: HY000) Cannot drop"
        );
        let kept = "(conn=-1, no: 1045, SQLState: 28000) x (conn=12) (conn=7, no:1";
        assert_eq!(mask(kept, w), kept);
    }
}
