//! seqmig on MySQL and MariaDB (Sequelize's `mysql` and `mariadb` dialects), against the
//! throwaway MariaDB server of `seqmig_db::testing::mariadb` (one per test binary): every
//! `migrations-examples/mysql-*` folder compared with what the real sequelize-cli did on
//! it (`reference-<dialect>.log`: exit codes, `SHOW CREATE TABLE` of every table, status,
//! the `ERROR:` line), the safety features, and bad input (one clear line, exit 1, nothing
//! recorded, no password printed).
//!
//! `SEQMIG_SKIP_MARIADB=1` is the one opt-out; without a server the tests fail loudly.

use seqmig_db::testing::mariadb::{self, MariaDb};
use seqmig_db::{ConnectOptions, Connection, Value};
use serde_json::{json, Value as Json};

use crate::safety_common::{kill9, run_many, spawn_seqmig, wait_for_file};
use crate::support::{repo_root, Run, TempProject};

pub(crate) const DIALECTS: [&str; 2] = ["mysql", "mariadb"];

fn skip() -> bool {
    mariadb::skip_mariadb()
}

/// A database for one test, with latin1 as its default character set, as the server the
/// reference logs were captured on had (so that `SHOW CREATE TABLE` compares as it is).
pub(crate) fn fresh(hint: &str) -> MariaDb {
    let db = mariadb::fresh_database(hint);
    mariadb::server()
        .admin_sql(&format!(
            "ALTER DATABASE `{}` CHARACTER SET latin1 COLLATE latin1_swedish_ci",
            db.name
        ))
        .unwrap();
    db
}

fn section(dialect: &str, db: &MariaDb, extra: Json) -> Json {
    let mut s = json!({
        "dialect": dialect, "host": db.host, "port": db.port, "username": db.user,
        "password": db.password, "database": db.name, "logging": false });
    if let (Some(o), Json::Object(e)) = (s.as_object_mut(), extra) {
        o.extend(e);
    }
    s
}

pub(crate) fn project(
    dialect: &str,
    db: &MariaDb,
    example: Option<&str>,
    extra: Json,
) -> TempProject {
    let p = TempProject::new();
    if let Some(e) = example {
        p.with_example(e);
    }
    p.write(
        "config/config.json",
        &json!({ "development": section(dialect, db, extra) }).to_string(),
    );
    p
}

fn connect(db: &MariaDb) -> Box<dyn Connection> {
    let opts = seqmig_db::parse_mysql_url(&db.url("mysql")).unwrap();
    seqmig_db::connect(&ConnectOptions::Mysql(opts)).unwrap()
}

fn text(v: &Value) -> String {
    match v {
        Value::Text(t) | Value::Numeric(t) => t.clone(),
        Value::Int(i) => i.to_string(),
        Value::Null => "NULL".into(),
        other => format!("{other:?}"),
    }
}

/// Each row's cells joined by `|`.
pub(crate) fn rows(db: &MariaDb, sql: &str) -> Vec<String> {
    connect(db)
        .query(sql, &[])
        .unwrap()
        .rows
        .iter()
        .map(|r| r.iter().map(text).collect::<Vec<_>>().join("|"))
        .collect()
}

pub(crate) fn tables(db: &MariaDb) -> Vec<String> {
    let mut t = rows(db, "SHOW TABLES");
    t.sort();
    t
}

pub(crate) fn meta(db: &MariaDb) -> Vec<String> {
    if !tables(db).contains(&"SequelizeMeta".to_string()) {
        return Vec::new();
    }
    rows(db, "SELECT name FROM SequelizeMeta ORDER BY name")
}

/// `SHOW CREATE TABLE` of every table, without the `AUTO_INCREMENT=` counter.
fn schema(db: &MariaDb) -> Vec<String> {
    let mut c = connect(db);
    tables(db)
        .iter()
        .map(|t| {
            let r = c.query(&format!("SHOW CREATE TABLE `{t}`"), &[]).unwrap();
            strip_counter(&text(&r.rows[0][1]))
        })
        .collect()
}

fn strip_counter(create: &str) -> String {
    create
        .split(' ')
        .filter(|w| !w.starts_with("AUTO_INCREMENT="))
        .collect::<Vec<_>>()
        .join(" ")
}

/// What the real sequelize-cli did on an example (`reference-<dialect>.log`).
struct Reference {
    migrate_exit: i32,
    error: Vec<String>,
    schema: Vec<String>,
    status: Vec<String>,
    undo_exit: i32,
}

fn reference(example: &str, dialect: &str) -> Reference {
    let path = repo_root()
        .join("migrations-examples")
        .join(example)
        .join(format!("reference-{dialect}.log"));
    let log = std::fs::read_to_string(&path).unwrap();
    let part = |start: &str, end: &str| -> String {
        let a = log
            .find(start)
            .unwrap_or_else(|| panic!("{start} in {}", path.display()));
        let rest = &log[a + start.len()..];
        rest[..rest.find(end).unwrap_or(rest.len())].to_string()
    };
    let exit_of = |step: &str| -> i32 {
        let s = part(&format!("### {step}\n"), "### exit ");
        let after = &log[log.find(&s).unwrap() + s.len() + "### exit ".len()..];
        after.lines().next().unwrap().trim().parse().unwrap()
    };
    let migrate = part("### db:migrate\n", "### exit ");
    let error: Vec<String> = migrate
        .lines()
        .skip_while(|l| !l.starts_with("ERROR:"))
        .take_while(|l| !l.is_empty())
        .map(mask_conn)
        .collect();
    let mut schema = Vec::new();
    for line in part("### schema\n", "### db:migrate:status").lines() {
        if line.starts_with("CREATE TABLE") {
            schema.push(line.to_string());
        } else if let Some(last) = schema.last_mut() {
            last.push('\n');
            last.push_str(line);
        }
    }
    let schema = schema.iter().map(|s| strip_counter(s)).collect();
    let status = part("### db:migrate:status\n", "### exit ")
        .lines()
        .filter(|l| l.starts_with("up ") || l.starts_with("down "))
        .map(str::to_string)
        .collect();
    Reference {
        migrate_exit: exit_of("db:migrate"),
        error,
        schema,
        status,
        undo_exit: exit_of("db:migrate:undo:all"),
    }
}

