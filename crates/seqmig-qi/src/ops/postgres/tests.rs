//! The postgres ops against a real PostgreSQL (the test cluster of `seqmig_db::testing`).
//! Expected shapes are those sequelize 6.37.8 with pg 8 returns for the same calls.

use std::cell::RefCell;
use std::rc::Rc;

use seqmig_db::testing::fresh_database;
use seqmig_db::{connect, ConnectOptions, Dialect};
use seqmig_js::Host;
use serde_json::{json, Value as Json};

use crate::ops::Ops;
use crate::session::Session;

struct Db {
    ops: Ops,
    session: Rc<Session>,
}

fn db(hint: &str) -> Db {
    let pg = fresh_database(hint);
    let conn = connect(&ConnectOptions::Postgres(pg.options())).unwrap();
    let session = Rc::new(Session::new(Dialect::Postgres));
    session.set_connection(Dialect::Postgres, Rc::new(RefCell::new(conn)));
    Db {
        ops: Ops::new(session.clone(), crate::ops::no_other_connections),
        session,
    }
}

fn t(name: &str) -> Json {
    json!({"tableName": name, "schema": null, "delimiter": "."})
}

impl Db {
    fn op(&mut self, name: &str, args: Json) -> Json {
        match self.ops.op(name, args) {
            Ok(v) => v,
            Err(e) => panic!("{name}: {} {} {:?}", e.name, e.message, e.props),
        }
    }
    fn err(&mut self, name: &str, args: Json) -> seqmig_js::OpError {
        self.ops.op(name, args).expect_err("should fail")
    }
    fn select(&mut self, sql: &str) -> Json {
        self.op("query", json!({"sql": sql, "options": {"type": "SELECT"}}))
    }
    fn users(&mut self) {
        self.op("qi_create_table", json!({"table": t("users"), "attributes": {
            "id": {"type": {"key": "INTEGER"}, "primaryKey": true, "autoIncrement": true, "allowNull": false},
            "email": {"type": {"key": "STRING", "length": 64}, "allowNull": false, "unique": true},
            "isAdmin": {"type": {"key": "BOOLEAN"}, "allowNull": false, "defaultValue": false},
            "role": {"type": {"key": "ENUM", "values": ["user", "admin"]}, "defaultValue": "user"},
            "createdAt": {"type": {"key": "DATE"}, "allowNull": false}}}));
    }
}

#[test]
fn create_table_with_enum_then_describe() {
    let mut d = db("pg_describe");
    d.users();
    let statements = d.session.take_statements();
    assert!(
        statements[0].starts_with("SELECT t.typname enum_name"),
        "{statements:?}"
    );
    assert!(statements[1].starts_with("DO 'BEGIN CREATE TYPE \"public\".\"enum_users_role\""));
    assert!(statements[2].starts_with("CREATE TABLE IF NOT EXISTS \"users\" (\"id\"   SERIAL ,"));
    let desc = d.op("qi_describe_table", json!({"table": t("users")}));
    assert_eq!(
        desc,
        json!({
            "id": {"type": "INTEGER", "allowNull": false, "defaultValue": "nextval(users_id_seq::regclass)", "comment": null, "special": [], "primaryKey": true},
            "email": {"type": "CHARACTER VARYING(64)", "allowNull": false, "defaultValue": null, "comment": null, "special": [], "primaryKey": false},
            "isAdmin": {"type": "BOOLEAN", "allowNull": false, "defaultValue": false, "comment": null, "special": [], "primaryKey": false},
            "role": {"type": "USER-DEFINED", "allowNull": true, "defaultValue": "user", "comment": null, "special": ["user", "admin"], "primaryKey": false},
            "createdAt": {"type": "TIMESTAMP WITH TIME ZONE", "allowNull": false, "defaultValue": null, "comment": null, "special": [], "primaryKey": false}
        })
    );
    // A second createTable finds the type and does not create it again.
    d.op("qi_drop_table", json!({"table": t("users")}));
    d.session.take_statements();
    d.users();
    let again = d.session.take_statements();
    assert_eq!(again.len(), 2, "{again:?}");
    let enums = d.op("qi_pg_list_enums", json!({"table": null}));
    assert_eq!(
        enums,
        json!([{"enum_name": "enum_users_role", "enum_value": "{user,admin}"}])
    );
    let missing = d.err("qi_describe_table", json!({"table": t("nope")}));
    assert!(missing
        .message
        .starts_with("No description found for \"nope\" table."));
}

