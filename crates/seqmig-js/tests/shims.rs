//! The queryInterface as migrations call it: each test runs a small migration through
//! `seqmig_js::Runtime` against a recording host (no database) and checks the op
//! requests of CONTRACTS.md §3 that the shims (`js-shims/`) make of its loose arguments.

use serde_json::{json, Value};

#[path = "fixtures/shims/harness.rs"]
mod harness;
use harness::*;

#[test]
fn create_table_normalises_every_attribute_spelling() {
    let mut h = Harness::new();
    let args = h.one(
        r#"await queryInterface.createTable('users', {
            id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
            name: Sequelize.STRING,
            email: { type: Sequelize.STRING(100), unique: true, allowNull: false },
            bin: Sequelize.STRING(100, true),
            amount: Sequelize.DECIMAL(10, 2),
            u: Sequelize.INTEGER.UNSIGNED.ZEROFILL,
            i11: Sequelize.INTEGER(11),
            long: Sequelize.TEXT('long'),
            built: { type: new Sequelize.DataTypes.STRING(50) },
            raw: { type: 'VARCHAR(20)' },
            d6: Sequelize.DATE(6),
            dbl: { type: Sequelize.DOUBLE, defaultValue: 0.5 },
        }, { uniqueKeys: { name_email: { fields: ['name', 'email'] } } });"#,
        "qi_create_table",
    );
    assert_eq!(
        args,
        json!({
            "table": table("users"),
            "attributes": {
                "id": {"type": {"key": "INTEGER"}, "allowNull": false, "primaryKey": true, "autoIncrement": true},
                "name": {"type": {"key": "STRING", "length": 255}},
                "email": {"type": {"key": "STRING", "length": 100}, "allowNull": false, "unique": true},
                "bin": {"type": {"key": "STRING", "length": 100, "binary": true}},
                "amount": {"type": {"key": "DECIMAL", "precision": 10, "scale": 2}},
                "u": {"type": {"key": "INTEGER", "unsigned": true, "zerofill": true}},
                "i11": {"type": {"key": "INTEGER", "length": 11}},
                "long": {"type": {"key": "TEXT", "length": "long"}},
                "built": {"type": {"key": "STRING", "length": 50}},
                "raw": {"type": {"key": "RAW", "sql": "VARCHAR(20)"}},
                "d6": {"type": {"key": "DATE", "length": 6}},
                "dbl": {"type": {"key": "DOUBLE"}, "defaultValue": 0.5}
            },
            "options": {"uniqueKeys": {"name_email": {"fields": ["name", "email"], "customIndex": true}}}
        })
    );
}

#[test]
fn enum_array_and_range_types() {
    let mut h = Harness::new();
    let args = h.one(
        r#"await queryInterface.createTable('t', {
            a: Sequelize.ENUM('x', 'y'),
            b: { type: Sequelize.ENUM({ values: ['p'] }) },
            c: Sequelize.ENUM(['q', 'r']),
            d: { type: Sequelize.ENUM, values: ['v', 'w'] },
            e: { type: Sequelize.ARRAY(Sequelize.TEXT), defaultValue: [] },
            f: Sequelize.ARRAY(Sequelize.ENUM('z')),
            g: Sequelize.RANGE(Sequelize.DATE),
            h: Sequelize.STRING.BINARY,
        });"#,
        "qi_create_table",
    );
    let attrs = &args["attributes"];
    assert_eq!(
        attrs["a"],
        json!({"type": {"key": "ENUM", "values": ["x", "y"]}, "values": ["x", "y"]})
    );
    assert_eq!(attrs["b"]["type"]["values"], json!(["p"]));
    assert_eq!(attrs["c"]["type"]["values"], json!(["q", "r"]));
    assert_eq!(
        attrs["d"],
        json!({"type": {"key": "ENUM", "values": ["v", "w"]}, "values": ["v", "w"]})
    );
    assert_eq!(
        attrs["e"],
        json!({"type": {"key": "ARRAY", "type": {"key": "TEXT"}}, "defaultValue": []})
    );
    assert_eq!(
        attrs["f"]["type"],
        json!({"key": "ARRAY", "type": {"key": "ENUM", "values": ["z"]}})
    );
    assert_eq!(
        attrs["g"]["type"],
        json!({"key": "RANGE", "type": {"key": "DATE"}})
    );
    assert_eq!(
        attrs["h"]["type"],
        json!({"key": "STRING", "length": 255, "binary": true})
    );
}

