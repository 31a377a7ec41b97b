//! A schema as facts, read back from a database: per table its columns (declared type,
//! NOT NULL, default, primary key, AUTOINCREMENT), its indexes (unique or not, the columns,
//! a partial index's WHERE) and its foreign keys (columns, referenced table and columns,
//! ON UPDATE / ON DELETE). Names of indexes and constraints and the order of columns are
//! kept for the migration writer but are not facts: two schemas are equal when their facts are.

use std::collections::BTreeMap;

use seqmig_db::{SharedConnection, Value};
use serde::Serialize;

use crate::error::CoreError;

/// The bookkeeping tables that are no part of an app's schema.
pub const BOOKKEEPING: &[&str] = &["SequelizeMeta", "SequelizeMetaChecksums", "SequelizeData"];

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ColumnFact {
    pub name: String,
    /// The declared type, upper-cased, with single spaces.
    #[serde(rename = "type")]
    pub sql_type: String,
    #[serde(rename = "notNull")]
    pub not_null: bool,
    /// The default as SQL text (a quoted number is the number), `None` for none.
    pub default: Option<String>,
    #[serde(rename = "primaryKey")]
    pub primary_key: bool,
    #[serde(rename = "autoIncrement")]
    pub auto_increment: bool,
}

/// An index's facts: what it is, not what it is called.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct IndexKey {
    pub unique: bool,
    pub columns: Vec<String>,
    /// A partial index's condition, as written.
    #[serde(rename = "where", skip_serializing_if = "Option::is_none")]
    pub partial: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexInfo {
    pub name: String,
    /// A table constraint (UNIQUE in CREATE TABLE, SQLite's autoindex): only a rebuild drops it.
    pub constraint: bool,
    /// A partial index's condition as the database keeps it (quotes and all).
    pub where_sql: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct ForeignKeyFact {
    pub columns: Vec<String>,
    pub table: String,
    #[serde(rename = "to")]
    pub to_columns: Vec<String>,
    #[serde(rename = "onUpdate")]
    pub on_update: String,
    #[serde(rename = "onDelete")]
    pub on_delete: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableFacts {
    pub name: String,
    /// In the table's order (for writing it back), compared by name.
    pub columns: Vec<ColumnFact>,
    pub indexes: BTreeMap<IndexKey, IndexInfo>,
    pub foreign_keys: Vec<ForeignKeyFact>,
    /// PostgreSQL: each foreign key's constraint name.
    pub fk_names: BTreeMap<ForeignKeyFact, String>,
    /// PostgreSQL: the enum type of each ENUM column (`enum_<table>_<column>`).
    pub enum_types: BTreeMap<String, String>,
}

impl TableFacts {
    pub fn column(&self, name: &str) -> Option<&ColumnFact> {
        self.columns.iter().find(|c| c.name == name)
    }
}

/// Every table, by name.
pub type Schema = BTreeMap<String, TableFacts>;

fn text(v: &Value) -> Option<String> {
    match v {
        Value::Text(s) | Value::Numeric(s) => Some(s.clone()),
        Value::Int(i) => Some(i.to_string()),
        Value::Float(f) => Some(f.to_string()),
        _ => None,
    }
}

fn int(v: &Value) -> i64 {
    match v {
        Value::Int(i) => *i,
        Value::Text(s) | Value::Numeric(s) => s.parse().unwrap_or(0),
        Value::Bool(b) => *b as i64,
        _ => 0,
    }
}

fn rows(conn: &SharedConnection, sql: &str) -> Result<Vec<Vec<Value>>, CoreError> {
    Ok(conn.borrow_mut().query(sql, &[])?.rows)
}

fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A declared type as compared: upper case, single spaces, none around parentheses and commas.
pub fn normalize_type(t: &str) -> String {
    squash(t)
        .to_uppercase()
        .replace(" (", "(")
        .replace("( ", "(")
        .replace(" )", ")")
        .replace(", ", ",")
        .replace(" ,", ",")
}

/// A default as compared: SQLite keeps the text written; `'0'` and `0` are the same value
/// in a numeric column, and Sequelize writes both depending on the path (a rebuild quotes).
pub fn normalize_default(d: &str) -> String {
    let mut s = d.trim().to_string();
    while s.starts_with('(') && s.ends_with(')') && balanced(&s[1..s.len() - 1]) {
        s = s[1..s.len() - 1].trim().to_string();
    }
    if s.len() >= 2 && s.starts_with('\'') && s.ends_with('\'') {
        let inner = &s[1..s.len() - 1];
        if !inner.contains('\'') && inner.parse::<f64>().is_ok() && !inner.is_empty() {
            return canonical_number(inner);
        }
        return s;
    }
    if s.parse::<f64>().is_ok() {
        return canonical_number(&s);
    }
    if s.eq_ignore_ascii_case("null") {
        return "NULL".into();
    }
    s
}

fn canonical_number(s: &str) -> String {
    match s.parse::<f64>() {
        Ok(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", f as i64),
        Ok(f) => format!("{f}"),
        Err(_) => s.to_string(),
    }
}

fn balanced(s: &str) -> bool {
    let mut depth = 0i32;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth < 0 {
                    return false;
                }
            }
            _ => {}
        }
    }
    depth == 0
}

