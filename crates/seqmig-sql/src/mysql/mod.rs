//! The MySQL / MariaDB query generator: Sequelize's `dialects/mysql/query-generator.js`
//! (over the abstract one), which the `mariadb` dialect extends with a different
//! showAllTables query and DATE literals that keep their milliseconds. Only what differs
//! from the abstract generator is here; the statements are in `statements.rs`.
//!
//! [`QueryGenerator::dialect`] answers `Mysql` or `Mariadb`; the `Statements` builders
//! the ops call are in `statements.rs`.

mod statements;
mod types;

pub use statements::MysqlTableOptions;

use crate::abstract_gen::{QueryGenerator, Warnings};
use crate::escape::{add_ticks, inspect, js_number};
use crate::model::DataType;
use crate::value::{format_date, parse_date, SqlValue};
use crate::{Dialect, SqlError};

/// The MySQL (`mysql`) or MariaDB (`mariadb`) generator.
#[derive(Debug, Default)]
pub struct MysqlGenerator {
    warnings: Warnings,
    tz_offset: i32,
    mariadb: bool,
    /// `sequelize.config.database`, which some statements name (tableExists); set by
    /// the ops once the connection is known.
    database: std::cell::RefCell<Option<String>>,
}

impl MysqlGenerator {
    /// Dialect `mysql`.
    pub fn new() -> Self {
        Self::default()
    }

    /// Dialect `mariadb`.
    pub fn mariadb() -> Self {
        MysqlGenerator {
            mariadb: true,
            ..Self::default()
        }
    }

    /// With Sequelize's `timezone` option (minutes east of UTC).
    pub fn with_timezone(mut self, offset_minutes: i32) -> Self {
        self.tz_offset = offset_minutes;
        self
    }

    pub fn is_mariadb(&self) -> bool {
        self.mariadb
    }

    /// The connection's database (`sequelize.config.database`), once known.
    pub fn database(&self) -> Option<String> {
        self.database.borrow().clone()
    }

    pub fn set_database(&self, database: Option<String>) {
        *self.database.borrow_mut() = database;
    }

    /// `YYYY-MM-DD HH:mm:ss[.SSS]` in the configured zone: mysql's DATE keeps the
    /// milliseconds only with a length (`DATE(3)`), mariadb's always.
    fn date_literal(&self, ms: Option<i64>, with_ms: bool) -> String {
        let Some(ms) = ms else {
            return "Invalid date".into();
        };
        // format_date: `YYYY-MM-DD HH:mm:ss.SSS +HH:MM`.
        let full = format_date(ms, self.tz_offset);
        let end = if with_ms || self.mariadb { 23 } else { 19 };
        full[..end.min(full.len())].to_string()
    }
}

