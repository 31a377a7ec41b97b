//! A property test over hostile migration folders and configs (issue 22): random
//! migrations built from a grammar of hostile fragments (deep nesting, runaway strings,
//! recursion, throws, never-settling promises, lone surrogates, broken syntax) and random
//! configs with values of the wrong type. Whatever happens, a run exits 0 or 1, prints
//! no crash text and no password, and what it says it migrated is what SequelizeMeta holds.
//!
//! The case count is fixed (the CI budget is seconds); `SEQMIG_FUZZ_CASES=500` and
//! `SEQMIG_FUZZ_SEED=n` explore further. A failure prints its seed and case.

use crate::hostile_common::{assert_invariants, assert_no_secret};
use crate::support::{run_seqmig, TempProject};

const DEFAULT_CASES: u64 = 24;
const SECRET: &str = "FuzzPw7731";

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

fn nested(rng: &mut Rng) -> String {
    let depth = *rng.pick(&[3usize, 40, 400, 3_000, 20_000]);
    let (open, close) = *rng.pick(&[
        ("[", "]"),
        ("(", ")"),
        ("{a:", "}"),
        ("!", ""),
        ("x=>", ""),
        ("-", ""),
    ]);
    format!("const n = {}1{};", open.repeat(depth), close.repeat(depth))
}

fn fragment(rng: &mut Rng, table: usize) -> String {
    match rng.below(17) {
        0 | 1 | 2 => format!("await qi.createTable('t{table}', {{ id: S.INTEGER }});"),
        3 => "throw new Error('boom');".into(),
        4 => "'x'.repeat(2 ** 30);".into(),
        5 => "let s = 'ab'; for (let i = 0; i < 40; i++) s += s;".into(),
        6 => "(function f() { return f() + 1; })();".into(),
        7 => format!("try {{ (function f() {{ f(); }})(); }} catch (e) {{ await qi.createTable('caught{table}', {{ id: S.INTEGER }}); }}"),
        8 => nested(rng),
        9 => "const o = { toString() { return String(this); } }; String(o);".into(),
        10 => "await new Promise(() => {});".into(),
        11 => format!("await qi.createTable('s{table}', {{ v: S.STRING }}); await qi.bulkInsert('s{table}', [{{ v: 'a\\ud800' }}]);"),
        12 => (*rng.pick(&["{", ")", "await await;", "const = 1;", "`${"])).to_string(),
        13 => "Promise.reject(new Error('unawaited'));".into(),
        14 => "const y = 'y'.repeat(1 << 16).repeat(16); const a = []; for (let i = 0; i < 2000; i++) a.push(y + i);".into(),
        15 => "eval('['.repeat(30000));".into(),
        _ => format!("const f = function () {{ return {}; }}; JSON.stringify(f());", "[".repeat(200) + &"]".repeat(200)),
    }
}

fn migration(rng: &mut Rng, index: usize) -> String {
    let mut body = String::new();
    for k in 0..1 + rng.below(3) {
        body.push_str(&fragment(rng, index * 10 + k));
        body.push('\n');
    }
    if rng.below(8) == 0 {
        // Hostile code at the top level of the file, run by require().
        return format!("{body}module.exports = {{ async up() {{}}, async down() {{}} }};\n");
    }
    format!("module.exports = {{\n  async up(qi, S) {{\n{body}  }},\n  async down() {{}},\n}};\n")
}

fn wrong_value(rng: &mut Rng) -> serde_json::Value {
    rng.pick(&[
        serde_json::json!(42),
        serde_json::json!(true),
        serde_json::json!(null),
        serde_json::json!([1, "a"]),
        serde_json::json!({"nested": {"x": 1}}),
        serde_json::json!(-0.5),
    ])
    .clone()
}

/// The config: a SQLite one, sometimes with a key of the wrong type, a url carrying a
/// password, or as a config.js that misbehaves itself.
fn write_config(rng: &mut Rng, p: &TempProject) {
    let mut section =
        serde_json::json!({"dialect": "sqlite", "storage": "db.sqlite", "logging": false});
    match rng.below(6) {
        0 => {
            let key = *rng.pick(&[
                "storage",
                "dialect",
                "host",
                "migrationStorage",
                "migrationStorageTableName",
                "logging",
                "port",
                "password",
                "database",
                "dialectOptions",
            ]);
            section[key] = wrong_value(rng);
        }
        1 => {
            let urls = [
                format!("postgres://u:{SECRET}@h:abc/d"),
                format!("mysql://u:{SECRET}@h/d"),
                format!("u:{SECRET}@h/d"),
                format!("postgres://u:{SECRET}/x@h:1:2/d"),
            ];
            section = serde_json::json!({ "url": rng.pick(&urls) });
        }
        2 => {
            let deep = nested(rng);
            let configs = [
                format!("module.exports = {{ development: {} }};", section),
                format!("{deep}\nmodule.exports = {{ development: {} }};", section),
                "module.exports = async () => { throw new Error('config'); };".to_string(),
                format!("module.exports = {{ development: {{ dialect: 'postgres', host: 'h', port: 'abc', password: '{SECRET}' }} }};"),
            ];
            let js: &String = rng.pick(&configs);
            p.write("config/config.js", js);
            return;
        }
        _ => {}
    }
    p.write(
        "config/config.json",
        &serde_json::json!({ "development": section }).to_string(),
    );
}

fn meta(p: &TempProject) -> Vec<String> {
    let db = p.path().join("db.sqlite");
    if !db.exists() {
        return Vec::new();
    }
    let c = rusqlite::Connection::open(db).unwrap();
    let Ok(mut stmt) = c.prepare("SELECT name FROM SequelizeMeta") else {
        return Vec::new();
    };
    stmt.query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn hostile_migrations_and_configs_keep_the_run_invariants() {
    let env = |k: &str, d: u64| {
        std::env::var(k)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(d)
    };
    let seed = env("SEQMIG_FUZZ_SEED", 0x5EC0_1D22);
    let cases = env("SEQMIG_FUZZ_CASES", DEFAULT_CASES);
    let mut rng = Rng(seed | 1);
    for case in 0..cases {
        let p = TempProject::new();
        write_config(&mut rng, &p);
        let count = 1 + rng.below(3);
        for i in 0..count {
            p.write(
                &format!("migrations/2024010100000{i}-m{i}.js"),
                &migration(&mut rng, i),
            );
        }
        let mut args = vec!["db:migrate", "--max-memory", "512"];
        if rng.below(4) == 0 {
            args.push("--json");
        }
        let run = run_seqmig(p.path(), &args, &[]);
        let context = format!("seed {seed:#x} case {case}");
        std::panic::catch_unwind(|| {
            assert_invariants(&run, &meta(&p));
            assert_no_secret(&run, SECRET);
        })
        .unwrap_or_else(|e| {
            let files: Vec<String> = walkdir::WalkDir::new(p.path())
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file() && !e.path().ends_with("db.sqlite"))
                .map(|e| {
                    let text = std::fs::read_to_string(e.path()).unwrap_or_default();
                    format!(
                        "{}:\n{}",
                        e.path().display(),
                        text.chars().take(400).collect::<String>()
                    )
                })
                .collect();
            eprintln!(
                "{context} failed; args {args:?}; files:\n{}",
                files.join("\n")
            );
            std::panic::resume_unwind(e)
        });
    }
}