/// The SQLite schema of the database behind `conn`.
pub fn sqlite(conn: &SharedConnection) -> Result<Schema, CoreError> {
    let mut schema = Schema::new();
    let tables = rows(
        conn,
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )?;
    for row in tables {
        let name = row.first().and_then(text).unwrap_or_default();
        if BOOKKEEPING.contains(&name.as_str()) {
            continue;
        }
        let create = row.get(1).and_then(text).unwrap_or_default();
        let autoincrement = create.to_uppercase().contains("AUTOINCREMENT");
        let mut columns = Vec::new();
        let info = rows(conn, &format!("PRAGMA table_info({})", quote(&name)))?;
        let pk_count = info.iter().filter(|r| int(&r[5]) > 0).count();
        for r in &info {
            let col = text(&r[1]).unwrap_or_default();
            let sql_type = normalize_type(&text(&r[2]).unwrap_or_default());
            let pk = int(&r[5]) > 0;
            // An INTEGER PRIMARY KEY is the rowid: never NULL, whatever the DDL says.
            let rowid = pk && pk_count == 1 && sql_type == "INTEGER";
            columns.push(ColumnFact {
                not_null: int(&r[3]) != 0 || rowid,
                default: text(&r[4])
                    .map(|d| normalize_default(&d))
                    .filter(|d| d != "NULL"),
                primary_key: pk,
                auto_increment: rowid && autoincrement,
                name: col,
                sql_type,
            });
        }
        let mut indexes = BTreeMap::new();
        for r in rows(conn, &format!("PRAGMA index_list({})", quote(&name)))? {
            let index = text(&r[1]).unwrap_or_default();
            let origin = text(&r[3]).unwrap_or_default();
            if origin == "pk" {
                continue;
            }
            let mut cols = Vec::new();
            for c in rows(conn, &format!("PRAGMA index_info({})", quote(&index)))? {
                cols.push(text(&c[2]).unwrap_or_else(|| "<expression>".into()));
            }
            let where_sql = if int(&r[4]) != 0 {
                let sql = rows(
                    conn,
                    &format!(
                        "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = '{}'",
                        index.replace('\'', "''")
                    ),
                )?;
                sql.first()
                    .and_then(|r| r.first())
                    .and_then(text)
                    .and_then(|s| raw_where(&s))
            } else {
                None
            };
            let partial = where_sql
                .as_deref()
                .map(|w| squash(&w.replace(['`', '"'], "")));
            indexes.insert(
                IndexKey {
                    unique: int(&r[2]) != 0,
                    columns: cols,
                    partial,
                },
                IndexInfo {
                    name: index,
                    constraint: origin == "u",
                    where_sql,
                },
            );
        }
        let mut fks: BTreeMap<i64, ForeignKeyFact> = BTreeMap::new();
        for r in rows(conn, &format!("PRAGMA foreign_key_list({})", quote(&name)))? {
            let id = int(&r[0]);
            let fk = fks.entry(id).or_insert_with(|| ForeignKeyFact {
                columns: Vec::new(),
                table: text(&r[2]).unwrap_or_default(),
                to_columns: Vec::new(),
                on_update: text(&r[5]).unwrap_or_default().to_uppercase(),
                on_delete: text(&r[6]).unwrap_or_default().to_uppercase(),
            });
            fk.columns.push(text(&r[3]).unwrap_or_default());
            fk.to_columns.push(text(&r[4]).unwrap_or_default());
        }
        let foreign_keys = fks.into_values().collect();
        schema.insert(
            name.clone(),
            TableFacts {
                name,
                columns,
                indexes,
                foreign_keys,
                fk_names: BTreeMap::new(),
                enum_types: BTreeMap::new(),
            },
        );
    }
    // A reference without columns names the referenced table's primary key.
    let pks: BTreeMap<String, Vec<String>> = schema
        .iter()
        .map(|(n, t)| {
            let pk = t
                .columns
                .iter()
                .filter(|c| c.primary_key)
                .map(|c| c.name.clone());
            (n.clone(), pk.collect())
        })
        .collect();
    for t in schema.values_mut() {
        for fk in &mut t.foreign_keys {
            if fk.to_columns.iter().all(|c| c.is_empty()) {
                if let Some(pk) = pks.get(&fk.table) {
                    fk.to_columns = pk.clone();
                }
            }
        }
        t.foreign_keys.sort();
    }
    Ok(schema)
}

