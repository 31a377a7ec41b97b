//! `db:migrate:baseline --to NAME` (issue 19: adopting a database that already has its
//! schema) and `db:migrate:status --exit-code` (failing CI on a pending migration), on real
//! SQLite files and the real PostgreSQL cluster.

use crate::safety_common::{pg_client, pg_project, sqlite_project, sqlite_table_exists};
use crate::support::{pg, sqlite_meta, TempProject};

/// A migration that fails when it runs against a database that already has its table, so
/// running a baselined one again cannot go unnoticed.
fn creates(table: &str) -> String {
    format!(
        "module.exports = {{\n  up: async (qi) => {{ await qi.sequelize.query('CREATE TABLE \"{table}\" (id INTEGER)'); }},\n  down: async (qi) => {{ await qi.sequelize.query('DROP TABLE \"{table}\"'); }},\n}};\n"
    )
}

const FILES: [&str; 3] = [
    "20240101000001-a.js",
    "20240101000002-b.js",
    "20240101000003-c.js",
];

fn write(p: &TempProject) {
    for (f, t) in FILES.iter().zip(["a", "b", "c"]) {
        p.write(&format!("migrations/{f}"), &creates(t));
    }
}

/// The schema a dump would have restored: the tables of a and b, nothing recorded.
fn sqlite_dump(p: &TempProject) {
    p.db()
        .execute_batch("CREATE TABLE a (id INTEGER); CREATE TABLE b (id INTEGER);")
        .unwrap();
}

fn pg_meta(db: &pg::PgDb) -> Vec<String> {
    pg_client(db)
        .query("SELECT name FROM \"SequelizeMeta\" ORDER BY name", &[])
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect()
}

#[test]
fn baseline_then_migrate_runs_only_the_later_files_on_sqlite() {
    let p = sqlite_project(serde_json::json!({}));
    write(&p);
    sqlite_dump(&p);
    let run = p.seqmig(&["db:migrate:baseline", "--to", FILES[1]]);
    run.ok();
    assert!(
        run.stdout.contains(
            "== 20240101000001-a: recorded as applied (not run)\n== 20240101000002-b: recorded as applied (not run)\nseqmig: baseline: recorded 2 migration(s) up to 20240101000002-b.js in SequelizeMeta as applied, without running them\n"
        ),
        "{}",
        run.stdout
    );
    assert_eq!(sqlite_meta(&p.db()), &FILES[..2]);
    let status = p.seqmig(&["db:migrate:status"]);
    status.ok();
    assert!(status
        .stdout
        .contains("up 20240101000001-a.js\nup 20240101000002-b.js\ndown 20240101000003-c.js\n"));
    let migrate = p.seqmig(&["db:migrate"]);
    migrate.ok();
    assert!(
        !migrate.stdout.contains("20240101000001-a: migrating")
            && !migrate.stdout.contains("20240101000002-b: migrating")
            && migrate.stdout.contains("== 20240101000003-c: migrated"),
        "{}",
        migrate.stdout
    );
    assert_eq!(sqlite_meta(&p.db()), FILES);
    assert!(sqlite_table_exists(&p, "c"));
}

#[test]
fn baseline_twice_leaves_recorded_files_as_they_are() {
    let p = sqlite_project(serde_json::json!({}));
    write(&p);
    p.seqmig(&["db:migrate:baseline", "--to", FILES[0]]).ok();
    let second = p.seqmig(&["db:migrate:baseline", "--to", FILES[1]]);
    second.ok();
    assert!(
        second.stdout.contains("== 20240101000002-b: recorded as applied (not run)\nseqmig: baseline: recorded 1 migration(s) up to 20240101000002-b.js in SequelizeMeta as applied, without running them; 1 up to it already recorded, left as they were\n")
            && !second.stdout.contains("20240101000001-a: recorded"),
        "{}",
        second.stdout
    );
    let third = p.seqmig(&["db:migrate:baseline", "--to", FILES[1]]);
    third.ok();
    assert!(
        third.stdout.contains("seqmig: baseline: every migration up to 20240101000002-b.js is already recorded in SequelizeMeta; nothing to record\n")
            && !third.stdout.contains(": recorded as applied"),
        "{}",
        third.stdout
    );
    let rows: i64 = p
        .db()
        .query_row("SELECT count(*) FROM SequelizeMeta", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, 2);
    assert_eq!(sqlite_meta(&p.db()), &FILES[..2]);
}

