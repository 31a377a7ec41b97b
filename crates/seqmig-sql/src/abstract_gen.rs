//! The query generator shared by every dialect, after Sequelize's
//! `dialects/abstract/query-generator.js`: quoting, escaping, Sequelize methods (fn, col,
//! literal, cast, where, json) and the statements whose text does not depend on the
//! dialect. A dialect implements the required methods and overrides what differs.

use std::cell::RefCell;

use serde_json::Value as Json;

use crate::escape::{add_ticks, hex, inspect, js_number, quote_string};
use crate::model::{Column, DataType, Table};
use crate::value::{format_date, format_date_only, parse_date, SqlValue};
use crate::{Dialect, SqlError};

/// Collects bind parameters as Sequelize's `bindParam(bind)` does: each call appends and
/// returns `$<n>`.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Bind {
    pub values: Vec<SqlValue>,
}

impl Bind {
    pub fn push(&mut self, v: SqlValue) -> String {
        self.values.push(v);
        format!("${}", self.values.len())
    }
}

/// A statement with its bind parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct BoundSql {
    pub sql: String,
    pub bind: Vec<SqlValue>,
}

/// Warnings Sequelize prints through `logger.warn` while turning types into SQL.
#[derive(Debug, Default)]
pub struct Warnings(RefCell<Vec<String>>);

impl Warnings {
    pub fn push(&self, link: &str, text: &str) {
        // Sequelize's ABSTRACT.warn: the text, a space, a newline, then the link.
        self.0
            .borrow_mut()
            .push(format!("(sequelize) Warning: {text} \n>> Check: {link}"));
    }
    pub fn take(&self) -> Vec<String> {
        std::mem::take(&mut *self.0.borrow_mut())
    }
}

/// Options of the where builder (Sequelize's `options` of `whereItemsQuery`).
#[derive(Default)]
pub struct WhereOptions<'a> {
    /// Bind values instead of inlining them (bulkUpdate).
    pub bind: Option<&'a RefCell<Bind>>,
    /// The quoted table that prefixes column keys (selectQuery's `\`t\`.\`col\``).
    pub prefix: Option<String>,
}

pub trait QueryGenerator {
    fn dialect(&self) -> Dialect;
    fn warnings(&self) -> &Warnings;

    /// `quoteIdentifier`.
    fn quote_identifier(&self, id: &str) -> String;

    /// Whether the dialect has schemas (`supports.schemas`).
    fn supports_schemas(&self) -> bool;

    /// The dialect's type SQL for a DataType (`type.toSql()` after normalizeDataType).
    fn data_type_sql(&self, t: &DataType) -> Result<String, SqlError>;

    /// `escape(boolean)`.
    fn boolean_literal(&self, b: bool) -> String;

