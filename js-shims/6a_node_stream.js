// node:stream, node:stream/promises: Readable (flowing and paused modes, 'readable',
// async iteration, Readable.from), Writable (buffering, backpressure, 'drain', _final),
// Duplex, Transform, PassThrough, pipe, pipeline, finished, as Node 20's lib/stream.js.
// Scheduling follows Node's order where migrations can see it: 'data' and 'end' come in
// later ticks than push(), 'finish' after the last write's callback.
'use strict';
(function () {
  const seqmig = globalThis.__seqmig;
  const builtins = seqmig.builtins;
  const EventEmitter = builtins.events;
  const { Buffer } = builtins.buffer;
  const { nodeError } = seqmig;
  const tick = (fn, ...args) => globalThis.process.nextTick(fn, ...args);

  function Stream(opts) {
    EventEmitter.call(this, opts);
  }
  Object.setPrototypeOf(Stream.prototype, EventEmitter.prototype);
  Object.setPrototypeOf(Stream, EventEmitter);
  // The legacy pipe of Stream (old-style streams that only emit 'data').
  Stream.prototype.pipe = function (dest, options) {
    const source = this;
    function ondata(chunk) {
      if (dest.writable && dest.write(chunk) === false && source.pause) source.pause();
    }
    source.on('data', ondata);
    const ondrain = () => source.resume && source.resume();
    dest.on('drain', ondrain);
    if (!options || options.end !== false) source.on('end', () => dest.end());
    dest.emit('pipe', source);
    return dest;
  };

  const defaultHwm = (objectMode) => (objectMode ? 16 : 16384);
  function hwmOf(opts, key, objectMode) {
    const v = opts && (opts[key] !== undefined ? opts[key] : opts.highWaterMark);
    if (v === undefined || v === null) return defaultHwm(objectMode);
    if (!Number.isInteger(v) || v < 0) {
      throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', `The property 'options.${key === 'highWaterMark' ? key : 'highWaterMark'}' is invalid. Received ${v}`);
    }
    return v;
  }
  const chunkLength = (st, chunk) => (st.objectMode ? 1 : chunk.length);

  // ---------------------------------------------------------------- destroy

  function destroyImpl(stream, err, cb) {
    const r = stream._readableState;
    const w = stream._writableState;
    if ((r && r.destroyed) || (w && w.destroyed)) {
      if (typeof cb === 'function') cb(err);
      return stream;
    }
    for (const st of [r, w]) {
      if (!st) continue;
      st.destroyed = true;
      if (err && !st.errored) st.errored = err;
    }
    const done = (e) => {
      tick(() => {
        const st = w || r;
        if (e && !st.errorEmitted) {
          if (r) r.errorEmitted = true;
          if (w) w.errorEmitted = true;
          stream.emit('error', e);
        }
        if (r) r.closed = true;
        if (w) w.closed = true;
        if ((r || w).emitClose !== false) stream.emit('close');
      });
      if (typeof cb === 'function') cb(e);
    };
    if (typeof stream._destroy === 'function') {
      try {
        stream._destroy(err || null, (e) => done(e || err));
      } catch (e) {
        done(e);
      }
    } else done(err);
    return stream;
  }

  // ---------------------------------------------------------------- Readable

  function ReadableState(opts, isDuplex) {
    opts = opts || {};
    this.objectMode = !!(opts.objectMode || (isDuplex && opts.readableObjectMode));
    this.highWaterMark = hwmOf(opts, isDuplex ? 'readableHighWaterMark' : 'highWaterMark', this.objectMode);
    this.buffer = [];
    this.length = 0;
    this.flowing = null;
    this.ended = false;
    this.endEmitted = false;
    this.reading = false;
    this.sync = false;
    this.pushes = 0;
    this.flowScheduled = false;
    this.readableListening = false;
    this.readableScheduled = false;
    this.destroyed = false;
    this.closed = false;
    this.errored = null;
    this.errorEmitted = false;
    this.emitClose = opts.emitClose !== false;
    this.autoDestroy = opts.autoDestroy !== false;
    this.encoding = null;
    this.decoder = null;
    this.pipes = [];
    if (opts.encoding) {
      this.encoding = opts.encoding;
      this.decoder = new builtins.string_decoder.StringDecoder(opts.encoding);
    }
  }

  function Readable(opts) {
    if (!(this instanceof Readable)) return new Readable(opts);
    const isDuplex = this instanceof Duplex;
    this._readableState = new ReadableState(opts, isDuplex);
    if (opts) {
      if (typeof opts.read === 'function') this._read = opts.read;
      if (typeof opts.destroy === 'function') this._destroy = opts.destroy;
      if (opts.signal) addAbortSignal(opts.signal, this);
    }
    Stream.call(this, opts);
    if (opts && typeof opts.construct === 'function') constructStream(this, opts.construct);
  }
  Object.setPrototypeOf(Readable.prototype, Stream.prototype);
  Object.setPrototypeOf(Readable, Stream);
  Readable.ReadableState = ReadableState;

  function constructStream(stream, construct) {
    const states = [stream._readableState, stream._writableState].filter(Boolean);
    for (const s of states) s.constructed = false;
    tick(() => {
      construct.call(stream, (err) => {
        for (const s of states) s.constructed = true;
        if (err) return destroyImpl(stream, err);
        if (stream._readableState && stream._readableState.flowing) scheduleFlow(stream);
        if (stream._writableState) clearBuffer(stream, stream._writableState);
      });
    });
  }

  Readable.prototype._read = function () {
    throw nodeError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', 'The _read() method is not implemented');
  };
  Readable.prototype.push = function (chunk, encoding) {
    return addChunk(this, chunk, encoding, false);
  };
  Readable.prototype.unshift = function (chunk, encoding) {
    return addChunk(this, chunk, encoding, true);
  };
  function addChunk(stream, chunk, encoding, front) {
    const st = stream._readableState;
    st.reading = false;
    if (chunk === null) {
      if (!st.ended) {
        if (st.decoder) {
          const rest = st.decoder.end();
          if (rest) {
            st.buffer.push(rest);
            st.length += rest.length;
          }
        }
        st.ended = true;
        emitReadableLater(stream);
        scheduleFlow(stream);
      }
      return false;
    }
    if (st.destroyed) return false;
    if (st.ended && !front) {
      destroyImpl(stream, nodeError(Error, 'ERR_STREAM_PUSH_AFTER_EOF', 'stream.push() after EOF'));
      return false;
    }
    if (!st.objectMode) {
      if (typeof chunk === 'string') {
        if (!st.decoder || (encoding && encoding !== st.encoding)) chunk = Buffer.from(chunk, encoding || 'utf8');
      } else if (chunk instanceof Uint8Array && !Buffer.isBuffer(chunk)) {
        chunk = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      } else if (!Buffer.isBuffer(chunk)) {
        const err = nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "chunk" argument must be of type string or an instance of Buffer or Uint8Array. Received ${seqmig.describeReceived(chunk)}`);
        destroyImpl(stream, err);
        return false;
      }
      if (st.decoder && Buffer.isBuffer(chunk)) chunk = st.decoder.write(chunk);
      if (chunk.length === 0) return st.length < st.highWaterMark;
    }
    st.pushes++;
    if (front) st.buffer.unshift(chunk);
    else st.buffer.push(chunk);
    st.length += chunkLength(st, chunk);
    emitReadableLater(stream);
    scheduleFlow(stream);
    return st.length < st.highWaterMark;
  }
  function emitReadableLater(stream) {
    const st = stream._readableState;
    if (!st.readableListening || st.readableScheduled) return;
    st.readableScheduled = true;
    tick(() => {
      st.readableScheduled = false;
      if (!st.destroyed && (st.length || st.ended)) stream.emit('readable');
      maybeEnd(stream);
    });
  }
  function scheduleFlow(stream) {
    const st = stream._readableState;
    if (st.flowScheduled || !st.flowing) return;
    st.flowScheduled = true;
    tick(flow, stream);
  }
  function callRead(stream) {
    const st = stream._readableState;
    if (st.reading || st.ended || st.destroyed || st.constructed === false) return;
    st.reading = true;
    try {
      stream._read(st.highWaterMark);
    } catch (e) {
      destroyImpl(stream, e);
    }
  }
  function takeChunk(st, n) {
    if (st.objectMode) {
      st.length -= 1;
      return st.buffer.shift();
    }
    if (n === undefined || n >= st.length) {
      const all = st.buffer.length === 1 ? st.buffer[0] : st.decoder ? st.buffer.join('') : Buffer.concat(st.buffer);
      st.buffer = [];
      st.length = 0;
      return all;
    }
    const all = st.decoder ? st.buffer.join('') : Buffer.concat(st.buffer);
    const out = all.slice(0, n);
    const rest = all.slice(n);
    st.buffer = [rest];
    st.length = rest.length;
    return out;
  }
  function flow(stream) {
    const st = stream._readableState;
    st.flowScheduled = false;
    for (;;) {
      while (st.flowing && st.buffer.length && !st.destroyed) {
        const chunk = st.buffer.shift();
        st.length -= chunkLength(st, chunk);
        stream.emit('data', chunk);
      }
      if (!st.flowing || st.destroyed) return;
      if (st.ended) return maybeEnd(stream);
      const before = st.pushes;
      callRead(stream);
      if (st.pushes === before) return;
    }
  }
  function maybeEnd(stream) {
    const st = stream._readableState;
    if (!st.ended || st.length || st.endEmitted || st.destroyed || st.endScheduled) return;
    st.endScheduled = true;
    tick(() => {
      if (st.endEmitted || st.length || st.destroyed) return;
      st.endEmitted = true;
      stream.readable = false;
      stream.emit('end');
      const w = stream._writableState;
      if (w && !w.finished && stream.allowHalfOpen === false) stream.end();
      if (st.autoDestroy && (!w || (w.finished && w.autoDestroy !== false))) destroyImpl(stream);
    });
  }
  Readable.prototype.read = function (n) {
    const st = this._readableState;
    if (n !== undefined) n = Number(n);
    if (n === 0) {
      if (st.length < st.highWaterMark) callRead(this);
      return null;
    }
    let out = null;
    if (st.length && (st.objectMode || n === undefined || n <= st.length || st.ended)) out = takeChunk(st, n);
    if (!st.ended && st.length < st.highWaterMark) callRead(this);
    if (out === null && st.buffer.length && (n === undefined || st.objectMode)) out = takeChunk(st, n);
    if (out !== null && st.flowing === false) {
      // A paused reader still gets 'data' for what read() returns, as in Node.
      this.emit('data', out);
    }
    if (st.ended && !st.length) maybeEnd(this);
    return out;
  };
  Readable.prototype.on = function (ev, fn) {
    const res = Stream.prototype.on.call(this, ev, fn);
    const st = this._readableState;
    if (ev === 'data') {
      if (st.flowing !== false && !st.readableListening) this.resume();
    } else if (ev === 'readable') {
      if (!st.endEmitted) {
        st.readableListening = true;
        st.flowing = false;
        if (st.length || st.ended) emitReadableLater(this);
        else tick(() => callRead(this));
      }
    }
    return res;
  };
  Readable.prototype.addListener = Readable.prototype.on;
  Readable.prototype.removeListener = function (ev, fn) {
    const res = Stream.prototype.removeListener.call(this, ev, fn);
    if (ev === 'readable' && this.listenerCount('readable') === 0) this._readableState.readableListening = false;
    return res;
  };
  Readable.prototype.off = Readable.prototype.removeListener;
  Readable.prototype.resume = function () {
    const st = this._readableState;
    if (!st.flowing) {
      st.flowing = !st.readableListening;
      if (!st.flowing) return this;
      this.emit('resume');
      scheduleFlow(this);
    }
    return this;
  };
  Readable.prototype.pause = function () {
    const st = this._readableState;
    if (st.flowing !== false) {
      st.flowing = false;
      this.emit('pause');
    }
    return this;
  };
  Readable.prototype.isPaused = function () {
    return this._readableState.flowing === false;
  };
  Readable.prototype.setEncoding = function (enc) {
    const st = this._readableState;
    st.decoder = new builtins.string_decoder.StringDecoder(enc);
    st.encoding = st.decoder.encoding;
    const buffered = st.buffer.map((c) => (typeof c === 'string' ? c : st.decoder.write(c))).join('');
    st.buffer = buffered ? [buffered] : [];
    st.length = buffered.length;
    return this;
  };
  Readable.prototype.pipe = function (dest, options) {
    const src = this;
    const st = this._readableState;
    st.pipes.push(dest);
    const doEnd = (!options || options.end !== false) && dest !== globalThis.process.stdout && dest !== globalThis.process.stderr;
    function ondata(chunk) {
      if (dest.write(chunk) === false) src.pause();
    }
    function ondrain() {
      if (st.flowing === false) src.resume();
    }
    function onend() {
      if (doEnd) dest.end();
    }
    function cleanup() {
      src.removeListener('data', ondata);
      src.removeListener('end', onend);
      dest.removeListener('drain', ondrain);
      dest.removeListener('close', cleanup);
      dest.removeListener('finish', cleanup);
    }
    src.on('data', ondata);
    src.once('end', onend);
    dest.on('drain', ondrain);
    dest.once('close', cleanup);
    dest.once('finish', cleanup);
    dest.on('unpipe', function onunpipe(s) {
      if (s === src) {
        cleanup();
        dest.removeListener('unpipe', onunpipe);
      }
    });
    dest.emit('pipe', src);
    if (st.flowing !== true) src.resume();
    return dest;
  };
  Readable.prototype.unpipe = function (dest) {
    const st = this._readableState;
    const list = dest ? st.pipes.filter((d) => d === dest) : st.pipes.slice();
    st.pipes = st.pipes.filter((d) => !list.includes(d));
    for (const d of list) d.emit('unpipe', this);
    if (!st.pipes.length) st.flowing = false;
    return this;
  };
  Readable.prototype.destroy = function (err, cb) {
    return destroyImpl(this, err, cb);
  };
  Readable.prototype._destroy = function (err, cb) {
    cb(err);
  };
  Readable.prototype.wrap = function (old) {
    old.on('data', (c) => {
      if (!this.push(c) && old.pause) old.pause();
    });
    old.on('end', () => this.push(null));
    old.on('error', (e) => destroyImpl(this, e));
    this._read = () => old.resume && old.resume();
    return this;
  };
  Readable.prototype[Symbol.asyncIterator] = function () {
    return iterate(this);
  };
  Readable.prototype.iterator = function (opts) {
    return iterate(this, opts);
  };
  async function* iterate(stream, opts) {
    const queue = [];
    let finished = false;
    let error = null;
    let wake = null;
    const notify = () => {
      if (wake) {
        const w = wake;
        wake = null;
        w();
      }
    };
    const ondata = (c) => {
      queue.push(c);
      if (queue.length >= 1) stream.pause();
      notify();
    };
    const onend = () => {
      finished = true;
      notify();
    };
    const onerror = (e) => {
      error = e;
      notify();
    };
    stream.on('data', ondata);
    stream.on('end', onend);
    stream.on('error', onerror);
    stream.on('close', onend);
    let completed = false;
    try {
      for (;;) {
        if (queue.length) {
          yield queue.shift();
          continue;
        }
        if (error) throw error;
        if (finished) {
          completed = true;
          return;
        }
        stream.resume();
        await new Promise((resolve) => (wake = resolve));
      }
    } finally {
      stream.removeListener('data', ondata);
      stream.removeListener('end', onend);
      stream.removeListener('error', onerror);
      stream.removeListener('close', onend);
      if (!completed && (!opts || opts.destroyOnReturn !== false)) destroyImpl(stream);
    }
  }
  Readable.prototype.toArray = async function () {
    const out = [];
    for await (const c of this) out.push(c);
    return out;
  };
  Readable.prototype.forEach = async function (fn) {
    for await (const c of this) await fn(c);
  };
  Readable.prototype.map = function (fn) {
    const src = this;
    return Readable.from((async function* () {
      for await (const c of src) yield await fn(c);
    })());
  };
  Readable.prototype.filter = function (fn) {
    const src = this;
    return Readable.from((async function* () {
      for await (const c of src) if (await fn(c)) yield c;
    })());
  };
  const readableGetters = {
    readable: function () {
      const st = this._readableState;
      return this._readableFlag !== undefined ? this._readableFlag : !st.destroyed && !st.endEmitted && !st.errored;
    },
    readableEnded: function () {
      return this._readableState.endEmitted;
    },
    readableLength: function () {
      return this._readableState.length;
    },
    readableFlowing: function () {
      return this._readableState.flowing;
    },
    readableHighWaterMark: function () {
      return this._readableState.highWaterMark;
    },
    readableObjectMode: function () {
      return this._readableState.objectMode;
    },
    readableEncoding: function () {
      return this._readableState.encoding;
    },
    readableAborted: function () {
      const st = this._readableState;
      return st.destroyed && !st.endEmitted;
    },
  };
  for (const [k, get] of Object.entries(readableGetters)) {
    const def = { get, configurable: true, enumerable: false };
    if (k === 'readable') def.set = function (v) {
      this._readableFlag = v;
    };
    Object.defineProperty(Readable.prototype, k, def);
  }
  const sharedGetters = {
    destroyed: {
      get() {
        return !!(this._readableState || this._writableState).destroyed;
      },
      set(v) {
        for (const st of [this._readableState, this._writableState]) if (st) st.destroyed = !!v;
      },
    },
    closed: {
      get() {
        return !!(this._readableState || this._writableState).closed;
      },
    },
    errored: {
      get() {
        return (this._readableState || this._writableState).errored || null;
      },
    },
  };
  for (const [k, d] of Object.entries(sharedGetters)) Object.defineProperty(Readable.prototype, k, Object.assign({ configurable: true, enumerable: false }, d));

  Readable.from = function from(iterable, opts) {
    if (typeof iterable === 'string' || Buffer.isBuffer(iterable)) {
      const once = iterable;
      let done = false;
      return new Readable(Object.assign({ objectMode: true }, opts, {
        read() {
          if (!done) {
            done = true;
            this.push(once);
          }
          this.push(null);
        },
      }));
    }
    const it = iterable && typeof iterable[Symbol.asyncIterator] === 'function' ? iterable[Symbol.asyncIterator]() : iterable && typeof iterable[Symbol.iterator] === 'function' ? iterable[Symbol.iterator]() : null;
    if (!it) throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "iterable" argument must be an instance of Iterable. Received ${seqmig.describeReceived(iterable)}`);
    let busy = false;
    const r = new Readable(Object.assign({ objectMode: true, highWaterMark: 1 }, opts, {
      read() {
        if (busy) return;
        busy = true;
        const step = async () => {
          try {
            for (;;) {
              const { value, done } = await it.next();
              if (done) {
                this.push(null);
                return;
              }
              const v = await value;
              if (v === null) throw nodeError(TypeError, 'ERR_STREAM_NULL_VALUES', 'May not write null values to stream');
              if (!this.push(v)) return;
            }
          } catch (e) {
            destroyImpl(this, e);
          } finally {
            busy = false;
          }
        };
        step();
      },
      destroy(err, cb) {
        busy = true;
        Promise.resolve(typeof it.return === 'function' ? it.return() : undefined).then(() => cb(err), cb);
      },
    }));
    return r;
  };

  // ---------------------------------------------------------------- Writable

  function WritableState(opts, isDuplex) {
    opts = opts || {};
    this.objectMode = !!(opts.objectMode || (isDuplex && opts.writableObjectMode));
    this.highWaterMark = hwmOf(opts, isDuplex ? 'writableHighWaterMark' : 'highWaterMark', this.objectMode);
    this.decodeStrings = opts.decodeStrings !== false;
    this.defaultEncoding = opts.defaultEncoding || 'utf8';
    this.queue = [];
    this.length = 0;
    this.writing = false;
    this.corked = 0;
    this.ending = false;
    this.ended = false;
    this.finished = false;
    this.finalCalled = false;
    this.needDrain = false;
    this.destroyed = false;
    this.closed = false;
    this.errored = null;
    this.errorEmitted = false;
    this.emitClose = opts.emitClose !== false;
    this.autoDestroy = opts.autoDestroy !== false;
    this.pendingcb = 0;
    this.finishCbs = [];
  }

  function Writable(opts) {
    if (!(this instanceof Writable) && !(this instanceof Duplex)) return new Writable(opts);
    this._writableState = new WritableState(opts, this instanceof Duplex);
    if (opts) {
      if (typeof opts.write === 'function') this._write = opts.write;
      if (typeof opts.writev === 'function') this._writev = opts.writev;
      if (typeof opts.final === 'function') this._final = opts.final;
      if (typeof opts.destroy === 'function') this._destroy = opts.destroy;
      if (opts.signal) addAbortSignal(opts.signal, this);
    }
    Stream.call(this, opts);
    if (opts && typeof opts.construct === 'function' && !(this instanceof Duplex)) constructStream(this, opts.construct);
  }
  Object.setPrototypeOf(Writable.prototype, Stream.prototype);
  Object.setPrototypeOf(Writable, Stream);
  Writable.WritableState = WritableState;
  Object.defineProperty(Writable, Symbol.hasInstance, {
    value(obj) {
      if (Function.prototype[Symbol.hasInstance].call(this, obj)) return true;
      return this === Writable && !!(obj && obj._writableState);
    },
  });

  Writable.prototype._write = function (chunk, enc, cb) {
    if (typeof this._writev === 'function') return this._writev([{ chunk, encoding: enc }], cb);
    throw nodeError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', 'The _write() method is not implemented');
  };
  Writable.prototype.write = function (chunk, encoding, cb) {
    const st = this._writableState;
    if (typeof encoding === 'function') {
      cb = encoding;
      encoding = null;
    }
    if (typeof cb !== 'function') cb = () => {};
    let err = null;
    if (chunk === null) err = nodeError(TypeError, 'ERR_STREAM_NULL_VALUES', 'May not write null values to stream');
    else if (!st.objectMode) {
      if (typeof chunk === 'string') {
        encoding = encoding || st.defaultEncoding;
        if (st.decodeStrings) {
          chunk = Buffer.from(chunk, encoding);
          encoding = 'buffer';
        }
      } else if (chunk instanceof Uint8Array) {
        if (!Buffer.isBuffer(chunk)) chunk = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        encoding = 'buffer';
      } else {
        err = nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "chunk" argument must be of type string or an instance of Buffer or Uint8Array. Received ${seqmig.describeReceived(chunk)}`);
      }
    }
    if (!err && st.ending) err = nodeError(Error, 'ERR_STREAM_WRITE_AFTER_END', 'write after end');
    else if (!err && st.destroyed) err = nodeError(Error, 'ERR_STREAM_DESTROYED', 'Cannot call write after a stream was destroyed');
    if (err) {
      tick(cb, err);
      destroyImpl(this, err);
      return false;
    }
    st.length += st.objectMode ? 1 : chunk.length;
    const ok = st.length < st.highWaterMark;
    if (!ok) st.needDrain = true;
    st.pendingcb++;
    st.queue.push({ chunk, encoding: encoding || 'buffer', cb });
    clearBuffer(this, st);
    return ok && !st.errored && !st.destroyed;
  };
  // Writes the queue one by one; a _write that calls back at once loops here instead of
  // recursing, and its user callbacks run on the next tick as in Node.
  function clearBuffer(stream, st) {
    if (st.writing || st.corked || st.destroyed || st.constructed === false || st.clearing) return;
    st.clearing = true;
    try {
      while (st.queue.length && !st.writing && !st.destroyed) {
        if (st.queue.length > 1 && typeof stream._writev === 'function') {
          const batch = st.queue.splice(0, st.queue.length);
          doWrite(stream, st, batch, true);
        } else {
          doWrite(stream, st, [st.queue.shift()], false);
        }
      }
    } finally {
      st.clearing = false;
    }
    if (!st.writing && !st.queue.length) finishMaybe(stream, st);
  }
  function doWrite(stream, st, batch, isv) {
    st.writing = true;
    let sync = true;
    let called = false;
    const len = batch.reduce((n, e) => n + (st.objectMode ? 1 : e.chunk.length), 0);
    const onwrite = (err) => {
      if (called) {
        destroyImpl(stream, nodeError(Error, 'ERR_MULTIPLE_CALLBACK', 'Callback called multiple times'));
        return;
      }
      called = true;
      st.writing = false;
      st.length -= len;
      if (err) {
        st.errored = st.errored || err;
        for (const e of batch) tick(e.cb, err);
        destroyImpl(stream, err);
        return;
      }
      const after = () => {
        st.pendingcb -= batch.length;
        for (const e of batch) e.cb(null);
        if (st.needDrain && st.length === 0 && !st.ending && !st.destroyed) {
          st.needDrain = false;
          stream.emit('drain');
        }
        finishMaybe(stream, st);
      };
      if (sync) tick(after);
      else after();
      if (!sync) clearBuffer(stream, st);
    };
    try {
      if (isv) stream._writev(batch.map((e) => ({ chunk: e.chunk, encoding: e.encoding })), onwrite);
      else stream._write(batch[0].chunk, batch[0].encoding, onwrite);
    } catch (e) {
      onwrite(e);
    }
    sync = false;
  }
  function finishMaybe(stream, st) {
    if (!st.ending || st.finished || st.writing || st.queue.length || st.destroyed || st.errored) return;
    if (!st.finalCalled) {
      st.finalCalled = true;
      if (typeof stream._final === 'function') {
        st.pendingcb++;
        st.finalPending = true;
        tick(() => {
          try {
            stream._final((err) => {
              st.pendingcb--;
              st.finalPending = false;
              if (err) {
                for (const cb of st.finishCbs.splice(0)) cb(err);
                destroyImpl(stream, err);
                return;
              }
              st.prefinished = true;
              stream.emit('prefinish');
              finishMaybe(stream, st);
            });
          } catch (e) {
            destroyImpl(stream, e);
          }
        });
        return;
      }
      st.prefinished = true;
      stream.emit('prefinish');
    }
    if (st.finalPending || st.pendingcb > 0 || st.finishScheduled) return;
    st.finishScheduled = true;
    tick(() => {
      if (st.finished || st.destroyed || st.errored) return;
      st.finished = true;
      for (const cb of st.finishCbs.splice(0)) cb(null);
      stream.emit('finish');
      const r = stream._readableState;
      if (st.autoDestroy && (!r || (r.endEmitted && r.autoDestroy !== false) || stream.readable === false)) destroyImpl(stream);
    });
  }
  Writable.prototype.end = function (chunk, encoding, cb) {
    const st = this._writableState;
    if (typeof chunk === 'function') {
      cb = chunk;
      chunk = null;
      encoding = null;
    } else if (typeof encoding === 'function') {
      cb = encoding;
      encoding = null;
    }
    if (chunk !== null && chunk !== undefined) this.write(chunk, encoding);
    if (st.corked) {
      st.corked = 1;
      this.uncork();
    }
    if (typeof cb === 'function') {
      if (st.finished) tick(cb, null);
      else if (st.ending && st.errored) tick(cb, st.errored);
      else st.finishCbs.push(cb);
    }
    if (!st.ending) {
      st.ending = true;
      st.ended = true;
      finishMaybe(this, st);
      if (!st.writing && !st.queue.length) clearBuffer(this, st);
    }
    return this;
  };
  Writable.prototype.cork = function () {
    this._writableState.corked++;
  };
  Writable.prototype.uncork = function () {
    const st = this._writableState;
    if (st.corked) {
      st.corked--;
      if (!st.corked) clearBuffer(this, st);
    }
  };
  Writable.prototype.setDefaultEncoding = function (enc) {
    this._writableState.defaultEncoding = String(enc).toLowerCase();
    return this;
  };
  Writable.prototype.destroy = function (err, cb) {
    const st = this._writableState;
    if (!st.destroyed && st.queue.length) {
      const e = nodeError(Error, 'ERR_STREAM_DESTROYED', 'Cannot call write after a stream was destroyed');
      for (const q of st.queue.splice(0)) tick(q.cb, e);
    }
    return destroyImpl(this, err, cb);
  };
  Writable.prototype._destroy = function (err, cb) {
    cb(err);
  };
  const writableGetters = {
    writable() {
      const st = this._writableState;
      return this._writableFlag !== undefined ? this._writableFlag : !st.destroyed && !st.errored && !st.ending;
    },
    writableEnded() {
      return this._writableState.ending;
    },
    writableFinished() {
      return this._writableState.finished;
    },
    writableLength() {
      return this._writableState.length;
    },
    writableHighWaterMark() {
      return this._writableState.highWaterMark;
    },
    writableObjectMode() {
      return this._writableState.objectMode;
    },
    writableCorked() {
      return this._writableState.corked;
    },
    writableNeedDrain() {
      return this._writableState.needDrain;
    },
  };
  for (const [k, get] of Object.entries(writableGetters)) {
    const def = { get, configurable: true, enumerable: false };
    if (k === 'writable') def.set = function (v) {
      this._writableFlag = v;
    };
    Object.defineProperty(Writable.prototype, k, def);
  }
  for (const [k, d] of Object.entries(sharedGetters)) Object.defineProperty(Writable.prototype, k, Object.assign({ configurable: true, enumerable: false }, d));

  // ---------------------------------------------------------------- Duplex, Transform

  function Duplex(opts) {
    if (!(this instanceof Duplex)) return new Duplex(opts);
    Readable.call(this, opts);
    Writable.call(this, opts);
    this.allowHalfOpen = !opts || opts.allowHalfOpen !== false;
    if (opts && opts.readable === false) {
      this._readableState.ended = true;
      this._readableState.endEmitted = true;
    }
    if (opts && opts.writable === false) {
      this._writableState.ending = true;
      this._writableState.finished = true;
    }
  }
  Object.setPrototypeOf(Duplex.prototype, Readable.prototype);
  Object.setPrototypeOf(Duplex, Readable);
  for (const k of Object.getOwnPropertyNames(Writable.prototype)) {
    if (k === 'constructor' || k === 'destroy' || k === '_destroy') continue;
    if (Object.prototype.hasOwnProperty.call(Duplex.prototype, k)) continue;
    Object.defineProperty(Duplex.prototype, k, Object.getOwnPropertyDescriptor(Writable.prototype, k));
  }
  Duplex.prototype.destroy = Writable.prototype.destroy;
  Duplex.from = function from(body) {
    if (body instanceof Duplex) return body;
    if (body instanceof Readable) return body;
    return Readable.from(body);
  };

  function Transform(opts) {
    if (!(this instanceof Transform)) return new Transform(opts);
    Duplex.call(this, opts);
    this._readableState.sync = false;
    if (opts) {
      if (typeof opts.transform === 'function') this._transform = opts.transform;
      if (typeof opts.flush === 'function') this._flush = opts.flush;
    }
    this._transformCallback = null;
  }
  Object.setPrototypeOf(Transform.prototype, Duplex.prototype);
  Object.setPrototypeOf(Transform, Duplex);
  Transform.prototype._transform = function () {
    throw nodeError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', 'The _transform() method is not implemented');
  };
  Transform.prototype._write = function (chunk, encoding, callback) {
    const rs = this._readableState;
    this._transform(chunk, encoding, (err, val) => {
      if (err) return callback(err);
      if (val !== undefined && val !== null) this.push(val);
      // Node holds the callback while the readable side is full.
      if (rs.length < rs.highWaterMark || rs.ended) callback();
      else this._transformCallback = callback;
    });
  };
  Transform.prototype._read = function () {
    this._readableState.reading = false;
    const cb = this._transformCallback;
    if (cb) {
      this._transformCallback = null;
      cb();
    }
  };
  Transform.prototype._final = function (cb) {
    const done = (err, val) => {
      if (err) return cb(err);
      if (val !== undefined && val !== null) this.push(val);
      this.push(null);
      cb();
    };
    if (typeof this._flush === 'function') {
      try {
        this._flush(done);
      } catch (e) {
        cb(e);
      }
    } else done();
  };

  function PassThrough(opts) {
    if (!(this instanceof PassThrough)) return new PassThrough(opts);
    Transform.call(this, opts);
  }
  Object.setPrototypeOf(PassThrough.prototype, Transform.prototype);
  Object.setPrototypeOf(PassThrough, Transform);
  PassThrough.prototype._transform = function (chunk, enc, cb) {
    cb(null, chunk);
  };

  // ---------------------------------------------------------------- finished, pipeline

  const isReadableStream = (s) => !!(s && s._readableState) || (s && typeof s.on === 'function' && typeof s.pipe === 'function' && !s._writableState);
  const isWritableStream = (s) => !!(s && s._writableState) || (s && typeof s.write === 'function' && typeof s.end === 'function');

  function finished(stream, opts, callback) {
    if (typeof opts === 'function') {
      callback = opts;
      opts = {};
    }
    opts = opts || {};
    let done = false;
    const call = (err) => {
      if (done) return;
      done = true;
      callback.call(stream, err);
    };
    const r = stream._readableState;
    const w = stream._writableState;
    const wantRead = opts.readable !== false && isReadableStream(stream) && !(w && !r);
    const wantWrite = opts.writable !== false && !!w;
    let readDone = !wantRead || (r && r.endEmitted);
    let writeDone = !wantWrite || (w && w.finished);
    const check = () => {
      if (readDone && writeDone) call();
    };
    const onend = () => {
      readDone = true;
      check();
    };
    const onfinish = () => {
      writeDone = true;
      check();
    };
    const onerror = (err) => call(err);
    const onclose = () => {
      if ((wantRead && !readDone) || (wantWrite && !writeDone)) call(nodeError(Error, 'ERR_STREAM_PREMATURE_CLOSE', 'Premature close'));
      else call();
    };
    stream.on('end', onend);
    stream.on('finish', onfinish);
    if (opts.error !== false) stream.on('error', onerror);
    stream.on('close', onclose);
    const st = r || w;
    if (st && st.errored) tick(call, st.errored);
    else if (readDone && writeDone && ((r && r.endEmitted) || (w && w.finished))) tick(call);
    else if (st && st.closed) tick(onclose);
    return function cleanup() {
      stream.removeListener('end', onend);
      stream.removeListener('finish', onfinish);
      stream.removeListener('error', onerror);
      stream.removeListener('close', onclose);
    };
  }

  function toStream(stage, prev, isLast) {
    if (typeof stage === 'function') {
      const out = stage(prev, {});
      if (isLast) return out;
      return isReadableStream(out) ? out : Readable.from(out);
    }
    if (stage && !isReadableStream(stage) && !isWritableStream(stage) && (typeof stage[Symbol.asyncIterator] === 'function' || typeof stage[Symbol.iterator] === 'function' || typeof stage === 'string')) {
      return Readable.from(stage);
    }
    return stage;
  }
  function pipeline(...streams) {
    const callback = typeof streams[streams.length - 1] === 'function' ? streams.pop() : null;
    if (Array.isArray(streams[0]) && streams.length === 1) streams = streams[0];
    if (typeof callback !== 'function') throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "callback" argument must be of type function. Received undefined');
    if (streams.length < 2) throw nodeError(TypeError, 'ERR_MISSING_ARGS', 'The "streams" argument must be specified');
    const stages = [];
    let prev = null;
    for (let i = 0; i < streams.length; i++) {
      const s = toStream(streams[i], prev, i === streams.length - 1);
      stages.push(s);
      if (prev && isWritableStream(s) && typeof prev.pipe === 'function') prev.pipe(s);
      prev = s;
    }
    let done = false;
    const finish = (err) => {
      if (done) return;
      done = true;
      if (err) for (const s of stages) if (s && typeof s.destroy === 'function' && !s.destroyed) s.destroy();
      callback(err || undefined);
    };
    const last = stages[stages.length - 1];
    stages.forEach((s, i) => {
      if (!s || typeof s.on !== 'function') return;
      if (s === last) return;
      finished(s, { readable: true, writable: i > 0 }, (err) => {
        if (err) finish(err);
      });
    });
    if (last && typeof last.then === 'function') last.then(() => finish(), finish);
    else if (last && typeof last.on === 'function') finished(last, { readable: !isWritableStream(last) }, (err) => finish(err));
    return last;
  }

  function addAbortSignal(signal, stream) {
    const onabort = () => {
      const err = new Error('The operation was aborted');
      err.name = 'AbortError';
      err.code = 'ABORT_ERR';
      err.cause = signal.reason;
      stream.destroy(err);
    };
    if (signal.aborted) onabort();
    else signal.addEventListener('abort', onabort, { once: true });
    return stream;
  }

  const promises = {
    pipeline: (...streams) => new Promise((resolve, reject) => {
      if (streams.length && streams[streams.length - 1] && typeof streams[streams.length - 1] === 'object' && !isReadableStream(streams[streams.length - 1]) && !isWritableStream(streams[streams.length - 1]) && !streams[streams.length - 1][Symbol.asyncIterator] && !streams[streams.length - 1][Symbol.iterator]) streams.pop();
      pipeline(...streams, (err, val) => (err ? reject(err) : resolve(val)));
    }),
    finished: (stream, opts) => new Promise((resolve, reject) => finished(stream, opts, (err) => (err ? reject(err) : resolve()))),
  };

  Object.assign(Stream, {
    Stream,
    Readable,
    Writable,
    Duplex,
    Transform,
    PassThrough,
    pipeline,
    finished,
    addAbortSignal,
    promises,
    isReadable: (s) => !!(s && s._readableState && !s._readableState.destroyed && !s._readableState.endEmitted),
    isErrored: (s) => !!(s && (s._readableState || s._writableState || {}).errored),
    isDisturbed: (s) => !!(s && s._readableState && (s._readableState.flowing !== null || s._readableState.endEmitted)),
    getDefaultHighWaterMark: defaultHwm,
    setDefaultHighWaterMark: () => {},
    _isUint8Array: (v) => v instanceof Uint8Array,
    _uint8ArrayToBuffer: (v) => Buffer.from(v.buffer, v.byteOffset, v.byteLength),
  });
  builtins.stream = Stream;
  builtins['stream/promises'] = promises;
  seqmig.streamDestroy = destroyImpl;
})();
