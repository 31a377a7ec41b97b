//! sequelize-cli's generators: `init` (and `init:config`, `init:models`,
//! `init:migrations`, `init:seeders`), `migration:generate`, `seed:generate` and
//! `model:generate`, writing the same files byte for byte and printing the same lines.
//! Paths come from the resolved [`Project`] (flags, then `.sequelizerc`, then defaults).

mod attributes;
mod render;
mod words;

use std::path::{Path, PathBuf};

use crate::error::CoreError;
use crate::project::{relative_path, Project};
use crate::report::{Event, Reporter};

pub use attributes::{parse_attributes, Attribute};
pub use words::{kebab_case, pluralize};

const MIGRATION_SKELETON: &str = include_str!("assets/migration-skeleton.js");
const SEEDER_SKELETON: &str = include_str!("assets/seeder-skeleton.js");
const DEFAULT_CONFIG: &str = include_str!("assets/config.json");
const MODELS_INDEX: &str = include_str!("assets/models-index.js");

/// Hidden: fixes the `YYYYMMDDHHmmss` of generated file names (tests, differential runs).
pub const NOW_ENV: &str = "SEQMIG_NOW";

#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    /// What sequelize-cli reports with `view.error` and exit 1.
    #[error("{0}")]
    Usage(String),
    #[error("{0}")]
    Io(String),
}

impl From<GenerateError> for CoreError {
    fn from(e: GenerateError) -> Self {
        match e {
            GenerateError::Usage(m) => CoreError::Usage(m),
            GenerateError::Io(m) => CoreError::Io(m),
        }
    }
}

/// Node's fs error text (`EISDIR: illegal operation on a directory, unlink '…'`) is not
/// reproducible from Rust; the OS message and the path carry the same information.
fn io_error(op: &str, path: &Path, e: std::io::Error) -> GenerateError {
    GenerateError::Io(format!("{op} '{}': {e}", path.display()))
}

/// The `YYYYMMDDHHmmss` prefix of a new file: UTC now, or `SEQMIG_NOW`.
pub fn timestamp() -> Result<String, GenerateError> {
    match std::env::var(NOW_ENV) {
        Ok(v) if v.len() == 14 && v.bytes().all(|b| b.is_ascii_digit()) => Ok(v),
        Ok(v) => Err(GenerateError::Usage(format!(
            "{NOW_ENV} must be 14 digits (YYYYMMDDHHmmss), not '{v}'"
        ))),
        Err(_) => Ok(chrono::Utc::now().format("%Y%m%d%H%M%S").to_string()),
    }
}

/// Which `init` command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InitPart {
    All,
    Config,
    Models,
    Migrations,
    Seeders,
}

fn say(reporter: &mut dyn Reporter, line: &str) {
    reporter.event(Event::Notice(line));
}

fn exists_file_error(shown: &str) -> GenerateError {
    GenerateError::Usage(format!(
        "The file {shown} already exists. Run command with --force to overwrite it."
    ))
}

/// How sequelize-cli shows the models folder: `--models-path` (or the rc value) as typed,
/// since its `getModelsPath()` does not resolve it, else the absolute default.
fn models_shown(project: &Project, typed: Option<&str>) -> String {
    typed
        .map(str::to_string)
        .unwrap_or_else(|| project.models_path.display().to_string())
}

/// `init` and its parts, in sequelize-cli's order: config, models, migrations, seeders.
/// An existing config without `--force` stops everything (exit 1). `models_typed` is the
/// `--models-path` value as typed, which sequelize-cli prints unresolved.
pub fn init(
    project: &Project,
    part: InitPart,
    force: bool,
    models_typed: Option<&str>,
    reporter: &mut dyn Reporter,
) -> Result<(), GenerateError> {
    let all = part == InitPart::All;
    if all || part == InitPart::Config {
        init_config(project, force, reporter)?;
    }
    if all || part == InitPart::Models {
        let shown = models_shown(project, models_typed);
        create_folder("models", &project.models_path, &shown, force, reporter)?;
        create_models_index(project, force, reporter)?;
    }
    if all || part == InitPart::Migrations {
        let shown = project.migrations_path.display().to_string();
        create_folder(
            "migrations",
            &project.migrations_path,
            &shown,
            force,
            reporter,
        )?;
    }
    if all || part == InitPart::Seeders {
        let shown = project.seeders_path.display().to_string();
        create_folder("seeders", &project.seeders_path, &shown, force, reporter)?;
    }
    Ok(())
}

fn init_config(
    project: &Project,
    force: bool,
    reporter: &mut dyn Reporter,
) -> Result<(), GenerateError> {
    let path = &project.config_path;
    let shown = relative_path(&project.cwd, path);
    if path.exists() && !force {
        return Err(exists_file_error(&shown));
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| io_error("mkdir", dir, e))?;
    }
    std::fs::write(path, DEFAULT_CONFIG).map_err(|e| io_error("open", path, e))?;
    say(reporter, &format!("Created \"{shown}\""));
    Ok(())
}

