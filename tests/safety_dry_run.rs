//! `--dry-run`: the SQL of each pending migration, under its name, and the database left
//! exactly as it was (schema, rows, SequelizeMeta), on SQLite and PostgreSQL.

use crate::safety_common::{pg_project, pg_rows, pg_schema, sqlite_project, sqlite_rows};
use crate::support::{pg, sqlite_meta, sqlite_schema, TempProject};

/// Three migrations; the second reads the schema the dry run has built so far.
pub fn write_sample(p: &TempProject) {
    p.write(
        "migrations/20240101000001-users.js",
        "module.exports = {\n  async up(qi, S) {\n    await qi.createTable('users', { id: { type: S.INTEGER, primaryKey: true, autoIncrement: true }, email: { type: S.STRING, unique: true } });\n    await qi.bulkInsert('users', [{ email: 'alice@example.com' }]);\n  },\n  async down(qi) { await qi.dropTable('users'); },\n};\n",
    );
    p.write(
        "migrations/20240101000002-age.js",
        "module.exports = {\n  async up(qi, S) {\n    const d = await qi.describeTable('users');\n    if (!d.age) await qi.addColumn('users', 'age', { type: S.INTEGER });\n    await qi.bulkUpdate('users', { age: 42 }, { email: 'alice@example.com' });\n  },\n  async down(qi) { await qi.removeColumn('users', 'age'); },\n};\n",
    );
    p.write(
        "migrations/20240101000003-posts.js",
        "module.exports = {\n  async up(qi, S) {\n    await qi.createTable('posts', { id: { type: S.INTEGER, primaryKey: true, autoIncrement: true }, userId: { type: S.INTEGER, references: { model: 'users', key: 'id' } } });\n    await qi.addIndex('posts', ['userId']);\n  },\n  async down(qi) { await qi.dropTable('posts'); },\n};\n",
    );
}

#[track_caller]
fn assert_lists_steps(stdout: &str, steps: &[&str], needles: &[&str]) {
    let mut at = 0;
    for s in steps {
        let i = stdout[at..]
            .find(&format!("== 20240101000{s}:"))
            .unwrap_or_else(|| panic!("{s} missing or out of order:\n{stdout}"));
        at += i + 1;
    }
    for n in needles {
        assert!(stdout.contains(n), "no `{n}` in:\n{stdout}");
    }
}

#[test]
fn sqlite_dry_run_prints_sql_and_changes_nothing() {
    let p = sqlite_project(serde_json::json!({}));
    write_sample(&p);
    // From nothing at all: not even SequelizeMeta may appear.
    let run = p.seqmig(&["db:migrate", "--dry-run"]);
    run.ok();
    assert_lists_steps(
        &run.stdout,
        &["001-users", "002-age", "003-posts"],
        &[
            "    CREATE TABLE IF NOT EXISTS `users`",
            "    ALTER TABLE `users` ADD `age` INTEGER;",
            "    CREATE INDEX `posts_user_id` ON `posts` (`userId`)",
        ],
    );
    assert!(
        run.stderr
            .contains("seqmig: dry run: rolled back; the database is exactly as it was."),
        "{}",
        run.stderr
    );
    let tables: i64 = p
        .db()
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .unwrap();
    assert_eq!(tables, 0, "{:?}", sqlite_schema(&p.db()));

    p.seqmig(&["db:migrate", "--to", "20240101000001-users.js"])
        .ok();
    let before = (
        sqlite_schema(&p.db()),
        sqlite_meta(&p.db()),
        sqlite_rows(&p, "users"),
    );
    let run = p.seqmig(&["db:migrate", "--dry-run"]);
    run.ok();
    assert_lists_steps(
        &run.stdout,
        &["002-age", "003-posts"],
        &["ALTER TABLE `users` ADD `age` INTEGER;"],
    );
    assert!(!run.stdout.contains("001-users"), "{}", run.stdout);
    assert_eq!(
        (
            sqlite_schema(&p.db()),
            sqlite_meta(&p.db()),
            sqlite_rows(&p, "users")
        ),
        before
    );

    p.seqmig(&["db:migrate"]).ok();
    let before = (
        sqlite_schema(&p.db()),
        sqlite_meta(&p.db()),
        sqlite_rows(&p, "users"),
    );
    let undo = p.seqmig(&["db:migrate:undo:all", "--dry-run"]);
    undo.ok();
    assert_lists_steps(
        &undo.stdout,
        &["003-posts", "002-age", "001-users"],
        &[
            "DROP TABLE IF EXISTS `posts`",
            "DROP TABLE IF EXISTS `users`",
        ],
    );
    assert_eq!(
        (
            sqlite_schema(&p.db()),
            sqlite_meta(&p.db()),
            sqlite_rows(&p, "users")
        ),
        before
    );
}

