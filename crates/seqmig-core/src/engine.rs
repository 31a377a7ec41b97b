//! One run's machinery: the project, the session shared with the ops, the JS runtime
//! (created on first use: `db:migrate:status` with a JSON config never needs it), the
//! resolved config and the connection.

use std::path::Path;
use std::rc::Rc;

use seqmig_db::SharedConnection;
use seqmig_js::{Runtime, RuntimeOptions};
use serde_json::{json, Value as Json};

use crate::dbconfig::{parse_db_url, ConfigSource, DbConfig};
use crate::error::CoreError;
use crate::migrator::Safety;
use crate::ops::Ops;
use crate::own_transaction::NestingHost;
use crate::project::{GlobalArgs, Project, RcOptions};
use crate::report::{Event, Reporter};
use crate::session::Session;
use crate::targets::TargetSchema;
use seqmig_db::Dialect;

pub struct Engine {
    pub project: Project,
    /// What the command line asked of the safety features (lock, dry run, atomic).
    pub safety: Safety,
    pub session: Rc<Session>,
    runtime: Option<Runtime>,
    /// The migration file `run_one` ran last: let go of once another one runs.
    pub(crate) last_migration: Option<std::path::PathBuf>,
    argv: Vec<String>,
    context: Json,
    /// A schema target (`--schema`): the config gets sequelize-cli's four keys for it, and
    /// the schema must exist (or is created under `--create-schema`).
    pub target_schema: Option<TargetSchema>,
    /// How many migrations were pending when the command planned its run (set by the
    /// migration commands; the binary's summary of several targets reads it).
    pub pending_before: Option<usize>,
    /// `models:diff`: the config the migrator uses instead of reading it (a scratch database).
    pub config_override: Option<DbConfig>,
}

impl Engine {
    /// Resolve the project: read `.sequelizerc` (evaluated as JavaScript) when there is one.
    pub fn new(cwd: &Path, args: &GlobalArgs, argv: Vec<String>) -> Result<Engine, CoreError> {
        let session = Rc::new(Session::new(crate::bookkeeping::provisional_dialect()));
        let provisional = Project::resolve(
            cwd,
            args,
            &RcOptions::default(),
            std::env::var("NODE_ENV").ok(),
        );
        let mut engine = Engine {
            project: provisional,
            safety: Safety::default(),
            session,
            runtime: None,
            last_migration: None,
            argv,
            context: json!({}),
            target_schema: None,
            pending_before: None,
            config_override: None,
        };
        if let Some(rc_file) = Project::rc_file(cwd, args) {
            let value = engine.runtime()?.load_value(&rc_file)?;
            // sequelize-cli passes the rc module through JSON.parse(JSON.stringify(...)).
            let rc = RcOptions::from_json(&value, &rc_file)?;
            engine.project = Project::resolve(cwd, args, &rc, std::env::var("NODE_ENV").ok());
        }
        Ok(engine)
    }

    /// The JS runtime, created with the shims on first use.
    pub fn runtime(&mut self) -> Result<&mut Runtime, CoreError> {
        if self.runtime.is_none() {
            let opts = RuntimeOptions {
                cwd: self.project.cwd.clone(),
                argv: self.argv.clone(),
                context: self.context.clone(),
            };
            let ops = Ops::new(self.session.clone(), |dialect, section, cwd| {
                crate::dbconfig::connect_options(dialect, section, cwd).map_err(|e| e.to_string())
            });
            let host = NestingHost::new(ops, self.session.clone());
            let rt = Runtime::new(opts, Box::new(host))?;
            self.runtime = Some(rt);
        }
        Ok(self.runtime.as_mut().expect("just created"))
    }

    /// Read the config as sequelize-cli does (`--url`, else the config file) and pick the
    /// environment; reports the lines sequelize-cli prints while doing so.
    pub fn load_config(&mut self, reporter: &mut dyn Reporter) -> Result<DbConfig, CoreError> {
        if let Some(cfg) = &self.config_override {
            return Ok(cfg.clone());
        }
        let (raw, source) = match self.project.url.clone() {
            Some(url) => (Json::Object(parse_db_url(&url)?), ConfigSource::Url(url)),
            None => {
                let path = self.project.config_path.clone();
                if !path.exists() {
                    return Err(CoreError::Config(format!(
                        "Cannot find \"{}\". Have you run \"sequelize init\"?",
                        path.display()
                    )));
                }
                let raw = if path.extension().is_some_and(|e| e == "json") {
                    let text = std::fs::read_to_string(&path)
                        .map_err(|e| CoreError::io(format!("cannot read {}", path.display()), e))?;
                    serde_json::from_str(&text).map_err(|e| {
                        CoreError::Config(format!(
                            "Error reading \"{}\". Error: SyntaxError: {e}",
                            self.project.relative(&path)
                        ))
                    })?
                } else {
                    self.runtime()?.load_value(&path)?
                };
                (raw, ConfigSource::File(path))
            }
        };
        let mut header = Vec::new();
        let overrides = match &self.target_schema {
            Some(t) => crate::targets::schema_overrides(&t.name),
            None => serde_json::Map::new(),
        };
        let result = DbConfig::resolve_with(
            &raw,
            &source,
            &self.project,
            &|k| std::env::var(k).ok(),
            &mut header,
            &overrides,
        );
        for line in &header {
            reporter.event(Event::Header(line));
        }
        let cfg = result?;
        if let Some(t) = &self.target_schema {
            if !cfg.dialect.has_schema_targets() {
                return Err(CoreError::Usage(schema_needs_postgres(
                    cfg.dialect,
                    &t.name,
                )));
            }
        }
        self.session.log_sql.set(cfg.log_sql);
        self.session.set_default_schema(
            cfg.section
                .get("schema")
                .and_then(Json::as_str)
                .filter(|s| !s.is_empty() && cfg.dialect.has_schema_targets())
                .map(str::to_string),
        );
        self.context = context_json(&cfg, &self.project);
        if let Some(rt) = self.runtime.as_mut() {
            rt.set_context(self.context.clone());
        }
        Ok(cfg)
    }

