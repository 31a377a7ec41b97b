//! The seam with the other shims: a real migration through the real
//! `__seqmig.runMigration`, `Sequelize` and `makeOpError`, against the recording host.

use serde_json::json;

use super::{on_big_stack, Fixture};
use crate::JsErrorKind;

#[test]
fn a_typical_migration_reaches_the_host_as_ops() {
    on_big_stack(|| {
        let mut f = Fixture::new();
        let p = f.write(
            "migrations/20240105090000-create-users.js",
            r#"'use strict';
/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('users', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
      username: { type: Sequelize.STRING(64), allowNull: false, unique: true },
      createdAt: { type: Sequelize.DATE, allowNull: false },
    });
    await queryInterface.addIndex('users', ['username']);
  },
  async down(queryInterface) {
    await queryInterface.dropTable('users');
  },
};
"#,
        );
        let m = f.rt.require(&p).unwrap();
        f.rt.run_migration(&m, "up", &p).unwrap();
        let calls = f.host.calls.borrow().clone();
        let names: Vec<&str> = calls.iter().map(|(n, _)| n.as_str()).collect();
        assert!(names.contains(&"qi_create_table"), "{names:?}");
        assert!(names.contains(&"qi_add_index"), "{names:?}");
        let create = &calls
            .iter()
            .find(|(n, _)| n == "qi_create_table")
            .unwrap()
            .1;
        assert_eq!(create["table"]["tableName"], json!("users"));
        assert_eq!(
            create["attributes"]["username"]["type"]["key"],
            json!("STRING")
        );
        assert_eq!(
            create["attributes"]["username"]["type"]["length"],
            json!(64)
        );
        let _ = JsErrorKind::Thrown;
    });
}

#[test]
fn a_database_error_reaches_js_as_sequelizes_class_and_rust_with_details() {
    on_big_stack(|| {
        let mut f = Fixture::new();
        let p = f.write(
            "20240101-catch.js",
            "module.exports = { up: async (qi, Sequelize) => {\n  try { __seqmig_native.op('fail', {}); } catch (e) { if (!(e instanceof Sequelize.DatabaseError)) throw new Error('not a DatabaseError: ' + e.name); }\n  __seqmig_native.op('fail', {});\n} };",
        );
        let m = f.rt.require(&p).unwrap();
        let err = f.rt.run_migration(&m, "up", &p).unwrap_err();
        assert_eq!(err.kind, JsErrorKind::Thrown);
        assert_eq!(
            err.message,
            "SequelizeDatabaseError: SQLITE_ERROR: no such table: nope"
        );
        let d = err.details.unwrap();
        assert_eq!(d["name"], json!("SequelizeDatabaseError"));
        assert_eq!(d["sql"], json!("SELECT * FROM nope"));
        assert_eq!(err.location.unwrap().1, 3);
    });
}

#[test]
fn a_migration_without_a_promise_fails_with_umzugs_message() {
    on_big_stack(|| {
        let mut f = Fixture::new();
        let p = f.write(
            "20240101-sync.js",
            "module.exports = { up() { return 1; } };",
        );
        let m = f.rt.require(&p).unwrap();
        let err = f.rt.run_migration(&m, "up", &p).unwrap_err();
        assert_eq!(
            err.message,
            "Error: Migration 20240101-sync.js (or wrapper) didn't return a promise"
        );
    });
}
