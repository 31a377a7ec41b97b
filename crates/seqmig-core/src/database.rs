//! `db:create`, `db:drop` and `db:migrate:schema:timestamps:add`, as sequelize-cli runs
//! them: the first two on the maintenance database `postgres` (SQLite: the same refusal
//! as sequelize-cli), the last by renaming the bookkeeping table to `<table>Backup` and
//! re-creating it with `createdAt`/`updatedAt` (the backup stays, as sequelize-cli leaves it).

use seqmig_db::{ConnectOptions, Dialect, Value};

use crate::dbconfig::{DbConfig, StorageKind};
use crate::engine::Engine;
use crate::error::CoreError;
use crate::report::{Event, Reporter};

/// Which database command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatabaseCommand {
    Create,
    Drop,
}

/// The options of `db:create` (`db:drop` accepts and ignores them, as sequelize-cli does).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CreateOptions {
    /// MySQL only in sequelize-cli; accepted and unused on PostgreSQL.
    pub charset: Option<String>,
    pub collate: Option<String>,
    pub encoding: Option<String>,
    pub ctype: Option<String>,
    pub template: Option<String>,
}

/// Sequelize's postgres `quoteIdentifier`: double quotes inside are removed, not doubled.
pub fn quote_identifier(ident: &str) -> String {
    format!("\"{}\"", ident.replace('"', ""))
}

/// sequelize-cli's `getCreateDatabaseQuery` for PostgreSQL.
pub fn create_database_sql(database: &str, opts: &CreateOptions) -> String {
    let mut sql = format!("CREATE DATABASE {}", quote_identifier(database));
    // An empty value is falsy in JS and adds nothing.
    let parts = [
        (" ENCODING = ", &opts.encoding),
        (" LC_COLLATE = ", &opts.collate),
        (" LC_CTYPE = ", &opts.ctype),
        (" TEMPLATE = ", &opts.template),
    ];
    for (keyword, value) in parts {
        if let Some(v) = value.as_deref().filter(|v| !v.is_empty()) {
            sql.push_str(keyword);
            sql.push_str(&quote_identifier(v));
        }
    }
    sql
}

pub fn drop_database_sql(database: &str) -> String {
    format!("DROP DATABASE IF EXISTS {}", quote_identifier(database))
}

fn log_sql(cfg: &DbConfig, sql: &str) {
    if cfg.log_sql {
        crate::report::stdout_line(&format!("Executing (default): {sql}"));
    }
}

/// `db:create` / `db:drop`.
pub fn create_or_drop(
    engine: &mut Engine,
    command: DatabaseCommand,
    opts: &CreateOptions,
    reporter: &mut dyn Reporter,
) -> Result<(), CoreError> {
    let cfg = engine.load_config(reporter)?;
    let pg = match &cfg.connect {
        ConnectOptions::Postgres(pg) => pg.clone(),
        ConnectOptions::Sqlite { .. } => {
            return Err(CoreError::Usage(format!(
                "Dialect {} does not support db:create / db:drop commands",
                cfg.dialect.name()
            )))
        }
    };
    let database = cfg
        .section
        .get("database")
        .and_then(|d| d.as_str())
        .map(str::to_string)
        .filter(|d| !d.is_empty())
        .ok_or_else(|| {
            CoreError::Config(format!(
                "The \"{}\" environment of the config names no database",
                engine.project.env
            ))
        })?;
    let mut maintenance = pg;
    maintenance.database = "postgres".into();
    let mut conn = seqmig_db::connect(&ConnectOptions::Postgres(maintenance))?;
    let (sql, verb) = match command {
        DatabaseCommand::Create => (create_database_sql(&database, opts), "created"),
        DatabaseCommand::Drop => (drop_database_sql(&database), "dropped"),
    };
    log_sql(&cfg, &sql);
    conn.query(&sql, &[])?;
    reporter.event(Event::Notice(&format!("Database {database} {verb}.")));
    Ok(())
}

