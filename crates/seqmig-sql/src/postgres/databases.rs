//! Database- and enum-level statements: createDatabase/dropDatabase and the plan of
//! ensureEnums.

use super::PostgresGenerator;
use crate::abstract_gen::QueryGenerator;
use crate::model::Table;
use crate::value::SqlValue;
use crate::SqlError;

impl PostgresGenerator {
    /// `createDatabaseQuery`: the name quoted as a table, each option an escaped string.
    pub fn create_database(
        &self,
        name: &Table,
        options: &CreateDatabaseOptions,
    ) -> Result<String, SqlError> {
        let mut sql = format!("CREATE DATABASE {}", self.quote_table(name));
        for (keyword, value) in [
            ("ENCODING", &options.encoding),
            ("LC_COLLATE", &options.collate),
            ("LC_CTYPE", &options.ctype),
            ("TEMPLATE", &options.template),
        ] {
            // Sequelize tests each option for truthiness: an empty string adds nothing.
            if let Some(v) = value.as_ref().filter(|v| !v.is_empty()) {
                sql.push_str(&format!(
                    " {keyword} = {}",
                    self.escape(&SqlValue::Text(v.clone()), None)?
                ));
            }
        }
        sql.push(';');
        Ok(sql)
    }

    /// `dropDatabaseQuery`.
    pub fn drop_database(&self, name: &Table) -> String {
        format!("DROP DATABASE IF EXISTS {};", self.quote_table(name))
    }
    /// The statements of postgres `ensureEnums` once each ENUM column's type has been
    /// looked up (`existing[i]`: the i-th lookup's values, None when the type is missing),
    /// in Sequelize's order. Its quirk is kept: the lookup consulted advances only past a
    /// type that exists when a model is given, so without one every column goes by the
    /// first column's lookup. With a model, values an existing type lacks are added
    /// before the old value they precede, the rest after the last old value.
    pub fn ensure_enums_plan(
        &self,
        table: &Table,
        columns: &[(String, Vec<serde_json::Value>)],
        existing: &[Option<Vec<String>>],
        with_model: bool,
    ) -> Result<Vec<String>, SqlError> {
        let mut plan: Vec<String> = Vec::new();
        let mut enum_idx = 0;
        for (field, values) in columns {
            let Some(Some(old)) = existing.get(enum_idx) else {
                plan.push(self.pg_enum(table, field, values)?);
                continue;
            };
            if !with_model {
                continue;
            }
            let vals: Vec<String> = values
                .iter()
                .map(|v| {
                    v.as_str()
                        .map(str::to_string)
                        .unwrap_or_else(|| v.to_string())
                })
                .collect();
            let mut last_old: Option<&str> = None;
            let mut rightest: isize = -1;
            for old_val in old {
                last_old = Some(old_val);
                let Some(new_idx) = vals.iter().position(|v| v == old_val) else {
                    continue;
                };
                let at = plan.len();
                for before in vals[..new_idx].iter().rev() {
                    if old.contains(before) {
                        break;
                    }
                    plan.insert(
                        at,
                        self.pg_enum_add(table, field, before, Some(old_val), None),
                    );
                }
                rightest = rightest.max(new_idx as isize);
            }
            if let Some(last) = last_old.filter(|l| !l.is_empty()) {
                if rightest < vals.len() as isize - 1 {
                    for after in vals[(rightest + 1) as usize..].iter().rev() {
                        plan.push(self.pg_enum_add(table, field, after, None, Some(last)));
                    }
                }
            }
            enum_idx += 1;
        }
        Ok(plan)
    }
}

/// createDatabase's options that reach the SQL.
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize)]
pub struct CreateDatabaseOptions {
    #[serde(default)]
    pub encoding: Option<String>,
    #[serde(default)]
    pub collate: Option<String>,
    #[serde(default)]
    pub ctype: Option<String>,
    #[serde(default)]
    pub template: Option<String>,
}
