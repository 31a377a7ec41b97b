//! Functions and triggers (postgres only in Sequelize): `createFunction`, `dropFunction`,
//! `renameFunction`, `createTrigger`, `dropTrigger`, `renameTrigger`.

use serde_json::Value as Json;

use super::PostgresGenerator;
use crate::abstract_gen::QueryGenerator;
use crate::model::Table;
use crate::SqlError;

fn err(m: &str) -> SqlError {
    SqlError::Sequelize(m.to_string())
}

/// `_expandFunctionParamList`: `[direction] [name] type`, comma-separated.
pub fn param_list(params: &Json) -> Result<String, SqlError> {
    let Json::Array(params) = params else {
        return Err(err("_expandFunctionParamList: function parameters array required, including an empty one for no arguments"));
    };
    let mut out = Vec::with_capacity(params.len());
    for p in params {
        let s = |k: &str| p.get(k).and_then(Json::as_str).filter(|s| !s.is_empty());
        let Some(ty) = s("type") else {
            return Err(err(
                "function or trigger used with a parameter without any type",
            ));
        };
        let parts: Vec<&str> = [s("direction"), s("name"), Some(ty)]
            .into_iter()
            .flatten()
            .collect();
        out.push(parts.join(" "));
    }
    Ok(out.join(", "))
}

/// `expandOptions`: the words joined by spaces.
fn expand_options(options: &Json) -> String {
    match options {
        Json::Array(a) => a
            .iter()
            .map(|o| match o {
                Json::String(s) => s.clone(),
                other => other.to_string(),
            })
            .collect::<Vec<_>>()
            .join(" "),
        _ => String::new(),
    }
}

/// `expandTriggerEventSpec`: lodash `map` over the array (or an object's values).
fn trigger_events(spec: &Json) -> Result<String, SqlError> {
    let items: Vec<&Json> = match spec {
        Json::Array(a) => a.iter().collect(),
        Json::Object(o) => o.values().collect(),
        _ => Vec::new(),
    };
    if items.is_empty() {
        return Err(err("no table change events specified to trigger on"));
    }
    let mut out = Vec::with_capacity(items.len());
    for (i, v) in items.into_iter().enumerate() {
        // An array used as an object key is its `toString()`.
        let key = match v {
            Json::String(s) => s.clone(),
            Json::Array(a) => a
                .iter()
                .map(|x| {
                    x.as_str()
                        .map(str::to_string)
                        .unwrap_or_else(|| x.to_string())
                })
                .collect::<Vec<_>>()
                .join(","),
            other => other.to_string(),
        };
        let mut event = match key.as_str() {
            "insert" => "INSERT".to_string(),
            "update" => "UPDATE".to_string(),
            "delete" => "DELETE".to_string(),
            "truncate" => "TRUNCATE".to_string(),
            _ => {
                return Err(err(&format!(
                    "parseTriggerEventSpec: undefined trigger event {i}"
                )))
            }
        };
        if let Json::Array(a) = v {
            if event == "UPDATE" && !a.is_empty() {
                event.push_str(&format!(" OF {key}").replace(',', ", "));
            }
        }
        out.push(event);
    }
    Ok(out.join(" OR "))
}

impl PostgresGenerator {
    /// `createFunction`.
    #[allow(clippy::too_many_arguments)]
    pub fn create_function(
        &self,
        name: &str,
        params: &Json,
        return_type: &str,
        language: &str,
        body: &str,
        options_array: &Json,
        force: bool,
        variables: Option<&Json>,
    ) -> Result<String, SqlError> {
        if name.is_empty() || return_type.is_empty() || language.is_empty() || body.is_empty() {
            return Err(err("createFunction missing some parameters. Did you pass functionName, returnType, language and body?"));
        }
        let params = param_list(params)?;
        let vars = match variables {
            Some(Json::Array(vs)) => {
                let mut defs = Vec::with_capacity(vs.len());
                for v in vs {
                    let s = |k: &str| v.get(k).and_then(Json::as_str).filter(|s| !s.is_empty());
                    let (Some(n), Some(t)) = (s("name"), s("type")) else {
                        return Err(err("function variable must have a name and type"));
                    };
                    let mut d = format!("DECLARE {n} {t}");
                    if let Some(def) = s("default") {
                        d.push_str(&format!(" := {def}"));
                    }
                    d.push(';');
                    defs.push(d);
                }
                defs.join(" ")
            }
            Some(Json::Null) | None => String::new(),
            Some(_) => {
                return Err(err(
                    "_expandFunctionVariableList: function variables must be an array",
                ))
            }
        };
        let statement = if force {
            "CREATE OR REPLACE FUNCTION"
        } else {
            "CREATE FUNCTION"
        };
        Ok(format!(
            "{statement} {name}({params}) RETURNS {return_type} AS $func$ {vars} BEGIN {body} END; $func$ language '{language}'{};",
            expand_options(options_array)
        ))
    }

