//! `sequelize.query`'s parameters: `replacements` inlined as Sequelize's
//! `injectReplacements` does (`?` positional, `:name`), and `bind` (`$1`, `$name`)
//! turned into positional parameters for the driver.

use crate::abstract_gen::QueryGenerator;
use crate::model::Params;
use crate::value::SqlValue;
use crate::SqlError;

/// The escape `injectReplacements` uses (`SqlString.escape(v, undefined, dialect, true)`):
/// arrays are always a flat list, even on postgres.
fn escape_replacement<G: QueryGenerator + ?Sized>(g: &G, v: &SqlValue) -> Result<String, SqlError> {
    match v {
        SqlValue::Array(items) => g.array_to_list(items),
        v => g.escape_plain(v),
    }
}

fn can_precede_new_token(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => c.is_whitespace() || "(>,=".contains(c),
    }
}

fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// `$tag$` at the start of `s`: the whole match's byte length and the tag.
fn dollar_tag(s: &str) -> Option<(usize, &str)> {
    let rest = s.strip_prefix('$')?;
    let name_len = if rest.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        rest.find(|c: char| !is_ident_char(c)).unwrap_or(rest.len())
    } else {
        0
    };
    rest[name_len..]
        .starts_with('$')
        .then(|| (name_len + 2, &rest[..name_len]))
}

/// `injectReplacements`: replace `?`/`:name` outside strings, identifiers, comments and
/// dollar-quoted strings.
pub fn inject_replacements<G: QueryGenerator + ?Sized>(
    g: &G,
    sql: &str,
    params: &Params,
) -> Result<String, SqlError> {
    let (tick_l, tick_r) = match g.dialect() {
        crate::Dialect::Postgres => ('"', '"'),
        _ => ('`', '`'),
    };
    let postgres = g.dialect() == crate::Dialect::Postgres;
    // mysql / mariadb strings take backslash escapes (`canHaveBackslashEscapes`).
    let backslashes = g.dialect().is_mysql_family();
    let chars: Vec<(usize, char)> = sql.char_indices().collect();
    let at = |i: usize| chars.get(i).map(|c| c.1);
    let mut out = String::with_capacity(sql.len());
    let mut slice_start = 0usize;
    let mut positional = 0usize;
    let (mut in_col, mut in_str, mut line_comment, mut block_comment) =
        (false, false, false, false);
    let mut str_backslash = false;
    let mut dollar: Option<String> = None;
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        if in_col {
            in_col = c != tick_r;
        } else if in_str {
            if c == '\'' && !(str_backslash && backslash_escaped(&chars, i)) {
                in_str = false;
                str_backslash = false;
            }
        } else if let Some(tag) = &dollar {
            if c == '$' {
                if let Some((_, t)) = dollar_tag(&sql[pos..]) {
                    if t == tag {
                        dollar = None;
                    }
                }
            }
        } else if line_comment {
            line_comment = c != '\n';
        } else if block_comment {
            if c == '*' && at(i + 1) == Some('/') {
                block_comment = false;
            }
        } else if c == tick_l {
            in_col = true;
        } else if c == '\'' {
            in_str = true;
            // postgres' E'…' strings take backslash escapes.
            str_backslash = backslashes
                || postgres
                    && i > 0
                    && matches!(at(i - 1), Some('E' | 'e'))
                    && can_precede_new_token(if i >= 2 { at(i - 2) } else { None });
        } else if c == '-' && sql[pos..].starts_with("-- ") {
            line_comment = true;
        } else if c == '/' && sql[pos..].starts_with("/*") {
            block_comment = true;
        } else if c == '$' {
            let prev = if i > 0 { at(i - 1) } else { None };
            if !prev.is_some_and(is_ident_char) {
                if let Some((len, tag)) = dollar_tag(&sql[pos..]) {
                    dollar = Some(tag.to_string());
                    i += sql[pos..pos + len].chars().count();
                    continue;
                }
            }
        } else if c == ':' {
            if let Params::Named(map) = params {
                let prev = if i > 0 { at(i - 1) } else { None };
                if can_precede_new_token(prev) || prev == Some('[') {
                    let rest = &sql[pos + 1..];
                    let name_len =
                        if rest.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
                            rest.find(|c: char| !is_ident_char(c)).unwrap_or(rest.len())
                        } else {
                            0
                        };
                    let after = &rest[name_len..];
                    let terminated = after.is_empty()
                        || after.starts_with(|c: char| c.is_whitespace() || ")],;".contains(c))
                        || after.starts_with("::");
                    if name_len > 0 && terminated {
                        let name = &rest[..name_len];
                        let value = map.get(name).ok_or_else(|| {
                            SqlError::Sequelize(format!("Named replacement \":{name}\" has no entry in the replacement map."))
                        })?;
                        out.push_str(&sql[slice_start..pos]);
                        out.push_str(&escape_replacement(g, value)?);
                        slice_start = pos + 1 + name_len;
                    }
                }
            }
        } else if c == '?' {
            if let Params::Positional(list) = params {
                let prev = if i > 0 { at(i - 1) } else { None };
                let next = at(i + 1);
                if (can_precede_new_token(prev) || prev == Some('['))
                    && next != Some('|')
                    && next != Some('&')
                {
                    let index = positional;
                    positional += 1;
                    let value = list.get(index).ok_or_else(|| {
                        SqlError::Sequelize(format!(
                            "Positional replacement (?) {index} has no entry in the replacement map (replacements[{index}] is undefined)."
                        ))
                    })?;
                    out.push_str(&sql[slice_start..pos]);
                    out.push_str(&escape_replacement(g, value)?);
                    slice_start = pos + 1;
                }
            }
        }
        i += 1;
    }
    if in_str {
        return Err(SqlError::Sequelize(format!(
            "The following SQL query includes an unterminated string literal:\n{sql}"
        )));
    }
    out.push_str(&sql[slice_start..]);
    Ok(out)
}

