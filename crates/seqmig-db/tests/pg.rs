//! The PostgreSQL driver against a real server: the throwaway cluster of
//! `seqmig_db::testing`. `SEQMIG_SKIP_PG=1` skips these on purpose; a missing server
//! fails them.

use std::io::{Read, Write};
use std::net::TcpListener;

use seqmig_db::testing::{self, fresh_database, skip_pg, PgDb};
use seqmig_db::{
    connect, parse_url, ConnectOptions, Connection, DbErrorKind, PgOptions, SslMode, Value,
};

macro_rules! require_pg {
    () => {
        if skip_pg() {
            eprintln!("SEQMIG_SKIP_PG=1: skipped");
            return;
        }
    };
}

fn open(db: &PgDb) -> Box<dyn Connection> {
    connect(&ConnectOptions::Postgres(db.options())).expect("connect")
}

fn one_row(conn: &mut dyn Connection, sql: &str) -> Vec<(String, String, Value)> {
    let r = conn
        .query(sql, &[])
        .unwrap_or_else(|e| panic!("{sql}: {e:?}"));
    assert_eq!(r.rows.len(), 1, "{sql}");
    r.columns
        .iter()
        .zip(r.rows[0].iter())
        .map(|(c, v)| (c.name.clone(), c.type_name.clone(), v.clone()))
        .collect()
}

fn other(type_name: &str, text: &str) -> Value {
    Value::Other {
        type_name: type_name.into(),
        text: text.into(),
    }
}

#[test]
fn scalar_types_decode_as_node_postgres_presents_them() {
    require_pg!();
    let db = fresh_database("scalars");
    let mut conn = open(&db);
    let row = one_row(
        conn.as_mut(),
        "SELECT 7::int2 AS i2, -8::int4 AS i4, 9007199254740993::int8 AS i8, \
         12.340::numeric(6,3) AS num, 1.1::float4 AS f4, 2.5::float8 AS f8, \
         true AS b, 'x'::text AS t, 'v'::varchar(5) AS vc, 'ab'::char(3) AS bp, \
         'nm'::name AS nm, 26::oid AS o, NULL::int4 AS nul",
    );
    let expect = vec![
        ("i2", "int2", Value::Int(7)),
        ("i4", "int4", Value::Int(-8)),
        ("i8", "int8", Value::Numeric("9007199254740993".into())),
        ("num", "numeric", Value::Numeric("12.340".into())),
        ("f4", "float4", Value::Float(1.1)),
        ("f8", "float8", Value::Float(2.5)),
        ("b", "bool", Value::Bool(true)),
        ("t", "text", Value::Text("x".into())),
        ("vc", "varchar", Value::Text("v".into())),
        ("bp", "bpchar", Value::Text("ab ".into())),
        ("nm", "name", Value::Text("nm".into())),
        ("o", "oid", Value::Int(26)),
        ("nul", "int4", Value::Null),
    ];
    let got: Vec<(&str, &str, Value)> = row
        .iter()
        .map(|(n, t, v)| (n.as_str(), t.as_str(), v.clone()))
        .collect();
    assert_eq!(got, expect);
}

#[test]
fn dates_json_uuid_bytea_decode() {
    require_pg!();
    let db = fresh_database("temporal");
    let mut conn = open(&db);
    let row = one_row(
        conn.as_mut(),
        "SELECT '2024-01-05 09:00:00.123+00'::timestamptz AS tz, \
         '2024-01-05 09:00:00'::timestamp AS ts, '2024-01-05'::date AS d, \
         '13:45:00.25'::time AS tm, '13:45:00+02'::timetz AS ttz, \
         'infinity'::timestamptz AS inf, \
         '{\"a\": [1, \"x\"]}'::json AS j, '{\"b\": null}'::jsonb AS jb, \
         'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'::uuid AS u, '\\x00ff'::bytea AS by",
    );
    let values: Vec<Value> = row.into_iter().map(|(_, _, v)| v).collect();
    assert_eq!(
        values,
        vec![
            Value::Timestamp {
                ms: 1704445200123,
                tz: true
            },
            Value::Timestamp {
                ms: 1704445200000,
                tz: false
            },
            Value::Date("2024-01-05".into()),
            Value::Time("13:45:00.25".into()),
            Value::Time("13:45:00+02".into()),
            other("timestamptz", "infinity"),
            Value::Json(serde_json::json!({"a": [1, "x"]})),
            Value::Json(serde_json::json!({"b": null})),
            Value::Uuid("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11".into()),
            Value::Blob(vec![0, 255]),
        ]
    );
}