/// The mariadb connector's `conn=<thread id>` as `conn=N`.
fn mask_conn(line: &str) -> String {
    match line.find("(conn=") {
        Some(i) => {
            let rest = &line[i + 6..];
            let end = rest.find(',').unwrap_or(0);
            format!("{}(conn=N{}", &line[..i], &rest[end..])
        }
        None => line.to_string(),
    }
}

/// The `ERROR:` line and its continuation (the mariadb connector's `sql:` line), up to
/// seqmig's own account of the failure.
fn error_lines(run: &Run) -> Vec<String> {
    let all = format!("{}\n{}", run.stdout, run.stderr);
    all.lines()
        .skip_while(|l| !l.starts_with("ERROR:"))
        .take_while(|l| !l.is_empty() && !l.starts_with("seqmig:"))
        .map(mask_conn)
        .collect()
}

fn mysql_examples() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(repo_root().join("migrations-examples"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("mysql-"))
        .collect();
    v.sort();
    v
}

#[test]
fn every_mysql_example_does_what_sequelize_cli_did_on_both_dialects() {
    if skip() {
        return;
    }
    let examples = mysql_examples();
    assert!(examples.len() >= 5, "{examples:?}");
    for name in &examples {
        for dialect in DIALECTS {
            let what = format!("{name} on {dialect}");
            let want = reference(name, dialect);
            let db = fresh(&format!("{name}_{dialect}"));
            let p = project(dialect, &db, Some(name), json!({}));
            let up = p.seqmig(&["db:migrate"]);
            assert_eq!(
                up.code,
                want.migrate_exit,
                "{what}: db:migrate\n{}",
                up.masked(p.path())
            );
            assert_eq!(error_lines(&up), want.error, "{what}: the ERROR line");
            assert_eq!(
                schema(&db),
                want.schema,
                "{what}: the schema after db:migrate"
            );
            let status = p.seqmig(&["db:migrate:status"]);
            status.ok();
            let lines: Vec<String> = status
                .stdout
                .lines()
                .filter(|l| l.starts_with("up ") || l.starts_with("down "))
                .map(str::to_string)
                .collect();
            assert_eq!(lines, want.status, "{what}: db:migrate:status");
            let down = p.seqmig(&["db:migrate:undo:all"]);
            assert_eq!(
                down.code,
                want.undo_exit,
                "{what}: undo:all\n{}",
                down.masked(p.path())
            );
            assert_eq!(
                meta(&db),
                Vec::<String>::new(),
                "{what}: SequelizeMeta after undo:all"
            );
            assert_eq!(
                tables(&db),
                vec!["SequelizeMeta".to_string()],
                "{what}: tables left"
            );
        }
    }
}

/// The rows the mysql-data example writes into `results`: what each queryInterface call and
/// raw query resolved to, as the real sequelize-cli wrote them.
#[test]
fn query_results_are_shaped_as_each_node_driver_shapes_them() {
    if skip() {
        return;
    }
    for dialect in DIALECTS {
        let db = fresh(&format!("data_{dialect}"));
        let p = project(dialect, &db, Some("mysql-data"), json!({}));
        p.seqmig(&["db:migrate"]).ok();
        let log = std::fs::read_to_string(repo_root().join(format!(
            "migrations-examples/mysql-data/reference-{dialect}.log"
        )))
        .unwrap();
        let insert = log
            .lines()
            .find(|l| l.contains("INSERT INTO `results`"))
            .unwrap();
        let got = rows(&db, "SELECT what, body FROM results ORDER BY id");
        for row in &got {
            let (what, body) = row.split_once('|').unwrap();
            let escaped = body
                .replace('\\', "\\\\")
                .replace('\'', "\\'")
                .replace('"', "\\\"");
            let want = format!("('{what}','{escaped}')");
            assert!(insert.contains(&want), "{dialect}: {want} not in\n{insert}");
        }
        assert_eq!(got.len(), 10, "{dialect}: {got:?}");
    }
}

