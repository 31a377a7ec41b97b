//! The durability settings of a run (issue 9): a run that changes the database commits
//! without waiting for the disk (SQLite: WAL with synchronous=NORMAL; PostgreSQL:
//! synchronous_commit=off) and leaves the database as it found it: a rollback-journal
//! SQLite file with nothing beside it, after success, after a failed migration, and, once
//! the next run has been, after a SIGKILL. Read-only commands and dry runs switch nothing.

use crate::safety_common::{
    kill9, pg_client, pg_project, spawn_seqmig, sqlite_project, wait_for_file,
};
use crate::support::{pg, sqlite_meta, TempProject};

/// A migration that prints the journal mode its connection sees, then creates `table`.
fn mode_probe(table: &str) -> String {
    format!(
        "module.exports = {{\n  async up(qi, S) {{\n    const rows = await qi.sequelize.query('PRAGMA journal_mode', {{ type: S.QueryTypes.SELECT }});\n    console.log('journal_mode=' + rows[0].journal_mode);\n    await qi.createTable('{table}', {{ id: {{ type: S.INTEGER, primaryKey: true }} }});\n  }},\n  async down(qi) {{ await qi.dropTable('{table}'); }},\n}};\n"
    )
}

fn journal_mode(p: &TempProject) -> String {
    p.db()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap()
}

/// What lies beside db.sqlite: -wal, -shm, -journal, seqmig's markers.
fn beside_db(p: &TempProject) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(p.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("db.sqlite") && n != "db.sqlite")
        .collect();
    v.sort();
    v
}

#[test]
fn sqlite_runs_in_wal_and_ends_as_a_rollback_journal_file() {
    let p = sqlite_project(serde_json::json!({}));
    p.write("migrations/20240101000001-a.js", &mode_probe("a"));
    p.write("migrations/20240101000002-b.js", &mode_probe("b"));
    let run = p.seqmig(&["db:migrate"]);
    run.ok();
    assert_eq!(
        run.stdout.matches("journal_mode=wal").count(),
        2,
        "{}",
        run.stdout
    );
    assert_eq!(journal_mode(&p), "delete");
    assert_eq!(beside_db(&p), Vec::<String>::new());
    assert_eq!(
        sqlite_meta(&p.db()),
        vec!["20240101000001-a.js", "20240101000002-b.js"]
    );
    let undo = p.seqmig(&["db:migrate:undo:all"]);
    undo.ok();
    assert_eq!(journal_mode(&p), "delete");
    assert_eq!(beside_db(&p), Vec::<String>::new());
}

#[test]
fn sqlite_failed_migration_leaves_a_rollback_journal_file() {
    let p = sqlite_project(serde_json::json!({}));
    p.write("migrations/20240101000001-a.js", &mode_probe("a"));
    p.write(
        "migrations/20240101000002-bad.js",
        "module.exports = {\n  async up(qi, S) {\n    await qi.createTable('half', { id: { type: S.INTEGER, primaryKey: true } });\n    throw new Error('boom');\n  },\n  async down() {},\n};\n",
    );
    let run = p.seqmig(&["db:migrate"]);
    run.expect_code(1);
    assert!(run.stdout.contains("journal_mode=wal"), "{}", run.stdout);
    assert_eq!(journal_mode(&p), "delete");
    assert_eq!(beside_db(&p), Vec::<String>::new());
    // What sequelize-cli leaves: the first recorded, the failed one's first statement done.
    assert_eq!(sqlite_meta(&p.db()), vec!["20240101000001-a.js"]);
    let tables: Vec<String> = p
        .db()
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('a', 'half') ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(tables, vec!["a", "half"]);
}

#[test]
fn sqlite_database_the_user_put_in_wal_stays_in_wal() {
    let p = sqlite_project(serde_json::json!({}));
    p.db()
        .query_row("PRAGMA journal_mode=WAL", [], |r| r.get::<_, String>(0))
        .unwrap();
    p.write("migrations/20240101000001-a.js", &mode_probe("a"));
    p.seqmig(&["db:migrate"]).ok();
    assert_eq!(journal_mode(&p), "wal");
    assert!(
        !beside_db(&p).iter().any(|n| n.contains("seqmig")),
        "{:?}",
        beside_db(&p)
    );
}

#[test]
fn sqlite_dry_run_and_status_switch_nothing() {
    let p = sqlite_project(serde_json::json!({}));
    p.write("migrations/20240101000001-a.js", &mode_probe("a"));
    let dry = p.seqmig(&["db:migrate", "--dry-run"]);
    dry.ok();
    assert!(dry.stdout.contains("journal_mode=delete"), "{}", dry.stdout);
    p.seqmig(&["db:migrate:status"]).ok();
    assert_eq!(journal_mode(&p), "delete");
    assert_eq!(beside_db(&p), Vec::<String>::new());
}

