//! A run killed with SIGKILL in the middle of a migration, and what the next run says: the
//! in-flight marker it left names the migration; without `--atomic` the migration is
//! pending and may be partly applied, under `--atomic` nothing of it remains. Real
//! processes, real kills, on SQLite and on PostgreSQL.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::safety_common::{
    kill9, pg_client, pg_project, pg_table_exists, spawn_seqmig, sqlite_table_exists, wait_for_file,
};
use crate::support::{pg, sqlite_meta, TempProject};

const FIRST: &str = "20240101000001-first.js";
const SLOW: &str = "20240101000002-slow.js";

/// `first` creates a table; `slow` creates `half`, then (the first time only, until its
/// ready file exists) says so and waits a minute, then creates `whole`. Its down drops
/// `whole`, then waits the same way on its own ready file, then drops `half`. Both
/// createTable and dropTable are `IF [NOT] EXISTS` in Sequelize, so a re-run succeeds.
fn write_migrations(p: &TempProject) {
    p.write(
        &format!("migrations/{FIRST}"),
        "module.exports = {\n  async up(qi, S) { await qi.createTable('first', { id: { type: S.INTEGER, primaryKey: true } }); },\n  async down(qi) { await qi.dropTable('first'); },\n};\n",
    );
    let up_ready = json_str(&ready(p, "up"));
    let down_ready = json_str(&ready(p, "down"));
    p.write(
        &format!("migrations/{SLOW}"),
        &format!(
            "const fs = require('fs');\n\
             async function pause(ready) {{\n  if (fs.existsSync(ready)) return;\n  fs.writeFileSync(ready, '1');\n  await new Promise((r) => setTimeout(r, 60000));\n}}\n\
             module.exports = {{\n  async up(qi, S) {{\n    await qi.createTable('half', {{ id: {{ type: S.INTEGER, primaryKey: true }} }});\n    await pause({up_ready});\n    await qi.createTable('whole', {{ id: {{ type: S.INTEGER, primaryKey: true }} }});\n  }},\n\
             async down(qi) {{\n    await qi.dropTable('whole');\n    await pause({down_ready});\n    await qi.dropTable('half');\n  }},\n}};\n"
        ),
    );
}

fn json_str(p: &Path) -> String {
    serde_json::to_string(&p.display().to_string()).unwrap()
}

fn ready(p: &TempProject, direction: &str) -> PathBuf {
    p.path().join(format!("ready-{direction}"))
}

/// The in-flight markers in the project folder (PostgreSQL's) or beside `db.sqlite`.
fn markers(p: &TempProject) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(p.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("seqmig-inflight"))
        .collect();
    v.sort();
    v
}

fn marker_json(p: &TempProject) -> serde_json::Value {
    let names = markers(p);
    assert_eq!(names.len(), 1, "{names:?}");
    serde_json::from_str(&std::fs::read_to_string(p.path().join(&names[0])).unwrap()).unwrap()
}

fn sqlite_integrity_ok(p: &TempProject) {
    let verdict: String = p
        .db()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(verdict, "ok");
}

fn pg_meta(db: &pg::PgDb) -> Vec<String> {
    pg_client(db)
        .query("SELECT name FROM \"SequelizeMeta\" ORDER BY name", &[])
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect()
}

fn partly_applied_line(pid: u32) -> String {
    format!("seqmig: warning: {SLOW} was interrupted while running up (pid {pid}, started ")
}