#[test]
fn arrays_enums_and_other_types_decode() {
    require_pg!();
    let db = fresh_database("others");
    let mut conn = open(&db);
    conn.execute_batch(
        "CREATE TYPE mood AS ENUM ('sad', 'happy'); CREATE DOMAIN posint AS int4 CHECK (VALUE > 0);",
    )
    .unwrap();
    let row = one_row(
        conn.as_mut(),
        "SELECT ARRAY[1, NULL, 3]::int4[] AS ia, ARRAY[['a','b'],['c','d']]::text[] AS ta, \
         '{}'::int4[] AS empty, 'happy'::mood AS m, ARRAY['sad'::mood] AS ma, \
         5::posint AS dom, '192.168.0.1/24'::inet AS ip, '1 day 02:00:00'::interval AS iv, \
         '[1,5)'::int4range AS r, 12.5::money AS cash, pg_sleep(0) AS v",
    );
    let values: Vec<Value> = row.into_iter().map(|(_, _, v)| v).collect();
    let t = |s: &str| Value::Text(s.into());
    assert_eq!(
        values,
        vec![
            Value::Array(vec![Value::Int(1), Value::Null, Value::Int(3)]),
            Value::Array(vec![
                Value::Array(vec![t("a"), t("b")]),
                Value::Array(vec![t("c"), t("d")])
            ]),
            Value::Array(vec![]),
            other("mood", "happy"),
            Value::Array(vec![other("mood", "sad")]),
            Value::Int(5),
            other("inet", "192.168.0.1/24"),
            other("interval", "1 day 02:00:00"),
            other("int4range", "[1,5)"),
            other("money", "$12.50"),
            other("void", ""),
        ]
    );
}

#[test]
fn citext_decodes_as_text() {
    require_pg!();
    let db = fresh_database("citext");
    let mut conn = open(&db);
    conn.execute_batch("CREATE EXTENSION citext").unwrap();
    let row = one_row(conn.as_mut(), "SELECT 'MiXeD'::citext AS c");
    assert_eq!(row[0].1, "citext");
    assert_eq!(row[0].2, Value::Text("MiXeD".into()));
}

#[test]
fn parameters_are_sent_as_text_of_inferred_type() {
    require_pg!();
    let db = fresh_database("params");
    let mut conn = open(&db);
    conn.execute_batch(
        "CREATE TABLE p (id int4 PRIMARY KEY, name text, ok boolean, doc jsonb, at timestamptz, \
         raw bytea, tags int4[], price numeric(10,2), day date)",
    )
    .unwrap();
    let ins = conn
        .query(
            "INSERT INTO p VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
            &[
                Value::Text("5".into()),
                Value::Int(42),
                Value::Bool(false),
                Value::Json(serde_json::json!({"k": "v"})),
                Value::Timestamp {
                    ms: 1704445200000,
                    tz: true,
                },
                Value::Blob(vec![1, 2, 255]),
                Value::Array(vec![Value::Int(1), Value::Int(2)]),
                Value::Float(9.5),
                Value::Date("2024-02-29".into()),
            ],
        )
        .unwrap();
    assert_eq!(ins.rows, vec![vec![Value::Int(5)]]);
    assert_eq!(ins.rows_affected, 1);
    assert_eq!(ins.command.as_deref(), Some("INSERT"));

    let r = conn
        .query("SELECT * FROM p WHERE id = $1", &[Value::Text("5".into())])
        .unwrap();
    assert_eq!(
        r.rows,
        vec![vec![
            Value::Int(5),
            Value::Text("42".into()),
            Value::Bool(false),
            Value::Json(serde_json::json!({"k": "v"})),
            Value::Timestamp {
                ms: 1704445200000,
                tz: true
            },
            Value::Blob(vec![1, 2, 255]),
            Value::Array(vec![Value::Int(1), Value::Int(2)]),
            Value::Numeric("9.50".into()),
            Value::Date("2024-02-29".into()),
        ]]
    );
    let names: Vec<&str> = r.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        ["id", "name", "ok", "doc", "at", "raw", "tags", "price", "day"]
    );

    let r = conn
        .query(
            "SELECT $1 AS untyped, $2::int + 1 AS n",
            &[Value::Null, Value::Int(1)],
        )
        .unwrap();
    assert_eq!(r.rows, vec![vec![Value::Null, Value::Int(2)]]);
}

