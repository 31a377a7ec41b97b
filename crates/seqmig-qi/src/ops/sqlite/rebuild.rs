//! SQLite's table rebuilds: changeColumn, removeColumn and renameColumn copy the table
//! through `<t>_backup` from its describeTable (so they lose what Sequelize loses:
//! AUTOINCREMENT, FK actions, explicit indexes), and add/removeConstraint rewrite the
//! table's own CREATE statement from `sqlite_master`.
//!
//! seqmig differs from Sequelize on purpose in one way: Sequelize rebuilds with
//! `PRAGMA foreign_keys=ON`, so dropping a referenced table empties its ON DELETE
//! CASCADE children (or fails on NO ACTION ones). seqmig turns foreign keys off around a
//! rebuild outside a transaction, and inside one (where the pragma is a no-op) defers
//! the checks and refuses a rebuild that would cascade into existing child rows.

use seqmig_js::OpError;
use seqmig_sql::abstract_gen::QueryGenerator;
use seqmig_sql::model::{
    AddConstraint, Column, ColumnChange, NamedConstraint, RemoveColumn, RenameColumn, Table,
};
use seqmig_sql::statements::Statements;
use serde_json::{json, Value as Json};

use crate::ops::rows::rows;
use crate::ops::Shape;
use crate::ops::{parse, sql_error, Ctx, OpResult, Ops};

impl Ops {
    /// Run a rebuild's statements with the foreign-key safety described above.
    fn run_rebuild(&self, ctx: Ctx, table: &Table, statements: &[String]) -> Result<(), OpError> {
        let in_tx = self.tx.depth() > 0;
        let fk_on = self.silent_scalar("PRAGMA foreign_keys")? == Some(1);
        if fk_on && in_tx {
            self.refuse_cascading_rebuild(table)?;
            self.silent("PRAGMA defer_foreign_keys = ON")?;
        } else if fk_on {
            self.silent("PRAGMA foreign_keys = OFF")?;
        }
        let mut result = Ok(());
        for s in statements {
            if let Err(e) = self.sequelize_query(ctx, s, s, &[], Shape::RAW) {
                result = Err(e);
                break;
            }
        }
        if fk_on && !in_tx {
            self.silent("PRAGMA foreign_keys = ON")?;
        }
        result
    }

    /// Inside a transaction the pragma cannot be turned off: refuse when dropping
    /// `table` would delete or null rows of a table referencing it.
    fn refuse_cascading_rebuild(&self, table: &Table) -> Result<(), OpError> {
        let conn = self.connection()?;
        let tables = conn
            .borrow_mut()
            .query(&self.sqlite().show_tables_query(), &[])
            .map_err(|e| super::sqlite_error(&e, "", json!({})))?;
        for t in rows(&tables) {
            let Some(child) = t.get("name").and_then(Json::as_str) else {
                continue;
            };
            let fks = conn
                .borrow_mut()
                .query(
                    &format!("PRAGMA foreign_key_list(`{}`)", child.replace('`', "")),
                    &[],
                )
                .map_err(|e| super::sqlite_error(&e, "", json!({})))?;
            for fk in rows(&fks) {
                let target = fk.get("table").and_then(Json::as_str).unwrap_or_default();
                let action = fk
                    .get("on_delete")
                    .and_then(Json::as_str)
                    .unwrap_or_default();
                if target == table.table_name
                    && matches!(action, "CASCADE" | "SET NULL" | "SET DEFAULT")
                {
                    let count = conn
                        .borrow_mut()
                        .query(
                            &format!("SELECT 1 FROM `{}` LIMIT 1", child.replace('`', "")),
                            &[],
                        )
                        .map_err(|e| super::sqlite_error(&e, "", json!({})))?;
                    if !count.rows.is_empty() {
                        return Err(OpError::new(
                            "Error",
                            format!(
                                "seqmig: refusing to rebuild table `{}` inside a transaction: dropping it would apply ON DELETE {action} to the rows of `{child}`. Run this change outside the transaction (SQLite cannot turn foreign keys off inside one).",
                                table.table_name
                            ),
                        ));
                    }
                }
            }
        }
        Ok(())
    }