/// The checks after a kill during `up`, on either dialect. `table` says whether a table
/// exists; `meta` lists SequelizeMeta.
fn after_up_kill(
    p: &TempProject,
    pid: u32,
    atomic: bool,
    table: &dyn Fn(&str) -> bool,
    meta: &dyn Fn() -> Vec<String>,
) {
    // The marker stayed, naming the migration and the dead process.
    let m = marker_json(p);
    assert_eq!(m["file"], SLOW);
    assert_eq!(m["direction"], "up");
    assert_eq!(m["atomic"], atomic);
    assert_eq!(m["pid"], pid);
    // Without a transaction the first statement stays; with one, nothing does.
    assert_eq!(table("half"), !atomic);
    assert!(!table("whole"));
    assert_eq!(meta(), vec![FIRST.to_string()]);

    let status = p.seqmig(&["db:migrate:status"]);
    status.ok();
    assert!(
        status
            .stdout
            .contains(&format!("up {FIRST}\ndown {SLOW}\n")),
        "stdout stays sequelize-cli's: {}",
        status.stdout
    );
    assert!(!status.stdout.contains("interrupted"), "{}", status.stdout);
    if atomic {
        assert!(
            status.stderr.contains(&format!(
                "seqmig: {SLOW} was interrupted while running up atomically (pid {pid}, started "
            )),
            "{}",
            status.stderr
        );
        assert!(
            status.stderr.contains("; its transaction was never committed, so nothing of it remains and it is pending\n"),
            "{}",
            status.stderr
        );
    } else {
        assert!(
            status.stderr.contains(&partly_applied_line(pid)),
            "{}",
            status.stderr
        );
        assert!(
            status.stderr.contains("Z); it is not recorded, so it is pending, and it may be partly applied: check the database before it runs again\n"),
            "{}",
            status.stderr
        );
    }
    // status only reports: the marker is still there.
    assert_eq!(markers(p).len(), 1);

    let json = p.seqmig(&["db:migrate:status", "--json"]);
    json.ok();
    let doc: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let slow = &doc["migrations"][1];
    assert_eq!(slow["file"], SLOW);
    assert_eq!(slow["state"], "down");
    let state = if atomic {
        "rolled-back"
    } else {
        "partly-applied"
    };
    assert_eq!(slow["interrupted"]["state"], state, "{doc:#}");
    assert_eq!(slow["interrupted"]["pid"], pid);
    assert_eq!(slow["interrupted"]["direction"], "up");
    assert_eq!(doc["interrupted"][0]["file"], SLOW);
    assert!(doc["migrations"][0].get("interrupted").is_none());

    // db:migrate runs it again, as sequelize-cli would; it completes this time.
    let mut args = vec!["db:migrate"];
    if atomic {
        args.push("--atomic");
    }
    let again = p.seqmig(&args);
    again.ok();
    assert!(
        again
            .stdout
            .contains(&format!("== 20240101000002-slow: migrated (")),
        "{}",
        again.stdout
    );
    assert!(!again.stdout.contains("first: migrat"), "{}", again.stdout);
    if atomic {
        assert!(
            again
                .stderr
                .contains("nothing of it remains and it is pending\n"),
            "{}",
            again.stderr
        );
    } else {
        assert!(
            again.stderr.contains(
                "Z); it is not recorded, so it is pending, and it may be partly applied; it runs again now\n"
            ),
            "{}",
            again.stderr
        );
    }
    assert!(table("half") && table("whole"));
    assert_eq!(meta(), vec![FIRST.to_string(), SLOW.to_string()]);
    assert_eq!(markers(p), Vec::<String>::new());

    // And the run after that has nothing to say.
    let quiet = p.seqmig(&["db:migrate:status"]);
    quiet.ok();
    assert!(!quiet.stderr.contains("interrupted"), "{}", quiet.stderr);
}

fn kill_up(p: &TempProject, atomic: bool) -> u32 {
    p.seqmig(&["db:migrate", "--to", FIRST]).ok();
    let mut args = vec!["db:migrate"];
    if atomic {
        args.push("--atomic");
    }
    let mut child = spawn_seqmig(p.path(), &args);
    let pid = child.id();
    wait_for_file(&mut child, &ready(p, "up"));
    // While it runs, status (which takes no lock) says another run is at it.
    let live = p.seqmig(&["db:migrate:status"]);
    live.ok();
    assert!(
        live.stderr.contains(&format!(
            "seqmig: another seqmig run (pid {pid}) is running migrations right now; the last it started is {SLOW} (up, at "
        )),
        "{}",
        live.stderr
    );
    let killed = kill9(child);
    assert!(
        killed
            .stdout
            .contains("== 20240101000002-slow: migrating ======="),
        "{}",
        killed.stdout
    );
    assert!(!killed.stdout.contains("slow: migrated"));
    pid
}

