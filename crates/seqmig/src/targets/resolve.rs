//! Which targets the flags name: checked whole before anything runs, so that a bad line of
//! a list file stops the run with its line number and no target has started.

use std::io::Read;
use std::path::{Path, PathBuf};

use seqmig_core::engine::{schema_needs_postgres, Engine};
use seqmig_core::error::CoreError;
use seqmig_core::report::{Event, Reporter};
use seqmig_core::targets::{self, query_first_column, Target, TargetSpec};

use crate::cli::Cli;

/// What the run is about to run on.
#[derive(Debug)]
pub enum Resolved {
    /// No target flag, or one `--url`: today's run, untouched.
    Default,
    /// Exactly one target from a list or a schema flag: a single run on it, unprefixed.
    One(TargetSpec),
    /// Several: child runs (`run_many`).
    Many(Vec<Target>),
}

struct Quiet;
impl Reporter for Quiet {
    fn event(&mut self, _: Event<'_>) {}
}

/// The text of a list file, or of standard input for `-`.
fn read_list(path: &Path, flag: &str, cwd: &Path) -> Result<(String, String), CoreError> {
    if path == Path::new("-") {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text).map_err(|e| {
            CoreError::io(format!("seqmig: {flag} -: cannot read standard input"), e)
        })?;
        return Ok((text, "standard input".into()));
    }
    let full: PathBuf = if path.is_absolute() {
        path.to_path_buf()
    } else {
        cwd.join(path)
    };
    let text = std::fs::read_to_string(&full).map_err(|e| {
        CoreError::io(
            format!("seqmig: {flag} {}: cannot read it", path.display()),
            e,
        )
    })?;
    Ok((text, path.display().to_string()))
}

/// Every target the flags name, in the order given: `--url`s then `--urls-file`'s lines;
/// `--schema`s, then `--schemas-file`'s lines, then `--schemas-query`'s rows.
pub fn resolve(cli: &Cli, cwd: &Path, argv: &[String]) -> Result<Resolved, CoreError> {
    let urls_given = &cli.global.url;
    let Some(t) = cli.command.targets() else {
        if urls_given.len() > 1 {
            return Err(CoreError::Usage(format!(
                "seqmig: --url is given {} times, but {} runs on one database; several targets are for db:migrate, db:migrate:status, db:migrate:undo, db:migrate:undo:all, db:migrate:validate, db:migrate:baseline, db:seed:all and db:seed:undo:all",
                urls_given.len(),
                cli.command.name()
            )));
        }
        return Ok(Resolved::Default);
    };
    if t.create_schema && !t.has_schemas() {
        return Err(CoreError::Usage(
            "seqmig: --create-schema goes with schema targets (--schema, --schemas-file, --schemas-query)".into(),
        ));
    }
    let mut list: Vec<(TargetSpec, String)> = Vec::new();
    if t.has_schemas() {
        if t.urls_file.is_some() || urls_given.len() > 1 {
            return Err(CoreError::Usage(
                "seqmig: schema targets run in the one configured database (the config, or a single --url); they cannot be combined with several --url or --urls-file".into(),
            ));
        }
        for s in &t.schema {
            targets::check_schema_name(s)
                .map_err(|e| CoreError::Usage(format!("seqmig: --schema: {e}")))?;
            list.push((TargetSpec::Schema(s.clone()), "--schema".into()));
        }
        if let Some(path) = &t.schemas_file {
            let (text, shown) = read_list(path, "--schemas-file", cwd)?;
            let lines = targets::list_lines(&text);
            if lines.is_empty() {
                return Err(CoreError::Usage(format!(
                    "seqmig: --schemas-file {shown} lists no schema (blank lines and # comments are skipped)"
                )));
            }
            for (n, name) in lines {
                targets::check_schema_name(&name).map_err(|e| {
                    CoreError::Usage(format!("seqmig: --schemas-file {shown}, line {n}: {e}"))
                })?;
                list.push((TargetSpec::Schema(name), format!("line {n} of {shown}")));
            }
        }
        // The configured database must be PostgreSQL: checked here, once, rather than
        // failing every target with the same line.
        let several = list.len() + usize::from(t.schemas_query.is_some()) > 1;
        if several || t.schemas_query.is_some() {
            let mut engine = Engine::new(cwd, &cli.global.to_global_args(), argv.to_vec())?;
            let cfg = engine.load_config(&mut Quiet)?;
            if !cfg.dialect.has_schema_targets() {
                let first = match list.first() {
                    Some((TargetSpec::Schema(s), _)) => s.clone(),
                    _ => "…".into(),
                };
                return Err(CoreError::Usage(schema_needs_postgres(cfg.dialect, &first)));
            }
            if let Some(sql) = &t.schemas_query {
                let conn = engine.connect(&cfg)?;
                let names = query_first_column(&conn, sql).map_err(|e| {
                    CoreError::Usage(format!("seqmig: --schemas-query failed: {e}"))
                })?;
                if names.is_empty() {
                    return Err(CoreError::Usage(
                        "seqmig: --schemas-query returned no row: no schema to run on".into(),
                    ));
                }
                for (i, name) in names.into_iter().enumerate() {
                    let name = name.ok_or_else(|| {
                        CoreError::Usage(format!(
                            "seqmig: --schemas-query, row {}: the first column is NULL",
                            i + 1
                        ))
                    })?;
                    targets::check_schema_name(&name).map_err(|e| {
                        CoreError::Usage(format!("seqmig: --schemas-query, row {}: {e}", i + 1))
                    })?;
                    list.push((
                        TargetSpec::Schema(name),
                        format!("row {} of --schemas-query", i + 1),
                    ));
                }
            }
        }
    } else {
        for (i, u) in urls_given.iter().enumerate() {
            if urls_given.len() > 1 || t.urls_file.is_some() {
                targets::check_url(u).map_err(|e| {
                    CoreError::Usage(format!("seqmig: --url (the {}): {e}", ordinal(i + 1)))
                })?;
            }
            list.push((TargetSpec::Url(u.clone()), format!("--url {}", i + 1)));
        }
        if let Some(path) = &t.urls_file {
            let (text, shown) = read_list(path, "--urls-file", cwd)?;
            let lines = targets::list_lines(&text);
            if lines.is_empty() {
                return Err(CoreError::Usage(format!(
                    "seqmig: --urls-file {shown} lists no URL (blank lines and # comments are skipped)"
                )));
            }
            for (n, url) in lines {
                targets::check_url(&url).map_err(|e| {
                    CoreError::Usage(format!("seqmig: --urls-file {shown}, line {n}: {e}"))
                })?;
                list.push((TargetSpec::Url(url), format!("line {n} of {shown}")));
            }
        }
        // One --url and nothing else: today's run.
        if t.urls_file.is_none() && urls_given.len() <= 1 {
            return Ok(Resolved::Default);
        }
    }
    let mut list = targets::finish(list)?;
    Ok(match list.len() {
        0 => Resolved::Default,
        1 => Resolved::One(list.remove(0).spec),
        _ => Resolved::Many(list),
    })
}

fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, 11) | (2, 12) | (3, 13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}
