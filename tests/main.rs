//! seqmig's integration tests: one test binary. Real SQLite files, a real PostgreSQL
//! cluster started by `support::pg`, and the real sequelize-cli in `differential`.

mod bad_input;
mod baseline;
mod cli_snapshots;
mod config_files;
mod database_commands;
mod differential;
mod examples;
mod generators;
mod help;
mod hostile_common;
mod hostile_config;
mod hostile_engine;
mod hostile_fuzz;
mod models;
mod models_behaviour;
mod models_include;
mod node_builtins;
mod packaging;
mod perf_modes;
mod postgres;
mod postgres_protocol;
mod real_world;
mod safety_atomic;
mod safety_checksums;
mod safety_common;
mod safety_dry_run;
mod safety_json;
mod safety_kill;
mod safety_lock;
mod safety_recording;
mod safety_strict;
mod safety_transactions;
mod safety_verify;
mod seeders;
mod support;
