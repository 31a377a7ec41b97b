//! App code inside migrations (issue 10): the example app `migrations-examples/models-app`
//! (`models/index.js` as `sequelize-cli init` writes it, a class-style `User` and a
//! `define`d paranoid, underscored `Post`, associated) migrated up and down by the
//! seqmig binary; its migrations write and rewrite rows through the models and open a
//! second database with `new Sequelize(...)`. The differential harness compares the
//! whole example with sequelize-cli; these tests pin the values of its first five
//! migrations and the errors of what seqmig leaves out.

use crate::support::{copy_dir, pg, repo_root, TempProject};

/// The migration the tests below stop at; the later ones only read into `reports`.
const SECOND_CONNECTION: &str = "20240104000000-second-connection.js";

/// The example app, its migrations up to and including `last`, on `db.sqlite`.
pub(crate) fn app_until(last: &str) -> TempProject {
    let p = TempProject::new();
    copy_dir(
        &repo_root().join("migrations-examples/models-app"),
        p.path(),
    );
    std::fs::remove_file(p.path().join("example.json")).unwrap();
    for entry in std::fs::read_dir(p.path().join("migrations")).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().unwrap().to_string_lossy().as_ref() > last {
            std::fs::remove_file(path).unwrap();
        }
    }
    p.sqlite_config();
    p
}

fn app() -> TempProject {
    app_until(SECOND_CONNECTION)
}

/// The Users rows the seeding migration leaves (model defaults, the email setter).
fn seeded_users() -> Vec<(i64, String, String, String, String, i64, i64)> {
    vec![
        (
            1,
            s("Ann"),
            s("lee"),
            s("ann@example.com"),
            s("member"),
            0,
            1,
        ),
        (
            2,
            s("Bob"),
            s("stone"),
            s("bob@example.com"),
            s("admin"),
            3,
            1,
        ),
        (3, s("Cy"), s("ray"), s("cy@example.com"), s("member"), 0, 0),
    ]
}

