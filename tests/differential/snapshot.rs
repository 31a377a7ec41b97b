//! The database state after a step, as text: the schema, every row, and SequelizeMeta.
//! Each section is rendered deterministically so that two equal databases give equal
//! text, and anything a user could query shows up.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use rusqlite::types::ValueRef;
use rusqlite::OpenFlags;

/// One database's state, section by section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    pub schema: String,
    pub rows: String,
    pub meta: String,
}

impl State {
    fn unreadable(why: &str) -> State {
        State {
            schema: why.to_string(),
            rows: why.to_string(),
            meta: why.to_string(),
        }
    }
}

/// A PostgreSQL database the harness can dump and query.
#[derive(Debug, Clone)]
pub struct PgTarget {
    pub url: String,
    pub host: String,
    pub port: String,
    pub user: String,
    pub password: Option<String>,
    pub name: String,
    pub bin_dir: PathBuf,
}

const META: &str = "SequelizeMeta";

// ---------------------------------------------------------------- SQLite

pub fn sqlite(path: &Path) -> State {
    if !path.exists() {
        return State::unreadable("(no database file)");
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = match rusqlite::Connection::open_with_flags(path, flags) {
        Ok(c) => c,
        Err(e) => return State::unreadable(&format!("(cannot open the database: {e})")),
    };
    match sqlite_state(&conn) {
        Ok(s) => s,
        Err(e) => State::unreadable(&format!("(cannot read the database: {e})")),
    }
}

fn sqlite_state(conn: &rusqlite::Connection) -> rusqlite::Result<State> {
    // sqlite_master in rowid order: the order `.schema` prints; SQL verbatim.
    let mut stmt =
        conn.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY rowid")?;
    let objects = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut schema = String::new();
    let mut tables = Vec::new();
    for (kind, name, tbl, sql) in objects {
        match sql {
            Some(sql) => {
                let _ = writeln!(schema, "{kind} {name}: {sql}");
            }
            None => {
                let _ = writeln!(schema, "{kind} {name} ON {tbl} (implicit)");
            }
        }
        if kind == "table" {
            tables.push(name);
        }
    }
    tables.sort();
    for t in &tables {
        let q = quote_sqlite(t);
        let fks = query_text_rows(conn, &format!("PRAGMA foreign_key_list({q})"))?;
        let idx = query_text_rows(conn, &format!("PRAGMA index_list({q})"))?;
        if fks.is_empty() && idx.is_empty() {
            continue;
        }
        let _ = writeln!(schema, "\n[{t}]");
        for fk in fks {
            let _ = writeln!(schema, "foreign key {}", fk.join("|"));
        }
        for ix in idx {
            let info = query_text_rows(
                conn,
                &format!("PRAGMA index_info({})", quote_sqlite(&unquote(&ix[1]))),
            )?;
            let cols: Vec<String> = info.iter().map(|r| r[2].clone()).collect();
            let _ = writeln!(
                schema,
                "index {} columns ({})",
                ix.join("|"),
                cols.join(", ")
            );
        }
    }

    let mut rows = String::new();
    for t in tables.iter().filter(|t| t.as_str() != META) {
        let mut data = query_text_rows(conn, &format!("SELECT * FROM {}", quote_sqlite(t)))?;
        data.sort();
        let _ = writeln!(rows, "[{t}] {} row(s)", data.len());
        for r in data {
            let _ = writeln!(rows, "  ({})", r.join(", "));
        }
    }

    let meta = if tables.iter().any(|t| t == META) {
        let names = query_text_rows(conn, "SELECT name FROM \"SequelizeMeta\" ORDER BY name")?;
        names.into_iter().map(|r| r[0].clone() + "\n").collect()
    } else {
        "(no SequelizeMeta table)\n".to_string()
    };
    Ok(State { schema, rows, meta })
}

/// Every cell rendered with its storage class visible: `1` (integer), `1.0` (real),
/// `'1'` (text), `x'01'` (blob), `NULL`.
fn query_text_rows(conn: &rusqlite::Connection, sql: &str) -> rusqlite::Result<Vec<Vec<String>>> {
    let mut stmt = conn.prepare(sql)?;
    let n = stmt.column_count();
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let mut cells = Vec::with_capacity(n);
        for i in 0..n {
            cells.push(match row.get_ref(i)? {
                ValueRef::Null => "NULL".to_string(),
                ValueRef::Integer(v) => v.to_string(),
                ValueRef::Real(v) => format!("{v:?}"),
                ValueRef::Text(t) => sql_string(&String::from_utf8_lossy(t)),
                ValueRef::Blob(b) => {
                    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
                    format!("x'{hex}'")
                }
            });
        }
        out.push(cells);
    }
    Ok(out)
}

