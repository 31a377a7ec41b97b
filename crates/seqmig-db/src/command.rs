//! The first word of PostgreSQL's command tag, read from the statement text.
//!
//! rust-postgres does not expose the tag itself, and node-postgres' `result.command`
//! (which Sequelize reads) is only its first word, which the statement's leading
//! keyword decides.

/// `"INSERT"`, `"UPDATE"`, `"CREATE"`, ... for the (last) statement of `sql`.
pub(crate) fn command_of(sql: &str) -> Option<String> {
    let last = last_statement(sql);
    let words = top_level_words(last);
    let first = words.first()?.to_ascii_uppercase();
    let word = match first.as_str() {
        // `TABLE t` and `VALUES (...)` are reported as SELECT.
        "TABLE" | "VALUES" => "SELECT".to_string(),
        "WITH" => words
            .iter()
            .skip(1)
            .map(|w| w.to_ascii_uppercase())
            .find(|w| {
                matches!(
                    w.as_str(),
                    "SELECT" | "INSERT" | "UPDATE" | "DELETE" | "MERGE" | "VALUES" | "TABLE"
                )
            })
            .map(|w| {
                if w == "VALUES" || w == "TABLE" {
                    "SELECT".to_string()
                } else {
                    w
                }
            })
            .unwrap_or_else(|| "SELECT".to_string()),
        // `START TRANSACTION`, `BEGIN`, `END` keep their first word.
        _ => first,
    };
    Some(word)
}

/// The last non-empty statement of a `;`-separated string.
fn last_statement(sql: &str) -> &str {
    let mut start = 0;
    let mut last = (0, sql.len());
    let mut scan = Scanner::new(sql);
    while let Some((i, c)) = scan.next_code() {
        if c == ';' {
            if !sql[start..i].trim().is_empty() {
                last = (start, i);
            }
            start = i + 1;
        }
    }
    if !sql[start..].trim().is_empty() {
        last = (start, sql.len());
    }
    &sql[last.0..last.1]
}

/// Words outside parentheses, strings, identifiers in quotes and comments.
fn top_level_words(sql: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut depth = 0i32;
    let mut word_start: Option<usize> = None;
    let mut scan = Scanner::new(sql);
    fn flush<'s>(
        sql: &'s str,
        start: &mut Option<usize>,
        end: usize,
        words: &mut Vec<&'s str>,
        depth: i32,
    ) {
        if let Some(s) = start.take() {
            if depth == 0 {
                words.push(&sql[s..end]);
            }
        }
    }
    while let Some((i, c)) = scan.next_code_or_skip() {
        match c {
            Some(c)
                if c.is_ascii_alphabetic()
                    || c == '_'
                    || (word_start.is_some() && c.is_ascii_alphanumeric()) =>
            {
                if word_start.is_none() {
                    word_start = Some(i);
                }
            }
            Some(c) => {
                flush(sql, &mut word_start, i, &mut words, depth);
                if c == '(' {
                    depth += 1;
                } else if c == ')' {
                    depth -= 1;
                }
            }
            None => flush(sql, &mut word_start, i, &mut words, depth),
        }
    }
    flush(sql, &mut word_start, sql.len(), &mut words, depth);
    words
}

/// The non-empty statements of a `;`-separated string, as the server's parser would split
/// it: semicolons inside strings (`'..'`, `E'..\\'..'`, dollar quotes), quoted identifiers
/// and comments (nested `/* */` included) do not split. A segment holding only blanks and
/// comments is not a statement (the server ignores it too).
pub(crate) fn statements(sql: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut has_code = false;
    let mut scan = Scanner::new(sql);
    while let Some((i, c)) = scan.next_code_or_skip() {
        match c {
            Some(';') => {
                if has_code {
                    out.push(sql[start..i].trim());
                }
                start = i + 1;
                has_code = false;
            }
            Some(c) if c.is_whitespace() => {}
            // A skipped string or identifier is code; a skipped comment is not, but telling
            // them apart here is not needed: `scan` reports comments separately.
            Some(_) => has_code = true,
            None => has_code |= scan.last_skip_was_code,
        }
    }
    if has_code {
        out.push(sql[start..].trim());
    }
    out
}

/// Walks SQL text, skipping quoted strings, quoted identifiers, dollar quotes and comments.
struct Scanner<'a> {
    s: &'a str,
    pos: usize,
    /// The last code character, to tell `a$b` (an identifier) from a dollar quote and
    /// `name'..'` from `E'..'`.
    prev: Option<char>,
    /// Whether the last skipped span was a string or identifier (code) or a comment.
    last_skip_was_code: bool,
}

fn ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '$'
}

impl<'a> Scanner<'a> {
    fn new(s: &'a str) -> Self {
        Scanner {
            s,
            pos: 0,
            prev: None,
            last_skip_was_code: false,
        }
    }

    fn next_code(&mut self) -> Option<(usize, char)> {
        loop {
            match self.next_code_or_skip()? {
                (i, Some(c)) => return Some((i, c)),
                (_, None) => continue,
            }
        }
    }

