// seqmig JS host: setTimeout, setInterval, setImmediate and their clear* (the queue is
// Rust's: natives/timers.rs, event_loop.rs), `timers`, `timers/promises`, queueMicrotask.
'use strict';
(function () {
  const native = globalThis.__seqmig_native;
  const seqmig = globalThis.__seqmig;
  function hide(obj, name, value) {
    Object.defineProperty(obj, name, { value, writable: true, configurable: true, enumerable: false });
  }

  const builtins = seqmig.builtins;
  const host = seqmig.host;
  const checkCallback = seqmig.checkCallback;

  const timers = new Map();
  let nextTimerId = 1;
  class Timeout {
    constructor(callback, delay, args, repeat) {
      this._id = nextTimerId++;
      this._onTimeout = callback;
      this._idleTimeout = delay;
      this._args = args;
      this._repeat = repeat;
      this._ref = true;
    }
    ref() {
      this._ref = true;
      native.timerRef(this._id, true);
      return this;
    }
    unref() {
      this._ref = false;
      native.timerRef(this._id, false);
      return this;
    }
    hasRef() {
      return this._ref;
    }
    refresh() {
      if (timers.has(this._id)) native.timerAdd(this._id, this._idleTimeout, this._ref);
      return this;
    }
    close() {
      clearTimer(this);
      return this;
    }
    [Symbol.toPrimitive]() {
      return this._id;
    }
  }
  class Immediate extends Timeout {}


  function schedule(Kind, cb, delay, args, repeat) {
    checkCallback(cb);
    const t = new Kind(cb, delay, args, repeat);
    // The async context (AsyncLocalStorage, async_hooks) follows a callback into its
    // timer (async_context.rs); nothing is captured before async_hooks is used.
    if (seqmig.asyncUsed) t._async = native.asyncCapture(Kind === Immediate ? 'Immediate' : 'Timeout', t, false);
    timers.set(t._id, t);
    native.timerAdd(t._id, Number(delay), true);
    return t;
  }
  function clearTimer(t) {
    if (t === null || t === undefined) return;
    const id = typeof t === 'object' ? t._id : Number(t);
    if (!timers.has(id)) return;
    const t0 = timers.get(id);
    timers.delete(id);
    native.timerCancel(id);
    if (t0._async !== undefined) native.asyncDestroy(t0._async);
  }
  host.fireTimer = function fireTimer(id) {
    const t = timers.get(id);
    if (!t) return;
    if (t._repeat) native.timerAdd(id, t._idleTimeout, t._ref);
    else timers.delete(id);
    if (t._async === undefined) return t._onTimeout.apply(t, t._args);
    try {
      native.asyncRun(t._async, t._onTimeout, t, t._args);
    } finally {
      if (!t._repeat) native.asyncDestroy(t._async);
    }
  };

  function setTimeout(cb, delay, ...args) {
    return schedule(Timeout, cb, delay, args, false);
  }
  function setInterval(cb, delay, ...args) {
    return schedule(Timeout, cb, delay, args, true);
  }
  function setImmediate(cb, ...args) {
    return schedule(Immediate, cb, 0, args, false);
  }
  const promisifyCustom = Symbol.for('nodejs.util.promisify.custom');
  setTimeout[promisifyCustom] = (delay, value) => new Promise((resolve) => setTimeout(resolve, delay, value));
  setImmediate[promisifyCustom] = (value) => new Promise((resolve) => setImmediate(resolve, value));
  const timersModule = {
    setTimeout,
    setInterval,
    setImmediate,
    clearTimeout: clearTimer,
    clearInterval: clearTimer,
    clearImmediate: clearTimer,
  };
  builtins.timers = timersModule;
  builtins['timers/promises'] = {
    setTimeout: setTimeout[promisifyCustom],
    setImmediate: setImmediate[promisifyCustom],
    async *setInterval(delay, value) {
      for (;;) {
        await setTimeout[promisifyCustom](delay);
        yield value;
      }
    },
  };
  for (const [k, v] of Object.entries(timersModule)) hide(globalThis, k, v);

  hide(globalThis, 'queueMicrotask', function queueMicrotask(cb) {
    checkCallback(cb);
    Promise.resolve().then(() => cb());
  });
})();
