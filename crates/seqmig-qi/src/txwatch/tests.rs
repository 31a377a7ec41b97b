//! The transaction watch, on SQLite and on a real PostgreSQL.

use super::*;

#[test]
fn finds_the_statement_that_ends_a_block() {
    assert_eq!(ending_word("COMMIT").as_deref(), Some("COMMIT"));
    assert_eq!(
        ending_word("/* x */ insert into t values (';'); end").as_deref(),
        Some("END")
    );
    assert_eq!(ending_word("ROLLBACK TO SAVEPOINT a"), None);
    assert_eq!(
        ending_word("DO $$BEGIN PERFORM 1; END$$; SELECT 1"),
        None,
        "a dollar-quoted body is one string"
    );
    assert_eq!(
        first_words("-- c\nbegin; select 'a;b'; COMMIT"),
        ["BEGIN", "SELECT", "COMMIT"]
    );
    assert!(mentions("DO 'BEGIN CREATE TYPE x; END'", &["begin"]));
    assert!(!mentions(
        "CREATE TABLE t (\"startDate\" DATE, beginning INT)",
        &["begin", "start"]
    ));
}

#[test]
fn a_commit_of_an_aborted_block_rolls_back() {
    assert_eq!(pg_committed("COMMIT", true, false), Some(true));
    assert_eq!(pg_committed("COMMIT", true, true), Some(false));
    assert_eq!(pg_committed("COMMIT", false, false), Some(false));
    assert_eq!(pg_committed("ROLLBACK", true, false), Some(false));
    assert_eq!(pg_committed("COMMIT; SELECT 1/0", false, false), None);
}

fn watched(opts: &seqmig_db::ConnectOptions) -> (Watched, Rc<TxWatch>) {
    let watch = Rc::new(TxWatch::default());
    let conn = seqmig_db::connect(opts).unwrap();
    let probe = match conn.dialect() {
        seqmig_db::Dialect::Postgres => TxProbe::SessionMarker,
        _ => TxProbe::DriverReports,
    };
    (Watched::new(conn, watch.clone(), probe), watch)
}

fn run(c: &mut Watched, w: &TxWatch, sql: &str) -> bool {
    let ok = c.query(sql, &[]).is_ok();
    if ok {
        w.record_statement(sql);
    }
    ok
}

/// Both dialects: a block opened, a commit, seqmig's own block ended under it, and a
/// block reopened in the same string (PostgreSQL).
fn follows_the_blocks(c: &mut Watched, w: &TxWatch, begin: &str) {
    run(c, w, "CREATE TABLE a (x INT)");
    assert_eq!(w.block(), None);
    run(c, w, begin);
    assert!(w.block().is_some());
    run(c, w, "COMMIT");
    assert_eq!(w.block(), None);
    assert_eq!(
        w.events(),
        [
            TxEvent::Opened {
                at: 1,
                sql: begin.into()
            },
            TxEvent::Ended {
                at: 2,
                sql: "COMMIT".into(),
                committed: Some(true),
                outer: false
            }
        ]
    );
    run(c, w, begin);
    w.claim_outer();
    assert!(w.outer_intact());
    run(c, w, "ROLLBACK");
    assert!(!w.outer_intact());
    assert_eq!(w.outer_lost(), Some(("ROLLBACK".into(), Some(false))));
}

#[test]
fn sqlite_watch_follows_the_blocks() {
    let dir = tempfile::tempdir().unwrap();
    let (mut c, w) = watched(&seqmig_db::ConnectOptions::Sqlite {
        storage: dir.path().join("db.sqlite"),
    });
    follows_the_blocks(&mut c, &w, "BEGIN");
    // A failed COMMIT (nothing open) changes nothing.
    assert!(!run(&mut c, &w, "COMMIT"));
    assert_eq!(w.block(), None);
}

#[test]
fn postgres_watch_follows_the_blocks_and_a_commit_begin_swap() {
    let pg = seqmig_db::testing::fresh_database("txwatch");
    let (mut c, w) = watched(&seqmig_db::ConnectOptions::Postgres(pg.options()));
    follows_the_blocks(&mut c, &w, "START TRANSACTION");
    run(&mut c, &w, "BEGIN");
    w.claim_outer();
    run(&mut c, &w, "CREATE TABLE b (x INT)");
    // One string that commits seqmig's block and opens another: the marker tells.
    run(&mut c, &w, "COMMIT; BEGIN");
    assert_eq!(w.outer_lost(), Some(("COMMIT; BEGIN".into(), Some(true))));
    let b = w.block().expect("the new block is seen");
    assert!(!b.outer);
    // A failed statement aborts it; a COMMIT of an aborted block rolls back.
    assert!(!run(&mut c, &w, "SELECT * FROM nosuch"));
    assert!(w.block().unwrap().aborted());
    run(&mut c, &w, "COMMIT");
    assert_eq!(w.block(), None);
    assert!(matches!(
        w.events().last(),
        Some(TxEvent::Ended {
            committed: Some(false),
            ..
        })
    ));
    // Statements that name no transaction keyword cost no round trip and change nothing.
    run(&mut c, &w, "CREATE TABLE \"startDate\" (x INT)");
    assert_eq!(w.block(), None);
}