fn users(db: &rusqlite::Connection) -> Vec<(i64, String, String, String, String, i64, i64)> {
    let mut st = db
        .prepare(
            "SELECT id, firstName, lastName, email, role, score, active FROM Users ORDER BY id",
        )
        .unwrap();
    st.query_map([], |r| {
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
            r.get(6)?,
        ))
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

fn posts(db: &rusqlite::Connection) -> Vec<(i64, String, Option<String>, Option<i64>, i64, bool)> {
    let mut st = db
        .prepare(
            "SELECT id, title, slug, user_id, views, deleted_at IS NOT NULL FROM posts ORDER BY id",
        )
        .unwrap();
    st.query_map([], |r| {
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
        ))
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

pub(crate) fn s(v: &str) -> String {
    v.to_string()
}

#[test]
fn models_app_writes_rows_through_the_models_on_sqlite() {
    let p = app();
    let run = p.seqmig(&[
        "db:migrate",
        "--to",
        "20240102000000-seed-through-models.js",
    ]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let db = p.db();
    // Defaults from the model (role, score, active), the email setter, timestamps.
    assert_eq!(users(&db), seeded_users());
    let (uuid, created, updated): (String, String, String) = db
        .query_row(
            "SELECT uuid, createdAt, updatedAt FROM Users WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(uuid.len(), 36, "{uuid}");
    assert_eq!(uuid.as_bytes()[14], b'4', "a v4 uuid: {uuid}");
    // Sequelize stores a DATE on SQLite as 'YYYY-MM-DD HH:MM:SS.mmm +00:00'.
    assert_eq!(created.len(), 30, "{created}");
    assert!(created.ends_with(" +00:00"), "{created}");
    assert_eq!(created, updated);
    assert_eq!(
        posts(&db),
        vec![
            (1, s("Hello world"), Some(s("hello")), Some(1), 0, false),
            (2, s("Hello again"), Some(s("again")), Some(2), 0, false),
            (3, s("Draft"), None, Some(2), 2, false),
        ]
    );
    let published: Option<String> = db
        .query_row("SELECT published_at FROM posts WHERE id = 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert!(
        published.is_some_and(|d| d.ends_with(" +00:00")),
        "defaultValue NOW"
    );
}

#[test]
fn models_app_rewrites_rows_and_undoes_them_on_sqlite() {
    let p = app();
    let run = p.seqmig(&["db:migrate"]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let db = p.db();
    assert_eq!(
        users(&db),
        vec![
            (
                1,
                s("Ann"),
                s("Ann LEE / /posts/hello"),
                s("ann@example.com"),
                s("member"),
                102,
                1
            ),
            (
                2,
                s("Bob"),
                s("STONE"),
                s("bob@example.com"),
                s("admin"),
                10,
                1
            ),
            (3, s("Cy"), s("RAY"), s("cy@example.com"), s("member"), 0, 0),
        ]
    );
    assert_eq!(
        posts(&db),
        vec![
            (1, s("Hello world"), Some(s("hello")), Some(1), 15, false),
            (2, s("Hello again"), Some(s("again")), Some(2), 10, false),
            (3, s("Draft"), None, Some(2), 2, true),
            (4, s("archived 3"), None, None, 0, false),
        ]
    );
    // The second database got the archive; the migrated one did not.
    let archive = rusqlite::Connection::open(p.path().join("archive.sqlite")).unwrap();
    let archived: Vec<(String, i64)> = archive
        .prepare("SELECT name, sourceId FROM Archiveds ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(archived, vec![(s("Ann"), 1), (s("Bob"), 2), (s("Cy"), 3)]);
    let in_main: i64 = db
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE name = 'Archiveds'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(in_main, 0);

    // Undo the second connection's migration and the rewrite: the seeded state is back.
    let undo = p.seqmig(&[
        "db:migrate:undo:all",
        "--to",
        "20240103000000-rewrite-through-models.js",
    ]);
    assert_eq!(undo.code, 0, "{}\n{}", undo.stdout, undo.stderr);
    let tables: i64 = archive
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE name = 'Archiveds'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(tables, 0);
    assert_eq!(users(&db), seeded_users());
    assert_eq!(
        posts(&db),
        vec![
            (1, s("Hello world"), Some(s("hello")), Some(1), 0, false),
            (2, s("Hello again"), Some(s("again")), Some(2), 0, false),
            (3, s("Draft"), None, Some(2), 2, false),
        ]
    );
    let all = p.seqmig(&["db:migrate:undo:all"]);
    assert_eq!(all.code, 0, "{}\n{}", all.stdout, all.stderr);
    let left: i64 = db
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE name IN ('Users', 'posts')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(left, 0);
}

fn failing(body: &str) -> (TempProject, String) {
    let p = app_until("20240102000000-seed-through-models.js");
    p.write(
        "migrations/20240105000000-unsupported.js",
        &format!("const {{ User, Post }} = require('../models');\nmodule.exports = {{\n  async up() {{\n    {body}\n  }},\n  async down() {{}},\n}};\n"),
    );
    let run = p.seqmig(&["db:migrate"]);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    (p, run.stderr)
}

#[test]
fn an_unsupported_model_method_fails_with_one_clear_line() {
    let (_p, stderr) = failing("await User.describe();");
    assert!(
        stderr.contains("User.describe is not supported by seqmig (")
            && stderr.contains("20240105000000-unsupported.js:4"),
        "{stderr}"
    );
}

#[test]
fn model_sync_is_refused_with_one_line_naming_it() {
    let (_p, stderr) = failing("await User.sync({ alter: true });");
    assert!(
        stderr.contains("User.sync is not supported by seqmig (")
            && stderr.contains("20240105000000-unsupported.js:4"),
        "{stderr}"
    );
}

#[test]
fn model_schema_fails_clearly_instead_of_querying_another_schema() {
    let (_p, stderr) = failing("await User.schema('archive').findAll();");
    assert!(
        stderr.contains("User.schema is not supported by seqmig (")
            && stderr.contains("20240105000000-unsupported.js:4"),
        "{stderr}"
    );
}

#[test]
fn a_required_to_many_include_under_a_limit_fails_clearly() {
    let (_p, stderr) = failing(
        "await User.findAll({ include: [{ model: Post, as: 'posts', where: { views: 1 }, include: [{ model: User, as: 'author', where: { role: 'admin' } }] }], limit: 2 });",
    );
    assert!(
        stderr.contains("a required include (posts) of a to-many association with limit is not supported by seqmig (")
            && stderr.contains("20240105000000-unsupported.js:4"),
        "{stderr}"
    );
}

#[test]
fn not_null_is_validated_as_sequelize_does() {
    let (_p, stderr) = failing("await User.create({ firstName: 'Dee' });");
    assert!(
        stderr.contains("notNull Violation: User.email cannot be null"),
        "{stderr}"
    );
}

fn pg_client(db: &pg::PgDb) -> postgres::Client {
    let mut cfg = postgres::Config::new();
    cfg.host(&db.host)
        .port(db.port)
        .user(&db.user)
        .dbname(&db.name);
    if let Some(pw) = &db.password {
        cfg.password(pw);
    }
    cfg.connect(postgres::NoTls).unwrap()
}

#[test]
fn models_app_up_and_down_on_postgres() {
    let db = pg::fresh_database("models_app");
    let p = app();
    let cfg = serde_json::json!({ "development": {
        "dialect": "postgres", "host": db.host, "port": db.port, "username": db.user,
        "password": db.password, "database": db.name, "logging": false } });
    p.write("config/config.json", &cfg.to_string());
    let run = p.seqmig(&["db:migrate"]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let mut c = pg_client(&db);
    let users: Vec<(i32, String, String, i32, bool)> = c
        .query(
            "SELECT id, \"lastName\", role, score, active FROM \"Users\" ORDER BY id",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3), r.get(4)))
        .collect();
    assert_eq!(
        users,
        vec![
            (1, s("Ann LEE / /posts/hello"), s("member"), 102, true),
            (2, s("STONE"), s("admin"), 10, true),
            (3, s("RAY"), s("member"), 0, false),
        ]
    );
    let posts: Vec<(String, i32, bool)> = c
        .query(
            "SELECT title, views, deleted_at IS NOT NULL FROM posts ORDER BY id",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect();
    assert_eq!(
        posts,
        vec![
            (s("Hello world"), 15, false),
            (s("Hello again"), 10, false),
            (s("Draft"), 2, true),
            (s("archived 3"), 0, false),
        ]
    );
    let all = p.seqmig(&["db:migrate:undo:all"]);
    assert_eq!(all.code, 0, "{}\n{}", all.stdout, all.stderr);
    let left: i64 = c
        .query_one(
            "SELECT count(*) FROM information_schema.tables WHERE table_name IN ('Users', 'posts')",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(left, 0);
}

#[test]
fn models_app_under_atomic_leaves_the_other_database_its_own_transactions() {
    let p = app();
    let run = p.seqmig(&["db:migrate", "--atomic"]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let db = p.db();
    assert_eq!(users(&db).len(), 3);
    assert_eq!(posts(&db).len(), 4);
    let archive = rusqlite::Connection::open(p.path().join("archive.sqlite")).unwrap();
    let n: i64 = archive
        .query_row("SELECT count(*) FROM Archiveds", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 3);
}

/// sequelize-cli changes the config object it `require`d in place (a missing `logging`
/// becomes its logMigrator, which drops `Executing` lines), and models/index.js requires
/// the same object: the models' instance prints nothing. seqmig printed every model query.
#[test]
fn models_instance_from_a_config_without_logging_is_quiet_as_under_sequelize_cli() {
    let p = app();
    p.write(
        "config/config.json",
        r#"{ "development": { "dialect": "sqlite", "storage": "db.sqlite" } }"#,
    );
    let run = p.seqmig(&["db:migrate"]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(!run.stdout.contains("Executing"), "{}", run.stdout);
    assert_eq!(users(&p.db()).len(), 3);

    // `logging: true` is console.log for the migrator and the models alike.
    let p = app();
    p.write(
        "config/config.json",
        r#"{ "development": { "dialect": "sqlite", "storage": "db.sqlite", "logging": true } }"#,
    );
    let run = p.seqmig(&[
        "db:migrate",
        "--to",
        "20240102000000-seed-through-models.js",
    ]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("Executing (default): SELECT `id`, `firstName`, `lastName`, `email`, `role`, `uuid`, `score`, `active`, `createdAt`, `updatedAt` FROM `Users` AS `User` WHERE `User`.`email` = 'bob@example.com' LIMIT 1;"),
        "{}",
        run.stdout
    );
}
