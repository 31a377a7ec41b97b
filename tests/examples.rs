//! Every example folder that declares SQLite runs up, shows its status, and runs all the
//! way down again, leaving only SequelizeMeta; on PostgreSQL the same on a fresh database.

use crate::support::{self, examples, sqlite_meta, sqlite_schema, TempProject};

pub fn migration_files(example: &str) -> Vec<String> {
    let dir = support::repo_root()
        .join("migrations-examples")
        .join(example)
        .join("migrations");
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| seqmig_core::discovery::is_migration_file(n))
        .collect();
    v.sort_by(|a, b| seqmig_core::discovery::js_cmp(a, b));
    v
}

fn declares(meta: &serde_json::Value, dialect: &str) -> bool {
    meta["dialects"]
        .as_array()
        .is_some_and(|d| d.iter().any(|x| x == dialect))
}

#[test]
fn every_sqlite_example_migrates_up_and_all_the_way_down() {
    let mut checked = 0;
    for (name, meta) in examples() {
        if !declares(&meta, "sqlite") || meta["expect"] == "failure" {
            continue;
        }
        let p = TempProject::new();
        p.with_example(&name).sqlite_config();
        let files = migration_files(&name);
        let up = p.seqmig(&["db:migrate"]);
        assert_eq!(up.code, 0, "{name}: db:migrate\n{}", up.masked(p.path()));
        assert_eq!(
            sqlite_meta(&p.db()),
            files,
            "{name}: SequelizeMeta after db:migrate"
        );
        let status = p.seqmig(&["db:migrate:status"]);
        status.ok();
        for f in &files {
            assert!(
                status.stdout.contains(&format!("up {f}\n")),
                "{name}: status lacks `up {f}`:\n{}",
                status.stdout
            );
        }
        let down = p.seqmig(&["db:migrate:undo:all"]);
        assert_eq!(
            down.code,
            0,
            "{name}: db:migrate:undo:all\n{}",
            down.masked(p.path())
        );
        assert_eq!(
            sqlite_meta(&p.db()),
            Vec::<String>::new(),
            "{name}: SequelizeMeta after undo:all"
        );
        let left: Vec<String> = sqlite_schema(&p.db())
            .into_iter()
            .filter(|s| s.starts_with("table "))
            .collect();
        assert_eq!(
            left,
            Vec::<String>::new(),
            "{name}: tables left after undo:all"
        );
        // And up again: down must have left a state that up accepts.
        p.seqmig(&["db:migrate"]).ok();
        checked += 1;
    }
    assert!(checked >= 1, "no SQLite example was found");
}

#[test]
fn blog_output_matches_sequelize_cli_lines() {
    let p = TempProject::new();
    p.with_example("blog").sqlite_config();
    let run = p.seqmig(&["db:migrate"]);
    run.ok();
    let mut expected = String::from("\nseqmig [seqmig: VERSION, CLI: 6.6.5, ORM: 6.37.8]\n\nLoaded configuration file \"config/config.json\".\nUsing environment \"development\".\n");
    for f in migration_files("blog") {
        let name = f.trim_end_matches(".js");
        expected.push_str(&format!(
            "== {name}: migrating =======\n== {name}: migrated (<t>s)\n\n"
        ));
    }
    let got = support::mask(&run.stdout, p.path()).replace(env!("CARGO_PKG_VERSION"), "VERSION");
    assert_eq!(got, expected);
    assert_eq!(run.stderr, "");
    let again = p.seqmig(&["db:migrate"]);
    again.ok();
    assert!(
        again
            .stdout
            .ends_with("No migrations were executed, database schema was already up to date.\n"),
        "{}",
        again.stdout
    );
}

#[test]
fn url_flag_needs_no_config_file() {
    let p = TempProject::new();
    p.with_example("blog");
    let run = p.seqmig(&["db:migrate", "--url", "sqlite://data/blog.sqlite"]);
    run.ok();
    assert!(
        run.stdout
            .contains("Parsed url sqlite://data/blog.sqlite\n"),
        "{}",
        run.stdout
    );
    let db = rusqlite::Connection::open(p.path().join("data/blog.sqlite")).unwrap();
    assert_eq!(sqlite_meta(&db).len(), migration_files("blog").len());
}

#[test]
fn migrate_to_and_undo_to() {
    let p = TempProject::new();
    p.with_example("blog").sqlite_config();
    let files = migration_files("blog");
    p.seqmig(&["db:migrate", "--to", &files[1]]).ok();
    assert_eq!(sqlite_meta(&p.db()), files[..2].to_vec());
    p.seqmig(&["db:migrate"]).ok();
    p.seqmig(&["db:migrate:undo:all", "--to", &files[2]]).ok();
    assert_eq!(sqlite_meta(&p.db()), files[..2].to_vec());
    p.seqmig(&["db:migrate:undo"]).ok();
    assert_eq!(sqlite_meta(&p.db()), files[..1].to_vec());
    let nothing = p.seqmig(&["db:migrate", "--to", "nosuch.js"]);
    nothing.expect_code(1);
    assert!(
        nothing
            .stderr
            .contains("ERROR: --to nosuch.js matches no migration file"),
        "{}",
        nothing.stderr
    );
}

#[test]
fn json_storage_records_in_a_file_and_leaves_no_table() {
    let p = TempProject::new();
    p.with_example("blog").write(
        "config/config.json",
        r#"{"development": {"dialect": "sqlite", "storage": "db.sqlite", "migrationStorage": "json", "migrationStoragePath": "meta.json"}}"#,
    );
    p.seqmig(&["db:migrate"]).ok();
    let names: Vec<String> =
        serde_json::from_str(&std::fs::read_to_string(p.path().join("meta.json")).unwrap())
            .unwrap();
    assert_eq!(names, migration_files("blog"));
    let has_meta: i64 = p
        .db()
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE name = 'SequelizeMeta'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(has_meta, 0);
}
