//! The JS shims (`js-shims/`) as migrations see them: each test runs a small migration
//! through `seqmig_js::Runtime` against a recording `Host` (it records each op and
//! answers canned JSON; no database) and checks the op requests of CONTRACTS.md §3.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use seqmig_js::{Host, JsError, OpError, Runtime, RuntimeOptions};
use serde_json::{json, Value};

type Answer = Box<dyn FnMut(&Value) -> Result<Value, OpError>>;

#[derive(Default)]
struct Recorder {
    ops: Vec<(String, Value)>,
    answers: HashMap<String, Answer>,
}

#[derive(Clone, Default)]
struct RecordingHost(Rc<RefCell<Recorder>>);

impl Host for RecordingHost {
    fn op(&mut self, name: &str, args: Value) -> Result<Value, OpError> {
        let mut rec = self.0.borrow_mut();
        rec.ops.push((name.to_string(), args.clone()));
        match rec.answers.get_mut(name) {
            Some(answer) => answer(&args),
            None => Ok(Value::Null),
        }
    }
}

struct Harness {
    rt: Runtime,
    host: RecordingHost,
    dir: tempfile::TempDir,
    count: usize,
}

fn context(dialect: &str) -> Value {
    json!({
        "dialect": dialect,
        "config": {"database": "app", "username": "me", "password": "pw", "host": "db.local", "port": 5432, "dialect": dialect},
        "options": {},
        "env": "test"
    })
}

impl Harness {
    fn new() -> Harness {
        Harness::with_dialect("postgres")
    }

    fn with_dialect(dialect: &str) -> Harness {
        let dir = tempfile::tempdir().unwrap();
        let host = RecordingHost::default();
        let opts = RuntimeOptions {
            cwd: dir.path().to_path_buf(),
            argv: vec!["seqmig".into()],
            context: context(dialect),
        };
        let rt = Runtime::new(opts, Box::new(host.clone())).expect("runtime with shims");
        Harness {
            rt,
            host,
            dir,
            count: 0,
        }
    }

    fn answer(&self, op: &str, f: impl FnMut(&Value) -> Result<Value, OpError> + 'static) {
        self.host
            .0
            .borrow_mut()
            .answers
            .insert(op.to_string(), Box::new(f));
    }

    fn write(&mut self, source: &str) -> PathBuf {
        self.count += 1;
        let path = self
            .dir
            .path()
            .join(format!("2024010500000{}-test.js", self.count));
        std::fs::write(&path, source).unwrap();
        path
    }

    /// Runs `method` of a migration file with `source`; returns the ops it made.
    fn run(&mut self, source: &str, method: &str) -> (Vec<(String, Value)>, Result<(), JsError>) {
        let path = self.write(source);
        self.host.0.borrow_mut().ops.clear();
        let result = self
            .rt
            .require(&path)
            .and_then(|m| self.rt.run_migration(&m, method, &path));
        let ops = std::mem::take(&mut self.host.0.borrow_mut().ops);
        (ops, result)
    }

    /// `up` of a migration whose body is `body`, which must succeed.
    fn up(&mut self, body: &str) -> Vec<(String, Value)> {
        let source =
            format!("module.exports = {{ async up(queryInterface, Sequelize) {{\n{body}\n}} }};\n");
        let (ops, result) = self.run(&source, "up");
        if let Err(e) = result {
            panic!(
                "migration failed: {} {:?}\nops: {ops:?}",
                e.message, e.stack
            );
        }
        ops
    }

    /// The args of the only op of `body`, which must be `name`.
    fn one(&mut self, body: &str, name: &str) -> Value {
        let ops = self.up(body);
        assert_eq!(ops.len(), 1, "expected one op, got {ops:?}");
        assert_eq!(ops[0].0, name);
        ops[0].1.clone()
    }

    fn eval(&mut self, code: &str) -> Value {
        match self.rt.eval_script(code, "test.js") {
            Ok(v) => v,
            Err(e) => panic!("eval failed: {} {:?}", e.message, e.stack),
        }
    }
}

fn table(name: &str) -> Value {
    json!({"tableName": name, "schema": null, "delimiter": "."})
}

