//! What the safety tests share: PostgreSQL projects and dumps, many runs at once, and
//! runs killed in the middle.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{pg, seqmig_bin, Run, TempProject};

/// A project whose `development` environment is the PostgreSQL database `db`; `extra`
/// keys join the environment's section.
pub fn pg_project(db: &pg::PgDb, extra: serde_json::Value) -> TempProject {
    let p = TempProject::new();
    let mut env = serde_json::json!({
        "dialect": "postgres", "host": db.host, "port": db.port, "username": db.user,
        "password": db.password, "database": db.name, "logging": false });
    if let (Some(env), Some(extra)) = (env.as_object_mut(), extra.as_object()) {
        env.extend(extra.clone());
    }
    p.write(
        "config/config.json",
        &serde_json::json!({ "development": env }).to_string(),
    );
    p
}

/// `config/config.json` for `db.sqlite` with `extra` keys in the section.
pub fn sqlite_project(extra: serde_json::Value) -> TempProject {
    let p = TempProject::new();
    let mut env =
        serde_json::json!({ "dialect": "sqlite", "storage": "db.sqlite", "logging": false });
    if let (Some(env), Some(extra)) = (env.as_object_mut(), extra.as_object()) {
        env.extend(extra.clone());
    }
    p.write(
        "config/config.json",
        &serde_json::json!({ "development": env }).to_string(),
    );
    p
}

pub fn pg_client(db: &pg::PgDb) -> postgres::Client {
    let mut cfg = postgres::Config::new();
    cfg.host(&db.host)
        .port(db.port)
        .user(&db.user)
        .dbname(&db.name);
    if let Some(pw) = &db.password {
        cfg.password(pw);
    }
    cfg.connect(postgres::NoTls).unwrap()
}

fn strings(client: &mut postgres::Client, sql: &str) -> Vec<String> {
    client
        .query(sql, &[])
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect()
}

/// Tables, columns, indexes, constraints, enum types and sequences of `public`, as text.
pub fn pg_schema(db: &pg::PgDb) -> Vec<String> {
    let mut c = pg_client(db);
    let mut out = strings(
        &mut c,
        "SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position",
    );
    out.extend(strings(&mut c, "SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname"));
    out.extend(strings(
        &mut c,
        "SELECT 'constraint ' || conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY conname",
    ));
    out.extend(strings(&mut c, "SELECT 'type ' || typname FROM pg_type WHERE typnamespace = 'public'::regnamespace AND typtype = 'e' ORDER BY typname"));
    out.extend(strings(&mut c, "SELECT 'sequence ' || sequence_name FROM information_schema.sequences WHERE sequence_schema = 'public' ORDER BY 1"));
    out
}

/// Every row of `table` as text, in a stable order; empty when the table does not exist.
pub fn pg_rows(db: &pg::PgDb, table: &str) -> Vec<String> {
    let mut c = pg_client(db);
    let exists: bool = c
        .query_one(
            "SELECT to_regclass($1) IS NOT NULL",
            &[&format!("public.\"{table}\"")],
        )
        .unwrap()
        .get(0);
    if !exists {
        return Vec::new();
    }
    strings(
        &mut c,
        &format!("SELECT t::text FROM \"{table}\" t ORDER BY 1"),
    )
}

pub fn pg_table_exists(db: &pg::PgDb, table: &str) -> bool {
    pg_client(db)
        .query_one(
            "SELECT to_regclass($1) IS NOT NULL",
            &[&format!("public.\"{table}\"")],
        )
        .unwrap()
        .get(0)
}

pub fn sqlite_table_exists(p: &TempProject, table: &str) -> bool {
    let n: i64 = p
        .db()
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
            [table],
            |r| r.get(0),
        )
        .unwrap();
    n == 1
}

/// Every row of a SQLite table as text.
pub fn sqlite_rows(p: &TempProject, table: &str) -> Vec<String> {
    if !sqlite_table_exists(p, table) {
        return Vec::new();
    }
    let db = p.db();
    let mut stmt = db.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
    let width = stmt.column_count();
    let mut rows: Vec<String> = stmt
        .query_map([], |r| {
            Ok((0..width)
                .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                .collect::<Vec<_>>()
                .join("|"))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    rows.sort();
    rows
}

/// Start seqmig in `cwd` without waiting for it; its output is piped.
pub fn spawn_seqmig(cwd: &Path, args: &[&str]) -> Child {
    Command::new(seqmig_bin())
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env_remove("NODE_ENV")
        .env_remove("DATABASE_URL")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("seqmig starts")
}

fn output_of(out: std::process::Output) -> Run {
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Start `n` seqmig processes at once in `cwd`, then wait for all of them.
pub fn run_many(cwd: &Path, args: &[&str], n: usize) -> Vec<Run> {
    let children: Vec<_> = (0..n).map(|_| spawn_seqmig(cwd, args)).collect();
    children
        .into_iter()
        .map(|c| output_of(c.wait_with_output().unwrap()))
        .collect()
}

/// Wait until `file` appears (the migration is inside its pause), or fail with the run's
/// output if the process ends first.
pub fn wait_for_file(child: &mut Child, file: &Path) {
    let deadline = Instant::now() + Duration::from_secs(120);
    while !file.exists() {
        if let Some(status) = child.try_wait().unwrap() {
            let out = child.stdout.take().map(read_all).unwrap_or_default();
            let err = child.stderr.take().map(read_all).unwrap_or_default();
            panic!("seqmig ended ({status}) before the pause\n{out}\n{err}");
        }
        assert!(Instant::now() < deadline, "no ready file after 120 s");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn read_all(mut r: impl std::io::Read) -> String {
    let mut s = String::new();
    let _ = r.read_to_string(&mut s);
    s
}

/// SIGKILL, then reap it: no handler, no cleanup, like the OOM killer. `code` is -1.
pub fn kill9(child: Child) -> Run {
    let status = Command::new("kill")
        .args(["-9", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), None, "killed by a signal");
    output_of(out)
}
