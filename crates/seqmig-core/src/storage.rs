//! Where executed migrations are recorded: the `SequelizeMeta` table (umzug's
//! SequelizeStorage, with the statements Sequelize sends), a JSON file, or nowhere.

use std::path::PathBuf;

use seqmig_db::{Dialect, SharedConnection, Value};
use seqmig_sql::Table;

use crate::bookkeeping::{self, Bookkeeping};
use crate::dbconfig::StorageKind;
use crate::error::CoreError;
use crate::session::Session;

/// The bookkeeping of one kind (migrations or seeders).
pub trait Storage {
    /// The recorded names, in the order the storage returns them (the table: `ORDER BY name`).
    fn executed(&mut self) -> Result<Vec<String>, CoreError>;
    fn log(&mut self, name: &str) -> Result<(), CoreError>;
    fn unlog(&mut self, name: &str) -> Result<(), CoreError>;
    /// Where it records, for a message: `SequelizeMeta`, `the file meta.json`.
    fn describe(&self) -> String;
}

/// Open the storage a config names.
pub fn open(
    kind: &StorageKind,
    conn: Option<SharedConnection>,
    session: &Session,
) -> Result<Box<dyn Storage>, CoreError> {
    Ok(match kind {
        StorageKind::Sequelize { table, schema } => {
            let conn = conn.ok_or_else(|| {
                CoreError::Config("the sequelize storage needs a database connection".into())
            })?;
            Box::new(TableStorage::new(
                conn,
                session.dialect(),
                table.clone(),
                schema.clone(),
                session.log_sql.get(),
            ))
        }
        StorageKind::Json { path } => Box::new(JsonStorage { path: path.clone() }),
        StorageKind::None => Box::new(NoStorage),
    })
}

/// The `SequelizeMeta` table.
pub struct TableStorage {
    conn: SharedConnection,
    bk: &'static dyn Bookkeeping,
    table: Table,
    log_sql: bool,
    /// Known after the first access: `None` until the table was ensured; `Some(true)` when
    /// the table has `createdAt`/`updatedAt` (after `db:migrate:schema:timestamps:add`).
    timestamps: Option<bool>,
}

impl TableStorage {
    pub fn new(
        conn: SharedConnection,
        dialect: Dialect,
        table: String,
        schema: Option<String>,
        log_sql: bool,
    ) -> Self {
        let bk = bookkeeping::of(dialect);
        let mut t = Table::new(table);
        // A generator without schemas joins the schema into the table's name, as
        // Sequelize's sqlite one does.
        t.schema = if bk.generator().supports_schemas() {
            bk.schema_of(schema.as_deref())
        } else {
            schema
        };
        TableStorage {
            conn,
            bk,
            table: t,
            log_sql,
            timestamps: None,
        }
    }

    fn quote(&self, ident: &str) -> String {
        self.bk.generator().quote_identifier(ident)
    }

    fn quoted_table(&self) -> String {
        self.bk.generator().quote_table(&self.table)
    }

    fn run(&self, sql: &str, params: &[Value]) -> Result<seqmig_db::QueryResult, CoreError> {
        if self.log_sql {
            crate::report::stdout_line(&format!("Executing (default): {sql}"));
        }
        Ok(self.conn.borrow_mut().query(sql, params)?)
    }

    /// `Model.sync()`: create the table when missing, and learn whether it has timestamps.
    fn ensure(&mut self) -> Result<bool, CoreError> {
        if let Some(ts) = self.timestamps {
            return Ok(ts);
        }
        let table = self.quoted_table();
        if let Some(schema) = self.bk.schema_of(self.table.schema.as_deref()) {
            if let Some(sql) = self.bk.create_schema(&schema) {
                self.run(&sql, &[])?;
            }
        }
        self.run(&self.bk.create_meta_table(&table, false), &[])?;
        let (sql, params) = self.bk.sync_columns_query(&table, &self.table);
        let columns = self.run(&sql, &params)?;
        let name_idx = columns
            .columns
            .iter()
            .position(|c| c.name == "name")
            .unwrap_or(0);
        let has_created_at = columns
            .rows
            .iter()
            .any(|r| matches!(r.get(name_idx), Some(Value::Text(t)) if t == "createdAt"));
        self.timestamps = Some(has_created_at);
        Ok(has_created_at)
    }
}

/// A date as Sequelize binds it: `2024-01-05 09:00:00.000 +00:00`.
pub(crate) fn sequelize_now() -> String {
    chrono::Utc::now()
        .format("%Y-%m-%d %H:%M:%S%.3f +00:00")
        .to_string()
}

impl Storage for TableStorage {
    fn executed(&mut self) -> Result<Vec<String>, CoreError> {
        self.ensure()?;
        let table = self.quoted_table();
        let alias = self.quote(&self.table.table_name);
        let name = self.quote("name");
        let sql = format!("SELECT {name} FROM {table} AS {alias} ORDER BY {alias}.{name} ASC;");
        let result = self.run(&sql, &[])?;
        Ok(result
            .rows
            .into_iter()
            .filter_map(|r| match r.into_iter().next() {
                Some(Value::Text(t)) => Some(t),
                _ => None,
            })
            .collect())
    }