#[test]
fn enum_without_values_rejects_as_sequelize() {
    let mut h = Harness::new();
    let (ops, result) = h.run(
        "module.exports = { up: (qi, S) => qi.createTable('t', { a: { type: S.ENUM } }) };",
        "up",
    );
    assert!(ops.is_empty());
    assert_eq!(
        result.unwrap_err().message,
        "Error: Values for ENUM have not been defined."
    );
}

#[test]
fn default_values_are_tagged() {
    let mut h = Harness::new();
    let args = h.one(
        r#"await queryInterface.createTable('t', {
            a: { type: Sequelize.DATE, defaultValue: Sequelize.NOW },
            b: { type: Sequelize.UUID, defaultValue: Sequelize.UUIDV4 },
            c: { type: Sequelize.UUID, defaultValue: Sequelize.UUIDV1 },
            d: { type: Sequelize.DATE, defaultValue: Sequelize.fn('NOW') },
            e: { type: Sequelize.DATE, defaultValue: Sequelize.literal('CURRENT_TIMESTAMP') },
            f: { type: Sequelize.DATE, defaultValue: new Date(Date.UTC(2024, 0, 5, 9)) },
            g: { type: Sequelize.JSONB, defaultValue: { a: [1, 2] } },
            h: { type: Sequelize.BOOLEAN, defaultValue: false },
            i: { type: Sequelize.STRING, defaultValue: null },
            j: { type: Sequelize.STRING, defaultValue: undefined },
            k: { type: Sequelize.UUID, defaultValue: () => 'computed in JS' },
        });"#,
        "qi_create_table",
    );
    let attrs = &args["attributes"];
    assert_eq!(attrs["a"]["defaultValue"], json!({"$seqmig": "now"}));
    assert_eq!(attrs["b"]["defaultValue"], json!({"$seqmig": "uuidv4"}));
    assert_eq!(attrs["c"]["defaultValue"], json!({"$seqmig": "uuidv1"}));
    assert_eq!(
        attrs["d"]["defaultValue"],
        json!({"$seqmig": "fn", "fn": "NOW", "args": []})
    );
    assert_eq!(
        attrs["e"]["defaultValue"],
        json!({"$seqmig": "literal", "val": "CURRENT_TIMESTAMP"})
    );
    assert_eq!(
        attrs["f"]["defaultValue"],
        json!({"$seqmig": "date", "ms": 1704445200000i64})
    );
    assert_eq!(attrs["g"]["defaultValue"], json!({"a": [1, 2]}));
    assert_eq!(attrs["h"]["defaultValue"], json!(false));
    assert_eq!(attrs["i"]["defaultValue"], Value::Null);
    assert!(
        attrs["j"].get("defaultValue").is_none(),
        "undefined means not given"
    );
    assert!(
        attrs["k"].get("defaultValue").is_none(),
        "a JS function default is not schemable"
    );
}

#[test]
fn references_in_every_spelling() {
    let mut h = Harness::new();
    let args = h.one(
        r#"await queryInterface.createTable('posts', {
            a: { type: Sequelize.INTEGER, references: { model: 'users', key: 'id' }, onUpdate: 'cascade', onDelete: 'SET NULL' },
            b: { type: Sequelize.INTEGER, references: { model: { tableName: 'users', schema: 'auth' } } },
            c: { type: Sequelize.INTEGER, references: 'users', referencesKey: 'uid' },
            d: { type: Sequelize.INTEGER, references: { model: class User { static getTableName() { return 'people'; } },
                 deferrable: Sequelize.Deferrable.INITIALLY_IMMEDIATE } },
        });"#,
        "qi_create_table",
    );
    let attrs = &args["attributes"];
    assert_eq!(
        attrs["a"],
        json!({"type": {"key": "INTEGER"}, "onUpdate": "cascade", "onDelete": "SET NULL",
               "references": {"table": table("users"), "key": "id"}})
    );
    assert_eq!(
        attrs["b"]["references"],
        json!({"table": {"tableName": "users", "schema": "auth", "delimiter": "."}, "key": "id"})
    );
    assert_eq!(
        attrs["c"]["references"],
        json!({"table": table("users"), "key": "uid"})
    );
    assert_eq!(
        attrs["d"]["references"],
        json!({"table": table("people"), "key": "id", "deferrable": "INITIALLY_IMMEDIATE"})
    );
}

