//! Checksums of applied migrations (opt-in): the sha256 of each file as it was when it ran,
//! kept in a side table so that `SequelizeMeta` stays exactly sequelize-cli's. An edited
//! or deleted migration that already ran is then visible (`db:migrate:status`) and can
//! fail a pipeline (`db:migrate:validate`).

use std::collections::HashMap;
use std::path::Path;

use seqmig_db::{Dialect, SharedConnection, Value};
use serde_json::{Map, Value as Json};
use sha2::{Digest, Sha256};

use crate::bookkeeping::{self, Bookkeeping};
use crate::error::CoreError;

pub const TABLE: &str = "SequelizeMetaChecksums";
/// The config key (in the environment's section) that opts in without the flag.
pub const CONFIG_KEY: &str = "seqmigChecksums";

/// `"seqmigChecksums": true` in the environment's section.
pub fn from_config(section: &Map<String, Json>) -> Result<bool, CoreError> {
    match section.get(CONFIG_KEY) {
        None | Some(Json::Null) => Ok(false),
        Some(Json::Bool(b)) => Ok(*b),
        Some(other) => Err(CoreError::Config(format!(
            "\"{CONFIG_KEY}\" must be true or false, not {other}"
        ))),
    }
}

/// The file's sha256, lowercase hex.
pub fn file_sha256(path: &Path) -> Result<String, CoreError> {
    let bytes = std::fs::read(path)
        .map_err(|e| CoreError::io(format!("cannot read {}", path.display()), e))?;
    Ok(Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

/// How an applied migration compares with what was recorded when it ran.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Drift {
    Same,
    /// The file differs from the one that ran.
    Changed,
    /// The file is gone.
    Missing,
    /// It ran before checksums were recorded.
    Unrecorded,
}

impl Drift {
    pub fn word(self) -> &'static str {
        match self {
            Drift::Same => "ok",
            Drift::Changed => "changed",
            Drift::Missing => "missing",
            Drift::Unrecorded => "no checksum",
        }
    }

    /// Whether `db:migrate:validate` fails on it.
    pub fn is_drift(self) -> bool {
        matches!(self, Drift::Changed | Drift::Missing)
    }
}

/// Compare one applied migration: `current` is the file's sha256 now (`None`: no file).
pub fn compare(recorded: Option<&String>, current: Option<&String>) -> Drift {
    match (recorded, current) {
        (_, None) => Drift::Missing,
        (None, Some(_)) => Drift::Unrecorded,
        (Some(r), Some(c)) if r == c => Drift::Same,
        _ => Drift::Changed,
    }
}

/// The side table, next to the storage table (same schema on PostgreSQL).
pub struct ChecksumTable {
    conn: SharedConnection,
    bk: &'static dyn Bookkeeping,
    schema: Option<String>,
    ensured: bool,
}

impl ChecksumTable {
    pub fn new(conn: SharedConnection, dialect: Dialect, schema: Option<String>) -> Self {
        let bk = bookkeeping::of(dialect);
        ChecksumTable {
            conn,
            bk,
            schema: bk.schema_of(schema.as_deref()),
            ensured: false,
        }
    }

    fn quote(&self, ident: &str) -> String {
        self.bk.generator().quote_identifier(ident)
    }

    fn table(&self) -> String {
        bookkeeping::quoted_table(self.bk, TABLE, self.schema.as_deref())
    }

    fn ensure(&mut self) -> Result<(), CoreError> {
        if !self.ensured {
            let sql = format!(
                "CREATE TABLE IF NOT EXISTS {} ({} VARCHAR(255) NOT NULL PRIMARY KEY, {} CHAR(64) NOT NULL)",
                self.table(),
                self.quote("name"),
                self.quote("sha256")
            );
            self.conn.borrow_mut().query(&sql, &[])?;
            self.ensured = true;
        }
        Ok(())
    }

    /// Whether the table exists, without creating it (status and validate only read).
    fn exists(&self) -> Result<bool, CoreError> {
        let (sql, params) = self.bk.table_exists_query(TABLE, self.schema.as_deref());
        let r = self.conn.borrow_mut().query(&sql, &params)?;
        Ok(!r.rows.is_empty())
    }

    /// Every recorded checksum by file name.
    pub fn all(&mut self) -> Result<HashMap<String, String>, CoreError> {
        if !self.ensured && !self.exists()? {
            return Ok(HashMap::new());
        }
        let sql = format!(
            "SELECT {}, {} FROM {}",
            self.quote("name"),
            self.quote("sha256"),
            self.table()
        );
        let r = self.conn.borrow_mut().query(&sql, &[])?;
        Ok(r.rows
            .into_iter()
            .filter_map(|row| {
                let mut it = row.into_iter();
                match (it.next(), it.next()) {
                    (Some(Value::Text(n)), Some(Value::Text(s))) => Some((n, s.trim().to_string())),
                    _ => None,
                }
            })
            .collect())
    }

    pub fn record(&mut self, name: &str, sha256: &str) -> Result<(), CoreError> {
        self.forget(name)?;
        let sql = format!(
            "INSERT INTO {} ({}, {}) VALUES ({}, {})",
            self.table(),
            self.quote("name"),
            self.quote("sha256"),
            self.bk.placeholder(1),
            self.bk.placeholder(2)
        );
        self.conn.borrow_mut().query(
            &sql,
            &[Value::Text(name.into()), Value::Text(sha256.into())],
        )?;
        Ok(())
    }

    pub fn forget(&mut self, name: &str) -> Result<(), CoreError> {
        self.ensure()?;
        let sql = format!(
            "DELETE FROM {} WHERE {} = {}",
            self.table(),
            self.quote("name"),
            self.bk.placeholder(1)
        );
        self.conn
            .borrow_mut()
            .query(&sql, &[Value::Text(name.into())])?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;
    use std::rc::Rc;

    #[test]
    fn records_compares_and_forgets_on_a_real_sqlite_file() {
        let dir = tempfile::tempdir().unwrap();
        let opts = seqmig_db::ConnectOptions::Sqlite {
            storage: dir.path().join("db.sqlite"),
        };
        let conn: SharedConnection = Rc::new(RefCell::new(seqmig_db::connect(&opts).unwrap()));
        let mut t = ChecksumTable::new(conn.clone(), conn.borrow().dialect(), None);
        assert!(t.all().unwrap().is_empty());
        let r = conn
            .borrow_mut()
            .query("SELECT count(*) FROM sqlite_master", &[])
            .unwrap();
        assert_eq!(
            r.rows[0][0],
            Value::Int(0),
            "reading must not create the table"
        );

        let file = dir.path().join("1-a.js");
        std::fs::write(&file, "module.exports = {};\n").unwrap();
        let sum = file_sha256(&file).unwrap();
        assert_eq!(sum.len(), 64);
        t.record("1-a.js", &sum).unwrap();
        t.record("1-a.js", &sum).unwrap();
        let all = t.all().unwrap();
        assert_eq!(all.len(), 1);
        assert_eq!(compare(all.get("1-a.js"), Some(&sum)), Drift::Same);
        std::fs::write(&file, "module.exports = { changed: 1 };\n").unwrap();
        let now = file_sha256(&file).unwrap();
        assert_eq!(compare(all.get("1-a.js"), Some(&now)), Drift::Changed);
        assert_eq!(compare(all.get("1-a.js"), None), Drift::Missing);
        assert_eq!(compare(None, Some(&now)), Drift::Unrecorded);
        t.forget("1-a.js").unwrap();
        assert!(t.all().unwrap().is_empty());
    }
}
