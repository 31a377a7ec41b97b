//! PostgreSQL results in Sequelize's shapes: `dialects/postgres/query.js`
//! (`formatResults`, `formatError`) and the postgres `queryInterface` post-processing
//! (describeTable objects, showIndex fields, camelized foreign keys).

use seqmig_db::{DbError, QueryResult, Value};
use seqmig_js::OpError;
use seqmig_sql::postgres::from_array;
use serde_json::{json, Map, Value as Json};

use crate::ops::errors::between;
use crate::ops::Shape;

use crate::ops::rows::cell;

/// A cell as node-postgres hands it to Sequelize. `name[]` (what `array_agg` of catalog
/// names gives) has no parser in pg-types, so node sees its array literal text.
fn pg_cell(v: &Value, type_name: &str) -> Json {
    match (v, type_name) {
        (Value::Array(items), "_name") => Json::String(array_literal(items)),
        // Sequelize registers parsers for hstore and the range types.
        (Value::Other { text, .. }, "hstore") => Json::Object(hstore_parse(text)),
        (Value::Other { text, .. }, t) if t.ends_with("range") => range_parse(text, t),
        (Value::Other { text, .. }, "inet") => Json::String(inet_text(text)),
        _ => cell(v),
    }
}

/// PostgreSQL prints a host address without its full-length netmask.
fn inet_text(text: &str) -> String {
    match text.rsplit_once('/') {
        Some((addr, "32")) if !addr.contains(':') => addr.to_string(),
        Some((addr, "128")) if addr.contains(':') => addr.to_string(),
        _ => text.to_string(),
    }
}

/// pg-hstore's `parse`: quoted keys and values (or NULL), unescaped.
pub(crate) fn hstore_parse(text: &str) -> Map<String, Json> {
    let mut tokens: Vec<Option<String>> = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                let mut tok = String::new();
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => {
                            if let Some(n) = chars.next() {
                                tok.push(n);
                            }
                        }
                        '"' => break,
                        c => tok.push(c),
                    }
                }
                tokens.push(Some(tok));
            }
            'N' if text.len() >= 4 => {
                let rest: String = std::iter::once(c).chain(chars.clone().take(3)).collect();
                if rest == "NULL" {
                    chars.nth(2);
                    tokens.push(None);
                }
            }
            _ => {}
        }
    }
    let mut out = Map::new();
    for pair in tokens.chunks(2) {
        if let [Some(k), v] = pair {
            out.insert(
                k.replace("''", "'"),
                v.as_ref()
                    .map(|v| json!(v.replace("''", "'")))
                    .unwrap_or(Json::Null),
            );
        }
    }
    out
}

/// range.js `parse`: `[{value, inclusive}, {value, inclusive}]`, `[]` when empty; int4
/// bounds are numbers (INTEGER.parse), the others stay text.
fn range_parse(text: &str, type_name: &str) -> Json {
    if text == "empty" || text.len() < 2 {
        return json!([]);
    }
    let inner = &text[1..text.len() - 1];
    let parts: Vec<&str> = inner.splitn(2, ',').collect();
    if parts.len() != 2 {
        return json!(text);
    }
    let bound = |s: &str| -> Json {
        let s = s.trim_matches('"');
        match s {
            "" => Json::Null,
            "infinity" => json!("Infinity"),
            "-infinity" => json!("-Infinity"),
            s if type_name == "int4range" => s.parse::<i64>().map(|n| json!(n)).unwrap_or(json!(s)),
            s => json!(s),
        }
    };
    json!([
        {"value": bound(parts[0]), "inclusive": text.starts_with('[')},
        {"value": bound(parts[1]), "inclusive": text.ends_with(']')}
    ])
}

/// The text of a one-dimensional postgres array of strings: `{a,"b c"}`.
fn array_literal(items: &[Value]) -> String {
    let parts: Vec<String> = items
        .iter()
        .map(|v| match v {
            Value::Null => "NULL".into(),
            other => {
                let s = match cell(other) {
                    Json::String(s) => s,
                    j => j.to_string(),
                };
                let plain = !s.is_empty()
                    && !s.eq_ignore_ascii_case("null")
                    && !s
                        .chars()
                        .any(|c| matches!(c, '{' | '}' | ',' | '"' | '\\' | ' '));
                if plain {
                    s
                } else {
                    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
                }
            }
        })
        .collect();
    format!("{{{}}}", parts.join(","))
}

