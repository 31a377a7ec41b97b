//! seqmig: runs Sequelize migration folders without Node. A drop-in for sequelize-cli:
//! same commands, flags, config files, bookkeeping table and output lines.

mod cli;
mod output;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use seqmig_core::commands::{self, SeedCommand};
use seqmig_core::engine::Engine;
use seqmig_core::plan::{DownOptions, UpOptions};

use cli::{Cli, Command};
use output::TextReporter;

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().collect();
    let cli = match Cli::try_parse_from(&argv) {
        Ok(cli) => cli,
        Err(e) => return cli::usage_error(e),
    };
    let mut reporter = TextReporter::new();
    reporter.banner();
    let code = match run(&cli, argv, &mut reporter) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            reporter.error(&e, cli.global.debug);
            ExitCode::from(1)
        }
    };
    let _ = std::io::stdout().flush();
    code
}

fn run(
    cli: &Cli,
    argv: Vec<String>,
    reporter: &mut TextReporter,
) -> Result<(), seqmig_core::error::CoreError> {
    let cwd = std::env::current_dir()
        .map_err(|e| seqmig_core::error::CoreError::io("cannot read the working directory", e))?;
    let args = cli.global.to_global_args();
    let mut engine = Engine::new(&cwd, &args, argv)?;
    reporter.set_cwd(&engine.project.cwd);
    match &cli.command {
        Command::Migrate(m) => {
            let opts = UpOptions {
                to: m.to.clone(),
                from: m.from.clone(),
                name: m.name.clone(),
            };
            commands::migrate(&mut engine, &opts, reporter)
        }
        Command::MigrateStatus => commands::status(&mut engine, reporter),
        Command::MigrateUndo(u) => {
            let opts = match &u.name {
                Some(n) => DownOptions::Name(n.clone()),
                None => DownOptions::Last,
            };
            commands::undo(&mut engine, &opts, reporter)
        }
        Command::MigrateUndoAll(u) => commands::undo(
            &mut engine,
            &DownOptions::All {
                to: u.to.clone().filter(|t| !t.is_empty() && t != "0"),
            },
            reporter,
        ),
        Command::Seed(s) => {
            let names = s.seed.clone().unwrap_or_default();
            commands::seed(&mut engine, &SeedCommand::Named(names), reporter)
        }
        Command::SeedUndo(s) => {
            commands::seed(&mut engine, &SeedCommand::Undo(s.seed.clone()), reporter)
        }
        Command::SeedAll => commands::seed(&mut engine, &SeedCommand::All, reporter),
        Command::SeedUndoAll => commands::seed(&mut engine, &SeedCommand::UndoAll, reporter),
    }
}
