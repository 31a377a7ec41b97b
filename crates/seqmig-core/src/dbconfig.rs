//! The database section of the config: which environment, which dialect, how to connect,
//! where the bookkeeping goes. Mirrors sequelize-cli's `config-helper` and the options
//! `new Sequelize(config)` reads.

use std::path::{Path, PathBuf};

use seqmig_db::{ConnectOptions, Dialect, MysqlFlavor, MysqlOptions, MysqlSsl, PgOptions, SslMode};
use serde_json::{Map, Value as Json};

use crate::error::CoreError;
use crate::project::{absolutize, json_kind, Project};

/// Where executed migrations (or seeders) are recorded.
#[derive(Debug, Clone, PartialEq)]
pub enum StorageKind {
    /// A table (`SequelizeMeta` by default), optionally in a schema.
    Sequelize {
        table: String,
        schema: Option<String>,
    },
    /// A JSON file holding an array of names.
    Json { path: PathBuf },
    /// Nothing is recorded: everything is always pending.
    None,
}

/// The resolved environment section of the config.
#[derive(Debug, Clone)]
pub struct DbConfig {
    pub dialect: Dialect,
    pub connect: ConnectOptions,
    /// The environment's section after url / use_env_variable were merged in, as the JS
    /// side sees it in `sequelize.options`.
    pub section: Map<String, Json>,
    pub migration_storage: StorageKind,
    pub seeder_storage: StorageKind,
    /// `logging` was set truthy: print `Executing (default): …` for every statement.
    pub log_sql: bool,
}

/// Where the raw config came from, for messages.
#[derive(Debug, Clone)]
pub enum ConfigSource {
    File(PathBuf),
    Url(String),
}

impl DbConfig {
    /// Pick the environment's section and resolve it, as `readConfig()` does.
    /// `header` receives the lines sequelize-cli prints while reading (`Loaded configuration
    /// file "…".`, `Using environment "…".`, `Parsed url …`).
    pub fn resolve(
        raw: &Json,
        source: &ConfigSource,
        project: &Project,
        env_var: &dyn Fn(&str) -> Option<String>,
        header: &mut Vec<String>,
    ) -> Result<DbConfig, CoreError> {
        Self::resolve_with(raw, source, project, env_var, header, &Map::new())
    }

    /// [`DbConfig::resolve`] with `overrides` merged into the environment's section (after
    /// its `url` / `use_env_variable`), as if the config file held them: a schema target's
    /// four keys ([`crate::targets::schema_overrides`]).
    pub fn resolve_with(
        raw: &Json,
        source: &ConfigSource,
        project: &Project,
        env_var: &dyn Fn(&str) -> Option<String>,
        header: &mut Vec<String>,
        overrides: &Map<String, Json>,
    ) -> Result<DbConfig, CoreError> {
        let shown = match source {
            ConfigSource::File(p) => project.relative(p),
            ConfigSource::Url(u) => redact_url(u),
        };
        let root = match raw {
            Json::Object(o) => o,
            other => {
                return Err(CoreError::Config(format!(
                    "Config must be an object or a promise for an object: {shown} (it is {})",
                    json_kind(other)
                )))
            }
        };
        let mut section = match source {
            ConfigSource::Url(url) => {
                header.push(format!("Parsed url {}", filtered_url(url)));
                root.clone()
            }
            ConfigSource::File(_) => {
                header.push(format!("Loaded configuration file \"{shown}\"."));
                match root.get(&project.env) {
                    Some(Json::Object(env)) => {
                        header.push(format!("Using environment \"{}\".", project.env));
                        env.clone()
                    }
                    Some(other) => {
                        return Err(CoreError::Config(format!(
                            "environment \"{}\" in {shown} must be an object (it is {})",
                            project.env,
                            json_kind(other)
                        )))
                    }
                    // sequelize-cli falls back to the whole file (a flat config); without a
                    // dialect it then fails with "Dialect needs to be explicitly supplied".
                    None if is_flat_config(root) => root.clone(),
                    None => {
                        let known: Vec<&str> = root.keys().map(String::as_str).collect();
                        return Err(CoreError::Config(format!(
                            "environment \"{}\" is not defined in {shown} (it defines: {})",
                            project.env,
                            if known.is_empty() {
                                "nothing".to_string()
                            } else {
                                known.join(", ")
                            }
                        )));
                    }
                }
            }
        };
        check_types(&section, &shown)?;
        if let Some(Json::String(url)) = section.get("url").cloned() {
            merge(&mut section, parse_db_url(&url)?);
        } else if let Some(Json::String(var)) = section.get("use_env_variable").cloned() {
            let url = env_var(&var).ok_or_else(|| {
                CoreError::Config(format!(
                    "use_env_variable names \"{var}\" in {shown}, but that environment variable is not set"
                ))
            })?;
            merge(&mut section, parse_db_url(&url)?);
        }
        crate::targets::merge_overrides(&mut section, overrides);
        let named = section.get("dialect").and_then(Json::as_str);
        let dialect = match named.map(|n| (n, crate::bookkeeping::by_name(n))) {
            Some((_, Some(dialect))) => dialect,
            Some((other, None)) => {
                // A scheme-less url's "dialect" may be its user and password.
                let other = if other.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
                    other.to_string()
                } else {
                    redact_url(other)
                };
                return Err(CoreError::Config(format!(
                    "dialect \"{other}\" (in {shown}) is not supported by seqmig: it speaks sqlite, postgres, mysql and mariadb"
                )));
            }
            None => {
                return Err(CoreError::Config(format!(
                    "no dialect for environment \"{}\" in {shown} (sequelize-cli: Dialect needs to be explicitly supplied as of v4.0.0)",
                    project.env
                )))
            }
        };
        let connect = connect_options(dialect, &section, &project.cwd)?;
        let log_sql = match section.get("logging") {
            None | Some(Json::Null) => false,
            Some(Json::Bool(b)) => *b,
            Some(Json::String(s)) => !s.is_empty(),
            Some(Json::Number(n)) => n.as_f64() != Some(0.0),
            Some(_) => true,
        };
        let storage = |kind: &str, default_kind: &str, default_table: &str, default_json: &str| {
            let get = |key: &str| {
                section
                    .get(&format!("{kind}{key}"))
                    .and_then(Json::as_str)
                    .filter(|s| !s.is_empty())
            };
            match get("Storage").unwrap_or(default_kind) {
                "sequelize" => Ok(StorageKind::Sequelize {
                    table: get("StorageTableName").unwrap_or(default_table).to_string(),
                    schema: get("StorageTableSchema").map(str::to_string),
                }),
                "json" => Ok(StorageKind::Json {
                    path: get("StoragePath")
                        .map(|p| absolutize(&project.cwd, Path::new(p)))
                        .unwrap_or_else(|| project.cwd.join(default_json)),
                }),
                "none" => Ok(StorageKind::None),
                other => Err(CoreError::Config(format!(
                    "{kind}Storage \"{other}\" in {shown} is not one of sequelize, json, none"
                ))),
            }
        };
        let migration_storage = storage(
            "migration",
            "sequelize",
            "SequelizeMeta",
            "sequelize-meta.json",
        )?;
        let seeder_storage = storage("seeder", "none", "SequelizeData", "sequelize-data.json")?;
        Ok(DbConfig {
            dialect,
            connect,
            section,
            migration_storage,
            seeder_storage,
            log_sql,
        })
    }
}

