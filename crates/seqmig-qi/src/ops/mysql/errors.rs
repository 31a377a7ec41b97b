//! Errors as Sequelize's mysql and mariadb `Query.formatError` raise them: `ER_DUP_ENTRY`
//! becomes a `UniqueConstraintError` with `fields`, `ER_ROW_IS_REFERENCED_2` /
//! `ER_NO_REFERENCED_ROW_2` a `ForeignKeyConstraintError`, anything else a `DatabaseError`,
//! each with the driver's error as `.original` / `.parent` (mysql2: `code`, `errno`,
//! `sqlState`, `sqlMessage`; the mariadb connector: `code`, `errno`, `sqlState`, `text`).

use seqmig_db::DbError;
use seqmig_js::OpError;
use serde_json::{json, Map, Value as Json};

const ER_DUP_ENTRY: i32 = 1062;
const ER_ROW_IS_REFERENCED: i32 = 1451;
const ER_NO_REFERENCED_ROW: i32 = 1452;

/// The driver's error object, with the `sql` and `parameters` Sequelize sets on it.
fn original(e: &DbError, mariadb: bool, sql: &str, parameters: &Json) -> Json {
    let mut o = Map::new();
    o.insert("message".into(), json!(e.message));
    if let Some(c) = &e.code {
        o.insert("code".into(), json!(c));
    }
    if let Some(n) = e.errno {
        o.insert("errno".into(), json!(n));
    }
    if let Some(s) = &e.sql_state {
        o.insert("sqlState".into(), json!(s));
    }
    if let Some(m) = &e.sql_message {
        o.insert(if mariadb { "text" } else { "sqlMessage" }.into(), json!(m));
    }
    o.insert("sql".into(), json!(sql));
    o.insert("parameters".into(), parameters.clone());
    Json::Object(o)
}

/// `/Duplicate entry '([\s\S]*)' for key '?((.|\s)*?)'?$/` (mysql) and the same ending in
/// `'?\s.*$` (mariadb, whose message goes on with `\nsql: …`): the value and the key.
fn duplicate_entry(message: &str, mariadb: bool) -> Option<(String, String)> {
    let start = message.find("Duplicate entry '")? + "Duplicate entry '".len();
    let rest = &message[start..];
    let cut = rest.rfind("' for key ")?;
    let value = rest[..cut].to_string();
    let key_part = &rest[cut + "' for key ".len()..];
    let key_part = key_part.strip_prefix('\'').unwrap_or(key_part);
    let key = if mariadb {
        // Lazy up to an optional `'` followed by whitespace.
        let end = key_part.find(|c: char| c.is_whitespace())?;
        let k = &key_part[..end];
        k.strip_suffix('\'').unwrap_or(k).to_string()
    } else {
        let k = key_part.strip_suffix('\'').unwrap_or(key_part);
        k.rsplit('.').next().unwrap_or(k).to_string()
    };
    Some((value, key))
}

/// The `CONSTRAINT `x` FOREIGN KEY (`a`) REFERENCES `t` (`b`)` part of a foreign key
/// error: (index, fields, table).
fn foreign_key_parts(message: &str) -> Option<(String, Vec<String>, String)> {
    let line = message.lines().find(|l| l.contains("CONSTRAINT "))?;
    let at = line.find("CONSTRAINT ")? + "CONSTRAINT ".len();
    let q = line[at..]
        .chars()
        .next()
        .filter(|c| *c == '`' || *c == '"')?;
    let rest = &line[at + 1..];
    let fk = format!("{q} FOREIGN KEY ({q}");
    let i = rest.rfind(&fk)?;
    let index = rest[..i].to_string();
    let rest = &rest[i + fk.len()..];
    let refs = format!("{q}) REFERENCES {q}");
    let j = rest.rfind(&refs)?;
    let sep = format!("{q}, ");
    let fields: Vec<String> = rest[..j]
        .split(&sep)
        .map(|f| f.trim_start_matches(' ').trim_start_matches(q).to_string())
        .collect();
    let rest = &rest[j + refs.len()..];
    let k = rest.rfind(&format!("{q} ({q}"))?;
    Some((index, fields, rest[..k].to_string()))
}

