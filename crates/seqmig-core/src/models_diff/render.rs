//! The migration `migration:generate --from-models` writes: ordinary queryInterface calls
//! with `Sequelize.*` types, `up` from the replayed schema to the models', `down` back.
//!
//! SQLite cannot change or drop a column in place, and Sequelize's `changeColumn` /
//! `removeColumn` rebuild the table from `describeTable`, which loses the other foreign
//! keys' ON UPDATE / ON DELETE rules, the table's indexes, AUTOINCREMENT, and turns a
//! composite UNIQUE into one per column. So a table whose columns change is rebuilt by the
//! file itself, as SQLite documents it (create the new shape, copy the rows, drop, rename,
//! recreate the indexes), with every rule written out; a column that SQLite can add in
//! place (nullable or with a constant default, no key) is added with `addColumn`.
//!
//! PostgreSQL changes columns in place (`pg_table_changes`); an ENUM's values change
//! through its type (`ALTER TYPE … ADD VALUE`, or the `replaceEnum` helper).

use std::collections::BTreeSet;
use std::fmt::Write as _;

use serde_json::Value as Json;

use super::facts::{self, ColumnFact, IndexInfo, IndexKey, TableFacts};
use super::{Analysis, ModelTable, Rename};

#[derive(Debug)]
pub struct RenderError(pub String);

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

type R<T> = Result<T, RenderError>;

fn unsupported(what: String) -> RenderError {
    RenderError(format!(
        "seqmig: cannot write a migration for {what}; nothing was written"
    ))
}

pub struct Plan {
    up: Vec<String>,
    down: Vec<String>,
    rebuilds: bool,
    enums: bool,
    pub warnings: Vec<String>,
}

