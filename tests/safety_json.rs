//! `--json`: stdout is exactly one JSON document; exit codes as without it.

use serde_json::Value as Json;

use crate::safety_common::sqlite_project;
use crate::support::{sqlite_meta, Run, TempProject};

const GOOD: &str = "module.exports = {\n  async up(qi, S) { console.log('hello from up'); await qi.createTable('a', { id: { type: S.INTEGER, primaryKey: true } }); },\n  async down(qi) { await qi.dropTable('a'); },\n};\n";
const BAD: &str = "module.exports = {\n  async up(qi, S) {\n    await qi.createTable('b', { id: S.INTEGER });\n    throw new Error('boom in b');\n  },\n  async down() {},\n};\n";

#[track_caller]
fn document(run: &Run) -> Json {
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not one JSON document ({e}):\n{}\n--- stderr\n{}",
            run.stdout, run.stderr
        )
    })
}

fn project() -> TempProject {
    let p = sqlite_project(serde_json::json!({}));
    p.write("migrations/20240101000000-a.js", GOOD);
    p
}

#[test]
fn migrate_status_and_undo_as_json() {
    let p = project();
    let run = p.seqmig(&["db:migrate", "--json"]);
    run.ok();
    let doc = document(&run);
    assert_eq!(doc["command"], "db:migrate");
    assert_eq!(doc["ok"], true);
    assert_eq!(doc["error"], Json::Null);
    let ms = doc["migrations"].as_array().unwrap();
    assert_eq!(ms.len(), 1);
    assert_eq!(ms[0]["name"], "20240101000000-a");
    assert_eq!(ms[0]["file"], "20240101000000-a.js");
    assert_eq!(ms[0]["direction"], "up");
    assert!(ms[0]["duration_ms"].is_u64(), "{doc}");
    assert_eq!(ms[0]["error"], Json::Null);
    // The migration's console.log went to stderr, and no banner reached stdout.
    assert!(run.stderr.contains("hello from up\n"), "{}", run.stderr);
    assert!(!run.stdout.contains("seqmig ["), "{}", run.stdout);

    let again = p.seqmig(&["db:migrate", "--json"]);
    again.ok();
    let doc = document(&again);
    assert_eq!(doc["migrations"], serde_json::json!([]));
    assert_eq!(
        doc["notices"][0],
        "No migrations were executed, database schema was already up to date."
    );

    p.write(
        "migrations/20240102000000-c.js",
        GOOD.replace("'a'", "'c'").as_str(),
    );
    let status = p.seqmig(&["db:migrate:status", "--json"]);
    status.ok();
    let doc = document(&status);
    assert_eq!(doc["command"], "db:migrate:status");
    assert_eq!(
        doc["migrations"],
        serde_json::json!([
            {"name": "20240101000000-a", "file": "20240101000000-a.js", "state": "up"},
            {"name": "20240102000000-c", "file": "20240102000000-c.js", "state": "down"},
        ])
    );

    let undo = p.seqmig(&["db:migrate:undo:all", "--json"]);
    undo.ok();
    let doc = document(&undo);
    assert_eq!(doc["command"], "db:migrate:undo:all");
    assert_eq!(doc["migrations"][0]["direction"], "down");
    assert_eq!(doc["migrations"][0]["file"], "20240101000000-a.js");
    assert!(sqlite_meta(&p.db()).is_empty());
}

#[test]
fn a_failure_is_one_document_and_exit_1() {
    let p = project();
    p.write("migrations/20240102000000-bad.js", BAD);
    let run = p.seqmig(&["db:migrate", "--json"]);
    run.expect_code(1);
    let doc = document(&run);
    assert_eq!(doc["ok"], false);
    assert_eq!(doc["error"]["kind"], "migration");
    assert_eq!(doc["error"]["message"], "boom in b");
    assert_eq!(doc["error"]["file"], "20240102000000-bad.js");
    assert_eq!(doc["error"]["method"], "up");
    assert!(
        doc["error"]["statements"][0]
            .as_str()
            .unwrap()
            .contains("CREATE TABLE IF NOT EXISTS `b`"),
        "{doc}"
    );
    let ms = doc["migrations"].as_array().unwrap();
    assert_eq!(ms.len(), 2);
    assert_eq!(ms[0]["error"], Json::Null);
    assert_eq!(ms[1]["error"]["message"], "boom in b");
    assert_eq!(ms[1]["duration_ms"], Json::Null);
    assert_eq!(
        sqlite_meta(&p.db()),
        vec!["20240101000000-a.js".to_string()]
    );
}

#[test]
fn a_config_error_is_one_document_too() {
    let p = TempProject::new();
    let run = p.seqmig(&["db:migrate:status", "--json"]);
    run.expect_code(1);
    let doc = document(&run);
    assert_eq!(doc["ok"], false);
    assert_eq!(doc["error"]["kind"], "config");
    assert!(
        doc["error"]["message"]
            .as_str()
            .unwrap()
            .contains("Have you run \"sequelize init\"?"),
        "{doc}"
    );
}

#[test]
fn logged_sql_goes_to_stderr_under_json() {
    let p = sqlite_project(serde_json::json!({"logging": true}));
    p.write("migrations/20240101000000-a.js", GOOD);
    let run = p.seqmig(&["db:migrate", "--json", "--debug"]);
    run.ok();
    document(&run);
    assert!(
        run.stderr
            .contains("Executing (default): CREATE TABLE IF NOT EXISTS `a`"),
        "{}",
        run.stderr
    );
}