/// `db:migrate:schema:timestamps:add`.
pub fn add_timestamps(engine: &mut Engine, reporter: &mut dyn Reporter) -> Result<(), CoreError> {
    let cfg = engine.load_config(reporter)?;
    let table = match &cfg.migration_storage {
        StorageKind::Sequelize { table, schema } => {
            // sequelize-cli looks the table up with showAllTables, which on PostgreSQL
            // lists the public schema only.
            if cfg.dialect == Dialect::Postgres && schema.as_deref().is_some_and(|s| s != "public")
            {
                return Err(CoreError::Usage("No MetaTable table found.".into()));
            }
            table.clone()
        }
        _ => {
            return Err(CoreError::Usage(
                "db:migrate:schema:timestamps:add needs the sequelize migration storage (a table)"
                    .into(),
            ))
        }
    };
    let conn = engine.connect(&cfg)?;
    let mut conn = conn.borrow_mut();
    let dialect = cfg.dialect;
    let mut run = |sql: &str| -> Result<seqmig_db::QueryResult, CoreError> {
        log_sql(&cfg, sql);
        Ok(conn.query(sql, &[])?)
    };
    let q = |ident: &str| match dialect {
        Dialect::Sqlite => format!("`{}`", ident.replace('`', "``")),
        Dialect::Postgres => quote_identifier(ident),
    };
    let lit = |text: &str| format!("'{}'", text.replace('\'', "''"));

    let tables = match dialect {
        Dialect::Sqlite => run("SELECT name FROM `sqlite_master` WHERE type='table' and name!='sqlite_sequence';")?,
        Dialect::Postgres => run("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type LIKE '%TABLE' AND table_name != 'spatial_ref_sys';")?,
    };
    if !tables.rows.iter().any(|r| text_of(&r[0]) == Some(&table)) {
        return Err(CoreError::Usage("No MetaTable table found.".into()));
    }
    let columns: Vec<String> = match dialect {
        Dialect::Sqlite => run(&format!("PRAGMA TABLE_INFO({});", q(&table)))?
            .rows
            .iter()
            .filter_map(|r| r.get(1).and_then(text_of).cloned())
            .collect(),
        Dialect::Postgres => run(&format!(
            "SELECT column_name FROM information_schema.columns WHERE table_name = {} AND table_schema = 'public'",
            lit(&table)
        ))?
        .rows
        .iter()
        .filter_map(|r| r.first().and_then(text_of).cloned())
        .collect(),
    };
    if columns.iter().any(|c| c == "createdAt") {
        reporter.event(Event::Notice("MetaTable already has timestamps."));
        return Ok(());
    }
    let backup = format!("{table}Backup");
    run(&format!(
        "ALTER TABLE {} RENAME TO {};",
        q(&table),
        q(&backup)
    ))?;
    let rows = run(&format!("SELECT * FROM {};", q(&backup)))?;
    let name_index = rows
        .columns
        .iter()
        .position(|c| c.name == "name")
        .unwrap_or(0);
    let names: Vec<String> = rows
        .rows
        .iter()
        .filter_map(|r| r.get(name_index).and_then(text_of).cloned())
        .collect();
    let create = match dialect {
        Dialect::Sqlite => format!(
            "CREATE TABLE IF NOT EXISTS {} (`name` VARCHAR(255) NOT NULL UNIQUE PRIMARY KEY, `createdAt` DATETIME NOT NULL, `updatedAt` DATETIME NOT NULL);",
            q(&table)
        ),
        Dialect::Postgres => format!(
            "CREATE TABLE IF NOT EXISTS {} (\"name\" VARCHAR(255) NOT NULL UNIQUE , \"createdAt\" TIMESTAMP WITH TIME ZONE NOT NULL, \"updatedAt\" TIMESTAMP WITH TIME ZONE NOT NULL, PRIMARY KEY (\"name\"));",
            q(&table)
        ),
    };
    run(&create)?;
    if !names.is_empty() {
        let now = lit(&chrono::Utc::now()
            .format("%Y-%m-%d %H:%M:%S%.3f +00:00")
            .to_string());
        let values: Vec<String> = names
            .iter()
            .map(|n| format!("({},{now},{now})", lit(n)))
            .collect();
        let mut insert = format!(
            "INSERT INTO {} ({},{},{}) VALUES {}",
            q(&table),
            q("name"),
            q("createdAt"),
            q("updatedAt"),
            values.join(",")
        );
        if dialect == Dialect::Postgres {
            insert.push_str(" RETURNING \"name\",\"createdAt\",\"updatedAt\"");
        }
        insert.push(';');
        run(&insert)?;
    }
    reporter.event(Event::Notice("Successfully added timestamps to MetaTable."));
    Ok(())
}

fn text_of(v: &Value) -> Option<&String> {
    match v {
        Value::Text(s) => Some(s),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The statements sequelize-cli 6.6.5 logged for `db:create --encoding UTF8 --template
    /// template0 --collate C --ctype C` and `db:drop`.
    #[test]
    fn create_and_drop_sql_as_sequelize_cli() {
        let opts = CreateOptions {
            encoding: Some("UTF8".into()),
            collate: Some("C".into()),
            ctype: Some("C".into()),
            template: Some("template0".into()),
            charset: Some("utf8".into()),
        };
        assert_eq!(
            create_database_sql("newdb", &opts),
            "CREATE DATABASE \"newdb\" ENCODING = \"UTF8\" LC_COLLATE = \"C\" LC_CTYPE = \"C\" TEMPLATE = \"template0\""
        );
        assert_eq!(
            create_database_sql("newdb", &CreateOptions::default()),
            "CREATE DATABASE \"newdb\""
        );
        assert_eq!(
            drop_database_sql("newdb"),
            "DROP DATABASE IF EXISTS \"newdb\""
        );
        assert_eq!(quote_identifier("we\"ird"), "\"weird\"");
    }
}
