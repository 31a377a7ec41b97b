//! `globalThis.__seqmig_native`: the op bridge to the [`crate::Host`], the context, the
//! CommonJS compiler, and the small natives the node built-ins of `js-shims/6*_node_*.js`
//! are written over (process, timers, crypto, os; fs lives in `natives_fs.rs`).
//!
//! Bytes cross the boundary as "binary strings" (one char per byte, 0..=255): the
//! Buffer shim converts them, and no typed-array plumbing is needed here.

use std::io::Write;
use std::path::{Path, PathBuf};

use boa_engine::object::builtins::JsArray;
use boa_engine::object::ObjectInitializer;
use boa_engine::property::Attribute;
use boa_engine::{
    js_string, Context, JsArgs, JsError, JsNativeError, JsObject, JsResult, JsString, JsValue,
    NativeFunction, Script, Source,
};
use sha1::Digest;

use crate::{convert, natives_fs, state};

type Native = fn(&JsValue, &[JsValue], &mut Context) -> JsResult<JsValue>;

/// The text put before a module's source: on the same line, so line numbers stay those
/// of the file (columns on line 1 shift by its length, which syntax errors correct).
pub(crate) const WRAPPER_HEAD: &str =
    "(function (exports, require, module, __filename, __dirname) { ";
const WRAPPER_TAIL: &str = "\n})";

pub(crate) fn build(ctx: &mut Context) -> JsObject {
    let mut natives: Vec<(&str, Native, usize)> = vec![
        ("op", op, 2),
        ("context", context, 0),
        ("compile", compile, 2),
        ("wrapperHead", wrapper_head, 0),
        ("loadShim", load_shim, 1),
        ("cwd", cwd, 0),
        ("chdir", chdir, 1),
        ("env", env, 0),
        ("setEnv", set_env, 2),
        ("argv", argv, 0),
        ("write", write, 2),
        ("hrtime", hrtime, 0),
        ("timerAdd", timer_add, 3),
        ("timerCancel", timer_cancel, 1),
        ("timerRef", timer_ref, 2),
        ("timerHasRef", timer_has_ref, 1),
        ("exit", exit, 1),
        ("hash", hash, 2),
        ("hmac", hmac, 3),
        ("randomBytes", random_bytes, 1),
        ("randomUUID", random_uuid, 0),
        ("os", os, 0),
    ];
    natives.extend(natives_fs::NATIVES.iter().copied());
    let mut init = ObjectInitializer::new(ctx);
    for (name, f, len) in natives {
        init.function(NativeFunction::from_fn_ptr(f), js_string!(name), len);
    }
    init.build()
}

// ---- helpers shared with natives_fs ----

pub(crate) fn arg_string(args: &[JsValue], i: usize, ctx: &mut Context) -> JsResult<String> {
    Ok(args
        .get_or_undefined(i)
        .to_string(ctx)?
        .to_std_string_escaped())
}

pub(crate) fn arg_path(args: &[JsValue], i: usize, ctx: &mut Context) -> JsResult<PathBuf> {
    let p = PathBuf::from(arg_string(args, i, ctx)?);
    Ok(if p.is_absolute() {
        p
    } else {
        state::get(ctx).cwd.borrow().join(p)
    })
}

pub(crate) fn str_value(s: &str) -> JsValue {
    JsValue::from(JsString::from(s))
}

pub(crate) fn bytes_to_binary(bytes: &[u8]) -> JsValue {
    let units: Vec<u16> = bytes.iter().map(|&b| u16::from(b)).collect();
    JsValue::from(JsString::from(units.as_slice()))
}

pub(crate) fn binary_to_bytes(value: &JsValue, ctx: &mut Context) -> JsResult<Vec<u8>> {
    let s = value.to_string(ctx)?;
    Ok(s.iter().map(|u| u as u8).collect())
}