fn file_name(p: &Path) -> String {
    p.file_name().unwrap().to_string_lossy().into_owned()
}

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
        ], {}, { j: { type: Sequelize.JSON } });"#,
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
            "attributes": {"j": {"type": {"key": "JSON"}}}
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
fn raw_queries() {
    let mut h = Harness::new();
    h.answer("query", |_| Ok(json!([[{"n": 1}], {}])));
    let ops = h.up(
        r#"const seq = queryInterface.sequelize;
           const [rows] = await seq.query('SELECT * FROM x WHERE a = ? AND b = ?', { replacements: [1, new Date(0)] });
           if (rows[0].n !== 1) throw new Error('bad result');
           await seq.query('SELECT :a', { replacements: { a: ['x', 'y'] }, type: Sequelize.QueryTypes.SELECT });
           await seq.query({ query: 'SELECT ?', values: [3] }, { plain: true, logging: false });
           await seq.query(Sequelize.literal('SELECT 1'), { type: 'SELECT' });
           await seq.query('UPDATE t SET a = $1', { bind: [true] });"#,
    );
    assert_eq!(
        ops[0].1,
        json!({"sql": "SELECT * FROM x WHERE a = ? AND b = ?",
               "options": {"type": "RAW", "raw": true, "replacements": [1, {"$seqmig": "date", "ms": 0}]}})
    );
    assert_eq!(
        ops[1].1["options"],
        json!({"type": "SELECT", "raw": true, "replacements": {"a": ["x", "y"]}})
    );
    assert_eq!(
        ops[2].1,
        json!({"sql": "SELECT ?", "options": {"type": "SELECT", "raw": true, "plain": true, "replacements": [3]}, "logging": false})
    );
    assert_eq!(
        ops[3].1,
        json!({"sql": "SELECT 1", "options": {"type": "SELECT", "raw": true}})
    );
    assert_eq!(
        ops[4].1["options"],
        json!({"type": "RAW", "raw": true, "bind": [true]})
    );
}

#[test]
fn replacements_and_bind_together_reject() {
    let mut h = Harness::new();
    let (ops, r) = h.run(
        "module.exports = { up: (qi) => qi.sequelize.query('x', { replacements: [1], bind: [2] }) };",
        "up",
    );
    assert!(ops.is_empty());
    assert_eq!(
        r.unwrap_err().message,
        "Error: Both `replacements` and `bind` cannot be set at the same time"
    );
}

#[test]
fn results_revive_dates_and_buffers() {
    let mut h = Harness::new();
    h.answer("query", |_| {
        Ok(json!([[{"at": {"$seqmig": "date", "ms": 1704445200000i64}, "b": {"$seqmig": "buffer", "base64": "aGk="}}], {}]))
    });
    h.answer("qi_describe_table", |_| {
        Ok(json!({"id": {"type": "INTEGER", "allowNull": false}}))
    });
    h.up(
        r#"const [[row]] = await queryInterface.sequelize.query('SELECT 1');
           if (!(row.at instanceof Date) || row.at.toISOString() !== '2024-01-05T09:00:00.000Z') throw new Error('date: ' + row.at);
           if (row.b.length !== 2 || row.b[0] !== 104 || row.b[1] !== 105) throw new Error('buffer: ' + row.b);
           const d = await queryInterface.describeTable('users');
           if (d.id.type !== 'INTEGER') throw new Error('describe');"#,
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
fn managed_transaction_commits_and_nests_as_savepoint() {
    let mut h = Harness::new();
    let next = Rc::new(RefCell::new(0u64));
    h.answer("tx_begin", move |_| {
        *next.borrow_mut() += 1;
        Ok(json!({"id": *next.borrow()}))
    });
    let ops = h.up(
        r#"const result = await queryInterface.sequelize.transaction(async (t) => {
               await queryInterface.createTable('t', { id: Sequelize.INTEGER }, { transaction: t });
               await queryInterface.sequelize.transaction({ transaction: t }, async (sp) => {
                   await queryInterface.dropTable('t', { transaction: sp });
               });
               return 42;
           });
           if (result !== 42) throw new Error('result ' + result);"#,
    );
    let summary: Vec<(String, Value)> = ops
        .iter()
        .map(|(n, a)| {
            (
                n.clone(),
                a.get("transaction")
                    .cloned()
                    .or_else(|| a.get("id").cloned())
                    .unwrap_or(a["options"].clone()),
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            ("tx_begin".into(), json!({"type": "DEFERRED"})),
            ("qi_create_table".into(), json!(1)),
            ("tx_begin".into(), json!({"type": "DEFERRED", "parent": 1})),
            ("qi_drop_table".into(), json!(2)),
            ("tx_commit".into(), json!(2)),
            ("tx_commit".into(), json!(1)),
        ]
    );
}

#[test]
fn managed_transaction_rolls_back_on_rejection() {
    let mut h = Harness::new();
    h.answer("tx_begin", |_| Ok(json!({"id": 7})));
    let (ops, r) = h.run(
        r#"module.exports = { up: (qi) => qi.sequelize.transaction({ isolationLevel: 'SERIALIZABLE' }, async () => {
               throw new Error('boom');
           }) };"#,
        "up",
    );
    assert_eq!(r.unwrap_err().message, "Error: boom");
    assert_eq!(
        ops,
        vec![
            (
                "tx_begin".to_string(),
                json!({"options": {"isolationLevel": "SERIALIZABLE", "type": "DEFERRED"}})
            ),
            ("tx_rollback".to_string(), json!({"id": 7})),
        ]
    );
}