fn bool_of(v: &Value) -> bool {
    match v {
        Value::Bool(b) => *b,
        Value::Text(s) => s == "t" || s == "true",
        other => int(other) != 0,
    }
}

/// A PostgreSQL default as compared: without its casts (`'a'::character varying` is
/// `'a'`), then as a SQLite default.
pub fn normalize_pg_default(d: &str) -> String {
    let mut s = d.trim().to_string();
    loop {
        while s.starts_with('(') && s.ends_with(')') && balanced(&s[1..s.len() - 1]) {
            s = s[1..s.len() - 1].trim().to_string();
        }
        let Some(at) = s.rfind("::") else { break };
        let (left, ty) = (&s[..at], &s[at + 2..]);
        let quotes = left.matches('\'').count() % 2 == 0;
        if !quotes || !balanced(left) || ty.contains('\'') {
            break;
        }
        s = left.trim().to_string();
    }
    normalize_default(&s)
}

const PG_COLUMNS: &str = "SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, \
     pg_get_expr(d.adbin, d.adrelid), \
     (SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_enum e \
       WHERE e.enumtypid = CASE WHEN t.typcategory = 'A' THEN t.typelem ELSE a.atttypid END), \
     (SELECT et.typname FROM pg_type et WHERE et.oid = CASE WHEN t.typcategory = 'A' THEN t.typelem ELSE a.atttypid END AND et.typtype = 'e'), \
     t.typcategory = 'A', \
     EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisprimary AND a.attnum = ANY(i.indkey::int2[])), \
     a.attidentity <> '' \
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
     JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped \
     JOIN pg_type t ON t.oid = a.atttypid \
     LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum \
     WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema() ORDER BY c.relname, a.attnum";