/// An `Error` (or a subclass) made by the realm's constructor, so it has a stack.
pub(crate) fn make_error(ctx: &mut Context, name: &str, message: &str) -> JsObject {
    let native = match name {
        "TypeError" => JsNativeError::typ(),
        "RangeError" => JsNativeError::range(),
        "SyntaxError" => JsNativeError::syntax(),
        "ReferenceError" => JsNativeError::reference(),
        _ => JsNativeError::error(),
    };
    let obj = native.with_message(message.to_string()).into_opaque(ctx);
    if !matches!(
        name,
        "Error" | "TypeError" | "RangeError" | "SyntaxError" | "ReferenceError"
    ) {
        let _ = obj.set(js_string!("name"), str_value(name), false, ctx);
    }
    obj
}

fn set_props(
    obj: &JsObject,
    props: &serde_json::Map<String, serde_json::Value>,
    ctx: &mut Context,
) -> JsResult<()> {
    for (k, v) in props {
        let v = convert::from_json(v, ctx)?;
        obj.set(JsString::from(k.as_str()), v, false, ctx)?;
    }
    Ok(())
}

fn exit_pending(ctx: &mut Context) -> JsResult<()> {
    match state::get(ctx).exit.get() {
        // Keep unwinding: user code may catch the first throw, not the ones after.
        Some(code) => Err(JsError::from_opaque(
            make_error(ctx, "Error", &format!("process.exit({code})")).into(),
        )),
        None => Ok(()),
    }
}

// ---- the op bridge ----

fn op(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    exit_pending(ctx)?;
    let name = arg_string(args, 0, ctx)?;
    let payload =
        convert::to_json(args.get_or_undefined(1), ctx)?.unwrap_or(serde_json::Value::Null);
    let st = state::get(ctx);
    let result = st.host.borrow_mut().op(&name, payload);
    match result {
        Ok(v) => convert::from_json(&v, ctx),
        Err(e) => {
            let mut err = serde_json::Map::new();
            err.insert("name".into(), e.name.clone().into());
            err.insert("message".into(), e.message.clone().into());
            for (k, v) in &e.props {
                err.insert(k.clone(), v.clone());
            }
            let make = ctx
                .global_object()
                .get(js_string!("__seqmig"), ctx)?
                .as_object()
                .map(|s| s.get(js_string!("makeOpError"), ctx))
                .transpose()?
                .and_then(|f| f.as_callable());
            let thrown = match make {
                Some(make) => {
                    let arg = convert::from_json(&serde_json::Value::Object(err), ctx)?;
                    make.call(&JsValue::undefined(), &[arg], ctx)?
                }
                None => {
                    let obj = make_error(ctx, &e.name, &e.message);
                    set_props(&obj, &e.props, ctx)?;
                    obj.into()
                }
            };
            Err(JsError::from_opaque(thrown))
        }
    }
}

fn context(_: &JsValue, _: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let json = state::get(ctx).context.borrow().clone();
    convert::from_json(&json, ctx)
}

// ---- CommonJS ----

/// `compile(source, filename)`: the module wrapper function, or a SyntaxError carrying
/// `seqmigFile`/`seqmigLine`/`seqmigColumn` in the file's own coordinates.
fn compile(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let source = arg_string(args, 0, ctx)?;
    let file = arg_string(args, 1, ctx)?;
    let body = strip_hashbang(source.strip_prefix('\u{feff}').unwrap_or(&source));
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

fn load_shim(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let name = arg_string(args, 0, ctx)?;
    crate::compile_lazy_shim(&name, ctx)
}

fn wrapper_head(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    Ok(str_value(WRAPPER_HEAD))
}

fn strip_hashbang(src: &str) -> std::borrow::Cow<'_, str> {
    if src.starts_with("#!") {
        // Keep the line so that line numbers do not move.
        std::borrow::Cow::Owned(format!("//{}", &src[2..]))
    } else {
        std::borrow::Cow::Borrowed(src)
    }
}

fn syntax_error(e: JsError, file: &str, body: &str, ctx: &mut Context) -> JsError {
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
        column = Some(
            last + 1
                + if lines == 1 {
                    WRAPPER_HEAD.chars().count() as u32
                } else {
                    0
                },
        );
    }
    let column = match (line, column) {
        (Some(1), Some(c)) => Some(c.saturating_sub(WRAPPER_HEAD.chars().count() as u32).max(1)),
        (_, c) => c,
    };
    let message = node_wording(&message, body, line, column);
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

