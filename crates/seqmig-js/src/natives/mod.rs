//! `globalThis.__seqmig_native`: the op bridge to the [`crate::Host`] and the run's
//! context here; every other area (CommonJS, process, console, timers, crypto, the async
//! context, fs, path, os/tty facts, child processes, codecs) declares its natives in its
//! own module, and `build` puts them together.
//!
//! Bytes cross the boundary as "binary strings" (one char per byte, 0..=255): the
//! Buffer shim converts them, and no typed-array plumbing is needed here.

mod commonjs;
mod console;
mod crypto;
mod process;
mod timers;

pub(crate) mod child;
pub(crate) mod codec;
pub(crate) mod fs;
pub(crate) mod path;
pub(crate) mod sys;

use std::path::PathBuf;

use boa_engine::object::ObjectInitializer;
use boa_engine::{
    js_string, Context, JsArgs, JsError, JsNativeError, JsObject, JsResult, JsString, JsValue,
    NativeFunction,
};

use crate::{async_context, convert, state};

pub(crate) type Native = fn(&JsValue, &[JsValue], &mut Context) -> JsResult<JsValue>;

/// The op bridge and the run's context.
static OPS: &[(&str, Native, usize)] = &[
    ("op", op, 2),
    ("context", context, 0),
    ("contextVersion", context_version, 0),
];

pub(crate) fn build(ctx: &mut Context) -> JsObject {
    // Each area declares its natives beside its code, as Deno's ext/*/lib.rs does.
    let areas: [&[(&str, Native, usize)]; 12] = [
        OPS,
        commonjs::NATIVES,
        process::NATIVES,
        console::NATIVES,
        timers::NATIVES,
        crypto::NATIVES,
        async_context::NATIVES,
        fs::NATIVES,
        path::NATIVES,
        sys::NATIVES,
        child::NATIVES,
        codec::NATIVES,
    ];
    let natives = areas.iter().flat_map(|a| a.iter().copied());
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

pub(crate) fn exit_pending(ctx: &mut Context) -> JsResult<()> {
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
