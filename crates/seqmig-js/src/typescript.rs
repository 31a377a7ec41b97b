//! TypeScript migrations (`.ts`, `.cts`, `.mts`) become JavaScript through
//! `swc_ts_fast_strip` in Transform mode, as tsc/ts-node would compile them: enums,
//! namespaces, parameter properties, `export =` and `import x = require()` work, and
//! imports used only as types (`import { QueryInterface } from 'sequelize'`, common in
//! migrations) are dropped. Strip-only mode would keep every position but leave such
//! imports to fail at link time. Syntax errors come from the parser, so they are placed
//! in the `.ts` file itself; positions in runtime stacks are mapped back through the
//! source map (`tsPosition`, used by the stack formatting of 02_host_stack.js).

use std::sync::{Arc, Mutex};

use boa_engine::{js_string, Context, JsArgs, JsError, JsResult, JsValue};
use swc_common::errors::{DiagnosticBuilder, Emitter, Handler};
use swc_common::sync::Lrc;
use swc_common::{BytePos, SourceMap, GLOBALS};
use swc_ts_fast_strip::{ErrorCode, Options};

use crate::natives::{arg_string, make_error, str_value};

/// A TypeScript syntax error, placed in the `.ts` file (1-based line and column).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TsSyntaxError {
    pub message: String,
    pub line: Option<u32>,
    pub column: Option<u32>,
}

#[derive(Clone, Default)]
struct Collect(Arc<Mutex<Vec<(String, Option<BytePos>)>>>);

impl Emitter for Collect {
    fn emit(&mut self, db: &mut DiagnosticBuilder<'_>) {
        if !db.is_error() {
            return;
        }
        let pos = db.span.primary_span().map(|s| s.lo);
        let message = db.message();
        if let Ok(mut v) = self.0.lock() {
            v.push((message, pos));
        }
    }
}

/// Output position → `.ts` position, all 0-based: `(dst_line, dst_col, src_line, src_col)`,
/// sorted.
pub(crate) type LineMap = Vec<(u32, u32, u32, u32)>;

fn line_map(map: Option<&str>) -> LineMap {
    let Some(sm) = map.and_then(|m| swc_sourcemap::SourceMap::from_slice(m.as_bytes()).ok()) else {
        return Vec::new();
    };
    let mut out: LineMap = sm
        .tokens()
        .map(|t| {
            (
                t.get_dst_line(),
                t.get_dst_col(),
                t.get_src_line(),
                t.get_src_col(),
            )
        })
        .collect();
    out.sort_unstable();
    out
}

/// The `.ts` position (1-based) of output position `line:col` (1-based): the last
/// mapped token at or before it on its line (plus the distance from it), else the
/// line's first token.
pub(crate) fn map_position(map: &LineMap, line: u32, col: u32) -> Option<(u32, u32)> {
    let (l, c) = (line.checked_sub(1)?, col.saturating_sub(1));
    let on_line = |t: &&(u32, u32, u32, u32)| t.0 == l;
    let best = map
        .iter()
        .filter(on_line)
        .take_while(|t| t.1 <= c)
        .last()
        .or_else(|| map.iter().find(on_line))?;
    Some((best.2 + 1, best.3 + 1 + c.saturating_sub(best.1)))
}

fn run(
    source: &str,
    filename: &str,
    transform: bool,
) -> Result<(String, LineMap), (ErrorCode, TsSyntaxError)> {
    let cm: Lrc<SourceMap> = Default::default();
    let collect = Collect::default();
    let handler = Handler::with_emitter(true, false, Box::new(collect.clone()));
    // Options are Deserialize only in part (the transform config is another crate's):
    // built from JSON. Transform mode keeps `import x = require('y')` / `export = x` as
    // CommonJS ("Classic"), as tsc does for a CommonJS project.
    let options: Options = serde_json::from_value(serde_json::json!({
        "filename": filename,
        "mode": if transform { "transform" } else { "strip-only" },
        "transform": {"importExportAssignConfig": "Classic", "noEmptyExport": true},
        "sourceMap": true,
    }))
    .expect("static swc options");
    let result = GLOBALS.set(&Default::default(), || {
        swc_ts_fast_strip::operate(&cm, &handler, source.to_string(), options)
    });
    match result {
        Ok(out) => Ok((out.code, line_map(out.map.as_deref()))),
        Err(e) => {
            let first = collect.0.lock().ok().and_then(|v| v.first().cloned());
            let (message, line, column) = match first {
                Some((message, Some(pos))) => {
                    let loc = cm.lookup_char_pos(pos);
                    (
                        message,
                        Some(loc.line as u32),
                        Some(loc.col_display as u32 + 1),
                    )
                }
                Some((message, None)) => (message, None, None),
                None => (e.message.clone(), None, None),
            };
            Err((
                e.code,
                TsSyntaxError {
                    message,
                    line,
                    column,
                },
            ))
        }
    }
}

