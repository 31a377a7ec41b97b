//! `--dry-run` and `db:migrate:verify` on MySQL / MariaDB, which commit every CREATE /
//! ALTER / DROP at once: instead of a transaction that is rolled back, a scratch database
//! on the same server (`seqmig_scratch_<pid><random>`, the real one's character set and
//! collation) gets a copy of the real one: every table as `SHOW CREATE TABLE` gives it
//! (foreign key checks off while copying, the AUTO_INCREMENT counters kept), its rows
//! (`INSERT INTO scratch.t SELECT ... FROM real.t`), and the views whose text names only
//! the real database. The run then uses it as its default database (`USE`), and it is
//! dropped at the end, on every path ([`ScratchCopy`]'s `Drop` when nothing else did).
//!
//! Triggers, stored routines, events and sequences are not copied: their names are kept
//! and the run says so. A scratch database is held by a `GET_LOCK` of its name; one whose
//! lock is free belongs to a run that died (SIGKILL), and the next scratch run drops it.

use seqmig_db::{SharedConnection, Value};

use crate::error::CoreError;

/// The prefix of every scratch database's name.
pub const PREFIX: &str = "seqmig_scratch_";

/// A backtick-quoted identifier, with backticks inside doubled (what the server takes,
/// unlike Sequelize's quoting, which drops them).
fn ident(name: &str) -> String {
    format!("`{}`", name.replace('`', "``"))
}

/// A single-quoted string literal.
fn literal(s: &str) -> String {
    format!("'{}'", s.replace('\\', "\\\\").replace('\'', "''"))
}

fn text(v: &Value) -> String {
    match v {
        Value::Text(t) | Value::Numeric(t) => t.clone(),
        Value::Int(i) => i.to_string(),
        Value::Blob(b) => String::from_utf8_lossy(b).into_owned(),
        _ => String::new(),
    }
}

fn query(conn: &SharedConnection, sql: &str) -> Result<Vec<Vec<Value>>, CoreError> {
    Ok(conn.borrow_mut().query(sql, &[])?.rows)
}

fn exec(conn: &SharedConnection, sql: &str) -> Result<u64, CoreError> {
    Ok(conn.borrow_mut().query(sql, &[])?.rows_affected)
}

/// `SHOW CREATE TABLE` without its `AUTO_INCREMENT=N` counter, which rows inserted by
/// other clients move.
fn strip_counter(create: &str) -> String {
    create
        .split(' ')
        .filter(|w| !w.starts_with("AUTO_INCREMENT="))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A scratch copy of the run's database, in use on the run's connection.
pub struct ScratchCopy {
    conn: SharedConnection,
    /// The database the config names (the copy's source).
    pub real: String,
    /// The scratch database.
    pub name: String,
    pub tables: usize,
    pub rows: u64,
    pub views: usize,
    /// What was not copied, as `trigger t`, `procedure p`, `view v (why)`, ...
    pub not_copied: Vec<String>,
    /// Scratch databases of runs that died, dropped before this one was made.
    pub orphans_dropped: Vec<String>,
    /// The real database's schema and bookkeeping rows when the copy was made.
    fingerprint: Vec<String>,
    dropped: bool,
}

/// What the real database's tables are: `(name, type)`.
fn objects(conn: &SharedConnection, real: &str) -> Result<Vec<(String, String)>, CoreError> {
    Ok(query(
        conn,
        &format!(
            "SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES WHERE TABLE_SCHEMA = {} ORDER BY TABLE_NAME",
            literal(real)
        ),
    )?
    .iter()
    .map(|r| (text(&r[0]), text(&r[1])))
    .collect())
}

fn is_table(kind: &str) -> bool {
    kind == "BASE TABLE" || kind == "SYSTEM VERSIONED"
}

/// What must not change in the real database while the scratch run goes: every table's
/// and view's definition (counters aside) and the rows of the bookkeeping tables. Rows of
/// the other tables are left out: the application may be writing them meanwhile.
fn fingerprint(conn: &SharedConnection, real: &str) -> Result<Vec<String>, CoreError> {
    let mut out = Vec::new();
    for (t, kind) in objects(conn, real)? {
        let q = if kind == "VIEW" {
            format!("SHOW CREATE VIEW {}.{}", ident(real), ident(&t))
        } else if is_table(&kind) {
            format!("SHOW CREATE TABLE {}.{}", ident(real), ident(&t))
        } else {
            out.push(format!("{kind} {t}"));
            continue;
        };
        let rows = query(conn, &q)?;
        let create = rows.first().and_then(|r| r.get(1)).map(text);
        out.push(strip_counter(&create.unwrap_or_default()));
        if t.starts_with("SequelizeMeta") || t == "SequelizeData" {
            let rows = query(
                conn,
                &format!("SELECT * FROM {}.{} ORDER BY 1", ident(real), ident(&t)),
            )?;
            for r in rows {
                out.push(format!(
                    "{t}: {}",
                    r.iter().map(text).collect::<Vec<_>>().join("|")
                ));
            }
        }
    }
    Ok(out)
}

/// A name no other run has: the process id and a few random bits, under the 64
/// characters a database name (and a `GET_LOCK` name) may have.
fn scratch_name() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let mix = (nanos ^ (std::process::id().rotate_left(13))).wrapping_mul(2_654_435_761);
    format!("{PREFIX}{}_{:06x}", std::process::id(), mix & 0xff_ffff)
}

