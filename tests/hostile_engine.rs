//! Hostile migration sources (issue 22, items 6, 7, 9, 10): deep nesting, runaway
//! strings and heaps, infinite recursion. Each fails the migration as Node would (or is
//! caught by the migration as under Node), never crashes the process.

use crate::hostile_common::{assert_invariants, assert_no_crash};
use crate::safety_common::{pg_client, pg_project, pg_table_exists};
use crate::support::{pg, sqlite_meta, TempProject};

const FIRST: &str = r#"module.exports = {
  up: (qi, S) => qi.createTable('first', { id: { type: S.INTEGER, primaryKey: true } }),
  down: (qi) => qi.dropTable('first'),
};
"#;

fn sqlite_project_with(second: &str) -> TempProject {
    let p = TempProject::new();
    p.sqlite_config()
        .write("migrations/20240101000001-first.js", FIRST)
        .write("migrations/20240101000002-second.js", second);
    p
}

fn sqlite_table_exists(p: &TempProject, table: &str) -> bool {
    let n: i64 = p
        .db()
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE name = ?1",
            [table],
            |r| r.get(0),
        )
        .unwrap();
    n == 1
}

/// The second migration failed: only the first is recorded, and the run said so.
#[track_caller]
fn assert_second_failed(p: &TempProject, run: &crate::support::Run, message: &str) {
    run.expect_code(1);
    assert_invariants(run, &sqlite_meta(&p.db()));
    assert_eq!(sqlite_meta(&p.db()), ["20240101000001-first.js"]);
    assert!(run.stderr.contains(message), "{}", run.stderr);
    assert!(
        !p.path().join("db.sqlite.seqmig-inflight").exists(),
        "the crash marker was left behind"
    );
}

fn nested(depth: usize) -> String {
    format!(
        "module.exports = {{ up: async () => {{ const x = {}1{}; }}, down: async () => {{}} }};\n",
        "[".repeat(depth),
        "]".repeat(depth)
    )
}

#[test]
fn source_nested_15000_deep_is_a_range_error_naming_the_file_not_a_stack_overflow() {
    let p = sqlite_project_with(&nested(15_000));
    let run = p.seqmig(&["db:migrate"]);
    assert_second_failed(&p, &run, "Maximum call stack size exceeded");
    assert!(
        run.stderr
            .contains("migrations/20240101000002-second.js:1:"),
        "{}",
        run.stderr
    );
    // A nesting Node parses is parsed here too.
    let ok = sqlite_project_with(&nested(500));
    ok.seqmig(&["db:migrate"]).ok();
    assert_eq!(sqlite_meta(&ok.db()).len(), 2);
}

#[test]
fn config_js_nested_15000_deep_is_one_error_not_a_stack_overflow() {
    let p = TempProject::new();
    let deep = format!(
        "const x = {}1{};\nmodule.exports = {{ development: {{ dialect: 'sqlite', storage: 'db.sqlite' }} }};\n",
        "(".repeat(15_000),
        ")".repeat(15_000)
    );
    p.write("config/config.js", &deep)
        .write("migrations/20240101000001-first.js", FIRST);
    let run = p.seqmig(&["db:migrate"]);
    run.expect_code(1);
    assert_no_crash(&run);
    assert!(
        run.stderr.contains("Maximum call stack size exceeded"),
        "{}",
        run.stderr
    );
    assert!(!p.path().join("db.sqlite").exists());
}

#[test]
fn a_long_operator_chain_and_deep_eval_do_not_crash() {
    // Not brackets: `1+1+…` and `a.b.b.…` nest the AST as deeply as brackets do.
    let chain = format!(
        "module.exports = {{ up: async (qi, S) => {{ const n = {}1; const o = {{}}; o.b = o; const m = o{}; if (n !== 50001 || m !== o) throw new Error('wrong ' + n); await qi.createTable('chain', {{ id: S.INTEGER }}); }}, down: async () => {{}} }};\n",
        "1+".repeat(50_000),
        ".b".repeat(50_000)
    );
    let p = sqlite_project_with(&chain);
    let run = p.seqmig(&["db:migrate"]);
    assert_no_crash(&run);
    assert_invariants(&run, &sqlite_meta(&p.db()));
    // Prefix chains nest without brackets: `------1`, `!!!!1`, `a = a = …`, `x => x => …`.
    for chain in ["-", "!", "a = ", "x => ", "c ? 1 : ", "typeof "] {
        let p = sqlite_project_with(&format!(
            "module.exports = {{ up: async () => {{ let a, c; const n = {}1; }}, down: async () => {{}} }};\n",
            chain.repeat(20_000)
        ));
        let run = p.seqmig(&["db:migrate"]);
        assert_no_crash(&run);
        assert_invariants(&run, &sqlite_meta(&p.db()));
    }
    let p = sqlite_project_with(&chain);
    let run = p.seqmig(&["db:migrate"]);
    assert_no_crash(&run);
    assert_invariants(&run, &sqlite_meta(&p.db()));
    // eval() of deep source parses at run time, past the file's own check.
    let deep = "[".repeat(15_000);
    let p = sqlite_project_with(&format!(
        "module.exports = {{ up: async (qi, S) => {{ try {{ eval('{deep}'); }} catch (e) {{ await qi.createTable('caught_' + e.name, {{ id: S.INTEGER }}); }} }}, down: async () => {{}} }};\n"
    ));
    let run = p.seqmig(&["db:migrate"]);
    assert_no_crash(&run);
    assert_invariants(&run, &sqlite_meta(&p.db()));
}