#[test]
fn sessions_start_as_sequelize_starts_them() {
    require_pg!();
    let db = fresh_database("session");
    let mut conn = open(&db);
    let r = conn
        .query(
            "SELECT current_setting('TimeZone') AS tz, current_setting('client_min_messages') AS m",
            &[],
        )
        .unwrap();
    assert_eq!(
        r.rows,
        vec![vec![
            Value::Text("<+00>-00".into()),
            Value::Text("warning".into())
        ]]
    );
    let mut opts = db.options();
    opts.session_init = Some(seqmig_db::pg_session_init(
        Some("Asia/Kolkata"),
        false,
        None,
    ));
    let mut conn = connect(&ConnectOptions::Postgres(opts)).unwrap();
    let r = conn
        .query("SELECT current_setting('TimeZone') AS tz", &[])
        .unwrap();
    assert_eq!(r.rows, vec![vec![Value::Text("Asia/Kolkata".into())]]);
}

#[test]
fn rows_affected_and_command_per_statement() {
    require_pg!();
    let db = fresh_database("counts");
    let mut conn = open(&db);
    let r = conn.query("CREATE TABLE c (x int)", &[]).unwrap();
    assert_eq!(r.command.as_deref(), Some("CREATE"));
    let r = conn.query("INSERT INTO c VALUES (1),(2),(3)", &[]).unwrap();
    assert_eq!((r.rows_affected, r.command.as_deref()), (3, Some("INSERT")));
    let r = conn
        .query("UPDATE c SET x = x + 1 WHERE x > 1", &[])
        .unwrap();
    assert_eq!((r.rows_affected, r.command.as_deref()), (2, Some("UPDATE")));
    let r = conn.query("SELECT count(*) AS n FROM c", &[]).unwrap();
    // node-postgres returns COUNT(*) (int8) as a string.
    assert_eq!(r.rows, vec![vec![Value::Numeric("3".into())]]);
    assert_eq!(r.command.as_deref(), Some("SELECT"));
    let r = conn
        .query(
            "SELECT x, 'a'::text AS t FROM c WHERE x > $1",
            &[Value::Int(99)],
        )
        .unwrap();
    assert!(r.rows.is_empty());
    let cols: Vec<(&str, &str)> = r
        .columns
        .iter()
        .map(|c| (c.name.as_str(), c.type_name.as_str()))
        .collect();
    assert_eq!(
        cols,
        [("x", "int4"), ("t", "text")],
        "an empty result keeps its fields"
    );
    let r = conn.query("DELETE FROM c", &[]).unwrap();
    assert_eq!((r.rows_affected, r.command.as_deref()), (3, Some("DELETE")));
}

