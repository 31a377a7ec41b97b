//! seqmig on PostgreSQL, against the throwaway cluster of `support::pg`: every example that
//! declares postgres runs up and all the way down; connection problems are one clear line.

use crate::support::{examples, pg, TempProject};

fn pg_project(example: Option<&str>, db: &pg::PgDb) -> TempProject {
    let p = TempProject::new();
    if let Some(e) = example {
        p.with_example(e);
    }
    let cfg = serde_json::json!({ "development": {
        "dialect": "postgres", "host": db.host, "port": db.port, "username": db.user,
        "password": db.password, "database": db.name, "logging": false } });
    p.write("config/config.json", &cfg.to_string());
    p
}

fn client(db: &pg::PgDb) -> postgres::Client {
    let mut cfg = postgres::Config::new();
    cfg.host(&db.host)
        .port(db.port)
        .user(&db.user)
        .dbname(&db.name);
    if let Some(pw) = &db.password {
        cfg.password(pw);
    }
    cfg.connect(postgres::NoTls).unwrap()
}

fn meta(db: &pg::PgDb) -> Vec<String> {
    client(db)
        .query("SELECT name FROM \"SequelizeMeta\" ORDER BY name", &[])
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect()
}

fn user_tables(db: &pg::PgDb) -> Vec<String> {
    client(db)
        .query(
            "SELECT table_schema || '.' || table_name FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_name <> 'SequelizeMeta' ORDER BY 1",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect()
}

#[test]
fn every_postgres_example_migrates_up_and_all_the_way_down() {
    let mut checked = 0;
    for (name, meta_json) in examples() {
        let declares = meta_json["dialects"]
            .as_array()
            .is_some_and(|d| d.iter().any(|x| x == "postgres"));
        if !declares || meta_json["expect"] == "failure" {
            continue;
        }
        let db = pg::fresh_database(&name);
        let p = pg_project(Some(&name), &db);
        let up = p.seqmig(&["db:migrate"]);
        assert_eq!(up.code, 0, "{name}: db:migrate\n{}", up.masked(p.path()));
        let files = crate::examples::migration_files(&name);
        assert_eq!(meta(&db), files, "{name}: SequelizeMeta after db:migrate");
        let down = p.seqmig(&["db:migrate:undo:all"]);
        assert_eq!(
            down.code,
            0,
            "{name}: db:migrate:undo:all\n{}",
            down.masked(p.path())
        );
        assert_eq!(meta(&db), Vec::<String>::new(), "{name}");
        assert_eq!(
            user_tables(&db),
            Vec::<String>::new(),
            "{name}: tables left after undo:all"
        );
        p.seqmig(&["db:migrate"]).ok();
        checked += 1;
    }
    assert!(checked >= 1, "no PostgreSQL example was found");
}

#[test]
fn connection_refused_is_one_line_naming_host_and_port() {
    // A port nothing listens on: bind one, note it, close it.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let p = TempProject::new();
    p.write("migrations/.keep", "");
    let url = format!("postgres://postgres@127.0.0.1:{port}/nowhere");
    let run = p.seqmig(&["db:migrate", "--url", &url]);
    run.expect_code(1);
    assert_eq!(
        run.stderr,
        format!("ERROR: connect ECONNREFUSED 127.0.0.1:{port}\n")
    );
}

#[test]
fn wrong_password_and_missing_database_are_one_line() {
    let db = pg::fresh_database("wrongpw");
    let p = TempProject::new();
    p.write("migrations/.keep", "");
    let bad = db.as_user(pg::PASSWORD_USER, Some("not-the-password"));
    let run = p.seqmig(&["db:migrate", "--url", &bad.url()]);
    run.expect_code(1);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("password authentication failed"),
        "{}",
        run.stderr
    );
    let missing = pg::PgDb {
        name: "no_such_database_here".into(),
        ..db.clone()
    };
    let run = p.seqmig(&["db:migrate", "--url", &missing.url()]);
    run.expect_code(1);
    assert_eq!(
        run.stderr,
        "ERROR: database \"no_such_database_here\" does not exist\n"
    );
}

#[test]
fn a_failing_statement_reaches_js_as_sequelize_database_error() {
    let db = pg::fresh_database("dberror");
    let p = pg_project(None, &db);
    p.write(
        "migrations/20240101000000-catch.js",
        r#"module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('t', { id: { type: Sequelize.INTEGER, primaryKey: true } });
    try {
      await queryInterface.createTable('t2', { id: { type: Sequelize.INTEGER, references: { model: 'nosuch', key: 'id' } } });
    } catch (err) {
      if (!(err instanceof Sequelize.DatabaseError)) throw new Error('not a DatabaseError: ' + err.name);
      if (err.name !== 'SequelizeDatabaseError') throw new Error('name ' + err.name);
      if (err.original.code !== '42P01') throw new Error('code ' + err.original.code);
      if (!/CREATE TABLE/.test(err.sql)) throw new Error('sql ' + err.sql);
      await queryInterface.createTable('caught', { id: Sequelize.INTEGER });
    }
  },
  async down(queryInterface) { await queryInterface.dropTable('caught'); await queryInterface.dropTable('t'); },
};
"#,
    );
    let run = p.seqmig(&["db:migrate"]);
    assert_eq!(run.code, 0, "{}", run.masked(p.path()));
    assert_eq!(user_tables(&db), ["public.caught", "public.t"]);
}