/// Why the scratch database could not be made, in one line; `what` is `--dry-run` or
/// `db:migrate:verify`.
fn refused(what: &str, dialect: &str, name: &str, e: &seqmig_db::DbError) -> CoreError {
    let server = e.sql_message.clone().unwrap_or_else(|| e.message.clone());
    let denied = matches!(e.errno, Some(1044) | Some(1045) | Some(1227))
        || e.code
            .as_deref()
            .is_some_and(|c| c.contains("ACCESS_DENIED"));
    if denied {
        CoreError::Usage(format!(
            "seqmig: {what} on {dialect} runs on a scratch copy of the database, and this user may not create one (CREATE DATABASE {}: {server}); nothing was run: GRANT ALL PRIVILEGES ON `{}%`.* to it (the migrations run there), or run db:migrate on a copy you make yourself",
            ident(name),
            PREFIX.replace('_', "\\_"),
        ))
    } else {
        CoreError::Usage(format!(
            "seqmig: {what} on {dialect} runs on a scratch copy of the database, and creating it failed (CREATE DATABASE {}: {server}); nothing was run",
            ident(name)
        ))
    }
}

impl ScratchCopy {
    /// Make the copy and switch the connection to it. On an error the copy made so far is
    /// dropped and the connection is back on the real database.
    pub fn create(conn: &SharedConnection, what: &str, dialect: &str) -> Result<Self, CoreError> {
        let real = query(conn, "SELECT DATABASE()")?
            .first()
            .and_then(|r| r.first())
            .map(text)
            .unwrap_or_default();
        if real.is_empty() {
            return Err(CoreError::Usage(format!(
                "seqmig: {what} on {dialect} copies the configured database, and the config names none"
            )));
        }
        let orphans_dropped = drop_orphans(conn);
        let name = scratch_name();
        let held = query(conn, &format!("SELECT GET_LOCK({}, 0)", literal(&name)))?;
        if !matches!(held.first().and_then(|r| r.first()), Some(Value::Int(1))) {
            return Err(CoreError::Safety(format!(
                "seqmig: {what}: the lock of the scratch database {} is taken by another session; nothing was run",
                ident(&name)
            )));
        }
        let charset = query(
            conn,
            &format!(
                "SELECT DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = {}",
                literal(&real)
            ),
        )?;
        let (cs, co) = charset
            .first()
            .map(|r| (text(&r[0]), text(&r[1])))
            .unwrap_or_default();
        let mut create = format!("CREATE DATABASE {}", ident(&name));
        if !cs.is_empty() {
            create.push_str(&format!(" CHARACTER SET {cs}"));
        }
        if !co.is_empty() {
            create.push_str(&format!(" COLLATE {co}"));
        }
        let created = conn.borrow_mut().query(&create, &[]);
        if let Err(e) = created {
            let _ = conn
                .borrow_mut()
                .query(&format!("DO RELEASE_LOCK({})", literal(&name)), &[]);
            return Err(refused(what, dialect, &name, &e));
        }
        let mut copy = ScratchCopy {
            conn: conn.clone(),
            real,
            name,
            tables: 0,
            rows: 0,
            views: 0,
            not_copied: Vec::new(),
            orphans_dropped,
            fingerprint: Vec::new(),
            dropped: false,
        };
        // From here on, an error drops the copy (`Drop`) and goes back to the real database.
        copy.fingerprint = fingerprint(conn, &copy.real)?;
        copy.fill()?;
        Ok(copy)
    }

