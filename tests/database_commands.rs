//! `db:create`, `db:drop` and `db:migrate:schema:timestamps:add` on a real PostgreSQL
//! cluster (`support::pg`) and real SQLite files. The expected lines and statements are
//! what sequelize-cli 6.6.5 printed for the same commands.

use crate::support::{pg, sqlite_meta, TempProject};

/// A project whose config names `database` on the test cluster (which need not exist).
fn pg_project(database: &str, logging: bool) -> (TempProject, pg::PgDb) {
    let db = pg::fresh_database("dbcmd");
    let p = TempProject::new();
    let cfg = serde_json::json!({ "development": {
        "dialect": "postgres", "host": db.host, "port": db.port, "username": db.user,
        "password": db.password, "database": database, "logging": logging } });
    p.write("config/config.json", &cfg.to_string());
    (p, db)
}

fn databases(db: &pg::PgDb) -> Vec<String> {
    pg::cluster()
        .admin_client()
        .query("SELECT datname FROM pg_database ORDER BY 1", &[])
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .filter(|n: &String| n.starts_with(&db.name) || n.starts_with("seqmig_created_"))
        .collect()
}

#[test]
fn db_create_and_drop_on_postgres() {
    if pg::skip_pg() {
        return;
    }
    let name = format!("seqmig_created_{}", std::process::id());
    let (p, db) = pg_project(&name, false);
    let created = p.seqmig(&["db:create"]);
    created.ok();
    assert_eq!(
        created.stdout.split_once("\n\n").unwrap().1,
        format!("Loaded configuration file \"config/config.json\".\nUsing environment \"development\".\nDatabase {name} created.\n")
    );
    assert!(databases(&db).contains(&name));

    // An existing database: the server's error, exit 1, as sequelize-cli.
    let again = p.seqmig(&["db:create"]);
    again.expect_code(1);
    assert_eq!(
        again.stderr,
        format!("ERROR: database \"{name}\" already exists\n")
    );
    assert!(!again.stdout.contains("created."));

    let dropped = p.seqmig(&["db:drop"]);
    dropped.ok();
    assert!(
        dropped
            .stdout
            .ends_with(&format!("Database {name} dropped.\n")),
        "{}",
        dropped.stdout
    );
    assert!(!databases(&db).contains(&name));
    // DROP DATABASE IF EXISTS: dropping again is fine.
    p.seqmig(&["db:drop"]).ok();
}

#[test]
fn db_create_options_reach_postgres() {
    if pg::skip_pg() {
        return;
    }
    let name = format!("seqmig_created_opts_{}", std::process::id());
    let (p, _db) = pg_project(&name, true);
    let run = p.seqmig(&[
        "db:create",
        "--encoding",
        "UTF8",
        "--template",
        "template0",
        "--collate",
        "C",
        "--ctype",
        "C",
    ]);
    run.ok();
    assert!(
        run.stdout.contains(&format!(
            "Executing (default): CREATE DATABASE \"{name}\" ENCODING = \"UTF8\" LC_COLLATE = \"C\" LC_CTYPE = \"C\" TEMPLATE = \"template0\"\n"
        )),
        "{}",
        run.stdout
    );
    let row = pg::cluster()
        .admin_client()
        .query_one(
            "SELECT datcollate, datctype FROM pg_database WHERE datname = $1",
            &[&name],
        )
        .unwrap();
    assert_eq!(
        (row.get::<_, String>(0), row.get::<_, String>(1)),
        ("C".into(), "C".into())
    );
    let dropped = p.seqmig(&["db:drop"]);
    dropped.ok();
    assert!(dropped.stdout.contains(&format!(
        "Executing (default): DROP DATABASE IF EXISTS \"{name}\"\n"
    )));
}

#[test]
fn db_create_on_sqlite_is_refused_as_sequelize_cli() {
    let p = TempProject::new();
    p.sqlite_config();
    for cmd in ["db:create", "db:drop"] {
        let run = p.seqmig(&[cmd]);
        run.expect_code(1);
        assert_eq!(
            run.stderr,
            "ERROR: Dialect sqlite does not support db:create / db:drop commands\n"
        );
        assert!(run.stdout.contains("Using environment \"development\".\n"));
    }
    assert!(!p.path().join("db.sqlite").exists());
}

const EMPTY_MIGRATION: &str = "module.exports = { up: async () => {}, down: async () => {} };\n";

