//! Hostile configuration and surroundings (issue 22, items 4, 5, 8, 10, 11): values of
//! the wrong type, file names that are not UTF-8, a symlink loop, stdout on a full
//! device, and urls whose password must never be printed.

use crate::hostile_common::{assert_invariants, assert_no_crash, assert_no_secret};
use crate::support::{pg, run_seqmig, seqmig_bin, sqlite_meta, TempProject};

const FIRST: &str = r#"module.exports = {
  up: (qi, S) => qi.createTable('first', { id: { type: S.INTEGER, primaryKey: true } }),
  down: (qi) => qi.dropTable('first'),
};
"#;

fn project(config: &str) -> TempProject {
    let p = TempProject::new();
    p.write("config/config.json", config)
        .write("migrations/20240101000001-first.js", FIRST);
    p
}

#[test]
fn a_config_value_of_the_wrong_type_is_one_line_and_exit_1() {
    for (key, value, shown) in [
        (
            "storage",
            "42",
            "\"storage\" in config/config.json must be a string (it is a number: 42)",
        ),
        (
            "storage",
            "{\"path\": \"x\"}",
            "\"storage\" in config/config.json must be a string (it is an object",
        ),
        (
            "dialect",
            "[\"sqlite\"]",
            "\"dialect\" in config/config.json must be a string",
        ),
        (
            "migrationStorageTableName",
            "7",
            "\"migrationStorageTableName\" in config/config.json must be a string",
        ),
        (
            "migrationStorage",
            "true",
            "\"migrationStorage\" in config/config.json must be a string",
        ),
        (
            "host",
            "false",
            "\"host\" in config/config.json must be a string",
        ),
    ] {
        let mut section = serde_json::json!({"dialect": "sqlite", "storage": "db.sqlite"});
        section[key] = serde_json::from_str(value).unwrap();
        let p = project(&serde_json::json!({ "development": section }).to_string());
        let run = p.seqmig(&["db:migrate"]);
        run.expect_code(1);
        assert_no_crash(&run);
        assert!(run.stderr.contains(shown), "{key}: {}", run.stderr);
        assert!(!run.stdout.contains("migrated"), "{}", run.stdout);
        // Nothing was opened: no database file appeared (42 is not a file name either).
        for f in ["db.sqlite", "42"] {
            assert!(!p.path().join(f).exists(), "{key}: {f} was created");
        }
    }
    // A password of the wrong type is named without its value.
    let p = project(
        r#"{"development": {"dialect": "postgres", "host": "127.0.0.1", "password": {"secret": "hunter2-object"}}}"#,
    );
    let run = p.seqmig(&["db:migrate"]);
    run.expect_code(1);
    assert!(
        run.stderr
            .contains("\"password\" in config/config.json must be a string (it is an object)"),
        "{}",
        run.stderr
    );
    assert_no_secret(&run, "hunter2-object");
}