fn backslash_escaped(chars: &[(usize, char)], i: usize) -> bool {
    let mut escaped = false;
    let mut j = i;
    while j > 0 {
        j -= 1;
        if chars[j].1 != '\\' {
            break;
        }
        escaped = !escaped;
    }
    escaped
}

/// A query with its bind parameters resolved for the driver.
#[derive(Debug, Clone, PartialEq)]
pub struct BoundQuery {
    /// The text Sequelize logs (`$$` already unescaped to `$`).
    pub logged: String,
    /// The text sent to the driver: every `$name` renumbered `$N`.
    pub sql: String,
    pub params: Vec<SqlValue>,
}

/// `formatBindParameters` (with `skipValueReplace`, as both dialects call it): `$1`
/// indexes a list, `$name` a map; `$$` is a literal `$`. Unknown names fail as in Sequelize.
pub fn format_bind_parameters(sql: &str, bind: &Params) -> Result<BoundQuery, SqlError> {
    let mut logged = String::with_capacity(sql.len());
    let mut exec = String::with_capacity(sql.len());
    let mut params: Vec<SqlValue> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    let bytes = sql.as_bytes();
    let mut i = 0;
    while i < sql.len() {
        let c = sql[i..].chars().next().unwrap_or_default();
        // `\B\$`: the `$` must not follow a word character.
        let prev_word = i > 0 && sql[..i].chars().next_back().is_some_and(is_ident_char);
        if c == '$' && !prev_word {
            if bytes.get(i + 1) == Some(&b'$') {
                logged.push('$');
                exec.push('$');
                i += 2;
                continue;
            }
            let rest = &sql[i + 1..];
            let len = rest.find(|c: char| !is_ident_char(c)).unwrap_or(rest.len());
            if len > 0 {
                let key = &rest[..len];
                let match_text = &sql[i..i + 1 + len];
                let value = match bind {
                    Params::Positional(list) => key
                        .parse::<usize>()
                        .ok()
                        .filter(|n| *n >= 1 && !key.starts_with('0'))
                        .and_then(|n| list.get(n - 1)),
                    Params::Named(map) if !key.chars().all(|c| c.is_ascii_digit()) => map.get(key),
                    Params::Named(_) => None,
                };
                let value = value.ok_or_else(|| {
                    SqlError::Sequelize(format!(
                        "Named bind parameter \"{match_text}\" has no value in the given object."
                    ))
                })?;
                let n = match names.iter().position(|k| k == key) {
                    Some(p) => p + 1,
                    None => {
                        names.push(key.to_string());
                        params.push(value.clone());
                        params.len()
                    }
                };
                logged.push_str(match_text);
                exec.push_str(&format!("${n}"));
                i += 1 + len;
                continue;
            }
        }
        logged.push(c);
        exec.push(c);
        i += c.len_utf8();
    }
    Ok(BoundQuery {
        logged,
        sql: exec,
        params,
    })
}