    /// Copy the tables, their rows and the views; note what is not copied. Leaves the
    /// connection on the scratch database.
    fn fill(&mut self) -> Result<(), CoreError> {
        let conn = self.conn.clone();
        let (real, name) = (ident(&self.real), ident(&self.name));
        let saved = query(
            &conn,
            "SELECT @@SESSION.foreign_key_checks, @@SESSION.sql_mode",
        )?;
        let (fk, mode) = saved
            .first()
            .map(|r| (text(&r[0]), text(&r[1])))
            .unwrap_or_else(|| ("1".into(), String::new()));
        // Rows go in as they are: a 0 in an AUTO_INCREMENT column stays 0, and what the
        // real database holds is not checked again.
        exec(
            &conn,
            "SET SESSION foreign_key_checks = 0, sql_mode = 'NO_AUTO_VALUE_ON_ZERO'",
        )?;
        let result = self.copy_objects(&conn, &real, &name);
        let restore = exec(
            &conn,
            &format!(
                "SET SESSION foreign_key_checks = {}, sql_mode = {}",
                if fk == "0" { "0" } else { "1" },
                literal(&mode)
            ),
        );
        result.and(restore.map(|_| ()))
    }

    fn copy_objects(
        &mut self,
        conn: &SharedConnection,
        real: &str,
        name: &str,
    ) -> Result<(), CoreError> {
        exec(conn, &format!("USE {name}"))?;
        let objects = objects(conn, &self.real)?;
        let columns = query(
            conn,
            &format!(
                "SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = {} AND (GENERATION_EXPRESSION IS NULL OR GENERATION_EXPRESSION = '') ORDER BY TABLE_NAME, ORDINAL_POSITION",
                literal(&self.real)
            ),
        )?;
        let mut views = Vec::new();
        for (t, kind) in &objects {
            if kind == "VIEW" {
                views.push(t.clone());
                continue;
            }
            if !is_table(kind) {
                self.not_copied.push(format!("{} {t}", kind.to_lowercase()));
                continue;
            }
            let create = query(conn, &format!("SHOW CREATE TABLE {real}.{}", ident(t)))?;
            let create = create.first().and_then(|r| r.get(1)).map(text);
            exec(conn, &create.unwrap_or_default())?;
            self.tables += 1;
            let cols: Vec<String> = columns
                .iter()
                .filter(|r| text(&r[0]) == *t)
                .map(|r| ident(&text(&r[1])))
                .collect();
            if cols.is_empty() {
                continue;
            }
            let cols = cols.join(", ");
            self.rows += exec(
                conn,
                &format!(
                    "INSERT INTO {name}.{t} ({cols}) SELECT {cols} FROM {real}.{t}",
                    t = ident(t)
                ),
            )?;
        }
        self.copy_views(conn, real, name, views)?;
        for (sql, kind) in [
            (
                format!("SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = {} ORDER BY 1", literal(&self.real)),
                "trigger",
            ),
            (
                format!("SELECT CONCAT(LOWER(ROUTINE_TYPE), ' ', ROUTINE_NAME) FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = {} ORDER BY 1", literal(&self.real)),
                "",
            ),
            (
                format!("SELECT EVENT_NAME FROM information_schema.EVENTS WHERE EVENT_SCHEMA = {} ORDER BY 1", literal(&self.real)),
                "event",
            ),
        ] {
            for r in query(conn, &sql)? {
                let n = r.first().map(text).unwrap_or_default();
                self.not_copied.push(if kind.is_empty() {
                    n
                } else {
                    format!("{kind} {n}")
                });
            }
        }
        Ok(())
    }

