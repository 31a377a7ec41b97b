use super::*;
use seqmig_db::PgOptions;

fn marker(direction: &str, atomic: bool) -> Marker {
    Marker {
        file: "20240101000000-a.js".into(),
        direction: direction.into(),
        atomic,
        pid: 1,
        host: hostname(),
        started: "2026-11-25T22:50:01Z".into(),
        database: "sqlite:/p/db.sqlite#public.SequelizeMeta".into(),
        proc_start: None,
        boot: None,
    }
}

fn meta() -> StorageKind {
    StorageKind::Sequelize {
        table: "SequelizeMeta".into(),
        schema: None,
    }
}

#[test]
fn sqlite_marker_sits_beside_the_database_file() {
    let dir = tempfile::tempdir().unwrap();
    let t = InflightTarget::for_database(
        &ConnectOptions::Sqlite {
            storage: "db.sqlite".into(),
        },
        &meta(),
        dir.path(),
    )
    .unwrap();
    let expected = fs::canonicalize(dir.path())
        .unwrap()
        .join("db.sqlite.seqmig-inflight");
    assert_eq!(t.path(), expected);
    assert!(InflightTarget::for_database(
        &ConnectOptions::Sqlite {
            storage: ":memory:".into()
        },
        &meta(),
        dir.path()
    )
    .is_none());
}

#[test]
fn postgres_markers_differ_per_database_and_storage_table() {
    let pg = |db: &str| {
        ConnectOptions::Postgres(PgOptions {
            host: "localhost".into(),
            port: 5432,
            user: "u".into(),
            password: None,
            database: db.into(),
            ssl_mode: Default::default(),
            ssl_ca: None,
            ssl_cert: None,
            ssl_key: None,
            connect_timeout_secs: None,
            application_name: None,
            session_init: None,
        })
    };
    let cwd = Path::new("/p");
    let a = InflightTarget::for_database(&pg("app db"), &meta(), cwd).unwrap();
    let b = InflightTarget::for_database(&pg("other"), &meta(), cwd).unwrap();
    let other_table = StorageKind::Sequelize {
        table: "Meta2".into(),
        schema: Some("s".into()),
    };
    let c = InflightTarget::for_database(&pg("app db"), &other_table, cwd).unwrap();
    let name = a.path().file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.starts_with(".seqmig-inflight-app_db-"), "{name}");
    assert!(name.ends_with(".json") && name.len() == ".seqmig-inflight-app_db-".len() + 13);
    assert_eq!(a.path().parent(), Some(cwd));
    assert_ne!(a.path(), b.path());
    assert_ne!(a.path(), c.path());
    assert_eq!(
        a.database(),
        "postgres://localhost:5432/app db#public.SequelizeMeta"
    );
}

#[test]
fn begin_writes_a_readable_marker_and_clear_removes_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = InflightTarget {
        path: dir.path().join("db.sqlite.seqmig-inflight"),
        database: "sqlite:x".into(),
        open: None,
        carried: None,
    };
    assert_eq!(t.read(), Ok(None));
    t.begin("1-a.js", Direction::Down, true).unwrap();
    let m = t.read().unwrap().unwrap();
    assert_eq!(m.file, "1-a.js");
    assert_eq!(m.direction(), Direction::Down);
    assert!(m.atomic);
    assert_eq!(m.pid, std::process::id());
    assert_eq!(m.database, "sqlite:x");
    assert_eq!(m.started.len(), "2026-11-25T22:50:01Z".len());
    let first_len = fs::metadata(t.path()).unwrap().len();
    // Rewritten in place by the next migration (a shorter text is padded), no temporary
    // file left.
    t.begin("2-b.js", Direction::Up, false).unwrap();
    assert_eq!(t.read().unwrap().unwrap().file, "2-b.js");
    assert_eq!(fs::metadata(t.path()).unwrap().len(), first_len);
    t.begin("3-a-much-longer-name-than-before.js", Direction::Up, false)
        .unwrap();
    let m = t.read().unwrap().unwrap();
    assert_eq!(m.file, "3-a-much-longer-name-than-before.js");
    assert!(!m.atomic);
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    // Our own process is alive.
    assert_eq!(liveness(&t.read().unwrap().unwrap()), Liveness::Alive);
    t.clear().unwrap();
    t.clear().unwrap();
    assert_eq!(t.read(), Ok(None));
    // A new run writes a new file.
    t.begin("4-d.js", Direction::Up, false).unwrap();
    assert_eq!(t.read().unwrap().unwrap().file, "4-d.js");
    t.clear().unwrap();
    fs::write(t.path(), "not json").unwrap();
    assert!(t.read().is_err());
}

