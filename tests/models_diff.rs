//! `models:diff` and `migration:generate --from-models` (issue 21), judged by the real
//! Sequelize: for each example app whose migrations lag behind its models
//! (`migrations-examples/models-diff-*`),
//!
//! 1. the oracle is the real Sequelize 6.37.8's `sequelize.sync()` of the app's models on
//!    an empty SQLite file (node, tests/compat);
//! 2. `seqmig models:diff` lists the differences and exits 1;
//! 3. `seqmig migration:generate --from-models` writes a migration (snapshot) and warns on
//!    stderr once per destructive step;
//! 4. the real sequelize-cli runs every migration on an empty database: the schema is the
//!    oracle's (compared as facts: columns with type / NOT NULL / default / primary key,
//!    indexes by uniqueness and columns, foreign keys with their rules), the seeded rows
//!    survive; `db:migrate:undo` of the new file gives back the schema before it, and
//!    `db:migrate` again the oracle's;
//! 5. `seqmig models:diff` then exits 0, and seqmig's own `db:migrate` gives the same schema.

use std::path::Path;
use std::process::Command;

use seqmig_core::models_diff::facts::{self, Schema};

use crate::support::{pg, repo_root, run_seqmig, Run, TempProject};

/// Where a project's database lives.
enum Db {
    Sqlite(std::path::PathBuf),
    Postgres(pg::PgDb),
}

impl Db {
    fn connect(&self) -> seqmig_db::SharedConnection {
        let opts = match self {
            Db::Sqlite(path) => seqmig_db::ConnectOptions::Sqlite {
                storage: path.clone(),
            },
            Db::Postgres(db) => seqmig_db::ConnectOptions::Postgres(db.options()),
        };
        std::rc::Rc::new(std::cell::RefCell::new(seqmig_db::connect(&opts).unwrap()))
    }

    fn facts(&self) -> Schema {
        facts::read(&self.connect()).unwrap()
    }

    fn rows(&self, table: &str) -> i64 {
        let quoted = match self {
            Db::Sqlite(_) => format!("`{table}`"),
            Db::Postgres(_) => format!("\"{table}\""),
        };
        let r = self
            .connect()
            .borrow_mut()
            .query(&format!("SELECT count(*) FROM {quoted}"), &[])
            .unwrap();
        match &r.rows[0][0] {
            seqmig_db::Value::Int(n) => *n,
            seqmig_db::Value::Text(t) | seqmig_db::Value::Numeric(t) => t.parse().unwrap(),
            other => panic!("count(*) gave {other:?}"),
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Dialect {
    Sqlite,
    Postgres,
}

/// `sequelize.sync()` of the project's models, as an app would call it: through
/// models/index.js when there is one, else each model file with a Sequelize of its own.
const SYNC_SCRIPT: &str = r#"'use strict';
const fs = require('fs');
const path = require('path');
const { Sequelize, DataTypes } = require('sequelize');
const rc = fs.existsSync('.sequelizerc') ? require(path.resolve('.sequelizerc')) : {};
const dir = path.resolve(rc['models-path'] || 'models');
const config = require(path.resolve('config/config.json')).development;
let sequelize;
if (fs.existsSync(path.join(dir, 'index.js'))) {
  sequelize = require(path.join(dir, 'index.js')).sequelize;
} else {
  sequelize = new Sequelize(config);
  const models = {};
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.js')).sort()) {
    const m = require(path.join(dir, f))(sequelize, DataTypes);
    models[m.name] = m;
  }
  for (const m of Object.values(models)) if (m.associate) m.associate(models);
}
sequelize.sync().then(() => sequelize.close()).catch((e) => { console.error(e); process.exit(1); });
"#;

const STAMP: &str = "20991231000000";

fn reference_cli() -> std::path::PathBuf {
    repo_root().join("tests/compat/node_modules/.bin/sequelize")
}

/// The example copied into a project with a config for a fresh database, and node_modules.
fn project_on(example: &str, dialect: Dialect) -> (TempProject, Db) {
    let (p, db) = match dialect {
        Dialect::Sqlite => {
            let p = TempProject::new();
            p.sqlite_config();
            let path = p.path().join("db.sqlite");
            (p, Db::Sqlite(path))
        }
        Dialect::Postgres => {
            let db = pg::fresh_database("models_diff");
            let p = crate::safety_common::pg_project(&db, serde_json::json!({}));
            (p, Db::Postgres(db))
        }
    };
    p.with_example(example);
    std::fs::remove_file(p.path().join("example.json")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        repo_root().join("tests/compat/node_modules"),
        p.path().join("node_modules"),
    )
    .unwrap();
    (p, db)
}

fn node(p: &Path, args: &[&str]) -> Run {
    let out = Command::new("node")
        .args(args)
        .current_dir(p)
        .env("NO_COLOR", "1")
        .env_remove("NODE_ENV")
        .output()
        .expect("node runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn sequelize_cli(p: &Path, args: &[&str]) -> Run {
    let cli = reference_cli();
    let mut all = vec![cli.to_str().unwrap()];
    all.extend_from_slice(args);
    node(p, &all)
}

#[track_caller]
fn assert_same(what: &str, expected: &Schema, got: &Schema) {
    let diffs = facts::compare(expected, got);
    assert!(
        diffs.is_empty(),
        "{what}: the schema differs (+ expected only, - found only):\n{}",
        seqmig_core::models_diff::text_lines(&diffs).join("\n")
    );
}

/// The oracle: the real `sync()` of the example's models on an empty database.
fn oracle(example: &str, dialect: Dialect) -> Schema {
    let (p, db) = project_on(example, dialect);
    p.write("seqmig-sync.js", SYNC_SCRIPT);
    let run = node(p.path(), &["seqmig-sync.js"]);
    run.ok();
    db.facts()
}

fn settings(p: &TempProject) -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path("snapshots");
    s.set_prepend_module_to_snapshot(false);
    let escaped: String = p
        .path()
        .display()
        .to_string()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '/' || c == '_' || c == '-' {
                c.to_string()
            } else {
                format!("\\{c}")
            }
        })
        .collect();
    s.add_filter(&escaped, "<project>");
    s.add_filter(r"seqmig: \d+\.\d+\.\d+[\w.-]*", "seqmig: <version>");
    s
}