#[test]
fn timestamps_add_on_sqlite() {
    let p = TempProject::new();
    p.sqlite_config();
    let none = p.seqmig(&["db:migrate:schema:timestamps:add"]);
    none.expect_code(1);
    assert_eq!(none.stderr, "ERROR: No MetaTable table found.\n");

    p.write("migrations/20240101000000-a.js", EMPTY_MIGRATION);
    p.write("migrations/20240101000001-b.js", EMPTY_MIGRATION);
    p.seqmig(&["db:migrate"]).ok();
    let added = p.seqmig(&["db:migrate:schema:timestamps:add"]);
    added.ok();
    assert!(
        added
            .stdout
            .ends_with("Successfully added timestamps to MetaTable.\n"),
        "{}",
        added.stdout
    );
    let db = p.db();
    let sql: Vec<String> = db
        .prepare("SELECT sql FROM sqlite_master WHERE name LIKE 'SequelizeMeta%' AND type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        sql,
        vec![
            "CREATE TABLE `SequelizeMeta` (`name` VARCHAR(255) NOT NULL UNIQUE PRIMARY KEY, `createdAt` DATETIME NOT NULL, `updatedAt` DATETIME NOT NULL)",
            "CREATE TABLE \"SequelizeMetaBackup\" (`name` VARCHAR(255) NOT NULL UNIQUE PRIMARY KEY)",
        ]
    );
    assert_eq!(
        sqlite_meta(&db),
        vec!["20240101000000-a.js", "20240101000001-b.js"]
    );
    let stamp: String = db
        .query_row("SELECT createdAt FROM SequelizeMeta LIMIT 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert!(stamp.ends_with(" +00:00") && stamp.len() == 30, "{stamp}");

    let again = p.seqmig(&["db:migrate:schema:timestamps:add"]);
    again.ok();
    assert!(again
        .stdout
        .ends_with("MetaTable already has timestamps.\n"));

    // The storage now fills the timestamps of new rows, and undo still works.
    p.write("migrations/20240101000002-c.js", EMPTY_MIGRATION);
    p.seqmig(&["db:migrate"]).ok();
    let n: i64 = db
        .query_row(
            "SELECT count(*) FROM SequelizeMeta WHERE createdAt IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 3);
    p.seqmig(&["db:migrate:undo:all"]).ok();
    assert!(sqlite_meta(&db).is_empty());
}

#[test]
fn timestamps_add_on_postgres() {
    if pg::skip_pg() {
        return;
    }
    let db = pg::fresh_database("timestamps_add");
    let p = TempProject::new();
    let cfg = serde_json::json!({ "development": {
        "dialect": "postgres", "host": db.host, "port": db.port, "username": db.user,
        "password": db.password, "database": db.name, "logging": true } });
    p.write("config/config.json", &cfg.to_string());
    p.write("migrations/20240101000000-a.js", EMPTY_MIGRATION);
    p.write("migrations/20240101000001-b.js", EMPTY_MIGRATION);
    p.seqmig(&["db:migrate"]).ok();
    let added = p.seqmig(&["db:migrate:schema:timestamps:add"]);
    added.ok();
    for expected in [
        "Executing (default): ALTER TABLE \"SequelizeMeta\" RENAME TO \"SequelizeMetaBackup\";\n",
        "Executing (default): SELECT * FROM \"SequelizeMetaBackup\";\n",
        "Executing (default): CREATE TABLE IF NOT EXISTS \"SequelizeMeta\" (\"name\" VARCHAR(255) NOT NULL UNIQUE , \"createdAt\" TIMESTAMP WITH TIME ZONE NOT NULL, \"updatedAt\" TIMESTAMP WITH TIME ZONE NOT NULL, PRIMARY KEY (\"name\"));\n",
        "Successfully added timestamps to MetaTable.\n",
    ] {
        assert!(added.stdout.contains(expected), "missing {expected}\n{}", added.stdout);
    }
    let mut client = {
        let mut cfg = postgres::Config::new();
        cfg.host(&db.host)
            .port(db.port)
            .user(&db.user)
            .dbname(&db.name);
        cfg.connect(postgres::NoTls).unwrap()
    };
    let rows = client
        .query(
            "SELECT name FROM \"SequelizeMeta\" WHERE \"createdAt\" IS NOT NULL ORDER BY name",
            &[],
        )
        .unwrap();
    assert_eq!(rows.len(), 2);
    let backup = client
        .query("SELECT name FROM \"SequelizeMetaBackup\"", &[])
        .unwrap();
    assert_eq!(backup.len(), 2);
    p.seqmig(&["db:migrate:schema:timestamps:add"]).ok();
    p.write("migrations/20240101000002-c.js", EMPTY_MIGRATION);
    p.seqmig(&["db:migrate"]).ok();
    let rows = client
        .query(
            "SELECT name FROM \"SequelizeMeta\" WHERE \"createdAt\" IS NOT NULL",
            &[],
        )
        .unwrap();
    assert_eq!(rows.len(), 3);
}

fn run_reference(cwd: &std::path::Path, args: &[&str]) -> crate::support::Run {
    let cli = crate::support::repo_root().join("tests/compat/node_modules/.bin/sequelize");
    assert!(
        cli.exists(),
        "{} is missing (run tests/compat/install.sh)",
        cli.display()
    );
    let out = std::process::Command::new("node")
        .arg(cli)
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env_remove("NODE_ENV")
        .env_remove("NODE_OPTIONS")
        .output()
        .unwrap();
    crate::support::Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Exit status, stdout without the banner, stderr; the database name masked.
fn shown(run: &crate::support::Run, database: &str) -> String {
    let stdout = run.stdout.splitn(4, '\n').nth(3).unwrap_or("");
    format!("exit {}\n{stdout}--- stderr\n{}", run.code, run.stderr).replace(database, "<db>")
}

/// The same create / create again / drop / drop again, and the SQLite refusal, under
/// both tools: identical output.
#[test]
fn db_create_and_drop_print_what_sequelize_cli_prints() {
    if pg::skip_pg() || crate::support::skip_differential() {
        return;
    }
    let ours = format!("seqmig_created_diff_s{}", std::process::id());
    let theirs = format!("seqmig_created_diff_r{}", std::process::id());
    let (p, _) = pg_project(&ours, true);
    let (r, _) = pg_project(&theirs, true);
    let steps: &[&[&str]] = &[
        &["db:create", "--encoding", "UTF8", "--template", "template0"],
        &["db:create"],
        &["db:drop"],
        &["db:drop"],
    ];
    for args in steps {
        let s = p.seqmig(args);
        let reference = run_reference(r.path(), args);
        assert_eq!(
            shown(&s, &ours),
            shown(&reference, &theirs),
            "`{}`",
            args.join(" ")
        );
    }
    let sqlite = TempProject::new();
    sqlite.sqlite_config();
    for cmd in ["db:create", "db:drop"] {
        let s = sqlite.seqmig(&[cmd]);
        let reference = run_reference(sqlite.path(), &[cmd]);
        assert_eq!(shown(&s, "-"), shown(&reference, "-"), "sqlite {cmd}");
    }
}

/// timestamps:add on SQLite under both tools: the same lines, the same tables.
#[test]
fn timestamps_add_matches_sequelize_cli_on_sqlite() {
    if crate::support::skip_differential() {
        return;
    }
    let ours = TempProject::new();
    let theirs = TempProject::new();
    for p in [&ours, &theirs] {
        p.sqlite_config();
        p.write("migrations/20240101000000-a.js", EMPTY_MIGRATION);
        p.write("migrations/20240101000001-b.js", EMPTY_MIGRATION);
    }
    let steps: &[&[&str]] = &[
        &["db:migrate:schema:timestamps:add"],
        &["db:migrate"],
        &["db:migrate:schema:timestamps:add"],
        &["db:migrate:schema:timestamps:add"],
    ];
    for args in steps {
        let s = ours.seqmig(args);
        let reference = run_reference(theirs.path(), args);
        // Durations of db:migrate differ; the rest must not.
        let mask = |t: String| crate::support::mask(&t, std::path::Path::new("/nonexistent"));
        assert_eq!(
            mask(shown(&s, "-")),
            mask(shown(&reference, "-")),
            "`{}`",
            args.join(" ")
        );
    }
    let tables = |p: &TempProject| -> Vec<String> {
        p.db()
            .prepare("SELECT sql FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    assert_eq!(tables(&ours), tables(&theirs));
    assert_eq!(sqlite_meta(&ours.db()), sqlite_meta(&theirs.db()));
}