/// Rows as objects keyed by column name (a later duplicate name wins, as in node).
pub(crate) fn pg_rows(r: &QueryResult) -> Vec<Map<String, Json>> {
    r.rows
        .iter()
        .map(|row| {
            let mut o = Map::new();
            for (c, v) in r.columns.iter().zip(row) {
                o.insert(c.name.clone(), pg_cell(v, &c.type_name));
            }
            o
        })
        .collect()
}

/// node-postgres' `Result` object (pg 8), as far as JSON carries it: its own fields in
/// its order, `rowCount` null for a command tag without a count (CREATE, ALTER, DO, ...),
/// the parsers (functions: null in JSON) and the empty row it prebuilds once the fields
/// are known.
pub(crate) fn result_object(r: &QueryResult, rows: &[Map<String, Json>]) -> Json {
    let command = r.command.clone().unwrap_or_default();
    let counted = matches!(
        command.as_str(),
        "INSERT" | "DELETE" | "UPDATE" | "SELECT" | "MERGE" | "MOVE" | "FETCH" | "COPY"
    );
    let mut o = Map::new();
    o.insert("command".into(), json!(command));
    o.insert(
        "rowCount".into(),
        if counted {
            json!(r.rows_affected)
        } else {
            Json::Null
        },
    );
    o.insert(
        "oid".into(),
        if command == "INSERT" {
            json!(0)
        } else {
            Json::Null
        },
    );
    o.insert("rows".into(), json!(rows));
    o.insert(
        "fields".into(),
        r.columns
            .iter()
            .map(|c| json!({"name": c.name, "format": "text"}))
            .collect(),
    );
    if !r.columns.is_empty() {
        o.insert("_parsers".into(), json!(vec![Json::Null; r.columns.len()]));
    }
    o.insert(
        "_types".into(),
        json!({"_types": {}, "text": {}, "binary": {}}),
    );
    o.insert("RowCtor".into(), Json::Null);
    o.insert("rowAsArray".into(), json!(false));
    o.insert(
        "_prebuiltEmptyResultObject".into(),
        if r.columns.is_empty() {
            Json::Null
        } else {
            Json::Object(
                r.columns
                    .iter()
                    .map(|c| (c.name.clone(), Json::Null))
                    .collect(),
            )
        },
    );
    Json::Object(o)
}

/// A cell as a list of strings: a decoded array, or an array literal's text.
pub(crate) fn string_list(v: Option<&Json>) -> Vec<String> {
    match v {
        Some(Json::Array(a)) => a
            .iter()
            .map(|x| match x {
                Json::String(s) => s.clone(),
                other => other.to_string(),
            })
            .collect(),
        Some(Json::String(s)) => from_array(s),
        _ => Vec::new(),
    }
}

/// `handleSelectQuery` for raw queries: the rows, or the first one with `plain`.
fn select_result(rows: Vec<Map<String, Json>>, shape: Shape) -> Json {
    let rows: Vec<Map<String, Json>> = if shape.nest {
        rows.into_iter().map(crate::ops::rows::nest).collect()
    } else {
        rows
    };
    if shape.plain {
        return rows
            .into_iter()
            .next()
            .map(Json::Object)
            .unwrap_or(Json::Null);
    }
    Json::Array(rows.into_iter().map(Json::Object).collect())
}

