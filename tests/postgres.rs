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
