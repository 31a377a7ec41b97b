//! The op list: every op the JS shims may call. The dispatcher looks ops up here, the
//! tests take their known-op list from it, and docs/CONTRACTS.md's op list is checked
//! against it (a test below).

use serde_json::Value as Json;

use super::{Ctx, OpResult, Ops};

/// How an op runs.
pub(crate) enum Run {
    /// Written once for every dialect.
    Shared(fn(&mut Ops, Ctx, &Json) -> OpResult),
    /// Through the session dialect's op table ([`super::DialectOps::dispatch`]):
    /// generator, run and result shape, with the dialect's overrides.
    Dialect,
}

pub struct Op {
    pub name: &'static str,
    pub(crate) run: Run,
}

const fn dialect(name: &'static str) -> Op {
    Op {
        name,
        run: Run::Dialect,
    }
}

const fn shared(name: &'static str, f: fn(&mut Ops, Ctx, &Json) -> OpResult) -> Op {
    Op {
        name,
        run: Run::Shared(f),
    }
}

pub static OPS: &[Op] = &[
    shared("query", |ops, ctx, args| ops.op_query(ctx, args)),
    shared("qi_create_table", |ops, ctx, args| {
        ops.op_create_table(ctx, args)
    }),
    shared("qi_drop_table", |ops, ctx, args| {
        ops.op_drop_table(ctx, args)
    }),
    dialect("qi_drop_all_tables"),
    shared("qi_rename_table", |ops, ctx, args| {
        ops.op_rename_table(ctx, args)
    }),
    shared("qi_show_all_tables", |ops, ctx, args| {
        ops.op_show_all_tables(ctx, args)
    }),
    shared("qi_table_exists", |ops, ctx, args| {
        ops.op_table_exists(ctx, args)
    }),
    dialect("qi_describe_table"),
    shared("qi_add_column", |ops, ctx, args| {
        ops.op_add_column(ctx, args)
    }),
    dialect("qi_remove_column"),
    dialect("qi_change_column"),
    dialect("qi_rename_column"),
    shared("qi_add_index", |ops, ctx, args| ops.op_add_index(ctx, args)),
    shared("qi_remove_index", |ops, ctx, args| {
        ops.op_remove_index(ctx, args)
    }),
    shared("qi_show_index", |ops, ctx, args| {
        ops.op_show_index(ctx, args)
    }),
    shared("qi_get_foreign_keys", |ops, ctx, args| {
        ops.op_get_foreign_keys(ctx, args)
    }),
    dialect("qi_add_constraint"),
    dialect("qi_remove_constraint"),
    shared("qi_show_constraint", |ops, ctx, args| {
        ops.op_show_constraint(ctx, args)
    }),
    shared("qi_bulk_insert", |ops, ctx, args| {
        ops.op_bulk_insert(ctx, args)
    }),
    shared("qi_bulk_update", |ops, ctx, args| {
        ops.op_bulk_update(ctx, args)
    }),
    shared("qi_bulk_delete", |ops, ctx, args| {
        ops.op_bulk_delete(ctx, args)
    }),
    dialect("qi_create_schema"),
    dialect("qi_drop_schema"),
    dialect("qi_show_all_schemas"),
    dialect("qi_drop_all_schemas"),
    dialect("qi_drop_enum"),
    dialect("qi_drop_all_enums"),
    dialect("qi_pg_list_enums"),
    shared("tx_begin", |ops, ctx, args| ops.op_tx_begin(ctx, args)),
    shared("tx_commit", |ops, ctx, args| ops.op_tx_end(ctx, args, true)),
    shared("tx_rollback", |ops, ctx, args| {
        ops.op_tx_end(ctx, args, false)
    }),
    shared("qi_select", |ops, ctx, args| ops.op_select(ctx, args)),
    shared("qi_insert", |ops, ctx, args| ops.op_insert(ctx, args)),
    dialect("qi_upsert"),
    dialect("qi_create_database"),
    dialect("qi_drop_database"),
    dialect("qi_ensure_enums"),
    shared("qi_increment", |ops, ctx, args| ops.op_increment(ctx, args)),
    shared("qi_database_version", |ops, ctx, args| {
        ops.op_database_version(ctx, args)
    }),
    dialect("qi_create_function"),
    dialect("qi_drop_function"),
    dialect("qi_rename_function"),
    dialect("qi_create_trigger"),
    dialect("qi_drop_trigger"),
    dialect("qi_rename_trigger"),
    shared("quote_identifier", |ops, _, args| {
        ops.op_quote_identifier(args)
    }),
    shared("quote_table", |ops, _, args| ops.op_quote_table(args)),
    shared("escape", |ops, _, args| ops.op_escape(args)),
    shared("model_select", |ops, ctx, args| {
        ops.op_model_select(ctx, args)
    }),
    shared("model_select_sql", |ops, ctx, args| {
        ops.op_model_select_sql(ctx, args)
    }),
    shared("model_fragments", |ops, _, args| {
        ops.op_model_fragments(args)
    }),
    shared("model_insert", |ops, ctx, args| {
        ops.op_model_insert(ctx, args)
    }),
    shared("connection_open", |ops, _, args| {
        ops.op_connection_open(args)
    }),
    shared("connection_close", |ops, _, args| {
        ops.op_connection_close(args)
    }),
];

