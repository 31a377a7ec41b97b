//! The run lock: many seqmig processes started together against one database apply each
//! migration exactly once and all exit 0; the ones that waited find nothing left to do.

use crate::safety_common::{pg_client, pg_project, run_many};
use crate::support::{pg, sqlite_meta, Run, TempProject};

const PROCESSES: usize = 8;
const MIGRATIONS: usize = 5;

/// Each migration records that it ran in `applications` and takes a little time, so that
/// runs without a lock would overlap.
fn write_migrations(p: &TempProject) {
    for i in 1..=MIGRATIONS {
        let create_log = if i == 1 {
            "await qi.createTable('applications', { name: { type: S.STRING, allowNull: false } });"
        } else {
            ""
        };
        p.write(
            &format!("migrations/2024010100000{i}-step{i}.js"),
            &format!(
                "module.exports = {{\n  async up(qi, S) {{\n    {create_log}\n    await qi.createTable('t{i}', {{ id: {{ type: S.INTEGER, primaryKey: true }} }});\n    await qi.bulkInsert('applications', [{{ name: 'step{i}' }}]);\n    await new Promise((r) => setTimeout(r, 300));\n  }},\n  async down(qi) {{ await qi.dropTable('t{i}'); }},\n}};\n"
            ),
        );
    }
}

/// All exited 0; each migration's `migrated` line appears once over all runs.
fn check_runs(runs: &[Run]) -> usize {
    for r in runs {
        r.ok();
    }
    let migrated: usize = runs
        .iter()
        .map(|r| r.stdout.matches(": migrated (").count())
        .sum();
    assert_eq!(migrated, MIGRATIONS, "{runs:#?}");
    for i in 1..=MIGRATIONS {
        let n: usize = runs
            .iter()
            .map(|r| r.stdout.matches(&format!("-step{i}: migrated")).count())
            .sum();
        assert_eq!(n, 1, "step{i} ran {n} times");
    }
    let up_to_date = runs
        .iter()
        .filter(|r| r.stdout.contains("No migrations were executed"))
        .count();
    assert!(up_to_date >= PROCESSES - MIGRATIONS, "{runs:#?}");
    let waited = runs
        .iter()
        .filter(|r| {
            r.stderr
                .contains("seqmig: waiting for the migration lock held by another run…")
        })
        .count();
    assert!(waited >= 1, "nobody waited: {runs:#?}");
    migrated
}

#[test]
fn eight_sqlite_runs_at_once_apply_each_migration_once() {
    let p = TempProject::new();
    p.sqlite_config();
    write_migrations(&p);
    let runs = run_many(p.path(), &["db:migrate"], PROCESSES);
    check_runs(&runs);
    assert_eq!(sqlite_meta(&p.db()).len(), MIGRATIONS);
    let db = p.db();
    let mut stmt = db
        .prepare("SELECT name, count(*) FROM applications GROUP BY name ORDER BY name")
        .unwrap();
    let counts: Vec<(String, i64)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(counts.len(), MIGRATIONS);
    assert!(counts.iter().all(|(_, n)| *n == 1), "{counts:?}");
    // No lock file appeared next to the database.
    let files: Vec<String> = std::fs::read_dir(p.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("db.sqlite"))
        .collect();
    assert_eq!(files, vec!["db.sqlite".to_string()]);
}

#[test]
fn eight_postgres_runs_at_once_apply_each_migration_once() {
    let db = pg::fresh_database("safety_lock");
    let p = pg_project(&db, serde_json::json!({}));
    write_migrations(&p);
    let runs = run_many(p.path(), &["db:migrate"], PROCESSES);
    check_runs(&runs);
    let mut c = pg_client(&db);
    let meta: i64 = c
        .query_one("SELECT count(*) FROM \"SequelizeMeta\"", &[])
        .unwrap()
        .get(0);
    assert_eq!(meta, MIGRATIONS as i64);
    let rows = c
        .query(
            "SELECT name, count(*) FROM applications GROUP BY name ORDER BY name",
            &[],
        )
        .unwrap();
    assert_eq!(rows.len(), MIGRATIONS);
    assert!(rows.iter().all(|r| r.get::<_, i64>(1) == 1));
    // The advisory lock is gone with the sessions (this database's: other tests share the
    // cluster and hold their own while they run).
    let held: i64 = c
        .query_one(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(held, 0);
}

#[test]
fn a_held_lock_times_out_with_one_clear_line() {
    let p = TempProject::new();
    p.sqlite_config();
    write_migrations(&p);
    p.seqmig(&["db:migrate:status"]).ok();
    let file = std::fs::File::open(p.path().join("db.sqlite")).unwrap();
    file.lock().unwrap();
    let run = p.seqmig(&["db:migrate", "--lock-timeout", "1"]);
    run.expect_code(1);
    assert!(
        run.stderr
            .contains("seqmig: waiting for the migration lock held by another run…\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("ERROR: seqmig: gave up after 1s waiting for the migration lock held by another run (--lock-timeout <seconds> waits longer)\n"),
        "{}",
        run.stderr
    );
    // The seed and undo commands wait for it too.
    for cmd in ["db:seed:all", "db:migrate:undo"] {
        let r = p.seqmig(&[cmd, "--lock-timeout", "0"]);
        r.expect_code(1);
        assert!(
            r.stderr
                .contains("ERROR: seqmig: gave up after 0s waiting for the migration lock"),
            "{cmd}: {}",
            r.stderr
        );
    }
    // status takes no lock; --no-lock runs anyway.
    p.seqmig(&["db:migrate:status"]).ok();
    p.seqmig(&["db:migrate", "--no-lock"]).ok();
    assert_eq!(sqlite_meta(&p.db()).len(), MIGRATIONS);
    file.unlock().unwrap();
}

#[test]
fn help_names_the_lock_timeout_default() {
    let run = crate::support::run_seqmig(std::path::Path::new("."), &["db:migrate", "--help"], &[]);
    run.ok();
    assert!(
        run.stdout.contains("--lock-timeout <SECONDS>"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("[default: 300]"), "{}", run.stdout);
}

/// The same race with migrations that only take time, so that it proves the advisory lock
/// with nothing but SequelizeMeta to count.
#[test]
fn eight_postgres_runs_at_once_record_each_migration_once() {
    let db = pg::fresh_database("safety_lock_meta");
    let p = pg_project(&db, serde_json::json!({}));
    for i in 1..=MIGRATIONS {
        p.write(
            &format!("migrations/2024010100000{i}-wait{i}.js"),
            "module.exports = { up: () => new Promise((r) => setTimeout(r, 300)), down: async () => {} };\n",
        );
    }
    let runs = run_many(p.path(), &["db:migrate"], PROCESSES);
    for r in &runs {
        r.ok();
    }
    let migrated: usize = runs
        .iter()
        .map(|r| r.stdout.matches(": migrated (").count())
        .sum();
    assert_eq!(migrated, MIGRATIONS, "{runs:#?}");
    assert!(
        runs.iter()
            .any(|r| r.stderr.contains("seqmig: waiting for the migration lock")),
        "{runs:#?}"
    );
    let meta: i64 = pg_client(&db)
        .query_one("SELECT count(*) FROM \"SequelizeMeta\"", &[])
        .unwrap()
        .get(0);
    assert_eq!(meta, MIGRATIONS as i64);
}
