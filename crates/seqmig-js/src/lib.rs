//! The JavaScript host of seqmig: the only crate that names `boa_*`. It loads migration
//! files as Node would (CommonJS), provides the node built-ins migrations use, evaluates
//! the `js-shims/`, bridges the native op table to a [`Host`] and drives promises.

use std::path::{Path, PathBuf};

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
        OpError { name: name.into(), message: message.into(), props: Default::default() }
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
    /// A module could not be found or read.
    Module,
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

/// A loaded module (its `module.exports`).
pub struct ModuleRef {
    _private: (),
}

/// One JS realm with the shims loaded.
pub struct Runtime {
    _private: (),
}

impl Runtime {
    pub fn new(opts: RuntimeOptions, host: Box<dyn Host>) -> Result<Runtime, JsError> {
        let _ = (opts, host);
        todo!("seqmig-js: runtime")
    }

    /// Replace what `__seqmig_native.context()` returns (once the config is read).
    pub fn set_context(&mut self, context: serde_json::Value) {
        let _ = context;
        todo!()
    }

    /// `require()` a file as Node would, cached.
    pub fn require(&mut self, path: &Path) -> Result<ModuleRef, JsError> {
        let _ = path;
        todo!()
    }

    /// `require()` a config-like file: a function export is called, a promise awaited;
    /// the value is returned as JSON.
    pub fn load_value(&mut self, path: &Path) -> Result<serde_json::Value, JsError> {
        let _ = path;
        todo!()
    }

    /// Call `exports[method](queryInterface, Sequelize)` through `__seqmig.runMigration`
    /// and drive jobs and timers until the returned promise settles.
    pub fn run_migration(&mut self, module: &ModuleRef, method: &str, file: &Path) -> Result<(), JsError> {
        let _ = (module, method, file);
        todo!()
    }
}
