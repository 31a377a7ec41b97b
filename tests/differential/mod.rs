//! The differential harness: the real sequelize-cli and seqmig on the same folders.
//!
//! For every folder in `migrations-examples/` and every dialect its `example.json`
//! declares, one test copies the folder into two temp projects with a fresh database each,
//! runs the same command sequence under both tools (see `STEP_NAMES`), and after every step
//! compares the exit status, stdout, stderr, schema, rows and SequelizeMeta. Any difference
//! fails the test with unified diffs naming the example, dialect and step.
//!
//! Needs Node.js and npm (the pinned tools are installed by `tests/compat/install.sh` on
//! first use); without them the tests fail, unless `SEQMIG_SKIP_DIFFERENTIAL=1` opts out.
//! `SEQMIG_WRITE_COMPAT=1` regenerates `docs/compat.md`; `SEQMIG_KEEP_PROJECTS=1` keeps the
//! temp projects for a post-mortem.

mod contexts;
mod diff;
mod model_api;
mod normalize;
mod project;
mod report;
mod run_values;
mod snapshot;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use normalize::{Masks, Tool};
use project::{Dialect, Outcome, Project};
use report::{RunResult, StepResult};
use snapshot::State;

/// The command sequence, as the compat table names it. `--to` takes the second migration;
/// the seed steps run only for examples with a `seeders/` folder.
pub const STEP_NAMES: &[&str] = &[
    "db:migrate",
    "db:migrate:status",
    "db:migrate:undo",
    "db:migrate",
    "db:migrate:undo:all",
    "db:migrate --to <2nd file>",
    "db:migrate",
    "db:seed:all",
    "db:seed:undo:all",
];

fn step_args(second: &str, has_seeders: bool) -> Vec<Vec<String>> {
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    let mut steps = vec![
        s(&["db:migrate"]),
        s(&["db:migrate:status"]),
        s(&["db:migrate:undo"]),
        s(&["db:migrate"]),
        s(&["db:migrate:undo:all"]),
        s(&["db:migrate", "--to", second]),
        s(&["db:migrate"]),
    ];
    if has_seeders {
        steps.push(s(&["db:seed:all"]));
        steps.push(s(&["db:seed:undo:all"]));
    }
    steps
}

/// Longer diffs are cut: the first screens say what is wrong.
const MAX_DIFF_LINES: usize = 160;

macro_rules! differential_tests {
    ($($test:ident: $example:literal, $dialect:ident;)*) => {
        $(
            #[test]
            fn $test() {
                run_example($example, Dialect::$dialect);
            }
        )*
        /// Every (example, dialect) that has a test; checked against the folders.
        const DECLARED: &[(&str, Dialect)] = &[$(($example, Dialect::$dialect)),*];
    };
}