/// The JavaScript of a TypeScript source (the tests' entry point; the runtime goes
/// through `strip_types`).
#[cfg(test)]
pub(crate) fn strip(source: &str, filename: &str) -> Result<String, TsSyntaxError> {
    run(source, filename, true)
        .map(|(code, _)| code)
        .map_err(|(_, e)| e)
}

/// `stripTypes(source, filename)`: the JavaScript, or a SyntaxError in the `.ts` file's
/// coordinates (the `seqmigFile`/`seqmigLine`/`seqmigColumn` that syntax errors carry).
pub(crate) fn strip_types(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let source = arg_string(args, 0, ctx)?;
    let file = arg_string(args, 1, ctx)?;
    let source = source.strip_prefix('\u{feff}').unwrap_or(&source);
    // swc's parser recurses as Boa's does.
    crate::limits::check_nesting(source, &file, ctx)?;
    match run(source, &file, true).map_err(|(_, e)| e) {
        Ok((code, map)) => {
            crate::state::get(ctx)
                .ts_maps
                .borrow_mut()
                .insert(file, map);
            Ok(str_value(&code))
        }
        Err(e) => {
            let obj = make_error(ctx, "SyntaxError", &e.message);
            let _ = obj.set(js_string!("seqmigFile"), str_value(&file), false, ctx);
            if let (Some(l), Some(c)) = (e.line, e.column) {
                let _ = obj.set(js_string!("seqmigLine"), JsValue::from(l), false, ctx);
                let _ = obj.set(js_string!("seqmigColumn"), JsValue::from(c), false, ctx);
            }
            Err(JsError::from_opaque(obj.into()))
        }
    }
}

/// `tsPosition(file, line, column)`: `[line, column]` in the `.ts` file for a position
/// of its compiled output, or `undefined` when the file was not compiled here.
pub(crate) fn ts_position(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let file = arg_string(args, 0, ctx)?;
    let line = args.get_or_undefined(1).to_u32(ctx)?;
    let col = args.get_or_undefined(2).to_u32(ctx)?;
    let st = crate::state::get(ctx);
    let mapped = st
        .ts_maps
        .borrow()
        .get(&file)
        .and_then(|m| map_position(m, line, col));
    Ok(match mapped {
        Some((l, c)) => boa_engine::object::builtins::JsArray::from_iter(
            [JsValue::from(l), JsValue::from(c)],
            ctx,
        )
        .into(),
        None => JsValue::undefined(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_and_type_only_imports_disappear() {
        let ts = "import type { A } from 'a';\nimport { QueryInterface, DataTypes } from 'sequelize';\nconst n: number = (1 as any) as number;\nexport async function up(qi: QueryInterface): Promise<void> { return DataTypes.STRING as unknown as void; }\n";
        let js = strip(ts, "a.ts").unwrap();
        assert!(!js.contains("QueryInterface"), "{js}");
        assert!(
            !js.contains("from 'a'") && !js.contains("from \"a\""),
            "{js}"
        );
        assert!(js.contains("DataTypes"), "{js}");
        assert!(js.contains("export async function up(qi)"), "{js}");
    }

    #[test]
    fn enums_and_export_assign_go_through_transform() {
        let js = strip(
            "enum Color { Red = 'red', Blue = 'blue' }\nexport = { up: async () => Color.Red };\n",
            "e.ts",
        )
        .unwrap();
        assert!(js.contains("module.exports"), "{js}");
        assert!(js.contains("\"red\""), "{js}");
    }

    #[test]
    fn output_positions_map_back_to_the_ts_file() {
        let ts = "enum E { A }\n\ninterface I {\n  a: number;\n}\n\nexport function up(): void {\n  throw new Error('x' + E.A);\n}\n";
        let (js, map) = run(ts, "m.ts", true).unwrap();
        let (i, line) = js
            .lines()
            .enumerate()
            .find(|(_, l)| l.contains("throw"))
            .unwrap();
        let col = line.find("throw").unwrap() as u32 + 1;
        assert_eq!(map_position(&map, i as u32 + 1, col), Some((8, 3)), "{js}");
    }

    #[test]
    fn syntax_error_is_placed_in_the_ts_file() {
        let e = strip("const a: number = 1;\nconst b = (;\n", "bad.ts").unwrap_err();
        assert_eq!((e.line, e.column), (Some(2), Some(12)), "{e:?}");
        assert!(!e.message.is_empty());
    }
}
