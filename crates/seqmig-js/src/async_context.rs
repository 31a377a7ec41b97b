//! The async context of `async_hooks` (6d_node_misc.js): AsyncLocalStorage's frame and
//! the `createHook` callbacks, following code across promise reactions and timers as Node
//! does.
//!
//! A promise reaction takes its context when it is registered (`then`, `await`), not when
//! it runs: that is V8's continuation-preserved data, and the moment cls-hooked's `init`
//! copies the active namespace context. Boa calls `HostMakeJobCallback` right there, so
//! the context rides in the `JobCallback`'s host-defined slot and `HostCallJobCallback`
//! enters it around the handler. Timers and `AsyncResource` take theirs through
//! `asyncCapture` / `asyncRun`.
//!
//! Until a frame is set or a hook enabled nothing is captured: a run that never loads
//! async_hooks pays one `Cell` read per `then`.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use boa_engine::job::JobCallback;
use boa_engine::object::builtins::JsArray;
use boa_engine::object::builtins::JsFunction;
use boa_engine::{Context, JsArgs, JsData, JsObject, JsResult, JsValue};
use boa_gc::{Finalize, Trace};

use crate::state;

/// What the host hooks and the natives share; the host hooks hold it without a Context.
pub(crate) struct AsyncState {
    /// A frame was set or a hook enabled once: from then on contexts are captured.
    active: Cell<bool>,
    /// AsyncLocalStorage's current frame: a Map from storage to store, or undefined.
    frame: RefCell<JsValue>,
    /// The JS function that calls the enabled hooks; None while none is enabled.
    dispatcher: RefCell<Option<JsObject>>,
    /// (executionAsyncId, triggerAsyncId) of the code running now.
    current: Cell<(f64, f64)>,
    next_id: Cell<f64>,
    /// Set while a hook callback runs: what it does starts no new resource (no recursion).
    in_hook: Cell<bool>,
    /// Resources dropped before they ran (the unused half of a `then`, a collected
    /// AsyncResource): their `destroy` is due, as Node sends it after garbage collection.
    destroyed: Rc<RefCell<Vec<f64>>>,
    /// The first exception a hook callback threw: Node ends the process on it.
    hook_error: RefCell<Option<JsValue>>,
}

impl Default for AsyncState {
    fn default() -> Self {
        AsyncState {
            active: Cell::new(false),
            frame: RefCell::new(JsValue::undefined()),
            dispatcher: RefCell::new(None),
            // Node: 1 is the main script's execution, 0 the trigger of it.
            current: Cell::new((1.0, 0.0)),
            next_id: Cell::new(2.0),
            in_hook: Cell::new(false),
            destroyed: Rc::new(RefCell::new(Vec::new())),
            hook_error: RefCell::new(None),
        }
    }
}

/// One async resource: the frame and ids it runs under.
#[derive(Trace, Finalize, JsData)]
pub(crate) struct Capture {
    frame: JsValue,
    resource: JsValue,
    #[unsafe_ignore_trace]
    ids: Ids,
}

struct Ids {
    id: f64,
    trigger: f64,
    /// `init` was sent and `destroy` not yet.
    live: Cell<bool>,
    destroyed: Rc<RefCell<Vec<f64>>>,
}

impl Drop for Ids {
    fn drop(&mut self) {
        // May run inside a garbage collection: only queue the id.
        if self.live.get() {
            if let Ok(mut q) = self.destroyed.try_borrow_mut() {
                q.push(self.id);
            }
        }
    }
}

impl AsyncState {
    fn capture(&self, kind: &str, resource: JsValue, ctx: &mut Context) -> Capture {
        let id = self.next_id.get();
        self.next_id.set(id + 1.0);
        let trigger = self.current.get().0;
        let hooked = self.dispatcher.borrow().is_some() && !self.in_hook.get();
        let ids = Ids {
            id,
            trigger,
            live: Cell::new(hooked),
            destroyed: self.destroyed.clone(),
        };
        if hooked {
            let resource = if resource.is_undefined() {
                JsObject::with_object_proto(ctx.intrinsics()).into()
            } else {
                resource.clone()
            };
            self.emit("init", id, &[js_str(kind), trigger.into(), resource], ctx);
        }
        Capture {
            frame: self.frame.borrow().clone(),
            resource,
            ids,
        }
    }

