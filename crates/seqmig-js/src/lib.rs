//! The JavaScript host of seqmig: the only crate that names `boa_*`. It loads migration
//! files as Node would (CommonJS), provides the node built-ins migrations use, evaluates
//! the `js-shims/`, bridges the native op table to a [`Host`] and drives promises.
//!
//! One [`Runtime`] is one realm: the shims are evaluated once, then any number of
//! migration files are `require`d and run in it.

mod async_context;
mod compile;
mod convert;
mod error;
mod esm;
mod event_loop;
pub mod limits;
mod natives;
mod shims;
mod state;
mod typescript;

#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};
use std::rc::Rc;

use boa_engine::object::builtins::JsPromise;
use boa_engine::property::Attribute;
use boa_engine::{js_string, Context, JsObject, JsString, JsValue, Source};

use state::HostState;

/// The lazy or model shim `name` compiled as a function for JS to call, once; `undefined`
/// the second time. Evaluating a whole script re-entrantly from inside a JS getter confuses
/// Boa 0.22's frame stack, while compiling a function expression (as `require` does) and
/// calling it from JS is safe.
pub(crate) fn compile_lazy_shim(name: &str, ctx: &mut Context) -> boa_engine::JsResult<JsValue> {
    let st = state::get(ctx);
    if !st.lazy_loaded.borrow_mut().insert(name.to_string()) {
        return Ok(JsValue::undefined());
    }
    let Some(src) = shims::lazy_source(name) else {
        return Err(boa_engine::JsNativeError::error()
            .with_message(format!("seqmig: no lazy shim named {name}"))
            .into());
    };
    let path = PathBuf::from(format!("js-shims/{name}"));
    let wrapped = format!("(function () {{ {src}\n}})");
    boa_engine::Script::parse(
        Source::from_bytes(wrapped.as_bytes()).with_path(&path),
        None,
        ctx,
    )?
    .evaluate(ctx)
}

/// The receiver of native ops; implemented by seqmig-core.
pub trait Host {
    /// Run native op `name` with JSON arguments; the result becomes a JS value.
    fn op(&mut self, name: &str, args: serde_json::Value) -> Result<serde_json::Value, OpError>;
}

/// An error raised by a native op; becomes a JS exception built by `__seqmig.makeOpError`.
#[derive(Debug, Clone, PartialEq)]
pub struct OpError {
    /// The JS class to build: "SequelizeDatabaseError", "TypeError", "Error", ...
    pub name: String,
    pub message: String,
    /// Extra properties: sql, original {message, code, errno, ...}, parent, fields, ...
    pub props: serde_json::Map<String, serde_json::Value>,
}

