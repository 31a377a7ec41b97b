//! `models:diff` and `migration:generate --from-models` (issue 21): the schema an app's
//! models imply (what Sequelize's `sequelize.sync()` creates on an empty database) against
//! the schema its migrations folder builds, both made on scratch databases and read back
//! as facts (`facts.rs`); the migration that takes one to the other is `render.rs`.
//! Nothing is written to the configured database: the migrations replay on a scratch
//! database (a temporary SQLite file, or a temporary PostgreSQL database on the configured
//! server or `--dev-url`'s, dropped afterwards), and the models' tables are created on a
//! second one by seqmig's own queryInterface (js-shims/7a_model_schema.js), which the tests
//! hold to the real `sync()`.

pub mod facts;
pub mod render;

use std::path::{Path, PathBuf};

use serde_json::{json, Value as Json};

use crate::atomic::AtomicMode;
use crate::dbconfig::{DbConfig, StorageKind};
use crate::engine::Engine;
use crate::error::CoreError;
use crate::migrator::Safety;
use crate::plan::UpOptions;
use crate::report::{Event, Recorder, Reporter};
use facts::{Schema, TableDiff};
use seqmig_db::{ConnectOptions, PgOptions};
use seqmig_sql::Dialect;

/// A column named to be renamed (`--rename table.old:new`) instead of dropped and added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rename {
    pub table: String,
    pub from: String,
    pub to: String,
}

impl Rename {
    pub fn parse(s: &str) -> Result<Rename, CoreError> {
        let bad = || {
            CoreError::Usage(format!(
                "seqmig: --rename {s:?}: expected table.old:new (a column of table renamed from old to new)"
            ))
        };
        let (table, rest) = s.rsplit_once('.').ok_or_else(bad)?;
        let (from, to) = rest.split_once(':').ok_or_else(bad)?;
        if table.is_empty() || from.is_empty() || to.is_empty() {
            return Err(bad());
        }
        Ok(Rename {
            table: table.into(),
            from: from.into(),
            to: to.into(),
        })
    }
}

/// One table of the models, as 7a_model_schema.js describes it.
#[derive(Debug, Clone)]
pub struct ModelTable {
    pub model: String,
    pub table: String,
    /// Field name → the attribute's JSON (CONTRACTS.md §3), in the model's order.
    pub columns: Vec<(String, Json)>,
    /// Named or composite unique keys (a table constraint each).
    pub unique_keys: Vec<(String, Vec<String>)>,
    /// The `indexes` option, conformed and named as Model.init does.
    pub indexes: Vec<Json>,
}

/// Both schemas and what differs.
pub struct Analysis {
    pub dialect: Dialect,
    pub models_dir: PathBuf,
    pub migration_files: usize,
    pub tables: Vec<ModelTable>,
    pub models: Schema,
    pub migrations: Schema,
    pub diffs: Vec<TableDiff>,
}

/// The two scratch databases (the migrations' and the models'), removed whatever happens:
/// SQLite files in a temporary folder, or PostgreSQL databases on the server.
enum Scratch {
    Sqlite(PathBuf),
    Postgres {
        maintenance: PgOptions,
        names: Vec<String>,
    },
}

fn unique_suffix() -> String {
    format!(
        "{}_{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() % 1_000_000_000_000)
            .unwrap_or(0)
    )
}

impl Scratch {
    fn sqlite() -> Result<Scratch, CoreError> {
        let base = std::env::temp_dir();
        for attempt in 0..100u32 {
            let dir = base.join(format!("seqmig-models-diff-{}-{attempt}", unique_suffix()));
            match std::fs::create_dir(&dir) {
                Ok(()) => return Ok(Scratch::Sqlite(dir)),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(CoreError::io("cannot create a scratch folder", e)),
            }
        }
        Err(CoreError::Usage(
            "seqmig: cannot create a scratch folder in the temp directory".into(),
        ))
    }

    /// Two empty databases on the server of `server` (the config's, or `--dev-url`'s).
    fn postgres(server: &PgOptions) -> Result<Scratch, CoreError> {
        let mut maintenance = server.clone();
        maintenance.database = "postgres".into();
        let mut scratch = Scratch::Postgres {
            maintenance: maintenance.clone(),
            names: Vec::new(),
        };
        let mut conn = seqmig_db::connect(&ConnectOptions::Postgres(maintenance)).map_err(|e| {
            CoreError::Usage(format!(
                "seqmig: cannot reach the PostgreSQL server for the scratch databases ({}); pass --dev-url postgres://… for one where seqmig may create databases",
                e.message
            ))
        })?;
        let suffix = unique_suffix();
        for what in ["migrations", "models"] {
            let name = format!("seqmig_diff_{suffix}_{what}");
            conn.query(&format!("CREATE DATABASE \"{name}\""), &[])
                .map_err(|e| {
                    CoreError::Usage(format!(
                        "seqmig: cannot create the scratch database {name}: {}; pass --dev-url postgres://… for a server where seqmig may create databases",
                        e.message
                    ))
                })?;
            if let Scratch::Postgres { names, .. } = &mut scratch {
                names.push(name);
            }
        }
        Ok(scratch)
    }

