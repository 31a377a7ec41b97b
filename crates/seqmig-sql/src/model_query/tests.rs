//! The model statements against the text sequelize 6.37.8 prints for the same calls
//! (`Model.findAll/findOne/count/create` with `logging: console.log`, both dialects).

use serde_json::{json, Value};

use super::*;
use crate::postgres::PostgresGenerator;
use crate::sqlite::SqliteGenerator;

fn req<T: serde::de::DeserializeOwned>(v: Value) -> T {
    serde_json::from_value(v).unwrap()
}

fn table(name: &str) -> Value {
    json!({"tableName": name, "schema": null, "delimiter": "."})
}

fn post_attributes() -> Value {
    json!([
        "id",
        "title",
        ["user_id", "userId"],
        ["created_at", "createdAt"],
        ["updated_at", "updatedAt"],
        ["deleted_at", "deletedAt"]
    ])
}

fn both(request: Value, sqlite: &str, postgres: &str) {
    let r: ModelSelect = req(request);
    assert_eq!(model_select(&SqliteGenerator::new(), &r).unwrap(), sqlite);
    assert_eq!(
        model_select(&PostgresGenerator::new(), &r).unwrap(),
        postgres
    );
}

#[test]
fn select_with_alias_where_order_limit_offset() {
    both(
        json!({"table": table("Users"), "tableAs": "User",
            "attributes": ["id", "firstName", "score", "bornAt", "createdAt", "updatedAt"],
            "where": {"firstName": {"__op:like": "%n%"}},
            "order": [["id", "DESC"]], "limit": 2, "offset": 1}),
        "SELECT `id`, `firstName`, `score`, `bornAt`, `createdAt`, `updatedAt` FROM `Users` AS `User` WHERE `User`.`firstName` LIKE '%n%' ORDER BY `User`.`id` DESC LIMIT 1, 2;",
        "SELECT \"id\", \"firstName\", \"score\", \"bornAt\", \"createdAt\", \"updatedAt\" FROM \"Users\" AS \"User\" WHERE \"User\".\"firstName\" LIKE '%n%' ORDER BY \"User\".\"id\" DESC LIMIT 2 OFFSET 1;",
    );
}

#[test]
fn select_paranoid_underscored() {
    both(
        json!({"table": table("posts"), "tableAs": "Post", "attributes": post_attributes(),
            "where": {"__op:and": [{"deleted_at": null}]}}),
        "SELECT `id`, `title`, `user_id` AS `userId`, `created_at` AS `createdAt`, `updated_at` AS `updatedAt`, `deleted_at` AS `deletedAt` FROM `posts` AS `Post` WHERE (`Post`.`deleted_at` IS NULL);",
        "SELECT \"id\", \"title\", \"user_id\" AS \"userId\", \"created_at\" AS \"createdAt\", \"updated_at\" AS \"updatedAt\", \"deleted_at\" AS \"deletedAt\" FROM \"posts\" AS \"Post\" WHERE (\"Post\".\"deleted_at\" IS NULL);",
    );
}

#[test]
fn select_order_renamed_attribute_is_not_prefixed() {
    // A renamed attribute is ordered by its alias (a col), the others by alias.column.
    both(
        json!({"table": table("posts"), "tableAs": "Post", "attributes": post_attributes(),
            "where": {"__op:and": [{"deleted_at": null}, {"user_id": {"__op:in": [1, 2]}}]},
            "order": [[{"$seqmig": "col", "col": "createdAt"}, "ASC"], ["id", "desc"], "title",
                [{"$seqmig": "col", "col": "title"}, "DESC"]],
            "limit": 5}),
        "SELECT `id`, `title`, `user_id` AS `userId`, `created_at` AS `createdAt`, `updated_at` AS `updatedAt`, `deleted_at` AS `deletedAt` FROM `posts` AS `Post` WHERE (`Post`.`deleted_at` IS NULL AND `Post`.`user_id` IN (1, 2)) ORDER BY `createdAt` ASC, `Post`.`id` DESC, `Post`.`title`, `title` DESC LIMIT 5;",
        "SELECT \"id\", \"title\", \"user_id\" AS \"userId\", \"created_at\" AS \"createdAt\", \"updated_at\" AS \"updatedAt\", \"deleted_at\" AS \"deletedAt\" FROM \"posts\" AS \"Post\" WHERE (\"Post\".\"deleted_at\" IS NULL AND \"Post\".\"user_id\" IN (1, 2)) ORDER BY \"createdAt\" ASC, \"Post\".\"id\" DESC, \"Post\".\"title\", \"title\" DESC LIMIT 5;",
    );
}

