//! Which migrations a command runs, in which order: umzug 2.3's `up`/`down` with
//! sequelize-cli's `--to`, `--from` and `--name` on top. Pure: files and recorded names in,
//! a list out.
//!
//! seqmig is stricter than sequelize-cli in one place, on purpose: a `--to`, `--from` or
//! `--name` that matches no migration file is an error (exit 1) instead of a silent
//! "nothing to do" with exit 0.

use crate::discovery::MigrationFile;
use crate::error::CoreError;

/// Which way a migration goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
}

impl Direction {
    /// The method name umzug calls.
    pub fn method(self) -> &'static str {
        match self {
            Direction::Up => "up",
            Direction::Down => "down",
        }
    }
}

/// What `db:migrate` was asked.
#[derive(Debug, Clone, Default)]
pub struct UpOptions {
    pub to: Option<String>,
    pub from: Option<String>,
    pub name: Option<String>,
}

/// The outcome of planning.
#[derive(Debug, Clone, PartialEq)]
pub enum Plan {
    /// Run these, in order.
    Run(Vec<MigrationFile>),
    /// Nothing to do; sequelize-cli prints this line and exits 0.
    Nothing(&'static str),
}

pub const UP_TO_DATE: &str = "No migrations were executed, database schema was already up to date.";
pub const NOTHING_EXECUTED: &str = "No executed migrations found.";

/// umzug's `pending()`: every file whose name is not recorded.
pub fn pending<'a>(files: &'a [MigrationFile], executed: &[String]) -> Vec<&'a MigrationFile> {
    files
        .iter()
        .filter(|f| !executed.iter().any(|e| e == &f.file))
        .collect()
}

/// umzug's `_findMigration`: the first file whose name starts with `needle`.
fn find<'a>(files: &'a [MigrationFile], needle: &str) -> Result<&'a MigrationFile, CoreError> {
    files
        .iter()
        .find(|f| f.file.starts_with(needle))
        .ok_or_else(|| CoreError::Usage(format!("Unable to find migration: {needle}")))
}

/// The exact file named by a flag, or a usage error that says what would have matched.
fn require_exact<'a>(
    files: &'a [MigrationFile],
    flag: &str,
    value: &str,
) -> Result<&'a MigrationFile, CoreError> {
    if let Some(f) = files.iter().find(|f| f.file == value) {
        return Ok(f);
    }
    let hint = match files.iter().find(|f| f.file.starts_with(value)) {
        Some(f) => format!(
            " (did you mean {}? give the file name with its extension)",
            f.file
        ),
        None => String::new(),
    };
    Err(CoreError::Usage(format!(
        "{flag} {value} matches no migration file{hint}"
    )))
}

/// Plan `db:migrate`.
pub fn plan_up(
    files: &[MigrationFile],
    executed: &[String],
    opts: &UpOptions,
) -> Result<Plan, CoreError> {
    if let Some(name) = &opts.name {
        if opts.to.is_some() || opts.from.is_some() {
            return Err(CoreError::Usage(
                "Arguments name and to/from are mutually exclusive".into(),
            ));
        }
        let file = find(files, name)?;
        if executed.iter().any(|e| e == &file.file) {
            return Err(CoreError::Usage(format!(
                "Migration is not pending: {}",
                file.file
            )));
        }
        return Ok(Plan::Run(vec![file.clone()]));
    }
    if let Some(to) = &opts.to {
        require_exact(files, "--to", to)?;
    }
    if let Some(from) = &opts.from {
        require_exact(files, "--from", from)?;
    }
    let pending = pending(files, executed);
    if pending.is_empty() {
        return Ok(Plan::Nothing(UP_TO_DATE));
    }
    // sequelize-cli: `--to`/`--from` must name a pending file exactly, or nothing runs.
    if let Some(to) = &opts.to {
        if !pending.iter().any(|m| &m.file == to) {
            return Ok(Plan::Nothing(UP_TO_DATE));
        }
    }
    if let Some(from) = &opts.from {
        if !pending.iter().any(|m| &m.file == from) {
            return Ok(Plan::Nothing(UP_TO_DATE));
        }
    }
    let mut list: Vec<&MigrationFile> = match &opts.from {
        // umzug `_findMigrationsFromMatch`: every file after the match that is not executed.
        Some(from) => {
            let mut found = false;
            files
                .iter()
                .filter(|f| {
                    if f.file.starts_with(from.as_str()) {
                        found = true;
                        return false;
                    }
                    found
                })
                .filter(|f| !executed.iter().any(|e| e == &f.file))
                .collect()
        }
        None => pending,
    };
    if let Some(to) = &opts.to {
        if let Some(i) = list.iter().position(|m| m.file.starts_with(to.as_str())) {
            list.truncate(i + 1);
        }
    }
    Ok(Plan::Run(list.into_iter().cloned().collect()))
}

