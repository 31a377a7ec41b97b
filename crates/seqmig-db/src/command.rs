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

/// Walks SQL text, skipping quoted strings, quoted identifiers, dollar quotes and comments.
struct Scanner<'a> {
    s: &'a str,
    pos: usize,
}

impl<'a> Scanner<'a> {
    fn new(s: &'a str) -> Self {
        Scanner { s, pos: 0 }
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
        let skipped = if rest.starts_with("--") {
            rest.find('\n').map(|p| p + 1).unwrap_or(rest.len())
        } else if rest.starts_with("/*") {
            skip_to(2, "*/")
        } else if c == '\'' || c == '"' {
            // A doubled quote inside is two adjacent strings for our purpose.
            skip_to(1, if c == '\'' { "'" } else { "\"" })
        } else if c == '$' {
            match rest[1..].find('$') {
                Some(p)
                    if rest[1..1 + p]
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_')
                        && !rest[1..1 + p].starts_with(|c: char| c.is_ascii_digit()) =>
                {
                    let tag = &rest[..p + 2];
                    skip_to(tag.len(), tag)
                }
                _ => 0,
            }
        } else {
            0
        };
        if skipped > 0 {
            self.pos += skipped;
            return Some((i, None));
        }
        self.pos += c.len_utf8();
        Some((i, Some(c)))
    }
}

#[cfg(test)]
mod tests {
    use super::command_of;

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
