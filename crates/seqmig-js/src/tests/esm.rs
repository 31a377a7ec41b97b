//! ES modules and TypeScript: Node's interop with CommonJS, built-ins, packages with
//! `exports` conditions, dynamic import, top-level await, and the errors.

use serde_json::json;

use super::Fixture;
use crate::JsErrorKind;

#[test]
fn mjs_imports_builtins_relative_files_cjs_json_and_packages() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        f.rt.eval_script("__seqmig.Sequelize = class Sequelize {}; __seqmig.Sequelize.DataTypes = { STRING: 's' }; __seqmig.Sequelize.Op = { in: Symbol('in') }; undefined", "t.js").unwrap();
        f.write(
            "lib/cjs.js",
            "module.exports = { a: 1, 'not-ident': 2 }; module.exports.b = 'bee';",
        );
        f.write(
            "lib/esm.mjs",
            "export const c = 'see'; export default 'dflt';",
        );
        f.write(
            "node_modules/dual/package.json",
            r#"{"name":"dual","exports":{".":{"import":"./esm.mjs","require":"./cjs.js"},"./feature/*":{"default":"./feat/*.js"},"./hidden":null}}"#,
        );
        f.write("node_modules/dual/esm.mjs", "export default 'dual-esm';");
        f.write("node_modules/dual/cjs.js", "module.exports = 'dual-cjs';");
        f.write(
            "node_modules/dual/feat/x.js",
            "module.exports = 'feature-x';",
        );
        let v = f.module_json(
            "m.mjs",
            "import path from 'node:path';\nimport { sep } from 'path';\nimport cjs, { a, b } from './lib/cjs.js';\nimport dflt, { c } from './lib/esm.mjs';\nimport dual from 'dual';\nimport fx from 'dual/feature/x';\nimport { createRequire } from 'node:module';\nimport Sequelize, { DataTypes, Op } from 'sequelize';\nimport * as S from 'sequelize';\nconst require = createRequire(import.meta.url);\nexport default { sep: path.sep + sep, cjs, a, b, dflt, c, dual, fx, viaRequire: require('dual'), dt: DataTypes.STRING, op: typeof Op.in, same: S.default === Sequelize && S.DataTypes === DataTypes, meta: import.meta.url.startsWith('file:///') && import.meta.filename.endsWith('/m.mjs') };\n",
        );
        assert_eq!(
            v,
            json!({"sep": "//", "cjs": {"a": 1, "not-ident": 2, "b": "bee"}, "a": 1, "b": "bee", "dflt": "dflt", "c": "see", "dual": "dual-esm", "fx": "feature-x", "viaRequire": "dual-cjs", "dt": "s", "op": "symbol", "same": true, "meta": true})
        );
    });
}

#[test]
fn type_module_js_top_level_await_and_dynamic_import_from_cjs() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        f.write("proj/package.json", r#"{"type":"module"}"#);
        f.write(
            "proj/helper.js",
            "await new Promise((r) => setTimeout(r, 5));\nexport const ready = true;",
        );
        f.write(
            "proj/legacy.cjs",
            "module.exports = import('./helper.js').then((m) => m.ready);",
        );
        let v = f.module_json(
            "proj/m.js",
            "import { ready } from './helper.js';\nconst viaCjs = await (await import('./legacy.cjs')).default;\nexport async function up() { return 'up'; }\nexport const values = { ready, viaCjs };\nexport default values;\n",
        );
        assert_eq!(v, json!({"ready": true, "viaCjs": true}));
        let p = f.root().join("proj/m.js");
        let m = f.rt.require(&p).unwrap();
        f.define_run_migration();
        f.rt.run_migration(&m, "up", &p).unwrap();
    });
}

