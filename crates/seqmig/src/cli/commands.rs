//! The command table: every command as sequelize-cli's yargs defines it (the same names,
//! with their colons, the same descriptions and options), its name for the JSON document,
//! and the function of seqmig-core it runs. A new command is one variant, one arm in
//! `name` and one in `run`.

use clap::{Args, Subcommand};
use seqmig_core::commands::{self, SeedCommand};
use seqmig_core::database::{self, CreateOptions, DatabaseCommand};
use seqmig_core::engine::Engine;
use seqmig_core::error::CoreError;
use seqmig_core::generate::{self, InitPart, ModelSpec};
use seqmig_core::plan::{DownOptions, UpOptions};
use seqmig_core::report::Reporter;

use crate::cli::Global;

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run pending migrations
    #[command(name = "db:migrate")]
    Migrate(MigrateArgs),
    /// List the status of all migrations
    #[command(name = "db:migrate:status")]
    MigrateStatus(StatusArgs),
    /// seqmig: record every migration file up to and including --to as applied, without running it (a database that already has the schema)
    #[command(name = "db:migrate:baseline")]
    MigrateBaseline(BaselineArgs),
    /// seqmig: check applied migrations against their recorded checksums; exit 1 on drift
    #[command(name = "db:migrate:validate")]
    MigrateValidate(TargetArgs),
    /// seqmig: run each pending migration up, down, up inside a transaction that is rolled back (MySQL/MariaDB: on a scratch copy of the database), and report schema differences
    #[command(name = "db:migrate:verify")]
    MigrateVerify,
    /// Reverts a migration
    #[command(name = "db:migrate:undo")]
    MigrateUndo(UndoArgs),
    /// Revert all migrations ran
    #[command(name = "db:migrate:undo:all")]
    MigrateUndoAll(UndoAllArgs),
    /// Run specified seeder
    #[command(name = "db:seed")]
    Seed(SeedArgs),
    /// Deletes data from the database
    #[command(name = "db:seed:undo")]
    SeedUndo(SeedArgs),
    /// Run every seeder
    #[command(name = "db:seed:all")]
    SeedAll(TargetArgs),
    /// Deletes data from the database
    #[command(name = "db:seed:undo:all")]
    SeedUndoAll(TargetArgs),
    /// Update migration table to have timestamps
    #[command(name = "db:migrate:schema:timestamps:add")]
    TimestampsAdd(IgnoredMigrateArgs),
    /// Create database specified by configuration
    #[command(name = "db:create")]
    DbCreate(DatabaseArgs),
    /// Drop database specified by configuration
    #[command(name = "db:drop")]
    DbDrop(DatabaseArgs),
    /// Initializes project
    #[command(name = "init")]
    Init(InitArgs),
    /// Initializes configuration
    #[command(name = "init:config")]
    InitConfig(InitArgs),
    /// Initializes migrations
    #[command(name = "init:migrations")]
    InitMigrations(InitArgs),
    /// Initializes models
    #[command(name = "init:models")]
    InitModels(InitArgs),
    /// Initializes seeders
    #[command(name = "init:seeders")]
    InitSeeders(InitArgs),
    /// Generates a new migration file
    #[command(name = "migration:generate")]
    MigrationGenerate(MigrationArgs),
    /// seqmig: compare the schema the models define with the one the migrations build (on scratch databases); exit 1 when they differ
    #[command(name = "models:diff")]
    ModelsDiff(ModelsDiffArgs),
    /// Generates a new migration file
    #[command(name = "migration:create")]
    MigrationCreate(MigrationArgs),
    /// Generates a model and its migration
    #[command(name = "model:generate")]
    ModelGenerate(ModelArgs),
    /// Generates a model and its migration
    #[command(name = "model:create")]
    ModelCreate(ModelArgs),
    /// Generates a new seed file
    #[command(name = "seed:generate")]
    SeedGenerate(SeedGenerateArgs),
    /// Generates a new seed file
    #[command(name = "seed:create")]
    SeedCreate(SeedGenerateArgs),
}

#[derive(Debug, Args)]
pub struct SeedArgs {
    /// List of seed files
    #[arg(long, num_args = 1..)]
    pub seed: Option<Vec<String>>,
}