/// Plan `db:migrate:baseline --to NAME`: the files up to and including NAME (named exactly,
/// as `db:migrate --to` requires) that are not recorded yet, in order, and how many of
/// those files are recorded already.
pub fn plan_baseline<'a>(
    files: &'a [MigrationFile],
    executed: &[String],
    to: &str,
) -> Result<(Vec<&'a MigrationFile>, usize), CoreError> {
    let target = require_exact(files, "--to", to)?;
    let end = files
        .iter()
        .position(|f| f.file == target.file)
        .expect("require_exact found it in files");
    let (recorded, pending): (Vec<&MigrationFile>, Vec<&MigrationFile>) = files[..=end]
        .iter()
        .partition(|f| executed.iter().any(|e| e == &f.file));
    Ok((pending, recorded.len()))
}

/// What `db:migrate:undo` / `undo:all` was asked.
#[derive(Debug, Clone)]
pub enum DownOptions {
    /// `db:migrate:undo`: the last executed one.
    Last,
    /// `db:migrate:undo --name X`.
    Name(String),
    /// `db:migrate:undo:all [--to X]`: newest first, down to and including X.
    All { to: Option<String> },
}

/// Plan an undo. Every recorded name must still have its file (umzug looks them all up first).
pub fn plan_down(
    files: &[MigrationFile],
    executed: &[String],
    opts: &DownOptions,
) -> Result<Plan, CoreError> {
    if executed.is_empty() {
        return Ok(Plan::Nothing(NOTHING_EXECUTED));
    }
    // umzug `_wasExecuted`: a recorded name that starts with the file's name.
    let was_executed = |f: &MigrationFile| executed.iter().any(|e| e.starts_with(&f.file));
    match opts {
        DownOptions::Last => {
            let last = executed.last().expect("not empty");
            Ok(Plan::Run(vec![find(files, last)?.clone()]))
        }
        DownOptions::Name(name) => {
            let file = find(files, name)?;
            if !was_executed(file) {
                return Err(CoreError::Usage(format!(
                    "Migration was not executed: {}",
                    file.file
                )));
            }
            Ok(Plan::Run(vec![file.clone()]))
        }
        DownOptions::All { to } => {
            if let Some(to) = to {
                let target = find(files, to)?;
                if !was_executed(target) {
                    return Err(CoreError::Usage(format!(
                        "Migration was not executed: {}",
                        target.file
                    )));
                }
            }
            let mut list = Vec::new();
            for name in executed.iter().rev() {
                list.push(find(files, name)?.clone());
                if matches!(to, Some(to) if name.starts_with(to.as_str())) {
                    break;
                }
            }
            Ok(Plan::Run(list))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn files(names: &[&str]) -> Vec<MigrationFile> {
        names
            .iter()
            .map(|n| MigrationFile {
                file: n.to_string(),
                path: PathBuf::from(n),
            })
            .collect()
    }
    fn names(p: Plan) -> Vec<String> {
        match p {
            Plan::Run(v) => v.into_iter().map(|m| m.file).collect(),
            Plan::Nothing(s) => vec![s.to_string()],
        }
    }
    fn ex(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn baseline_takes_the_unrecorded_files_up_to_the_exact_name() {
        let f = files(&["1-a.js", "2-b.js", "3-c.js", "4-d.js"]);
        let (list, already) = plan_baseline(&f, &ex(&["2-b.js"]), "3-c.js").unwrap();
        let list: Vec<&str> = list.iter().map(|m| m.file.as_str()).collect();
        assert_eq!((list, already), (vec!["1-a.js", "3-c.js"], 1));
        let err = plan_baseline(&f, &[], "3-c").unwrap_err().to_string();
        assert_eq!(
            err,
            "--to 3-c matches no migration file (did you mean 3-c.js? give the file name with its extension)"
        );
        assert!(plan_baseline(&f, &[], "9-z.js").is_err());
    }

    #[test]
    fn up_runs_pending_in_order_and_respects_to_from() {
        let f = files(&["1-a.js", "2-b.js", "3-c.js", "4-d.js"]);
        assert_eq!(
            names(plan_up(&f, &ex(&["1-a.js"]), &UpOptions::default()).unwrap()),
            ["2-b.js", "3-c.js", "4-d.js"]
        );
        let to = UpOptions {
            to: Some("3-c.js".into()),
            ..Default::default()
        };
        assert_eq!(
            names(plan_up(&f, &[], &to).unwrap()),
            ["1-a.js", "2-b.js", "3-c.js"]
        );
        let from = UpOptions {
            from: Some("2-b.js".into()),
            ..Default::default()
        };
        assert_eq!(
            names(plan_up(&f, &[], &from).unwrap()),
            ["3-c.js", "4-d.js"]
        );
        let both = UpOptions {
            from: Some("1-a.js".into()),
            to: Some("3-c.js".into()),
            ..Default::default()
        };
        assert_eq!(
            names(plan_up(&f, &[], &both).unwrap()),
            ["2-b.js", "3-c.js"]
        );
        assert_eq!(
            names(
                plan_up(
                    &f,
                    &ex(&["1-a.js", "2-b.js", "3-c.js", "4-d.js"]),
                    &UpOptions::default()
                )
                .unwrap()
            ),
            [UP_TO_DATE]
        );
    }

    #[test]
    fn to_an_executed_file_does_nothing_like_sequelize_cli() {
        let f = files(&["1-a.js", "2-b.js"]);
        let to = UpOptions {
            to: Some("1-a.js".into()),
            ..Default::default()
        };
        assert_eq!(
            names(plan_up(&f, &ex(&["1-a.js"]), &to).unwrap()),
            [UP_TO_DATE]
        );
    }

    #[test]
    fn to_matching_no_file_is_an_error() {
        let f = files(&["1-a.js"]);
        let to = UpOptions {
            to: Some("nosuch.js".into()),
            ..Default::default()
        };
        assert_eq!(
            plan_up(&f, &[], &to).unwrap_err().to_string(),
            "--to nosuch.js matches no migration file"
        );
        let to = UpOptions {
            to: Some("1-a".into()),
            ..Default::default()
        };
        assert_eq!(
            plan_up(&f, &[], &to).unwrap_err().to_string(),
            "--to 1-a matches no migration file (did you mean 1-a.js? give the file name with its extension)"
        );
    }

    #[test]
    fn name_runs_one_pending_file_by_prefix() {
        let f = files(&["1-a.js", "2-b.js"]);
        let o = UpOptions {
            name: Some("2-b".into()),
            ..Default::default()
        };
        assert_eq!(names(plan_up(&f, &[], &o).unwrap()), ["2-b.js"]);
        assert_eq!(
            plan_up(&f, &ex(&["2-b.js"]), &o).unwrap_err().to_string(),
            "Migration is not pending: 2-b.js"
        );
        let o = UpOptions {
            name: Some("9".into()),
            ..Default::default()
        };
        assert_eq!(
            plan_up(&f, &[], &o).unwrap_err().to_string(),
            "Unable to find migration: 9"
        );
    }

    #[test]
    fn down_plans() {
        let f = files(&["1-a.js", "2-b.js", "3-c.js"]);
        let e = ex(&["1-a.js", "2-b.js", "3-c.js"]);
        assert_eq!(
            names(plan_down(&f, &e, &DownOptions::Last).unwrap()),
            ["3-c.js"]
        );
        assert_eq!(
            names(plan_down(&f, &e, &DownOptions::All { to: None }).unwrap()),
            ["3-c.js", "2-b.js", "1-a.js"]
        );
        assert_eq!(
            names(
                plan_down(
                    &f,
                    &e,
                    &DownOptions::All {
                        to: Some("2-b.js".into())
                    }
                )
                .unwrap()
            ),
            ["3-c.js", "2-b.js"]
        );
        assert_eq!(
            names(plan_down(&f, &e, &DownOptions::Name("1-a".into())).unwrap()),
            ["1-a.js"]
        );
        assert_eq!(
            names(plan_down(&f, &[], &DownOptions::Last).unwrap()),
            [NOTHING_EXECUTED]
        );
        let gone = ex(&["0-gone.js", "1-a.js"]);
        assert_eq!(
            plan_down(&f, &gone, &DownOptions::All { to: None })
                .unwrap_err()
                .to_string(),
            "Unable to find migration: 0-gone.js"
        );
    }
}