#[test]
fn several_statements_in_one_query_run_like_change_column() {
    require_pg!();
    let db = fresh_database("multi");
    let mut conn = open(&db);
    conn.execute_batch("CREATE TABLE accounts (balance int4)")
        .unwrap();
    conn.query(
        "ALTER TABLE \"accounts\" ALTER COLUMN \"balance\" SET NOT NULL;ALTER TABLE \"accounts\" ALTER COLUMN \"balance\" SET DEFAULT 0;ALTER TABLE \"accounts\" ALTER COLUMN \"balance\" TYPE BIGINT;",
        &[],
    )
    .unwrap();
    let r = conn
        .query(
            "SELECT data_type, is_nullable, column_default FROM information_schema.columns \
             WHERE table_name = 'accounts'",
            &[],
        )
        .unwrap();
    assert_eq!(
        r.rows,
        vec![vec![
            Value::Text("bigint".into()),
            Value::Text("NO".into()),
            Value::Text("0".into())
        ]]
    );
    // As Sequelize's postgres Query.run concatenates the rows of every statement; one
    // result has one column list, so a statement of other columns starts afresh.
    let r = conn.query("SELECT 1; SELECT 2 AS two", &[]).unwrap();
    assert_eq!(r.columns[0].name, "two");
    assert_eq!(r.rows, vec![vec![Value::Int(2)]]);
    let r = conn
        .query(
            "SELECT 1 AS n; SELECT 2 AS n; UPDATE accounts SET balance = 1",
            &[],
        )
        .unwrap();
    assert_eq!(r.rows, vec![vec![Value::Int(1)], vec![Value::Int(2)]]);

    let e = conn
        .query("SELECT 1; SELECT * FROM missing_table", &[])
        .unwrap_err();
    assert_eq!(e.message, "relation \"missing_table\" does not exist");
    assert_eq!(e.code.as_deref(), Some("42P01"));
}

#[test]
fn server_errors_carry_code_detail_and_names() {
    require_pg!();
    let db = fresh_database("errors");
    let mut conn = open(&db);
    conn.execute_batch("CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL UNIQUE)")
        .unwrap();

    let e = conn.query("CREATE TABLE users (id int)", &[]).unwrap_err();
    assert_eq!(e.kind, DbErrorKind::Statement);
    assert_eq!(e.message, "relation \"users\" already exists");
    assert_eq!(e.code.as_deref(), Some("42P07"));
    assert_eq!(e.severity.as_deref(), Some("ERROR"));

    conn.query("INSERT INTO users (email) VALUES ('a@b.c')", &[])
        .unwrap();
    let e = conn
        .query(
            "INSERT INTO users (email) VALUES ($1)",
            &[Value::Text("a@b.c".into())],
        )
        .unwrap_err();
    assert_eq!(
        e.message,
        "duplicate key value violates unique constraint \"users_email_key\""
    );
    assert_eq!(e.code.as_deref(), Some("23505"));
    assert_eq!(
        e.detail.as_deref(),
        Some("Key (email)=(a@b.c) already exists.")
    );
    assert_eq!(e.constraint.as_deref(), Some("users_email_key"));
    assert_eq!(e.table.as_deref(), Some("users"));
    assert_eq!(e.schema.as_deref(), Some("public"));

    let e = conn
        .query("INSERT INTO users (email) VALUES (NULL)", &[])
        .unwrap_err();
    assert_eq!(e.code.as_deref(), Some("23502"));
    assert_eq!(e.column.as_deref(), Some("email"));

    let e = conn.query("SELECT * FORM users", &[]).unwrap_err();
    assert_eq!(e.message, "syntax error at or near \"FORM\"");
    assert_eq!(e.code.as_deref(), Some("42601"));
    assert_eq!(e.position.as_deref(), Some("10"));

    let e = conn
        .query("SELECT $1::int", &[Value::Text("abc".into())])
        .unwrap_err();
    assert_eq!(e.message, "invalid input syntax for type integer: \"abc\"");

    let e = conn
        .query(
            "DO $$BEGIN RAISE EXCEPTION 'boom' USING HINT = 'try again'; END$$",
            &[],
        )
        .unwrap_err();
    assert_eq!(
        (e.message.as_str(), e.hint.as_deref()),
        ("boom", Some("try again"))
    );
    // The connection is still usable after errors.
    assert_eq!(
        conn.query("SELECT 1 AS one", &[]).unwrap().rows,
        vec![vec![Value::Int(1)]]
    );
}

