//! The requests of docs/CONTRACTS.md §3 as Rust types. The JS shims have already turned
//! every loose Sequelize call into this one shape, so these types are strict about what
//! they accept and silent about keys they do not use (the shims may send more).

use serde::de::{self, Deserializer};
use serde::Deserialize;

use crate::value::SqlValue;

/// A map whose key order is the JSON's (attribute order is column order).
#[derive(Debug, Clone, PartialEq)]
pub struct OrderedMap<T>(pub Vec<(String, T)>);

impl<T> Default for OrderedMap<T> {
    fn default() -> Self {
        OrderedMap(Vec::new())
    }
}

impl<T> OrderedMap<T> {
    pub fn get(&self, key: &str) -> Option<&T> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
    pub fn get_mut(&mut self, key: &str) -> Option<&mut T> {
        self.0.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v)
    }
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(k, _)| k.as_str())
    }
    pub fn iter(&self) -> impl Iterator<Item = (&str, &T)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn insert(&mut self, key: String, value: T) {
        match self.get_mut(&key) {
            Some(slot) => *slot = value,
            None => self.0.push((key, value)),
        }
    }
    pub fn remove(&mut self, key: &str) -> Option<T> {
        let pos = self.0.iter().position(|(k, _)| k == key)?;
        Some(self.0.remove(pos).1)
    }
}

impl<'de, T: serde::de::DeserializeOwned> Deserialize<'de> for OrderedMap<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // serde_json's `preserve_order` keeps the object's order in its Map.
        let map = serde_json::Map::<String, serde_json::Value>::deserialize(d)?;
        let mut out = Vec::with_capacity(map.len());
        for (k, v) in map {
            let t =
                serde_json::from_value(v).map_err(|e| de::Error::custom(format!("{k}: {e}")))?;
            out.push((k, t));
        }
        Ok(OrderedMap(out))
    }
}

/// `Some(v)` even when `v` is JSON null: lets "absent" and "null" differ.
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// `{"tableName": "users", "schema": null|"s", "delimiter": "."}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Table {
    pub table_name: String,
    #[serde(default)]
    pub schema: Option<String>,
    #[serde(default)]
    pub delimiter: Option<String>,
}

impl Table {
    pub fn new(name: impl Into<String>) -> Self {
        Table {
            table_name: name.into(),
            schema: None,
            delimiter: None,
        }
    }
    /// The same table with `suffix` appended to its name (`t_backup`).
    pub fn with_suffix(&self, suffix: &str) -> Table {
        Table {
            table_name: format!("{}{}", self.table_name, suffix),
            ..self.clone()
        }
    }
}

/// A TEXT/BLOB length is a number elsewhere and `"tiny"|"medium"|"long"` for TEXT/BLOB.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum Length {
    Num(u64),
    Name(String),
}

/// A Sequelize DataType instance, flattened (`{"key": "STRING", "length": 100}`).
#[derive(Debug, Clone, PartialEq, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct DataType {
    pub key: String,
    #[serde(default)]
    pub length: Option<Length>,
    #[serde(default)]
    pub binary: Option<bool>,
    #[serde(default)]
    pub unsigned: Option<bool>,
    #[serde(default)]
    pub zerofill: Option<bool>,
    #[serde(default)]
    pub precision: Option<u64>,
    #[serde(default)]
    pub scale: Option<u64>,
    #[serde(default)]
    pub decimals: Option<u64>,
    #[serde(default)]
    pub values: Option<Vec<serde_json::Value>>,
    #[serde(default, rename = "type")]
    pub inner: Option<Box<DataType>>,
    #[serde(default)]
    pub srid: Option<u64>,
    #[serde(default)]
    pub geometry_type: Option<String>,
    #[serde(default)]
    pub with_timezone: Option<bool>,
    /// The SQL of a type written as a string (`key: "RAW"`).
    #[serde(default)]
    pub sql: Option<String>,
    /// Sequelize's abstract class, not the dialect's: the attributes handed to
    /// queryInterface.bulkInsert / bulkUpdate are used as given, where a model's and
    /// createTable's go through `normalizeDataType` (mysql's DATE writes its values
    /// differently from the abstract one).
    #[serde(default, rename = "abstract")]
    pub abstract_type: bool,
}