#[test]
fn string_repeat_past_v8s_length_cap_is_a_catchable_range_error() {
    let p = sqlite_project_with(
        r#"module.exports = {
  async up(qi, S) {
    try { 'x'.repeat(2 ** 30); } catch (e) {
      if (e instanceof RangeError && e.message === 'Invalid string length') {
        await qi.createTable('caught', { id: S.INTEGER });
      }
    }
    'x'.repeat(2 ** 30);
  },
  async down() {},
};
"#,
    );
    let run = p.seqmig(&["db:migrate"]);
    assert_second_failed(&p, &run, "ERROR: Invalid string length");
    // Caught once, then thrown: the migration's own work stays, it is not recorded.
    assert!(sqlite_table_exists(&p, "caught"));
}

#[test]
fn a_loop_doubling_a_string_stops_at_the_length_cap() {
    let p = sqlite_project_with(
        "module.exports = { async up() { let s = 'x'; for (;;) s += s; }, async down() {} };\n",
    );
    let run = p.seqmig(&["db:migrate"]);
    assert_second_failed(&p, &run, "ERROR: Invalid string length");
    // Template literals, concat, padStart and join are held to the same cap.
    for grow in [
        "for (;;) s = `${s}${s}`;",
        "for (;;) s = s.concat(s);",
        "s.padStart(2 ** 30);",
        "new Array(2 ** 20).fill(s.repeat(1024)).join('');",
    ] {
        let p = sqlite_project_with(&format!(
            "module.exports = {{ async up() {{ let s = 'x'; {grow} }}, async down() {{}} }};\n"
        ));
        let run = p.seqmig(&["db:migrate"]);
        assert_second_failed(&p, &run, "ERROR: Invalid string length");
    }
}

#[test]
fn a_heap_past_max_memory_fails_the_migration_and_records_nothing() {
    let p = sqlite_project_with(
        r#"module.exports = {
  async up() {
    const keep = [];
    const x = 'x'.repeat(1 << 16).repeat(16);
    try {
      for (let i = 0; ; i++) keep.push(x + i);
    } catch (e) {
      // Not catchable: the migration must not go on and be recorded.
      keep.length = 0;
    }
  },
  async down() {},
};
"#,
    );
    let run = p.seqmig(&["db:migrate", "--max-memory", "256"]);
    assert_second_failed(&p, &run, "JavaScript heap out of memory");
    // The default limit leaves ordinary migrations alone.
    let ok = sqlite_project_with(
        "module.exports = { async up() { const x = 'x'.repeat(1 << 20); const a = []; for (let i = 0; i < 256; i++) a.push(x + i); }, async down() {} };\n",
    );
    ok.seqmig(&["db:migrate"]).ok();
    assert_eq!(sqlite_meta(&ok.db()).len(), 2);
}

const RECURSION: &str = r#"module.exports = {
  async up(qi, S) {
    function f(n) { return f(n + 1) + 1; }
    try { f(0); } catch (e) {
      if (e instanceof RangeError && e.message === 'Maximum call stack size exceeded') {
        await qi.createTable('caught', { id: S.INTEGER });
      }
    }
    // An async function recursing through awaits on the same promise chain.
    async function g(n) { return g(n + 1); }
    try { await g(0); } catch (e) {
      if (e instanceof RangeError) await qi.createTable('caught_async', { id: S.INTEGER });
    }
  },
  async down() {},
};
"#;

#[test]
fn infinite_recursion_inside_up_is_a_catchable_range_error() {
    let p = sqlite_project_with(RECURSION);
    let run = p.seqmig(&["db:migrate"]);
    run.ok();
    assert_invariants(&run, &sqlite_meta(&p.db()));
    assert!(sqlite_table_exists(&p, "caught"));
    assert!(sqlite_table_exists(&p, "caught_async"));
    // Uncaught, it fails the migration with Node's message.
    let p = sqlite_project_with(
        "module.exports = { async up() { const f = () => f(); f(); }, async down() {} };\n",
    );
    let run = p.seqmig(&["db:migrate"]);
    assert_second_failed(&p, &run, "ERROR: Maximum call stack size exceeded");
}

