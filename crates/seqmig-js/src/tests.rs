//! Runtime tests: real files in a temporary folder, a recording [`Host`] (it is not a
//! database, only the far side of the op bridge), and the real shims.

mod builtins;
mod esm;
mod limits;
mod loader;
mod node_more;
mod promises;
mod shims_seam;

use std::cell::RefCell;
use std::fs;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use serde_json::{json, Value};

use crate::{Host, OpError, Runtime, RuntimeOptions};

/// Records every op; answers `echo` with its args, `fail` with an OpError, and anything
/// else with `null`.
#[derive(Clone, Default)]
pub(crate) struct RecordingHost {
    pub calls: Rc<RefCell<Vec<(String, Value)>>>,
}

impl Host for RecordingHost {
    fn op(&mut self, name: &str, args: Value) -> Result<Value, OpError> {
        self.calls
            .borrow_mut()
            .push((name.to_string(), args.clone()));
        match name {
            "echo" => Ok(args),
            "fail" => {
                let mut e = OpError::new(
                    "SequelizeDatabaseError",
                    "SQLITE_ERROR: no such table: nope",
                );
                e.props.insert("sql".into(), json!("SELECT * FROM nope"));
                e.props.insert(
                    "original".into(),
                    json!({"code": "SQLITE_ERROR", "errno": 1}),
                );
                Err(e)
            }
            _ => Ok(Value::Null),
        }
    }
}

/// Boa recurses on the Rust stack (parser, native calls); test threads get 2 MiB, less
/// than the main thread's 8 MiB the binary runs on, so each test runs on its own.
pub(crate) fn on_big_stack(f: impl FnOnce() + Send + 'static) {
    let handle = std::thread::Builder::new()
        .stack_size(16 << 20)
        .spawn(f)
        .unwrap();
    if let Err(panic) = handle.join() {
        std::panic::resume_unwind(panic);
    }
}

pub(crate) struct Fixture {
    pub dir: tempfile::TempDir,
    pub rt: Runtime,
    pub host: RecordingHost,
}

impl Fixture {
    pub fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let root = fs::canonicalize(dir.path()).unwrap();
        let host = RecordingHost::default();
        let opts = RuntimeOptions {
            cwd: root,
            argv: vec!["node".into(), "seqmig".into()],
            context: json!({"dialect": "sqlite"}),
        };
        let rt = Runtime::new(opts, Box::new(host.clone())).expect("runtime with shims");
        Fixture { dir, rt, host }
    }

    pub fn root(&self) -> PathBuf {
        fs::canonicalize(self.dir.path()).unwrap()
    }

    pub fn write(&self, rel: &str, text: &str) -> PathBuf {
        let p = self.root().join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(&p, text).unwrap();
        p
    }

    /// Evaluate `code` as a module at `rel` and return its `module.exports` as JSON.
    pub fn module_json(&mut self, rel: &str, code: &str) -> Value {
        let p = self.write(rel, code);
        self.exports_json(&p)
    }

    pub fn exports_json(&mut self, p: &Path) -> Value {
        let m = self
            .rt
            .require(p)
            .unwrap_or_else(|e| panic!("require {}: {e:?}", p.display()));
        let _ = m;
        self.rt
            .load_value(p)
            .unwrap_or_else(|e| panic!("load {}: {e:?}", p.display()))
    }

    /// Define the stand-in for the other shims' `__seqmig.runMigration`.
    pub fn define_run_migration(&mut self) {
        self.rt
            .eval_script(
                r#"__seqmig.runMigration = function (exports, method, file) {
                     const qi = { sequelize: {}, echo: (a) => __seqmig_native.op('echo', a) };
                     return Promise.resolve().then(() => {
                       const r = exports[method](qi, __seqmig.Sequelize);
                       if (!r || typeof r.then !== 'function') throw new Error(`Migration ${file} (or wrapper) didn't return a promise`);
                       return r;
                     });
                   }; undefined"#,
                "test-stand-in.js",
            )
            .unwrap();
    }
}

