//! seqmig: runs Sequelize migration folders without Node. A drop-in for sequelize-cli:
//! same commands, flags, config files, bookkeeping table and output lines.

mod cli;
mod completions;
mod heap;
mod json_output;
mod output;
mod targets;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use seqmig_core::engine::Engine;
use seqmig_core::error::CoreError;
use seqmig_core::report::{Event, Reporter};

use cli::commands::{Outcome, TallyKind};
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

/// What one run's migrations did, counted from its events (the summary of several
/// targets).
#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    up: usize,
    down: usize,
    recorded: usize,
}

/// Counts the events it passes on.
struct Counting<'a> {
    inner: &'a mut dyn Reporter,
    tally: Tally,
}

impl Reporter for Counting<'_> {
    fn event(&mut self, event: Event<'_>) {
        match &event {
            Event::Done { direction, .. } => {
                if *direction == seqmig_core::report::Direction::Up {
                    self.tally.up += 1;
                } else {
                    self.tally.down += 1;
                }
            }
            Event::Recorded { written: true, .. } => self.tally.recorded += 1,
            _ => {}
        }
        self.inner.event(event);
    }
}

/// How the run thread ended: one run (today's, or one target's), or several targets.
enum Ran {
    One {
        result: Result<Outcome, CoreError>,
        pending_before: Option<usize>,
        tally: Tally,
    },
    Many(Vec<targets::summary::TargetResult>),
}

/// What a child target run reports to its parent: what it ran, what is pending after it.
fn child_report(
    cli: &Cli,
    result: &Result<Outcome, CoreError>,
    pending_before: Option<usize>,
    tally: Tally,
) -> targets::ChildReport {
    let kind = cli.command.tally_kind();
    let dry = cli.command.dry_run();
    let applied = match kind {
        TallyKind::Up => tally.up,
        TallyKind::Down => tally.down,
        TallyKind::Record => tally.recorded,
        TallyKind::Seed => tally.up + tally.down,
        TallyKind::None => 0,
    };
    let applied = if dry { 0 } else { applied };
    let pending = match kind {
        TallyKind::Seed => None,
        _ => pending_before.map(|p| match kind {
            TallyKind::Up | TallyKind::Record => p.saturating_sub(applied),
            TallyKind::Down => p + applied,
            _ => p,
        }),
    };
    let error = result.as_ref().err().map(|e| {
        let text = match e {
            CoreError::Migration(f) => format!("{}: {}", f.file, f.error.message),
            other => other.to_string(),
        };
        text.lines().next().unwrap_or("").to_string()
    });
    targets::ChildReport {
        applied: Some(applied),
        pending,
        ok: result.is_ok(),
        error,
    }
}

fn main() -> ExitCode {
    // A parent's target run hands this one its target in the environment: read it (and
    // take it out of the environment) before anything else.
    let child = targets::Child::from_env();
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
        // A target's run: the parent printed the banner once.
        if let Err(e) = child.as_ref().map_or_else(|| text.banner(), |_| Ok(())) {
            // Nothing has run: the database is untouched.
            seqmig_core::report::stderr_line(&format!("seqmig: cannot write to stdout: {e}"));
            return ExitCode::from(1);
        }
        (Out::Text(text), None)
    };
    // Boa recurses on the Rust stack: give the run a generous one of its own.
    let ran = std::thread::scope(|scope| {
        std::thread::Builder::new()
            .stack_size(RUN_STACK_BYTES)
            .spawn_scoped(scope, || run(&cli, argv, &mut out, child.as_ref()))
            .expect("the run thread starts")
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    });
    let (result, pending_before, tally) = match ran {
        Ran::One {
            result,
            pending_before,
            tally,
        } => (result, pending_before, tally),
        Ran::Many(results) => return end_many(&cli, &results, json_sink),
    };
    if let Some(c) = &child {
        child_report(&cli, &result, pending_before, tally).write(&c.summary);
    }
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