const PG_INDEXES: &str = "SELECT t.relname, ic.relname, i.indisunique, \
     (SELECT string_agg(coalesce(a.attname, '<expression>'), ',' ORDER BY k.ord) \
       FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, ord) \
       LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum), \
     pg_get_expr(i.indpred, i.indrelid), \
     EXISTS (SELECT 1 FROM pg_constraint co WHERE co.conindid = i.indexrelid AND co.contype IN ('u', 'x')) \
     FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_class ic ON ic.oid = i.indexrelid \
     JOIN pg_namespace n ON n.oid = t.relnamespace \
     WHERE n.nspname = current_schema() AND NOT i.indisprimary ORDER BY 1, 2";

const PG_FOREIGN_KEYS: &str = "SELECT t.relname, co.conname, \
     (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(co.conkey) WITH ORDINALITY k(attnum, ord) \
       JOIN pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = k.attnum), \
     rt.relname, \
     (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(co.confkey) WITH ORDINALITY k(attnum, ord) \
       JOIN pg_attribute a ON a.attrelid = co.confrelid AND a.attnum = k.attnum), \
     co.confupdtype::text, co.confdeltype::text \
     FROM pg_constraint co JOIN pg_class t ON t.oid = co.conrelid JOIN pg_class rt ON rt.oid = co.confrelid \
     JOIN pg_namespace n ON n.oid = t.relnamespace \
     WHERE co.contype = 'f' AND n.nspname = current_schema() ORDER BY 1, 2";

fn pg_rule(code: &str) -> String {
    match code {
        "c" => "CASCADE",
        "n" => "SET NULL",
        "d" => "SET DEFAULT",
        "r" => "RESTRICT",
        _ => "NO ACTION",
    }
    .into()
}

/// The PostgreSQL schema (the connection's current schema) behind `conn`.
pub fn postgres(conn: &SharedConnection) -> Result<Schema, CoreError> {
    let mut schema = Schema::new();
    let table = |schema: &mut Schema, name: &str| {
        schema
            .entry(name.to_string())
            .or_insert_with(|| TableFacts {
                name: name.to_string(),
                columns: Vec::new(),
                indexes: BTreeMap::new(),
                foreign_keys: Vec::new(),
                fk_names: BTreeMap::new(),
                enum_types: BTreeMap::new(),
            })
            .name
            .clone()
    };
    for r in rows(conn, PG_COLUMNS)? {
        let name = text(&r[0]).unwrap_or_default();
        if BOOKKEEPING.contains(&name.as_str()) {
            continue;
        }
        table(&mut schema, &name);
        let t = schema.get_mut(&name).expect("just added");
        let col = text(&r[1]).unwrap_or_default();
        let array = bool_of(&r[7]);
        let sql_type = match text(&r[5]) {
            Some(labels) => {
                if let Some(ty) = text(&r[6]) {
                    t.enum_types.insert(col.clone(), ty);
                }
                format!("ENUM({labels}){}", if array { "[]" } else { "" })
            }
            None => normalize_type(&text(&r[2]).unwrap_or_default()),
        };
        let raw_default = text(&r[4]);
        let serial = raw_default
            .as_deref()
            .is_some_and(|d| d.starts_with("nextval("));
        t.columns.push(ColumnFact {
            name: col,
            sql_type,
            not_null: bool_of(&r[3]),
            default: if serial {
                None
            } else {
                raw_default
                    .map(|d| normalize_pg_default(&d))
                    .filter(|d| d != "NULL")
            },
            primary_key: bool_of(&r[8]),
            auto_increment: serial || bool_of(&r[9]),
        });
    }
    for r in rows(conn, PG_INDEXES)? {
        let name = text(&r[0]).unwrap_or_default();
        let Some(t) = schema.get_mut(&name) else {
            continue;
        };
        let where_sql = text(&r[4]);
        let partial = where_sql.as_deref().map(|w| {
            let mut w = squash(&w.replace('"', ""));
            while w.starts_with('(') && w.ends_with(')') && balanced(&w[1..w.len() - 1]) {
                w = w[1..w.len() - 1].to_string();
            }
            w
        });
        t.indexes.insert(
            IndexKey {
                unique: bool_of(&r[2]),
                columns: text(&r[3])
                    .unwrap_or_default()
                    .split(',')
                    .map(String::from)
                    .collect(),
                partial,
            },
            IndexInfo {
                name: text(&r[1]).unwrap_or_default(),
                constraint: bool_of(&r[5]),
                where_sql,
            },
        );
    }
    for r in rows(conn, PG_FOREIGN_KEYS)? {
        let name = text(&r[0]).unwrap_or_default();
        let Some(t) = schema.get_mut(&name) else {
            continue;
        };
        let split = |v: &Value| -> Vec<String> {
            text(v)
                .unwrap_or_default()
                .split(',')
                .map(String::from)
                .collect()
        };
        let fk = ForeignKeyFact {
            columns: split(&r[2]),
            table: text(&r[3]).unwrap_or_default(),
            to_columns: split(&r[4]),
            on_update: pg_rule(&text(&r[5]).unwrap_or_default()),
            on_delete: pg_rule(&text(&r[6]).unwrap_or_default()),
        };
        t.fk_names
            .insert(fk.clone(), text(&r[1]).unwrap_or_default());
        t.foreign_keys.push(fk);
    }
    for t in schema.values_mut() {
        t.foreign_keys.sort();
    }
    Ok(schema)
}

