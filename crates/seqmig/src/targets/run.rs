//! Running several targets: one child process per target, up to `--parallel` at once, in
//! the order given; their lines prefixed, their reports gathered for the summary.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use seqmig_core::targets::{Target, TargetSpec};
use serde_json::Value as Json;

use super::summary::{State, TargetResult};
use super::{child_args, ChildReport, ENV_CREATE_SCHEMA, ENV_SCHEMA, ENV_SUMMARY, ENV_URL};

/// How the parent was asked to run them.
pub struct ManyOptions<'a> {
    pub argv: &'a [String],
    /// The single `--url` schema targets run on, if one was given.
    pub base_url: Option<String>,
    pub parallel: usize,
    pub keep_going: bool,
    pub create_schema: bool,
    pub json: bool,
}

/// Run every target; the results in the order given (targets not started are `NotRun`).
pub fn run_many(targets: &[Target], opts: &ManyOptions<'_>) -> Vec<TargetResult> {
    let exe = std::env::current_exe();
    let args = child_args(opts.argv);
    let next = Mutex::new(0usize);
    let stop = AtomicBool::new(false);
    let results: Mutex<Vec<Option<TargetResult>>> = Mutex::new(vec![None; targets.len()]);
    let workers = opts.parallel.clamp(1, targets.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let i = {
                    let mut n = next.lock().unwrap_or_else(|p| p.into_inner());
                    if *n >= targets.len() || (stop.load(Ordering::SeqCst) && !opts.keep_going) {
                        break;
                    }
                    *n += 1;
                    *n - 1
                };
                let r = match &exe {
                    Ok(exe) => run_one(exe, &args, &targets[i], opts),
                    Err(e) => TargetResult::spawn_failed(
                        &targets[i].label,
                        format!("seqmig: cannot find its own executable to run this target: {e}"),
                    ),
                };
                if r.state == State::Failed {
                    stop.store(true, Ordering::SeqCst);
                }
                results.lock().unwrap_or_else(|p| p.into_inner())[i] = Some(r);
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|p| p.into_inner())
        .into_iter()
        .zip(targets)
        .map(|(r, t)| r.unwrap_or_else(|| TargetResult::not_run(&t.label)))
        .collect()
}

/// A file name for a child's report, unique to this process and target.
fn report_path(i: &str) -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    std::env::temp_dir().join(format!(
        "seqmig-target-{}-{nanos}-{}.json",
        std::process::id(),
        i.chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .take(40)
            .collect::<String>()
    ))
}

fn run_one(exe: &Path, args: &[String], target: &Target, opts: &ManyOptions<'_>) -> TargetResult {
    let report = report_path(&target.label);
    let mut cmd = Command::new(exe);
    cmd.args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .env(ENV_SUMMARY, &report)
        .env_remove(ENV_URL)
        .env_remove(ENV_SCHEMA)
        .env_remove(ENV_CREATE_SCHEMA);
    match &target.spec {
        TargetSpec::Url(u) => {
            cmd.env(ENV_URL, u);
        }
        TargetSpec::Schema(s) => {
            cmd.env(ENV_SCHEMA, s);
            if let Some(u) = &opts.base_url {
                cmd.env(ENV_URL, u);
            }
            if opts.create_schema {
                cmd.env(ENV_CREATE_SCHEMA, "1");
            }
        }
    }
    let started = Instant::now();
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => {
            return TargetResult::spawn_failed(
                &target.label,
                format!("seqmig: cannot start the run of this target: {e}"),
            )
        }
    };
    let prefix = format!("[{}] ", target.label);
    let stdout = child.stdout.take();
    let stderr = child.stderr.take();
    let (doc_bytes, status) = std::thread::scope(|scope| {
        let err_prefix = prefix.clone();
        let e = scope.spawn(move || {
            if let Some(s) = stderr {
                forward(s, &err_prefix, Sink::Stderr);
            }
        });
        let out = scope.spawn(|| {
            let mut kept = Vec::new();
            if let Some(mut s) = stdout {
                if opts.json {
                    let _ = s.read_to_end(&mut kept);
                } else {
                    forward(s, &prefix, Sink::Stdout);
                }
            }
            kept
        });
        let status = child.wait();
        let _ = e.join();
        (out.join().unwrap_or_default(), status)
    });
    let seconds = started.elapsed().as_secs_f64();
    let reported = std::fs::read_to_string(&report)
        .ok()
        .and_then(|t| serde_json::from_str::<Json>(&t).ok())
        .map(|v| ChildReport::from_json(&v));
    let _ = std::fs::remove_file(&report);
    let doc = if opts.json {
        serde_json::from_slice::<Json>(&doc_bytes).ok()
    } else {
        None
    };
    let code = status.as_ref().ok().and_then(|s| s.code());
    TargetResult::from_child(&target.label, code, reported, doc, seconds)
}

#[derive(Clone, Copy)]
enum Sink {
    Stdout,
    Stderr,
}

/// Copy a child's lines to ours, each prefixed; a line is written whole, so the lines of
/// targets running at once interleave but never mix.
fn forward(from: impl Read, prefix: &str, sink: Sink) {
    let mut reader = BufReader::new(from);
    let mut line = Vec::new();
    loop {
        line.clear();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
        if line.last() == Some(&b'\n') {
            line.pop();
        }
        let mut out = Vec::with_capacity(prefix.len() + line.len() + 1);
        if line.is_empty() {
            out.extend_from_slice(prefix.trim_end().as_bytes());
        } else {
            out.extend_from_slice(prefix.as_bytes());
            out.extend_from_slice(&line);
        }
        out.push(b'\n');
        let written = match sink {
            Sink::Stdout => {
                let mut o = std::io::stdout().lock();
                o.write_all(&out).and_then(|_| o.flush())
            }
            Sink::Stderr => std::io::stderr().lock().write_all(&out),
        };
        if written.is_err() {
            seqmig_core::report::note_output_error();
        }
    }
}
