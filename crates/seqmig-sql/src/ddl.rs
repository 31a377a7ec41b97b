//! DDL shared by the dialects: Sequelize's abstract `addIndexQuery`, `removeIndexQuery`
//! and `getConstraintSnippet`.

use crate::abstract_gen::{QueryGenerator, WhereOptions};
use crate::escape::underscore;
use crate::model::{AddIndex, ConstraintOptions, IndexField, IndexRef, Table};
use crate::where_clause::{where_items, where_query};
use crate::SqlError;

/// What a dialect's `supports.index` allows.
pub struct IndexDialect {
    pub collate: bool,
    pub length: bool,
    pub operator: bool,
    pub using: u8,
    pub where_: bool,
    pub concurrently: bool,
    pub include: bool,
}

/// The name Sequelize gives an index without one: `<table>_<fields>` underscored.
pub fn index_name(table: &Table, fields: &[&str]) -> String {
    underscore(&format!("{}_{}", table.table_name, fields.join("_")))
}

/// `addIndexQuery` (no trailing `;`, as Sequelize).
pub fn add_index<G: QueryGenerator + ?Sized>(
    g: &G,
    req: &AddIndex,
    d: &IndexDialect,
) -> Result<String, SqlError> {
    let o = &req.options;
    let mut fields_sql = Vec::with_capacity(o.fields.len());
    for f in &o.fields {
        fields_sql.push(match f {
            IndexField::Expr(e) => g.handle_method(e)?,
            IndexField::Name(n) => {
                let mut s = g.quote_ident(n);
                if d.operator {
                    if let Some(op) = &o.operator {
                        s.push(' ');
                        s.push_str(op);
                    }
                }
                s
            }
            IndexField::Spec {
                name,
                order,
                length,
                collate,
                operator,
            } => {
                let mut s = g.quote_ident(name);
                if d.collate {
                    if let Some(c) = collate {
                        s.push_str(&format!(" COLLATE {}", g.quote_ident(c)));
                    }
                }
                if d.operator {
                    if let Some(op) = operator.as_ref().or(o.operator.as_ref()) {
                        s.push(' ');
                        s.push_str(op);
                    }
                }
                if d.length {
                    if let Some(l) = length.filter(|l| *l > 0) {
                        s.push_str(&format!("({l})"));
                    }
                }
                if let Some(ord) = order {
                    s.push(' ');
                    s.push_str(ord);
                }
                s
            }
        });
    }
    // Sequelize's prefix: the raw table name with dots → underscores and quotes removed.
    let name = match &o.name {
        Some(n) => n.clone(),
        None => {
            let prefix = o
                .prefix
                .clone()
                .unwrap_or_else(|| req.table.table_name.clone());
            let prefix: String = prefix
                .replace('.', "_")
                .chars()
                .filter(|c| *c != '"' && *c != '\'')
                .collect();
            let names: Vec<&str> = o
                .fields
                .iter()
                .map(|f| f.name().unwrap_or("undefined"))
                .collect();
            underscore(&format!("{prefix}_{}", names.join("_")))
        }
    };
    let where_sql = match &o.where_ {
        Some(w) if d.where_ => where_query(g, &w.0, &WhereOptions::default())?,
        _ => String::new(),
    };
    let mut parts: Vec<String> = vec!["CREATE".into()];
    // Model._conformIndex: `type: 'unique'` means a unique index.
    let unique = o.unique == Some(true)
        || o.index_type
            .as_deref()
            .is_some_and(|t| t.eq_ignore_ascii_case("unique"));
    if unique {
        parts.push("UNIQUE".into());
    }
    parts.push("INDEX".into());
    if d.concurrently && o.concurrently == Some(true) {
        parts.push("CONCURRENTLY".into());
    }
    parts.push(g.quote_identifiers(&name));
    if d.using == 1 {
        if let Some(u) = &o.using {
            parts.push(format!("USING {u}"));
        }
    }
    parts.push(format!("ON {}", g.quote_table(&req.table)));
    if d.using == 2 {
        if let Some(u) = &o.using {
            parts.push(format!("USING {u}"));
        }
    }
    parts.push(format!("({})", fields_sql.join(", ")));
    if d.include {
        if let Some(inc) = o.include.as_ref().filter(|i| !i.is_empty()) {
            parts.push(format!(
                "INCLUDE ({})",
                inc.iter()
                    .map(|c| g.quote_ident(c.name().unwrap_or_default()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
    if !where_sql.is_empty() {
        parts.push(where_sql);
    }
    Ok(parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" "))
}

/// The index name `removeIndex(table, nameOrFields)` drops.
pub fn removed_index_name(table: &Table, index: &IndexRef) -> String {
    match index {
        IndexRef::Name(n) => n.clone(),
        IndexRef::Fields(f) => index_name(table, &f.iter().map(String::as_str).collect::<Vec<_>>()),
    }
}

/// `getConstraintSnippet`. `table_sql` is the quoted table as Sequelize passes it (it
/// ends up inside default constraint names, quotes and all).
pub fn constraint_snippet<G: QueryGenerator + ?Sized>(
    g: &G,
    table_sql: &str,
    o: &ConstraintOptions,
) -> Result<String, SqlError> {
    let fields = o.fields.as_ref().ok_or_else(|| {
        SqlError::Sequelize("Fields must be specified through options.fields".into())
    })?;
    let kind = o.constraint_type.as_ref().ok_or_else(|| {
        SqlError::Sequelize("Constraint type must be specified through options.type".into())
    })?;
    let mut fields_sql = Vec::with_capacity(fields.len());
    for f in fields {
        fields_sql.push(match f {
            IndexField::Expr(e) => g.handle_method(e)?,
            f => g.quote_ident(f.name().unwrap_or_default()),
        });
    }
    let quoted = fields_sql.join(", ");
    let joined = fields_sql.join("_");
    let name = |suffix: &str| {
        g.quote_ident(
            &o.name
                .clone()
                .unwrap_or_else(|| format!("{table_sql}_{joined}_{suffix}")),
        )
    };
    let upper = kind.to_uppercase();
    let mut snippet = match upper.as_str() {
        "UNIQUE" => format!("CONSTRAINT {} UNIQUE ({quoted})", name("uk")),
        "CHECK" => {
            let w = o
                .where_
                .as_ref()
                .map(|w| w.0.clone())
                .unwrap_or(serde_json::Value::Null);
            let cond = where_items(g, &w, &WhereOptions::default(), " AND ")?;
            format!("CONSTRAINT {} CHECK ({cond})", name("ck"))
        }
        "DEFAULT" => {
            if o.default_value.is_none() {
                return Err(SqlError::Sequelize(
                    "Default value must be specified for DEFAULT CONSTRAINT".into(),
                ));
            }
            return Err(SqlError::Sequelize(
                "Default constraints are supported only for MSSQL dialect.".into(),
            ));
        }
        "PRIMARY KEY" => format!("CONSTRAINT {} PRIMARY KEY ({quoted})", name("pk")),
        "FOREIGN KEY" => {
            let r = o
                .references
                .as_ref()
                .filter(|r| r.field.is_some() || r.fields.is_some())
                .ok_or_else(|| {
                    SqlError::Sequelize(
                        "references object with table and field must be specified".into(),
                    )
                })?;
            let cname = g.quote_ident(
                &o.name
                    .clone()
                    .unwrap_or_else(|| format!("{table_sql}_{joined}_{}_fk", r.table.table_name)),
            );
            let refs = match (&r.field, &r.fields) {
                (Some(f), _) => g.quote_ident(f),
                (None, Some(fs)) => fs
                    .iter()
                    .map(|f| g.quote_ident(f))
                    .collect::<Vec<_>>()
                    .join(", "),
                _ => unreachable!(),
            };
            let mut s = format!(
                "CONSTRAINT {cname} FOREIGN KEY ({quoted}) REFERENCES {} ({refs})",
                g.quote_table(&r.table)
            );
            if let Some(u) = &o.on_update {
                s.push_str(&format!(" ON UPDATE {}", u.to_uppercase()));
            }
            if let Some(d) = &o.on_delete {
                s.push_str(&format!(" ON DELETE {}", d.to_uppercase()));
            }
            s
        }
        _ => return Err(SqlError::Sequelize(format!("{kind} is invalid."))),
    };
    if let Some(def) = &o.deferrable {
        if ["UNIQUE", "PRIMARY KEY", "FOREIGN KEY"].contains(&upper.as_str()) {
            snippet.push(' ');
            snippet.push_str(&g.defer_constraints_sql(def));
        }
    }
    Ok(snippet)
}

/// `Deferrable.X.toString()`.
pub fn deferrable_sql(name: &str) -> String {
    match name {
        "INITIALLY_DEFERRED" => "DEFERRABLE INITIALLY DEFERRED".into(),
        "INITIALLY_IMMEDIATE" => "DEFERRABLE INITIALLY IMMEDIATE".into(),
        "NOT" => "NOT DEFERRABLE".into(),
        other => other.to_string(),
    }
}
