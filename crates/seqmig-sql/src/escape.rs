//! Identifier quoting and the text helpers Sequelize's `Utils` and `SqlString` provide.

/// `Utils.addTicks(Utils.removeTicks(s, q), q)`: every `q` inside is dropped, not doubled.
pub fn add_ticks(s: &str, tick: char) -> String {
    let inner: String = s.chars().filter(|c| *c != tick).collect();
    format!("{tick}{inner}{tick}")
}

/// `inflection.underscore`: `categoryId` → `category_id`, used for index names.
pub fn underscore(s: &str) -> String {
    s.split("::")
        .map(|part| {
            let mut out = String::with_capacity(part.len() + 4);
            for c in part.chars() {
                if c.is_ascii_uppercase() {
                    out.push('_');
                }
                out.push(c);
            }
            out.strip_prefix('_').map(str::to_string).unwrap_or(out)
        })
        .collect::<Vec<_>>()
        .join("/")
        .to_lowercase()
}

/// The body of a single-quoted SQL string: `'` doubled (postgres also turns NUL into `\0`).
pub fn quote_string(s: &str, postgres: bool) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        match c {
            '\'' => out.push_str("''"),
            '\0' if postgres => out.push_str("\\0"),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// JavaScript's `Number.prototype.toString` for the numbers JSON carries.
pub fn js_number(f: f64) -> String {
    if f.is_nan() {
        return "NaN".into();
    }
    if f.is_infinite() {
        return if f < 0.0 {
            "-Infinity".into()
        } else {
            "Infinity".into()
        };
    }
    if f == f.trunc() && f.abs() < 1e21 {
        return format!("{}", f as i128);
    }
    let s = format!("{f}");
    // Rust prints 1e-7 as 0.0000001; JS switches to exponent form below 1e-6.
    if f.abs() < 1e-6 {
        let e = format!("{f:e}");
        return e.replace("e-", "e-");
    }
    s
}

/// Node's `util.inspect` of a JSON value, as it appears in Sequelize's error messages.
pub fn inspect(v: &serde_json::Value) -> String {
    use serde_json::Value as J;
    match v {
        J::Null => "null".into(),
        J::Bool(b) => b.to_string(),
        J::Number(n) => n.as_f64().map(js_number).unwrap_or_else(|| n.to_string()),
        J::String(s) => format!("'{}'", s.replace('\'', "\\'")),
        J::Array(a) if a.is_empty() => "[]".into(),
        J::Array(a) => format!(
            "[ {} ]",
            a.iter().map(inspect).collect::<Vec<_>>().join(", ")
        ),
        J::Object(o) if o.is_empty() => "{}".into(),
        J::Object(o) => {
            let items: Vec<String> = o
                .iter()
                .map(|(k, v)| {
                    let plain = !k.is_empty()
                        && k.chars()
                            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
                        && !k.chars().next().is_some_and(|c| c.is_ascii_digit());
                    if plain {
                        format!("{k}: {}", inspect(v))
                    } else {
                        format!("'{k}': {}", inspect(v))
                    }
                })
                .collect();
            format!("{{ {} }}", items.join(", "))
        }
    }
}

/// Lower-case hex, as `Buffer.toString('hex')`.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn underscore_matches_inflection() {
        assert_eq!(
            underscore("products_categoryId_price"),
            "products_category_id_price"
        );
        assert_eq!(underscore("Users_email"), "users_email");
        assert_eq!(underscore("a::B"), "a/b");
    }

    #[test]
    fn ticks_and_strings() {
        assert_eq!(add_ticks("we`ird", '`'), "`weird`");
        assert_eq!(quote_string("o'hara", false), "'o''hara'");
        assert_eq!(quote_string("a\0b", true), "'a\\0b'");
    }

    #[test]
    fn numbers_print_as_javascript() {
        assert_eq!(js_number(1.0), "1");
        assert_eq!(js_number(0.5), "0.5");
        assert_eq!(js_number(-3.25), "-3.25");
        assert_eq!(js_number(f64::NAN), "NaN");
    }

    #[test]
    fn inspect_like_node() {
        let v = serde_json::json!({"a": 1, "b-c": "x", "d": [1, 2], "e": {}});
        assert_eq!(inspect(&v), "{ a: 1, 'b-c': 'x', d: [ 1, 2 ], e: {} }");
    }
}