impl OpError {
    pub fn new(name: impl Into<String>, message: impl Into<String>) -> Self {
        OpError {
            name: name.into(),
            message: message.into(),
            props: Default::default(),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct RuntimeOptions {
    /// `process.cwd()`.
    pub cwd: PathBuf,
    /// `process.argv`.
    pub argv: Vec<String>,
    /// What `__seqmig_native.context()` returns: `{dialect, config, options, env}`.
    pub context: serde_json::Value,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsErrorKind {
    /// The file does not parse.
    Syntax,
    /// JS threw or a promise rejected.
    Thrown,
    /// The job queue and the timers are empty, and the promise is still pending.
    NeverSettled,
    /// A module could not be found or read, or is not supported (`child_process`, `.node`).
    Module,
    /// JS called `process.exit(code)`: the caller should stop and exit with that code.
    Exit(i32),
}

/// A JavaScript failure, ready to be printed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{message}")]
pub struct JsError {
    pub kind: JsErrorKind,
    /// "SyntaxError: ...", "TypeError: queryInterface.foo is not a function", or the
    /// message of a non-Error throw.
    pub message: String,
    /// The JS stack, when the thrown value had one.
    pub stack: Option<String>,
    /// file, line, column (1-based) where known.
    pub location: Option<(PathBuf, u32, u32)>,
    /// The thrown value's own properties (name, sql, original, ...), as JSON, when an object.
    pub details: Option<serde_json::Value>,
}

impl JsError {
    pub(crate) fn new(kind: JsErrorKind, message: impl Into<String>) -> Self {
        JsError {
            kind,
            message: message.into(),
            stack: None,
            location: None,
            details: None,
        }
    }
}

/// A loaded module (its `module.exports`).
#[derive(Debug)]
pub struct ModuleRef {
    exports: JsValue,
    path: PathBuf,
}

impl ModuleRef {
    /// The file this module was loaded from (after symlinks are resolved).
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// One JS realm with the shims loaded.
pub struct Runtime {
    ctx: Context,
    state: Rc<HostState>,
}

impl Runtime {
    pub fn new(opts: RuntimeOptions, host: Box<dyn Host>) -> Result<Runtime, JsError> {
        let state = Rc::new(HostState::new(opts, host));
        let hooks = Rc::new(event_loop::Hooks {
            async_state: state.async_state.clone(),
        });
        let mut ctx = Context::builder()
            .host_hooks(hooks)
            .module_loader(Rc::new(esm::NodeLoader::default()))
            .build()
            .map_err(|e| {
                JsError::new(
                    JsErrorKind::Thrown,
                    format!("cannot create the JS context: {e}"),
                )
            })?;
        // Boa's defaults (512 native frames, 10k stack values) are hit by ordinary code
        // such as a deep `require` chain or a recursive helper. Node allows about 10,000
        // frames of a small function; the stack floor keeps the Rust stack safe whatever
        // the thread's size.
        limits::install_stack_floor();
        let limits = ctx.runtime_limits_mut();
        limits.set_recursion_limit(10_000);
        limits.set_stack_size_limit(1024 * 1024);
        limits.set_backtrace_limit(100);
        ctx.insert_data(state.clone());

        let seqmig = JsObject::with_object_proto(ctx.intrinsics());
        let hidden = Attribute::WRITABLE | Attribute::CONFIGURABLE;
        let native = natives::build(&mut ctx);
        for (name, value) in [("__seqmig", seqmig), ("__seqmig_native", native)] {
            if let Err(e) = ctx.register_global_property(JsString::from(name), value, hidden) {
                return Err(error::from_boa(e, &mut ctx));
            }
        }

        let mut rt = Runtime { ctx, state };
        for shim in shims::SHIMS {
            if shim.load != shims::Load::Eager {
                continue;
            }
            let (name, src) = (shim.name, shim.source);
            let path = PathBuf::from(format!("js-shims/{name}"));
            let source = Source::from_bytes(src).with_path(&path);
            if let Err(e) = rt.ctx.eval(source) {
                let mut err = error::from_boa(e, &mut rt.ctx);
                err.message = format!("while loading the shim {name}: {}", err.message);
                return Err(err);
            }
        }
        if let Err(e) = rt.ctx.run_jobs() {
            return Err(error::from_boa(e, &mut rt.ctx));
        }
        Ok(rt)
    }

    /// Replace what `__seqmig_native.context()` returns (once the config is read).
    pub fn set_context(&mut self, context: serde_json::Value) {
        *self.state.context.borrow_mut() = context;
        let v = &self.state.context_version;
        v.set(v.get().wrapping_add(1));
    }

    /// `require()` a file as Node would, cached. An ES module (`.mjs`, `.mts`, `.js`
    /// under `"type": "module"`, TypeScript written with import/export) is imported
    /// instead, and its namespace stands for the exports.
    pub fn require(&mut self, path: &Path) -> Result<ModuleRef, JsError> {
        let abs = self.absolute(path);
        let arg = JsValue::from(js_string!(abs.to_string_lossy().as_ref()));
        let mut exports = self.call_host("requireMain", &[arg])?;
        if self.call_host("resolvedMainIsEsm", &[])?.to_boolean() {
            exports = self.drive(exports, &abs)?;
        }
        let resolved = self.call_host("resolvedMain", &[])?;
        let resolved = resolved
            .as_string()
            .map(|s| PathBuf::from(s.to_std_string_escaped()))
            .unwrap_or(abs);
        Ok(ModuleRef {
            exports,
            path: resolved,
        })
    }

    /// Drop a migration file's CommonJS module from the require cache, so that its code
    /// and closures can be collected; a later `require` evaluates the file again. Not
    /// done when another module required it. `path` is [`ModuleRef::path`] (resolved).
    /// Returns whether it was let go.
    pub fn release(&mut self, path: &Path) -> Result<bool, JsError> {
        let arg = JsValue::from(js_string!(path.to_string_lossy().as_ref()));
        Ok(self.call_host("releaseMain", &[arg])?.to_boolean())
    }

    /// `require()` a config-like file: a function export is called, a promise awaited;
    /// the value is returned as JSON.
    pub fn load_value(&mut self, path: &Path) -> Result<serde_json::Value, JsError> {
        let abs = self.absolute(path);
        let arg = JsValue::from(js_string!(abs.to_string_lossy().as_ref()));
        let promise = self.call_host("loadValue", &[arg])?;
        let value = self.drive(promise, &abs)?;
        convert::to_json(&value, &mut self.ctx)
            .map_err(|e| error::from_boa(e, &mut self.ctx))
            .map(|v| v.unwrap_or(serde_json::Value::Null))
    }

    /// Call `exports[method](queryInterface, Sequelize)` through `__seqmig.runMigration`
    /// and drive jobs and timers until the returned promise settles.
    pub fn run_migration(
        &mut self,
        module: &ModuleRef,
        method: &str,
        file: &Path,
    ) -> Result<(), JsError> {
        let seqmig = self.seqmig_object();
        let run = seqmig
            .get(js_string!("runMigration"), &mut self.ctx)
            .map_err(|e| error::from_boa(e, &mut self.ctx))?;
        let Some(run) = run.as_callable() else {
            return Err(JsError::new(
                JsErrorKind::Thrown,
                "__seqmig.runMigration is not defined by the shims",
            ));
        };
        let file_name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let args = [
            module.exports.clone(),
            JsValue::from(js_string!(method)),
            JsValue::from(js_string!(file_name.as_str())),
        ];
        let result = run.call(&JsValue::undefined(), &args, &mut self.ctx);
        let promise = self.settle_sync(result)?;
        self.drive(promise, file).map(|_| ())
    }

    /// Evaluate a script in the global scope (for tests and for `--eval`-like use).
    pub fn eval_script(&mut self, code: &str, name: &str) -> Result<serde_json::Value, JsError> {
        let path = PathBuf::from(name);
        let value = self
            .ctx
            .eval(Source::from_bytes(code).with_path(&path))
            .map_err(|e| error::from_boa(e, &mut self.ctx))?;
        let value = self.drive(value, &path)?;
        convert::to_json(&value, &mut self.ctx)
            .map_err(|e| error::from_boa(e, &mut self.ctx))
            .map(|v| v.unwrap_or(serde_json::Value::Null))
    }

    /// Promise rejections that nothing handled, oldest first; each is returned once.
    /// A forgotten `await` on a failing query shows up here.
    pub fn take_unhandled_rejections(&mut self) -> Vec<JsError> {
        let pending = std::mem::take(&mut *self.state.rejections.borrow_mut());
        pending
            .into_iter()
            .map(|(_, reason)| error::from_value(reason, &mut self.ctx))
            .collect()
    }

    /// The exit code requested by `process.exit()`, if JS called it.
    pub fn exit_requested(&self) -> Option<i32> {
        self.state.exit.get()
    }

    fn absolute(&self, path: &Path) -> PathBuf {
        if path.is_absolute() {
            path.to_path_buf()
        } else {
            self.state.cwd.borrow().join(path)
        }
    }

    fn seqmig_object(&mut self) -> JsObject {
        let global = self.ctx.global_object();
        global
            .get(js_string!("__seqmig"), &mut self.ctx)
            .ok()
            .and_then(|v| v.as_object())
            .unwrap_or_else(|| JsObject::with_object_proto(self.ctx.intrinsics()))
    }

    /// Call `__seqmig.host[name](...args)`, a function of the host shims (`01_host.js` to `09_host_collation.js`).
    fn call_host(&mut self, name: &str, args: &[JsValue]) -> Result<JsValue, JsError> {
        let seqmig = self.seqmig_object();
        let f = seqmig
            .get(js_string!("host"), &mut self.ctx)
            .and_then(|h| match h.as_object() {
                Some(h) => h.get(js_string!(name), &mut self.ctx),
                None => Ok(JsValue::undefined()),
            })
            .map_err(|e| error::from_boa(e, &mut self.ctx))?;
        let Some(f) = f.as_callable() else {
            return Err(JsError::new(
                JsErrorKind::Thrown,
                format!("__seqmig.host.{name} is missing (the host shims, 0*_host*.js)"),
            ));
        };
        let result = f.call(&JsValue::undefined(), args, &mut self.ctx);
        self.settle_sync(result)
    }

    /// A synchronous JS result, with `process.exit()` and module errors classified.
    fn settle_sync(&mut self, result: boa_engine::JsResult<JsValue>) -> Result<JsValue, JsError> {
        if let Some(code) = self.state.exit.get() {
            return Err(error::exit(code));
        }
        result.map_err(|e| error::from_boa(e, &mut self.ctx))
    }

    /// Run jobs and timers until `value` (a promise or a plain value) settles.
    fn drive(&mut self, value: JsValue, file: &Path) -> Result<JsValue, JsError> {
        let promise = match value.as_object().map(JsPromise::from_object) {
            Some(Ok(p)) => p,
            _ => {
                event_loop::run_until(&mut self.ctx, &self.state, None)?;
                return Ok(value);
            }
        };
        event_loop::run_until(&mut self.ctx, &self.state, Some(&promise))?;
        let promise_obj: JsObject = promise.clone().into();
        self.state
            .rejections
            .borrow_mut()
            .retain(|(p, _)| p != &promise_obj);
        match promise.state() {
            boa_engine::builtins::promise::PromiseState::Fulfilled(v) => Ok(v),
            boa_engine::builtins::promise::PromiseState::Rejected(e) => Err(error::from_value(e, &mut self.ctx)),
            boa_engine::builtins::promise::PromiseState::Pending => Err(JsError::new(
                JsErrorKind::NeverSettled,
                format!(
                    "{}: the promise never settled (nothing left to run: a missing resolve() or an unawaited callback?)",
                    file.display()
                ),
            )),
        }
    }
}