    /// A run on a scratch copy (MySQL's dry run and verify): what the migrations see as
    /// the database (`sequelize.config.database`, `sequelize.options.database`) is the
    /// copy, and `scratchOf` names the real one, so that a `new Sequelize(...)` naming
    /// the real database shares the run's connection, hence the copy.
    pub(crate) fn set_context_database(&mut self, scratch: &str, real: &str) {
        for key in ["config", "options"] {
            if let Some(o) = self.context.get_mut(key).and_then(Json::as_object_mut) {
                o.insert("database".into(), Json::String(scratch.into()));
            }
        }
        if let Some(o) = self.context.as_object_mut() {
            o.insert("scratchOf".into(), Json::String(real.into()));
        }
        if let Some(rt) = self.runtime.as_mut() {
            rt.set_context(self.context.clone());
        }
    }

    /// The end of [`Engine::set_context_database`]: the configured database again.
    pub(crate) fn restore_context_database(&mut self, real: &str) {
        for key in ["config", "options"] {
            if let Some(o) = self.context.get_mut(key).and_then(Json::as_object_mut) {
                o.insert("database".into(), Json::String(real.into()));
            }
        }
        if let Some(o) = self.context.as_object_mut() {
            o.remove("scratchOf");
        }
        if let Some(rt) = self.runtime.as_mut() {
            rt.set_context(self.context.clone());
        }
    }

    /// Open the connection the config describes and hand it to the ops.
    pub fn connect(&mut self, cfg: &DbConfig) -> Result<SharedConnection, CoreError> {
        let conn = seqmig_db::connect(&cfg.connect)?;
        let watched = crate::txwatch::Watched::new(
            conn,
            self.session.watch().clone(),
            crate::bookkeeping::of(cfg.dialect).tx_probe(),
        );
        let shared: SharedConnection = Rc::new(std::cell::RefCell::new(Box::new(watched)));
        self.session.set_connection(cfg.dialect, shared.clone());
        self.session.set_dialect_options(
            cfg.section
                .get("dialectOptions")
                .and_then(|d| d.as_object())
                .cloned()
                .unwrap_or_default(),
        );
        if let Some(t) = &self.target_schema {
            ensure_schema(&shared, t, cfg)?;
        }
        Ok(shared)
    }
}

/// The one line of `--schema` on a database that has no schemas of that kind.
pub fn schema_needs_postgres(dialect: Dialect, schema: &str) -> String {
    format!(
        "seqmig: --schema {schema}: schema targets are PostgreSQL schemas, and the configured database is {}; give one --url (or a line of --urls-file) per database instead",
        dialect.name()
    )
}

/// A schema target's schema exists, or is created under `--create-schema`; else the
/// target fails before anything runs in it.
fn ensure_schema(
    conn: &SharedConnection,
    target: &TargetSchema,
    cfg: &DbConfig,
) -> Result<(), CoreError> {
    let found = conn.borrow_mut().query(
        "SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1",
        &[seqmig_db::Value::Text(target.name.clone())],
    )?;
    if !found.rows.is_empty() {
        return Ok(());
    }
    let database = match &cfg.connect {
        seqmig_db::ConnectOptions::Postgres(o) => o.database.clone(),
        _ => String::new(),
    };
    if !target.create {
        return Err(CoreError::Usage(format!(
            "seqmig: schema \"{}\" does not exist in database \"{database}\" (--create-schema creates it)",
            target.name
        )));
    }
    if let Some(sql) = crate::bookkeeping::of(cfg.dialect).create_schema(&target.name) {
        conn.borrow_mut().query(&sql, &[])?;
    }
    Ok(())
}

/// What the shims see as `sequelize.config` / `sequelize.options`.
fn context_json(cfg: &DbConfig, project: &Project) -> Json {
    let section = Json::Object(cfg.section.clone());
    let pick = |k: &str| section.get(k).cloned().unwrap_or(Json::Null);
    let mut options = cfg.section.clone();
    options.insert("dialect".into(), Json::String(cfg.dialect.name().into()));
    json!({
        "dialect": cfg.dialect.name(),
        "env": project.env,
        "config": {
            "database": pick("database"),
            "username": pick("username"),
            "password": pick("password"),
            "host": section.get("host").cloned().unwrap_or_else(|| json!("localhost")),
            "port": pick("port"),
        },
        "options": options,
        // The shims give a user's `require` of this file sequelize-cli's mutations of it.
        "configFile": match project.url {
            Some(_) => Json::Null,
            None => Json::String(project.config_path.to_string_lossy().into_owned()),
        },
    })
}