/// `SqlString.escape` of a string for mysql / mariadb: backslash escapes.
pub fn mysql_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        match c {
            '\0' => out.push_str("\\0"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\u{1a}' => out.push_str("\\Z"),
            '\\' | '\'' | '"' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// `SqlString.escape(value)` for mysql / mariadb (shared by the generator and [`Base`]).
fn escape_plain<G: QueryGenerator + ?Sized>(g: &G, v: &SqlValue) -> Result<String, SqlError> {
    Ok(match v {
        SqlValue::Null => "NULL".into(),
        SqlValue::Bool(b) => b.to_string(),
        SqlValue::Int(i) => i.to_string(),
        SqlValue::Float(f) => js_number(*f),
        SqlValue::Text(s) => mysql_quote(s),
        SqlValue::Date(ms) => mysql_quote(&g.date_string(*ms)),
        SqlValue::Buffer(b) => g.blob_literal(b),
        SqlValue::Array(items) => g.escape_array(items)?,
        SqlValue::Object(o) => {
            return Err(SqlError::Sequelize(format!(
                "Invalid value {}",
                inspect(&serde_json::Value::Object(o.clone()))
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
        m => return g.handle_method(m),
    })
}

impl QueryGenerator for MysqlGenerator {
    fn dialect(&self) -> Dialect {
        if self.mariadb {
            Dialect::Mariadb
        } else {
            Dialect::Mysql
        }
    }
    fn warnings(&self) -> &Warnings {
        &self.warnings
    }
    fn quote_identifier(&self, id: &str) -> String {
        add_ticks(id, '`')
    }
    /// `supports.schemas`: false on mysql (a schema joins the table's name in one
    /// identifier), true on mariadb (`` `schema`.`table` ``), as Sequelize's dialects say.
    fn supports_schemas(&self) -> bool {
        self.mariadb
    }
    fn data_type_sql(&self, t: &DataType) -> Result<String, SqlError> {
        types::type_sql(t, &mysql_quote)
    }
    fn boolean_literal(&self, b: bool) -> String {
        b.to_string()
    }
    fn timezone_offset(&self) -> i32 {
        self.tz_offset
    }
    fn operator(&self, op: &str) -> Option<&'static str> {
        match op {
            "regexp" => Some("REGEXP"),
            "notRegexp" => Some("NOT REGEXP"),
            op => crate::where_clause::operator_sql(op),
        }
    }
    fn cast_type(&self, t: &str) -> String {
        let lower = t.to_lowercase();
        if lower.contains("timestamp") {
            "datetime".into()
        } else if lower.contains("double precision")
            || lower.contains("boolean")
            || lower.contains("integer")
        {
            "decimal".into()
        } else if lower.contains("text") {
            "char".into()
        } else {
            t.to_string()
        }
    }
    fn date_string(&self, ms: Option<i64>) -> String {
        self.date_literal(ms, false)
    }
    fn escape_plain(&self, v: &SqlValue) -> Result<String, SqlError> {
        escape_plain(self, v)
    }
    fn escape(&self, v: &SqlValue, field: Option<&DataType>) -> Result<String, SqlError> {
        if field.is_some_and(|t| t.key == "DATE" && t.abstract_type) {
            // The abstract DATE `_stringify` (`YYYY-MM-DD HH:mm:ss.SSS Z`), which MySQL
            // refuses for a DATETIME: queryInterface.bulkInsert's attributes are used as
            // given, not normalized to the dialect's types.
            let ms = match v {
                SqlValue::Date(ms) => *ms,
                SqlValue::Int(ms) => Some(*ms),
                SqlValue::Text(s) => parse_date(s, self.tz_offset),
                _ => return Base(self).escape(v, field),
            };
            let text = match ms {
                Some(ms) => format_date(ms, self.tz_offset),
                None => "Invalid date".into(),
            };
            return Ok(mysql_quote(&text));
        }
        // mysql's DATE `_stringify`: milliseconds with a length only.
        if let (Some(t), SqlValue::Date(ms)) = (field, v) {
            if t.key == "DATE" {
                return Ok(mysql_quote(&self.date_literal(*ms, t.length.is_some())));
            }
        }
        Base(self).escape(v, field)
    }
}

/// The generator without its `escape` override, for the override to fall back on.
struct Base<'a>(&'a MysqlGenerator);

impl QueryGenerator for Base<'_> {
    fn dialect(&self) -> Dialect {
        self.0.dialect()
    }
    fn warnings(&self) -> &Warnings {
        self.0.warnings()
    }
    fn quote_identifier(&self, id: &str) -> String {
        self.0.quote_identifier(id)
    }
    fn supports_schemas(&self) -> bool {
        self.0.supports_schemas()
    }
    fn data_type_sql(&self, t: &DataType) -> Result<String, SqlError> {
        self.0.data_type_sql(t)
    }
    fn boolean_literal(&self, b: bool) -> String {
        b.to_string()
    }
    fn timezone_offset(&self) -> i32 {
        self.0.timezone_offset()
    }
    fn operator(&self, op: &str) -> Option<&'static str> {
        self.0.operator(op)
    }
    fn cast_type(&self, t: &str) -> String {
        self.0.cast_type(t)
    }
    fn date_string(&self, ms: Option<i64>) -> String {
        self.0.date_string(ms)
    }
    fn escape_plain(&self, v: &SqlValue) -> Result<String, SqlError> {
        escape_plain(self, v)
    }
}

#[cfg(test)]
mod tests;