    /// A statement of seqmig's own (not Sequelize's): neither logged nor recorded.
    fn silent(&self, sql: &str) -> Result<(), OpError> {
        let conn = self.connection()?;
        let r = conn.borrow_mut().query(sql, &[]);
        r.map(|_| ())
            .map_err(|e| super::sqlite_error(&e, sql, json!({})))
    }

    fn silent_scalar(&self, sql: &str) -> Result<Option<i64>, OpError> {
        let conn = self.connection()?;
        let r = conn
            .borrow_mut()
            .query(sql, &[])
            .map_err(|e| super::sqlite_error(&e, sql, json!({})))?;
        Ok(r.rows
            .first()
            .and_then(|row| row.first())
            .and_then(|v| match v {
                seqmig_db::Value::Int(i) => Some(*i),
                _ => None,
            }))
    }

    pub(crate) fn op_remove_column(&mut self, ctx: Ctx, args: &Json) -> OpResult {
        let req: RemoveColumn = parse("qi_remove_column", args)?;
        let mut fields = self.describe(ctx, &req.table)?.columns;
        fields.remove(&req.column);
        let statements = self
            .sqlite()
            .rebuild_statements(&req.table, &fields)
            .map_err(sql_error)?;
        self.run_rebuild(ctx, &req.table, &statements)?;
        Ok(crate::ops::undefined())
    }

    pub(crate) fn op_change_column(&mut self, ctx: Ctx, args: &Json) -> OpResult {
        let req: ColumnChange = parse("qi_change_column", args)?;
        let mut fields = self.describe(ctx, &req.table)?.columns;
        let Some(col) = fields.get_mut(&req.column) else {
            return Err(OpError::new(
                "TypeError",
                "Cannot convert undefined or null to object",
            ));
        };
        merge(col, &req.attribute);
        let statements = self
            .sqlite()
            .rebuild_statements(&req.table, &fields)
            .map_err(sql_error)?;
        self.run_rebuild(ctx, &req.table, &statements)?;
        Ok(crate::ops::undefined())
    }

    pub(crate) fn op_rename_column(&mut self, ctx: Ctx, args: &Json) -> OpResult {
        let req: RenameColumn = parse("qi_rename_column", args)?;
        let mut fields = self.describe(ctx, &req.table)?.columns;
        let Some(col) = fields.remove(&req.before) else {
            return Err(OpError::new(
                "Error",
                format!(
                    "Table {} doesn't have the column {}",
                    req.table.table_name, req.before
                ),
            ));
        };
        // Sequelize appends the renamed column: it moves to the end of the table.
        fields.remove(&req.after);
        fields.insert(req.after.clone(), col);
        let statements = self
            .sqlite()
            .rename_column_statements(&req.table, &req.before, &req.after, &fields)
            .map_err(sql_error)?;
        self.run_rebuild(ctx, &req.table, &statements)?;
        Ok(crate::ops::undefined())
    }

    pub(crate) fn op_add_constraint(&mut self, ctx: Ctx, args: &Json) -> OpResult {
        let req: AddConstraint = parse("qi_add_constraint", args)?;
        let snippet = self
            .sqlite()
            .constraint_snippet(&req.table, &req.options)
            .map_err(sql_error)?;
        let q = self.sqlite().describe_create_table_query(&req.table);
        let found = self.sequelize_query(ctx, &q, &q, &[], Shape::of("SELECT"))?;
        let sql = found
            .get(0)
            .and_then(|r| r.get("sql"))
            .and_then(Json::as_str)
            .ok_or_else(|| {
                OpError::new(
                    "TypeError",
                    "Cannot read properties of undefined (reading 'sql')",
                )
            })?;
        let last = sql.len() - sql.chars().next_back().map_or(0, char::len_utf8);
        let create = format!("{}, {snippet});", &sql[..last]);
        let fields = self.describe(ctx, &req.table)?.columns;
        let statements = self
            .sqlite()
            .alter_constraint_statements(&req.table, &fields, &create)
            .map_err(sql_error)?;
        self.run_rebuild(ctx, &req.table, &statements)?;
        Ok(crate::ops::undefined())
    }