#[test]
fn transactions_through_sql_and_execute_batch() {
    require_pg!();
    let db = fresh_database("tx");
    let mut conn = open(&db);
    conn.execute_batch("CREATE TABLE t (x int); INSERT INTO t VALUES (1);")
        .unwrap();
    conn.query("START TRANSACTION;", &[]).unwrap();
    conn.query("INSERT INTO t VALUES (2)", &[]).unwrap();
    // A value needing the server's text form, inside the transaction, leaves it intact.
    let r = conn.query("SELECT '2 hours'::interval AS iv", &[]).unwrap();
    assert_eq!(r.rows, vec![vec![other("interval", "02:00:00")]]);
    conn.query("ROLLBACK;", &[]).unwrap();
    let r = conn.query("SELECT count(*)::int AS n FROM t", &[]).unwrap();
    assert_eq!(r.rows, vec![vec![Value::Int(1)]]);
}

#[test]
fn url_with_encoded_password_connects_as_password_role() {
    require_pg!();
    let db = fresh_database("pwrole").as_user(
        testing::PASSWORD_USER,
        Some(testing::PASSWORD_USER_PASSWORD),
    );
    let url = db.url();
    assert!(url.contains("p%40ss%3Aw%20rd%2F1"), "{url}");
    let opts = parse_url(&url).unwrap();
    let mut conn = connect(&opts).expect("password role connects");
    let r = conn.query("SELECT current_user::text AS u", &[]).unwrap();
    assert_eq!(
        r.rows,
        vec![vec![Value::Text(testing::PASSWORD_USER.into())]]
    );
}

#[test]
fn wrong_password_and_missing_database_are_server_errors() {
    require_pg!();
    let db = fresh_database("auth");
    let wrong = db.as_user(testing::PASSWORD_USER, Some("nope"));
    let e = connect(&ConnectOptions::Postgres(wrong.options()))
        .err()
        .unwrap();
    assert_eq!(e.kind, DbErrorKind::Connection);
    assert_eq!(
        e.message,
        format!(
            "password authentication failed for user \"{}\"",
            testing::PASSWORD_USER
        )
    );
    assert_eq!(e.code.as_deref(), Some("28P01"));

    let e = connect(&ConnectOptions::Postgres(
        db.as_user(testing::PASSWORD_USER, None).options(),
    ))
    .err()
    .unwrap();
    assert_eq!(
        e.message,
        "SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a string"
    );

    let mut missing = db.options();
    missing.database = "no_such_db".into();
    let e = connect(&ConnectOptions::Postgres(missing)).err().unwrap();
    assert_eq!(e.message, "database \"no_such_db\" does not exist");
    assert_eq!(e.code.as_deref(), Some("3D000"));
}

#[test]
fn refused_connection_is_one_line_with_address() {
    // Nothing listens on a port we just freed.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let opts = PgOptions {
        host: "127.0.0.1".into(),
        port,
        user: "u".into(),
        database: "d".into(),
        ..PgOptions::default()
    };
    let e = connect(&ConnectOptions::Postgres(opts)).err().unwrap();
    assert_eq!(e.message, format!("connect ECONNREFUSED 127.0.0.1:{port}"));
    assert_eq!(e.kind, DbErrorKind::Connection);
}

