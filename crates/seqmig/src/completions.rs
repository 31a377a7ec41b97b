//! `seqmig completions <shell>` and `seqmig man`: generated from the clap command table,
//! so they follow every command and flag without a list of their own.
//!
//! They are answered before the command table parses the arguments (one call at the top
//! of `main`): they print a script or a page, so they must not print sequelize-cli's
//! banner, and they are not sequelize-cli commands.

use std::io::Write;
use std::process::ExitCode;

use clap::{Arg, Command, CommandFactory};
use clap_complete::Shell;

/// The two extra commands, described as clap commands so that they are completed too.
fn extras() -> [Command; 2] {
    [
        Command::new("completions")
            .about("seqmig: print a shell completion script (bash, zsh, fish, powershell, elvish)")
            .arg(
                Arg::new("shell")
                    .required(true)
                    .value_parser(clap::value_parser!(Shell)),
            ),
        Command::new("man").about("seqmig: print the man page (roff)"),
    ]
}

/// The whole command table, the extras included.
fn table() -> Command {
    crate::cli::Cli::command().subcommands(extras())
}

/// Answers `completions` and `man`; `None` for every other command line.
pub fn run(argv: &[String]) -> Option<ExitCode> {
    let first = argv.get(1)?;
    if first != "completions" && first != "man" {
        return None;
    }
    let parsed = match Command::new("seqmig")
        .subcommands(extras())
        .try_get_matches_from(argv)
    {
        Ok(m) => m,
        Err(e) => return Some(crate::cli::usage_error(e)),
    };
    let mut out = Vec::new();
    match parsed.subcommand() {
        Some(("completions", m)) => {
            let shell = *m.get_one::<Shell>("shell").expect("required");
            clap_complete::generate(shell, &mut table(), "seqmig", &mut out);
        }
        Some(("man", _)) => {
            if let Err(e) = clap_mangen::Man::new(table()).render(&mut out) {
                seqmig_core::report::stderr_line(&format!(
                    "seqmig: cannot render the man page: {e}"
                ));
                return Some(ExitCode::from(1));
            }
        }
        _ => return None,
    }
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(&out).and_then(|_| stdout.flush()) {
        Ok(()) => Some(ExitCode::SUCCESS),
        Err(e) => {
            seqmig_core::report::stderr_line(&format!("seqmig: cannot write to stdout: {e}"));
            Some(ExitCode::from(1))
        }
    }
}
