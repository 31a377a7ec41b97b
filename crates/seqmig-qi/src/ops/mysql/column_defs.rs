//! The mariadb connector 2.5.6's column definitions (`ColumnDef`, the `meta` Sequelize's
//! mariadb dialect resolves a raw SELECT to), rebuilt from the definitions the server
//! sent: the `_parse` offsets, the packet they point into, the collation, the type.

use seqmig_db::{QueryResult, Value};
use serde_json::{json, Map, Value as Json};

use crate::ops::rows::cell;

/// The mariadb connector's `meta` of a result with rows: one `ColumnDef` per column, as
/// the connector 2.5.6 builds it (`lib/cmd/column-definition.js`), with its `_parse`
/// offsets into the column definition packet and that packet (rebuilt from what the
/// server sent: a JSON column with its extended metadata block `format=json`, any other
/// with an empty one, as MariaDB 10.5+ sends them).
pub(super) fn mariadb_meta(r: &QueryResult) -> Json {
    Json::Array(r.columns.iter().map(column_def).collect())
}

/// A value tagged for the shims to revive as an instance of a class of that name (what
/// util.inspect shows; JSON.stringify sees the properties only).
fn instance(class: &str, props: Map<String, Json>) -> Json {
    json!({"$seqmig": "instance", "class": class, "props": props})
}

fn lenenc(out: &mut Vec<u8>, n: usize) {
    match n {
        0..=250 => out.push(n as u8),
        251..=0xffff => {
            out.push(0xfc);
            out.extend_from_slice(&(n as u16).to_le_bytes());
        }
        0x1_0000..=0xff_ffff => {
            out.push(0xfd);
            out.extend_from_slice(&(n as u32).to_le_bytes()[..3]);
        }
        _ => {
            out.push(0xfe);
            out.extend_from_slice(&(n as u64).to_le_bytes());
        }
    }
}

/// The connector's field type names (`lib/const/field-type.js`).
fn field_type_name(t: u8) -> Option<&'static str> {
    Some(match t {
        0 => "DECIMAL",
        1 => "TINY",
        2 => "SHORT",
        3 => "LONG",
        4 => "FLOAT",
        5 => "DOUBLE",
        6 => "NULL",
        7 => "TIMESTAMP",
        8 => "LONGLONG",
        9 => "INT24",
        10 => "DATE",
        11 => "TIME",
        12 => "DATETIME",
        13 => "YEAR",
        14 => "NEWDATE",
        15 => "VARCHAR",
        16 => "BIT",
        17 => "TIMESTAMP2",
        18 => "DATETIME2",
        19 => "TIME2",
        245 => "JSON",
        246 => "NEWDECIMAL",
        247 => "ENUM",
        248 => "SET",
        249 => "TINY_BLOB",
        250 => "MEDIUM_BLOB",
        251 => "LONG_BLOB",
        252 => "BLOB",
        253 => "VAR_STRING",
        254 => "STRING",
        255 => "GEOMETRY",
        _ => return None,
    })
}

/// One `ColumnDef`; a column without its definition (never from the driver) gives what
/// is known: name and type.
fn column_def(c: &seqmig_db::ColumnInfo) -> Json {
    let Some(d) = c.mysql.as_deref() else {
        return json!({"name": c.name, "type": c.type_name});
    };
    // MariaDB's JSON is a LONGTEXT (BLOB) with the format `json`.
    let column_type = if d.json { 252 } else { d.column_type };
    let mut buf = Vec::new();
    let mut parse = Map::new();
    lenenc(&mut buf, 3);
    buf.extend_from_slice(b"def");
    for (key, bytes) in [
        ("db", &d.schema),
        ("table", &d.table),
        ("orgTable", &d.org_table),
        ("name", &d.name),
        ("orgName", &d.org_name),
    ] {
        lenenc(&mut buf, bytes.len());
        parse.insert(format!("{key}Length"), json!(bytes.len()));
        parse.insert(format!("{key}Offset"), json!(buf.len()));
        buf.extend_from_slice(bytes);
    }
    if d.json {
        buf.extend_from_slice(&[6, 1, 4]);
        buf.extend_from_slice(b"json");
    } else {
        buf.push(0);
    }
    buf.push(0x0c);
    buf.extend_from_slice(&d.character_set.to_le_bytes());
    buf.extend_from_slice(&d.column_length.to_le_bytes());
    buf.push(column_type);
    buf.extend_from_slice(&d.flags.to_le_bytes());
    buf.push(d.decimals);
    let pos = buf.len();
    buf.extend_from_slice(&[0, 0]);
    let mut packet = Map::new();
    packet.insert("buf".into(), cell(&Value::Blob(buf.clone())));
    packet.insert("pos".into(), json!(pos));
    packet.insert("end".into(), json!(buf.len()));
    packet.insert("encoding".into(), json!("utf8"));
    parse.insert("packet".into(), instance("PacketNodeEncoded", packet));
    let mut o = Map::new();
    o.insert("_parse".into(), instance("StringParser", parse));
    if d.json {
        o.insert("dataTypeFormat".into(), json!("json"));
    }
    let collation = match super::collations::collation(d.character_set) {
        Some((index, name, charset)) => instance(
            "Collation",
            json!({"index": index, "name": name, "charset": charset})
                .as_object()
                .cloned()
                .unwrap_or_default(),
        ),
        None => crate::ops::undefined(),
    };
    o.insert("collation".into(), collation);
    o.insert("columnLength".into(), json!(d.column_length));
    o.insert("columnType".into(), json!(column_type));
    o.insert("flags".into(), json!(d.flags));
    o.insert("scale".into(), json!(d.decimals));
    o.insert(
        "type".into(),
        field_type_name(column_type).map_or_else(crate::ops::undefined, |t| json!(t)),
    );
    instance("ColumnDef", o)
}

