//! Compiling CommonJS modules and lazy shims: the module wrapper, and syntax errors
//! placed in the file's own coordinates and worded as V8 words them.

use std::path::PathBuf;

use boa_engine::{js_string, Context, JsError, JsResult, JsValue, Script, Source};

use crate::natives::{arg_string, make_error, str_value};

/// The text put before a module's source: on the same line, so line numbers stay those
/// of the file (columns on line 1 shift by its length, which syntax errors correct).
pub(crate) const WRAPPER_HEAD: &str =
    "(function (exports, require, module, __filename, __dirname) { ";
const WRAPPER_TAIL: &str = "\n})";

/// `compile(source, filename)`: the module wrapper function, or a SyntaxError carrying
/// `seqmigFile`/`seqmigLine`/`seqmigColumn` in the file's own coordinates.
pub(crate) fn compile(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let source = arg_string(args, 0, ctx)?;
    let file = arg_string(args, 1, ctx)?;
    let body = strip_hashbang(source.strip_prefix('\u{feff}').unwrap_or(&source));
    crate::limits::check_nesting(&body, &file, ctx)?;
    let wrapped = format!("{WRAPPER_HEAD}{body}{WRAPPER_TAIL}");
    let path = PathBuf::from(&file);
    let parsed = Script::parse(
        Source::from_bytes(wrapped.as_bytes()).with_path(&path),
        None,
        ctx,
    );
    match parsed {
        Ok(script) => script.evaluate(ctx),
        Err(e) => Err(syntax_error(e, &file, &body, ctx)),
    }
}

pub(crate) fn load_shim(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let name = arg_string(args, 0, ctx)?;
    crate::compile_lazy_shim(&name, ctx)
}

pub(crate) fn wrapper_head(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    Ok(str_value(WRAPPER_HEAD))
}

pub(crate) fn strip_hashbang(src: &str) -> std::borrow::Cow<'_, str> {
    if src.starts_with("#!") {
        // Keep the line so that line numbers do not move.
        std::borrow::Cow::Owned(format!("//{}", &src[2..]))
    } else {
        std::borrow::Cow::Borrowed(src)
    }
}

fn syntax_error(e: JsError, file: &str, body: &str, ctx: &mut Context) -> JsError {
    syntax_error_in(e, file, body, WRAPPER_HEAD.chars().count() as u32, ctx)
}

/// A parse error of `body`, compiled after `head_cols` characters on its first line,
/// as a SyntaxError in the file's own coordinates.
pub(crate) fn syntax_error_in(
    e: JsError,
    file: &str,
    body: &str,
    head_cols: u32,
    ctx: &mut Context,
) -> JsError {
    let text = match e.try_native(ctx) {
        Ok(native) => native.message().to_string(),
        Err(_) => e.to_string(),
    };
    let (mut message, mut line, mut column) = split_position(&text);
    let body_lines = body.split('\n').count() as u32;
    // An error on the wrapper's closing line means the file ended inside a block.
    if message == "abrupt end" || line.is_some_and(|l| l > body_lines) {
        // Node's wording; the position is the end of the file.
        message = "Unexpected end of input".to_string();
        let lines = body.split('\n').count().max(1) as u32;
        let last = body.rsplit('\n').next().unwrap_or("").chars().count() as u32;
        line = Some(lines);
        column = Some(last + 1 + if lines == 1 { head_cols } else { 0 });
    }
    let column = match (line, column) {
        (Some(1), Some(c)) => Some(c.saturating_sub(head_cols).max(1)),
        (_, c) => c,
    };
    let message = node_wording(&message, body, line, column);
    // The body of a TypeScript file is swc's output: place the error in the `.ts` file.
    let (line, column, message) = match (line, column) {
        (Some(l), Some(c)) => {
            let st = crate::state::get(ctx);
            let maps = st.ts_maps.borrow();
            match maps
                .get(file)
                .and_then(|m| crate::typescript::map_position(m, l, c))
            {
                Some((l, c)) => {
                    // swc leaves decorators in its output for a later pass seqmig does not run.
                    let message = if message.contains("'@'") {
                        format!("{message} (decorators are not supported in TypeScript migrations)")
                    } else {
                        message
                    };
                    (Some(l), Some(c), message)
                }
                None => (line, column, message),
            }
        }
        _ => (line, column, message),
    };
    let obj = make_error(ctx, "SyntaxError", &message);
    let _ = obj.set(js_string!("seqmigFile"), str_value(file), false, ctx);
    if let (Some(l), Some(c)) = (line, column) {
        let _ = obj.set(js_string!("seqmigLine"), JsValue::from(l), false, ctx);
        let _ = obj.set(js_string!("seqmigColumn"), JsValue::from(c), false, ctx);
    }
    JsError::from_opaque(obj.into())
}

const RESERVED: &[&str] = &[
    "await",
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "debugger",
    "default",
    "delete",
    "do",
    "else",
    "enum",
    "export",
    "extends",
    "false",
    "finally",
    "for",
    "function",
    "if",
    "import",
    "in",
    "instanceof",
    "new",
    "null",
    "return",
    "super",
    "switch",
    "this",
    "throw",
    "true",
    "try",
    "typeof",
    "var",
    "void",
    "while",
    "with",
    "yield",
    "let",
    "static",
    "implements",
    "interface",
    "package",
    "private",
    "protected",
    "public",
];