fn sql_string(s: &str) -> String {
    let escaped = s
        .replace('\'', "''")
        .replace('\n', "\\n")
        .replace('\t', "\\t");
    format!("'{escaped}'")
}

fn unquote(rendered: &str) -> String {
    rendered
        .strip_prefix('\'')
        .and_then(|s| s.strip_suffix('\''))
        .map(|s| s.replace("''", "'"))
        .unwrap_or_else(|| rendered.to_string())
}

fn quote_sqlite(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

// ---------------------------------------------------------------- PostgreSQL

/// Panics when the database cannot be read: that is the harness's problem, and rendering
/// it as text would let two unreadable states compare equal.
pub fn postgres(db: &PgTarget) -> State {
    let schema = pg_dump(db).unwrap_or_else(|e| panic!("pg_dump of {}: {e}", db.name));
    let mut client = postgres::Client::connect(&db.url, postgres::NoTls)
        .unwrap_or_else(|e| panic!("connect to {}: {}", db.name, pg_error(&e)));
    let (rows, meta) = pg_rows(&mut client)
        .unwrap_or_else(|e| panic!("read the rows of {}: {}", db.name, pg_error(&e)));
    State { schema, rows, meta }
}

fn pg_error(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => format!("{}: {}", db.severity(), db.message()),
        None => format!("{e:?}"),
    }
}

fn pg_dump(db: &PgTarget) -> Result<String, String> {
    let mut cmd = Command::new(db.bin_dir.join("pg_dump"));
    cmd.args(["--schema-only", "--no-owner", "--no-privileges"])
        .args([
            "-h", &db.host, "-p", &db.port, "-U", &db.user, "-d", &db.name,
        ]);
    if let Some(pw) = &db.password {
        cmd.env("PGPASSWORD", pw);
    }
    let out = cmd
        .output()
        .map_err(|e| format!("cannot run {}: {e}", db.bin_dir.join("pg_dump").display()))?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    Ok(clean_pg_dump(&String::from_utf8_lossy(&out.stdout)))
}

