//! The generators on real folders: what they write, what they print, what they refuse.

use std::path::Path;

use super::*;
use crate::project::{GlobalArgs, RcOptions};

#[derive(Default)]
struct Lines(Vec<String>);

impl Reporter for Lines {
    fn event(&mut self, event: Event<'_>) {
        self.0.push(crate::report::text_line(&event));
    }
}

fn project(dir: &Path) -> Project {
    Project::resolve(dir, &GlobalArgs::default(), &RcOptions::default(), None)
}

/// One test sets the variable for all: tests in this module run in parallel, and the
/// fixed stamp is the same everywhere.
fn fix_clock() {
    std::env::set_var(NOW_ENV, "20240101120000");
}

#[test]
fn init_writes_the_four_parts_then_refuses_to_overwrite_the_config() {
    let dir = tempfile::tempdir().unwrap();
    let p = project(dir.path());
    let mut out = Lines::default();
    init(&p, InitPart::All, false, None, &mut out).unwrap();
    let root = dir.path().display();
    assert_eq!(
        out.0,
        vec![
            "Created \"config/config.json\"".to_string(),
            format!("Successfully created models folder at \"{root}/models\"."),
            format!("Successfully created migrations folder at \"{root}/migrations\"."),
            format!("Successfully created seeders folder at \"{root}/seeders\"."),
        ]
    );
    let config = std::fs::read_to_string(dir.path().join("config/config.json")).unwrap();
    assert_eq!(config, DEFAULT_CONFIG);
    let index = std::fs::read_to_string(dir.path().join("models/index.js")).unwrap();
    assert!(index.contains("const config = require(__dirname + '/../config/config.json')[env];\n"));
    assert!(!index.contains("<%"));

    let err = init(&p, InitPart::All, false, None, &mut Lines::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "The file config/config.json already exists. Run command with --force to overwrite it."
    );
}

#[test]
fn init_force_recreates_the_folders() {
    let dir = tempfile::tempdir().unwrap();
    let p = project(dir.path());
    init(&p, InitPart::All, false, None, &mut Lines::default()).unwrap();
    std::fs::write(dir.path().join("migrations/old.js"), "x").unwrap();
    let mut out = Lines::default();
    init(&p, InitPart::Migrations, true, None, &mut out).unwrap();
    let root = dir.path().display();
    assert_eq!(
        out.0,
        vec![
            "Deleting the migrations folder. (--force)".to_string(),
            "Successfully deleted the migrations folder.".to_string(),
            format!("Successfully created migrations folder at \"{root}/migrations\"."),
        ]
    );
    assert!(!dir.path().join("migrations/old.js").exists());
    // models/index.js exists: init:models without --force stops on it.
    let err = init(&p, InitPart::Models, false, None, &mut Lines::default()).unwrap_err();
    assert!(err
        .to_string()
        .starts_with(&format!("The file {root}/models/index.js already exists.")));
}

#[test]
fn models_index_points_at_a_custom_config() {
    let dir = tempfile::tempdir().unwrap();
    let args = GlobalArgs {
        config: Some("db/settings.json".into()),
        models_path: Some("src/models".into()),
        ..GlobalArgs::default()
    };
    let p = Project::resolve(dir.path(), &args, &RcOptions::default(), None);
    let mut out = Lines::default();
    init(&p, InitPart::All, false, None, &mut out).unwrap();
    assert_eq!(out.0[0], "Created \"db/settings.json\"");
    assert_eq!(
        out.0[1],
        format!(
            "Successfully created models folder at \"{}/src/models\".",
            dir.path().display()
        )
    );
    // As typed on the command line, sequelize-cli shows the models path unresolved.
    let mut out = Lines::default();
    init(&p, InitPart::Models, true, Some("src/models"), &mut out).unwrap();
    assert_eq!(
        out.0.last().unwrap(),
        "Successfully created models folder at \"src/models\"."
    );
    let index = std::fs::read_to_string(dir.path().join("src/models/index.js")).unwrap();
    assert!(index.contains("require(__dirname + '/../../db/settings.json')[env]"));
}

#[test]
fn migration_and_seed_skeletons() {
    fix_clock();
    let dir = tempfile::tempdir().unwrap();
    let p = project(dir.path());
    let mut out = Lines::default();
    let path = migration(&p, "add-users", &mut out).unwrap();
    assert_eq!(
        path,
        dir.path().join("migrations/20240101120000-add-users.js")
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), MIGRATION_SKELETON);
    assert!(
        MIGRATION_SKELETON.ends_with("};\n"),
        "the skeletons keep their newline"
    );
    let root = dir.path().display();
    assert_eq!(
        out.0,
        vec![
            format!("Successfully created migrations folder at \"{root}/migrations\"."),
            format!("New migration was created at {root}/migrations/20240101120000-add-users.js ."),
        ]
    );
    let path = seed(&p, "demo", &mut Lines::default()).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), SEEDER_SKELETON);
}

#[test]
fn model_needs_its_folders_and_does_not_overwrite() {
    fix_clock();
    let dir = tempfile::tempdir().unwrap();
    let p = project(dir.path());
    let spec = ModelSpec {
        name: "UserProfile".into(),
        attributes: "name:string".into(),
        underscored: false,
        force: false,
    };
    let err = model(&p, &spec, None, &mut Lines::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "Unable to find models path ({}/models). Did you run sequelize init?",
            dir.path().display()
        )
    );
    std::fs::create_dir(dir.path().join("models")).unwrap();
    let err = model(&p, &spec, None, &mut Lines::default()).unwrap_err();
    assert!(err
        .to_string()
        .starts_with("Unable to find migrations path"));
    std::fs::create_dir(dir.path().join("migrations")).unwrap();
    let (m, mig) = model(&p, &spec, None, &mut Lines::default()).unwrap();
    assert_eq!(m, dir.path().join("models/userprofile.js"));
    assert_eq!(
        mig,
        dir.path()
            .join("migrations/20240101120000-create-user-profile.js")
    );
    assert!(std::fs::read_to_string(&mig)
        .unwrap()
        .contains("createTable('UserProfiles'"));
    let err = model(&p, &spec, None, &mut Lines::default()).unwrap_err();
    assert!(err
        .to_string()
        .ends_with("already exists. Run command with --force to overwrite it."));
    let forced = ModelSpec {
        force: true,
        ..spec.clone()
    };
    model(&p, &forced, None, &mut Lines::default()).unwrap();

    // A bad attribute writes nothing.
    let bad = ModelSpec {
        name: "Other".into(),
        attributes: "x:nosuch".into(),
        ..spec
    };
    assert!(model(&p, &bad, None, &mut Lines::default()).is_err());
    assert!(!dir.path().join("models/other.js").exists());
}
