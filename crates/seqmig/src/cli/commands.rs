//! The sequelize-cli commands besides migrating and seeding: `init*`, the generators,
//! `db:create`/`db:drop` and `db:migrate:schema:timestamps:add`, with sequelize-cli's
//! descriptions and options. Flattened into [`crate::cli::Command`].

use clap::{Args, Subcommand};
use seqmig_core::database::{self, CreateOptions, DatabaseCommand};
use seqmig_core::engine::Engine;
use seqmig_core::error::CoreError;
use seqmig_core::generate::{self, InitPart, ModelSpec};
use seqmig_core::report::Reporter;

use crate::cli::Global;

#[derive(Debug, Subcommand)]
pub enum MoreCommand {
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

impl MoreCommand {
    /// The command as typed, for the JSON document.
    pub fn name(&self) -> &'static str {
        match self {
            MoreCommand::TimestampsAdd(_) => "db:migrate:schema:timestamps:add",
            MoreCommand::DbCreate(_) => "db:create",
            MoreCommand::DbDrop(_) => "db:drop",
            MoreCommand::Init(_) => "init",
            MoreCommand::InitConfig(_) => "init:config",
            MoreCommand::InitMigrations(_) => "init:migrations",
            MoreCommand::InitModels(_) => "init:models",
            MoreCommand::InitSeeders(_) => "init:seeders",
            MoreCommand::MigrationGenerate(_) => "migration:generate",
            MoreCommand::MigrationCreate(_) => "migration:create",
            MoreCommand::ModelGenerate(_) => "model:generate",
            MoreCommand::ModelCreate(_) => "model:create",
            MoreCommand::SeedGenerate(_) => "seed:generate",
            MoreCommand::SeedCreate(_) => "seed:create",
        }
    }
}

/// Run one of these commands.
pub fn run(
    command: &MoreCommand,
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
        MoreCommand::TimestampsAdd(_) => database::add_timestamps(engine, reporter),
        MoreCommand::DbCreate(a) | MoreCommand::DbDrop(a) => {
            let which = if matches!(command, MoreCommand::DbCreate(_)) {
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
        MoreCommand::Init(a) => init(InitPart::All, a, reporter),
        MoreCommand::InitConfig(a) => init(InitPart::Config, a, reporter),
        MoreCommand::InitMigrations(a) => init(InitPart::Migrations, a, reporter),
        MoreCommand::InitModels(a) => init(InitPart::Models, a, reporter),
        MoreCommand::InitSeeders(a) => init(InitPart::Seeders, a, reporter),
        MoreCommand::MigrationGenerate(a) | MoreCommand::MigrationCreate(a) => {
            generate::migration(&project, &a.name, reporter)?;
            Ok(())
        }
        MoreCommand::SeedGenerate(a) | MoreCommand::SeedCreate(a) => {
            generate::seed(&project, &a.name, reporter)?;
            Ok(())
        }
        MoreCommand::ModelGenerate(a) | MoreCommand::ModelCreate(a) => {
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