#[test]
fn runtime_loads_every_shim_once_and_hides_its_globals() {
    on_big_stack(|| {
        let mut f = Fixture::new();
        let v = f
            .rt
            .eval_script(
                "[typeof __seqmig_native.op, Object.keys(globalThis).includes('__seqmig'), typeof __seqmig.builtins.path, typeof process, typeof Buffer]",
                "probe.js",
            )
            .unwrap();
        assert_eq!(
            v,
            json!(["function", false, "object", "object", "function"])
        );
    });
}

#[test]
fn context_is_readable_and_replaceable() {
    on_big_stack(|| {
        let mut f = Fixture::new();
        assert_eq!(
            f.rt.eval_script("__seqmig_native.context()", "c.js")
                .unwrap(),
            json!({"dialect": "sqlite"})
        );
        f.rt.set_context(json!({"dialect": "postgres", "config": {"port": 5432}}));
        assert_eq!(
            f.rt.eval_script("__seqmig_native.context().config.port", "c.js")
                .unwrap(),
            json!(5432)
        );
    });
}

#[test]
fn node_builtins_load_on_first_use() {
    on_big_stack(|| {
        let mut f = Fixture::new();
        assert!(
            !f.rt
                .state
                .lazy_loaded
                .borrow()
                .contains("65_node_crypto.js"),
            "crypto is not evaluated at start-up"
        );
        let v = f
            .rt
            .eval_script("[typeof Buffer.from, typeof __seqmig.builtins.crypto.createHash, typeof require, typeof URL, typeof global, process.listenerCount('exit'), typeof structuredClone]", "l2.js")
            .unwrap();
        assert!(f
            .rt
            .state
            .lazy_loaded
            .borrow()
            .contains("65_node_crypto.js"));
        assert_eq!(
            v,
            json!([
                "function",
                "function",
                "undefined",
                "function",
                "object",
                0,
                "function"
            ])
        );
    });
}

#[test]
fn model_shims_load_on_first_use_of_the_model_api() {
    on_big_stack(|| {
        let mut f = Fixture::new();
        let loaded = |f: &Fixture| f.rt.state.lazy_loaded.borrow().contains("70_model.js");
        // A migration without models, and a transaction (its id is a uuid), load none.
        f.rt.eval_script(
            "[typeof __seqmig.getSequelize().getQueryInterface(), typeof __seqmig.uuidv4(), Object.keys(__seqmig.Sequelize).length]",
            "m0.js",
        )
        .unwrap();
        assert!(!loaded(&f), "the model shims are not evaluated at start-up");
        let v = f
            .rt
            .eval_script(
                "const { Model } = __seqmig.Sequelize; [typeof Model, Model === __seqmig.Model, typeof Model.findAll, typeof Model.upsert, Object.keys(__seqmig.Sequelize).slice(-1)[0]]",
                "m1.js",
            )
            .unwrap();
        assert!(loaded(&f));
        assert!(f
            .rt
            .state
            .lazy_loaded
            .borrow()
            .contains("72_model_statics.js"));
        assert_eq!(
            v,
            json!(["function", true, "function", "function", "Model"])
        );
    });
}

#[test]
fn the_run_instance_is_kept_until_the_context_changes() {
    on_big_stack(|| {
        let mut f = Fixture::new();
        let same = "(() => { const a = __seqmig.getSequelize(); return [a === __seqmig.getSequelize(), a.getDialect()]; })()";
        assert_eq!(
            f.rt.eval_script(same, "s1.js").unwrap(),
            json!([true, "sqlite"])
        );
        f.rt.eval_script("globalThis.__first = __seqmig.getSequelize(); 0", "s2.js")
            .unwrap();
        // The same content again keeps the instance; another content replaces it.
        f.rt.set_context(json!({"dialect": "sqlite"}));
        assert_eq!(
            f.rt.eval_script("__first === __seqmig.getSequelize()", "s3.js")
                .unwrap(),
            json!(true)
        );
        f.rt.set_context(json!({"dialect": "postgres"}));
        assert_eq!(
            f.rt.eval_script(
                "[__first === __seqmig.getSequelize(), __seqmig.getSequelize().getDialect()]",
                "s4.js"
            )
            .unwrap(),
            json!([false, "postgres"])
        );
    });
}