    /// The config, pointed at scratch database `i` (0: the migrations', 1: the models').
    fn config(&self, cfg: &DbConfig, i: usize) -> DbConfig {
        let mut c = cfg.clone();
        c.connect = match self {
            Scratch::Sqlite(dir) => ConnectOptions::Sqlite {
                storage: dir.join(["migrations.sqlite", "models.sqlite"][i]),
            },
            Scratch::Postgres { maintenance, names } => {
                let mut pg = match &cfg.connect {
                    ConnectOptions::Postgres(own)
                        if own.host == maintenance.host && own.port == maintenance.port =>
                    {
                        own.clone()
                    }
                    _ => maintenance.clone(),
                };
                pg.database = names[i].clone();
                ConnectOptions::Postgres(pg)
            }
        };
        c.migration_storage = StorageKind::Sequelize {
            table: "SequelizeMeta".into(),
            schema: None,
        };
        c
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        match self {
            Scratch::Sqlite(dir) => {
                let _ = std::fs::remove_dir_all(dir);
            }
            Scratch::Postgres { maintenance, names } => {
                let Ok(mut conn) =
                    seqmig_db::connect(&ConnectOptions::Postgres(maintenance.clone()))
                else {
                    return;
                };
                for name in names.iter() {
                    // FORCE: the run's own connection to it may still be open.
                    let forced = conn.query(
                        &format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"),
                        &[],
                    );
                    if forced.is_err() {
                        let _ = conn.query(&format!("DROP DATABASE IF EXISTS \"{name}\""), &[]);
                    }
                }
            }
        }
    }
}

/// Replay the migrations and create the models' tables, each on a scratch database, and
/// compare them. `dev_url`: the PostgreSQL server for the scratch databases (else the
/// configured one).
pub fn analyse(
    engine: &mut Engine,
    dev_url: Option<&str>,
    reporter: &mut dyn Reporter,
) -> Result<Analysis, CoreError> {
    let cfg = engine.load_config(reporter)?;
    // The connect options say the dialect (a SQLite file or a PostgreSQL server).
    let scratch = match &cfg.connect {
        ConnectOptions::Sqlite { .. } => Scratch::sqlite()?,
        ConnectOptions::Postgres(own) => {
            let server = match dev_url {
                Some(url) => {
                    let section = crate::dbconfig::parse_db_url(url)?;
                    match crate::dbconfig::connect_options(cfg.dialect, &section, &engine.project.cwd)? {
                        ConnectOptions::Postgres(pg) => pg,
                        _ => return Err(CoreError::Usage("seqmig: --dev-url must be a postgres:// URL".into())),
                    }
                }
                None => own.clone(),
            };
            Scratch::postgres(&server)?
        }
        _ => {
            return Err(CoreError::Usage(format!(
                "seqmig: models:diff and migration:generate --from-models support SQLite and PostgreSQL so far; the config's dialect is {}",
                cfg.dialect.name()
            )))
        }
    };
    let models_dir = engine.project.models_path.clone();
    let saved = std::mem::replace(
        &mut engine.safety,
        Safety {
            lock: false,
            dry_run: false,
            atomic: Some(AtomicMode::Off),
            checksums: Some(false),
            ..Safety::default()
        },
    );
    let result = analyse_on(engine, &cfg, &scratch, &models_dir);
    engine.safety = saved;
    engine.config_override = None;
    let (tables, models, migrations, migration_files) = result?;
    drop(scratch);
    let diffs = facts::compare(&models, &migrations);
    Ok(Analysis {
        dialect: cfg.dialect,
        models_dir,
        migration_files,
        tables,
        models,
        migrations,
        diffs,
    })
}

type Sides = (Vec<ModelTable>, Schema, Schema, usize);