    pub(crate) fn op_remove_constraint(&mut self, ctx: Ctx, args: &Json) -> OpResult {
        let req: NamedConstraint = parse("qi_remove_constraint", args)?;
        let name = req.name.clone().unwrap_or_default();
        let constraints = self.show_constraints(ctx, &req.table, Some(&name))?;
        let Some(c) = constraints.into_iter().find(|c| c.name == name) else {
            let mut e = OpError::new(
                "SequelizeUnknownConstraintError",
                format!(
                    "Constraint {name} on table {} does not exist",
                    req.table.table_name
                ),
            );
            e.props.insert("constraint".into(), json!(name));
            e.props.insert("table".into(), json!(req.table.table_name));
            return Err(e);
        };
        let mut snippet = format!(
            ", CONSTRAINT {} {} {}",
            self.sqlite().quote_ident(&c.name),
            c.kind,
            c.condition
        );
        if c.kind == "FOREIGN KEY" {
            let keys = c
                .reference_keys
                .iter()
                .map(|k| self.sqlite().quote_ident(k))
                .collect::<Vec<_>>()
                .join(", ");
            snippet.push_str(&format!(
                " REFERENCES {} ({keys}) ON UPDATE {} ON DELETE {}",
                self.sqlite()
                    .quote_table(&Table::new(c.reference_table.clone().unwrap_or_default())),
                c.update_action.as_deref().unwrap_or("undefined"),
                c.delete_action.as_deref().unwrap_or("undefined")
            ));
        }
        let create = format!("{};", c.sql.replacen(&snippet, "", 1));
        let fields = self.describe(ctx, &req.table)?.columns;
        let statements = self
            .sqlite()
            .alter_constraint_statements(&req.table, &fields, &create)
            .map_err(sql_error)?;
        self.run_rebuild(ctx, &req.table, &statements)?;
        Ok(crate::ops::undefined())
    }

    fn show_constraints(
        &self,
        ctx: Ctx,
        table: &Table,
        name: Option<&str>,
    ) -> Result<Vec<Constraint>, OpError> {
        let q = self.sqlite().show_constraints_query(table, name);
        let r = self.exec(ctx, &q)?;
        Ok(
            match rows(&r)
                .first()
                .and_then(|o| o.get("sql"))
                .and_then(Json::as_str)
            {
                Some(sql) => parse_constraints(sql),
                None => Vec::new(),
            },
        )
    }
}

/// `Object.assign(described, normalizeAttribute(attribute))`: what the request gives wins.
fn merge(base: &mut Column, new: &Column) {
    base.data_type = new.data_type.clone();
    macro_rules! take {
        ($($f:ident),*) => { $( if new.$f.is_some() { base.$f = new.$f.clone(); } )* };
    }
    take!(
        allow_null,
        default_value,
        primary_key,
        auto_increment,
        auto_increment_identity,
        unique,
        references,
        on_update,
        on_delete,
        comment,
        field,
        values
    );
}

/// One constraint as Sequelize's sqlite `parseConstraintsFromSql` reads it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Constraint {
    pub name: String,
    pub kind: String,
    pub update_action: Option<String>,
    pub delete_action: Option<String>,
    /// The table's CREATE statement with `"` turned into backticks.
    pub sql: String,
    pub condition: String,
    pub reference_table: Option<String>,
    pub reference_keys: Vec<String>,
}