fn sqlite_up(atomic: bool) {
    let p = TempProject::new();
    p.sqlite_config();
    write_migrations(&p);
    let pid = kill_up(&p, atomic);
    assert_eq!(markers(&p), vec!["db.sqlite.seqmig-inflight".to_string()]);
    sqlite_integrity_ok(&p);
    after_up_kill(&p, pid, atomic, &|t| sqlite_table_exists(&p, t), &|| {
        sqlite_meta(&p.db())
    });
    sqlite_integrity_ok(&p);
}

fn postgres_up(atomic: bool) {
    let db = pg::fresh_database(if atomic { "kill_up_atomic" } else { "kill_up" });
    let p = pg_project(&db, serde_json::json!({}));
    write_migrations(&p);
    let pid = kill_up(&p, atomic);
    let names = markers(&p);
    assert_eq!(names.len(), 1);
    assert!(
        names[0].starts_with(&format!(".seqmig-inflight-{}-", db.name))
            && names[0].ends_with(".json"),
        "{names:?}"
    );
    // The killed backend may take a moment to end; its transaction dies with it.
    let deadline = Instant::now() + Duration::from_secs(30);
    while atomic && pg_table_exists(&db, "half") && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    after_up_kill(&p, pid, atomic, &|t| pg_table_exists(&db, t), &|| {
        pg_meta(&db)
    });
}

#[test]
fn sqlite_killed_migration_is_pending_and_may_be_partly_applied() {
    sqlite_up(false);
}

#[test]
fn sqlite_killed_atomic_migration_leaves_nothing() {
    sqlite_up(true);
}

#[test]
fn postgres_killed_migration_is_pending_and_may_be_partly_applied() {
    postgres_up(false);
}

#[test]
fn postgres_killed_atomic_migration_leaves_nothing() {
    postgres_up(true);
}

/// An undo killed in the middle: the migration stays recorded, its down may be partly
/// applied; the next undo runs that down again and finishes it.
#[test]
fn sqlite_killed_undo_stays_recorded_and_its_down_may_be_partly_applied() {
    let p = TempProject::new();
    p.sqlite_config();
    write_migrations(&p);
    std::fs::write(ready(&p, "up"), "1").unwrap();
    p.seqmig(&["db:migrate"]).ok();
    let mut child = spawn_seqmig(p.path(), &["db:migrate:undo"]);
    let pid = child.id();
    wait_for_file(&mut child, &ready(&p, "down"));
    let killed = kill9(child);
    assert!(killed
        .stdout
        .contains("== 20240101000002-slow: reverting ======="));
    sqlite_integrity_ok(&p);
    let m = marker_json(&p);
    assert_eq!(m["direction"], "down");
    assert_eq!(m["atomic"], false);
    assert!(!sqlite_table_exists(&p, "whole"));
    assert!(sqlite_table_exists(&p, "half"));
    assert_eq!(
        sqlite_meta(&p.db()),
        vec![FIRST.to_string(), SLOW.to_string()]
    );

    let status = p.seqmig(&["db:migrate:status"]);
    status.ok();
    assert!(
        status.stdout.contains(&format!("up {FIRST}\nup {SLOW}\n")),
        "{}",
        status.stdout
    );
    assert!(
        status.stderr.contains(&format!(
            "seqmig: warning: {SLOW} was interrupted while running down (pid {pid}, started "
        )) && status.stderr.contains("Z); it is still recorded as applied, and its down may be partly applied: check the database before it runs again\n"),
        "{}",
        status.stderr
    );
    // db:migrate has nothing to run; it still says so, and keeps the marker.
    let migrate = p.seqmig(&["db:migrate"]);
    migrate.ok();
    assert!(migrate.stdout.contains("No migrations were executed"));
    assert!(
        migrate
            .stderr
            .contains("its down may be partly applied: check the database"),
        "{}",
        migrate.stderr
    );
    assert_eq!(markers(&p).len(), 1);

    let undo = p.seqmig(&["db:migrate:undo"]);
    undo.ok();
    assert!(
        undo.stderr
            .contains("its down may be partly applied; it runs again now\n"),
        "{}",
        undo.stderr
    );
    assert!(
        undo.stdout.contains("== 20240101000002-slow: reverted ("),
        "{}",
        undo.stdout
    );
    assert!(!sqlite_table_exists(&p, "half"));
    assert_eq!(sqlite_meta(&p.db()), vec![FIRST.to_string()]);
    assert_eq!(markers(&p), Vec::<String>::new());
}

