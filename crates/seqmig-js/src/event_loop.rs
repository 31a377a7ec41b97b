//! The event loop: Boa's job queue for promise reactions, a timer queue of our own for
//! `setTimeout` & co (Boa 0.22 has none that JS can reach), the rejection tracker, and
//! the loop that drives a promise until it settles or nothing is left to run.

use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;
use std::time::{Duration, Instant};

use boa_engine::builtins::promise::{OperationType, PromiseState};
use boa_engine::context::HostHooks;
use boa_engine::job::JobCallback;
use boa_engine::object::builtins::JsFunction;
use boa_engine::object::builtins::JsPromise;
use boa_engine::{js_string, Context, JsObject, JsResult, JsValue};

use crate::async_context::{self, AsyncState};

use crate::state::{self, HostState};
use crate::{error, JsError};

/// Timers by due time; JS keeps the callbacks, Rust only the schedule.
#[derive(Default)]
pub(crate) struct Timers {
    queue: BTreeMap<(Instant, u64), u64>,
    /// id -> (due, seq, keeps the loop alive)
    by_id: HashMap<u64, (Instant, u64, bool)>,
    seq: u64,
}

impl Timers {
    pub fn add(&mut self, id: u64, delay_ms: f64, referenced: bool) {
        self.cancel(id);
        // Node: a delay outside 1..=2^31-1 (or NaN) becomes 1 ms.
        let ms = if delay_ms.is_finite() && (1.0..=2_147_483_647.0).contains(&delay_ms) {
            delay_ms
        } else {
            1.0
        };
        let due = Instant::now() + Duration::from_micros((ms * 1000.0) as u64);
        self.seq += 1;
        self.queue.insert((due, self.seq), id);
        self.by_id.insert(id, (due, self.seq, referenced));
    }

    pub fn cancel(&mut self, id: u64) {
        if let Some((due, seq, _)) = self.by_id.remove(&id) {
            self.queue.remove(&(due, seq));
        }
    }

    pub fn set_ref(&mut self, id: u64, referenced: bool) {
        if let Some(entry) = self.by_id.get_mut(&id) {
            entry.2 = referenced;
        }
    }

    pub fn has_ref(&self, id: u64) -> bool {
        self.by_id.get(&id).map(|e| e.2).unwrap_or(false)
    }

    /// The earliest timer, as long as some timer keeps the loop alive (unref'd ones do not).
    fn pop_next(&mut self) -> Option<(Instant, u64)> {
        if !self.by_id.values().any(|e| e.2) {
            return None;
        }
        let (&(due, seq), &id) = self.queue.iter().next()?;
        self.queue.remove(&(due, seq));
        self.by_id.remove(&id);
        Some((due, id))
    }
}

/// Boa host hooks: the rejection tracker, the local time zone, and the async context a
/// promise reaction takes when registered (async_context.rs).
pub(crate) struct Hooks {
    pub async_state: Rc<AsyncState>,
}

impl HostHooks for Hooks {
    fn make_job_callback(&self, callback: JsFunction, context: &mut Context) -> JobCallback {
        async_context::make_job_callback(&self.async_state, callback, context)
    }

    fn call_job_callback(
        &self,
        job: &JobCallback,
        this: &JsValue,
        args: &[JsValue],
        context: &mut Context,
    ) -> JsResult<JsValue> {
        async_context::call_job_callback(&self.async_state, job, this, args, context)
    }

    fn promise_rejection_tracker(
        &self,
        promise: &JsObject<boa_engine::builtins::promise::Promise>,
        operation: OperationType,
        context: &mut Context,
    ) {
        let Some(state) = context.get_data::<Rc<HostState>>().cloned() else {
            return;
        };
        let obj = promise.clone().upcast();
        match operation {
            OperationType::Reject => {
                let reason = match JsPromise::from_object(obj.clone()).map(|p| p.state()) {
                    Ok(PromiseState::Rejected(r)) => r,
                    _ => JsValue::undefined(),
                };
                state.rejections.borrow_mut().push((obj, reason));
            }
            OperationType::Handle => state.rejections.borrow_mut().retain(|(p, _)| p != &obj),
        }
    }

    // `time`'s local offset refuses to work in multi-threaded processes and falls back to
    // UTC; Node uses the system zone, so `new Date(2024, 0, 2)` must too.
    fn local_timezone_offset_seconds(&self, unix_time_seconds: i64) -> i32 {
        use chrono::{Local, Offset, TimeZone};
        match Local.timestamp_opt(unix_time_seconds, 0) {
            chrono::LocalResult::Single(t) | chrono::LocalResult::Ambiguous(t, _) => {
                t.offset().fix().local_minus_utc()
            }
            chrono::LocalResult::None => 0,
        }
    }
}

/// Run promise jobs, then timers (sleeping until each is due), until `promise` is no
/// longer pending or nothing is left that could settle it. Without a promise only the
/// job queue is drained: a plain value does not wait for timers.
pub(crate) fn run_until(
    ctx: &mut Context,
    state: &Rc<HostState>,
    promise: Option<&JsPromise>,
) -> Result<(), JsError> {
    loop {
        let jobs = ctx.run_jobs();
        if let Some(code) = state.exit.get() {
            return Err(error::exit(code));
        }
        jobs.map_err(|e| error::from_boa(e, ctx))?;
        if let Some(e) = async_context::take_hook_error(ctx) {
            let mut err = error::from_value(e, ctx);
            err.message = format!("an async_hooks callback threw: {}", err.message);
            return Err(err);
        }
        let Some(promise) = promise else {
            return Ok(());
        };
        if !matches!(promise.state(), PromiseState::Pending) {
            return Ok(());
        }
        let next = state.timers.borrow_mut().pop_next();
        let Some((due, id)) = next else { return Ok(()) };
        let now = Instant::now();
        if due > now {
            std::thread::sleep(due - now);
        }
        fire_timer(ctx, state, id)?;
    }
}

fn fire_timer(ctx: &mut Context, state: &Rc<HostState>, id: u64) -> Result<(), JsError> {
    let host = ctx
        .global_object()
        .get(js_string!("__seqmig"), ctx)
        .and_then(|s| {
            s.as_object()
                .map(|s| s.get(js_string!("host"), ctx))
                .unwrap_or(Ok(JsValue::undefined()))
        })
        .and_then(|h| {
            h.as_object()
                .map(|h| h.get(js_string!("fireTimer"), ctx))
                .unwrap_or(Ok(JsValue::undefined()))
        })
        .map_err(|e| error::from_boa(e, ctx))?;
    let Some(fire) = host.as_callable() else {
        return Ok(());
    };
    let result = fire.call(&JsValue::undefined(), &[JsValue::from(id as f64)], ctx);
    if let Some(code) = state::get(ctx).exit.get() {
        return Err(error::exit(code));
    }
    let _ = state;
    result.map(|_| ()).map_err(|e| error::from_boa(e, ctx))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timers_pop_in_due_order_and_unref_does_not_keep_alive() {
        let mut t = Timers::default();
        t.add(1, 30.0, true);
        t.add(2, 5.0, true);
        t.add(3, 1.0, false);
        assert_eq!(t.pop_next().map(|x| x.1), Some(3));
        assert_eq!(t.pop_next().map(|x| x.1), Some(2));
        t.set_ref(1, false);
        assert_eq!(t.pop_next(), None, "only an unref'd timer is left");
        t.set_ref(1, true);
        t.cancel(1);
        assert_eq!(t.pop_next(), None);
    }
}
