//! Errors as Sequelize's sqlite query raises them: a driver error becomes the class
//! `dialects/sqlite/query.js` `formatError` picks, with `.original`/`.parent`/`.sql`.

use seqmig_db::DbError;
use seqmig_js::OpError;
use serde_json::{json, Map, Value as Json};

use crate::ops::errors::{between, insert_server_fields};

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
