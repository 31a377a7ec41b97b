//! A SequelizeMeta write that fails after the migration ran (issue 22, item 3): the error
//! names the migration that was applied but not recorded, lists the statements it applied,
//! and `--json` carries the file. Under `--atomic` nothing of it remains. Checked as an
//! invariant: the output's `migrated` lines are what SequelizeMeta holds, and the table the
//! migration created is there exactly when the output says it stays applied.

use crate::safety_common::{pg_client, pg_project, pg_table_exists, sqlite_project};
use crate::support::{pg, Run, TempProject};

const FIRST: &str = "20240101000001-first.js";
const CREATES: &str = "module.exports = {\n  async up(qi, S) { await qi.createTable('made', { id: { type: S.INTEGER, primaryKey: true } }); },\n  async down(qi) { await qi.dropTable('made'); },\n};\n";
const DROPS_META: &str = "module.exports = {\n  async up(qi, S) {\n    await qi.createTable('made', { id: { type: S.INTEGER, primaryKey: true } });\n    await qi.dropTable('SequelizeMeta');\n  },\n  async down() {},\n};\n";

#[track_caller]
fn assert_names_the_unrecorded_file(run: &Run, statement: &str) {
    let all = format!("--- stdout\n{}--- stderr\n{}", run.stdout, run.stderr);
    run.expect_code(1);
    assert!(!all.contains("panicked"), "{all}");
    assert!(!run.stdout.contains("migrated ("), "{all}");
    assert!(
        run.stderr.contains(&format!(
            "seqmig: migrations/{FIRST}: up() ran, but recording it in SequelizeMeta failed: it is applied and NOT recorded"
        )),
        "{all}"
    );
    assert!(
        run.stderr.contains(&format!("    {statement}")),
        "the applied statement is listed\n{all}"
    );
}

#[track_caller]
fn assert_json_names_the_file(run: &Run) {
    run.expect_code(1);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["error"]["kind"], "migration", "{}", run.stdout);
    assert_eq!(doc["error"]["file"], FIRST, "{}", run.stdout);
    assert!(
        doc["error"]["statements"].as_array().unwrap().len() == 1,
        "{}",
        run.stdout
    );
}

fn sqlite_meta_rows(p: &TempProject) -> i64 {
    p.db()
        .query_row("SELECT count(*) FROM SequelizeMeta", [], |r| r.get(0))
        .unwrap_or(-1)
}

const SQLITE_CREATE: &str = "CREATE TABLE IF NOT EXISTS `made` (`id` INTEGER PRIMARY KEY);";
const PG_CREATE: &str =
    "CREATE TABLE IF NOT EXISTS \"made\" (\"id\" INTEGER , PRIMARY KEY (\"id\"));";

#[test]
fn sqlite_failed_sequelizemeta_insert_names_the_applied_migration() {
    for setup in [
        "CREATE TABLE SequelizeMeta (name VARCHAR(255) NOT NULL UNIQUE PRIMARY KEY, who TEXT NOT NULL);",
        "CREATE TABLE other (name TEXT); CREATE VIEW SequelizeMeta AS SELECT name FROM other;",
    ] {
        let p = sqlite_project(serde_json::json!({}));
        p.write(&format!("migrations/{FIRST}"), CREATES);
        p.db().execute_batch(setup).unwrap();
        let run = p.seqmig(&["db:migrate"]);
        assert_names_the_unrecorded_file(&run, SQLITE_CREATE);
        assert!(crate::safety_common::sqlite_table_exists(&p, "made"));
        assert_eq!(sqlite_meta_rows(&p), 0);
        let json = p.seqmig(&["db:migrate", "--json"]);
        assert_json_names_the_file(&json);
        // Under --atomic the migration goes with its failed row.
        p.db().execute_batch("DROP TABLE made").unwrap();
        let atomic = p.seqmig(&["db:migrate", "--atomic"]);
        atomic.expect_code(1);
        assert!(
            atomic.stderr.contains(&format!("seqmig: migrations/{FIRST}: up() ran, but recording it in SequelizeMeta failed; its --atomic transaction was rolled back, so nothing of it remains; it was not recorded.")),
            "{}",
            atomic.stderr
        );
        assert!(!crate::safety_common::sqlite_table_exists(&p, "made"));
    }
}

#[test]
fn sqlite_migration_that_drops_sequelizemeta_is_named() {
    let p = sqlite_project(serde_json::json!({}));
    p.write(&format!("migrations/{FIRST}"), DROPS_META);
    let run = p.seqmig(&["db:migrate"]);
    assert!(run.stderr.contains("no such table"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains(&format!("migrations/{FIRST}: up() ran")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("    DROP TABLE IF EXISTS `SequelizeMeta`;"),
        "{}",
        run.stderr
    );
    assert!(crate::safety_common::sqlite_table_exists(&p, "made"));
}

fn pg_meta_rows(db: &pg::PgDb) -> i64 {
    pg_client(db)
        .query_one("SELECT count(*) FROM \"SequelizeMeta\"", &[])
        .map(|r| r.get(0))
        .unwrap_or(-1)
}

#[test]
fn postgres_failed_sequelizemeta_insert_names_the_applied_migration() {
    for (i, setup) in [
        "CREATE TABLE \"SequelizeMeta\" (name VARCHAR(255) NOT NULL PRIMARY KEY, who TEXT NOT NULL);",
        // A view PostgreSQL cannot insert into.
        "CREATE TABLE other (name VARCHAR(255)); CREATE VIEW \"SequelizeMeta\" AS SELECT DISTINCT name FROM other;",
    ]
    .into_iter()
    .enumerate()
    {
        let db = pg::fresh_database(&format!("recording_{i}"));
        pg_client(&db).batch_execute(setup).unwrap();
        let p = pg_project(&db, serde_json::json!({}));
        p.write(&format!("migrations/{FIRST}"), CREATES);
        let run = p.seqmig(&["db:migrate"]);
        assert_names_the_unrecorded_file(&run, PG_CREATE);
        assert!(pg_table_exists(&db, "made"));
        assert_eq!(pg_meta_rows(&db), 0);
        let json = p.seqmig(&["db:migrate", "--json"]);
        assert_json_names_the_file(&json);
        pg_client(&db).batch_execute("DROP TABLE made").unwrap();
        let atomic = p.seqmig(&["db:migrate", "--atomic"]);
        atomic.expect_code(1);
        assert!(
            atomic.stderr.contains("so nothing of it remains; it was not recorded."),
            "{}",
            atomic.stderr
        );
        assert!(!pg_table_exists(&db, "made"));
    }
}

#[test]
fn postgres_migration_that_drops_sequelizemeta_is_named() {
    let db = pg::fresh_database("recording_drop");
    let p = pg_project(&db, serde_json::json!({}));
    p.write(&format!("migrations/{FIRST}"), DROPS_META);
    let run = p.seqmig(&["db:migrate"]);
    run.expect_code(1);
    assert!(
        run.stderr
            .contains(&format!("migrations/{FIRST}: up() ran")),
        "{}",
        run.stderr
    );
    assert!(pg_table_exists(&db, "made"));
    assert!(!pg_table_exists(&db, "SequelizeMeta"));
}
