//! The rest of what the shims offer migrations: `sequelize.query`, transactions, the
//! error classes built from op failures, `runMigration`'s umzug behaviour and the
//! `Sequelize` class surface. Same recording host as `shims.rs`.

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use seqmig_js::OpError;
use serde_json::{json, Value};

#[path = "fixtures/shims/harness.rs"]
mod harness;
use harness::*;

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
fn results_revive_dates_buffers_and_undefined() {
    let mut h = Harness::new();
    h.answer("query", |_| {
        Ok(json!([[{"at": {"$seqmig": "date", "ms": 1704445200000i64}, "b": {"$seqmig": "buffer", "base64": "aGk="}}], {}]))
    });
    h.answer("qi_describe_table", |_| {
        Ok(json!({"id": {"type": "INTEGER", "allowNull": false, "defaultValue": {"$seqmig": "undefined"}}}))
    });
    h.up(
        r#"const [[row]] = await queryInterface.sequelize.query('SELECT 1');
           if (!(row.at instanceof Date) || row.at.toISOString() !== '2024-01-05T09:00:00.000Z') throw new Error('date: ' + row.at);
           if (row.b.length !== 2 || row.b[0] !== 104 || row.b[1] !== 105) throw new Error('buffer: ' + row.b);
           const d = await queryInterface.describeTable('users');
           if (d.id.type !== 'INTEGER') throw new Error('describe');
           if (!('defaultValue' in d.id) || d.id.defaultValue !== undefined) throw new Error('undefined: ' + d.id.defaultValue);"#,
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
    // The transaction's id as Sequelize draws it, a v4 uuid, for the log lines.
    let mut ops = ops;
    let label = ops[0].1.as_object_mut().and_then(|o| o.remove("label"));
    assert!(
        label
            .as_ref()
            .and_then(Value::as_str)
            .is_some_and(|l| l.len() == 36 && l.as_bytes()[14] == b'4'),
        "{label:?}"
    );
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
        // seqmig-core sends `parent` and `original` as two equal objects; JS has one.
        let original = json!({"message": "relation \"x\" does not exist", "code": "42P01", "severity": "ERROR"});
        e.props.insert("original".into(), original.clone());
        e.props.insert("parent".into(), original);
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
                defined: (() => { const m = inst.define('x', {}); return `${m.name} ${m.tableName} ${inst.isDefined('x')}`; })(),
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
            "modelError": "No Sequelize instance passed",
            "defined": "x xes true"
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
fn model_bound_methods_without_a_model_fail_as_in_sequelize() {
    let mut h = Harness::new();
    // upsert takes its keys from options.model, and without one fails as Sequelize does.
    let (ops, r) = h.run(
        "module.exports = { up: (qi) => qi.upsert('t', {a: 1}, {a: 1}, {}, {}) };",
        "up",
    );
    assert!(ops.is_empty(), "{ops:?}");
    assert_eq!(
        r.unwrap_err().message,
        "TypeError: Cannot read properties of undefined (reading 'primaryKeys')"
    );
    // insert reads the instance's model options first, as Sequelize does.
    let (ops, r) = h.run(
        "module.exports = { up: (qi) => qi.insert({ x: 1 }, 't', {}) };",
        "up",
    );
    assert!(ops.is_empty(), "{ops:?}");
    assert_eq!(
        r.unwrap_err().message,
        "TypeError: Cannot read properties of undefined (reading 'hasTrigger')"
    );
}

/// Answers shaped like the real ops' results, so that example migrations run on.
fn plausible_answer(name: &str, args: &Value, next_tx: &mut u64) -> Value {
    match name {
        "query" => match args["options"]["type"].as_str() {
            Some("SELECT") if args["options"]["plain"] == json!(true) => Value::Null,
            Some("SELECT") => json!([]),
            _ => json!([[], {}]),
        },
        "qi_describe_table" => {
            json!({"id": {"type": "INTEGER", "allowNull": false, "defaultValue": null, "primaryKey": true}})
        }
        "qi_select" if args["plain"] == json!(true) => Value::Null,
        "qi_show_all_tables"
        | "qi_show_index"
        | "qi_get_foreign_keys"
        | "qi_select"
        | "qi_show_all_schemas"
        | "qi_show_constraint"
        | "qi_pg_list_enums" => json!([]),
        "qi_table_exists" => json!(false),
        "tx_begin" => {
            *next_tx += 1;
            json!({"id": *next_tx})
        }
        "qi_database_version" => json!("15.0"),
        // `new Sequelize(...)` naming the run's own database shares its connection.
        "connection_open" => json!({"id": 0}),
        "quote_identifier" | "quote_table" | "escape" => json!("\"x\""),
        _ => Value::Null,
    }
}

const KNOWN_OPS: &[&str] = &[
    "query",
    "qi_create_table",
    "qi_drop_table",
    "qi_drop_all_tables",
    "qi_rename_table",
    "qi_show_all_tables",
    "qi_table_exists",
    "qi_describe_table",
    "qi_add_column",
    "qi_remove_column",
    "qi_change_column",
    "qi_rename_column",
    "qi_add_index",
    "qi_remove_index",
    "qi_show_index",
    "qi_get_foreign_keys",
    "qi_add_constraint",
    "qi_remove_constraint",
    "qi_show_constraint",
    "qi_bulk_insert",
    "qi_bulk_update",
    "qi_bulk_delete",
    "qi_create_schema",
    "qi_drop_schema",
    "qi_show_all_schemas",
    "qi_drop_all_schemas",
    "qi_drop_enum",
    "qi_drop_all_enums",
    "qi_pg_list_enums",
    "qi_upsert",
    "qi_create_database",
    "qi_drop_database",
    "qi_ensure_enums",
    "connection_open",
    "connection_close",
    "qi_select",
    "qi_insert",
    "qi_increment",
    "qi_database_version",
    "qi_create_function",
    "qi_drop_function",
    "qi_rename_function",
    "qi_create_trigger",
    "qi_drop_trigger",
    "qi_rename_trigger",
    "tx_begin",
    "tx_commit",
    "tx_rollback",
    "quote_identifier",
    "quote_table",
    "escape",
];

/// Every example migration of the repository, up then down, on both dialects: the shims
/// must translate each call into a known op. Failures that come from the canned answers
/// (a row the migration expected) are fine; a shim that lacks a method or rejects an
/// argument spelling is not.
#[test]
fn example_migrations_translate_into_known_ops() {
    // The size of a main thread (8 MiB): Boa's debug-build frames overflow a test thread's 2 MiB.
    std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(run_example_migrations)
        .unwrap()
        .join()
        .unwrap();
}

fn run_example_migrations() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../migrations-examples");
    // The examples are part of the repository: without them this test checks nothing.
    let examples = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("cannot read the examples {}: {e}", root.display()));
    let mut examples: Vec<PathBuf> = examples
        .filter_map(|e| e.ok())
        .map(|e| e.path().join("migrations"))
        .collect();
    examples.sort();
    let mut runs = 0;
    for dialect in ["sqlite", "postgres"] {
        for dir in &examples {
            let Ok(files) = std::fs::read_dir(dir) else {
                continue;
            };
            let mut files: Vec<PathBuf> = files.filter_map(|e| e.ok()).map(|e| e.path()).collect();
            files.retain(|p| p.extension().is_some_and(|e| e == "js" || e == "cjs"));
            files.sort();
            let h = Harness::with_dialect(dialect);
            for name in KNOWN_OPS {
                let mut next_tx = 0;
                let op = name.to_string();
                h.answer(name, move |args| {
                    Ok(plausible_answer(&op, args, &mut next_tx))
                });
            }
            let mut h = h;
            for method in ["up", "down"] {
                for file in &files {
                    h.host.0.borrow_mut().ops.clear();
                    let result =
                        h.rt.require(file)
                            .and_then(|m| h.rt.run_migration(&m, method, file));
                    let ops = std::mem::take(&mut h.host.0.borrow_mut().ops);
                    runs += 1;
                    for (op, _) in &ops {
                        assert!(
                            KNOWN_OPS.contains(&op.as_str()),
                            "{}: {method} made unknown op {op}",
                            file.display()
                        );
                    }
                    if let Err(e) = result {
                        // Sequelize itself fails these on SQLite: enums, and the functions and
                        // triggers only its postgres query generator builds.
                        let pg_only = dialect == "sqlite"
                            && (e.message.contains("Enum")
                                || e.message.contains("this.queryGenerator."));
                        for bad in [
                            "not supported by seqmig",
                            "is not a function",
                            "not a callable",
                            "Invalid table name",
                            "Unrecognized datatype",
                            "Missing \"fields\"",
                            "$seqmig",
                        ] {
                            assert!(
                                pg_only || !e.message.contains(bad),
                                "{} {method} on {dialect}: {}",
                                file.display(),
                                e.message
                            );
                        }
                    }
                }
            }
        }
    }
    assert!(runs > 0, "no example migration under {}", root.display());
}