/// An atomic undo killed in the middle: nothing of its down remains, it stays recorded.
#[test]
fn postgres_killed_atomic_undo_reverts_nothing() {
    let db = pg::fresh_database("kill_undo_atomic");
    let p = pg_project(&db, serde_json::json!({}));
    write_migrations(&p);
    std::fs::write(ready(&p, "up"), "1").unwrap();
    p.seqmig(&["db:migrate"]).ok();
    let mut child = spawn_seqmig(p.path(), &["db:migrate:undo", "--atomic"]);
    let pid = child.id();
    wait_for_file(&mut child, &ready(&p, "down"));
    kill9(child);
    let status = p.seqmig(&["db:migrate:status"]);
    status.ok();
    assert!(
        status.stderr.contains(&format!("seqmig: {SLOW} was interrupted while running down atomically (pid {pid}, started "))
            && status.stderr.contains("; its transaction was never committed, so nothing of it was reverted and it is still recorded as applied\n"),
        "{}",
        status.stderr
    );
    assert!(pg_table_exists(&db, "whole") && pg_table_exists(&db, "half"));
    assert_eq!(pg_meta(&db), vec![FIRST.to_string(), SLOW.to_string()]);
    // The next undo says it once, removes the marker, and reverts it.
    let undo = p.seqmig(&["db:migrate:undo", "--atomic"]);
    undo.ok();
    assert!(
        undo.stderr.contains("nothing of it was reverted"),
        "{}",
        undo.stderr
    );
    assert!(!pg_table_exists(&db, "whole") && !pg_table_exists(&db, "half"));
    assert_eq!(pg_meta(&db), vec![FIRST.to_string()]);
    assert_eq!(markers(&p), Vec::<String>::new());
}

/// A marker whose migration was recorded (the run died between the commit and the
/// marker's removal) is removed without a word.
#[test]
fn a_marker_of_a_recorded_migration_is_removed_silently() {
    let p = TempProject::new();
    p.sqlite_config();
    write_migrations(&p);
    std::fs::write(ready(&p, "up"), "1").unwrap();
    p.seqmig(&["db:migrate", "--to", FIRST]).ok();
    let marker = p.path().join("db.sqlite.seqmig-inflight");
    std::fs::write(
        &marker,
        serde_json::json!({
            "file": FIRST, "direction": "up", "atomic": false, "pid": 999_999_999u32,
            "host": hostname(), "started": "2026-11-25T22:50:01Z",
            "database": format!("sqlite:{}#public.SequelizeMeta", std::fs::canonicalize(p.path()).unwrap().join("db.sqlite").display()),
        })
        .to_string(),
    )
    .unwrap();
    let status = p.seqmig(&["db:migrate:status"]);
    status.ok();
    assert!(!status.stderr.contains("seqmig"), "{}", status.stderr);
    let run = p.seqmig(&["db:migrate"]);
    run.ok();
    assert!(!run.stderr.contains("interrupted"), "{}", run.stderr);
    assert!(!marker.exists());
}