#[test]
fn a_unique_violation_is_a_validation_error_and_a_foreign_key_one_names_the_constraint() {
    if skip() {
        return;
    }
    for dialect in DIALECTS {
        let db = fresh(&format!("errors_{dialect}"));
        let p = project(dialect, &db, None, json!({}));
        p.write(
            "migrations/20240101000000-errors.js",
            r#"module.exports = {
  async up(qi, S) {
    await qi.createTable('parents', { id: { type: S.INTEGER, primaryKey: true }, name: { type: S.STRING, unique: true } });
    await qi.createTable('kids', { id: { type: S.INTEGER, primaryKey: true }, parentId: { type: S.INTEGER, references: { model: 'parents', key: 'id' } } });
    await qi.bulkInsert('parents', [{ id: 1, name: 'a' }]);
    const seen = {};
    try { await qi.bulkInsert('parents', [{ id: 2, name: 'a' }]); } catch (e) {
      seen.unique = { name: e.name, message: e.message, fields: e.fields, code: e.original.code, errno: e.original.errno, sqlState: e.original.sqlState };
    }
    try { await qi.bulkInsert('kids', [{ id: 1, parentId: 9 }]); } catch (e) {
      seen.fk = { name: e.name, table: e.table, fields: e.fields, index: e.index, reltype: e.reltype, code: e.original.code };
    }
    try { await qi.sequelize.query('SELECT nope FROM parents'); } catch (e) {
      seen.db = { name: e.name, code: e.original.code, errno: e.original.errno, sqlState: e.original.sqlState,
        text: e.original.sqlMessage || e.original.text };
    }
    await qi.createTable('seen', { body: { type: S.TEXT } });
    await qi.bulkInsert('seen', [{ body: JSON.stringify(seen) }]);
  },
  async down() {},
};
"#,
        );
        p.seqmig(&["db:migrate"]).ok();
        let body = rows(&db, "SELECT body FROM seen");
        let seen: Json = serde_json::from_str(&body[0]).unwrap();
        assert_eq!(
            seen["unique"],
            json!({"name": "SequelizeUniqueConstraintError", "message": "Validation error",
                   "fields": {"name": "a"}, "code": "ER_DUP_ENTRY", "errno": 1062, "sqlState": "23000"}),
            "{dialect}"
        );
        assert_eq!(
            seen["fk"],
            json!({"name": "SequelizeForeignKeyConstraintError", "table": "parents",
                   "fields": ["parentId"], "index": "kids_ibfk_1", "reltype": "child",
                   "code": "ER_NO_REFERENCED_ROW_2"}),
            "{dialect}"
        );
        assert_eq!(seen["db"]["name"], "SequelizeDatabaseError", "{dialect}");
        assert_eq!(seen["db"]["code"], "ER_BAD_FIELD_ERROR", "{dialect}");
        assert_eq!(seen["db"]["errno"], 1054, "{dialect}");
        assert_eq!(seen["db"]["sqlState"], "42S22", "{dialect}");
        // MariaDB 10.11's later releases say `in 'SELECT'` where earlier ones said
        // `in 'field list'`: the server's text, whichever it is.
        let text = seen["db"]["text"].as_str().unwrap_or_default();
        assert!(
            text.starts_with("Unknown column 'nope' in '"),
            "{dialect}: {text}"
        );
    }
}

/// renameColumn describes the table and writes `CHANGE` with the column's full definition;
/// removeColumn drops the foreign keys on the column first; removeConstraint finds the
/// kind of constraint first; a mariadb showAllTables answers objects.
#[test]
fn column_and_constraint_ops_read_the_table_first() {
    if skip() {
        return;
    }
    for dialect in DIALECTS {
        let db = fresh(&format!("cols_{dialect}"));
        let p = project(dialect, &db, None, json!({ "logging": true }));
        p.write(
            "migrations/20240101000000-cols.js",
            r#"module.exports = {
  async up(qi, S) {
    await qi.createTable('owners', { id: { type: S.INTEGER, primaryKey: true, autoIncrement: true } });
    await qi.createTable('pets', {
      id: { type: S.INTEGER, primaryKey: true, autoIncrement: true },
      nick: { type: S.STRING(40), allowNull: false, defaultValue: 'rex' },
      ownerId: { type: S.INTEGER, references: { model: 'owners', key: 'id' } },
    });
    await qi.renameColumn('pets', 'nick', 'name');
    await qi.addConstraint('pets', { fields: ['name'], type: 'unique', name: 'pets_name_uk' });
    await qi.removeConstraint('pets', 'pets_name_uk');
    await qi.removeColumn('pets', 'ownerId');
    const d = await qi.describeTable('pets');
    const fks = await qi.getForeignKeyReferencesForTable('pets');
    await qi.createTable('spots', { at: { type: S.GEOMETRY('POINT') } });
    await qi.sequelize.query("INSERT INTO spots (at) VALUES (ST_GeomFromText('POINT(1.5 -2)'))");
    const [geo] = await qi.sequelize.query('SELECT at FROM spots', { type: 'SELECT' });
    await qi.createTable('seen', { body: { type: S.TEXT } });
    await qi.bulkInsert('seen', [{ body: JSON.stringify({ name: d.name, fks: fks.length, has: Object.keys(d), geo: geo.at }) }]);
  },
  async down() {},
};
"#,
        );
        let up = p.seqmig(&["db:migrate"]);
        up.ok();
        for sql in [
            "ALTER TABLE `pets` CHANGE `nick` `name` VARCHAR(40) NOT NULL DEFAULT 'rex';",
            "ALTER TABLE `pets` DROP FOREIGN KEY `pets_ibfk_1`;",
            "ALTER TABLE `pets` DROP `ownerId`;",
            "DROP INDEX `pets_name_uk` ON `pets`",
        ] {
            let line = format!("Executing (default): {sql}");
            assert!(
                up.stdout.contains(&line),
                "{dialect}: {line}\n{}",
                up.stdout
            );
        }
        let body = rows(&db, "SELECT body FROM seen");
        let seen: Json = serde_json::from_str(&body[0]).unwrap();
        assert_eq!(seen["fks"], 0, "{dialect}");
        assert_eq!(seen["has"], json!(["id", "name"]), "{dialect}");
        assert_eq!(seen["name"]["allowNull"], false, "{dialect}");
        assert_eq!(seen["name"]["type"], "VARCHAR(40)", "{dialect}");
        assert_eq!(
            seen["geo"],
            json!({"type": "Point", "coordinates": [1.5, -2]}),
            "{dialect}"
        );
    }
}

