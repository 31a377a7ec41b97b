//! A temp project per tool (the example's files plus a config/config.json for a fresh
//! database), and running one CLI command in it the way a user would.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::normalize::Tool;
use super::snapshot::{self, MysqlTarget, PgTarget, State};
use crate::support;

/// A step that takes longer than this is a hang (a promise that never settles).
/// sequelize-cli needs a second or two per step; a minute bounds what a hang costs CI.
const STEP_TIMEOUT: Duration = Duration::from_secs(60);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Dialect {
    Sqlite,
    Postgres,
    /// Sequelize's `mysql` dialect (driver mysql2), on the test MariaDB server.
    Mysql,
    /// Sequelize's `mariadb` dialect (the mariadb connector 2.x), on the same server.
    Mariadb,
}

impl Dialect {
    pub const ALL: [Dialect; 4] = [
        Dialect::Sqlite,
        Dialect::Postgres,
        Dialect::Mysql,
        Dialect::Mariadb,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Dialect::Sqlite => "sqlite",
            Dialect::Postgres => "postgres",
            Dialect::Mysql => "mysql",
            Dialect::Mariadb => "mariadb",
        }
    }

    pub fn from_name(name: &str) -> Option<Dialect> {
        Dialect::ALL.into_iter().find(|d| d.name() == name)
    }
}

pub enum Database {
    Sqlite(PathBuf),
    Postgres {
        target: PgTarget,
        // Held so the database outlives the test, whatever PgDb does on drop.
        _handle: support::pg::PgDb,
    },
    /// A database of the test MariaDB server, for either the mysql or the mariadb dialect.
    Mysql(MysqlTarget),
}

pub struct Project {
    pub tool: Tool,
    pub dir: tempfile::TempDir,
    pub db: Database,
    /// Epoch ms when the project was made: nothing a run writes as "now" is older.
    pub created_ms: i64,
}

/// Epoch milliseconds now.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("the clock is after 1970")
        .as_millis() as i64
}

/// What one command did.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub status: String,
    pub stdout: String,
    pub stderr: String,
}

impl Project {
    pub fn new(example_dir: &Path, example: &str, dialect: Dialect, tool: Tool) -> Project {
        let created_ms = now_ms();
        let dir = tempfile::Builder::new()
            .prefix(&format!(
                "seqmig-diff-{example}-{}-{}-",
                dialect.name(),
                tool.label()
            ))
            .tempdir()
            .expect("create a temp project");
        copy_example(example_dir, dir.path());
        // A real project has sequelize installed, and migrations `require('sequelize')`.
        // Both tools get the same node_modules; seqmig is expected not to need it.
        #[cfg(unix)]
        std::os::unix::fs::symlink(
            support::repo_root().join("tests/compat/node_modules"),
            dir.path().join("node_modules"),
        )
        .expect("link node_modules into the temp project");
        let (db, config) = match dialect {
            Dialect::Sqlite => {
                let storage = "database.sqlite";
                (
                    Database::Sqlite(dir.path().join(storage)),
                    serde_json::json!({ "development": { "dialect": "sqlite", "storage": storage } }),
                )
            }
            Dialect::Postgres => {
                let hint = format!("{example}_{}", tool.label()).replace('-', "_");
                let handle = support::pg::fresh_database(&hint);
                let password = match serde_json::to_value(&handle.password) {
                    Ok(serde_json::Value::String(s)) => Some(s),
                    _ => None,
                };
                let target = PgTarget {
                    url: handle.url(),
                    host: handle.host.to_string(),
                    port: handle.port.to_string(),
                    user: handle.user.to_string(),
                    password,
                    name: handle.name.to_string(),
                    bin_dir: PathBuf::from(support::pg::bin_dir()),
                };
                let config = serde_json::json!({ "development": {
                    "dialect": "postgres",
                    "host": handle.host,
                    "port": handle.port,
                    "username": handle.user,
                    "password": handle.password,
                    "database": handle.name,
                } });
                (
                    Database::Postgres {
                        target,
                        _handle: handle,
                    },
                    config,
                )
            }
            Dialect::Mysql | Dialect::Mariadb => {
                let hint =
                    format!("{example}_{}_{}", dialect.name(), tool.label()).replace('-', "_");
                let db = support::mariadb::fresh_database(&hint);
                let config = serde_json::json!({ "development": {
                    "dialect": dialect.name(),
                    "host": db.host,
                    "port": db.port,
                    "username": db.user,
                    "password": db.password,
                    "database": db.name,
                } });
                (Database::Mysql(MysqlTarget { name: db.name }), config)
            }
        };
        fs::create_dir_all(dir.path().join("config")).unwrap();
        fs::write(
            dir.path().join("config/config.json"),
            serde_json::to_string_pretty(&config).unwrap() + "\n",
        )
        .unwrap();
        Project {
            tool,
            dir,
            db,
            created_ms,
        }
    }

