//! The ops behind app code in migrations: Sequelize model reads and inserts
//! (`model_select`, `model_insert`), and the connections of `new Sequelize(...)`
//! instances whose config names another database than the run's (`connection_open`,
//! `connection_close`; every other op routes to such a connection by its args'
//! `connection` id).
//!
//! A second connection gets an `Ops` of its own (its own session, dialect, generator and
//! transactions), so everything the run's connection can do, it can do too.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use seqmig_db::DbError;
use seqmig_db::{ConnectOptions, Dialect, SharedConnection};
use seqmig_js::OpError;
use seqmig_sql::model_query::{Fragment, ModelInsert, ModelSelect};
use serde_json::{json, Map, Value as Json};

use super::rows::rows;
use super::{parse, sql_error, Ctx, OpResult, Ops};
use crate::session::Session;

/// The connections opened by `new Sequelize(...)` for other databases.
#[derive(Default)]
pub(crate) struct Connections {
    next_id: u64,
    open: HashMap<u64, Entry>,
}

struct Entry {
    /// What identifies the database (`sqlite:<path>`, `postgres:host:port/db@user`).
    key: String,
    opts: ConnectOptions,
    dialect: Dialect,
    /// The instance's `dialectOptions` (mysql2's number options shape its results).
    dialect_options: Map<String, Json>,
    /// Opened on first use, as Sequelize connects on the first query.
    ops: Option<Box<Ops>>,
    /// Instances sharing the entry; `close()` of the last one drops the connection.
    refs: u32,
}

/// `sqlite:<absolute path>` or `postgres:<user>@<host>:<port>/<database>`; `None` for an
/// in-memory SQLite database, which is never shared.
fn identity(opts: &ConnectOptions) -> Option<String> {
    match opts {
        ConnectOptions::Sqlite { storage } => {
            if storage.as_os_str() == ":memory:" {
                return None;
            }
            let canonical = std::fs::canonicalize(storage).unwrap_or_else(|_| storage.clone());
            Some(format!("sqlite:{}", canonical.display()))
        }
        ConnectOptions::Postgres(pg) => Some(format!(
            "postgres:{}@{}:{}/{}",
            pg.user, pg.host, pg.port, pg.database
        )),
        // The driver options that change what a query answers are part of it: an
        // instance asking for `multipleStatements` or `dateStrings` gets a connection of
        // its own, as it would a pool of its own under Sequelize.
        ConnectOptions::Mysql(m) => Some(format!(
            "{}:{}@{}:{}/{}?tz={}&multipleStatements={}&dateStrings={}",
            m.flavor.name(),
            m.user,
            m.socket_path.as_deref().unwrap_or(&m.host),
            m.port,
            m.database,
            m.timezone.as_deref().unwrap_or("keep"),
            m.multiple_statements,
            m.timestamp_strings,
        )),
    }
}

fn dialect_of(section: &Map<String, Json>) -> Result<Dialect, OpError> {
    let name = section.get("dialect").and_then(Json::as_str);
    match name.and_then(Dialect::from_config_name) {
        Some(d) => Ok(d),
        None => Err(OpError::new(
            "Error",
            format!(
                "The dialect {} is not supported by seqmig. Supported dialects: mariadb, mysql, postgres and sqlite.",
                name.unwrap_or("undefined")
            ),
        )),
    }
}

/// How a config section becomes driver options: the migrator's config reader, handed
/// to [`Ops::new`] (the ops do not read configs themselves).
pub type ResolveConnect = fn(Dialect, &Map<String, Json>, &Path) -> Result<ConnectOptions, String>;

fn connect_options(
    resolve: ResolveConnect,
    section: &Map<String, Json>,
    cwd: &Path,
) -> Result<ConnectOptions, OpError> {
    let dialect = dialect_of(section)?;
    resolve(dialect, section, cwd).map_err(|e| OpError::new("Error", e))
}

