//! Several targets in one run (issue 19): `--url` more than once and `--urls-file` over
//! real SQLite files and PostgreSQL databases, `--schema`/`--schemas-file`/
//! `--schemas-query` over schemas of the real PostgreSQL cluster, `--parallel`, the two
//! failure modes, the prefixed output and its summary, `--json`, baseline then migrate,
//! the exit codes, bad input; and the tenants' schemas against the real sequelize-cli run
//! once per schema with the config seqmig uses for a schema target.

use std::path::Path;
use std::process::Command;

use crate::safety_common::{pg_client, pg_project, sqlite_project};
use crate::support::{
    compat_dir, copy_dir, pg, regex_escape, repo_root, run_seqmig, shown, skip_differential,
    sqlite_meta, Run, TempProject,
};

const CREATE_A: &str = "module.exports = {\n  async up(qi, S) { await qi.createTable('a', { id: { type: S.INTEGER, primaryKey: true } }); },\n  async down(qi) { await qi.dropTable('a'); },\n};\n";
const ADD_COL: &str = "module.exports = {\n  async up(qi, S) { await qi.addColumn('a', 'note', { type: S.STRING }); },\n  async down(qi) { await qi.removeColumn('a', 'note'); },\n};\n";
const CREATE_B: &str = "module.exports = {\n  async up(qi, S) { await qi.createTable('b', { id: { type: S.INTEGER, primaryKey: true } }); },\n  async down(qi) { await qi.dropTable('b'); },\n};\n";

fn three_migrations(p: &TempProject) {
    p.write("migrations/20240101000000-a.js", CREATE_A);
    p.write("migrations/20240102000000-note.js", ADD_COL);
    p.write("migrations/20240103000000-b.js", CREATE_B);
}

fn settings(p: &TempProject) -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path("snapshots");
    s.set_prepend_module_to_snapshot(false);
    s.add_filter(&regex_escape(&p.path().display().to_string()), "<project>");
    s.add_filter(r"\(\d+(\.\d+)?s\)", "(<t>s)");
    // The summary's time column, and its width-padding that follows the label widths.
    s.add_filter(r"\d+\.\d{3}s", "<t>s");
    s.add_filter(r"(localhost|127\.0\.0\.1):\d+", "$1:<port>");
    s.add_filter(r"t_seqmig_targets_\w+?_\d+_\d+", "<database>");
    s.add_filter(r"seqmig: \d+\.\d+\.\d+[\w.-]*", "seqmig: <version>");
    s
}

/// The names SequelizeMeta holds (none when the table does not exist).
fn meta_of(path: &Path) -> Vec<String> {
    let db = rusqlite::Connection::open(path).unwrap();
    let exists: i64 = db
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE name = 'SequelizeMeta'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    if exists == 0 {
        return Vec::new();
    }
    sqlite_meta(&db)
}

/// The summary row of `label`: its cells, split on runs of spaces.
fn row(run: &Run, label: &str) -> Vec<String> {
    let line = run
        .stdout
        .lines()
        .find(|l| l.split("  ").next() == Some(label))
        .unwrap_or_else(|| panic!("no summary row for {label}:\n{}", run.stdout));
    line.split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect()
}

// ------------------------------------------------------------------ SQLite, URLs

#[test]
fn a_urls_file_runs_each_sqlite_database_with_prefixed_lines_and_a_summary() {
    let p = TempProject::new();
    three_migrations(&p);
    p.write(
        "tenants.txt",
        "# one database per tenant\n\nsqlite://t/alpha.sqlite\n   \nsqlite://t/beta.sqlite\n# sqlite://t/off.sqlite\nsqlite://t/gamma.sqlite\n",
    );
    std::fs::create_dir_all(p.path().join("t")).unwrap();
    let run = p.seqmig(&["db:migrate", "--urls-file", "tenants.txt"]);
    run.ok();
    for db in ["alpha", "beta", "gamma"] {
        assert_eq!(
            meta_of(&p.path().join(format!("t/{db}.sqlite"))),
            [
                "20240101000000-a.js",
                "20240102000000-note.js",
                "20240103000000-b.js"
            ]
        );
    }
    assert!(!p.path().join("t/off.sqlite").exists());
    settings(&p).bind(|| insta::assert_snapshot!("targets_sqlite_urls_file_migrate", shown(&run)));
    // Again: nothing pending anywhere.
    let again = p.seqmig(&[
        "db:migrate:status",
        "--urls-file",
        "tenants.txt",
        "--exit-code",
    ]);
    again.ok();
    assert_eq!(row(&again, "t/beta.sqlite")[1..4], ["0", "0", "ok"]);
    settings(&p)
        .bind(|| insta::assert_snapshot!("targets_sqlite_status_exit_code_clean", shown(&again)));
}