/// The keys seqmig reads as strings: any other type there is one clear error, never a
/// silent default (`"storage": 42` would otherwise mean an in-memory database).
const STRING_KEYS: &[&str] = &[
    "dialect",
    "url",
    "use_env_variable",
    "storage",
    "host",
    "username",
    "user",
    "database",
    "migrationStorage",
    "migrationStoragePath",
    "migrationStorageTableName",
    "migrationStorageTableSchema",
    "seederStorage",
    "seederStoragePath",
    "seederStorageTableName",
    "seederStorageTableSchema",
];

fn check_types(section: &Map<String, Json>, shown: &str) -> Result<(), CoreError> {
    let wrong = |key: &str, what: &str, v: &Json| {
        CoreError::Config(format!(
            "\"{key}\" in {shown} must be {what} (it is {}: {})",
            json_kind(v),
            short_json(v)
        ))
    };
    for key in STRING_KEYS {
        match section.get(*key) {
            None | Some(Json::Null) | Some(Json::String(_)) => {}
            Some(v) => return Err(wrong(key, "a string", v)),
        }
    }
    match section.get("port") {
        None | Some(Json::Null) | Some(Json::Number(_)) | Some(Json::String(_)) => {}
        Some(v) => return Err(wrong("port", "a number", v)),
    }
    match section.get("password") {
        None | Some(Json::Null) | Some(Json::Number(_)) | Some(Json::String(_)) => {}
        // Never the value: it is a password.
        Some(v) => {
            return Err(CoreError::Config(format!(
                "\"password\" in {shown} must be a string (it is {})",
                json_kind(v)
            )))
        }
    }
    match section.get("dialectOptions") {
        None | Some(Json::Null) | Some(Json::Object(_)) => {}
        Some(v) => return Err(wrong("dialectOptions", "an object", v)),
    }
    Ok(())
}

/// A value as it may appear in a one-line message.
fn short_json(v: &Json) -> String {
    let text = v.to_string();
    if text.chars().count() > 60 {
        format!("{}…", text.chars().take(60).collect::<String>())
    } else {
        text
    }
}

fn is_flat_config(root: &Map<String, Json>) -> bool {
    ["dialect", "url", "use_env_variable", "storage", "database"]
        .iter()
        .any(|k| root.contains_key(*k))
}

/// lodash `merge` of a parsed url into the section (url parts win).
fn merge(section: &mut Map<String, Json>, parts: Map<String, Json>) {
    for (k, v) in parts {
        section.insert(k, v);
    }
}

/// The password of a url replaced by `*****`, as sequelize-cli prints `Parsed url …`.
pub fn filtered_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return redact_url(url);
    };
    // A password holding a `/` would end the authority early below: mask it whole.
    if rest.split('/').next().is_some_and(|a| !a.contains('@'))
        && rest.split('?').next().is_some_and(|r| r.contains('@'))
    {
        return redact_url(url);
    }
    let (auth_host, tail) = match rest.find('/') {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    match auth_host.rsplit_once('@') {
        // sequelize-cli's regexp `:?<password>@` also matches a url without a password
        // (the password is then empty), so `user@host` prints as `user:*****@host` too.
        Some((auth, host)) => {
            let user = auth.split_once(':').map_or(auth, |(u, _)| u);
            format!("{scheme}://{user}:*****@{host}{tail}")
        }
        None => url.to_string(),
    }
}

