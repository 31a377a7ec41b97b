//! Atomic migrations and the dry run's transaction. sequelize-cli runs no migration in a
//! transaction, so a failure midway leaves half a migration behind. Opted in, seqmig wraps
//! each migration and its SequelizeMeta row in one transaction; the dry run wraps the whole
//! command in one and rolls it back. Both rely on DDL being transactional on SQLite and
//! PostgreSQL, and both must first rule out the statements that refuse a transaction.

use seqmig_db::SharedConnection;
use serde_json::{Map, Value as Json};

use crate::bookkeeping::{self, Bookkeeping};
use crate::error::CoreError;
use crate::session::Session;
use crate::txwatch::TxEvent;

/// The config key (in the environment's section) that opts in without the flag.
pub const CONFIG_KEY: &str = "seqmigAtomic";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AtomicMode {
    /// As sequelize-cli: no transaction.
    #[default]
    Off,
    /// Each migration in a transaction; one that cannot be runs as sequelize-cli would,
    /// with a notice.
    On,
    /// As `On`, but a migration that cannot run in a transaction fails before it starts.
    Strict,
}

impl AtomicMode {
    /// `--atomic` / `--atomic=strict` / `--atomic=off`.
    pub fn parse(s: &str) -> Option<AtomicMode> {
        match s {
            "" | "on" | "true" => Some(AtomicMode::On),
            "strict" => Some(AtomicMode::Strict),
            "off" | "false" => Some(AtomicMode::Off),
            _ => None,
        }
    }

    /// `"seqmigAtomic": true | false | "strict"` in the environment's section.
    pub fn from_config(section: &Map<String, Json>) -> Result<AtomicMode, CoreError> {
        match section.get(CONFIG_KEY) {
            None | Some(Json::Null) | Some(Json::Bool(false)) => Ok(AtomicMode::Off),
            Some(Json::Bool(true)) => Ok(AtomicMode::On),
            Some(Json::String(s)) if AtomicMode::parse(s).is_some() => {
                Ok(AtomicMode::parse(s).expect("checked"))
            }
            Some(other) => Err(CoreError::Config(format!(
                "\"{CONFIG_KEY}\" must be true, false or \"strict\", not {other}"
            ))),
        }
    }
}

/// Why a migration cannot run inside a transaction, as a phrase ("uses VACUUM"), found by
/// reading its source: the statements are only known once they run, and by then it is too
/// late to leave the transaction. A false alarm costs only the transaction.
pub fn blocker(source: &str, bk: &dyn Bookkeeping) -> Option<&'static str> {
    let lower = source.to_lowercase();
    let squeezed: String = lower.chars().filter(|c| !c.is_whitespace()).collect();
    if squeezed.contains("module.exports.transaction=false")
        || squeezed.contains("exports.transaction=false")
    {
        return Some("sets exports.transaction = false");
    }
    if !bk.transactional_ddl() {
        return Some("runs DDL, which this database commits at once");
    }
    if has_word(&lower, "vacuum") {
        return Some("uses VACUUM");
    }
    bk.transaction_blocker(&lower, &squeezed)
}

pub(crate) fn has_word(text: &str, word: &str) -> bool {
    let is_ident = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        !before.is_some_and(is_ident) && !after.is_some_and(is_ident)
    })
}

/// Open seqmig's own transaction on the run's connection. The ops see it through the
/// session: a migration's `sequelize.transaction()` then becomes a savepoint. The watch
/// marks it as seqmig's, so that a migration ending it is noticed.
pub fn begin(session: &Session, conn: &SharedConnection) -> Result<(), CoreError> {
    let sql = bookkeeping::of(conn.borrow().dialect()).begin_outer();
    conn.borrow_mut().query(sql, &[])?;
    session.watch().claim_outer();
    session.set_outer_transaction(true);
    Ok(())
}

