//! What the harness masks before comparing console output and dumps. Only what a user
//! could not notice between two runs of the same tool is masked: timings, the banner
//! (it names the tool), and the temp project's path and database name (they differ
//! between the two projects by construction). One addition of seqmig's is removed from its
//! side only: the diagnostic lines it prints after sequelize-cli's `ERROR:` lines (README,
//! "Where seqmig differs"): lines that start with `seqmig: `, and the lines indented by
//! four spaces that follow them. sequelize-cli never prints a line starting `seqmig: `.
//! From sequelize-cli's side, Node's own process warnings are removed (`(node:<pid>)
//! DeprecationWarning: ...` and its `(Use \`node --trace-deprecation ...\`` hint): they
//! are the runtime's advice to the author of the JavaScript (pg 8 warns when queries share
//! a client concurrently, as `Promise.all` on one transaction does), not the tool's output,
//! and seqmig has no Node to print them.

/// Which tool printed a text: each has its own banner line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tool {
    Reference,
    Seqmig,
}

impl Tool {
    pub fn label(self) -> &'static str {
        match self {
            Tool::Reference => "sequelize-cli",
            Tool::Seqmig => "seqmig",
        }
    }

    fn banner_prefix(self) -> &'static str {
        match self {
            // `Sequelize CLI [Node: 20.20.2, CLI: 6.6.5, ORM: 6.37.8]`
            Tool::Reference => "Sequelize CLI [",
            Tool::Seqmig => "seqmig [",
        }
    }
}

/// Per-project strings that differ between the two runs by construction.
pub struct Masks<'a> {
    pub tool: Tool,
    /// The temp project's directory, as given and canonicalized.
    pub project_dirs: &'a [String],
    /// The PostgreSQL database name, when there is one.
    pub database: Option<&'a str>,
}

/// Console output as the harness compares it.
pub fn console(text: &str, masks: &Masks) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_diagnostic = false;
    for line in text.split_inclusive('\n') {
        let (body, nl) = match line.strip_suffix('\n') {
            Some(b) => (b, "\n"),
            None => (line, ""),
        };
        if masks.tool == Tool::Reference && (is_node_warning(body) || is_node_warning_hint(body)) {
            continue;
        }
        if masks.tool == Tool::Seqmig {
            if body.starts_with("seqmig: ") {
                in_diagnostic = true;
                continue;
            }
            if in_diagnostic && body.starts_with("    ") {
                continue;
            }
            in_diagnostic = false;
        }
        if body.starts_with(masks.tool.banner_prefix()) && body.ends_with(']') {
            out.push_str("<banner>");
        } else {
            out.push_str(&mask_durations(&common(body, masks)));
        }
        out.push_str(nl);
    }
    out
}