/// SIGKILL in the middle of a run: the file stays in WAL with seqmig's marker (consistent:
/// what was committed is there), status leaves it so, and the next run that changes the
/// database restores the rollback journal.
#[test]
fn sqlite_next_run_restores_the_journal_mode_a_killed_run_left() {
    let p = sqlite_project(serde_json::json!({}));
    let ready = p.path().join("ready");
    p.write("migrations/20240101000001-a.js", &mode_probe("a"));
    p.write(
        "migrations/20240101000002-slow.js",
        &format!(
            "const fs = require('fs');\nmodule.exports = {{\n  async up(qi, S) {{\n    await qi.createTable('half', {{ id: {{ type: S.INTEGER, primaryKey: true }} }});\n    if (!fs.existsSync({ready:?})) {{ fs.writeFileSync({ready:?}, '1'); await new Promise((r) => setTimeout(r, 60000)); }}\n  }},\n  async down() {{}},\n}};\n",
            ready = ready.display().to_string()
        ),
    );
    let mut child = spawn_seqmig(p.path(), &["db:migrate"]);
    wait_for_file(&mut child, &ready);
    kill9(child);
    assert!(
        beside_db(&p).contains(&"db.sqlite-seqmig-journal".to_string()),
        "{:?}",
        beside_db(&p)
    );
    assert_eq!(journal_mode(&p), "wal");
    let ok: String = p
        .db()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    assert_eq!(sqlite_meta(&p.db()), vec!["20240101000001-a.js"]);

    p.seqmig(&["db:migrate:status"]).ok();
    assert_eq!(journal_mode(&p), "wal", "status switches nothing");

    p.seqmig(&["db:migrate"]).ok();
    assert_eq!(journal_mode(&p), "delete");
    assert_eq!(beside_db(&p), Vec::<String>::new());
    assert_eq!(
        sqlite_meta(&p.db()),
        vec!["20240101000001-a.js", "20240101000002-slow.js"]
    );
}

/// Another process that reads the database while the run has it in WAL keeps it there:
/// the run says so on stderr and leaves the marker; the next run restores the journal.
#[test]
fn sqlite_a_reader_during_the_run_keeps_wal_until_the_next_run() {
    let p = sqlite_project(serde_json::json!({}));
    let ready = p.path().join("ready");
    let go = p.path().join("go");
    p.write("migrations/20240101000001-a.js", &mode_probe("a"));
    p.write(
        "migrations/20240101000002-wait.js",
        &format!(
            "const fs = require('fs');\nmodule.exports = {{\n  async up() {{\n    fs.writeFileSync({ready:?}, '1');\n    while (!fs.existsSync({go:?})) await new Promise((r) => setTimeout(r, 20));\n  }},\n  async down() {{}},\n}};\n",
            ready = ready.display().to_string(),
            go = go.display().to_string()
        ),
    );
    let mut child = spawn_seqmig(p.path(), &["db:migrate"]);
    wait_for_file(&mut child, &ready);
    let reader = p.db();
    assert_eq!(journal_mode(&p), "wal");
    assert_eq!(sqlite_meta(&reader), vec!["20240101000001-a.js"]);
    std::fs::write(&go, "1").unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("stays in WAL mode until the next seqmig run"),
        "{stderr}"
    );
    assert_eq!(journal_mode(&p), "wal");
    assert!(beside_db(&p).contains(&"db.sqlite-seqmig-journal".to_string()));
    drop(reader);
    p.seqmig(&["db:migrate"]).ok();
    assert_eq!(journal_mode(&p), "delete");
    assert_eq!(beside_db(&p), Vec::<String>::new());
}

#[test]
fn postgres_migrations_run_with_synchronous_commit_off() {
    let db = pg::fresh_database("perf_modes");
    // The test cluster turns synchronous_commit off for speed; a real server has it on.
    pg_client(&db)
        .batch_execute(&format!(
            "ALTER DATABASE \"{}\" SET synchronous_commit = on",
            db.name
        ))
        .unwrap();
    let p = pg_project(&db, serde_json::json!({}));
    p.write(
        "migrations/20240101000001-a.js",
        "module.exports = {\n  async up(qi, S) {\n    const rows = await qi.sequelize.query('SHOW synchronous_commit', { type: S.QueryTypes.SELECT });\n    console.log('synchronous_commit=' + rows[0].synchronous_commit);\n    await qi.createTable('a', { id: { type: S.INTEGER, primaryKey: true } });\n  },\n  async down(qi) { await qi.dropTable('a'); },\n};\n",
    );
    let run = p.seqmig(&["db:migrate"]);
    run.ok();
    assert!(
        run.stdout.contains("synchronous_commit=off"),
        "{}",
        run.stdout
    );
    let status = p.seqmig(&["db:migrate:status"]);
    status.ok();
    let dry = p.seqmig(&["db:migrate:undo", "--dry-run"]);
    dry.ok();
    // A later session of the database has the server's setting: nothing persisted.
    let setting: String = pg_client(&db)
        .query_one("SHOW synchronous_commit", &[])
        .unwrap()
        .get(0);
    assert_eq!(setting, "on");
    let meta: Vec<String> = pg_client(&db)
        .query("SELECT name FROM \"SequelizeMeta\"", &[])
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(meta, vec!["20240101000001-a.js"]);
}
