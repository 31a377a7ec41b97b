//! Snapshots of what seqmig prints, in text and `--json`, for the commands people read:
//! `db:migrate`, `db:migrate:status`, `db:migrate:undo` and a failing migration, on SQLite
//! and PostgreSQL. Paths, durations and ports are filtered so that a snapshot changes only
//! when the output does. `cargo insta review` shows a change.

use crate::safety_common::{pg_project, sqlite_project};
use crate::support::{pg, regex_escape, shown, TempProject};

const CREATE_A: &str = "module.exports = {\n  async up(qi, S) { await qi.createTable('a', { id: { type: S.INTEGER, primaryKey: true } }); },\n  async down(qi) { await qi.dropTable('a'); },\n};\n";
const CREATE_B: &str = "module.exports = {\n  async up(qi, S) { await qi.createTable('b', { id: { type: S.INTEGER, primaryKey: true } }); },\n  async down(qi) { await qi.dropTable('b'); },\n};\n";
const FAILS: &str = "module.exports = {\n  async up(qi, S) {\n    await qi.createTable('half', { id: { type: S.INTEGER, primaryKey: true } });\n    await qi.sequelize.query('SELECT * FROM no_such_table');\n  },\n  async down(qi) { await qi.dropTable('half'); },\n};\n";

/// The filters every snapshot here shares.
fn settings(p: &TempProject) -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path("snapshots");
    s.set_prepend_module_to_snapshot(false);
    let project = regex_escape(&p.path().display().to_string());
    s.add_filter(&project, "<project>");
    s.add_filter(r"\(\d+(\.\d+)?s\)", "(<t>s)");
    s.add_filter(r#""duration_ms": ?\d+"#, "\"duration_ms\": <ms>");
    s.add_filter(r"(localhost|127\.0\.0\.1):\d+", "$1:<port>");
    s.add_filter(r"port \d+", "port <port>");
    // seqmig's own version, and where in the shims an error passed: both change without
    // the output changing in kind.
    s.add_filter(r"seqmig: \d+\.\d+\.\d+[\w.-]*", "seqmig: <version>");
    s.add_filter(r"\(js-shims/[^)]+\)", "(js-shims/<shim>)");
    s.add_filter(r"t_seqmig_cli_snap_pg_\d+_\d+", "<database>");
    s
}

/// Runs the commands of one scenario and snapshots each, named `<dialect>_<step>`.
fn scenario(p: &TempProject, dialect: &str) {
    p.write("migrations/20240101000000-a.js", CREATE_A);
    p.write("migrations/20240102000000-b.js", CREATE_B);
    let settings = settings(p);
    settings.bind(|| {
        let steps: [(&str, &[&str]); 8] = [
            ("status_before", &["db:migrate:status"]),
            ("migrate", &["db:migrate"]),
            ("status_after", &["db:migrate:status"]),
            ("status_json", &["db:migrate:status", "--json"]),
            ("undo", &["db:migrate:undo"]),
            ("migrate_json", &["db:migrate", "--json"]),
            ("undo_all_json", &["db:migrate:undo:all", "--json"]),
            ("migrate_again", &["db:migrate"]),
        ];
        for (step, args) in steps {
            insta::assert_snapshot!(format!("{dialect}_{step}"), shown(&p.seqmig(args)));
        }
        p.write("migrations/20240103000000-fails.js", FAILS);
        insta::assert_snapshot!(
            format!("{dialect}_failing_migration"),
            shown(&p.seqmig(&["db:migrate"]))
        );
        insta::assert_snapshot!(
            format!("{dialect}_failing_migration_json"),
            shown(&p.seqmig(&["db:migrate", "--json"]))
        );
    });
}

#[test]
fn cli_output_snapshots_on_sqlite() {
    let p = sqlite_project(serde_json::json!({}));
    scenario(&p, "sqlite");
}

#[test]
fn cli_output_snapshots_on_postgres() {
    let db = pg::fresh_database("seqmig_cli_snap_pg");
    let p = pg_project(&db, serde_json::json!({}));
    scenario(&p, "postgres");
}
