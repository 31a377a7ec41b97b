//! The generators (`init*`, `migration:generate`, `seed:generate`, `model:generate`)
//! against the real sequelize-cli: both tools run the same commands in twin folders with
//! the clock fixed (seqmig: `SEQMIG_NOW`; Node: a preloaded script that fixes `Date`), and
//! every exit status, stdout (banner aside), stderr and written file must be identical.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use crate::support::{self, repo_root, run_seqmig, Run, TempProject};

const STAMP: &str = "20240101120000";

/// Fixes `new Date()` / `Date.now()` at 2024-01-01T12:00:00Z inside the reference tool.
const FIX_DATE_JS: &str = r#"
const RealDate = Date;
const FIXED = RealDate.UTC(2024, 0, 1, 12, 0, 0);
class FixedDate extends RealDate {
  constructor(...args) { if (args.length === 0) { super(FIXED); } else { super(...args); } }
  static now() { return FIXED; }
}
global.Date = FixedDate;
"#;

fn reference_cli() -> PathBuf {
    repo_root().join("tests/compat/node_modules/.bin/sequelize")
}

fn skip() -> bool {
    crate::support::skip_differential()
}

/// The pinned sequelize-cli, installed by `tests/compat/install.sh` when missing.
fn ensure_reference() {
    static READY: OnceLock<Result<(), String>> = OnceLock::new();
    let ready = READY.get_or_init(|| {
        if reference_cli().exists() {
            return Ok(());
        }
        let out = Command::new("bash")
            .arg(repo_root().join("tests/compat/install.sh"))
            .output()
            .map_err(|e| format!("cannot run install.sh: {e}"))?;
        if !out.status.success() || !reference_cli().exists() {
            return Err(format!(
                "the pinned sequelize-cli is not available (Node.js and npm are needed; \
                 SEQMIG_SKIP_DIFFERENTIAL=1 skips these tests):\n{}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        Ok(())
    });
    if let Err(e) = ready {
        panic!("{e}");
    }
}

fn run_reference(cwd: &Path, args: &[&str], preload: &Path) -> Run {
    let mut cmd = Command::new("node");
    cmd.arg("--require").arg(preload).arg(reference_cli());
    cmd.args(args).current_dir(cwd).env("NO_COLOR", "1");
    for var in [
        "NODE_ENV",
        "NODE_OPTIONS",
        "FORCE_COLOR",
        "DEBUG",
        "DATABASE_URL",
    ] {
        cmd.env_remove(var);
    }
    let out = cmd.output().expect("node runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// stdout without the banner (its first three lines), stderr, paths masked.
fn shown(run: &Run, dir: &Path) -> String {
    let stdout: String = run.stdout.splitn(4, '\n').nth(3).unwrap_or("").to_string();
    let text = format!(
        "exit {}\n--- stdout\n{stdout}--- stderr\n{}",
        run.code, run.stderr
    );
    text.replace(&dir.display().to_string(), "<project>")
}

/// Every file under `dir`, by relative path.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            let rel = path.strip_prefix(dir).unwrap().display().to_string();
            if path.is_dir() {
                out.insert(format!("{rel}/"), Vec::new());
                stack.push(path);
            } else if rel != "fix-date.js" {
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

/// Run each command under both tools in twin folders (seeded with `setup` files) and
/// compare everything after every step.
fn compare_with_reference(setup: &[(&str, &str)], steps: &[&[&str]]) {
    if skip() {
        eprintln!("SEQMIG_SKIP_DIFFERENTIAL=1: generator comparison skipped");
        return;
    }
    ensure_reference();
    let reference = TempProject::new();
    let ours = TempProject::new();
    let preload = reference.path().join("fix-date.js");
    std::fs::write(&preload, FIX_DATE_JS).unwrap();
    for (rel, text) in setup {
        reference.write(rel, text);
        ours.write(rel, text);
    }
    for (i, args) in steps.iter().enumerate() {
        let r = run_reference(reference.path(), args, &preload);
        let s = run_seqmig(ours.path(), args, &[("SEQMIG_NOW", STAMP)]);
        assert_eq!(
            shown(&s, ours.path()),
            shown(&r, reference.path()),
            "step {i} `{}`: seqmig (left) and sequelize-cli (right) differ",
            args.join(" ")
        );
        let (rf, sf) = (files(reference.path()), files(ours.path()));
        let names = |m: &BTreeMap<String, Vec<u8>>| m.keys().cloned().collect::<Vec<_>>();
        assert_eq!(
            names(&sf),
            names(&rf),
            "step {i} `{}`: the files written differ",
            args.join(" ")
        );
        for (name, bytes) in &rf {
            assert!(
                sf[name] == *bytes,
                "step {i} `{}`: {name} differs\n--- seqmig\n{}\n--- sequelize-cli\n{}",
                args.join(" "),
                String::from_utf8_lossy(&sf[name]),
                String::from_utf8_lossy(bytes)
            );
        }
    }
}

#[test]
fn init_then_again_then_force_as_sequelize_cli() {
    compare_with_reference(
        &[],
        &[
            &["init"],
            &["init"],
            &["init:models"],
            &["init", "--force"],
            &["init:config", "--force"],
            &["init:migrations"],
            &["init:seeders", "--force"],
        ],
    );
}

#[test]
fn generators_write_what_sequelize_cli_writes() {
    compare_with_reference(
        &[],
        &[
            &["init"],
            &["migration:generate", "--name", "add-users"],
            &["migration:create", "--name", "second"],
            &["seed:generate", "--name", "demo-users"],
            &["seed:create", "--name", "more"],
            &["model:generate", "--name", "User", "--attributes", "name:string,age:integer,kind:enum:{a,b}"],
            &["model:generate", "--name", "User", "--attributes", "name:string"],
            &["model:create", "--name", "User", "--attributes", "email:string", "--force"],
            &[
                "model:generate",
                "--name",
                "UserProfile",
                "--attributes",
                "first_name:string last_name:string, role:enum:{Admin, Guest User},reviews:array:string",
                "--underscored",
            ],
            &["model:generate", "--name", "Category", "--attributes", "title:text,score:float"],
            &["model:generate", "--name", "Bad", "--attributes", "name:strin"],
            &["model:generate", "--name", "Bad", "--attributes", "name"],
        ],
    );
}

#[test]
fn model_generate_without_models_folder_fails_as_sequelize_cli() {
    compare_with_reference(
        &[],
        &[
            &[
                "model:generate",
                "--name",
                "User",
                "--attributes",
                "name:string",
            ],
            &["init:models"],
            &[
                "model:generate",
                "--name",
                "User",
                "--attributes",
                "name:string",
            ],
        ],
    );
}

#[test]
fn generators_honour_sequelizerc_paths() {
    let rc = "const path = require('path');\nmodule.exports = {\n  config: path.resolve('db', 'config.json'),\n  'models-path': path.resolve('db', 'models'),\n  'migrations-path': path.resolve('db', 'migrations'),\n  'seeders-path': path.resolve('db', 'seeders'),\n};\n";
    compare_with_reference(
        &[(".sequelizerc", rc)],
        &[
            &["init"],
            &[
                "model:generate",
                "--name",
                "Person",
                "--attributes",
                "name:string",
            ],
            &["migration:generate", "--name", "x"],
            &[
                "seed:generate",
                "--name",
                "y",
                "--seeders-path",
                "other/seeds",
            ],
        ],
    );
}

/// Without the reference tool: the fixed stamp, the files, and the exit codes.
#[test]
fn generated_migration_runs_under_seqmig() {
    let p = TempProject::new();
    run_seqmig(p.path(), &["init"], &[]).ok();
    p.sqlite_config();
    run_seqmig(
        p.path(),
        &[
            "model:generate",
            "--name",
            "User",
            "--attributes",
            "name:string,age:integer,kind:enum:{a,b}",
        ],
        &[("SEQMIG_NOW", STAMP)],
    )
    .ok();
    assert!(p
        .path()
        .join(format!("migrations/{STAMP}-create-user.js"))
        .exists());
    run_seqmig(p.path(), &["db:migrate"], &[]).ok();
    let schema = support::sqlite_schema(&p.db()).join("\n");
    assert!(schema.contains("CREATE TABLE `Users`"), "{schema}");
    run_seqmig(p.path(), &["db:migrate:undo:all"], &[]).ok();
    let bad = run_seqmig(p.path(), &["init"], &[]);
    bad.expect_code(1);
    assert!(bad
        .stderr
        .contains("ERROR: The file config/config.json already exists."));
}

/// `--models-path` as typed is what sequelize-cli prints (unresolved); `--config` moves the
/// path inside `models/index.js`.
#[test]
fn generators_honour_path_flags() {
    compare_with_reference(
        &[],
        &[
            &[
                "model:generate",
                "--name",
                "A",
                "--attributes",
                "a:string",
                "--models-path",
                "src/models",
            ],
            &[
                "init",
                "--models-path",
                "src/models",
                "--migrations-path",
                "db/mig",
                "--config",
                "cfg/db.json",
            ],
            &[
                "model:generate",
                "--name",
                "A",
                "--attributes",
                "a:string",
                "--models-path",
                "src/models",
                "--migrations-path",
                "db/mig",
            ],
            &["init:models", "--models-path", "src/models", "--force"],
        ],
    );
}
