//! `--atomic` / `"seqmigAtomic": true`: a migration and its SequelizeMeta row commit
//! together; a failing one leaves nothing. Migrations that cannot run in a transaction run
//! as sequelize-cli runs them, with a notice, or are refused under `--atomic=strict`.

use crate::safety_common::{
    pg_project, pg_rows, pg_table_exists, sqlite_project, sqlite_table_exists,
};
use crate::support::{pg, sqlite_meta, TempProject};

const FIRST: &str = "module.exports = {\n  async up(qi, S) { await qi.createTable('first', { id: { type: S.INTEGER, primaryKey: true } }); },\n  async down(qi) { await qi.dropTable('first'); },\n};\n";
const THROWS: &str = "module.exports = {\n  async up(qi, S) {\n    await qi.createTable('half', { id: { type: S.INTEGER, primaryKey: true } });\n    await qi.bulkInsert('first', [{ id: 1 }]);\n    throw new Error('boom after half');\n  },\n  async down(qi) { await qi.dropTable('half'); },\n};\n";
/// Its own managed transaction nests as a savepoint inside seqmig's.
const WITH_TX: &str = "module.exports = {\n  async up(qi, S) {\n    await qi.sequelize.transaction(async (t) => {\n      await qi.createTable('inner', { id: { type: S.INTEGER, primaryKey: true } }, { transaction: t });\n      await qi.bulkInsert('inner', [{ id: 7 }], { transaction: t });\n    });\n    await qi.bulkInsert('first', [{ id: 2 }]);\n  },\n  async down(qi) { await qi.dropTable('inner'); },\n};\n";

fn write(p: &TempProject, second: &str) {
    p.write("migrations/20240101000001-first.js", FIRST);
    p.write("migrations/20240101000002-second.js", second);
}

#[test]
fn sqlite_atomic_failure_leaves_nothing() {
    let p = sqlite_project(serde_json::json!({}));
    write(&p, THROWS);
    let run = p.seqmig(&["db:migrate", "--atomic"]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("ERROR: boom after half\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "seqmig: 20240101000002-second.js was rolled back: nothing of it remains (--atomic)"
        ),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("which stay applied"), "{}", run.stderr);
    assert!(!sqlite_table_exists(&p, "half"));
    let rows: i64 = p
        .db()
        .query_row("SELECT count(*) FROM first", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, 0);
    assert_eq!(
        sqlite_meta(&p.db()),
        vec!["20240101000001-first.js".to_string()]
    );
    // Without the flag, as sequelize-cli: the table stays.
    let plain = p.seqmig(&["db:migrate"]);
    plain.expect_code(1);
    assert!(sqlite_table_exists(&p, "half"));
}

