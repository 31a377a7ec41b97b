//! The MySQL / MariaDB driver against the throwaway MariaDB of `testing::mariadb`.

use super::*;
use crate::testing::mariadb::{fresh_database, server, MariaDb, PASSWORD};
use crate::DbErrorKind;

fn options(db: &MariaDb, flavor: MysqlFlavor) -> MysqlOptions {
    MysqlOptions {
        flavor,
        host: db.host.clone(),
        port: db.port,
        user: db.user.clone(),
        password: Some(db.password.clone()),
        database: db.name.clone(),
        ..MysqlOptions::default()
    }
}

fn connect(db: &MariaDb, flavor: MysqlFlavor) -> MysqlConnection {
    MysqlConnection::connect(&options(db, flavor)).unwrap()
}

fn no_password_in(e: &DbError) {
    let all = format!("{e:?} {e}");
    assert!(!all.contains(PASSWORD), "password leaked: {all}");
}

#[test]
fn connects_with_sequelizes_session_settings() {
    let db = fresh_database("session");
    for flavor in [MysqlFlavor::Mysql, MysqlFlavor::Mariadb] {
        let mut c = connect(&db, flavor);
        let r = c
            .query(
                "SELECT @@session.time_zone AS tz, @@collation_connection AS coll, DATABASE() AS db",
                &[],
            )
            .unwrap();
        assert_eq!(
            r.rows,
            vec![vec![
                Value::Text("+00:00".into()),
                Value::Text("utf8mb4_unicode_ci".into()),
                Value::Text(db.name.clone()),
            ]]
        );
        assert_eq!(r.columns[0].name, "tz");
        assert!(
            c.server_version().starts_with("10.11."),
            "{}",
            c.server_version()
        );
        assert!(c.is_mariadb());
        assert!(c.connection_id() > 0);
    }
}

#[test]
fn socket_path_connects_without_tcp() {
    let db = fresh_database("socket");
    let s = server();
    let mut o = options(&db, MysqlFlavor::Mysql);
    o.host = "nowhere.invalid".into();
    o.socket_path = Some(s.socket.display().to_string());
    let mut c = MysqlConnection::connect(&o).unwrap();
    let r = c.query("SELECT 1 AS one", &[]).unwrap();
    assert_eq!(r.rows, vec![vec![Value::Int(1)]]);
}

#[test]
fn wrong_password_is_access_denied_without_the_password() {
    let db = fresh_database("badpw");
    let mut o = options(&db, MysqlFlavor::Mysql);
    o.password = Some(format!("{PASSWORD}-wrong"));
    let e = MysqlConnection::connect(&o).unwrap_err();
    assert_eq!(e.kind, DbErrorKind::Connection);
    assert_eq!(
        e.message,
        "Access denied for user 'seqmig'@'localhost' (using password: YES)"
    );
    assert_eq!(e.code.as_deref(), Some("ER_ACCESS_DENIED_ERROR"));
    assert_eq!(e.errno, Some(1045));
    assert_eq!(e.sql_state.as_deref(), Some("28000"));
    no_password_in(&e);

    o.flavor = MysqlFlavor::Mariadb;
    let e = MysqlConnection::connect(&o).unwrap_err();
    // The handshake's thread id is not known to the crate on failure: -1 stands in.
    assert_eq!(
        e.message,
        "(conn=-1, no: 1045, SQLState: 28000) Access denied for user 'seqmig'@'localhost' (using password: YES)"
    );
    no_password_in(&e);
}

#[test]
fn refused_connection_names_host_and_port() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    for flavor in [MysqlFlavor::Mysql, MysqlFlavor::Mariadb] {
        let o = MysqlOptions {
            flavor,
            host: "127.0.0.1".into(),
            port,
            user: "u".into(),
            password: Some("hunter2-secret".into()),
            ..MysqlOptions::default()
        };
        let e = MysqlConnection::connect(&o).unwrap_err();
        assert_eq!(e.message, format!("connect ECONNREFUSED 127.0.0.1:{port}"));
        assert_eq!(e.code.as_deref(), Some("ECONNREFUSED"));
        assert_eq!(e.errno, Some(-111));
        assert!(!format!("{e:?}").contains("hunter2"));
    }
}