/// A balanced `( … )` starting at byte `start` (which must be `(`): its end (exclusive).
fn balanced(s: &str, start: usize) -> Option<usize> {
    let mut depth = 0i32;
    for (i, c) in s[start..].char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(start + i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

fn first_group(s: &str) -> Option<&str> {
    let start = s.find('(')?;
    balanced(s, start).map(|end| &s[start..end])
}

fn action(s: &str, prefix: &str) -> Option<String> {
    let pos = s.find(prefix)? + prefix.len();
    [
        "CASCADE",
        "SET NULL",
        "RESTRICT",
        "NO ACTION",
        "SET DEFAULT",
    ]
    .iter()
    .find(|a| s[pos..].starts_with(*a))
    .map(|a| a.to_string())
}

fn remove_ticks(s: &str) -> String {
    s.replace('`', "")
}

/// `parseConstraintsFromSql`. Like Sequelize, the FK actions and references of one
/// constraint carry over to the following ones unless they set their own.
pub(crate) fn parse_constraints(sql: &str) -> Vec<Constraint> {
    let (mut ref_table, mut ref_keys, mut upd, mut del) = (None, Vec::new(), None, None);
    let mut out = Vec::new();
    for part in sql.split("CONSTRAINT ").skip(1) {
        if part.contains("REFERENCES") {
            upd = action(part, "ON UPDATE ");
            del = action(part, "ON DELETE ");
            let at = part.find("REFERENCES").unwrap_or(0);
            // `REFERENCES.+\(…\)`: greedy, so the last balanced group after the keyword.
            let refs = part
                .get(at + 11..)
                .unwrap_or_default()
                .char_indices()
                .filter(|(_, c)| *c == '(')
                .map(|(i, _)| at + 11 + i)
                .rev()
                .find_map(|p| balanced(part, p))
                .map(|end| &part[at..end]);
            if let Some(refs) = refs {
                let words: Vec<&str> = refs.split(' ').collect();
                ref_table = words.get(1).map(|w| remove_ticks(w));
                ref_keys = words
                    .get(2)
                    .map(|w| {
                        w.replace(['(', ')'], "")
                            .split(", ")
                            .map(remove_ticks)
                            .collect()
                    })
                    .unwrap_or_default();
            }
        }
        let condition = first_group(part).unwrap_or_default().to_string();
        let stripped = match (part.find('('), part.rfind(')')) {
            (Some(a), Some(b)) if b > a => format!("{}{}", &part[..a], &part[b + 1..]),
            _ => part.to_string(),
        };
        let words: Vec<&str> = stripped.split(' ').collect();
        let mut kind = words.get(1).copied().unwrap_or_default().to_string();
        if kind == "PRIMARY" || kind == "FOREIGN" {
            kind.push_str(" KEY");
        }
        out.push(Constraint {
            name: remove_ticks(words.first().copied().unwrap_or_default()),
            kind,
            update_action: upd.clone(),
            delete_action: del.clone(),
            sql: sql.replace('"', "`"),
            condition,
            reference_table: ref_table.clone(),
            reference_keys: ref_keys.clone(),
        });
    }
    out
}

/// The constraints as the JSON `showConstraint` resolves to.
pub(crate) fn parse_constraints_json(sql: &str) -> Json {
    Json::Array(
        parse_constraints(sql)
            .into_iter()
            .map(|c| {
                let mut o = json!({"constraintName": c.name, "constraintType": c.kind, "sql": c.sql, "constraintCondition": c.condition});
                if let Some(u) = c.update_action {
                    o["updateAction"] = json!(u);
                }
                if let Some(d) = c.delete_action {
                    o["deleteAction"] = json!(d);
                }
                if let Some(t) = c.reference_table {
                    o["referenceTableName"] = json!(t);
                    o["referenceTableKeys"] = json!(c.reference_keys);
                }
                o
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constraints_parse_like_sequelize() {
        let sql = "CREATE TABLE \"comments\" (`id` INTEGER PRIMARY KEY, `postId` INTEGER, CONSTRAINT `c_fk` FOREIGN KEY (`postId`) REFERENCES `posts` (`id`) ON UPDATE CASCADE ON DELETE CASCADE, CONSTRAINT `c_uk` UNIQUE (`postId`))";
        let c = parse_constraints(sql);
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].name, "c_fk");
        assert_eq!(c[0].kind, "FOREIGN KEY");
        assert_eq!(c[0].condition, "(`postId`)");
        assert_eq!(c[0].reference_table.as_deref(), Some("posts"));
        assert_eq!(c[0].reference_keys, ["id"]);
        assert_eq!(c[0].delete_action.as_deref(), Some("CASCADE"));
        assert_eq!(c[1].name, "c_uk");
        assert_eq!(c[1].kind, "UNIQUE");
        assert!(c[1].sql.starts_with("CREATE TABLE `comments`"));
        // Malformed text never panics.
        assert_eq!(parse_constraints("CONSTRAINT `x` REFERENCES").len(), 1);
        assert_eq!(parse_constraints("CONSTRAINT é(").len(), 1);
    }
}
