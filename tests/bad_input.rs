//! Bad input gets a clear error, a non-zero exit, and loses nothing: nothing is recorded
//! for a migration that did not complete, and no later migration runs.

use crate::support::{sqlite_meta, Run, TempProject};

const CREATE_A: &str = r#"module.exports = {
  up: (qi, Sequelize) => qi.createTable('a', { id: { type: Sequelize.INTEGER, primaryKey: true } }),
  down: (qi) => qi.dropTable('a'),
};
"#;

const CREATE_C: &str = r#"module.exports = {
  async up(qi, Sequelize) { await qi.createTable('c', { id: Sequelize.INTEGER }); },
  async down(qi) { await qi.dropTable('c'); },
};
"#;

/// A project whose second migration is `bad`, between two good ones.
fn project_with(bad: &str) -> TempProject {
    let p = TempProject::new();
    p.sqlite_config()
        .write("migrations/20240101000000-a.js", CREATE_A)
        .write("migrations/20240102000000-bad.js", bad)
        .write("migrations/20240103000000-c.js", CREATE_C);
    p
}

/// The second migration failed: the first is recorded, nothing else, and `c` never ran.
#[track_caller]
fn assert_stopped_at_bad(p: &TempProject, run: &Run) {
    run.expect_code(1);
    assert_eq!(
        sqlite_meta(&p.db()),
        vec!["20240101000000-a.js".to_string()]
    );
    assert!(
        run.stdout
            .contains("== 20240102000000-bad: migrating =======\n"),
        "{}",
        run.stdout
    );
    assert!(
        !run.stdout.contains("20240102000000-bad: migrated"),
        "{}",
        run.stdout
    );
    assert!(
        !run.stdout.contains("20240103000000-c"),
        "a later migration ran:\n{}",
        run.stdout
    );
    let c: i64 = p
        .db()
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE name = 'c'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(c, 0);
}

#[test]
fn syntax_error_names_file_line_and_column() {
    let p = project_with(
        "module.exports = {\n  up: async (qi) => {\n    await qi.createTable('b', {);\n  },\n};\n",
    );
    let run = p.seqmig(&["db:migrate"]);
    assert_stopped_at_bad(&p, &run);
    assert!(
        run.stderr
            .contains("ERROR: migrations/20240102000000-bad.js:3:"),
        "no file:line:column in:\n{}",
        run.stderr
    );
}

#[test]
fn throw_inside_up_shows_the_stack_and_records_nothing() {
    let p = project_with(
        "module.exports = {\n  async up(qi, Sequelize) {\n    await qi.createTable('b', { id: Sequelize.INTEGER });\n    throw new Error('boom in b');\n  },\n  async down() {},\n};\n",
    );
    let run = p.seqmig(&["db:migrate"]);
    assert_stopped_at_bad(&p, &run);
    assert!(run.stderr.contains("ERROR: boom in b\n"), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "seqmig: migrations/20240102000000-bad.js failed in up(); it was not recorded."
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("20240102000000-bad.js:4"),
        "the stack should point at line 4:\n{}",
        run.stderr
    );
    // What it had done stays (no transaction, as in sequelize-cli), and is listed.
    assert!(
        run.stderr.contains("CREATE TABLE IF NOT EXISTS `b`"),
        "{}",
        run.stderr
    );
    let b: i64 = p
        .db()
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE name = 'b'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(b, 1);
}

