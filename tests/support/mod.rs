//! What the integration tests share: the seqmig binary, temp projects, databases.
#![allow(dead_code)]

pub mod pg;

/// The throwaway MariaDB server (one per test process), for the mysql and mariadb dialects.
pub use seqmig_db::testing::mariadb;

use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository's root.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// The seqmig binary under test.
pub fn seqmig_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_seqmig"))
}

/// What one seqmig run printed and how it exited.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Fail with everything printed unless the run exited as expected.
    #[track_caller]
    pub fn expect_code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code, code,
            "exit status\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }
    #[track_caller]
    pub fn ok(&self) -> &Self {
        self.expect_code(0)
    }
    /// stdout and stderr, with durations masked and the project's path replaced by `<project>`.
    pub fn masked(&self, project: &Path) -> String {
        let text = format!("--- stdout\n{}--- stderr\n{}", self.stdout, self.stderr);
        mask(&text, project)
    }
}

/// Mask what changes from run to run: durations and temp paths.
pub fn mask(text: &str, project: &Path) -> String {
    let text = text.replace(&project.display().to_string(), "<project>");
    mask_durations(&text)
}

/// `(0.012s)` → `(<t>s)`.
fn mask_durations(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('(') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let digits: usize = after
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .map(char::len_utf8)
            .sum();
        if digits > 0 && after[digits..].starts_with("s)") {
            out.push_str("(<t>s)");
            rest = &after[digits + 2..];
        } else {
            out.push('(');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// A throwaway project folder.
pub struct TempProject {
    pub dir: tempfile::TempDir,
}

impl TempProject {
    pub fn new() -> Self {
        TempProject {
            dir: tempfile::Builder::new()
                .prefix("seqmig-test-")
                .tempdir()
                .unwrap(),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Write a file (creating folders).
    pub fn write(&self, rel: &str, text: &str) -> &Self {
        let p = self.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
        self
    }

    /// `config/config.json` for a SQLite file `db.sqlite` in the project, environment `development`.
    pub fn sqlite_config(&self) -> &Self {
        self.write(
            "config/config.json",
            r#"{ "development": { "dialect": "sqlite", "storage": "db.sqlite", "logging": false } }"#,
        )
    }

    /// Copy an example's folders (`migrations/`, `seeders/`, ...) into the project.
    pub fn with_example(&self, name: &str) -> &Self {
        copy_dir(
            &repo_root().join("migrations-examples").join(name),
            self.path(),
        );
        self
    }

    /// Run seqmig in the project with `NO_COLOR=1`.
    pub fn seqmig(&self, args: &[&str]) -> Run {
        run_seqmig(self.path(), args, &[])
    }

    pub fn db(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(self.path().join("db.sqlite")).unwrap()
    }
}

pub fn run_seqmig(cwd: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = Command::new(seqmig_bin());
    cmd.args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env_remove("NODE_ENV")
        .env_remove("DATABASE_URL");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("seqmig runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).min_depth(1) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// The schema of a SQLite database as `sqlite_master` holds it, SequelizeMeta aside.
pub fn sqlite_schema(db: &rusqlite::Connection) -> Vec<String> {
    let mut stmt = db
        .prepare("SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_master WHERE name NOT IN ('SequelizeMeta', 'sqlite_sequence') AND name NOT LIKE 'sqlite_autoindex_%' ORDER BY type, name")
        .unwrap();
    stmt.query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// The names SequelizeMeta holds, in order.
pub fn sqlite_meta(db: &rusqlite::Connection) -> Vec<String> {
    let mut stmt = db
        .prepare("SELECT name FROM SequelizeMeta ORDER BY name")
        .unwrap();
    stmt.query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// Every example folder and what its `example.json` says.
pub fn examples() -> Vec<(String, serde_json::Value)> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(repo_root().join("migrations-examples")).unwrap() {
        let e = e.unwrap();
        let meta = e.path().join("example.json");
        if meta.exists() {
            let v: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(meta).unwrap()).unwrap();
            out.push((e.file_name().to_string_lossy().into_owned(), v));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// The one explicit opt-out of the tests that need Node: `SEQMIG_SKIP_DIFFERENTIAL=1`
/// (any other value runs them, so a stray variable cannot skip them silently).
pub fn skip_differential() -> bool {
    std::env::var("SEQMIG_SKIP_DIFFERENTIAL").as_deref() == Ok("1")
}

/// The pinned sequelize-cli toolchain (tests/compat), installed on first use.
pub fn compat_dir() -> PathBuf {
    let compat = repo_root().join("tests/compat");
    let status = Command::new("bash")
        .arg(compat.join("install.sh"))
        .status()
        .expect("bash runs");
    assert!(status.success(), "tests/compat/install.sh failed");
    compat
}

/// Run the pinned sequelize-cli in `cwd` (no colour, no NODE_ENV); it must succeed.
pub fn sequelize_cli(compat: &Path, cwd: &Path, args: &[&str]) {
    let out = Command::new("node")
        .arg(compat.join("node_modules/.bin/sequelize"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env_remove("NODE_ENV")
        .env_remove("NODE_OPTIONS")
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "sequelize-cli {args:?}:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `text` as a regex matching itself (for an insta filter of a temp path).
pub fn regex_escape(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '/' || c == '_' || c == '-' {
                c.to_string()
            } else {
                format!("\\{c}")
            }
        })
        .collect()
}

/// A run as a snapshot shows it: the exit code, then stdout and stderr.
pub fn shown(run: &Run) -> String {
    format!(
        "exit {}\n--- stdout\n{}--- stderr\n{}",
        run.code, run.stdout, run.stderr
    )
}
