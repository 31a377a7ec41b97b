//! What the natives share: the host, the options, the timer queue and the records the
//! event loop reads (unhandled rejections, a requested exit). It lives in the Context's
//! host-defined data so plain `fn` natives can reach it.

use std::cell::{Cell, RefCell};
use std::path::PathBuf;
use std::rc::Rc;
use std::time::Instant;

use boa_engine::{Context, JsObject, JsValue};

use crate::event_loop::Timers;
use crate::{Host, RuntimeOptions};

pub(crate) struct HostState {
    pub host: RefCell<Box<dyn Host>>,
    pub context: RefCell<serde_json::Value>,
    /// Bumped by every `set_context`, so the shims can keep what they built from the
    /// context instead of converting and comparing it on every migration.
    pub context_version: Cell<u32>,
    pub cwd: RefCell<PathBuf>,
    pub argv: Vec<String>,
    pub timers: RefCell<Timers>,
    /// Rejected promises without a handler yet, with their reason.
    pub rejections: RefCell<Vec<(JsObject, JsValue)>>,
    pub exit: Cell<Option<i32>>,
    pub started: Instant,
    /// Lazy shims already evaluated.
    pub lazy_loaded: RefCell<std::collections::HashSet<String>>,
    /// Source maps of the TypeScript files compiled so far, by file name.
    pub ts_maps: RefCell<std::collections::HashMap<String, crate::typescript::LineMap>>,
    /// AsyncLocalStorage's frame and the async_hooks (async_context.rs); the host hooks
    /// hold it too.
    pub async_state: Rc<crate::async_context::AsyncState>,
}

impl HostState {
    pub fn new(opts: RuntimeOptions, host: Box<dyn Host>) -> Self {
        let cwd = if opts.cwd.as_os_str().is_empty() {
            std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/"))
        } else {
            opts.cwd
        };
        HostState {
            host: RefCell::new(host),
            context: RefCell::new(opts.context),
            context_version: Cell::new(0),
            cwd: RefCell::new(cwd),
            argv: opts.argv,
            timers: RefCell::new(Timers::default()),
            rejections: RefCell::new(Vec::new()),
            exit: Cell::new(None),
            started: Instant::now(),
            lazy_loaded: RefCell::new(Default::default()),
            ts_maps: RefCell::new(Default::default()),
            async_state: Default::default(),
        }
    }
}

/// The state of the runtime that owns `ctx`.
pub(crate) fn get(ctx: &Context) -> Rc<HostState> {
    ctx.get_data::<Rc<HostState>>()
        .cloned()
        .expect("seqmig-js: the Context has no HostState")
}