/// mysql / mariadb `formatBindParameters`: every `$1` / `$name` becomes `?` and its value is
/// pushed in the order of occurrence (a parameter used twice is bound twice); `$$` is a
/// literal `$`. The text is both what Sequelize logs and what the driver gets. Unknown
/// names fail as in Sequelize.
pub fn format_bind_question(sql: &str, bind: &Params) -> Result<BoundQuery, SqlError> {
    let mut out = String::with_capacity(sql.len());
    let mut params: Vec<SqlValue> = Vec::new();
    let bytes = sql.as_bytes();
    let mut i = 0;
    while i < sql.len() {
        let c = sql[i..].chars().next().unwrap_or_default();
        let prev_word = i > 0 && sql[..i].chars().next_back().is_some_and(is_ident_char);
        if c == '$' && !prev_word {
            if bytes.get(i + 1) == Some(&b'$') {
                out.push('$');
                i += 2;
                continue;
            }
            let rest = &sql[i + 1..];
            let len = rest.find(|c: char| !is_ident_char(c)).unwrap_or(rest.len());
            if len > 0 {
                let key = &rest[..len];
                let value = match bind {
                    Params::Positional(list) => key
                        .parse::<usize>()
                        .ok()
                        .filter(|n| *n >= 1)
                        .and_then(|n| list.get(n - 1)),
                    Params::Named(map) => map.get(key),
                };
                let value = value.ok_or_else(|| {
                    SqlError::Sequelize(format!(
                        "Named bind parameter \"{}\" has no value in the given object.",
                        &sql[i..i + 1 + len]
                    ))
                })?;
                params.push(value.clone());
                out.push('?');
                i += 1 + len;
                continue;
            }
        }
        out.push(c);
        i += c.len_utf8();
    }
    Ok(BoundQuery {
        logged: out.clone(),
        sql: out,
        params,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sqlite::SqliteGenerator;
    use serde_json::json;

    fn params(v: serde_json::Value) -> Params {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn positional_and_named_replacements() {
        let g = SqliteGenerator::new();
        let sql = inject_replacements(
            &g,
            "SELECT * FROM t WHERE a = ? AND b IN (?) AND c = '?' AND `?` = 1",
            &params(json!(["o'h", ["x", "y"]])),
        )
        .unwrap();
        assert_eq!(
            sql,
            "SELECT * FROM t WHERE a = 'o''h' AND b IN ('x', 'y') AND c = '?' AND `?` = 1"
        );
        let sql = inject_replacements(
            &g,
            "UPDATE t SET a = :a WHERE b = :b -- :c\n",
            &params(json!({"a": true, "b": {"$seqmig": "date", "ms": 0}})),
        )
        .unwrap();
        assert_eq!(
            sql,
            "UPDATE t SET a = 1 WHERE b = '1970-01-01 00:00:00.000 +00:00' -- :c\n"
        );
        let err = inject_replacements(&g, "SELECT :missing", &params(json!({}))).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Named replacement \":missing\" has no entry in the replacement map."
        );
        let err = inject_replacements(&g, "SELECT ?, ?", &params(json!([1]))).unwrap_err();
        assert!(err
            .to_string()
            .starts_with("Positional replacement (?) 1 has no entry"));
    }

    #[test]
    fn mysql_bind_parameters_become_question_marks_in_order() {
        let b =
            format_bind_question("SELECT $2, $1, $2, '$$x'", &params(json!(["a", "b"]))).unwrap();
        assert_eq!(b.sql, "SELECT ?, ?, ?, '$x'");
        assert_eq!(b.logged, b.sql);
        let text = |s: &str| SqlValue::Text(s.into());
        assert_eq!(b.params, vec![text("b"), text("a"), text("b")]);
        let b = format_bind_question("x = $n AND y=$n", &params(json!({"n": 1}))).unwrap();
        assert_eq!(b.sql, "x = ? AND y=?");
        assert_eq!(b.params.len(), 2);
        let err = format_bind_question("SELECT $3", &params(json!([1]))).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Named bind parameter \"$3\" has no value in the given object."
        );
    }

    #[test]
    fn mysql_replacements_skip_backslash_escaped_quotes() {
        let g = crate::mysql::MysqlGenerator::new();
        let sql = inject_replacements(
            &g,
            "SELECT 'it\\'s ?' AS a, ? AS b",
            &params(json!(["o'h"])),
        )
        .unwrap();
        assert_eq!(sql, "SELECT 'it\\'s ?' AS a, 'o\\'h' AS b");
    }

    #[test]
    fn bind_parameters_become_positional() {
        let b =
            format_bind_parameters("SELECT $2, $1, $2, '$$x'", &params(json!(["a", "b"]))).unwrap();
        assert_eq!(b.sql, "SELECT $1, $2, $1, '$x'");
        assert_eq!(b.logged, "SELECT $2, $1, $2, '$x'");
        assert_eq!(
            b.params,
            vec![SqlValue::Text("b".into()), SqlValue::Text("a".into())]
        );
        let b = format_bind_parameters(
            "INSERT INTO t VALUES ($name, $n2)",
            &params(json!({"name": 1, "n2": null})),
        )
        .unwrap();
        assert_eq!(b.sql, "INSERT INTO t VALUES ($1, $2)");
        let err = format_bind_parameters("SELECT $nope", &params(json!({}))).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Named bind parameter \"$nope\" has no value in the given object."
        );
    }
}