/// `formatError` of Sequelize's mysql (`mariadb: false`) or mariadb query.
pub fn mysql_error(e: &DbError, mariadb: bool, sql: &str, parameters: Json) -> OpError {
    let orig = original(e, mariadb, sql, &parameters);
    let mut props = Map::new();
    props.insert("parent".into(), orig.clone());
    props.insert("original".into(), orig);
    props.insert("sql".into(), json!(sql));
    match e.errno {
        Some(ER_DUP_ENTRY) => {
            let (value, key) = match duplicate_entry(&e.message, mariadb) {
                Some((v, k)) => (json!(v), k),
                None => (crate::ops::undefined(), "undefined".to_string()),
            };
            let mut fields = Map::new();
            fields.insert(key.clone(), value.clone());
            let errors = vec![json!({
                "message": format!("{key} must be unique"), "type": "unique violation",
                "path": key, "value": value, "origin": "DB", "instance": null,
                "validatorKey": "not_unique", "validatorName": null, "validatorArgs": []
            })];
            props.insert("errors".into(), Json::Array(errors));
            props.insert("fields".into(), Json::Object(fields));
            OpError {
                name: "SequelizeUniqueConstraintError".into(),
                message: "Validation error".into(),
                props,
            }
        }
        Some(n @ (ER_ROW_IS_REFERENCED | ER_NO_REFERENCED_ROW)) => {
            props.insert(
                "reltype".into(),
                json!(if n == ER_ROW_IS_REFERENCED {
                    "parent"
                } else {
                    "child"
                }),
            );
            // Without a `CONSTRAINT ... REFERENCES ...` part Sequelize passes undefined
            // table, fields and index; `value` is undefined too (no instance in a
            // queryInterface call). The error class sets them from its options, so they
            // are left out here rather than sent as values.
            if let Some((index, fields, table)) = foreign_key_parts(&e.message) {
                props.insert("table".into(), json!(table));
                props.insert("fields".into(), json!(fields));
                props.insert("index".into(), json!(index));
            }
            OpError {
                name: "SequelizeForeignKeyConstraintError".into(),
                message: e.message.clone(),
                props,
            }
        }
        _ => {
            props.insert("parameters".into(), parameters);
            OpError {
                name: "SequelizeDatabaseError".into(),
                message: e.message.clone(),
                props,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn db(errno: i32, code: &str, msg: &str, text: &str) -> DbError {
        let mut e = DbError::statement(msg);
        e.code = Some(code.into());
        e.errno = Some(errno);
        e.sql_state = Some("23000".into());
        e.sql_message = Some(text.into());
        e
    }

    #[test]
    fn duplicate_entries_name_the_key_on_both_dialects() {
        let text = "Duplicate entry 'alice' for key 'users_name'";
        let e = mysql_error(
            &db(1062, "ER_DUP_ENTRY", text, text),
            false,
            "INSERT",
            json!([]),
        );
        assert_eq!(e.name, "SequelizeUniqueConstraintError");
        assert_eq!(e.message, "Validation error");
        assert_eq!(e.props["fields"], json!({"users_name": "alice"}));
        assert_eq!(e.props["errors"][0]["message"], "users_name must be unique");
        assert_eq!(e.props["original"]["sqlMessage"], text);
        assert_eq!(e.props["original"]["code"], "ER_DUP_ENTRY");
        let msg =
            format!("(conn=7, no: 1062, SQLState: 23000) {text}\nsql: INSERT - parameters:[]");
        let e = mysql_error(
            &db(1062, "ER_DUP_ENTRY", &msg, text),
            true,
            "INSERT",
            json!([]),
        );
        assert_eq!(e.props["fields"], json!({"users_name": "alice"}));
        assert_eq!(e.props["original"]["text"], text);
        assert!(e.props["original"].get("sqlMessage").is_none());
        // MySQL 8 names the key `table.key`: mysql keeps the last part.
        let t8 = "Duplicate entry 'a-b' for key 'users.users_pair'";
        let e = mysql_error(
            &db(1062, "ER_DUP_ENTRY", t8, t8),
            false,
            "INSERT",
            json!([]),
        );
        assert_eq!(e.props["fields"], json!({"users_pair": "a-b"}));
    }

    #[test]
    fn foreign_key_errors_name_the_constraint_table_and_fields() {
        let text = "Cannot add or update a child row: a foreign key constraint fails (`db`.`orders`, CONSTRAINT `orders_ibfk_1` FOREIGN KEY (`customerId`) REFERENCES `customers` (`id`))";
        let e = mysql_error(
            &db(1452, "ER_NO_REFERENCED_ROW_2", text, text),
            false,
            "INSERT",
            json!([]),
        );
        assert_eq!(e.name, "SequelizeForeignKeyConstraintError");
        assert_eq!(e.message, text);
        assert_eq!(e.props["index"], "orders_ibfk_1");
        assert_eq!(e.props["table"], "customers");
        assert_eq!(e.props["fields"], json!(["customerId"]));
        assert_eq!(e.props["reltype"], "child");
        let e = mysql_error(
            &db(1451, "ER_ROW_IS_REFERENCED_2", text, text),
            false,
            "DELETE",
            json!([]),
        );
        assert_eq!(e.props["reltype"], "parent");
        // No `value` key: the error class sets it to undefined, as Sequelize's does.
        assert!(e.props.get("value").is_none());
    }

    /// Regression (mysql-errors, `dropTable referenced`): a message that names no
    /// constraint leaves table, fields, index and value undefined, as Sequelize's
    /// `formatError` does, instead of sending seqmig's undefined marker as their value.
    #[test]
    fn a_foreign_key_error_naming_no_constraint_has_only_its_reltype() {
        let text = "Cannot delete or update a parent row: a foreign key constraint fails";
        for mariadb in [false, true] {
            let e = mysql_error(
                &db(1451, "ER_ROW_IS_REFERENCED_2", text, text),
                mariadb,
                "DROP TABLE IF EXISTS `accounts`;",
                json!([]),
            );
            assert_eq!(e.name, "SequelizeForeignKeyConstraintError");
            assert_eq!(e.props["reltype"], "parent");
            for key in ["table", "fields", "index", "value"] {
                assert!(e.props.get(key).is_none(), "{key}: {:?}", e.props.get(key));
            }
        }
    }

    #[test]
    fn other_errors_are_database_errors_with_the_driver_fields() {
        let text = "Table 'db.nope' doesn't exist";
        let mut d = db(1146, "ER_NO_SUCH_TABLE", text, text);
        d.sql_state = Some("42S02".into());
        let e = mysql_error(&d, false, "SELECT * FROM nope", json!(["x"]));
        assert_eq!(e.name, "SequelizeDatabaseError");
        assert_eq!(e.message, text);
        assert_eq!(e.props["original"]["errno"], 1146);
        assert_eq!(e.props["original"]["sqlState"], "42S02");
        assert_eq!(e.props["parameters"], json!(["x"]));
        assert_eq!(e.props["sql"], "SELECT * FROM nope");
    }
}