#[test]
fn sqlite_config_key_opts_in_and_nested_transactions_become_savepoints() {
    let p = sqlite_project(serde_json::json!({"seqmigAtomic": true}));
    write(&p, WITH_TX);
    p.write("migrations/20240101000003-third.js", THROWS);
    let run = p.seqmig(&["db:migrate"]);
    run.expect_code(1);
    assert!(
        run.stdout.contains("20240101000002-second: migrated"),
        "{}\n{}",
        run.stdout,
        run.stderr
    );
    assert!(sqlite_table_exists(&p, "inner"));
    assert!(!sqlite_table_exists(&p, "half"));
    let db = p.db();
    let ids: Vec<i64> = db
        .prepare("SELECT id FROM first ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(ids, vec![2]);
    assert_eq!(sqlite_meta(&p.db()).len(), 2);
    // undo runs atomically too.
    p.seqmig(&["db:migrate:undo:all"]).ok();
    assert!(sqlite_meta(&p.db()).is_empty());
}

#[test]
fn postgres_atomic_failure_leaves_nothing() {
    let db = pg::fresh_database("safety_atomic");
    let p = pg_project(&db, serde_json::json!({}));
    write(&p, THROWS);
    let run = p.seqmig(&["db:migrate", "--atomic"]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("ERROR: boom after half\n"),
        "{}",
        run.stderr
    );
    assert!(!pg_table_exists(&db, "half"));
    assert!(pg_rows(&db, "first").is_empty());
    assert_eq!(
        pg_rows(&db, "SequelizeMeta"),
        vec!["(20240101000001-first.js)".to_string()]
    );
    // A migration with its own transaction commits with its row.
    write(&p, WITH_TX);
    p.seqmig(&["db:migrate", "--atomic"]).ok();
    assert!(pg_table_exists(&db, "inner"));
    assert_eq!(pg_rows(&db, "first"), vec!["(2)".to_string()]);
    assert_eq!(pg_rows(&db, "SequelizeMeta").len(), 2);
}

const CONCURRENTLY: &str = "module.exports = {\n  async up(qi) {\n    await qi.addIndex('first', ['id'], { name: 'first_id_c', concurrently: true });\n  },\n  async down(qi) { await qi.removeIndex('first', 'first_id_c'); },\n};\n";

#[test]
fn postgres_concurrently_runs_outside_a_transaction_with_a_notice() {
    let db = pg::fresh_database("safety_atomic_conc");
    let p = pg_project(&db, serde_json::json!({}));
    write(&p, CONCURRENTLY);
    let strict = p.seqmig(&["db:migrate", "--atomic=strict"]);
    strict.expect_code(1);
    assert!(
        strict.stderr.contains("ERROR: seqmig: 20240101000002-second.js cannot run atomically: it uses CREATE/DROP INDEX CONCURRENTLY; --atomic=strict refuses it, and it was not run"),
        "{}",
        strict.stderr
    );
    assert!(
        !strict.stdout.contains("20240101000002-second: migrating"),
        "{}",
        strict.stdout
    );
    assert_eq!(pg_rows(&db, "SequelizeMeta").len(), 1);

    let run = p.seqmig(&["db:migrate", "--atomic"]);
    run.ok();
    assert!(
        run.stderr.contains("seqmig: 20240101000002-second.js runs outside a transaction, as sequelize-cli runs it: it uses CREATE/DROP INDEX CONCURRENTLY"),
        "{}",
        run.stderr
    );
    assert_eq!(pg_rows(&db, "SequelizeMeta").len(), 2);
}

#[test]
fn sqlite_pragma_and_opt_out_run_outside_a_transaction() {
    let p = sqlite_project(serde_json::json!({"seqmigAtomic": "strict"}));
    write(&p, "module.exports = {\n  async up(qi) { await qi.sequelize.query('PRAGMA foreign_keys = OFF'); await qi.sequelize.query('PRAGMA foreign_keys = ON'); },\n  async down() {},\n};\n");
    p.write(
        "migrations/20240101000003-optout.js",
        &THROWS.replace(
            "module.exports = {",
            "exports.transaction = false;\nmodule.exports = {",
        ),
    );
    let strict = p.seqmig(&["db:migrate"]);
    strict.expect_code(1);
    assert!(
        strict
            .stderr
            .contains("cannot run atomically: it sets PRAGMA foreign_keys"),
        "{}",
        strict.stderr
    );
    // The flag wins over the config.
    let run = p.seqmig(&["db:migrate", "--atomic"]);
    run.expect_code(1);
    assert!(run.stderr.contains("seqmig: 20240101000002-second.js runs outside a transaction, as sequelize-cli runs it: it sets PRAGMA foreign_keys"), "{}", run.stderr);
    assert!(run.stderr.contains("seqmig: 20240101000003-optout.js runs outside a transaction, as sequelize-cli runs it: it sets exports.transaction = false"), "{}", run.stderr);
    // Not atomic: what the opted-out migration did stays, as in sequelize-cli.
    assert!(sqlite_table_exists(&p, "half"));
    assert_eq!(sqlite_meta(&p.db()).len(), 2);
}
