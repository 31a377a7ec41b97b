//! `db:migrate:verify`: each pending migration up, down, up inside a transaction that is
//! rolled back; a `down` that does not undo its `up` is reported, and exits 1.

use crate::safety_common::{pg_project, pg_schema, sqlite_project};
use crate::support::{pg, sqlite_schema, TempProject};

const GOOD: &str = "module.exports = {\n  async up(qi, S) { await qi.createTable('good', { id: { type: S.INTEGER, primaryKey: true }, name: S.STRING }); },\n  async down(qi) { await qi.dropTable('good'); },\n};\n";
/// `down` forgets the table `up` made.
const LEAKY: &str = "module.exports = {\n  async up(qi, S) {\n    await qi.addColumn('good', 'email', { type: S.STRING });\n    await qi.createTable('extra', { id: { type: S.INTEGER, primaryKey: true } });\n  },\n  async down(qi) { await qi.removeColumn('good', 'email'); },\n};\n";
/// `up` cannot run again after `down`.
const NOT_REPEATABLE: &str = "module.exports = {\n  async up(qi) { await qi.addIndex('good', ['name'], { name: 'good_name' }); },\n  async down() {},\n};\n";

fn write(p: &TempProject, leaky: bool) {
    p.write("migrations/20240101000001-good.js", GOOD);
    if leaky {
        p.write("migrations/20240101000002-leaky.js", LEAKY);
    }
}

#[test]
fn sqlite_verify_reports_a_down_that_does_not_undo_and_changes_nothing() {
    let p = sqlite_project(serde_json::json!({}));
    write(&p, false);
    let ok = p.seqmig(&["db:migrate:verify"]);
    ok.ok();
    assert!(
        ok.stdout.contains("== 20240101000001-good: migrated"),
        "{}",
        ok.stdout
    );
    write(&p, true);
    let run = p.seqmig(&["db:migrate:verify"]);
    run.expect_code(1);
    assert!(
        run.stderr
            .contains("seqmig: 20240101000002-leaky.js: down() does not undo up()"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("    + table extra: CREATE TABLE `extra` (`id` INTEGER PRIMARY KEY)")
            || run
                .stderr
                .contains("    + table extra: CREATE TABLE IF NOT EXISTS `extra`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("ERROR: seqmig: 1 migration(s) do not round-trip (up, down, up): 20240101000002-leaky.js"), "{}", run.stderr);
    assert!(
        !run.stderr.contains("20240101000001-good.js: down()"),
        "{}",
        run.stderr
    );
    let tables: i64 = p
        .db()
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .unwrap();
    assert_eq!(tables, 0, "{:?}", sqlite_schema(&p.db()));
}

#[test]
fn postgres_verify_reports_a_down_that_does_not_undo_and_changes_nothing() {
    let db = pg::fresh_database("safety_verify");
    let p = pg_project(&db, serde_json::json!({}));
    write(&p, true);
    let before = pg_schema(&db);
    let run = p.seqmig(&["db:migrate:verify"]);
    run.expect_code(1);
    assert!(
        run.stderr
            .contains("seqmig: 20240101000002-leaky.js: down() does not undo up()"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("    + column public.extra.id integer NO"),
        "{}",
        run.stderr
    );
    assert_eq!(pg_schema(&db), before);
    // An up that cannot run again after its down is reported too.
    p.write("migrations/20240101000002-leaky.js", NOT_REPEATABLE);
    let run = p.seqmig(&["db:migrate:verify"]);
    run.expect_code(1);
    assert!(run.stderr.contains("seqmig: 20240101000002-leaky.js: up() fails after down(): SequelizeDatabaseError: relation \"good_name\" already exists"), "{}", run.stderr);
    assert_eq!(pg_schema(&db), before);
}