#[test]
fn json_and_none_storages_and_seeders_record_as_sequelize_cli() {
    if skip() {
        return;
    }
    for dialect in DIALECTS {
        let db = fresh(&format!("storage_{dialect}"));
        let p = project(
            dialect,
            &db,
            None,
            json!({ "migrationStorage": "json", "seederStorage": "sequelize" }),
        );
        p.write(
            "migrations/20240101000000-t.js",
            "module.exports = { async up(qi, S) { await qi.createTable('t', { id: { type: S.INTEGER, primaryKey: true } }); }, async down(qi) { await qi.dropTable('t'); } };\n",
        );
        p.write(
            "seeders/20240101000000-rows.js",
            "module.exports = { async up(qi) { await qi.bulkInsert('t', [{ id: 1 }, { id: 2 }]); }, async down(qi) { await qi.bulkDelete('t', null, {}); } };\n",
        );
        p.seqmig(&["db:migrate"]).ok();
        assert_eq!(
            std::fs::read_to_string(p.path().join("sequelize-meta.json")).unwrap(),
            "[\n  \"20240101000000-t.js\"\n]"
        );
        assert!(
            !tables(&db).contains(&"SequelizeMeta".to_string()),
            "{dialect}"
        );
        p.seqmig(&["db:seed:all"]).ok();
        assert_eq!(rows(&db, "SELECT id FROM t ORDER BY id"), vec!["1", "2"]);
        assert_eq!(
            rows(&db, "SELECT name FROM SequelizeData"),
            vec!["20240101000000-rows.js"]
        );
        let data = rows(&db, "SHOW CREATE TABLE SequelizeData");
        assert!(data[0].contains("CHARSET=utf8mb3"), "{dialect}: {data:?}");
        p.seqmig(&["db:seed:undo:all"]).ok();
        assert_eq!(rows(&db, "SELECT count(*) FROM t"), vec!["0"]);
    }
}

#[test]
fn runs_at_once_take_the_get_lock_and_apply_each_migration_once() {
    if skip() {
        return;
    }
    for dialect in DIALECTS {
        let db = fresh(&format!("lock_{dialect}"));
        let p = project(dialect, &db, None, json!({}));
        p.write(
            "migrations/20240101000000-log.js",
            "module.exports = { async up(qi, S) { await qi.createTable('applications', { name: { type: S.STRING } }); }, async down() {} };\n",
        );
        for i in 1..=3 {
            p.write(
                &format!("migrations/2024010100000{i}-step{i}.js"),
                &format!("module.exports = {{ async up(qi) {{ await qi.bulkInsert('applications', [{{ name: 'step{i}' }}]); await new Promise((r) => setTimeout(r, 300)); }}, async down() {{}} }};\n"),
            );
        }
        let runs = run_many(p.path(), &["db:migrate"], 4);
        for r in &runs {
            r.ok();
        }
        let waited = runs
            .iter()
            .filter(|r| r.stderr.contains("waiting for the migration lock"))
            .count();
        assert!(waited >= 1, "{dialect}: nobody waited: {runs:#?}");
        assert_eq!(
            rows(
                &db,
                "SELECT name, count(*) FROM applications GROUP BY name ORDER BY name"
            ),
            vec!["step1|1", "step2|1", "step3|1"],
            "{dialect}"
        );
        assert_eq!(meta(&db).len(), 4, "{dialect}");
        // The lock died with the runs' sessions: the next run takes it at once.
        let next = p.seqmig(&["db:migrate", "--lock-timeout", "1"]);
        next.ok();
        assert!(
            !next.stderr.contains("waiting for the migration lock"),
            "{next:?}"
        );
    }
}

#[test]
fn checksums_record_and_detect_an_edited_migration() {
    if skip() {
        return;
    }
    for dialect in DIALECTS {
        let db = fresh(&format!("sums_{dialect}"));
        let p = project(dialect, &db, None, json!({ "seqmigChecksums": true }));
        let file = "migrations/20240101000000-t.js";
        p.write(file, "module.exports = { async up(qi, S) { await qi.createTable('t', { id: { type: S.INTEGER, primaryKey: true } }); }, async down(qi) { await qi.dropTable('t'); } };\n");
        p.seqmig(&["db:migrate"]).ok();
        let sums = rows(
            &db,
            "SELECT name, LENGTH(sha256) FROM SequelizeMetaChecksums",
        );
        assert_eq!(sums, vec!["20240101000000-t.js|64"], "{dialect}");
        p.seqmig(&["db:migrate:validate"]).ok();
        p.write(
            file,
            "// edited\nmodule.exports = { async up() {}, async down() {} };\n",
        );
        let v = p.seqmig(&["db:migrate:validate"]);
        assert_eq!(v.code, 1, "{dialect}: {v:?}");
        assert!(
            format!("{}{}", v.stdout, v.stderr).contains("changed"),
            "{dialect}: {v:?}"
        );
    }
}

/// `--atomic` (and `seqmigAtomic`) stays refused: each migration would commit its DDL at
/// once. `--dry-run` and verify run on a scratch copy (`tests/mysql_dry_run.rs`).
#[test]
fn atomic_is_refused_in_one_line_before_anything_runs() {
    if skip() {
        return;
    }
    for dialect in DIALECTS {
        let db = fresh(&format!("atomic_{dialect}"));
        let p = project(dialect, &db, None, json!({}));
        p.write(
            "migrations/20240101000000-t.js",
            "module.exports = { async up(qi, S) { await qi.createTable('t', { id: { type: S.INTEGER, primaryKey: true } }); }, async down(qi) { await qi.dropTable('t'); } };\n",
        );
        for args in [
            vec!["db:migrate", "--atomic"],
            vec!["db:migrate", "--atomic=strict", "--dry-run"],
            vec!["db:migrate:undo:all", "--atomic"],
        ] {
            let r = p.seqmig(&args);
            assert_eq!(r.code, 1, "{dialect} {args:?}: {r:?}");
            let err: Vec<&str> = r.stderr.lines().filter(|l| !l.trim().is_empty()).collect();
            assert_eq!(err.len(), 1, "{dialect} {args:?}: {r:?}");
            assert!(
                err[0].contains(&format!("seqmig: --atomic needs DDL that rolls back, which {dialect} does not have (it commits every CREATE/ALTER/DROP at once, so a failed migration could not be undone); nothing was run: run without --atomic (or seqmigAtomic)")),
                "{dialect} {args:?}: {r:?}"
            );
            assert!(!r.stdout.contains("migrating"), "{dialect} {args:?}: {r:?}");
            assert_eq!(
                tables(&db).iter().filter(|t| *t == "t").count(),
                0,
                "{dialect} {args:?}"
            );
            assert_eq!(meta(&db), Vec::<String>::new(), "{dialect} {args:?}");
        }
        let cfg = project(dialect, &db, None, json!({ "seqmigAtomic": true }));
        cfg.write(
            "migrations/20240101000000-t.js",
            "module.exports = { async up() {}, async down() {} };\n",
        );
        let r = cfg.seqmig(&["db:migrate"]);
        assert_eq!(r.code, 1, "{dialect}: {r:?}");
        assert!(
            r.stderr.contains("--atomic needs DDL that rolls back"),
            "{r:?}"
        );
    }
}

