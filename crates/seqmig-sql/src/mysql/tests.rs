//! The mysql / mariadb generator against what the real sequelize-cli 6.6.5 (sequelize
//! 6.37.8, mysql2 3.26.1 / mariadb 2.5.6) logged on MariaDB 10.11 for the examples of
//! `migrations-examples/mysql-*` (their `reference-<dialect>.log`, database `<db>`).
//! Each statement built here must appear verbatim as an `Executing (default): ` line.

use serde_json::{json, Value};

use super::*;
use crate::model::{
    AddConstraint, AddIndex, BulkDelete, BulkInsert, Column, ColumnChange, CreateTable,
    RemoveIndex, Table,
};

const TYPES_MYSQL: &str =
    include_str!("../../../../migrations-examples/mysql-types/reference-mysql.log");
const TYPES_MARIADB: &str =
    include_str!("../../../../migrations-examples/mysql-types/reference-mariadb.log");
const DDL_MYSQL: &str =
    include_str!("../../../../migrations-examples/mysql-ddl/reference-mysql.log");
const DDL_MARIADB: &str =
    include_str!("../../../../migrations-examples/mysql-ddl/reference-mariadb.log");
const DATA_MYSQL: &str =
    include_str!("../../../../migrations-examples/mysql-data/reference-mysql.log");
const DATA_MARIADB: &str =
    include_str!("../../../../migrations-examples/mysql-data/reference-mariadb.log");
const FK_MYSQL: &str =
    include_str!("../../../../migrations-examples/mysql-fk-index/reference-mysql.log");

fn req<T: serde::de::DeserializeOwned>(v: Value) -> T {
    serde_json::from_value(v).unwrap()
}

fn table(name: &str) -> Value {
    json!({"tableName": name, "schema": null, "delimiter": "."})
}

fn t(name: &str) -> Table {
    req(table(name))
}

/// The statement is one sequelize-cli logged.
#[track_caller]
fn logged(log: &str, sql: &str) {
    assert!(
        log.contains(&format!("Executing (default): {sql}\n")),
        "not in the reference log:\n{sql}"
    );
}

