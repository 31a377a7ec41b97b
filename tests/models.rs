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
fn app_until(last: &str) -> TempProject {
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

fn s(v: &str) -> String {
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
    assert_eq!(
        users(&db),
        vec![
            (
                1,
                s("Ann"),
                s("lee"),
                s("ann@example.com"),
                s("member"),
                0,
                1
            ),
            (
                2,
                s("Bob"),
                s("stone"),
                s("bob@example.com"),
                s("admin"),
                3,
                1
            ),
            (3, s("Cy"), s("ray"), s("cy@example.com"), s("member"), 0, 0),
        ]
    );
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
    assert_eq!(
        users(&db),
        vec![
            (
                1,
                s("Ann"),
                s("lee"),
                s("ann@example.com"),
                s("member"),
                0,
                1
            ),
            (
                2,
                s("Bob"),
                s("stone"),
                s("bob@example.com"),
                s("admin"),
                3,
                1
            ),
            (3, s("Cy"), s("ray"), s("cy@example.com"), s("member"), 0, 0),
        ]
    );
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
    let (_p, stderr) = failing("await User.findOrBuild({ where: { email: 'x@example.com' } });");
    assert!(
        stderr.contains("User.findOrBuild is not supported by seqmig (")
            && stderr.contains("20240105000000-unsupported.js:4"),
        "{stderr}"
    );
}

#[test]
fn include_fails_clearly_instead_of_loading_nothing() {
    let (_p, stderr) = failing("await Post.findAll({ include: [{ model: User, as: 'author' }] });");
    assert!(
        stderr.contains("include is not supported by seqmig yet ("),
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

/// The fixture app up to its seed, plus one migration with `body` as its up().
fn seeded_with(body: &str) -> TempProject {
    let p = app_until("20240102000000-seed-through-models.js");
    p.write(
        "migrations/20240105000000-extra.js",
        &format!("const {{ User, Post }} = require('../models');\nmodule.exports = {{\n  async up() {{\n    {body}\n  }},\n  async down() {{}},\n}};\n"),
    );
    p
}

fn pg_config(p: &TempProject, db: &pg::PgDb) {
    let cfg = serde_json::json!({ "development": {
        "dialect": "postgres", "host": db.host, "port": db.port, "username": db.user,
        "password": db.password, "database": db.name, "logging": false } });
    p.write("config/config.json", &cfg.to_string());
}

// What sequelize-cli printed for the same body (checked on both dialects).
const SET_AND_FIND_OR_CREATE: &str = "
    const u = User.build({ firstName: 'Z', email: 'z@example.com', nope: 1 });
    u.set('other', 2);
    const loaded = await User.findByPk(1);
    loaded.id = 42;
    loaded.set({ id: 43, score: 9 });
    console.log(JSON.stringify(Object.keys(u.toJSON())), loaded.id, loaded.score, JSON.stringify(loaded.changed()));
    try {
      await User.findOrCreate({ where: { firstName: 'Zed' }, defaults: { email: 'bob@example.com' } });
    } catch (e) {
      console.log('caught', e.name, e.message, JSON.stringify(e.fields));
    }
    console.log('after', await User.count());";

/// Sequelize's set() ignores keys that are no attribute and a primary key already set;
/// seqmig kept both. findOrCreate's create hitting a unique column of the table fails
/// with Sequelize's UniqueConstraintError (on postgres through the exception wrapper).
#[test]
fn instance_set_and_find_or_create_unique_violation_as_sequelize_on_sqlite() {
    let p = seeded_with(SET_AND_FIND_OR_CREATE);
    let run = p.seqmig(&["db:migrate"]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("[\"role\",\"uuid\",\"score\",\"active\",\"id\",\"firstName\",\"email\"] 1 9 [\"score\"]\ncaught SequelizeUniqueConstraintError Validation error [\"email\"]\nafter 3\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn instance_set_and_find_or_create_unique_violation_as_sequelize_on_postgres() {
    let db = pg::fresh_database("models_foc");
    let p = seeded_with(SET_AND_FIND_OR_CREATE);
    pg_config(&p, &db);
    let run = p.seqmig(&["db:migrate"]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("[\"role\",\"uuid\",\"score\",\"active\",\"id\",\"firstName\",\"email\"] 1 9 [\"score\"]\ncaught SequelizeUniqueConstraintError Validation error {\"email\":\"bob@example.com\"}\nafter 3\n"),
        "{}",
        run.stdout
    );
}

/// Model.upsert went through queryInterface.upsert's untyped insert, so on SQLite its
/// dates were bound as epoch milliseconds instead of Sequelize's DATE text; and
/// findOrCreate's transaction did not log BEGIN/COMMIT with a logging function.
#[test]
fn upsert_binds_dates_as_text_and_find_or_create_logs_its_transaction_on_sqlite() {
    let p = seeded_with(
        "const [dee] = await User.upsert({ firstName: 'Dee', email: 'dee@example.com' });
    const [ann] = await User.upsert({ id: 1, firstName: 'Ann', email: 'ann@example.com', score: 5 });
    console.log('ids', dee.id, ann.id);
    await User.findOrCreate({ where: { email: 'eve@example.com' }, defaults: { firstName: 'Eve' }, logging: console.log });",
    );
    let run = p.seqmig(&["db:migrate"]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("ids 4 1\n"), "{}", run.stdout);
    // Under the transaction's uuid (see transactions_are_logged_...).
    for line in [
        "): BEGIN DEFERRED TRANSACTION;",
        "): INSERT INTO `Users` (`id`,`firstName`,`email`,`role`,`uuid`,`score`,`active`,`createdAt`,`updatedAt`) VALUES (NULL,$1,$2,$3,$4,$5,$6,$7,$8);",
        "): COMMIT;",
    ] {
        assert!(
            run.stdout.lines().any(|l| l.starts_with("Executing (") && l.ends_with(line)),
            "{line}\n{}",
            run.stdout
        );
    }
    let db = p.db();
    let kinds: Vec<(i64, String, String, i64)> = db
        .prepare("SELECT id, typeof(createdAt), typeof(updatedAt), score FROM Users WHERE id IN (1, 4) ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        kinds,
        vec![(1, s("text"), s("text"), 5), (4, s("text"), s("text"), 0)]
    );
}

/// instance.reload() is a findOne by the key with the paranoid clause, as Sequelize runs
/// it; seqmig left the clause out.
#[test]
fn reload_keeps_the_paranoid_clause() {
    let p = seeded_with(
        "const post = await Post.findByPk(1);
    await post.reload({ logging: console.log });",
    );
    let run = p.seqmig(&["db:migrate"]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("Executing (default): SELECT `id`, `title`, `slug`, `user_id` AS `userId`, `views`, `published_at` AS `publishedAt`, `created_at` AS `createdAt`, `updated_at` AS `updatedAt`, `deleted_at` AS `deletedAt` FROM `posts` AS `Post` WHERE (`Post`.`deleted_at` IS NULL AND `Post`.`id` = 1);"),
        "{}",
        run.stdout
    );
}

/// Sequelize logs a transaction's statements under its id, a v4 uuid, and names its
/// savepoints `<id>-sp-<n>`; seqmig logged and named them by its op's number.
#[test]
fn transactions_are_logged_and_savepoints_named_by_a_uuid_as_sequelize() {
    let p = seeded_with(
        "const { sequelize } = require('../models');
    await sequelize.transaction({ logging: console.log }, async (t) => {
      await User.count({ transaction: t, logging: console.log });
      await sequelize.transaction({ transaction: t, logging: console.log }, async (t2) => {
        await User.update({ score: 1 }, { where: { id: 1 }, transaction: t2, logging: console.log });
      });
    });",
    );
    let run = p.seqmig(&["db:migrate"]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let begin = run
        .stdout
        .lines()
        .find(|l| l.ends_with("): BEGIN DEFERRED TRANSACTION;"))
        .unwrap_or_else(|| panic!("{}", run.stdout));
    let id = &begin["Executing (".len()..begin.len() - "): BEGIN DEFERRED TRANSACTION;".len()];
    let v4 = id.len() == 36
        && id.as_bytes()[14] == b'4'
        && id
            .chars()
            .all(|c| c == '-' || c.is_ascii_digit() || ('a'..='f').contains(&c));
    assert!(v4, "{id}");
    for line in [
        format!("Executing ({id}): SELECT count(*) AS `count` FROM `Users` AS `User`;"),
        format!("Executing ({id}): SAVEPOINT `{id}-sp-1`;"),
        format!("Executing ({id}): COMMIT;"),
    ] {
        assert!(run.stdout.contains(&line), "{line}\n{}", run.stdout);
    }
}

/// A VIRTUAL attribute keeps what is set on it (Sequelize's set() stores it), and a save
/// leaves it out of the SQL; seqmig dropped the value.
#[test]
fn virtual_attributes_keep_their_value_and_stay_out_of_the_sql() {
    let p = seeded_with(
        "const { sequelize, Sequelize } = require('../models');
    const M = sequelize.define('M', { firstName: Sequelize.STRING, email: Sequelize.STRING, v: Sequelize.VIRTUAL }, { tableName: 'Users' });
    const m = await M.findByPk(1);
    m.v = 3;
    await m.save({ logging: console.log });
    m.v = 4; m.firstName = 'Q';
    await m.save({ logging: console.log });
    const n = await M.create({ firstName: 'N', email: 'n@x', v: 9 }, { logging: console.log });
    console.log(m.v, JSON.stringify(Object.keys(n.toJSON())));",
    );
    let run = p.seqmig(&["db:migrate"]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    // What sequelize-cli printed for the same body.
    let expected = "Executing (default): UPDATE `Users` SET `updatedAt`=$1 WHERE `id` = $2
Executing (default): UPDATE `Users` SET `firstName`=$1,`updatedAt`=$2 WHERE `id` = $3
Executing (default): INSERT INTO `Users` (`id`,`firstName`,`email`,`createdAt`,`updatedAt`) VALUES (NULL,$1,$2,$3,$4);
4 [\"id\",\"firstName\",\"email\",\"v\",\"updatedAt\",\"createdAt\"]
";
    assert!(run.stdout.contains(expected), "{}", run.stdout);
}