/// A JS string literal in single quotes.
pub fn js_str(s: &str) -> String {
    let mut out = String::from("'");
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// An object key: bare when it is an identifier.
fn js_key(s: &str) -> String {
    let ident = !s.is_empty()
        && s.chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    if ident {
        s.to_string()
    } else {
        js_str(s)
    }
}

fn js_list(items: &[String]) -> String {
    format!(
        "[{}]",
        items
            .iter()
            .map(|s| js_str(s))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

fn num(v: &Json) -> Option<String> {
    match v {
        Json::Number(n) => Some(n.to_string()),
        Json::String(s) => Some(js_str(s)),
        _ => None,
    }
}

/// A DataType JSON (CONTRACTS.md §3) as `Sequelize.X(...)`.
pub fn render_type(t: &Json) -> R<String> {
    let key = t.get("key").and_then(Json::as_str).unwrap_or("");
    let length = t.get("length").and_then(num);
    let mut s = match key {
        "RAW" => return Ok(js_str(t.get("sql").and_then(Json::as_str).unwrap_or(""))),
        "STRING" | "CHAR" => {
            let len = t.get("length").and_then(Json::as_u64).unwrap_or(255);
            let binary = t.get("binary").and_then(Json::as_bool).unwrap_or(false);
            match (len, binary) {
                (255, false) => format!("Sequelize.{key}"),
                (n, false) => format!("Sequelize.{key}({n})"),
                (n, true) => format!("Sequelize.{key}({n}, true)"),
            }
        }
        "TEXT" | "BLOB" => match length {
            Some(l) => format!("Sequelize.{key}({l})"),
            None => format!("Sequelize.{key}"),
        },
        "TINYINT" | "SMALLINT" | "MEDIUMINT" | "INTEGER" | "BIGINT" | "FLOAT" | "REAL"
        | "DOUBLE" | "DECIMAL" => {
            let p = t.get("precision").and_then(num);
            let sc = t.get("scale").and_then(num);
            let d = t.get("decimals").and_then(num);
            let args: Vec<String> = match (p, sc, length, d) {
                (Some(p), Some(s), _, _) => vec![p, s],
                (Some(p), None, _, _) => vec![p],
                (None, _, Some(l), Some(d)) => vec![l, d],
                (None, _, Some(l), None) => vec![l],
                _ => vec![],
            };
            let mut s = if args.is_empty() {
                format!("Sequelize.{key}")
            } else {
                format!("Sequelize.{key}({})", args.join(", "))
            };
            if t.get("unsigned").and_then(Json::as_bool) == Some(true) {
                s.push_str(".UNSIGNED");
            }
            if t.get("zerofill").and_then(Json::as_bool) == Some(true) {
                s.push_str(".ZEROFILL");
            }
            s
        }
        "DATE" => match length {
            Some(l) => format!("Sequelize.DATE({l})"),
            None => "Sequelize.DATE".into(),
        },
        "BOOLEAN" | "DATEONLY" | "TIME" | "UUID" | "UUIDV1" | "UUIDV4" | "JSON" | "JSONB"
        | "CITEXT" | "INET" | "CIDR" | "MACADDR" | "TSVECTOR" | "HSTORE" | "NOW" => {
            format!("Sequelize.{key}")
        }
        "ENUM" => {
            let values: Vec<String> = t
                .get("values")
                .and_then(Json::as_array)
                .map(|a| a.iter().map(|v| js_str(v.as_str().unwrap_or(""))).collect())
                .unwrap_or_default();
            format!("Sequelize.ENUM({})", values.join(", "))
        }
        "ARRAY" | "RANGE" => {
            let inner = t
                .get("type")
                .ok_or_else(|| unsupported(format!("{key} without an element type")))?;
            format!("Sequelize.{key}({})", render_type(inner)?)
        }
        "GEOMETRY" | "GEOGRAPHY" => {
            let mut args = Vec::new();
            if let Some(g) = t.get("geometryType").and_then(Json::as_str) {
                args.push(js_str(g));
                if let Some(srid) = t.get("srid").and_then(Json::as_u64) {
                    args.push(srid.to_string());
                }
            }
            if args.is_empty() {
                format!("Sequelize.{key}")
            } else {
                format!("Sequelize.{key}({})", args.join(", "))
            }
        }
        other => return Err(unsupported(format!("the data type {other}"))),
    };
    if matches!(key, "STRING" | "CHAR") && s.ends_with(", true)") {
        // STRING(n, true) reads better as the BINARY flag.
        s = s.replace(", true)", ").BINARY");
    }
    Ok(s)
}

/// A default value (the SqlValue JSON of toSqlValue) as JS.
pub fn render_value(v: &Json) -> R<String> {
    Ok(match v {
        Json::Null => "null".into(),
        Json::Bool(b) => b.to_string(),
        Json::Number(n) => n.to_string(),
        Json::String(s) => js_str(s),
        Json::Array(a) => format!(
            "[{}]",
            a.iter()
                .map(render_value)
                .collect::<R<Vec<_>>>()?
                .join(", ")
        ),
        Json::Object(o) => match o.get("$seqmig").and_then(Json::as_str) {
            Some("now") => "Sequelize.NOW".into(),
            Some("uuidv4") => "Sequelize.UUIDV4".into(),
            Some("uuidv1") => "Sequelize.UUIDV1".into(),
            Some("literal") => format!(
                "Sequelize.literal({})",
                js_str(o.get("val").and_then(Json::as_str).unwrap_or(""))
            ),
            Some("fn") => {
                let args = o
                    .get("args")
                    .and_then(Json::as_array)
                    .map(|a| a.iter().map(render_value).collect::<R<Vec<_>>>())
                    .transpose()?
                    .unwrap_or_default();
                let mut all = vec![js_str(o.get("fn").and_then(Json::as_str).unwrap_or(""))];
                all.extend(args);
                format!("Sequelize.fn({})", all.join(", "))
            }
            Some("date") => match o.get("ms").and_then(Json::as_i64) {
                Some(ms) => format!("new Date({ms})"),
                None => return Err(unsupported("an invalid Date default".into())),
            },
            Some(other) => return Err(unsupported(format!("a default value of kind {other}"))),
            None => serde_json::to_string(v).unwrap_or_default(),
        },
    })
}

/// One attribute of a model (its JSON) as `{ type: …, … }`.
fn model_attribute(table: &str, field: &str, a: &Json) -> R<String> {
    model_attribute_as(table, field, a, false)
}

fn model_attribute_as(table: &str, field: &str, a: &Json, bare: bool) -> R<String> {
    let at = |e: RenderError| RenderError(e.0.replace("for ", &format!("for {table}.{field}: ")));
    let mut parts = vec![format!(
        "type: {}",
        render_type(a.get("type").unwrap_or(&Json::Null)).map_err(at)?
    )];
    if let Some(b) = a.get("allowNull").and_then(Json::as_bool) {
        parts.push(format!("allowNull: {b}"));
    }
    if let Some(d) = a.get("defaultValue") {
        parts.push(format!("defaultValue: {}", render_value(d).map_err(at)?));
    }
    if bare {
        return Ok(format!("{{ {} }}", parts.join(", ")));
    }
    if a.get("primaryKey").and_then(Json::as_bool) == Some(true) {
        parts.push("primaryKey: true".into());
    }
    if a.get("autoIncrement").and_then(Json::as_bool) == Some(true) {
        parts.push("autoIncrement: true".into());
    }
    if a.get("unique").and_then(Json::as_bool) == Some(true) {
        parts.push("unique: true".into());
    }
    if let Some(r) = a.get("references") {
        let model = super::table_name(r.get("table").unwrap_or(&Json::Null));
        let key = r.get("key").and_then(Json::as_str).unwrap_or("id");
        parts.push(format!(
            "references: {{ model: {}, key: {} }}",
            js_str(&model),
            js_str(key)
        ));
        for (k, name) in [("onUpdate", "onUpdate"), ("onDelete", "onDelete")] {
            if let Some(rule) = a.get(k).and_then(Json::as_str) {
                parts.push(format!("{name}: {}", js_str(&rule.to_uppercase())));
            }
        }
    }
    if let Some(c) = a.get("comment").and_then(Json::as_str) {
        parts.push(format!("comment: {}", js_str(c)));
    }
    Ok(format!("{{ {} }}", parts.join(", ")))
}

/// A declared SQLite type as the Sequelize type that writes it.
pub fn type_from_sql(sql: &str) -> String {
    if let Some(inner) = sql.strip_suffix("[]") {
        return format!("Sequelize.ARRAY({})", type_from_sql(inner));
    }
    if let Some(labels) = sql.strip_prefix("ENUM(").and_then(|r| r.strip_suffix(')')) {
        let values: Vec<String> = labels.split(',').map(js_str).collect();
        return format!("Sequelize.ENUM({})", values.join(", "));
    }
    let t = facts::normalize_type(sql);
    let args = |s: &str| -> Option<Vec<String>> {
        let open = s.find('(')?;
        let close = s.rfind(')')?;
        Some(
            s[open + 1..close]
                .split(',')
                .map(|x| x.trim().to_string())
                .collect(),
        )
    };
    let base = t.split('(').next().unwrap_or("").trim().to_string();
    let simple = |name: &str| format!("Sequelize.{name}");
    match (base.as_str(), args(&t)) {
        ("VARCHAR", Some(a)) if a.len() == 1 && t.ends_with(") BINARY") => {
            format!("Sequelize.STRING({}).BINARY", a[0])
        }
        ("VARCHAR", Some(a)) if a.len() == 1 && t.ends_with(')') => {
            if a[0] == "255" {
                simple("STRING")
            } else {
                format!("Sequelize.STRING({})", a[0])
            }
        }
        ("CHAR", Some(a)) if a.len() == 1 && t.ends_with(')') => {
            if a[0] == "255" {
                simple("CHAR")
            } else {
                format!("Sequelize.CHAR({})", a[0])
            }
        }
        ("TINYINT", Some(a)) if a == ["1"] && t == "TINYINT(1)" => simple("BOOLEAN"),
        ("CHARACTER VARYING", Some(a)) if a.len() == 1 && t.ends_with(')') => {
            if a[0] == "255" {
                simple("STRING")
            } else {
                format!("Sequelize.STRING({})", a[0])
            }
        }
        ("CHARACTER", Some(a)) if a.len() == 1 && t.ends_with(')') => {
            format!("Sequelize.CHAR({})", a[0])
        }
        ("NUMERIC", Some(a)) if t.ends_with(')') => format!("Sequelize.DECIMAL({})", a.join(", ")),
        ("DECIMAL", Some(a)) if t.ends_with(')') => format!("Sequelize.DECIMAL({})", a.join(", ")),
        (_, None) => match t.as_str() {
            "TEXT" => simple("TEXT"),
            "INTEGER" => simple("INTEGER"),
            "BIGINT" => simple("BIGINT"),
            "SMALLINT" => simple("SMALLINT"),
            "MEDIUMINT" => simple("MEDIUMINT"),
            "TINYINT" => simple("TINYINT"),
            "FLOAT" => simple("FLOAT"),
            "REAL" => simple("REAL"),
            "DOUBLE PRECISION" => simple("DOUBLE"),
            "DECIMAL" => simple("DECIMAL"),
            "DATETIME" => simple("DATE"),
            "DATE" => simple("DATEONLY"),
            "TIME" => simple("TIME"),
            "UUID" => simple("UUID"),
            "JSON" => simple("JSON"),
            "BLOB" => simple("BLOB"),
            "BOOLEAN" => simple("BOOLEAN"),
            "TIMESTAMP WITH TIME ZONE" => simple("DATE"),
            "TIME WITHOUT TIME ZONE" => simple("TIME"),
            "NUMERIC" => simple("DECIMAL"),
            "JSONB" => simple("JSONB"),
            "BYTEA" => simple("BLOB"),
            "CITEXT" | "INET" | "CIDR" | "MACADDR" | "TSVECTOR" | "HSTORE" => simple(&t),
            _ => js_str(sql.trim()),
        },
        _ => js_str(sql.trim()),
    }
}

/// A default as SQLite keeps it, as a JS `defaultValue` for a column of `sql_type`.
fn default_from_sql(d: &str, sql_type: &str) -> String {
    let t = facts::normalize_type(sql_type);
    if t == "TINYINT(1)" && (d == "1" || d == "0") {
        return (d == "1").to_string();
    }
    if t == "BOOLEAN" && (d == "true" || d == "false") {
        return d.to_string();
    }
    if d.parse::<f64>().is_ok() {
        return d.to_string();
    }
    if d.len() >= 2 && d.starts_with('\'') && d.ends_with('\'') {
        return js_str(&d[1..d.len() - 1].replace("''", "'"));
    }
    format!("Sequelize.literal({})", js_str(d))
}

/// A replayed table's column, with its single-column unique constraint and reference.
fn fact_attribute(t: &TableFacts, c: &ColumnFact) -> R<String> {
    fact_attribute_as(t, c, false)
}

/// `bare`: for changeColumn, without the keys and references (they are changed apart).
fn fact_attribute_as(t: &TableFacts, c: &ColumnFact, bare: bool) -> R<String> {
    let mut parts = vec![format!("type: {}", type_from_sql(&c.sql_type))];
    parts.push(format!("allowNull: {}", !c.not_null));
    if let Some(d) = &c.default {
        parts.push(format!(
            "defaultValue: {}",
            default_from_sql(d, &c.sql_type)
        ));
    }
    if bare {
        return Ok(format!("{{ {} }}", parts.join(", ")));
    }
    if c.primary_key {
        parts.push("primaryKey: true".into());
    }
    if c.auto_increment {
        parts.push("autoIncrement: true".into());
    }
    let unique = t
        .indexes
        .iter()
        .any(|(k, i)| i.constraint && k.unique && k.columns == [c.name.clone()] && !c.primary_key);
    if unique {
        parts.push("unique: true".into());
    }
    for fk in &t.foreign_keys {
        if !fk.columns.contains(&c.name) {
            continue;
        }
        if fk.columns.len() != 1 {
            return Err(unsupported(format!(
                "the composite foreign key ({}) of table {}",
                fk.columns.join(", "),
                t.name
            )));
        }
        parts.push(format!(
            "references: {{ model: {}, key: {} }}",
            js_str(&fk.table),
            js_str(&fk.to_columns[0])
        ));
        if fk.on_update != "NO ACTION" {
            parts.push(format!("onUpdate: {}", js_str(&fk.on_update)));
        }
        if fk.on_delete != "NO ACTION" {
            parts.push(format!("onDelete: {}", js_str(&fk.on_delete)));
        }
    }
    Ok(format!("{{ {} }}", parts.join(", ")))
}

/// A table's shape for createTable: attributes, the options (uniqueKeys) and the indexes.
struct Shape {
    attributes: Vec<(String, String)>,
    unique_keys: Vec<(String, Vec<String>)>,
    indexes: Vec<String>,
}

fn attributes_block(attrs: &[(String, String)], indent: &str) -> String {
    let mut s = String::from("{\n");
    for (name, a) in attrs {
        let _ = writeln!(s, "{indent}  {}: {a},", js_key(name));
    }
    s.push_str(indent);
    s.push('}');
    s
}

fn options_block(keys: &[(String, Vec<String>)]) -> Option<String> {
    if keys.is_empty() {
        return None;
    }
    let inner: Vec<String> = keys
        .iter()
        .map(|(n, f)| format!("{}: {{ fields: {} }}", js_key(n), js_list(f)))
        .collect();
    Some(format!("{{ uniqueKeys: {{ {} }} }}", inner.join(", ")))
}

/// The index of `info` as addIndex options, from the model's definition when it names it.
fn index_options(model: Option<&ModelTable>, key: &IndexKey, info: &IndexInfo) -> R<String> {
    let def = model.and_then(|m| {
        m.indexes
            .iter()
            .find(|i| i.get("name").and_then(Json::as_str) == Some(info.name.as_str()))
    });
    let mut parts = vec![format!("name: {}", js_str(&info.name))];
    if key.unique {
        parts.push("unique: true".into());
    }
    let fields = match def.and_then(|d| d.get("fields")).and_then(Json::as_array) {
        Some(fields) => {
            let mut out = Vec::new();
            for f in fields {
                match f {
                    Json::String(s) => out.push(js_str(s)),
                    Json::Object(o) if o.get("name").and_then(Json::as_str).is_some() => {
                        let mut p = vec![format!(
                            "name: {}",
                            js_str(o["name"].as_str().unwrap_or(""))
                        )];
                        for k in ["order", "collate"] {
                            if let Some(v) = o.get(k).and_then(Json::as_str) {
                                p.push(format!("{k}: {}", js_str(v)));
                            }
                        }
                        if let Some(l) = o.get("length").and_then(Json::as_u64) {
                            p.push(format!("length: {l}"));
                        }
                        out.push(format!("{{ {} }}", p.join(", ")));
                    }
                    _ => {
                        return Err(unsupported(format!(
                            "the expression index {} of table {}",
                            info.name,
                            model.map(|m| m.table.as_str()).unwrap_or("")
                        )))
                    }
                }
            }
            format!("[{}]", out.join(", "))
        }
        None => js_list(&key.columns),
    };
    if key.columns.iter().any(|c| c == "<expression>") {
        return Err(unsupported(format!("the expression index {}", info.name)));
    }
    parts.push(format!("fields: {fields}"));
    if let Some(w) = &info.where_sql {
        parts.push(format!("where: Sequelize.literal({})", js_str(w)));
    }
    if let Some(d) = def {
        if let Some(u) = d.get("using").and_then(Json::as_str) {
            parts.push(format!("using: {}", js_str(u)));
        }
    }
    Ok(format!("{{ {} }}", parts.join(", ")))
}

fn model_shape(m: &ModelTable, f: &TableFacts) -> R<Shape> {
    let mut attributes = Vec::new();
    for (field, a) in &m.columns {
        attributes.push((field.clone(), model_attribute(&m.table, field, a)?));
    }
    let mut indexes = Vec::new();
    for (k, i) in &f.indexes {
        if !i.constraint {
            indexes.push(index_options(Some(m), k, i)?);
        }
    }
    Ok(Shape {
        attributes,
        unique_keys: m.unique_keys.clone(),
        indexes,
    })
}

fn fact_shape(t: &TableFacts) -> R<Shape> {
    let mut attributes = Vec::new();
    for c in &t.columns {
        attributes.push((c.name.clone(), fact_attribute(t, c)?));
    }
    let mut unique_keys = Vec::new();
    let mut indexes = Vec::new();
    for (k, i) in &t.indexes {
        if i.constraint {
            if k.columns.len() > 1 {
                unique_keys.push((i.name.clone(), k.columns.clone()));
            }
        } else {
            indexes.push(index_options(None, k, i)?);
        }
    }
    Ok(Shape {
        attributes,
        unique_keys,
        indexes,
    })
}

fn create_table(table: &str, shape: &Shape) -> Vec<String> {
    let mut out = Vec::new();
    let attrs = attributes_block(&shape.attributes, "");
    match options_block(&shape.unique_keys) {
        Some(o) => out.push(format!(
            "await queryInterface.createTable({}, {attrs}, {o});",
            js_str(table)
        )),
        None => out.push(format!(
            "await queryInterface.createTable({}, {attrs});",
            js_str(table)
        )),
    }
    for i in &shape.indexes {
        out.push(format!(
            "await queryInterface.addIndex({}, {i});",
            js_str(table)
        ));
    }
    out
}

fn rebuild(table: &str, shape: &Shape, copy: &[(String, String)]) -> String {
    let attrs = attributes_block(&shape.attributes, "");
    let opts = options_block(&shape.unique_keys).unwrap_or_else(|| "{}".into());
    let indexes = if shape.indexes.is_empty() {
        "[]".to_string()
    } else {
        format!(
            "[\n{}\n    ]",
            shape
                .indexes
                .iter()
                .map(|i| format!("      {i},"))
                .collect::<Vec<_>>()
                .join("\n")
        )
    };
    let copied = format!(
        "[{}]",
        copy.iter()
            .map(|(a, b)| format!("[{}, {}]", js_str(a), js_str(b)))
            .collect::<Vec<_>>()
            .join(", ")
    );
    format!(
        "await rebuildTable(queryInterface, {}, {attrs}, {opts}, {indexes}, {copied});",
        js_str(table)
    )
}

/// Whether SQLite can add the models' column in place (ALTER TABLE ADD COLUMN).
fn addable(c: &ColumnFact, model: &TableFacts) -> bool {
    let constant_default = c
        .default
        .as_deref()
        .is_none_or(|d| d.parse::<f64>().is_ok() || (d.starts_with('\'') && d.ends_with('\'')));
    let fk = model
        .foreign_keys
        .iter()
        .any(|f| f.columns.contains(&c.name));
    let unique = model
        .indexes
        .iter()
        .any(|(k, i)| i.constraint && k.columns.contains(&c.name));
    !c.primary_key
        && !unique
        && constant_default
        && (!c.not_null || c.default.is_some())
        && !(fk && c.default.is_some())
        && !(fk
            && model
                .foreign_keys
                .iter()
                .any(|f| f.columns.contains(&c.name) && f.columns.len() > 1))
}

fn family(t: &str) -> (&'static str, u64) {
    let n = |s: &str| {
        s.split(['(', ','])
            .nth(1)
            .and_then(|x| x.trim_end_matches(')').trim().parse::<u64>().ok())
            .unwrap_or(255)
    };
    if t.starts_with("VARCHAR") || t.starts_with("CHAR") {
        ("text", n(t))
    } else if t.starts_with("TEXT") || t == "JSON" || t == "CLOB" {
        ("text", u64::MAX)
    } else if t == "TINYINT(1)" {
        ("int", 1)
    } else if t.starts_with("TINYINT") {
        ("int", 8)
    } else if t.starts_with("SMALLINT") {
        ("int", 16)
    } else if t.starts_with("MEDIUMINT") {
        ("int", 24)
    } else if t.starts_with("INTEGER") || t.starts_with("INT") {
        ("int", 32)
    } else if t.starts_with("BIGINT") {
        ("int", 64)
    } else if t.starts_with("FLOAT") || t.starts_with("REAL") || t.starts_with("DOUBLE") {
        ("real", 64)
    } else if t.starts_with("DECIMAL") || t.starts_with("NUMERIC") {
        ("decimal", n(t))
    } else {
        ("other", 0)
    }
}

/// A type change that may not keep every value.
fn narrowing(from: &str, to: &str) -> bool {
    let (a, an) = family(from);
    let (b, bn) = family(to);
    if a == b && a != "other" {
        return bn < an;
    }
    !(a == "int" && (b == "real" || b == "decimal")
        || (a != "text" && b == "text" && bn == u64::MAX))
}

/// Tables ordered so that each comes after the tables it references (within `schema`).
fn dependency_order(names: &[String], schema: &facts::Schema) -> Vec<String> {
    let set: BTreeSet<&String> = names.iter().collect();
    let mut out: Vec<String> = Vec::new();
    let mut visiting = BTreeSet::new();
    fn visit(
        n: &String,
        set: &BTreeSet<&String>,
        schema: &facts::Schema,
        out: &mut Vec<String>,
        visiting: &mut BTreeSet<String>,
    ) {
        if out.contains(n) || !visiting.insert(n.clone()) {
            return;
        }
        if let Some(t) = schema.get(n) {
            for fk in &t.foreign_keys {
                if &fk.table != n && set.contains(&fk.table) {
                    visit(&fk.table, set, schema, out, visiting);
                }
            }
        }
        out.push(n.clone());
    }
    for n in names {
        visit(n, &set, schema, &mut out, &mut visiting);
    }
    out
}

fn enum_values(sql_type: &str) -> Option<Vec<String>> {
    let labels = sql_type.strip_prefix("ENUM(")?.strip_suffix(')')?;
    Some(labels.split(',').map(String::from).collect())
}

/// `old` kept in order inside `new`: the new values can be added to the type in place.
fn only_additions(old: &[String], new: &[String]) -> bool {
    let mut it = new.iter();
    old.iter().all(|v| it.any(|n| n == v))
}

fn renamed_facts(rf: &TableFacts, renamed: &[&Rename]) -> TableFacts {
    let map = |c: &String| -> String {
        renamed
            .iter()
            .find(|r| &r.from == c)
            .map(|r| r.to.clone())
            .unwrap_or_else(|| c.clone())
    };
    let mut t = rf.clone();
    for c in &mut t.columns {
        c.name = map(&c.name);
    }
    t.indexes = rf
        .indexes
        .iter()
        .map(|(k, i)| {
            let mut k = k.clone();
            k.columns = k.columns.iter().map(map).collect();
            (k, i.clone())
        })
        .collect();
    t.fk_names.clear();
    for fk in &mut t.foreign_keys {
        let old = fk.clone();
        fk.columns = fk.columns.iter().map(map).collect();
        if let Some(n) = rf.fk_names.get(&old) {
            t.fk_names.insert(fk.clone(), n.clone());
        }
    }
    t.foreign_keys.sort();
    t.enum_types = rf
        .enum_types
        .iter()
        .map(|(c, ty)| (map(c), ty.clone()))
        .collect();
    t
}

/// PostgreSQL changes each column in place: (up, down) statement pairs, in up's order.
fn pg_table_changes(
    m: &ModelTable,
    mf: &TableFacts,
    rf0: &TableFacts,
    renamed: &[&Rename],
    warnings: &mut Vec<String>,
) -> R<Vec<(String, String)>> {
    let t = js_str(&m.table);
    let mut steps: Vec<(String, String)> = Vec::new();
    for r in renamed {
        steps.push((
            format!(
                "await queryInterface.renameColumn({t}, {}, {});",
                js_str(&r.from),
                js_str(&r.to)
            ),
            format!(
                "await queryInterface.renameColumn({t}, {}, {});",
                js_str(&r.to),
                js_str(&r.from)
            ),
        ));
    }
    let rf = renamed_facts(rf0, renamed);
    let d = facts::compare_table(mf, &rf);
    let json_of = |c: &str| m.columns.iter().find(|(f, _)| f == c).map(|(_, j)| j);
    let added: BTreeSet<&str> = d.missing_columns.iter().map(|c| c.name.as_str()).collect();
    let dropped: BTreeSet<&str> = d.extra_columns.iter().map(|c| c.name.as_str()).collect();
    for c in &d.missing_columns {
        let json = json_of(&c.name).ok_or_else(|| {
            RenderError(format!(
                "seqmig: no model attribute for {}.{}",
                m.table, c.name
            ))
        })?;
        steps.push((
            format!(
                "await queryInterface.addColumn({t}, {}, {});",
                js_str(&c.name),
                model_attribute(&m.table, &c.name, json)?
            ),
            format!(
                "await queryInterface.removeColumn({t}, {});",
                js_str(&c.name)
            ),
        ));
    }
    for c in &d.extra_columns {
        warnings.push(format!(
            "seqmig: warning: the migration drops the column {}.{} (the models do not have it)",
            m.table, c.name
        ));
        steps.push((
            format!(
                "await queryInterface.removeColumn({t}, {});",
                js_str(&c.name)
            ),
            format!(
                "await queryInterface.addColumn({t}, {}, {});",
                js_str(&c.name),
                fact_attribute(&rf, c)?
            ),
        ));
    }
    for ch in &d.changed_columns {
        let (from, to) = (&ch.from, &ch.to);
        let col = js_str(&ch.column);
        if from.primary_key != to.primary_key || from.auto_increment != to.auto_increment {
            return Err(unsupported(format!(
                "the change of {}.{}'s primary key or auto-increment",
                m.table, ch.column
            )));
        }
        let json = json_of(&ch.column).ok_or_else(|| {
            RenderError(format!(
                "seqmig: no model attribute for {}.{}",
                m.table, ch.column
            ))
        })?;
        let up_attr = model_attribute_as(&m.table, &ch.column, json, true)?;
        let down_attr = fact_attribute_as(&rf, from, true)?;
        match (enum_values(&from.sql_type), enum_values(&to.sql_type)) {
            (Some(old), Some(new)) if old != new => {
                let ty = rf
                    .enum_types
                    .get(&ch.column)
                    .cloned()
                    .unwrap_or_else(|| format!("enum_{}_{}", m.table, ch.column));
                let up = if only_additions(&old, &new) {
                    let mut lines = Vec::new();
                    for (i, v) in new.iter().enumerate() {
                        if old.contains(v) {
                            continue;
                        }
                        let place = match i {
                            0 => format!("BEFORE '{}'", new[1].replace('\'', "''")),
                            _ => format!("AFTER '{}'", new[i - 1].replace('\'', "''")),
                        };
                        lines.push(format!(
                            "await queryInterface.sequelize.query({});",
                            js_str(&format!(
                                "ALTER TYPE \"{ty}\" ADD VALUE '{}' {place}",
                                v.replace('\'', "''")
                            ))
                        ));
                    }
                    lines.join("\n")
                } else {
                    format!(
                        "await replaceEnum(queryInterface, {t}, {col}, {}, {});",
                        js_str(&ty),
                        js_list(&new)
                    )
                };
                let replaced = up.contains("replaceEnum(");
                let mut down = format!(
                    "await replaceEnum(queryInterface, {t}, {col}, {}, {});",
                    js_str(&ty),
                    js_list(&old)
                );
                down.push_str(&format!(
                    "\nawait queryInterface.changeColumn({t}, {col}, {down_attr});"
                ));
                let mut up = up;
                if replaced || from.not_null != to.not_null || from.default != to.default {
                    up.push_str(&format!(
                        "\nawait queryInterface.changeColumn({t}, {col}, {up_attr});"
                    ));
                }
                steps.push((up, down));
            }
            (Some(_), None) | (None, Some(_)) if from.sql_type != to.sql_type => {
                return Err(unsupported(format!(
                    "the change of {}.{} between an ENUM and another type",
                    m.table, ch.column
                )));
            }
            _ => {
                if from.sql_type != to.sql_type && narrowing(&from.sql_type, &to.sql_type) {
                    warnings.push(format!(
                        "seqmig: warning: the migration changes {}.{} from {} to {}, which may not keep every value",
                        m.table, ch.column, from.sql_type, to.sql_type
                    ));
                }
                steps.push((
                    format!("await queryInterface.changeColumn({t}, {col}, {up_attr});"),
                    format!("await queryInterface.changeColumn({t}, {col}, {down_attr});"),
                ));
            }
        }
    }
    let fk_options = |fk: &facts::ForeignKeyFact, name: &str| -> R<String> {
        if fk.columns.len() != 1 {
            return Err(unsupported(format!(
                "the composite foreign key ({}) of table {}",
                fk.columns.join(", "),
                m.table
            )));
        }
        Ok(format!(
            "{{ type: 'foreign key', name: {}, fields: {}, references: {{ table: {}, field: {} }}, onUpdate: {}, onDelete: {} }}",
            js_str(name),
            js_list(&fk.columns),
            js_str(&fk.table),
            js_str(&fk.to_columns[0]),
            js_str(&fk.on_update),
            js_str(&fk.on_delete)
        ))
    };
    for fk in &d.extra_foreign_keys {
        if fk.columns.iter().any(|c| dropped.contains(c.as_str())) {
            continue;
        }
        let name = rf.fk_names.get(fk).cloned().unwrap_or_default();
        steps.push((
            format!(
                "await queryInterface.removeConstraint({t}, {});",
                js_str(&name)
            ),
            format!(
                "await queryInterface.addConstraint({t}, {});",
                fk_options(fk, &name)?
            ),
        ));
    }
    for fk in &d.missing_foreign_keys {
        if fk.columns.iter().any(|c| added.contains(c.as_str())) {
            continue;
        }
        let name = format!("{}_{}_fkey", m.table, fk.columns.join("_"));
        steps.push((
            format!(
                "await queryInterface.addConstraint({t}, {});",
                fk_options(fk, &name)?
            ),
            format!(
                "await queryInterface.removeConstraint({t}, {});",
                js_str(&name)
            ),
        ));
    }
    for k in &d.extra_indexes {
        if k.columns.iter().any(|c| dropped.contains(c.as_str())) {
            continue;
        }
        let info = &rf.indexes[k];
        if info.constraint {
            steps.push((
                format!("await queryInterface.removeConstraint({t}, {});", js_str(&info.name)),
                format!(
                    "await queryInterface.addConstraint({t}, {{ type: 'unique', name: {}, fields: {} }});",
                    js_str(&info.name),
                    js_list(&k.columns)
                ),
            ));
        } else {
            steps.push((
                format!(
                    "await queryInterface.removeIndex({t}, {});",
                    js_str(&info.name)
                ),
                format!(
                    "await queryInterface.addIndex({t}, {});",
                    index_options(None, k, info)?
                ),
            ));
        }
    }
    for k in &d.missing_indexes {
        let inline = k.columns.len() == 1
            && added.contains(k.columns[0].as_str())
            && json_of(&k.columns[0])
                .and_then(|j| j.get("unique"))
                .and_then(Json::as_bool)
                == Some(true);
        if inline {
            continue;
        }
        let info = &mf.indexes[k];
        if info.constraint {
            steps.push((
                format!(
                    "await queryInterface.addConstraint({t}, {{ type: 'unique', name: {}, fields: {} }});",
                    js_str(&info.name),
                    js_list(&k.columns)
                ),
                format!("await queryInterface.removeConstraint({t}, {});", js_str(&info.name)),
            ));
        } else {
            steps.push((
                format!(
                    "await queryInterface.addIndex({t}, {});",
                    index_options(Some(m), k, info)?
                ),
                format!(
                    "await queryInterface.removeIndex({t}, {});",
                    js_str(&info.name)
                ),
            ));
        }
    }
    Ok(steps)
}

impl Plan {
    pub fn new(a: &Analysis, renames: &[Rename]) -> R<Plan> {
        let mut plan = Plan {
            up: Vec::new(),
            down: Vec::new(),
            rebuilds: false,
            enums: false,
            warnings: Vec::new(),
        };
        let mut up_create = Vec::new();
        let mut up_change = Vec::new();
        let mut down_change: Vec<Vec<String>> = Vec::new();
        let mut down_drop = Vec::new();
        for m in &a.tables {
            let mf = a.models.get(&m.table).ok_or_else(|| {
                RenderError(format!(
                    "seqmig: the model {} did not create its table {}",
                    m.model, m.table
                ))
            })?;
            let Some(rf) = a.migrations.get(&m.table) else {
                up_create.extend(create_table(&m.table, &model_shape(m, mf)?));
                down_drop.push(format!(
                    "await queryInterface.dropTable({});",
                    js_str(&m.table)
                ));
                continue;
            };
            let renamed: Vec<&Rename> = renames.iter().filter(|r| r.table == m.table).collect();
            let d = facts::compare_table(mf, rf);
            if d.is_empty() && renamed.is_empty() {
                continue;
            }
            if a.dialect == seqmig_sql::Dialect::Postgres {
                let steps = pg_table_changes(m, mf, rf, &renamed, &mut plan.warnings)?;
                plan.enums |= steps
                    .iter()
                    .any(|(u, d)| u.contains("replaceEnum(") || d.contains("replaceEnum("));
                let mut down = Vec::new();
                for (u, d) in steps {
                    up_change.push(u);
                    down.push(d);
                }
                down.reverse();
                down_change.push(down);
                continue;
            }
            let is_renamed_from = |c: &str| renamed.iter().any(|r| r.from == c);
            let is_renamed_to = |c: &str| renamed.iter().any(|r| r.to == c);
            let new_fk_ok = d.missing_foreign_keys.iter().all(|f| {
                f.columns.len() == 1 && d.missing_columns.iter().any(|c| c.name == f.columns[0])
            });
            let rebuild_needed = !renamed.is_empty()
                || !d.changed_columns.is_empty()
                || !d.extra_columns.is_empty()
                || !d.extra_foreign_keys.is_empty()
                || !new_fk_ok
                || d.missing_columns.iter().any(|c| !addable(c, mf))
                || d.extra_indexes.iter().any(|k| rf.indexes[k].constraint);
            for c in &d.extra_columns {
                if !is_renamed_from(&c.name) {
                    plan.warnings.push(format!(
                        "seqmig: warning: the migration drops the column {}.{} (the models do not have it)",
                        m.table, c.name
                    ));
                }
            }
            for c in &d.changed_columns {
                if c.from.sql_type != c.to.sql_type && narrowing(&c.from.sql_type, &c.to.sql_type) {
                    plan.warnings.push(format!(
                        "seqmig: warning: the migration changes {}.{} from {} to {}, which may not keep every value",
                        m.table, c.column, c.from.sql_type, c.to.sql_type
                    ));
                }
            }
            if rebuild_needed {
                plan.rebuilds = true;
                let mut copy_up = Vec::new();
                for (field, _) in &m.columns {
                    if let Some(r) = renamed.iter().find(|r| &r.to == field) {
                        copy_up.push((r.from.clone(), field.clone()));
                    } else if rf.column(field).is_some() && !is_renamed_from(field) {
                        copy_up.push((field.clone(), field.clone()));
                    }
                }
                let copy_down: Vec<(String, String)> = copy_up
                    .iter()
                    .map(|(a, b)| (b.clone(), a.clone()))
                    .filter(|(_, to)| rf.column(to).is_some() || is_renamed_to(to))
                    .collect();
                up_change.push(rebuild(&m.table, &model_shape(m, mf)?, &copy_up));
                down_change.push(vec![rebuild(&m.table, &fact_shape(rf)?, &copy_down)]);
                continue;
            }
            // Only additions SQLite makes in place, and index changes.
            let mut down = Vec::new();
            for c in &d.missing_columns {
                let json = m
                    .columns
                    .iter()
                    .find(|(f, _)| f == &c.name)
                    .map(|(_, j)| j)
                    .ok_or_else(|| {
                        RenderError(format!(
                            "seqmig: no model attribute for {}.{}",
                            m.table, c.name
                        ))
                    })?;
                up_change.push(format!(
                    "await queryInterface.addColumn({}, {}, {});",
                    js_str(&m.table),
                    js_str(&c.name),
                    model_attribute(&m.table, &c.name, json)?
                ));
            }
            if !d.missing_columns.is_empty() {
                // Sequelize's removeColumn rebuilds the table and loses its rules and
                // indexes: the file rebuilds it to the shape before instead.
                plan.rebuilds = true;
                let copy: Vec<(String, String)> = rf
                    .columns
                    .iter()
                    .map(|c| (c.name.clone(), c.name.clone()))
                    .collect();
                down.push(rebuild(&m.table, &fact_shape(rf)?, &copy));
            }
            let model_table = Some(m);
            for k in &d.missing_indexes {
                let info = &mf.indexes[k];
                let opts = if info.constraint {
                    let name = format!("{}_{}_unique", m.table, k.columns.join("_"));
                    let info = IndexInfo {
                        name,
                        constraint: false,
                        where_sql: info.where_sql.clone(),
                    };
                    (index_options(None, k, &info)?, info.name)
                } else {
                    (index_options(model_table, k, info)?, info.name.clone())
                };
                up_change.push(format!(
                    "await queryInterface.addIndex({}, {});",
                    js_str(&m.table),
                    opts.0
                ));
                if d.missing_columns.is_empty() {
                    down.push(format!(
                        "await queryInterface.removeIndex({}, {});",
                        js_str(&m.table),
                        js_str(&opts.1)
                    ));
                }
            }
            for k in &d.extra_indexes {
                let info = &rf.indexes[k];
                up_change.push(format!(
                    "await queryInterface.removeIndex({}, {});",
                    js_str(&m.table),
                    js_str(&info.name)
                ));
                if d.missing_columns.is_empty() {
                    down.push(format!(
                        "await queryInterface.addIndex({}, {});",
                        js_str(&m.table),
                        index_options(None, k, info)?
                    ));
                }
            }
            down_change.push(down);
        }
        // Tables only the migrations have: dropped, those referencing others first.
        let model_names: BTreeSet<&String> = a.tables.iter().map(|t| &t.table).collect();
        let extra: Vec<String> = a
            .migrations
            .keys()
            .filter(|n| !model_names.contains(n))
            .cloned()
            .collect();
        let extra = dependency_order(&extra, &a.migrations);
        let mut up_drop = Vec::new();
        let mut down_create = Vec::new();
        for name in &extra {
            plan.warnings.push(format!(
                "seqmig: warning: the migration drops the table {name} (no model defines it)"
            ));
            down_create.extend(create_table(name, &fact_shape(&a.migrations[name])?));
        }
        for name in extra.iter().rev() {
            up_drop.push(format!("await queryInterface.dropTable({});", js_str(name)));
        }
        plan.up.extend(up_create);
        plan.up.extend(up_change);
        plan.up.extend(up_drop);
        plan.down.extend(down_create);
        for d in down_change.into_iter().rev() {
            plan.down.extend(d);
        }
        plan.down.extend(down_drop.into_iter().rev());
        Ok(plan)
    }

    pub fn render(&self) -> String {
        let mut s = String::new();
        s.push_str("'use strict';\n\n");
        s.push_str(
            "// Written by `seqmig migration:generate --from-models`: `up` takes the schema the\n",
        );
        s.push_str("// migrations before this one build to the one the models define; `down` takes it back.\n\n");
        s.push_str("/** @type {import('sequelize-cli').Migration} */\n");
        s.push_str("module.exports = {\n");
        for (name, body) in [("up", &self.up), ("down", &self.down)] {
            let _ = writeln!(s, "  async {name}(queryInterface, Sequelize) {{");
            for stmt in body {
                for line in stmt.lines() {
                    let _ = writeln!(s, "    {line}");
                }
            }
            s.push_str("  },\n");
            if name == "up" {
                s.push('\n');
            }
        }
        s.push_str("};\n");
        if self.rebuilds {
            s.push_str(REBUILD_HELPER);
        }
        if self.enums {
            s.push_str(ENUM_HELPER);
        }
        s
    }
}

const REBUILD_HELPER: &str = r#"
// SQLite cannot change or drop a column in place, and Sequelize's changeColumn and
// removeColumn rebuild the table from describeTable, which loses the other foreign keys'
// ON UPDATE / ON DELETE rules and the indexes. So the table is rebuilt here as SQLite
// documents it (https://www.sqlite.org/lang_altertable.html#otheralter): the new shape is
// created, the rows copied (`copy` pairs an old column with a new one), the old table
// dropped, the new one renamed, and its indexes created, with foreign keys off meanwhile.
async function rebuildTable(queryInterface, table, attributes, options, indexes, copy) {
  const q = (name) => '`' + String(name).replace(/`/g, '``') + '`';
  const temp = `${table}_seqmig_rebuild`;
  await queryInterface.sequelize.query('PRAGMA foreign_keys = OFF');
  try {
    await queryInterface.createTable(temp, attributes, options);
    if (copy.length > 0) {
      const into = copy.map(([, to]) => q(to)).join(', ');
      const from = copy.map(([old]) => q(old)).join(', ');
      await queryInterface.sequelize.query(`INSERT INTO ${q(temp)} (${into}) SELECT ${from} FROM ${q(table)}`);
    }
    await queryInterface.dropTable(table);
    await queryInterface.renameTable(temp, table);
    for (const index of indexes) await queryInterface.addIndex(table, index);
  } finally {
    await queryInterface.sequelize.query('PRAGMA foreign_keys = ON');
  }
}
"#;

const ENUM_HELPER: &str = r#"
// PostgreSQL cannot drop or reorder the values of an enum type, and Sequelize's
// changeColumn keeps an existing type as it is. So the type is replaced: the old one
// renamed, the new one created with `values`, the column converted through text, the old
// type dropped. The column's default goes meanwhile (the changeColumn after this sets it).
async function replaceEnum(queryInterface, table, column, type, values) {
  const q = (name) => '"' + String(name).replace(/"/g, '""') + '"';
  const list = values.map((v) => "'" + String(v).replace(/'/g, "''") + "'").join(', ');
  await queryInterface.sequelize.query(`ALTER TABLE ${q(table)} ALTER COLUMN ${q(column)} DROP DEFAULT`);
  await queryInterface.sequelize.query(`ALTER TYPE ${q(type)} RENAME TO ${q(type + '_seqmig_old')}`);
  await queryInterface.sequelize.query(`CREATE TYPE ${q(type)} AS ENUM(${list})`);
  await queryInterface.sequelize.query(
    `ALTER TABLE ${q(table)} ALTER COLUMN ${q(column)} TYPE ${q(type)} USING (${q(column)}::text::${q(type)})`,
  );
  await queryInterface.sequelize.query(`DROP TYPE ${q(type + '_seqmig_old')}`);
}
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn types_read_as_sequelize_writes_them() {
        assert_eq!(
            render_type(&json!({"key": "STRING", "length": 255})).unwrap(),
            "Sequelize.STRING"
        );
        assert_eq!(
            render_type(&json!({"key": "STRING", "length": 64})).unwrap(),
            "Sequelize.STRING(64)"
        );
        assert_eq!(
            render_type(&json!({"key": "DECIMAL", "precision": 10, "scale": 2})).unwrap(),
            "Sequelize.DECIMAL(10, 2)"
        );
        assert_eq!(
            render_type(&json!({"key": "INTEGER", "unsigned": true})).unwrap(),
            "Sequelize.INTEGER.UNSIGNED"
        );
        assert_eq!(
            render_type(&json!({"key": "ENUM", "values": ["a", "b'c"]})).unwrap(),
            "Sequelize.ENUM('a', 'b\\'c')"
        );
        assert!(render_type(&json!({"key": "NOSUCH"}))
            .unwrap_err()
            .0
            .contains("NOSUCH"));
    }

    #[test]
    fn sqlite_types_map_back() {
        assert_eq!(type_from_sql("VARCHAR(255)"), "Sequelize.STRING");
        assert_eq!(type_from_sql("VARCHAR(64)"), "Sequelize.STRING(64)");
        assert_eq!(type_from_sql("TINYINT(1)"), "Sequelize.BOOLEAN");
        assert_eq!(type_from_sql("DATETIME"), "Sequelize.DATE");
        assert_eq!(type_from_sql("DECIMAL(10,2)"), "Sequelize.DECIMAL(10, 2)");
        assert_eq!(type_from_sql("GEOGRAPHY"), "'GEOGRAPHY'");
    }

    #[test]
    fn defaults_map_back() {
        assert_eq!(default_from_sql("1", "TINYINT(1)"), "true");
        assert_eq!(default_from_sql("'it''s'", "TEXT"), "'it\\'s'");
        assert_eq!(
            default_from_sql("CURRENT_TIMESTAMP", "DATETIME"),
            "Sequelize.literal('CURRENT_TIMESTAMP')"
        );
    }

    #[test]
    fn narrowing_is_told_from_widening() {
        assert!(narrowing("VARCHAR(255)", "VARCHAR(64)"));
        assert!(!narrowing("VARCHAR(64)", "VARCHAR(255)"));
        assert!(!narrowing("INTEGER", "BIGINT"));
        assert!(narrowing("BIGINT", "INTEGER"));
        assert!(!narrowing("VARCHAR(64)", "TEXT"));
        assert!(narrowing("TEXT", "INTEGER"));
    }
}