#[cfg(test)]
mod tests {
    use super::*;
    use seqmig_db::{ColumnInfo, MysqlColumnDef};

    fn column(name: &str, d: MysqlColumnDef) -> ColumnInfo {
        ColumnInfo {
            name: name.into(),
            type_name: String::new(),
            mysql: Some(Box::new(d)),
        }
    }

    /// What the connector 2.5.6 gave for `SELECT 1+1 AS two` against MariaDB 10.11
    /// (JSON.stringify under Node 20).
    #[test]
    fn a_column_definition_as_the_connector_builds_it() {
        let c = column(
            "two",
            MysqlColumnDef {
                name: b"two".to_vec(),
                character_set: 63,
                column_length: 3,
                column_type: 3,
                flags: 129,
                ..MysqlColumnDef::default()
            },
        );
        let buf = [
            3, 100, 101, 102, 0, 0, 0, 3, 116, 119, 111, 0, 0, 12, 63, 0, 3, 0, 0, 0, 3, 129, 0, 0,
            0, 0,
        ];
        let base64 = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, buf);
        assert_eq!(
            column_def(&c),
            json!({"$seqmig": "instance", "class": "ColumnDef", "props": {
                "_parse": {"$seqmig": "instance", "class": "StringParser", "props": {
                    "dbLength": 0, "dbOffset": 5, "tableLength": 0, "tableOffset": 6,
                    "orgTableLength": 0, "orgTableOffset": 7, "nameLength": 3, "nameOffset": 8,
                    "orgNameLength": 0, "orgNameOffset": 12,
                    "packet": {"$seqmig": "instance", "class": "PacketNodeEncoded", "props": {
                        "buf": {"$seqmig": "buffer", "base64": base64},
                        "pos": 24, "end": 26, "encoding": "utf8"}}}},
                "collation": {"$seqmig": "instance", "class": "Collation", "props": {
                    "index": 63, "name": "BINARY", "charset": "binary"}},
                "columnLength": 3, "columnType": 3, "flags": 129, "scale": 0, "type": "LONG"}})
        );
    }

    /// MariaDB's JSON: a LONGTEXT (BLOB) whose extended metadata says `json`.
    #[test]
    fn a_json_column_keeps_its_format_block() {
        let c = column(
            "meta",
            MysqlColumnDef {
                schema: b"db".to_vec(),
                table: b"t".to_vec(),
                org_table: b"t".to_vec(),
                name: b"meta".to_vec(),
                org_name: b"meta".to_vec(),
                character_set: 224,
                column_length: u32::MAX,
                column_type: 245,
                flags: 144,
                decimals: 0,
                json: true,
            },
        );
        let props = &column_def(&c)["props"];
        assert_eq!(props["dataTypeFormat"], "json");
        assert_eq!(props["columnType"], 252);
        assert_eq!(props["type"], "BLOB");
        assert_eq!(props["collation"]["props"]["name"], "UTF8MB4_UNICODE_CI");
        assert_eq!(props["collation"]["props"]["charset"], "utf8");
        let parse = &props["_parse"]["props"];
        assert_eq!(
            (parse["dbOffset"].clone(), parse["orgNameOffset"].clone()),
            (json!(5), json!(17))
        );
        // 'def', 2 + 1 + 1 + 4 + 4 name bytes with their lengths, the 7-byte json block,
        // 0x0c and the 10 fixed bytes, then the filler.
        assert_eq!(
            parse["packet"]["props"]["pos"],
            4 + 3 + 2 + 2 + 5 + 5 + 7 + 11
        );
        // An unknown collation id is undefined, as `Collations.fromIndex`.
        let mut d = c.mysql.clone().unwrap();
        d.character_set = 2047;
        let props = column_def(&column("x", *d))["props"].clone();
        assert_eq!(props["collation"], json!({"$seqmig": "undefined"}));
    }
}