differential_tests! {
    differential_blog_sqlite: "blog", Sqlite;
    differential_blog_postgres: "blog", Postgres;
    differential_alter_columns_sqlite: "alter-columns", Sqlite;
    differential_alter_columns_postgres: "alter-columns", Postgres;
    differential_raw_queries_sqlite: "raw-queries", Sqlite;
    differential_raw_queries_postgres: "raw-queries", Postgres;
    differential_transactions_sqlite: "transactions", Sqlite;
    differential_transactions_postgres: "transactions", Postgres;
    differential_types_and_defaults_sqlite: "types-and-defaults", Sqlite;
    differential_types_and_defaults_postgres: "types-and-defaults", Postgres;
    differential_failing_midway_sqlite: "failing-midway", Sqlite;
    differential_failing_midway_postgres: "failing-midway", Postgres;
    differential_postgres_features_postgres: "postgres-features", Postgres;
    differential_constraints_and_indexes_sqlite: "constraints-and-indexes", Sqlite;
    differential_constraints_and_indexes_postgres: "constraints-and-indexes", Postgres;
    differential_postgres_types_postgres: "postgres-types", Postgres;
    differential_query_interface_misc_sqlite: "query-interface-misc", Sqlite;
    differential_query_interface_misc_postgres: "query-interface-misc", Postgres;
    differential_sqlite_rebuilds_sqlite: "sqlite-rebuilds", Sqlite;
    differential_expressions_sqlite: "expressions", Sqlite;
    differential_expressions_postgres: "expressions", Postgres;
    differential_file_kinds_sqlite: "file-kinds", Sqlite;
    differential_file_kinds_postgres: "file-kinds", Postgres;
    differential_models_app_sqlite: "models-app", Sqlite;
    differential_models_app_postgres: "models-app", Postgres;
    differential_models_associations_sqlite: "models-associations", Sqlite;
    differential_models_associations_postgres: "models-associations", Postgres;
    differential_models_associations_mysql: "models-associations", Mysql;
    differential_models_associations_mariadb: "models-associations", Mariadb;
    differential_models_lifecycle_sqlite: "models-lifecycle", Sqlite;
    differential_models_lifecycle_postgres: "models-lifecycle", Postgres;
    differential_upsert_update_delete_sqlite: "upsert-update-delete", Sqlite;
    differential_upsert_update_delete_postgres: "upsert-update-delete", Postgres;
    differential_schemas_and_databases_sqlite: "schemas-and-databases", Sqlite;
    differential_schemas_and_databases_postgres: "schemas-and-databases", Postgres;
    differential_all_types_sqlite: "all-types", Sqlite;
    differential_all_types_postgres: "all-types", Postgres;
    differential_transaction_contexts_sqlite: "transaction-contexts", Sqlite;
    differential_transaction_contexts_postgres: "transaction-contexts", Postgres;
    differential_models_diff_shop_sqlite: "models-diff-shop", Sqlite;
    differential_models_diff_files_sqlite: "models-diff-files", Sqlite;
    differential_models_diff_pg_postgres: "models-diff-pg", Postgres;
    // MySQL and MariaDB: the shared test MariaDB server, dialects mysql (mysql2) and
    // mariadb (the mariadb connector 2.x).
    differential_all_types_mysql: "all-types", Mysql;
    differential_all_types_mariadb: "all-types", Mariadb;
    differential_alter_columns_mysql: "alter-columns", Mysql;
    differential_alter_columns_mariadb: "alter-columns", Mariadb;
    differential_blog_mysql: "blog", Mysql;
    differential_blog_mariadb: "blog", Mariadb;
    differential_constraints_and_indexes_mysql: "constraints-and-indexes", Mysql;
    differential_constraints_and_indexes_mariadb: "constraints-and-indexes", Mariadb;
    differential_expressions_mysql: "expressions", Mysql;
    differential_expressions_mariadb: "expressions", Mariadb;
    differential_failing_midway_mysql: "failing-midway", Mysql;
    differential_failing_midway_mariadb: "failing-midway", Mariadb;
    differential_file_kinds_mysql: "file-kinds", Mysql;
    differential_file_kinds_mariadb: "file-kinds", Mariadb;
    differential_mysql_ci_unique_mysql: "mysql-ci-unique", Mysql;
    differential_mysql_ci_unique_mariadb: "mysql-ci-unique", Mariadb;
    differential_mysql_data_mysql: "mysql-data", Mysql;
    differential_mysql_data_mariadb: "mysql-data", Mariadb;
    differential_mysql_driver_results_mysql: "mysql-driver-results", Mysql;
    differential_mysql_driver_results_mariadb: "mysql-driver-results", Mariadb;
    differential_mysql_ddl_mysql: "mysql-ddl", Mysql;
    differential_mysql_ddl_mariadb: "mysql-ddl", Mariadb;
    differential_mysql_errors_mysql: "mysql-errors", Mysql;
    differential_mysql_errors_mariadb: "mysql-errors", Mariadb;
    differential_mysql_fk_index_mysql: "mysql-fk-index", Mysql;
    differential_mysql_fk_index_mariadb: "mysql-fk-index", Mariadb;
    differential_mysql_implicit_commit_mysql: "mysql-implicit-commit", Mysql;
    differential_mysql_implicit_commit_mariadb: "mysql-implicit-commit", Mariadb;
    differential_mysql_types_mysql: "mysql-types", Mysql;
    differential_mysql_types_mariadb: "mysql-types", Mariadb;
    differential_models_app_mysql: "models-app", Mysql;
    differential_models_app_mariadb: "models-app", Mariadb;
    differential_raw_queries_mysql: "raw-queries", Mysql;
    differential_raw_queries_mariadb: "raw-queries", Mariadb;
    differential_schemas_and_databases_mysql: "schemas-and-databases", Mysql;
    differential_transactions_mysql: "transactions", Mysql;
    differential_transactions_mariadb: "transactions", Mariadb;
    differential_types_and_defaults_mysql: "types-and-defaults", Mysql;
    differential_types_and_defaults_mariadb: "types-and-defaults", Mariadb;
    differential_upsert_update_delete_mysql: "upsert-update-delete", Mysql;
    differential_upsert_update_delete_mariadb: "upsert-update-delete", Mariadb;
}

