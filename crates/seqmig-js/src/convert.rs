//! JS values to and from JSON. Outgoing values go through the realm's own
//! `JSON.stringify`, so `toJSON`, getters, `undefined` members and key order behave
//! exactly as the shims expect; incoming JSON becomes plain objects and arrays.
//!
//! Every op's arguments cross here, and Boa's `JSON.stringify` plus re-parsing its text
//! cost ~300k instructions for one `createTable`. Most payloads are trees of plain
//! objects, arrays and primitives the shims built: those are read directly from the
//! property tables, which cannot run any JS. Anything else (a `toJSON` anywhere, a
//! getter, a Date, a class instance, a proxy, a hole, a BigInt, a cycle)
//! makes the direct walk give up before it had any effect, and the value takes the
//! `JSON.stringify` path as before.

use boa_engine::property::PropertyKey;
use boa_engine::value::JsVariant;
use boa_engine::{js_string, Context, JsNativeError, JsObject, JsResult, JsValue};

pub(crate) fn to_json(value: &JsValue, ctx: &mut Context) -> JsResult<Option<serde_json::Value>> {
    // What JSON.stringify returns `undefined` for at the top.
    if value.is_undefined()
        || value.as_symbol().is_some()
        || value.as_object().is_some_and(|o| o.is_callable())
    {
        return Ok(None);
    }
    if let Some(v) = Plain::new(ctx).and_then(|p| p.value(value, 0, ctx)) {
        return Ok(Some(v));
    }
    to_json_by_stringify(value, ctx)
}

fn to_json_by_stringify(value: &JsValue, ctx: &mut Context) -> JsResult<Option<serde_json::Value>> {
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
        Some(s) => parse_json_text(&s.to_std_string_escaped()).map(Some),
    }
}

fn parse_json_text(text: &str) -> JsResult<serde_json::Value> {
    let fixed;
    let text = if text.contains("\\u") {
        fixed = lone_surrogates_replaced(text);
        fixed.as_str()
    } else {
        text
    };
    serde_json::from_str(text).map_err(|e| {
        JsNativeError::typ()
            .with_message(format!("cannot convert to JSON: {e}"))
            .into()
    })
}

/// JSON text with every `\uD800`-`\uDFFF` escape that is not half of a pair turned into
/// `\uFFFD`: what Node's drivers send for a lone surrogate (its UTF-8 encoding replaces
/// it), where serde_json would refuse the whole document.
fn lone_surrogates_replaced(text: &str) -> String {
    fn unit_at(b: &[u8], i: usize) -> Option<u16> {
        if b.get(i) != Some(&b'\\') || b.get(i + 1) != Some(&b'u') {
            return None;
        }
        let hex = std::str::from_utf8(b.get(i + 2..i + 6)?).ok()?;
        u16::from_str_radix(hex, 16).ok()
    }
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let mut copied = 0;
    while i < b.len() {
        if b[i] != b'\\' {
            i += 1;
            continue;
        }
        let Some(unit) = unit_at(b, i) else {
            // Another escape: skip the escaped character (it may be a backslash).
            i += 2;
            continue;
        };
        let high = (0xD800..0xDC00).contains(&unit);
        let low = (0xDC00..0xE000).contains(&unit);
        if high && unit_at(b, i + 6).is_some_and(|u| (0xDC00..0xE000).contains(&u)) {
            i += 12;
        } else if high || low {
            out.push_str(&text[copied..i]);
            out.push_str("\\ufffd");
            i += 6;
            copied = i;
        } else {
            i += 6;
        }
    }
    out.push_str(&text[copied.min(text.len())..]);
    out
}

/// Deeper trees are left to `JSON.stringify`, which also reports cycles.
const MAX_DEPTH: usize = 64;

/// The direct walk. `None` anywhere means "not plain": nothing was called, so the
/// caller can still take the `JSON.stringify` path.
struct Plain {
    object_proto: JsObject,
    array_proto: JsObject,
}

impl Plain {
    /// `None` when someone gave `Object.prototype` or `Array.prototype` a `toJSON` (or
    /// made either a non-ordinary object): then no object is plain.
    fn new(ctx: &Context) -> Option<Plain> {
        let ctors = ctx.intrinsics().constructors();
        let object_proto = ctors.object().prototype();
        let array_proto = ctors.array().prototype();
        let to_json = PropertyKey::from(js_string!("toJSON"));
        for proto in [&object_proto, &array_proto] {
            if proto.borrow().properties().get(&to_json).is_some() {
                return None;
            }
        }
        // Object.prototype's own prototype is null; Array.prototype's is Object.prototype.
        if object_proto.prototype().is_some()
            || array_proto.prototype().as_ref() != Some(&object_proto)
        {
            return None;
        }
        Some(Plain {
            object_proto,
            array_proto,
        })
    }