#[test]
fn unknown_database_is_a_connection_error() {
    let db = fresh_database("nodb");
    let mut o = options(&db, MysqlFlavor::Mysql);
    o.database = "no_such_db".into();
    let e = MysqlConnection::connect(&o).unwrap_err();
    assert_eq!(e.kind, DbErrorKind::Connection);
    assert_eq!(e.message, "Unknown database 'no_such_db'");
    assert_eq!(e.code.as_deref(), Some("ER_BAD_DB_ERROR"));
    assert_eq!(e.sql_state.as_deref(), Some("42000"));
    no_password_in(&e);
}

#[test]
fn ddl_dml_with_params_and_headers() {
    let db = fresh_database("dml");
    let mut c = connect(&db, MysqlFlavor::Mysql);
    c.execute_batch(
        "CREATE TABLE t (id INT AUTO_INCREMENT PRIMARY KEY, a VARCHAR(10) UNIQUE) ENGINE=InnoDB; \
         CREATE TABLE u (x INT)",
    )
    .unwrap();
    let r = c
        .query(
            "INSERT INTO t (a) VALUES (?), (?)",
            &[Value::Text("x".into()), Value::Text("y".into())],
        )
        .unwrap();
    assert_eq!((r.rows_affected, r.last_insert_id), (2, Some(1)));
    assert_eq!(c.last_header().affected_rows, 2);
    assert!(c.last_header().info.starts_with("Records: 2"));
    // Changed rows, not matched ones (Sequelize's `-FOUND_ROWS`).
    let r = c
        .query(
            "UPDATE t SET a = 'y' WHERE a = ?",
            &[Value::Text("y".into())],
        )
        .unwrap();
    assert_eq!(r.rows_affected, 0);
    let r = c
        .query(
            "SELECT id, a FROM t WHERE id > ? ORDER BY id",
            &[Value::Int(0)],
        )
        .unwrap();
    assert_eq!(
        r.rows,
        vec![
            vec![Value::Int(1), Value::Text("x".into())],
            vec![Value::Int(2), Value::Text("y".into())]
        ]
    );
    assert_eq!(r.columns[0].type_name, "LONG");
    assert_eq!(r.columns[1].type_name, "VAR_STRING");
    let tables = c.query("SHOW TABLES", &[]).unwrap();
    assert_eq!(tables.rows.len(), 2);
}

#[test]
fn statement_errors_carry_code_errno_state_and_the_flavors_wording() {
    let db = fresh_database("errors");
    let mut c = connect(&db, MysqlFlavor::Mysql);
    c.execute_batch("CREATE TABLE t (a VARCHAR(10) UNIQUE); INSERT INTO t VALUES ('x')")
        .unwrap();
    let e = c.query("INSERT INTO t (a) VALUES ('x')", &[]).unwrap_err();
    assert_eq!(e.kind, DbErrorKind::Statement);
    assert_eq!(e.message, "Duplicate entry 'x' for key 'a'");
    assert_eq!(e.code.as_deref(), Some("ER_DUP_ENTRY"));
    assert_eq!(e.errno, Some(1062));
    assert_eq!(e.sql_state.as_deref(), Some("23000"));

    let mut m = connect(&db, MysqlFlavor::Mariadb);
    let id = m.connection_id();
    let e = m
        .query("INSERT INTO t (a) VALUES (?)", &[Value::Text("x".into())])
        .unwrap_err();
    assert_eq!(
        e.message,
        format!(
            "(conn={id}, no: 1062, SQLState: 23000) Duplicate entry 'x' for key 'a'\n\
             sql: INSERT INTO t (a) VALUES (?) - parameters:['x']"
        )
    );
    assert_eq!(
        e.sql_message.as_deref(),
        Some("Duplicate entry 'x' for key 'a'")
    );
    let e = m.query("SELECT * FROM nosuch", &[]).unwrap_err();
    assert_eq!(
        e.message,
        format!(
            "(conn={id}, no: 1146, SQLState: 42S02) Table '{}.nosuch' doesn't exist\n\
             sql: SELECT * FROM nosuch - parameters:[]",
            db.name
        )
    );
    assert_eq!(e.code.as_deref(), Some("ER_NO_SUCH_TABLE"));
}