    /// `OperatorMap[Op[op]]`; mysql-family dialects override regexp.
    fn operator(&self, op: &str) -> Option<&'static str> {
        crate::where_clause::operator_sql(op)
    }

    /// `booleanValue` (Sequelize.where with a boolean).
    fn boolean_value(&self, b: bool) -> String {
        b.to_string()
    }

    /// `deferConstraintsQuery(options)`: the abstract one returns `undefined`, which
    /// Sequelize then interpolates as the text `undefined` (postgres overrides).
    fn defer_constraints_sql(&self, _deferrable: &str) -> String {
        "undefined".into()
    }

    /// `addLimitAndOffset` (mysql/sqlite form: `LIMIT offset, limit`).
    fn limit_offset(
        &self,
        limit: Option<&Json>,
        offset: Option<&Json>,
    ) -> Result<String, SqlError> {
        let esc =
            |v: &Json| -> Result<String, SqlError> { self.escape(&SqlValue::from_json(v)?, None) };
        let limit = limit.filter(|v| !v.is_null());
        let offset = offset.filter(|v| !v.is_null());
        Ok(match (limit, offset) {
            (None, Some(o)) => format!(" LIMIT {}, 10000000000000", esc(o)?),
            (Some(l), Some(o)) => format!(" LIMIT {}, {}", esc(o)?, esc(l)?),
            (Some(l), None) => format!(" LIMIT {}", esc(l)?),
            (None, None) => String::new(),
        })
    }

    /// Minutes east of UTC of `options.timezone` (Sequelize default `+00:00`).
    fn timezone_offset(&self) -> i32 {
        0
    }

    /// `quoteIdentifier` that leaves `*` alone (`_initQuoteIdentifier`).
    fn quote_ident(&self, id: &str) -> String {
        if id == "*" {
            return id.to_string();
        }
        self.quote_identifier(id)
    }

    /// `quoteIdentifiers`: `a.b.c` → `"a->b"."c"`.
    fn quote_identifiers(&self, ids: &str) -> String {
        match ids.rfind('.') {
            Some(pos) => {
                let head = ids[..pos].replace('.', "->");
                format!(
                    "{}.{}",
                    self.quote_ident(&head),
                    self.quote_ident(&ids[pos + 1..])
                )
            }
            None => self.quote_ident(ids),
        }
    }

    /// `quoteTable` for a table object.
    fn quote_table(&self, t: &Table) -> String {
        if self.supports_schemas() {
            match &t.schema {
                Some(s) if !s.is_empty() => format!(
                    "{}.{}",
                    self.quote_ident(s),
                    self.quote_ident(&t.table_name)
                ),
                _ => self.quote_ident(&t.table_name),
            }
        } else {
            let mut name = String::new();
            if let Some(s) = t.schema.as_deref().filter(|s| !s.is_empty()) {
                name.push_str(s);
                name.push_str(t.delimiter.as_deref().unwrap_or("."));
            }
            name.push_str(&t.table_name);
            self.quote_ident(&name)
        }
    }

    /// `DATE.prototype.stringify` in the configured timezone.
    fn date_string(&self, ms: Option<i64>) -> String {
        match ms {
            Some(ms) => format_date(ms, self.timezone_offset()),
            None => "Invalid date".into(),
        }
    }

    /// `BLOB.prototype.stringify`.
    fn blob_literal(&self, bytes: &[u8]) -> String {
        format!("X'{}'", hex(bytes))
    }

    /// `SqlString.escape` of an array (outside `format`); postgres overrides with ARRAY[...].
    fn escape_array(&self, items: &[SqlValue]) -> Result<String, SqlError> {
        self.array_to_list(items)
    }

    /// `SqlString.arrayToList`.
    fn array_to_list(&self, items: &[SqlValue]) -> Result<String, SqlError> {
        let mut out = Vec::with_capacity(items.len());
        for v in items {
            match v {
                SqlValue::Array(inner) => out.push(format!("({})", self.array_to_list(inner)?)),
                v => out.push(self.escape_plain_list(v)?),
            }
        }
        Ok(out.join(", "))
    }

    /// An array item inside a list: postgres' `format` mode never nests ARRAY[].
    fn escape_plain_list(&self, v: &SqlValue) -> Result<String, SqlError> {
        match v {
            SqlValue::Array(a) => self.array_to_list(a),
            v => self.escape_plain(v),
        }
    }

    /// `SqlString.escape(value)`: a value with no type information.
    fn escape_plain(&self, v: &SqlValue) -> Result<String, SqlError> {
        Ok(match v {
            SqlValue::Null => "NULL".into(),
            SqlValue::Bool(b) => self.boolean_literal(*b),
            SqlValue::Int(i) => i.to_string(),
            SqlValue::Float(f) => js_number(*f),
            SqlValue::Text(s) => quote_string(s, self.dialect() == Dialect::Postgres),
            SqlValue::Date(ms) => quote_string(&self.date_string(*ms), false),
            SqlValue::Buffer(b) => self.blob_literal(b),
            SqlValue::Array(items) => self.escape_array(items)?,
            SqlValue::Object(o) => {
                return Err(SqlError::Sequelize(format!(
                    "Invalid value {}",
                    inspect(&Json::Object(o.clone()))
                )))
            }
            SqlValue::Now | SqlValue::UuidV1 | SqlValue::UuidV4 => {
                let key = match v {
                    SqlValue::Now => "NOW",
                    SqlValue::UuidV1 => "UUIDV1",
                    _ => "UUIDV4",
                };
                return Err(SqlError::Sequelize(format!(
                    "Invalid value [class {key} extends ABSTRACT] {{ types: {{}}, key: '{key}' }}"
                )));
            }
            m => return self.handle_method(m),
        })
    }

    /// `escape(value, field)`: a value, stringified first by its column type when given.
    fn escape(&self, v: &SqlValue, field: Option<&DataType>) -> Result<String, SqlError> {
        if v.is_null() {
            return Ok("NULL".into());
        }
        if v.is_method() {
            return self.handle_method(v);
        }
        let Some(t) = field else {
            return self.escape_plain(v);
        };
        match t.key.as_str() {
            // FLOAT/DOUBLE/REAL: `escape: false`, stringified as a quoted number.
            "FLOAT" | "DOUBLE" | "DOUBLE PRECISION" | "REAL" => Ok(format!("'{}'", float_text(v))),
            "BLOB" => Ok(self.blob_literal(&blob_bytes(v))),
            "DATE" => match v {
                SqlValue::Date(ms) => self.escape_plain(&SqlValue::Text(self.date_string(*ms))),
                SqlValue::Int(ms) => {
                    self.escape_plain(&SqlValue::Text(self.date_string(Some(*ms))))
                }
                SqlValue::Text(s) => {
                    let ms = parse_date(s, self.timezone_offset());
                    self.escape_plain(&SqlValue::Text(self.date_string(ms)))
                }
                other => self.escape_plain(other),
            },
            "DATEONLY" => match v {
                SqlValue::Date(Some(ms)) => {
                    self.escape_plain(&SqlValue::Text(format_date_only(*ms, 0)))
                }
                other => self.escape_plain(other),
            },
            "JSON" | "JSONB" => self.escape_plain(&SqlValue::Text(json_stringify(v))),
            // Sequelize's postgres module patches the base ARRAY type, so every dialect
            // writes a typed array as `ARRAY[a,b]::TYPE[]` (SQLite then rejects it).
            "ARRAY" => match v {
                SqlValue::Array(items) => typed_array(self, items, t),
                other => self.escape_plain(other),
            },
            _ => self.escape_plain(v),
        }
    }

    /// `format(value, field, options, bindParam)`: the value becomes a bind parameter,
    /// stringified by its type first where the type has a `_stringify`.
    fn format_bind(
        &self,
        v: &SqlValue,
        field: Option<&DataType>,
        bind: &mut Bind,
    ) -> Result<String, SqlError> {
        if v.is_method() {
            return Err(SqlError::Sequelize(
                "Cannot pass SequelizeMethod as a bind parameter - use escape instead".into(),
            ));
        }
        let value = match (field, v) {
            (_, SqlValue::Null) | (None, _) => v.clone(),
            (Some(t), v) => match t.key.as_str() {
                "FLOAT" | "DOUBLE" | "DOUBLE PRECISION" | "REAL" => match v {
                    SqlValue::Int(_) | SqlValue::Float(_) => v.clone(),
                    other => SqlValue::Text(float_text(other)),
                },
                "BLOB" => SqlValue::Buffer(blob_bytes(v)),
                "DATE" => match v {
                    SqlValue::Date(ms) => SqlValue::Text(self.date_string(*ms)),
                    other => other.clone(),
                },
                "DATEONLY" => match v {
                    SqlValue::Date(Some(ms)) => SqlValue::Text(format_date_only(*ms, 0)),
                    other => other.clone(),
                },
                "JSON" | "JSONB" => SqlValue::Text(json_stringify(v)),
                _ => v.clone(),
            },
        };
        Ok(bind.push(value))
    }

    /// `handleSequelizeMethod`.
    fn handle_method(&self, m: &SqlValue) -> Result<String, SqlError> {
        match m {
            SqlValue::Literal(s) => Ok(s.clone()),
            SqlValue::Fn { name, args } => {
                let mut parts = Vec::with_capacity(args.len());
                for a in args {
                    parts.push(match a {
                        a if a.is_method() => self.handle_method(a)?,
                        SqlValue::Object(o) => crate::where_clause::where_items(
                            self,
                            &Json::Object(o.clone()),
                            &WhereOptions::default(),
                            " AND ",
                        )?,
                        // Sequelize doubles `$` in fn string args so bind parsing leaves them alone.
                        SqlValue::Text(s) => {
                            self.escape(&SqlValue::Text(s.replace('$', "$$")), None)?
                        }
                        a => self.escape(a, None)?,
                    });
                }
                Ok(format!("{name}({})", parts.join(", ")))
            }
            SqlValue::Col(c) => {
                if c.starts_with('*') {
                    return Ok("*".into());
                }
                Ok(self.quote_col(c))
            }
            SqlValue::Cast { val, to } => {
                let inner = match val.as_ref() {
                    v if v.is_method() => self.handle_method(v)?,
                    SqlValue::Object(o) => crate::where_clause::where_items(
                        self,
                        &Json::Object(o.clone()),
                        &WhereOptions::default(),
                        " AND ",
                    )?,
                    v => self.escape(v, None)?,
                };
                Ok(format!(
                    "CAST({inner} AS {})",
                    self.cast_type(to).to_uppercase()
                ))
            }
            SqlValue::Where {
                attribute,
                comparator,
                logic,
            } => crate::where_clause::where_fn(self, attribute, comparator, logic),
            SqlValue::Json { path, value } => self.json_method(path, value.as_deref()),
            SqlValue::JsonConditions(c) => self.json_conditions(c),
            other => self.escape(other, None),
        }
    }

    /// The type named in `Sequelize.cast` (sqlite turns timestamps into datetime).
    fn cast_type(&self, t: &str) -> String {
        t.to_string()
    }

    /// `quote(col)` for a `Sequelize.col` string: dotted paths quote each part.
    fn quote_col(&self, c: &str) -> String {
        self.quote_identifiers(c)
    }

    /// `Sequelize.json(path, value?)`.
    fn json_method(&self, path: &str, value: Option<&SqlValue>) -> Result<String, SqlError> {
        let mut parts = path.split('.');
        let column = parts.next().unwrap_or_default();
        let rest: Vec<&str> = parts.collect();
        let expr = self.json_path_extraction(&self.quote_ident(column), &rest);
        match value {
            Some(v) => Ok(format!("{expr} = {}", self.escape(v, None)?)),
            None => Ok(expr),
        }
    }

    /// `Sequelize.json({a: {b: 1}})`: each leaf path compared to its value as a string.
    fn json_conditions(&self, conditions: &Json) -> Result<String, SqlError> {
        fn leaves(v: &Json, path: &mut Vec<String>, out: &mut Vec<(Vec<String>, String)>) {
            match v {
                Json::Object(o) => {
                    for (k, x) in o {
                        path.push(k.clone());
                        leaves(x, path, out);
                        path.pop();
                    }
                }
                Json::String(s) => out.push((path.clone(), s.clone())),
                Json::Null => out.push((path.clone(), "null".into())),
                other => out.push((path.clone(), other.to_string())),
            }
        }
        let mut found = Vec::new();
        leaves(conditions, &mut Vec::new(), &mut found);
        let parts: Vec<String> = found
            .into_iter()
            .map(|(p, v)| {
                let rest: Vec<&str> = p[1..].iter().map(String::as_str).collect();
                format!(
                    "{} = '{v}'",
                    self.json_path_extraction(&self.quote_ident(&p[0]), &rest)
                )
            })
            .collect();
        Ok(parts.join(" AND "))
    }

    /// `jsonPathExtractionQuery`; sqlite/mysql form by default.
    fn json_path_extraction(&self, column: &str, path: &[&str]) -> String {
        let p: String = path.iter().map(|s| format!(".{s}")).collect();
        format!("json_extract({column},'${p}')")
    }

    /// `Utils.defaultValueSchemable`.
    fn default_schemable(v: &Option<SqlValue>) -> bool
    where
        Self: Sized,
    {
        !matches!(
            v,
            None | Some(SqlValue::Now | SqlValue::UuidV1 | SqlValue::UuidV4)
        )
    }

    /// `dropTableQuery`.
    fn drop_table(&self, t: &Table) -> String {
        format!("DROP TABLE IF EXISTS {};", self.quote_table(t))
    }

    /// `renameTableQuery`.
    fn rename_table(&self, before: &Table, after: &Table) -> String {
        format!(
            "ALTER TABLE {} RENAME TO {};",
            self.quote_table(before),
            self.quote_table(after)
        )
    }

    /// The DataType of a column, warnings included (UNSIGNED on sqlite, ...).
    fn column_type_sql(&self, c: &Column) -> Result<String, SqlError> {
        let mut t = c.data_type.clone();
        if t.key == "ENUM" && t.values.is_none() {
            t.values = c.values.clone();
        }
        self.data_type_sql(&t)
    }
}

