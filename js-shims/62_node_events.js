// node:events: EventEmitter with Node's semantics for 'error' without a listener,
// once(), prepend*, listener counts and the static once() promise helper.
'use strict';
(function () {
  const seqmig = globalThis.__seqmig;

  function EventEmitter(opts) {
    EventEmitter.init.call(this, opts);
  }
  EventEmitter.prototype._events = undefined;
  EventEmitter.prototype._maxListeners = undefined;
  EventEmitter.defaultMaxListeners = 10;
  EventEmitter.errorMonitor = Symbol('events.errorMonitor');
  EventEmitter.captureRejections = false;

  EventEmitter.init = function () {
    if (this._events === undefined || this._events === Object.getPrototypeOf(this)._events) {
      this._events = Object.create(null);
    }
    this._maxListeners = this._maxListeners || undefined;
  };
  function events(self) {
    if (!self._events || self._events === Object.getPrototypeOf(self)._events) {
      Object.defineProperty(self, '_events', { value: Object.create(null), writable: true, configurable: true, enumerable: false });
    }
    return self._events;
  }
  function checkListener(listener) {
    if (typeof listener !== 'function') {
      const err = new TypeError(`The "listener" argument must be of type function. Received ${seqmig.describeReceived(listener)}`);
      err.code = 'ERR_INVALID_ARG_TYPE';
      throw err;
    }
  }
  function add(self, type, listener, prepend) {
    checkListener(listener);
    const ev = events(self);
    if (ev.newListener !== undefined) self.emit('newListener', type, listener.listener ? listener.listener : listener);
    const list = ev[type] || (ev[type] = []);
    if (prepend) list.unshift(listener);
    else list.push(listener);
    return self;
  }
  function onceWrapper(self, type, listener) {
    const state = { fired: false };
    function wrapped(...args) {
      if (state.fired) return undefined;
      state.fired = true;
      self.removeListener(type, wrapped);
      return listener.apply(self, args);
    }
    wrapped.listener = listener;
    return wrapped;
  }

  const proto = EventEmitter.prototype;
  proto.setMaxListeners = function (n) {
    this._maxListeners = n;
    return this;
  };
  proto.getMaxListeners = function () {
    return this._maxListeners === undefined ? EventEmitter.defaultMaxListeners : this._maxListeners;
  };
  proto.emit = function (type, ...args) {
    const ev = events(this);
    if (type === 'error' && ev[EventEmitter.errorMonitor]) {
      for (const l of ev[EventEmitter.errorMonitor].slice()) l.apply(this, args);
    }
    const list = ev[type];
    if (!list || list.length === 0) {
      if (type === 'error') {
        const er = args[0];
        if (er instanceof Error) throw er;
        const err = new Error('Unhandled error.' + (er === undefined ? '' : ` (${seqmig.builtins.util ? seqmig.builtins.util.inspect(er) : er})`));
        err.code = 'ERR_UNHANDLED_ERROR';
        err.context = er;
        throw err;
      }
      return false;
    }
    for (const l of list.slice()) l.apply(this, args);
    return true;
  };
  proto.on = proto.addListener = function (type, listener) {
    return add(this, type, listener, false);
  };
  proto.prependListener = function (type, listener) {
    return add(this, type, listener, true);
  };
  // Through this.on, as in Node: a subclass's on (stream.Readable's 'data' and
  // 'readable') sees once() listeners too.
  proto.once = function (type, listener) {
    checkListener(listener);
    return this.on(type, onceWrapper(this, type, listener));
  };
  proto.prependOnceListener = function (type, listener) {
    checkListener(listener);
    return this.prependListener(type, onceWrapper(this, type, listener));
  };
  proto.off = proto.removeListener = function (type, listener) {
    checkListener(listener);
    const ev = events(this);
    const list = ev[type];
    if (!list) return this;
    for (let i = list.length - 1; i >= 0; i--) {
      if (list[i] === listener || list[i].listener === listener) {
        list.splice(i, 1);
        if (list.length === 0) delete ev[type];
        if (ev.removeListener !== undefined) this.emit('removeListener', type, listener);
        break;
      }
    }
    return this;
  };
  proto.removeAllListeners = function (type) {
    const ev = events(this);
    if (type === undefined) this._events = Object.create(null);
    else delete ev[type];
    return this;
  };
  proto.listeners = function (type) {
    const list = events(this)[type];
    return list ? list.map((l) => l.listener || l) : [];
  };
  proto.rawListeners = function (type) {
    const list = events(this)[type];
    return list ? list.slice() : [];
  };
  proto.listenerCount = function (type) {
    const list = events(this)[type];
    return list ? list.length : 0;
  };
  proto.eventNames = function () {
    return Reflect.ownKeys(events(this));
  };

  EventEmitter.EventEmitter = EventEmitter;
  EventEmitter.listenerCount = (emitter, type) => emitter.listenerCount(type);
  EventEmitter.once = function (emitter, name) {
    return new Promise((resolve, reject) => {
      const onError = (err) => {
        emitter.removeListener(name, onEvent);
        reject(err);
      };
      const onEvent = (...args) => {
        if (name !== 'error') emitter.removeListener('error', onError);
        resolve(args);
      };
      emitter.once(name, onEvent);
      if (name !== 'error') emitter.once('error', onError);
    });
  };
  seqmig.builtins.events = EventEmitter;

  // process is an EventEmitter from here on. The stubs of 06_host_process.js are replaced, not
  // deleted (see the note on Boa's caches there).
  const process = globalThis.process;
  Object.setPrototypeOf(process, proto);
  EventEmitter.init.call(process);
  for (const m of ['on', 'once', 'off', 'addListener', 'removeListener', 'removeAllListeners', 'prependListener', 'emit', 'listeners', 'listenerCount']) {
    process[m] = proto[m];
  }
})();