/// One folder of `migrations-examples/`, as its example.json describes it.
#[derive(Debug, Clone)]
pub struct Example {
    pub name: String,
    pub dir: PathBuf,
    /// Where seqmig is compared with sequelize-cli (one test each).
    pub dialects: Vec<String>,
    /// Where sequelize-cli runs the folder as `expect` says but seqmig is not compared
    /// yet: listed in docs/compat.md, no test.
    pub pending_dialects: Vec<String>,
    /// For pending dialects: how seqmig differs there today (the harness's finding).
    pub differences: Vec<(String, String)>,
    /// Dialects where the folder is not compared, and why (sequelize-cli cannot run it
    /// there, or its own output varies from run to run): listed in docs/compat.md.
    pub not_compared_on: Vec<(String, String)>,
    pub expect: String,
}

pub fn examples() -> Vec<Example> {
    let root = crate::support::repo_root().join("migrations-examples");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&root).unwrap_or_else(|e| panic!("read {}: {e}", root.display()))
    {
        let dir = entry.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        let meta_path = dir.join("example.json");
        let text = std::fs::read_to_string(&meta_path).unwrap_or_else(|e| {
            panic!(
                "{}: {e} (every example folder needs one)",
                meta_path.display()
            )
        });
        let meta: serde_json::Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", meta_path.display()));
        let dialects = meta["dialects"]
            .as_array()
            .unwrap_or_else(|| panic!("{}: \"dialects\" must be an array", meta_path.display()))
            .iter()
            .map(|d| d.as_str().expect("dialect names are strings").to_string())
            .collect();
        let pending_dialects = match &meta["pending_dialects"] {
            serde_json::Value::Null => Vec::new(),
            v => v
                .as_array()
                .unwrap_or_else(|| {
                    panic!(
                        "{}: \"pending_dialects\" must be an array",
                        meta_path.display()
                    )
                })
                .iter()
                .map(|d| d.as_str().expect("dialect names are strings").to_string())
                .collect(),
        };
        let differences = match &meta["differences"] {
            serde_json::Value::Null => Vec::new(),
            v => v
                .as_object()
                .unwrap_or_else(|| {
                    panic!(
                        "{}: \"differences\" maps pending dialects to how seqmig differs",
                        meta_path.display()
                    )
                })
                .iter()
                .map(|(d, why)| {
                    let why = why.as_str().filter(|w| !w.is_empty()).unwrap_or_else(|| {
                        panic!(
                            "{}: differences.{d} needs the difference",
                            meta_path.display()
                        )
                    });
                    (d.clone(), why.to_string())
                })
                .collect(),
        };
        let not_compared_on = match &meta["not_compared_on"] {
            serde_json::Value::Null => Vec::new(),
            v => v
                .as_object()
                .unwrap_or_else(|| {
                    panic!(
                        "{}: \"not_compared_on\" maps dialects to the reason",
                        meta_path.display()
                    )
                })
                .iter()
                .map(|(d, why)| {
                    let why = why.as_str().filter(|w| !w.is_empty()).unwrap_or_else(|| {
                        panic!(
                            "{}: not_compared_on.{d} needs the reason",
                            meta_path.display()
                        )
                    });
                    (d.clone(), why.to_string())
                })
                .collect(),
        };
        let expect = meta["expect"].as_str().unwrap_or("success").to_string();
        assert!(
            expect == "success" || expect == "failure",
            "{}: \"expect\" is \"success\" or \"failure\"",
            meta_path.display()
        );
        assert!(
            meta["description"].as_str().is_some_and(|d| !d.is_empty()),
            "{}: needs a description",
            meta_path.display()
        );
        out.push(Example {
            name: dir.file_name().unwrap().to_string_lossy().into_owned(),
            dir,
            dialects,
            pending_dialects,
            differences,
            not_compared_on,
            expect,
        });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

#[test]
fn differential_tests_match_the_example_folders() {
    let mut folders = Vec::new();
    for ex in examples() {
        for d in ex.dialects.iter().chain(&ex.pending_dialects) {
            assert!(
                Dialect::from_name(d).is_some(),
                "{}: unknown dialect {d:?}",
                ex.name
            );
        }
        for d in &ex.pending_dialects {
            assert!(
                !ex.dialects.contains(d),
                "{}: {d} is both compared and pending",
                ex.name
            );
        }
        for (d, _) in &ex.differences {
            assert!(
                ex.pending_dialects.contains(d),
                "{}: differences names {d:?}, which is not pending",
                ex.name
            );
        }
        for (d, _) in &ex.not_compared_on {
            assert!(
                Dialect::from_name(d).is_some()
                    && !ex.dialects.contains(d)
                    && !ex.pending_dialects.contains(d),
                "{}: not_compared_on names {d:?}, which is unknown, compared or pending",
                ex.name
            );
        }
        for d in &ex.dialects {
            folders.push(format!("{} {}", ex.name, d));
        }
        assert!(
            migration_files(&ex.dir).len() >= 2,
            "{}: needs at least two migrations (the `--to` step migrates to the second)",
            ex.name
        );
    }
    let mut declared: Vec<String> = DECLARED
        .iter()
        .map(|(e, d)| format!("{e} {}", d.name()))
        .collect();
    folders.sort();
    declared.sort();
    assert_eq!(
        declared, folders,
        "tests/differential/mod.rs must declare one test per example folder and declared dialect"
    );
}

/// The migration files sequelize-cli would see, in the order it runs them.
fn migration_files(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(dir.join("migrations"))
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| {
            !n.ends_with(".d.ts")
                && [".js", ".cjs", ".ts", ".cts"]
                    .iter()
                    .any(|ext| n.ends_with(ext))
        })
        .collect();
    // JavaScript sorts strings by UTF-16 code units; these names are ASCII, where that is
    // byte order.
    files.sort();
    files
}

