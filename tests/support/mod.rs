//! What the integration tests share: the seqmig binary, temp projects, databases.
#![allow(dead_code)]

pub mod pg;

use std::path::PathBuf;

/// The repository's root.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

/// The seqmig binary under test.
pub fn seqmig_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_seqmig"))
}
