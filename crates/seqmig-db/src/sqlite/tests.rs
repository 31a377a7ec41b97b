//! SQLite driver tests, on real database files in temp folders.

use super::*;
use crate::{connect, ConnectOptions, DbErrorKind};

fn open_temp() -> (tempfile::TempDir, Box<dyn Connection>) {
    let dir = tempfile::tempdir().unwrap();
    let conn = connect(&ConnectOptions::Sqlite {
        storage: dir.path().join("test.sqlite"),
    })
    .unwrap();
    (dir, conn)
}

#[test]
fn creates_the_file_and_its_parent_folders_like_sequelize() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a/b/db.sqlite");
    let mut conn = SqliteConnection::open(&path).unwrap();
    conn.execute_batch("CREATE TABLE t (x INTEGER)").unwrap();
    assert!(path.is_file());
    assert_eq!(conn.dialect(), Dialect::Sqlite);
}

#[test]
fn in_memory_storage_needs_no_file() {
    let mut conn = connect(&ConnectOptions::Sqlite {
        storage: ":memory:".into(),
    })
    .unwrap();
    let r = conn.query("SELECT 1+1 AS result", &[]).unwrap();
    assert_eq!(r.rows, vec![vec![Value::Int(2)]]);
    assert_eq!(r.columns[0].name, "result");
}

#[test]
fn values_round_trip_with_declared_types() {
    let (_dir, mut conn) = open_temp();
    conn.execute_batch(
        "CREATE TABLE v (i INTEGER, r REAL, t VARCHAR(255), b BLOB, n TEXT, flag TINYINT(1), d DATETIME)",
    )
    .unwrap();
    let ins = conn
        .query(
            "INSERT INTO v VALUES ($1, $2, $3, $4, $5, $6, $7)",
            &[
                Value::Int(-42),
                Value::Float(2.5),
                Value::Text("héllo".into()),
                Value::Blob(vec![0, 1, 254]),
                Value::Null,
                Value::Bool(true),
                Value::Timestamp {
                    ms: 1704544215250,
                    tz: true,
                },
            ],
        )
        .unwrap();
    assert_eq!(ins.rows_affected, 1);
    assert_eq!(ins.last_insert_id, Some(1));
    let r = conn.query("SELECT * FROM v", &[]).unwrap();
    let types: Vec<&str> = r.columns.iter().map(|c| c.type_name.as_str()).collect();
    assert_eq!(
        types,
        [
            "INTEGER",
            "REAL",
            "VARCHAR(255)",
            "BLOB",
            "TEXT",
            "TINYINT(1)",
            "DATETIME"
        ]
    );
    assert_eq!(
        r.rows,
        vec![vec![
            Value::Int(-42),
            Value::Float(2.5),
            Value::Text("héllo".into()),
            Value::Blob(vec![0, 1, 254]),
            Value::Null,
            Value::Int(1),
            // node-sqlite3 binds a Date as its epoch milliseconds.
            Value::Int(1704544215250),
        ]]
    );
    assert_eq!(r.rows_affected, 0, "a SELECT changes nothing");
    assert_eq!(r.last_insert_id, None);
}

#[test]
fn dollar_parameters_bind_by_number_not_by_position() {
    let (_dir, mut conn) = open_temp();
    let r = conn
        .query(
            "SELECT $2 AS second, $1 AS first, ? AS third",
            &[Value::Text("one".into()), Value::Text("two".into())],
        )
        .unwrap();
    // `?` after `$2`/`$1` gets the next free index, 3, which no value fills: NULL.
    assert_eq!(
        r.rows,
        vec![vec![
            Value::Text("two".into()),
            Value::Text("one".into()),
            Value::Null
        ]]
    );
    let r = conn
        .query("SELECT ? + ?", &[Value::Int(2), Value::Int(3)])
        .unwrap();
    assert_eq!(r.rows, vec![vec![Value::Int(5)]]);
}

#[test]
fn too_many_parameters_is_a_range_error() {
    let (_dir, mut conn) = open_temp();
    let e = conn
        .query("SELECT ?", &[Value::Int(1), Value::Int(2)])
        .unwrap_err();
    assert_eq!(e.message, "SQLITE_RANGE: column index out of range");
    assert_eq!(e.code.as_deref(), Some("SQLITE_RANGE"));
    assert_eq!(e.errno, Some(25));
}

#[test]
fn errors_are_worded_as_node_sqlite3() {
    let (_dir, mut conn) = open_temp();
    conn.execute_batch(
        "CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT, email VARCHAR(255) NOT NULL UNIQUE, x INTEGER)",
    )
    .unwrap();

    let e = conn
        .query("ALTER TABLE users ADD COLUMN x INTEGER", &[])
        .unwrap_err();
    assert_eq!(e.message, "SQLITE_ERROR: duplicate column name: x");
    assert_eq!(e.code.as_deref(), Some("SQLITE_ERROR"));
    assert_eq!(e.errno, Some(1));
    assert_eq!(e.kind, DbErrorKind::Statement);

    conn.query("INSERT INTO users (email) VALUES ('a@b.c')", &[])
        .unwrap();
    let e = conn
        .query("INSERT INTO users (email) VALUES ('a@b.c')", &[])
        .unwrap_err();
    assert_eq!(
        e.message,
        "SQLITE_CONSTRAINT: UNIQUE constraint failed: users.email"
    );
    assert_eq!(e.code.as_deref(), Some("SQLITE_CONSTRAINT"));
    assert_eq!(e.errno, Some(19));

    let e = conn.query("SELEC 1", &[]).unwrap_err();
    assert_eq!(e.message, "SQLITE_ERROR: near \"SELEC\": syntax error");

    let e = conn.query("SELECT * FROM nope", &[]).unwrap_err();
    assert_eq!(e.message, "SQLITE_ERROR: no such table: nope");

    let e = conn
        .query("INSERT INTO users (email) VALUES (NULL)", &[])
        .unwrap_err();
    assert_eq!(
        e.message,
        "SQLITE_CONSTRAINT: NOT NULL constraint failed: users.email"
    );
}

