//! Seeders as sequelize-cli runs them: `none` storage by default (every run inserts again,
//! undo runs every seeder's down), `sequelize` storage in `SequelizeData`.

use crate::support::TempProject;

const CREATE_TAGS: &str = r#"module.exports = {
  up: (qi, Sequelize) => qi.createTable('tags', {
    id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
    label: { type: Sequelize.STRING, allowNull: false },
    createdAt: Sequelize.DATE,
  }),
  down: (qi) => qi.dropTable('tags'),
};
"#;

fn seeder(labels: &[&str]) -> String {
    let rows: Vec<String> = labels
        .iter()
        .map(|l| format!("{{ label: '{l}', createdAt: new Date(Date.UTC(2024, 0, 5, 9)) }}"))
        .collect();
    let names: Vec<String> = labels.iter().map(|l| format!("'{l}'")).collect();
    format!(
        "module.exports = {{\n  up: (qi) => qi.bulkInsert('tags', [{}], {{}}),\n  down: (qi, Sequelize) => qi.bulkDelete('tags', {{ label: {{ [Sequelize.Op.in]: [{}] }} }}, {{}}),\n}};\n",
        rows.join(", "),
        names.join(", ")
    )
}

fn project(config: &str) -> TempProject {
    let p = TempProject::new();
    p.write("config/config.json", config)
        .write("migrations/20240101000000-create-tags.js", CREATE_TAGS)
        .write("seeders/20240102000000-first.js", &seeder(&["a", "b"]))
        .write("seeders/20240103000000-second.js", &seeder(&["c"]));
    p.seqmig(&["db:migrate"]).ok();
    p
}

fn labels(p: &TempProject) -> Vec<String> {
    let db = p.db();
    let mut st = db.prepare("SELECT label FROM tags ORDER BY id").unwrap();
    st.query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn default_none_storage_seeds_again_and_undoes_everything() {
    let p = project(r#"{"development": {"dialect": "sqlite", "storage": "db.sqlite"}}"#);
    let run = p.seqmig(&["db:seed:all"]);
    run.ok();
    assert!(
        run.stdout.contains(
            "== 20240102000000-first: migrating =======\n== 20240102000000-first: migrated ("
        ),
        "{}",
        run.stdout
    );
    p.seqmig(&["db:seed:all"]).ok();
    assert_eq!(labels(&p), ["a", "b", "c", "a", "b", "c"]);
    let stored: String = p
        .db()
        .query_row("SELECT createdAt FROM tags LIMIT 1", [], |r| r.get(0))
        .unwrap();
    assert_eq!(stored, "2024-01-05 09:00:00.000 +00:00");
    let undo = p.seqmig(&["db:seed:undo"]);
    undo.ok();
    assert!(
        undo.stdout.contains("== 20240103000000-second: reverting"),
        "{}",
        undo.stdout
    );
    assert_eq!(labels(&p), ["a", "b", "a", "b"]);
    p.seqmig(&["db:seed:undo:all"]).ok();
    assert_eq!(labels(&p), Vec::<String>::new());
    let one = p.seqmig(&["db:seed", "--seed", "20240103000000-second.js"]);
    one.ok();
    assert_eq!(labels(&p), ["c"]);
}

#[test]
fn sequelize_storage_records_seeders_in_sequelize_data() {
    let p = project(
        r#"{"development": {"dialect": "sqlite", "storage": "db.sqlite", "seederStorage": "sequelize"}}"#,
    );
    p.seqmig(&["db:seed:all"]).ok();
    let again = p.seqmig(&["db:seed:all"]);
    again.ok();
    assert!(
        again.stdout.ends_with("No seeders found.\n"),
        "{}",
        again.stdout
    );
    let n: i64 = p
        .db()
        .query_row("SELECT count(*) FROM SequelizeData", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 2);
    assert_eq!(labels(&p), ["a", "b", "c"]);
    p.seqmig(&["db:seed:undo:all"]).ok();
    let n: i64 = p
        .db()
        .query_row("SELECT count(*) FROM SequelizeData", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 0);
    let none = p.seqmig(&["db:seed:undo:all"]);
    none.ok();
    assert!(
        none.stdout.ends_with("No seeders found.\n"),
        "{}",
        none.stdout
    );
}

#[test]
fn unknown_seed_name_is_sequelize_cli_error() {
    let p = project(r#"{"development": {"dialect": "sqlite", "storage": "db.sqlite"}}"#);
    let run = p.seqmig(&["db:seed", "--seed", "nosuch.js"]);
    run.expect_code(1);
    assert_eq!(run.stderr, "ERROR: Unable to find migration: nosuch.js\n");
}

#[test]
fn missing_seeders_folder_is_one_line() {
    let p = TempProject::new();
    p.sqlite_config()
        .write("migrations/20240101000000-create-tags.js", CREATE_TAGS);
    let run = p.seqmig(&["db:seed:all"]);
    run.expect_code(1);
    assert_eq!(
        run.stderr,
        format!(
            "ERROR: the seeders folder {} does not exist\n",
            p.path().join("seeders").display()
        )
    );
}