#[test]
fn repeated_url_flags_are_targets_and_a_single_one_is_todays_run() {
    let p = TempProject::new();
    three_migrations(&p);
    let single = p.seqmig(&["db:migrate", "--url", "sqlite://one.sqlite"]);
    single.ok();
    assert!(
        !single.stdout.lines().any(|l| l.starts_with('[')) && !single.stdout.contains("targets"),
        "{}",
        single.stdout
    );
    assert!(
        single.stdout.starts_with("\nseqmig [seqmig: "),
        "{}",
        single.stdout
    );
    let run = p.seqmig(&[
        "db:migrate",
        "--url",
        "sqlite://one.sqlite",
        "--url",
        "sqlite://two.sqlite",
        "--to",
        "20240102000000-note.js",
    ]);
    run.ok();
    // The banner once; each target's lines prefixed.
    assert_eq!(
        run.stdout.matches("seqmig [seqmig:").count(),
        1,
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("[two.sqlite] == 20240101000000-a: migrating ======="),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(
            "[one.sqlite] No migrations were executed, database schema was already up to date."
        ),
        "{}",
        run.stdout
    );
    assert_eq!(row(&run, "one.sqlite")[1..4], ["0", "0", "ok"]);
    assert_eq!(row(&run, "two.sqlite")[1..4], ["2", "1", "ok"]);
    assert_eq!(
        meta_of(&p.path().join("two.sqlite")),
        ["20240101000000-a.js", "20240102000000-note.js"]
    );
}