pub(crate) fn skip_requested() -> bool {
    if crate::support::skip_differential() {
        eprintln!("SEQMIG_SKIP_DIFFERENTIAL=1: differential test skipped");
        return true;
    }
    false
}

/// Node and the pinned npm tools, installed once per test process.
pub(crate) fn ensure_reference_tools() {
    static READY: OnceLock<Result<(), String>> = OnceLock::new();
    let ready =
        READY.get_or_init(|| {
            let node = Command::new("node").arg("--version").output();
            match node {
                Ok(o) if o.status.success() => {}
                _ => return Err(
                    "Node.js is not installed (`node --version` failed). The differential tests \
                            run the real sequelize-cli and need Node.js 20 and npm; set \
                            SEQMIG_SKIP_DIFFERENTIAL=1 to skip them explicitly."
                        .to_string(),
                ),
            }
            let script = crate::support::repo_root().join("tests/compat/install.sh");
            // The script takes a lock itself, so parallel test processes install only once.
            let out = Command::new("bash")
                .arg(&script)
                .output()
                .map_err(|e| format!("cannot run {}: {e}", script.display()))?;
            if !out.status.success() {
                return Err(format!(
                    "{} failed ({}); the pinned sequelize-cli is not available:\n{}{}",
                    script.display(),
                    out.status,
                    String::from_utf8_lossy(&out.stdout),
                    String::from_utf8_lossy(&out.stderr)
                ));
            }
            if !project::reference_cli().exists() {
                return Err(format!(
                    "{} is missing after install.sh",
                    project::reference_cli().display()
                ));
            }
            Ok(())
        });
    if let Err(e) = ready {
        panic!("{e}");
    }
}

fn run_example(name: &str, dialect: Dialect) {
    if skip_requested() {
        return;
    }
    ensure_reference_tools();
    let all = examples();
    let ex = all
        .iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("no folder migrations-examples/{name}"));
    assert!(
        ex.dialects.iter().any(|d| d == dialect.name()),
        "{name}/example.json does not declare {}",
        dialect.name()
    );

    let reference = Project::new(&ex.dir, name, dialect, Tool::Reference);
    let seqmig = Project::new(&ex.dir, name, dialect, Tool::Seqmig);
    let mut failures = String::new();
    let result = run_steps(ex, dialect, &reference, &seqmig, &mut failures);

    report::record(&result, &all);

    if std::env::var("SEQMIG_KEEP_PROJECTS").as_deref() == Ok("1") {
        for p in [reference, seqmig] {
            let label = p.tool.label();
            let kept = p.dir.keep();
            eprintln!("kept the {label} project: {}", kept.display());
        }
    }

    if !failures.is_empty() {
        let summary: Vec<String> = result
            .steps
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let verdict = if s.differing.is_empty() {
                    "identical".to_string()
                } else {
                    format!("differs: {}", s.differing.join(", "))
                };
                format!("  {}. {:<28} {verdict}", i + 1, s.step)
            })
            .collect();
        panic!(
            "seqmig differs from sequelize-cli on {name} ({}):\n{}\n(- is sequelize-cli, + is seqmig)\n{failures}",
            dialect.name(),
            summary.join("\n")
        );
    }
}

