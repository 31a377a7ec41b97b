//! Migrations that leave a transaction open or end seqmig's own (issue 22, items 1-2), on
//! SQLite and PostgreSQL, with and without `--atomic`, `--dry-run`, verify. Checked as an
//! invariant, not as wording: what the output says was migrated is what SequelizeMeta
//! holds, every recorded migration's table is there, the migration after a failing one
//! never runs (nothing is swallowed), a claim that nothing remains is true, and no output
//! panics.

use crate::safety_common::{pg_project, pg_rows, pg_table_exists, sqlite_project};
use crate::support::{pg, Run, TempProject};

const M1: &str = "20240101000001-first.js";
const M2: &str = "20240101000002-second.js";
const M3: &str = "20240101000003-third.js";

fn table(name: &str) -> String {
    format!("await qi.createTable('{name}', {{ id: {{ type: S.INTEGER, primaryKey: true }} }}, o);")
}

/// A migration whose `up` runs `body` (with `qi`, `S`, and `o` = `{}` unless the body sets
/// it to `{ transaction: t }`).
fn migration(body: &str) -> String {
    format!(
        "module.exports = {{\n  async up(qi, S) {{\n    let o = {{}};\n    {body}\n  }},\n  async down(qi) {{}},\n}};\n"
    )
}

/// One variant of the second migration. `sqlite`/`pg`: the body on each dialect.
struct Variant {
    name: &'static str,
    sqlite: String,
    pg: String,
    /// Whether it must succeed without seqmig's own transaction, on SQLite and on
    /// PostgreSQL (where a COMMIT outside a block is a no-op with a warning): it closes
    /// every transaction it opens.
    plain: (bool, bool),
    /// Whether it must succeed inside seqmig's transaction (`--atomic`, `--dry-run`), on
    /// SQLite and on PostgreSQL (where a BEGIN inside a block is a no-op with a warning).
    inside: (bool, bool),
}

fn variants() -> Vec<Variant> {
    let both = |name, body: String, closes: bool| Variant {
        name,
        sqlite: body.clone(),
        pg: body,
        plain: (closes, closes),
        inside: (false, false),
    };
    let pg_ends = |v: Variant| Variant {
        plain: (false, true),
        ..v
    };
    let inside = |v: Variant| Variant {
        inside: (true, true),
        ..v
    };
    vec![
        both(
            "managed transaction never committed",
            format!("const t = await qi.sequelize.transaction(); o = {{ transaction: t }}; {}", table("t2")),
            false,
        ),
        both(
            "transaction never committed, statement without it",
            format!("const t = await qi.sequelize.transaction(); {}", table("t2")),
            false,
        ),
        Variant {
            name: "raw BEGIN",
            sqlite: format!("await qi.sequelize.query('BEGIN'); {}", table("t2")),
            pg: format!("await qi.sequelize.query('START TRANSACTION'); {}", table("t2")),
            plain: (false, false),
            inside: (false, true),
        },
        pg_ends(both(
            "raw COMMIT",
            format!("{} await qi.sequelize.query('COMMIT'); {}", table("t2a"), table("t2")),
            false,
        )),
        pg_ends(both(
            "raw ROLLBACK",
            format!("{} await qi.sequelize.query('ROLLBACK'); {}", table("t2a"), table("t2")),
            false,
        )),
        pg_ends(both(
            "raw END",
            format!("{} await qi.sequelize.query('END'); {}", table("t2a"), table("t2")),
            false,
        )),
        both(
            "raw COMMIT then BEGIN",
            format!(
                "{} await qi.sequelize.query('COMMIT'); await qi.sequelize.query('BEGIN'); {}",
                table("t2a"),
                table("t2")
            ),
            false,
        ),
        both(
            "raw BEGIN and COMMIT",
            format!(
                "await qi.sequelize.query('BEGIN'); {} await qi.sequelize.query('COMMIT');",
                table("t2")
            ),
            true,
        ),
        inside(both(
            "nested savepoints, all closed",
            format!(
                "await qi.sequelize.transaction(async (t) => {{ await qi.sequelize.transaction({{ transaction: t }}, async (t2) => {{ o = {{ transaction: t2 }}; {} }}); }});",
                table("t2")
            ),
            true,
        )),
        both(
            "nested savepoint inside a transaction never committed",
            format!(
                "const t = await qi.sequelize.transaction(); const t2 = await qi.sequelize.transaction({{ transaction: t }}); o = {{ transaction: t2 }}; {} await t2.commit();",
                table("t2")
            ),
            false,
        ),
        inside(both(
            "managed transaction committed",
            format!(
                "await qi.sequelize.transaction(async (t) => {{ o = {{ transaction: t }}; {} }});",
                table("t2")
            ),
            true,
        )),
    ]
}