    /// Run `f` inside `cap`: its frame and ids, between `before` and `after`.
    fn run_in<R>(&self, cap: &Capture, ctx: &mut Context, f: impl FnOnce(&mut Context) -> R) -> R {
        let prev_frame = self.frame.replace(cap.frame.clone());
        let prev_ids = self.current.replace((cap.ids.id, cap.ids.trigger));
        let hooked = cap.ids.live.get();
        if hooked {
            self.emit("before", cap.ids.id, &[], ctx);
        }
        let r = f(ctx);
        if hooked {
            self.emit("after", cap.ids.id, &[], ctx);
        }
        self.current.set(prev_ids);
        self.frame.replace(prev_frame);
        r
    }

    fn destroy(&self, cap: &Capture, ctx: &mut Context) {
        if cap.ids.live.replace(false) {
            self.emit("destroy", cap.ids.id, &[], ctx);
        }
        self.drain_destroyed(ctx);
    }

    fn drain_destroyed(&self, ctx: &mut Context) {
        loop {
            let ids = std::mem::take(&mut *self.destroyed.borrow_mut());
            if ids.is_empty() {
                return;
            }
            for id in ids {
                self.emit("destroy", id, &[], ctx);
            }
        }
    }

    fn emit(&self, kind: &str, id: f64, rest: &[JsValue], ctx: &mut Context) {
        let Some(dispatch) = self.dispatcher.borrow().clone() else {
            return;
        };
        let mut args = vec![js_str(kind), id.into()];
        args.extend_from_slice(rest);
        let was = self.in_hook.replace(true);
        let r = dispatch.call(&JsValue::undefined(), &args, ctx);
        self.in_hook.set(was);
        if let Err(e) = r {
            let value = e
                .into_opaque(ctx)
                .unwrap_or_else(|e| js_str(&format!("an async_hooks callback failed: {e}")));
            self.hook_error.borrow_mut().get_or_insert(value);
        }
    }
}

fn js_str(s: &str) -> JsValue {
    JsValue::from(boa_engine::JsString::from(s))
}

/// `HostMakeJobCallback`: a `then` or `await` takes the context current now.
pub(crate) fn make_job_callback(
    st: &AsyncState,
    callback: JsFunction,
    ctx: &mut Context,
) -> JobCallback {
    if !st.active.get() {
        return JobCallback::new(callback, ());
    }
    let cap = st.capture("PROMISE", JsValue::undefined(), ctx);
    JobCallback::new(callback, cap)
}

/// `HostCallJobCallback`: the handler runs in the context its `then` took; a promise
/// reaction runs once, so its resource ends with it.
pub(crate) fn call_job_callback(
    st: &AsyncState,
    job: &JobCallback,
    this: &JsValue,
    args: &[JsValue],
    ctx: &mut Context,
) -> JsResult<JsValue> {
    let Some(cap) = job.host_defined().downcast_ref::<Capture>() else {
        return job.callback().call(this, args, ctx);
    };
    let r = st.run_in(cap, ctx, |ctx| job.callback().call(this, args, ctx));
    st.destroy(cap, ctx);
    r
}

/// The exception a hook callback threw, once: the run fails on it.
pub(crate) fn take_hook_error(ctx: &mut Context) -> Option<JsValue> {
    let st = state::get(ctx);
    st.async_state.drain_destroyed(ctx);
    let e = st.async_state.hook_error.borrow_mut().take();
    e
}

// ---- natives ----

pub(crate) static NATIVES: &[(&str, crate::natives::Native, usize)] = &[
    ("asyncFrame", get, 0),
    ("asyncFrameSet", set, 1),
    ("asyncCapture", capture, 3),
    ("asyncRun", run, 4),
    ("asyncDestroy", destroy, 1),
    ("asyncIds", ids, 1),
    ("asyncResource", resource, 1),
    ("asyncHooksSet", hooks_set, 1),
];

fn async_state(ctx: &Context) -> Rc<AsyncState> {
    state::get(ctx).async_state.clone()
}

/// `asyncFrame()`: the current frame.
pub(crate) fn get(_: &JsValue, _: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    Ok(async_state(ctx).frame.borrow().clone())
}