#[test]
fn json_output_of_migrate_and_status() {
    if skip() {
        return;
    }
    for dialect in DIALECTS {
        let db = fresh(&format!("json_{dialect}"));
        let p = project(dialect, &db, Some("mysql-ddl"), json!({}));
        let r = p.seqmig(&["db:migrate", "--json"]);
        r.ok();
        let v: Json = serde_json::from_str(r.stdout.trim()).unwrap();
        assert_eq!(v["ok"], true, "{dialect}: {v}");
        let s = p.seqmig(&["db:migrate:status", "--json"]);
        s.ok();
        let v: Json = serde_json::from_str(s.stdout.trim()).unwrap();
        assert_eq!(v["pending"], 0, "{dialect}: {v}");
        assert_eq!(
            v["migrations"].as_array().map(Vec::len),
            Some(3),
            "{dialect}: {v}"
        );
        assert!(!s.stdout.contains(&db.password), "{dialect}");
    }
}

/// A run killed in the middle of a migration leaves its in-flight marker (naming the
/// database, never the password); the next run says the migration may be partly applied.
#[test]
fn a_killed_run_leaves_a_marker_the_next_run_reports() {
    if skip() {
        return;
    }
    for dialect in DIALECTS {
        let db = fresh(&format!("kill_{dialect}"));
        let p = project(dialect, &db, None, json!({}));
        let ready = p.path().join("ready");
        p.write(
            "migrations/20240101000000-slow.js",
            &format!(
                "const fs = require('fs');\nmodule.exports = {{ async up(qi, S) {{\n  await qi.createTable('half', {{ id: {{ type: S.INTEGER, primaryKey: true }} }});\n  if (!fs.existsSync({r})) {{ fs.writeFileSync({r}, '1'); await new Promise((res) => setTimeout(res, 60000)); }}\n}}, async down(qi) {{ await qi.dropTable('half'); }} }};\n",
                r = serde_json::to_string(&ready.display().to_string()).unwrap()
            ),
        );
        let mut child = spawn_seqmig(p.path(), &["db:migrate"]);
        wait_for_file(&mut child, &ready);
        let killed = kill9(child);
        assert_ne!(killed.code, 0);
        let markers: Vec<String> = std::fs::read_dir(p.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("seqmig-inflight"))
            .collect();
        assert_eq!(markers.len(), 1, "{dialect}: {markers:?}");
        let marker = std::fs::read_to_string(p.path().join(&markers[0])).unwrap();
        assert!(marker.contains("20240101000000-slow"), "{marker}");
        assert!(
            !marker.contains(&db.password),
            "{dialect}: the marker holds the password"
        );
        assert_eq!(meta(&db), Vec::<String>::new());
        let next = p.seqmig(&["db:migrate"]);
        next.ok();
        let all = format!("{}{}", next.stdout, next.stderr);
        assert!(all.contains("20240101000000-slow"), "{dialect}: {all}");
        assert!(all.contains("partly applied"), "{dialect}: {all}");
        assert_eq!(meta(&db), vec!["20240101000000-slow.js"], "{dialect}");
    }
}

#[test]
fn db_create_and_drop_with_charset_and_collate() {
    if skip() {
        return;
    }
    let server = mariadb::server();
    for dialect in DIALECTS {
        let name = format!("seqmig_created_{dialect}_{}", std::process::id());
        let base = mariadb::fresh_database(&format!("create_{dialect}"));
        // The tests' user may create databases (it owns what it creates).
        let mut db = base.clone();
        db.name = name.clone();
        let p = project(dialect, &db, None, json!({}));
        let r = p.seqmig(&[
            "db:create",
            "--charset",
            "utf8mb4",
            "--collate",
            "utf8mb4_bin",
        ]);
        assert_eq!(r.code, 0, "{dialect}: {r:?}");
        assert!(
            r.stdout.contains(&format!("Database {name} created.")),
            "{r:?}"
        );
        let cs = server
            .admin_sql(&format!(
                "SELECT DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '{name}'"
            ))
            .unwrap();
        assert_eq!(cs.trim(), "utf8mb4\tutf8mb4_bin", "{dialect}");
        let r = p.seqmig(&["db:drop"]);
        assert_eq!(r.code, 0, "{dialect}: {r:?}");
        let left = server
            .admin_sql(&format!(
                "SELECT count(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '{name}'"
            ))
            .unwrap();
        assert_eq!(left.trim(), "0", "{dialect}");
    }
}

// ---- bad input: one clear line, exit 1, nothing recorded, no password ----

fn one_line_error(r: &Run, what: &str) -> String {
    assert_eq!(r.code, 1, "{what}: {r:?}");
    let lines: Vec<&str> = r.stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(!lines.is_empty(), "{what}: no error printed: {r:?}");
    lines.join("\n")
}