#[test]
fn select_group_count_or_and_offset_only() {
    both(
        json!({"table": table("posts"), "tableAs": "Post", "attributes": post_attributes(),
            "where": {"__op:and": [{"deleted_at": null}]},
            "group": [{"$seqmig": "col", "col": "title"}],
            "order": [[{"$seqmig": "col", "col": "userId"}]]}),
        "SELECT `id`, `title`, `user_id` AS `userId`, `created_at` AS `createdAt`, `updated_at` AS `updatedAt`, `deleted_at` AS `deletedAt` FROM `posts` AS `Post` WHERE (`Post`.`deleted_at` IS NULL) GROUP BY `title` ORDER BY `userId`;",
        "SELECT \"id\", \"title\", \"user_id\" AS \"userId\", \"created_at\" AS \"createdAt\", \"updated_at\" AS \"updatedAt\", \"deleted_at\" AS \"deletedAt\" FROM \"posts\" AS \"Post\" WHERE (\"Post\".\"deleted_at\" IS NULL) GROUP BY \"title\" ORDER BY \"userId\";",
    );
    both(
        json!({"table": table("posts"), "tableAs": "Post",
            "attributes": [[{"$seqmig": "fn", "fn": "count", "args": [{"$seqmig": "col", "col": "*"}]}, "count"]],
            "where": {"__op:and": [{"deleted_at": null}, {"title": "x"}]}}),
        "SELECT count(*) AS `count` FROM `posts` AS `Post` WHERE (`Post`.`deleted_at` IS NULL AND `Post`.`title` = 'x');",
        "SELECT count(*) AS \"count\" FROM \"posts\" AS \"Post\" WHERE (\"Post\".\"deleted_at\" IS NULL AND \"Post\".\"title\" = 'x');",
    );
    both(
        json!({"table": table("Users"), "tableAs": "User", "attributes": ["id", ["firstName", "fn"]],
            "where": {"__op:or": [{"id": 1}, {"score": {"__op:gte": 2}}]}, "offset": 3}),
        "SELECT `id`, `firstName` AS `fn` FROM `Users` AS `User` WHERE (`User`.`id` = 1 OR `User`.`score` >= 2) LIMIT 3, 10000000000000;",
        "SELECT \"id\", \"firstName\" AS \"fn\" FROM \"Users\" AS \"User\" WHERE (\"User\".\"id\" = 1 OR \"User\".\"score\" >= 2) OFFSET 3;",
    );
}

#[test]
fn select_rejects_a_bad_direction() {
    let r: ModelSelect = req(
        json!({"table": table("t"), "tableAs": "T", "attributes": ["id"],
        "order": [["id", "SIDEWAYS"]]}),
    );
    assert!(model_select(&SqliteGenerator::new(), &r).is_err());
}

fn user_insert(returning: bool) -> ModelInsert {
    let date = json!({"$seqmig": "date", "ms": 1704445200123i64});
    req(json!({"table": table("Users"),
        "values": {"id": null, "firstName": "Ann", "score": 2, "bornAt": date,
            "createdAt": date, "updatedAt": date},
        "attributes": {
            "id": {"type": {"key": "INTEGER"}, "primaryKey": true, "autoIncrement": true, "allowNull": false},
            "firstName": {"type": {"key": "STRING"}}, "score": {"type": {"key": "INTEGER"}},
            "bornAt": {"type": {"key": "DATE"}},
            "createdAt": {"type": {"key": "DATE"}, "allowNull": false},
            "updatedAt": {"type": {"key": "DATE"}, "allowNull": false}},
        "returning": returning}))
}

#[test]
fn insert_binds_typed_values_and_skips_the_serial_key() {
    let d = "2024-01-05 09:00:00.123 +00:00";
    let binds = vec![
        SqlValue::Text("Ann".into()),
        SqlValue::Int(2),
        SqlValue::Text(d.into()),
        SqlValue::Text(d.into()),
        SqlValue::Text(d.into()),
    ];
    let s = model_insert(&SqliteGenerator::new(), &user_insert(false)).unwrap();
    assert_eq!(
        s.sql,
        "INSERT INTO `Users` (`id`,`firstName`,`score`,`bornAt`,`createdAt`,`updatedAt`) VALUES (NULL,$1,$2,$3,$4,$5);"
    );
    assert_eq!(s.bind, binds);
    let p = model_insert(&PostgresGenerator::new(), &user_insert(true)).unwrap();
    assert_eq!(
        p.sql,
        "INSERT INTO \"Users\" (\"id\",\"firstName\",\"score\",\"bornAt\",\"createdAt\",\"updatedAt\") VALUES (DEFAULT,$1,$2,$3,$4,$5) RETURNING \"id\",\"firstName\",\"score\",\"bornAt\",\"createdAt\",\"updatedAt\";"
    );
    assert_eq!(p.bind, binds);
}