fn check(example: &str, seeded: &[(&str, i64)]) {
    check_on(example, Dialect::Sqlite, seeded)
}

fn check_on(example: &str, dialect: Dialect, seeded: &[(&str, i64)]) {
    if crate::differential::skip_requested() {
        return;
    }
    if dialect == Dialect::Postgres && pg::skip_pg() {
        eprintln!("SEQMIG_SKIP_PG=1: skipped");
        return;
    }
    crate::differential::ensure_reference_tools();
    let expected = oracle(example, dialect);
    assert!(!expected.is_empty(), "sync() created no table");

    let (p, db) = project_on(example, dialect);
    let mut settings = settings(&p);
    if let Db::Postgres(d) = &db {
        settings.add_filter(&d.name, "<database>");
    }

    // The migrations as they are, by sequelize-cli: the schema before the new file.
    sequelize_cli(p.path(), &["db:migrate"]).ok();
    let before = db.facts();

    let started = std::time::Instant::now();
    let diff = p.seqmig(&["models:diff"]);
    eprintln!(
        "models:diff on {example}: {:.2} s",
        started.elapsed().as_secs_f64()
    );
    settings
        .bind(|| insta::assert_snapshot!(format!("models_diff_{example}"), diff.masked(p.path())));
    diff.expect_code(1);
    let json = p.seqmig(&["models:diff", "--json"]);
    json.expect_code(1);
    let doc: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(doc["diff"]["differs"], true, "{}", json.stdout);
    assert!(!doc["diff"]["tables"].as_array().unwrap().is_empty());

    let generated = run_seqmig(
        p.path(),
        &[
            "migration:generate",
            "--name",
            "from-models",
            "--from-models",
        ],
        &[("SEQMIG_NOW", STAMP)],
    );
    generated.ok();
    let file = p.path().join(format!("migrations/{STAMP}-from-models.js"));
    let source = std::fs::read_to_string(&file).unwrap();
    settings.bind(|| {
        insta::assert_snapshot!(format!("generated_{example}"), source);
        insta::assert_snapshot!(
            format!("generate_output_{example}"),
            generated.masked(p.path())
        );
    });

    // The real sequelize-cli applies it: the oracle's schema, with the rows kept.
    sequelize_cli(p.path(), &["db:migrate"]).ok();
    assert_same(
        "sequelize-cli db:migrate of the generated migration",
        &expected,
        &db.facts(),
    );
    for (table, n) in seeded {
        assert_eq!(db.rows(table), *n, "rows of {table} after up");
    }
    let undo = sequelize_cli(p.path(), &["db:migrate:undo"]);
    undo.ok();
    assert!(
        undo.stdout
            .contains(&format!("{STAMP}-from-models: reverted")),
        "{}",
        undo.stdout
    );
    assert_same(
        "sequelize-cli db:migrate:undo of the generated migration",
        &before,
        &db.facts(),
    );
    for (table, n) in seeded {
        assert_eq!(db.rows(table), *n, "rows of {table} after down");
    }
    sequelize_cli(p.path(), &["db:migrate"]).ok();
    assert_same(
        "sequelize-cli db:migrate after the undo",
        &expected,
        &db.facts(),
    );

    // seqmig agrees: nothing left to diff; its own run gives the same schema.
    let again = p.seqmig(&["models:diff"]);
    again.ok();
    assert!(
        again.stdout.contains("give the same schema"),
        "{}",
        again.stdout
    );
    let (fresh, fresh_db) = project_on(example, dialect);
    std::fs::copy(
        &file,
        fresh
            .path()
            .join(format!("migrations/{STAMP}-from-models.js")),
    )
    .unwrap();
    fresh.seqmig(&["db:migrate"]).ok();
    assert_same("seqmig db:migrate", &expected, &fresh_db.facts());
    fresh.seqmig(&["db:migrate:undo"]).ok();
    assert_same("seqmig db:migrate:undo", &before, &fresh_db.facts());
}