    /// Each view as `SHOW CREATE VIEW` gives it, without its DEFINER (the current user
    /// creates it) and with the real database's name, which qualifies every table it
    /// reads, replaced by the scratch one's. A view that still names the real database
    /// (a column or alias with its name, another database) or that fails is not copied.
    /// Views over views: retried until a round creates none.
    fn copy_views(
        &mut self,
        conn: &SharedConnection,
        real: &str,
        name: &str,
        mut views: Vec<String>,
    ) -> Result<(), CoreError> {
        let mut texts = Vec::new();
        for v in &views {
            let r = query(conn, &format!("SHOW CREATE VIEW {real}.{}", ident(v)))?;
            let create = r
                .first()
                .and_then(|r| r.get(1))
                .map(text)
                .unwrap_or_default();
            texts.push(rewrite_view(&create, real, name));
        }
        let mut failed: Vec<(String, String)> = Vec::new();
        loop {
            let mut next = Vec::new();
            let mut next_texts = Vec::new();
            failed.clear();
            for (v, sql) in views.iter().zip(&texts) {
                let Some(sql) = sql else {
                    failed.push((v.clone(), "it names the real database".into()));
                    continue;
                };
                match conn.borrow_mut().query(sql, &[]) {
                    Ok(_) => self.views += 1,
                    Err(e) => {
                        failed.push((v.clone(), e.sql_message.unwrap_or(e.message)));
                        next.push(v.clone());
                        next_texts.push(Some(sql.clone()));
                    }
                }
            }
            if next.is_empty() || next.len() == views.len() {
                break;
            }
            views = next;
            texts = next_texts;
        }
        for (v, why) in failed {
            self.not_copied.push(format!("view {v} ({why})"));
        }
        Ok(())
    }

    /// Whether `source` (a migration's text) names the real database as a qualifier
    /// (`app.users`, `` `app`.`users` ``), which would reach it rather than the copy.
    pub fn names_real_database(&self, source: &str) -> bool {
        names_database(source, &self.real)
    }

    /// The definitions and bookkeeping rows of the real database that changed since the
    /// copy was made (empty: none).
    pub fn real_changes(&self) -> Result<Vec<String>, CoreError> {
        let now = fingerprint(&self.conn, &self.real)?;
        let mut out: Vec<String> = self
            .fingerprint
            .iter()
            .filter(|l| !now.contains(l))
            .map(|l| format!("- {}", first_line(l)))
            .collect();
        out.extend(
            now.iter()
                .filter(|l| !self.fingerprint.contains(l))
                .map(|l| format!("+ {}", first_line(l))),
        );
        Ok(out)
    }

    /// Back to the real database, and drop the copy (`Err`: the copy is still there, why).
    pub fn drop_copy(&mut self) -> Result<(), String> {
        if self.dropped {
            return Ok(());
        }
        let Ok(mut c) = self.conn.try_borrow_mut() else {
            return Err("the connection is busy".into());
        };
        // A migration may have left tables locked, or a transaction open; neither may
        // keep the copy.
        let _ = c.query("UNLOCK TABLES", &[]);
        if c.in_transaction() == Some(true) {
            let _ = c.query("ROLLBACK", &[]);
        }
        let back = c.query(&format!("USE {}", ident(&self.real)), &[]);
        let dropped = c.query(
            &format!("DROP DATABASE IF EXISTS {}", ident(&self.name)),
            &[],
        );
        let _ = c.query(&format!("DO RELEASE_LOCK({})", literal(&self.name)), &[]);
        match (dropped, back) {
            (Ok(_), Ok(_)) => {
                self.dropped = true;
                Ok(())
            }
            (Ok(_), Err(e)) => {
                self.dropped = true;
                Err(e.sql_message.unwrap_or(e.message))
            }
            (Err(e), _) => Err(e.sql_message.unwrap_or(e.message)),
        }
    }
}