#[test]
fn change_add_rename_remove_columns() {
    let mut d = db("pg_columns");
    d.users();
    d.op("qi_change_column", json!({"table": t("users"), "column": "role", "attribute": {
        "type": {"key": "ENUM", "values": ["user", "admin", "owner"]}, "allowNull": false, "defaultValue": "admin"}}));
    let desc = d.op("qi_describe_table", json!({"table": t("users")}));
    assert_eq!(desc["role"]["allowNull"], false);
    assert_eq!(desc["role"]["defaultValue"], "admin");
    // The DO block swallows duplicate_object: the new value is not added, as in Sequelize.
    assert_eq!(desc["role"]["special"], json!(["user", "admin"]));
    d.op(
        "qi_add_column",
        json!({"table": t("users"), "column": "status", "attribute": {
        "type": {"key": "ENUM", "values": ["on", "off"]}, "defaultValue": "on"}}),
    );
    d.op("qi_add_column", json!({"table": t("users"), "column": "notes", "attribute": {"type": {"key": "TEXT"}, "comment": "free"}}));
    d.op(
        "qi_rename_column",
        json!({"table": t("users"), "before": "notes", "after": "memo"}),
    );
    let desc = d.op("qi_describe_table", json!({"table": t("users")}));
    assert_eq!(desc["memo"]["comment"], "free");
    assert_eq!(desc["status"]["special"], json!(["on", "off"]));
    let e = d.err(
        "qi_rename_column",
        json!({"table": t("users"), "before": "nope", "after": "x"}),
    );
    assert_eq!(e.message, "Table users doesn't have the column nope");
    d.op(
        "qi_remove_column",
        json!({"table": t("users"), "column": "memo"}),
    );
    let desc = d.op("qi_describe_table", json!({"table": t("users")}));
    assert!(desc.get("memo").is_none());
    d.op("qi_change_column", json!({"table": t("users"), "column": "email", "attribute": {"type": {"key": "TEXT"}, "allowNull": true}}));
    let desc = d.op("qi_describe_table", json!({"table": t("users")}));
    assert_eq!(desc["email"]["type"], "TEXT");
    assert_eq!(desc["email"]["allowNull"], true);
}