#[test]
fn table_names_in_every_spelling() {
    let mut h = Harness::new();
    let ops = h.up(
        r#"await queryInterface.dropTable('a');
           await queryInterface.dropTable({ tableName: 'b', schema: 's' });
           await queryInterface.dropTable({ getTableName: () => ({ tableName: 'c', schema: 'x', delimiter: '_' }) }, { cascade: true });
           await queryInterface.createTable('d', { id: Sequelize.INTEGER }, { schema: 'rep' });"#,
    );
    assert_eq!(
        ops[0].1,
        json!({"table": table("a"), "options": {"cascade": false}})
    );
    assert_eq!(
        ops[1].1["table"],
        json!({"tableName": "b", "schema": "s", "delimiter": "."})
    );
    assert_eq!(
        ops[2].1,
        json!({"table": {"tableName": "c", "schema": "x", "delimiter": "_"}, "options": {"cascade": true}})
    );
    assert_eq!(
        ops[3].1["table"],
        json!({"tableName": "d", "schema": "rep", "delimiter": "."})
    );
}

#[test]
fn column_operations() {
    let mut h = Harness::new();
    let ops = h.up(
        r#"await queryInterface.addColumn('posts', 'editorId', { type: Sequelize.INTEGER, references: { model: 'users', key: 'id' } });
           await queryInterface.addColumn('posts', 'flag', Sequelize.BOOLEAN);
           await queryInterface.changeColumn('posts', 'flag', Sequelize.BOOLEAN);
           await queryInterface.changeColumn('posts', 'title', Sequelize.STRING(10));
           await queryInterface.changeColumn('posts', 'title', { type: Sequelize.STRING, allowNull: false, defaultValue: 'x' });
           await queryInterface.removeColumn('posts', 'flag');
           await queryInterface.renameColumn('posts', 'a', 'b');
           await queryInterface.renameTable('posts', 'articles');"#,
    );
    let names: Vec<&str> = ops.iter().map(|o| o.0.as_str()).collect();
    assert_eq!(
        names,
        [
            "qi_add_column",
            "qi_add_column",
            "qi_change_column",
            "qi_change_column",
            "qi_change_column",
            "qi_remove_column",
            "qi_rename_column",
            "qi_rename_table"
        ]
    );
    assert_eq!(
        ops[0].1,
        json!({"table": table("posts"), "column": "editorId",
               "attribute": {"type": {"key": "INTEGER"}, "references": {"table": table("users"), "key": "id"}}})
    );
    assert_eq!(ops[1].1["attribute"], json!({"type": {"key": "BOOLEAN"}}));
    // Sequelize's changeColumn: a bare DataType class means allowNull: true; an instance does not.
    assert_eq!(
        ops[2].1["attribute"],
        json!({"type": {"key": "BOOLEAN"}, "allowNull": true})
    );
    assert_eq!(
        ops[3].1["attribute"],
        json!({"type": {"key": "STRING", "length": 10}})
    );
    assert_eq!(
        ops[4].1["attribute"],
        json!({"type": {"key": "STRING", "length": 255}, "allowNull": false, "defaultValue": "x"})
    );
    assert_eq!(ops[5].1, json!({"table": table("posts"), "column": "flag"}));
    assert_eq!(
        ops[6].1,
        json!({"table": table("posts"), "before": "a", "after": "b"})
    );
    assert_eq!(
        ops[7].1,
        json!({"before": table("posts"), "after": table("articles")})
    );
}

#[test]
fn add_column_without_definition_rejects() {
    let mut h = Harness::new();
    let (ops, result) = h.run(
        "module.exports = { up: (qi) => qi.addColumn('t', 'c') };",
        "up",
    );
    assert!(ops.is_empty());
    assert_eq!(
        result.unwrap_err().message,
        "Error: addColumn takes at least 3 arguments (table, attribute name, attribute definition)"
    );
}