#[test]
fn tls_only_role_needs_tls() {
    require_pg!();
    let db = fresh_database("tls");
    let c = testing::cluster();

    let mut plain = c.tls_options(&db.name, SslMode::Disable);
    plain.ssl_ca = None;
    let e = connect(&ConnectOptions::Postgres(plain)).err().unwrap();
    assert_eq!(e.code.as_deref(), Some("28000"), "{e:?}");
    assert!(e.message.contains("no encryption"), "{}", e.message);

    for mode in [
        SslMode::Prefer,
        SslMode::Require,
        SslMode::VerifyCa,
        SslMode::VerifyFull,
    ] {
        let opts = c.tls_options(&db.name, mode.clone());
        let mut conn =
            connect(&ConnectOptions::Postgres(opts)).unwrap_or_else(|e| panic!("{mode:?}: {e:?}"));
        let r = conn
            .query(
                "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
                &[],
            )
            .unwrap();
        assert_eq!(r.rows, vec![vec![Value::Bool(true)]], "{mode:?}");
    }

    // Without the CA the self-signed certificate is refused when it is checked...
    let mut unverifiable = c.tls_options(&db.name, SslMode::VerifyFull);
    unverifiable.ssl_ca = None;
    let e = connect(&ConnectOptions::Postgres(unverifiable))
        .err()
        .unwrap();
    assert_eq!(e.kind, DbErrorKind::Connection);
    assert_eq!(e.message, "self-signed certificate");
    // ...and accepted when only encryption is asked for.
    let mut require = c.tls_options(&db.name, SslMode::Require);
    require.ssl_ca = None;
    connect(&ConnectOptions::Postgres(require)).expect("require without CA");

    // verify-full checks the name: `localhost` is in the certificate, `127.0.0.2` is not.
    // The cluster also listens on 127.0.0.2, which its certificate does not name.
    let mut wrong_name = c.tls_options(&db.name, SslMode::VerifyFull);
    wrong_name.host = "127.0.0.2".into();
    let e = connect(&ConnectOptions::Postgres(wrong_name))
        .err()
        .unwrap();
    assert_eq!(e.message, "IP address mismatch");
    let mut ca_only = c.tls_options(&db.name, SslMode::VerifyCa);
    ca_only.host = "127.0.0.2".into();
    connect(&ConnectOptions::Postgres(ca_only)).expect("verify-ca does not check the name");
    let mut by_name = c.tls_options(&db.name, SslMode::VerifyFull);
    by_name.host = "localhost".into();
    if std::net::ToSocketAddrs::to_socket_addrs(&("localhost", c.port))
        .map(|mut a| a.all(|a| a.ip().is_loopback() && a.is_ipv4()))
        .unwrap_or(false)
    {
        connect(&ConnectOptions::Postgres(by_name)).expect("verify-full by name");
    }
}

#[test]
fn tls_required_but_not_offered() {
    // A stand-in server that answers the SSLRequest with 'N', as a server without TLS.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = std::thread::spawn(move || {
        let (mut s, _) = listener.accept().unwrap();
        let mut req = [0u8; 8];
        s.read_exact(&mut req).unwrap();
        assert_eq!(&req[4..], &[0x04, 0xd2, 0x16, 0x2f], "an SSLRequest");
        s.write_all(b"N").unwrap();
    });
    let opts = PgOptions {
        host: "127.0.0.1".into(),
        port,
        user: "u".into(),
        database: "d".into(),
        ssl_mode: SslMode::Require,
        ..PgOptions::default()
    };
    let e = connect(&ConnectOptions::Postgres(opts)).err().unwrap();
    assert_eq!(e.message, "The server does not support SSL connections");
    assert_eq!(e.kind, DbErrorKind::Connection);
    server.join().unwrap();
}

#[test]
fn unix_socket_host_from_a_url_query() {
    require_pg!();
    let db = fresh_database("socket");
    let c = testing::cluster();
    // Sequelize lets `?host=` override the URL's host, which is how sockets are named.
    let url = format!(
        "postgres://postgres@ignored:{}/{}?host={}",
        c.port,
        db.name,
        c.root.display()
    );
    let mut conn = connect(&parse_url(&url).unwrap()).expect("connect over the socket");
    let r = conn
        .query("SELECT inet_client_addr() IS NULL AS local", &[])
        .unwrap();
    assert_eq!(r.rows, vec![vec![Value::Bool(true)]]);
}

#[test]
fn client_certificate_authenticates_its_role() {
    require_pg!();
    let db = fresh_database("clientcert");
    let c = testing::cluster();
    let mut opts = c.tls_options(&db.name, SslMode::VerifyFull);
    opts.user = testing::CERT_USER.into();
    opts.password = None;
    let e = connect(&ConnectOptions::Postgres(opts.clone()))
        .err()
        .unwrap();
    assert_eq!(e.code.as_deref(), Some("28000"), "{e:?}");
    assert_eq!(e.message, "connection requires a valid client certificate");

    opts.ssl_cert = Some(c.client_cert_pem.clone());
    opts.ssl_key = Some(c.client_key_pem.clone());
    let mut conn = connect(&ConnectOptions::Postgres(opts.clone())).expect("cert login");
    let r = conn.query("SELECT current_user::text AS u", &[]).unwrap();
    assert_eq!(r.rows, vec![vec![Value::Text(testing::CERT_USER.into())]]);

    opts.ssl_key = None;
    let e = connect(&ConnectOptions::Postgres(opts)).err().unwrap();
    assert_eq!(
        e.message,
        "An ssl client certificate needs both cert and key"
    );
}