#[test]
fn unmanaged_transaction_and_finished_state() {
    let mut h = Harness::new();
    h.answer("tx_begin", |_| Ok(json!({"id": 3})));
    let ops = h.up(
        r#"const t = await queryInterface.sequelize.transaction();
           let hooked = false;
           t.afterCommit(() => { hooked = true; });
           await queryInterface.bulkDelete('x', {}, { transaction: t });
           await t.commit();
           if (!hooked) throw new Error('afterCommit not run');
           let message = '';
           try { await queryInterface.dropTable('x', { transaction: t }); } catch (e) { message = e.message; }
           if (!message.startsWith('commit has been called on this transaction(3)')) throw new Error(message);
           try { await t.rollback(); } catch (e) { message = e.message; }
           if (message !== 'Transaction cannot be rolled back because it has been finished with state: commit') throw new Error(message);"#,
    );
    let names: Vec<&str> = ops.iter().map(|o| o.0.as_str()).collect();
    assert_eq!(names, ["tx_begin", "qi_bulk_delete", "tx_commit"]);
    assert_eq!(ops[1].1["transaction"], json!(3));
}

#[test]
fn op_errors_become_sequelize_error_classes() {
    let mut h = Harness::new();
    h.answer("qi_drop_table", |_| {
        let mut e = OpError::new("SequelizeDatabaseError", "relation \"x\" does not exist");
        e.props.insert("sql".into(), json!("DROP TABLE \"x\";"));
        e.props.insert("original".into(), json!({"message": "relation \"x\" does not exist", "code": "42P01", "severity": "ERROR"}));
        Err(e)
    });
    h.answer("qi_bulk_insert", |_| {
        let mut e = OpError::new("SequelizeUniqueConstraintError", "Validation error");
        e.props.insert("original".into(), json!({"message": "SQLITE_CONSTRAINT: UNIQUE constraint failed: users.email", "code": "SQLITE_CONSTRAINT", "errno": 19}));
        e.props.insert("sql".into(), json!("INSERT ..."));
        e.props.insert("fields".into(), json!(["email"]));
        e.props.insert("errors".into(), json!([{"message": "email must be unique", "type": "unique violation", "path": "email", "value": "a"}]));
        Err(e)
    });
    h.answer("qi_add_column", |_| {
        let mut e = OpError::new(
            "SequelizeForeignKeyConstraintError",
            "insert or update on table violates foreign key constraint",
        );
        e.props.insert(
            "original".into(),
            json!({"message": "fk", "code": "23503", "detail": "Key (a)=(1) is not present."}),
        );
        e.props.insert("table".into(), json!("posts"));
        Err(e)
    });
    h.answer("qi_remove_column", |_| {
        Err(OpError::new("TypeError", "bad column"))
    });
    let source = r#"module.exports = { async up(queryInterface, Sequelize) {
        const seen = [];
        try { await queryInterface.dropTable('x'); } catch (e) {
            seen.push(e instanceof Sequelize.DatabaseError, e instanceof Sequelize.BaseError, e instanceof Error,
                      e.name, e.message, e.original.code, e.parent === e.original, e.sql, e.original.sql,
                      JSON.stringify(e.parameters), e.original instanceof Error);
        }
        try { await queryInterface.bulkInsert('users', [{ email: 'a' }]); } catch (e) {
            seen.push(e instanceof Sequelize.UniqueConstraintError, e instanceof Sequelize.ValidationError,
                      e.name, e.message, e.original.errno, e.errors[0] instanceof Sequelize.ValidationErrorItem,
                      e.errors[0].origin, e.errors[0].path, e.fields[0], e.sql);
        }
        try { await queryInterface.addColumn('posts', 'a', Sequelize.INTEGER); } catch (e) {
            seen.push(e instanceof Sequelize.ForeignKeyConstraintError, e instanceof Sequelize.DatabaseError,
                      e.name, e.message, e.table, e.original.detail);
        }
        try { await queryInterface.removeColumn('posts', 'a'); } catch (e) {
            seen.push(e instanceof TypeError, e.message);
        }
        globalThis.__seen = seen;
    } };"#;
    let (_, r) = h.run(source, "up");
    r.unwrap();
    let seen = h.eval("JSON.stringify(globalThis.__seen)");
    let seen: Value = serde_json::from_str(seen.as_str().unwrap()).unwrap();
    assert_eq!(
        seen,
        json!([
            true,
            true,
            true,
            "SequelizeDatabaseError",
            "relation \"x\" does not exist",
            "42P01",
            true,
            "DROP TABLE \"x\";",
            "DROP TABLE \"x\";",
            "{}",
            true,
            true,
            true,
            "SequelizeUniqueConstraintError",
            "Validation error",
            19,
            true,
            "DB",
            "email",
            "email",
            "INSERT ...",
            true,
            true,
            "SequelizeForeignKeyConstraintError",
            "insert or update on table violates foreign key constraint",
            "posts",
            "Key (a)=(1) is not present.",
            true,
            "bad column"
        ])
    );
}