/// What one database looks like to the checks.
trait Db {
    fn meta(&self) -> Vec<String>;
    fn has(&self, table: &str) -> bool;
}

struct Sqlite<'a>(&'a TempProject);

impl Db for Sqlite<'_> {
    fn meta(&self) -> Vec<String> {
        if !crate::safety_common::sqlite_table_exists(self.0, "SequelizeMeta") {
            return Vec::new();
        }
        crate::support::sqlite_meta(&self.0.db())
    }
    fn has(&self, table: &str) -> bool {
        crate::safety_common::sqlite_table_exists(self.0, table)
    }
}

struct Pg<'a>(&'a pg::PgDb);

impl Db for Pg<'_> {
    fn meta(&self) -> Vec<String> {
        pg_rows(self.0, "SequelizeMeta")
            .into_iter()
            .map(|r| r.trim_matches(|c| c == '(' || c == ')').to_string())
            .collect()
    }
    fn has(&self, table: &str) -> bool {
        pg_table_exists(self.0, table)
    }
}

/// The names the output says were migrated, as files.
fn migrated(run: &Run) -> Vec<String> {
    run.stdout
        .lines()
        .filter_map(|l| l.strip_prefix("== "))
        .filter_map(|l| l.split_once(": migrated ("))
        .map(|(name, _)| format!("{name}.js"))
        .collect()
}

/// The invariants of a run of `db:migrate` (`mode`: extra flags) over M1, M2, M3.
#[track_caller]
fn check(db: &dyn Db, run: &Run, mode: &str, expect_ok: bool, what: &str) {
    let all = format!(
        "{what} [{mode}]\n--- stdout\n{}--- stderr\n{}",
        run.stdout, run.stderr
    );
    assert!(!all.contains("panicked"), "{all}");
    let dry = mode == "--dry-run";
    let meta = db.meta();
    if dry {
        assert!(
            meta.is_empty(),
            "a dry run records nothing: {meta:?}\n{all}"
        );
    } else {
        assert_eq!(
            migrated(run),
            meta,
            "migrated lines vs SequelizeMeta\n{all}"
        );
    }
    for (m, t) in [(M1, "t1"), (M2, "t2"), (M3, "t3")] {
        if meta.iter().any(|x| x == m) {
            assert!(db.has(t), "{m} is recorded but {t} is missing\n{all}");
        }
    }
    if expect_ok {
        assert_eq!(run.code, 0, "{all}");
        if !dry {
            assert_eq!(meta, [M1, M2, M3], "{all}");
        }
    } else {
        assert_eq!(run.code, 1, "{all}");
        assert!(run.stderr.contains(M2), "the error names the file\n{all}");
        // The migration after the failing one never runs: nothing is swallowed, nothing
        // said to be migrated is lost.
        assert!(!db.has("t3"), "{all}");
        if !dry {
            assert_eq!(meta, [M1], "{all}");
            assert!(db.has("t1"), "{all}");
        }
        if run.stderr.contains("nothing of it remains") {
            assert!(!db.has("t2") && !db.has("t2a"), "{all}");
        }
    }
    if run.stderr.contains("the database is exactly as it was") {
        assert!(!db.has("t1") && !db.has("t2") && !db.has("t2a"), "{all}");
        assert!(db.meta().is_empty(), "{all}");
    }
}

fn write(p: &TempProject, second: &str) {
    p.write(&format!("migrations/{M1}"), &migration(&table("t1")));
    p.write(&format!("migrations/{M2}"), &migration(second));
    p.write(&format!("migrations/{M3}"), &migration(&table("t3")));
}

const MODES: [&str; 3] = ["", "--atomic", "--dry-run"];

