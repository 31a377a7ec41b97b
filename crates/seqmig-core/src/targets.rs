//! Several targets in one run (issue 19): the databases of `--url` (given more than once)
//! and `--urls-file`, or the PostgreSQL schemas of `--schema`, `--schemas-file` and
//! `--schemas-query`. What is read here is dialect-neutral: a URL is checked by the same
//! parser as `--url` and its scheme against the dialects seqmig knows, so a dialect added
//! to the bookkeeping is a valid target at once. Running them is the binary's.

use seqmig_db::{SharedConnection, Value};
use serde_json::{Map, Value as Json};

use crate::dbconfig::{parse_db_url, redact_url};
use crate::error::CoreError;

pub use seqmig_db::Dialect;

/// One target: a database by URL, or a schema of the configured database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetSpec {
    Url(String),
    Schema(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// How output lines and the summary name it: the URL's host/database (never a
    /// password) or the schema's name.
    pub label: String,
    pub spec: TargetSpec,
}

/// A schema target's settings, as seqmig runs it: sequelize-cli with `"schema"`,
/// `"searchPath"`, `"dialectOptions": {"prependSearchPath": true}` and
/// `"migrationStorageTableSchema"` set to the schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetSchema {
    pub name: String,
    /// `--create-schema`: create it when it does not exist (else that is an error).
    pub create: bool,
}

/// The lines of a list file (or of standard input): blank lines and `#` comments are
/// skipped; each kept line with its 1-based number, trimmed.
pub fn list_lines(text: &str) -> Vec<(usize, String)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
        .map(|(i, l)| (i, l.to_string()))
        .collect()
}

/// Check a target URL: it parses as `--url` does and names a dialect seqmig speaks. The
/// message never holds the password.
pub fn check_url(url: &str) -> Result<(), String> {
    let parts = parse_db_url(url).map_err(|e| e.to_string())?;
    let dialect = parts.get("dialect").and_then(Json::as_str).unwrap_or("");
    if crate::bookkeeping::by_name(dialect).is_none() {
        let shown = if dialect
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '-')
        {
            dialect.to_string()
        } else {
            redact_url(url)
        };
        return Err(format!(
            "\"{shown}\" is not a dialect seqmig speaks ({})",
            redact_url(url)
        ));
    }
    if dialect != "sqlite" && !url.contains("://") {
        return Err(format!("Error parsing url: {}", redact_url(url)));
    }
    Ok(())
}

/// The label of a URL target: `host/database` (`host:port/database` when a port is
/// given), the file for SQLite. Never the user or the password.
pub fn url_label(url: &str) -> String {
    let Ok(parts) = parse_db_url(url) else {
        return redact_url(url);
    };
    let get = |k: &str| parts.get(k).and_then(Json::as_str).unwrap_or("");
    if get("dialect") == "sqlite" {
        return get("storage").to_string();
    }
    let host = match get("host") {
        "" => "localhost",
        h => h,
    };
    let host = if host.contains(':') {
        format!("[{host}]")
    } else {
        host.to_string()
    };
    match parts.get("port").and_then(Json::as_u64) {
        Some(port) => format!("{host}:{port}/{}", get("database")),
        None => format!("{host}/{}", get("database")),
    }
}

/// A schema name seqmig accepts as a target: a plain lower-case identifier, which
/// `SET search_path to NAME` (Sequelize's unquoted searchPath) and the quoted table names
/// both read as the same schema.
pub fn check_schema_name(name: &str) -> Result<(), String> {
    let mut chars = name.chars();
    let first_ok = chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_');
    let rest_ok = name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '$');
    if !first_ok || !rest_ok {
        return Err(format!(
            "schema name \"{}\" is not a plain lower-case identifier (a-z, 0-9, _, $; not starting with a digit): Sequelize's searchPath leaves it unquoted",
            name.escape_debug()
        ));
    }
    if name.len() > 63 {
        return Err(format!(
            "schema name \"{name}\" is longer than PostgreSQL's 63 bytes"
        ));
    }
    if name.starts_with("pg_") {
        return Err(format!(
            "schema name \"{name}\" is reserved by PostgreSQL (pg_*)"
        ));
    }
    Ok(())
}

/// Give each target a distinct label (a second `localhost/app` becomes `localhost/app#2`,
/// numbered by its place in the list), and refuse a target given twice.
pub fn finish(list: Vec<(TargetSpec, String)>) -> Result<Vec<Target>, CoreError> {
    let mut out: Vec<Target> = Vec::with_capacity(list.len());
    for (i, (spec, origin)) in list.into_iter().enumerate() {
        if let Some(j) = out.iter().position(|t| t.spec == spec) {
            let what = match &spec {
                TargetSpec::Url(u) => format!("the URL {}", redact_url(u)),
                TargetSpec::Schema(s) => format!("the schema {s}"),
            };
            return Err(CoreError::Usage(format!(
                "seqmig: {what} is given twice (target {} and {origin}); each target runs once",
                j + 1
            )));
        }
        let base = match &spec {
            TargetSpec::Url(u) => url_label(u),
            TargetSpec::Schema(s) => s.clone(),
        };
        let label = if out.iter().any(|t| t.label == base) {
            format!("{base}#{}", i + 1)
        } else {
            base
        };
        out.push(Target { label, spec });
    }
    Ok(out)
}

/// The config keys a schema target adds to the environment's section (the four
/// sequelize-cli needs to run a folder inside a schema; docs/SEQUELIZE-CLI-FACTS).
pub fn schema_overrides(schema: &str) -> Map<String, Json> {
    let mut m = Map::new();
    m.insert("schema".into(), Json::String(schema.into()));
    m.insert("searchPath".into(), Json::String(schema.into()));
    let mut d = Map::new();
    d.insert("prependSearchPath".into(), Json::Bool(true));
    m.insert("dialectOptions".into(), Json::Object(d));
    m.insert(
        "migrationStorageTableSchema".into(),
        Json::String(schema.into()),
    );
    m
}

