//! The seqmig migrator: config resolution, discovery, planning, storage (SequelizeMeta,
//! json, none) and the runner. The native ops that the JS shims call are seqmig-qi's.

pub mod atomic;
pub mod baseline;
pub mod bookkeeping;
pub mod checksum;
pub mod commands;
pub mod crash_marker;
pub mod database;
pub mod dbconfig;
pub mod discovery;
pub mod engine;
pub mod error;
pub mod generate;
pub mod lock;
pub mod migrator;
pub mod models_diff;
pub mod plan;
pub mod project;
pub mod report;
mod settle;
pub mod storage;
pub mod targets;
pub mod verify;

/// The sequelize-cli and Sequelize versions whose behaviour seqmig reproduces.
pub const SEQUELIZE_CLI_VERSION: &str = "6.6.5";
pub const SEQUELIZE_VERSION: &str = "6.37.8";

pub use seqmig_db::DbError;
pub use seqmig_js::{JsError, JsErrorKind};
/// The queryInterface backend lives in seqmig-qi; its modules keep their paths here.
pub use seqmig_qi::{ops, own_transaction, session, txwatch};