/// sequelize-cli's db:migrate:status shares db:migrate's options and ignores them.
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Migration name to run migrations until (ignored by db:migrate:status, as in sequelize-cli)
    #[arg(long)]
    pub to: Option<String>,
    /// Migration name to start migrations from (excluding) (ignored by db:migrate:status)
    #[arg(long)]
    pub from: Option<String>,
    /// Migration name (ignored by db:migrate:status)
    #[arg(long)]
    pub name: Option<String>,
    /// seqmig: exit 1 when a migration is pending (sequelize-cli always exits 0)
    #[arg(long = "exit-code")]
    pub exit_code: bool,
    #[command(flatten)]
    pub targets: TargetArgs,
}

#[derive(Debug, Args)]
pub struct BaselineArgs {
    /// The last migration file to record as applied (its exact file name, as db:migrate --to takes it)
    #[arg(long, required = true, value_name = "NAME")]
    pub to: String,
    /// seqmig: list what would be recorded, and record nothing
    #[arg(long = "dry-run")]
    pub dry_run: bool,
    #[command(flatten)]
    pub targets: TargetArgs,
}

#[derive(Debug, Args)]
pub struct MigrateArgs {
    /// Migration name to run migrations until
    #[arg(long)]
    pub to: Option<String>,
    /// Migration name to start migrations from (excluding)
    #[arg(long)]
    pub from: Option<String>,
    /// Migration name. When specified, only this migration will be run. Mutually exclusive with --to and --from
    #[arg(long, conflicts_with_all = ["to", "from"])]
    pub name: Option<String>,
    #[command(flatten)]
    pub run: RunFlags,
    #[command(flatten)]
    pub targets: TargetArgs,
}

/// The seqmig flags of the commands that run on several targets (issue 19): databases
/// (`--url` more than once, `--urls-file`) or PostgreSQL schemas.
#[derive(Debug, Args, Default)]
pub struct TargetArgs {
    /// seqmig: a file of database URLs, one per line (blank lines and # comments skipped; - reads standard input); each is a target
    #[arg(long = "urls-file", value_name = "FILE")]
    pub urls_file: Option<std::path::PathBuf>,
    /// seqmig: run in this PostgreSQL schema of the configured database (repeatable), as sequelize-cli with "schema", "searchPath", "dialectOptions.prependSearchPath" and "migrationStorageTableSchema" set to it
    #[arg(long, value_name = "NAME", action = clap::ArgAction::Append)]
    pub schema: Vec<String>,
    /// seqmig: a file of schema names, one per line (blank lines and # comments skipped; - reads standard input)
    #[arg(long = "schemas-file", value_name = "FILE")]
    pub schemas_file: Option<std::path::PathBuf>,
    /// seqmig: SQL run on the configured database; the first column of each row is a schema name
    #[arg(long = "schemas-query", value_name = "SQL")]
    pub schemas_query: Option<String>,
    /// seqmig: create a schema target's schema when it does not exist (else that target fails)
    #[arg(long = "create-schema")]
    pub create_schema: bool,
    /// seqmig: run up to N targets at once
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=256))]
    pub parallel: u32,
    /// seqmig: run every target even after one failed (by default the first failure starts no new target)
    #[arg(long = "keep-going")]
    pub keep_going: bool,
}

impl TargetArgs {
    /// Any flag that names schema targets.
    pub fn has_schemas(&self) -> bool {
        !self.schema.is_empty() || self.schemas_file.is_some() || self.schemas_query.is_some()
    }
}

/// The seqmig flags of the commands that run migrations.
#[derive(Debug, Args)]
pub struct RunFlags {
    /// seqmig: print the SQL each migration runs, inside one transaction that is rolled back (MySQL/MariaDB: on a scratch copy of the database); the database is left as it was
    #[arg(long = "dry-run")]
    pub dry_run: bool,
    /// seqmig: run each migration and its SequelizeMeta row in one transaction (also `"seqmigAtomic": true` in the config); `strict` refuses migrations that cannot run in one
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "on", value_parser = ["on", "strict", "off"], value_name = "MODE")]
    pub atomic: Option<String>,
}

#[derive(Debug, Args)]
pub struct UndoArgs {
    /// Name of the migration to undo
    #[arg(long)]
    pub name: Option<String>,
    #[command(flatten)]
    pub run: RunFlags,
    #[command(flatten)]
    pub targets: TargetArgs,
}

