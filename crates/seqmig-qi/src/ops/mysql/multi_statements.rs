//! What Sequelize's mysql and mariadb queries resolve a string of several statements to
//! (`multipleStatements`): both drivers hand over the array of the statements' results,
//! which `formatResults` then tests as it would one result.

use seqmig_db::QueryResult;
use serde_json::{json, Map, Value as Json};

use super::column_defs::mariadb_meta;
use super::result_shapes::{format_results, header_json, my_rows, same_as_previous, Driver};
use crate::ops::Shape;

/// One statement's result as the flavor's driver resolves it inside the array of a
/// multi-statement string: mysql2's rows or ResultSetHeader; the connector's rows (an
/// array carrying its `meta`) or OkPacket.
fn statement_result(q: &QueryResult, driver: Driver) -> Json {
    match &q.header {
        Some(h) => header_json(h, driver.mariadb),
        None => {
            let rows = Json::Array(my_rows(q, driver).into_iter().map(Json::Object).collect());
            if driver.mariadb {
                json!({"$seqmig": "array", "items": rows, "props": {"meta": mariadb_meta(q)}})
            } else {
                rows
            }
        }
    }
}

/// `for (const key in result) o[key] = result[key]` of one statement's result
/// (handleSelectQuery, raw): rows become `{"0": row, ...}` (and the connector's `meta`).
fn plain_copy(q: &QueryResult, driver: Driver) -> Map<String, Json> {
    match &q.header {
        Some(h) => header_json(h, driver.mariadb)
            .as_object()
            .cloned()
            .unwrap_or_default(),
        None => {
            let mut o: Map<String, Json> = my_rows(q, driver)
                .into_iter()
                .enumerate()
                .map(|(i, row)| (i.to_string(), Json::Object(row)))
                .collect();
            if driver.mariadb {
                o.insert("meta".into(), mariadb_meta(q));
            }
            o
        }
    }
}

/// `formatResults` when the driver resolved a string of several statements
/// (`multipleStatements`) to the array of their results: the same tests, on an array,
/// so `data.affectedRows` and `data.insertId` are undefined (an UPDATE or INSERT type
/// answers `[undefined, undefined]`, BULKUPDATE undefined), SELECT copies each result
/// into a plain object, RAW answers `[data, data]` (mariadb: `[data, undefined]`, the
/// array having no `meta` of its own). The types Sequelize only sends one statement for
/// (SHOWTABLES, DESCRIBE, SHOWINDEXES, VERSION) are shaped from the first result.
pub(super) fn format_multi(
    sql: &str,
    results: &[QueryResult],
    shape: Shape,
    driver: Driver,
) -> Json {
    let undefined = crate::ops::undefined;
    let ty = shape.ty;
    let lower = sql.to_lowercase();
    let data = || {
        Json::Array(
            results
                .iter()
                .map(|q| statement_result(q, driver))
                .collect(),
        )
    };
    let insert_query = ty == "INSERT" || lower.starts_with("insert into");
    if lower.starts_with("call") {
        return results
            .first()
            .map(|q| statement_result(q, driver))
            .unwrap_or_else(undefined);
    }
    match ty {
        "SELECT" => {
            let list: Vec<Map<String, Json>> = results
                .iter()
                .map(|q| plain_copy(q, driver))
                .map(|o| {
                    if shape.nest {
                        crate::ops::rows::nest(o)
                    } else {
                        o
                    }
                })
                .collect();
            if shape.plain {
                list.into_iter()
                    .next()
                    .map(Json::Object)
                    .unwrap_or(Json::Null)
            } else {
                Json::Array(list.into_iter().map(Json::Object).collect())
            }
        }
        "BULKUPDATE" | "BULKDELETE" => undefined(),
        "UPSERT" => json!([undefined(), false]),
        _ if insert_query || ty == "UPDATE" => json!([undefined(), undefined()]),
        "FOREIGNKEYS" | "SHOWCONSTRAINTS" => data(),
        "RAW" if driver.mariadb => json!([data(), undefined()]),
        "RAW" => json!([data(), same_as_previous()]),
        "SHOWTABLES" | "DESCRIBE" | "SHOWINDEXES" | "VERSION" => {
            let first = results.first().cloned().unwrap_or_default();
            format_results(sql, &first, shape, driver)
        }
        _ => undefined(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use seqmig_db::{ColumnInfo, MysqlHeader, Value};

    fn rows(name: &str, v: i64) -> QueryResult {
        QueryResult {
            columns: vec![ColumnInfo {
                name: name.into(),
                type_name: "LONG".into(),
                mysql: None,
            }],
            rows: vec![vec![Value::Int(v)]],
            ..QueryResult::default()
        }
    }

    fn write(affected: u64, insert_id: u64) -> QueryResult {
        QueryResult {
            header: Some(MysqlHeader {
                affected_rows: affected,
                insert_id,
                server_status: Some(10),
                ..MysqlHeader::default()
            }),
            ..QueryResult::default()
        }
    }

    /// Regression: a string of several statements resolved to its first result.
    #[test]
    fn several_statements_resolve_to_the_array_of_their_results() {
        let all = [write(1, 4), rows("a", 1), rows("b", 2)];
        let mysql = Driver::from(false);
        let sql = "INSERT INTO t VALUES (1); SELECT 1 AS a; SELECT 2 AS b";
        // INSERT INTO ...: `[instance, data.affectedRows]` of an array.
        assert_eq!(
            format_multi(sql, &all, Shape::RAW, mysql),
            json!([{"$seqmig": "undefined"}, {"$seqmig": "undefined"}])
        );
        let selects = &all[1..];
        let raw = format_multi("SELECT 1 AS a; SELECT 2 AS b", selects, Shape::RAW, mysql);
        assert_eq!(raw[0], json!([[{"a": 1}], [{"b": 2}]]));
        assert_eq!(raw[1], same_as_previous());
        let select = format_multi(sql, &all, Shape::of("SELECT"), mysql);
        assert_eq!(select[0]["insertId"], 4);
        assert_eq!(select[0]["serverStatus"], 10);
        assert_eq!(select[1], json!({"0": {"a": 1}}));
        let plain = Shape {
            plain: true,
            ..Shape::of("SELECT")
        };
        assert_eq!(
            format_multi(sql, &all, plain, mysql),
            json!({"insertId": 4, "fieldCount": 0, "affectedRows": 1, "info": "", "serverStatus": 10, "warningStatus": 0, "changedRows": 0})
        );
        assert_eq!(
            format_multi(sql, &all, Shape::of("BULKUPDATE"), mysql),
            json!({"$seqmig": "undefined"})
        );
        // mariadb: the rows carry their `meta`; RAW has none of its own.
        let maria = Driver::from(true);
        let raw = format_multi("SELECT 1 AS a; SELECT 2 AS b", selects, Shape::RAW, maria);
        assert_eq!(raw[0][0]["$seqmig"], "array");
        assert_eq!(raw[0][0]["items"], json!([{"a": 1}]));
        assert_eq!(raw[1], json!({"$seqmig": "undefined"}));
        let select = format_multi(sql, &all, Shape::of("SELECT"), maria);
        assert_eq!(
            select[0],
            json!({"affectedRows": 1, "insertId": 4, "warningStatus": 0})
        );
        assert!(select[1]["meta"].is_array());
    }
}