/// node-postgres types the text cells of a simple-protocol result by their type OIDs: the
/// same expression gives the same value alone (extended protocol, binary) and as the last
/// of several statements (simple protocol, text).
#[test]
fn values_are_the_same_over_both_protocols() {
    require_pg!();
    let db = fresh_database("protocols");
    let mut conn = open(&db);
    conn.execute_batch(
        "CREATE TYPE mood AS ENUM ('sad', 'happy'); CREATE DOMAIN posint AS int4 CHECK (VALUE > 0);",
    )
    .unwrap();
    let other = |type_name: &str, text: &str| Value::Other {
        type_name: type_name.into(),
        text: text.into(),
    };
    let cases: Vec<(&str, Value)> = vec![
        ("NULL::int4", Value::Null),
        ("1::int2", Value::Int(1)),
        ("(-2147483648)::int4", Value::Int(-2147483648)),
        (
            "9007199254740993::int8",
            Value::Numeric("9007199254740993".into()),
        ),
        ("12.3400::numeric", Value::Numeric("12.3400".into())),
        ("'NaN'::numeric", Value::Numeric("NaN".into())),
        ("1.1::float4", Value::Float(1.1)),
        ("0.1::float8", Value::Float(0.1)),
        ("'-Infinity'::float8", Value::Float(f64::NEG_INFINITY)),
        ("true", Value::Bool(true)),
        ("'it''s'::text", Value::Text("it's".into())),
        ("'ab'::char(4)", Value::Text("ab  ".into())),
        ("'x'::varchar(3)", Value::Text("x".into())),
        ("'n'::name", Value::Text("n".into())),
        ("'a'::\"char\"", Value::Text("a".into())),
        (
            "'{\"a\": [1, 2.5, null]}'::json",
            Value::Json(serde_json::json!({"a": [1, 2.5, null]})),
        ),
        (
            "'{\"b\": {\"c\": true}}'::jsonb",
            Value::Json(serde_json::json!({"b": {"c": true}})),
        ),
        (
            "'2024-01-05 09:00:00.123456'::timestamp",
            Value::Timestamp {
                ms: 1_704_445_200_123,
                tz: false,
            },
        ),
        (
            "'2024-01-05 14:30:00.123+05:30'::timestamptz",
            Value::Timestamp {
                ms: 1_704_445_200_123,
                tz: true,
            },
        ),
        (
            "'1960-02-29 23:59:59.9999-03'::timestamptz",
            Value::Timestamp {
                ms: -310_424_400_001,
                tz: true,
            },
        ),
        ("'infinity'::timestamptz", other("timestamptz", "infinity")),
        ("'2024-01-05'::date", Value::Date("2024-01-05".into())),
        ("'0044-03-15 BC'::date", Value::Date("0044-03-15 BC".into())),
        ("'13:45:00.25'::time", Value::Time("13:45:00.25".into())),
        ("'13:45:00+02'::timetz", Value::Time("13:45:00+02".into())),
        (
            "'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'::uuid",
            Value::Uuid("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11".into()),
        ),
        ("'\\x00ff41'::bytea", Value::Blob(vec![0, 255, 65])),
        (
            "ARRAY[1, NULL, 3]::int4[]",
            Value::Array(vec![Value::Int(1), Value::Null, Value::Int(3)]),
        ),
        (
            "ARRAY[['a', 'b c'], ['\"q\"', NULL]]::text[]",
            Value::Array(vec![
                Value::Array(vec![Value::Text("a".into()), Value::Text("b c".into())]),
                Value::Array(vec![Value::Text("\"q\"".into()), Value::Null]),
            ]),
        ),
        ("'{}'::int4[]", Value::Array(vec![])),
        (
            "ARRAY['2024-01-05']::date[]",
            Value::Array(vec![Value::Date("2024-01-05".into())]),
        ),
        (
            "ARRAY[1.50]::numeric[]",
            Value::Array(vec![Value::Numeric("1.50".into())]),
        ),
        (
            "'1 day 02:00:00'::interval",
            other("interval", "1 day 02:00:00"),
        ),
        ("'10.0.0.1/8'::inet", other("inet", "10.0.0.1/8")),
        ("'happy'::mood", other("mood", "happy")),
        (
            "ARRAY['sad', 'happy']::mood[]",
            Value::Array(vec![other("mood", "sad"), other("mood", "happy")]),
        ),
        ("5::posint", Value::Int(5)),
    ];
    for (expr, expected) in &cases {
        let alone = conn.query(&format!("SELECT {expr} AS v"), &[]).unwrap();
        let several = conn
            .query(
                &format!("SET client_min_messages TO warning; SELECT {expr} AS v"),
                &[],
            )
            .unwrap();
        let same = |a: &Value, b: &Value| match (a, b) {
            (Value::Float(x), Value::Float(y)) => x == y || (x.is_nan() && y.is_nan()),
            _ => a == b,
        };
        assert!(
            same(&alone.rows[0][0], expected),
            "{expr} alone: {:?}",
            alone.rows[0][0]
        );
        assert!(
            same(&several.rows[0][0], expected),
            "{expr} in several: {:?}",
            several.rows[0][0]
        );
        assert_eq!(alone.columns, several.columns, "{expr}: column types");
    }
}