#[test]
fn data_ops_and_query_shapes() {
    let mut d = db("pg_data");
    d.users();
    let inserted = d.op("qi_bulk_insert", json!({"table": t("users"), "records": [
        {"email": "a@x", "isAdmin": false, "createdAt": {"$seqmig": "date", "ms": 1704445200000i64}},
        {"email": "o'h@x", "isAdmin": true, "createdAt": {"$seqmig": "date", "ms": 0}}], "options": {}}));
    assert_eq!(inserted, json!([]));
    let returned = d.op("qi_bulk_insert", json!({"table": t("users"), "records": [
        {"email": "c@x", "isAdmin": false, "createdAt": {"$seqmig": "date", "ms": 0}}], "options": {"returning": ["id", "email"]}}));
    assert_eq!(returned, json!([{"id": 3, "email": "c@x"}]));
    let changed = d.op("qi_bulk_update", json!({"table": t("users"), "values": {"isAdmin": true}, "where": {"email": ["a@x", "c@x"]}, "options": {}}));
    assert_eq!(changed, json!(2));
    let count = d.select("SELECT COUNT(*) AS n FROM users WHERE \"isAdmin\"");
    assert_eq!(count, json!([{"n": "3"}]));
    let rows = d.select("SELECT \"createdAt\" FROM users WHERE id = 1");
    assert_eq!(
        rows,
        json!([{"createdAt": {"$seqmig": "date", "ms": 1704445200000i64}}])
    );
    let plain = d.op("query", json!({"sql": "SELECT email FROM users WHERE id = :id", "options": {"type": "SELECT", "plain": true, "replacements": {"id": 2}}}));
    assert_eq!(plain, json!({"email": "o'h@x"}));
    let raw = d.op("query", json!({"sql": "UPDATE users SET \"isAdmin\" = false WHERE id = $1", "options": {"type": "RAW", "bind": [1]}}));
    assert_eq!(raw[0], json!([]));
    assert_eq!(raw[1]["command"], "UPDATE");
    assert_eq!(raw[1]["rowCount"], 1);
    let deleted = d.op(
        "qi_bulk_delete",
        json!({"table": t("users"), "where": {"id": 3}, "options": {}}),
    );
    assert_eq!(deleted[1]["rowCount"], 1);
    let dup = d.err("qi_bulk_insert", json!({"table": t("users"), "records": [{"email": "a@x", "isAdmin": true, "createdAt": {"$seqmig": "date", "ms": 0}}], "options": {}}));
    assert_eq!(dup.name, "SequelizeUniqueConstraintError");
    assert_eq!(dup.props["fields"], json!({"email": "a@x"}));
    let ignored = d.op("qi_bulk_insert", json!({"table": t("users"), "records": [{"email": "a@x", "isAdmin": true, "createdAt": {"$seqmig": "date", "ms": 0}}],
        "options": {"ignoreDuplicates": true}}));
    assert_eq!(ignored, json!([]));
}

#[test]
fn indexes_constraints_and_foreign_keys() {
    let mut d = db("pg_index");
    d.users();
    d.op("qi_create_table", json!({"table": t("posts"), "attributes": {
        "id": {"type": {"key": "INTEGER"}, "primaryKey": true, "autoIncrement": true},
        "title": {"type": {"key": "STRING"}},
        "authorId": {"type": {"key": "INTEGER"}, "references": {"table": t("users"), "key": "id"}, "onDelete": "CASCADE", "onUpdate": "CASCADE"}}}));
    d.op("qi_add_index", json!({"table": t("posts"), "options": {"fields": ["authorId", {"name": "title", "order": "DESC"}], "unique": true}}));
    let idx = d.op("qi_show_index", json!({"table": t("posts")}));
    assert_eq!(
        idx,
        json!([
            {"name": "posts_author_id_title", "primary": false, "unique": true, "indkey": "3 2",
             "definition": "CREATE UNIQUE INDEX posts_author_id_title ON public.posts USING btree (\"authorId\", title DESC)",
             "fields": [{"attribute": "authorId"}, {"attribute": "title", "order": "DESC"}]},
            {"name": "posts_pkey", "primary": true, "unique": true, "indkey": "1",
             "definition": "CREATE UNIQUE INDEX posts_pkey ON public.posts USING btree (id)",
             "fields": [{"attribute": "id"}]}
        ])
    );
    d.op(
        "qi_remove_index",
        json!({"table": t("posts"), "index": ["authorId", "title"]}),
    );
    let fks = d.op("qi_get_foreign_keys", json!({"table": t("posts")}));
    let fk = &fks[0];
    assert_eq!(fk["constraintName"], "posts_authorId_fkey");
    assert_eq!(fk["columnName"], "authorId");
    assert_eq!(fk["referencedTableName"], "users");
    assert_eq!(fk["referencedColumnName"], "id");
    assert_eq!(fk["deferrable"], "NOT");
    d.op(
        "qi_add_constraint",
        json!({"table": t("posts"), "options": {"type": "check", "fields": ["title"],
        "where": {"title": {"__op:ne": ""}}, "name": "title_ck"}}),
    );
    let cons = d.op(
        "qi_show_constraint",
        json!({"table": t("posts"), "name": "title_ck"}),
    );
    assert!(cons
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["constraintName"] == "title_ck" && c["constraintType"] == "CHECK"));
    d.op(
        "qi_remove_constraint",
        json!({"table": t("posts"), "name": "title_ck"}),
    );
    let e = d.err(
        "qi_remove_constraint",
        json!({"table": t("posts"), "name": "title_ck"}),
    );
    assert_eq!(e.name, "SequelizeUnknownConstraintError");
    let fk_err = d.err(
        "qi_bulk_insert",
        json!({"table": t("posts"), "records": [{"title": "x", "authorId": 99}], "options": {}}),
    );
    assert_eq!(fk_err.name, "SequelizeForeignKeyConstraintError");
    assert_eq!(
        d.op("qi_show_all_tables", json!({})),
        json!(["users", "posts"])
    );
    assert_eq!(
        d.op("qi_table_exists", json!({"table": t("posts")})),
        json!(true)
    );
    d.op("qi_drop_all_tables", json!({"options": {"skip": []}}));
    assert_eq!(d.op("qi_show_all_tables", json!({})), json!([]));
}