/// A url as it may be shown in any message: [`filtered_url`] when it has the usual shape,
/// else everything between the scheme and the last `@` (where a password could be) masked,
/// so that a url that fails to parse never prints its password.
pub fn redact_url(url: &str) -> String {
    let (scheme, rest) = match url.split_once("://") {
        Some((s, r)) => (format!("{s}://"), r),
        None => (String::new(), url),
    };
    let before_query = rest.split('?').next().unwrap_or(rest);
    let Some(at) = before_query.rfind('@') else {
        // No userinfo: nothing secret, unless the text is not a url at all but has a
        // `user:password` shape.
        return if scheme.is_empty() && rest.matches(':').count() > 1 {
            let head = rest.split(':').next().unwrap_or("");
            format!("{head}:*****")
        } else {
            url.to_string()
        };
    };
    let auth = &rest[..at];
    let user = if scheme.is_empty() {
        // `postgres:user:pw@host`: the part before the first `:` is a scheme, not a user.
        auth.split(':').next().unwrap_or("")
    } else {
        auth.split_once(':').map_or(auth, |(u, _)| u)
    };
    let user = if user.contains('/') { "" } else { user };
    format!("{scheme}{user}:*****{}", &rest[at..])
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A database url as a config hash: `dialect`, `database`, `host`, `port`, `username`,
/// `password`, and for sqlite `storage`; query parameters go to `dialectOptions`.
///
/// sequelize-cli turns `sqlite://path/to.db` into the storage `/to.db` (the host part is
/// lost); seqmig reads it as the relative path `path/to.db`, and `sqlite:///abs/to.db` as
/// the absolute one, which is what everyone writing such a url means.
pub fn parse_db_url(url: &str) -> Result<Map<String, Json>, CoreError> {
    let bad = || CoreError::Config(format!("Error parsing url: {}", redact_url(url)));
    let (scheme, rest) = url
        .split_once("://")
        .or_else(|| url.split_once(':'))
        .ok_or_else(bad)?;
    let scheme = scheme.to_ascii_lowercase();
    let mut out = Map::new();
    let dialect = match scheme.as_str() {
        "postgresql" => "postgres".to_string(),
        s => s.to_string(),
    };
    out.insert("dialect".into(), Json::String(dialect.clone()));
    let (rest, query) = match rest.split_once('?') {
        Some((r, q)) => (r, Some(q)),
        None => (rest, None),
    };
    if dialect == "sqlite" {
        let storage =
            if rest.is_empty() || rest.starts_with(":memory") || rest.starts_with("/:memory") {
                ":memory:".to_string()
            } else {
                percent_decode(rest)
            };
        out.insert("storage".into(), Json::String(storage.clone()));
        out.insert("database".into(), Json::String(storage));
        return Ok(out);
    }
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i + 1..]),
        None => (rest, ""),
    };
    let (auth, hostport) = match authority.rsplit_once('@') {
        Some((a, h)) => (Some(a), h),
        None => (None, authority),
    };
    if let Some(auth) = auth {
        match auth.split_once(':') {
            Some((u, p)) => {
                out.insert("username".into(), Json::String(percent_decode(u)));
                out.insert("password".into(), Json::String(percent_decode(p)));
            }
            None => {
                out.insert("username".into(), Json::String(percent_decode(auth)));
            }
        }
    }
    let (host, port) = if let Some(stripped) = hostport.strip_prefix('[') {
        let (h, p) = stripped.split_once(']').ok_or_else(bad)?;
        (h.to_string(), p.strip_prefix(':').map(str::to_string))
    } else {
        match hostport.rsplit_once(':') {
            Some((h, p)) => (h.to_string(), Some(p.to_string())),
            None => (hostport.to_string(), None),
        }
    };
    if !host.is_empty() {
        out.insert("host".into(), Json::String(percent_decode(&host)));
    }
    if let Some(p) = port.filter(|p| !p.is_empty()) {
        let n: u16 = p.parse().map_err(|_| bad())?;
        out.insert("port".into(), Json::from(n));
    }
    out.insert("database".into(), Json::String(percent_decode(path)));
    if let Some(q) = query {
        let mut opts = Map::new();
        for pair in q.split('&').filter(|s| !s.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            opts.insert(percent_decode(k), Json::String(percent_decode(v)));
        }
        if opts.get("ssl").and_then(Json::as_str) == Some("true") {
            out.insert("ssl".into(), Json::Bool(true));
        }
        out.insert("dialectOptions".into(), Json::Object(opts));
    }
    Ok(out)
}

fn str_field<'a>(section: &'a Map<String, Json>, key: &str) -> Option<&'a str> {
    section.get(key).and_then(Json::as_str)
}