/// The reproduction at the driver: changeColumn's several statements inside a
/// transaction must not meet a transaction the protocol itself aborted.
#[test]
fn several_statements_inside_a_transaction_commit() {
    require_pg!();
    let db = fresh_database("multi_tx");
    let mut conn = open(&db);
    conn.execute_batch("CREATE TABLE n (\"actorId\" uuid NOT NULL)")
        .unwrap();
    conn.query("START TRANSACTION;", &[]).unwrap();
    conn.query("SAVEPOINT \"sp-1\";", &[]).unwrap();
    conn.query(
        "ALTER TABLE \"public\".\"n\" ADD COLUMN \"x\" TIMESTAMP WITH TIME ZONE;",
        &[],
    )
    .unwrap();
    conn.query(
        "ALTER TABLE \"n\" ALTER COLUMN \"actorId\" DROP NOT NULL;ALTER TABLE \"n\" ALTER COLUMN \"actorId\" DROP DEFAULT;ALTER TABLE \"n\" ALTER COLUMN \"actorId\" TYPE UUID;",
        &[],
    )
    .unwrap();
    conn.query("RELEASE SAVEPOINT \"sp-1\";", &[]).unwrap();
    conn.query("COMMIT;", &[]).unwrap();
    let r = conn
        .query("SELECT column_name, is_nullable FROM information_schema.columns WHERE table_name = 'n' ORDER BY 1", &[])
        .unwrap();
    assert_eq!(
        r.rows,
        vec![
            vec![Value::Text("actorId".into()), Value::Text("YES".into())],
            vec![Value::Text("x".into()), Value::Text("YES".into())],
        ]
    );
    // A failing statement among several leaves the transaction aborted, as the server does.
    conn.query("START TRANSACTION;", &[]).unwrap();
    let e = conn.query("SELECT 1; SELECT 1/0;", &[]).unwrap_err();
    assert_eq!(e.code.as_deref(), Some("22012"));
    let e = conn.query("SELECT 1", &[]).unwrap_err();
    assert_eq!(e.code.as_deref(), Some("25P02"));
    conn.query("ROLLBACK;", &[]).unwrap();
    assert_eq!(
        conn.query("SELECT 1 AS one", &[]).unwrap().rows,
        vec![vec![Value::Int(1)]]
    );
}