impl Ops {
    /// `{options, run, cwd}`: the new instance's options and the run's (both as
    /// `sequelize.options`); `{id: 0}` when they name the run's database.
    pub(crate) fn op_connection_open(&mut self, args: &Json) -> OpResult {
        let empty = Map::new();
        let section = args
            .get("options")
            .and_then(Json::as_object)
            .unwrap_or(&empty);
        let run = args.get("run").and_then(Json::as_object).unwrap_or(&empty);
        let cwd = PathBuf::from(args.get("cwd").and_then(Json::as_str).unwrap_or("."));
        let opts = connect_options(self.resolve, section, &cwd)?;
        let key = identity(&opts);
        let run_key = connect_options(self.resolve, run, &cwd)
            .ok()
            .and_then(|o| identity(&o));
        // A run on a scratch copy (MySQL's dry run and verify): the run's database is the
        // copy, and `scratchOf` the configured one, which an instance naming it must not
        // reach: it shares the run's connection too.
        let real_key = args
            .get("scratchOf")
            .and_then(Json::as_str)
            .and_then(|real| {
                let mut r = run.clone();
                r.insert("database".into(), Json::String(real.into()));
                connect_options(self.resolve, &r, &cwd)
                    .ok()
                    .and_then(|o| identity(&o))
            });
        // The run's connection may not be attached yet (a model file required while the
        // config is read); it will be by the time an op runs.
        if key.is_some() && (key == run_key || key == real_key) {
            return Ok(json!({"id": 0}));
        }
        if let Some(key) = &key {
            if let Some((id, entry)) = self.models.open.iter_mut().find(|(_, e)| &e.key == key) {
                entry.refs += 1;
                return Ok(json!({"id": id}));
            }
        }
        self.models.next_id += 1;
        let id = self.models.next_id;
        let dialect = dialect_of(section)?;
        self.models.open.insert(
            id,
            Entry {
                key: key.unwrap_or_else(|| format!("memory:{id}")),
                opts,
                dialect,
                dialect_options: section
                    .get("dialectOptions")
                    .and_then(Json::as_object)
                    .cloned()
                    .unwrap_or_default(),
                ops: None,
                refs: 1,
            },
        );
        Ok(json!({"id": id}))
    }

    /// `sequelize.close()` of an instance with a connection of its own.
    pub(crate) fn op_connection_close(&mut self, args: &Json) -> OpResult {
        let id = args.get("id").and_then(Json::as_u64).unwrap_or(0);
        if let Some(entry) = self.models.open.get_mut(&id) {
            entry.refs = entry.refs.saturating_sub(1);
            if entry.refs == 0 {
                self.models.open.remove(&id);
            }
        }
        Ok(super::undefined())
    }

    /// Run an op on the connection `id` (opened now if it is the first op).
    pub(crate) fn dispatch_on(&mut self, id: u64, name: &str, args: &Json) -> OpResult {
        let entry = self.models.open.get_mut(&id).ok_or_else(|| {
            OpError::new(
                "Error",
                format!("ConnectionManager.getConnection was called after the connection manager was closed! (seqmig connection {id})"),
            )
        })?;
        if entry.ops.is_none() {
            let conn = seqmig_db::connect(&entry.opts).map_err(|e| {
                let mut err = OpError::new("SequelizeConnectionError", e.message.clone());
                err.props.insert(
                    "original".into(),
                    json!({"message": e.message, "code": e.code}),
                );
                err
            })?;
            let shared: SharedConnection = Rc::new(std::cell::RefCell::new(conn));
            let session = Rc::new(Session::new(entry.dialect));
            session.set_connection(entry.dialect, shared);
            session.set_dialect_options(entry.dialect_options.clone());
            session.log_sql.set(self.session.log_sql.get());
            entry.ops = Some(Box::new(Ops::new(session, self.resolve)));
        }
        let mut args = args.clone();
        if let Some(o) = args.as_object_mut() {
            o.remove("connection");
        }
        let ops = entry.ops.as_mut().expect("opened above");
        let out = ops.dispatch(name, &args);
        ops.flush_warnings();
        out
    }

    /// `Model.findAll/findOne/count`: the rows, keyed by attribute alias.
    pub(crate) fn op_model_select(&mut self, ctx: Ctx, args: &Json) -> OpResult {
        let req: ModelSelect = parse("model_select", args)?;
        let sql = self.over().model_select(self, &req).map_err(sql_error)?;
        let r = self.run(ctx, &sql, &sql, &[])?;
        Ok(Json::Array(
            rows(&r).into_iter().map(Json::Object).collect(),
        ))
    }

    /// `{sql}`: a SELECT the shim composed from fragments (a finder with includes): the
    /// rows keyed by alias, as `model_select` returns them.
    pub(crate) fn op_model_select_sql(&mut self, ctx: Ctx, args: &Json) -> OpResult {
        let sql = args
            .get("sql")
            .and_then(Json::as_str)
            .ok_or_else(|| OpError::new("Error", "seqmig: model_select_sql needs a sql string"))?;
        let r = self.run(ctx, sql, sql, &[])?;
        Ok(Json::Array(
            rows(&r).into_iter().map(Json::Object).collect(),
        ))
    }

    /// `{fragments: [Fragment]}`: each as SQL text, in the run's dialect.
    pub(crate) fn op_model_fragments(&mut self, args: &Json) -> OpResult {
        let list: Vec<Fragment> = parse(
            "model_fragments",
            args.get("fragments").unwrap_or(&Json::Null),
        )?;
        let out = self.over().fragments(self, &list).map_err(sql_error)?;
        Ok(json!(out))
    }

    /// `Model.create` / `save()` of a new instance, and `Model.upsert` (`upsert`): `{id,
    /// row}`: the new row's rowid (sqlite) or the returned row (postgres `RETURNING`).
    pub(crate) fn op_model_insert(&mut self, ctx: Ctx, args: &Json) -> OpResult {
        let req: ModelInsert = parse("model_insert", args)?;
        self.over().model_insert(self, ctx, req)
    }
}

