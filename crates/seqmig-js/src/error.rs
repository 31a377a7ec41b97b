//! Turning what JS threw into a [`JsError`]: the description itself is computed by
//! `__seqmig.host.describeError` (03_host_errors.js), which knows the stack format and the
//! loader's error codes; Rust only falls back to `String(value)` when that is missing.

use std::path::PathBuf;

use boa_engine::{js_string, Context, JsValue};

use crate::{convert, JsError, JsErrorKind};

pub(crate) fn exit(code: i32) -> JsError {
    JsError::new(
        JsErrorKind::Exit(code),
        format!("process.exit({code}) was called"),
    )
}

pub(crate) fn from_boa(err: boa_engine::JsError, ctx: &mut Context) -> JsError {
    let text = err.to_string();
    match err.into_opaque(ctx) {
        Ok(value) => from_value(value, ctx),
        // Engine errors (runtime limits) have no JS value; Node words the common one so.
        Err(_) if text.contains("recursive calls") || text.contains("stack size") => JsError::new(
            JsErrorKind::Thrown,
            "RangeError: Maximum call stack size exceeded",
        ),
        Err(_) if text.contains("memory limit") => {
            JsError::new(JsErrorKind::Thrown, crate::limits::OUT_OF_MEMORY)
        }
        Err(_) => JsError::new(
            JsErrorKind::Thrown,
            text.lines().next().unwrap_or_default().to_string(),
        ),
    }
}

pub(crate) fn from_value(value: JsValue, ctx: &mut Context) -> JsError {
    if let Some(described) = describe(&value, ctx) {
        return described;
    }
    let message = value
        .to_string(ctx)
        .map(|s| s.to_std_string_escaped())
        .unwrap_or_else(|_| "<unprintable value>".to_string());
    JsError::new(JsErrorKind::Thrown, message)
}

fn describe(value: &JsValue, ctx: &mut Context) -> Option<JsError> {
    let f = ctx
        .global_object()
        .get(js_string!("__seqmig"), ctx)
        .ok()?
        .as_object()?
        .get(js_string!("host"), ctx)
        .ok()?
        .as_object()?
        .get(js_string!("describeError"), ctx)
        .ok()?
        .as_callable()?;
    let d = f
        .call(&JsValue::undefined(), std::slice::from_ref(value), ctx)
        .ok()?;
    let json = convert::to_json(&d, ctx).ok()??;
    let kind = match json.get("kind").and_then(|k| k.as_str()) {
        Some("syntax") => JsErrorKind::Syntax,
        Some("module") => JsErrorKind::Module,
        _ => JsErrorKind::Thrown,
    };
    let text = |k: &str| json.get(k).and_then(|v| v.as_str()).map(str::to_string);
    let num = |k: &str| json.get(k).and_then(|v| v.as_u64()).map(|n| n as u32);
    let location = match (text("file"), num("line"), num("column")) {
        (Some(f), Some(l), Some(c)) => Some((PathBuf::from(f), l, c)),
        _ => None,
    };
    Some(JsError {
        kind,
        message: text("message").unwrap_or_default(),
        stack: text("stack"),
        location,
        details: json.get("details").cloned().filter(|d| !d.is_null()),
    })
}