/// Commit seqmig's transaction, and check that it committed: on PostgreSQL a COMMIT of
/// an aborted transaction answers without an error and rolls back.
pub fn commit(session: &Session, conn: &SharedConnection) -> Result<(), CoreError> {
    session.set_outer_transaction(false);
    let watch = session.watch();
    let watched = watch.release_outer();
    let before = watch.events().len();
    conn.borrow_mut().query("COMMIT", &[])?;
    if !watched {
        return Ok(());
    }
    let events = watch.events();
    let committed = events.get(before..).unwrap_or_default().iter().any(|e| {
        matches!(
            e,
            TxEvent::Ended {
                committed: Some(true),
                ..
            }
        )
    });
    if committed && watch.block().is_none() {
        Ok(())
    } else {
        Err(CoreError::Safety(
            "seqmig: COMMIT did not commit seqmig's transaction (the database rolled it back)"
                .into(),
        ))
    }
}

/// What seqmig's ROLLBACK did, as the database tells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RollbackOutcome {
    /// seqmig's transaction was open and is now rolled back: nothing of it remains.
    RolledBack,
    /// seqmig's transaction had already been ended (by a statement of a migration).
    NotOpen,
    /// The rollback failed, or a transaction is still open after it.
    Failed(String),
}

/// Roll back seqmig's transaction and check that nothing is left open.
pub fn rollback(session: &Session, conn: &SharedConnection) -> RollbackOutcome {
    session.set_outer_transaction(false);
    let watch = session.watch();
    let ours = watch.release_outer();
    let result = conn.borrow_mut().query("ROLLBACK", &[]);
    if !watch.watching() {
        return match result {
            Ok(_) => RollbackOutcome::RolledBack,
            Err(e) => RollbackOutcome::Failed(e.message),
        };
    }
    let open_after = match conn.borrow().in_transaction() {
        Some(open) => open,
        None => watch.block().is_some(),
    };
    if open_after {
        let why = match result {
            Err(e) => e.message,
            Ok(_) => "a transaction is still open after ROLLBACK".to_string(),
        };
        return RollbackOutcome::Failed(why);
    }
    if ours {
        RollbackOutcome::RolledBack
    } else {
        RollbackOutcome::NotOpen
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_the_config_key() {
        let m = |v: Json| json!({ CONFIG_KEY: v }).as_object().unwrap().clone();
        assert_eq!(
            AtomicMode::from_config(&Map::new()).unwrap(),
            AtomicMode::Off
        );
        assert_eq!(
            AtomicMode::from_config(&m(json!(true))).unwrap(),
            AtomicMode::On
        );
        assert_eq!(
            AtomicMode::from_config(&m(json!("strict"))).unwrap(),
            AtomicMode::Strict
        );
        assert!(AtomicMode::from_config(&m(json!(3))).is_err());
    }

    #[test]
    fn a_rolled_back_transaction_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let opts = seqmig_db::ConnectOptions::Sqlite {
            storage: dir.path().join("db.sqlite"),
        };
        let session = Session::new(crate::bookkeeping::SqliteBookkeeping.dialect());
        let watched = crate::txwatch::Watched::new(
            seqmig_db::connect(&opts).unwrap(),
            session.watch().clone(),
            crate::bookkeeping::TxProbe::DriverReports,
        );
        let conn: SharedConnection = std::rc::Rc::new(std::cell::RefCell::new(Box::new(watched)));
        begin(&session, &conn).unwrap();
        assert!(session.in_outer_transaction());
        conn.borrow_mut().query("CREATE TABLE t (a)", &[]).unwrap();
        assert_eq!(rollback(&session, &conn), RollbackOutcome::RolledBack);
        assert!(!session.in_outer_transaction());
        let r = conn
            .borrow_mut()
            .query("SELECT count(*) FROM sqlite_master WHERE name = 't'", &[])
            .unwrap();
        assert_eq!(r.rows[0][0], seqmig_db::Value::Int(0));
    }
}