#[test]
fn require_of_an_es_module_is_node_20s_require_esm() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        f.write("esm.mjs", "export const x = 1; export default 'd';");
        f.write(
            "tla.mjs",
            "await new Promise((r) => setTimeout(r, 1)); export const y = 2;",
        );
        f.write("pkg/package.json", r#"{"type":"module"}"#);
        f.write("pkg/mod.js", "export const y = 1;");
        let v = f.module_json("a.js", "const ns = require('./esm.mjs');\nmodule.exports = [ns.x, ns.default, require('./pkg/mod.js').y, require('./esm.mjs') === ns];");
        assert_eq!(v, json!([1, "d", 1, true]));
        let p = f.write("b.js", "\nrequire('./tla.mjs');\n");
        let err = f.rt.require(&p).unwrap_err();
        assert_eq!(err.kind, JsErrorKind::Module);
        assert_eq!(
            err.message,
            format!("Error: require() cannot be used on an ESM graph with top-level await. Use import() instead. To see where the top-level await comes from, use --experimental-print-required-tla.\n  From {} \n  Requiring {} ", p.display(), f.root().join("tla.mjs").display())
        );
        assert_eq!(err.location.unwrap().1, 2);
        let p = f.write(
            "pkg/cjs-in-esm.js",
            "export const a = 1;\nmodule.exports = 2;",
        );
        let err = f.rt.require(&p).unwrap_err();
        assert!(err.message.starts_with("ReferenceError: module is not defined in ES module scope\nThis file is being treated as an ES module because it has a '.js' file extension and '"), "{}", err.message);
        let p = f.write("r.mjs", "const x = require('path');");
        let err = f.rt.require(&p).unwrap_err();
        assert_eq!(
            err.message,
            "ReferenceError: require is not defined in ES module scope, you can use import instead"
        );
    });
}

#[test]
fn missing_import_is_nodes_err_module_not_found() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        let p = f.write("m.mjs", "import x from 'left-pad';\nexport default x;");
        let err = f.rt.require(&p).unwrap_err();
        assert_eq!(err.kind, JsErrorKind::Module);
        assert_eq!(
            err.message,
            format!(
                "Error: Cannot find package 'left-pad' imported from {}",
                p.display()
            )
        );
        let p2 = f.write("n.mjs", "import x from './nope.js';");
        let err = f.rt.require(&p2).unwrap_err();
        assert!(
            err.message.starts_with("Error: Cannot find module '"),
            "{}",
            err.message
        );
        assert!(
            err.message
                .ends_with(&format!("/nope.js' imported from {}", p2.display())),
            "{}",
            err.message
        );
    });
}

#[test]
fn esm_syntax_error_is_placed_in_the_file() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        let p = f.write("bad.mjs", "export const a = 1;\nexport const b = ;\n");
        let err = f.rt.require(&p).unwrap_err();
        assert_eq!(err.kind, JsErrorKind::Syntax);
        let (file, line, col) = err.location.unwrap();
        assert_eq!((file, line, col), (p, 2, 18));
    });
}

#[test]
fn typescript_files_cjs_and_esm_and_their_errors() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        f.write("helpers/cols.ts", "export const n: number = 2;\nexport function twice(x: number): number { return x * n; }\n");
        let v = f.module_json(
            "20240101-x.ts",
            "import { twice } from './helpers/cols';\nenum E { A = 1, B }\nconst fromCjs: string = require('path').sep;\nexport default { v: twice(E.B), fromCjs, file: __filename.endsWith('.ts') } as const;\n",
        );
        assert_eq!(v, json!({"v": 4, "fromCjs": "/", "file": true}));
        let v = f.module_json(
            "c.cts",
            "const o = <T,>(x: T): T => x;\nmodule.exports = { got: o<number>(3) };",
        );
        assert_eq!(v, json!({"got": 3}));
        let v = f.module_json(
            "assign.ts",
            "import p = require('path');\nexport = { sep: p.sep };",
        );
        assert_eq!(v, json!({"sep": "/"}));
        // A CommonJS .ts file may require a .ts file written with import/export.
        let v = f.module_json(
            "req.ts",
            "const cols = require('./helpers/cols');\nmodule.exports = cols.twice(5);",
        );
        assert_eq!(v, json!(10));

        let p = f.write(
            "bad.ts",
            "const a: number = 1;\n\nfunction f(x: number {\n}\n",
        );
        let err = f.rt.require(&p).unwrap_err();
        assert_eq!(err.kind, JsErrorKind::Syntax);
        assert!(err.message.starts_with("SyntaxError: "), "{}", err.message);
        let (file, line, _) = err.location.unwrap();
        assert_eq!((file, line), (p, 3));
    });
}

