//! SQLite's own reads and dropAllTables: `describeTable` (TABLE_INFO, with the unique flags
//! from showIndex and the references from getForeignKeyReferencesForTable), which the
//! rebuilds build on.

use seqmig_js::OpError;
use seqmig_sql::abstract_gen::QueryGenerator;
use seqmig_sql::model::{
    Column, DataType, DropAllTables, OrderedMap, References, Table, TableOnly, Unique,
};
use seqmig_sql::statements::Statements;
use seqmig_sql::SqlValue;
use serde_json::{json, Map, Value as Json};

use super::result_shapes::describe_json;
use crate::ops::query_interface::table_names;
use crate::ops::Shape;
use crate::ops::{parse, Ctx, OpResult, Ops};

/// `describeTable`'s answer, as JSON for JS and as columns for a rebuild.
pub(crate) struct Described {
    pub json: Map<String, Json>,
    pub columns: OrderedMap<Column>,
}

impl Ops {
    /// SQLite's dropAllTables: every table but `skip`, with foreign keys off meanwhile.
    pub(crate) fn op_drop_all_tables(&mut self, ctx: Ctx, args: &Json) -> OpResult {
        let req: DropAllTables = parse("qi_drop_all_tables", args)?;
        let names = table_names(&self.show_all_tables(ctx)?);
        self.sequelize_query(
            ctx,
            "PRAGMA foreign_keys = OFF",
            "PRAGMA foreign_keys = OFF",
            &[],
            Shape::RAW,
        )?;
        for name in names.iter().filter(|n| !req.options.skip.contains(n)) {
            let sql = self.sqlite().drop_table(&Table::new(name.clone()));
            self.sequelize_query(ctx, &sql, &sql, &[], Shape::RAW)?;
        }
        self.sequelize_query(
            ctx,
            "PRAGMA foreign_keys = ON",
            "PRAGMA foreign_keys = ON",
            &[],
            Shape::RAW,
        )?;
        Ok(crate::ops::undefined())
    }

    /// SQLite's `describeTable`: TABLE_INFO, then unique flags from the indexes and
    /// references from the foreign keys.
    pub(crate) fn describe(&self, ctx: Ctx, table: &Table) -> Result<Described, OpError> {
        let info = self.exec(ctx, &self.sqlite().describe_table_query(table))?;
        let Json::Object(mut data) = describe_json(&info) else {
            unreachable!()
        };
        if data.is_empty() {
            return Err(OpError::new(
                "Error",
                format!(
                    "No description found for \"{}\" table. Check the table name and schema; remember, they _are_ case sensitive.",
                    table.table_name
                ),
            ));
        }
        for col in data.values_mut() {
            col["unique"] = json!(false);
        }
        let list = self.exec(ctx, &self.sqlite().show_indexes_query(table))?;
        let indexes = self.show_indexes(ctx, &list)?;
        for index in indexes.as_array().into_iter().flatten() {
            let unique = index.get("unique").cloned().unwrap_or(json!(false));
            for field in index
                .get("fields")
                .and_then(Json::as_array)
                .into_iter()
                .flatten()
            {
                if let Some(col) = field
                    .get("attribute")
                    .and_then(Json::as_str)
                    .and_then(|a| data.get_mut(a))
                {
                    col["unique"] = unique.clone();
                }
            }
        }
        let fks = self.foreign_key_references(ctx, table)?;
        for fk in fks.as_array().into_iter().flatten() {
            if let Some(col) = fk
                .get("columnName")
                .and_then(Json::as_str)
                .and_then(|c| data.get_mut(c))
            {
                col["references"] =
                    json!({"model": fk["referencedTableName"], "key": fk["referencedColumnName"]});
            }
        }
        let mut columns = OrderedMap::default();
        for (name, d) in &data {
            columns.insert(name.clone(), described_column(d));
        }
        Ok(Described {
            json: data,
            columns,
        })
    }

    pub(crate) fn op_describe_table(&mut self, ctx: Ctx, args: &Json) -> OpResult {
        let req: TableOnly = parse("qi_describe_table", args)?;
        Ok(Json::Object(self.describe(ctx, &req.table)?.json))
    }
}

/// A described column as the attribute Sequelize rebuilds the table from: the type is
/// the declared text, and only what describeTable reports survives.
fn described_column(d: &Json) -> Column {
    let ty = d.get("type").and_then(Json::as_str).unwrap_or_default();
    Column {
        data_type: DataType::raw(ty),
        allow_null: d.get("allowNull").and_then(Json::as_bool),
        default_value: d
            .get("defaultValue")
            .filter(|v| **v != crate::ops::undefined())
            .map(|v| SqlValue::from_json(v).unwrap_or(SqlValue::Null)),
        primary_key: d.get("primaryKey").and_then(Json::as_bool),
        unique: d.get("unique").and_then(Json::as_bool).map(Unique::Flag),
        references: d.get("references").map(|r| References {
            table: Table::new(r.get("model").and_then(Json::as_str).unwrap_or_default()),
            key: r.get("key").and_then(Json::as_str).map(str::to_string),
            deferrable: None,
        }),
        ..Default::default()
    }
}
