//! Which files of a folder are migrations, in which order: umzug's listing with
//! sequelize-cli's pattern `/^(?!.*\.d\.ts$).*\.(cjs|js|cts|ts)$/`, no recursion, sorted as
//! JavaScript compares strings (UTF-16 code units).
//!
//! One intended difference: seqmig also runs ES module files, `.mjs` and `.mts` (not
//! `.d.mts`), which sequelize-cli's pattern skips (DESIGN.md lists them).

use std::cmp::Ordering;
use std::path::{Path, PathBuf};

use crate::error::CoreError;

/// One migration file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationFile {
    /// The file name with its extension, as stored in SequelizeMeta.
    pub file: String,
    pub path: PathBuf,
}

impl MigrationFile {
    /// The name umzug prints: the file name without its extension.
    pub fn name(&self) -> &str {
        match self.file.rfind('.') {
            Some(i) if i > 0 => &self.file[..i],
            _ => &self.file,
        }
    }
}

/// Does seqmig take this file name as a migration? sequelize-cli's extensions plus
/// `.mjs` and `.mts`; declaration files never.
pub fn is_migration_file(name: &str) -> bool {
    if [".d.ts", ".d.cts", ".d.mts"]
        .iter()
        .any(|d| name.ends_with(d))
    {
        return false;
    }
    [".js", ".cjs", ".mjs", ".ts", ".cts", ".mts"]
        .iter()
        .any(|ext| name.len() > ext.len() && name.ends_with(ext))
}

/// JavaScript's `<` on strings: UTF-16 code unit order.
pub fn js_cmp(a: &str, b: &str) -> Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

/// List the migrations directly in `folder`, sorted as umzug sorts them.
pub fn list(folder: &Path, what: &str) -> Result<Vec<MigrationFile>, CoreError> {
    if !folder.is_dir() {
        return Err(CoreError::Io(if folder.exists() {
            format!("the {what} folder {} is not a folder", folder.display())
        } else {
            format!("the {what} folder {} does not exist", folder.display())
        }));
    }
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(folder)
        .min_depth(1)
        .max_depth(1)
        .follow_links(true)
    {
        let entry = match entry {
            Ok(entry) => entry,
            // A symlink loop or a dangling link inside the folder: not a migration unless
            // it is named as one (sequelize-cli lists the folder without following links).
            Err(e) if e.depth() > 0 => {
                let name = e
                    .path()
                    .and_then(Path::file_name)
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                if is_migration_file(&name) {
                    return Err(CoreError::Io(format!(
                        "the {what} file {} cannot be read: {e}",
                        folder.join(&name).display()
                    )));
                }
                continue;
            }
            Err(e) => {
                return Err(CoreError::Io(format!(
                    "cannot list the {what} folder {}: {e}",
                    folder.display()
                )))
            }
        };
        let Some(file) = entry.file_name().to_str() else {
            // SequelizeMeta stores names as text: such a file can be neither run nor
            // recorded faithfully, and skipping it would hide a migration.
            let lossy = entry.file_name().to_string_lossy();
            if is_migration_file(&lossy) {
                return Err(CoreError::Io(format!(
                    "the {what} file {:?} in {} has a name that is not UTF-8: rename it",
                    entry.file_name(),
                    folder.display()
                )));
            }
            continue;
        };
        if entry.file_type().is_file() && is_migration_file(file) {
            out.push(MigrationFile {
                file: file.to_string(),
                path: entry.path().to_path_buf(),
            });
        }
    }
    out.sort_by(|a, b| js_cmp(&a.file, &b.file));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pattern_matches_sequelize_cli() {
        for ok in [
            "1-a.js", "x.cjs", "x.ts", "x.cts", "a.b.js", "x.mjs", "x.mts",
        ] {
            assert!(is_migration_file(ok), "{ok}");
        }
        for no in [
            "x.d.ts",
            "x.d.mts",
            "x.d.cts",
            "x.json",
            "README.md",
            ".js",
            "x.jsx",
            "x.js.bak",
        ] {
            assert!(!is_migration_file(no), "{no}");
        }
    }

    #[test]
    fn lists_only_direct_files_in_js_order() {
        let dir = tempfile::tempdir().unwrap();
        for f in [
            "b.js",
            "a.cjs",
            "B.js",
            "types.d.ts",
            "notes.md",
            "\u{e9}.js",
            "\u{1F600}.js",
            "\u{ff5e}.js",
        ] {
            std::fs::write(dir.path().join(f), "").unwrap();
        }
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("sub/c.js"), "").unwrap();
        let names: Vec<String> = list(dir.path(), "migrations")
            .unwrap()
            .into_iter()
            .map(|m| m.file)
            .collect();
        // UTF-16 order puts the surrogate pair of U+1F600 before U+FF5E, unlike byte order.
        assert_eq!(
            names,
            [
                "B.js",
                "a.cjs",
                "b.js",
                "\u{e9}.js",
                "\u{1F600}.js",
                "\u{ff5e}.js"
            ]
        );
    }

    #[test]
    fn a_symlink_loop_in_the_migrations_folder_is_skipped_unless_named_as_a_migration() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("1-a.js"), "").unwrap();
        std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
        std::os::unix::fs::symlink("self", dir.path().join("self")).unwrap();
        let names: Vec<String> = list(dir.path(), "migrations")
            .unwrap()
            .into_iter()
            .map(|m| m.file)
            .collect();
        assert_eq!(names, ["1-a.js"]);
        std::os::unix::fs::symlink("2-b.js", dir.path().join("2-b.js")).unwrap();
        let err = list(dir.path(), "migrations").unwrap_err().to_string();
        assert!(err.contains("2-b.js"), "{err}");
    }

    #[test]
    fn a_migration_name_that_is_not_utf8_fails_naming_the_file() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("1-a.js"), "").unwrap();
        let bad = std::ffi::OsStr::from_bytes(b"2-caf\xe9.js");
        std::fs::write(dir.path().join(bad), "").unwrap();
        std::fs::write(
            dir.path()
                .join(std::ffi::OsStr::from_bytes(b"notes-\xe9.md")),
            "",
        )
        .unwrap();
        let err = list(dir.path(), "migrations").unwrap_err().to_string();
        assert!(
            err.contains(r"2-caf\xE9.js") || err.contains(r"2-caf\xe9.js"),
            "{err}"
        );
        assert!(err.contains("not UTF-8"), "{err}");
    }

    #[test]
    fn missing_folder_is_one_clear_line() {
        let err = list(Path::new("/nonexistent/migrations"), "migrations").unwrap_err();
        assert_eq!(
            err.to_string(),
            "the migrations folder /nonexistent/migrations does not exist"
        );
    }

    #[test]
    fn name_drops_the_extension() {
        let m = MigrationFile {
            file: "20240101-create.users.js".into(),
            path: PathBuf::new(),
        };
        assert_eq!(m.name(), "20240101-create.users");
    }
}