    /// The JSON of a value JSON.stringify would write; `Some(Null)` also stands for
    /// what an array writes as `null` (undefined, functions, symbols).
    fn value(&self, value: &JsValue, depth: usize, ctx: &mut Context) -> Option<serde_json::Value> {
        Some(match value.variant() {
            JsVariant::Null | JsVariant::Undefined | JsVariant::Symbol(_) => {
                serde_json::Value::Null
            }
            JsVariant::Boolean(b) => serde_json::Value::Bool(b),
            // A lone surrogate becomes U+FFFD, as Node's drivers encode it.
            JsVariant::String(s) => serde_json::Value::String(s.to_std_string_lossy()),
            JsVariant::Integer32(i) => serde_json::Value::from(i64::from(i)),
            JsVariant::Float64(f) => number(f, ctx)?,
            JsVariant::BigInt(_) => return None,
            JsVariant::Object(o) => {
                if o.is_callable() {
                    serde_json::Value::Null
                } else {
                    self.object(&o, depth + 1, ctx)?
                }
            }
        })
    }

    fn object(&self, o: &JsObject, depth: usize, ctx: &mut Context) -> Option<serde_json::Value> {
        if depth > MAX_DEPTH {
            return None;
        }
        let proto = o.prototype();
        let is_array = o.is_array();
        if is_array {
            if proto.as_ref() != Some(&self.array_proto) {
                return None;
            }
        } else if !o.is_ordinary()
            || !(proto.is_none() || proto.as_ref() == Some(&self.object_proto))
        {
            return None;
        }
        // Read the entries first: the borrow must end before recursing into children.
        let entries: Vec<(PropertyKey, JsValue)> = {
            let obj = o.borrow();
            let props = obj.properties();
            if props
                .get(&PropertyKey::from(js_string!("toJSON")))
                .is_some()
            {
                return None;
            }
            if is_array {
                let len = props
                    .get(&PropertyKey::from(js_string!("length")))?
                    .value()?
                    .as_number()?;
                let len = u32::try_from(len as u64).ok()?;
                let mut out = Vec::with_capacity(len as usize);
                for i in 0..len {
                    let key = PropertyKey::from(i);
                    let desc = props.get(&key)?;
                    out.push((key, desc.value()?.clone()));
                }
                out
            } else {
                drop(obj);
                // Own keys of an ordinary object: integer keys ascending, then strings
                // in insertion order, then symbols (skipped), as JSON.stringify reads them.
                let keys = o.own_property_keys(ctx).ok()?;
                let obj = o.borrow();
                let props = obj.properties();
                let mut out = Vec::with_capacity(keys.len());
                for key in keys {
                    if matches!(key, PropertyKey::Symbol(_)) {
                        continue;
                    }
                    let desc = props.get(&key)?;
                    if desc.enumerable() != Some(true) {
                        continue;
                    }
                    out.push((key, desc.value()?.clone()));
                }
                out
            }
        };
        if is_array {
            let mut out = Vec::with_capacity(entries.len());
            for (_, v) in &entries {
                out.push(self.value(v, depth, ctx)?);
            }
            return Some(serde_json::Value::Array(out));
        }
        let mut out = serde_json::Map::with_capacity(entries.len());
        for (key, v) in &entries {
            // Members JSON.stringify leaves out.
            if v.is_undefined()
                || v.as_symbol().is_some()
                || v.as_object().is_some_and(|o| o.is_callable())
            {
                continue;
            }
            let name = match key {
                PropertyKey::String(s) => s.to_std_string().ok()?,
                PropertyKey::Index(i) => i.get().to_string(),
                PropertyKey::Symbol(_) => continue,
            };
            out.insert(name, self.value(v, depth, ctx)?);
        }
        Some(serde_json::Value::Object(out))
    }
}

/// A number as serde_json reads the text JSON.stringify writes for it: small integers
/// exactly; other values through that same text, so the result is identical.
fn number(f: f64, ctx: &mut Context) -> Option<serde_json::Value> {
    if !f.is_finite() {
        return Some(serde_json::Value::Null);
    }
    if f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0 {
        // -0 is written "0".
        return Some(if f >= 0.0 {
            serde_json::Value::from(f as u64)
        } else {
            serde_json::Value::from(f as i64)
        });
    }
    // ToString of a number primitive runs no JS.
    let text = JsValue::from(f).to_string(ctx).ok()?;
    parse_json_text(&text.to_std_string_escaped()).ok()
}

pub(crate) fn from_json(value: &serde_json::Value, ctx: &mut Context) -> JsResult<JsValue> {
    JsValue::from_json(value, ctx)
}

#[cfg(test)]
mod tests {
    use super::*;
    use boa_engine::Source;