fn analyse_on(
    engine: &mut Engine,
    cfg: &DbConfig,
    scratch: &Scratch,
    models_dir: &Path,
) -> Result<Sides, CoreError> {
    // The migrations, as db:migrate would run them on an empty database.
    engine.config_override = Some(scratch.config(cfg, 0));
    let files = crate::discovery::list(&engine.project.migrations_path, "migrations")
        .map(|f| f.len())
        .unwrap_or(0);
    let mut quiet = Recorder::default();
    crate::commands::migrate(engine, &UpOptions::default(), &mut quiet).map_err(|e| match e {
        CoreError::Migration(f) => CoreError::Safety(format!(
            "seqmig: the migrations folder does not replay on an empty database: {} failed: {}; nothing was written",
            f.file, f.error.message
        )),
        other => CoreError::Safety(format!(
            "seqmig: the migrations folder does not replay on an empty database: {other}; nothing was written"
        )),
    })?;
    let conn = engine
        .session
        .connection()
        .ok_or_else(|| CoreError::Usage("seqmig: the replay left no connection".into()))?;
    let migrations = facts::read(&conn)?;

    // The models, created as sync() creates them.
    let target = scratch.config(cfg, 1);
    engine.config_override = Some(target.clone());
    let conn = engine.connect(&target)?;
    let dir = models_dir.to_string_lossy().into_owned();
    let script = format!(
        "(async () => {{ void __seqmig.Sequelize.Model; return __seqmig.modelsSchema({}, true); }})()",
        serde_json::to_string(&dir).unwrap_or_default()
    );
    let described = engine
        .runtime()?
        .eval_script(&script, "seqmig:models")
        .map_err(|e| models_failed(e, models_dir))?;
    let tables = parse_tables(&described)?;
    let models = facts::read(&conn)?;
    Ok((tables, models, migrations, files))
}

/// A model that fails to load: its message and where (the model file's file:line).
fn models_failed(e: seqmig_js::JsError, dir: &Path) -> CoreError {
    let at = e
        .location
        .as_ref()
        .map(|(f, l, c)| format!(" ({}:{l}:{c})", f.display()))
        .or_else(|| {
            e.stack.as_deref().and_then(|s| {
                s.lines()
                    .map(str::trim)
                    .find(|l| l.contains(&*dir.to_string_lossy()))
                    .map(|l| format!(" ({})", l.trim_start_matches("at ")))
            })
        })
        .unwrap_or_default();
    let own = e.message.strip_prefix("Error: ").unwrap_or(&e.message);
    let message = if own.starts_with("seqmig:") {
        // seqmig's own words (no models folder): where in the shim it was thrown is no help.
        own.to_string()
    } else {
        format!(
            "seqmig: the models in {} failed to load: {}{at}; nothing was written",
            dir.display(),
            e.message
        )
    };
    CoreError::Usage(message)
}

fn parse_tables(v: &Json) -> Result<Vec<ModelTable>, CoreError> {
    let bad = || CoreError::Usage("seqmig: the models' description is malformed".into());
    let mut out = Vec::new();
    for t in v.get("tables").and_then(Json::as_array).ok_or_else(bad)? {
        let table = table_name(t.get("table").ok_or_else(bad)?);
        let columns = t
            .get("columns")
            .and_then(Json::as_object)
            .ok_or_else(bad)?
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let unique_keys = t
            .get("uniqueKeys")
            .and_then(Json::as_array)
            .map(|a| {
                a.iter()
                    .map(|k| {
                        let name = k["name"].as_str().unwrap_or_default().to_string();
                        let fields = k["fields"]
                            .as_array()
                            .map(|f| {
                                f.iter()
                                    .filter_map(|x| x.as_str().map(String::from))
                                    .collect()
                            })
                            .unwrap_or_default();
                        (name, fields)
                    })
                    .collect()
            })
            .unwrap_or_default();
        let indexes = t
            .get("indexes")
            .and_then(Json::as_array)
            .cloned()
            .unwrap_or_default();
        out.push(ModelTable {
            model: t["model"].as_str().unwrap_or_default().into(),
            table,
            columns,
            unique_keys,
            indexes,
        });
    }
    Ok(out)
}

/// A normalised table (`{tableName, schema}`) or a plain name.
pub fn table_name(v: &Json) -> String {
    match v {
        Json::String(s) => s.clone(),
        Json::Object(o) => {
            let name = o
                .get("tableName")
                .and_then(Json::as_str)
                .unwrap_or_default();
            match o.get("schema").and_then(Json::as_str) {
                Some(s) if !s.is_empty() => format!("{s}.{name}"),
                _ => name.into(),
            }
        }
        _ => String::new(),
    }
}