fn with(mut r: ModelInsert, extra: Value) -> ModelInsert {
    let e: ModelInsert = req(
        json!({"table": table("Users"), "values": {}, "attributes": {}, "upsert": extra.get("upsert"), "exception": extra.get("exception")}),
    );
    r.upsert = e.upsert;
    r.exception = e.exception;
    r
}

#[test]
fn upsert_adds_on_conflict_before_returning() {
    let up =
        json!({"upsert": {"updateOnDuplicate": ["firstName", "updatedAt"], "upsertKeys": ["id"]}});
    let s = model_insert(
        &SqliteGenerator::new(),
        &with(user_insert(false), up.clone()),
    )
    .unwrap();
    assert!(
        s.sql.ends_with("VALUES (NULL,$1,$2,$3,$4,$5) ON CONFLICT (`id`) DO UPDATE SET `firstName`=EXCLUDED.`firstName`,`updatedAt`=EXCLUDED.`updatedAt`;"),
        "{}",
        s.sql
    );
    let p = model_insert(
        &PostgresGenerator::new(),
        &with(user_insert(true), up.clone()),
    )
    .unwrap();
    assert!(
        p.sql.ends_with("ON CONFLICT (\"id\") DO UPDATE SET \"firstName\"=EXCLUDED.\"firstName\",\"updatedAt\"=EXCLUDED.\"updatedAt\" RETURNING \"id\",\"firstName\",\"score\",\"bornAt\",\"createdAt\",\"updatedAt\";"),
        "{}",
        p.sql
    );
    // mysql / mariadb: ON DUPLICATE KEY UPDATE, DEFAULT for the auto-increment key.
    let m = model_insert(
        &crate::mysql::MysqlGenerator::new(),
        &with(user_insert(false), up.clone()),
    )
    .unwrap();
    assert!(
        m.sql.ends_with("VALUES (DEFAULT,$1,$2,$3,$4,$5) ON DUPLICATE KEY UPDATE `firstName`=VALUES(`firstName`),`updatedAt`=VALUES(`updatedAt`);"),
        "{}",
        m.sql
    );
    let none = json!({"upsert": {"updateOnDuplicate": [], "upsertKeys": ["id"]}});
    let m = model_insert(
        &crate::mysql::MysqlGenerator::mariadb(),
        &with(user_insert(false), none.clone()),
    )
    .unwrap();
    assert!(
        m.sql.ends_with(" ON DUPLICATE KEY UPDATE `id`=`id`;"),
        "{}",
        m.sql
    );
    let s = model_insert(&SqliteGenerator::new(), &with(user_insert(false), none)).unwrap();
    assert!(
        s.sql.ends_with(" ON CONFLICT (`id`) DO NOTHING;"),
        "{}",
        s.sql
    );
}

#[test]
fn find_or_create_exception_wrapper_inlines_values_as_sequelize() {
    let hex = "16efd0a5c23244008639effd3a2e0013";
    let r = with(user_insert(true), json!({"exception": hex}));
    let e = model_insert_exception(&PostgresGenerator::new(), &r)
        .unwrap()
        .unwrap();
    assert_eq!(
        e.logged,
        "CREATE OR REPLACE FUNCTION pg_temp.testfunc(OUT response \"Users\", OUT sequelize_caught_exception text) RETURNS RECORD AS $func_16efd0a5c23244008639effd3a2e0013$ BEGIN INSERT INTO \"Users\" (\"id\",\"firstName\",\"score\",\"bornAt\",\"createdAt\",\"updatedAt\") VALUES (DEFAULT,'Ann',2,'2024-01-05 09:00:00.123 +00:00','2024-01-05 09:00:00.123 +00:00','2024-01-05 09:00:00.123 +00:00') RETURNING * INTO response; EXCEPTION WHEN unique_violation THEN GET STACKED DIAGNOSTICS sequelize_caught_exception = PG_EXCEPTION_DETAIL; END $func_16efd0a5c23244008639effd3a2e0013$ LANGUAGE plpgsql; SELECT (testfunc.response).\"id\", (testfunc.response).\"firstName\", (testfunc.response).\"score\", (testfunc.response).\"bornAt\", (testfunc.response).\"createdAt\", (testfunc.response).\"updatedAt\", testfunc.sequelize_caught_exception FROM pg_temp.testfunc(); DROP FUNCTION IF EXISTS pg_temp.testfunc();"
    );
    assert_eq!(
        e.drop_function,
        "DROP FUNCTION IF EXISTS pg_temp.testfunc();"
    );
    assert!(
        model_insert_exception(&PostgresGenerator::new(), &user_insert(true))
            .unwrap()
            .is_none()
    );
}

