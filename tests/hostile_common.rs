//! What every run on hostile input must keep, whatever it prints: exit 0 or 1, no
//! crash text, no password, and what stdout says was migrated is what SequelizeMeta holds.

use crate::support::Run;

/// Migration files that stdout says were migrated: `== name: migrated (…)` lines, or
/// under `--json` the `up` entries without an error.
pub fn said_migrated(stdout: &str) -> Vec<String> {
    if let Ok(doc) = serde_json::from_str::<serde_json::Value>(stdout) {
        return doc["migrations"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|m| m["direction"] == "up" && m["error"].is_null())
            .filter_map(|m| m["file"].as_str().map(str::to_string))
            .collect();
    }
    stdout
        .lines()
        .filter_map(|l| l.strip_prefix("== "))
        .filter_map(|l| l.split_once(": migrated ("))
        .map(|(name, _)| format!("{name}.js"))
        .collect()
}

#[track_caller]
pub fn assert_no_crash(run: &Run) {
    assert!(
        run.code == 0 || run.code == 1,
        "exit status {}\n--- stdout\n{}\n--- stderr\n{}",
        run.code,
        run.stdout,
        run.stderr
    );
    for text in [&run.stdout, &run.stderr] {
        for crash in [
            "panicked",
            "stack backtrace",
            "fatal runtime error",
            "RUST_BACKTRACE",
        ] {
            assert!(
                !text.contains(crash),
                "{crash}\n--- stdout\n{}\n--- stderr\n{}",
                run.stdout,
                run.stderr
            );
        }
    }
}

#[track_caller]
pub fn assert_no_secret(run: &Run, secret: &str) {
    assert!(
        !run.stdout.contains(secret) && !run.stderr.contains(secret),
        "the password is printed\n--- stdout\n{}\n--- stderr\n{}",
        run.stdout,
        run.stderr
    );
}

/// The invariants, with SequelizeMeta's rows as read after the run.
#[track_caller]
pub fn assert_invariants(run: &Run, meta: &[String]) {
    assert_no_crash(run);
    let mut said = said_migrated(&run.stdout);
    said.sort();
    let mut meta = meta.to_vec();
    meta.sort();
    assert_eq!(
        said, meta,
        "stdout's migrated lines differ from SequelizeMeta\n--- stdout\n{}\n--- stderr\n{}",
        run.stdout, run.stderr
    );
}