#[test]
fn sqlite_transactions_left_open_or_ended_keep_output_and_sequelizemeta_equal() {
    for v in variants() {
        for mode in MODES {
            let p = sqlite_project(serde_json::json!({}));
            write(&p, &v.sqlite);
            let mut args = vec!["db:migrate"];
            if !mode.is_empty() {
                args.push(mode);
            }
            let run = p.seqmig(&args);
            let ok = if mode.is_empty() {
                v.plain.0
            } else {
                v.inside.0
            };
            check(&Sqlite(&p), &run, mode, ok, v.name);
        }
    }
}

#[test]
fn postgres_transactions_left_open_or_ended_keep_output_and_sequelizemeta_equal() {
    for (i, v) in variants().into_iter().enumerate() {
        for (j, mode) in MODES.into_iter().enumerate() {
            let db = pg::fresh_database(&format!("tx_inv_{i}_{j}"));
            let p = pg_project(&db, serde_json::json!({}));
            write(&p, &v.pg);
            let mut args = vec!["db:migrate"];
            if !mode.is_empty() {
                args.push(mode);
            }
            let run = p.seqmig(&args);
            let ok = if mode.is_empty() {
                v.plain.1
            } else {
                v.inside.1
            };
            check(&Pg(&db), &run, mode, ok, v.name);
        }
    }
}

