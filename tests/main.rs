//! seqmig's integration tests: one test binary. Real SQLite files, a real PostgreSQL
//! cluster started by `support::pg`, and the real sequelize-cli in `differential`.

mod bad_input;
mod config_files;
mod differential;
mod examples;
mod seeders;
mod support;
