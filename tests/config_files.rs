//! Config and rc files as sequelize-cli reads them: `.sequelizerc` evaluated as JavaScript,
//! `config/config.js` exporting an object, a function or a promise, `--config`,
//! `--options-path`, `use_env_variable`, `NODE_ENV`.

use crate::support::{run_seqmig, sqlite_meta, TempProject};

const MIGRATION: &str = r#"'use strict';
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('things', { id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true } });
  },
  async down(queryInterface) { await queryInterface.dropTable('things'); },
};
"#;

fn meta_at(p: &TempProject, db: &str) -> Vec<String> {
    sqlite_meta(&rusqlite::Connection::open(p.path().join(db)).unwrap())
}

#[test]
fn sequelizerc_is_javascript_and_moves_every_path() {
    let p = TempProject::new();
    p.write(
        ".sequelizerc",
        "const path = require('path');\nmodule.exports = {\n  config: path.resolve('db', 'settings.json'),\n  'migrations-path': path.resolve('db', 'migrate'),\n  seedersPath: path.resolve('db', 'seeds'),\n};\n",
    )
    .write("db/settings.json", r#"{"development": {"dialect": "sqlite", "storage": "db/app.sqlite"}}"#)
    .write("db/migrate/20240101000000-things.js", MIGRATION);
    let run = p.seqmig(&["db:migrate"]);
    run.ok();
    assert!(
        run.stdout
            .contains("Loaded configuration file \"db/settings.json\".\n"),
        "{}",
        run.stdout
    );
    assert_eq!(meta_at(&p, "db/app.sqlite"), ["20240101000000-things.js"]);
}

#[test]
fn options_path_names_another_rc_file() {
    let p = TempProject::new();
    p.write(
        "conf/seqmigrc.js",
        "module.exports = { 'migrations-path': 'm' };\n",
    )
    .sqlite_config()
    .write("m/20240101000000-things.js", MIGRATION);
    p.seqmig(&["db:migrate", "--options-path", "conf/seqmigrc.js"])
        .ok();
    assert_eq!(meta_at(&p, "db.sqlite"), ["20240101000000-things.js"]);
}

#[test]
fn config_js_as_object_function_and_promise() {
    for (i, body) in [
        "module.exports = { development: { dialect: 'sqlite', storage: 'db.sqlite' } };",
        "module.exports = () => ({ development: { dialect: 'sqlite', storage: 'db.sqlite' } });",
        "module.exports = new Promise((resolve) => setTimeout(() => resolve({ development: { dialect: 'sqlite', storage: 'db.sqlite' } }), 5));",
        "module.exports = async () => ({ development: { dialect: 'sqlite', storage: process.env.SEQMIG_TEST_DB } });",
    ]
    .iter()
    .enumerate()
    {
        let p = TempProject::new();
        p.write("config/config.js", body).write("migrations/20240101000000-things.js", MIGRATION);
        let run = run_seqmig(p.path(), &["db:migrate"], &[("SEQMIG_TEST_DB", "db.sqlite")]);
        assert_eq!(run.code, 0, "config.js variant {i}\n{}", run.masked(p.path()));
        assert!(run.stdout.contains("Loaded configuration file \"config/config.js\".\n"), "{}", run.stdout);
        assert_eq!(meta_at(&p, "db.sqlite"), ["20240101000000-things.js"], "variant {i}");
    }
}

#[test]
fn use_env_variable_and_node_env() {
    let p = TempProject::new();
    p.write(
        "config/config.json",
        r#"{"test": {"use_env_variable": "DATABASE_URL"}}"#,
    )
    .write("migrations/20240101000000-things.js", MIGRATION);
    let run = run_seqmig(
        p.path(),
        &["db:migrate"],
        &[
            ("NODE_ENV", "test"),
            ("DATABASE_URL", "sqlite://env.sqlite"),
        ],
    );
    run.ok();
    assert!(
        run.stdout.contains("Using environment \"test\".\n"),
        "{}",
        run.stdout
    );
    assert_eq!(meta_at(&p, "env.sqlite"), ["20240101000000-things.js"]);
}

#[test]
fn config_flag_and_migration_storage_table_name() {
    let p = TempProject::new();
    p.write(
        "elsewhere/cfg.json",
        r#"{"development": {"dialect": "sqlite", "storage": "db.sqlite", "migrationStorageTableName": "schema_history"}}"#,
    )
    .write("migrations/20240101000000-things.js", MIGRATION);
    p.seqmig(&["db:migrate", "--config", "elsewhere/cfg.json"])
        .ok();
    let n: i64 = p
        .db()
        .query_row("SELECT count(*) FROM schema_history", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1);
    let status = p.seqmig(&["db:migrate:status", "--config", "elsewhere/cfg.json"]);
    status.ok();
    assert!(
        status.stdout.ends_with("up 20240101000000-things.js\n"),
        "{}",
        status.stdout
    );
}

#[test]
fn a_throwing_sequelizerc_is_reported_with_its_file() {
    let p = TempProject::new();
    p.write(".sequelizerc", "throw new Error('rc is broken');\n")
        .sqlite_config();
    let run = p.seqmig(&["db:migrate"]);
    run.expect_code(1);
    assert!(run.stderr.contains("rc is broken"), "{}", run.stderr);
    assert!(run.stderr.contains(".sequelizerc:1"), "{}", run.stderr);
}