#[test]
fn add_index_signatures() {
    let mut h = Harness::new();
    let ops = h.up(
        r#"await queryInterface.addIndex('products', ['categoryId', 'price']);
           await queryInterface.addIndex('products', ['sku'], { unique: true, name: 'x', where: { active: true } });
           await queryInterface.addIndex('products', { fields: ['a'], using: 'gin', concurrently: true });
           await queryInterface.addIndex('products', { name: 'y', unique: true,
               fields: [{ name: 'sku', order: 'DESC', length: 3 }, { attribute: 'b', collate: 'C' }] });
           await queryInterface.addIndex('products', { fields: [Sequelize.fn('lower', Sequelize.col('email'))],
               where: { deletedAt: null } });
           await queryInterface.addIndex({ tableName: 'products', schema: 's' }, ['a'], { type: 'UNIQUE' }, 's_products');
           let message = '';
           try { await queryInterface.addIndex('products', { name: 'nofields' }); } catch (e) { message = e.message; }
           if (message !== 'Missing "fields" property for index definition') throw new Error(message);"#,
    );
    assert_eq!(
        ops[0].1,
        json!({"table": table("products"), "options": {"fields": ["categoryId", "price"]}})
    );
    assert_eq!(
        ops[1].1["options"],
        json!({"name": "x", "unique": true, "where": {"active": true}, "fields": ["sku"]})
    );
    assert_eq!(
        ops[2].1["options"],
        json!({"using": "gin", "concurrently": true, "fields": ["a"]})
    );
    assert_eq!(
        ops[3].1["options"],
        json!({"name": "y", "unique": true,
               "fields": [{"name": "sku", "order": "DESC", "length": 3}, {"name": "b", "collate": "C"}]})
    );
    assert_eq!(
        ops[4].1["options"],
        json!({"where": {"deletedAt": null},
               "fields": [{"$seqmig": "fn", "fn": "lower", "args": [{"$seqmig": "col", "col": "email"}]}]})
    );
    assert_eq!(
        ops[5].1["options"],
        json!({"prefix": "s_products", "unique": true, "fields": ["a"]})
    );
    assert_eq!(ops.len(), 6);
}

#[test]
fn remove_index_by_name_or_fields() {
    let mut h = Harness::new();
    let ops = h.up(
        r#"await queryInterface.removeIndex('products', 'products_sku');
           await queryInterface.removeIndex('products', ['categoryId', 'price']);"#,
    );
    assert_eq!(
        ops[0].1,
        json!({"table": table("products"), "index": "products_sku"})
    );
    assert_eq!(
        ops[1].1,
        json!({"table": table("products"), "index": ["categoryId", "price"]})
    );
}

#[test]
fn add_constraint_v6_and_v5_signatures() {
    let mut h = Harness::new();
    let ops = h.up(
        r#"await queryInterface.addConstraint('comments', { fields: ['postId'], type: 'foreign key', name: 'fk_post',
               references: { table: 'posts', field: 'id' }, onDelete: 'cascade', onUpdate: 'cascade' });
           await queryInterface.addConstraint('users', ['email'], { type: 'unique', name: 'users_email_uk' });
           await queryInterface.addConstraint('users', { fields: ['age'], type: 'check',
               where: { age: { [Sequelize.Op.gte]: 18 } } });
           await queryInterface.removeConstraint('users', 'users_email_uk');"#,
    );
    assert_eq!(
        ops[0].1,
        json!({"table": table("comments"), "options": {
            "type": "foreign key", "name": "fk_post", "onDelete": "cascade", "onUpdate": "cascade",
            "fields": ["postId"], "references": {"table": table("posts"), "field": "id"}}})
    );
    assert_eq!(
        ops[1].1["options"],
        json!({"type": "unique", "name": "users_email_uk", "fields": ["email"]})
    );
    assert_eq!(
        ops[2].1["options"],
        json!({"type": "check", "where": {"age": {"__op:gte": 18}}, "fields": ["age"]})
    );
    assert_eq!(
        ops[3],
        (
            "qi_remove_constraint".to_string(),
            json!({"table": table("users"), "name": "users_email_uk"})
        )
    );
}