#[test]
fn schemas_enums_and_transactions() {
    let mut d = db("pg_tx");
    d.op("qi_create_schema", json!({"schema": "reporting"}));
    assert_eq!(d.op("qi_show_all_schemas", json!({})), json!(["reporting"]));
    let st = json!({"tableName": "facts", "schema": "reporting", "delimiter": "."});
    d.op(
        "qi_create_table",
        json!({"table": st, "attributes": {
        "kind": {"type": {"key": "ENUM", "values": ["a", "b"]}}}}),
    );
    assert_eq!(d.op("qi_table_exists", json!({"table": st})), json!(true));
    let desc = d.op("qi_describe_table", json!({"table": st}));
    assert_eq!(desc["kind"]["special"], json!(["a", "b"]));
    d.op("qi_drop_schema", json!({"schema": "reporting"}));
    assert_eq!(d.op("qi_show_all_schemas", json!({})), json!([]));

    d.op(
        "qi_create_table",
        json!({"table": t("k"), "attributes": {"v": {"type": {"key": "INTEGER"}}}}),
    );
    let tx = d.op(
        "tx_begin",
        json!({"options": {"isolationLevel": "SERIALIZABLE", "type": "DEFERRED"}}),
    )["id"]
        .clone();
    d.op(
        "qi_bulk_insert",
        json!({"table": t("k"), "records": [{"v": 1}], "transaction": tx}),
    );
    let sp = d.op(
        "tx_begin",
        json!({"options": {"parent": tx, "type": "DEFERRED"}, "transaction": tx}),
    )["id"]
        .clone();
    d.op(
        "qi_bulk_insert",
        json!({"table": t("k"), "records": [{"v": 2}], "transaction": sp}),
    );
    d.op("tx_rollback", json!({"id": sp}));
    d.op("tx_commit", json!({"id": tx}));
    assert_eq!(d.select("SELECT v FROM k"), json!([{"v": 1}]));
    let log = d.session.take_statements();
    assert!(log.contains(&"START TRANSACTION;".to_string()));
    assert!(log.contains(&"SET TRANSACTION ISOLATION LEVEL SERIALIZABLE;".to_string()));
    assert!(log.contains(&"SAVEPOINT \"1-sp-1\";".to_string()));
    assert!(log.contains(&"ROLLBACK TO SAVEPOINT \"1-sp-1\";".to_string()));

    d.op("qi_drop_all_enums", json!({}));
    assert_eq!(d.op("qi_pg_list_enums", json!({})), json!([]));
    assert_eq!(
        d.op("escape", json!({"value": ["a", true]})),
        json!("ARRAY['a',true]")
    );
    assert_eq!(
        d.op("quote_table", json!({"table": st})),
        json!("\"reporting\".\"facts\"")
    );
}