#[test]
fn status_exit_code_on_several_targets_exits_1_when_one_has_pending() {
    let p = TempProject::new();
    three_migrations(&p);
    p.seqmig(&["db:migrate", "--url", "sqlite://done.sqlite"])
        .ok();
    let run = p.seqmig(&[
        "db:migrate:status",
        "--url",
        "sqlite://done.sqlite",
        "--url",
        "sqlite://fresh.sqlite",
        "--exit-code",
    ]);
    run.expect_code(1);
    assert_eq!(row(&run, "done.sqlite")[1..4], ["0", "0", "ok"]);
    assert_eq!(row(&run, "fresh.sqlite")[1..4], ["0", "3", "pending"]);
    assert!(
        run.stdout
            .contains("[fresh.sqlite] down 20240103000000-b.js"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr
            .contains("[fresh.sqlite] seqmig: 3 migration(s) pending"),
        "{}",
        run.stderr
    );
    // Without --exit-code, sequelize-cli's exit code: 0.
    let plain = p.seqmig(&[
        "db:migrate:status",
        "--url",
        "sqlite://done.sqlite",
        "--url",
        "sqlite://fresh.sqlite",
    ]);
    plain.ok();
    assert_eq!(row(&plain, "fresh.sqlite")[1..4], ["0", "3", "ok"]);
}

#[test]
fn baseline_then_migrate_on_several_sqlite_targets() {
    let p = TempProject::new();
    three_migrations(&p);
    // Two databases restored from a dump: they have a (with note), nothing recorded.
    for db in ["x.sqlite", "y.sqlite"] {
        rusqlite::Connection::open(p.path().join(db))
            .unwrap()
            .execute_batch("CREATE TABLE a (id INTEGER PRIMARY KEY, note VARCHAR(255));")
            .unwrap();
    }
    let urls = ["--url", "sqlite://x.sqlite", "--url", "sqlite://y.sqlite"];
    let dry = p.seqmig(
        &[
            &[
                "db:migrate:baseline",
                "--to",
                "20240102000000-note.js",
                "--dry-run",
            ],
            &urls[..],
        ]
        .concat(),
    );
    dry.ok();
    assert_eq!(row(&dry, "x.sqlite")[1..4], ["0", "3", "ok"]);
    assert!(meta_of(&p.path().join("x.sqlite")).is_empty());
    let base = p.seqmig(
        &[
            &["db:migrate:baseline", "--to", "20240102000000-note.js"],
            &urls[..],
        ]
        .concat(),
    );
    base.ok();
    assert!(
        base.stdout
            .contains("[y.sqlite] == 20240102000000-note: recorded as applied (not run)"),
        "{}",
        base.stdout
    );
    assert_eq!(row(&base, "y.sqlite")[..4], ["y.sqlite", "2", "1", "ok"]);
    assert!(base.stdout.contains("recorded now"), "{}", base.stdout);
    let migrate = p.seqmig(&[&["db:migrate"], &urls[..]].concat());
    migrate.ok();
    assert!(
        !migrate.stdout.contains("20240101000000-a: migrating"),
        "{}",
        migrate.stdout
    );
    assert_eq!(row(&migrate, "x.sqlite")[1..4], ["1", "0", "ok"]);
    for db in ["x.sqlite", "y.sqlite"] {
        assert_eq!(meta_of(&p.path().join(db)).len(), 3);
    }
    // undo:all reverts on each, and says how many.
    let undo = p.seqmig(&[&["db:migrate:undo:all"], &urls[..]].concat());
    undo.ok();
    assert!(undo.stdout.contains("reverted now"), "{}", undo.stdout);
    assert_eq!(row(&undo, "x.sqlite")[1..4], ["3", "3", "ok"]);
}

#[test]
fn json_prints_one_document_with_an_entry_per_target() {
    let p = TempProject::new();
    three_migrations(&p);
    p.write("migrations/20240104000000-fails.js", "module.exports = { async up(qi) { await qi.sequelize.query('SELECT * FROM nope'); }, async down() {} };\n");
    let run = p.seqmig(&[
        "db:migrate",
        "--json",
        "--keep-going",
        "--url",
        "sqlite://j1.sqlite",
        "--url",
        "sqlite://j2.sqlite",
    ]);
    run.expect_code(1);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("{e}: one JSON document on stdout:\n{}", run.stdout));
    assert_eq!(doc["command"], "db:migrate");
    assert_eq!(doc["ok"], false);
    let targets = doc["targets"].as_array().unwrap();
    assert_eq!(targets.len(), 2);
    for (t, label) in targets.iter().zip(["j1.sqlite", "j2.sqlite"]) {
        assert_eq!(t["target"], label);
        assert_eq!(t["ok"], false);
        assert_eq!(t["applied"], 3);
        assert_eq!(t["pending"], 1);
        assert_eq!(t["error"]["kind"], "migration");
        assert_eq!(t["error"]["file"], "20240104000000-fails.js");
        assert_eq!(t["result"]["migrations"].as_array().unwrap().len(), 4);
    }
    // Warnings and errors go to stderr, prefixed; nothing else on stdout.
    assert!(!run.stdout.contains("[j1.sqlite]"), "{}", run.stdout);
}

// ---------------------------------------------------------------- PostgreSQL schemas

/// A migration that waits 1.5 s, then creates `a`; in schema `t_bad` it fails at once.
const SLOW_OR_FAIL: &str = "module.exports = {\n  async up(qi, S) {\n    if (qi.sequelize.options.schema === 't_bad') throw new Error('tenant t_bad is broken');\n    await new Promise((r) => setTimeout(r, 1500));\n    await qi.createTable('a', { id: { type: S.INTEGER, primaryKey: true } });\n  },\n  async down(qi) { await qi.dropTable('a'); },\n};\n";

fn schemas(db: &pg::PgDb, names: &[&str]) {
    let mut c = pg_client(db);
    for n in names {
        c.batch_execute(&format!("CREATE SCHEMA \"{n}\"")).unwrap();
    }
}