/// `_value` of the floating types: the number's JS text, or NaN/Infinity.
fn float_text(v: &SqlValue) -> String {
    match v {
        SqlValue::Int(i) => i.to_string(),
        SqlValue::Float(f) => js_number(*f),
        SqlValue::Bool(b) => (*b as i32).to_string(),
        SqlValue::Text(s) => match s.trim().parse::<f64>() {
            Ok(f) if !s.trim().is_empty() => {
                if f.is_infinite() {
                    js_number(f)
                } else {
                    s.clone()
                }
            }
            _ => "NaN".into(),
        },
        _ => "NaN".into(),
    }
}

/// `Buffer.from(value)` as BLOB's stringify does for non-buffers.
fn blob_bytes(v: &SqlValue) -> Vec<u8> {
    match v {
        SqlValue::Buffer(b) => b.clone(),
        SqlValue::Array(a) => a
            .iter()
            .map(|x| match x {
                SqlValue::Int(i) => *i as u8,
                _ => 0,
            })
            .collect(),
        SqlValue::Text(s) => s.as_bytes().to_vec(),
        other => other.to_json().to_string().into_bytes(),
    }
}

/// `JSON.stringify` of a value (dates become ISO strings, as their toJSON does).
pub fn json_stringify(v: &SqlValue) -> String {
    fn plain(v: &SqlValue) -> Json {
        match v {
            SqlValue::Date(Some(ms)) => Json::String(crate::value::iso_string(*ms)),
            SqlValue::Date(None) => Json::Null,
            SqlValue::Array(a) => Json::Array(a.iter().map(plain).collect()),
            SqlValue::Buffer(b) => serde_json::json!({"type": "Buffer", "data": b}),
            other => other.to_json(),
        }
    }
    serde_json::to_string(&plain(v)).unwrap_or_default()
}

