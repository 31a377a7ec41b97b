//! `--dry-run` and `db:migrate:verify` on MySQL and MariaDB, which commit DDL at once: they
//! run on a scratch copy of the database (`seqmig_scratch_...`, schema and rows), dropped
//! at the end however the run ends; the real database is left exactly as it was (every
//! `SHOW CREATE TABLE`, every row, SequelizeMeta). Each test on both dialects, against the
//! throwaway MariaDB of `seqmig_db::testing::mariadb`.

use seqmig_db::testing::mariadb::{self, MariaDb};
use serde_json::{json, Value as Json};

use crate::mysql::{fresh, meta, project, rows, tables, DIALECTS};
use crate::safety_common::{kill9, spawn_seqmig, wait_for_file};
use crate::support::{Run, TempProject};

fn skip() -> bool {
    mariadb::skip_mariadb()
}

/// Three migrations as in `safety_dry_run.rs`, plus one that reads the rows already there.
fn write_sample(p: &TempProject) {
    crate::safety_dry_run::write_sample(p);
    p.write(
        "migrations/20240101000004-count.js",
        "module.exports = {\n  async up(qi) {\n    const [rows] = await qi.sequelize.query('SELECT email FROM users ORDER BY id');\n    await qi.bulkInsert('posts', rows.map((r, i) => ({ userId: i + 1 })));\n    if (rows.length !== 2) throw new Error('saw ' + rows.length + ' users');\n  },\n  async down(qi) { await qi.bulkDelete('posts', null, {}); },\n};\n",
    );
}

/// Everything of the real database: each `SHOW CREATE TABLE` as it is (counter
/// included), each table's rows, SequelizeMeta.
fn state(db: &MariaDb) -> Vec<String> {
    let mut out = Vec::new();
    for t in tables(db) {
        out.extend(rows(db, &format!("SHOW CREATE TABLE `{t}`")));
        out.extend(rows(db, &format!("SELECT * FROM `{t}` ORDER BY 1")));
    }
    out.extend(meta(db));
    out
}