#[test]
fn add_constraint_without_fields_or_type_rejects() {
    let mut h = Harness::new();
    let (_, r) = h.run(
        "module.exports = { up: (qi) => qi.addConstraint('t', { type: 'unique' }) };",
        "up",
    );
    assert_eq!(
        r.unwrap_err().message,
        "Error: Fields must be specified through options.fields"
    );
    let (_, r) = h.run(
        "module.exports = { up: (qi) => qi.addConstraint('t', { fields: ['a'] }) };",
        "up",
    );
    assert_eq!(
        r.unwrap_err().message,
        "Error: Constraint type must be specified through options.type"
    );
}

#[test]
fn bulk_insert_values() {
    let mut h = Harness::new();
    let args = h.one(
        r#"await queryInterface.bulkInsert('users', [
            { name: "o'hara", at: new Date(Date.UTC(2024, 0, 5, 9)), ok: true, n: null, u: undefined,
              j: { a: 1, d: new Date(0) }, f: Sequelize.fn('NOW'), l: Sequelize.literal('1+1'),
              bad: new Date('nope'), arr: ['a', 'b'], big: 12.5 },
            { name: 'b' },
        ], {}, { j: { type: Sequelize.JSON() } });"#,
        "qi_bulk_insert",
    );
    assert_eq!(
        args,
        json!({
            "table": table("users"),
            "records": [
                {"name": "o'hara", "at": {"$seqmig": "date", "ms": 1704445200000i64}, "ok": true, "n": null, "u": null,
                 "j": {"a": 1, "d": "1970-01-01T00:00:00.000Z"}, "f": {"$seqmig": "fn", "fn": "NOW", "args": []},
                 "l": {"$seqmig": "literal", "val": "1+1"}, "bad": {"$seqmig": "date", "ms": null},
                 "arr": ["a", "b"], "big": 12.5},
                {"name": "b"}
            ],
            "options": {},
            // Sequelize uses bulkInsert's types as given: the abstract JSON.
            "attributes": {"j": {"type": {"key": "JSON", "abstract": true}}}
        })
    );
}

#[test]
fn bulk_insert_buffer_as_base64() {
    let mut h = Harness::new();
    let args = h.one(
        "await queryInterface.bulkInsert('files', [{ a: new Uint8Array([104, 105, 255]), b: typeof Buffer === 'function' ? Buffer.from('hi') : new Uint8Array([104, 105]) }]);",
        "qi_bulk_insert",
    );
    assert_eq!(
        args["records"],
        json!([{"a": {"$seqmig": "buffer", "base64": "aGn/"}, "b": {"$seqmig": "buffer", "base64": "aGk="}}])
    );
}

#[test]
fn where_objects_with_operators() {
    let mut h = Harness::new();
    let ops = h.up(
        r#"const { Op } = Sequelize;
           await queryInterface.bulkDelete('users', { username: ['alice', 'bob'] }, {});
           await queryInterface.bulkDelete('users', { [Op.or]: [{ id: { [Op.in]: [1, 2] } }, { name: { [Op.like]: 'a%' } }] });
           await queryInterface.bulkDelete('comments', null, {});
           await queryInterface.bulkUpdate('posts', { published: true, at: new Date(5) },
               { title: 'x', createdAt: { [Op.lt]: new Date(10) }, [Op.and]: [Sequelize.where(Sequelize.fn('lower', Sequelize.col('a')), 'b')] });"#,
    );
    assert_eq!(
        ops[0].1,
        json!({"table": table("users"), "where": {"username": ["alice", "bob"]}, "options": {}})
    );
    assert_eq!(
        ops[1].1["where"],
        json!({"__op:or": [{"id": {"__op:in": [1, 2]}}, {"name": {"__op:like": "a%"}}]})
    );
    assert_eq!(
        ops[2].1,
        json!({"table": table("comments"), "where": null, "options": {}})
    );
    assert_eq!(
        ops[3].1,
        json!({"table": table("posts"), "values": {"published": true, "at": {"$seqmig": "date", "ms": 5}},
               "where": {"title": "x", "createdAt": {"__op:lt": {"$seqmig": "date", "ms": 10}},
                         "__op:and": [{"$seqmig": "where",
                                       "attribute": {"$seqmig": "fn", "fn": "lower", "args": [{"$seqmig": "col", "col": "a"}]},
                                       "comparator": "=", "logic": "b"}]},
               "options": {}})
    );
}