#[test]
fn a_migration_file_name_that_is_not_utf8_fails_naming_it() {
    use std::os::unix::ffi::OsStrExt;
    let p = project(r#"{"development": {"dialect": "sqlite", "storage": "db.sqlite"}}"#);
    let bad = p
        .path()
        .join("migrations")
        .join(std::ffi::OsStr::from_bytes(b"20240101000002-caf\xe9.js"));
    std::fs::write(bad, FIRST.replace("first", "second")).unwrap();
    for cmd in ["db:migrate", "db:migrate:status"] {
        let run = p.seqmig(&[cmd]);
        run.expect_code(1);
        assert_no_crash(&run);
        assert!(
            run.stderr.contains("20240101000002-caf\\xE9.js"),
            "{cmd}: {}",
            run.stderr
        );
        assert!(run.stderr.contains("not UTF-8"), "{}", run.stderr);
        assert!(!run.stdout.contains("migrated"), "{}", run.stdout);
    }
}

#[test]
fn a_symlink_loop_inside_the_migrations_folder_is_ignored() {
    let p = project(r#"{"development": {"dialect": "sqlite", "storage": "db.sqlite"}}"#);
    let migrations = p.path().join("migrations");
    std::os::unix::fs::symlink(&migrations, migrations.join("loop")).unwrap();
    std::os::unix::fs::symlink("self-link", migrations.join("self-link")).unwrap();
    let run = p.seqmig(&["db:migrate"]);
    run.ok();
    assert_invariants(&run, &sqlite_meta(&p.db()));
    assert_eq!(sqlite_meta(&p.db()), ["20240101000001-first.js"]);
}

fn run_to_dev_full(p: &TempProject, args: &[&str]) -> (i32, String) {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = std::process::Command::new(seqmig_bin())
        .args(args)
        .current_dir(p.path())
        .env("NO_COLOR", "1")
        .env_remove("NODE_ENV")
        .stdout(full)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn stdout_on_a_full_device_exits_1_without_a_panic() {
    let p = project(r#"{"development": {"dialect": "sqlite", "storage": "db.sqlite"}}"#);
    // The banner cannot be written: nothing runs, the database is untouched.
    let (code, stderr) = run_to_dev_full(&p, &["db:migrate"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.contains("cannot write to stdout"), "{stderr}");
    assert!(!p.path().join("db.sqlite").exists());
    // --json writes its document at the end: the migration ran and is recorded, and the
    // run still says (exit 1) that its output was lost.
    let (code, stderr) = run_to_dev_full(&p, &["db:migrate", "--json"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(sqlite_meta(&p.db()), ["20240101000001-first.js"]);
    // --debug's SQL lines and a migration's console.log go to the same full stdout.
    p.write(
        "migrations/20240101000002-second.js",
        "module.exports = { async up(qi) { console.log('hello'); await qi.sequelize.query('SELECT 1'); }, async down() {} };\n",
    );
    let (code, stderr) = run_to_dev_full(&p, &["db:migrate", "--json", "--debug"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(sqlite_meta(&p.db()).len(), 2);
}

#[test]
fn stderr_on_a_full_device_exits_1_without_a_panic() {
    let p = project(r#"{"development": {"dialect": "sqlite", "storage": "db.sqlite"}}"#);
    p.write(
        "migrations/20240101000002-second.js",
        "module.exports = { async up() { console.error('to stderr'); throw new Error('boom'); }, async down() {} };\n",
    );
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = std::process::Command::new(seqmig_bin())
        .args(["db:migrate"])
        .current_dir(p.path())
        .env("NO_COLOR", "1")
        .env_remove("NODE_ENV")
        .stderr(full)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(!stdout.contains("panicked"), "{stdout}");
    assert_eq!(sqlite_meta(&p.db()), ["20240101000001-first.js"]);
    assert!(
        stdout.contains("== 20240101000001-first: migrated"),
        "{stdout}"
    );
    assert!(
        !stdout.contains("20240101000002-second: migrated"),
        "{stdout}"
    );
}

const SECRET: &str = "S3cretPw";

/// Every url shape that fails, from --url and from the config, in text and --json.
#[test]
fn a_url_that_fails_to_parse_never_prints_its_password() {
    let urls = [
        format!("postgres://admin:{SECRET}@localhost:abc/app"),
        format!("postgres://admin:{SECRET}@[::1/app"),
        format!("mysql://admin:{SECRET}@localhost/app"),
        format!("postgres://admin:{SECRET}/x@localhost:5432:9/app"),
        format!("admin:{SECRET}@localhost/app"),
        format!("postgres:admin:{SECRET}@localhost/app"),
        format!("mssql://admin:{SECRET}@localhost:abc/app?x=1"),
    ];
    for url in &urls {
        let p = TempProject::new();
        p.write("migrations/20240101000001-first.js", FIRST);
        for json in [false, true] {
            let mut args = vec!["db:migrate", "--url", url.as_str()];
            if json {
                args.push("--json");
            }
            let run = p.seqmig(&args);
            run.expect_code(1);
            assert_no_crash(&run);
            assert_no_secret(&run, SECRET);
            let mut args = vec!["db:migrate:status", "--debug", "--url", url.as_str()];
            if json {
                args.push("--json");
            }
            let run = p.seqmig(&args);
            run.expect_code(1);
            assert_no_secret(&run, SECRET);
        }
        let from_config = project(&serde_json::json!({"development": {"url": url}}).to_string());
        let run = from_config.seqmig(&["db:migrate"]);
        run.expect_code(1);
        assert_no_secret(&run, SECRET);
        let run = run_seqmig(
            from_config.path(),
            &["db:migrate", "--json"],
            &[("DATABASE_URL", url.as_str())],
        );
        assert_no_secret(&run, SECRET);
        // A migration's own `new Sequelize(url)`.
        let inner = project(r#"{"development": {"dialect": "sqlite", "storage": "db.sqlite"}}"#);
        inner.write(
            "migrations/20240101000002-second.js",
            &format!(
                "module.exports = {{ async up(qi, S) {{ const s = new S({}); await s.query('SELECT 1'); }}, async down() {{}} }};\n",
                serde_json::to_string(url).unwrap()
            ),
        );
        for extra in ["--json", "--debug"] {
            let run = inner.seqmig(&["db:migrate", extra]);
            run.expect_code(1);
            assert_no_crash(&run);
            assert_no_secret(&run, SECRET);
        }
        let env_config = project(r#"{"development": {"use_env_variable": "SEQMIG_TEST_URL"}}"#);
        let run = run_seqmig(
            env_config.path(),
            &["db:migrate", "--json"],
            &[("SEQMIG_TEST_URL", url.as_str())],
        );
        run.expect_code(1);
        assert_no_secret(&run, SECRET);
    }
}

#[test]
fn a_wrong_password_on_postgres_never_prints_it() {
    let db = pg::fresh_database("hostile_password");
    let url = format!(
        "postgres://{}:{SECRET}@{}:{}/{}",
        db.user, db.host, db.port, db.name
    );
    let p = TempProject::new();
    p.write("migrations/20240101000001-first.js", FIRST);
    for extra in [None, Some("--json"), Some("--debug")] {
        let mut args = vec!["db:migrate", "--url", url.as_str()];
        args.extend(extra);
        let run = p.seqmig(&args);
        assert_no_crash(&run);
        assert_no_secret(&run, SECRET);
    }
}