/// Whether `source` holds `db.` or `` `db`. `` before a name (case-insensitive), not as
/// the tail of a longer identifier or path (`mydb.x`, `a.db.x`).
fn names_database(source: &str, db: &str) -> bool {
    let lower = source.to_lowercase();
    let db = db.to_lowercase();
    if lower.contains(&format!("`{db}`.")) {
        return true;
    }
    let bare = format!("{db}.");
    let is_ident = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
    lower.match_indices(&bare).any(|(i, _)| {
        let before = lower[..i].chars().next_back();
        let after = lower[i + bare.len()..].chars().next();
        !before.is_some_and(|c| is_ident(c) || c == '.')
            && after.is_some_and(|c| is_ident(c) || c == '`')
    })
}

/// `CREATE ... VIEW` runnable in the scratch database, or `None` when it would still read
/// the real one.
fn rewrite_view(create: &str, real: &str, name: &str) -> Option<String> {
    let mut sql = create.to_string();
    if let Some(start) = sql.find(" DEFINER=") {
        let rest = &sql[start + 1..];
        if let Some(end) = rest.find(" SQL SECURITY").or_else(|| rest.find(" VIEW ")) {
            sql = format!("{}{}", &sql[..start], &rest[end..]);
        }
    }
    let sql = sql.replace(&format!("{real}."), &format!("{name}."));
    (!sql.contains(real)).then_some(sql)
}

fn first_line(s: &str) -> String {
    let one: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut short: String = one.chars().take(100).collect();
    if short.len() < one.len() {
        short.push('…');
    }
    short
}

/// Drop the scratch databases whose run died (their `GET_LOCK` is free); best effort.
fn drop_orphans(conn: &SharedConnection) -> Vec<String> {
    let Ok(rows) = query(
        conn,
        &format!(
            "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE {}",
            literal(&format!("{}%", PREFIX.replace('_', "\\_")))
        ),
    ) else {
        return Vec::new();
    };
    let mut dropped = Vec::new();
    for r in rows {
        let n = r.first().map(text).unwrap_or_default();
        let ours = n
            .strip_prefix(PREFIX)
            .is_some_and(|rest| rest.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
        if !ours {
            continue;
        }
        let free = query(conn, &format!("SELECT IS_USED_LOCK({})", literal(&n)));
        if !matches!(free.as_deref(), Ok([row, ..]) if matches!(row.first(), Some(Value::Null))) {
            continue;
        }
        if exec(conn, &format!("DROP DATABASE IF EXISTS {}", ident(&n))).is_ok() {
            dropped.push(n);
        }
    }
    dropped
}

impl Drop for ScratchCopy {
    fn drop(&mut self) {
        let _ = self.drop_copy();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fit_and_look_like_ours() {
        let n = scratch_name();
        assert!(n.len() <= 64, "{n}");
        assert!(n.starts_with(PREFIX));
    }

    #[test]
    fn a_qualified_name_of_the_database_is_seen() {
        assert!(names_database(
            "query('UPDATE `App`.users SET a = 1')",
            "app"
        ));
        assert!(names_database("query('UPDATE app.users SET a = 1')", "app"));
        assert!(names_database("query('SELECT * FROM app.`users`')", "app"));
        assert!(!names_database("query('UPDATE users SET a = 1')", "app"));
        assert!(!names_database(
            "query('UPDATE myapp.users SET a = 1')",
            "app"
        ));
        assert!(!names_database("qi.sequelize.app.x", "app"));
        assert!(!names_database("the app. Then", "app"));
    }

    #[test]
    fn a_view_loses_its_definer_and_reads_the_copy() {
        let create = "CREATE ALGORITHM=UNDEFINED DEFINER=`u`@`%` SQL SECURITY DEFINER VIEW `v` AS select `app`.`t`.`a` AS `a` from `app`.`t`";
        assert_eq!(
            rewrite_view(create, "`app`", "`s`").as_deref(),
            Some("CREATE ALGORITHM=UNDEFINED SQL SECURITY DEFINER VIEW `v` AS select `s`.`t`.`a` AS `a` from `s`.`t`")
        );
        assert_eq!(
            rewrite_view("CREATE VIEW `v` AS select 1 AS `app`", "`app`", "`s`"),
            None
        );
    }
}