/// The op of this name.
pub(crate) fn find(name: &str) -> Option<&'static Op> {
    OPS.iter().find(|op| op.name == name)
}

/// Every op's name, in the list's order.
pub fn names() -> impl Iterator<Item = &'static str> {
    OPS.iter().map(|op| op.name)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    /// The op names docs/CONTRACTS.md's "The op list" table mentions in its first column.
    fn documented() -> BTreeSet<String> {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/CONTRACTS.md");
        let doc = std::fs::read_to_string(path).expect("docs/CONTRACTS.md");
        let start = doc.find("### The op list").expect("an op list section");
        let mut names = BTreeSet::new();
        for line in doc[start..].lines().skip(1) {
            if line.starts_with("###") {
                break;
            }
            let Some(first) = line.strip_prefix("| ").and_then(|l| l.split(" | ").next()) else {
                continue;
            };
            for part in first.split('`').skip(1).step_by(2) {
                names.insert(part.to_string());
            }
        }
        names
    }

    #[test]
    fn the_contracts_op_list_names_exactly_the_declared_ops() {
        let declared: BTreeSet<String> = super::names().map(str::to_string).collect();
        assert_eq!(declared.len(), super::OPS.len(), "an op is declared twice");
        let documented = documented();
        let undocumented: Vec<_> = declared.difference(&documented).collect();
        let unknown: Vec<_> = documented.difference(&declared).collect();
        assert!(
            undocumented.is_empty() && unknown.is_empty(),
            "docs/CONTRACTS.md's op list differs from ops::list::OPS: not documented {undocumented:?}, documented but not declared {unknown:?}"
        );
    }

    #[test]
    fn every_declared_op_reaches_an_implementation() {
        // An op that no table answers fails as unknown: each declared one must not.
        let dir = tempfile::tempdir().unwrap();
        let opts = seqmig_db::ConnectOptions::Sqlite {
            storage: dir.path().join("db.sqlite"),
        };
        let conn = seqmig_db::connect(&opts).unwrap();
        let session = std::rc::Rc::new(crate::session::Session::new(seqmig_db::Dialect::Sqlite));
        session.set_connection(
            seqmig_db::Dialect::Sqlite,
            std::rc::Rc::new(std::cell::RefCell::new(conn)),
        );
        let mut ops = super::Ops::new(session, crate::ops::no_other_connections);
        for name in super::names() {
            let out = ops.dispatch(name, &serde_json::json!({}));
            if let Err(e) = out {
                assert!(
                    !e.message.contains("unknown op") || name == "qi_ensure_enums",
                    "{name}: {}",
                    e.message
                );
            }
        }
    }
}
