//! What Sequelize's mysql and mariadb `Query.formatResults` resolve to, from the cells and
//! headers the driver returned, with the values each Node driver hands to Sequelize:
//!
//! | | mysql (mysql2) | mariadb (connector 2.5) |
//! |---|---|---|
//! | DECIMAL | string | number |
//! | BIGINT past 2^53 | string | a Long `{low, high, unsigned}` |
//! | a write | ResultSetHeader `{fieldCount, affectedRows, insertId, info, serverStatus, warningStatus, changedRows}` | `{affectedRows, insertId, warningStatus}` |
//! | RAW rows | `[rows, rows]` | `[rows, column definitions]` |
//!
//! Both: DATETIME / TIMESTAMP as a Date, DATE as `'YYYY-MM-DD'` (Sequelize's DATEONLY
//! parser), TIME as text, BLOB as a Buffer, MySQL's JSON parsed (MariaDB's JSON is text).

use seqmig_db::{MysqlHeader, QueryResult, Value};
use serde_json::{json, Map, Value as Json};

use super::column_defs::mariadb_meta;
use crate::ops::rows::cell;
use crate::ops::Shape;

const MAX_SAFE: i64 = 9_007_199_254_740_991;

/// Which Node driver shapes the values, and the mysql2 options that change how
/// (`dialectOptions.decimalNumbers`, `bigNumberStrings`, `supportBigNumbers`; Sequelize
/// passes `supportBigNumbers: true, bigNumberStrings: false` unless they are given).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Driver {
    pub mariadb: bool,
    pub decimal_numbers: bool,
    pub big_number_strings: bool,
    pub support_big_numbers: bool,
}

impl From<bool> for Driver {
    fn from(mariadb: bool) -> Self {
        Driver {
            mariadb,
            decimal_numbers: false,
            big_number_strings: false,
            support_big_numbers: true,
        }
    }
}

impl Driver {
    /// `mariadb` with the options of a config's `dialectOptions` (mysql2's: the mariadb
    /// connector's own options are not read).
    pub(crate) fn of(mariadb: bool, options: &Map<String, Json>) -> Driver {
        let mut d = Driver::from(mariadb);
        if mariadb {
            return d;
        }
        let flag = |k: &str| match options.get(k) {
            Some(Json::Bool(b)) => Some(*b),
            Some(Json::String(s)) => Some(s == "true"),
            _ => None,
        };
        d.decimal_numbers = flag("decimalNumbers").unwrap_or(false);
        d.big_number_strings = flag("bigNumberStrings").unwrap_or(false);
        d.support_big_numbers = flag("supportBigNumbers").unwrap_or(true);
        d
    }
}

fn number(f: f64, text: &str) -> Json {
    serde_json::Number::from_f64(f)
        .map(Json::Number)
        .unwrap_or_else(|| json!(text))
}

/// A Long of the `long` package as JSON shows it.
fn long(v: i128, unsigned: bool) -> Json {
    let bits = v as u64;
    json!({"low": (bits & 0xffff_ffff) as u32 as i32, "high": (bits >> 32) as u32 as i32, "unsigned": unsigned})
}

/// A WKB reader (wkx's `Geometry.parse`) producing GeoJSON (`toGeoJSON()`).
struct Wkb<'a> {
    b: &'a [u8],
    at: usize,
}