    fn eval(ctx: &mut Context, src: &str) -> JsValue {
        ctx.eval(Source::from_bytes(src)).unwrap()
    }

    fn direct(ctx: &mut Context, src: &str) -> Option<serde_json::Value> {
        let v = eval(ctx, src);
        Plain::new(ctx).and_then(|p| p.value(&v, 0, ctx))
    }

    fn by_stringify(ctx: &mut Context, src: &str) -> Option<serde_json::Value> {
        let v = eval(ctx, src);
        to_json_by_stringify(&v, ctx).unwrap()
    }

    fn on_big_stack(f: impl FnOnce() + Send + 'static) {
        crate::tests::on_big_stack(f)
    }

    #[test]
    fn plain_trees_read_directly_equal_json_stringify() {
        on_big_stack(|| {
            let ctx = &mut Context::default();
            for src in [
                "({a: 1, b: 'x', c: true, d: null, e: [1, 'two', null], f: {g: {h: []}}})",
                "({z: 1, 10: 'ten', a: 2, 2: 'two', [Symbol('s')]: 3})",
                "({u: undefined, f() {}, s: Symbol('x'), n: NaN, i: Infinity, m: -0, keep: 0})",
                "[undefined, function () {}, Symbol('x'), -Infinity, 1.5, 0.1, 1e21, 123456789012]",
                "({big: 9007199254740993, neg: -42, negf: -4.25, tiny: 5e-324, max: 1.7976931348623157e308})",
                "(() => { const o = Object.create(null); o.x = [1, {y: 2}]; return o; })()",
                "(() => { const o = {a: 1}; Object.defineProperty(o, 'hidden', {value: 2, enumerable: false}); return o; })()",
                "(() => { const a = [1, 2]; a.extra = 3; return a; })()",
                "({s: 'é\\u2028\"\\\\\\n', empty: ''})",
                "'top'",
                "42",
                "null",
            ] {
                let fast = direct(ctx, src);
                assert!(fast.is_some(), "not read directly: {src}");
                assert_eq!(fast, by_stringify(ctx, src), "{src}");
            }
        });
    }

    #[test]
    fn anything_that_could_run_js_takes_json_stringify() {
        on_big_stack(|| {
            let ctx = &mut Context::default();
            for src in [
                "({d: new Date(0)})",
                "({t: {toJSON() { return 1; }}})",
                "({get g() { return 1; }})",
                "({c: new (class C {})()})",
                "({p: new Proxy({}, {})})",
                "[1, , 3]",
                "({b: 1n})",
                "({n: new Number(1)})",
                "(() => { const o = {}; o.self = o; return o; })()",
            ] {
                assert_eq!(direct(ctx, src), None, "read directly: {src}");
            }
            // A toJSON given to Object.prototype disables the direct walk altogether.
            eval(
                ctx,
                "Object.prototype.toJSON = function () { return 'x'; };",
            );
            assert_eq!(direct(ctx, "({a: 1})"), None);
        });
    }

    #[test]
    fn to_json_keeps_the_results_and_errors_of_json_stringify() {
        on_big_stack(|| {
            let ctx = &mut Context::default();
            let v = eval(
                ctx,
                "({d: new Date(0), t: {toJSON() { return [1]; }}, x: 1})",
            );
            assert_eq!(
                to_json(&v, ctx).unwrap(),
                Some(serde_json::json!({"d": "1970-01-01T00:00:00.000Z", "t": [1], "x": 1}))
            );
            let v = eval(ctx, "(() => { const o = {}; o.self = o; return o; })()");
            assert!(to_json(&v, ctx).is_err());
            let v = eval(ctx, "({b: 1n})");
            assert!(to_json(&v, ctx).is_err());
            assert_eq!(to_json(&JsValue::undefined(), ctx).unwrap(), None);
            let v = eval(ctx, "(function () {})");
            assert_eq!(to_json(&v, ctx).unwrap(), None);
        });
    }

    #[test]
    fn a_lone_surrogate_in_a_value_becomes_the_replacement_character() {
        on_big_stack(|| {
            let ctx = &mut Context::default();
            let want =
                serde_json::json!({"a": "x\u{fffd}y", "b": "\u{1F600}", "c": "\u{fffd}\\ud800"});
            let src = r#"({a: 'x\ud800y', b: '\ud83d\ude00', c: '\udc00\\ud800'})"#;
            let v = eval(ctx, src);
            assert_eq!(to_json(&v, ctx).unwrap(), Some(want.clone()));
            // The JSON.stringify path (a Date makes the tree not plain) gives the same.
            let v = eval(ctx, &format!("({{...{src}, d: new Date(0)}})"));
            let mut with_date = want;
            with_date["d"] = "1970-01-01T00:00:00.000Z".into();
            assert_eq!(to_json(&v, ctx).unwrap(), Some(with_date));
        });
    }
}