/// V8's wording for the common parse errors, so that `ERROR: Unexpected token ':'` reads
/// as under sequelize-cli. The offending token is classified from the source itself,
/// because Boa's message drops the quotes of a string token.
pub(crate) fn node_wording(
    boa: &str,
    body: &str,
    line: Option<u32>,
    column: Option<u32>,
) -> String {
    if boa.contains("in import.meta") {
        return "Cannot use import statement outside a module".into();
    }
    match boa {
        "unterminated string literal" => return "Invalid or unexpected token".into(),
        "unterminated template literal" => return "Unterminated template literal".into(),
        "Unexpected end of input" => return boa.into(),
        _ => {}
    }
    if boa.starts_with("unexpected token '(', function declaration") {
        return "Function statements require a function name".into();
    }
    let unexpected = boa.starts_with("unexpected token '") || boa.contains(", got '");
    let (Some(l), Some(c), true) = (line, column, unexpected) else {
        return boa.to_string();
    };
    let Some(text) = body.split('\n').nth(l as usize - 1) else {
        return boa.to_string();
    };
    let rest: String = text.chars().skip(c as usize - 1).collect();
    let before: String = text.chars().take(c as usize - 1).collect();
    if before.trim_end().ends_with("await") && before.trim_end().len() < before.len() {
        return "await is only valid in async functions and the top level bodies of modules".into();
    }
    let Some(first) = rest.chars().next() else {
        return "Unexpected end of input".into();
    };
    if first == '\'' || first == '"' {
        return "Unexpected string".into();
    }
    if first == '`' {
        return "Unexpected template string".into();
    }
    if first.is_ascii_digit()
        || (first == '.' && rest.chars().nth(1).is_some_and(|d| d.is_ascii_digit()))
    {
        return "Unexpected number".into();
    }
    let word: String = rest
        .chars()
        .take_while(|ch| ch.is_alphanumeric() || *ch == '_' || *ch == '$')
        .collect();
    if !word.is_empty() {
        if word == "await" {
            return "await is only valid in async functions and the top level bodies of modules"
                .into();
        }
        if RESERVED.contains(&word.as_str()) {
            return format!("Unexpected token '{word}'");
        }
        return format!("Unexpected identifier '{word}'");
    }
    // Punctuators: the longest one Boa named, else the single character.
    let named = boa
        .strip_prefix("unexpected token '")
        .or_else(|| boa.split(", got '").nth(1))
        .and_then(|t| t.split('\'').next())
        .filter(|t| rest.starts_with(t) && !t.is_empty());
    format!(
        "Unexpected token '{}'",
        named
            .map(str::to_string)
            .unwrap_or_else(|| first.to_string())
    )
}

/// Boa words positions as "... at line 3, col 7" at the end of the message.
pub(crate) fn split_position(text: &str) -> (String, Option<u32>, Option<u32>) {
    if let Some(idx) = text.rfind(" at line ") {
        let rest = &text[idx + " at line ".len()..];
        if let Some((l, c)) = rest.split_once(", col ") {
            if let (Ok(l), Ok(c)) = (l.trim().parse::<u32>(), c.trim().parse::<u32>()) {
                return (text[..idx].to_string(), Some(l), Some(c));
            }
        }
    }
    (text.to_string(), None, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_position_reads_boas_suffix() {
        let (m, l, c) = split_position("expected token ';', got 'x' at line 3, col 7");
        assert_eq!(
            (m.as_str(), l, c),
            ("expected token ';', got 'x'", Some(3), Some(7))
        );
        assert_eq!(
            split_position("abrupt end"),
            ("abrupt end".to_string(), None, None)
        );
    }

    #[test]
    fn syntax_messages_read_as_v8() {
        let w = |m: &str, body: &str, c: u32| node_wording(m, body, Some(1), Some(c));
        assert_eq!(
            w(
                "expected token ',', got ':' in parameter list",
                "up(qi: X) {}",
                6
            ),
            "Unexpected token ':'"
        );
        assert_eq!(
            w(
                "expected one of ',' or '}', got 'c' in object literal",
                "{ b: 1 c: 2 }",
                8
            ),
            "Unexpected identifier 'c'"
        );
        assert_eq!(
            w(
                "expected one of ';' or 'line terminator', got 'y' in x",
                "const a = 'x' 'y';",
                15
            ),
            "Unexpected string"
        );
        assert_eq!(
            w(
                "expected one of ';' or 'line terminator', got '2' in x",
                "const a = 1 2;",
                13
            ),
            "Unexpected number"
        );
        assert_eq!(
            w(
                "unexpected token 'export', primary expression",
                "export async function up() {}",
                1
            ),
            "Unexpected token 'export'"
        );
        assert_eq!(
            w("unexpected token '*', primary expression", "1 +* 2", 4),
            "Unexpected token '*'"
        );
        assert_eq!(
            w(
                "expected token '.', got '{' in import.meta",
                "import { a } from 'b'",
                8
            ),
            "Cannot use import statement outside a module"
        );
        assert_eq!(
            w(
                "expected token ';', got 'foo' in expression statement",
                "await foo();",
                7
            ),
            "await is only valid in async functions and the top level bodies of modules"
        );
    }

    #[test]
    fn hashbang_keeps_lines() {
        assert_eq!(
            strip_hashbang("#!/usr/bin/env node\nx"),
            "///usr/bin/env node\nx"
        );
    }
}
