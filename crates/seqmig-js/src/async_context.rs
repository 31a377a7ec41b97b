//! The async context `AsyncLocalStorage` reads (async_hooks in 6d_node_misc.js): one JS
//! value, the current frame, that follows the code across promise jobs as Node's
//! continuation-preserved data does. A promise job takes the frame current when it is
//! enqueued and runs inside it; timers carry theirs in JS (01_host.js). While no frame
//! was ever set the jobs are enqueued untouched, so a run that loads no async_hooks pays
//! nothing.

use std::rc::Rc;

use boa_engine::job::{Job, JobExecutor, PromiseJob, SimpleJobExecutor};
use boa_engine::{Context, JsArgs, JsResult, JsValue};

use crate::state::{self, HostState};

#[derive(Default)]
pub(crate) struct Executor {
    inner: Rc<SimpleJobExecutor>,
}

impl JobExecutor for Executor {
    fn enqueue_job(self: Rc<Self>, job: Job, ctx: &mut Context) {
        let job = match job {
            Job::PromiseJob(p) => {
                let frame = ctx
                    .get_data::<Rc<HostState>>()
                    .map(|s| s.async_frame.borrow().clone())
                    .unwrap_or_default();
                if frame.is_undefined() {
                    Job::PromiseJob(p)
                } else {
                    Job::PromiseJob(PromiseJob::new(move |ctx: &mut Context| {
                        let st = state::get(ctx);
                        let prev = st.async_frame.replace(frame);
                        let r = p.call(ctx);
                        st.async_frame.replace(prev);
                        r
                    }))
                }
            }
            other => other,
        };
        self.inner.clone().enqueue_job(job, ctx);
    }

    fn run_jobs(self: Rc<Self>, ctx: &mut Context) -> JsResult<()> {
        self.inner.clone().run_jobs(ctx)
    }
}

/// `asyncFrame()`: the current frame.
pub(crate) fn get(_: &JsValue, _: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    Ok(state::get(ctx).async_frame.borrow().clone())
}

/// `asyncFrameSet(frame)`: make `frame` current; returns the one it replaces.
pub(crate) fn set(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let frame = args.get_or_undefined(0).clone();
    Ok(state::get(ctx).async_frame.replace(frame))
}
