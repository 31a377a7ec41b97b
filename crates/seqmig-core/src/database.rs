//! `db:create`, `db:drop` and `db:migrate:schema:timestamps:add`, as sequelize-cli runs
//! them: the first two on the maintenance database `postgres` (SQLite: the same refusal
//! as sequelize-cli), the last by renaming the bookkeeping table to `<table>Backup` and
//! re-creating it with `createdAt`/`updatedAt` (the backup stays, as sequelize-cli leaves it).

use seqmig_db::Value;

use crate::bookkeeping;
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
    let bk = bookkeeping::of(cfg.dialect);
    let unsupported = || {
        CoreError::Usage(format!(
            "Dialect {} does not support db:create / db:drop commands",
            cfg.dialect.name()
        ))
    };
    // Asked before the config's database name, as sequelize-cli refuses the dialect first.
    bk.database_command(&cfg.connect, command, "", opts)
        .ok_or_else(unsupported)?;
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
    let (maintenance, sql) = bk
        .database_command(&cfg.connect, command, &database, opts)
        .ok_or_else(unsupported)?;
    let mut conn = seqmig_db::connect(&maintenance)?;
    let verb = match command {
        DatabaseCommand::Create => "created",
        DatabaseCommand::Drop => "dropped",
    };
    log_sql(&cfg, &sql);
    conn.query(&sql, &[])?;
    reporter.event(Event::Notice(&format!("Database {database} {verb}.")));
    Ok(())
}

/// `db:migrate:schema:timestamps:add`.
pub fn add_timestamps(engine: &mut Engine, reporter: &mut dyn Reporter) -> Result<(), CoreError> {
    let cfg = engine.load_config(reporter)?;
    let table =
        match &cfg.migration_storage {
            StorageKind::Sequelize { table, schema } => {
                // sequelize-cli looks the table up with showAllTables, which on PostgreSQL
                // lists the public schema only.
                if bookkeeping::of(cfg.dialect)
                    .schema_of(schema.as_deref())
                    .is_some()
                {
                    return Err(CoreError::Usage("No MetaTable table found.".into()));
                }
                table.clone()
            }
            _ => return Err(CoreError::Usage(
                "db:migrate:schema:timestamps:add needs the sequelize migration storage (a table)"
                    .into(),
            )),
        };
    let conn = engine.connect(&cfg)?;
    let mut conn = conn.borrow_mut();
    let bk = bookkeeping::of(cfg.dialect);
    let mut run = |sql: &str| -> Result<seqmig_db::QueryResult, CoreError> {
        log_sql(&cfg, sql);
        Ok(conn.query(sql, &[])?)
    };
    let q = |ident: &str| bk.generator().quote_identifier(ident);
    let lit = |text: &str| format!("'{}'", text.replace('\'', "''"));

    let tables = run(&bk.show_all_tables_query())?;
    if !tables.rows.iter().any(|r| text_of(&r[0]) == Some(&table)) {
        return Err(CoreError::Usage("No MetaTable table found.".into()));
    }
    let (describe, column) = bk.describe_table_query(&table);
    let columns: Vec<String> = run(&describe)?
        .rows
        .iter()
        .filter_map(|r| r.get(column).and_then(text_of).cloned())
        .collect();
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
    let create = bk.create_meta_table(&q(&table), true);
    run(&create)?;
    if !names.is_empty() {
        let now = lit(&bk.timestamp_now());
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
        let cols = ["name", "createdAt", "updatedAt"].map(q).join(",");
        insert.push_str(&bk.returning(&cols));
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
