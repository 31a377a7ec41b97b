//! Errors as Sequelize raises them: a driver error becomes the class
//! `dialects/sqlite/query.js` `formatError` picks, with `.original`/`.parent`/`.sql`;
//! a request seqmig-sql cannot turn into SQL becomes a plain `Error`/`TypeError`.

use seqmig_db::DbError;
use seqmig_js::OpError;
use seqmig_sql::SqlError;
use serde_json::{json, Map, Value as Json};

/// The `original`/`parent` object: the driver's error as the node driver shapes it.
fn original(e: &DbError, sql: &str) -> Json {
    let mut o = Map::new();
    o.insert("message".into(), json!(e.message));
    if let Some(c) = &e.code {
        o.insert("code".into(), json!(c));
    }
    if let Some(n) = e.errno {
        o.insert("errno".into(), json!(n));
    }
    insert_server_fields(&mut o, e);
    o.insert("sql".into(), json!(sql));
    Json::Object(o)
}

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

/// `formatError` of Sequelize's sqlite query.
pub fn sqlite_error(e: &DbError, sql: &str, parameters: Json) -> OpError {
    let orig = original(e, sql);
    let mut props = Map::new();
    props.insert("parent".into(), orig.clone());
    props.insert("original".into(), orig);
    props.insert("sql".into(), json!(sql));
    let code = e.code.as_deref().unwrap_or("");
    if code.starts_with("SQLITE_CONSTRAINT") {
        if e.message.contains("FOREIGN KEY constraint failed") {
            props.insert("parameters".into(), parameters);
            return OpError {
                name: "SequelizeForeignKeyConstraintError".into(),
                message: e.message.clone(),
                props,
            };
        }
        let fields: Vec<String> = if let Some(m) = between(&e.message, "columns ", " are") {
            m.split(", ").map(str::to_string).collect()
        } else if let Some(pos) = e.message.find("UNIQUE constraint failed: ") {
            e.message[pos + 26..]
                .split(", ")
                .map(|c| c.split('.').nth(1).unwrap_or_default().to_string())
                .collect()
        } else {
            Vec::new()
        };
        let errors: Vec<Json> = fields
            .iter()
            .map(|f| {
                json!({"message": format!("{f} must be unique"), "type": "unique violation", "path": f, "value": null,
                       "origin": "DB", "instance": null, "validatorKey": "not_unique", "validatorName": null, "validatorArgs": []})
            })
            .collect();
        props.insert("errors".into(), json!(errors));
        props.insert("fields".into(), json!(fields));
        return OpError {
            name: "SequelizeUniqueConstraintError".into(),
            message: "Validation error".into(),
            props,
        };
    }
    props.insert("parameters".into(), parameters);
    let name = if code == "SQLITE_BUSY" {
        "SequelizeTimeoutError"
    } else {
        "SequelizeDatabaseError"
    };
    OpError {
        name: name.into(),
        message: e.message.clone(),
        props,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn db(code: &str, msg: &str) -> DbError {
        let mut e = DbError::statement(msg);
        e.code = Some(code.into());
        e.errno = Some(19);
        e
    }

    #[test]
    fn unique_violation_names_its_fields() {
        let e = sqlite_error(
            &db(
                "SQLITE_CONSTRAINT",
                "SQLITE_CONSTRAINT: UNIQUE constraint failed: users.email, users.org",
            ),
            "INSERT",
            json!({}),
        );
        assert_eq!(e.name, "SequelizeUniqueConstraintError");
        assert_eq!(e.message, "Validation error");
        assert_eq!(e.props["fields"], json!(["email", "org"]));
        assert_eq!(e.props["errors"][0]["message"], "email must be unique");
        assert_eq!(e.props["original"]["code"], "SQLITE_CONSTRAINT");
        assert_eq!(e.props["original"]["sql"], "INSERT");
    }

    #[test]
    fn foreign_key_and_other_errors() {
        let e = sqlite_error(
            &db(
                "SQLITE_CONSTRAINT",
                "SQLITE_CONSTRAINT: FOREIGN KEY constraint failed",
            ),
            "X",
            json!({}),
        );
        assert_eq!(e.name, "SequelizeForeignKeyConstraintError");
        assert_eq!(
            e.message,
            "SQLITE_CONSTRAINT: FOREIGN KEY constraint failed"
        );
        let e = sqlite_error(
            &db("SQLITE_ERROR", "SQLITE_ERROR: no such column: nope"),
            "SELECT nope",
            json!({}),
        );
        assert_eq!(e.name, "SequelizeDatabaseError");
        assert_eq!(
            e.props["parent"]["message"],
            "SQLITE_ERROR: no such column: nope"
        );
        assert_eq!(e.props["parameters"], json!({}));
    }
}