#[test]
fn infinite_recursion_inside_up_is_a_catchable_range_error_on_postgres() {
    let db = pg::fresh_database("hostile_recursion");
    let p = pg_project(&db, serde_json::json!({}));
    p.write("migrations/20240101000001-first.js", FIRST)
        .write("migrations/20240101000002-second.js", RECURSION);
    let run = p.seqmig(&["db:migrate"]);
    run.ok();
    let meta: Vec<String> = pg_client(&db)
        .query("SELECT name FROM \"SequelizeMeta\"", &[])
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_invariants(&run, &meta);
    assert!(pg_table_exists(&db, "caught"));
    assert!(pg_table_exists(&db, "caught_async"));
}

#[test]
fn a_to_string_that_calls_itself_throws_instead_of_returning_empty() {
    let p = sqlite_project_with(
        r#"module.exports = {
  async up(qi, S) {
    const a = [1, 2]; a.push(a);
    // A cyclic array still joins as in V8: the cycle is the empty string.
    if (String(a) !== '1,2,') throw new Error('cyclic join gave ' + String(a));
    const o = { toString() { return 'o:' + String(this); } };
    await qi.createTable('t' + String(o).length, { id: S.INTEGER });
  },
  async down() {},
};
"#,
    );
    let run = p.seqmig(&["db:migrate"]);
    assert_second_failed(&p, &run, "ERROR: Maximum call stack size exceeded");
}

#[test]
fn a_lone_surrogate_in_a_value_is_written_as_the_replacement_character() {
    let p = sqlite_project_with(
        r#"module.exports = {
  async up(qi, S) {
    await qi.createTable('t', { v: S.STRING });
    await qi.bulkInsert('t', [{ v: 'a\ud800b' }, { v: '\udc00' }]);
  },
  async down() {},
};
"#,
    );
    let run = p.seqmig(&["db:migrate"]);
    run.ok();
    assert_invariants(&run, &sqlite_meta(&p.db()));
    let rows: Vec<String> = p
        .db()
        .prepare("SELECT v FROM t ORDER BY rowid")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(rows, ["a\u{fffd}b", "\u{fffd}"]);
}

#[test]
fn typescript_decorators_are_reported_at_their_own_line() {
    let class = "function log(t: any, k: string, d: PropertyDescriptor) { return d; }\n\nclass Helper {\n    @log\n  run(): number {\n    return 1;\n  }\n}\n";
    for (file, tail) in [
        (
            "20240101000002-esm.ts",
            "\nexport async function up() { new Helper().run(); }\nexport async function down() {}\n",
        ),
        (
            "20240101000002-cjs.ts",
            "\nmodule.exports = { up: async () => { new Helper().run(); }, down: async () => {} };\n",
        ),
    ] {
        let p = TempProject::new();
        p.sqlite_config()
            .write("migrations/20240101000001-first.js", FIRST)
            .write(&format!("migrations/{file}"), &format!("{class}{tail}"));
        let run = p.seqmig(&["db:migrate"]);
        run.expect_code(1);
        assert_invariants(&run, &sqlite_meta(&p.db()));
        assert!(
            run.stderr.contains(&format!("ERROR: migrations/{file}:4:5: ")),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("decorators are not supported"), "{}", run.stderr);
    }
}

#[test]
fn a_very_deep_json_stringify_is_a_quick_range_error() {
    let p = sqlite_project_with(
        r#"module.exports = {
  async up(qi, S) {
    let o = {};
    for (let i = 0; i < 100000; i++) o = { a: o };
    try { JSON.stringify(o); } catch (e) {
      if (e instanceof RangeError) await qi.createTable('caught', { id: S.INTEGER });
    }
    let ok = {};
    for (let i = 0; i < 1000; i++) ok = { a: ok };
    if (JSON.stringify(ok).length !== 1000 * 6 + 2) throw new Error('wrong text');
  },
  async down() {},
};
"#,
    );
    let started = std::time::Instant::now();
    let run = p.seqmig(&["db:migrate"]);
    run.ok();
    assert_invariants(&run, &sqlite_meta(&p.db()));
    assert!(sqlite_table_exists(&p, "caught"));
    assert!(
        started.elapsed() < std::time::Duration::from_secs(60),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn a_long_bind_chain_ends_at_the_memory_limit_not_in_a_blow_up() {
    // Each bound function's name holds its target's ("bound bound … f"): the chain's memory
    // grows with the square of its length, and --max-memory ends it.
    let p = sqlite_project_with(
        "module.exports = { async up() { let f = function () { return 1; }; for (let i = 0; i < 1e6; i++) f = f.bind(null); f(); }, async down() {} };\n",
    );
    let started = std::time::Instant::now();
    let run = p.seqmig(&["db:migrate", "--max-memory", "256"]);
    assert_second_failed(&p, &run, "JavaScript heap out of memory");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(60),
        "{:?}",
        started.elapsed()
    );
    // A chain of ordinary length still works.
    let ok = sqlite_project_with(
        "module.exports = { async up() { let f = function () { return 1; }; for (let i = 0; i < 1000; i++) f = f.bind(null); if (f() !== 1) throw new Error('bound'); }, async down() {} };\n",
    );
    ok.seqmig(&["db:migrate"]).ok();
}