/// `models:diff`: prints the differences table by table; returns whether there are any,
/// and the JSON for `--json`.
pub fn diff(
    engine: &mut Engine,
    dev_url: Option<&str>,
    reporter: &mut dyn Reporter,
) -> Result<(bool, Json), CoreError> {
    let a = analyse(engine, dev_url, reporter)?;
    let shown_models = engine.project.relative(&a.models_dir);
    let shown_migrations = engine.project.relative(&engine.project.migrations_path);
    if a.diffs.is_empty() {
        reporter.event(Event::Notice(&format!(
            "The models ({shown_models}) and the migrations ({shown_migrations}, {} file(s)) give the same schema ({} table(s)).",
            a.migration_files,
            a.models.len()
        )));
    } else {
        reporter.event(Event::Notice(&format!(
            "The models ({shown_models}) and the migrations ({shown_migrations}, {} file(s)) differ in {} table(s); + is in the models only, - in the migrations only:",
            a.migration_files,
            a.diffs.len()
        )));
        for line in text_lines(&a.diffs) {
            reporter.event(Event::Notice(&line));
        }
    }
    let doc = json!({
        "models": shown_models,
        "migrations": shown_migrations,
        "differs": !a.diffs.is_empty(),
        "tables": a.diffs,
    });
    Ok((!a.diffs.is_empty(), doc))
}

/// The differences as text, one table a block.
pub fn text_lines(diffs: &[TableDiff]) -> Vec<String> {
    let mut out = Vec::new();
    for d in diffs {
        match d.status {
            "missing" => out.push(format!(
                "table {}: + the whole table (no migration creates it)",
                d.table
            )),
            "extra" => out.push(format!(
                "table {}: - the whole table (no model defines it)",
                d.table
            )),
            _ => {
                out.push(format!("table {}:", d.table));
                for c in &d.missing_columns {
                    out.push(format!("  + column {}", facts::describe_column(c)));
                }
                for c in &d.extra_columns {
                    out.push(format!("  - column {}", facts::describe_column(c)));
                }
                for c in &d.changed_columns {
                    out.push(format!(
                        "  ~ column {}: {} (migrations → models)",
                        c.column,
                        facts::describe_change(c)
                    ));
                }
                for i in &d.missing_indexes {
                    out.push(format!("  + {}", facts::describe_index(i)));
                }
                for i in &d.extra_indexes {
                    out.push(format!("  - {}", facts::describe_index(i)));
                }
                for f in &d.missing_foreign_keys {
                    out.push(format!("  + {}", facts::describe_fk(f)));
                }
                for f in &d.extra_foreign_keys {
                    out.push(format!("  - {}", facts::describe_fk(f)));
                }
            }
        }
    }
    out
}

/// `migration:generate --name NAME --from-models`: the migration from the replayed schema
/// to the models', written only when there is one and everything in it can be expressed.
pub fn generate(
    engine: &mut Engine,
    name: &str,
    renames: &[Rename],
    dev_url: Option<&str>,
    reporter: &mut dyn Reporter,
) -> Result<Option<PathBuf>, CoreError> {
    let a = analyse(engine, dev_url, reporter)?;
    for r in renames {
        let known = a
            .migrations
            .get(&r.table)
            .is_some_and(|t| t.column(&r.from).is_some())
            && a.models
                .get(&r.table)
                .is_some_and(|t| t.column(&r.to).is_some());
        if !known {
            return Err(CoreError::Usage(format!(
                "seqmig: --rename {}.{}:{}: the migrations' table {} has no column {} or the models' has no column {}; nothing was written",
                r.table, r.from, r.to, r.table, r.from, r.to
            )));
        }
    }
    if a.diffs.is_empty() {
        reporter.event(Event::Notice(
            "The models and the migrations give the same schema: no migration was written.",
        ));
        return Ok(None);
    }
    let plan = render::Plan::new(&a, renames).map_err(|e| CoreError::Usage(e.to_string()))?;
    let source = plan.render();
    let stamp = crate::generate::timestamp().map_err(CoreError::from)?;
    let dir = engine.project.migrations_path.clone();
    std::fs::create_dir_all(&dir)
        .map_err(|e| CoreError::io(format!("cannot create {}", dir.display()), e))?;
    let path = dir.join(format!("{stamp}-{name}.js"));
    std::fs::write(&path, source)
        .map_err(|e| CoreError::io(format!("cannot write {}", path.display()), e))?;
    for w in &plan.warnings {
        reporter.event(Event::Warning(w));
    }
    reporter.event(Event::Notice(&format!(
        "New migration was created at {} .",
        path.display()
    )));
    Ok(Some(path))
}