/// The schema behind `conn`, whichever the dialect.
pub fn read(conn: &SharedConnection) -> Result<Schema, CoreError> {
    let dialect = conn.borrow().dialect();
    match dialect {
        seqmig_sql::Dialect::Postgres => postgres(conn),
        _ => sqlite(conn),
    }
}

/// `CREATE INDEX … WHERE cond` → `cond`.
fn raw_where(sql: &str) -> Option<String> {
    let upper = sql.to_uppercase();
    let at = upper.rfind(" WHERE ")?;
    Some(sql[at + 7..].trim().to_string())
}

/// What differs in one table: `+` the models have it and the migrations do not, `-` the reverse.
#[derive(Debug, Clone, Default, Serialize)]
pub struct TableDiff {
    pub table: String,
    /// "missing" (only the models have it), "extra" (only the migrations), "changed".
    pub status: &'static str,
    #[serde(rename = "missingColumns")]
    pub missing_columns: Vec<ColumnFact>,
    #[serde(rename = "extraColumns")]
    pub extra_columns: Vec<ColumnFact>,
    #[serde(rename = "changedColumns")]
    pub changed_columns: Vec<ColumnChange>,
    #[serde(rename = "missingIndexes")]
    pub missing_indexes: Vec<IndexKey>,
    #[serde(rename = "extraIndexes")]
    pub extra_indexes: Vec<IndexKey>,
    #[serde(rename = "missingForeignKeys")]
    pub missing_foreign_keys: Vec<ForeignKeyFact>,
    #[serde(rename = "extraForeignKeys")]
    pub extra_foreign_keys: Vec<ForeignKeyFact>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ColumnChange {
    pub column: String,
    /// The migrations' column.
    pub from: ColumnFact,
    /// The models' column.
    pub to: ColumnFact,
}

impl TableDiff {
    pub fn is_empty(&self) -> bool {
        self.missing_columns.is_empty()
            && self.extra_columns.is_empty()
            && self.changed_columns.is_empty()
            && self.missing_indexes.is_empty()
            && self.extra_indexes.is_empty()
            && self.missing_foreign_keys.is_empty()
            && self.extra_foreign_keys.is_empty()
    }
}

/// The differences between the models' schema and the migrations', table by table.
pub fn compare(models: &Schema, migrations: &Schema) -> Vec<TableDiff> {
    let mut out = Vec::new();
    let names: std::collections::BTreeSet<&String> =
        models.keys().chain(migrations.keys()).collect();
    for name in names {
        match (models.get(name), migrations.get(name)) {
            (Some(_), None) => out.push(TableDiff {
                table: name.clone(),
                status: "missing",
                ..Default::default()
            }),
            (None, Some(_)) => out.push(TableDiff {
                table: name.clone(),
                status: "extra",
                ..Default::default()
            }),
            (Some(m), Some(r)) => {
                let d = compare_table(m, r);
                if !d.is_empty() {
                    out.push(d);
                }
            }
            (None, None) => {}
        }
    }
    out
}

pub fn compare_table(m: &TableFacts, r: &TableFacts) -> TableDiff {
    let mut d = TableDiff {
        table: m.name.clone(),
        status: "changed",
        ..Default::default()
    };
    for c in &m.columns {
        match r.column(&c.name) {
            None => d.missing_columns.push(c.clone()),
            Some(rc) if rc != c => d.changed_columns.push(ColumnChange {
                column: c.name.clone(),
                from: rc.clone(),
                to: c.clone(),
            }),
            Some(_) => {}
        }
    }
    for c in &r.columns {
        if m.column(&c.name).is_none() {
            d.extra_columns.push(c.clone());
        }
    }
    d.missing_indexes = m
        .indexes
        .keys()
        .filter(|k| !r.indexes.contains_key(k))
        .cloned()
        .collect();
    d.extra_indexes = r
        .indexes
        .keys()
        .filter(|k| !m.indexes.contains_key(k))
        .cloned()
        .collect();
    d.missing_foreign_keys = m
        .foreign_keys
        .iter()
        .filter(|f| !r.foreign_keys.contains(f))
        .cloned()
        .collect();
    d.extra_foreign_keys = r
        .foreign_keys
        .iter()
        .filter(|f| !m.foreign_keys.contains(f))
        .cloned()
        .collect();
    d
}

/// One column as a line: `name TYPE NOT NULL DEFAULT x PRIMARY KEY AUTOINCREMENT`.
pub fn describe_column(c: &ColumnFact) -> String {
    let mut s = format!("{} {}", c.name, c.sql_type);
    if c.not_null {
        s.push_str(" NOT NULL");
    }
    if let Some(d) = &c.default {
        s.push_str(&format!(" DEFAULT {d}"));
    }
    if c.primary_key {
        s.push_str(" PRIMARY KEY");
    }
    if c.auto_increment {
        s.push_str(" AUTOINCREMENT");
    }
    s
}

pub fn describe_index(k: &IndexKey) -> String {
    let mut s = format!(
        "{}index ({})",
        if k.unique { "unique " } else { "" },
        k.columns.join(", ")
    );
    if let Some(w) = &k.partial {
        s.push_str(&format!(" WHERE {w}"));
    }
    s
}

pub fn describe_fk(f: &ForeignKeyFact) -> String {
    format!(
        "foreign key ({}) REFERENCES {} ({}) ON UPDATE {} ON DELETE {}",
        f.columns.join(", "),
        f.table,
        f.to_columns.join(", "),
        f.on_update,
        f.on_delete
    )
}

/// What changed in a column, as `type A → B; NOT NULL yes → no; …`.
pub fn describe_change(c: &ColumnChange) -> String {
    let yes = |b: bool| if b { "yes" } else { "no" };
    let def = |d: &Option<String>| d.clone().unwrap_or_else(|| "none".into());
    let mut parts = Vec::new();
    if c.from.sql_type != c.to.sql_type {
        parts.push(format!("type {} → {}", c.from.sql_type, c.to.sql_type));
    }
    if c.from.not_null != c.to.not_null {
        parts.push(format!(
            "NOT NULL {} → {}",
            yes(c.from.not_null),
            yes(c.to.not_null)
        ));
    }
    if c.from.default != c.to.default {
        parts.push(format!(
            "default {} → {}",
            def(&c.from.default),
            def(&c.to.default)
        ));
    }
    if c.from.primary_key != c.to.primary_key {
        parts.push(format!(
            "primary key {} → {}",
            yes(c.from.primary_key),
            yes(c.to.primary_key)
        ));
    }
    if c.from.auto_increment != c.to.auto_increment {
        parts.push(format!(
            "AUTOINCREMENT {} → {}",
            yes(c.from.auto_increment),
            yes(c.to.auto_increment)
        ));
    }
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_compare_as_values() {
        assert_eq!(normalize_default("'0'"), "0");
        assert_eq!(normalize_default("0"), "0");
        assert_eq!(normalize_default("'0.5'"), "0.5");
        assert_eq!(normalize_default("'abc'"), "'abc'");
        assert_eq!(
            normalize_default("(CURRENT_TIMESTAMP)"),
            "CURRENT_TIMESTAMP"
        );
        assert_eq!(normalize_default("''"), "''");
    }

    fn schema_of(sql: &str) -> Schema {
        let conn = seqmig_db::connect(&seqmig_db::ConnectOptions::Sqlite {
            storage: ":memory:".into(),
        })
        .unwrap();
        let shared: SharedConnection = std::rc::Rc::new(std::cell::RefCell::new(conn));
        shared.borrow_mut().execute_batch(sql).unwrap();
        sqlite(&shared).unwrap()
    }

    const BASE: &str =
        "CREATE TABLE u (id INTEGER PRIMARY KEY AUTOINCREMENT, e VARCHAR(255) NOT NULL UNIQUE);";

    #[test]
    fn facts_ignore_names_and_forms_but_not_rules() {
        let a = schema_of(&format!("{BASE} CREATE TABLE p (id INTEGER PRIMARY KEY AUTOINCREMENT, u INTEGER REFERENCES u (id) ON DELETE CASCADE, n INTEGER DEFAULT '0'); CREATE INDEX p_n ON p (n);"));
        // Same facts: another index name, a quoted number default, the reference spelled without its column.
        let b = schema_of(&format!("{BASE} CREATE TABLE p (id INTEGER PRIMARY KEY AUTOINCREMENT, u INTEGER REFERENCES u ON DELETE CASCADE, n INTEGER DEFAULT 0); CREATE INDEX other ON p (n);"));
        assert!(compare(&a, &b).is_empty(), "{:?}", compare(&a, &b));
        // A lost ON DELETE rule, a lost index, a unique that became plain: each is a difference.
        let c = schema_of(&format!("{BASE} CREATE TABLE p (id INTEGER PRIMARY KEY AUTOINCREMENT, u INTEGER REFERENCES u (id), n INTEGER DEFAULT 0);"));
        let d = compare(&a, &c);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].missing_foreign_keys.len(), 1);
        assert_eq!(d[0].missing_indexes.len(), 1);
        let e = schema_of("CREATE TABLE u (id INTEGER PRIMARY KEY, e VARCHAR(255) NOT NULL);");
        let d = compare(&schema_of(BASE), &e);
        assert_eq!(d[0].missing_indexes.len(), 1);
        assert_eq!(d[0].changed_columns.len(), 1, "AUTOINCREMENT lost");
    }

    #[test]
    fn pg_defaults_lose_their_casts() {
        assert_eq!(
            normalize_pg_default("'pending'::\"enum_Orders_status\""),
            "'pending'"
        );
        assert_eq!(normalize_pg_default("'0.5'::double precision"), "0.5");
        assert_eq!(normalize_pg_default("('{}'::jsonb)"), "'{}'");
        assert_eq!(normalize_pg_default("now()"), "now()");
        assert_eq!(normalize_pg_default("'a::b'::text"), "'a::b'");
    }

    #[test]
    fn types_compare_without_spacing() {
        assert_eq!(normalize_type("decimal(10, 2)"), "DECIMAL(10,2)");
        assert_eq!(
            normalize_type("VARCHAR(255)  BINARY"),
            "VARCHAR(255) BINARY"
        );
    }
}