/// postgres `Query.formatResults`: what `sequelize.query(sql, {type, plain})` resolves to.
pub(crate) fn format_results(sql: &str, r: &QueryResult, shape: Shape) -> Json {
    let rows = pg_rows(r);
    let row_count = r.rows_affected;
    if sql.starts_with("SELECT table_name FROM information_schema.tables") {
        return Json::Array(
            rows.into_iter()
                .map(|o| Json::Array(o.into_iter().map(|(_, v)| v).collect()))
                .collect(),
        );
    }
    if sql.starts_with("SELECT relname FROM pg_class WHERE oid IN") {
        return Json::Array(
            rows.into_iter()
                .map(|o| {
                    let name = o.get("relname").and_then(Json::as_str).unwrap_or_default();
                    json!({"name": name, "tableName": name.split('_').next().unwrap_or_default()})
                })
                .collect(),
        );
    }
    match shape.ty {
        "SHOWINDEXES" => return show_indexes(rows),
        "FOREIGNKEYS" => return foreign_key_rows(rows),
        "SELECT" => return select_result(rows, shape),
        "DESCRIBE" => return describe(&rows),
        "VERSION" => {
            return rows
                .first()
                .and_then(|o| o.get("server_version"))
                .cloned()
                .unwrap_or(Json::Null)
        }
        _ => {}
    }
    let lower = sql.to_lowercase();
    if lower.starts_with("show") || lower.starts_with("describe") {
        return Json::Array(rows.into_iter().map(Json::Object).collect());
    }
    match shape.ty {
        "BULKUPDATE" if shape.returning => return select_result(rows, Shape::RAW),
        "BULKUPDATE" | "BULKDELETE" => return json!(row_count),
        _ => {}
    }
    let is_insert = shape.ty == "INSERT" || lower.starts_with("insert into");
    if is_insert || matches!(shape.ty, "UPDATE" | "UPSERT") {
        if shape.ty == "UPSERT" {
            return json!([null, null]);
        }
        let first = if shape.plain {
            rows.first().cloned()
        } else {
            None
        };
        let value = match first {
            Some(o) => Json::Object(o),
            None => Json::Array(rows.into_iter().map(Json::Object).collect()),
        };
        return json!([value, row_count]);
    }
    if shape.ty == "RAW" {
        let obj = result_object(r, &rows);
        return json!([rows, obj]);
    }
    Json::Array(rows.into_iter().map(Json::Object).collect())
}

/// The DESCRIBE branch of `formatResults`: one object per column.
pub(crate) fn describe(rows: &[Map<String, Json>]) -> Json {
    let mut out = Map::new();
    for row in rows {
        let field = row.get("Field").and_then(Json::as_str).unwrap_or_default();
        let ty = row
            .get("Type")
            .and_then(Json::as_str)
            .unwrap_or_default()
            .to_uppercase();
        let mut default = row.get("Default").cloned().unwrap_or(Json::Null);
        if ty == "BOOLEAN" {
            default = match default.as_str() {
                Some("false") => json!(false),
                Some("true") => json!(true),
                _ => Json::Null,
            };
        }
        if let Json::String(s) = &default {
            let mut d = s.replace('\'', "");
            if let Some((head, tail)) = d.split_once("::") {
                if tail.to_lowercase() != "regclass)" {
                    d = head.to_string();
                }
            }
            default = Json::String(d);
        }
        let special = match row.get("special") {
            None | Some(Json::Null) => Vec::new(),
            v => string_list(v),
        };
        out.insert(
            field.to_string(),
            json!({
                "type": ty,
                "allowNull": row.get("Null").and_then(Json::as_str) == Some("YES"),
                "defaultValue": default,
                "comment": row.get("Comment").cloned().unwrap_or(Json::Null),
                "special": special,
                "primaryKey": row.get("Constraint").and_then(Json::as_str) == Some("PRIMARY KEY"),
            }),
        );
    }
    Json::Object(out)
}

