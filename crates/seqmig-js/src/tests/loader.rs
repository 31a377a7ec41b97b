//! The CommonJS loader: resolution, caching, cycles, JSON, node_modules, errors.

use serde_json::json;

use super::Fixture;
use crate::JsErrorKind;

#[test]
fn cycle_gives_partial_exports_and_the_cache_is_shared() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        f.write("lib/a.js", "exports.early = 'a'; const b = require('./b'); exports.fromB = b.seenA; exports.late = 'a2';");
        f.write("lib/b.js", "const a = require('./a.js'); exports.seenA = Object.keys(a); exports.same = require('./a') === a;");
        let v = f.module_json(
            "main.js",
            "const a = require('./lib/a'); const b = require('./lib/b'); module.exports = { a, same: b.same, cached: Object.keys(require.cache).length };",
        );
        assert_eq!(
            v["a"],
            json!({"early": "a", "fromB": ["early"], "late": "a2"})
        );
        assert_eq!(v["same"], json!(true));
        assert_eq!(v["cached"], json!(3));
    });
}

#[test]
fn json_modules_directories_and_extension_search() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        f.write(
            "data/config.json",
            "\u{feff}{\"development\": {\"dialect\": \"sqlite\"}}",
        );
        f.write("helpers/index.js", "module.exports = 'index';");
        f.write("pkgdir/package.json", r#"{"main": "lib/entry"}"#);
        f.write("pkgdir/lib/entry.js", "module.exports = 'entry';");
        f.write("legacy.cjs", "module.exports = 'cjs';");
        let v = f.module_json(
            "m.js",
            "module.exports = [require('./data/config').development.dialect, require('./helpers'), require('./pkgdir'), require('./legacy'), require('./data/config.json') === require('./data/config')];",
        );
        assert_eq!(v, json!(["sqlite", "index", "entry", "cjs", true]));
    });
}

#[test]
fn node_modules_are_found_walking_up_including_scoped_and_exports() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        f.write(
            "node_modules/lodashish/package.json",
            r#"{"name":"lodashish","main":"./dist/main.js"}"#,
        );
        f.write(
            "node_modules/lodashish/dist/main.js",
            "exports.id = 'lodashish'; exports.sub = require('./sub');",
        );
        f.write(
            "node_modules/lodashish/dist/sub.js",
            "module.exports = 'sub';",
        );
        f.write(
            "node_modules/@org/util/package.json",
            r#"{"exports": {".": {"require": "./cjs.js", "import": "./esm.mjs"}}}"#,
        );
        f.write(
            "node_modules/@org/util/cjs.js",
            "module.exports = 'scoped-cjs';",
        );
        f.write(
            "node_modules/plain/index.js",
            "module.exports = __filename.endsWith('/node_modules/plain/index.js');",
        );
        let v = f.module_json(
            "db/migrations/20240101-x.js",
            "module.exports = [require('lodashish'), require('@org/util'), require('plain'), require.resolve('plain').startsWith('/'), module.paths[0].endsWith('/db/migrations/node_modules')];",
        );
        assert_eq!(
            v,
            json!([{"id": "lodashish", "sub": "sub"}, "scoped-cjs", true, true, true])
        );
    });
}

#[test]
fn require_sequelize_is_the_shim_class_even_with_node_modules_present() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        f.write(
            "node_modules/sequelize/index.js",
            "module.exports = 'the npm package';",
        );
        f.rt.eval_script("__seqmig.Sequelize = function Sequelize() {}; __seqmig.Sequelize.marker = 42; undefined", "t.js").unwrap();
        let v = f.module_json("m.js", "module.exports = [require('sequelize').marker, require('node:path').sep, require('fs') === require('node:fs')];");
        assert_eq!(v, json!([42, "/", true]));
    });
}

#[test]
fn module_wrapper_gives_node_locals_strict_mode_and_top_level_return() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        let v = f.module_json(
            "sub/w.js",
            "'use strict';\nlet strict = (function () { return this === undefined; })();\nmodule.exports = { strict, file: __filename.endsWith('/sub/w.js'), dir: __dirname.endsWith('/sub'), same: module.exports === exports, viaModule: module.require('path').sep };\nreturn;\nmodule.exports = 'not reached';",
        );
        assert_eq!(
            v,
            json!({"strict": true, "file": true, "dir": true, "same": true, "viaModule": "/"})
        );
    });
}