    /// The next code character, or `(i, None)` where something was skipped.
    fn next_code_or_skip(&mut self) -> Option<(usize, Option<char>)> {
        let rest = &self.s[self.pos..];
        let c = rest.chars().next()?;
        let i = self.pos;
        let skip_to = |from: usize, end: &str| {
            rest[from..]
                .find(end)
                .map(|p| from + p + end.len())
                .unwrap_or(rest.len())
        };
        let after_ident = self.prev.is_some_and(ident_char);
        let (skipped, code) = if rest.starts_with("--") {
            (rest.find('\n').map(|p| p + 1).unwrap_or(rest.len()), false)
        } else if rest.starts_with("/*") {
            (block_comment_len(rest), false)
        } else if (c == 'e' || c == 'E') && rest[1..].starts_with('\'') && !after_ident {
            (2 + escape_string_len(&rest[2..]), true)
        } else if c == '\'' || c == '"' {
            // A doubled quote inside is two adjacent strings for our purpose.
            (skip_to(1, if c == '\'' { "'" } else { "\"" }), true)
        } else if c == '$' && !after_ident {
            match rest[1..].find('$') {
                Some(p)
                    if rest[1..1 + p]
                        .chars()
                        .all(|c| c.is_alphanumeric() || c == '_')
                        && !rest[1..1 + p].starts_with(|c: char| c.is_ascii_digit()) =>
                {
                    let tag = &rest[..p + 2];
                    (skip_to(tag.len(), tag), true)
                }
                _ => (0, false),
            }
        } else {
            (0, false)
        };
        if skipped > 0 {
            self.pos += skipped;
            self.prev = None;
            self.last_skip_was_code = code;
            return Some((i, None));
        }
        self.pos += c.len_utf8();
        self.prev = Some(c);
        Some((i, Some(c)))
    }
}

/// The length of a `/* ... */` comment at the start of `s`; PostgreSQL nests them.
fn block_comment_len(s: &str) -> usize {
    let b = s.as_bytes();
    let (mut depth, mut i) = (0usize, 0usize);
    while i < b.len() {
        if b[i..].starts_with(b"/*") {
            depth += 1;
            i += 2;
        } else if b[i..].starts_with(b"*/") {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return i;
            }
        } else {
            i += 1;
        }
    }
    b.len()
}

/// The length of the body of an `E'...'` string after `E'`, closing quote included:
/// a backslash escapes the next character, `''` is a quote.
fn escape_string_len(s: &str) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'\'' if b.get(i + 1) == Some(&b'\'') => i += 2,
            b'\'' => return i + 1,
            _ => i += 1,
        }
    }
    b.len()
}

#[cfg(test)]
mod tests {
    use super::{command_of, statements};

    #[test]
    fn statements_split_only_on_top_level_semicolons() {
        let one = [
            "SELECT 1",
            "SELECT 1;",
            "SELECT 1; -- done",
            "SELECT ';' AS a",
            "SELECT E'it\\'s; fine' AS a",
            "SELECT e'a''; b' AS a;",
            "SELECT \"semi;colon\" FROM t",
            "DO $$BEGIN PERFORM 1; END$$",
            "DO $body$ SELECT '$$'; $body$",
            "SELECT 1 /* a /* nested; */ still; comment */",
            "SELECT a$b FROM t WHERE x = $1",
            ";;SELECT 1;;",
        ];
        for sql in one {
            assert_eq!(statements(sql).len(), 1, "{sql}");
        }
        assert_eq!(
            statements("ALTER TABLE a ADD b int;ALTER TABLE a ALTER b SET NOT NULL;"),
            vec![
                "ALTER TABLE a ADD b int",
                "ALTER TABLE a ALTER b SET NOT NULL"
            ]
        );
        // `a$b` is an identifier, so `$b;...$b` is not a dollar quote.
        assert_eq!(statements("SELECT a$b; SELECT 2 AS x$b").len(), 2);
        // A plain string keeps its backslash (standard_conforming_strings).
        assert_eq!(statements("SELECT 'a\\'; SELECT 2").len(), 2);
        assert_eq!(statements("-- only a comment; here\n").len(), 0);
        assert_eq!(statements("/* x */ ; /* y */").len(), 0);
    }

    #[test]
    fn leading_keyword_decides() {
        assert_eq!(command_of("select 1").as_deref(), Some("SELECT"));
        assert_eq!(
            command_of("  INSERT INTO t VALUES (1)").as_deref(),
            Some("INSERT")
        );
        assert_eq!(
            command_of("CREATE TABLE t (a int)").as_deref(),
            Some("CREATE")
        );
        assert_eq!(command_of("START TRANSACTION;").as_deref(), Some("START"));
        assert_eq!(command_of("VALUES (1)").as_deref(), Some("SELECT"));
        assert_eq!(
            command_of("-- c\n/* x */ DELETE FROM t").as_deref(),
            Some("DELETE")
        );
        assert_eq!(command_of("").as_deref(), None);
    }

    #[test]
    fn with_takes_the_main_statement() {
        assert_eq!(
            command_of("WITH a AS (SELECT 1), b AS (DELETE FROM t RETURNING *) UPDATE u SET x = 1")
                .as_deref(),
            Some("UPDATE")
        );
    }

    #[test]
    fn last_statement_wins_and_strings_are_skipped() {
        assert_eq!(
            command_of("ALTER TABLE a ADD b int;INSERT INTO x VALUES (';');").as_deref(),
            Some("INSERT")
        );
        assert_eq!(
            command_of("DO $$BEGIN PERFORM 1; END$$").as_deref(),
            Some("DO")
        );
    }
}