fn no_password(r: &Run, password: &str, what: &str) {
    assert!(
        !r.stdout.contains(password) && !r.stderr.contains(password),
        "{what}: the password was printed: {r:?}"
    );
}

fn t_migration(p: &TempProject) {
    p.write(
        "migrations/20240101000000-t.js",
        "module.exports = { async up(qi, S) { await qi.createTable('t', { id: { type: S.INTEGER, primaryKey: true } }); }, async down(qi) { await qi.dropTable('t'); } };\n",
    );
}

#[test]
fn connection_refused_names_host_and_port() {
    if skip() {
        return;
    }
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    for dialect in DIALECTS {
        let mut db = mariadb::fresh_database(&format!("refused_{dialect}"));
        db.port = port;
        let p = project(dialect, &db, None, json!({}));
        t_migration(&p);
        for args in [
            vec!["db:migrate"],
            vec!["db:migrate:status", "--debug"],
            vec!["db:migrate", "--json"],
        ] {
            let r = p.seqmig(&args);
            let text = if args.contains(&"--json") {
                assert_eq!(r.code, 1, "{r:?}");
                r.stdout.clone() + &r.stderr
            } else {
                one_line_error(&r, dialect)
            };
            assert!(
                text.contains(&format!("connect ECONNREFUSED 127.0.0.1:{port}")),
                "{dialect} {args:?}: {text}"
            );
            no_password(&r, &db.password, dialect);
        }
    }
}

#[test]
fn a_wrong_password_is_access_denied_without_the_password() {
    if skip() {
        return;
    }
    for dialect in DIALECTS {
        let mut db = fresh(&format!("denied_{dialect}"));
        db.password = "Wr0ng-p@ss-XYZ".into();
        let p = project(dialect, &db, None, json!({}));
        t_migration(&p);
        let r = p.seqmig(&["db:migrate", "--debug"]);
        let text = one_line_error(&r, dialect);
        assert!(
            text.contains(&format!("Access denied for user '{}'@", db.user)),
            "{dialect}: {text}"
        );
        no_password(&r, &db.password, dialect);
        // Through a url too, with the password in it.
        let p2 = TempProject::new();
        t_migration(&p2);
        let url = db.url(dialect);
        let r = p2.seqmig(&["db:migrate", "--url", &url]);
        let text = one_line_error(&r, dialect);
        assert!(text.contains("Access denied for user"), "{dialect}: {text}");
        assert!(
            r.stdout.contains("Parsed url") && r.stdout.contains(":*****@"),
            "{r:?}"
        );
        no_password(&r, "Wr0ng", dialect);
    }
}

#[test]
fn an_unknown_database_is_one_clear_line() {
    if skip() {
        return;
    }
    for dialect in DIALECTS {
        let mut db = mariadb::fresh_database(&format!("unknown_{dialect}"));
        db.name = "seqmig_no_such_db".into();
        let p = project(dialect, &db, None, json!({}));
        t_migration(&p);
        let r = p.seqmig(&["db:migrate"]);
        let text = one_line_error(&r, dialect);
        assert!(
            text.contains("Unknown database 'seqmig_no_such_db'"),
            "{dialect}: {text}"
        );
        no_password(&r, &db.password, dialect);
    }
}

#[test]
fn tls_required_by_the_client_but_not_offered_fails_clearly() {
    if skip() {
        return;
    }
    // A server that answers MySQL's handshake without the SSL capability: a listener that
    // sends a protocol-10 greeting whose capabilities lack CLIENT_SSL, then waits.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || greet_without_tls(stream));
        }
    });
    for dialect in DIALECTS {
        let mut db = mariadb::fresh_database(&format!("notls_{dialect}"));
        db.port = port;
        let p = project(
            dialect,
            &db,
            None,
            json!({ "dialectOptions": { "ssl": {} } }),
        );
        t_migration(&p);
        let r = p.seqmig(&["db:migrate"]);
        let text = one_line_error(&r, dialect);
        assert!(
            text.contains("Server does not support secure connection"),
            "{dialect}: {text}"
        );
        no_password(&r, &db.password, dialect);
    }
    // And the real server, with a user that requires TLS, reached without it: refused.
    for dialect in DIALECTS {
        let mut db = fresh(&format!("tlsuser_{dialect}"));
        db.user = mariadb::TLS_USER.into();
        db.password = mariadb::TLS_PASSWORD.into();
        let p = project(dialect, &db, None, json!({}));
        t_migration(&p);
        let r = p.seqmig(&["db:migrate"]);
        let text = one_line_error(&r, dialect);
        assert!(
            text.contains("Access denied for user 'seqmig_tls'"),
            "{dialect}: {text}"
        );
        no_password(&r, mariadb::TLS_PASSWORD, dialect);
    }
}

/// A MySQL protocol-10 greeting without CLIENT_SSL in its capabilities.
fn greet_without_tls(mut s: std::net::TcpStream) {
    use std::io::{Read, Write};
    let mut payload = vec![10u8];
    payload.extend_from_slice(b"5.5.5-10.11.0-fake\0");
    payload.extend_from_slice(&1u32.to_le_bytes());
    payload.extend_from_slice(b"abcdefgh\0");
    // Capabilities (lower): PROTOCOL_41 | SECURE_CONNECTION | LONG_PASSWORD | CONNECT_WITH_DB, no SSL.
    let caps: u32 = 0x0000_0200 | 0x0000_8000 | 0x0000_0001 | 0x0000_0008 | 0x0008_0000;
    payload.extend_from_slice(&(caps as u16).to_le_bytes());
    payload.push(45);
    payload.extend_from_slice(&2u16.to_le_bytes());
    payload.extend_from_slice(&((caps >> 16) as u16).to_le_bytes());
    payload.push(21);
    payload.extend_from_slice(&[0u8; 10]);
    payload.extend_from_slice(b"ijklmnopqrst\0");
    payload.extend_from_slice(b"mysql_native_password\0");
    let mut packet = (payload.len() as u32).to_le_bytes()[..3].to_vec();
    packet.push(0);
    packet.extend_from_slice(&payload);
    let _ = s.write_all(&packet);
    let mut buf = [0u8; 256];
    let _ = s.set_read_timeout(Some(std::time::Duration::from_secs(5)));
    let _ = s.read(&mut buf);
}