impl DataType {
    pub fn new(key: &str) -> Self {
        DataType {
            key: key.to_string(),
            ..Default::default()
        }
    }
    /// A type written as a string in the migration (`type: 'VARCHAR(20)'`).
    pub fn raw(sql: &str) -> Self {
        DataType {
            key: "RAW".into(),
            sql: Some(sql.to_string()),
            ..Default::default()
        }
    }
}

/// `unique: true | "name" | {"name": "...", "msg": "..."}`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum Unique {
    Flag(bool),
    Name(String),
    Named {
        #[serde(default)]
        name: Option<String>,
        #[serde(default)]
        msg: Option<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct References {
    pub table: Table,
    #[serde(default)]
    pub key: Option<String>,
    #[serde(default)]
    pub deferrable: Option<String>,
}

/// One attribute of createTable/addColumn/changeColumn.
#[derive(Debug, Clone, PartialEq, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Column {
    #[serde(rename = "type")]
    pub data_type: DataType,
    #[serde(default)]
    pub allow_null: Option<bool>,
    #[serde(default, deserialize_with = "present")]
    pub default_value: Option<SqlValue>,
    #[serde(default)]
    pub primary_key: Option<bool>,
    #[serde(default)]
    pub auto_increment: Option<bool>,
    #[serde(default)]
    pub auto_increment_identity: Option<bool>,
    #[serde(default)]
    pub unique: Option<Unique>,
    #[serde(default)]
    pub references: Option<References>,
    #[serde(default)]
    pub on_update: Option<String>,
    #[serde(default)]
    pub on_delete: Option<String>,
    #[serde(default)]
    pub comment: Option<String>,
    #[serde(default)]
    pub field: Option<String>,
    #[serde(default)]
    pub values: Option<Vec<serde_json::Value>>,
    #[serde(default)]
    pub first: Option<bool>,
    #[serde(default)]
    pub after: Option<String>,
}

impl Column {
    pub fn of(data_type: DataType) -> Self {
        Column {
            data_type,
            ..Default::default()
        }
    }
}

/// A where: a Sequelize where object with `__op:<name>` keys, or a tagged value
/// (`literal`, `where`, `fn`). Interpreted by [`crate::where_clause`].
#[derive(Debug, Clone, PartialEq, Deserialize, Default)]
#[serde(transparent)]
pub struct Where(pub serde_json::Value);

/// `uniqueKeys: {name: {fields: [...], customIndex: true}}`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UniqueKey {
    #[serde(default)]
    pub name: Option<String>,
    pub fields: Vec<String>,
    #[serde(default)]
    pub custom_index: Option<bool>,
    #[serde(default)]
    pub msg: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct CreateTableOptions {
    #[serde(default)]
    pub unique_keys: Option<OrderedMap<UniqueKey>>,
    #[serde(default)]
    pub comment: Option<String>,
    #[serde(default)]
    pub charset: Option<String>,
    #[serde(default)]
    pub collate: Option<String>,
    #[serde(default)]
    pub engine: Option<String>,
    /// mysql: `ROW_FORMAT=`.
    #[serde(default)]
    pub row_format: Option<String>,
    /// mysql: `AUTO_INCREMENT=` (a number or a string, as given).
    #[serde(default)]
    pub initial_auto_increment: Option<serde_json::Value>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct CreateTable {
    pub table: Table,
    pub attributes: OrderedMap<Column>,
    #[serde(default)]
    pub options: CreateTableOptions,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Default)]
pub struct DropTableOptions {
    #[serde(default)]
    pub cascade: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct DropTable {
    pub table: Table,
    #[serde(default)]
    pub options: DropTableOptions,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Default)]