#[derive(Debug, Args)]
pub struct UndoAllArgs {
    /// Revert to the provided migration
    #[arg(long)]
    pub to: Option<String>,
    #[command(flatten)]
    pub run: RunFlags,
    #[command(flatten)]
    pub targets: TargetArgs,
}

/// sequelize-cli builds this command with db:migrate's options, which it then ignores.
#[derive(Debug, Args)]
pub struct IgnoredMigrateArgs {
    /// Migration name to run migrations until
    #[arg(long)]
    pub to: Option<String>,
    /// Migration name to start migrations from (excluding)
    #[arg(long)]
    pub from: Option<String>,
    /// Migration name. When specified, only this migration will be run. Mutually exclusive with --to and --from
    #[arg(long, conflicts_with_all = ["to", "from"])]
    pub name: Option<String>,
}

#[derive(Debug, Args)]
pub struct DatabaseArgs {
    /// Pass charset option to dialect, MYSQL only
    #[arg(long)]
    pub charset: Option<String>,
    /// Pass collate option to dialect
    #[arg(long)]
    pub collate: Option<String>,
    /// Pass encoding option to dialect, PostgreSQL only
    #[arg(long)]
    pub encoding: Option<String>,
    /// Pass ctype option to dialect, PostgreSQL only
    #[arg(long)]
    pub ctype: Option<String>,
    /// Pass template option to dialect, PostgreSQL only
    #[arg(long)]
    pub template: Option<String>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Will drop the existing config folder and re-create it
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct MigrationArgs {
    /// Defines the name of the migration
    #[arg(long, required = true)]
    pub name: String,
    /// Use snake case for the timestamp's attribute names
    #[arg(long)]
    pub underscored: bool,
    /// seqmig: write the migration that takes the migrations' schema to the models' (see models:diff)
    #[arg(long = "from-models")]
    pub from_models: bool,
    /// seqmig: with --from-models, a column renamed rather than dropped and added (repeatable)
    #[arg(long, value_name = "TABLE.OLD:NEW", requires = "from_models")]
    pub rename: Vec<String>,
    /// seqmig: with --from-models on PostgreSQL, the server for the scratch databases (else the configured one)
    #[arg(long = "dev-url", value_name = "URL", requires = "from_models")]
    pub dev_url: Option<String>,
}

#[derive(Debug, Args)]
pub struct ModelsDiffArgs {
    /// seqmig: on PostgreSQL, the server for the scratch databases (else the configured one)
    #[arg(long = "dev-url", value_name = "URL")]
    pub dev_url: Option<String>,
}

#[derive(Debug, Args)]
pub struct SeedGenerateArgs {
    /// Defines the name of the seed
    #[arg(long, required = true)]
    pub name: String,
}

#[derive(Debug, Args)]
pub struct ModelArgs {
    /// Defines the name of the new model
    #[arg(long, required = true)]
    pub name: String,
    /// A list of attributes
    #[arg(long, required = true)]
    pub attributes: String,
    /// Forcefully re-creates model with the same name
    // sequelize-cli declares it a string: `--force` alone and `--force anything` both count.
    #[arg(long, num_args = 0..=1, default_missing_value = "")]
    pub force: Option<String>,
    /// Use snake case for the timestamp's attribute names
    #[arg(long)]
    pub underscored: bool,
}

impl Command {
    /// The command as typed, for the JSON document.
    pub fn name(&self) -> &'static str {
        match self {
            Command::Migrate(_) => "db:migrate",
            Command::MigrateStatus(_) => "db:migrate:status",
            Command::MigrateBaseline(_) => "db:migrate:baseline",
            Command::MigrateValidate(_) => "db:migrate:validate",
            Command::MigrateVerify => "db:migrate:verify",
            Command::MigrateUndo(_) => "db:migrate:undo",
            Command::MigrateUndoAll(_) => "db:migrate:undo:all",
            Command::Seed(_) => "db:seed",
            Command::SeedUndo(_) => "db:seed:undo",
            Command::SeedAll(_) => "db:seed:all",
            Command::SeedUndoAll(_) => "db:seed:undo:all",
            Command::TimestampsAdd(_) => "db:migrate:schema:timestamps:add",
            Command::DbCreate(_) => "db:create",
            Command::DbDrop(_) => "db:drop",
            Command::Init(_) => "init",
            Command::InitConfig(_) => "init:config",
            Command::InitMigrations(_) => "init:migrations",
            Command::InitModels(_) => "init:models",
            Command::InitSeeders(_) => "init:seeders",
            Command::MigrationGenerate(_) => "migration:generate",
            Command::ModelsDiff(_) => "models:diff",
            Command::MigrationCreate(_) => "migration:create",
            Command::ModelGenerate(_) => "model:generate",
            Command::ModelCreate(_) => "model:create",
            Command::SeedGenerate(_) => "seed:generate",
            Command::SeedCreate(_) => "seed:create",
        }
    }