fn pg_tables_in(db: &pg::PgDb, schema: &str) -> Vec<String> {
    pg_client(db)
        .query(
            "SELECT table_name::text FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1",
            &[&schema],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect()
}

fn pg_meta_in(db: &pg::PgDb, schema: &str) -> Vec<String> {
    pg_client(db)
        .query(
            &format!("SELECT name FROM \"{schema}\".\"SequelizeMeta\" ORDER BY name"),
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect()
}

#[test]
fn schemas_at_parallel_3_stop_starting_new_targets_after_the_first_failure() {
    let db = pg::fresh_database("seqmig_targets_stop");
    let names = ["t_one", "t_bad", "t_three", "t_four", "t_five", "t_six"];
    schemas(&db, &names);
    let p = pg_project(&db, serde_json::json!({}));
    p.write("migrations/20240101000000-slow.js", SLOW_OR_FAIL);
    p.write("migrations/20240102000000-note.js", ADD_COL);
    let args: Vec<&str> = ["db:migrate", "--parallel", "3"]
        .into_iter()
        .chain(names.iter().flat_map(|n| ["--schema", *n]))
        .collect();
    let run = p.seqmig(&args);
    run.expect_code(1);
    // The three started together; t_bad failed at once, so no other target started.
    for done in ["t_one", "t_three"] {
        assert_eq!(row(&run, done)[1..4], ["2", "0", "ok"], "{}", run.stdout);
        assert_eq!(pg_tables_in(&db, done), ["SequelizeMeta", "a"]);
        assert_eq!(pg_meta_in(&db, done).len(), 2);
    }
    assert_eq!(row(&run, "t_bad")[1..4], ["0", "2", "failed"]);
    for skipped in ["t_four", "t_five", "t_six"] {
        assert_eq!(row(&run, skipped)[1..], ["-", "-", "not run", "-"]);
        assert!(pg_tables_in(&db, skipped).is_empty());
    }
    // Nothing landed in public: addColumn was qualified with the tenant's schema.
    assert!(pg_tables_in(&db, "public").is_empty());
    assert!(
        run.stderr.contains("[t_bad] ERROR: tenant t_bad is broken"),
        "{}",
        run.stderr
    );
    // The lines of targets running at once interleave as they come: the snapshot holds
    // the summary (in the order given) and stderr (t_bad's alone).
    let summary = &run.stdout[run.stdout.find("\nseqmig: db:migrate on").unwrap()..];
    settings(&p).bind(|| {
        insta::assert_snapshot!(
            "targets_pg_schemas_stop_on_failure",
            format!(
                "exit {}\n--- summary{summary}--- stderr\n{}",
                run.code, run.stderr
            )
        )
    });
}

#[test]
fn schemas_keep_going_runs_every_target_and_still_exits_1() {
    let db = pg::fresh_database("seqmig_targets_keep");
    let names = ["t_one", "t_bad", "t_three", "t_four"];
    schemas(&db, &names);
    let p = pg_project(&db, serde_json::json!({}));
    p.write("migrations/20240101000000-slow.js", SLOW_OR_FAIL);
    p.write("migrations/20240102000000-note.js", ADD_COL);
    p.write(
        "schemas.txt",
        "t_one\n# a comment\nt_bad\n\nt_three\nt_four\n",
    );
    let run = p.seqmig(&[
        "db:migrate",
        "--schemas-file",
        "schemas.txt",
        "--parallel",
        "3",
        "--keep-going",
    ]);
    run.expect_code(1);
    for n in ["t_one", "t_three", "t_four"] {
        assert_eq!(row(&run, n)[1..4], ["2", "0", "ok"]);
        assert_eq!(pg_meta_in(&db, n).len(), 2);
    }
    assert_eq!(row(&run, "t_bad")[1..4], ["0", "2", "failed"]);
    assert!(run.stdout.contains("3 ok, 1 failed"), "{}", run.stdout);
}

#[test]
fn schemas_query_lists_the_targets_and_a_missing_schema_fails_unless_created() {
    let db = pg::fresh_database("seqmig_targets_query");
    schemas(&db, &["tenant_1", "tenant_2", "other"]);
    let p = pg_project(&db, serde_json::json!({}));
    three_migrations(&p);
    let run = p.seqmig(&[
        "db:migrate",
        "--schemas-query",
        "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'tenant\\_%' ORDER BY 1",
        "--parallel",
        "2",
    ]);
    run.ok();
    assert_eq!(pg_meta_in(&db, "tenant_1").len(), 3);
    assert_eq!(pg_meta_in(&db, "tenant_2").len(), 3);
    assert!(pg_tables_in(&db, "other").is_empty());
    // A schema that does not exist fails that target only (with --keep-going) ...
    let run = p.seqmig(&[
        "db:migrate",
        "--schema",
        "tenant_1",
        "--schema",
        "tenant_new",
        "--keep-going",
    ]);
    run.expect_code(1);
    assert_eq!(row(&run, "tenant_new")[3], "failed");
    assert!(
        run.stderr.contains(
            "[tenant_new] ERROR: seqmig: schema \"tenant_new\" does not exist in database"
        ),
        "{}",
        run.stderr
    );
    assert!(pg_tables_in(&db, "tenant_new").is_empty());
    // ... and --create-schema creates it. One schema target: a plain run, unprefixed.
    let run = p.seqmig(&["db:migrate", "--schema", "tenant_new", "--create-schema"]);
    run.ok();
    assert!(!run.stdout.contains("[tenant_new]"), "{}", run.stdout);
    assert_eq!(pg_meta_in(&db, "tenant_new").len(), 3);
    assert_eq!(pg_tables_in(&db, "tenant_new"), ["SequelizeMeta", "a", "b"]);
}

#[test]
fn a_urls_file_mixing_reachable_and_refused_databases() {
    let db = pg::fresh_database("seqmig_targets_mixed");
    let p = TempProject::new();
    three_migrations(&p);
    let secret = "Hunter2Secret";
    // Port 1 on the loopback: nothing listens, the connection is refused.
    p.write(
        "urls.txt",
        &format!(
            "sqlite://first.sqlite\npostgres://someone:{secret}@127.0.0.1:1/nothere\n{}\nsqlite://last.sqlite\n",
            db.url()
        ),
    );
    let run = p.seqmig(&["db:migrate", "--urls-file", "urls.txt", "--keep-going"]);
    run.expect_code(1);
    assert!(
        !run.stdout.contains(secret) && !run.stderr.contains(secret),
        "{}{}",
        run.stdout,
        run.stderr
    );
    assert_eq!(row(&run, "first.sqlite")[1..4], ["3", "0", "ok"]);
    assert_eq!(row(&run, "127.0.0.1:1/nothere")[1..4], ["0", "-", "failed"]);
    assert_eq!(
        row(&run, &format!("127.0.0.1:{}/{}", db.port, db.name))[1..4],
        ["3", "0", "ok"]
    );
    assert_eq!(row(&run, "last.sqlite")[1..4], ["3", "0", "ok"]);
    assert!(
        run.stdout
            .contains("seqmig: [127.0.0.1:1/nothere] failed: "),
        "{}",
        run.stdout
    );
    // Without --keep-going, the refused one stops the targets after it.
    let run = p.seqmig(&["db:migrate:status", "--urls-file", "urls.txt"]);
    run.expect_code(1);
    assert_eq!(row(&run, "last.sqlite")[3], "not run");
    assert!(!run.stdout.contains(secret) && !run.stderr.contains(secret));
}

// ------------------------------------------------------------------------- bad input

#[test]
fn a_malformed_urls_file_line_names_its_line_and_runs_nothing() {
    let p = TempProject::new();
    three_migrations(&p);
    p.write(
        "urls.txt",
        "sqlite://ok.sqlite\n\n# fine\npostgres://bob:TopSecret99@db.example:notaport/app\n",
    );
    let run = p.seqmig(&["db:migrate", "--urls-file", "urls.txt"]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("seqmig: --urls-file urls.txt, line 4: Error parsing url: postgres://bob:*****@db.example:notaport/app"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("TopSecret99") && !run.stdout.contains("TopSecret99"));
    assert!(!p.path().join("ok.sqlite").exists(), "no target may start");
    p.write(
        "urls.txt",
        "sqlite://ok.sqlite\nmongodb://u:TopSecret99@h/db\n",
    );
    let run = p.seqmig(&["db:migrate", "--urls-file", "urls.txt"]);
    run.expect_code(1);
    assert!(
        run.stderr
            .contains("line 2: \"mongodb\" is not a dialect seqmig speaks"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("TopSecret99"));
    p.write("urls.txt", "# nothing\n\n");
    let run = p.seqmig(&["db:migrate", "--urls-file", "urls.txt"]);
    run.expect_code(1);
    assert!(run.stderr.contains("lists no URL"), "{}", run.stderr);
    let run = p.seqmig(&["db:migrate", "--urls-file", "missing.txt"]);
    run.expect_code(1);
    assert!(
        run.stderr
            .contains("--urls-file missing.txt: cannot read it"),
        "{}",
        run.stderr
    );
}

#[test]
fn urls_file_dash_reads_standard_input() {
    let p = TempProject::new();
    three_migrations(&p);
    let mut child = Command::new(crate::support::seqmig_bin())
        .args(["db:migrate", "--urls-file", "-"])
        .current_dir(p.path())
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"sqlite://in1.sqlite\nsqlite://in2.sqlite\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(meta_of(&p.path().join("in1.sqlite")).len(), 3);
    assert_eq!(meta_of(&p.path().join("in2.sqlite")).len(), 3);
}

#[test]
fn schema_on_sqlite_is_one_clear_line() {
    let p = sqlite_project(serde_json::json!({}));
    three_migrations(&p);
    for args in [
        &["db:migrate", "--schema", "tenant_a"][..],
        &["db:migrate", "--schema", "tenant_a", "--schema", "tenant_b"][..],
    ] {
        let run = p.seqmig(args);
        run.expect_code(1);
        let errors: Vec<&str> = run
            .stderr
            .lines()
            .filter(|l| !l.trim().is_empty())
            .collect();
        assert_eq!(
            errors,
            ["ERROR: seqmig: --schema tenant_a: schema targets are PostgreSQL schemas, and the configured database is sqlite; give one --url (or a line of --urls-file) per database instead"],
            "{args:?}"
        );
        assert!(!p.path().join("db.sqlite").exists());
    }
}

#[test]
fn bad_target_flags_are_refused_before_anything_runs() {
    let p = sqlite_project(serde_json::json!({}));
    three_migrations(&p);
    let cases: [(&[&str], &str); 6] = [
        (
            &[
                "db:create",
                "--url",
                "sqlite://a.sqlite",
                "--url",
                "sqlite://b.sqlite",
            ],
            "seqmig: --url is given 2 times, but db:create runs on one database",
        ),
        (
            &["db:migrate", "--schema", "Tenant-A"],
            "seqmig: --schema: schema name \"Tenant-A\" is not a plain lower-case identifier",
        ),
        (
            &["db:migrate", "--create-schema"],
            "seqmig: --create-schema goes with schema targets",
        ),
        (
            &["db:migrate", "--schema", "a", "--urls-file", "x.txt"],
            "cannot be combined with several --url or --urls-file",
        ),
        (
            &[
                "db:migrate",
                "--url",
                "sqlite://a.sqlite",
                "--url",
                "sqlite://a.sqlite",
            ],
            "seqmig: the URL sqlite://a.sqlite is given twice",
        ),
        (&["db:migrate", "--parallel", "0"], "--parallel"),
    ];
    for (args, want) in cases {
        let run = p.seqmig(args);
        run.expect_code(1);
        assert!(run.stderr.contains(want), "{args:?}:\n{}", run.stderr);
    }
    p.write("s.txt", "good\nBad Name\n");
    let run = p.seqmig(&["db:migrate", "--schemas-file", "s.txt"]);
    run.expect_code(1);
    assert!(
        run.stderr
            .contains("--schemas-file s.txt, line 2: schema name \"Bad Name\""),
        "{}",
        run.stderr
    );
    assert!(!p.path().join("a.sqlite").exists() && !p.path().join("db.sqlite").exists());
}

// ----------------------------------------------------- against the real sequelize-cli

/// `pg_dump --schema-only -n SCHEMA` without what pg_dump says about itself.
fn dump_schema(db: &pg::PgDb, schema: &str) -> String {
    let out = Command::new(pg::bin_dir().join("pg_dump"))
        .args([
            "--schema-only",
            "--no-owner",
            "--no-privileges",
            "-n",
            schema,
        ])
        .args([
            "-h",
            &db.host,
            "-p",
            &db.port.to_string(),
            "-U",
            &db.user,
            "-d",
            &db.name,
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| {
            !(l.starts_with("--")
                || l.starts_with("SET ")
                || l.starts_with("SELECT pg_catalog.set_config('search_path'")
                || l.starts_with("\\restrict")
                || l.starts_with("\\unrestrict")
                || l.trim().is_empty())
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn meta_rows(db: &pg::PgDb, schema: &str) -> Vec<String> {
    pg_meta_in(db, schema)
}

#[test]
fn tenants_match_sequelize_cli_run_once_per_schema() {
    if skip_differential() {
        return;
    }
    let compat = compat_dir();
    let tenants = ["tenant_a", "tenant_b", "tenant_c"];
    for example in [
        "blog",
        "types-and-defaults",
        "upsert-update-delete",
        "constraints-and-indexes",
    ] {
        let theirs = pg::fresh_database("seqmig_targets_cli");
        let ours = pg::fresh_database("seqmig_targets_ours");
        schemas(&theirs, &tenants);
        schemas(&ours, &tenants);
        // sequelize-cli: one run per schema, with the four keys in the config.
        let cli = TempProject::new();
        copy_dir(
            &repo_root().join("migrations-examples").join(example),
            cli.path(),
        );
        // The examples may `require('sequelize')`: sequelize-cli needs the pinned
        // node_modules for it (seqmig provides the module itself).
        std::os::unix::fs::symlink(
            repo_root().join("tests/compat/node_modules"),
            cli.path().join("node_modules"),
        )
        .unwrap();
        for t in tenants {
            let env = serde_json::json!({
                "dialect": "postgres", "host": theirs.host, "port": theirs.port,
                "username": theirs.user, "database": theirs.name, "logging": false,
                "schema": t, "searchPath": t, "dialectOptions": { "prependSearchPath": true },
                "migrationStorageTableSchema": t,
            });
            cli.write(
                "config/config.json",
                &serde_json::json!({ "development": env }).to_string(),
            );
            crate::support::sequelize_cli(&compat, cli.path(), &["db:migrate"]);
        }
        // seqmig: one run over the three schemas, with the plain config.
        let p = pg_project(&ours, serde_json::json!({}));
        copy_dir(
            &repo_root().join("migrations-examples").join(example),
            p.path(),
        );
        let _ = std::fs::remove_file(p.path().join(".sequelizerc"));
        let run = run_seqmig(
            p.path(),
            &[
                "db:migrate",
                "--schema",
                "tenant_a",
                "--schema",
                "tenant_b",
                "--schema",
                "tenant_c",
                "--parallel",
                "2",
            ],
            &[],
        );
        run.ok();
        for t in tenants {
            let (a, b) = (dump_schema(&theirs, t), dump_schema(&ours, t));
            assert!(
                a.contains(&format!("CREATE TABLE {t}.")),
                "{example}/{t}: nothing in the schema:\n{a}"
            );
            assert_eq!(
                a, b,
                "{example}/{t}: pg_dump -n {t} differs (left: sequelize-cli)"
            );
            assert_eq!(
                meta_rows(&theirs, t),
                meta_rows(&ours, t),
                "{example}/{t}: SequelizeMeta"
            );
        }
        assert_eq!(
            dump_schema(&theirs, "public"),
            dump_schema(&ours, "public"),
            "{example}: public"
        );
    }
}