pub(crate) fn connect_options(
    dialect: Dialect,
    section: &Map<String, Json>,
    cwd: &Path,
) -> Result<ConnectOptions, CoreError> {
    match dialect {
        Dialect::Sqlite => {
            // As Sequelize: `storage`, else `host`, else an in-memory database.
            let storage = str_field(section, "storage")
                .or_else(|| str_field(section, "host"))
                .unwrap_or(":memory:");
            let storage = if storage == ":memory:" {
                PathBuf::from(storage)
            } else {
                absolutize(cwd, Path::new(storage))
            };
            Ok(ConnectOptions::Sqlite { storage })
        }
        Dialect::Postgres => {
            let port = match section.get("port") {
                None | Some(Json::Null) => 5432,
                Some(Json::Number(n)) => {
                    n.as_u64().and_then(|n| u16::try_from(n).ok()).unwrap_or(0)
                }
                Some(Json::String(s)) => s.parse().unwrap_or(0),
                Some(_) => 0,
            };
            if port == 0 {
                return Err(CoreError::Config(format!(
                    "port {} is not a valid port",
                    section["port"]
                )));
            }
            let dialect_options = section.get("dialectOptions").and_then(Json::as_object);
            let mut opts = PgOptions {
                host: str_field(section, "host")
                    .unwrap_or("localhost")
                    .to_string(),
                port,
                user: str_field(section, "username")
                    .or_else(|| str_field(section, "user"))
                    .map(str::to_string)
                    .or_else(|| std::env::var("USER").ok())
                    .unwrap_or_else(|| "postgres".into()),
                password: section.get("password").and_then(|p| match p {
                    Json::String(s) => Some(s.clone()),
                    Json::Number(n) => Some(n.to_string()),
                    _ => None,
                }),
                database: str_field(section, "database").unwrap_or("").to_string(),
                application_name: dialect_options
                    .and_then(|d| d.get("application_name"))
                    .and_then(Json::as_str)
                    .map(str::to_string),
                connect_timeout_secs: dialect_options
                    .and_then(|d| d.get("connectTimeout").or_else(|| d.get("connect_timeout")))
                    .and_then(|v| {
                        v.as_u64()
                            .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
                    })
                    .map(|ms_or_s| {
                        if ms_or_s > 1000 {
                            ms_or_s / 1000
                        } else {
                            ms_or_s
                        }
                    }),
                ..Default::default()
            };
            apply_ssl(&mut opts, section.get("ssl"), dialect_options, cwd)?;
            opts.session_init = search_path_init(section, dialect_options);
            Ok(ConnectOptions::Postgres(opts))
        }
        Dialect::Mysql | Dialect::Mariadb => {
            mysql_options(dialect, section, cwd).map(ConnectOptions::Mysql)
        }
    }
}

/// A number given as a number or a numeric string.
fn number_field(v: Option<&Json>) -> Option<u64> {
    v.and_then(|v| {
        v.as_u64()
            .or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()))
    })
}

/// A boolean given as a boolean or `"true"` / `"false"` (a url's query).
fn bool_field(v: Option<&Json>) -> Option<bool> {
    match v {
        Some(Json::Bool(b)) => Some(*b),
        Some(Json::String(s)) => Some(s == "true" || s == "1"),
        _ => None,
    }
}

/// Whether `dialectOptions.dateStrings` leaves TIMESTAMP values as text. Sequelize's own
/// parsers read DATETIME and DATE whatever the drivers do; TIMESTAMP has none, so it is
/// the driver's: mysql2 takes a truthy value, or an array naming `TIMESTAMP`; the mariadb
/// connector any truthy value (an array too).
fn timestamp_strings(v: Option<&Json>, flavor: MysqlFlavor) -> bool {
    match v {
        None | Some(Json::Null) => false,
        Some(Json::Bool(b)) => *b,
        Some(Json::Number(n)) => n.as_f64().is_some_and(|f| f != 0.0),
        Some(Json::String(s)) => !s.is_empty(),
        Some(Json::Array(list)) if flavor != MysqlFlavor::Mariadb => {
            list.iter().any(|t| t.as_str() == Some("TIMESTAMP"))
        }
        Some(Json::Array(_) | Json::Object(_)) => true,
    }
}

/// What Sequelize's mysql / mariadb connection managers hand the driver: `host`, `port`,
/// `username`, `password`, `database`, Sequelize's `timezone` (set per session unless
/// `keepDefaultTimezone`), and from `dialectOptions`: `ssl`, `charset`, `connectTimeout`,
/// `socketPath`, `multipleStatements` (a `timezone` there too, which wins).
fn mysql_options(
    dialect: Dialect,
    section: &Map<String, Json>,
    cwd: &Path,
) -> Result<MysqlOptions, CoreError> {
    let port = match section.get("port") {
        None | Some(Json::Null) => 3306,
        v => number_field(v)
            .and_then(|n| u16::try_from(n).ok())
            .filter(|p| *p != 0)
            .ok_or_else(|| {
                CoreError::Config(format!("port {} is not a valid port", section["port"]))
            })?,
    };
    let d = section.get("dialectOptions").and_then(Json::as_object);
    let dopt = |k: &str| d.and_then(|d| d.get(k)).filter(|v| !v.is_null());
    let timezone = if bool_field(section.get("keepDefaultTimezone")) == Some(true) {
        None
    } else {
        Some(
            dopt("timezone")
                .or_else(|| section.get("timezone"))
                .and_then(Json::as_str)
                .unwrap_or("+00:00")
                .to_string(),
        )
    };
    let mut opts = MysqlOptions {
        flavor: MysqlFlavor::of(dialect),
        host: str_field(section, "host")
            .unwrap_or("localhost")
            .to_string(),
        port,
        user: str_field(section, "username")
            .or_else(|| str_field(section, "user"))
            .unwrap_or("")
            .to_string(),
        password: section.get("password").and_then(|p| match p {
            Json::String(s) => Some(s.clone()),
            Json::Number(n) => Some(n.to_string()),
            _ => None,
        }),
        database: str_field(section, "database").unwrap_or("").to_string(),
        socket_path: dopt("socketPath")
            .and_then(Json::as_str)
            .map(str::to_string),
        connect_timeout_ms: number_field(dopt("connectTimeout")),
        charset: dopt("charset").and_then(Json::as_str).map(str::to_string),
        ssl: None,
        timezone,
        multiple_statements: bool_field(dopt("multipleStatements")) == Some(true),
        timestamp_strings: timestamp_strings(dopt("dateStrings"), MysqlFlavor::of(dialect)),
    };
    opts.ssl = mysql_ssl(dopt("ssl").or_else(|| section.get("ssl")), cwd)?;
    Ok(opts)
}