fn hostname() -> String {
    let out = Command::new("hostname").output().unwrap();
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// A migration that fails under control reports its failure in full and leaves no marker,
/// so the next run's output is sequelize-cli's.
#[test]
fn a_failed_migration_leaves_no_marker() {
    let p = TempProject::new();
    p.sqlite_config();
    p.write(
        "migrations/20240101000001-throws.js",
        "module.exports = {\n  async up(qi, S) {\n    await qi.createTable('half', { id: { type: S.INTEGER, primaryKey: true } });\n    throw new Error('boom');\n  },\n  async down() {},\n};\n",
    );
    for args in [&["db:migrate"][..], &["db:migrate", "--atomic"][..]] {
        let run = p.seqmig(args);
        run.expect_code(1);
        assert!(run.stderr.contains("ERROR: boom\n"), "{}", run.stderr);
        assert_eq!(markers(&p), Vec::<String>::new(), "{args:?}");
        let status = p.seqmig(&["db:migrate:status"]);
        status.ok();
        assert!(!status.stderr.contains("interrupted"), "{}", status.stderr);
    }
    // A dry run writes none either.
    let dry = p.seqmig(&["db:migrate", "--dry-run"]);
    dry.expect_code(1);
    assert_eq!(markers(&p), Vec::<String>::new());
}

/// A killed migration's warning outlives runs that do not run it again: a dry run, and an
/// undo of the migration before it (which writes its own marker, then puts the killed
/// run's one back).
#[test]
fn a_killed_migrations_warning_outlives_runs_of_other_migrations() {
    let p = TempProject::new();
    p.sqlite_config();
    write_migrations(&p);
    let pid = kill_up(&p, false);
    let before = marker_json(&p);
    let dry = p.seqmig(&["db:migrate", "--dry-run"]);
    dry.ok();
    assert!(
        dry.stderr.contains(&partly_applied_line(pid)),
        "{}",
        dry.stderr
    );
    assert_eq!(marker_json(&p), before);
    let undo = p.seqmig(&["db:migrate:undo"]);
    undo.ok();
    assert!(
        undo.stdout.contains("== 20240101000001-first: reverted ("),
        "{}",
        undo.stdout
    );
    assert!(
        undo.stderr
            .contains("may be partly applied: check the database before it runs again\n"),
        "{}",
        undo.stderr
    );
    assert_eq!(marker_json(&p), before);
    let status = p.seqmig(&["db:migrate:status"]);
    status.ok();
    assert!(status
        .stdout
        .contains(&format!("down {FIRST}\ndown {SLOW}\n")));
    assert!(
        status.stderr.contains(&partly_applied_line(pid)),
        "{}",
        status.stderr
    );
    // Both run now; the marker is gone.
    p.seqmig(&["db:migrate"]).ok();
    assert_eq!(
        sqlite_meta(&p.db()),
        vec![FIRST.to_string(), SLOW.to_string()]
    );
    assert_eq!(markers(&p), Vec::<String>::new());
}

/// Where the marker cannot be written, the run goes on as sequelize-cli's would, with one
/// line saying so (a directory in the marker's place stands for a read-only folder: the
/// tests run as root, which permissions do not stop).
#[test]
fn an_unwritable_marker_warns_and_the_run_goes_on() {
    let p = TempProject::new();
    p.sqlite_config();
    write_migrations(&p);
    std::fs::write(ready(&p, "up"), "1").unwrap();
    std::fs::create_dir(p.path().join("db.sqlite.seqmig-inflight")).unwrap();
    let run = p.seqmig(&["db:migrate"]);
    run.ok();
    assert_eq!(
        run.stderr
            .matches("seqmig: cannot write the in-flight marker ")
            .count(),
        1,
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("; a run killed now would go unnoticed by the next one\n"),
        "{}",
        run.stderr
    );
    assert_eq!(
        sqlite_meta(&p.db()),
        vec![FIRST.to_string(), SLOW.to_string()]
    );
    assert_eq!(markers(&p), vec!["db.sqlite.seqmig-inflight".to_string()]);
}