/// Boa's "cannot convert 'null' or 'undefined' to object" became, for a property read,
/// the property's name, as Node gives it (regression test).
#[test]
fn reading_a_property_of_undefined_names_the_property() {
    let p = project_with("module.exports = {\n  up: async (queryInterface, Sequelize) => {\n    const opts = {};\n    return opts.attributes.id;\n  },\n  down: () => Promise.resolve(),\n};\n");
    let run = p.seqmig(&["db:migrate"]);
    assert_stopped_at_bad(&p, &run);
    assert!(
        run.stderr
            .contains("ERROR: Cannot read properties of undefined or null (reading 'id')\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("20240102000000-bad.js:4"),
        "{}",
        run.stderr
    );
}

#[test]
fn unknown_query_interface_method_fails_as_node_would() {
    let p = project_with("module.exports = {\n  up: (queryInterface) => queryInterface.foo('x'),\n  down: () => Promise.resolve(),\n};\n");
    let run = p.seqmig(&["db:migrate"]);
    assert_stopped_at_bad(&p, &run);
    assert!(
        run.stderr
            .contains("ERROR: queryInterface.foo is not a function\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("20240102000000-bad.js:2"),
        "{}",
        run.stderr
    );
}

#[test]
fn up_that_returns_no_promise_fails_like_sequelize_cli() {
    let p = project_with("module.exports = { up() {}, down() {} };\n");
    let run = p.seqmig(&["db:migrate"]);
    assert_stopped_at_bad(&p, &run);
    assert!(
        run.stderr.contains(
            "ERROR: Migration 20240102000000-bad.js (or wrapper) didn't return a promise\n"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_promise_that_never_settles_is_reported_not_waited_on() {
    let p = project_with(
        "module.exports = { up: () => new Promise(() => {}), down: () => Promise.resolve() };\n",
    );
    let run = p.seqmig(&["db:migrate"]);
    assert_stopped_at_bad(&p, &run);
    assert!(
        run.stderr.contains("20240102000000-bad.js"),
        "{}",
        run.stderr
    );
}

#[test]
fn missing_config_file_gets_sequelize_cli_message() {
    let p = TempProject::new();
    p.write("migrations/20240101000000-a.js", CREATE_A);
    let run = p.seqmig(&["db:migrate"]);
    run.expect_code(1);
    let expected = format!(
        "ERROR: Cannot find \"{}\". Have you run \"sequelize init\"?\n",
        p.path().join("config/config.json").display()
    );
    assert_eq!(run.stderr, expected);
}

#[test]
fn missing_environment_names_environment_and_file() {
    let p = TempProject::new();
    p.sqlite_config()
        .write("migrations/20240101000000-a.js", CREATE_A);
    let run = p.seqmig(&["db:migrate", "--env", "staging"]);
    run.expect_code(1);
    assert_eq!(
        run.stderr,
        "ERROR: environment \"staging\" is not defined in config/config.json (it defines: development)\n"
    );
    assert!(
        !p.path().join("db.sqlite").exists(),
        "no database should have been created"
    );
}

#[test]
fn malformed_config_json_is_one_line() {
    let p = TempProject::new();
    p.write(
        "config/config.json",
        "{ \"development\": { \"dialect\": \"sqlite\", } }",
    );
    let run = p.seqmig(&["db:migrate"]);
    run.expect_code(1);
    assert!(
        run.stderr
            .starts_with("ERROR: Error reading \"config/config.json\". Error: SyntaxError: "),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
}

#[test]
fn missing_migrations_folder_is_one_line() {
    let p = TempProject::new();
    p.sqlite_config();
    let run = p.seqmig(&["db:migrate"]);
    run.expect_code(1);
    assert_eq!(
        run.stderr,
        format!(
            "ERROR: the migrations folder {} does not exist\n",
            p.path().join("migrations").display()
        )
    );
}

#[test]
fn unreadable_migration_file_is_one_line() {
    let p = TempProject::new();
    p.sqlite_config()
        .write("migrations/20240101000000-a.js", CREATE_A);
    std::os::unix::fs::symlink(
        p.path().join("nowhere.js"),
        p.path().join("migrations/20240102000000-gone.js"),
    )
    .unwrap();
    let run = p.seqmig(&["db:migrate"]);
    run.expect_code(1);
    assert!(run.stderr.starts_with("ERROR: "), "{}", run.stderr);
    assert!(
        run.stderr.contains("20240102000000-gone.js"),
        "{}",
        run.stderr
    );
}

#[test]
fn unknown_option_is_a_usage_error_with_exit_1() {
    let p = TempProject::new();
    let run = p.seqmig(&["db:migrate", "--frobnicate"]);
    run.expect_code(1);
    assert!(run.stderr.contains("--frobnicate"), "{}", run.stderr);
}

#[test]
fn process_exit_in_up_ends_the_run_with_its_status_and_records_nothing() {
    let p =
        project_with("module.exports = { async up() { process.exit(3); }, async down() {} };\n");
    let run = p.seqmig(&["db:migrate"]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert_eq!(
        sqlite_meta(&p.db()),
        vec!["20240101000000-a.js".to_string()]
    );
    assert!(!run.stderr.contains("ERROR"), "{}", run.stderr);
}

#[test]
fn a_failing_down_says_it_stays_recorded() {
    let p = project_with("module.exports = { async up() {}, async down() { throw new Error('cannot go back'); } };\n");
    p.seqmig(&["db:migrate", "--to", "20240102000000-bad.js"])
        .ok();
    let run = p.seqmig(&["db:migrate:undo"]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("ERROR: cannot go back\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("seqmig: migrations/20240102000000-bad.js failed in down(); it stays recorded as applied."),
        "{}",
        run.stderr
    );
    assert_eq!(
        sqlite_meta(&p.db()),
        vec![
            "20240101000000-a.js".to_string(),
            "20240102000000-bad.js".to_string()
        ]
    );
}