#[test]
fn several_statements_are_refused_unless_multiple_statements() {
    let db = fresh_database("multi");
    let mut c = connect(&db, MysqlFlavor::Mysql);
    c.execute_batch("CREATE TABLE t (a INT)").unwrap();
    let e = c
        .query("INSERT INTO t VALUES (1); INSERT INTO t VALUES (2)", &[])
        .unwrap_err();
    assert_eq!(e.code.as_deref(), Some("ER_PARSE_ERROR"), "{e}");
    assert!(
        e.message
            .contains("near 'INSERT INTO t VALUES (2)' at line 1"),
        "{}",
        e.message
    );
    let n = c.query("SELECT COUNT(*) AS n FROM t", &[]).unwrap();
    assert_eq!(n.rows, vec![vec![Value::Int(0)]], "nothing ran");
    // A `;` inside a string is no second statement.
    c.query("INSERT INTO t SELECT LENGTH('a;b')", &[]).unwrap();

    let mut o = options(&db, MysqlFlavor::Mysql);
    o.multiple_statements = true;
    let mut multi = MysqlConnection::connect(&o).unwrap();
    let all = multi
        .query_all("INSERT INTO t VALUES (1); SELECT a FROM t ORDER BY a", &[])
        .unwrap();
    assert_eq!(all.len(), 2);
    assert!(matches!(&all[0], MysqlResult::Header(h) if h.affected_rows == 1));
    assert!(matches!(&all[1], MysqlResult::Rows(r) if r.rows.len() == 2));
}

#[test]
fn types_round_trip() {
    let db = fresh_database("types");
    let mut c = connect(&db, MysqlFlavor::Mysql);
    c.execute_batch(
        "CREATE TABLE t (d DECIMAL(10,2), b BIGINT, ub BIGINT UNSIGNED, dt DATETIME(3), \
         da DATE, ti TIME, tx TEXT, bl BLOB, f FLOAT, db DOUBLE, bo TINYINT(1), \
         e ENUM('x','y'), ts TIMESTAMP NULL, j JSON)",
    )
    .unwrap();
    let ts = Value::Timestamp {
        ms: 1_577_934_245_678,
        tz: false,
    };
    let row = vec![
        Value::Numeric("1.50".into()),
        Value::Int(9_007_199_254_740_993),
        Value::Numeric("18446744073709551615".into()),
        ts.clone(),
        Value::Date("2020-01-02".into()),
        Value::Time("10:11:12".into()),
        Value::Text("tëxt ✓".into()),
        Value::Blob(vec![0, 1, 255]),
        Value::Float(1.25),
        Value::Float(2.5),
        Value::Bool(true),
        Value::Text("y".into()),
        Value::Timestamp {
            ms: 1_577_934_245_000,
            tz: true,
        },
        Value::Json(serde_json::json!({"k": [1, "two"]})),
    ];
    c.query("INSERT INTO t VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", &row)
        .unwrap();
    let expect = vec![
        Value::Numeric("1.50".into()),
        Value::Int(9_007_199_254_740_993),
        Value::Numeric("18446744073709551615".into()),
        ts,
        Value::Date("2020-01-02".into()),
        Value::Time("10:11:12".into()),
        Value::Text("tëxt ✓".into()),
        Value::Blob(vec![0, 1, 255]),
        Value::Float(1.25),
        Value::Float(2.5),
        Value::Int(1),
        Value::Text("y".into()),
        Value::Timestamp {
            ms: 1_577_934_245_000,
            tz: true,
        },
        // MariaDB's JSON (a LONGTEXT with a check) is parsed, by its extended metadata.
        Value::Json(serde_json::json!({"k": [1, "two"]})),
    ];
    // Text protocol (no params) and binary protocol (prepared) read the same.
    let text = c.query("SELECT * FROM t", &[]).unwrap();
    assert_eq!(text.rows, vec![expect.clone()]);
    let binary = c
        .query("SELECT * FROM t WHERE 1 = ?", &[Value::Int(1)])
        .unwrap();
    assert_eq!(binary.rows, vec![expect]);
    assert_eq!(text.columns[0].type_name, "NEWDECIMAL");
    assert_eq!(text.columns[3].type_name, "DATETIME");

    // The session time zone moves what DATETIME text means, as Sequelize's `timezone`.
    let mut o = options(&db, MysqlFlavor::Mysql);
    o.timezone = Some("+02:00".into());
    let mut paris = MysqlConnection::connect(&o).unwrap();
    let r = paris
        .query("SELECT CAST(dt AS CHAR) AS s, dt FROM t", &[])
        .unwrap();
    assert_eq!(r.rows[0][0], Value::Text("2020-01-02 03:04:05.678".into()));
    assert_eq!(
        r.rows[0][1],
        Value::Timestamp {
            ms: 1_577_934_245_678 - 2 * 3_600_000,
            tz: false
        }
    );
}

