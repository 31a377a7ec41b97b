//! `--help`, `--version` and usage errors: every sequelize-cli command and option is listed
//! (checked against the real tool's own `--help` when it is installed), seqmig's additions
//! are marked `seqmig:`, and anything unknown exits 1 as sequelize-cli's strict yargs does.

use std::process::Command;

use crate::support::{repo_root, run_seqmig, Run, TempProject};

/// sequelize-cli 6.6.5's commands, as its `--help` lists them.
const COMMANDS: &[&str] = &[
    "db:migrate",
    "db:migrate:schema:timestamps:add",
    "db:migrate:status",
    "db:migrate:undo",
    "db:migrate:undo:all",
    "db:seed",
    "db:seed:undo",
    "db:seed:all",
    "db:seed:undo:all",
    "db:create",
    "db:drop",
    "init",
    "init:config",
    "init:migrations",
    "init:models",
    "init:seeders",
    "migration:generate",
    "migration:create",
    "model:generate",
    "model:create",
    "seed:generate",
    "seed:create",
];

const BASE_OPTIONS: &[&str] = &[
    "--env",
    "--config",
    "--options-path",
    "--migrations-path",
    "--seeders-path",
    "--models-path",
    "--url",
    "--debug",
];

/// The options each command adds to the base ones (from sequelize-cli's builders).
fn command_options(command: &str) -> &'static [&'static str] {
    match command {
        "db:migrate" | "db:migrate:schema:timestamps:add" => &["--to", "--from", "--name"],
        "db:migrate:undo" => &["--name"],
        "db:migrate:undo:all" => &["--to"],
        "db:seed" | "db:seed:undo" => &["--seed"],
        "db:create" | "db:drop" => &[
            "--charset",
            "--collate",
            "--encoding",
            "--ctype",
            "--template",
        ],
        c if c.starts_with("init") => &["--force"],
        "migration:generate" | "migration:create" => &["--name", "--underscored"],
        "model:generate" | "model:create" => {
            &["--name", "--attributes", "--force", "--underscored"]
        }
        "seed:generate" | "seed:create" => &["--name"],
        _ => &[],
    }
}

fn seqmig(args: &[&str]) -> Run {
    let dir = TempProject::new();
    run_seqmig(dir.path(), args, &[])
}

#[test]
fn top_level_help_lists_every_command() {
    let help = seqmig(&["--help"]);
    help.ok();
    for command in COMMANDS {
        assert!(
            help.stdout
                .lines()
                .any(|l| l.trim_start().starts_with(&format!("{command} "))),
            "`{command}` missing from --help:\n{}",
            help.stdout
        );
    }
    // seqmig's own commands say so.
    for own in [
        "db:migrate:validate",
        "db:migrate:verify",
        "db:migrate:baseline",
    ] {
        let line = help
            .stdout
            .lines()
            .find(|l| l.trim_start().starts_with(own))
            .unwrap();
        assert!(line.contains("seqmig:"), "{line}");
    }
    assert!(help.stdout.contains("--version"));
}

#[test]
fn every_command_help_lists_its_options() {
    for command in COMMANDS {
        let help = seqmig(&[command, "--help"]);
        help.ok();
        for option in BASE_OPTIONS.iter().chain(command_options(command)) {
            assert!(
                help.stdout.contains(&format!("{option} "))
                    || help.stdout.contains(&format!("{option}\n")),
                "`{command} --help` does not list {option}:\n{}",
                help.stdout
            );
        }
        // clap puts a long description on the line after the flag.
        let lines: Vec<&str> = help.stdout.lines().collect();
        for own in ["--json", "--no-lock", "--lock-timeout", "--checksums"] {
            let i = lines
                .iter()
                .position(|l| l.trim_start().starts_with(own))
                .unwrap_or_else(|| panic!("{command}: {own} missing:\n{}", help.stdout));
            let marked = lines[i].contains("seqmig:")
                || lines
                    .get(i + 1)
                    .is_some_and(|l| l.trim_start().starts_with("seqmig:"));
            assert!(
                marked,
                "{command}: {own} is not marked as seqmig's own:\n{}",
                help.stdout
            );
        }
    }
}

/// The real tool's `<command> --help` option names, all of which seqmig must list.
#[test]
fn help_options_match_the_reference_tool() {
    if crate::support::skip_differential() {
        return;
    }
    let cli = repo_root().join("tests/compat/node_modules/.bin/sequelize");
    assert!(
        cli.exists(),
        "{} is missing (run tests/compat/install.sh)",
        cli.display()
    );
    let dir = TempProject::new();
    for command in COMMANDS.iter() {
        let out = Command::new("node")
            .arg(&cli)
            .args([command, "--help"])
            .current_dir(dir.path())
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let reference = String::from_utf8_lossy(&out.stdout);
        let ours = seqmig(&[command, "--help"]).stdout;
        let options: Vec<&str> = reference
            .lines()
            .filter_map(|l| l.trim_start().strip_prefix("--"))
            .filter_map(|l| l.split_whitespace().next())
            .collect();
        assert!(
            options.len() >= 10,
            "{command}: no options parsed from\n{reference}"
        );
        for option in options {
            assert!(
                ours.contains(&format!("--{option}")),
                "{command}: sequelize-cli lists --{option}, seqmig does not:\n{ours}"
            );
        }
    }
}

/// seqmig's own flags of issue 19: listed, and marked as seqmig's.
#[test]
fn baseline_and_status_exit_code_are_in_help() {
    let marked = |command: &str, flag: &str| {
        let help = seqmig(&[command, "--help"]);
        help.ok();
        let lines: Vec<&str> = help.stdout.lines().collect();
        let i = lines
            .iter()
            .position(|l| l.trim_start().starts_with(flag))
            .unwrap_or_else(|| panic!("{command}: {flag} missing:\n{}", help.stdout));
        assert!(
            lines[i].contains("seqmig:")
                || lines
                    .get(i + 1)
                    .is_some_and(|l| l.trim_start().starts_with("seqmig:")),
            "{command}: {flag} is not marked as seqmig's own:\n{}",
            help.stdout
        );
    };
    marked("db:migrate:status", "--exit-code");
    marked("db:migrate:baseline", "--dry-run");
    let help = seqmig(&["db:migrate:baseline", "--help"]);
    assert!(help.stdout.contains("--to <NAME>"), "{}", help.stdout);
}

#[test]
fn version_prints_the_version() {
    let run = seqmig(&["--version"]);
    run.ok();
    assert!(
        run.stdout.trim_end().ends_with(env!("CARGO_PKG_VERSION")),
        "{}",
        run.stdout
    );
}

#[test]
fn unknown_commands_and_options_exit_1() {
    let run = seqmig(&["nosuch"]);
    run.expect_code(1);
    assert!(run.stderr.contains("nosuch"), "{}", run.stderr);
    let run = seqmig(&["db:migrate", "--bogus"]);
    run.expect_code(1);
    assert!(run.stderr.contains("--bogus"), "{}", run.stderr);
    let run = seqmig(&["migration:generate"]);
    run.expect_code(1);
    assert!(run.stderr.contains("--name"), "{}", run.stderr);
    let run = seqmig(&["model:generate", "--name", "User"]);
    run.expect_code(1);
    assert!(run.stderr.contains("--attributes"), "{}", run.stderr);
    let run = seqmig(&[]);
    run.expect_code(1);
}