/// `asyncFrameSet(frame)`: make `frame` current; returns the one it replaces.
pub(crate) fn set(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let frame = args.get_or_undefined(0).clone();
    let st = async_state(ctx);
    if !frame.is_undefined() {
        st.active.set(true);
    }
    let prev = st.frame.replace(frame);
    Ok(prev)
}

/// `asyncCapture(type, resource, force)`: a new async resource of `type` (init is sent
/// to the enabled hooks), or undefined while nothing is tracked and `force` is false.
pub(crate) fn capture(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let st = async_state(ctx);
    if !st.active.get() && !args.get_or_undefined(2).to_boolean() {
        return Ok(JsValue::undefined());
    }
    let kind = args
        .get_or_undefined(0)
        .to_string(ctx)?
        .to_std_string_escaped();
    let cap = st.capture(&kind, args.get_or_undefined(1).clone(), ctx);
    Ok(JsObject::from_proto_and_data(None, cap).into())
}

fn capture_arg(v: &JsValue) -> Option<JsObject> {
    v.as_object()
        .filter(|o| o.downcast_ref::<Capture>().is_some())
}

/// `asyncRun(capture, fn, thisArg, args)`: call `fn` inside the resource. Without a
/// capture (made while nothing was tracked) it runs in the empty frame.
pub(crate) fn run(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let Some(f) = args.get_or_undefined(1).as_callable() else {
        return Err(boa_engine::JsNativeError::typ()
            .with_message("asyncRun: not a function")
            .into());
    };
    let this = args.get_or_undefined(2).clone();
    let list = match args.get_or_undefined(3).as_object() {
        Some(o) => {
            let arr = JsArray::from_object(o.clone())?;
            let n = arr.length(ctx)?;
            let mut v = Vec::with_capacity(n.min(64) as usize);
            for i in 0..n {
                v.push(arr.get(i, ctx)?);
            }
            v
        }
        None => Vec::new(),
    };
    let st = async_state(ctx);
    match capture_arg(args.get_or_undefined(0)) {
        Some(obj) => {
            let cap = obj.downcast_ref::<Capture>().expect("checked above");
            st.run_in(&cap, ctx, |ctx| f.call(&this, &list, ctx))
        }
        None if st.active.get() => {
            let prev = st.frame.replace(JsValue::undefined());
            let r = f.call(&this, &list, ctx);
            st.frame.replace(prev);
            r
        }
        None => f.call(&this, &list, ctx),
    }
}

/// `asyncDestroy(capture)`: the resource is done (a timer fired or was cleared,
/// `emitDestroy()`); `destroy` is sent once.
pub(crate) fn destroy(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    if let Some(obj) = capture_arg(args.get_or_undefined(0)) {
        let st = async_state(ctx);
        let cap = obj.downcast_ref::<Capture>().expect("checked above");
        st.destroy(&cap, ctx);
    }
    Ok(JsValue::undefined())
}

/// `asyncIds(capture?)`: `[asyncId, triggerAsyncId]` of the capture, or of the code
/// running now (executionAsyncId, triggerAsyncId).
pub(crate) fn ids(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let (id, trigger) = match capture_arg(args.get_or_undefined(0)) {
        Some(obj) => {
            let cap = obj.downcast_ref::<Capture>().expect("checked above");
            (cap.ids.id, cap.ids.trigger)
        }
        None => async_state(ctx).current.get(),
    };
    Ok(JsArray::from_iter([id.into(), trigger.into()], ctx).into())
}

/// `asyncResource(capture)`: the resource object the capture was made for.
pub(crate) fn resource(_: &JsValue, args: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    Ok(match capture_arg(args.get_or_undefined(0)) {
        Some(obj) => obj
            .downcast_ref::<Capture>()
            .map(|c| c.resource.clone())
            .unwrap_or_default(),
        None => JsValue::undefined(),
    })
}

/// `asyncHooksSet(dispatch)`: the function that calls the enabled hooks as
/// `dispatch(event, asyncId, type?, triggerAsyncId?, resource?)`; undefined when none is.
pub(crate) fn hooks_set(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let st = async_state(ctx);
    let f = args
        .get_or_undefined(0)
        .as_object()
        .filter(|o| o.is_callable());
    if f.is_some() {
        st.active.set(true);
    }
    *st.dispatcher.borrow_mut() = f;
    Ok(JsValue::undefined())
}