pub struct DropAllTablesOptions {
    #[serde(default)]
    pub skip: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct DropAllTables {
    #[serde(default)]
    pub options: DropAllTablesOptions,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct RenameTable {
    pub before: Table,
    pub after: Table,
}

/// Ops that name only a table: tableExists, describeTable, showIndex, getForeignKeys.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct TableOnly {
    pub table: Table,
}

/// addColumn and changeColumn.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ColumnChange {
    pub table: Table,
    pub column: String,
    pub attribute: Column,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct RemoveColumn {
    pub table: Table,
    pub column: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct RenameColumn {
    pub table: Table,
    pub before: String,
    pub after: String,
}

/// One field of an index: a name, or `{name, order, length, collate, operator}`, or a
/// tagged value (`fn`/`literal`) used as an expression.
#[derive(Debug, Clone, PartialEq)]
pub enum IndexField {
    Name(String),
    Spec {
        name: String,
        order: Option<String>,
        length: Option<u64>,
        collate: Option<String>,
        operator: Option<String>,
    },
    Expr(SqlValue),
}

impl<'de> Deserialize<'de> for IndexField {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = serde_json::Value::deserialize(d)?;
        match &v {
            serde_json::Value::String(s) => Ok(IndexField::Name(s.clone())),
            serde_json::Value::Object(o) if o.contains_key("$seqmig") => SqlValue::from_json(&v)
                .map(IndexField::Expr)
                .map_err(de::Error::custom),
            serde_json::Value::Object(o) => {
                let s = |k: &str| o.get(k).and_then(|x| x.as_str()).map(str::to_string);
                let name = s("name").or_else(|| s("attribute")).ok_or_else(|| {
                    de::Error::custom(format!("The following index field has no name: {v}"))
                })?;
                Ok(IndexField::Spec {
                    name,
                    order: s("order"),
                    length: o.get("length").and_then(|x| x.as_u64()),
                    collate: s("collate"),
                    operator: s("operator"),
                })
            }
            _ => Err(de::Error::custom(format!("invalid index field: {v}"))),
        }
    }
}

impl IndexField {
    /// The column name, for naming the index.
    pub fn name(&self) -> Option<&str> {
        match self {
            IndexField::Name(n) | IndexField::Spec { name: n, .. } => Some(n),
            IndexField::Expr(_) => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct IndexOptions {
    #[serde(default)]
    pub fields: Vec<IndexField>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub unique: Option<bool>,
    #[serde(default, rename = "where")]
    pub where_: Option<Where>,
    #[serde(default)]
    pub using: Option<String>,
    /// Sequelize's `type` (FULLTEXT, SPATIAL...; mysql only) or `method` alias.
    #[serde(default, rename = "type")]
    pub index_type: Option<String>,
    #[serde(default)]
    pub concurrently: Option<bool>,
    #[serde(default)]
    pub include: Option<Vec<IndexField>>,
    #[serde(default)]
    pub operator: Option<String>,
    #[serde(default)]
    pub parser: Option<String>,
    #[serde(default)]
    pub prefix: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct AddIndex {
    pub table: Table,
    pub options: IndexOptions,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum IndexRef {
    Name(String),
    Fields(Vec<String>),
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct RemoveIndex {
    pub table: Table,
    pub index: IndexRef,
    #[serde(default)]
    pub options: RemoveIndexOptions,
}

/// removeIndex's options the generators read.
#[derive(Debug, Clone, PartialEq, Deserialize, Default)]
pub struct RemoveIndexOptions {
    /// Kept as given: only a JSON `true` means `CONCURRENTLY` (postgres).
    #[serde(default)]
    pub concurrently: Option<serde_json::Value>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ConstraintReferences {
    pub table: Table,
    #[serde(default)]
    pub field: Option<String>,
    #[serde(default)]
    pub fields: Option<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct ConstraintOptions {
    #[serde(default, rename = "type")]
    pub constraint_type: Option<String>,
    #[serde(default)]
    pub fields: Option<Vec<IndexField>>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default, rename = "where")]
    pub where_: Option<Where>,
    #[serde(default)]
    pub references: Option<ConstraintReferences>,
    #[serde(default)]
    pub on_delete: Option<String>,
    #[serde(default)]
    pub on_update: Option<String>,
    #[serde(default)]
    pub deferrable: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub default_value: Option<SqlValue>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct AddConstraint {
    pub table: Table,
    pub options: ConstraintOptions,
}

/// removeConstraint and showConstraint.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct NamedConstraint {
    pub table: Table,
    #[serde(default)]
    pub name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct BulkInsertOptions {
    #[serde(default)]
    pub ignore_duplicates: Option<bool>,
    #[serde(default)]
    pub returning: Option<serde_json::Value>,
    #[serde(default)]
    pub update_on_duplicate: Option<Vec<String>>,
    #[serde(default)]
    pub upsert_keys: Option<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct BulkInsert {
    pub table: Table,
    pub records: Vec<OrderedMap<SqlValue>>,
    #[serde(default)]
    pub options: BulkInsertOptions,
    #[serde(default)]
    pub attributes: Option<OrderedMap<Column>>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct WriteOptions {
    #[serde(default)]
    pub limit: Option<u64>,
    #[serde(default)]
    pub returning: Option<serde_json::Value>,
    #[serde(default)]
    pub omit_null: Option<bool>,
    #[serde(default)]
    pub truncate: Option<bool>,
    #[serde(default)]
    pub cascade: Option<bool>,
    #[serde(default)]
    pub restart_identity: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct BulkUpdate {
    pub table: Table,
    pub values: OrderedMap<SqlValue>,
    #[serde(default, rename = "where")]
    pub where_: Option<Where>,
    #[serde(default)]
    pub options: WriteOptions,
    #[serde(default)]
    pub attributes: Option<OrderedMap<Column>>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct BulkDelete {
    pub table: Table,
    #[serde(default, rename = "where")]
    pub where_: Option<Where>,
    #[serde(default)]
    pub options: WriteOptions,
}

/// `sequelize.query`'s `replacements` (positional `?` or `:name`) and `bind`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum Params {
    Positional(Vec<SqlValue>),
    Named(OrderedMap<SqlValue>),
}

#[derive(Debug, Clone, PartialEq, Deserialize, Default)]
pub struct QueryOptions {
    /// Sequelize's `QueryTypes` value: "SELECT", "INSERT", "RAW", ...
    #[serde(default, rename = "type")]
    pub query_type: Option<String>,
    #[serde(default)]
    pub plain: Option<bool>,
    #[serde(default)]
    pub raw: Option<bool>,
    #[serde(default)]
    pub replacements: Option<Params>,
    #[serde(default)]
    pub bind: Option<Params>,
    #[serde(default)]
    pub nest: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Query {
    pub sql: String,
    #[serde(default)]
    pub options: QueryOptions,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct TxOptions {
    #[serde(default)]
    pub isolation_level: Option<String>,
    /// DEFERRED | IMMEDIATE | EXCLUSIVE (sqlite).
    #[serde(default, rename = "type")]
    pub tx_type: Option<String>,
    /// The id of the enclosing transaction: this one is a savepoint.
    #[serde(default)]
    pub parent: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct TxBegin {
    #[serde(default)]
    pub options: TxOptions,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct TxEnd {
    pub id: u64,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct SchemaOp {
    pub schema: String,
}

/// `queryInterface.insert(null, table, values, options)`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Insert {
    pub table: Table,
    pub values: OrderedMap<SqlValue>,
    #[serde(default)]
    pub options: BulkInsertOptions,
    /// The model's attributes (queryInterface.upsert): values are formatted by their
    /// column's type, and a null autoIncrement value is left to the database.
    #[serde(default)]
    pub attributes: Option<OrderedMap<Column>>,
}

/// `queryInterface.select(null, table, options)` / `rawSelect`: no model, so only
/// attributes, where, order, group, limit and offset.
#[derive(Debug, Clone, PartialEq, Deserialize, Default)]
pub struct SelectOptions {
    #[serde(default)]
    pub attributes: Option<serde_json::Value>,
    #[serde(default, rename = "where")]
    pub where_: Option<Where>,
    #[serde(default)]
    pub order: Option<serde_json::Value>,
    #[serde(default)]
    pub group: Option<serde_json::Value>,
    #[serde(default)]
    pub limit: Option<serde_json::Value>,
    #[serde(default)]
    pub offset: Option<serde_json::Value>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Select {
    pub table: Table,
    #[serde(default)]
    pub options: SelectOptions,
    #[serde(default)]
    pub plain: bool,
}

/// `queryInterface.increment/decrement` without a model.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Increment {
    pub table: Table,
    /// `+` or `-`.
    pub operator: String,
    #[serde(default, rename = "where")]
    pub where_: Option<Where>,
    pub amounts: OrderedMap<SqlValue>,
    #[serde(default)]
    pub extra: OrderedMap<SqlValue>,
    #[serde(default)]
    pub options: ArithmeticOptions,
}

/// increment/decrement's options the generators read.
#[derive(Debug, Clone, PartialEq, Deserialize, Default)]
pub struct ArithmeticOptions {
    /// Kept as given: postgres adds `RETURNING *` unless it is a JSON `false`.
    #[serde(default)]
    pub returning: Option<serde_json::Value>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn create_table_keeps_attribute_order_and_absent_vs_null_default() {
        let req: CreateTable = serde_json::from_value(json!({
            "table": {"tableName": "users", "schema": null, "delimiter": "."},
            "attributes": {
                "zeta": {"type": {"key": "INTEGER"}, "defaultValue": null},
                "alpha": {"type": {"key": "STRING", "length": 64}, "unique": "users_alpha"},
                "mid": {"type": {"key": "TEXT", "length": "long"}, "unique": {"name": "u", "msg": "taken"},
                        "references": {"table": {"tableName": "x"}, "key": "id"}}
            },
            "options": {"uniqueKeys": {"k": {"fields": ["alpha", "mid"], "customIndex": true}}},
            "transaction": null
        }))
        .unwrap();
        let names: Vec<_> = req.attributes.keys().collect();
        assert_eq!(names, ["zeta", "alpha", "mid"]);
        assert_eq!(
            req.attributes.get("zeta").unwrap().default_value,
            Some(SqlValue::Null)
        );
        assert_eq!(req.attributes.get("alpha").unwrap().default_value, None);
        assert_eq!(
            req.attributes.get("alpha").unwrap().unique,
            Some(Unique::Name("users_alpha".into()))
        );
        assert_eq!(
            req.attributes.get("mid").unwrap().data_type.length,
            Some(Length::Name("long".into()))
        );
        assert_eq!(
            req.options.unique_keys.unwrap().get("k").unwrap().fields,
            ["alpha", "mid"]
        );
    }

    #[test]
    fn index_fields_accept_names_specs_and_expressions() {
        let req: AddIndex = serde_json::from_value(json!({
            "table": {"tableName": "t"},
            "options": {"fields": ["a", {"name": "b", "order": "DESC", "length": 10},
                                   {"$seqmig": "fn", "fn": "lower", "args": [{"$seqmig": "col", "col": "c"}]}],
                        "where": {"active": true}}
        }))
        .unwrap();
        assert_eq!(req.options.fields.len(), 3);
        assert!(matches!(
            req.options.fields[2],
            IndexField::Expr(SqlValue::Fn { .. })
        ));
        let bad = serde_json::from_value::<AddIndex>(
            json!({"table": {"tableName": "t"}, "options": {"fields": [{"order": "ASC"}]}}),
        );
        assert!(bad.unwrap_err().to_string().contains("has no name"));
    }

    #[test]
    fn query_params_positional_or_named() {
        let q: Query = serde_json::from_value(
            json!({"sql": "x", "options": {"replacements": [1, "a"], "bind": {"n": 2}}}),
        )
        .unwrap();
        assert!(matches!(q.options.replacements, Some(Params::Positional(ref v)) if v.len() == 2));
        assert!(
            matches!(q.options.bind, Some(Params::Named(ref m)) if m.get("n") == Some(&SqlValue::Int(2)))
        );
    }
}
