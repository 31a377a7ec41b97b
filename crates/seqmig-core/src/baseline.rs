//! `db:migrate:baseline --to NAME`: adopt a database whose schema already exists (restored
//! from a dump, made by `sync()`) by recording every migration file up to NAME as applied,
//! without running it. What it prints as recorded is read back from the storage first.

use crate::checksum;
use crate::commands::Kind;
use crate::engine::Engine;
use crate::error::CoreError;
use crate::migrator::{maybe_dry, prepare, report_interrupted};
use crate::plan;
use crate::report::{Event, Reporter};

pub const NONE_STORAGE: &str =
    "seqmig: db:migrate:baseline needs a storage that records migrations: the config's migrationStorage is \"none\" (use \"sequelize\" or \"json\")";

/// Record the files up to and including `to` that are not recorded yet. Under
/// `engine.safety.dry_run` it lists them and writes nothing (the storage table that reading
/// may create is rolled back with the dry run's transaction).
pub fn baseline(
    engine: &mut Engine,
    to: &str,
    reporter: &mut dyn Reporter,
) -> Result<(), CoreError> {
    let mut p = prepare(engine, Kind::Migration, reporter, true)?;
    if p.storage_is_none {
        return Err(CoreError::Usage(NONE_STORAGE.into()));
    }
    maybe_dry(engine, &mut p, reporter, |engine, p, reporter| {
        let executed = p.storage.executed()?;
        engine.pending_before = Some(plan::pending(&p.files, &executed).len());
        report_interrupted(engine, p, &executed, None, reporter);
        let (list, already) = plan::plan_baseline(&p.files, &executed, to)?;
        let storage = p.storage.describe();
        let already_line = match already {
            0 => String::new(),
            n => format!("; {n} up to it already recorded, left as they were"),
        };
        if engine.safety.dry_run {
            for m in &list {
                reporter.event(Event::Recorded {
                    file: &m.file,
                    written: false,
                });
            }
            reporter.event(Event::Notice(&format!(
                "seqmig: baseline dry run: {} migration(s) up to {to} would be recorded in {storage} as applied{already_line}; none is recorded",
                list.len()
            )));
            return Ok(());
        }
        // Every file is read before the first row is written: one that cannot be read
        // records nothing.
        let sums: Vec<Option<String>> = list
            .iter()
            .map(|m| match p.checksums {
                Some(_) => checksum::file_sha256(&m.path).map(Some),
                None => Ok(None),
            })
            .collect::<Result<_, _>>()?;
        let mut done: Vec<(&str, Option<&String>)> = Vec::new();
        for (m, sum) in list.iter().zip(&sums) {
            if let Err(e) = p.storage.log(&m.file) {
                return Err(CoreError::Safety(format!(
                    "seqmig: baseline: recording {} in {storage} failed: {e}; the {} file(s) listed above are recorded, {} and the ones after it are not",
                    m.file,
                    done.len(),
                    m.file
                )));
            }
            reporter.event(Event::Recorded {
                file: &m.file,
                written: true,
            });
            done.push((m.file.as_str(), sum.as_ref()));
            if let (Some(t), Some(sum)) = (p.checksums.as_mut(), sum) {
                t.record(&m.file, sum).map_err(|e| {
                    CoreError::Safety(format!(
                        "seqmig: baseline: {} is recorded in {storage}, but its checksum could not be written: {e}; the files after it are not recorded",
                        m.file
                    ))
                })?;
            }
        }
        // Say "recorded" only for what the storage now holds.
        let now = p.storage.executed()?;
        let missing: Vec<&str> = done
            .iter()
            .map(|(f, _)| *f)
            .filter(|f| !now.iter().any(|e| e == f))
            .collect();
        if !missing.is_empty() {
            return Err(CoreError::Safety(format!(
                "seqmig: baseline: {storage} does not hold {} after it was written: {}",
                missing.len(),
                missing.join(", ")
            )));
        }
        let mut checksum_line = String::new();
        if let Some(t) = p.checksums.as_mut() {
            let recorded = t.all()?;
            let missing: Vec<&str> = done
                .iter()
                .filter(|(f, sum)| recorded.get(*f) != *sum)
                .map(|(f, _)| *f)
                .collect();
            if !missing.is_empty() {
                return Err(CoreError::Safety(format!(
                    "seqmig: baseline: {} does not hold the checksum of {} after it was written: {}",
                    checksum::TABLE,
                    missing.len(),
                    missing.join(", ")
                )));
            }
            if !done.is_empty() {
                checksum_line = format!(", with their checksums in {}", checksum::TABLE);
            }
        }
        let line = if done.is_empty() {
            format!("seqmig: baseline: every migration up to {to} is already recorded in {storage}; nothing to record")
        } else {
            format!(
                "seqmig: baseline: recorded {} migration(s) up to {to} in {storage} as applied, without running them{checksum_line}{already_line}",
                done.len()
            )
        };
        reporter.event(Event::Notice(&line));
        Ok(())
    })
}
