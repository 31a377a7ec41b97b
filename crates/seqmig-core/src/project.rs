//! Where things are: the working directory, `.sequelizerc`, the global flags, and the
//! folders and config file they point to, resolved as sequelize-cli resolves them.

use std::path::{Path, PathBuf};

use serde_json::Value as Json;

use crate::error::CoreError;

/// The global flags every sequelize-cli command takes (yargs `_baseOptions`).
#[derive(Debug, Clone, Default)]
pub struct GlobalArgs {
    pub env: Option<String>,
    pub config: Option<PathBuf>,
    pub options_path: Option<PathBuf>,
    pub migrations_path: Option<PathBuf>,
    pub seeders_path: Option<PathBuf>,
    pub models_path: Option<PathBuf>,
    pub url: Option<String>,
    pub debug: bool,
}

/// The resolved project: every path absolute.
#[derive(Debug, Clone)]
pub struct Project {
    pub cwd: PathBuf,
    /// `--env`, else `NODE_ENV`, else `development`.
    pub env: String,
    /// The config file (it may not exist: `--url` needs none).
    pub config_path: PathBuf,
    pub migrations_path: PathBuf,
    pub seeders_path: PathBuf,
    pub models_path: PathBuf,
    pub url: Option<String>,
    pub debug: bool,
}

/// Options read from `.sequelizerc` (or `--options-path`): yargs takes them as defaults
/// that command-line flags override, in either spelling (`migrations-path`, `migrationsPath`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RcOptions {
    pub env: Option<String>,
    pub config: Option<String>,
    pub migrations_path: Option<String>,
    pub seeders_path: Option<String>,
    pub models_path: Option<String>,
    pub url: Option<String>,
    pub debug: Option<bool>,
}

impl RcOptions {
    /// Read the options from the rc module's exported value.
    pub fn from_json(value: &Json, file: &Path) -> Result<Self, CoreError> {
        let obj = match value {
            Json::Object(obj) => obj,
            Json::Null => return Ok(RcOptions::default()),
            _ => {
                return Err(CoreError::Config(format!(
                    "{} must export an object (it exports {})",
                    file.display(),
                    json_kind(value)
                )))
            }
        };
        let get = |kebab: &str, camel: &str| -> Result<Option<String>, CoreError> {
            match obj.get(kebab).or_else(|| obj.get(camel)) {
                None | Some(Json::Null) => Ok(None),
                Some(Json::String(s)) => Ok(Some(s.clone())),
                Some(other) => Err(CoreError::Config(format!(
                    "{}: option '{}' must be a string (it is {})",
                    file.display(),
                    kebab,
                    json_kind(other)
                ))),
            }
        };
        Ok(RcOptions {
            env: get("env", "env")?,
            config: get("config", "config")?,
            migrations_path: get("migrations-path", "migrationsPath")?,
            seeders_path: get("seeders-path", "seedersPath")?,
            models_path: get("models-path", "modelsPath")?,
            url: get("url", "url")?,
            debug: obj.get("debug").and_then(Json::as_bool),
        })
    }
}

pub(crate) fn json_kind(v: &Json) -> &'static str {
    match v {
        Json::Null => "null",
        Json::Bool(_) => "a boolean",
        Json::Number(_) => "a number",
        Json::String(_) => "a string",
        Json::Array(_) => "an array",
        Json::Object(_) => "an object",
    }
}

impl Project {
    /// The rc file sequelize-cli would read: `--options-path`, else `./.sequelizerc`.
    pub fn rc_file(cwd: &Path, args: &GlobalArgs) -> Option<PathBuf> {
        let rc = match &args.options_path {
            Some(p) => absolutize(cwd, p),
            None => cwd.join(".sequelizerc"),
        };
        rc.exists().then_some(rc)
    }