#[test]
fn describe_table_of_missing_table_rejects_as_sequelize() {
    let mut h = Harness::new();
    h.answer("qi_describe_table", |_| Ok(json!({})));
    let (_, r) = h.run(
        "module.exports = { up: (qi) => qi.describeTable('nope', 'audit') };",
        "up",
    );
    assert_eq!(
        r.unwrap_err().message,
        "Error: No description found for \"nope\" table. Check the table name and schema; remember, they _are_ case sensitive."
    );
}

#[test]
fn unknown_query_interface_methods_stay_unknown() {
    let mut h = Harness::new();
    let (ops, r) = h.run("module.exports = { up: (qi) => qi.foo() };", "up");
    assert!(ops.is_empty());
    // Node words it "qi.foo is not a function"; the wording is Boa's (the host's concern),
    // the point here is that the shim does not invent the method.
    let message = r.unwrap_err().message;
    assert!(message.starts_with("TypeError: "), "{message}");
    let (_, r) = h.run(
        "module.exports = { up: (qi) => qi.assertTableHasColumn('f') };",
        "up",
    );
    assert_eq!(
        r.unwrap_err().message,
        "Error: queryInterface.assertTableHasColumn is not supported by seqmig"
    );
}

#[test]
fn schemas_enums_and_introspection_ops() {
    let mut h = Harness::new();
    h.answer("qi_get_foreign_keys", |args| {
        Ok(if args["table"]["tableName"] == "posts" {
            json!([{"constraintName": "posts_userId_fkey"}])
        } else {
            json!([])
        })
    });
    let ops = h.up(
        r#"await queryInterface.createSchema('reporting');
           await queryInterface.dropSchema('reporting');
           await queryInterface.showAllSchemas();
           await queryInterface.dropEnum('enum_users_status');
           await queryInterface.dropAllEnums();
           await queryInterface.pgListEnums('users');
           await queryInterface.showAllTables();
           await queryInterface.tableExists('users');
           await queryInterface.showIndex('users');
           await queryInterface.showConstraint('users', 'pk');
           await queryInterface.dropAllTables({ skip: ['SequelizeMeta'] });
           const fks = await queryInterface.getForeignKeysForTables(['posts', 'users']);
           if (JSON.stringify(fks) !== '{"posts":["posts_userId_fkey"],"users":[]}') throw new Error(JSON.stringify(fks));"#,
    );
    let got: Vec<(String, Value)> = ops;
    assert_eq!(
        got,
        vec![
            (
                "qi_create_schema".to_string(),
                json!({"schema": "reporting"})
            ),
            ("qi_drop_schema".to_string(), json!({"schema": "reporting"})),
            ("qi_show_all_schemas".to_string(), json!({})),
            (
                "qi_drop_enum".to_string(),
                json!({"name": "enum_users_status"})
            ),
            ("qi_drop_all_enums".to_string(), json!({})),
            (
                "qi_pg_list_enums".to_string(),
                json!({"table": table("users")})
            ),
            ("qi_show_all_tables".to_string(), json!({})),
            (
                "qi_table_exists".to_string(),
                json!({"table": table("users")})
            ),
            (
                "qi_show_index".to_string(),
                json!({"table": table("users")})
            ),
            (
                "qi_show_constraint".to_string(),
                json!({"table": table("users"), "name": "pk"})
            ),
            (
                "qi_drop_all_tables".to_string(),
                json!({"options": {"skip": ["SequelizeMeta"]}})
            ),
            (
                "qi_get_foreign_keys".to_string(),
                json!({"table": table("posts")})
            ),
            (
                "qi_get_foreign_keys".to_string(),
                json!({"table": table("users")})
            ),
        ]
    );
}

