//! Promise driving, timers, the op bridge and error reporting.

use std::time::Instant;

use serde_json::json;

use super::Fixture;
use crate::JsErrorKind;

#[test]
fn run_migration_drives_awaits_and_timers_and_sends_ops_as_json() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        f.define_run_migration();
        let p = f.write(
            "mig/20240101-a.js",
            r#"module.exports = {
      async up(queryInterface, Sequelize) {
        await new Promise((r) => setTimeout(r, 30));
        const back = await queryInterface.echo({ nested: { list: [1, 'two', null, { d: true }] }, skip: undefined, n: 1.5 });
        await new Promise((r) => setImmediate(r));
        const t = setInterval(() => { globalThis.__ticks = (globalThis.__ticks || 0) + 1; if (globalThis.__ticks === 3) clearInterval(t); }, 5);
        await new Promise((r) => setTimeout(r, 60));
        queryInterface.echo({ back, ticks: globalThis.__ticks });
      },
    };"#,
        );
        let m = f.rt.require(&p).unwrap();
        let start = Instant::now();
        f.rt.run_migration(&m, "up", &p).unwrap();
        assert!(start.elapsed().as_millis() >= 80, "timers really waited");
        let calls = f.host.calls.borrow();
        assert_eq!(calls.len(), 2);
        assert_eq!(
            calls[0],
            (
                "echo".to_string(),
                json!({"nested": {"list": [1, "two", null, {"d": true}]}, "n": 1.5})
            )
        );
        assert_eq!(calls[1].1["back"], calls[0].1);
        assert_eq!(calls[1].1["ticks"], json!(3));
    });
}

#[test]
fn a_promise_that_never_settles_is_reported_with_the_file() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        f.define_run_migration();
        let p = f.write("20240101-hang.js", "module.exports = { up: () => new Promise(() => { setTimeout(() => {}, 1).unref(); }) };");
        let m = f.rt.require(&p).unwrap();
        let err = f.rt.run_migration(&m, "up", &p).unwrap_err();
        assert_eq!(err.kind, JsErrorKind::NeverSettled);
        assert!(err.message.contains("20240101-hang.js"), "{}", err.message);
    });
}

#[test]
fn a_throw_reports_the_stack_and_the_user_line() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        f.define_run_migration();
        let p = f.write("20240101-throw.js", "module.exports = {\n  async up() {\n    await null;\n    throw new Error('boom');\n  },\n};\n");
        let m = f.rt.require(&p).unwrap();
        let err = f.rt.run_migration(&m, "up", &p).unwrap_err();
        assert_eq!(err.kind, JsErrorKind::Thrown);
        assert_eq!(err.message, "Error: boom");
        let stack = err.stack.clone().unwrap();
        assert!(stack.starts_with("Error: boom\n    at "), "{stack}");
        assert!(stack.contains(&format!("{}:4:", p.display())), "{stack}");
        let (file, line, _) = err.location.unwrap();
        assert_eq!((file, line), (p, 4));
    });
}

#[test]
fn calling_a_missing_method_reads_as_node_says_it() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        f.define_run_migration();
        let p = f.write("20240101-missing.js", "module.exports = { up: async (queryInterface) => { await queryInterface.foo('x'); } };");
        let m = f.rt.require(&p).unwrap();
        let err = f.rt.run_migration(&m, "up", &p).unwrap_err();
        assert_eq!(
            err.message,
            "TypeError: queryInterface.foo is not a function"
        );
    });
}

