//! Several targets in one run (issue 19): `--url` more than once, `--urls-file`,
//! `--schema`, `--schemas-file`, `--schemas-query`.
//!
//! With one target the run is today's, in this process. With more, each target is a run
//! of this same binary in a child process (the arguments without the target flags; the
//! target in the environment, never on the command line where a password would show in
//! `ps`): its own lock, storage table, crash marker, memory limit and JS runtime, and its
//! lines exactly as a single run prints them. This process prefixes each line with
//! `[target] `, starts up to `--parallel` children in the order given, stops starting new
//! ones after the first failure (unless `--keep-going`) and prints the summary, or under
//! `--json` one document with an entry per target.

mod resolve;
pub mod run;
pub mod summary;

pub use resolve::{resolve, Resolved};
pub use run::run_many;

use std::path::PathBuf;

use seqmig_core::targets::TargetSchema;
use serde_json::{json, Value as Json};

/// The environment a parent hands a child target run.
const ENV_URL: &str = "SEQMIG_TARGET_URL";
const ENV_SCHEMA: &str = "SEQMIG_TARGET_SCHEMA";
const ENV_CREATE_SCHEMA: &str = "SEQMIG_TARGET_CREATE_SCHEMA";
const ENV_SUMMARY: &str = "SEQMIG_TARGET_SUMMARY";

/// This process is one target of a parent's run: what it runs on, and where it leaves its
/// numbers for the parent's summary.
#[derive(Debug, Clone)]
pub struct Child {
    pub url: Option<String>,
    pub schema: Option<TargetSchema>,
    pub summary: PathBuf,
}

impl Child {
    /// Read (and remove, so that nothing the migrations start inherits them) the
    /// variables a parent set. Called first thing in `main`, before any thread starts.
    pub fn from_env() -> Option<Child> {
        let summary = std::env::var_os(ENV_SUMMARY)?;
        let url = std::env::var(ENV_URL).ok();
        let schema = std::env::var(ENV_SCHEMA).ok().map(|name| TargetSchema {
            name,
            create: std::env::var_os(ENV_CREATE_SCHEMA).is_some(),
        });
        for k in [ENV_URL, ENV_SCHEMA, ENV_CREATE_SCHEMA, ENV_SUMMARY] {
            std::env::remove_var(k);
        }
        Some(Child {
            url,
            schema,
            summary: PathBuf::from(summary),
        })
    }
}

/// What a child leaves for the parent: how many migrations it ran, how many are pending
/// after it, whether it succeeded and its error in one line.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChildReport {
    pub applied: Option<usize>,
    pub pending: Option<usize>,
    pub ok: bool,
    pub error: Option<String>,
}

impl ChildReport {
    pub fn to_json(&self) -> Json {
        json!({"applied": self.applied, "pending": self.pending, "ok": self.ok, "error": self.error})
    }

    pub fn from_json(v: &Json) -> ChildReport {
        let n = |k: &str| v.get(k).and_then(Json::as_u64).map(|n| n as usize);
        ChildReport {
            applied: n("applied"),
            pending: n("pending"),
            ok: v.get("ok").and_then(Json::as_bool).unwrap_or(false),
            error: v.get("error").and_then(Json::as_str).map(str::to_string),
        }
    }

    /// Write it where the parent asked (a failure to write is the parent's "no report").
    pub fn write(&self, path: &std::path::Path) {
        let _ = std::fs::write(path, self.to_json().to_string());
    }
}

/// The flags that choose targets: a child gets the arguments without them.
const VALUED: &[&str] = &[
    "--url",
    "--urls-file",
    "--schema",
    "--schemas-file",
    "--schemas-query",
    "--parallel",
];
const FLAGS: &[&str] = &["--create-schema", "--keep-going"];

/// The arguments (without the program) a child target run gets.
pub fn child_args(argv: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let mut it = argv.iter().skip(1);
    while let Some(a) = it.next() {
        if a == "--" {
            out.push(a.clone());
            out.extend(it.cloned());
            break;
        }
        if VALUED.contains(&a.as_str()) {
            it.next();
            continue;
        }
        if FLAGS.contains(&a.as_str())
            || VALUED
                .iter()
                .any(|f| a.strip_prefix(f).is_some_and(|r| r.starts_with('=')))
            || FLAGS
                .iter()
                .any(|f| a.strip_prefix(f).is_some_and(|r| r.starts_with('=')))
        {
            continue;
        }
        out.push(a.clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &[&str]) -> Vec<String> {
        s.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn child_args_drop_every_target_flag_and_keep_the_rest() {
        let argv = v(&[
            "seqmig",
            "--url",
            "postgres://a:pw@h/db",
            "db:migrate",
            "--url=sqlite://x",
            "--schema",
            "t1",
            "--schemas-file=-",
            "--parallel",
            "3",
            "--keep-going",
            "--create-schema",
            "--to",
            "2024-x.js",
            "--json",
            "--schemas-query",
            "SELECT 1",
            "--urls-file",
            "u.txt",
        ]);
        assert_eq!(
            child_args(&argv),
            v(&["db:migrate", "--to", "2024-x.js", "--json"])
        );
    }

    #[test]
    fn child_report_round_trips() {
        let r = ChildReport {
            applied: Some(3),
            pending: None,
            ok: false,
            error: Some("boom".into()),
        };
        assert_eq!(ChildReport::from_json(&r.to_json()), r);
    }
}
