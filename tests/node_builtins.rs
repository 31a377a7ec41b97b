//! npm packages that load and use Node's built-ins (stream, zlib, tty, child_process,
//! async_hooks, http, V8's call sites...), each used from a migration and compared with
//! the real sequelize-cli. The fixture projects live in tests/fixtures/node-builtins/,
//! which pins the packages with a lockfile; `install.sh` there installs them (`.ci/run`
//! calls it).

use std::path::PathBuf;
use std::process::Command;
use std::sync::Once;

use crate::support::{
    compat_dir, copy_dir, repo_root, sequelize_cli, skip_differential, sqlite_meta, TempProject,
};

fn fixtures() -> PathBuf {
    repo_root().join("tests/fixtures/node-builtins")
}

fn install() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let status = Command::new("bash")
            .arg(fixtures().join("install.sh"))
            .status()
            .expect("bash runs install.sh");
        assert!(
            status.success(),
            "tests/fixtures/node-builtins/install.sh failed"
        );
    });
}

fn link_node_modules(p: &TempProject, with_sequelize: Option<PathBuf>) {
    let nm = p.path().join("node_modules");
    std::fs::create_dir(&nm).unwrap();
    for entry in std::fs::read_dir(fixtures().join("node_modules")).unwrap() {
        let entry = entry.unwrap();
        if !entry.file_name().to_string_lossy().starts_with('.') {
            std::os::unix::fs::symlink(entry.path(), nm.join(entry.file_name())).unwrap();
        }
    }
    if let Some(sequelize) = with_sequelize {
        std::os::unix::fs::symlink(sequelize, nm.join("sequelize")).unwrap();
    }
}