#[test]
fn raw_select_picks_the_attribute_of_the_first_row() {
    let mut h = Harness::new();
    h.answer("qi_select", |_| {
        Ok(json!({"stock": "12", "at": {"$seqmig": "date", "ms": 0}}))
    });
    let ops = h.up(
        r#"const stock = await queryInterface.rawSelect('products', { where: { sku: 'A-1' } }, 'stock');
           if (stock !== '12') throw new Error('stock ' + stock);
           const n = await queryInterface.rawSelect('products', { where: { sku: 'A-1' }, dataType: Sequelize.INTEGER }, 'stock');
           if (n !== 12) throw new Error('n ' + n);
           const at = await queryInterface.rawSelect('products', { attributes: ['at'], order: [['id', 'DESC']], limit: 1 }, 'at');
           if (!(at instanceof Date)) throw new Error('at ' + at);
           let message = '';
           try { await queryInterface.rawSelect('products', {}); } catch (e) { message = e.message; }
           if (message !== 'Please pass an attribute selector!') throw new Error(message);"#,
    );
    assert_eq!(ops.len(), 3, "{ops:?}");
    assert_eq!(
        ops[0].1,
        json!({"table": table("products"), "options": {"where": {"sku": "A-1"}}, "plain": true})
    );
    assert_eq!(
        ops[2].1,
        json!({"table": table("products"), "options": {"attributes": ["at"], "order": [["id", "DESC"]], "limit": 1}, "plain": true})
    );
}

#[test]
fn sql_helper_values_are_tagged() {
    let mut h = Harness::new();
    let args = h.one(
        r#"const S = Sequelize;
           await queryInterface.bulkUpdate('t', {
               a: S.cast(S.col('b'), 'text'),
               c: S.fn('COALESCE', S.col('d'), 0, S.literal('NULL')),
               e: S.json('meta.x', 1),
               f: S.col('t', 'g'),
               g: new S.Utils.Col(['t', 'g']),
               n: NaN,
           }, S.where(S.fn('lower', S.col('name')), S.Op.like, 'a%'));"#,
        "qi_bulk_update",
    );
    assert_eq!(
        args["values"],
        json!({
            "a": {"$seqmig": "cast", "val": {"$seqmig": "col", "col": "b"}, "type": "text"},
            "c": {"$seqmig": "fn", "fn": "COALESCE", "args": [{"$seqmig": "col", "col": "d"}, 0, {"$seqmig": "literal", "val": "NULL"}]},
            "e": {"$seqmig": "json", "path": "meta.x", "value": 1},
            // Sequelize.col takes one argument; a Col holding an array is a dotted path.
            "f": {"$seqmig": "col", "col": "t"},
            "g": {"$seqmig": "col", "col": "t.g"},
            "n": "NaN"
        })
    );
    assert_eq!(
        args["where"],
        json!({"$seqmig": "where", "attribute": {"$seqmig": "fn", "fn": "lower", "args": [{"$seqmig": "col", "col": "name"}]},
               "comparator": "__op:like", "logic": "a%"})
    );
}

