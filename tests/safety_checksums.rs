//! Checksums (opt-in): the sha256 of each applied file in `SequelizeMetaChecksums`, never in
//! `SequelizeMeta`; status marks `changed`/`missing`; `db:migrate:validate` exits 1 on drift.

use crate::safety_common::{pg_client, pg_project, sqlite_project, sqlite_table_exists};
use crate::support::{pg, sqlite_meta, TempProject};

const A: &str = "module.exports = { up: async () => {}, down: async () => {} };\n";

fn write(p: &TempProject) {
    p.write("migrations/20240101000001-a.js", A);
    p.write("migrations/20240101000002-b.js", A);
    p.write("migrations/20240101000003-c.js", A);
}

#[test]
fn sqlite_checksums_record_show_and_validate_drift() {
    let p = sqlite_project(serde_json::json!({}));
    write(&p);
    p.seqmig(&["db:migrate", "--to", "20240101000001-a.js"])
        .ok();
    assert!(
        !sqlite_table_exists(&p, "SequelizeMetaChecksums"),
        "off by default"
    );
    p.seqmig(&["db:migrate", "--checksums"]).ok();
    let db = p.db();
    let rows: Vec<(String, String)> = db
        .prepare("SELECT name, sha256 FROM SequelizeMetaChecksums ORDER BY name")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        rows.iter().map(|r| r.0.as_str()).collect::<Vec<_>>(),
        ["20240101000002-b.js", "20240101000003-c.js"]
    );
    assert!(rows.iter().all(|r| r.1.len() == 64));
    let meta_cols: i64 = db
        .query_row(
            "SELECT count(*) FROM pragma_table_info('SequelizeMeta')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        meta_cols, 1,
        "SequelizeMeta keeps sequelize-cli's single column"
    );

    let status = p.seqmig(&["db:migrate:status", "--checksums"]);
    status.ok();
    assert!(status.stdout.contains("up 20240101000001-a.js (no checksum)\nup 20240101000002-b.js\nup 20240101000003-c.js\n"), "{}", status.stdout);
    p.seqmig(&["db:migrate:validate"]).ok();

    p.write(
        "migrations/20240101000002-b.js",
        &("// edited after it ran\n".to_string() + A),
    );
    std::fs::remove_file(p.path().join("migrations/20240101000003-c.js")).unwrap();
    let status = p.seqmig(&["db:migrate:status", "--checksums"]);
    status.ok();
    assert!(
        status
            .stdout
            .contains("up 20240101000002-b.js (changed)\nup 20240101000003-c.js (missing)\n"),
        "{}",
        status.stdout
    );
    // Without the flag, status prints exactly sequelize-cli's lines.
    let plain = p.seqmig(&["db:migrate:status"]);
    assert!(
        plain
            .stdout
            .contains("up 20240101000002-b.js\nup 20240101000003-c.js\n"),
        "{}",
        plain.stdout
    );
    let validate = p.seqmig(&["db:migrate:validate"]);
    validate.expect_code(1);
    assert!(
        validate.stderr.contains("ERROR: seqmig: 2 applied migration(s) changed or missing since they ran: 20240101000002-b.js, 20240101000003-c.js"),
        "{}",
        validate.stderr
    );
    let json = p.seqmig(&["db:migrate:validate", "--json"]);
    json.expect_code(1);
    let doc: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(doc["migrations"][1]["checksum"], "changed");
    assert_eq!(doc["migrations"][2]["checksum"], "missing");
    assert_eq!(doc["error"]["kind"], "safety");

    p.write("migrations/20240101000002-b.js", A);
    p.write("migrations/20240101000003-c.js", A);
    p.seqmig(&["db:migrate:validate"]).ok();
}

#[test]
fn the_config_key_opts_in_and_undo_forgets() {
    let p = sqlite_project(serde_json::json!({"seqmigChecksums": true}));
    write(&p);
    p.seqmig(&["db:migrate"]).ok();
    let count = |p: &TempProject| -> i64 {
        p.db()
            .query_row("SELECT count(*) FROM SequelizeMetaChecksums", [], |r| {
                r.get(0)
            })
            .unwrap()
    };
    assert_eq!(count(&p), 3);
    p.seqmig(&["db:migrate:undo"]).ok();
    assert_eq!(count(&p), 2);
    assert_eq!(sqlite_meta(&p.db()).len(), 2);
    // A dry run records nothing.
    p.seqmig(&["db:migrate", "--dry-run"]).ok();
    assert_eq!(count(&p), 2);
}

#[test]
fn postgres_checksums_record_and_validate() {
    let db = pg::fresh_database("safety_checksums");
    let p = pg_project(&db, serde_json::json!({"seqmigChecksums": true}));
    write(&p);
    p.seqmig(&["db:migrate"]).ok();
    let n: i64 = pg_client(&db)
        .query_one("SELECT count(*) FROM \"SequelizeMetaChecksums\"", &[])
        .unwrap()
        .get(0);
    assert_eq!(n, 3);
    p.seqmig(&["db:migrate:validate"]).ok();
    p.write(
        "migrations/20240101000001-a.js",
        &("// changed\n".to_string() + A),
    );
    let v = p.seqmig(&["db:migrate:validate"]);
    v.expect_code(1);
    assert!(
        v.stdout.contains("up 20240101000001-a.js (changed)\n"),
        "{}",
        v.stdout
    );
}