fn both() -> [(MysqlGenerator, &'static str); 2] {
    [
        (MysqlGenerator::new(), "mysql"),
        (MysqlGenerator::mariadb(), "mariadb"),
    ]
}

#[test]
fn create_table_with_every_type_and_table_option() {
    let create: CreateTable = req(json!({"table": table("gadgets"), "attributes": {
        "id": {"type": {"key": "INTEGER", "unsigned": true}, "primaryKey": true, "autoIncrement": true},
        "kind": {"type": {"key": "ENUM", "values": ["small", "large", "o'dd"]}, "allowNull": false, "defaultValue": "small"},
        "serial": {"type": {"key": "INTEGER", "length": 8, "unsigned": true, "zerofill": true}},
        "tiny": {"type": {"key": "TINYINT", "unsigned": true}},
        "big": {"type": {"key": "BIGINT"}},
        "active": {"type": {"key": "BOOLEAN"}, "allowNull": false, "defaultValue": true},
        "madeAt": {"type": {"key": "DATE", "length": 3}},
        "day": {"type": {"key": "DATEONLY"}},
        "at": {"type": {"key": "TIME"}},
        "blurb": {"type": {"key": "TEXT", "length": "tiny"}},
        "body": {"type": {"key": "TEXT", "length": "medium"}},
        "manual": {"type": {"key": "TEXT", "length": "long"}},
        "thumb": {"type": {"key": "BLOB", "length": "tiny"}},
        "image": {"type": {"key": "BLOB", "length": "medium"}},
        "data": {"type": {"key": "BLOB"}},
        "meta": {"type": {"key": "JSON"}},
        "spot": {"type": {"key": "GEOMETRY", "geometryType": "POINT"}},
        "price": {"type": {"key": "DECIMAL", "precision": 10, "scale": 2}, "comment": "in euros"},
        "weight": {"type": {"key": "FLOAT", "length": 8, "decimals": 2}},
        "ratio": {"type": {"key": "DOUBLE", "length": 12, "decimals": 4}},
        "code": {"type": {"key": "STRING", "length": 16, "binary": true}},
        "country": {"type": {"key": "CHAR", "length": 2}, "comment": "ISO code, 'alpha-2'"},
        "uuid": {"type": {"key": "UUID"}, "defaultValue": {"$seqmig": "uuidv4"}},
        "createdAt": {"type": {"key": "DATE"}, "allowNull": false},
        "updatedAt": {"type": {"key": "DATE"}, "allowNull": false}},
        "options": {"engine": "InnoDB", "charset": "utf8mb4", "collate": "utf8mb4_unicode_ci",
                    "comment": "gadgets we've made"}}));
    let extra = MysqlTableOptions {
        row_format: Some("DYNAMIC".into()),
        initial_auto_increment: Some("1000".into()),
    };
    for (g, _) in both() {
        let sql = g.create_table(&create, &extra).unwrap();
        logged(TYPES_MYSQL, &sql);
        logged(TYPES_MARIADB, &sql);
    }
}

#[test]
fn create_table_with_references_unique_and_default_engine() {
    let cases = [
        json!({"table": table("items"), "attributes": {
            "id": {"type": {"key": "INTEGER"}, "primaryKey": true, "autoIncrement": true},
            "title": {"type": {"key": "STRING", "length": 200}, "allowNull": false},
            "vendorId": {"type": {"key": "INTEGER"}, "references": {"table": table("vendors"), "key": "id"},
                         "onDelete": "CASCADE", "onUpdate": "CASCADE"},
            "notes": {"type": {"key": "TEXT"}},
            "area": {"type": {"key": "GEOMETRY"}, "allowNull": false}}}),
        json!({"table": table("tags"), "attributes": {
            "itemId": {"type": {"key": "INTEGER"}, "allowNull": false},
            "label": {"type": {"key": "STRING", "length": 40}, "allowNull": false}}}),
        json!({"table": table("introspection"), "attributes": {
            "what": {"type": {"key": "STRING", "length": 40}, "allowNull": false},
            "body": {"type": {"key": "TEXT", "length": "long"}, "allowNull": false}}}),
    ];
    for (g, _) in both() {
        for c in &cases {
            let sql = g
                .create_table(&req(c.clone()), &MysqlTableOptions::default())
                .unwrap();
            logged(DDL_MYSQL, &sql);
            logged(DDL_MARIADB, &sql);
        }
        let stock: CreateTable = req(json!({"table": table("stock"), "attributes": {
            "id": {"type": {"key": "INTEGER"}, "primaryKey": true, "autoIncrement": true},
            "sku": {"type": {"key": "STRING", "length": 32}, "allowNull": false, "unique": true},
            "qty": {"type": {"key": "INTEGER"}, "allowNull": false, "defaultValue": 0},
            "label": {"type": {"key": "STRING", "length": 100}}}}));
        let sql = g
            .create_table(&stock, &MysqlTableOptions::default())
            .unwrap();
        logged(DATA_MYSQL, &sql);
        logged(DATA_MARIADB, &sql);
    }
}

#[test]
fn add_change_rename_and_remove_columns() {
    let add = |column: &str, attr: Value| -> ColumnChange {
        req(json!({"table": table("items"), "column": column, "attribute": attr}))
    };
    for (g, _) in both() {
        let sku = add(
            "sku",
            json!({"type": {"key": "STRING", "length": 32}, "allowNull": false, "defaultValue": "",
                   "after": "id", "comment": "stock keeping unit"}),
        );
        logged(DDL_MYSQL, &g.add_column(&sku).unwrap());
        let rank = add("rank", json!({"type": {"key": "INTEGER"}, "first": true}));
        logged(DDL_MARIADB, &g.add_column(&rank).unwrap());
        let vendor = add(
            "vendorId",
            json!({"type": {"key": "INTEGER"}, "references": {"table": table("vendors"), "key": "id"},
                   "onDelete": "CASCADE", "onUpdate": "CASCADE"}),
        );
        logged(DDL_MYSQL, &g.add_column(&vendor).unwrap());
        let title = add(
            "title",
            json!({"type": {"key": "STRING", "length": 250}, "allowNull": true, "comment": "shown in lists"}),
        );
        logged(DDL_MYSQL, &g.change_column(&title).unwrap());
        // renameColumn: the column as describeTable gave it back (type as the server says).
        let described: Column = req(
            json!({"type": {"key": "RAW", "sql": "TEXT"}, "allowNull": true, "defaultValue": null}),
        );
        logged(
            DDL_MARIADB,
            &g.rename_column(&t("items"), "notes", "description", &described)
                .unwrap(),
        );
        logged(DDL_MYSQL, &g.remove_column(&t("items"), "vendorId"));
        logged(DDL_MYSQL, &g.drop_foreign_key(&t("items"), "items_ibfk_1"));
        logged(
            DDL_MYSQL,
            &g.foreign_key_query(
                &req(json!({"tableName": "items", "schema": "<db>", "delimiter": "."})),
                "vendorId",
            ),
        );
    }
}

#[test]
fn indexes_with_type_using_length_and_order() {
    let index = |v: Value| -> AddIndex { req(json!({"table": table("items"), "options": v})) };
    let cases = [
        json!({"fields": ["sku"], "type": "UNIQUE", "name": "items_sku_unique"}),
        json!({"fields": ["title", "description"], "type": "FULLTEXT"}),
        json!({"fields": ["area"], "type": "SPATIAL"}),
        json!({"fields": [{"name": "title", "length": 20, "order": "DESC"}, "rank"],
               "using": "BTREE", "name": "items_title_prefix"}),
    ];
    for (g, _) in both() {
        for c in &cases {
            let sql = g.add_index(&index(c.clone())).unwrap();
            logged(DDL_MYSQL, &sql);
            logged(DDL_MARIADB, &sql);
        }
        let by_fields: RemoveIndex = req(json!({"table": table("items"), "index": ["area"]}));
        logged(DDL_MYSQL, &g.remove_index(&by_fields));
        let by_name: RemoveIndex =
            req(json!({"table": table("items"), "index": "items_title_prefix"}));
        logged(DDL_MARIADB, &g.remove_index(&by_name));
        logged(
            FK_MYSQL,
            &g.remove_constraint_index(&t("orders"), "orders_customer"),
        );
        logged(
            DDL_MYSQL,
            &g.remove_constraint_index(&t("vendors"), "vendors_name_uk"),
        );
    }
}

#[test]
fn constraints_unique_check_primary_and_foreign_key() {
    let c =
        |tbl: &str, v: Value| -> AddConstraint { req(json!({"table": table(tbl), "options": v})) };
    let cases = [
        c(
            "items",
            json!({"fields": ["rank"], "type": "check", "name": "items_rank_positive",
                          "where": {"rank": {"__op:gte": 0}}}),
        ),
        c(
            "vendors",
            json!({"fields": ["name"], "type": "unique", "name": "vendors_name_uk"}),
        ),
        c(
            "tags",
            json!({"fields": ["itemId", "label"], "type": "primary key", "name": "tags_pk"}),
        ),
        c(
            "tags",
            json!({"fields": ["itemId"], "type": "foreign key", "name": "tags_item_fk",
                         "references": {"table": table("items"), "field": "id"}, "onDelete": "cascade"}),
        ),
    ];
    for (g, _) in both() {
        for req in &cases {
            let sql = g.add_constraint(req).unwrap();
            logged(DDL_MYSQL, &sql);
            logged(DDL_MARIADB, &sql);
        }
        let default = c(
            "tags",
            json!({"fields": ["label"], "type": "default", "defaultValue": "x"}),
        );
        assert_eq!(
            g.add_constraint(&default).unwrap_err().to_string(),
            "Default constraints are supported only for MSSQL dialect."
        );
    }
}

#[test]
fn bulk_insert_ignore_and_update_on_duplicate() {
    let ins = |v: Value| -> BulkInsert { req(v) };
    let ignore = ins(json!({"table": table("stock"),
        "records": [{"sku": "a-1", "qty": 100, "label": "ignored"}, {"sku": "c-3", "qty": 3, "label": "third"}],
        "options": {"ignoreDuplicates": true}}));
    let update = ins(json!({"table": table("stock"),
        "records": [{"sku": "b-2", "qty": 20, "label": "kept"}, {"sku": "d-4", "qty": 4, "label": "fourth"}],
        "options": {"updateOnDuplicate": ["qty"]}}));
    let report = ins(json!({"table": table("gadget_report"), "records": [
        {"line": r#"{"id":1000,"kind":"large","serial":42,"active":0,"price":"19.99","big":9007199254740991,"thumb":"010203","spot":"POINT(2.35 48.85)"}"#},
        {"line": r#"{"id":1001,"kind":"o'dd","serial":null,"active":1,"price":"0.00","big":null,"thumb":null,"spot":null}"#}]}));
    for (g, _) in both() {
        logged(DATA_MYSQL, &g.bulk_insert(&ignore).unwrap());
        logged(DATA_MARIADB, &g.bulk_insert(&update).unwrap());
    }
    logged(
        TYPES_MYSQL,
        &MysqlGenerator::new().bulk_insert(&report).unwrap(),
    );
}

#[test]
fn dates_keep_milliseconds_on_mariadb_only() {
    // 2024-10-01T12:30:45.123Z, bulkInserted without column types.
    let row = ins_gadget_dates();
    let mysql = MysqlGenerator::new().bulk_insert(&row).unwrap();
    let mariadb = MysqlGenerator::mariadb().bulk_insert(&row).unwrap();
    assert_eq!(
        mysql,
        "INSERT INTO `g` (`madeAt`,`flag`,`blob`) VALUES ('2024-10-01 12:30:45',false,X'010203');"
    );
    assert_eq!(
        mariadb,
        "INSERT INTO `g` (`madeAt`,`flag`,`blob`) VALUES ('2024-10-01 12:30:45.123',false,X'010203');"
    );
    assert!(TYPES_MYSQL.contains("'long',X'010203','{\\\"tags\\\""));
    assert!(TYPES_MYSQL.contains(
        "VALUES ('large',42,255,9007199254740991,false,'2024-10-01 12:30:45','2024-10-01'"
    ));
    assert!(TYPES_MARIADB.contains(
        "VALUES ('large',42,255,9007199254740991,false,'2024-10-01 12:30:45.123','2024-10-01'"
    ));
    // A typed DATE(3) keeps them on mysql too; a plain DATE does not.
    let g = MysqlGenerator::new();
    let v = SqlValue::Date(Some(1_727_785_845_123));
    let mut d = DataType::new("DATE");
    assert_eq!(g.escape(&v, Some(&d)).unwrap(), "'2024-10-01 12:30:45'");
    d.length = Some(crate::model::Length::Num(3));
    assert_eq!(g.escape(&v, Some(&d)).unwrap(), "'2024-10-01 12:30:45.123'");
}

fn ins_gadget_dates() -> BulkInsert {
    req(json!({"table": table("g"), "records": [{
        "madeAt": {"$seqmig": "date", "ms": 1_727_785_845_123i64},
        "flag": false,
        "blob": {"$seqmig": "buffer", "base64": "AQID"}}]}))
}

#[test]
fn strings_escape_with_backslashes() {
    let g = MysqlGenerator::new();
    assert_eq!(
        g.escape(&SqlValue::Text("it's \"q\" \\ \n\t\0".into()), None)
            .unwrap(),
        r#"'it\'s \"q\" \\ \n\t\0'"#
    );
}

#[test]
fn deletes_and_introspection_queries() {
    for (g, name) in both() {
        let log = if name == "mysql" {
            DATA_MYSQL
        } else {
            DATA_MARIADB
        };
        let some: BulkDelete = req(json!({"table": table("stock"), "where": {"sku": "e-5"}}));
        logged(log, &g.bulk_delete(&some).unwrap());
        let all: BulkDelete = req(json!({"table": table("results"), "where": null}));
        logged(log, &g.bulk_delete(&all).unwrap());
        logged(log, &g.show_tables_query(Some("<db>")));
        let ddl = if name == "mysql" {
            DDL_MYSQL
        } else {
            DDL_MARIADB
        };
        logged(ddl, &g.describe_table_query(&t("items")));
        logged(ddl, &g.show_index_query(&t("items"), None));
        logged(ddl, &g.foreign_keys_query(&t("items"), "<db>"));
        logged(
            ddl,
            &g.show_constraints_query(&t("vendors"), Some("vendors_name_uk"), Some("<db>")),
        );
        logged(ddl, &g.table_exists_query(&t("SequelizeMeta"), "<db>"));
    }
    let truncate: BulkDelete = req(json!({"table": table("stock"), "options": {"truncate": true}}));
    assert_eq!(
        MysqlGenerator::new().bulk_delete(&truncate).unwrap(),
        "TRUNCATE `stock`"
    );
}

#[test]
fn upsert_is_an_insert_on_duplicate_key_update() {
    let g = MysqlGenerator::new();
    let insert: crate::model::Insert = req(json!({"table": table("stock"),
        "values": {"sku": "c-3", "qty": 30},
        "options": {"updateOnDuplicate": ["qty"], "upsertKeys": ["sku"]}}));
    let bound = g.insert(&insert).unwrap();
    assert_eq!(
        bound.sql,
        "INSERT INTO `stock` (`sku`,`qty`) VALUES ($1,$2) ON DUPLICATE KEY UPDATE `qty`=VALUES(`qty`);"
    );
    assert_eq!(bound.bind.len(), 2);
}

/// Regression (expressions on mariadb): the `{tableName, schema}` objects mariadb's
/// showAllTables returns are quoted as two identifiers there (`supports.schemas`), as one
/// on mysql; dropAllTables drops their foreign keys and the tables with them. Expected
/// text: Sequelize 6.37.8's `dropForeignKeyQuery` / `dropTableQuery` of such an object.
#[test]
fn a_table_with_a_schema_is_two_identifiers_on_mariadb_one_on_mysql() {
    let scratch: Table = req(json!({"tableName": "scratch_b", "schema": "db", "delimiter": "."}));
    let mysql = MysqlGenerator::new();
    assert_eq!(
        mysql.drop_foreign_key(&scratch, "scratch_b_ibfk_1"),
        "ALTER TABLE `db.scratch_b` DROP FOREIGN KEY `scratch_b_ibfk_1`;"
    );
    assert_eq!(
        mysql.drop_table(&scratch),
        "DROP TABLE IF EXISTS `db.scratch_b`;"
    );
    let mariadb = MysqlGenerator::mariadb();
    assert_eq!(
        mariadb.drop_foreign_key(&scratch, "scratch_b_ibfk_1"),
        "ALTER TABLE `db`.`scratch_b` DROP FOREIGN KEY `scratch_b_ibfk_1`;"
    );
    assert_eq!(
        mariadb.drop_table(&scratch),
        "DROP TABLE IF EXISTS `db`.`scratch_b`;"
    );
    // Without a schema both dialects quote the name alone.
    assert_eq!(
        mariadb.drop_table(&t("scratch_b")),
        "DROP TABLE IF EXISTS `scratch_b`;"
    );
}

/// Regression (all-types, `t_date_precision`): queryInterface.bulkInsert types its values
/// with the abstract DATE it is given, whose `_stringify` writes the zone, which MariaDB
/// then refuses for a DATETIME(3); a model's (normalized) DATE(3) writes mysql's form.
/// Expected text: Sequelize 6.37.8's `bulkInsertQuery` on both dialects.
#[test]
fn bulk_insert_typed_by_an_abstract_date_writes_the_zone() {
    let row = |abstract_type: bool| -> BulkInsert {
        req(json!({"table": table("t_date_precision"),
            "records": [{"c": {"$seqmig": "date", "ms": 1_704_164_645_678i64}}],
            "attributes": {"c": {"type": {"key": "DATE", "length": 3, "abstract": abstract_type}}}}))
    };
    for (g, _) in both() {
        assert_eq!(
            g.bulk_insert(&row(true)).unwrap(),
            "INSERT INTO `t_date_precision` (`c`) VALUES ('2024-01-02 03:04:05.678 +00:00');"
        );
        assert_eq!(
            g.bulk_insert(&row(false)).unwrap(),
            "INSERT INTO `t_date_precision` (`c`) VALUES ('2024-01-02 03:04:05.678');"
        );
    }
}

/// Regression (all-types, `t_array_enum`): `ARRAY.toSql()` calls its element's `toSql()`
/// without options, which mysql's ENUM needs (`options.escape`): createTable (which
/// normalizes the element to mysql's ENUM) throws before any SQL, and so does a later
/// bulkInsert typed by the same ARRAY; one typed by a fresh ARRAY(ENUM) (still abstract)
/// fails at the model lookup instead. Messages: Sequelize 6.37.8's TypeErrors.
#[test]
fn array_of_enum_fails_in_sequelize_before_any_sql() {
    let array = |abstract_type: bool| {
        json!({"key": "ARRAY", "abstract": abstract_type,
               "type": {"key": "ENUM", "values": ["m", "n"], "abstract": abstract_type}})
    };
    let create: CreateTable = req(json!({"table": table("t_array_enum"),
        "attributes": {"c": {"type": array(false), "allowNull": true}}}));
    let insert = |abstract_type: bool| -> BulkInsert {
        req(
            json!({"table": table("t_array_enum"), "records": [{"c": ["n", "m"]}],
            "attributes": {"c": {"type": array(abstract_type)}}}),
        )
    };
    let escape = "Cannot read properties of undefined (reading 'escape')";
    let model = "Cannot read properties of undefined (reading 'getTableName')";
    for (g, _) in both() {
        match crate::statements::Statements::create_table_query(&g, &create) {
            Err(SqlError::Type(m)) => assert_eq!(m, escape),
            other => panic!("createTable: {other:?}"),
        }
        match g.bulk_insert(&insert(false)) {
            Err(SqlError::Type(m)) => assert_eq!(m, escape),
            other => panic!("bulkInsert after createTable: {other:?}"),
        }
        match g.bulk_insert(&insert(true)) {
            Err(SqlError::Type(m)) => assert_eq!(m, model),
            other => panic!("bulkInsert of a fresh ARRAY: {other:?}"),
        }
    }
}

/// The schema statements of each generator: mysql's answers `SHOW TABLES` (and drops a
/// table of the schema's name), mariadb's creates, lists and drops databases. Expected
/// text: Sequelize 6.37.8's `createSchema`, `dropSchema`, `showSchemasQuery`.
#[test]
fn schemas_are_databases_on_mariadb_only() {
    let mysql = MysqlGenerator::new();
    assert_eq!(mysql.create_schema("x"), "SHOW TABLES");
    assert_eq!(mysql.show_schemas_query(&[]), "SHOW TABLES");
    assert_eq!(mysql.drop_schema("x"), "DROP TABLE IF EXISTS `x`;");
    let mariadb = MysqlGenerator::mariadb();
    assert_eq!(
        mariadb.create_schema("x"),
        "CREATE SCHEMA IF NOT EXISTS `x`;"
    );
    assert_eq!(mariadb.drop_schema("x"), "DROP SCHEMA IF EXISTS `x`;");
    assert_eq!(
        mariadb.show_schemas_query(&[]),
        "SELECT SCHEMA_NAME as schema_name FROM INFORMATION_SCHEMA.SCHEMATA WHERE SCHEMA_NAME NOT IN ('MYSQL', 'INFORMATION_SCHEMA', 'PERFORMANCE_SCHEMA');"
    );
    assert_eq!(
        mariadb.show_schemas_query(&["a".to_string()]),
        "SELECT SCHEMA_NAME as schema_name FROM INFORMATION_SCHEMA.SCHEMATA WHERE SCHEMA_NAME NOT IN ('MYSQL', 'INFORMATION_SCHEMA', 'PERFORMANCE_SCHEMA', 'a');"
    );
}