/// Sqlite and postgres quote identifiers the same way, with a different tick.
pub fn tick_quote(id: &str, tick: char) -> String {
    add_ticks(id, tick)
}

/// A typed array value as Sequelize's patched ARRAY type writes it on every dialect:
/// `ARRAY[a,b]::TYPE[]`, each item escaped by the inner type.
pub(crate) fn typed_array<G: QueryGenerator + ?Sized>(
    g: &G,
    items: &[SqlValue],
    t: &DataType,
) -> Result<String, SqlError> {
    let inner = t.inner.as_deref();
    if inner.is_some_and(|i| i.key == "ENUM") {
        // `_stringify` builds the cast from `this.toSql()` first, which fails on an
        // element type the dialect normalized (mysql's ENUM); then ARRAY(ENUM)'s cast
        // asks the column's model for its table, and a queryInterface call has none.
        if inner.is_some_and(|i| !i.abstract_type) && g.dialect().is_mysql_family() {
            g.data_type_sql(t)?;
        }
        return Err(SqlError::Type(
            "Cannot read properties of undefined (reading 'getTableName')".into(),
        ));
    }
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        out.push(g.escape(item, inner)?);
    }
    let mut s = format!("ARRAY[{}]", out.join(","));
    if inner.is_some() {
        s.push_str(&format!("::{}", g.data_type_sql(t)?));
    }
    Ok(s)
}