/// The SHOWINDEXES branch: each index with its `fields` read from its definition.
pub(crate) fn show_indexes(rows: Vec<Map<String, Json>>) -> Json {
    let mut out = Vec::with_capacity(rows.len());
    for mut row in rows {
        let definition = row
            .get("definition")
            .and_then(Json::as_str)
            .unwrap_or_default()
            .to_string();
        let attributes = index_columns(&definition);
        let numbers: Vec<String> = match row.remove("column_indexes") {
            Some(Json::Array(a)) => a.iter().map(|x| x.to_string()).collect(),
            Some(Json::String(s)) => from_array(&s),
            _ => Vec::new(),
        };
        let names = string_list(row.remove("column_names").as_ref());
        let columns: Vec<(String, String)> = numbers.into_iter().zip(names).collect();
        let indkey = match row.get("indkey") {
            Some(Json::String(s)) => s.clone(),
            Some(Json::Array(a)) => a
                .iter()
                .map(|x| x.to_string())
                .collect::<Vec<_>>()
                .join(" "),
            Some(other) => other.to_string(),
            None => String::new(),
        };
        row.insert("indkey".into(), json!(indkey));
        let mut fields = Vec::new();
        for (i, key) in indkey.split(' ').enumerate() {
            let Some((_, field)) = columns.iter().find(|(n, _)| n == key) else {
                continue;
            };
            let attribute = attributes.get(i).map(String::as_str).unwrap_or_default();
            let mut f = Map::new();
            f.insert("attribute".into(), json!(field));
            if let Some(c) = between(attribute, "COLLATE \"", "\"") {
                f.insert("collate".into(), json!(c));
            }
            if attribute.contains("DESC") {
                f.insert("order".into(), json!("DESC"));
            } else if attribute.contains("ASC") {
                f.insert("order".into(), json!("ASC"));
            }
            fields.push(Json::Object(f));
        }
        row.insert("fields".into(), Json::Array(fields));
        out.push(Json::Object(row));
    }
    Json::Array(out)
}

/// `/ON .*? (?:USING .*?\s)?\(([^]*)\)/` on an index definition, split on commas.
fn index_columns(definition: &str) -> Vec<String> {
    let Some(on) = definition.find("ON ") else {
        return Vec::new();
    };
    let rest = &definition[on..];
    let (Some(open), Some(close)) = (rest.find('('), rest.rfind(')')) else {
        return Vec::new();
    };
    if close <= open {
        return Vec::new();
    }
    rest[open + 1..close]
        .split(',')
        .map(str::to_string)
        .collect()
}

/// The FOREIGNKEYS branch: rows with a `condef` get `table`/`from`/`to`/`on_*` parsed out.
fn foreign_key_rows(rows: Vec<Map<String, Json>>) -> Json {
    let mut out = Vec::with_capacity(rows.len());
    for mut row in rows {
        if let Some(def) = row.get("condef").and_then(Json::as_str).map(str::to_string) {
            if let Some(rest) = def.strip_prefix("FOREIGN KEY (") {
                if let (Some(close), Some(refs)) = (rest.find(')'), rest.find(" REFERENCES ")) {
                    let from = &rest[..close];
                    let target = &rest[refs + 12..];
                    if let Some(open) = target.find('(') {
                        let table = &target[..open];
                        let to = target[open + 1..].split(')').next().unwrap_or_default();
                        let id = row.get("constraint_name").cloned().unwrap_or(Json::Null);
                        row.insert("id".into(), id);
                        row.insert("table".into(), json!(table));
                        row.insert("from".into(), json!(from));
                        row.insert("to".into(), json!(to));
                        for action in ["UPDATE", "DELETE"] {
                            let tag = format!("ON {action} ");
                            if let Some(p) = def.find(&tag) {
                                let word =
                                    def[p + tag.len()..].split(' ').next().unwrap_or_default();
                                if word == "CASCADE" || word == "RESTRICT" {
                                    row.insert(
                                        format!("on_{}", action.to_lowercase()),
                                        json!(word),
                                    );
                                }
                            }
                        }
                    }
                }
            }
        }
        out.push(Json::Object(row));
    }
    Json::Array(out)
}

/// postgres `getForeignKeyReferencesForTable`: camelized keys, and `deferrable` as the
/// Deferrable's name (`NOT`, `INITIALLY_IMMEDIATE`, `INITIALLY_DEFERRED`).
pub(crate) fn foreign_key_references(rows: &Json) -> Json {
    let mut out = Vec::new();
    for row in rows.as_array().into_iter().flatten() {
        let Some(o) = row.as_object() else { continue };
        let mut m = Map::new();
        let mut initially_deferred = None;
        let mut is_deferrable = None;
        for (k, v) in o {
            match k.as_str() {
                "initially_deferred" => initially_deferred = v.as_str().map(str::to_string),
                "is_deferrable" => is_deferrable = v.as_str().map(str::to_string),
                _ => {
                    m.insert(camel_case(k), v.clone());
                }
            }
        }
        let deferrable = if is_deferrable.as_deref() == Some("NO") {
            "NOT"
        } else if initially_deferred.as_deref() == Some("NO") {
            "INITIALLY_IMMEDIATE"
        } else {
            "INITIALLY_DEFERRED"
        };
        m.insert("deferrable".into(), json!(deferrable));
        out.push(Json::Object(m));
    }
    Json::Array(out)
}