#[test]
fn insert_increment_version_functions_and_triggers() {
    let mut h = Harness::new();
    h.answer("qi_database_version", |_| Ok(json!("15.4")));
    let ops = h.up(
        r#"await queryInterface.insert(null, 'groups', { label: 'web', at: new Date(0) });
           await queryInterface.increment(null, 'counters', { name: 'home' }, { hits: 5 }, { touched: true }, {});
           await queryInterface.decrement(null, 'counters', { name: 'orphan' }, { misses: 2 }, {}, {});
           const v = await queryInterface.sequelize.databaseVersion();
           if (v !== '15.4') throw new Error('version ' + v);
           await queryInterface.createFunction('f', [{ type: 'integer', name: 'a' }], 'trigger', 'plpgsql', 'RETURN NEW;', [], { force: true });
           await queryInterface.createTrigger('devices', 'trg', 'before', ['insert', 'update'], 'f', [], ['FOR EACH ROW']);
           await queryInterface.renameFunction('f', [], 'g');
           await queryInterface.renameTrigger('devices', 'trg', 'trg2');
           await queryInterface.dropTrigger('devices', 'trg2');
           await queryInterface.dropFunction('g', []);"#,
    );
    assert_eq!(
        ops,
        vec![
            (
                "qi_insert".to_string(),
                json!({"table": table("groups"), "values": {"label": "web", "at": {"$seqmig": "date", "ms": 0}}, "options": {}})
            ),
            (
                "qi_increment".to_string(),
                json!({"table": table("counters"), "operator": "+", "where": {"name": "home"},
                                                "amounts": {"hits": 5}, "extra": {"touched": true}, "options": {}})
            ),
            (
                "qi_increment".to_string(),
                json!({"table": table("counters"), "operator": "-", "where": {"name": "orphan"},
                                                "amounts": {"misses": 2}, "extra": {}, "options": {}})
            ),
            ("qi_database_version".to_string(), json!({})),
            (
                "qi_create_function".to_string(),
                json!({"name": "f", "params": [{"type": "integer", "name": "a"}], "returnType": "trigger",
                                                      "language": "plpgsql", "body": "RETURN NEW;", "optionsArray": [],
                                                      "options": {"force": true}})
            ),
            (
                "qi_create_trigger".to_string(),
                json!({"table": table("devices"), "name": "trg", "timing": "before",
                                                     "events": ["insert", "update"], "functionName": "f", "functionParams": [],
                                                     "optionsArray": ["FOR EACH ROW"]})
            ),
            (
                "qi_rename_function".to_string(),
                json!({"before": "f", "params": [], "after": "g"})
            ),
            (
                "qi_rename_trigger".to_string(),
                json!({"table": table("devices"), "before": "trg", "after": "trg2"})
            ),
            (
                "qi_drop_trigger".to_string(),
                json!({"table": table("devices"), "name": "trg2"})
            ),
            (
                "qi_drop_function".to_string(),
                json!({"name": "g", "params": []})
            ),
        ]
    );
}

#[test]
fn enum_methods_exist_on_postgres_only_as_in_sequelize() {
    let mut pg = Harness::new();
    assert_eq!(
        pg.eval("['dropEnum', 'dropAllEnums', 'pgListEnums'].map((m) => typeof globalThis.__seqmig.getSequelize().getQueryInterface()[m])"),
        json!(["function", "function", "function"])
    );
    let mut lite = Harness::with_dialect("sqlite");
    assert_eq!(
        lite.eval("['dropEnum', 'dropAllEnums', 'pgListEnums'].map((m) => typeof globalThis.__seqmig.getSequelize().getQueryInterface()[m])"),
        json!(["undefined", "undefined", "undefined"])
    );
}

/// A bare DataType class's JSON is computed once per run and handed out as a copy
/// (10_datatypes.js): repeated and mixed uses stay independent, and an ENUM, whose
/// JSON carries its values, is never shared between columns.
#[test]
fn bare_datatype_classes_give_independent_json_every_time() {
    let mut h = Harness::new();
    let ops = h.up(
        r#"await queryInterface.createTable('a', {
            n: Sequelize.INTEGER, s: { type: Sequelize.STRING }, e: { type: Sequelize.ENUM, values: ['x', 'y'] },
        });
        await queryInterface.createTable('b', {
            n: { type: Sequelize.INTEGER, allowNull: false }, s: Sequelize.STRING(20), t: Sequelize.STRING,
            e: { type: Sequelize.ENUM, values: ['z'] }, u: Sequelize.INTEGER.UNSIGNED, m: Sequelize.INTEGER,
        });"#,
    );
    let attrs: Vec<&Value> = ops
        .iter()
        .filter(|(name, _)| name == "qi_create_table")
        .map(|(_, args)| &args["attributes"])
        .collect();
    assert_eq!(
        attrs,
        [
            &json!({
                "n": {"type": {"key": "INTEGER"}},
                "s": {"type": {"key": "STRING", "length": 255}},
                "e": {"type": {"key": "ENUM", "values": ["x", "y"]}, "values": ["x", "y"]},
            }),
            &json!({
                "n": {"type": {"key": "INTEGER"}, "allowNull": false},
                "s": {"type": {"key": "STRING", "length": 20}},
                "t": {"type": {"key": "STRING", "length": 255}},
                "e": {"type": {"key": "ENUM", "values": ["z"]}, "values": ["z"]},
                "u": {"type": {"key": "INTEGER", "unsigned": true}},
                "m": {"type": {"key": "INTEGER"}},
            }),
        ]
    );
}