fn outcomes(p: &TempProject) -> Vec<String> {
    let db = p.db();
    let mut stmt = db
        .prepare("SELECT pkg, value FROM outcomes ORDER BY pkg")
        .unwrap();
    stmt.query_map([], |r| {
        Ok(format!(
            "{}: {}",
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?
        ))
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

const MIGRATIONS: [&str; 6] = [
    "20250101000000-create-outcomes.js",
    "20250101000001-loggers.js",
    "20250101000002-web-libs.js",
    "20250101000003-env-streams.js",
    "20250101000004-data-libs.js",
    "20250101000005-cls-transaction.js",
];

/// What 20250101000005-cls-transaction.js records under Node 20 + sequelize 6.37.8: the
/// namespace context survives awaits, timers, setImmediate and Promise.all; the managed
/// transaction's queries that name no transaction joined it, so the throw rolled back
/// a, b and c and only the committed 'kept' row is left.
const CLS_OUTCOMES: [&str; 2] = [
    "cls-hooked async: ctx ctx ctx1+ctx2 inner/ctx ctx",
    "useCLS transaction: true boom true undefined kept",
];

/// What each package produced, as Node 20 gives it (the same rows the differential test
/// below checks against sequelize-cli run by Node).
#[test]
fn node_builtins_npm_packages_run_from_migrations() {
    install();
    let p = TempProject::new();
    copy_dir(&fixtures().join("packages"), p.path());
    link_node_modules(&p, None);
    let run = p.seqmig(&["db:migrate"]);
    assert_eq!(run.code, 0, "{}", run.masked(p.path()));
    assert_eq!(sqlite_meta(&p.db()), MIGRATIONS);
    assert_eq!(
        outcomes(&p),
        [
            "axios: http://api.example.test/v1/users?page=2&q=a+b 500 mig function",
            "body-parser: function function function",
            "cls-hooked: alice undefined",
            CLS_OUTCOMES[0],
            "date-fns: 2024-02-02 40",
            "debug: mig:users added 3 rows",
            "dotenvx: hello-from-dotenvx 1 two words",
            "express: query,expressInit,jsonParser,urlencodedParser,bound dispatch function",
            "gzip-size: true true true",
            "joi: true \"name\" length must be at least 3 characters long; \"age\" must be greater than or equal to 0",
            "nanoid: 21 8 true",
            "pino: {\"level\":30,\"step\":2,\"msg\":\"seeded\"} | {\"level\":40,\"mod\":\"x\",\"msg\":\"careful\"}",
            "readable-stream: ABC",
            "tracer: info 20250101000001-loggers.js seedUsers hello tracer",
            CLS_OUTCOMES[1],
            "winston: mig info: users table ready",
        ]
    );
    let undo = p.seqmig(&["db:migrate:undo:all"]);
    assert_eq!(undo.code, 0, "{}", undo.masked(p.path()));
    assert_eq!(sqlite_meta(&p.db()), Vec::<String>::new());
}

/// The same project run by the pinned sequelize-cli (tests/compat) and by seqmig: equal
/// outcomes and SequelizeMeta after `db:migrate`, and nothing left after undo:all.
#[test]
fn node_builtins_npm_packages_match_sequelize_cli() {
    if skip_differential() {
        return;
    }
    install();
    let compat = compat_dir();

    let ours = TempProject::new();
    copy_dir(&fixtures().join("packages"), ours.path());
    link_node_modules(&ours, None);
    let theirs = TempProject::new();
    copy_dir(&fixtures().join("packages"), theirs.path());
    link_node_modules(&theirs, Some(compat.join("node_modules/sequelize")));
    let reference = |args: &[&str]| sequelize_cli(&compat, theirs.path(), args);
    reference(&["db:migrate"]);
    let run = ours.seqmig(&["db:migrate"]);
    assert_eq!(run.code, 0, "{}", run.masked(ours.path()));
    assert_eq!(outcomes(&ours), outcomes(&theirs));
    assert_eq!(sqlite_meta(&ours.db()), sqlite_meta(&theirs.db()));
    reference(&["db:migrate:undo:all"]);
    let undo = ours.seqmig(&["db:migrate:undo:all"]);
    assert_eq!(undo.code, 0, "{}", undo.masked(ours.path()));
    assert_eq!(sqlite_meta(&ours.db()), sqlite_meta(&theirs.db()));
}

const CREATE_T: &str = "module.exports = { up: (qi, S) => qi.createTable('t', { id: { type: S.INTEGER, primaryKey: true } }), down: (qi) => qi.dropTable('t') };\n";

/// A migration that would open a socket fails with one line naming the call and its
/// file:line; it is not recorded, the ones before it are, and nothing hangs.
#[test]
fn node_builtins_a_socket_call_fails_its_migration_in_one_line() {
    let p = TempProject::new();
    p.sqlite_config()
        .write("migrations/20250101000000-t.js", CREATE_T)
        .write(
            "migrations/20250101000001-call-api.js",
            "const https = require('https');\nmodule.exports = {\n  async up() {\n    await new Promise((resolve, reject) => https.get('https://api.example.test/users', resolve).on('error', reject));\n  },\n  async down() {},\n};\n",
        );
    let run = p.seqmig(&["db:migrate"]);
    assert_eq!(run.code, 1, "{}", run.masked(p.path()));
    let line = run
        .stderr
        .lines()
        .find(|l| l.starts_with("ERROR: "))
        .unwrap_or_else(|| panic!("{}", run.stderr));
    assert!(line.contains("seqmig cannot run https.get()"), "{line}");
    assert!(line.contains("20250101000001-call-api.js:4"), "{line}");
    assert_eq!(sqlite_meta(&p.db()), ["20250101000000-t.js"]);
}

/// A package whose addon is loaded but not used runs (as Gladys' models load DuckDB);
/// one warning line on stderr; `--native-addons=error` and `"seqmigNativeAddons":
/// "error"` fail at the require instead, recording nothing.
#[test]
fn node_builtins_native_addon_stand_in_warns_and_strict_mode_fails_at_require() {
    let p = TempProject::new();
    p.sqlite_config()
        .write(
            "node_modules/duck/package.json",
            r#"{"name": "duck", "main": "index.js"}"#,
        )
        .write("node_modules/duck/duck.node", "\u{7f}ELF")
        .write(
            "node_modules/duck/index.js",
            "const b = require('./duck.node');\nmodule.exports = { connect: () => b.connect() };\n",
        )
        .write(
            "migrations/20250101000000-t.js",
            &format!("const duck = require('duck');\n{CREATE_T}"),
        );
    let strict = p.seqmig(&["db:migrate", "--native-addons=error"]);
    assert_eq!(strict.code, 1, "{}", strict.masked(p.path()));
    assert!(strict.stderr.contains("duck.node"), "{}", strict.stderr);
    assert!(
        strict.stderr.contains("package 'duck'"),
        "{}",
        strict.stderr
    );
    assert!(!p.path().join("db.sqlite").exists() || sqlite_meta(&p.db()).is_empty());

    p.write(
        "config/config.json",
        r#"{ "development": { "dialect": "sqlite", "storage": "db.sqlite", "logging": false, "seqmigNativeAddons": "error" } }"#,
    );
    let strict = p.seqmig(&["db:migrate"]);
    assert_eq!(strict.code, 1, "{}", strict.masked(p.path()));
    assert!(
        strict.stderr.contains("seqmigNativeAddons"),
        "{}",
        strict.stderr
    );

    p.sqlite_config();
    let run = p.seqmig(&["db:migrate"]);
    assert_eq!(run.code, 0, "{}", run.masked(p.path()));
    let warnings: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("warning"))
        .collect();
    assert_eq!(warnings.len(), 1, "{}", run.stderr);
    assert!(
        warnings[0].contains("duck.node (package 'duck')"),
        "{}",
        warnings[0]
    );
    assert_eq!(sqlite_meta(&p.db()), ["20250101000000-t.js"]);

    p.write(
        "migrations/20250101000001-use.js",
        "const duck = require('duck');\nmodule.exports = { up: async () => { duck.connect(); }, down: async () => {} };\n",
    );
    let used = p.seqmig(&["db:migrate"]);
    assert_eq!(used.code, 1, "{}", used.masked(p.path()));
    assert!(
        used.stderr
            .contains("seqmig cannot run a read of 'connect' of the native addon"),
        "{}",
        used.stderr
    );
    assert!(
        used.stderr.contains("20250101000001-use.js:2"),
        "{}",
        used.stderr
    );
    assert_eq!(sqlite_meta(&p.db()), ["20250101000000-t.js"]);
}

/// Sequelize.useCLS on PostgreSQL: the queries inside the managed transaction that name
/// no transaction run in it (same connection, same transaction), so the throw rolls
/// them back; the committed one stays; undo drops the table.
#[test]
fn node_builtins_use_cls_transaction_rolls_back_unnamed_queries_on_postgres() {
    install();
    let db = crate::support::pg::fresh_database("use_cls");
    let p = TempProject::new();
    copy_dir(&fixtures().join("packages"), p.path());
    for m in &MIGRATIONS[1..5] {
        std::fs::remove_file(p.path().join("migrations").join(m)).unwrap();
    }
    let cfg = serde_json::json!({ "development": {
        "dialect": "postgres", "host": db.host, "port": db.port, "username": db.user,
        "password": db.password, "database": db.name, "logging": false } });
    p.write("config/config.json", &cfg.to_string());
    link_node_modules(&p, None);
    let run = p.seqmig(&["db:migrate"]);
    assert_eq!(run.code, 0, "{}", run.masked(p.path()));
    let mut cfg = postgres::Config::new();
    cfg.host(&db.host)
        .port(db.port)
        .user(&db.user)
        .dbname(&db.name);
    if let Some(pw) = &db.password {
        cfg.password(pw);
    }
    let mut client = cfg.connect(postgres::NoTls).unwrap();
    let rows: Vec<String> = client
        .query(
            "SELECT pkg || ': ' || value FROM outcomes ORDER BY pkg",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(rows, CLS_OUTCOMES);
    let items: Vec<String> = client
        .query("SELECT name FROM cls_items ORDER BY name", &[])
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(items, ["kept"]);
    let undo = p.seqmig(&["db:migrate:undo"]);
    assert_eq!(undo.code, 0, "{}", undo.masked(p.path()));
    let left: i64 = client
        .query_one(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'cls_items'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(left, 0);
}