impl Wkb<'_> {
    fn take<const N: usize>(&mut self) -> Option<[u8; N]> {
        let bytes = self.b.get(self.at..self.at + N)?.try_into().ok()?;
        self.at += N;
        Some(bytes)
    }
    fn u32(&mut self, le: bool) -> Option<u32> {
        let b = self.take::<4>()?;
        Some(if le {
            u32::from_le_bytes(b)
        } else {
            u32::from_be_bytes(b)
        })
    }
    fn f64(&mut self, le: bool) -> Option<Json> {
        let b = self.take::<8>()?;
        let f = if le {
            f64::from_le_bytes(b)
        } else {
            f64::from_be_bytes(b)
        };
        Some(
            serde_json::Number::from_f64(f)
                .map(Json::Number)
                .unwrap_or(Json::Null),
        )
    }
    fn point(&mut self, le: bool) -> Option<Json> {
        Some(json!([self.f64(le)?, self.f64(le)?]))
    }
    fn points(&mut self, le: bool) -> Option<Json> {
        let n = self.u32(le)?;
        (0..n)
            .map(|_| self.point(le))
            .collect::<Option<Vec<_>>>()
            .map(Json::Array)
    }
    fn rings(&mut self, le: bool) -> Option<Json> {
        let n = self.u32(le)?;
        (0..n)
            .map(|_| self.points(le))
            .collect::<Option<Vec<_>>>()
            .map(Json::Array)
    }
    /// One geometry with its byte order and type.
    fn geometry(&mut self) -> Option<Json> {
        let le = self.take::<1>()?[0] == 1;
        let kind = self.u32(le)?;
        let coords = |w: &mut Self, each: fn(&mut Self) -> Option<Json>| -> Option<Json> {
            let n = w.u32(le)?;
            let mut out = Vec::new();
            for _ in 0..n {
                let g = each(w)?;
                out.push(g.get("coordinates").cloned().unwrap_or(Json::Null));
            }
            Some(Json::Array(out))
        };
        Some(match kind {
            1 => json!({"type": "Point", "coordinates": self.point(le)?}),
            2 => json!({"type": "LineString", "coordinates": self.points(le)?}),
            3 => json!({"type": "Polygon", "coordinates": self.rings(le)?}),
            4 => json!({"type": "MultiPoint", "coordinates": coords(self, Self::geometry)?}),
            5 => json!({"type": "MultiLineString", "coordinates": coords(self, Self::geometry)?}),
            6 => json!({"type": "MultiPolygon", "coordinates": coords(self, Self::geometry)?}),
            7 => {
                let n = self.u32(le)?;
                let list = (0..n)
                    .map(|_| self.geometry())
                    .collect::<Option<Vec<_>>>()?;
                json!({"type": "GeometryCollection", "geometries": list})
            }
            _ => return None,
        })
    }
}

/// Sequelize's mysql / mariadb GEOMETRY parser: the server's value without its 4-byte
/// SRID, as GeoJSON; an empty value is null.
pub(crate) fn geojson(bytes: &[u8]) -> Json {
    if bytes.is_empty() {
        return Json::Null;
    }
    let mut w = Wkb {
        b: bytes.get(4..).unwrap_or_default(),
        at: 0,
    };
    w.geometry().unwrap_or(Json::Null)
}

/// One cell as the flavor's Node driver hands it to Sequelize.
pub(crate) fn my_cell(v: &Value, type_name: &str, driver: impl Into<Driver>) -> Json {
    let d: Driver = driver.into();
    let big = type_name == "LONGLONG";
    match v {
        Value::Blob(b) if type_name == "GEOMETRY" => geojson(b),
        Value::Int(i) if d.mariadb && i.abs() > MAX_SAFE => long(*i as i128, false),
        // mysql2: a BIGINT is a string when asked for, or past 2^53 with big numbers on.
        Value::Int(i)
            if !d.mariadb
                && d.support_big_numbers
                && (i.abs() > MAX_SAFE || (big && d.big_number_strings)) =>
        {
            json!(i.to_string())
        }
        Value::Numeric(s) => match type_name {
            "DECIMAL" | "NEWDECIMAL" if d.mariadb || d.decimal_numbers => {
                number(s.parse::<f64>().unwrap_or(f64::NAN), s)
            }
            // An UNSIGNED BIGINT past i64.
            "LONGLONG" if d.mariadb => match s.parse::<u64>() {
                Ok(u) => long(u as i128, true),
                Err(_) => json!(s),
            },
            "LONGLONG" if !d.support_big_numbers => number(s.parse::<f64>().unwrap_or(f64::NAN), s),
            _ => json!(s),
        },
        other => cell(other),
    }
}