#[test]
fn builtins_import_with_and_without_node_prefix() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        let v = f.module_json(
            "b.mjs",
            "import { EventEmitter } from 'node:events';\nimport os from 'os';\nimport { URL, fileURLToPath } from 'node:url';\nimport qs from 'node:querystring';\nimport { StringDecoder } from 'string_decoder';\nimport { Buffer } from 'node:buffer';\nimport { readFile } from 'node:fs/promises';\nimport { setTimeout as sleep } from 'node:timers/promises';\nimport { isDate } from 'node:util/types';\nimport assert from 'node:assert/strict';\nconst e = new EventEmitter(); let got; e.on('x', (v) => { got = v; }); e.emit('x', 7);\nawait sleep(1);\nassert.equal(1, 1);\nconst self = await readFile(fileURLToPath(import.meta.url), 'utf8');\nexport default [got, typeof os.EOL, new URL('http://a/b?c=1').searchParams.get('c'), qs.parse('a=1&b=2').b, new StringDecoder('utf8').write(Buffer.from('hé')), isDate(new Date()), self.startsWith('import')];\n",
        );
        assert_eq!(v, json!([7, "string", "1", "2", "hé", true, true]));
    });
}

#[test]
fn esm_rc_file_without_extension_and_load_env_file() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        f.write(".env", "# comment\nexport SEQMIG_ESM_T1=one\nSEQMIG_ESM_T2=\"two\\nlines\" # note\nSEQMIG_ESM_T3='x#y'\nPATH=nope\n");
        let p = f.write(
            ".sequelizerc",
            "import path from 'path';\nprocess.loadEnvFile(path.join(process.cwd(), '.env'));\nexport default { 'migrations-path': path.resolve('db', 'migrate'), t: [process.env.SEQMIG_ESM_T1, process.env.SEQMIG_ESM_T2, process.env.SEQMIG_ESM_T3, process.env.PATH !== 'nope'] };\n",
        );
        let v = f.rt.load_value(&p).unwrap();
        assert_eq!(
            v["migrations-path"],
            json!(f.root().join("db/migrate").to_string_lossy())
        );
        assert_eq!(v["t"], json!(["one", "two\nlines", "x#y", true]));
        // A CommonJS rc file without extension stays CommonJS.
        let p = f.write("cjsrc", "module.exports = { seen: typeof require };");
        assert_eq!(f.rt.load_value(&p).unwrap(), json!({"seen": "function"}));
    });
}

#[test]
fn runtime_errors_in_typescript_point_at_the_ts_line() {
    super::on_big_stack(|| {
        let mut f = Fixture::new();
        let p = f.write(
            "20240101-t.ts",
            "enum Kind { A = 'a' }\n\ninterface Row {\n  id: number;\n}\n\nmodule.exports = {\n  up: async (qi: unknown): Promise<void> => {\n    const rows: Row[] = [];\n    throw new Error('boom ' + Kind.A + rows.length);\n  },\n};\n",
        );
        let m = f.rt.require(&p).unwrap();
        f.define_run_migration();
        let err = f.rt.run_migration(&m, "up", &p).unwrap_err();
        assert_eq!(err.message, "Error: boom a0");
        let (file, line, _) = err.location.clone().unwrap();
        assert_eq!((file, line), (p.clone(), 10), "{err:?}");
        assert!(err.stack.unwrap().contains(&format!("{}:10:", p.display())));
    });
}