/// The fragments the include shim composes, against the text sequelize 6.37.8 prints for
/// the same finders (`findAll({ include })` with `logging: console.log`, both dialects).
#[test]
fn fragments_as_generate_include_renders_them() {
    let cases: Vec<(Value, &str, &str)> = vec![
        (
            json!({"kind": "where", "where": {"pages": {"__op:gt": 100}}, "prefix": "books"}),
            "`books`.`pages` > 100",
            "\"books\".\"pages\" > 100",
        ),
        // An include's paranoid clause (`_paranoidClause` of an include without a where:
        // `{[Op.and]: [{deletedAt: {[Op.eq]: null}}, undefined]}`).
        (
            json!({"kind": "where", "where": {"__op:and": [{"deletedAt": {"__op:eq": null}}]}, "prefix": "posts"}),
            "(`posts`.`deletedAt` IS NULL)",
            "(\"posts\".\"deletedAt\" IS NULL)",
        ),
        (
            json!({"kind": "where", "where": {"deletedAt": {"__op:eq": null}}, "prefix": "posts"}),
            "`posts`.`deletedAt` IS NULL",
            "\"posts\".\"deletedAt\" IS NULL",
        ),
        // belongsToMany.get's through where, under the through model's alias.
        (
            json!({"kind": "where", "where": {"bookId": 1}, "prefix": "BookTag"}),
            "`BookTag`.`bookId` = 1",
            "\"BookTag\".\"bookId\" = 1",
        ),
        (json!({"kind": "where", "where": {}, "prefix": "x"}), "", ""),
        // _generateSubQueryFilter's `__<as>` key: a literal value is rendered alone.
        (
            json!({"kind": "where", "where": {"__posts": {"$seqmig": "literal", "val": "( SELECT 1 ) IS NOT NULL"},
                "__op:and": []}, "prefix": "User"}),
            "( SELECT 1 ) IS NOT NULL",
            "( SELECT 1 ) IS NOT NULL",
        ),
        (
            json!({"kind": "value", "value": {"$seqmig": "fn", "fn": "COUNT",
                "args": [{"$seqmig": "col", "col": "Tag.id"}]}}),
            "COUNT(`Tag`.`id`)",
            "COUNT(\"Tag\".\"id\")",
        ),
        (
            json!({"kind": "value", "value": {"$seqmig": "fn", "fn": "count",
                "args": [{"$seqmig": "fn", "fn": "DISTINCT", "args": [{"$seqmig": "col", "col": "Author.id"}]}]}}),
            "count(DISTINCT(`Author`.`id`))",
            "count(DISTINCT(\"Author\".\"id\"))",
        ),
        (
            json!({"kind": "value", "value": "it's"}),
            "'it''s'",
            "'it''s'",
        ),
        (json!({"kind": "limit", "limit": 2}), " LIMIT 2", " LIMIT 2"),
        (
            json!({"kind": "limit", "limit": 2, "offset": 1}),
            " LIMIT 1, 2",
            " LIMIT 2 OFFSET 1",
        ),
        (
            json!({"kind": "table", "table": table("book_tags")}),
            "`book_tags`",
            "\"book_tags\"",
        ),
    ];
    for (f, sqlite, postgres) in cases {
        let frag: Fragment = req(f.clone());
        assert_eq!(
            fragment(&SqliteGenerator::new(), &frag).unwrap(),
            sqlite,
            "{f}"
        );
        assert_eq!(
            fragment(&PostgresGenerator::new(), &frag).unwrap(),
            postgres,
            "{f}"
        );
    }
}

#[test]
fn select_group_having_without_the_alias_prefix() {
    // `Account.count({ group: ['plan'] })` and `findAll({ group, having })`: having is not
    // prefixed (getWhereConditions with prepend false).
    both(
        json!({"table": table("accounts"), "tableAs": "Account",
            "attributes": ["plan", [{"$seqmig": "fn", "fn": "SUM", "args": [{"$seqmig": "col", "col": "credits"}]}, "total"]],
            "group": [{"$seqmig": "col", "col": "plan"}],
            "having": {"$seqmig": "where",
                "attribute": {"$seqmig": "fn", "fn": "SUM", "args": [{"$seqmig": "col", "col": "credits"}]},
                "comparator": "=", "logic": {"__op:gt": 20}},
            "order": [["plan", "ASC"]]}),
        "SELECT `plan`, SUM(`credits`) AS `total` FROM `accounts` AS `Account` GROUP BY `plan` HAVING SUM(`credits`) > 20 ORDER BY `Account`.`plan` ASC;",
        "SELECT \"plan\", SUM(\"credits\") AS \"total\" FROM \"accounts\" AS \"Account\" GROUP BY \"plan\" HAVING SUM(\"credits\") > 20 ORDER BY \"Account\".\"plan\" ASC;",
    );
}