    /// Resolve the project from the flags, the rc options and the environment.
    pub fn resolve(
        cwd: &Path,
        args: &GlobalArgs,
        rc: &RcOptions,
        node_env: Option<String>,
    ) -> Project {
        let pick = |flag: &Option<PathBuf>, rc: &Option<String>, default: &str| -> PathBuf {
            match (flag, rc) {
                (Some(p), _) => absolutize(cwd, p),
                (None, Some(s)) => absolutize(cwd, Path::new(s)),
                (None, None) => cwd.join(default),
            }
        };
        let config_path = match (&args.config, &rc.config) {
            (Some(p), _) => absolutize(cwd, p),
            (None, Some(s)) => absolutize(cwd, Path::new(s)),
            (None, None) => {
                // sequelize-cli prefers config/config.js when it exists.
                let js = cwd.join("config").join("config.js");
                if js.exists() {
                    js
                } else {
                    cwd.join("config").join("config.json")
                }
            }
        };
        let env = args
            .env
            .clone()
            .or_else(|| rc.env.clone())
            .or(node_env.filter(|s| !s.is_empty()))
            .unwrap_or_else(|| "development".to_string());
        Project {
            cwd: cwd.to_path_buf(),
            env,
            config_path,
            migrations_path: pick(&args.migrations_path, &rc.migrations_path, "migrations"),
            seeders_path: pick(&args.seeders_path, &rc.seeders_path, "seeders"),
            models_path: pick(&args.models_path, &rc.models_path, "models"),
            url: args.url.clone().or_else(|| rc.url.clone()),
            debug: args.debug || rc.debug.unwrap_or(false),
        }
    }

    /// A path as sequelize-cli prints it: relative to the working directory.
    pub fn relative<'a>(&self, path: &'a Path) -> String {
        relative_path(&self.cwd, path)
    }
}

/// `path.resolve(cwd, p)` without touching the file system.
pub fn absolutize(cwd: &Path, p: &Path) -> PathBuf {
    let joined = if p.is_absolute() {
        p.to_path_buf()
    } else {
        cwd.join(p)
    };
    normalize(&joined)
}

/// Remove `.` and `..` components lexically, as Node's `path.normalize` does.
pub fn normalize(p: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// Node's `path.relative(from, to)` for absolute, normalized paths.
pub fn relative_path(from: &Path, to: &Path) -> String {
    let from: Vec<_> = from.components().collect();
    let to_c: Vec<_> = to.components().collect();
    let common = from
        .iter()
        .zip(to_c.iter())
        .take_while(|(a, b)| a == b)
        .count();
    let mut parts: Vec<String> = Vec::new();
    for _ in common..from.len() {
        parts.push("..".into());
    }
    for c in &to_c[common..] {
        parts.push(c.as_os_str().to_string_lossy().into_owned());
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn rc_options_accept_both_spellings() {
        let rc = RcOptions::from_json(
            &json!({"migrations-path": "db/migrate", "seedersPath": "db/seeds", "config": "cfg.json"}),
            Path::new(".sequelizerc"),
        )
        .unwrap();
        assert_eq!(rc.migrations_path.as_deref(), Some("db/migrate"));
        assert_eq!(rc.seeders_path.as_deref(), Some("db/seeds"));
        assert_eq!(rc.config.as_deref(), Some("cfg.json"));
    }

    #[test]
    fn rc_option_of_wrong_type_is_an_error() {
        let err =
            RcOptions::from_json(&json!({"migrations-path": 3}), Path::new("/p/.sequelizerc"))
                .unwrap_err();
        assert_eq!(
            err.to_string(),
            "/p/.sequelizerc: option 'migrations-path' must be a string (it is a number)"
        );
    }

    #[test]
    fn flags_override_rc_and_env_falls_back_to_node_env() {
        let cwd = Path::new("/proj");
        let args = GlobalArgs {
            migrations_path: Some("m2".into()),
            ..Default::default()
        };
        let rc = RcOptions {
            migrations_path: Some("m1".into()),
            seeders_path: Some("/abs/seeds".into()),
            ..Default::default()
        };
        let p = Project::resolve(cwd, &args, &rc, Some("test".into()));
        assert_eq!(p.migrations_path, PathBuf::from("/proj/m2"));
        assert_eq!(p.seeders_path, PathBuf::from("/abs/seeds"));
        assert_eq!(p.models_path, PathBuf::from("/proj/models"));
        assert_eq!(p.config_path, PathBuf::from("/proj/config/config.json"));
        assert_eq!(p.env, "test");
        let p = Project::resolve(cwd, &GlobalArgs::default(), &RcOptions::default(), None);
        assert_eq!(p.env, "development");
    }

    #[test]
    fn relative_paths_print_like_node() {
        assert_eq!(
            relative_path(Path::new("/a/b"), Path::new("/a/b/config/config.json")),
            "config/config.json"
        );
        assert_eq!(
            relative_path(Path::new("/a/b"), Path::new("/a/config.json")),
            "../config.json"
        );
        assert_eq!(
            absolutize(Path::new("/a/b"), Path::new("../c/./d")),
            PathBuf::from("/a/c/d")
        );
    }
}