#[test]
fn statement_splitting_respects_quotes_and_comments() {
    assert_eq!(statement_count("SELECT 1"), 1);
    assert_eq!(statement_count("SELECT 1;"), 1);
    assert_eq!(statement_count("SELECT ';'; -- x;\n SELECT 2"), 2);
    assert_eq!(statement_count("SELECT `a;b` /* ; */ FROM t # ;"), 1);
    assert_eq!(statement_count("SELECT 'it\\'s;' ; "), 1);
    assert_eq!(
        split_statements("CREATE TABLE a (x INT); INSERT INTO a VALUES (';');"),
        vec!["CREATE TABLE a (x INT)", "INSERT INTO a VALUES (';')"]
    );
}

fn tls_options(db: &MariaDb, ssl: Option<MysqlSsl>) -> MysqlOptions {
    use crate::testing::mariadb::{TLS_PASSWORD, TLS_USER};
    MysqlOptions {
        user: TLS_USER.into(),
        password: Some(TLS_PASSWORD.into()),
        ssl,
        ..options(db, MysqlFlavor::Mysql)
    }
}

#[test]
fn tls_with_the_servers_ca_verifies_and_encrypts() {
    let db = fresh_database("tls");
    let ssl = MysqlSsl {
        ca: Some(server().ca_pem.clone()),
        ..MysqlSsl::default()
    };
    let mut c = MysqlConnection::connect(&tls_options(&db, Some(ssl))).unwrap();
    let r = c
        .query("SHOW SESSION STATUS LIKE 'Ssl_version'", &[])
        .unwrap();
    match &r.rows[0][1] {
        Value::Text(v) => assert!(v.starts_with("TLSv1."), "{v}"),
        other => panic!("no TLS version: {other:?}"),
    }
    // The CA file written for the crate is gone once connected.
    let left: Vec<_> = std::fs::read_dir(std::env::temp_dir())
        .unwrap()
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(&format!("seqmig-mysql-{}-", std::process::id()))
        })
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn tls_required_by_the_user_is_refused_in_plain() {
    let db = fresh_database("tlsplain");
    let e = MysqlConnection::connect(&tls_options(&db, None)).unwrap_err();
    assert_eq!(e.code.as_deref(), Some("ER_ACCESS_DENIED_ERROR"), "{e}");
    assert!(!format!("{e:?}").contains("tls-secret"));
}

#[test]
fn tls_rejects_an_unknown_certificate_unless_told_not_to() {
    let db = fresh_database("tlsverify");
    let e = MysqlConnection::connect(&tls_options(&db, Some(MysqlSsl::default()))).unwrap_err();
    assert_eq!(e.code.as_deref(), Some("HANDSHAKE_SSL_ERROR"), "{e}");
    assert!(e.message.contains(&format!("127.0.0.1:{}", db.port)), "{e}");
    assert!(!format!("{e:?}").contains("tls-secret"));
    let lax = MysqlSsl {
        reject_unauthorized: false,
        ..MysqlSsl::default()
    };
    MysqlConnection::connect(&tls_options(&db, Some(lax))).unwrap();
}