#[test]
fn finish_puts_back_a_carried_marker_unless_its_migration_ran_again() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = InflightTarget {
        path: dir.path().join("m"),
        database: "sqlite:x".into(),
        open: None,
        carried: None,
    };
    // A run that wrote nothing leaves a killed run's marker alone.
    t.begin("1-a.js", Direction::Up, false).unwrap();
    let killed = t.read().unwrap().unwrap();
    t.open = None;
    t.carry(killed.clone());
    t.finish().unwrap();
    assert_eq!(t.read().unwrap(), Some(killed.clone()));
    // A run of another migration puts it back at the end.
    t.begin("2-b.js", Direction::Up, false).unwrap();
    assert_eq!(t.read().unwrap().unwrap().file, "2-b.js");
    t.finish().unwrap();
    assert_eq!(t.read().unwrap(), Some(killed.clone()));
    // Its down is not its up again.
    t.carry(killed.clone());
    t.begin("1-a.js", Direction::Down, false).unwrap();
    t.finish().unwrap();
    assert_eq!(t.read().unwrap(), Some(killed.clone()));
    // A run of that migration itself removes it.
    t.carry(killed);
    t.begin("1-a.js", Direction::Up, false).unwrap();
    t.finish().unwrap();
    assert_eq!(t.read().unwrap(), None);
}

#[test]
fn a_dead_or_reused_pid_is_dead_and_another_host_is_unknown() {
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    let mut m = marker("up", false);
    m.pid = pid;
    assert_eq!(liveness(&m), Liveness::Dead);
    m.pid = std::process::id();
    m.proc_start = Some(1);
    assert_eq!(liveness(&m), Liveness::Dead, "a reused pid");
    m.proc_start = proc_start_ticks(m.pid).map(|(_, t)| t);
    assert_eq!(liveness(&m), Liveness::Alive);
    // Before the last boot, even our own pid is another process.
    m.boot = Some("another-boot".into());
    assert_eq!(liveness(&m), Liveness::Dead);
    m.boot = boot_id();
    assert_eq!(liveness(&m), Liveness::Alive);
    m.host = format!("{}-elsewhere", hostname());
    assert_eq!(liveness(&m), Liveness::Unknown);
}