#[test]
fn postgres_dry_run_prints_sql_and_changes_nothing() {
    let db = pg::fresh_database("safety_dry_run");
    let p = pg_project(&db, serde_json::json!({}));
    write_sample(&p);
    let empty = pg_schema(&db);
    let run = p.seqmig(&["db:migrate", "--dry-run"]);
    run.ok();
    assert_lists_steps(
        &run.stdout,
        &["001-users", "002-age", "003-posts"],
        &[
            "CREATE TABLE IF NOT EXISTS \"users\"",
            "ADD COLUMN \"age\" INTEGER",
            "CREATE INDEX \"posts_user_id\"",
        ],
    );
    assert_eq!(pg_schema(&db), empty);

    p.seqmig(&["db:migrate", "--to", "20240101000001-users.js"])
        .ok();
    let before = (
        pg_schema(&db),
        pg_rows(&db, "SequelizeMeta"),
        pg_rows(&db, "users"),
    );
    p.seqmig(&["db:migrate", "--dry-run"]).ok();
    assert_eq!(
        (
            pg_schema(&db),
            pg_rows(&db, "SequelizeMeta"),
            pg_rows(&db, "users")
        ),
        before
    );

    p.seqmig(&["db:migrate"]).ok();
    let before = (
        pg_schema(&db),
        pg_rows(&db, "SequelizeMeta"),
        pg_rows(&db, "users"),
    );
    let undo = p.seqmig(&["db:migrate:undo", "--dry-run"]);
    undo.ok();
    assert_lists_steps(
        &undo.stdout,
        &["003-posts"],
        &["DROP TABLE IF EXISTS \"posts\""],
    );
    assert_eq!(
        (
            pg_schema(&db),
            pg_rows(&db, "SequelizeMeta"),
            pg_rows(&db, "users")
        ),
        before
    );
}

#[test]
fn a_dry_run_stops_before_what_cannot_run_in_a_transaction() {
    let p = sqlite_project(serde_json::json!({}));
    write_sample(&p);
    p.write(
        "migrations/20240101000004-pragma.js",
        "module.exports = {\n  async up(qi) {\n    await qi.sequelize.query('PRAGMA foreign_keys = OFF');\n    await qi.dropTable('posts');\n    await qi.sequelize.query('PRAGMA foreign_keys = ON');\n  },\n  async down() {},\n};\n",
    );
    p.seqmig(&["db:migrate", "--to", "20240101000001-users.js"])
        .ok();
    let before = (sqlite_schema(&p.db()), sqlite_meta(&p.db()));
    let run = p.seqmig(&["db:migrate", "--dry-run"]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("ERROR: seqmig: the dry run stops at 20240101000004-pragma.js: it sets PRAGMA foreign_keys, which cannot run inside the dry run's transaction"),
        "{}",
        run.stderr
    );
    assert_lists_steps(&run.stdout, &["002-age", "003-posts"], &[]);
    assert_eq!((sqlite_schema(&p.db()), sqlite_meta(&p.db())), before);
}

#[test]
fn a_failing_migration_in_a_dry_run_leaves_nothing_either() {
    let p = sqlite_project(serde_json::json!({}));
    write_sample(&p);
    p.write(
        "migrations/20240101000004-bad.js",
        "module.exports = {\n  async up(qi, S) {\n    await qi.createTable('junk', { id: S.INTEGER });\n    throw new Error('no');\n  },\n  async down() {},\n};\n",
    );
    let run = p.seqmig(&["db:migrate", "--dry-run", "--json"]);
    run.expect_code(1);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["dryRun"], true);
    assert_eq!(doc["migrations"][3]["error"]["message"], "no");
    assert!(
        doc["migrations"][0]["statements"][0]
            .as_str()
            .unwrap()
            .starts_with("CREATE TABLE IF NOT EXISTS `users`"),
        "{doc}"
    );
    let tables: i64 = p
        .db()
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .unwrap();
    assert_eq!(tables, 0);
}