/// `dialectOptions.ssl` as mysql2 reads it: `true` / `{}` (TLS with the certificate
/// checked), or `{ca, cert, key, rejectUnauthorized}` with PEM contents, a Buffer, or
/// (seqmig) a path to a PEM file.
fn mysql_ssl(ssl: Option<&Json>, cwd: &Path) -> Result<Option<MysqlSsl>, CoreError> {
    match ssl {
        None | Some(Json::Null) | Some(Json::Bool(false)) => Ok(None),
        Some(Json::String(s)) if s == "false" || s.is_empty() => Ok(None),
        Some(Json::Bool(true)) => Ok(Some(MysqlSsl::default())),
        Some(Json::String(s)) if s == "true" => Ok(Some(MysqlSsl::default())),
        Some(Json::Object(o)) => {
            let pem = |key: &str| -> Result<Option<String>, CoreError> {
                match o.get(key) {
                    None | Some(Json::Null) => Ok(None),
                    Some(Json::String(s)) if s.contains("-----BEGIN") => Ok(Some(s.clone())),
                    Some(Json::String(s)) => {
                        let p = absolutize(cwd, Path::new(s));
                        std::fs::read_to_string(&p).map(Some).map_err(|e| {
                            CoreError::Config(format!(
                                "dialectOptions.ssl.{key}: cannot read {}: {e}",
                                p.display()
                            ))
                        })
                    }
                    // fs.readFileSync(...) as the config's JSON has it.
                    Some(Json::Object(b)) if b.get("type").and_then(Json::as_str) == Some("Buffer") => {
                        let bytes: Vec<u8> = b
                            .get("data")
                            .and_then(Json::as_array)
                            .map(|a| a.iter().filter_map(|n| n.as_u64().map(|n| n as u8)).collect())
                            .unwrap_or_default();
                        Ok(Some(String::from_utf8_lossy(&bytes).into_owned()))
                    }
                    Some(other) => Err(CoreError::Config(format!(
                        "dialectOptions.ssl.{key} must be PEM text or a file path (it is {})",
                        json_kind(other)
                    ))),
                }
            };
            Ok(Some(MysqlSsl {
                ca: pem("ca")?,
                cert: pem("cert")?,
                key: pem("key")?,
                reject_unauthorized: o
                    .get("rejectUnauthorized")
                    .and_then(Json::as_bool)
                    .unwrap_or(true),
            }))
        }
        Some(Json::String(profile)) => Err(CoreError::Config(format!(
            "dialectOptions.ssl \"{profile}\": SSL profiles are not supported by seqmig; give {{ca, cert, key}}"
        ))),
        Some(other) => Err(CoreError::Config(format!(
            "dialectOptions.ssl must be a boolean or an object (it is {})",
            json_kind(other)
        ))),
    }
}

/// Sequelize with `dialectOptions.prependSearchPath` and a `searchPath` prefixes every
/// query with `SET search_path to <searchPath>;` (unquoted, as written). seqmig sets it once
/// on each connection, after Sequelize's own session settings: the statements then resolve
/// names in the same schema. Without both keys the session is Sequelize's default.
fn search_path_init(
    section: &Map<String, Json>,
    dialect_options: Option<&Map<String, Json>>,
) -> Option<String> {
    let prepend = dialect_options
        .and_then(|d| d.get("prependSearchPath"))
        .is_some_and(|v| match v {
            Json::Bool(b) => *b,
            Json::Null => false,
            Json::String(s) => !s.is_empty(),
            Json::Number(n) => n.as_f64() != Some(0.0),
            _ => true,
        });
    let path = str_field(section, "searchPath").filter(|s| !s.trim().is_empty())?;
    prepend.then(|| {
        format!(
            "{}SET search_path to {path};",
            seqmig_db::pg_session_init(None, false, None)
        )
    })
}