impl Ops {
    /// `findOrCreate`'s insert on postgres: Sequelize sends the function, its SELECT and
    /// the DROP as one string (logged so); they run one by one here, so the row comes back
    /// typed. A caught unique violation becomes Sequelize's UniqueConstraintError.
    pub(crate) fn pg_insert_catching_unique(
        &self,
        ctx: Ctx,
        e: &seqmig_sql::model_query::ExceptionInsert,
    ) -> OpResult {
        if self.logs(ctx) {
            let who = ctx
                .tx
                .map_or_else(|| "default".to_string(), |t| self.tx.label(t));
            crate::console::stdout_line(&format!("Executing ({who}): {}", e.logged));
        }
        let quiet = Ctx {
            logging: Some(false),
            ..ctx
        };
        self.run(quiet, &e.create_function, &e.create_function, &[])?;
        let selected = self.run(quiet, &e.select, &e.select, &[]);
        self.run(quiet, &e.drop_function, &e.drop_function, &[])?;
        let mut row = rows(&selected?).into_iter().next();
        if let Some(r) = row.as_mut() {
            if let Some(caught) = r.remove("sequelize_caught_exception") {
                if let Json::String(detail) = caught {
                    let mut err =
                        DbError::statement("duplicate key value violates unique constraint");
                    err.code = Some("23505".into());
                    err.detail = Some(detail);
                    return Err(super::postgres::pg_error(&err, &e.logged, json!([])));
                }
            }
        }
        Ok(json!({"id": null, "row": row.map(Json::Object)}))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_of_sqlite_paths_and_pg_servers() {
        let dir = std::env::temp_dir().join(format!("seqmig-model-id-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("a.sqlite");
        std::fs::write(&file, b"").unwrap();
        let a = identity(&ConnectOptions::Sqlite {
            storage: file.clone(),
        });
        let b = identity(&ConnectOptions::Sqlite {
            storage: dir.join(".").join("a.sqlite"),
        });
        assert_eq!(a, b);
        assert_eq!(
            identity(&ConnectOptions::Sqlite {
                storage: PathBuf::from(":memory:")
            }),
            None
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// The migrator's resolver, for SQLite: `storage` relative to the project.
    fn sqlite_only(
        _: Dialect,
        section: &Map<String, Json>,
        cwd: &Path,
    ) -> Result<ConnectOptions, String> {
        let storage = section
            .get("storage")
            .and_then(Json::as_str)
            .unwrap_or(":memory:");
        Ok(ConnectOptions::Sqlite {
            storage: if storage == ":memory:" {
                PathBuf::from(storage)
            } else {
                cwd.join(storage)
            },
        })
    }

    #[test]
    fn open_matches_the_run_or_makes_a_new_entry() {
        let dir = std::env::temp_dir().join(format!("seqmig-model-open-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let session = Rc::new(Session::new(Dialect::Sqlite));
        let conn = seqmig_db::connect(&ConnectOptions::Sqlite {
            storage: dir.join("run.sqlite"),
        })
        .unwrap();
        session.set_connection(Dialect::Sqlite, Rc::new(std::cell::RefCell::new(conn)));
        let mut ops = Ops::new(session, sqlite_only);
        let cwd = dir.to_string_lossy().to_string();
        let run = json!({"dialect": "sqlite", "storage": "run.sqlite"});
        let same = ops
            .op_connection_open(&json!({"options": {"dialect": "sqlite", "storage": dir.join("run.sqlite")}, "run": run, "cwd": cwd}))
            .unwrap();
        assert_eq!(same, json!({"id": 0}));
        let other = ops
            .op_connection_open(&json!({"options": {"dialect": "sqlite", "storage": "other.sqlite"}, "run": run, "cwd": cwd}))
            .unwrap();
        assert_eq!(other, json!({"id": 1}));
        let again = ops
            .op_connection_open(&json!({"options": {"dialect": "sqlite", "storage": "other.sqlite"}, "run": run, "cwd": cwd}))
            .unwrap();
        assert_eq!(again, json!({"id": 1}));
        // The other file gets the table, the run's does not.
        ops.dispatch_on(
            1,
            "query",
            &json!({"sql": "CREATE TABLE t (x INTEGER)", "options": {"type": "RAW"}}),
        )
        .unwrap();
        assert!(dir.join("other.sqlite").exists());
        let tables = ops.dispatch("qi_show_all_tables", &json!({})).unwrap();
        assert_eq!(tables, json!([]));
        let tables = ops
            .dispatch("qi_show_all_tables", &json!({"connection": 1}))
            .unwrap();
        assert_eq!(tables, json!(["t"]));
        ops.op_connection_close(&json!({"id": 1})).unwrap();
        ops.op_connection_close(&json!({"id": 1})).unwrap();
        assert!(ops
            .dispatch("qi_show_all_tables", &json!({"connection": 1}))
            .is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