// ---- process ----

fn cwd(_: &JsValue, _: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    Ok(str_value(&state::get(ctx).cwd.borrow().to_string_lossy()))
}

fn chdir(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let p = arg_path(args, 0, ctx)?;
    if !p.is_dir() {
        let msg = format!("ENOENT: no such file or directory, chdir '{}'", p.display());
        return Err(JsError::from_opaque(make_error(ctx, "Error", &msg).into()));
    }
    *state::get(ctx).cwd.borrow_mut() = p;
    Ok(JsValue::undefined())
}

fn env(_: &JsValue, _: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let obj = JsObject::with_object_proto(ctx.intrinsics());
    for (k, v) in std::env::vars_os() {
        obj.set(
            JsString::from(k.to_string_lossy().as_ref()),
            str_value(&v.to_string_lossy()),
            false,
            ctx,
        )?;
    }
    Ok(obj.into())
}

/// `setEnv(name, value)`: writes to `process.env` reach the real environment, because
/// seqmig-core reads `use_env_variable` (often set by dotenv in `.sequelizerc`) from it.
/// `value` undefined removes the variable.
fn set_env(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let name = arg_string(args, 0, ctx)?;
    if name.is_empty() || name.contains('=') || name.contains('\0') {
        return Ok(JsValue::undefined());
    }
    match args.get_or_undefined(1) {
        v if v.is_undefined() => std::env::remove_var(&name),
        v => {
            let value = v.to_string(ctx)?.to_std_string_escaped();
            if !value.contains('\0') {
                std::env::set_var(&name, value);
            }
        }
    }
    Ok(JsValue::undefined())
}

fn argv(_: &JsValue, _: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let st = state::get(ctx);
    let items: Vec<JsValue> = st.argv.iter().map(|a| str_value(a)).collect();
    Ok(JsArray::from_iter(items, ctx).into())
}

fn write(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let fd = args.get_or_undefined(0).to_number(ctx)? as i32;
    let text = arg_string(args, 1, ctx)?;
    // Output errors (a closed pipe) are not the migration's failure.
    if fd == 2 {
        let _ = std::io::stderr().write_all(text.as_bytes());
    } else {
        let mut out = std::io::stdout();
        let _ = out.write_all(text.as_bytes());
        let _ = out.flush();
    }
    Ok(JsValue::from(true))
}

fn hrtime(_: &JsValue, _: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let d = state::get(ctx).started.elapsed();
    let items = [
        JsValue::from(d.as_secs() as f64),
        JsValue::from(d.subsec_nanos()),
    ];
    Ok(JsArray::from_iter(items, ctx).into())
}

fn exit(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let code = match args.get_or_undefined(0) {
        v if v.is_undefined() => 0,
        v => v.to_number(ctx)? as i32,
    };
    let st = state::get(ctx);
    if st.exit.get().is_none() {
        st.exit.set(Some(code));
    }
    exit_pending(ctx)?;
    Ok(JsValue::undefined())
}

// ---- timers ----

fn timer_id(args: &[JsValue], ctx: &mut Context) -> JsResult<u64> {
    Ok(args.get_or_undefined(0).to_number(ctx)? as u64)
}

fn timer_add(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let id = timer_id(args, ctx)?;
    let ms = args.get_or_undefined(1).to_number(ctx)?;
    let referenced = args.get_or_undefined(2).to_boolean();
    state::get(ctx).timers.borrow_mut().add(id, ms, referenced);
    Ok(JsValue::undefined())
}

fn timer_cancel(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let id = timer_id(args, ctx)?;
    state::get(ctx).timers.borrow_mut().cancel(id);
    Ok(JsValue::undefined())
}

fn timer_ref(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let id = timer_id(args, ctx)?;
    let referenced = args.get_or_undefined(1).to_boolean();
    state::get(ctx).timers.borrow_mut().set_ref(id, referenced);
    Ok(JsValue::undefined())
}