#[test]
fn a_statement_error_inside_a_migration_names_it_and_records_nothing() {
    if skip() {
        return;
    }
    for dialect in DIALECTS {
        let db = fresh(&format!("stmt_{dialect}"));
        let p = project(dialect, &db, None, json!({}));
        t_migration(&p);
        p.write(
            "migrations/20240101000001-broken.js",
            "module.exports = { async up(qi) { await qi.sequelize.query('ALTER TABLE nope ADD x INT'); }, async down() {} };\n",
        );
        let r = p.seqmig(&["db:migrate"]);
        assert_eq!(r.code, 1, "{dialect}: {r:?}");
        let all = format!("{}{}", r.stdout, r.stderr);
        assert!(all.contains("20240101000001-broken"), "{dialect}: {all}");
        let err = error_lines(&r);
        let table_missing = format!("Table '{}.nope' doesn't exist", db.name);
        match dialect {
            "mysql" => assert_eq!(err, vec![format!("ERROR: {table_missing}")], "{all}"),
            _ => assert_eq!(
                err,
                vec![
                    format!("ERROR: (conn=N, no: 1146, SQLState: 42S02) {table_missing}"),
                    "sql: ALTER TABLE nope ADD x INT - parameters:[]".to_string()
                ],
                "{all}"
            ),
        }
        assert_eq!(meta(&db), vec!["20240101000000-t.js"], "{dialect}");
        no_password(&r, &db.password, dialect);
    }
}

/// No message may carry a password, on any dialect: an unsupported dialect's url, a url
/// that does not parse, a `new Sequelize(url)` inside a migration.
#[test]
fn no_password_is_printed_for_bad_urls_on_any_dialect() {
    let p = TempProject::new();
    t_migration(&p);
    for url in [
        "mssql://sa:Sup3rS3cret@db.example:1433/app",
        "oracle://scott:Sup3rS3cret@db.example/app",
        "mysql://root:Sup3rS3cret@127.0.0.1:1/app",
        "mariadb://root:Sup3rS3cret@127.0.0.1:1/app",
        "postgres://root:Sup3rS3cret@127.0.0.1:1/app",
        "mysql://root:Sup3rS3cret@127.0.0.1:notaport/app",
        "root:Sup3rS3cret@127.0.0.1/app",
    ] {
        for extra in [&[][..], &["--debug"][..], &["--json"][..]] {
            let mut args = vec!["db:migrate", "--url", url];
            args.extend_from_slice(extra);
            let r = p.seqmig(&args);
            assert_eq!(r.code, 1, "{url} {extra:?}: {r:?}");
            no_password(&r, "Sup3rS3cret", url);
        }
    }
    p.write(
        "migrations/20240101000000-t.js",
        "module.exports = { async up(qi, S) { const { Sequelize } = require('sequelize'); new Sequelize('mssql://sa:Sup3rS3cret@h/db'); }, async down() {} };\n",
    );
    p.sqlite_config();
    let r = p.seqmig(&["db:migrate"]);
    assert_eq!(r.code, 1, "{r:?}");
    no_password(&r, "Sup3rS3cret", "new Sequelize");
    assert!(
        r.stderr.contains("mssql") || r.stdout.contains("mssql"),
        "{r:?}"
    );
}

/// The general examples that use nothing of PostgreSQL or SQLite only (checked by hand
/// against what each fails on: hstore, citext, `::text` casts, double-quoted identifiers,
/// a truncate or an index drop that MySQL refuses under a foreign key) migrate up and all
/// the way down on both dialects, SequelizeMeta as the files. `expressions` drops the
/// tables `showAllTables` names, which on mariadb are `{tableName, schema}` objects that
/// Sequelize quotes as one name (`db.table`): mysql only.
#[test]
fn general_examples_without_postgres_or_sqlite_only_features_run_up_and_down() {
    if skip() {
        return;
    }
    let both = [
        "all-types",
        "alter-columns",
        "file-kinds",
        "models-app",
        "models-associations",
        "query-interface-misc",
        "raw-queries",
        "schemas-and-databases",
        "transactions",
        "types-and-defaults",
    ];
    let cases = both
        .iter()
        .flat_map(|e| DIALECTS.map(|d| (*e, d)))
        .chain([("expressions", "mysql")]);
    for (name, dialect) in cases {
        // utf8mb4 (some rows hold emoji), as the server's own default.
        let db = mariadb::fresh_database(&format!("{name}_{dialect}"));
        let p = project(dialect, &db, Some(name), json!({}));
        let up = p.seqmig(&["db:migrate"]);
        assert_eq!(up.code, 0, "{name} on {dialect}\n{}", up.masked(p.path()));
        assert_eq!(
            meta(&db),
            crate::examples::migration_files(name),
            "{name} on {dialect}: SequelizeMeta"
        );
        let down = p.seqmig(&["db:migrate:undo:all"]);
        assert_eq!(
            down.code,
            0,
            "{name} on {dialect}\n{}",
            down.masked(p.path())
        );
        assert_eq!(meta(&db), Vec::<String>::new(), "{name} on {dialect}");
    }
}