    /// Strings that name this project and differ from the other tool's by construction.
    pub fn own_paths(&self) -> Vec<String> {
        let mut v = vec![self.dir.path().display().to_string()];
        if let Ok(c) = self.dir.path().canonicalize() {
            v.push(c.display().to_string());
        }
        v
    }

    pub fn database_name(&self) -> Option<&str> {
        match &self.db {
            Database::Sqlite(_) => None,
            Database::Postgres { target, .. } => Some(&target.name),
            Database::Mysql(target) => Some(&target.name),
        }
    }

    /// The database's state, followed by that of every other SQLite file in the project
    /// (a second database a migration opened with `new Sequelize(...)`).
    pub fn state(&self) -> State {
        let mut state = match &self.db {
            Database::Sqlite(path) => snapshot::sqlite(path),
            Database::Postgres { target, .. } => snapshot::postgres(target),
            Database::Mysql(target) => snapshot::mysql(target),
        };
        let main = match &self.db {
            Database::Sqlite(path) => Some(path.clone()),
            Database::Postgres { .. } | Database::Mysql(_) => None,
        };
        for other in self.other_sqlite_files(main.as_deref()) {
            let name = other.file_name().unwrap().to_string_lossy().into_owned();
            let s = snapshot::sqlite(&other);
            state
                .schema
                .push_str(&format!("\n[[second database {name}]]\n{}", s.schema));
            state
                .rows
                .push_str(&format!("\n[[second database {name}]]\n{}", s.rows));
        }
        state
    }

    fn other_sqlite_files(&self, main: Option<&Path>) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = fs::read_dir(self.dir.path())
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "sqlite"))
            .filter(|p| Some(p.as_path()) != main)
            .collect();
        files.sort();
        files
    }

    /// Runs the tool with `args` in the project, as a user at a terminal would (minus colour).
    pub fn run(&self, args: &[String]) -> Outcome {
        let mut cmd = match self.tool {
            Tool::Reference => {
                let mut c = Command::new("node");
                c.arg(reference_cli());
                c
            }
            Tool::Seqmig => Command::new(support::seqmig_bin()),
        };
        cmd.args(args).current_dir(self.dir.path());
        // Both tools get the same environment; these would change what either prints or
        // which config environment it reads.
        for var in ["NODE_ENV", "NODE_OPTIONS", "FORCE_COLOR", "DEBUG"] {
            cmd.env_remove(var);
        }
        cmd.env("NO_COLOR", "1");
        run_with_timeout(cmd, self.dir.path(), STEP_TIMEOUT)
    }
}

pub fn reference_cli() -> PathBuf {
    support::repo_root().join("tests/compat/node_modules/.bin/sequelize")
}

fn copy_example(from: &Path, to: &Path) {
    for entry in fs::read_dir(from).unwrap_or_else(|e| panic!("read {}: {e}", from.display())) {
        let entry = entry.unwrap();
        let name = entry.file_name();
        // example.json describes the folder to the harness; it is not part of a user's project.
        if from.join("example.json") == entry.path() {
            continue;
        }
        let target = to.join(&name);
        if entry.file_type().unwrap().is_dir() {
            fs::create_dir_all(&target).unwrap();
            copy_example(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Output goes to files, not pipes, so a chatty or hung child can neither block on a full
/// pipe nor hold the test forever.
fn run_with_timeout(mut cmd: Command, dir: &Path, timeout: Duration) -> Outcome {
    let out_path = dir.join(".seqmig-diff-stdout");
    let err_path = dir.join(".seqmig-diff-stderr");
    let stdout = fs::File::create(&out_path).unwrap();
    let stderr = fs::File::create(&err_path).unwrap();
    cmd.stdin(Stdio::null()).stdout(stdout).stderr(stderr);
    let program = format!("{:?}", cmd.get_program());
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => {
            return Outcome {
                status: format!("could not start {program}: {e}"),
                stdout: String::new(),
                stderr: String::new(),
            }
        }
    };
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(s)) => break describe_status(s),
            Ok(None) if started.elapsed() > timeout => {
                let _ = child.kill();
                let _ = child.wait();
                break format!("killed: still running after {} s", timeout.as_secs());
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => break format!("wait failed: {e}"),
        }
    };
    let read = |p: &Path| {
        let bytes = fs::read(p).unwrap_or_default();
        let _ = fs::remove_file(p);
        String::from_utf8_lossy(&bytes).into_owned()
    };
    Outcome {
        status,
        stdout: read(&out_path),
        stderr: read(&err_path),
    }
}

fn describe_status(s: std::process::ExitStatus) -> String {
    match s.code() {
        Some(c) => format!("exit {c}"),
        None => {
            #[cfg(unix)]
            {
                use std::os::unix::process::ExitStatusExt;
                if let Some(sig) = s.signal() {
                    return format!("killed by signal {sig}");
                }
            }
            format!("{s}")
        }
    }
}