/// Regression: MariaDB's JSON (a LONGTEXT) came back as text, where mysql2 and the
/// mariadb connector ask for extended metadata and parse a column of format `json`.
#[test]
fn a_mariadb_json_column_is_parsed_through_extended_metadata() {
    let db = fresh_database("extjson");
    for flavor in [MysqlFlavor::Mysql, MysqlFlavor::Mariadb] {
        let mut c = connect(&db, flavor);
        c.query("CREATE TABLE IF NOT EXISTS j (doc JSON, txt LONGTEXT)", &[])
            .unwrap();
        c.query("DELETE FROM j", &[]).unwrap();
        c.query(r#"INSERT INTO j VALUES ('{"a":[1,2]}', '{"a":1}')"#, &[])
            .unwrap();
        for params in [&[][..], &[Value::Int(1)][..]] {
            // With a parameter, the prepared statement's column definitions.
            let sql = if params.is_empty() {
                "SELECT doc, txt FROM j"
            } else {
                "SELECT doc, txt FROM j WHERE 1 = ?"
            };
            let r = c.query(sql, params).unwrap();
            assert_eq!(
                r.rows,
                vec![vec![
                    Value::Json(serde_json::json!({"a": [1, 2]})),
                    Value::Text(r#"{"a":1}"#.into()),
                ]]
            );
            let doc = r.columns[0].mysql.as_deref().unwrap();
            assert!(doc.json);
            assert_eq!(
                (doc.table.as_slice(), doc.org_name.as_slice()),
                (&b"j"[..], &b"doc"[..])
            );
            assert!(!r.columns[1].mysql.as_deref().unwrap().json);
        }
    }
}

/// `dateStrings`: TIMESTAMP as the server's text, by either protocol; DATETIME still a
/// timestamp (Sequelize parses it itself).
#[test]
fn timestamp_strings_keep_the_servers_text() {
    let db = fresh_database("datestrings");
    let mut o = options(&db, MysqlFlavor::Mariadb);
    o.timestamp_strings = true;
    let mut c = MysqlConnection::connect(&o).unwrap();
    c.query(
        "CREATE TABLE ts (a TIMESTAMP(3) NULL, b DATETIME(3), c TIMESTAMP NULL)",
        &[],
    )
    .unwrap();
    c.query(
        "INSERT INTO ts VALUES ('2024-01-02 03:04:05.678', '2024-01-02 03:04:05.678', '2024-01-02 03:04:05')",
        &[],
    )
    .unwrap();
    for params in [&[][..], &[Value::Int(1)][..]] {
        let sql = if params.is_empty() {
            "SELECT a, b, c FROM ts"
        } else {
            "SELECT a, b, c FROM ts WHERE 1 = ?"
        };
        let r = c.query(sql, params).unwrap();
        assert_eq!(r.rows[0][0], Value::Text("2024-01-02 03:04:05.678".into()));
        assert!(
            matches!(r.rows[0][1], Value::Timestamp { .. }),
            "{:?}",
            r.rows[0][1]
        );
        assert_eq!(r.rows[0][2], Value::Text("2024-01-02 03:04:05".into()));
    }
}

/// Regression: with `multipleStatements`, a string of several statements kept only its
/// first result; now every result, each header with its own status flags.
#[test]
fn multiple_statements_keep_every_result() {
    let db = fresh_database("multi");
    let mut o = options(&db, MysqlFlavor::Mysql);
    o.multiple_statements = true;
    let mut c = MysqlConnection::connect(&o).unwrap();
    c.query(
        "CREATE TABLE m (id INT AUTO_INCREMENT PRIMARY KEY, v INT)",
        &[],
    )
    .unwrap();
    let r = c
        .query(
            "INSERT INTO m (v) VALUES (1); SELECT 1 AS a; UPDATE m SET v = 2",
            &[],
        )
        .unwrap();
    assert_eq!(r.results.len(), 3);
    let first = r.results[0].header.as_ref().unwrap();
    assert_eq!((first.affected_rows, first.insert_id), (1, 1));
    // SERVER_MORE_RESULTS_EXISTS on all but the last.
    assert_eq!(first.server_status.map(|s| s & 8), Some(8));
    assert_eq!(r.results[1].rows, vec![vec![Value::Int(1)]]);
    let last = r.results[2].header.as_ref().unwrap();
    assert_eq!(last.server_status.map(|s| s & 8), Some(0));
    // The one-result fields as before: the first rows.
    assert_eq!(r.rows, vec![vec![Value::Int(1)]]);
    assert!(c.query("SELECT 1", &[]).unwrap().results.is_empty());
}
