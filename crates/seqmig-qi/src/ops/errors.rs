//! Errors every dialect raises alike: a request seqmig-sql cannot turn into SQL becomes a
//! plain `Error`/`TypeError`; a driver error's server fields as node-postgres names them.
//! Each dialect's `formatError` is in its own module.

use seqmig_db::DbError;
use seqmig_js::OpError;
use seqmig_sql::SqlError;
use serde_json::{json, Map, Value as Json};

/// The server's optional error fields, as node-postgres names them, where present.
pub(crate) fn insert_server_fields(o: &mut Map<String, Json>, e: &DbError) {
    for (k, v) in [
        ("detail", &e.detail),
        ("hint", &e.hint),
        ("constraint", &e.constraint),
        ("table", &e.table),
        ("column", &e.column),
        ("schema", &e.schema),
        ("severity", &e.severity),
        ("position", &e.position),
    ] {
        if let Some(v) = v {
            o.insert(k.into(), json!(v));
        }
    }
}

pub(crate) fn between<'a>(s: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let a = s.find(start)? + start.len();
    let b = s[a..].find(end)? + a;
    Some(&s[a..b])
}

/// A request that cannot become SQL: the JS error Sequelize throws for it.
pub fn sql_error(e: SqlError) -> OpError {
    match e {
        SqlError::Type(m) => OpError::new("TypeError", m),
        SqlError::BadRequest(m) => {
            OpError::new("TypeError", format!("seqmig: invalid request: {m}"))
        }
        SqlError::Sequelize(m) => OpError::new("Error", m),
    }
}

/// Arguments that do not deserialize into the op's request.
pub fn bad_args(op: &str, e: serde_json::Error) -> OpError {
    OpError::new(
        "TypeError",
        format!("seqmig: invalid arguments for {op}: {e}"),
    )
}
