// Node's remaining globals: structuredClone, EventTarget and AbortController.
// Loaded on first use (see 04_host_lazy.js).
'use strict';
(function () {
  const seqmig = globalThis.__seqmig;
  const builtins = seqmig.builtins;
  const hide = seqmig.setGlobal;

  function clone(value, seen) {
    if (value === null || typeof value !== 'object') {
      if (typeof value === 'function' || typeof value === 'symbol') {
        const err = new Error(`${typeof value === 'function' ? String(value).slice(0, 60) : value.toString()} could not be cloned.`);
        err.name = 'DataCloneError';
        err.code = 25;
        throw err;
      }
      return value;
    }
    if (seen.has(value)) return seen.get(value);
    let out;
    if (value instanceof Date) out = new Date(value.getTime());
    else if (value instanceof RegExp) out = new RegExp(value.source, value.flags);
    else if (value instanceof Map) {
      out = new Map();
      seen.set(value, out);
      for (const [k, v] of value) out.set(clone(k, seen), clone(v, seen));
      return out;
    } else if (value instanceof Set) {
      out = new Set();
      seen.set(value, out);
      for (const v of value) out.add(clone(v, seen));
      return out;
    } else if (ArrayBuffer.isView(value)) out = new Uint8Array(value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength));
    else if (value instanceof ArrayBuffer) out = value.slice(0);
    else if (value instanceof Error) {
      out = new (globalThis[value.name] || Error)(value.message);
      if (value.stack) out.stack = value.stack;
      if ('cause' in value) out.cause = clone(value.cause, seen);
    } else if (Array.isArray(value)) {
      out = new Array(value.length);
      seen.set(value, out);
      for (let i = 0; i < value.length; i++) if (i in value) out[i] = clone(value[i], seen);
      return out;
    } else out = {};
    seen.set(value, out);
    if (!(value instanceof Date || value instanceof RegExp || ArrayBuffer.isView(value) || value instanceof ArrayBuffer)) {
      for (const k of Object.keys(value)) out[k] = clone(value[k], seen);
    }
    return out;
  }
  if (typeof globalThis.structuredClone === 'undefined') hide('structuredClone', (v) => clone(v, new Map()));

  // EventTarget / Event / AbortController, the small subset libraries probe for.
  class Event {
    constructor(type, init = {}) {
      this.type = String(type);
      this.bubbles = !!init.bubbles;
      this.cancelable = !!init.cancelable;
      this.defaultPrevented = false;
      this.target = null;
      this.currentTarget = null;
      this.timeStamp = Date.now();
    }
    preventDefault() {
      if (this.cancelable) this.defaultPrevented = true;
    }
    stopPropagation() {}
    stopImmediatePropagation() {
      this._stopped = true;
    }
  }
  const listenersOf = new WeakMap();
  class EventTarget {
    addEventListener(type, listener, options) {
      if (!listener) return;
      let map = listenersOf.get(this);
      if (!map) listenersOf.set(this, (map = new Map()));
      const list = map.get(type) || [];
      if (list.some((l) => l.listener === listener)) return;
      list.push({ listener, once: !!(options && typeof options === 'object' && options.once) });
      map.set(type, list);
    }
    removeEventListener(type, listener) {
      const map = listenersOf.get(this);
      if (!map || !map.has(type)) return;
      map.set(type, map.get(type).filter((l) => l.listener !== listener));
    }
    dispatchEvent(event) {
      event.target = event.currentTarget = this;
      const handler = this['on' + event.type];
      if (typeof handler === 'function') handler.call(this, event);
      const map = listenersOf.get(this);
      for (const l of (map && map.get(event.type)) || []) {
        if (l.once) this.removeEventListener(event.type, l.listener);
        if (typeof l.listener === 'function') l.listener.call(this, event);
        else l.listener.handleEvent(event);
        if (event._stopped) break;
      }
      return !event.defaultPrevented;
    }
  }
  class AbortSignal extends EventTarget {
    constructor() {
      super();
      this.aborted = false;
      this.reason = undefined;
      this.onabort = null;
    }
    throwIfAborted() {
      if (this.aborted) throw this.reason;
    }
    static abort(reason) {
      const c = new AbortController();
      c.abort(reason);
      return c.signal;
    }
    static timeout(ms) {
      const c = new AbortController();
      const err = new Error('The operation was aborted due to timeout');
      err.name = 'TimeoutError';
      err.code = 23;
      setTimeout(() => c.abort(err), ms).unref();
      return c.signal;
    }
  }
  class AbortController {
    constructor() {
      this.signal = new AbortSignal();
    }
    abort(reason) {
      const s = this.signal;
      if (s.aborted) return;
      if (reason === undefined) {
        reason = new Error('This operation was aborted');
        reason.name = 'AbortError';
        reason.code = 20;
      }
      s.aborted = true;
      s.reason = reason;
      s.dispatchEvent(new Event('abort'));
    }
  }
  for (const [k, v] of Object.entries({ Event, EventTarget, AbortSignal, AbortController })) {
    if (typeof globalThis[k] === 'undefined') hide(k, v);
  }
  builtins.events.EventTarget = globalThis.EventTarget;
  builtins.events.Event = globalThis.Event;
})();