fn timer_has_ref(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let id = timer_id(args, ctx)?;
    Ok(JsValue::from(state::get(ctx).timers.borrow().has_ref(id)))
}

// ---- crypto ----

fn digest(algo: &str, data: &[u8]) -> Option<Vec<u8>> {
    Some(match algo {
        "md5" => md5::Md5::digest(data).to_vec(),
        "sha1" => sha1::Sha1::digest(data).to_vec(),
        "sha256" => sha2::Sha256::digest(data).to_vec(),
        "sha512" => sha2::Sha512::digest(data).to_vec(),
        "sha384" => sha2::Sha384::digest(data).to_vec(),
        _ => return None,
    })
}

fn digest_error(ctx: &mut Context) -> JsError {
    JsError::from_opaque(make_error(ctx, "Error", "Digest method not supported").into())
}

fn hash(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let algo = arg_string(args, 0, ctx)?.to_ascii_lowercase();
    let data = binary_to_bytes(args.get_or_undefined(1), ctx)?;
    match digest(&algo, &data) {
        Some(d) => Ok(bytes_to_binary(&d)),
        None => Err(digest_error(ctx)),
    }
}

/// HMAC over the digests above (RFC 2104), to avoid another dependency.
fn hmac(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let algo = arg_string(args, 0, ctx)?.to_ascii_lowercase();
    let mut key = binary_to_bytes(args.get_or_undefined(1), ctx)?;
    let data = binary_to_bytes(args.get_or_undefined(2), ctx)?;
    let block = if matches!(algo.as_str(), "sha512" | "sha384") {
        128
    } else {
        64
    };
    if key.len() > block {
        key = match digest(&algo, &key) {
            Some(k) => k,
            None => return Err(digest_error(ctx)),
        };
    }
    key.resize(block, 0);
    let ipad: Vec<u8> = key
        .iter()
        .map(|b| b ^ 0x36)
        .chain(data.iter().copied())
        .collect();
    let inner = digest(&algo, &ipad).ok_or_else(|| digest_error(ctx))?;
    let opad: Vec<u8> = key.iter().map(|b| b ^ 0x5c).chain(inner).collect();
    let outer = digest(&algo, &opad).ok_or_else(|| digest_error(ctx))?;
    Ok(bytes_to_binary(&outer))
}

fn random_bytes(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let n = args.get_or_undefined(0).to_number(ctx)?.max(0.0) as usize;
    let mut out = Vec::with_capacity(n + 16);
    while out.len() < n {
        out.extend_from_slice(uuid::Uuid::new_v4().as_bytes());
    }
    out.truncate(n);
    Ok(bytes_to_binary(&out))
}

fn random_uuid(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    Ok(str_value(&uuid::Uuid::new_v4().to_string()))
}

// ---- os ----

fn os(_: &JsValue, _: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let hostname = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| std::fs::read_to_string("/etc/hostname"))
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|_| "localhost".into());
    let home = std::env::var("HOME").unwrap_or_else(|_| "/".into());
    let platform = match std::env::consts::OS {
        "macos" => "darwin",
        "windows" => "win32",
        other => other,
    };
    let arch = match std::env::consts::ARCH {
        "x86_64" => "x64",
        "aarch64" => "arm64",
        other => other,
    };
    let tmp = std::env::temp_dir();
    let tmp = tmp.to_string_lossy();
    let tmp = if tmp.len() > 1 {
        tmp.trim_end_matches('/')
    } else {
        &tmp
    };
    let mut init = ObjectInitializer::new(ctx);
    init.property(
        js_string!("hostname"),
        str_value(&hostname),
        Attribute::all(),
    )
    .property(js_string!("homedir"), str_value(&home), Attribute::all())
    .property(
        js_string!("platform"),
        str_value(platform),
        Attribute::all(),
    )
    .property(js_string!("arch"), str_value(arch), Attribute::all())
    .property(js_string!("tmpdir"), str_value(tmp), Attribute::all());
    Ok(init.build().into())
}

#[allow(dead_code)]
pub(crate) fn display(p: &Path) -> String {
    p.to_string_lossy().into_owned()
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
