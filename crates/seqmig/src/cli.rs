//! The command line, as sequelize-cli's yargs defines it: the same command names (with
//! their colons), the same global flags, strict about unknown ones.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use seqmig_core::project::GlobalArgs;

pub const SEQMIG_VERSION: &str = env!("CARGO_PKG_VERSION");

#[derive(Debug, Parser)]
#[command(
    name = "seqmig",
    about = "Runs Sequelize migration folders without Node: a drop-in for sequelize-cli",
    version = SEQMIG_VERSION,
    disable_version_flag = true,
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
    /// The database connection string to use. Alternative to using --config files
    #[arg(long, global = true)]
    pub url: Option<String>,
    /// When available show various debug information
    #[arg(long, global = true)]
    pub debug: bool,
    /// Show version number
    #[arg(long, action = clap::ArgAction::Version)]
    pub version: Option<bool>,
}

impl Global {
    pub fn to_global_args(&self) -> GlobalArgs {
        GlobalArgs {
            env: self.env.clone(),
            config: self.config.clone(),
            options_path: self.options_path.clone(),
            migrations_path: self.migrations_path.clone(),
            seeders_path: self.seeders_path.clone(),
            models_path: self.models_path.clone(),
            url: self.url.clone(),
            debug: self.debug,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run pending migrations
    #[command(name = "db:migrate")]
    Migrate(MigrateArgs),
    /// List the status of all migrations
    #[command(name = "db:migrate:status")]
    MigrateStatus,
    /// Reverts a migration
    #[command(name = "db:migrate:undo")]
    MigrateUndo(UndoArgs),
    /// Revert all migrations ran
    #[command(name = "db:migrate:undo:all")]
    MigrateUndoAll(UndoAllArgs),
    /// Run specified seeder
    #[command(name = "db:seed")]
    Seed(SeedArgs),
    /// Deletes data from the database
    #[command(name = "db:seed:undo")]
    SeedUndo(SeedArgs),
    /// Run every seeder
    #[command(name = "db:seed:all")]
    SeedAll,
    /// Deletes data from the database
    #[command(name = "db:seed:undo:all")]
    SeedUndoAll,
}

#[derive(Debug, Args)]
pub struct SeedArgs {
    /// List of seed files
    #[arg(long, num_args = 1..)]
    pub seed: Option<Vec<String>>,
}

#[derive(Debug, Args)]
pub struct MigrateArgs {
    /// Migration name to run migrations until
    #[arg(long)]
    pub to: Option<String>,
    /// Migration name to start migrations from (excluding)
    #[arg(long)]
    pub from: Option<String>,
    /// Migration name. When specified, only this migration will be run. Mutually exclusive with --to and --from
    #[arg(long, conflicts_with_all = ["to", "from"])]
    pub name: Option<String>,
}

#[derive(Debug, Args)]
pub struct UndoArgs {
    /// Name of the migration to undo
    #[arg(long)]
    pub name: Option<String>,
}

#[derive(Debug, Args)]
pub struct UndoAllArgs {
    /// Revert to the provided migration
    #[arg(long)]
    pub to: Option<String>,
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
                crate::output::TextReporter::new().banner();
                println!("{SEQMIG_VERSION}");
                return ExitCode::SUCCESS;
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