/// lodash `camelCase` for snake_case keys.
fn camel_case(k: &str) -> String {
    let mut out = String::with_capacity(k.len());
    for (i, part) in k.split('_').filter(|p| !p.is_empty()).enumerate() {
        if i == 0 {
            out.push_str(&part.to_lowercase());
        } else {
            let mut cs = part.chars();
            if let Some(c) = cs.next() {
                out.extend(c.to_uppercase());
                out.push_str(&cs.as_str().to_lowercase());
            }
        }
    }
    out
}

/// The `original`/`parent` object: pg's error as node-postgres shapes it.
fn original(e: &DbError, sql: &str, parameters: &Json) -> Json {
    let mut o = Map::new();
    o.insert("message".into(), json!(e.message));
    o.insert("name".into(), json!("error"));
    if let Some(code) = &e.code {
        o.insert("code".into(), json!(code));
    }
    crate::ops::errors::insert_server_fields(&mut o, e);
    o.insert("sql".into(), json!(sql));
    o.insert("parameters".into(), parameters.clone());
    Json::Object(o)
}

/// postgres `Query.formatError`: the Sequelize error class for a server error.
pub fn pg_error(e: &DbError, sql: &str, parameters: Json) -> OpError {
    let orig = original(e, sql, &parameters);
    let mut props = Map::new();
    props.insert("parent".into(), orig.clone());
    props.insert("original".into(), orig);
    props.insert("sql".into(), json!(sql));
    props.insert("parameters".into(), parameters);
    let code = e.code.as_deref().unwrap_or("");
    let msg = e.message.clone();
    let quoted_after =
        |marker: &str| between(&msg, &format!("{marker} \""), "\"").map(str::to_string);
    match code {
        "23503" => {
            props.insert("fields".into(), Json::Null);
            props.insert(
                "index".into(),
                json!(quoted_after("violates foreign key constraint")),
            );
            props.insert("table".into(), json!(quoted_after("on table")));
            props.insert(
                "reltype".into(),
                json!(if msg.contains("insert or update") {
                    "child"
                } else {
                    "parent"
                }),
            );
            OpError {
                name: "SequelizeForeignKeyConstraintError".into(),
                message: msg,
                props,
            }
        }
        "23505" => {
            let detail = e.detail.clone().unwrap_or_default().replace('"', "");
            let kv = between(&detail, "Key (", ")=(").and_then(|keys| {
                let start = detail.find(")=(")? + 3;
                let end = detail[start..].find(')')? + start;
                Some((keys.to_string(), detail[start..end].to_string()))
            });
            match kv {
                Some((keys, values)) => {
                    let mut fields = Map::new();
                    let mut errors = Vec::new();
                    for (k, v) in keys.split(", ").zip(values.split(", ")) {
                        fields.insert(k.to_string(), json!(v));
                        errors.push(json!({"message": format!("{k} must be unique"), "type": "unique violation", "path": k,
                            "value": v, "origin": "DB", "instance": null, "validatorKey": "not_unique",
                            "validatorName": null, "validatorArgs": []}));
                    }
                    props.insert("fields".into(), Json::Object(fields));
                    props.insert("errors".into(), Json::Array(errors));
                    OpError {
                        name: "SequelizeUniqueConstraintError".into(),
                        message: "Validation error".into(),
                        props,
                    }
                }
                None => OpError {
                    name: "SequelizeUniqueConstraintError".into(),
                    message: msg,
                    props,
                },
            }
        }
        "23P01" => {
            props.insert("constraint".into(), json!(e.constraint));
            props.insert("table".into(), json!(e.table));
            OpError {
                name: "SequelizeExclusionConstraintError".into(),
                message: "Exclusion constraint error".into(),
                props,
            }
        }
        "42704"
            if sql.to_uppercase().contains("CONSTRAINT")
                || sql.to_uppercase().contains("INDEX") =>
        {
            let lower = msg.to_lowercase();
            let index = between(&lower, "constraint \"", "\"")
                .or_else(|| between(&lower, "index \"", "\""))
                .map(|_| {
                    let tag = if lower.contains("constraint \"") {
                        "constraint \""
                    } else {
                        "index \""
                    };
                    let a = lower.find(tag).unwrap_or(0) + tag.len();
                    msg[a..].split('"').next().unwrap_or_default().to_string()
                });
            props.insert("constraint".into(), json!(index));
            props.insert("table".into(), json!(quoted_after("relation")));
            OpError {
                name: "SequelizeUnknownConstraintError".into(),
                message: "Unknown constraint error".into(),
                props,
            }
        }
        _ => OpError {
            name: "SequelizeDatabaseError".into(),
            message: msg,
            props,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use seqmig_db::ColumnInfo;

    fn result(cols: &[(&str, &str)], rows: Vec<Vec<Value>>) -> QueryResult {
        QueryResult {
            columns: cols
                .iter()
                .map(|(n, t)| ColumnInfo {
                    name: n.to_string(),
                    type_name: t.to_string(),
                    mysql: None,
                })
                .collect(),
            rows,
            rows_affected: 0,
            last_insert_id: None,
            command: Some("SELECT".into()),
            header: None,
            results: Vec::new(),
        }
    }

    #[test]
    fn describe_cleans_defaults_as_sequelize() {
        let t = |s: &str| Value::Text(s.into());
        let r = result(
            &[
                ("Constraint", "text"),
                ("Field", "name"),
                ("Default", "text"),
                ("Null", "text"),
                ("Type", "text"),
                ("special", "_name"),
                ("Comment", "text"),
            ],
            vec![
                vec![
                    t("PRIMARY KEY"),
                    t("id"),
                    t("nextval('users_id_seq'::regclass)"),
                    t("NO"),
                    t("integer"),
                    Value::Null,
                    Value::Null,
                ],
                vec![
                    Value::Null,
                    t("flag"),
                    t("false"),
                    t("YES"),
                    t("boolean"),
                    Value::Null,
                    t("a flag"),
                ],
                vec![
                    Value::Null,
                    t("name"),
                    t("'x'::character varying"),
                    t("YES"),
                    t("character varying(64)"),
                    Value::Null,
                    Value::Null,
                ],
                vec![
                    Value::Null,
                    t("st"),
                    Value::Null,
                    t("YES"),
                    t("USER-DEFINED"),
                    Value::Array(vec![t("a"), t("b c")]),
                    Value::Null,
                ],
            ],
        );
        let d = format_results("SELECT pk.constraint_type", &r, Shape::of("DESCRIBE"));
        assert_eq!(
            d,
            json!({
                "id": {"type": "INTEGER", "allowNull": false, "defaultValue": "nextval(users_id_seq::regclass)", "comment": null, "special": [], "primaryKey": true},
                "flag": {"type": "BOOLEAN", "allowNull": true, "defaultValue": false, "comment": "a flag", "special": [], "primaryKey": false},
                "name": {"type": "CHARACTER VARYING(64)", "allowNull": true, "defaultValue": "x", "comment": null, "special": [], "primaryKey": false},
                "st": {"type": "USER-DEFINED", "allowNull": true, "defaultValue": null, "comment": null, "special": ["a", "b c"], "primaryKey": false}
            })
        );
    }

    #[test]
    fn name_arrays_reach_js_as_text_and_raw_has_a_result_object() {
        let r = result(
            &[("enum_name", "name"), ("enum_value", "_name")],
            vec![vec![
                Value::Text("e".into()),
                Value::Array(vec![Value::Text("a".into()), Value::Text("b c".into())]),
            ]],
        );
        let out = format_results("SELECT t.typname", &r, Shape::RAW);
        assert_eq!(
            out[0],
            json!([{"enum_name": "e", "enum_value": "{a,\"b c\"}"}])
        );
        assert_eq!(out[1]["command"], "SELECT");
        assert_eq!(out[1]["fields"][1]["name"], "enum_value");
        let plain = format_results(
            "SELECT 1",
            &r,
            Shape {
                ty: "SELECT",
                plain: true,
                nest: false,
                returning: false,
            },
        );
        assert_eq!(plain["enum_name"], "e");
    }

    #[test]
    fn raw_result_object_has_pg8_fields_and_no_row_count_for_ddl() {
        let mut ddl = result(&[], vec![]);
        ddl.command = Some("CREATE".into());
        let out = format_results("CREATE SCHEMA s", &ddl, Shape::RAW);
        assert_eq!(
            serde_json::to_string(&out[1]).unwrap(),
            r#"{"command":"CREATE","rowCount":null,"oid":null,"rows":[],"fields":[],"_types":{"_types":{},"text":{},"binary":{}},"RowCtor":null,"rowAsArray":false,"_prebuiltEmptyResultObject":null}"#
        );
        let r = result(&[("a", "int4")], vec![vec![Value::Int(1)]]);
        let out = format_results("SELECT 1 AS a", &r, Shape::RAW);
        assert_eq!(out[1]["rowCount"], 0);
        assert_eq!(out[1]["_parsers"], json!([null]));
        assert_eq!(out[1]["_prebuiltEmptyResultObject"], json!({"a": null}));
    }

    #[test]
    fn hstore_ranges_and_inet_parse_as_sequelize() {
        let h = hstore_parse(r#""a"=>"it's \"q\"", "n"=>"1", "z"=>NULL"#);
        assert_eq!(
            Json::Object(h),
            json!({"a": "it's \"q\"", "n": "1", "z": null})
        );
        assert_eq!(
            range_parse("[1,10)", "int4range"),
            json!([{"value": 1, "inclusive": true}, {"value": 10, "inclusive": false}])
        );
        assert_eq!(range_parse("empty", "int4range"), json!([]));
        assert_eq!(range_parse("(,5]", "numrange")[0]["value"], Json::Null);
        assert_eq!(inet_text("192.0.2.10/32"), "192.0.2.10");
        assert_eq!(inet_text("10.0.0.0/8"), "10.0.0.0/8");
        assert_eq!(inet_text("2001:db8::1/128"), "2001:db8::1");
    }

    #[test]
    fn nest_builds_objects() {
        let r = result(
            &[("a.b", "int4"), ("a.c", "int4"), ("d", "int4")],
            vec![vec![Value::Int(1), Value::Int(2), Value::Int(3)]],
        );
        let out = format_results(
            "SELECT",
            &r,
            Shape {
                ty: "SELECT",
                plain: false,
                nest: true,
                returning: false,
            },
        );
        assert_eq!(out, json!([{"a": {"b": 1, "c": 2}, "d": 3}]));
    }

    #[test]
    fn errors_pick_sequelizes_classes() {
        let mut e = DbError::statement(
            "duplicate key value violates unique constraint \"users_email_key\"",
        );
        e.code = Some("23505".into());
        e.detail = Some("Key (email)=(a@b.c) already exists.".into());
        let err = pg_error(&e, "INSERT", json!([]));
        assert_eq!(err.name, "SequelizeUniqueConstraintError");
        assert_eq!(err.message, "Validation error");
        assert_eq!(err.props["fields"], json!({"email": "a@b.c"}));
        let mut e = DbError::statement("insert or update on table \"posts\" violates foreign key constraint \"posts_userId_fkey\"");
        e.code = Some("23503".into());
        let err = pg_error(&e, "INSERT", json!([]));
        assert_eq!(err.name, "SequelizeForeignKeyConstraintError");
        assert_eq!(err.props["index"], "posts_userId_fkey");
        assert_eq!(err.props["table"], "posts");
        let mut e = DbError::statement("relation \"nope\" does not exist");
        e.code = Some("42P01".into());
        assert_eq!(
            pg_error(&e, "SELECT", json!([])).name,
            "SequelizeDatabaseError"
        );
    }

    #[test]
    fn camel_cases_like_lodash() {
        assert_eq!(camel_case("referenced_table_name"), "referencedTableName");
        assert_eq!(camel_case("constraint_name"), "constraintName");
    }
}