/// The scratch database a run named in its output.
fn scratch_of(r: &Run) -> String {
    let all = format!("{}{}", r.stdout, r.stderr);
    let at = all
        .find(": `seqmig_scratch_")
        .unwrap_or_else(|| panic!("no scratch database named:\n{all}"));
    all[at + 3..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect()
}

#[track_caller]
fn assert_gone(name: &str) {
    let left = mariadb::server()
        .admin_sql(&format!("SHOW DATABASES LIKE '{name}'"))
        .unwrap();
    assert_eq!(left.trim(), "", "{name} is still there");
}

#[track_caller]
fn assert_lists_steps(stdout: &str, steps: &[&str], needles: &[&str]) {
    let mut at = 0;
    for s in steps {
        let i = stdout[at..]
            .find(&format!("== 20240101000{s}:"))
            .unwrap_or_else(|| panic!("{s} missing or out of order:\n{stdout}"));
        at += i + 1;
    }
    for n in needles {
        assert!(stdout.contains(n), "no `{n}` in:\n{stdout}");
    }
}

#[test]
fn a_dry_run_runs_on_a_scratch_copy_and_leaves_the_database_as_it_was() {
    if skip() {
        return;
    }
    for dialect in DIALECTS {
        let db = fresh(&format!("dry_{dialect}"));
        let p = project(dialect, &db, None, json!({}));
        write_sample(&p);
        p.write(
            "migrations/20240101000004-count.js",
            "module.exports = { async up() {}, async down() {} };\n",
        );
        // From nothing at all: not even SequelizeMeta may appear.
        let run = p.seqmig(&["db:migrate", "--dry-run"]);
        run.ok();
        assert_lists_steps(
            &run.stdout,
            &["001-users", "002-age", "003-posts"],
            &[
                "    CREATE TABLE IF NOT EXISTS `users`",
                "    ALTER TABLE `users` ADD `age` INTEGER;",
                "ADD INDEX `posts_user_id` (`userId`)",
            ],
        );
        assert!(
            run.stderr
                .contains(&format!("runs on a scratch copy of `{}`", db.name)),
            "{dialect}: {}",
            run.stderr
        );
        assert!(
            run.stderr.contains("which is dropped;"),
            "{dialect}: {}",
            run.stderr
        );
        assert_gone(&scratch_of(&run));
        assert_eq!(tables(&db), Vec::<String>::new(), "{dialect}");

        // With a migration applied and a row written by someone else: the copy has both.
        write_sample(&p);
        p.seqmig(&["db:migrate", "--to", "20240101000001-users.js"])
            .ok();
        mariadb::server()
            .admin_sql(&format!(
                "INSERT INTO `{}`.users (email) VALUES ('bob@example.com')",
                db.name
            ))
            .unwrap();
        let before = state(&db);
        let run = p.seqmig(&["db:migrate", "--dry-run", "--json"]);
        run.ok();
        let doc: Json = serde_json::from_str(&run.stdout).unwrap();
        assert_eq!(doc["dryRun"], true, "{dialect}: {doc}");
        let files: Vec<&str> = doc["migrations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["file"].as_str().unwrap())
            .collect();
        assert_eq!(
            files,
            [
                "20240101000002-age.js",
                "20240101000003-posts.js",
                "20240101000004-count.js"
            ],
            "{dialect}"
        );
        assert!(
            doc["migrations"][2]["statements"][1]
                .as_str()
                .unwrap()
                .starts_with("INSERT INTO `posts`"),
            "{dialect}: {doc}"
        );
        assert!(
            doc["warnings"].to_string().contains("scratch copy"),
            "{dialect}: {doc}"
        );
        assert_gone(&scratch_of(&run));
        assert_eq!(state(&db), before, "{dialect}");

        // Undo, one and all.
        p.seqmig(&["db:migrate"]).ok();
        let before = state(&db);
        let undo = p.seqmig(&["db:migrate:undo:all", "--dry-run"]);
        undo.ok();
        assert_lists_steps(
            &undo.stdout,
            &["004-count", "003-posts", "002-age", "001-users"],
            &[
                "DROP TABLE IF EXISTS `posts`",
                "DROP TABLE IF EXISTS `users`",
            ],
        );
        assert_gone(&scratch_of(&undo));
        assert_eq!(state(&db), before, "{dialect}");
        let undo = p.seqmig(&["db:migrate:undo", "--dry-run"]);
        undo.ok();
        assert_lists_steps(&undo.stdout, &["004-count"], &["DELETE FROM `posts`"]);
        assert!(!undo.stdout.contains("003-posts"), "{}", undo.stdout);
        assert_gone(&scratch_of(&undo));
        assert_eq!(state(&db), before, "{dialect}");
        assert_eq!(meta(&db).len(), 4, "{dialect}");
    }
}

#[test]
fn a_failing_or_throwing_migration_in_a_dry_run_leaves_no_scratch_database() {
    if skip() {
        return;
    }
    for dialect in DIALECTS {
        let db = fresh(&format!("dryfail_{dialect}"));
        let p = project(dialect, &db, None, json!({}));
        crate::safety_dry_run::write_sample(&p);
        p.seqmig(&["db:migrate", "--to", "20240101000001-users.js"])
            .ok();
        let before = state(&db);
        for (body, error) in [
            (
                "await qi.createTable('junk', { id: S.INTEGER });\n    await qi.sequelize.query('SELECT * FROM nope');",
                "nope' doesn't exist",
            ),
            (
                "await qi.createTable('junk', { id: S.INTEGER });\n    throw new Error('no');",
                "ERROR: no",
            ),
        ] {
            p.write(
                "migrations/20240101000005-bad.js",
                &format!("module.exports = {{\n  async up(qi, S) {{\n    {body}\n  }},\n  async down() {{}},\n}};\n"),
            );
            let run = p.seqmig(&["db:migrate", "--dry-run"]);
            run.expect_code(1);
            assert!(run.stderr.contains(error), "{dialect}: {}", run.stderr);
            // Its statements are listed, and none is said to stay applied.
            assert!(
                run.stdout.contains("CREATE TABLE IF NOT EXISTS `junk`"),
                "{dialect}: {}",
                run.stdout
            );
            assert!(!run.stderr.contains("stay applied"), "{}", run.stderr);
            assert!(run.stderr.contains("which is dropped;"), "{}", run.stderr);
            assert_gone(&scratch_of(&run));
            assert_eq!(state(&db), before, "{dialect}");
        }
        // A migration that names the real database is not run: it would reach it.
        p.write(
            "migrations/20240101000005-bad.js",
            &format!("module.exports = {{\n  async up(qi) {{\n    await qi.sequelize.query('CREATE TABLE `{}`.junk (a INT)');\n  }},\n  async down() {{}},\n}};\n", db.name),
        );
        let run = p.seqmig(&["db:migrate", "--dry-run"]);
        run.expect_code(1);
        assert!(
            run.stderr.contains(&format!(
                "the dry run stops at 20240101000005-bad.js: it names the database `{}` itself",
                db.name
            )),
            "{dialect}: {}",
            run.stderr
        );
        assert_gone(&scratch_of(&run));
        assert_eq!(state(&db), before, "{dialect}");
        // A name built at run time is not seen before it runs: the check at the end sees
        // what it did to the real database, and the dry run fails on it.
        p.write(
            "migrations/20240101000005-bad.js",
            "module.exports = {\n  async up(qi) {\n    const [[row]] = await qi.sequelize.query('SELECT DATABASE() AS db');\n    const real = row.db.replace(/^seqmig_scratch_.*$/, process.env.REAL_DB);\n    await qi.sequelize.query('CREATE TABLE `' + real + '`.sneaky (a INT)');\n  },\n  async down() {},\n};\n",
        );
        let run = crate::support::run_seqmig(
            p.path(),
            &["db:migrate", "--dry-run"],
            &[("REAL_DB", db.name.as_str())],
        );
        run.expect_code(1);
        assert!(
            run.stderr.contains(&format!(
                "seqmig: dry run: the schema or SequelizeMeta of `{}` changed while it ran",
                db.name
            )) && run.stderr.contains("    + CREATE TABLE `sneaky`")
                && run.stderr.contains(&format!(
                    "ERROR: seqmig: dry run: `{}` was changed while it ran; see above",
                    db.name
                )),
            "{dialect}: {}",
            run.stderr
        );
        assert_gone(&scratch_of(&run));
        assert!(tables(&db).contains(&"sneaky".to_string()), "{dialect}");
    }
}

/// `sequelize.config.database` is the copy, and a `new Sequelize(...)` of the configured
/// database shares the run's connection: neither reaches the real database.
#[test]
fn a_dry_runs_config_database_and_new_sequelize_reach_the_copy() {
    if skip() {
        return;
    }
    for dialect in DIALECTS {
        let db = fresh(&format!("dryconf_{dialect}"));
        let p = project(dialect, &db, None, json!({}));
        p.write(
            "migrations/20240101000001-side.js",
            "const { Sequelize } = require('sequelize');\nconst cfg = require('../config/config.json').development;\nmodule.exports = {\n  async up(qi, S) {\n    const db = qi.sequelize.config.database;\n    if (!db.startsWith('seqmig_scratch_')) throw new Error('config.database is ' + db);\n    const s = new Sequelize(cfg.database, cfg.username, cfg.password, cfg);\n    await s.getQueryInterface().createTable('side', { id: { type: S.INTEGER, primaryKey: true } });\n    const [t] = await qi.sequelize.query(\"SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = '\" + db + \"'\");\n    if (!t.some((r) => r.TABLE_NAME === 'side')) throw new Error('side is not in the copy');\n  },\n  async down() {},\n};\n",
        );
        let run = p.seqmig(&["db:migrate", "--dry-run"]);
        run.ok();
        assert_gone(&scratch_of(&run));
        assert_eq!(tables(&db), Vec::<String>::new(), "{dialect}");
        // For real, the same migration sees the configured name and fails on it.
        let real = p.seqmig(&["db:migrate"]);
        real.expect_code(1);
        assert!(
            real.stderr
                .contains(&format!("config.database is {}", db.name)),
            "{dialect}: {}",
            real.stderr
        );
    }
}

const GOOD: &str = "module.exports = {\n  async up(qi, S) { await qi.createTable('good', { id: { type: S.INTEGER, primaryKey: true }, name: S.STRING }); },\n  async down(qi) { await qi.dropTable('good'); },\n};\n";
/// `down` forgets the table `up` made.
const LEAKY: &str = "module.exports = {\n  async up(qi, S) {\n    await qi.addColumn('good', 'email', { type: S.STRING });\n    await qi.createTable('extra', { id: { type: S.INTEGER, primaryKey: true } });\n  },\n  async down(qi) { await qi.removeColumn('good', 'email'); },\n};\n";
/// `up` cannot run again after `down`.
const NOT_REPEATABLE: &str = "module.exports = {\n  async up(qi) { await qi.addIndex('good', ['name'], { name: 'good_name' }); },\n  async down() {},\n};\n";

#[test]
fn verify_runs_on_a_scratch_copy_and_reports_a_down_that_does_not_undo() {
    if skip() {
        return;
    }
    for dialect in DIALECTS {
        let db = fresh(&format!("verify_{dialect}"));
        let p = project(dialect, &db, None, json!({}));
        p.write("migrations/20240101000001-good.js", GOOD);
        let ok = p.seqmig(&["db:migrate:verify"]);
        ok.ok();
        assert!(
            ok.stdout.contains("== 20240101000001-good: migrated"),
            "{dialect}: {}",
            ok.stdout
        );
        assert_gone(&scratch_of(&ok));
        assert_eq!(tables(&db), Vec::<String>::new(), "{dialect}");

        p.seqmig(&["db:migrate"]).ok();
        mariadb::server()
            .admin_sql(&format!(
                "INSERT INTO `{}`.good VALUES (1, 'kept')",
                db.name
            ))
            .unwrap();
        let before = state(&db);
        p.write("migrations/20240101000002-leaky.js", LEAKY);
        let run = p.seqmig(&["db:migrate:verify"]);
        run.expect_code(1);
        assert!(
            run.stderr
                .contains("seqmig: 20240101000002-leaky.js: down() does not undo up()"),
            "{dialect}: {}",
            run.stderr
        );
        assert!(
            run.stderr.contains("    + column extra.id int(11) NO"),
            "{dialect}: {}",
            run.stderr
        );
        assert!(run.stderr.contains("ERROR: seqmig: 1 migration(s) do not round-trip (up, down, up): 20240101000002-leaky.js"), "{}", run.stderr);
        assert_gone(&scratch_of(&run));
        assert_eq!(state(&db), before, "{dialect}");

        p.write("migrations/20240101000002-leaky.js", NOT_REPEATABLE);
        let run = p.seqmig(&["db:migrate:verify"]);
        run.expect_code(1);
        assert!(
            run.stderr.contains(
                "seqmig: 20240101000002-leaky.js: up() fails after down(): SequelizeDatabaseError:"
            ) && run.stderr.contains("Duplicate key name 'good_name'"),
            "{dialect}: {}",
            run.stderr
        );
        assert_gone(&scratch_of(&run));
        assert_eq!(state(&db), before, "{dialect}");
    }
}

#[test]
fn without_create_database_the_dry_run_and_verify_refuse_in_one_line() {
    if skip() {
        return;
    }
    let server = mariadb::server();
    for dialect in DIALECTS {
        let mut db = fresh(&format!("nocreate_{dialect}"));
        let user = format!("seqmig_nc_{dialect}_{}", std::process::id());
        server
            .admin_sql(&format!(
                "CREATE USER '{user}'@'%' IDENTIFIED BY 'nc-pw'; GRANT ALL PRIVILEGES ON `{}`.* TO '{user}'@'%'",
                db.name
            ))
            .unwrap();
        db.user = user.clone();
        db.password = "nc-pw".into();
        let p = project(dialect, &db, None, json!({}));
        p.write("migrations/20240101000001-good.js", GOOD);
        for args in [
            vec!["db:migrate", "--dry-run"],
            vec!["db:migrate:undo:all", "--dry-run"],
            vec!["db:migrate:verify"],
        ] {
            let r = p.seqmig(&args);
            assert_eq!(r.code, 1, "{dialect} {args:?}: {r:?}");
            let err: Vec<&str> = r.stderr.lines().filter(|l| !l.trim().is_empty()).collect();
            assert_eq!(err.len(), 1, "{dialect} {args:?}: {r:?}");
            assert!(
                err[0].contains("runs on a scratch copy of the database, and this user may not create one (CREATE DATABASE `seqmig_scratch_")
                    && err[0].contains(&format!("Access denied for user '{user}'"))
                    && err[0].contains("nothing was run: GRANT ALL PRIVILEGES ON `seqmig\\_scratch\\_%`.* to it"),
                "{dialect} {args:?}: {}",
                err[0]
            );
            assert!(!r.stdout.contains("migrating"), "{dialect}: {r:?}");
            assert_eq!(tables(&db), Vec::<String>::new(), "{dialect} {args:?}");
        }
        // Granted on the scratch databases' names only, it runs.
        server
            .admin_sql(&format!(
                "GRANT ALL PRIVILEGES ON `seqmig\\_scratch\\_%`.* TO '{user}'@'%'"
            ))
            .unwrap();
        let r = p.seqmig(&["db:migrate", "--dry-run"]);
        r.ok();
        assert_gone(&scratch_of(&r));
        assert_eq!(tables(&db), Vec::<String>::new(), "{dialect}");
        server
            .admin_sql(&format!("DROP USER '{user}'@'%'"))
            .unwrap();
    }
}

/// A dry run killed with SIGKILL leaves its scratch database; the next one drops it (its
/// `GET_LOCK` died with the connection) and says so.
#[test]
fn the_scratch_database_of_a_killed_dry_run_is_dropped_by_the_next() {
    if skip() {
        return;
    }
    for dialect in DIALECTS {
        let db = fresh(&format!("drykill_{dialect}"));
        let p = project(dialect, &db, None, json!({}));
        let ready = p.path().join("ready");
        p.write(
            "migrations/20240101000000-slow.js",
            &format!(
                "const fs = require('fs');\nmodule.exports = {{ async up(qi, S) {{\n  await qi.createTable('half', {{ id: {{ type: S.INTEGER, primaryKey: true }} }});\n  const [[row]] = await qi.sequelize.query('SELECT DATABASE() AS db');\n  if (!fs.existsSync({r})) {{ fs.writeFileSync({r}, row.db); await new Promise((res) => setTimeout(res, 60000)); }}\n}}, async down(qi) {{ await qi.dropTable('half'); }} }};\n",
                r = serde_json::to_string(&ready.display().to_string()).unwrap()
            ),
        );
        let mut child = spawn_seqmig(p.path(), &["db:migrate", "--dry-run"]);
        wait_for_file(&mut child, &ready);
        let killed = kill9(child);
        assert_ne!(killed.code, 0);
        let orphan = std::fs::read_to_string(&ready).unwrap();
        assert!(orphan.starts_with("seqmig_scratch_"), "{orphan}");
        // The migration ran in it (it wrote its name). It is not checked to be there now:
        // once the server notices the killed connection, the dry run of any other test on
        // this server may drop it.
        assert_eq!(tables(&db), Vec::<String>::new(), "{dialect}");
        // The server notices the dead connection (and frees its lock) on its own time. The
        // dry runs of other tests on the same server may drop the orphan first; whichever
        // run drops it says so.
        let exists = || {
            !mariadb::server()
                .admin_sql(&format!("SHOW DATABASES LIKE '{orphan}'"))
                .unwrap()
                .trim()
                .is_empty()
        };
        let line = format!("dropped the scratch database `{orphan}`, left by a run that died");
        let mut last = None;
        for _ in 0..50 {
            if !exists() {
                break;
            }
            let next = p.seqmig(&["db:migrate", "--dry-run"]);
            next.ok();
            assert_gone(&scratch_of(&next));
            let said = next.stderr.contains(&line);
            last = Some(next);
            if said {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(200));
        }
        assert_gone(&orphan);
        assert!(
            last.is_some(),
            "{dialect}: the orphan went before any run of this test"
        );
        assert_eq!(tables(&db), Vec::<String>::new(), "{dialect}");
    }
}

/// `db:migrate:baseline --dry-run` reads the storage on the copy: not even SequelizeMeta
/// appears in the real database.
#[test]
fn a_baseline_dry_run_records_nothing_in_the_real_database() {
    if skip() {
        return;
    }
    for dialect in DIALECTS {
        let db = fresh(&format!("drybase_{dialect}"));
        let p = project(dialect, &db, None, json!({}));
        p.write("migrations/20240101000001-good.js", GOOD);
        let run = p.seqmig(&[
            "db:migrate:baseline",
            "--to",
            "20240101000001-good.js",
            "--dry-run",
        ]);
        run.ok();
        assert!(
            run.stdout
                .contains("1 migration(s) up to 20240101000001-good.js would be recorded"),
            "{dialect}: {}",
            run.stdout
        );
        assert_gone(&scratch_of(&run));
        assert_eq!(tables(&db), Vec::<String>::new(), "{dialect}");
    }
}