#[test]
fn missing_module_reads_as_node_with_code_and_require_stack() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        let p = f.write("mig/x.js", "const a = 1;\nrequire('./nope');\n");
        let err = f.rt.require(&p).unwrap_err();
        assert_eq!(err.kind, JsErrorKind::Module);
        assert!(
            err.message
                .starts_with("Error: Cannot find module './nope'\nRequire stack:\n- "),
            "{}",
            err.message
        );
        assert!(err.message.contains("mig/x.js"), "{}", err.message);
        let details = err.details.unwrap();
        assert_eq!(details["code"], json!("MODULE_NOT_FOUND"));
        let (file, line, _) = err.location.unwrap();
        assert!(file.ends_with("mig/x.js"));
        assert_eq!(line, 2);
    });
}

#[test]
fn a_failed_module_is_not_cached() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        let p = f.write("flaky.js", "if (!globalThis.__tries) globalThis.__tries = 0; if (++globalThis.__tries === 1) throw new Error('first'); module.exports = globalThis.__tries;");
        assert!(f.rt.require(&p).is_err());
        assert_eq!(f.rt.load_value(&p).unwrap(), json!(2));
    });
}

#[test]
fn unsupported_builtins_and_strict_native_addons_fail_with_one_clear_line() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        let p = f.write("m1.js", "// run code\n\nconst vm = require('vm');\n");
        let err = f.rt.require(&p).unwrap_err();
        assert_eq!(err.kind, JsErrorKind::Module);
        assert!(!err.message.contains('\n'), "{}", err.message);
        assert!(err.message.contains("'vm'"), "{}", err.message);
        assert!(
            err.message.contains(&format!("{}:3", p.display())),
            "{}",
            err.message
        );

        // `"seqmigNativeAddons": "error"` in the env section: the require itself fails.
        f.rt.set_context(json!({"dialect": "sqlite", "options": {"seqmigNativeAddons": "error"}}));
        f.write(
            "node_modules/duck/package.json",
            r#"{"name": "duck", "main": "duck.node"}"#,
        );
        f.write("node_modules/duck/duck.node", "\u{7f}ELF");
        let p2 = f.write("m2.js", "require('duck');");
        let err = f.rt.require(&p2).unwrap_err();
        assert_eq!(err.kind, JsErrorKind::Module);
        assert!(err.message.contains("duck.node"), "{}", err.message);
        assert!(err.message.contains("package 'duck'"), "{}", err.message);
        assert!(!err.message.contains('\n'), "{}", err.message);

        let p3 = f.write("m3.js", "require('node:nosuch');");
        let err = f.rt.require(&p3).unwrap_err();
        assert!(
            err.message.contains("No such built-in module: node:nosuch"),
            "{}",
            err.message
        );
    });
}

#[test]
fn syntax_error_has_the_files_line_and_column() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        let p = f.write(
            "bad.js",
            "module.exports = {\n  up() {\n    return 1 +* 2;\n  },\n};\n",
        );
        let err = f.rt.require(&p).unwrap_err();
        assert_eq!(err.kind, JsErrorKind::Syntax);
        assert!(err.message.starts_with("SyntaxError: "), "{}", err.message);
        let (file, line, col) = err.location.clone().unwrap();
        assert_eq!(file, p);
        assert_eq!(line, 3, "{err:?}");
        assert!((14..=16).contains(&col), "{err:?}");

        let p1 = f.write("bad1.js", "const x = ;");
        let err = f.rt.require(&p1).unwrap_err();
        let (_, line, col) = err.location.clone().unwrap();
        assert_eq!((line, col), (1, 11), "{err:?}");

        let p2 = f.write("bad2.js", "module.exports = {\n  up() {\n");
        let err = f.rt.require(&p2).unwrap_err();
        assert_eq!(err.kind, JsErrorKind::Syntax);
        assert_eq!(err.location.unwrap().1, 3, "{}", err.message);
    });
}

