//! The timer queue's natives (05_host_timers.js keeps the callbacks, event_loop.rs the schedule).

use boa_engine::{Context, JsArgs, JsResult, JsValue};

use super::Native;
use crate::state;

pub(crate) static NATIVES: &[(&str, Native, usize)] = &[
    ("timerAdd", timer_add, 3),
    ("timerCancel", timer_cancel, 1),
    ("timerRef", timer_ref, 2),
    ("timerHasRef", timer_has_ref, 1),
];

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