/// Boa words every read on null or undefined "cannot convert 'null' or 'undefined' to
/// object"; the property is read back from the source at the throw's position, as Node
/// names it. Which of null and undefined it was cannot be read, so both are named; a
/// native call keeps Node's own wording, and a position that names no property (or an
/// error raised inside a shim) keeps Boa's.
#[test]
fn reading_a_property_of_nothing_names_the_property() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        f.define_run_migration();
        let cases = [
            (
                "const a = undefined;\n    return a.x;",
                "TypeError: Cannot read properties of undefined or null (reading 'x')",
            ),
            (
                "const o = { b: null };\n    o.b.c.d = 1;",
                "TypeError: Cannot read properties of undefined or null (reading 'c')",
            ),
            (
                "const o = {};\n    return o.a['k'];",
                "TypeError: Cannot read properties of undefined or null (reading 'k')",
            ),
            (
                "const o = {};\n    return o.a[0];",
                "TypeError: Cannot read properties of undefined or null (reading '0')",
            ),
            (
                "const o = {};\n    return o.a.b == 1;",
                "TypeError: Cannot read properties of undefined or null (reading 'b')",
            ),
            // An assignment's position is its target's start: nothing to name.
            (
                "const o = {};\n    o.b.c = 1;",
                "TypeError: cannot convert 'null' or 'undefined' to object",
            ),
            (
                "return Object.keys(null);",
                "TypeError: Cannot convert undefined or null to object",
            ),
            (
                "const a = null;\n    a.x = 1;",
                "TypeError: cannot convert 'null' or 'undefined' to object",
            ),
        ];
        for (i, (body, want)) in cases.iter().enumerate() {
            let p = f.write(
                &format!("2024010{i}-nothing.js"),
                &format!("module.exports = {{\n  async up() {{\n    {body}\n  }},\n}};\n"),
            );
            let m = f.rt.require(&p).unwrap();
            let err = f.rt.run_migration(&m, "up", &p).unwrap_err();
            assert_eq!(err.message, *want, "{body}");
            let stack = err.stack.unwrap_or_default();
            assert!(stack.starts_with(want), "{body}: {stack}");
        }
    });
}

#[test]
fn op_errors_go_through_make_op_error_or_fall_back_to_error_with_props() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        let fallback = f
            .rt
            .eval_script("try { __seqmig_native.op('fail', {}); } catch (e) { [e instanceof Error, e.name, e.message, e.sql, e.original.code, typeof e.stack] }", "t.js")
            .unwrap();
        assert_eq!(
            fallback,
            json!([
                true,
                "SequelizeDatabaseError",
                "SQLITE_ERROR: no such table: nope",
                "SELECT * FROM nope",
                "SQLITE_ERROR",
                "string"
            ])
        );
        f.rt.eval_script(
            "class DatabaseError extends Error { constructor(e) { super(e.message); this.name = e.name; this.parent = this.original = e.original; this.sql = e.sql; } }\n__seqmig.makeOpError = (e) => new DatabaseError(e); undefined",
            "t2.js",
        )
        .unwrap();
        let made = f
            .rt
            .eval_script("try { __seqmig_native.op('fail', {}); } catch (e) { [e.constructor.name, e.parent === e.original, e.original.errno] }", "t3.js")
            .unwrap();
        assert_eq!(made, json!(["DatabaseError", true, 1]));
    });
}

#[test]
fn a_rejected_op_inside_a_migration_keeps_its_details() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        f.define_run_migration();
        let p = f.write(
            "20240101-db.js",
            "module.exports = { up: async () => { __seqmig_native.op('fail', {}); } };",
        );
        let m = f.rt.require(&p).unwrap();
        let err = f.rt.run_migration(&m, "up", &p).unwrap_err();
        assert_eq!(
            err.message,
            "SequelizeDatabaseError: SQLITE_ERROR: no such table: nope"
        );
        let d = err.details.unwrap();
        assert_eq!(d["sql"], json!("SELECT * FROM nope"));
        assert_eq!(d["original"]["code"], json!("SQLITE_ERROR"));
    });
}

#[test]
fn unhandled_rejections_are_recorded_once() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        f.define_run_migration();
        let p = f.write(
            "20240101-forgot-await.js",
            "module.exports = { up: async () => { Promise.reject(new Error('forgotten')); const handled = Promise.reject(new Error('handled')); handled.catch(() => {}); } };",
        );
        let m = f.rt.require(&p).unwrap();
        f.rt.run_migration(&m, "up", &p).unwrap();
        let rejections = f.rt.take_unhandled_rejections();
        assert_eq!(rejections.len(), 1, "{rejections:?}");
        assert_eq!(rejections[0].message, "Error: forgotten");
        assert!(f.rt.take_unhandled_rejections().is_empty());
    });
}

#[test]
fn process_exit_is_an_exit_request() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        f.define_run_migration();
        let p = f.write("20240101-exit.js", "module.exports = { up: async () => { try { process.exit(3); } catch (e) {} return 'continued'; } };");
        let m = f.rt.require(&p).unwrap();
        let err = f.rt.run_migration(&m, "up", &p).unwrap_err();
        assert_eq!(err.kind, JsErrorKind::Exit(3));
        assert_eq!(f.rt.exit_requested(), Some(3));
    });
}

