//! The method × transaction-context table of docs/compat.md: which queryInterface methods
//! the examples call inside each kind of transaction, per dialect.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use super::report::{calls, not_supported};
use super::Example;

/// The queryInterface methods of Sequelize 6.37.8 that pass `options.transaction` on to
/// their queries, plus `sequelize.query`. Left out: createDatabase / dropDatabase (PostgreSQL
/// refuses them inside a transaction block; SQLite runs MySQL's SQL, which it rejects) and
/// dropAllTables / dropAllSchemas / dropAllEnums (they would drop SequelizeMeta or the
/// other contexts' tables).
const TX_METHODS: &[&str] = &[
    "addColumn",
    "addConstraint",
    "addIndex",
    "bulkDelete",
    "bulkInsert",
    "bulkUpdate",
    "changeColumn",
    "createFunction",
    "createSchema",
    "createTable",
    "createTrigger",
    "databaseVersion",
    "decrement",
    "describeTable",
    "dropEnum",
    "dropFunction",
    "dropSchema",
    "dropTable",
    "dropTrigger",
    "ensureEnums",
    "getForeignKeyReferencesForTable",
    "getForeignKeysForTables",
    "increment",
    "insert",
    "pgListEnums",
    "rawSelect",
    "removeColumn",
    "removeConstraint",
    "removeIndex",
    "renameColumn",
    "renameFunction",
    "renameTable",
    "renameTrigger",
    "select",
    "showAllSchemas",
    "showAllTables",
    "showConstraint",
    "showIndex",
    "tableExists",
    "upsert",
    "query",
];

/// The transaction contexts, as a migration file declares them on a line
/// `// seqmig-context: <name>`, with the construct the file must contain to be counted.
const CONTEXTS: &[(&str, &[&str])] = &[
    ("unmanaged", &[".transaction()", ".commit()"]),
    ("managed", &[".transaction(async"]),
    ("Promise.all", &[".transaction(async", "Promise.all(["]),
    ("rolled back", &[".rollback()"]),
];

/// The context a migration file declares, checked against what the file does.
fn declared_context(source: &str) -> Option<&'static str> {
    let line = source
        .lines()
        .find_map(|l| l.trim().strip_prefix("// seqmig-context:"))?;
    let (name, needs) = CONTEXTS.iter().find(|(n, _)| *n == line.trim())?;
    needs.iter().all(|n| source.contains(n)).then_some(*name)
}

/// Methods × transaction contexts × dialects: which example files, declaring a context,
/// call each method (the calls in such a file pass the transaction).
pub fn context_coverage(examples: &[Example]) -> String {
    // (method, context, dialect) -> examples
    let mut found: BTreeMap<(&str, &str, String), BTreeSet<String>> = BTreeMap::new();
    for ex in examples {
        for file in migration_sources(&ex.dir) {
            let Some(context) = declared_context(&file) else {
                continue;
            };
            for m in TX_METHODS {
                if calls(&file, m) {
                    for d in &ex.dialects {
                        found
                            .entry((m, context, d.clone()))
                            .or_default()
                            .insert(ex.name.clone());
                    }
                }
            }
        }
    }
    let mut md = String::from(
        "## Transaction contexts\n\n\
         Each queryInterface method that passes `options.transaction` on, called with a\n\
         transaction in each context, per dialect (a migration file names its context on a line\n\
         `// seqmig-context: <name>` and is counted only if it does what the name says):\n\
         an unmanaged transaction that commits, a managed one, `Promise.all` of calls sharing a\n\
         managed one, and transactions that roll back (nothing of them may remain). `✓`: a file\n\
         of that context calls the method there; `—` is a gap; `n/a`: Sequelize does not\n\
         support the method on that dialect (numbered notes above).\n\n\
         | method |",
    );
    // The MySQL family's columns appear once an example is compared there.
    let dialects: Vec<&str> = super::report::DIALECTS
        .into_iter()
        .filter(|d| {
            matches!(*d, "sqlite" | "postgres")
                || examples.iter().any(|ex| ex.dialects.iter().any(|x| x == d))
        })
        .collect();
    for d in &dialects {
        for (c, _) in CONTEXTS {
            let _ = write!(md, " {d}: {c} |");
        }
    }
    md.push_str(
        "
| --- |",
    );
    md.push_str(&" --- |".repeat(dialects.len() * CONTEXTS.len()));
    md.push('\n');
    let (mut covered, mut total) = (0, 0);
    let mut gaps = Vec::new();
    for m in TX_METHODS {
        let _ = write!(md, "| `{m}` |");
        for &d in &dialects {
            for (c, _) in CONTEXTS {
                if not_supported(m, d).is_some() {
                    md.push_str(" n/a |");
                    continue;
                }
                total += 1;
                if found.contains_key(&(*m, *c, d.to_string())) {
                    covered += 1;
                    md.push_str(" ✓ |");
                } else {
                    gaps.push(format!("`{m}` ({d}, {c})"));
                    md.push_str(" — |");
                }
            }
        }
        md.push('\n');
    }
    let _ = writeln!(
        md,
        "\n{covered} of {total} (method, context, dialect) cells covered.\n"
    );
    let _ = writeln!(
        md,
        "Context gaps: {}\n",
        if gaps.is_empty() {
            "none".to_string()
        } else {
            gaps.join(", ")
        }
    );
    md
}

/// The text of each migration file of an example, in name order.
fn migration_sources(dir: &Path) -> Vec<String> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir.join("migrations"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| fs::read_to_string(f).unwrap_or_default())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_context_counts_only_when_the_file_does_what_it_declares() {
        let managed = "// seqmig-context: managed\nawait sequelize.transaction(async (t) => {});";
        assert_eq!(declared_context(managed), Some("managed"));
        // Declared, but no managed transaction in the file.
        assert_eq!(
            declared_context("// seqmig-context: managed\nawait qi.addColumn('t', 'c', {});"),
            None
        );
        assert_eq!(
            declared_context("// seqmig-context: rolled back\nconst t = await s.transaction(); await t.rollback();"),
            Some("rolled back")
        );
        assert_eq!(declared_context("await t.rollback();"), None);
        assert_eq!(
            declared_context(
                "// seqmig-context: Promise.all\nsequelize.transaction(async (t) => {});"
            ),
            None
        );
    }
}