#[test]
fn sqlite_unclosed_transaction_fails_its_migration_instead_of_swallowing_the_rest() {
    let p = sqlite_project(serde_json::json!({}));
    write(&p, &variants()[0].sqlite);
    let run = p.seqmig(&["db:migrate"]);
    run.expect_code(1);
    assert!(
        run.stderr.contains(&format!("ERROR: seqmig: {M2} left a transaction open at the end of up() (`BEGIN DEFERRED TRANSACTION;` was never committed or rolled back); seqmig rolled it back")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("seqmig: these statements it ran were rolled back:\n    BEGIN DEFERRED TRANSACTION;\n    CREATE TABLE IF NOT EXISTS `t2`"),
        "{}",
        run.stderr
    );
    assert_eq!(migrated(&run), [M1]);
    assert_eq!(Sqlite(&p).meta(), [M1]);
    // The next run, with the migration fixed, applies it and the one after it.
    p.write(&format!("migrations/{M2}"), &migration(&table("t2")));
    let again = p.seqmig(&["db:migrate"]);
    again.ok();
    assert_eq!(Sqlite(&p).meta(), [M1, M2, M3]);
    assert!(Sqlite(&p).has("t3"));
}

#[test]
fn postgres_unclosed_transaction_fails_its_migration_instead_of_swallowing_the_rest() {
    let db = pg::fresh_database("tx_unclosed");
    let p = pg_project(&db, serde_json::json!({}));
    write(&p, &variants()[2].pg);
    let run = p.seqmig(&["db:migrate"]);
    run.expect_code(1);
    assert!(
        run.stderr.contains(&format!("ERROR: seqmig: {M2} left a transaction open at the end of up() (`START TRANSACTION` was never committed or rolled back); seqmig rolled it back")),
        "{}",
        run.stderr
    );
    assert_eq!(migrated(&run), [M1]);
    assert_eq!(Pg(&db).meta(), [M1]);
    assert!(!Pg(&db).has("t2"));
}

#[test]
fn postgres_atomic_raw_commit_says_what_stayed_committed() {
    let db = pg::fresh_database("tx_atomic_commit");
    let p = pg_project(&db, serde_json::json!({}));
    write(&p, &variants()[3].pg);
    let run = p.seqmig(&["db:migrate", "--atomic"]);
    run.expect_code(1);
    assert!(
        run.stderr.contains(&format!("ERROR: seqmig: {M2} ended its --atomic transaction itself with `COMMIT` in up(): what it had run before that is committed and stays applied")),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("nothing of it remains"),
        "{}",
        run.stderr
    );
    assert!(Pg(&db).has("t2a") && Pg(&db).has("t2"));
    assert_eq!(Pg(&db).meta(), [M1]);
}

#[test]
fn postgres_atomic_raw_rollback_is_not_recorded() {
    let db = pg::fresh_database("tx_atomic_rollback");
    let p = pg_project(&db, serde_json::json!({}));
    write(&p, &variants()[4].pg);
    let run = p.seqmig(&["db:migrate", "--atomic"]);
    run.expect_code(1);
    assert!(
        run.stderr.contains(&format!("ERROR: seqmig: {M2} ended its --atomic transaction itself with `ROLLBACK` in up(): what it had run before that was rolled back")),
        "{}",
        run.stderr
    );
    assert!(!Pg(&db).has("t2a"));
    assert!(
        Pg(&db).has("t2"),
        "ran after the ROLLBACK, outside any transaction"
    );
    assert_eq!(Pg(&db).meta(), [M1]);
}

#[test]
fn postgres_dry_run_raw_commit_does_not_claim_the_database_is_unchanged() {
    let db = pg::fresh_database("tx_dry_commit");
    let p = pg_project(&db, serde_json::json!({}));
    write(&p, &variants()[3].pg);
    let run = p.seqmig(&["db:migrate", "--dry-run"]);
    run.expect_code(1);
    assert!(!run.stderr.contains("exactly as it was"), "{}", run.stderr);
    assert!(
        run.stderr.contains("seqmig: dry run: NOT rolled back: a migration committed the dry run's transaction itself (`COMMIT`)"),
        "{}",
        run.stderr
    );
    assert!(Pg(&db).has("t1") && Pg(&db).has("t2a"));
}

#[test]
fn sqlite_verify_raw_commit_does_not_claim_the_database_is_unchanged() {
    let p = sqlite_project(serde_json::json!({}));
    write(&p, &variants()[3].sqlite);
    let run = p.seqmig(&["db:migrate:verify"]);
    run.expect_code(1);
    assert!(!run.stderr.contains("exactly as it was"), "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!("ERROR: seqmig: {M2} ended verify's transaction itself with `COMMIT` in up(): everything verify had run before that is committed: the database was changed")),
        "{}",
        run.stderr
    );
    assert!(Sqlite(&p).has("t1") && Sqlite(&p).has("t2a"));
    assert!(!run.stdout.contains("panicked") && !run.stderr.contains("panicked"));
}

#[test]
fn postgres_atomic_caught_statement_error_is_named_and_rolled_back() {
    let db = pg::fresh_database("tx_atomic_aborted");
    let p = pg_project(&db, serde_json::json!({}));
    write(
        &p,
        &format!(
            "{} try {{ await qi.sequelize.query('SELECT * FROM nosuch'); }} catch (e) {{}}",
            table("t2")
        ),
    );
    let run = p.seqmig(&["db:migrate", "--atomic"]);
    run.expect_code(1);
    assert!(
        run.stderr.contains(&format!("ERROR: seqmig: a statement of {M2} failed inside its --atomic transaction and the migration went on; PostgreSQL aborted the transaction")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("so nothing of it remains; it was not recorded."),
        "{}",
        run.stderr
    );
    assert!(!Pg(&db).has("t2"));
    assert_eq!(Pg(&db).meta(), [M1]);
    // As sequelize-cli runs it (no transaction), the caught error is harmless.
    let plain = p.seqmig(&["db:migrate"]);
    plain.ok();
    assert_eq!(migrated(&plain), Pg(&db).meta()[1..]);
}

#[test]
fn sqlite_down_that_leaves_a_transaction_open_stays_recorded() {
    let p = sqlite_project(serde_json::json!({}));
    write(&p, &migration(&table("t2")));
    p.seqmig(&["db:migrate"]).ok();
    p.write(
        &format!("migrations/{M3}"),
        "module.exports = {\n  async up(qi, S) { await qi.createTable('t3', { id: { type: S.INTEGER, primaryKey: true } }); },\n  async down(qi) { await qi.sequelize.query('BEGIN'); await qi.dropTable('t3'); },\n};\n",
    );
    let run = p.seqmig(&["db:migrate:undo"]);
    run.expect_code(1);
    assert!(
        run.stderr.contains(&format!("ERROR: seqmig: {M3} left a transaction open at the end of down() (`BEGIN` was never committed or rolled back); seqmig rolled it back")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&format!(
            "seqmig: migrations/{M3} failed in down(); it stays recorded as applied."
        )),
        "{}",
        run.stderr
    );
    assert!(!run.stdout.contains("reverted ("), "{}", run.stdout);
    assert_eq!(Sqlite(&p).meta(), [M1, M2, M3]);
    assert!(Sqlite(&p).has("t3"), "the drop was rolled back");
}

#[test]
fn postgres_verify_raw_rollback_says_what_stays_applied() {
    let db = pg::fresh_database("tx_verify_rollback");
    let p = pg_project(&db, serde_json::json!({}));
    p.write(
        &format!("migrations/{M1}"),
        &format!(
            "module.exports = {{\n  async up(qi, S) {{ let o = {{}}; {} await qi.sequelize.query('ROLLBACK'); {} }},\n  async down(qi) {{ await qi.dropTable('t1'); }},\n}};\n",
            table("t1a"),
            table("t1")
        ),
    );
    let run = p.seqmig(&["db:migrate:verify"]);
    run.expect_code(1);
    assert!(!run.stderr.contains("exactly as it was"), "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!("ERROR: seqmig: {M1} ended verify's transaction itself with `ROLLBACK` in up(): what it had run before that was rolled back")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("seqmig: these statements stay applied (committed by the migration itself, or run outside any transaction):\n    CREATE TABLE IF NOT EXISTS \"t1\""),
        "{}",
        run.stderr
    );
    assert!(Pg(&db).has("t1") && !Pg(&db).has("t1a"));
    assert!(Pg(&db).meta().is_empty());
}

#[test]
fn sqlite_killed_after_a_raw_commit_under_atomic_does_not_claim_nothing_remains() {
    use crate::safety_common::{kill9, spawn_seqmig, wait_for_file};
    let p = sqlite_project(serde_json::json!({}));
    let ready = p.path().join("ready");
    let ready_js = serde_json::to_string(&ready.display().to_string()).unwrap();
    p.write(&format!("migrations/{M1}"), &migration(&table("t1")));
    p.write(
        &format!("migrations/{M2}"),
        &format!(
            "const fs = require('fs');\n{}",
            migration(&format!(
                "{} await qi.sequelize.query('COMMIT'); fs.writeFileSync({ready_js}, '1'); await new Promise((r) => setTimeout(r, 60000)); {}",
                table("t2a"),
                table("t2")
            ))
        ),
    );
    let mut child = spawn_seqmig(p.path(), &["db:migrate", "--atomic"]);
    wait_for_file(&mut child, &ready);
    kill9(child);
    assert!(Sqlite(&p).has("t2a"), "committed by the migration itself");
    let status = p.seqmig(&["db:migrate:status"]);
    status.ok();
    assert!(
        !status.stderr.contains("nothing of it remains"),
        "{}",
        status.stderr
    );
    assert!(
        status.stderr.contains(&format!(
            "seqmig: warning: {M2} was interrupted while running up"
        )),
        "{}",
        status.stderr
    );
    assert!(
        status.stderr.contains("it may be partly applied"),
        "{}",
        status.stderr
    );
}

/// A statement error inside a managed transaction names the migration, the statement the
/// server refused and its message; what the transaction ran is said to be rolled back, and
/// the database agrees (issue 15, bad input).
fn statement_error_in_managed_transaction(p: &TempProject, db: &dyn Db, refused: &str) {
    write(
        p,
        &format!(
            "await qi.sequelize.transaction(async (t) => {{ o = {{ transaction: t }}; {} await qi.sequelize.query('INSERT INTO nosuch VALUES (1)', o); }});",
            table("t2")
        ),
    );
    let run = p.seqmig(&["db:migrate"]);
    run.expect_code(1);
    assert!(run.stderr.contains(refused), "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "seqmig: migrations/{M2} failed in up(); it was not recorded."
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("seqmig: the statement that failed: INSERT INTO nosuch VALUES (1)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("seqmig: these statements it ran were rolled back:"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert_eq!(migrated(&run), [M1]);
    assert_eq!(db.meta(), [M1]);
    assert!(!db.has("t2"), "the rolled-back table is still there");
}

#[test]
fn sqlite_statement_error_in_a_transaction_names_the_statement() {
    let p = sqlite_project(serde_json::json!({}));
    statement_error_in_managed_transaction(
        &p,
        &Sqlite(&p),
        "ERROR: SQLITE_ERROR: no such table: nosuch",
    );
}

#[test]
fn postgres_statement_error_in_a_transaction_names_the_statement() {
    let db = pg::fresh_database("tx_statement_error");
    let p = pg_project(&db, serde_json::json!({}));
    statement_error_in_managed_transaction(
        &p,
        &Pg(&db),
        "ERROR: relation \"nosuch\" does not exist",
    );
}
