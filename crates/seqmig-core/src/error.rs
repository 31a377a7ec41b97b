//! What can go wrong in a run, each with the one line (or the stack) a person needs.

use std::path::PathBuf;

use seqmig_db::DbError;
use seqmig_js::JsError;

/// A migration (or seeder) that failed: which file, which direction, the JS error, and the
/// statements it had already run (no transaction: they stay applied).
#[derive(Debug)]
pub struct MigrationFailure {
    pub file: String,
    pub path: PathBuf,
    pub method: &'static str,
    pub error: JsError,
    pub statements: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    /// A bad or missing config, rc file, flag value.
    #[error("{0}")]
    Config(String),
    /// The command asked for something that does not exist (`--to nosuch.js`).
    #[error("{0}")]
    Usage(String),
    /// A file or folder could not be read or written.
    #[error("{0}")]
    Io(String),
    #[error("{0}")]
    Db(#[from] DbError),
    /// JS failed outside a migration (a `.sequelizerc`, a `config.js`).
    #[error("{0}")]
    Js(#[from] JsError),
    #[error("{}", .0.error.message)]
    Migration(Box<MigrationFailure>),
    /// A safety feature stopped the run (lock timeout, a strict atomic refusal, a dry run
    /// that cannot go on, checksum drift).
    #[error("{0}")]
    Safety(String),
}

impl CoreError {
    pub fn io(what: impl std::fmt::Display, err: std::io::Error) -> Self {
        CoreError::Io(format!("{what}: {err}"))
    }
}