/// Runs every step on both projects, comparing after each; diffs go to `failures`.
fn run_steps(
    ex: &Example,
    dialect: Dialect,
    reference: &Project,
    other: &Project,
    failures: &mut String,
) -> RunResult {
    let name = ex.name.as_str();
    let files = migration_files(&ex.dir);
    let second = files.get(1).cloned().unwrap_or_default();
    let mut result = RunResult {
        example: name.to_string(),
        dialect: dialect.name(),
        steps: Vec::new(),
        problem: None,
    };
    let has_seeders = ex.dir.join("seeders").is_dir();
    for (i, args) in step_args(&second, has_seeders).iter().enumerate() {
        // The two projects share nothing, so both tools run at once.
        let ((r_out, r_state), (o_out, o_state)) = std::thread::scope(|s| {
            let r = s.spawn(|| {
                let out = reference.run(args);
                (out, reference.state())
            });
            let o = (other.run(args), other.state());
            (r.join().expect("the reference run panicked"), o)
        });

        if i == 0 {
            let ok = r_out.status == "exit 0";
            if ok != (ex.expect == "success") {
                let msg = format!(
                    "the example itself misbehaves: example.json expects {} but sequelize-cli's first \
                     `db:migrate` gave {}:\n{}{}",
                    ex.expect, r_out.status, r_out.stdout, r_out.stderr
                );
                let _ = writeln!(failures, "\n##### {name} / {}: {msg}", dialect.name());
                result.problem = Some(msg);
            }
        }

        let title = format!(
            "{name} / {} / step {}: `{}`",
            dialect.name(),
            i + 1,
            args.join(" ")
        );
        let differing = compare(
            &title,
            (reference, &r_out, &r_state),
            (other, &o_out, &o_state),
            failures,
        );
        result.steps.push(StepResult {
            step: args.join(" "),
            differing,
        });
    }
    result
}

/// The harness itself: sequelize-cli against sequelize-cli must compare identical at every
/// step (or the masks and snapshots would blame seqmig for noise), and a row a user could
/// see must make a difference.
#[test]
fn differential_harness_reference_against_itself() {
    reference_against_itself("blog", Dialect::Sqlite, |p| {
        let project::Database::Sqlite(path) = &p.db else {
            unreachable!()
        };
        rusqlite::Connection::open(path)
            .unwrap()
            .execute(
                "UPDATE users SET bio = 'changed' WHERE username = 'alice'",
                [],
            )
            .unwrap();
    });
}

/// The same on the MariaDB server with the mysql dialect: inserted ids, the schema
/// without the AUTO_INCREMENT counter, `SHOW CREATE TABLE` of both databases.
#[test]
fn differential_harness_reference_against_itself_mysql() {
    reference_against_itself("mysql-ddl", Dialect::Mysql, |p| {
        mysql_admin(
            p,
            "UPDATE `introspection` SET `body` = 'changed' WHERE `what` = 'foreignKeys'",
        );
    });
}

/// And with the mariadb dialect on a failing example: the connector's `(conn=N, ...)`
/// prefix names a different connection in each run.
#[test]
fn differential_harness_reference_against_itself_mariadb() {
    reference_against_itself("mysql-fk-index", Dialect::Mariadb, |p| {
        mysql_admin(p, "INSERT INTO `customers` (`id`) VALUES (4242)");
    });
}

fn mysql_admin(p: &Project, sql: &str) {
    let project::Database::Mysql(target) = &p.db else {
        unreachable!()
    };
    crate::support::mariadb::server()
        .admin_sql(&format!("USE `{}`; {sql}", target.name))
        .unwrap();
}

