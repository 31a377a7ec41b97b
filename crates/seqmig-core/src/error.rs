//! What can go wrong in a run, each with the one line (or the stack) a person needs.

use std::path::PathBuf;

use seqmig_db::DbError;
use seqmig_js::JsError;

/// A migration (or seeder) that failed: which file, which direction, the JS error, and
/// what became of the statements it had already run.
#[derive(Debug)]
pub struct MigrationFailure {
    pub file: String,
    pub path: PathBuf,
    pub method: &'static str,
    pub error: JsError,
    /// The statements it ran that stay applied.
    pub statements: Vec<String>,
    /// The line that says what failed and whether it is recorded, when not the usual
    /// `seqmig: <path> failed in up(); it was not recorded.`
    pub summary: Option<String>,
    /// The line above `statements`, when they stay applied for another reason than
    /// running outside any transaction (as in sequelize-cli).
    pub applied_heading: Option<String>,
    /// The statements it ran that were rolled back (checked, not assumed).
    pub rolled_back: Vec<String>,
    /// The statements whose fate the database did not tell.
    pub uncertain: Vec<String>,
}

impl MigrationFailure {
    pub fn new(
        file: &str,
        path: &std::path::Path,
        method: &'static str,
        error: JsError,
        statements: Vec<String>,
    ) -> Self {
        MigrationFailure {
            file: file.to_string(),
            path: path.to_path_buf(),
            method,
            error,
            statements,
            summary: None,
            applied_heading: None,
            rolled_back: Vec::new(),
            uncertain: Vec::new(),
        }
    }
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