#[test]
fn load_value_calls_a_function_export_and_awaits_it() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        let p = f.write(
            "config/config.js",
            "module.exports = async () => { await new Promise((r) => setTimeout(r, 5)); return { development: { dialect: 'sqlite', storage: process.env.NO_SUCH_VAR || 'db.sqlite', when: new Date(0) } }; };",
        );
        let v = f.rt.load_value(&p).unwrap();
        assert_eq!(
            v,
            json!({"development": {"dialect": "sqlite", "storage": "db.sqlite", "when": "1970-01-01T00:00:00.000Z"}})
        );
        let p2 = f.write(".sequelizerc", "const path = require('path');\nmodule.exports = { 'migrations-path': path.resolve('db', 'migrations') };");
        let v2 = f.rt.load_value(&p2).unwrap();
        assert_eq!(
            v2["migrations-path"],
            json!(format!("{}/db/migrations", f.root().display()))
        );
    });
}

#[test]
fn migrations_run_one_after_another_in_one_runtime() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        f.define_run_migration();
        for i in 0..20 {
            let p = f.write(&format!("m/{i:03}.js"), &format!("let n = 0; module.exports = {{ up: async (qi) => {{ n++; await qi.echo({{ i: {i}, n }}); }} }};"));
            let m = f.rt.require(&p).unwrap();
            f.rt.run_migration(&m, "up", &p).unwrap();
        }
        assert_eq!(f.host.calls.borrow().len(), 20);
        assert_eq!(f.host.calls.borrow()[19].1, json!({"i": 19, "n": 1}));
    });
}

#[test]
fn deep_recursion_in_user_code_does_not_hit_the_engine_limit() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        let v =
            f.rt.eval_script(
                "function depth(n) { return n === 0 ? 0 : 1 + depth(n - 1); } depth(3000)",
                "r.js",
            )
            .unwrap();
        assert_eq!(v, json!(3000));
    });
}

#[test]
fn two_hundred_migrations_load_and_run_in_one_runtime_quickly() {
    super::on_big_stack(|| {
        let started = Instant::now();
        let mut f = Fixture::new();
        let boot = started.elapsed();
        f.define_run_migration();
        let body = "'use strict';\n/** @type {import('sequelize-cli').Migration} */\nmodule.exports = {\n  async up(queryInterface, Sequelize) {\n    const rows = [];\n    for (let i = 0; i < 10; i++) rows.push({ id: i, name: `n${i}`, at: new Date(0).toISOString() });\n    await queryInterface.echo({ table: 'users', rows });\n  },\n  async down(queryInterface) {\n    await queryInterface.echo({ drop: 'users' });\n  },\n};\n";
        let paths: Vec<_> = (0..200)
            .map(|i| f.write(&format!("migrations/{i:04}-m.js"), body))
            .collect();
        let t = Instant::now();
        for p in &paths {
            let m = f.rt.require(p).unwrap();
            f.rt.run_migration(&m, "up", p).unwrap();
        }
        let run = t.elapsed();
        assert_eq!(f.host.calls.borrow().len(), 200);
        eprintln!("boot {boot:?}, 200 migrations {run:?}");
        assert!(run.as_secs_f64() < 10.0, "200 migrations took {run:?}");
    });
}

#[test]
fn the_user_frame_is_found_beyond_the_stack_trace_limit() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        f.define_run_migration();
        let p = f.write(
            "20240101-deep.js",
            "function deep(n) { if (n === 0) throw new RangeError('deep'); return deep(n - 1); }\nmodule.exports = { up: async () => {\n  deep(30);\n} };",
        );
        let m = f.rt.require(&p).unwrap();
        let err = f.rt.run_migration(&m, "up", &p).unwrap_err();
        assert_eq!(
            err.stack.as_deref().unwrap().lines().count(),
            11,
            "stackTraceLimit = 10"
        );
        let (file, line, col) = err.location.unwrap();
        assert_eq!((file, line), (p, 1));
        assert!(
            col > 1 && col < 60,
            "line-1 column without the wrapper: {col}"
        );
    });
}