#[test]
fn a_zombie_is_dead() {
    let child = std::process::Command::new("true").spawn().unwrap();
    let mut m = marker("up", false);
    m.pid = child.id();
    // Not waited for yet: a zombie once it exits.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while proc_start_ticks(m.pid).map(|(s, _)| s) != Some('Z')
        && std::time::Instant::now() < deadline
    {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert_eq!(liveness(&m), Liveness::Dead);
    let mut child = child;
    child.wait().unwrap();
}

#[test]
fn a_finished_migration_named_before_a_restart_is_not_the_last_word() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = InflightTarget {
        path: dir.path().join("m"),
        database: "sqlite:x".into(),
        open: None,
        carried: None,
    };
    t.begin("1-a.js", Direction::Up, false).unwrap();
    let mut m = t.read().unwrap().unwrap();
    assert_eq!(m.boot, boot_id());
    // A kill: the run is gone, the migration is recorded.
    m.pid = 999_999_999;
    fs::write(t.path(), serde_json::to_string(&m).unwrap()).unwrap();
    let i = t.inspect(|f| f == "1-a.js", true).unwrap().unwrap();
    assert_eq!(i.verdict, Verdict::Finished);
    // A power cut: the machine booted since.
    m.boot = Some("an-earlier-boot".into());
    fs::write(t.path(), serde_json::to_string(&m).unwrap()).unwrap();
    let i = t.inspect(|f| f == "1-a.js", true).unwrap().unwrap();
    assert_eq!(i.verdict, Verdict::AfterRestart);
    assert!(i.message().starts_with(
        "seqmig: warning: the machine restarted while seqmig (pid 999999999, started "
    ));
    assert!(i.message().ends_with("the last one it named, 1-a.js, is recorded as applied, but one after it may have been cut off: check the database"));
    // Not recorded: the usual verdict.
    let i = t.inspect(|_| false, true).unwrap().unwrap();
    assert_eq!(i.verdict, Verdict::PartlyApplied);
}

#[test]
fn the_verdict_follows_direction_bookkeeping_and_transaction() {
    use Liveness::*;
    use Verdict::*;
    let up = marker("up", false);
    let down = marker("down", false);
    let up_tx = marker("up", true);
    let down_tx = marker("down", true);
    assert_eq!(judge(&up, false, Dead, true), PartlyApplied);
    assert_eq!(judge(&up, true, Dead, true), Finished);
    assert_eq!(judge(&up_tx, false, Dead, true), RolledBack);
    assert_eq!(judge(&up_tx, true, Dead, true), Finished);
    assert_eq!(judge(&down, true, Dead, true), PartlyReverted);
    assert_eq!(judge(&down, false, Dead, true), Finished);
    assert_eq!(judge(&down_tx, true, Dead, true), RolledBack);
    assert_eq!(judge(&up, false, Alive, true), Running);
    assert_eq!(judge(&up, false, Unknown, false), Running);
    assert_eq!(judge(&up, false, Unknown, true), PartlyApplied);
}

#[test]
fn messages_name_the_file_the_pid_and_what_to_do() {
    let i = Interruption {
        marker: Marker {
            pid: 123,
            ..marker("up", false)
        },
        path: "/p/db.sqlite.seqmig-inflight".into(),
        verdict: Verdict::PartlyApplied,
        foreign_host: false,
        runs_again: false,
    };
    assert_eq!(
        i.message(),
        "seqmig: warning: 20240101000000-a.js was interrupted while running up (pid 123, started 2026-11-25T22:50:01Z); it is not recorded, so it is pending, and it may be partly applied: check the database before it runs again"
    );
    let again = Interruption {
        runs_again: true,
        ..i.clone()
    };
    assert!(again
        .message()
        .ends_with("may be partly applied; it runs again now"));
    let atomic = Interruption {
        verdict: Verdict::RolledBack,
        ..i.clone()
    };
    assert_eq!(
        atomic.message(),
        "seqmig: 20240101000000-a.js was interrupted while running up atomically (pid 123, started 2026-11-25T22:50:01Z); its transaction was never committed, so nothing of it remains and it is pending"
    );
    let down = Interruption {
        marker: Marker {
            pid: 123,
            ..marker("down", false)
        },
        verdict: Verdict::PartlyReverted,
        ..i.clone()
    };
    assert!(down.message().contains(
        "was interrupted while running down (pid 123, started 2026-11-25T22:50:01Z); it is still recorded as applied, and its down may be partly applied"
    ));
    let running = Interruption {
        verdict: Verdict::Running,
        ..i
    };
    assert_eq!(
        running.message(),
        "seqmig: another seqmig run (pid 123) is running migrations right now; the last it started is 20240101000000-a.js (up, at 2026-11-25T22:50:01Z)"
    );
}