    fn log(&mut self, file: &str) -> Result<(), CoreError> {
        let timestamps = self.ensure()?;
        let table = self.quoted_table();
        let (sql, params) = if timestamps {
            let now = self.bk.timestamp_now();
            let cols = ["name", "createdAt", "updatedAt"]
                .map(|c| self.quote(c))
                .join(",");
            let returning = self.bk.returning("*");
            (
                format!(
                    "INSERT INTO {table} ({cols}) VALUES ({},{},{}){returning};",
                    self.bk.placeholder(1),
                    self.bk.placeholder(2),
                    self.bk.placeholder(3)
                ),
                vec![
                    Value::Text(file.into()),
                    Value::Text(now.clone()),
                    Value::Text(now),
                ],
            )
        } else {
            let name = self.quote("name");
            let returning = self.bk.returning(&name);
            (
                format!(
                    "INSERT INTO {table} ({name}) VALUES ({}){returning};",
                    self.bk.placeholder(1)
                ),
                vec![Value::Text(file.into())],
            )
        };
        self.run(&sql, &params)?;
        Ok(())
    }

    fn describe(&self) -> String {
        match self.bk.schema_of(self.table.schema.as_deref()) {
            Some(s) => format!("{s}.{}", self.table.table_name),
            None => self.table.table_name.clone(),
        }
    }

    fn unlog(&mut self, file: &str) -> Result<(), CoreError> {
        self.ensure()?;
        let sql = format!(
            "DELETE FROM {} WHERE {} = '{}'",
            self.quoted_table(),
            self.quote("name"),
            file.replace('\'', "''")
        );
        self.run(&sql, &[])?;
        Ok(())
    }
}

/// umzug's JSONStorage: an array of names, written with two-space indentation.
pub struct JsonStorage {
    pub path: PathBuf,
}

impl JsonStorage {
    fn read(&self) -> Result<Vec<String>, CoreError> {
        match std::fs::read_to_string(&self.path) {
            Ok(text) => serde_json::from_str(&text).map_err(|e| {
                CoreError::Config(format!(
                    "{} is not a JSON array of names: {e}",
                    self.path.display()
                ))
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
            Err(e) => Err(CoreError::io(
                format!("cannot read {}", self.path.display()),
                e,
            )),
        }
    }

    fn write(&self, names: &[String]) -> Result<(), CoreError> {
        let mut text = String::from("[");
        for (i, n) in names.iter().enumerate() {
            text.push_str(if i == 0 { "\n  " } else { ",\n  " });
            text.push_str(&serde_json::to_string(n).expect("a string serializes"));
        }
        text.push_str(if names.is_empty() { "]" } else { "\n]" });
        std::fs::write(&self.path, text)
            .map_err(|e| CoreError::io(format!("cannot write {}", self.path.display()), e))
    }
}

impl Storage for JsonStorage {
    fn executed(&mut self) -> Result<Vec<String>, CoreError> {
        self.read()
    }
    fn log(&mut self, name: &str) -> Result<(), CoreError> {
        let mut names = self.read()?;
        names.push(name.to_string());
        self.write(&names)
    }
    fn unlog(&mut self, name: &str) -> Result<(), CoreError> {
        let names: Vec<String> = self.read()?.into_iter().filter(|n| n != name).collect();
        self.write(&names)
    }
    fn describe(&self) -> String {
        format!("the file {}", self.path.display())
    }
}

/// umzug's `none` storage: nothing is ever recorded.
pub struct NoStorage;

impl Storage for NoStorage {
    fn executed(&mut self) -> Result<Vec<String>, CoreError> {
        Ok(Vec::new())
    }
    fn log(&mut self, _: &str) -> Result<(), CoreError> {
        Ok(())
    }
    fn unlog(&mut self, _: &str) -> Result<(), CoreError> {
        Ok(())
    }
    fn describe(&self) -> String {
        "no storage".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_storage_writes_like_umzug() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("meta.json");
        let mut s = JsonStorage { path: path.clone() };
        assert!(s.executed().unwrap().is_empty());
        s.log("1-a.js").unwrap();
        s.log("2-b.js").unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "[\n  \"1-a.js\",\n  \"2-b.js\"\n]"
        );
        s.unlog("1-a.js").unwrap();
        s.unlog("2-b.js").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "[]");
    }

    #[test]
    fn json_storage_rejects_garbage_with_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("meta.json");
        std::fs::write(&path, "{").unwrap();
        let err = JsonStorage { path: path.clone() }.executed().unwrap_err();
        assert!(
            err.to_string()
                .starts_with(&format!("{} is not a JSON array of names", path.display())),
            "{err}"
        );
    }
}
