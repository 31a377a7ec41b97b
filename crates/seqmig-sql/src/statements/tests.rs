//! The statement builders as one table: a request per row, the SQL per dialect in its
//! columns (the text sequelize 6.37.8 logs for the same call). A new dialect adds a
//! column to [`DIALECTS`] and to each row.

use super::Statements;
use crate::model::TxOptions;
use crate::mysql::MysqlGenerator;
use crate::postgres::PostgresGenerator;
use crate::sqlite::SqliteGenerator;

/// The generators, in the order of the expected columns.
fn dialects() -> [(&'static str, Box<dyn Statements>); DIALECTS] {
    [
        ("sqlite", Box::new(SqliteGenerator::new())),
        ("postgres", Box::new(PostgresGenerator::new())),
        ("mysql", Box::new(MysqlGenerator::new())),
        ("mariadb", Box::new(MysqlGenerator::mariadb())),
    ]
}

const DIALECTS: usize = 4;

/// One request, built against a generator: what it asks of the trait.
type Request = fn(&dyn Statements) -> String;

fn options(tx_type: Option<&str>) -> TxOptions {
    TxOptions {
        tx_type: tx_type.map(str::to_string),
        ..TxOptions::default()
    }
}

fn check(rows: &[(&str, Request, [&str; DIALECTS])]) {
    for (what, request, expected) in rows {
        for ((dialect, gen), want) in dialects().iter().zip(expected) {
            assert_eq!(request(gen.as_ref()), *want, "{what} on {dialect}");
        }
    }
}

#[test]
fn transaction_statements() {
    check(&[
        (
            "begin",
            |g| g.start_transaction_query(&options(None), None),
            [
                "BEGIN DEFERRED TRANSACTION;",
                "START TRANSACTION;",
                "START TRANSACTION;",
                "START TRANSACTION;",
            ],
        ),
        (
            "begin IMMEDIATE (a SQLite transaction type)",
            |g| g.start_transaction_query(&options(Some("IMMEDIATE")), None),
            [
                "BEGIN IMMEDIATE TRANSACTION;",
                "START TRANSACTION;",
                "START TRANSACTION;",
                "START TRANSACTION;",
            ],
        ),
        (
            "nested begin",
            |g| g.start_transaction_query(&options(None), Some("t1-sp-1")),
            [
                "SAVEPOINT `t1-sp-1`;",
                "SAVEPOINT \"t1-sp-1\";",
                "SAVEPOINT `t1-sp-1`;",
                "SAVEPOINT `t1-sp-1`;",
            ],
        ),
        (
            "commit",
            |g| g.commit_transaction_query(None).unwrap_or_default(),
            ["COMMIT;", "COMMIT;", "COMMIT;", "COMMIT;"],
        ),
        (
            "nested commit sends nothing",
            |g| {
                g.commit_transaction_query(Some("t1-sp-1"))
                    .unwrap_or_default()
            },
            ["", "", "", ""],
        ),
        (
            "rollback",
            |g| g.rollback_transaction_query(None),
            ["ROLLBACK;", "ROLLBACK;", "ROLLBACK;", "ROLLBACK;"],
        ),
        (
            "nested rollback",
            |g| g.rollback_transaction_query(Some("t1-sp-1")),
            [
                "ROLLBACK TO SAVEPOINT `t1-sp-1`;",
                "ROLLBACK TO SAVEPOINT \"t1-sp-1\";",
                "ROLLBACK TO SAVEPOINT `t1-sp-1`;",
                "ROLLBACK TO SAVEPOINT `t1-sp-1`;",
            ],
        ),
        (
            "isolation READ UNCOMMITTED",
            |g| g.set_isolation_level_query("READ UNCOMMITTED").unwrap(),
            [
                "PRAGMA read_uncommitted = ON;",
                "SET TRANSACTION ISOLATION LEVEL READ UNCOMMITTED;",
                "SET TRANSACTION ISOLATION LEVEL READ UNCOMMITTED;",
                "SET TRANSACTION ISOLATION LEVEL READ UNCOMMITTED;",
            ],
        ),
        (
            "isolation SERIALIZABLE",
            |g| g.set_isolation_level_query("SERIALIZABLE").unwrap(),
            [
                "-- SQLite's default isolation level is SERIALIZABLE. Nothing to do.",
                "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE;",
                "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE;",
                "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE;",
            ],
        ),
        (
            "unknown isolation level",
            |g| match g.set_isolation_level_query("NOPE") {
                Ok(sql) => sql,
                Err(e) => e.to_string(),
            },
            [
                "Unknown isolation level: NOPE",
                "Unknown isolation level: NOPE",
                "SET TRANSACTION ISOLATION LEVEL NOPE;",
                "SET TRANSACTION ISOLATION LEVEL NOPE;",
            ],
        ),
        (
            "deferrable SET_DEFERRED",
            |g| {
                g.defer_constraints_query("SET_DEFERRED")
                    .unwrap_or_default()
            },
            ["", "SET CONSTRAINTS ALL DEFERRED", "", ""],
        ),
        (
            "deferrable NOT",
            |g| g.defer_constraints_query("NOT").unwrap_or_default(),
            ["", "", "", ""],
        ),
        (
            "quoting",
            |g| g.quote_ident("a`b\"c"),
            ["`ab\"c`", "\"a`bc\"", "`ab\"c`", "`ab\"c`"],
        ),
    ]);
}

fn req<T: serde::de::DeserializeOwned>(v: serde_json::Value) -> T {
    serde_json::from_value(v).unwrap()
}

/// The options a dialect reads from the shared request (and the others ignore).
#[test]
fn statements_read_their_dialect_options_from_the_request() {
    check(&[
        (
            "dropTable with cascade",
            |g| {
                g.drop_table_query(&req(
                    serde_json::json!({"table": {"tableName": "t"}, "options": {"cascade": true}}),
                ))
            },
            [
                "DROP TABLE IF EXISTS `t`;",
                "DROP TABLE IF EXISTS \"t\" CASCADE;",
                "DROP TABLE IF EXISTS `t`;",
                "DROP TABLE IF EXISTS `t`;",
            ],
        ),
        (
            "removeIndex concurrently",
            |g| {
                g.remove_index_query(&req(serde_json::json!({"table": {"tableName": "t"},
                    "index": "idx", "options": {"concurrently": true}})))
            },
            [
                "DROP INDEX IF EXISTS `idx`",
                "DROP INDEX CONCURRENTLY IF EXISTS \"idx\"",
                "DROP INDEX `idx` ON `t`",
                "DROP INDEX `idx` ON `t`",
            ],
        ),
        (
            "increment, returning by default",
            |g| {
                g.arithmetic_query(&req(serde_json::json!({"table": {"tableName": "t"},
                    "operator": "+", "amounts": {"n": 1}})))
                    .unwrap()
            },
            [
                "UPDATE `t` SET `n`=`n`+ 1",
                "UPDATE \"t\" SET \"n\"=\"n\"+ 1 RETURNING *",
                "UPDATE `t` SET `n`=`n`+ 1",
                "UPDATE `t` SET `n`=`n`+ 1",
            ],
        ),
        (
            "increment with returning: false",
            |g| {
                g.arithmetic_query(&req(serde_json::json!({"table": {"tableName": "t"},
                    "operator": "+", "amounts": {"n": 1}, "options": {"returning": false}})))
                    .unwrap()
            },
            [
                "UPDATE `t` SET `n`=`n`+ 1",
                "UPDATE \"t\" SET \"n\"=\"n\"+ 1",
                "UPDATE `t` SET `n`=`n`+ 1",
                "UPDATE `t` SET `n`=`n`+ 1",
            ],
        ),
    ]);
}