#[test]
fn models_diff_pg_postgres_matches_sync() {
    check_on(
        "models-diff-pg",
        Dialect::Postgres,
        &[("Accounts", 2), ("projects", 1)],
    );
}

#[test]
fn models_diff_shop_sqlite_matches_sync() {
    check(
        "models-diff-shop",
        &[("Users", 2), ("Orders", 2), ("Categories", 2)],
    );
}

#[test]
fn models_diff_files_sqlite_matches_sync() {
    check("models-diff-files", &[]);
}

/// `--rename Users.legacy:bio`: the column's values move to the new name (and back on
/// undo) instead of a drop and an add, and no drop is announced.
#[test]
fn models_diff_rename_keeps_the_values() {
    if crate::differential::skip_requested() {
        return;
    }
    crate::differential::ensure_reference_tools();
    let (p, db) = project_on("models-diff-shop", Dialect::Sqlite);
    let Db::Sqlite(db) = db else { unreachable!() };
    let generated = run_seqmig(
        p.path(),
        &[
            "migration:generate",
            "--name",
            "renamed",
            "--from-models",
            "--rename",
            "Users.legacy:bio",
        ],
        &[("SEQMIG_NOW", STAMP)],
    );
    generated.ok();
    assert!(
        !generated.stderr.contains("Users.legacy"),
        "{}",
        generated.stderr
    );
    assert!(
        generated.stderr.contains("drops the table audit_logs"),
        "{}",
        generated.stderr
    );
    sequelize_cli(p.path(), &["db:migrate"]).ok();
    let bio: Option<String> = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("SELECT bio FROM Users WHERE username = 'ann'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(bio.as_deref(), Some("x"));
    sequelize_cli(p.path(), &["db:migrate:undo"]).ok();
    let legacy: Option<String> = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("SELECT legacy FROM Users WHERE username = 'ann'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(legacy.as_deref(), Some("x"));
    let bad = run_seqmig(
        p.path(),
        &[
            "migration:generate",
            "--name",
            "x",
            "--from-models",
            "--rename",
            "Users.nope:bio",
        ],
        &[("SEQMIG_NOW", "20991231000001")],
    );
    bad.expect_code(1);
    assert!(bad.stderr.contains("has no column nope"), "{}", bad.stderr);
}

/// The example's files with `extra` written over them, on `db.sqlite` (no node needed).
fn bad_project(extra: &[(&str, &str)]) -> TempProject {
    let p = TempProject::new();
    p.with_example("models-diff-files");
    p.sqlite_config();
    for (rel, text) in extra {
        p.write(rel, text);
    }
    p
}

fn migrations_in(p: &TempProject) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(p.path().join("migrations"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn models_diff_a_model_that_fails_to_load_is_named_with_its_line() {
    let p = bad_project(&[(
        "app/models/broken.js",
        "'use strict';\nmodule.exports = (sequelize, DataTypes) => {\n  const x = ;\n};\n",
    )]);
    let before = migrations_in(&p);
    for args in [
        &["models:diff"][..],
        &["migration:generate", "--name", "x", "--from-models"][..],
    ] {
        let run = p.seqmig(args);
        run.expect_code(1);
        assert!(
            run.stderr.contains("app/models/broken.js:3:"),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("SyntaxError"), "{}", run.stderr);
    }
    assert_eq!(migrations_in(&p), before, "nothing written");
    assert!(
        !p.path().join("db.sqlite").exists(),
        "the configured database untouched"
    );
}

#[test]
fn models_diff_names_a_missing_models_folder() {
    let p = bad_project(&[]);
    let run = p.seqmig(&["models:diff", "--models-path", "nope"]);
    run.expect_code(1);
    let errors: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("ERROR"))
        .collect();
    assert_eq!(errors.len(), 1, "{}", run.stderr);
    assert!(
        errors[0].starts_with("ERROR: seqmig: no models folder ")
            && errors[0].ends_with("/nope (--models-path, or \"models-path\" in .sequelizerc)"),
        "{}",
        run.stderr
    );
}

#[test]
fn models_diff_a_migration_that_fails_to_replay_is_named() {
    let p = bad_project(&[(
        "migrations/20240401000002-fails.js",
        "module.exports = { async up(qi) { await qi.sequelize.query('SELECT * FROM nope'); }, async down() {} };\n",
    )]);
    let before = migrations_in(&p);
    let run = p.seqmig(&["migration:generate", "--name", "x", "--from-models"]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("20240401000002-fails.js failed")
            && run.stderr.contains("no such table: nope"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
    assert_eq!(migrations_in(&p), before);
    assert!(
        !p.path().join("db.sqlite").exists(),
        "the configured database untouched"
    );
}

#[test]
fn models_diff_what_cannot_be_written_is_named_in_one_line() {
    let p = bad_project(&[(
        "app/models/expr.js",
        "'use strict';\nmodule.exports = (sequelize, DataTypes) => sequelize.define('Expr', { email: DataTypes.STRING }, {\n  indexes: [{ name: 'expr_lower_email', fields: [sequelize.fn('lower', sequelize.col('email'))] }],\n});\n",
    )]);
    let before = migrations_in(&p);
    let run = p.seqmig(&["migration:generate", "--name", "x", "--from-models"]);
    run.expect_code(1);
    let errors: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("ERROR"))
        .collect();
    assert_eq!(
        errors,
        ["ERROR: seqmig: cannot write a migration for the expression index expr_lower_email of table Exprs; nothing was written"],
        "{}",
        run.stderr
    );
    assert_eq!(migrations_in(&p), before);
    // models:diff still reports it.
    let diff = p.seqmig(&["models:diff"]);
    diff.expect_code(1);
    assert!(
        diff.stdout.contains("table Exprs: + the whole table"),
        "{}",
        diff.stdout
    );
}

#[test]
fn models_diff_names_an_unreachable_postgres_server() {
    let p = TempProject::new();
    p.write(
        "config/config.json",
        r#"{ "development": { "dialect": "postgres", "host": "127.0.0.1", "port": 1, "database": "x", "username": "u", "password": "secret-pw" } }"#,
    );
    let run = p.seqmig(&["models:diff"]);
    run.expect_code(1);
    assert!(
        run.stderr
            .contains("cannot reach the PostgreSQL server for the scratch databases"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--dev-url"), "{}", run.stderr);
    assert!(!run.stderr.contains("secret-pw") && !run.stdout.contains("secret-pw"));
}

/// The scratch databases are dropped afterwards, and `--dev-url` puts them elsewhere.
#[test]
fn models_diff_postgres_leaves_no_scratch_database() {
    if pg::skip_pg() {
        eprintln!("SEQMIG_SKIP_PG=1: skipped");
        return;
    }
    let (p, db) = project_on("models-diff-pg", Dialect::Postgres);
    let Db::Postgres(d) = &db else { unreachable!() };
    // Another test's run may have scratch databases of its own meanwhile: look for this
    // run's (their names carry its pid).
    let left_by = |pid: u32| -> Vec<String> {
        let conn = db.connect();
        let r = conn
            .borrow_mut()
            .query(
                &format!("SELECT datname FROM pg_database WHERE datname LIKE 'seqmig\\_diff\\_{pid}\\_%'"),
                &[],
            )
            .unwrap();
        r.rows.iter().map(|r| format!("{:?}", r[0])).collect()
    };
    let url = d.url().replace(&format!("/{}", d.name), "/postgres");
    for args in [
        &["models:diff"][..],
        &["models:diff", "--dev-url", &url][..],
    ] {
        let child = Command::new(crate::support::seqmig_bin())
            .args(args)
            .current_dir(p.path())
            .env("NO_COLOR", "1")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let pid = child.id();
        let out = child.wait_with_output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(1),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains("differ in 6 table(s)"));
        assert!(left_by(pid).is_empty(), "{:?}", left_by(pid));
    }
    assert!(
        db.facts().is_empty(),
        "nothing written to the configured database"
    );
}
