//! Real-world migration folders, run unchanged: npm packages from the project's own
//! node_modules (CommonJS), ES modules, TypeScript, umzug-style signatures. The fixture
//! projects live in tests/fixtures/real-world/, which pins the npm packages with a
//! lockfile; `install.sh` there installs them (`.ci/run` calls it).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Once;

use crate::support::{
    compat_dir, copy_dir, repo_root, sequelize_cli, skip_differential, sqlite_meta, sqlite_schema,
    TempProject,
};

fn fixtures() -> PathBuf {
    repo_root().join("tests/fixtures/real-world")
}

/// Install the pinned packages once per test binary (idempotent and locked by itself).
fn install() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let status = Command::new("bash")
            .arg(fixtures().join("install.sh"))
            .status()
            .expect("bash runs install.sh");
        assert!(
            status.success(),
            "tests/fixtures/real-world/install.sh failed"
        );
    });
}

/// A copy of fixture project `name` whose node_modules is the installed one.
fn project(name: &str) -> TempProject {
    install();
    let p = TempProject::new();
    copy_dir(&fixtures().join(name), p.path());
    std::os::unix::fs::symlink(
        fixtures().join("node_modules"),
        p.path().join("node_modules"),
    )
    .unwrap();
    p
}

fn rows(db: &rusqlite::Connection, sql: &str) -> Vec<String> {
    let mut stmt = db.prepare(sql).unwrap();
    let n = stmt.column_count();
    stmt.query_map([], |r| {
        let cells: Vec<String> = (0..n)
            .map(|i| match r.get_ref(i).unwrap() {
                rusqlite::types::ValueRef::Null => "NULL".to_string(),
                rusqlite::types::ValueRef::Integer(v) => v.to_string(),
                rusqlite::types::ValueRef::Real(v) => v.to_string(),
                rusqlite::types::ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                rusqlite::types::ValueRef::Blob(_) => "<blob>".to_string(),
            })
            .collect();
        Ok(cells.join("|"))
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

fn undo_all_leaves_nothing(p: &TempProject) {
    p.seqmig(&["db:migrate:undo:all"]).ok();
    assert_eq!(sqlite_schema(&p.db()), Vec::<String>::new());
    assert_eq!(sqlite_meta(&p.db()), Vec::<String>::new());
}

#[test]
fn real_world_npm_packages_from_node_modules_up_and_down() {
    let p = project("npm-cjs");
    let run = p.seqmig(&["db:migrate"]);
    assert_eq!(run.code, 0, "{}", run.masked(p.path()));
    assert!(
        run.stdout
            .contains("Loaded configuration file \"config/config.js\"."),
        "{}",
        run.stdout
    );
    let db = p.db();
    assert_eq!(
        sqlite_meta(&db),
        [
            "20240101000000-create-users.js",
            "20240101000001-seed-users.js",
            "20240101000002-settings.js"
        ]
    );
    // uuid v5 ids are fixed by name; dotenv's SEED_TAG reached the update; moment and
    // dayjs made the dates.
    assert_eq!(
        rows(&db, "SELECT id, name, email, createdAt, updatedAt FROM users ORDER BY name"),
        [
            "e063bb16-cc76-558b-9f94-afe212747cda|user1|user1@example.com|2024-01-05 10:00:00.000 +00:00|2024-02-01 00:00:00.000 +00:00",
            "7357d28a-a611-5efd-ae6e-a550a5b95487|user2|user2+from-dotenv@example.com|2024-01-06 10:00:00.000 +00:00|2024-02-01 01:00:00.000 +00:00",
            "19890105-81dd-55fc-a202-914fbf1e88a1|user3|user3@example.com|2024-01-07 10:00:00.000 +00:00|2024-02-01 02:00:00.000 +00:00",
            "3cd43d89-ab0b-54ac-811c-1f4bb9b3fab6|user4|user4@example.com|2024-01-01 00:00:00.000 +00:00|2024-01-01 00:00:00.000 +00:00",
        ]
    );
    assert_eq!(
        rows(&db, "SELECT key, value FROM settings ORDER BY key"),
        ["pageSize|25", "theme|dark"]
    );
    undo_all_leaves_nothing(&p);
}

#[test]
fn real_world_es_modules_up_and_down() {
    let p = project("esm");
    let run = p.seqmig(&["db:migrate"]);
    assert_eq!(run.code, 0, "{}", run.masked(p.path()));
    let db = p.db();
    assert_eq!(
        sqlite_meta(&db),
        [
            "20240102000000-create-authors.js",
            "20240102000001-create-posts.mjs"
        ]
    );
    assert_eq!(
        rows(
            &db,
            "SELECT name, length(token), createdAt FROM authors ORDER BY id"
        ),
        [
            "ann|36|2024-01-02 03:04:05.000 +00:00",
            "bob|36|2024-01-02 03:04:05.000 +00:00"
        ]
    );
    assert_eq!(
        rows(&db, "SELECT title, day FROM posts ORDER BY id"),
        ["first|2024-03-01", "second|2024-03-02"]
    );
    undo_all_leaves_nothing(&p);
}

#[test]
fn real_world_typescript_up_and_down() {
    let p = project("typescript");
    let run = p.seqmig(&["db:migrate"]);
    assert_eq!(run.code, 0, "{}", run.masked(p.path()));
    let db = p.db();
    assert_eq!(
        sqlite_meta(&db),
        [
            "20240103000000-create-orders.ts",
            "20240103000001-export-assign.ts",
            "20240103000002-commonjs.cts",
            "20240103000003-module.mts",
        ]
    );
    assert_eq!(
        rows(&db, "SELECT ref, status, total FROM orders ORDER BY id"),
        ["o-0|open|10", "o-1|paid|20"]
    );
    assert_eq!(
        rows(&db, "SELECT note_text, order_id FROM order_notes"),
        ["eol lf|1"]
    );
    let schema = sqlite_schema(&db).join("\n");
    assert!(schema.contains("`note` VARCHAR(255)"), "{schema}");
    assert!(schema.contains("`status` TEXT DEFAULT 'open'"), "{schema}");
    undo_all_leaves_nothing(&p);
}

#[test]
fn real_world_umzug_styles_mixed_with_classic_without_options() {
    let p = project("umzug");
    let run = p.seqmig(&["db:migrate"]);
    assert_eq!(run.code, 0, "{}", run.masked(p.path()));
    assert_eq!(
        rows(&p.db(), "SELECT id, label, color FROM tags"),
        ["1|new|#ff0000"]
    );
    undo_all_leaves_nothing(&p);
}

#[test]
fn real_world_umzug_custom_context_from_config() {
    let p = project("umzug");
    p.write(
        "config/config.json",
        r#"{ "development": { "dialect": "sqlite", "storage": "db.sqlite", "logging": false, "seqmigContext": "./context.js" } }"#,
    )
    .write(
        "migrations/20240104000003-custom.js",
        "module.exports = {\n  async up({ context }) {\n    context.logger.info('creating');\n    await context.queryInterface.createTable(context.tablePrefix + 'log', { line: { type: context.Sequelize.STRING } });\n    await context.queryInterface.bulkInsert(context.tablePrefix + 'log', context.logger.lines.map((line) => ({ line })));\n  },\n  async down({ context }) {\n    await context.queryInterface.dropTable(context.tablePrefix + 'log');\n  },\n};\n",
    );
    // With a custom context, the umzug files that destructure it keep working.
    let run = p.seqmig(&["db:migrate"]);
    assert_eq!(run.code, 0, "{}", run.masked(p.path()));
    assert_eq!(rows(&p.db(), "SELECT line FROM app_log"), ["creating"]);
    undo_all_leaves_nothing(&p);
}

fn bad_project(file: &str, text: &str) -> (TempProject, crate::support::Run) {
    let p = project("umzug");
    for f in std::fs::read_dir(p.path().join("migrations")).unwrap() {
        std::fs::remove_file(f.unwrap().path()).unwrap();
    }
    p.write(&format!("migrations/{file}"), text);
    let run = p.seqmig(&["db:migrate"]);
    (p, run)
}

fn located(run: &crate::support::Run, p: &Path, file: &str, line: u32) {
    let loc = format!("migrations/{file}:{line}");
    assert!(
        run.masked(p).contains(&loc),
        "wanted {loc} in\n{}",
        run.masked(p)
    );
}

#[test]
fn real_world_missing_package_names_what_and_where() {
    let (p, run) = bad_project("20240105000000-x.js", "'use strict';\n\nconst pad = require('left-pad');\nmodule.exports = { up: async () => {}, down: async () => {} };\n");
    assert_ne!(run.code, 0);
    assert!(
        run.stderr.contains("Cannot find module 'left-pad'"),
        "{}",
        run.stderr
    );
    located(&run, p.path(), "20240105000000-x.js", 3);
}

/// Node 20.19+ (the reference runs 20.20.2) loads ES modules from require(); what
/// still mismatches is top-level await behind require(), and CommonJS names in a module.
#[test]
fn real_world_esm_cjs_mismatches_get_nodes_messages() {
    let p = project("umzug");
    p.write("helpers/esm.mjs", "export const x = 'from-esm';\n")
        .write("helpers/tla.mjs", "await new Promise((r) => setTimeout(r, 1));\nexport const y = 1;\n")
        .write(
            "migrations/20240105000000-x.js",
            "const { x } = require('../helpers/esm.mjs');\nmodule.exports = { up: async (qi) => { await qi.createTable(x, { id: { type: 'INTEGER' } }); }, down: async (qi) => { await qi.dropTable(x); } };\n",
        );
    let run = p.seqmig(&["db:migrate"]);
    assert_eq!(run.code, 0, "{}", run.masked(p.path()));
    assert!(sqlite_schema(&p.db())
        .iter()
        .any(|t| t.contains("from-esm")));

    p.write("migrations/20240105000001-y.js", "\nrequire('../helpers/tla.mjs');\nmodule.exports = { up: async () => {}, down: async () => {} };\n");
    let run = p.seqmig(&["db:migrate"]);
    assert_ne!(run.code, 0);
    assert!(
        run.stderr.contains(
            "require() cannot be used on an ESM graph with top-level await. Use import() instead."
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("helpers/tla.mjs"), "{}", run.stderr);
    std::fs::remove_file(p.path().join("migrations/20240105000001-y.js")).unwrap();

    p.write("esm/package.json", r#"{"type": "module"}"#).write(
        "esm/20240105000002-z.js",
        "module.exports = { up: async () => {} };\n",
    );
    let run = p.seqmig(&["db:migrate", "--migrations-path", "esm"]);
    assert_ne!(run.code, 0);
    assert!(
        run.stderr
            .contains("module is not defined in ES module scope"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("contains \"type\": \"module\". To treat it as a CommonJS script, rename it to use the '.cjs' file extension."), "{}", run.stderr);
}

#[test]
fn real_world_typescript_syntax_error_is_placed_in_the_ts_file() {
    let (p, run) = bad_project(
        "20240105000000-bad.ts",
        "import type { QueryInterface } from 'sequelize';\n\nexport async function up(qi: QueryInterface) {\n  const x: number = (;\n}\n",
    );
    assert_ne!(run.code, 0);
    assert!(run.stderr.contains("SyntaxError"), "{}", run.stderr);
    located(&run, p.path(), "20240105000000-bad.ts", 4);
}

/// The same fixture run by the pinned sequelize-cli (tests/compat) and by seqmig: equal
/// schema, rows and SequelizeMeta, after `db:migrate` and after `db:migrate:undo:all`.
/// sequelize-cli finds the npm packages in the project's node_modules, and `sequelize`
/// there is the pinned one.
fn differential(name: &str, drop: &[&str]) {
    if skip_differential() {
        return;
    }
    install();
    let compat = compat_dir();

    let ours = project(name);
    let theirs = TempProject::new();
    copy_dir(&fixtures().join(name), theirs.path());
    let nm = theirs.path().join("node_modules");
    std::fs::create_dir(&nm).unwrap();
    for entry in std::fs::read_dir(fixtures().join("node_modules")).unwrap() {
        let entry = entry.unwrap();
        if !entry.file_name().to_string_lossy().starts_with('.') {
            std::os::unix::fs::symlink(entry.path(), nm.join(entry.file_name())).unwrap();
        }
    }
    std::os::unix::fs::symlink(compat.join("node_modules/sequelize"), nm.join("sequelize"))
        .unwrap();
    for f in drop {
        std::fs::remove_file(ours.path().join(f)).unwrap();
        std::fs::remove_file(theirs.path().join(f)).unwrap();
    }
    let reference = |args: &[&str]| sequelize_cli(&compat, theirs.path(), args);
    let state = |p: &TempProject| {
        let db = p.db();
        let mut out = sqlite_schema(&db);
        let tables = rows(&db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
        for t in tables {
            out.push(format!(
                "{t}: {:?}",
                rows(&db, &format!("SELECT * FROM `{t}` ORDER BY 1"))
            ));
        }
        out
    };
    for step in [&["db:migrate"][..], &["db:migrate:undo:all"][..]] {
        reference(step);
        let run = ours.seqmig(step);
        assert_eq!(run.code, 0, "{}", run.masked(ours.path()));
        assert_eq!(state(&ours), state(&theirs), "{name} after {step:?}");
    }
}

#[test]
fn real_world_npm_packages_match_sequelize_cli() {
    differential("npm-cjs", &[]);
}

/// sequelize-cli skips .mjs files (seqmig runs them); the type-module .js file is
/// loaded by Node 20.20's require(esm) there.
#[test]
fn real_world_es_module_js_matches_sequelize_cli() {
    differential("esm", &["migrations/20240102000001-create-posts.mjs"]);
}

/// A TypeScript config named by a .sequelizerc that is itself an ES module and reads a
/// .env file through `process.loadEnvFile()`.
#[test]
fn real_world_typescript_config_from_an_esm_sequelizerc() {
    let p = project("typescript");
    std::fs::remove_file(p.path().join("config/config.json")).unwrap();
    p.write(".env", "TS_DB_FILE=ts.sqlite\n")
        .write(
            ".sequelizerc",
            "import path from 'node:path';\nprocess.loadEnvFile();\nexport default { config: path.resolve('config', 'config.ts'), migrationsPath: path.resolve('migrations') };\n",
        )
        .write(
            "config/config.ts",
            "import type { Options } from 'sequelize';\nconst config: Record<string, Options> = {\n  development: { dialect: 'sqlite', storage: process.env.TS_DB_FILE as string, logging: false },\n};\nexport = config;\n",
        );
    let run = p.seqmig(&["db:migrate"]);
    assert_eq!(run.code, 0, "{}", run.masked(p.path()));
    assert!(
        run.stdout
            .contains("Loaded configuration file \"config/config.ts\"."),
        "{}",
        run.stdout
    );
    let db = rusqlite::Connection::open(p.path().join("ts.sqlite")).unwrap();
    assert_eq!(sqlite_meta(&db).len(), 4);
}

/// node:path runs its character loops in Rust (natives_path.rs): 4,000 generated paths
/// (dots, double slashes, `..`, a lone surrogate, non-ASCII) through every function
/// give byte-identical results under seqmig and under Node.
#[test]
fn real_world_node_path_matches_node_on_generated_paths() {
    let p = TempProject::new();
    p.sqlite_config();
    p.write(
        "fuzz.js",
        r#"module.exports = function fuzz(path) {
  let seed = 12345;
  const rnd = (n) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
  const alphabet = ['/', '/', '.', '.', 'a', 'b', 'x.js', '..', '\uD800', 'é', '//', '.d', '.tar.gz'];
  const out = [];
  for (let k = 0; k < 4000; k++) {
    let s = '';
    const len = rnd(9);
    for (let i = 0; i < len; i++) s += alphabet[rnd(alphabet.length)];
    const t = alphabet[rnd(alphabet.length)] + (rnd(2) ? 'js' : '');
    out.push([s, path.normalize(s), path.resolve('/r/q', s), path.dirname(s), path.basename(s),
      path.basename(s, t), path.extname(s), path.join(s, t), path.relative('/r/q', s),
      path.isAbsolute(s), JSON.stringify(path.parse(s))]);
  }
  return JSON.stringify(out);
};
"#,
    );
    p.write(
        "migrations/20240101000000-fuzz.js",
        "module.exports = { async up() { require('fs').writeFileSync(require('path').join(__dirname, '../seqmig.json'), require('../fuzz.js')(require('path'))); }, async down() {} };\n",
    );
    p.seqmig(&["db:migrate"]).ok();
    let out = Command::new("node")
        .arg("-e")
        .arg("require('fs').writeFileSync('node.json', require('./fuzz.js')(require('path')))")
        .current_dir(p.path())
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ours = std::fs::read(p.path().join("seqmig.json")).unwrap();
    let theirs = std::fs::read(p.path().join("node.json")).unwrap();
    assert!(theirs.len() > 100_000, "the corpus is not trivial");
    if ours != theirs {
        let (a, b) = (
            String::from_utf8_lossy(&ours),
            String::from_utf8_lossy(&theirs),
        );
        let at = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
        let from = at.saturating_sub(200);
        panic!(
            "node:path differs from Node at char {at}:\nseqmig: {}\nnode:   {}",
            a.chars().skip(from).take(400).collect::<String>(),
            b.chars().skip(from).take(400).collect::<String>()
        );
    }
}
