//! What Sequelize runs on every new PostgreSQL connection before any query.

use crate::pg_client::PgClient;

/// The statements Sequelize v6 runs on each new PostgreSQL connection, for its
/// `timezone` (default `+00:00`), `keepDefaultTimezone` and
/// `dialectOptions.clientMinMessages` (default `warning`; `ignore` sends nothing).
pub fn pg_session_init(
    timezone: Option<&str>,
    keep_default_timezone: bool,
    client_min_messages: Option<&str>,
) -> String {
    let mut sql = String::new();
    match client_min_messages {
        Some(level) if level.eq_ignore_ascii_case("ignore") => {}
        level => sql.push_str(&format!(
            "SET client_min_messages TO {};",
            level.unwrap_or("warning")
        )),
    }
    if !keep_default_timezone {
        let tz = timezone.unwrap_or("+00:00");
        // Sequelize tells offsets from zone names with moment-timezone; an offset is
        // `+HH:MM`, anything else is taken as a zone name.
        let b = tz.as_bytes();
        let is_offset = b.len() == 6
            && (b[0] == b'+' || b[0] == b'-')
            && b[3] == b':'
            && [1, 2, 4, 5].iter().all(|&i| b[i].is_ascii_digit());
        if is_offset {
            sql.push_str(&format!("SET TIME ZONE INTERVAL '{tz}' HOUR TO MINUTE;"));
        } else {
            sql.push_str(&format!("SET TIME ZONE '{}';", tz.replace('\'', "''")));
        }
    }
    sql
}

/// Turns `synchronous_commit` off for the session of a run: a commit no longer waits
/// for its WAL to reach the disk, which is most of what an autocommitted DDL statement
/// costs. Nothing can be corrupted: a server crash loses only the last commits, in order,
/// as if the run had been interrupted there. Returns the setting to restore, or `None`
/// when it was off already.
pub(crate) fn async_commit_on(client: &mut PgClient) -> Result<Option<String>, postgres::Error> {
    let previous = client
        .query_typed("SHOW synchronous_commit", &[])?
        .first()
        .and_then(|r| r.get::<_, Option<String>>(0))
        .unwrap_or_default();
    if previous == "off" {
        return Ok(None);
    }
    client.batch_execute("SET synchronous_commit = off")?;
    Ok(Some(previous))
}

/// The end of a run: the previous setting back, then one transaction whose commit waits
/// for its WAL to be flushed, which takes every earlier asynchronous commit with it.
pub(crate) fn async_commit_off(
    client: &mut PgClient,
    previous: &str,
) -> Result<(), postgres::Error> {
    if client.is_closed() {
        return Ok(());
    }
    // A transaction a migration left open dies with the connection under sequelize-cli.
    client.batch_execute("ROLLBACK")?;
    client.batch_execute(&format!(
        "SET synchronous_commit = '{}'",
        previous.replace('\'', "''")
    ))?;
    // A commit waits for the flush only if its transaction wrote WAL (an xid alone does
    // not: `SELECT txid_current()` commits asynchronously). A temporary table dropped at
    // commit writes catalog WAL and leaves nothing behind.
    // Without the TEMP privilege the commits still reach the disk, within three
    // wal_writer_delay (600 ms by default) instead of now.
    if client
        .batch_execute(
            "BEGIN; CREATE TEMPORARY TABLE seqmig_end_of_run (x int) ON COMMIT DROP; COMMIT",
        )
        .is_err()
    {
        client.batch_execute("ROLLBACK")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::pg_session_init;

    #[test]
    fn session_init_follows_sequelize_options() {
        assert_eq!(
            pg_session_init(None, false, None),
            "SET client_min_messages TO warning;SET TIME ZONE INTERVAL '+00:00' HOUR TO MINUTE;"
        );
        assert_eq!(
            pg_session_init(Some("America/New_York"), false, Some("ignore")),
            "SET TIME ZONE 'America/New_York';"
        );
        assert_eq!(
            pg_session_init(Some("-05:30"), true, Some("notice")),
            "SET client_min_messages TO notice;"
        );
    }
}

/// Against the real test cluster.
#[cfg(all(test, feature = "testing"))]
mod fast_run_tests {
    use crate::testing::{fresh_database, skip_pg};
    use crate::{connect, ConnectOptions, Value};

    fn text(conn: &mut dyn crate::Connection, sql: &str) -> String {
        match conn.query(sql, &[]).unwrap().rows.remove(0).remove(0) {
            Value::Text(t) => t,
            Value::Bool(b) => b.to_string(),
            other => panic!("{sql}: {other:?}"),
        }
    }

    #[test]
    fn a_run_commits_asynchronously_and_ends_flushed() {
        if skip_pg() {
            eprintln!("SEQMIG_SKIP_PG=1: skipped");
            return;
        }
        let db = fresh_database("fast_run");
        let mut conn = connect(&ConnectOptions::Postgres(db.options())).unwrap();
        // The test cluster runs with synchronous_commit off; a default server has it on.
        conn.execute_batch("SET synchronous_commit = on").unwrap();
        conn.begin_fast_run().unwrap();
        assert_eq!(text(&mut *conn, "SHOW synchronous_commit"), "off");
        conn.execute_batch("CREATE TABLE t (x int); INSERT INTO t VALUES (1);")
            .unwrap();
        let written = text(&mut *conn, "SELECT pg_current_wal_insert_lsn()::text");
        conn.end_fast_run().unwrap();
        assert_eq!(text(&mut *conn, "SHOW synchronous_commit"), "on");
        // Everything written before the end is on disk when end_fast_run returns, not
        // up to wal_writer_delay later.
        let flushed = format!("SELECT pg_current_wal_flush_lsn() >= '{written}'::pg_lsn");
        assert_eq!(text(&mut *conn, &flushed), "true");
    }

    #[test]
    fn a_session_already_asynchronous_stays_so() {
        if skip_pg() {
            eprintln!("SEQMIG_SKIP_PG=1: skipped");
            return;
        }
        let db = fresh_database("fast_run_off");
        let mut conn = connect(&ConnectOptions::Postgres(db.options())).unwrap();
        conn.execute_batch("SET synchronous_commit = local")
            .unwrap();
        conn.begin_fast_run().unwrap();
        assert_eq!(text(&mut *conn, "SHOW synchronous_commit"), "off");
        conn.end_fast_run().unwrap();
        assert_eq!(text(&mut *conn, "SHOW synchronous_commit"), "local");
    }
}