fn reference_against_itself(name: &str, dialect: Dialect, change_a_row: fn(&Project)) {
    if skip_requested() {
        return;
    }
    ensure_reference_tools();
    let all = examples();
    let ex = all
        .iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("the {name} example"));
    let a = Project::new(&ex.dir, name, dialect, Tool::Reference);
    let b = Project::new(&ex.dir, name, dialect, Tool::Reference);
    let mut failures = String::new();
    let result = run_steps(ex, dialect, &a, &b, &mut failures);
    assert!(
        failures.is_empty(),
        "sequelize-cli differs from itself:\n{failures}"
    );
    let steps = if ex.dir.join("seeders").is_dir() {
        STEP_NAMES.len()
    } else {
        STEP_NAMES.len() - 2
    };
    assert_eq!(result.steps.len(), steps);

    change_a_row(&b);
    let args = vec!["db:migrate:status".to_string()];
    let (a_out, b_out) = (a.run(&args), b.run(&args));
    let differing = compare(
        "self-check",
        (&a, &a_out, &a.state()),
        (&b, &b_out, &b.state()),
        &mut failures,
    );
    assert_eq!(differing, vec!["rows"], "{failures}");
    assert!(
        failures.contains("'changed'") || failures.contains("4242"),
        "{failures}"
    );
}

type Side<'a> = (&'a Project, &'a Outcome, &'a State);

/// Compares one step's results section by section; appends diffs to `failures` and
/// returns the names of the differing sections.
fn compare(title: &str, reference: Side, seqmig: Side, failures: &mut String) -> Vec<&'static str> {
    // "Now" for either tool lies between the older project's creation and this comparison.
    let window = (
        reference.0.created_ms.min(seqmig.0.created_ms) - 1000,
        project::now_ms() + 1000,
    );
    let render = |(project, out, state): Side, tool: Tool| {
        let dirs = project.own_paths();
        let masks = Masks {
            tool,
            project_dirs: &dirs,
            database: project.database_name(),
        };
        let run = |text: String| run_values::mask(&text, window);
        [
            ("exit status", out.status.clone() + "\n"),
            ("stdout", run(normalize::console(&out.stdout, &masks))),
            ("stderr", run(normalize::console(&out.stderr, &masks))),
            ("schema", run(normalize::common(&state.schema, &masks))),
            (
                "rows",
                normalize::resort_rows(&run(normalize::common(&state.rows, &masks))),
            ),
            ("SequelizeMeta", run(normalize::common(&state.meta, &masks))),
        ]
    };
    let left = render(reference, reference.0.tool);
    let right = render(seqmig, seqmig.0.tool);
    let mut differing = Vec::new();
    for ((section, a), (_, b)) in left.iter().zip(right.iter()) {
        if a == b {
            continue;
        }
        differing.push(*section);
        let d = diff::unified(
            &format!("sequelize-cli  {section}"),
            &format!("seqmig  {section}"),
            a,
            b,
            3,
        );
        let lines: Vec<&str> = d.lines().collect();
        let _ = writeln!(failures, "\n##### {title}: {section} differs");
        for l in lines.iter().take(MAX_DIFF_LINES) {
            let _ = writeln!(failures, "{l}");
        }
        if lines.len() > MAX_DIFF_LINES {
            let _ = writeln!(
                failures,
                "... ({} more diff lines)",
                lines.len() - MAX_DIFF_LINES
            );
        }
    }
    differing
}

/// The models-app example writes "now" and v4 uuids through its models and a second SQLite
/// file: the state the harness compares holds that file's rows, and masks exactly the run
/// values (a fixed date stays).
#[test]
fn differential_harness_sees_the_second_database_and_masks_only_run_values() {
    let all = examples();
    let ex = all
        .iter()
        .find(|e| e.name == "models-app")
        .expect("the models-app example");
    let p = Project::new(&ex.dir, "models-app", Dialect::Sqlite, Tool::Seqmig);
    let out = p.run(&["db:migrate".to_string()]);
    assert_eq!(out.status, "exit 0", "{}{}", out.stdout, out.stderr);
    let state = p.state();
    let rows = run_values::mask(&state.rows, (p.created_ms, project::now_ms()));
    let archive = rows
        .split("[[second database archive.sqlite]]")
        .nth(1)
        .unwrap_or_else(|| panic!("no second database in the state:\n{rows}"));
    assert!(
        archive.contains("[Archiveds] 3 row(s)\n  (1, 'Ann', 1)\n"),
        "{archive}"
    );
    assert!(
        rows.contains("'<uuid#1>'") && rows.contains("'<now> +00:00'"),
        "{rows}"
    );
    // bulkInsert's fixed date of the second-connection migration is not "now".
    assert!(rows.contains("'2024-01-05 00:00:00.000 +00:00'"), "{rows}");
    assert!(!rows.contains("2026-") && !rows.contains("2027-"), "{rows}");
}
