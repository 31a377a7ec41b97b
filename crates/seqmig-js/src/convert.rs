//! JS values to and from JSON. Outgoing values go through the realm's own
//! `JSON.stringify`, so `toJSON`, getters, `undefined` members and key order behave
//! exactly as the shims expect; incoming JSON becomes plain objects and arrays.

use boa_engine::{js_string, Context, JsNativeError, JsResult, JsValue};

pub(crate) fn to_json(value: &JsValue, ctx: &mut Context) -> JsResult<Option<serde_json::Value>> {
    let json = ctx.global_object().get(js_string!("JSON"), ctx)?;
    let stringify = json
        .as_object()
        .map(|j| j.get(js_string!("stringify"), ctx))
        .transpose()?
        .and_then(|f| f.as_callable())
        .ok_or_else(|| JsNativeError::typ().with_message("JSON.stringify is missing"))?;
    let text = stringify.call(&json, std::slice::from_ref(value), ctx)?;
    match text.as_string() {
        None => Ok(None),
        Some(s) => serde_json::from_str(&s.to_std_string_escaped())
            .map(Some)
            .map_err(|e| {
                JsNativeError::typ()
                    .with_message(format!("cannot convert to JSON: {e}"))
                    .into()
            }),
    }
}

pub(crate) fn from_json(value: &serde_json::Value, ctx: &mut Context) -> JsResult<JsValue> {
    JsValue::from_json(value, ctx)
}