/// A migration's own transactions: the isolation level is set before `START TRANSACTION`
/// (MySQL applies `SET TRANSACTION` to the next one), a nested one is a savepoint, and a
/// transaction whose DDL commits implicitly still finishes as under sequelize-cli.
#[test]
fn a_migrations_transactions_with_isolation_savepoints_and_ddl() {
    if skip() {
        return;
    }
    for dialect in DIALECTS {
        let db = fresh(&format!("tx_{dialect}"));
        let p = project(dialect, &db, None, json!({ "logging": true }));
        p.write(
            "migrations/20240101000000-tx.js",
            r#"module.exports = {
  async up(qi, S) {
    await qi.createTable('t', { id: { type: S.INTEGER, primaryKey: true } });
    await qi.sequelize.transaction({ isolationLevel: 'SERIALIZABLE' }, async (t) => {
      await qi.bulkInsert('t', [{ id: 1 }], { transaction: t });
      try {
        await qi.sequelize.transaction({ transaction: t }, async (t2) => {
          await qi.bulkInsert('t', [{ id: 2 }], { transaction: t2 });
          throw new Error('undo the savepoint');
        });
      } catch (e) {}
    });
    await qi.sequelize.transaction(async (t) => {
      await qi.createTable('u', { id: { type: S.INTEGER, primaryKey: true } }, { transaction: t });
      await qi.bulkInsert('u', [{ id: 7 }], { transaction: t });
    });
  },
  async down() {},
};
"#,
        );
        let up = p.seqmig(&["db:migrate"]);
        up.ok();
        let log: Vec<&str> = up
            .stdout
            .lines()
            .filter(|l| l.starts_with("Executing"))
            .collect();
        let at = |needle: &str| {
            log.iter()
                .position(|l| l.contains(needle))
                .unwrap_or_else(|| panic!("{dialect}: {needle} not logged:\n{}", up.stdout))
        };
        assert!(
            at("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE;") < at("START TRANSACTION;"),
            "{dialect}:\n{}",
            up.stdout
        );
        assert!(up.stdout.contains("SAVEPOINT `"), "{dialect}");
        assert!(up.stdout.contains("ROLLBACK TO SAVEPOINT `"), "{dialect}");
        assert_eq!(rows(&db, "SELECT id FROM t"), vec!["1"], "{dialect}");
        assert_eq!(rows(&db, "SELECT id FROM u"), vec!["7"], "{dialect}");
        assert!(!up.stderr.contains("seqmig:"), "{dialect}: {}", up.stderr);
        assert_eq!(meta(&db), vec!["20240101000000-tx.js"], "{dialect}");
    }
}

/// `db:migrate:schema:timestamps:add` re-creates SequelizeMeta with `createdAt` /
/// `updatedAt` (DATETIME, written as each dialect's DATE stringifies) and keeps the names;
/// later runs record with timestamps; renameTable is the abstract `ALTER TABLE … RENAME TO`.
#[test]
fn timestamps_add_then_migrate_with_timestamps() {
    if skip() {
        return;
    }
    for dialect in DIALECTS {
        let db = fresh(&format!("ts_{dialect}"));
        let p = project(dialect, &db, None, json!({ "logging": true }));
        p.write(
            "migrations/20240101000000-t.js",
            "module.exports = { async up(qi, S) { await qi.createTable('t', { id: { type: S.INTEGER, primaryKey: true } }); await qi.renameTable('t', 't2'); }, async down(qi) { await qi.dropTable('t2'); } };\n",
        );
        let up = p.seqmig(&["db:migrate"]);
        up.ok();
        assert!(
            up.stdout
                .contains("Executing (default): ALTER TABLE `t` RENAME TO `t2`;"),
            "{dialect}: {}",
            up.stdout
        );
        p.seqmig(&["db:migrate:schema:timestamps:add"]).ok();
        p.write(
            "migrations/20240101000001-u.js",
            "module.exports = { async up() {}, async down() {} };\n",
        );
        p.seqmig(&["db:migrate"]).ok();
        let recorded = rows(
            &db,
            "SELECT name, createdAt IS NOT NULL, updatedAt > '2020-01-01' FROM SequelizeMeta ORDER BY name",
        );
        assert_eq!(
            recorded,
            vec!["20240101000000-t.js|1|1", "20240101000001-u.js|1|1"],
            "{dialect}"
        );
        assert!(
            tables(&db).contains(&"SequelizeMetaBackup".to_string()),
            "{dialect}"
        );
    }
}

/// mysql2's number options in `dialectOptions` change what a query resolves to, as under
/// sequelize-cli (DECIMAL as a number with `decimalNumbers`, BIGINT as a string with
/// `bigNumberStrings`); without them, Sequelize's defaults.
#[test]
fn mysql2_number_options_shape_query_results() {
    if skip() {
        return;
    }
    let migration = r#"module.exports = {
  async up(qi, S) {
    await qi.createTable('nums', { d: { type: S.DECIMAL(5, 2) }, b: { type: S.BIGINT } });
    await qi.bulkInsert('nums', [{ d: 19.99, b: 5 }]);
    const rows = await qi.sequelize.query('SELECT d, b FROM nums', { type: 'SELECT' });
    await qi.createTable('seen', { body: { type: S.TEXT } });
    await qi.bulkInsert('seen', [{ body: JSON.stringify(rows[0]) }]);
  },
  async down() {},
};
"#;
    for (options, want) in [
        (json!({}), json!({"d": "19.99", "b": 5})),
        (
            json!({"decimalNumbers": true, "bigNumberStrings": true}),
            json!({"d": 19.99, "b": "5"}),
        ),
    ] {
        let db = fresh("numbers");
        let p = project("mysql", &db, None, json!({ "dialectOptions": options }));
        p.write("migrations/20240101000000-n.js", migration);
        p.seqmig(&["db:migrate"]).ok();
        let body = rows(&db, "SELECT body FROM seen");
        let got: Json = serde_json::from_str(&body[0]).unwrap();
        assert_eq!(got, want, "{options}");
    }
}