/// Drops what pg_dump prints about itself rather than about the schema: comments, session
/// SETs, the search_path reset, the random `\restrict` key, and runs of blank lines.
pub fn clean_pg_dump(dump: &str) -> String {
    let mut out = String::new();
    let mut blank = false;
    for line in dump.lines() {
        let noise = line.starts_with("--")
            || line.starts_with("SET ")
            || line.starts_with("SELECT pg_catalog.set_config('search_path'")
            || line.starts_with("\\restrict")
            || line.starts_with("\\unrestrict");
        if noise {
            continue;
        }
        if line.trim().is_empty() {
            blank = true;
            continue;
        }
        if blank && !out.is_empty() {
            out.push('\n');
        }
        blank = false;
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn pg_rows(client: &mut postgres::Client) -> Result<(String, String), postgres::Error> {
    let tables = client.query(
        "SELECT table_schema::text, table_name::text FROM information_schema.tables \
         WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') \
         ORDER BY 1, 2",
        &[],
    )?;
    let mut rows = String::new();
    let mut has_meta = false;
    for t in &tables {
        let (schema, name): (String, String) = (t.get(0), t.get(1));
        if schema == "public" && name == META {
            has_meta = true;
            continue;
        }
        let q = format!("{}.{}", quote_pg(&schema), quote_pg(&name));
        // row_to_json renders every type (arrays, enums, jsonb, bytea) as text, in column order.
        let data = client.query(
            &format!("SELECT row_to_json(t)::text FROM {q} t ORDER BY row_to_json(t)::text COLLATE \"C\""),
            &[],
        )?;
        let _ = writeln!(rows, "[{schema}.{name}] {} row(s)", data.len());
        for r in data {
            let _ = writeln!(rows, "  {}", r.get::<_, String>(0));
        }
    }
    // Sequence positions decide the next id a user's insert gets.
    let seqs = client.query(
        "SELECT schemaname::text, sequencename::text, last_value FROM pg_sequences ORDER BY 1, 2",
        &[],
    )?;
    for s in seqs {
        let last: Option<i64> = s.get(2);
        let last = last.map_or("NULL (never used)".to_string(), |v| v.to_string());
        let _ = writeln!(
            rows,
            "[sequence {}.{}] last_value {last}",
            s.get::<_, String>(0),
            s.get::<_, String>(1)
        );
    }
    let meta = if has_meta {
        client
            .query(
                "SELECT name::text FROM public.\"SequelizeMeta\" ORDER BY name COLLATE \"C\"",
                &[],
            )?
            .into_iter()
            .map(|r| r.get::<_, String>(0) + "\n")
            .collect()
    } else {
        "(no SequelizeMeta table)\n".to_string()
    };
    Ok((rows, meta))
}

fn quote_pg(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

// ---------------------------------------------------------------- MySQL / MariaDB

/// A database of the test MariaDB server. The harness reads it as root through the
/// server's socket with the `mariadb` client, so nothing of seqmig's own driver is
/// involved in what the comparison sees.
#[derive(Debug, Clone)]
pub struct MysqlTarget {
    pub name: String,
}

/// Types whose cells are rendered as numbers (bare), and as bytes (hex).
const MYSQL_NUMERIC: &[&str] = &[
    "tinyint",
    "smallint",
    "mediumint",
    "int",
    "bigint",
    "decimal",
    "float",
    "double",
    "year",
];
const MYSQL_BINARY: &[&str] = &[
    "binary",
    "varbinary",
    "tinyblob",
    "blob",
    "mediumblob",
    "longblob",
    "bit",
    "geometry",
    "point",
    "linestring",
    "polygon",
    "multipoint",
    "multilinestring",
    "multipolygon",
    "geometrycollection",
];

/// Schema: `SHOW CREATE TABLE` of every table (and view, sequence) with the table's
/// `AUTO_INCREMENT=N` counter removed; rows: every row of every base table, each cell
/// typed as in the SQLite state (`1`, `'text'`, `x'01'`, `NULL`); SequelizeMeta's names.
/// Panics when the database cannot be read, as for PostgreSQL.
pub fn mysql(db: &MysqlTarget) -> State {
    let server = crate::support::mariadb::server();
    let q = |sql: &str| {
        server
            .admin_sql(sql)
            .unwrap_or_else(|e| panic!("reading {}: {e}\n(query: {sql})", db.name))
    };
    let lit = |s: &str| format!("'{}'", s.replace('\\', "\\\\").replace('\'', "''"));
    let tables_text = q(&format!(
        "SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES WHERE TABLE_SCHEMA = {}",
        lit(&db.name)
    ));
    let mut tables: Vec<(String, String)> = tables_text
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(n, t)| (unescape_batch(n), t.to_string()))
        .collect();
    tables.sort();
    let columns_text = q(&format!(
        "SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE FROM information_schema.COLUMNS \
         WHERE TABLE_SCHEMA = {} ORDER BY TABLE_NAME, ORDINAL_POSITION",
        lit(&db.name)
    ));
    let mut columns: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for line in columns_text.lines() {
        let mut parts = line.splitn(3, '\t');
        let (Some(t), Some(c), Some(ty)) = (parts.next(), parts.next(), parts.next()) else {
            continue;
        };
        columns
            .entry(unescape_batch(t))
            .or_default()
            .push((unescape_batch(c), ty.to_ascii_lowercase()));
    }

    // One client run for the rest: a marker row before each result tells them apart.
    let quote_ident = |n: &str| format!("`{}`", n.replace('`', "``"));
    let full = |t: &str| format!("{}.{}", quote_ident(&db.name), quote_ident(t));
    let mut script = String::new();
    for (t, kind) in &tables {
        let _ = write!(script, "SELECT {};", lit(&format!("#create {t}")));
        let _ = write!(script, "SHOW CREATE TABLE {};", full(t));
        if kind != "BASE TABLE" {
            continue;
        }
        let cells: Vec<String> = columns
            .get(t)
            .map(|cols| {
                cols.iter()
                    .map(|(c, ty)| mysql_cell(&quote_ident(c), ty))
                    .collect()
            })
            .unwrap_or_default();
        let _ = write!(script, "SELECT {};", lit(&format!("#rows {t}")));
        if !cells.is_empty() {
            let _ = write!(
                script,
                "SELECT CONCAT_WS(', ', {}) FROM {};",
                cells.join(", "),
                full(t)
            );
        }
    }
    let out = if script.is_empty() {
        String::new()
    } else {
        q(&script)
    };

    let mut creates: Vec<(String, String)> = Vec::new();
    let mut rows: BTreeMap<String, Vec<String>> = BTreeMap::new();
    enum At {
        Nothing,
        Create(String),
        Rows(String),
    }
    let mut at = At::Nothing;
    for line in out.lines() {
        if let Some(t) = line.strip_prefix("#create ") {
            at = At::Create(unescape_batch(t));
            continue;
        }
        if let Some(t) = line.strip_prefix("#rows ") {
            let t = unescape_batch(t);
            rows.entry(t.clone()).or_default();
            at = At::Rows(t);
            continue;
        }
        match &at {
            At::Nothing => panic!("reading {}: unexpected client output {line:?}", db.name),
            // `name \t CREATE ...` (views add their character set columns).
            At::Create(t) => {
                let mut parts = line.split('\t');
                let _name = parts.next();
                let ddl = unescape_batch(parts.next().unwrap_or_default());
                creates.push((t.clone(), without_auto_increment_counter(&ddl)));
            }
            // Cells stay as the client escapes them (`\n`, `\t`, `\\`): one line a row.
            At::Rows(t) => rows.entry(t.clone()).or_default().push(line.to_string()),
        }
    }

    let mut schema = String::new();
    for (t, ddl) in &creates {
        let _ = writeln!(schema, "[{t}]\n{ddl}\n");
    }
    let mut rows_text = String::new();
    for (t, mut data) in rows.into_iter().filter(|(t, _)| t != META) {
        data.sort();
        let _ = writeln!(rows_text, "[{t}] {} row(s)", data.len());
        for r in data {
            let _ = writeln!(rows_text, "  ({r})");
        }
    }
    let meta = if tables.iter().any(|(t, _)| t == META) {
        let names = q(&format!(
            "SELECT name FROM {} ORDER BY CAST(name AS BINARY)",
            full(META)
        ));
        names.lines().map(|l| unescape_batch(l) + "\n").collect()
    } else {
        "(no SequelizeMeta table)\n".to_string()
    };
    State {
        schema,
        rows: rows_text,
        meta,
    }
}

/// One cell as SQL text: numbers bare, bytes (and geometries, in their stored form) as
/// `x'..'`, everything else quoted by `QUOTE()`, NULL as `NULL`.
fn mysql_cell(column: &str, data_type: &str) -> String {
    let shown = if MYSQL_NUMERIC.contains(&data_type) {
        format!("CAST({column} AS CHAR)")
    } else if MYSQL_BINARY.contains(&data_type) {
        format!("CONCAT('x''', HEX({column}), '''')")
    } else {
        format!("QUOTE({column})")
    };
    format!("IFNULL({shown}, 'NULL')")
}

/// The `mariadb` client's batch mode escapes `\n`, `\t`, `\\` and NUL (`\0`) in values.
fn unescape_batch(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('0') => out.push('\0'),
            Some('\\') => out.push('\\'),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// `) ENGINE=InnoDB AUTO_INCREMENT=12 DEFAULT CHARSET=...`: the table's next id is
/// removed (it follows the rows, which the comparison shows, and InnoDB keeps it loosely).
/// Only on the closing line of the table, where the table options are.
pub fn without_auto_increment_counter(ddl: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    for line in ddl.lines() {
        if line.starts_with(") ") {
            let words: Vec<&str> = line
                .split(' ')
                .filter(|w| {
                    !w.strip_prefix("AUTO_INCREMENT=")
                        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
                })
                .collect();
            out.push(words.join(" "));
        } else {
            out.push(line.to_string());
        }
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_state_shows_schema_typed_cells_and_meta() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite");
        {
            let c = rusqlite::Connection::open(&path).unwrap();
            c.execute_batch(
                "CREATE TABLE `SequelizeMeta` (`name` VARCHAR(255) NOT NULL UNIQUE PRIMARY KEY);
                 INSERT INTO SequelizeMeta VALUES ('b.js'), ('a.js');
                 CREATE TABLE p (id INTEGER PRIMARY KEY, v);
                 CREATE TABLE c (id INTEGER PRIMARY KEY, pid INTEGER REFERENCES p (id) ON DELETE CASCADE);
                 CREATE INDEX c_pid ON c (pid);
                 INSERT INTO p VALUES (2, 'it''s'), (1, 1704544215250), (3, 1.5), (4, NULL), (5, x'00ff');",
            )
            .unwrap();
        }
        let s = sqlite(&path);
        assert_eq!(s.meta, "'a.js'\n'b.js'\n");
        assert!(
            s.schema
                .contains("index sqlite_autoindex_SequelizeMeta_1 ON SequelizeMeta (implicit)"),
            "{}",
            s.schema
        );
        assert!(
            s.schema
                .contains("table p: CREATE TABLE p (id INTEGER PRIMARY KEY, v)\n"),
            "{}",
            s.schema
        );
        assert!(
            s.schema
                .contains("foreign key 0|0|'p'|'pid'|'id'|'NO ACTION'|'CASCADE'|'NONE'"),
            "{}",
            s.schema
        );
        assert!(
            s.schema.contains("index 0|'c_pid'|0|'c'|0 columns ('pid')"),
            "{}",
            s.schema
        );
        assert!(s.rows.contains("[p] 5 row(s)\n  (1, 1704544215250)\n  (2, 'it''s')\n  (3, 1.5)\n  (4, NULL)\n  (5, x'00ff')\n"), "{}", s.rows);
        assert!(!s.rows.contains("SequelizeMeta"));
    }

    #[test]
    fn the_auto_increment_counter_is_removed_from_the_table_options_only() {
        let ddl = "CREATE TABLE `t` (\n  `id` int(11) NOT NULL AUTO_INCREMENT,\n  `AUTO_INCREMENT=3` int(11)\n) ENGINE=InnoDB AUTO_INCREMENT=1003 DEFAULT CHARSET=utf8mb4 COMMENT='AUTO_INCREMENT=7x'";
        assert_eq!(
            without_auto_increment_counter(ddl),
            "CREATE TABLE `t` (\n  `id` int(11) NOT NULL AUTO_INCREMENT,\n  `AUTO_INCREMENT=3` int(11)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='AUTO_INCREMENT=7x'"
        );
    }

    #[test]
    fn batch_escapes_are_undone() {
        assert_eq!(unescape_batch(r"a\nb\tc\\d\0e\x"), "a\nb\tc\\d\0e\\x");
    }

    #[test]
    fn mysql_cells_show_their_kind() {
        assert_eq!(
            mysql_cell("`n`", "int"),
            "IFNULL(CAST(`n` AS CHAR), 'NULL')"
        );
        assert_eq!(
            mysql_cell("`b`", "blob"),
            "IFNULL(CONCAT('x''', HEX(`b`), ''''), 'NULL')"
        );
        assert_eq!(mysql_cell("`s`", "varchar"), "IFNULL(QUOTE(`s`), 'NULL')");
    }

    #[test]
    fn a_missing_sqlite_file_is_a_state_of_its_own() {
        let s = sqlite(Path::new("/nonexistent/seqmig/db.sqlite"));
        assert_eq!(s.schema, "(no database file)");
    }

    #[test]
    fn pg_dump_noise_is_removed_and_blank_runs_collapse() {
        let dump = "--\n-- PostgreSQL database dump\n--\n\n\\restrict abc123\n\nSET statement_timeout = 0;\n\
                    SELECT pg_catalog.set_config('search_path', '', false);\n\n\nCREATE TABLE public.t (\n    id integer\n);\n\n\n\
                    ALTER TABLE ONLY public.t ADD CONSTRAINT t_pkey PRIMARY KEY (id);\n\n\\unrestrict abc123\n";
        assert_eq!(
            clean_pg_dump(dump),
            "CREATE TABLE public.t (\n    id integer\n);\n\nALTER TABLE ONLY public.t ADD CONSTRAINT t_pkey PRIMARY KEY (id);\n"
        );
    }
}