/// The run thread: the targets the flags name, then one run here or one child per target.
fn run(cli: &Cli, argv: Vec<String>, out: &mut Out, child: Option<&targets::Child>) -> Ran {
    let one = |result| Ran::One {
        result,
        pending_before: None,
        tally: Tally::default(),
    };
    let cwd = match std::env::current_dir() {
        Ok(c) => c,
        Err(e) => return one(Err(CoreError::io("cannot read the working directory", e))),
    };
    let mut args = cli.global.to_global_args();
    let mut schema = None;
    match child {
        // A child runs its one target, given by its parent.
        Some(c) => {
            if c.url.is_some() {
                args.url = c.url.clone();
            }
            schema = c.schema.clone();
        }
        None => match targets::resolve(cli, &cwd, &argv) {
            Err(e) => return one(Err(e)),
            Ok(targets::Resolved::Default) => {}
            Ok(targets::Resolved::One(spec)) => match spec {
                seqmig_core::targets::TargetSpec::Url(u) => args.url = Some(u),
                seqmig_core::targets::TargetSpec::Schema(name) => {
                    schema = Some(seqmig_core::targets::TargetSchema {
                        name,
                        create: cli.command.targets().is_some_and(|t| t.create_schema),
                    })
                }
            },
            Ok(targets::Resolved::Many(list)) => {
                let t = cli
                    .command
                    .targets()
                    .expect("targets resolve only where they exist");
                let opts = targets::run::ManyOptions {
                    argv: &argv,
                    base_url: cli.global.url.first().cloned(),
                    parallel: t.parallel as usize,
                    keep_going: t.keep_going,
                    create_schema: t.create_schema,
                    json: cli.global.json,
                };
                return Ran::Many(targets::run_many(&list, &opts));
            }
        },
    }
    let mut engine = match Engine::new(&cwd, &args, argv) {
        Ok(e) => e,
        Err(e) => return one(Err(e)),
    };
    engine.safety = cli.global.safety(cli.command.run_flags());
    engine.target_schema = schema;
    match out {
        Out::Text(t) => t.set_cwd(&engine.project.cwd),
        Out::Json(j) => j.set_cwd(&engine.project.cwd),
    }
    let mut counting = Counting {
        inner: out,
        tally: Tally::default(),
    };
    let result = cli::commands::run(&cli.command, &cli.global, &mut engine, &mut counting);
    Ran::One {
        result,
        pending_before: engine.pending_before,
        tally: counting.tally,
    }
}

/// The end of a run on several targets: the summary (or the document), and exit 1 unless
/// every target succeeded.
fn end_many(
    cli: &Cli,
    results: &[targets::summary::TargetResult],
    json_sink: Option<std::fs::File>,
) -> ExitCode {
    let t = cli
        .command
        .targets()
        .expect("several targets only where they exist");
    let parallel = t.parallel as usize;
    if cli.global.json {
        let doc = targets::summary::document(cli.command.name(), parallel, t.keep_going, results);
        let text = serde_json::to_string_pretty(&doc).expect("JSON serializes");
        let _ = std::io::stdout().flush();
        let written = match json_sink {
            Some(mut sink) => writeln!(sink, "{text}").and_then(|_| sink.flush()),
            None => writeln!(std::io::stdout(), "{text}"),
        };
        if written.is_err() {
            seqmig_core::report::note_output_error();
        }
    } else {
        for line in targets::summary::text(
            cli.command.name(),
            cli.command.tally_kind(),
            parallel,
            results,
        ) {
            seqmig_core::report::stdout_line(&line);
        }
    }
    if std::io::stdout().flush().is_err() {
        seqmig_core::report::note_output_error();
    }
    if seqmig_core::report::output_failed() {
        seqmig_core::report::stderr_line(
            "seqmig: some output could not be written (stdout or stderr failed); what ran is recorded as usual",
        );
        return ExitCode::from(1);
    }
    if results.iter().all(|r| r.succeeded()) {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