#[test]
fn an_uncaught_op_error_fails_the_migration_with_its_message() {
    let mut h = Harness::new();
    h.answer("qi_create_table", |_| {
        Err(OpError::new(
            "SequelizeDatabaseError",
            "SQLITE_ERROR: table `users` already exists",
        ))
    });
    let (_, r) = h.run(
        "module.exports = { up: (qi, S) => qi.createTable('users', { id: S.INTEGER }) };",
        "up",
    );
    let err = r.unwrap_err();
    assert!(
        err.message
            .contains("SQLITE_ERROR: table `users` already exists"),
        "{}",
        err.message
    );
}

#[test]
fn run_migration_messages_follow_umzug() {
    let mut h = Harness::new();
    let path = h.write("module.exports = { up() { return 1; } };");
    let m = h.rt.require(&path).unwrap();
    let err = h.rt.run_migration(&m, "up", &path).unwrap_err();
    assert_eq!(
        err.message,
        format!(
            "Error: Migration {} (or wrapper) didn't return a promise",
            file_name(&path)
        )
    );
    let err = h.rt.run_migration(&m, "down", &path).unwrap_err();
    assert_eq!(err.message, "Error: Could not find migration method: down");
}

#[test]
fn run_migration_accepts_exports_default_and_passes_this_and_args() {
    let mut h = Harness::new();
    let (ops, r) = h.run(
        r#"exports.default = { up(qi, S) {
               if (S !== require('sequelize')) throw new Error('not the class');
               if (qi.sequelize.getDialect() !== 'postgres') throw new Error('dialect');
               return qi.dropTable('d');
           } };"#,
        "up",
    );
    r.unwrap();
    assert_eq!(ops[0].0, "qi_drop_table");
    let (_, r) = h.run(
        r#"module.exports = { up(qi) { if (this !== module.exports) throw new Error('this'); return Promise.resolve(); } };"#,
        "up",
    );
    r.unwrap();
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
        "module.exports = { up: (qi) => qi.createDatabase('f') };",
        "up",
    );
    assert_eq!(
        r.unwrap_err().message,
        "Error: queryInterface.createDatabase is not supported by seqmig"
    );
}