    pub fn run_flags(&self) -> Option<&RunFlags> {
        match self {
            Command::Migrate(m) => Some(&m.run),
            Command::MigrateUndo(u) => Some(&u.run),
            Command::MigrateUndoAll(u) => Some(&u.run),
            _ => None,
        }
    }

    /// The target flags, on the commands that take several targets.
    pub fn targets(&self) -> Option<&TargetArgs> {
        match self {
            Command::Migrate(m) => Some(&m.targets),
            Command::MigrateStatus(s) => Some(&s.targets),
            Command::MigrateBaseline(b) => Some(&b.targets),
            Command::MigrateValidate(t) | Command::SeedAll(t) | Command::SeedUndoAll(t) => Some(t),
            Command::MigrateUndo(u) => Some(&u.targets),
            Command::MigrateUndoAll(u) => Some(&u.targets),
            _ => None,
        }
    }

    /// What a target's run did, for the summary: `Up` applies, `Down` reverts, `Record`
    /// records (baseline), `None` changes nothing (status, validate); seeders count their
    /// runs but have no pending count.
    pub fn tally_kind(&self) -> TallyKind {
        match self {
            Command::Migrate(_) => TallyKind::Up,
            Command::MigrateUndo(_) | Command::MigrateUndoAll(_) => TallyKind::Down,
            Command::MigrateBaseline(_) => TallyKind::Record,
            Command::SeedAll(_) | Command::SeedUndoAll(_) => TallyKind::Seed,
            _ => TallyKind::None,
        }
    }

    /// `--dry-run`, on every command that has it.
    pub fn dry_run(&self) -> bool {
        match self {
            Command::MigrateBaseline(b) => b.dry_run,
            _ => self.run_flags().is_some_and(|r| r.dry_run),
        }
    }
}

/// What a command's migrations do, for the summary of several targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TallyKind {
    Up,
    Down,
    Record,
    Seed,
    None,
}

/// How a command that did not fail ends.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Done,
    /// `db:migrate:status`: how many migrations are pending, and whether `--exit-code`
    /// turns any into exit 1.
    Status {
        pending: usize,
        exit_code: bool,
    },
    /// `models:diff`: whether the schemas differ (exit 1), and the `--json` document.
    ModelsDiff {
        differs: bool,
        report: serde_json::Value,
    },
}

impl Outcome {
    /// The line (stderr) and exit 1 of `db:migrate:status --exit-code` with pending ones.
    pub fn pending_failure(&self) -> Option<String> {
        match self {
            Outcome::Status {
                pending,
                exit_code: true,
            } if *pending > 0 => Some(format!(
                "seqmig: {pending} migration(s) pending (listed as down above); exit 1 (--exit-code)"
            )),
            Outcome::ModelsDiff { differs: true, .. } => Some(
                "seqmig: the models and the migrations differ (listed above); exit 1".to_string(),
            ),
            _ => None,
        }
    }
}

/// Run a command.
pub fn run(
    command: &Command,
    global: &Global,
    engine: &mut Engine,
    reporter: &mut dyn Reporter,
) -> Result<Outcome, CoreError> {
    if let Command::MigrateStatus(s) = command {
        let pending = commands::status(engine, reporter)?;
        return Ok(Outcome::Status {
            pending,
            exit_code: s.exit_code,
        });
    }
    if let Command::ModelsDiff(a) = command {
        let (differs, report) =
            seqmig_core::models_diff::diff(engine, a.dev_url.as_deref(), reporter)?;
        return Ok(Outcome::ModelsDiff { differs, report });
    }
    run_command(command, global, engine, reporter).map(|()| Outcome::Done)
}