/// Rows as objects keyed by column name, cells shaped for the flavor.
pub(crate) fn my_rows(r: &QueryResult, driver: impl Into<Driver>) -> Vec<Map<String, Json>> {
    let driver: Driver = driver.into();
    r.rows
        .iter()
        .map(|row| {
            let mut o = Map::new();
            for (c, v) in r.columns.iter().zip(row) {
                o.insert(c.name.clone(), my_cell(v, &c.type_name, driver));
            }
            o
        })
        .collect()
}

/// mysql2's `changedRows`, read from the info text (`Rows matched: 3  Changed: 3 …`).
fn changed_rows(info: &str) -> u64 {
    info.split("Changed:")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// The write result as the flavor's driver resolves it.
pub(crate) fn header_json(h: &MysqlHeader, mariadb: bool) -> Json {
    if mariadb {
        json!({"affectedRows": h.affected_rows, "insertId": h.insert_id, "warningStatus": h.warning_status})
    } else {
        let mut o = Map::new();
        o.insert("fieldCount".into(), json!(0));
        o.insert("affectedRows".into(), json!(h.affected_rows));
        o.insert("insertId".into(), json!(h.insert_id));
        o.insert("info".into(), json!(h.info));
        if let Some(s) = h.server_status {
            o.insert("serverStatus".into(), json!(s));
        }
        o.insert("warningStatus".into(), json!(h.warning_status));
        o.insert("changedRows".into(), json!(changed_rows(&h.info)));
        Json::Object(o)
    }
}

/// `handleSelectQuery` for raw rows: nest, then plain.
fn select(list: Vec<Map<String, Json>>, shape: Shape) -> Json {
    let list: Vec<Map<String, Json>> = if shape.nest {
        list.into_iter().map(crate::ops::rows::nest).collect()
    } else {
        list
    };
    if shape.plain {
        return list
            .into_iter()
            .next()
            .map(Json::Object)
            .unwrap_or(Json::Null);
    }
    Json::Array(list.into_iter().map(Json::Object).collect())
}

fn show_tables(list: Vec<Map<String, Json>>, mariadb: bool) -> Json {
    if mariadb {
        return Json::Array(
            list.into_iter()
                .map(|mut o| {
                    json!({
                        "tableName": o.remove("TABLE_NAME").unwrap_or_else(crate::ops::undefined),
                        "schema": o.remove("TABLE_SCHEMA").unwrap_or_else(crate::ops::undefined),
                    })
                })
                .collect(),
        );
    }
    // `_.flatten(results.map(r => Object.values(r)))`.
    Json::Array(list.into_iter().flat_map(|o| o.into_values()).collect())
}

fn describe(list: Vec<Map<String, Json>>) -> Json {
    let mut out = Map::new();
    for r in list {
        let s = |k: &str| {
            r.get(k)
                .and_then(Json::as_str)
                .unwrap_or_default()
                .to_string()
        };
        let ty = s("Type");
        let ty = if ty.len() >= 4 && ty[..4].eq_ignore_ascii_case("enum") {
            format!("ENUM{}", &ty[4..])
        } else {
            ty.to_uppercase()
        };
        let comment = match r.get("Comment") {
            Some(Json::String(c)) if !c.is_empty() => json!(c),
            _ => Json::Null,
        };
        out.insert(
            s("Field"),
            json!({
                "type": ty,
                "allowNull": s("Null") == "YES",
                "defaultValue": r.get("Default").cloned().unwrap_or(Json::Null),
                "primaryKey": s("Key") == "PRI",
                "autoIncrement": r.contains_key("Extra") && s("Extra").to_lowercase() == "auto_increment",
                "comment": comment,
            }),
        );
    }
    Json::Object(out)
}

/// `handleShowIndexesQuery`: one entry per index, its fields in `Seq_in_index` order.
fn show_indexes(list: Vec<Map<String, Json>>) -> Json {
    let mut out: Vec<Map<String, Json>> = Vec::new();
    for item in list {
        let name = item.get("Key_name").cloned().unwrap_or(Json::Null);
        let pos = match out.iter().position(|o| o.get("name") == Some(&name)) {
            Some(p) => p,
            None => {
                let mut o = Map::new();
                o.insert("primary".into(), json!(name == json!("PRIMARY")));
                o.insert("fields".into(), json!([]));
                o.insert("name".into(), name.clone());
                o.insert(
                    "tableName".into(),
                    item.get("Table").cloned().unwrap_or(Json::Null),
                );
                o.insert(
                    "unique".into(),
                    json!(item.get("Non_unique").and_then(Json::as_i64) != Some(1)),
                );
                o.insert(
                    "type".into(),
                    item.get("Index_type").cloned().unwrap_or(Json::Null),
                );
                out.push(o);
                out.len() - 1
            }
        };
        let seq = item
            .get("Seq_in_index")
            .and_then(Json::as_u64)
            .unwrap_or(1)
            .max(1) as usize;
        let sub_part = match item.get("Sub_part") {
            Some(Json::Null) | None => crate::ops::undefined(),
            Some(Json::Number(n)) if n.as_i64() == Some(0) => crate::ops::undefined(),
            Some(v) => v.clone(),
        };
        let order = if item.get("Collation").and_then(Json::as_str) == Some("A") {
            json!("ASC")
        } else {
            crate::ops::undefined()
        };
        let field = json!({
            "attribute": item.get("Column_name").cloned().unwrap_or(Json::Null),
            "length": sub_part,
            "order": order,
        });
        if let Some(Json::Array(fields)) = out[pos].get_mut("fields") {
            while fields.len() < seq {
                fields.push(crate::ops::undefined());
            }
            fields[seq - 1] = field;
        }
    }
    Json::Array(out.into_iter().map(Json::Object).collect())
}

/// `formatResults` of the flavor's query for a statement `sql` (as sent) that answered `r`.
pub(crate) fn format_results(
    sql: &str,
    r: &QueryResult,
    shape: Shape,
    driver: impl Into<Driver>,
) -> Json {
    let driver: Driver = driver.into();
    if !r.results.is_empty() {
        return super::multi_statements::format_multi(sql, &r.results, shape, driver);
    }
    let mariadb = driver.mariadb;
    let undefined = crate::ops::undefined;
    let ty = shape.ty;
    let lower = sql.to_lowercase();
    let header = r.header.as_ref();
    let rows = || my_rows(r, driver);
    let data = || match header {
        Some(h) => header_json(h, mariadb),
        None => Json::Array(rows().into_iter().map(Json::Object).collect()),
    };
    let affected = || match header {
        Some(h) => json!(h.affected_rows),
        None => undefined(),
    };
    // isInsertQuery(data): an INSERT query, or `insert into` answered by a header.
    let insert_data = ty == "INSERT" || (lower.starts_with("insert into") && header.is_some());
    let insert_id = || match header {
        Some(h) => json!(h.insert_id),
        None => undefined(),
    };
    // isInsertQuery() without data.
    let insert_query = ty == "INSERT" || lower.starts_with("insert into");
    if mariadb {
        if matches!(ty, "BULKUPDATE" | "BULKDELETE") {
            return affected();
        }
        if ty == "UPSERT" {
            return json!([undefined(), header.map(|h| h.affected_rows == 1)]);
        }
        if insert_data {
            return json!([insert_id(), affected()]);
        }
        if ty == "SELECT" {
            return select(rows(), shape);
        }
        if insert_query || ty == "UPDATE" {
            return json!([undefined(), affected()]);
        }
        if lower.starts_with("call") {
            return rows()
                .into_iter()
                .next()
                .map(Json::Object)
                .unwrap_or_else(undefined);
        }
        if ty == "RAW" {
            return match header {
                Some(h) => json!([header_json(h, true), undefined()]),
                None => json!([data(), mariadb_meta(r)]),
            };
        }
        return match ty {
            "SHOWINDEXES" => show_indexes(rows()),
            "FOREIGNKEYS" | "SHOWCONSTRAINTS" => data(),
            "SHOWTABLES" => show_tables(rows(), true),
            "DESCRIBE" => describe(rows()),
            "VERSION" => version(rows()),
            _ => undefined(),
        };
    }
    let result = if insert_data {
        insert_id()
    } else {
        undefined()
    };
    match ty {
        "SELECT" => select(rows(), shape),
        "SHOWTABLES" => show_tables(rows(), false),
        "DESCRIBE" => describe(rows()),
        "SHOWINDEXES" => show_indexes(rows()),
        _ if lower.starts_with("call") => rows()
            .into_iter()
            .next()
            .map(Json::Object)
            .unwrap_or_else(undefined),
        "BULKUPDATE" | "BULKDELETE" => affected(),
        "VERSION" => version(rows()),
        "FOREIGNKEYS" => data(),
        "UPSERT" => json!([result, header.map(|h| h.affected_rows == 1)]),
        _ if insert_query || ty == "UPDATE" => json!([result, affected()]),
        "SHOWCONSTRAINTS" => data(),
        "RAW" => json!([data(), same_as_previous()]),
        _ => result,
    }
}

/// mysql's RAW answer `[data, data]` is one object twice (`meta === rows`): the shims
/// revive this in an array as the element before it.
pub(super) fn same_as_previous() -> Json {
    json!({"$seqmig": "previous"})
}

/// `queryInterface.upsert` (type UPSERT, no instance): `[result, affectedRows === 1]`.
/// mariadb answers the upsert before anything else, so its result is the (absent)
/// instance. mysql reads the insert first (`isInsertQuery(data)`): the result is the
/// insertId, or, when the model's primary key is its autoIncrement attribute
/// (`auto_increment_field`), one `{field: id}` for each affected row counted up from the
/// insertId (an update counts 2, so 2 ids).
pub(crate) fn upsert(
    header: Option<&MysqlHeader>,
    auto_increment_field: Option<&str>,
    mariadb: bool,
) -> Json {
    let created = json!(header.is_some_and(|h| h.affected_rows == 1));
    let result = match header {
        Some(h) if !mariadb => match auto_increment_field {
            Some(field) => Json::Array(
                (h.insert_id..h.insert_id + h.affected_rows)
                    .map(|id| json!({ field: id }))
                    .collect(),
            ),
            None => json!(h.insert_id),
        },
        _ => crate::ops::undefined(),
    };
    json!([result, created])
}

/// `Model.upsert`'s query (with an instance): `created` is `affectedRows === 1`; mysql
/// sets the instance's auto-increment attribute from the insertId first
/// (`handleInsertQuery`: `insertId || undefined`), mariadb answers before that (no `id`:
/// the instance keeps what it was built with).
pub(crate) fn model_upsert(header: Option<&MysqlHeader>, mariadb: bool) -> Json {
    let created = json!(header.is_some_and(|h| h.affected_rows == 1));
    if mariadb {
        return json!({"row": null, "created": created});
    }
    let id = match header {
        Some(h) if h.insert_id != 0 => json!(h.insert_id),
        _ => crate::ops::undefined(),
    };
    json!({"id": id, "row": null, "created": created})
}

fn version(list: Vec<Map<String, Json>>) -> Json {
    list.into_iter()
        .next()
        .and_then(|mut o| o.remove("version"))
        .unwrap_or_else(crate::ops::undefined)
}

#[cfg(test)]
mod tests {
    use super::*;
    use seqmig_db::ColumnInfo;

    fn rows_result(cols: &[(&str, &str)], rows: Vec<Vec<Value>>) -> QueryResult {
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
            ..Default::default()
        }
    }

    fn write(affected: u64, insert_id: u64, info: &str) -> QueryResult {
        QueryResult {
            header: Some(MysqlHeader {
                affected_rows: affected,
                insert_id,
                warning_status: 0,
                info: info.into(),
                server_status: Some(2),
            }),
            ..Default::default()
        }
    }

    fn header(affected: u64, insert_id: u64) -> MysqlHeader {
        MysqlHeader {
            affected_rows: affected,
            insert_id,
            ..MysqlHeader::default()
        }
    }

    /// Regression: queryInterface.upsert resolved to `[insertId, created]` where
    /// Sequelize's mysql query gives one `{pk: id}` per affected row.
    #[test]
    fn query_interface_upsert_answers_as_each_dialect() {
        assert_eq!(
            upsert(Some(&header(1, 1)), Some("id"), false),
            json!([[{"id": 1}], true])
        );
        // An update counts two affected rows, so two ids from the insertId.
        assert_eq!(
            upsert(Some(&header(2, 10)), Some("id"), false),
            json!([[{"id": 10}, {"id": 11}], false])
        );
        assert_eq!(upsert(Some(&header(1, 7)), None, false), json!([7, true]));
        assert_eq!(
            upsert(Some(&header(1, 7)), Some("id"), true),
            json!([{"$seqmig": "undefined"}, true])
        );
    }

    /// Regression: Model.upsert's `created` was null on mysql and mariadb.
    #[test]
    fn model_upsert_answers_created_and_mysqls_insert_id() {
        assert_eq!(
            model_upsert(Some(&header(1, 4)), false),
            json!({"id": 4, "row": null, "created": true})
        );
        assert_eq!(
            model_upsert(Some(&header(0, 0)), false),
            json!({"id": {"$seqmig": "undefined"}, "row": null, "created": false})
        );
        // mariadb answers before reading the id: the instance keeps its own.
        assert_eq!(
            model_upsert(Some(&header(2, 1)), true),
            json!({"row": null, "created": false})
        );
    }

    #[test]
    fn writes_resolve_as_each_driver_resolves_them() {
        let ins = write(1, 7, "");
        assert_eq!(
            format_results("INSERT INTO t VALUES (1)", &ins, Shape::RAW, false),
            json!([7, 1])
        );
        assert_eq!(
            format_results("INSERT INTO t VALUES (1)", &ins, Shape::RAW, true),
            json!([7, 1])
        );
        assert_eq!(
            format_results("INSERT INTO t VALUES (1)", &ins, Shape::of("INSERT"), false),
            json!([7, 1])
        );
        let upd = write(3, 0, "Rows matched: 3  Changed: 3  Warnings: 0");
        let mysql = format_results("UPDATE t SET a = 1", &upd, Shape::RAW, false);
        assert_eq!(mysql[0]["changedRows"], 3);
        assert_eq!(mysql[0]["affectedRows"], 3);
        assert_eq!(mysql[1], same_as_previous());
        let maria = format_results("UPDATE t SET a = 1", &upd, Shape::RAW, true);
        assert_eq!(
            maria,
            json!([{"affectedRows": 3, "insertId": 0, "warningStatus": 0}, {"$seqmig": "undefined"}])
        );
        assert_eq!(
            format_results("UPDATE t SET a = 1", &upd, Shape::of("BULKUPDATE"), true),
            json!(3)
        );
        // mysql reads the insertId first (isInsertQuery), mariadb answers the upsert first.
        let upsert = "INSERT INTO t VALUES (1) ON DUPLICATE KEY UPDATE a=VALUES(a)";
        assert_eq!(
            format_results(upsert, &ins, Shape::of("UPSERT"), false),
            json!([7, true])
        );
        assert_eq!(
            format_results(upsert, &ins, Shape::of("UPSERT"), true),
            json!([{"$seqmig": "undefined"}, true])
        );
    }

    #[test]
    fn values_differ_by_driver() {
        let r = rows_result(
            &[("price", "NEWDECIMAL"), ("big", "LONGLONG"), ("d", "DATE")],
            vec![vec![
                Value::Numeric("19.99".into()),
                Value::Int(9_007_199_254_740_993),
                Value::Date("2024-01-02".into()),
            ]],
        );
        let mysql = format_results("SELECT 1", &r, Shape::of("SELECT"), false);
        assert_eq!(
            mysql,
            json!([{"price": "19.99", "big": "9007199254740993", "d": "2024-01-02"}])
        );
        let maria = format_results("SELECT 1", &r, Shape::of("SELECT"), true);
        assert_eq!(maria[0]["price"], json!(19.99));
        assert_eq!(
            maria[0]["big"],
            json!({"low": 1, "high": 2097152, "unsigned": false})
        );
        // RAW: mysql repeats the rows, mariadb gives the column definitions.
        let raw = format_results("SELECT 1", &r, Shape::RAW, false);
        assert_eq!(raw[0][0]["price"], "19.99");
        assert_eq!(raw[1], same_as_previous());
        let raw = format_results("SELECT 1", &r, Shape::RAW, true);
        assert_eq!(raw[1][0]["name"], "price");
    }

    #[test]
    fn mysql2_number_options_from_dialect_options() {
        let opts = |v: Json| Driver::of(false, v.as_object().unwrap());
        let dec = Value::Numeric("19.99".into());
        assert_eq!(my_cell(&dec, "NEWDECIMAL", false), json!("19.99"));
        assert_eq!(
            my_cell(&dec, "NEWDECIMAL", opts(json!({"decimalNumbers": true}))),
            json!(19.99)
        );
        let small = Value::Int(5);
        assert_eq!(my_cell(&small, "LONGLONG", false), json!(5));
        assert_eq!(
            my_cell(&small, "LONGLONG", opts(json!({"bigNumberStrings": true}))),
            json!("5")
        );
        let huge = Value::Int(9_007_199_254_740_993);
        assert_eq!(
            my_cell(&huge, "LONGLONG", opts(json!({"supportBigNumbers": false}))),
            json!(9_007_199_254_740_993i64)
        );
        // The mariadb connector's options are not mysql2's: nothing changes there.
        let maria = Driver::of(true, json!({"decimalNumbers": false}).as_object().unwrap());
        assert_eq!(my_cell(&dec, "NEWDECIMAL", maria), json!(19.99));
    }

    #[test]
    fn geometry_cells_are_geojson_as_sequelizes_parser_makes_them() {
        // SRID 0, little endian, POINT(1.5 -2).
        let mut point = vec![0, 0, 0, 0, 1, 1, 0, 0, 0];
        point.extend_from_slice(&1.5f64.to_le_bytes());
        point.extend_from_slice(&(-2.0f64).to_le_bytes());
        assert_eq!(
            my_cell(&Value::Blob(point.clone()), "GEOMETRY", false),
            json!({"type": "Point", "coordinates": [1.5, -2.0]})
        );
        // MULTIPOINT of that point twice.
        let mut multi = vec![0, 0, 0, 0, 1, 4, 0, 0, 0, 2, 0, 0, 0];
        multi.extend_from_slice(&point[4..]);
        multi.extend_from_slice(&point[4..]);
        assert_eq!(
            my_cell(&Value::Blob(multi), "GEOMETRY", true),
            json!({"type": "MultiPoint", "coordinates": [[1.5, -2.0], [1.5, -2.0]]})
        );
        assert_eq!(my_cell(&Value::Blob(vec![]), "GEOMETRY", false), Json::Null);
        // A BLOB stays a Buffer.
        assert_eq!(
            my_cell(&Value::Blob(vec![1]), "BLOB", false)["$seqmig"],
            "buffer"
        );
    }

    #[test]
    fn describe_tables_and_indexes() {
        let r = rows_result(
            &[
                ("Field", "VAR_STRING"),
                ("Type", "BLOB"),
                ("Null", "VAR_STRING"),
                ("Key", "VAR_STRING"),
                ("Default", "BLOB"),
                ("Extra", "VAR_STRING"),
                ("Comment", "VAR_STRING"),
            ],
            vec![
                ["id", "int(11)", "NO", "PRI", "", "auto_increment", ""]
                    .iter()
                    .enumerate()
                    .map(|(i, s)| {
                        if i == 4 {
                            Value::Null
                        } else {
                            Value::Text(s.to_string())
                        }
                    })
                    .collect(),
                ["kind", "enum('a','b')", "YES", "", "'a'", "", "the kind"]
                    .iter()
                    .map(|s| Value::Text(s.to_string()))
                    .collect(),
            ],
        );
        let d = format_results(
            "SHOW FULL COLUMNS FROM `t`;",
            &r,
            Shape::of("DESCRIBE"),
            false,
        );
        assert_eq!(
            d["id"],
            json!({"type": "INT(11)", "allowNull": false, "defaultValue": null, "primaryKey": true, "autoIncrement": true, "comment": null})
        );
        assert_eq!(d["kind"]["type"], "ENUM('a','b')");
        assert_eq!(d["kind"]["comment"], "the kind");
        let idx = rows_result(
            &[
                ("Table", "VAR_STRING"),
                ("Non_unique", "LONGLONG"),
                ("Key_name", "VAR_STRING"),
                ("Seq_in_index", "LONGLONG"),
                ("Column_name", "VAR_STRING"),
                ("Collation", "VAR_STRING"),
                ("Sub_part", "LONGLONG"),
                ("Index_type", "VAR_STRING"),
            ],
            vec![
                vec![
                    Value::Text("t".into()),
                    Value::Int(0),
                    Value::Text("PRIMARY".into()),
                    Value::Int(1),
                    Value::Text("id".into()),
                    Value::Text("A".into()),
                    Value::Null,
                    Value::Text("BTREE".into()),
                ],
                vec![
                    Value::Text("t".into()),
                    Value::Int(1),
                    Value::Text("t_a_b".into()),
                    Value::Int(1),
                    Value::Text("a".into()),
                    Value::Text("A".into()),
                    Value::Int(10),
                    Value::Text("BTREE".into()),
                ],
                vec![
                    Value::Text("t".into()),
                    Value::Int(1),
                    Value::Text("t_a_b".into()),
                    Value::Int(2),
                    Value::Text("b".into()),
                    Value::Null,
                    Value::Null,
                    Value::Text("BTREE".into()),
                ],
            ],
        );
        let list = format_results("SHOW INDEX FROM `t`", &idx, Shape::of("SHOWINDEXES"), false);
        assert_eq!(list[0]["primary"], true);
        assert_eq!(list[1]["unique"], false);
        assert_eq!(list[1]["fields"][0]["length"], 10);
        assert_eq!(list[1]["fields"][1]["attribute"], "b");
        assert_eq!(
            list[1]["fields"][1]["order"],
            json!({"$seqmig": "undefined"})
        );
        let tables = rows_result(
            &[("TABLE_NAME", "VAR_STRING"), ("TABLE_SCHEMA", "VAR_STRING")],
            vec![vec![Value::Text("users".into()), Value::Text("app".into())]],
        );
        assert_eq!(
            format_results("SELECT", &tables, Shape::of("SHOWTABLES"), true),
            json!([{"tableName": "users", "schema": "app"}])
        );
    }
}
