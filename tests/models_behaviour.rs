//! Model behaviours pinned to what sequelize-cli printed for the same migration body, on
//! the models-app example seeded by its first migrations (issue 10): set() rules, upsert,
//! findOrCreate, reload, VIRTUAL attributes and transaction labels. Each was a difference
//! found against the reference.

use crate::models::{app_until, s};
use crate::support::{pg, TempProject};

/// The example app up to its seed, plus one migration with `body` as its up().
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