/// init-helper's `createFolder`: with `force`, delete the folder's files and the folder
/// (as sequelize-cli does: a subfolder inside makes it fail), then create it.
fn create_folder(
    label: &str,
    folder: &Path,
    shown: &str,
    force: bool,
    reporter: &mut dyn Reporter,
) -> Result<(), GenerateError> {
    if force && folder.exists() {
        say(reporter, &format!("Deleting the {label} folder. (--force)"));
        let entries = std::fs::read_dir(folder).map_err(|e| io_error("scandir", folder, e))?;
        for entry in entries {
            let path = entry.map_err(|e| io_error("scandir", folder, e))?.path();
            std::fs::remove_file(&path).map_err(|e| io_error("unlink", &path, e))?;
        }
        std::fs::remove_dir(folder).map_err(|e| io_error("rmdir", folder, e))?;
        say(
            reporter,
            &format!("Successfully deleted the {label} folder."),
        );
    }
    if folder.exists() {
        say(
            reporter,
            &format!("{label} folder at \"{shown}\" already exists."),
        );
    } else {
        std::fs::create_dir_all(folder).map_err(|e| io_error("mkdir", folder, e))?;
        say(
            reporter,
            &format!("Successfully created {label} folder at \"{shown}\"."),
        );
    }
    Ok(())
}

fn create_models_index(
    project: &Project,
    force: bool,
    reporter: &mut dyn Reporter,
) -> Result<(), GenerateError> {
    let models = &project.models_path;
    let index = models.join("index.js");
    if !models.exists() {
        say(reporter, "Models folder not available.");
        return Ok(());
    }
    if index.exists() && !force {
        return Err(exists_file_error(&index.display().to_string()));
    }
    let relative = relative_path(models, &project.config_path).replace('\\', "/");
    let config_file = format!("__dirname + '/{relative}'");
    let text = MODELS_INDEX.replace("<%= configFile %>", &config_file);
    std::fs::write(&index, text).map_err(|e| io_error("open", &index, e))
}

/// `migration:generate --name NAME`: the skeleton, as `<migrations>/<UTC stamp>-NAME.js`.
pub fn migration(
    project: &Project,
    name: &str,
    reporter: &mut dyn Reporter,
) -> Result<PathBuf, GenerateError> {
    let stamp = timestamp()?;
    let shown = project.migrations_path.display().to_string();
    create_folder(
        "migrations",
        &project.migrations_path,
        &shown,
        false,
        reporter,
    )?;
    let path = project.migrations_path.join(format!("{stamp}-{name}.js"));
    std::fs::write(&path, MIGRATION_SKELETON).map_err(|e| io_error("open", &path, e))?;
    say(
        reporter,
        &format!("New migration was created at {} .", path.display()),
    );
    Ok(path)
}

/// `seed:generate --name NAME`: the seeder skeleton, as `<seeders>/<UTC stamp>-NAME.js`.
pub fn seed(
    project: &Project,
    name: &str,
    reporter: &mut dyn Reporter,
) -> Result<PathBuf, GenerateError> {
    let stamp = timestamp()?;
    let shown = project.seeders_path.display().to_string();
    create_folder("seeders", &project.seeders_path, &shown, false, reporter)?;
    let path = project.seeders_path.join(format!("{stamp}-{name}.js"));
    std::fs::write(&path, SEEDER_SKELETON).map_err(|e| io_error("open", &path, e))?;
    say(
        reporter,
        &format!("New seed was created at {} .", path.display()),
    );
    Ok(path)
}

/// What `model:generate` was asked for.
#[derive(Debug, Clone)]
pub struct ModelSpec {
    pub name: String,
    pub attributes: String,
    pub underscored: bool,
    /// `--force` was given (with or without a value: sequelize-cli declares it a string).
    pub force: bool,
}

/// `model:generate`: `<models>/<name lowercased>.js` and
/// `<migrations>/<stamp>-create-<kebab name>.js`; returns both paths. `models_typed` as
/// for [`init`].
pub fn model(
    project: &Project,
    spec: &ModelSpec,
    models_typed: Option<&str>,
    reporter: &mut dyn Reporter,
) -> Result<(PathBuf, PathBuf), GenerateError> {
    let stamp = timestamp()?;
    let missing = |what: &str, shown: String| {
        GenerateError::Usage(format!(
            "Unable to find {what} path ({shown}). Did you run sequelize init?"
        ))
    };
    if !project.models_path.exists() {
        return Err(missing("models", models_shown(project, models_typed)));
    }
    if !project.migrations_path.exists() {
        return Err(missing(
            "migrations",
            project.migrations_path.display().to_string(),
        ));
    }
    let model_path = project
        .models_path
        .join(format!("{}.js", spec.name.to_lowercase()));
    if !spec.force && model_path.exists() {
        return Err(exists_file_error(&model_path.display().to_string()));
    }
    let attrs = parse_attributes(&spec.attributes)?;
    let model_text = render::model_file(&spec.name, &attrs, spec.underscored);
    std::fs::write(&model_path, model_text).map_err(|e| io_error("open", &model_path, e))?;

    let (created, updated) = if spec.underscored {
        ("created_at", "updated_at")
    } else {
        ("createdAt", "updatedAt")
    };
    let table = pluralize(&spec.name);
    let migration_text = render::create_table_file(&table, &attrs, created, updated);
    let migration_name = kebab_case(&format!("create-{}", spec.name));
    let migration_name = migration_name.trim_start_matches('-');
    let migration_path = project
        .migrations_path
        .join(format!("{stamp}-{migration_name}.js"));
    std::fs::write(&migration_path, migration_text)
        .map_err(|e| io_error("open", &migration_path, e))?;
    say(
        reporter,
        &format!("New model was created at {} .", model_path.display()),
    );
    say(
        reporter,
        &format!(
            "New migration was created at {} .",
            migration_path.display()
        ),
    );
    Ok((model_path, migration_path))
}

#[cfg(test)]
mod tests;