#[test]
fn typescript_annotations_in_a_ts_file_are_stripped() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        f.rt.eval_script("__seqmig.Sequelize = class Sequelize {}; undefined", "t.js")
            .unwrap();
        let p = f.write("20240101-x.ts", "import { QueryInterface } from 'sequelize';\nexport async function up(qi: QueryInterface) {}\n");
        let m = f.rt.require(&p).unwrap();
        assert_eq!(m.path(), p);
    });
}

#[test]
fn create_require_and_require_resolve_paths() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        f.write("other/dep.js", "module.exports = 'dep';");
        let v = f.module_json(
            "m.js",
            "const { createRequire, builtinModules } = require('module');\nconst r = createRequire(__dirname + '/other/x.js');\nmodule.exports = [r('./dep'), require.resolve('fs'), require.resolve.paths('fs'), builtinModules.includes('path'), require.main === module];",
        );
        assert_eq!(v, json!(["dep", "fs", null, true, false]));
    });
}

/// A migration that has run is dropped from the cache (its next `require` evaluates the
/// file again), unless another module required it: that one keeps Node's sharing.
#[test]
fn released_migrations_leave_the_cache_unless_required_elsewhere() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        let m1 = f.write(
            "migrations/1-a.js",
            "globalThis.evaluations = (globalThis.evaluations || 0) + 1; module.exports = { n: globalThis.evaluations };",
        );
        let m2 = f.write("migrations/2-b.js", "module.exports = require('./1-a.js');");
        let n = |f: &mut Fixture, p: &std::path::Path| f.rt.load_value(p).unwrap()["n"].clone();
        assert_eq!(n(&mut f, &m1), json!(1));
        assert_eq!(n(&mut f, &m1), json!(1), "cached");
        assert!(f.rt.release(&m1).unwrap());
        assert!(!f.rt.release(&m1).unwrap(), "already gone");
        assert_eq!(n(&mut f, &m1), json!(2), "evaluated again");
        // 2-b requires 1-a: releasing 1-a now would split what Node shares.
        assert_eq!(n(&mut f, &m2), json!(2));
        assert!(!f.rt.release(&m1).unwrap());
        assert!(f.rt.release(&m2).unwrap());
        assert_eq!(n(&mut f, &m1), json!(2));
        let count = f.write("count.js", "module.exports = Object.keys(require.cache);");
        let cached = f.rt.load_value(&count).unwrap();
        assert_eq!(
            cached.as_array().unwrap().len(),
            2,
            "1-a.js and count.js: {cached}"
        );
    });
}

/// The loader's ES-syntax test runs in Rust (natives/path.rs); 100,000 generated texts
/// (import/export next to every kind of JS blank, line terminators, quotes, braces and
/// look-alikes such as U+0085 and U+180E, which are not `\s`) get the same verdict as
/// the regex it replaced, run by Boa's own engine.
#[test]
fn native_esm_syntax_test_agrees_with_the_regex() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        let v = f.module_json(
            "m.js",
            r#"const R = /^\s*(?:import\s*[{*"']|import\s+[\w$]|export\s*[{*]|export\s+[\w$])/m;
            let seed = 7;
            const rnd = (n) => { seed ^= seed << 13; seed >>>= 0; seed ^= seed >>> 17; seed ^= seed << 5; seed >>>= 0; return seed % n; };
            const parts = ['import', 'export', ' ', '\t', '\n', '\r', '\u2028', '\u2029', '\u00a0', '\ufeff', '\u0085', '\u180e', '\u3000',
              '{', '*', '"', "'", 'x', '$', '_', '-', '(', '=', 'im', 'port', '//', '/*'];
            const differ = [];
            let matches = 0;
            for (let k = 0; k < 100000; k++) {
              let s = '';
              const n = rnd(8);
              for (let i = 0; i < n; i++) s += parts[rnd(parts.length)];
              const want = R.test(s);
              if (want) matches++;
              if (want !== __seqmig_native.looksLikeEsm(s) && differ.length < 5) differ.push(s);
            }
            module.exports = { differ, enough: matches > 1000 };"#,
        );
        assert_eq!(v, json!({"differ": [], "enough": true}));
    });
}