/// A certificate that did not sign the server's: a CA of its own, made with openssl.
fn unrelated_root(dir: &std::path::Path) -> String {
    let (key, crt) = (dir.join("wrong.key"), dir.join("wrong.crt"));
    let out = std::process::Command::new("openssl")
        .args(["req", "-x509", "-new", "-nodes", "-days", "3"])
        .args(["-newkey", "rsa:2048", "-subj", "/CN=not the server's CA"])
        .arg("-keyout")
        .arg(&key)
        .arg("-out")
        .arg(&crt)
        .output()
        .expect("openssl runs (the test cluster needs it too)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read_to_string(crt).unwrap()
}

/// TLS roots named by libpq's `sslrootcert` (a url's query, dialectOptions) and by
/// node-postgres' `ssl.ca` reach the check of the server's certificate: the right root
/// lets the TLS-only role in with verify-full, a wrong one is refused in one line, as
/// node words it, and nothing prints the password.
#[test]
fn tls_roots_from_sslrootcert_and_ssl_ca() {
    let db = pg::fresh_database("tlsroots");
    client(&db)
        .batch_execute(&format!(
            "GRANT CREATE, USAGE ON SCHEMA public TO {}",
            pg::TLS_USER
        ))
        .unwrap();
    let tls = db.as_user(pg::TLS_USER, Some(pg::TLS_USER_PASSWORD));
    let p = TempProject::new();
    p.write(
        "migrations/20240101000000-t.js",
        "module.exports = { up: (qi, S) => qi.createTable('t', { id: S.INTEGER }), down: (qi) => qi.dropTable('t') };\n",
    );
    p.write("certs/root.crt", &pg::cluster().ca_pem);
    let wrong = unrelated_root(p.path());
    p.write("certs/wrong.crt", &wrong);
    let secret = pg::TLS_USER_PASSWORD;
    let config = |dialect_options: serde_json::Value| {
        let cfg = serde_json::json!({ "development": {
            "dialect": "postgres", "host": tls.host, "port": tls.port, "username": tls.user,
            "password": tls.password, "database": tls.name, "logging": false,
            "dialectOptions": dialect_options } });
        p.write("config/config.json", &cfg.to_string());
    };
    let refused = |run: &crate::support::Run, line: &str| {
        run.expect_code(1);
        assert_eq!(run.stderr, format!("ERROR: {line}\n"), "{}", run.stdout);
        assert!(!run.stdout.contains(secret) && !run.stderr.contains(secret));
    };

    // sslrootcert in the url (relative to the project), verify-full by default.
    let url = |root: &str| format!("{}?sslrootcert={root}", tls.url());
    let run = p.seqmig(&["db:migrate", "--url", &url("certs/root.crt")]);
    assert_eq!(run.code, 0, "{}", run.masked(p.path()));
    assert_eq!(meta(&db), ["20240101000000-t.js"]);
    assert!(!run.stdout.contains(secret) && !run.stderr.contains(secret));
    refused(
        &p.seqmig(&["db:migrate:status", "--url", &url("certs/wrong.crt")]),
        "self-signed certificate",
    );
    refused(
        &p.seqmig(&[
            "db:migrate:status",
            "--url",
            &format!("{}&sslmode=verify-ca", url("certs/wrong.crt")),
        ]),
        "self-signed certificate",
    );
    let missing = p.path().join("certs/missing.crt");
    let run = p.seqmig(&["db:migrate:status", "--url", &url("certs/missing.crt")]);
    run.expect_code(1);
    assert!(
        run.stderr.starts_with(&format!(
            "ERROR: sslrootcert: cannot read {}: ",
            missing.display()
        )) && run.stderr.lines().count() == 1,
        "{}",
        run.stderr
    );

    // sslrootcert and ssl.ca in dialectOptions.
    config(serde_json::json!({ "sslmode": "verify-full", "sslrootcert": "certs/root.crt" }));
    let run = p.seqmig(&["db:migrate:undo"]);
    assert_eq!(run.code, 0, "{}", run.masked(p.path()));
    assert_eq!(meta(&db), Vec::<String>::new());
    config(serde_json::json!({ "sslmode": "verify-full", "sslrootcert": "certs/wrong.crt" }));
    refused(&p.seqmig(&["db:migrate"]), "self-signed certificate");
    config(serde_json::json!({ "ssl": { "ca": "certs/root.crt" } }));
    let run = p.seqmig(&["db:migrate"]);
    assert_eq!(run.code, 0, "{}", run.masked(p.path()));
    assert_eq!(meta(&db), ["20240101000000-t.js"]);
    config(serde_json::json!({ "ssl": { "ca": wrong } }));
    refused(&p.seqmig(&["db:migrate:status"]), "self-signed certificate");
    // A wrong root beside the right one: either may sign.
    config(serde_json::json!({ "ssl": { "ca": wrong }, "sslrootcert": "certs/root.crt" }));
    let run = p.seqmig(&["db:migrate:status"]);
    assert_eq!(run.code, 0, "{}", run.masked(p.path()));
}
