//! The command line, as sequelize-cli's yargs defines it: the same command names (with
//! their colons), the same global flags, strict about unknown ones.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser};
use seqmig_core::atomic::AtomicMode;
use seqmig_core::commands::Safety;
use seqmig_core::project::GlobalArgs;

pub mod commands;

pub use commands::{Command, RunFlags};

pub const SEQMIG_VERSION: &str = env!("CARGO_PKG_VERSION");

#[derive(Debug, Parser)]
#[command(
    name = "seqmig",
    about = "Runs Sequelize migration folders without Node: a drop-in for sequelize-cli",
    version = SEQMIG_VERSION,
    disable_version_flag = true,
    propagate_version = true,
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct Global {
    /// The environment to run the command in [default: development]
    #[arg(long, global = true)]
    pub env: Option<String>,
    /// The path to the config file
    #[arg(long, global = true)]
    pub config: Option<PathBuf>,
    /// The path to a JSON file with additional options
    #[arg(long = "options-path", global = true)]
    pub options_path: Option<PathBuf>,
    /// The path to the migrations folder [default: migrations]
    #[arg(long = "migrations-path", global = true)]
    pub migrations_path: Option<PathBuf>,
    /// The path to the seeders folder [default: seeders]
    #[arg(long = "seeders-path", global = true)]
    pub seeders_path: Option<PathBuf>,
    /// The path to the models folder [default: models]
    #[arg(long = "models-path", global = true)]
    pub models_path: Option<PathBuf>,
    /// The database connection string to use. Alternative to using --config files (seqmig: give it more than once to run the migration and seed commands on each database)
    #[arg(long, global = true, action = clap::ArgAction::Append, value_name = "URL")]
    pub url: Vec<String>,
    /// When available show various debug information
    #[arg(long, global = true)]
    pub debug: bool,
    /// Show version number
    #[arg(long, global = true, action = clap::ArgAction::Version)]
    pub version: Option<bool>,
    /// seqmig: print one JSON document on stdout instead of the text lines (everything else goes to stderr)
    #[arg(long, global = true)]
    pub json: bool,
    /// seqmig: seconds to wait for the migration lock held by another run, then fail
    #[arg(long = "lock-timeout", global = true, value_name = "SECONDS", default_value_t = seqmig_core::commands::DEFAULT_LOCK_TIMEOUT_SECS)]
    pub lock_timeout: u64,
    /// seqmig: do not take the migration lock (as sequelize-cli, which has none)
    #[arg(long = "no-lock", global = true)]
    pub no_lock: bool,
    /// seqmig: the most memory the run may use, in MiB; past it the migration running fails ("JavaScript heap out of memory") and is not recorded
    #[arg(long = "max-memory", global = true, value_name = "MiB", default_value_t = crate::heap::DEFAULT_MAX_MEMORY_MIB, value_parser = clap::value_parser!(u64).range(64..))]
    pub max_memory: u64,
    /// seqmig: record each applied migration's sha256 in SequelizeMetaChecksums, and show drift in db:migrate:status (also `"seqmigChecksums": true` in the config)
    #[arg(long, global = true)]
    pub checksums: bool,
    /// seqmig: what a require of a native (.node) addon does: `warn` loads a stand-in that fails when used, `error` fails the require (also `"seqmigNativeAddons"` in the config)
    #[arg(long = "native-addons", global = true, value_name = "MODE", value_parser = ["warn", "error"])]
    pub native_addons: Option<String>,
}

impl Global {
    /// The safety settings the flags ask for; `run` only for the commands that take them.
    pub fn safety(&self, run: Option<&RunFlags>) -> Safety {
        Safety {
            lock: !self.no_lock,
            lock_timeout: std::time::Duration::from_secs(self.lock_timeout),
            dry_run: run.is_some_and(|r| r.dry_run),
            atomic: run
                .and_then(|r| r.atomic.as_deref())
                .and_then(AtomicMode::parse),
            checksums: self.checksums.then_some(true),
        }
    }

    pub fn to_global_args(&self) -> GlobalArgs {
        GlobalArgs {
            env: self.env.clone(),
            config: self.config.clone(),
            options_path: self.options_path.clone(),
            migrations_path: self.migrations_path.clone(),
            seeders_path: self.seeders_path.clone(),
            models_path: self.models_path.clone(),
            // Several URLs are several targets (crate::targets), each run with one.
            url: self.url.first().cloned(),
            debug: self.debug,
        }
    }
}

/// Help and version go to stdout with exit 0; a usage error goes to stderr with exit 1,
/// as sequelize-cli's strict yargs does.
pub fn usage_error(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            if e.kind() == ErrorKind::DisplayVersion {
                let printed = crate::output::TextReporter::new()
                    .banner()
                    .and_then(|_| writeln!(std::io::stdout(), "{SEQMIG_VERSION}"));
                return if printed.is_ok() {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::from(1)
                };
            }
            let _ = e.print();
            if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        _ => {
            let _ = e.print();
            ExitCode::from(1)
        }
    }
}