#[test]
fn sequelize_class_surface() {
    let mut h = Harness::new();
    let v = h.eval(
        r#"(() => {
            const S = globalThis.__seqmig.Sequelize;
            const { DataTypes, Op, QueryTypes, Transaction, Model, ValidationError, UniqueConstraintError, DatabaseError } = S;
            const inst = globalThis.__seqmig.getSequelize();
            return {
                same: S.Sequelize === S && S.default === S && DataTypes.STRING === S.STRING,
                keys: [S.INTEGER.key, S.STRING.key, S.DOUBLE.key, S.JSON.key, S.NUMERIC.key, S.ENUM('a').key],
                sql: [String(S.INTEGER), S.STRING(100).toSql(), S.STRING.BINARY.toSql(), S.INTEGER.UNSIGNED.ZEROFILL.toSql(),
                      S.DECIMAL(10, 2).toSql(), S.TEXT('long').toSql(), S.ARRAY(S.INTEGER).toSql(), S.CHAR(2).toString()],
                inst: [new S.STRING(5) instanceof S.STRING, S.INTEGER.UNSIGNED instanceof S.NUMBER, S.BIGINT(20) instanceof S.INTEGER],
                op: [typeof Op.in, Op.in === Symbol.for('in'), QueryTypes.SELECT, Transaction.ISOLATION_LEVELS.SERIALIZABLE,
                     Transaction.TYPES.IMMEDIATE],
                errors: [typeof ValidationError, UniqueConstraintError.prototype instanceof ValidationError,
                         typeof DatabaseError, S.Error === S.BaseError],
                helpers: [typeof S.fn, typeof S.col, typeof S.literal, typeof S.where, typeof S.and, typeof S.or,
                          typeof S.cast, typeof S.json, typeof inst.literal, typeof inst.fn],
                version: S.version,
                config: inst.config.database + ' ' + inst.config.username + ' ' + inst.config.host + ' ' + inst.config.port,
                dialect: [inst.getDialect(), inst.options.dialect, inst.getQueryInterface() === inst.queryInterface,
                          inst.queryInterface.sequelize === inst],
                models: Object.keys(inst.models).length,
                enumerable: Object.keys(globalThis).includes('__seqmig'),
                modelError: (() => { try { Model.init({}, {}); } catch (e) { return e.message; } })(),
                defineError: (() => { try { inst.define('x', {}); } catch (e) { return e.message; } })(),
            };
        })()"#,
    );
    assert_eq!(
        v,
        json!({
            "same": true,
            "keys": ["INTEGER", "STRING", "DOUBLE PRECISION", "JSON", "DECIMAL", "ENUM"],
            "sql": ["INTEGER", "VARCHAR(100)", "VARCHAR(255) BINARY", "INTEGER UNSIGNED ZEROFILL", "DECIMAL(10,2)",
                    "LONGTEXT", "INTEGER[]", "CHAR(2)"],
            "inst": [true, true, true],
            "op": ["symbol", true, "SELECT", "SERIALIZABLE", "IMMEDIATE"],
            "errors": ["function", true, "function", true],
            "helpers": ["function", "function", "function", "function", "function", "function", "function", "function",
                        "function", "function"],
            "version": "6.37.8",
            "config": "app me db.local 5432",
            "dialect": ["postgres", "postgres", true, true],
            "models": 0,
            "enumerable": false,
            "modelError": "seqmig does not support models yet",
            "defineError": "seqmig does not support models yet"
        })
    );
}

#[test]
fn context_change_rebuilds_the_instance() {
    let mut h = Harness::with_dialect("sqlite");
    assert_eq!(
        h.eval("globalThis.__seqmig.getSequelize().getDialect()"),
        json!("sqlite")
    );
    h.rt.set_context(context("postgres"));
    assert_eq!(
        h.eval("globalThis.__seqmig.getSequelize().getDialect()"),
        json!("postgres")
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
fn quoting_and_escape_are_ops() {
    let mut h = Harness::new();
    h.answer("quote_identifier", |a| {
        Ok(json!(format!("\"{}\"", a["identifier"].as_str().unwrap())))
    });
    h.answer("quote_table", |a| {
        Ok(json!(format!(
            "\"{}\"",
            a["table"]["tableName"].as_str().unwrap()
        )))
    });
    h.answer("escape", |a| {
        Ok(json!(format!("'{}'", a["value"].as_str().unwrap())))
    });
    let v = h.eval(
        r#"(() => {
            const qi = globalThis.__seqmig.getSequelize().getQueryInterface();
            return [qi.quoteIdentifier('a'), qi.quoteTable('t'), qi.escape('v'), qi.sequelize.escape('w'),
                    qi.quoteIdentifiers('s.t'), qi.queryGenerator.quoteIdentifier('b'), qi.quoteIdentifiers('a.b.c')];
        })()"#,
    );
    assert_eq!(
        v,
        json!([
            "\"a\"",
            "\"t\"",
            "'v'",
            "'w'",
            "\"s\".\"t\"",
            "\"b\"",
            "\"a->b\".\"c\""
        ])
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
fn model_bound_methods_say_models_are_unsupported() {
    let mut h = Harness::new();
    for call in [
        "qi.upsert('t', {a: 1}, {a: 1}, {}, {})",
        "qi.update({}, 't', {}, {}, {})",
        "qi.insert({ x: 1 }, 't', {})",
        "qi.sequelize.query('SELECT 1', { model: class {} })",
    ] {
        let (ops, r) = h.run(&format!("module.exports = {{ up: (qi) => {call} }};"), "up");
        assert!(ops.is_empty(), "{call}: {ops:?}");
        assert_eq!(
            r.unwrap_err().message,
            "Error: seqmig does not support models yet",
            "{call}"
        );
    }
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