#[test]
fn only_the_first_statement_of_a_query_runs_like_node_sqlite3() {
    let (_dir, mut conn) = open_temp();
    conn.query(
        "CREATE TABLE a (x INTEGER); CREATE TABLE b (x INTEGER);",
        &[],
    )
    .unwrap();
    let r = conn
        .query(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
            &[],
        )
        .unwrap();
    assert_eq!(r.rows, vec![vec![Value::Text("a".into())]]);
    // Comment- or blank-only text is no statement at all.
    let r = conn.query("  -- nothing\n", &[]).unwrap();
    assert!(r.rows.is_empty() && r.columns.is_empty());
}

#[test]
fn execute_batch_runs_every_statement() {
    let (_dir, mut conn) = open_temp();
    conn.execute_batch(
        "CREATE TABLE a (x INTEGER); INSERT INTO a VALUES (1); INSERT INTO a VALUES (2);",
    )
    .unwrap();
    let r = conn.query("SELECT count(*) AS n FROM a", &[]).unwrap();
    assert_eq!(r.rows, vec![vec![Value::Int(2)]]);
    let e = conn
        .execute_batch("INSERT INTO a VALUES (3); INSERT INTO missing VALUES (1);")
        .unwrap_err();
    assert_eq!(e.message, "SQLITE_ERROR: no such table: missing");
}

#[test]
fn foreign_keys_are_enforced_as_sequelize_turns_them_on() {
    let (_dir, mut conn) = open_temp();
    let r = conn.query("PRAGMA foreign_keys", &[]).unwrap();
    assert_eq!(r.rows, vec![vec![Value::Int(1)]]);
    conn.execute_batch(
        "CREATE TABLE p (id INTEGER PRIMARY KEY); \
         CREATE TABLE c (id INTEGER PRIMARY KEY, pid INTEGER REFERENCES p (id));",
    )
    .unwrap();
    let e = conn
        .query("INSERT INTO c (pid) VALUES (99)", &[])
        .unwrap_err();
    assert_eq!(
        e.message,
        "SQLITE_CONSTRAINT: FOREIGN KEY constraint failed"
    );
    assert_eq!(e.errno, Some(19));
}

#[test]
fn rows_affected_and_last_insert_id_after_writes() {
    let (_dir, mut conn) = open_temp();
    conn.execute_batch("CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT)")
        .unwrap();
    let r = conn
        .query("INSERT INTO t (v) VALUES ('a'),('b'),('c')", &[])
        .unwrap();
    assert_eq!((r.rows_affected, r.last_insert_id), (3, Some(3)));
    let r = conn
        .query(
            "UPDATE t SET v = $1 WHERE id > $2",
            &[Value::Text("z".into()), Value::Int(1)],
        )
        .unwrap();
    assert_eq!(r.rows_affected, 2);
    let r = conn.query("DELETE FROM t", &[]).unwrap();
    assert_eq!(r.rows_affected, 3);
}

#[test]
fn numbers_beyond_int32_bind_as_real_like_node_sqlite3() {
    let (_dir, mut conn) = open_temp();
    conn.execute_batch("CREATE TABLE n (i INTEGER, t TEXT, d DATETIME, x)")
        .unwrap();
    let big = Value::Int(5_000_000_000);
    let date = Value::Timestamp {
        ms: 1704544215250,
        tz: true,
    };
    conn.query(
        "INSERT INTO n VALUES ($1, $2, $3, $4)",
        &[big.clone(), big.clone(), date, Value::Float(7.0)],
    )
    .unwrap();
    let r = conn
        .query("SELECT i, t, d, x, typeof(x) FROM n", &[])
        .unwrap();
    assert_eq!(
        r.rows,
        vec![vec![
            Value::Int(5_000_000_000),
            Value::Text("5000000000.0".into()),
            Value::Int(1704544215250),
            Value::Int(7),
            Value::Text("integer".into()),
        ]]
    );
}

#[test]
fn json_and_arrays_bind_as_text() {
    let (_dir, mut conn) = open_temp();
    let r = conn
        .query(
            "SELECT $1 AS j, $2 AS a",
            &[
                Value::Json(serde_json::json!({"k": [1, 2]})),
                Value::Array(vec![Value::Text("a".into()), Value::Int(2)]),
            ],
        )
        .unwrap();
    assert_eq!(
        r.rows,
        vec![vec![
            Value::Text(r#"{"k":[1,2]}"#.into()),
            Value::Text("a,2".into())
        ]]
    );
}

#[test]
fn opening_a_folder_fails_with_cantopen() {
    let dir = tempfile::tempdir().unwrap();
    let e = SqliteConnection::open(dir.path())
        .err()
        .expect("a folder is no database");
    assert_eq!(e.kind, DbErrorKind::Connection);
    assert_eq!(e.code.as_deref(), Some("SQLITE_CANTOPEN"));
    assert!(e.message.starts_with("SQLITE_CANTOPEN: "), "{}", e.message);
}