/// node-postgres' `ssl` (true, or `{rejectUnauthorized, ca, cert, key}`) and libpq's
/// `sslmode` and `sslrootcert` (from a url's query, or in dialectOptions).
fn apply_ssl(
    opts: &mut PgOptions,
    top_ssl: Option<&Json>,
    dialect_options: Option<&Map<String, Json>>,
    cwd: &Path,
) -> Result<(), CoreError> {
    let ssl = dialect_options.and_then(|d| d.get("ssl")).or(top_ssl);
    if let Some(mode) = dialect_options
        .and_then(|d| d.get("sslmode"))
        .and_then(Json::as_str)
    {
        opts.ssl_mode = match mode {
            "disable" => SslMode::Disable,
            "prefer" | "allow" => SslMode::Prefer,
            "require" | "no-verify" => SslMode::Require,
            "verify-ca" => SslMode::VerifyCa,
            "verify-full" => SslMode::VerifyFull,
            other => return Err(CoreError::Config(format!("sslmode \"{other}\" is not one of disable, prefer, require, verify-ca, verify-full"))),
        };
    }
    match ssl {
        None | Some(Json::Null) | Some(Json::Bool(false)) => {}
        Some(Json::String(s)) if s == "false" => {}
        Some(Json::Bool(true)) => {
            // node-postgres: `ssl: true` verifies the certificate and the host name.
            if opts.ssl_mode == SslMode::Disable {
                opts.ssl_mode = SslMode::VerifyFull;
            }
        }
        Some(Json::String(s)) if s == "true" => {
            if opts.ssl_mode == SslMode::Disable {
                opts.ssl_mode = SslMode::VerifyFull;
            }
        }
        Some(Json::Object(o)) => {
            let reject = o
                .get("rejectUnauthorized")
                .and_then(Json::as_bool)
                .unwrap_or(true);
            if o.get("require").and_then(Json::as_bool) == Some(false) && !reject {
                opts.ssl_mode = SslMode::Prefer;
            } else {
                opts.ssl_mode = if reject {
                    SslMode::VerifyFull
                } else {
                    SslMode::Require
                };
            }
            let pem = |key: &str| -> Result<Option<String>, CoreError> {
                match o.get(key) {
                    Some(Json::String(s)) if s.contains("-----BEGIN") => Ok(Some(s.clone())),
                    Some(Json::String(s)) => {
                        let p = absolutize(cwd, Path::new(s));
                        std::fs::read_to_string(&p).map(Some).map_err(|e| {
                            CoreError::Config(format!(
                                "ssl.{key}: cannot read {}: {e}",
                                p.display()
                            ))
                        })
                    }
                    _ => Ok(None),
                }
            };
            opts.ssl_ca = pem("ca")?;
            opts.ssl_cert = pem("cert")?;
            opts.ssl_key = pem("key")?;
        }
        Some(other) => {
            return Err(CoreError::Config(format!(
                "ssl must be a boolean or an object (it is {})",
                json_kind(other)
            )))
        }
    }
    // libpq's `sslrootcert` (from a url's query, or written in dialectOptions).
    match dialect_options.and_then(|d| d.get("sslrootcert")) {
        None | Some(Json::Null) => {}
        Some(Json::String(path)) => {
            let mode_given = dialect_options.is_some_and(|d| d.contains_key("sslmode"))
                || !matches!(ssl, None | Some(Json::Null) | Some(Json::Bool(false)))
                    && ssl != Some(&Json::String("false".into()));
            seqmig_db::apply_ssl_root_cert(opts, path, cwd, mode_given)
                .map_err(CoreError::Config)?;
        }
        Some(other) => {
            return Err(CoreError::Config(format!(
                "sslrootcert must be a file path or \"system\" (it is {})",
                json_kind(other)
            )))
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::{GlobalArgs, RcOptions};
    use serde_json::json;

    fn project(env: &str) -> Project {
        let mut p = Project::resolve(
            Path::new("/proj"),
            &GlobalArgs::default(),
            &RcOptions::default(),
            None,
        );
        p.env = env.into();
        p
    }

    fn resolve(raw: Json, env: &str) -> Result<(DbConfig, Vec<String>), CoreError> {
        let mut header = Vec::new();
        let src = ConfigSource::File(PathBuf::from("/proj/config/config.json"));
        let vars = |k: &str| {
            (k == "DATABASE_URL")
                .then(|| "postgres://u:p%40ss@db.example:6543/app?sslmode=require".to_string())
        };
        DbConfig::resolve(&raw, &src, &project(env), &vars, &mut header).map(|c| (c, header))
    }

    #[test]
    fn picks_the_environment_and_prints_sequelize_cli_lines() {
        let (cfg, header) = resolve(
            json!({"development": {"dialect": "sqlite", "storage": "db/dev.sqlite"}}),
            "development",
        )
        .unwrap();
        assert_eq!(
            header,
            vec![
                "Loaded configuration file \"config/config.json\".",
                "Using environment \"development\"."
            ]
        );
        assert_eq!(
            cfg.connect,
            ConnectOptions::Sqlite {
                storage: PathBuf::from("/proj/db/dev.sqlite")
            }
        );
        assert_eq!(
            cfg.migration_storage,
            StorageKind::Sequelize {
                table: "SequelizeMeta".into(),
                schema: None
            }
        );
        assert_eq!(cfg.seeder_storage, StorageKind::None);
    }

    #[test]
    fn a_missing_environment_names_the_environment_and_the_file() {
        let err = resolve(json!({"development": {"dialect": "sqlite"}}), "test").unwrap_err();
        assert_eq!(
            err.to_string(),
            "environment \"test\" is not defined in config/config.json (it defines: development)"
        );
    }

    #[test]
    fn use_env_variable_is_parsed_like_a_url() {
        let (cfg, _) = resolve(
            json!({"production": {"use_env_variable": "DATABASE_URL"}}),
            "production",
        )
        .unwrap();
        let ConnectOptions::Postgres(pg) = cfg.connect else {
            panic!("postgres expected")
        };
        assert_eq!(
            (pg.host.as_str(), pg.port, pg.user.as_str()),
            ("db.example", 6543, "u")
        );
        assert_eq!(pg.password.as_deref(), Some("p@ss"));
        assert_eq!(pg.database, "app");
        assert_eq!(pg.ssl_mode, SslMode::Require);
        let err = resolve(
            json!({"production": {"use_env_variable": "NOPE"}}),
            "production",
        )
        .unwrap_err();
        assert!(err.to_string().contains("\"NOPE\""), "{err}");
    }

    #[test]
    fn storage_options() {
        let (cfg, _) = resolve(
            json!({"development": {"dialect": "postgres", "migrationStorage": "json", "migrationStoragePath": "meta.json",
                "seederStorage": "sequelize", "seederStorageTableName": "Seeds"}}),
            "development",
        )
        .unwrap();
        assert_eq!(
            cfg.migration_storage,
            StorageKind::Json {
                path: PathBuf::from("/proj/meta.json")
            }
        );
        assert_eq!(
            cfg.seeder_storage,
            StorageKind::Sequelize {
                table: "Seeds".into(),
                schema: None
            }
        );
    }

    #[test]
    fn urls() {
        assert_eq!(
            parse_db_url("sqlite://path/to.db").unwrap()["storage"],
            "path/to.db"
        );
        assert_eq!(
            parse_db_url("sqlite:///abs/to.db").unwrap()["storage"],
            "/abs/to.db"
        );
        assert_eq!(
            parse_db_url("sqlite::memory:").unwrap()["storage"],
            ":memory:"
        );
        let pg = parse_db_url("postgresql://bob@[::1]:5433/db").unwrap();
        assert_eq!(pg["dialect"], "postgres");
        assert_eq!(pg["host"], "::1");
        assert_eq!(pg["port"], 5433);
        assert_eq!(
            filtered_url("postgres://bob:secret@h:1/db"),
            "postgres://bob:*****@h:1/db"
        );
        assert_eq!(
            filtered_url("postgres://bob@h:1/db"),
            "postgres://bob:*****@h:1/db"
        );
        assert_eq!(filtered_url("sqlite://x.db"), "sqlite://x.db");
    }

    fn postgres(raw: Json) -> Result<PgOptions, String> {
        match resolve(raw, "development") {
            Ok((cfg, _)) => match cfg.connect {
                ConnectOptions::Postgres(pg) => Ok(pg),
                other => panic!("postgres expected: {other:?}"),
            },
            Err(e) => Err(e.to_string()),
        }
    }

    #[test]
    fn sslrootcert_from_the_url_or_dialect_options() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("root.crt");
        let other = dir.path().join("other.crt");
        let pem = |body: &str| {
            format!("-----BEGIN CERTIFICATE-----\n{body}\n-----END CERTIFICATE-----\n")
        };
        std::fs::write(&root, pem("ROOT")).unwrap();
        std::fs::write(&other, pem("OTHER")).unwrap();

        // In a url's query, as libpq reads it: alone it asks for verify-full.
        let pg = postgres(json!({"development": {"url": format!(
            "postgres://u@h/d?sslrootcert={}", root.display())}}))
        .unwrap();
        assert_eq!(
            (pg.ssl_mode, pg.ssl_ca),
            (SslMode::VerifyFull, Some(pem("ROOT")))
        );
        let pg = postgres(json!({"development": {"url": format!(
            "postgres://u@h/d?sslmode=verify-ca&sslrootcert={}", root.display())}}))
        .unwrap();
        assert_eq!(pg.ssl_mode, SslMode::VerifyCa);

        // In dialectOptions, beside an ssl object whose ca it joins.
        let pg = postgres(
            json!({"development": {"dialect": "postgres", "dialectOptions": {
            "sslrootcert": root.to_str().unwrap(),
            "ssl": {"rejectUnauthorized": true, "ca": other.to_str().unwrap()}}}}),
        )
        .unwrap();
        assert_eq!(pg.ssl_mode, SslMode::VerifyFull);
        assert_eq!(pg.ssl_ca, Some(format!("{}{}", pem("OTHER"), pem("ROOT"))));
        let pg = postgres(
            json!({"development": {"dialect": "postgres", "dialectOptions": {
            "sslrootcert": "system"}}}),
        )
        .unwrap();
        assert_eq!((pg.ssl_mode, pg.ssl_ca), (SslMode::VerifyFull, None));

        // Bad input: one line each.
        let missing = dir.path().join("missing.crt");
        let e = postgres(
            json!({"development": {"dialect": "postgres", "dialectOptions": {
            "sslrootcert": missing.to_str().unwrap()}}}),
        )
        .unwrap_err();
        assert!(
            e.starts_with(&format!("sslrootcert: cannot read {}: ", missing.display())),
            "{e}"
        );
        assert!(!e.contains('\n'), "{e}");
        let e = postgres(
            json!({"development": {"dialect": "postgres", "dialectOptions": {
            "sslmode": "prefer", "sslrootcert": "system"}}}),
        )
        .unwrap_err();
        assert_eq!(
            e,
            "weak sslmode \"prefer\" may not be used with sslrootcert=system (use \"verify-full\")"
        );
        let e = postgres(
            json!({"development": {"dialect": "postgres", "dialectOptions": {
            "sslrootcert": true}}}),
        )
        .unwrap_err();
        assert_eq!(
            e,
            "sslrootcert must be a file path or \"system\" (it is a boolean)"
        );
    }

    #[test]
    fn date_strings_turns_timestamps_to_text_as_each_driver_reads_it() {
        let read = |dialect: &str, v: Json| {
            let (cfg, _) = resolve(
                json!({"development": {"dialect": dialect, "database": "app",
                    "dialectOptions": {"dateStrings": v}}}),
                "development",
            )
            .unwrap();
            let ConnectOptions::Mysql(m) = cfg.connect else {
                panic!("not mysql options")
            };
            m.timestamp_strings
        };
        for dialect in ["mysql", "mariadb"] {
            assert!(read(dialect, json!(true)));
            assert!(read(dialect, json!("yes")));
            assert!(read(dialect, json!(["TIMESTAMP"])));
            assert!(!read(dialect, json!(false)));
            assert!(!read(dialect, json!(null)));
            assert!(!read(dialect, json!(0)));
        }
        // mysql2 matches the array against the type; the mariadb connector only tests it.
        assert!(!read("mysql", json!(["DATE", "DATETIME"])));
        assert!(read("mariadb", json!(["DATE"])));
    }

    #[test]
    fn mysql_and_mariadb_sections_and_urls() {
        let (cfg, _) = resolve(
            json!({"development": {"dialect": "mariadb", "host": "db", "port": "3307",
                "username": "u", "password": "p", "database": "app", "timezone": "+02:00",
                "dialectOptions": {"charset": "utf8mb4", "connectTimeout": 2000,
                    "multipleStatements": true, "ssl": {"rejectUnauthorized": false}}}}),
            "development",
        )
        .unwrap();
        assert_eq!(cfg.dialect, Dialect::Mariadb);
        let ConnectOptions::Mysql(m) = cfg.connect else {
            panic!("not mysql options")
        };
        assert_eq!(m.flavor, MysqlFlavor::Mariadb);
        assert_eq!((m.host.as_str(), m.port), ("db", 3307));
        assert_eq!((m.user.as_str(), m.password.as_deref()), ("u", Some("p")));
        assert_eq!(m.database, "app");
        assert_eq!(m.timezone.as_deref(), Some("+02:00"));
        assert_eq!(m.charset.as_deref(), Some("utf8mb4"));
        assert_eq!(m.connect_timeout_ms, Some(2000));
        assert!(m.multiple_statements);
        assert!(m.ssl.is_some_and(|s| !s.reject_unauthorized));
        let (cfg, _) = resolve(
            json!({"development": {"url": "mysql://bob:s%40cret@h/d?socketPath=/tmp/s.sock",
                "keepDefaultTimezone": true}}),
            "development",
        )
        .unwrap();
        assert_eq!(cfg.dialect, Dialect::Mysql);
        let ConnectOptions::Mysql(m) = cfg.connect else {
            panic!("not mysql options")
        };
        assert_eq!(
            (m.user.as_str(), m.password.as_deref()),
            ("bob", Some("s@cret"))
        );
        assert_eq!(
            (m.host.as_str(), m.port, m.database.as_str()),
            ("h", 3306, "d")
        );
        assert_eq!(m.socket_path.as_deref(), Some("/tmp/s.sock"));
        assert_eq!(m.timezone, None);
        let err = resolve(
            json!({"development": {"dialect": "mysql", "dialectOptions": {"ssl": "Amazon RDS"}}}),
            "development",
        )
        .unwrap_err();
        assert!(err.to_string().contains("SSL profiles"), "{err}");
    }

    #[test]
    fn prepend_search_path_sets_the_search_path_on_each_connection() {
        let session_init = |extra: Json| {
            let mut env = json!({"dialect": "postgres", "database": "d"});
            env.as_object_mut()
                .unwrap()
                .extend(extra.as_object().unwrap().clone());
            let (cfg, _) = resolve(json!({ "development": env }), "development").unwrap();
            match cfg.connect {
                ConnectOptions::Postgres(pg) => pg.session_init,
                _ => panic!("postgres expected"),
            }
        };
        assert_eq!(
            session_init(
                json!({"searchPath": "t1", "dialectOptions": {"prependSearchPath": true}})
            )
            .as_deref(),
            Some("SET client_min_messages TO warning;SET TIME ZONE INTERVAL '+00:00' HOUR TO MINUTE;SET search_path to t1;")
        );
        // Sequelize prepends only with both keys.
        assert_eq!(session_init(json!({"searchPath": "t1"})), None);
        assert_eq!(
            session_init(json!({"dialectOptions": {"prependSearchPath": true}})),
            None
        );
    }

    #[test]
    fn a_schema_targets_overrides_land_in_the_section_and_the_storage() {
        let mut header = Vec::new();
        let src = ConfigSource::File(PathBuf::from("/proj/config/config.json"));
        let cfg = DbConfig::resolve_with(
            &json!({"development": {"dialect": "postgres", "database": "d", "migrationStorageTableSchema": "old"}}),
            &src,
            &project("development"),
            &|_| None,
            &mut header,
            &crate::targets::schema_overrides("t1"),
        )
        .unwrap();
        assert_eq!(
            cfg.migration_storage,
            StorageKind::Sequelize {
                table: "SequelizeMeta".into(),
                schema: Some("t1".into())
            }
        );
        assert_eq!(cfg.section["schema"], "t1");
        let ConnectOptions::Postgres(pg) = cfg.connect else {
            panic!("postgres expected")
        };
        assert!(pg.session_init.unwrap().ends_with("SET search_path to t1;"));
    }

    #[test]
    fn unsupported_dialect_is_one_clear_line() {
        let err = resolve(json!({"development": {"dialect": "mssql"}}), "development").unwrap_err();
        assert_eq!(
            err.to_string(),
            "dialect \"mssql\" (in config/config.json) is not supported by seqmig: it speaks sqlite, postgres, mysql and mariadb"
        );
    }
}