#[test]
fn baseline_dry_run_writes_nothing() {
    let p = sqlite_project(serde_json::json!({"seqmigChecksums": true}));
    write(&p);
    sqlite_dump(&p);
    let run = p.seqmig(&["db:migrate:baseline", "--to", FILES[1], "--dry-run"]);
    run.ok();
    assert!(
        run.stdout.contains("== 20240101000001-a: would be recorded as applied (dry run)\n== 20240101000002-b: would be recorded as applied (dry run)\nseqmig: baseline dry run: 2 migration(s) up to 20240101000002-b.js would be recorded in SequelizeMeta as applied; none is recorded\n"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("recorded as applied (not run)"));
    assert!(!sqlite_table_exists(&p, "SequelizeMeta"));
    assert!(!sqlite_table_exists(&p, "SequelizeMetaChecksums"));

    let j = sqlite_project(serde_json::json!({"migrationStorage": "json"}));
    write(&j);
    j.seqmig(&["db:migrate:baseline", "--to", FILES[2], "--dry-run"])
        .ok();
    assert!(!j.path().join("sequelize-meta.json").exists());
    let json = j.seqmig(&[
        "db:migrate:baseline",
        "--to",
        FILES[0],
        "--dry-run",
        "--json",
    ]);
    json.ok();
    let doc: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(doc["command"], "db:migrate:baseline");
    assert_eq!(doc["dryRun"], true);
    assert_eq!(doc["migrations"][0]["file"], FILES[0]);
    assert_eq!(doc["migrations"][0]["recorded"], false);
    assert!(!j.path().join("sequelize-meta.json").exists());
}

#[test]
fn baseline_to_naming_no_file_exits_1() {
    let p = sqlite_project(serde_json::json!({}));
    write(&p);
    for to in ["20240101000009-nosuch.js", "20240101000002-b"] {
        let run = p.seqmig(&["db:migrate:baseline", "--to", to]);
        run.expect_code(1);
        let lines: Vec<&str> = run.stderr.lines().filter(|l| !l.is_empty()).collect();
        assert_eq!(lines.len(), 1, "{}", run.stderr);
        assert!(
            lines[0].starts_with(&format!("ERROR: --to {to} matches no migration file")),
            "{}",
            run.stderr
        );
        assert!(!run.stdout.contains("recorded"), "{}", run.stdout);
    }
    assert!(!sqlite_table_exists(&p, "SequelizeMeta") || sqlite_meta(&p.db()).is_empty());
    // --to is required.
    p.seqmig(&["db:migrate:baseline"]).expect_code(1);
}

#[test]
fn baseline_refuses_the_none_storage() {
    let p = sqlite_project(serde_json::json!({"migrationStorage": "none"}));
    write(&p);
    let run = p.seqmig(&["db:migrate:baseline", "--to", FILES[1]]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("ERROR: seqmig: db:migrate:baseline needs a storage that records migrations: the config's migrationStorage is \"none\""),
        "{}",
        run.stderr
    );
    assert!(!run.stdout.contains("recorded"), "{}", run.stdout);
}

#[test]
fn baseline_records_in_json_storage() {
    let p = sqlite_project(serde_json::json!({"migrationStorage": "json"}));
    write(&p);
    sqlite_dump(&p);
    let run = p.seqmig(&["db:migrate:baseline", "--to", FILES[1]]);
    run.ok();
    assert!(
        run.stdout.contains("in the file "),
        "names the file: {}",
        run.stdout
    );
    let text = std::fs::read_to_string(p.path().join("sequelize-meta.json")).unwrap();
    assert_eq!(
        text,
        "[\n  \"20240101000001-a.js\",\n  \"20240101000002-b.js\"\n]"
    );
    p.seqmig(&["db:migrate:baseline", "--to", FILES[1]]).ok();
    assert_eq!(
        std::fs::read_to_string(p.path().join("sequelize-meta.json")).unwrap(),
        text
    );
    let migrate = p.seqmig(&["db:migrate"]);
    migrate.ok();
    assert!(migrate.stdout.contains("== 20240101000003-c: migrated"));
    assert!(!sqlite_table_exists(&p, "SequelizeMeta"));
}

#[test]
fn baseline_records_checksums_when_they_are_on() {
    let p = sqlite_project(serde_json::json!({}));
    write(&p);
    sqlite_dump(&p);
    let run = p.seqmig(&["db:migrate:baseline", "--to", FILES[1], "--checksums"]);
    run.ok();
    assert!(
        run.stdout
            .contains("without running them, with their checksums in SequelizeMetaChecksums"),
        "{}",
        run.stdout
    );
    let rows: Vec<(String, String)> = p
        .db()
        .prepare("SELECT name, sha256 FROM SequelizeMetaChecksums ORDER BY name")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        rows.iter().map(|r| r.0.as_str()).collect::<Vec<_>>(),
        &FILES[..2]
    );
    assert!(rows.iter().all(|r| r.1.len() == 64));
    let status = p.seqmig(&["db:migrate:status", "--checksums"]);
    assert!(
        status
            .stdout
            .contains("up 20240101000001-a.js\nup 20240101000002-b.js\ndown"),
        "{}",
        status.stdout
    );
    p.seqmig(&["db:migrate:validate"]).ok();
    p.write(
        &format!("migrations/{}", FILES[0]),
        &format!("// edited\n{}", creates("a")),
    );
    p.seqmig(&["db:migrate:validate"]).expect_code(1);
}