/// `(node:12345) DeprecationWarning: ...`: a warning Node prints for the process.
fn is_node_warning(line: &str) -> bool {
    let Some(rest) = line.strip_prefix("(node:") else {
        return false;
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0
        && rest[digits..].starts_with(") ")
        && rest[digits + 2..]
            .split_once(": ")
            .is_some_and(|(kind, _)| kind.ends_with("Warning") && !kind.contains(' '))
}

/// The line Node prints after its first warning.
fn is_node_warning_hint(line: &str) -> bool {
    line.starts_with("(Use `node --trace-")
        && line.ends_with("to show where the warning was created)")
}

/// Paths and database names, for any text (dumps, error messages).
pub fn common(text: &str, masks: &Masks) -> String {
    let mut s = text.to_string();
    // Longest first, so a canonical path that extends the given one is replaced whole.
    let mut dirs: Vec<&String> = masks.project_dirs.iter().collect();
    dirs.sort_by_key(|d| std::cmp::Reverse(d.len()));
    for dir in dirs {
        if !dir.is_empty() {
            s = s.replace(dir.as_str(), "<project>");
        }
    }
    if let Some(db) = masks.database {
        // MySQL names the column of `SHOW TABLES` after the database: `Tables_in_<name>`.
        s = s.replace(&format!("Tables_in_{db}"), "Tables_in_<database>");
        s = replace_word(&s, db, "<database>");
    }
    s
}

/// Rows are sorted by their text when read; once run values are masked (a "now" to the
/// second on MySQL), rows that differed only by them may stand in another order. Each
/// table's rows (the `  (...)` / `  {...}` lines under a `[table] N row(s)` line) are
/// sorted again.
pub fn resort_rows(text: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    for line in text.split('\n') {
        if line.starts_with("  (") || line.starts_with("  {") {
            run.push(line);
            continue;
        }
        run.sort_unstable();
        out.append(&mut run);
        out.push(line);
    }
    run.sort_unstable();
    out.append(&mut run);
    out.join("\n")
}

/// `(0.012s)` → `(<duration>)`: sequelize-cli's `migrated (0.012s)` timings.
pub fn mask_durations(line: &str) -> String {
    let bytes = line.as_bytes();
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    let mut copied = 0;
    while i < bytes.len() {
        if bytes[i] == b'(' {
            if let Some(len) = duration_len(&bytes[i + 1..]) {
                out.push_str(&line[copied..i]);
                out.push_str("(<duration>)");
                i += 1 + len;
                copied = i;
                continue;
            }
        }
        i += 1;
    }
    out.push_str(&line[copied..]);
    out
}

/// Length of `digits '.' digits 's' ')'` at the start of `b`, if it is there.
fn duration_len(b: &[u8]) -> Option<usize> {
    let int = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if int == 0 || b.get(int) != Some(&b'.') {
        return None;
    }
    let frac = b[int + 1..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    if frac == 0 {
        return None;
    }
    let at = int + 1 + frac;
    (b.get(at) == Some(&b's') && b.get(at + 1) == Some(&b')')).then_some(at + 2)
}

/// Replaces `word` where it is not part of a longer identifier.
fn replace_word(text: &str, word: &str, with: &str) -> String {
    let is_ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(pos) = rest.find(word) {
        let before = rest[..pos].chars().next_back();
        let after = rest[pos + word.len()..].chars().next();
        out.push_str(&rest[..pos]);
        if before.is_some_and(is_ident) || after.is_some_and(is_ident) {
            out.push_str(word);
        } else {
            out.push_str(with);
        }
        rest = &rest[pos + word.len()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masks(tool: Tool) -> Masks<'static> {
        static DIRS: [String; 0] = [];
        Masks {
            tool,
            project_dirs: &DIRS,
            database: None,
        }
    }

    #[test]
    fn durations_are_masked_and_nothing_else() {
        assert_eq!(
            mask_durations("== 2024-x: migrated (0.012s)"),
            "== 2024-x: migrated (<duration>)"
        );
        assert_eq!(
            mask_durations("(12.5s) and (1s) (0.1ms)"),
            "(<duration>) and (1s) (0.1ms)"
        );
        assert_eq!(mask_durations("no (parens"), "no (parens");
    }

    #[test]
    fn each_tool_banner_is_masked_only_for_that_tool() {
        let reference = "\nSequelize CLI [Node: 20.20.2, CLI: 6.6.5, ORM: 6.37.8]\n\nUsing x\n";
        assert_eq!(
            console(reference, &masks(Tool::Reference)),
            "\n<banner>\n\nUsing x\n"
        );
        // seqmig printing sequelize-cli's banner is a difference a user sees.
        assert_eq!(console(reference, &masks(Tool::Seqmig)), reference);
        assert_eq!(
            console("seqmig [0.1.0, CLI: 6.6.5]\n", &masks(Tool::Seqmig)),
            "<banner>\n"
        );
    }

    #[test]
    fn project_paths_and_database_names_are_masked() {
        let dirs = ["/tmp/a".to_string(), "/private/tmp/a".to_string()];
        let m = Masks {
            tool: Tool::Reference,
            project_dirs: &dirs,
            database: Some("seqmig_blog_1"),
        };
        assert_eq!(
            common("at /private/tmp/a/migrations/x.js and /tmp/a/y", &m),
            "at <project>/migrations/x.js and <project>/y"
        );
        assert_eq!(
            common("database \"seqmig_blog_1\" but not seqmig_blog_12", &m),
            "database \"<database>\" but not seqmig_blog_12"
        );
    }

    #[test]
    fn mysql_show_tables_column_names_are_masked() {
        let m = Masks {
            tool: Tool::Reference,
            project_dirs: &[],
            database: Some("t_db_1"),
        };
        assert_eq!(
            common("{\"Tables_in_t_db_1\":\"users\"} t_db_1.users", &m),
            "{\"Tables_in_<database>\":\"users\"} <database>.users"
        );
    }

    #[test]
    fn rows_are_sorted_again_within_each_table() {
        let text =
            "[a] 2 row(s)\n  (2, 'x')\n  (1, 'y')\n[b] 1 row(s)\n  (0)\n[sequence s] last_value 3";
        assert_eq!(
            resort_rows(text),
            "[a] 2 row(s)\n  (1, 'y')\n  (2, 'x')\n[b] 1 row(s)\n  (0)\n[sequence s] last_value 3"
        );
    }

    #[test]
    fn seqmig_diagnostics_are_removed_from_seqmig_only() {
        let text = "\nERROR: boom\nseqmig: m.js failed in up() and was not recorded.\n    Error: boom\n    at up (m.js:3:5)\nseqmig: it had already applied these statements\n    CREATE TABLE x\n\n";
        assert_eq!(console(text, &masks(Tool::Seqmig)), "\nERROR: boom\n\n");
        assert_eq!(console(text, &masks(Tool::Reference)), text);
        // An indented line not under a seqmig: line stays.
        assert_eq!(console("a\n    b\n", &masks(Tool::Seqmig)), "a\n    b\n");
    }

    #[test]
    fn node_process_warnings_are_removed_from_the_reference_only() {
        let text = "== m: migrating =======\n(node:29746) DeprecationWarning: Calling client.query() when the client is already executing a query is deprecated.\n(Use `node --trace-deprecation ...` to show where the warning was created)\nERROR: x\n";
        assert_eq!(
            console(text, &masks(Tool::Reference)),
            "== m: migrating =======\nERROR: x\n"
        );
        assert_eq!(console(text, &masks(Tool::Seqmig)), text);
        // Not Node's shape: kept.
        let other = "(node) DeprecationWarning: x\n(node:12) not a warning\n";
        assert_eq!(console(other, &masks(Tool::Reference)), other);
    }

    #[test]
    fn a_missing_final_newline_is_kept() {
        assert_eq!(console("a (0.1s)", &masks(Tool::Seqmig)), "a (<duration>)");
    }
}