    pub fn drop_function(&self, name: &str, params: &Json) -> Result<String, SqlError> {
        if name.is_empty() {
            return Err(err("requires functionName"));
        }
        Ok(format!(
            "DROP FUNCTION {name}({}) RESTRICT;",
            param_list(params)?
        ))
    }

    pub fn rename_function(
        &self,
        before: &str,
        params: &Json,
        after: &str,
    ) -> Result<String, SqlError> {
        Ok(format!(
            "ALTER FUNCTION {before}({}) RENAME TO {after};",
            param_list(params)?
        ))
    }

    /// `createTrigger(table, name, timing, events, fn, fnParams, options)`.
    #[allow(clippy::too_many_arguments)]
    pub fn create_trigger(
        &self,
        table: &Table,
        name: &str,
        timing: &str,
        events: &Json,
        function_name: &str,
        function_params: &Json,
        options_array: &Json,
    ) -> Result<String, SqlError> {
        let when = match timing {
            "after" | "after_constraint" => "AFTER",
            "before" => "BEFORE",
            "instead_of" => "INSTEAD OF",
            other => return Err(err(&format!("Invalid trigger event specified: {other}"))),
        };
        let constraint = if timing == "after_constraint" {
            "CONSTRAINT "
        } else {
            ""
        };
        let events = trigger_events(events)?;
        let options = expand_options(options_array);
        let params = param_list(function_params)?;
        Ok(format!(
            "CREATE {constraint}TRIGGER {} {when} {events} ON {}{} EXECUTE PROCEDURE {function_name}({params});",
            self.quote_identifier(name),
            self.quote_table(table),
            if options.is_empty() { String::new() } else { format!(" {options}") }
        ))
    }

    pub fn drop_trigger(&self, table: &Table, name: &str) -> String {
        format!(
            "DROP TRIGGER {} ON {} RESTRICT;",
            self.quote_identifier(name),
            self.quote_table(table)
        )
    }

    pub fn rename_trigger(&self, table: &Table, before: &str, after: &str) -> String {
        format!(
            "ALTER TRIGGER {} ON {} RENAME TO {};",
            self.quote_identifier(before),
            self.quote_table(table),
            self.quote_identifier(after)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn functions_and_triggers_as_sequelize_words_them() {
        let g = PostgresGenerator::new();
        let t = Table::new("posts");
        let out = [
            g.create_function(
                "touch",
                &json!([]),
                "trigger",
                "plpgsql",
                "NEW.\"updatedAt\" = NOW(); RETURN NEW;",
                &json!([]),
                false,
                None,
            )
            .unwrap(),
            g.create_function(
                "add",
                &json!([{"type": "integer", "name": "a"}, {"type": "integer", "direction": "IN", "name": "b"}]),
                "integer",
                "plpgsql",
                "RETURN a + b + x;",
                &json!(["IMMUTABLE", "LEAKPROOF"]),
                true,
                Some(&json!([{"name": "x", "type": "integer", "default": "1"}])),
            )
            .unwrap(),
            g.drop_function("add", &json!([{"type": "integer", "name": "a"}])).unwrap(),
            g.rename_function("add", &json!([{"type": "integer"}]), "plus").unwrap(),
            g.create_trigger(&t, "posts_touch", "before", &json!(["insert", "update"]), "touch", &json!([]), &json!(["FOR EACH ROW"]))
                .unwrap(),
            g.create_trigger(&t, "t2", "after_constraint", &json!([["update"]]), "f", &json!([]), &json!([])).unwrap(),
            g.drop_trigger(&t, "posts_touch"),
            g.rename_trigger(&t, "a", "b"),
        ];
        assert_eq!(
            out,
            [
                "CREATE FUNCTION touch() RETURNS trigger AS $func$  BEGIN NEW.\"updatedAt\" = NOW(); RETURN NEW; END; $func$ language 'plpgsql';",
                "CREATE OR REPLACE FUNCTION add(a integer, IN b integer) RETURNS integer AS $func$ DECLARE x integer := 1; BEGIN RETURN a + b + x; END; $func$ language 'plpgsql'IMMUTABLE LEAKPROOF;",
                "DROP FUNCTION add(a integer) RESTRICT;",
                "ALTER FUNCTION add(integer) RENAME TO plus;",
                "CREATE TRIGGER \"posts_touch\" BEFORE INSERT OR UPDATE ON \"posts\" FOR EACH ROW EXECUTE PROCEDURE touch();",
                "CREATE CONSTRAINT TRIGGER \"t2\" AFTER UPDATE OF update ON \"posts\" EXECUTE PROCEDURE f();",
                "DROP TRIGGER \"posts_touch\" ON \"posts\" RESTRICT;",
                "ALTER TRIGGER \"a\" ON \"posts\" RENAME TO \"b\";",
            ]
        );
        assert!(g
            .create_trigger(
                &t,
                "x",
                "sometimes",
                &json!(["insert"]),
                "f",
                &json!([]),
                &json!([])
            )
            .is_err());
        assert!(g.drop_function("f", &json!([{"name": "a"}])).is_err());
    }
}
