//! seqmig: runs Sequelize migration folders without Node. A drop-in for sequelize-cli:
//! same commands, flags, config files, bookkeeping table and output lines.

mod cli;
mod completions;
mod heap;
mod json_output;
mod output;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use seqmig_core::engine::Engine;
use seqmig_core::error::CoreError;
use seqmig_core::report::{Event, Reporter};

use cli::commands::Outcome;
use cli::Cli;
use json_output::JsonReporter;
use output::TextReporter;

/// The text lines of sequelize-cli, or `--json`'s document.
enum Out {
    Text(TextReporter),
    Json(JsonReporter),
}

impl Reporter for Out {
    fn event(&mut self, event: Event<'_>) {
        match self {
            Out::Text(r) => r.event(event),
            Out::Json(r) => r.event(event),
        }
    }
}

#[global_allocator]
static ALLOC: heap::CountingAlloc = heap::CountingAlloc;

const RUN_STACK_BYTES: usize = 256 * 1024 * 1024;

fn exit_request<T>(result: &Result<T, CoreError>) -> Option<i32> {
    let err = match result {
        Err(CoreError::Migration(f)) => &f.error,
        Err(CoreError::Js(e)) => e,
        _ => return None,
    };
    match err.kind {
        seqmig_core::JsErrorKind::Exit(code) => Some(code),
        _ => None,
    }
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().collect();
    if let Some(code) = completions::run(&argv) {
        return code;
    }
    let cli = match Cli::try_parse_from(&argv) {
        Ok(cli) => cli,
        Err(e) => return cli::usage_error(e),
    };
    heap::set_limit_mib(cli.global.max_memory);
    // The shims read it when a .node file is required (6e_node_addons.js, 68_node_module.js),
    // which may be while the config or .sequelizerc is loading.
    if let Some(mode) = &cli.global.native_addons {
        std::env::set_var("SEQMIG_NATIVE_ADDONS", mode);
    }
    let (mut out, json_sink) = if cli.global.json {
        let dry_run = cli.command.dry_run();
        let sink = json_output::divert_stdout();
        (
            Out::Json(JsonReporter::new(cli.command.name(), dry_run)),
            sink,
        )
    } else {
        let text = TextReporter::new();
        if let Err(e) = text.banner() {
            // Nothing has run: the database is untouched.
            seqmig_core::report::stderr_line(&format!("seqmig: cannot write to stdout: {e}"));
            return ExitCode::from(1);
        }
        (Out::Text(text), None)
    };
    // Boa recurses on the Rust stack: give the run a generous one of its own.
    let result = std::thread::scope(|scope| {
        std::thread::Builder::new()
            .stack_size(RUN_STACK_BYTES)
            .spawn_scoped(scope, || run(&cli, argv, &mut out))
            .expect("the run thread starts")
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    });
    // `process.exit(n)` in a migration or config ends the run with that status and no
    // message, as in Node (the migration is not recorded).
    if let Some(code) = exit_request(&result) {
        let _ = std::io::stdout().flush();
        return ExitCode::from(code.clamp(0, 255) as u8);
    }
    let failure = result.as_ref().ok().and_then(Outcome::pending_failure);
    if let (Ok(Outcome::Status { pending, .. }), Out::Json(json)) = (&result, &mut out) {
        json.set_pending(*pending);
    }
    if let (Ok(Outcome::ModelsDiff { report, .. }), Out::Json(json)) = (&result, &mut out) {
        json.set_diff(report.clone());
    }
    if let Some(line) = &failure {
        let _ = std::io::stdout().flush();
        out.event(Event::Warning(line));
    }
    let code = if result.is_ok() && failure.is_none() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    };
    match &mut out {
        Out::Text(text) => {
            if let Err(e) = &result {
                text.error(e, cli.global.debug);
            }
        }
        Out::Json(json) => {
            let _ = std::io::stdout().flush();
            match json_sink {
                Some(mut sink) => json.write(result.as_ref().map(|_| ()), &mut sink),
                None => json.write(result.as_ref().map(|_| ()), &mut std::io::stdout()),
            }
        }
    }
    if std::io::stdout().flush().is_err() {
        seqmig_core::report::note_output_error();
    }
    // What ran is recorded; the output that says so could not be written: exit 1.
    if seqmig_core::report::output_failed() {
        seqmig_core::report::stderr_line(
            "seqmig: some output could not be written (stdout or stderr failed); what ran is recorded as usual",
        );
        return ExitCode::from(1);
    }
    code
}

fn run(cli: &Cli, argv: Vec<String>, out: &mut Out) -> Result<Outcome, CoreError> {
    let cwd = std::env::current_dir()
        .map_err(|e| CoreError::io("cannot read the working directory", e))?;
    let args = cli.global.to_global_args();
    let mut engine = Engine::new(&cwd, &args, argv)?;
    engine.safety = cli.global.safety(cli.command.run_flags());
    match out {
        Out::Text(t) => t.set_cwd(&engine.project.cwd),
        Out::Json(j) => j.set_cwd(&engine.project.cwd),
    }
    let reporter: &mut dyn Reporter = out;
    cli::commands::run(&cli.command, &cli.global, &mut engine, reporter)
}
