//! `globalThis.__seqmig_native`: the op bridge to the [`crate::Host`], the context, the
//! CommonJS compiler, and the small natives the node built-ins of `js-shims/6*_node_*.js`
//! are written over (process, timers, crypto, os; fs lives in `natives_fs.rs`).
//!
//! Bytes cross the boundary as "binary strings" (one char per byte, 0..=255): the
//! Buffer shim converts them, and no typed-array plumbing is needed here.

use std::io::Write;
use std::path::PathBuf;

use boa_engine::object::builtins::JsArray;
use boa_engine::object::ObjectInitializer;
use boa_engine::property::Attribute;
use boa_engine::{
    js_string, Context, JsArgs, JsError, JsNativeError, JsObject, JsResult, JsString, JsValue,
    NativeFunction,
};
use sha1::Digest;

use crate::{
    async_context, compile, convert, esm, natives_child, natives_codec, natives_fs, natives_path,
    natives_sys, state, typescript,
};

pub(crate) type Native = fn(&JsValue, &[JsValue], &mut Context) -> JsResult<JsValue>;

pub(crate) fn build(ctx: &mut Context) -> JsObject {
    let mut natives: Vec<(&str, Native, usize)> = vec![
        ("op", op, 2),
        ("context", context, 0),
        ("contextVersion", context_version, 0),
        ("compile", compile::compile, 2),
        ("wrapperHead", compile::wrapper_head, 0),
        ("loadShim", compile::load_shim, 1),
        ("stripTypes", typescript::strip_types, 2),
        ("tsPosition", typescript::ts_position, 3),
        ("importModule", esm::import_module, 1),
        ("importSync", esm::import_sync, 1),
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
        ("asyncFrame", async_context::get, 0),
        ("asyncFrameSet", async_context::set, 1),
        ("asyncCapture", async_context::capture, 3),
        ("asyncRun", async_context::run, 4),
        ("asyncDestroy", async_context::destroy, 1),
        ("asyncIds", async_context::ids, 1),
        ("asyncResource", async_context::resource, 1),
        ("asyncHooksSet", async_context::hooks_set, 1),
    ];
    natives.extend(natives_fs::NATIVES.iter().copied());
    natives.extend(natives_path::NATIVES.iter().copied());
    natives.extend(natives_sys::NATIVES.iter().copied());
    natives.extend(natives_child::NATIVES.iter().copied());
    natives.extend(natives_codec::NATIVES.iter().copied());
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

fn context_version(_: &JsValue, _: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    Ok(JsValue::from(state::get(ctx).context_version.get()))
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