fn run_command(
    command: &Command,
    global: &Global,
    engine: &mut Engine,
    reporter: &mut dyn Reporter,
) -> Result<(), CoreError> {
    let project = engine.project.clone();
    let models_typed = global.models_path.as_ref().map(|p| p.display().to_string());
    let models_typed = models_typed.as_deref();
    let init = |part: InitPart, args: &InitArgs, reporter: &mut dyn Reporter| {
        generate::init(&project, part, args.force, models_typed, reporter).map_err(CoreError::from)
    };
    match command {
        Command::Migrate(m) => {
            let opts = UpOptions {
                to: m.to.clone(),
                from: m.from.clone(),
                name: m.name.clone(),
            };
            commands::migrate(engine, &opts, reporter)
        }
        Command::MigrateStatus(_) => commands::status(engine, reporter).map(|_| ()),
        Command::MigrateBaseline(b) => {
            engine.safety.dry_run = b.dry_run;
            seqmig_core::baseline::baseline(engine, &b.to, reporter)
        }
        Command::MigrateValidate(_) => commands::validate(engine, reporter),
        Command::MigrateVerify => seqmig_core::verify::verify(engine, reporter),
        Command::MigrateUndo(u) => {
            let opts = match &u.name {
                Some(n) => DownOptions::Name(n.clone()),
                None => DownOptions::Last,
            };
            commands::undo(engine, &opts, reporter)
        }
        Command::MigrateUndoAll(u) => commands::undo(
            engine,
            &DownOptions::All {
                to: u.to.clone().filter(|t| !t.is_empty() && t != "0"),
            },
            reporter,
        ),
        Command::Seed(s) => {
            let names = s.seed.clone().unwrap_or_default();
            commands::seed(engine, &SeedCommand::Named(names), reporter)
        }
        Command::SeedUndo(s) => {
            commands::seed(engine, &SeedCommand::Undo(s.seed.clone()), reporter)
        }
        Command::SeedAll(_) => commands::seed(engine, &SeedCommand::All, reporter),
        Command::SeedUndoAll(_) => commands::seed(engine, &SeedCommand::UndoAll, reporter),
        Command::TimestampsAdd(_) => database::add_timestamps(engine, reporter),
        Command::DbCreate(a) | Command::DbDrop(a) => {
            let which = if matches!(command, Command::DbCreate(_)) {
                DatabaseCommand::Create
            } else {
                DatabaseCommand::Drop
            };
            let opts = CreateOptions {
                charset: a.charset.clone(),
                collate: a.collate.clone(),
                encoding: a.encoding.clone(),
                ctype: a.ctype.clone(),
                template: a.template.clone(),
            };
            database::create_or_drop(engine, which, &opts, reporter)
        }
        Command::Init(a) => init(InitPart::All, a, reporter),
        Command::InitConfig(a) => init(InitPart::Config, a, reporter),
        Command::InitMigrations(a) => init(InitPart::Migrations, a, reporter),
        Command::InitModels(a) => init(InitPart::Models, a, reporter),
        Command::InitSeeders(a) => init(InitPart::Seeders, a, reporter),
        Command::MigrationGenerate(a) | Command::MigrationCreate(a) if a.from_models => {
            let renames = a
                .rename
                .iter()
                .map(|r| seqmig_core::models_diff::Rename::parse(r));
            let renames = renames.collect::<Result<Vec<_>, _>>()?;
            let dev_url = a.dev_url.as_deref();
            seqmig_core::models_diff::generate(engine, &a.name, &renames, dev_url, reporter)
                .map(|_| ())
        }
        Command::ModelsDiff(_) => Ok(()),
        Command::MigrationGenerate(a) | Command::MigrationCreate(a) => {
            generate::migration(&project, &a.name, reporter)?;
            Ok(())
        }
        Command::SeedGenerate(a) | Command::SeedCreate(a) => {
            generate::seed(&project, &a.name, reporter)?;
            Ok(())
        }
        Command::ModelGenerate(a) | Command::ModelCreate(a) => {
            let spec = ModelSpec {
                name: a.name.clone(),
                attributes: a.attributes.clone(),
                underscored: a.underscored,
                force: a.force.is_some(),
            };
            generate::model(&project, &spec, models_typed, reporter)?;
            Ok(())
        }
    }
}