/// lodash `merge` of the overrides into a section: objects (`dialectOptions`) merge key
/// by key, everything else is replaced.
pub fn merge_overrides(section: &mut Map<String, Json>, overrides: &Map<String, Json>) {
    for (k, v) in overrides {
        match (section.get_mut(k), v) {
            (Some(Json::Object(have)), Json::Object(add)) => {
                for (k2, v2) in add {
                    have.insert(k2.clone(), v2.clone());
                }
            }
            _ => {
                section.insert(k.clone(), v.clone());
            }
        }
    }
}

/// `--schemas-query`: the first column of each row, as text (`None` for NULL).
pub fn query_first_column(
    conn: &SharedConnection,
    sql: &str,
) -> Result<Vec<Option<String>>, crate::DbError> {
    let r = conn.borrow_mut().query(sql, &[])?;
    Ok(r.rows
        .iter()
        .map(|row| match row.first() {
            None | Some(Value::Null) => None,
            Some(Value::Text(s)) | Some(Value::Numeric(s)) => Some(s.clone()),
            Some(Value::Other { text, .. }) => Some(text.clone()),
            Some(Value::Int(i)) => Some(i.to_string()),
            Some(Value::Bool(b)) => Some(b.to_string()),
            Some(Value::Float(f)) => Some(f.to_string()),
            Some(Value::Json(j)) => Some(j.to_string()),
            Some(other) => Some(format!("{other:?}")),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_lines_skip_blanks_and_comments_and_keep_line_numbers() {
        let text = "# tenants\n\npostgres://a@h/x\n   \n  # off\n sqlite://b.db  \n";
        assert_eq!(
            list_lines(text),
            vec![
                (3, "postgres://a@h/x".to_string()),
                (6, "sqlite://b.db".to_string())
            ]
        );
    }

    #[test]
    fn urls_are_checked_without_printing_the_password() {
        assert!(check_url("postgres://u:pw@h:5432/db").is_ok());
        assert!(check_url("postgresql://u@h/db").is_ok());
        assert!(check_url("sqlite://tenants/a.sqlite").is_ok());
        let e = check_url("postgres://u:s3cret@h:notaport/db").unwrap_err();
        assert!(!e.contains("s3cret"), "{e}");
        assert!(e.contains("Error parsing url"), "{e}");
        let e = check_url("oracle://u:s3cret@h/db").unwrap_err();
        assert!(!e.contains("s3cret") && e.contains("\"oracle\""), "{e}");
        let e = check_url("just some words").unwrap_err();
        assert!(e.contains("Error parsing url"), "{e}");
        let e = check_url("u:s3cret@h").unwrap_err();
        assert!(!e.contains("s3cret"), "{e}");
    }

    #[test]
    fn labels_are_host_and_database_never_credentials() {
        assert_eq!(
            url_label("postgres://u:pw@db.example/app"),
            "db.example/app"
        );
        assert_eq!(url_label("postgres://u:pw@db:6543/app"), "db:6543/app");
        assert_eq!(url_label("postgres://u@[::1]:5433/a"), "[::1]:5433/a");
        assert_eq!(url_label("sqlite://t/a.sqlite"), "t/a.sqlite");
        assert_eq!(url_label("sqlite:///abs/a.sqlite"), "/abs/a.sqlite");
    }

    #[test]
    fn schema_names() {
        assert!(check_schema_name("tenant_a").is_ok());
        assert!(check_schema_name("t1$x").is_ok());
        for bad in ["", "Tenant", "1abc", "a-b", "a b", "pg_temp", "x\"y"] {
            assert!(check_schema_name(bad).is_err(), "{bad}");
        }
        assert!(check_schema_name(&"a".repeat(64)).is_err());
    }

    #[test]
    fn labels_are_distinct_and_duplicates_refused() {
        let t = finish(vec![
            (
                TargetSpec::Url("postgres://a:1@h/db".into()),
                "--url 1".into(),
            ),
            (
                TargetSpec::Url("postgres://b:2@h/db".into()),
                "--url 2".into(),
            ),
        ])
        .unwrap();
        assert_eq!(t[0].label, "h/db");
        assert_eq!(t[1].label, "h/db#2");
        let e = finish(vec![
            (TargetSpec::Schema("a".into()), "--schema".into()),
            (TargetSpec::Schema("a".into()), "line 4 of s.txt".into()),
        ])
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "seqmig: the schema a is given twice (target 1 and line 4 of s.txt); each target runs once"
        );
        let e = finish(vec![
            (
                TargetSpec::Url("postgres://a:pw@h/db".into()),
                "--url".into(),
            ),
            (
                TargetSpec::Url("postgres://a:pw@h/db".into()),
                "--url".into(),
            ),
        ])
        .unwrap_err();
        assert!(!e.to_string().contains("pw@"), "{e}");
    }

    #[test]
    fn schema_overrides_merge_into_dialect_options() {
        let mut section = Map::new();
        section.insert(
            "dialectOptions".into(),
            serde_json::json!({"application_name": "x"}),
        );
        merge_overrides(&mut section, &schema_overrides("t1"));
        assert_eq!(
            Json::Object(section),
            serde_json::json!({
                "dialectOptions": {"application_name": "x", "prependSearchPath": true},
                "schema": "t1", "searchPath": "t1", "migrationStorageTableSchema": "t1"
            })
        );
    }
}