#[test]
fn postgres_baseline_then_migrate_with_checksums() {
    let db = pg::fresh_database("baseline_pg");
    let p = pg_project(&db, serde_json::json!({"seqmigChecksums": true}));
    write(&p);
    pg_client(&db)
        .batch_execute("CREATE TABLE a (id INTEGER); CREATE TABLE b (id INTEGER);")
        .unwrap();
    let dry = p.seqmig(&["db:migrate:baseline", "--to", FILES[1], "--dry-run"]);
    dry.ok();
    let exists: bool = pg_client(&db)
        .query_one(
            "SELECT to_regclass('public.\"SequelizeMeta\"') IS NOT NULL",
            &[],
        )
        .unwrap()
        .get(0);
    assert!(!exists, "a dry run creates nothing");
    let run = p.seqmig(&["db:migrate:baseline", "--to", FILES[1]]);
    run.ok();
    assert!(
        run.stdout.contains("seqmig: baseline: recorded 2 migration(s) up to 20240101000002-b.js in SequelizeMeta as applied, without running them, with their checksums in SequelizeMetaChecksums\n"),
        "{}",
        run.stdout
    );
    assert_eq!(pg_meta(&db), &FILES[..2]);
    let sums: i64 = pg_client(&db)
        .query_one(
            "SELECT count(*) FROM \"SequelizeMetaChecksums\" WHERE length(sha256) = 64",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(sums, 2);
    p.seqmig(&["db:migrate:baseline", "--to", FILES[1]]).ok();
    assert_eq!(pg_meta(&db), &FILES[..2]);

    let pending = p.seqmig(&["db:migrate:status", "--exit-code"]);
    pending.expect_code(1);
    assert!(pending.stdout.contains("down 20240101000003-c.js\n"));
    let migrate = p.seqmig(&["db:migrate"]);
    migrate.ok();
    assert!(
        !migrate.stdout.contains("20240101000001-a: migrating")
            && migrate.stdout.contains("== 20240101000003-c: migrated"),
        "{}",
        migrate.stdout
    );
    assert_eq!(pg_meta(&db), FILES);
    p.seqmig(&["db:migrate:status", "--exit-code"]).ok();
    p.seqmig(&["db:migrate:validate"]).ok();
    p.seqmig(&["db:migrate:baseline", "--to", "nosuch.js"])
        .expect_code(1);
}

#[test]
fn status_exit_code_is_1_only_with_the_flag_and_a_pending_migration() {
    let p = sqlite_project(serde_json::json!({}));
    write(&p);
    p.seqmig(&["db:migrate", "--to", FILES[0]]).ok();
    let plain = p.seqmig(&["db:migrate:status"]);
    plain.ok();
    assert!(!plain.stderr.contains("pending"), "{}", plain.stderr);
    let flagged = p.seqmig(&["db:migrate:status", "--exit-code"]);
    flagged.expect_code(1);
    assert!(
        flagged.stdout.contains(
            "up 20240101000001-a.js\ndown 20240101000002-b.js\ndown 20240101000003-c.js\n"
        ),
        "{}",
        flagged.stdout
    );
    assert!(
        flagged.stderr.contains(
            "seqmig: 2 migration(s) pending (listed as down above); exit 1 (--exit-code)"
        ),
        "{}",
        flagged.stderr
    );
    assert!(!flagged.stderr.contains("ERROR"), "{}", flagged.stderr);
    let json = p.seqmig(&["db:migrate:status", "--exit-code", "--json"]);
    json.expect_code(1);
    let doc: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(doc["pending"], 2);
    assert_eq!(doc["error"], serde_json::Value::Null);
    let json = p.seqmig(&["db:migrate:status", "--json"]);
    json.ok();
    let doc: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(doc["pending"], 2);

    p.seqmig(&["db:migrate"]).ok();
    let done = p.seqmig(&["db:migrate:status", "--exit-code"]);
    done.ok();
    assert!(!done.stderr.contains("pending"), "{}", done.stderr);
    p.seqmig(&["db:migrate:status"]).ok();
}
