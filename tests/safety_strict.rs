//! Strictness: a forgotten `await` whose promise rejects is the migration's failure, named
//! with its file:line; `--to`/`--from`/`--name` that match no file exit 1.

use crate::safety_common::sqlite_project;
use crate::support::sqlite_meta;

const FIRST: &str = "module.exports = {\n  async up(qi, S) { await qi.createTable('first', { id: { type: S.INTEGER, primaryKey: true } }); },\n  async down(qi) { await qi.dropTable('first'); },\n};\n";

#[test]
fn a_forgotten_await_that_rejects_fails_the_migration_with_its_line() {
    let p = sqlite_project(serde_json::json!({}));
    p.write("migrations/20240101000001-first.js", FIRST);
    p.write(
        "migrations/20240101000002-forgot.js",
        "module.exports = {\n  async up(qi, S) {\n    qi.sequelize.query('SELECT * FROM nope');\n    await qi.createTable('later', { id: S.INTEGER });\n  },\n  async down() {},\n};\n",
    );
    let run = p.seqmig(&["db:migrate"]);
    run.expect_code(1);
    assert!(
        run.stderr
            .contains("seqmig: migrations/20240101000002-forgot.js:3:"),
        "no file:line in:\n{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("a promise that nothing awaited was rejected (a forgotten `await`?)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("ERROR: SQLITE_ERROR: no such table: nope\n"),
        "{}",
        run.stderr
    );
    assert_eq!(
        sqlite_meta(&p.db()),
        vec!["20240101000001-first.js".to_string()]
    );
}

#[test]
fn to_from_and_name_matching_no_file_exit_1() {
    let p = sqlite_project(serde_json::json!({}));
    p.write("migrations/20240101000001-first.js", FIRST);
    for args in [
        ["db:migrate", "--to", "nosuch.js"],
        ["db:migrate", "--from", "nosuch.js"],
        ["db:migrate", "--name", "nosuch.js"],
    ] {
        let run = p.seqmig(&args);
        run.expect_code(1);
        assert!(
            run.stderr.contains("matches no migration file")
                || run.stderr.contains("Unable to find migration: nosuch.js"),
            "{args:?}: {}",
            run.stderr
        );
    }
    assert!(sqlite_meta(&p.db()).is_empty());
}