#[test]
fn functions_triggers_and_version() {
    let mut d = db("pg_fn");
    d.op(
        "qi_create_table",
        json!({"table": t("notes"), "attributes": {
        "id": {"type": {"key": "INTEGER"}, "primaryKey": true, "autoIncrement": true},
        "body": {"type": {"key": "TEXT"}},
        "updatedAt": {"type": {"key": "DATE"}}}}),
    );
    d.op("qi_create_function", json!({"name": "touch", "params": [], "returnType": "trigger", "language": "plpgsql",
        "body": "NEW.\"updatedAt\" = '2024-01-01'; RETURN NEW;", "optionsArray": [], "options": {}}));
    d.op("qi_create_trigger", json!({"table": t("notes"), "name": "notes_touch", "timing": "before",
        "events": ["insert", "update"], "functionName": "touch", "functionParams": [], "optionsArray": ["FOR EACH ROW"]}));
    d.op(
        "qi_bulk_insert",
        json!({"table": t("notes"), "records": [{"body": "x"}]}),
    );
    let rows = d.select("SELECT \"updatedAt\" FROM notes");
    assert_eq!(
        rows,
        json!([{"updatedAt": {"$seqmig": "date", "ms": 1704067200000i64}}])
    );
    d.op(
        "qi_rename_trigger",
        json!({"table": t("notes"), "before": "notes_touch", "after": "notes_touch2"}),
    );
    d.op(
        "qi_drop_trigger",
        json!({"table": t("notes"), "name": "notes_touch2"}),
    );
    d.op(
        "qi_rename_function",
        json!({"before": "touch", "params": [], "after": "touch2"}),
    );
    d.op("qi_drop_function", json!({"name": "touch2", "params": []}));
    let e = d.err("qi_drop_function", json!({"name": "touch2", "params": []}));
    assert_eq!(e.name, "SequelizeDatabaseError");
    let v = d.op("qi_database_version", json!({}));
    assert!(
        v.as_str().is_some_and(|v| v.starts_with(char::is_numeric)),
        "{v}"
    );
}

#[test]
fn insert_select_increment() {
    let mut d = db("pg_isa");
    d.op(
        "qi_create_table",
        json!({"table": t("counters"), "attributes": {
        "id": {"type": {"key": "INTEGER"}, "primaryKey": true, "autoIncrement": true},
        "name": {"type": {"key": "STRING"}, "unique": true},
        "n": {"type": {"key": "INTEGER"}, "defaultValue": 0}}}),
    );
    let ins = d.op("qi_insert", json!({"table": t("counters"), "values": {"name": "a", "n": 1}, "options": {"returning": true}}));
    assert_eq!(ins, json!([[{"id": 1, "name": "a", "n": 1}], 1]));
    let ign = d.op("qi_insert", json!({"table": t("counters"), "values": {"name": "a"}, "options": {"ignoreDuplicates": true}}));
    assert_eq!(ign, json!([[], 0]));
    let inc = d.op("qi_increment", json!({"table": t("counters"), "operator": "+", "where": {"name": "a"}, "amounts": {"n": 2}, "extra": {}, "options": {}}));
    assert_eq!(inc, json!([[{"id": 1, "name": "a", "n": 3}], 1]));
    let one = d.op("qi_select", json!({"table": t("counters"), "options": {"attributes": ["n"], "where": {"name": "a"}}, "plain": true}));
    assert_eq!(one, json!({"n": 3}));
    let all = d.op(
        "qi_select",
        json!({"table": t("counters"), "options": {"limit": 5, "offset": 0}, "plain": false}),
    );
    assert_eq!(all, json!([{"id": 1, "name": "a", "n": 3}]));
}
