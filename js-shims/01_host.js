// seqmig JS host: the CommonJS loader, timers, process, console and the Error/Date
// adaptations Boa needs to look like Node. Evaluated once per runtime, before any user
// code; the node built-in modules themselves live in 6*_node_*.js.
'use strict';
(function () {
  const native = globalThis.__seqmig_native;
  if (!globalThis.__seqmig) {
    Object.defineProperty(globalThis, '__seqmig', { value: {}, writable: true, configurable: true });
  }
  const seqmig = globalThis.__seqmig;
  const builtins = seqmig.builtins || (seqmig.builtins = Object.create(null));
  const host = (seqmig.host = Object.create(null));

  function hide(obj, name, value) {
    Object.defineProperty(obj, name, { value, writable: true, configurable: true, enumerable: false });
  }

  // ---------------------------------------------------------------- errors

  // Boa's `stack` lists only the frames; Node's starts with `Name: message`.
  const stackDesc = Object.getOwnPropertyDescriptor(Error.prototype, 'stack');
  const framesOf = stackDesc && stackDesc.get ? (e) => stackDesc.get.call(e) : () => undefined;
  function header(e) {
    try {
      return Error.prototype.toString.call(e);
    } catch (_) {
      return 'Error';
    }
  }
  function limitFrames(frames, skip) {
    let lines = String(frames).split('\n').filter((l) => l.trim() !== '');
    lines = lines.slice(skip || 0);
    const limit = Error.stackTraceLimit;
    if (typeof limit === 'number' && limit >= 0 && lines.length > limit) lines = lines.slice(0, limit);
    return lines;
  }
  // Module files are compiled behind a one-line wrapper: columns on their line 1 shift.
  const wrapperLength = native.wrapperHead().length;
  const compiled = new Set();
  function fixColumns(line) {
    if (line.indexOf(':1:') < 0) return line;
    return line.replace(/\((.*):1:(\d+)\)$/, (all, file, col) => (compiled.has(file) ? `(${file}:1:${Math.max(1, col - wrapperLength)})` : all));
  }
  if (stackDesc && stackDesc.get) {
    Object.defineProperty(Error.prototype, 'stack', {
      configurable: true,
      enumerable: false,
      get() {
        const frames = framesOf(this);
        if (frames === undefined) return undefined;
        return [header(this)].concat(limitFrames(frames).map(fixColumns)).join('\n');
      },
      set(v) {
        Object.defineProperty(this, 'stack', { value: v, writable: true, configurable: true, enumerable: false });
      },
    });
  }
  hide(Error, 'stackTraceLimit', 10);
  Error.stackTraceLimit = 10;
  hide(Error, 'captureStackTrace', function captureStackTrace(obj) {
    if (obj === null || (typeof obj !== 'object' && typeof obj !== 'function')) {
      const err = new TypeError('The "targetObject" argument must be of type object');
      err.code = 'ERR_INVALID_ARG_TYPE';
      throw err;
    }
    // Skip the frame of captureStackTrace itself.
    const lines = limitFrames(framesOf(new Error()) || '', 1);
    const stack = [header(obj)].concat(lines).join('\n');
    Object.defineProperty(obj, 'stack', { value: stack, writable: true, configurable: true, enumerable: false });
  });

  function nodeError(Ctor, code, message, props) {
    const err = new Ctor(message);
    err.code = code;
    if (props) Object.assign(err, props);
    return err;
  }
  hide(seqmig, 'nodeError', nodeError);

  // The first frame of a stack that points at user code (not a shim), as {file, line, column}.
  function userFrame(stack) {
    if (typeof stack !== 'string') return null;
    for (const line of stack.split('\n')) {
      const m = /\((.*):(\d+):(\d+)\)\s*$/.exec(line) || /^\s*at (.*):(\d+):(\d+)\s*$/.exec(line);
      if (!m) continue;
      if (m[1].startsWith('js-shims/') || m[1].indexOf('native') === 0) continue;
      return { file: m[1], line: Number(m[2]), column: Number(m[3]) };
    }
    return null;
  }
  hide(seqmig, 'userFrame', userFrame);

  function plainCopy(value, seen, depth) {
    if (value === null || typeof value !== 'object') {
      if (typeof value === 'bigint') return String(value);
      if (typeof value === 'function' || typeof value === 'symbol') return undefined;
      if (typeof value === 'number' && !isFinite(value)) return null;
      return value;
    }
    if (seen.indexOf(value) >= 0 || depth > 8) return undefined;
    seen.push(value);
    try {
      if (value instanceof Date) return isNaN(value) ? null : value.toISOString();
      if (Array.isArray(value)) return value.map((v) => plainCopy(v, seen, depth + 1) ?? null);
      const out = {};
      if (value instanceof Error) {
        out.name = value.name;
        out.message = value.message;
      }
      for (const k of Object.keys(value)) {
        let v;
        try {
          v = plainCopy(value[k], seen, depth + 1);
        } catch (_) {
          continue;
        }
        if (v !== undefined) out[k] = v;
      }
      return out;
    } finally {
      seen.pop();
    }
  }

  // Boa says "not a callable function"; Node names the callee ("queryInterface.foo is
  // not a function"). The callee is read back from the source at the call's position.
  function notAFunction(frame) {
    if (!frame || !compiled.has(frame.file)) return null;
    let text;
    try {
      text = native.fsRead(frame.file, false).split('\n')[frame.line - 1];
    } catch (_) {
      return null;
    }
    if (typeof text !== 'string') return null;
    const callee = /((?:[A-Za-z_$][\w$]*|this)(?:\s*\??\.\s*#?[A-Za-z_$][\w$]*|\[[^\]]*\])*)\s*(?:\?\.)?\s*$/;
    const idx = frame.column - 1;
    if (text[idx] === '(') {
      const m = callee.exec(text.slice(0, idx));
      if (m) return `${m[1].replace(/\s+/g, '')} is not a function`;
    }
    const fwd = /^((?:[A-Za-z_$][\w$]*|this)(?:\s*\??\.\s*#?[A-Za-z_$][\w$]*|\[[^\]]*\])*)\s*(?:\?\.)?\s*\(/.exec(text.slice(idx));
    if (fwd) return `${fwd[1].replace(/\s+/g, '')} is not a function`;
    return null;
  }

  // What Rust's JsError is made of; see crates/seqmig-js/src/error.rs.
  host.describeError = function describeError(e) {
    const out = { kind: 'thrown', message: '', stack: null, file: null, line: null, column: null, details: null };
    if (e === null || (typeof e !== 'object' && typeof e !== 'function')) {
      out.message = String(e);
      return out;
    }
    let message;
    try {
      message = e.message;
    } catch (_) {}
    if (e instanceof Error || typeof message === 'string') out.message = header(e);
    else {
      try {
        const util = builtins.util;
        out.message = util ? util.inspect(e) : String(e);
      } catch (_) {
        out.message = '[object]';
      }
    }
    try {
      if (typeof e.stack === 'string') out.stack = e.stack;
    } catch (_) {}
    if (e instanceof TypeError && message === 'not a callable function') {
      const frames = framesOf(e);
      const better = notAFunction(userFrame(frames ? frames.split('\n').map(fixColumns).join('\n') : out.stack));
      if (better) {
        out.message = 'TypeError: ' + better;
        if (out.stack) out.stack = out.stack.replace(/^[^\n]*/, out.message);
        try {
          e.message = better;
        } catch (_) {}
      }
    }
    if (typeof e.seqmigFile === 'string') {
      out.kind = 'syntax';
      out.file = e.seqmigFile;
      out.line = e.seqmigLine ?? null;
      out.column = e.seqmigColumn ?? null;
    } else {
      if (['MODULE_NOT_FOUND', 'ERR_SEQMIG_UNSUPPORTED_MODULE', 'ERR_REQUIRE_ESM', 'ERR_UNKNOWN_BUILTIN_MODULE'].includes(e.code)) {
        out.kind = 'module';
      }
      // All frames, not the stackTraceLimit-ed text: the user's frame may be deep.
      let all = null;
      try {
        const frames = framesOf(e);
        if (frames) all = frames.split('\n').map(fixColumns).join('\n');
      } catch (_) {}
      const frame = e.seqmigRequiredAt || userFrame(all || out.stack);
      if (frame) Object.assign(out, { file: frame.file, line: frame.line, column: frame.column });
    }
    try {
      out.details = plainCopy(e, [], 0) ?? null;
    } catch (_) {}
    return out;
  };

  // ---------------------------------------------------------------- lazy built-ins

  // The node built-ins (6*_node_*.js) are evaluated on first use, not at start-up:
  // parsing them is a large share of the boot time, and most migrations use few.
  const loaded = new Set();
  function loadShim(file) {
    if (loaded.has(file)) return;
    loaded.add(file);
    const body = native.loadShim(file);
    if (typeof body === 'function') body.call(globalThis);
  }
  // The names stay accessors for good: Boa 0.22's inline caches keep calling the old
  // getter when an accessor is redefined as a data property, so the value lives here.
  function lazy(obj, name, file) {
    let value;
    let has = false;
    Object.defineProperty(obj, name, {
      configurable: true,
      enumerable: false,
      get() {
        // While its file is being evaluated the name does not exist yet.
        if (!has && !loaded.has(file)) loadShim(file);
        return value;
      },
      set(v) {
        value = v;
        has = true;
      },
    });
  }
  // For the lazy files: define a global or assign through its lazy accessor.
  function setGlobal(name, value) {
    const d = Object.getOwnPropertyDescriptor(globalThis, name);
    if (d && d.set) globalThis[name] = value;
    else hide(globalThis, name, value);
  }
  hide(seqmig, 'setGlobal', setGlobal);
  const LAZY = {
    '60_node_path.js': [['path', 'path/posix'], []],
    '61_node_util.js': [['util', 'util/types'], []],
    '62_node_events.js': [['events'], []],
    '63_node_buffer.js': [['buffer'], ['Buffer', 'TextEncoder', 'TextDecoder', 'atob', 'btoa']],
    '64_node_fs.js': [['fs', 'fs/promises'], []],
    '65_node_crypto.js': [['crypto'], ['crypto']],
    '66_node_assert.js': [['assert', 'assert/strict'], []],
    '67_node_os_url.js': [['os', 'querystring', 'url', 'string_decoder', 'perf_hooks', 'constants'], ['URL', 'URLSearchParams', 'performance']],
    '69_node_globals.js': [[], ['structuredClone', 'Event', 'EventTarget', 'AbortController', 'AbortSignal']],
  };
  for (const [file, [mods, globals]] of Object.entries(LAZY)) {
    for (const m of mods) lazy(builtins, m, file);
    for (const g of globals) if (!(g in globalThis)) lazy(globalThis, g, file);
  }
  hide(seqmig, 'loadShim', loadShim);
  hide(globalThis, 'global', globalThis);

  // ---------------------------------------------------------------- timers

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

  function checkCallback(cb) {
    if (typeof cb !== 'function') {
      throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "callback" argument must be of type function. Received ${describeReceived(cb)}`);
    }
  }
  function describeReceived(v) {
    if (v === null || v === undefined) return String(v);
    if (typeof v === 'function') return `function ${v.name}`;
    if (typeof v === 'object') return v.constructor && v.constructor.name ? `an instance of ${v.constructor.name}` : 'an object';
    return `type ${typeof v} (${typeof v === 'string' ? `'${v}'` : String(v)})`;
  }
  hide(seqmig, 'describeReceived', describeReceived);

  function schedule(Kind, cb, delay, args, repeat) {
    checkCallback(cb);
    const t = new Kind(cb, delay, args, repeat);
    timers.set(t._id, t);
    native.timerAdd(t._id, Number(delay), true);
    return t;
  }
  function clearTimer(t) {
    if (t === null || t === undefined) return;
    const id = typeof t === 'object' ? t._id : Number(t);
    if (!timers.has(id)) return;
    timers.delete(id);
    native.timerCancel(id);
  }
  host.fireTimer = function fireTimer(id) {
    const t = timers.get(id);
    if (!t) return;
    if (t._repeat) native.timerAdd(id, t._idleTimeout, t._ref);
    else timers.delete(id);
    t._onTimeout.apply(t, t._args);
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

  // ---------------------------------------------------------------- process

  // Node coerces env values to strings; writes also reach the real environment (dotenv
  // in .sequelizerc sets what seqmig-core later reads for use_env_variable).
  const env = new Proxy(native.env(), {
    set(target, key, value) {
      if (typeof key === 'symbol') return Reflect.set(target, key, value);
      target[key] = String(value);
      native.setEnv(key, target[key]);
      return true;
    },
    defineProperty(target, key, desc) {
      if (typeof key !== 'symbol' && 'value' in desc) {
        desc = Object.assign({}, desc, { value: String(desc.value) });
        native.setEnv(key, desc.value);
      }
      return Reflect.defineProperty(target, key, desc);
    },
    deleteProperty(target, key) {
      if (typeof key !== 'symbol') native.setEnv(key, undefined);
      return Reflect.deleteProperty(target, key);
    },
  });
  const platform = native.os().platform;
  const process = {
    title: 'node',
    version: 'v20.20.2',
    versions: { node: '20.20.2', seqmig: '0.1.0', v8: '11.3.244.8-node.33', uv: '1.46.0', modules: '115' },
    arch: native.os().arch,
    platform,
    release: { name: 'node' },
    env,
    argv: native.argv(),
    execArgv: [],
    execPath: '/usr/bin/node',
    pid: 1,
    ppid: 0,
    exitCode: undefined,
    cwd: () => native.cwd(),
    chdir: (dir) => native.chdir(String(dir)),
    exit(code) {
      native.exit(code === undefined ? (process.exitCode ?? 0) : code);
    },
    abort() {
      native.exit(134);
    },
    nextTick(cb, ...args) {
      checkCallback(cb);
      Promise.resolve().then(() => cb(...args));
    },
    hrtime: Object.assign(
      function hrtime(prev) {
        const [s, ns] = native.hrtime();
        if (!prev) return [s, ns];
        let ds = s - prev[0];
        let dns = ns - prev[1];
        if (dns < 0) {
          ds -= 1;
          dns += 1e9;
        }
        return [ds, dns];
      },
      {
        bigint() {
          const [s, ns] = native.hrtime();
          return BigInt(s) * 1000000000n + BigInt(ns);
        },
      },
    ),
    uptime() {
      const [s, ns] = native.hrtime();
      return s + ns / 1e9;
    },
    memoryUsage: Object.assign(() => ({ rss: 50e6, heapTotal: 20e6, heapUsed: 10e6, external: 1e6, arrayBuffers: 0 }), {
      rss: () => 50e6,
    }),
    cpuUsage: () => ({ user: 0, system: 0 }),
    emitWarning(warning, type) {
      const text = typeof warning === 'string' ? `${type || 'Warning'}: ${warning}` : `${warning.name}: ${warning.message}`;
      native.write(2, `(node:1) ${text}\n`);
    },
    umask: () => 0o22,
    stdout: { write: (s) => native.write(1, String(s)), isTTY: false, columns: 80, fd: 1 },
    stderr: { write: (s) => native.write(2, String(s)), isTTY: false, columns: 80, fd: 2 },
    stdin: { isTTY: false, fd: 0 },
  };
  // 62_node_events.js makes process an EventEmitter (and replaces these) on first use.
  for (const m of ['on', 'once', 'off', 'addListener', 'removeListener', 'removeAllListeners', 'prependListener', 'emit', 'listeners', 'listenerCount']) {
    const stub = function (...args) {
      loadShim('62_node_events.js');
      if (process[m] === stub) throw new Error('process.' + m + ' is unavailable');
      return process[m].apply(this, args);
    };
    process[m] = stub;
  }
  hide(globalThis, 'process', process);
  builtins.process = process;

  // ---------------------------------------------------------------- console

  function format(args) {
    const util = builtins.util;
    if (util) return util.format(...args);
    return args.map((a) => (typeof a === 'string' ? a : String(a))).join(' ');
  }
  const counts = new Map();
  const times = new Map();
  let groupIndent = '';
  function out(fd) {
    return (...args) => {
      const text = format(args);
      native.write(fd, (groupIndent ? text.replace(/^/gm, groupIndent) : text) + '\n');
    };
  }
  const console = {
    log: out(1),
    info: out(1),
    debug: out(1),
    error: out(2),
    warn: out(2),
    trace: (...args) => out(2)('Trace: ' + format(args) + '\n' + limitFrames(framesOf(new Error()) || '', 1).join('\n')),
    dir: (obj, opts) => native.write(1, (builtins.util ? builtins.util.inspect(obj, opts) : String(obj)) + '\n'),
    table: (data) => out(1)(data),
    assert: (cond, ...args) => {
      if (!cond) out(2)(...(args.length ? ['Assertion failed:', ...args] : ['Assertion failed']));
    },
    count: (label = 'default') => {
      const n = (counts.get(label) || 0) + 1;
      counts.set(label, n);
      out(1)(`${label}: ${n}`);
    },
    countReset: (label = 'default') => counts.delete(label),
    time: (label = 'default') => times.set(label, Date.now()),
    timeEnd: (label = 'default') => {
      if (!times.has(label)) return;
      out(1)(`${label}: ${(Date.now() - times.get(label)).toFixed(3)}ms`);
      times.delete(label);
    },
    timeLog: (label = 'default', ...args) => {
      if (times.has(label)) out(1)(`${label}: ${(Date.now() - times.get(label)).toFixed(3)}ms`, ...args);
    },
    group: (...args) => {
      if (args.length) out(1)(...args);
      groupIndent += '  ';
    },
    groupEnd: () => {
      groupIndent = groupIndent.slice(2);
    },
  };
  console.groupCollapsed = console.group;
  hide(globalThis, 'console', console);
  builtins.console = console;

  // ---------------------------------------------------------------- Date and locale

  (function patchDate() {
    const OrigDate = Date;
    // V8 reads "2024-01-02 03:04:05" (space, no zone) as local time, and accepts the
    // "2024-01-05 09:00:00.000 +00:00" form Sequelize prints; Boa may return NaN for both.
    const re = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/;
    const slash = /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
    function parseLoose(s) {
      s = s.trim();
      let m = re.exec(s);
      if (m) {
        const [, y, mo, d, h = '0', mi = '0', sec = '0', frac = '', zone] = m;
        const ms = Number((frac + '000').slice(0, 3));
        if (!zone && h === '0' && !m[4] && /^\d{4}-\d{2}-\d{2}$/.test(s)) return OrigDate.UTC(+y, mo - 1, +d);
        if (!zone) return new OrigDate(+y, mo - 1, +d, +h, +mi, +sec, ms).getTime();
        let offset = 0;
        if (!/^(Z|z|UTC|GMT)$/.test(zone)) {
          const zm = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
          offset = (zm[1] === '-' ? -1 : 1) * (Number(zm[2]) * 60 + Number(zm[3] || 0));
        }
        return OrigDate.UTC(+y, mo - 1, +d, +h, +mi, +sec, ms) - offset * 60000;
      }
      m = slash.exec(s);
      if (m) {
        const [, y, mo, d, h = '0', mi = '0', sec = '0'] = m;
        return new OrigDate(+y, mo - 1, +d, +h, +mi, +sec).getTime();
      }
      return NaN;
    }
    function parse(s) {
      const v = OrigDate.parse(s);
      if (!isNaN(v) && !/^\d{4}-\d{1,2}-\d{1,2}[ ]\d/.test(String(s).trim())) return v;
      const loose = parseLoose(String(s));
      return isNaN(loose) ? v : loose;
    }
    function NodeDate(...args) {
      if (!new.target) return OrigDate();
      if (args.length === 1 && typeof args[0] === 'string') {
        return Reflect.construct(OrigDate, [parse(args[0])], new.target);
      }
      return Reflect.construct(OrigDate, args, new.target);
    }
    Object.defineProperty(NodeDate, 'name', { value: 'Date' });
    Object.defineProperty(NodeDate, 'length', { value: 7 });
    NodeDate.prototype = OrigDate.prototype;
    hide(OrigDate.prototype, 'constructor', NodeDate);
    hide(NodeDate, 'now', OrigDate.now);
    hide(NodeDate, 'UTC', OrigDate.UTC);
    hide(NodeDate, 'parse', parse);
    hide(globalThis, 'Date', NodeDate);

    // Node appends the zone's long name; without Intl only UTC's is known.
    const origToString = OrigDate.prototype.toString;
    hide(OrigDate.prototype, 'toString', function toString() {
      const s = origToString.call(this);
      return / GMT\+0000$/.test(s) ? s + ' (Coordinated Universal Time)' : s;
    });
    if (typeof Intl === 'undefined') {
      const pad = (n) => String(n).padStart(2, '0');
      const dateStr = (d) => `${d.getMonth() + 1}/${d.getDate()}/${d.getFullYear()}`;
      const timeStr = (d) => {
        const h = d.getHours() % 12 || 12;
        return `${h}:${pad(d.getMinutes())}:${pad(d.getSeconds())} ${d.getHours() < 12 ? 'AM' : 'PM'}`;
      };
      const guard = (f) =>
        function () {
          return isNaN(this.getTime()) ? 'Invalid Date' : f(this);
        };
      hide(OrigDate.prototype, 'toLocaleString', guard((d) => `${dateStr(d)}, ${timeStr(d)}`));
      hide(OrigDate.prototype, 'toLocaleDateString', guard(dateStr));
      hide(OrigDate.prototype, 'toLocaleTimeString', guard(timeStr));
      hide(Number.prototype, 'toLocaleString', function toLocaleString() {
        const n = Number(this);
        if (!isFinite(n)) return isNaN(n) ? 'NaN' : n > 0 ? '∞' : '-∞';
        const rounded = Math.round(Math.abs(n) * 1000) / 1000;
        const [int, frac] = String(rounded).split('.');
        const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
        return (n < 0 && rounded !== 0 ? '-' : '') + grouped + (frac ? '.' + frac : '');
      });
    }
  })();

  // ---------------------------------------------------------------- CommonJS

  const BUILTIN_NAMES = [
    'assert', 'assert/strict', 'buffer', 'console', 'constants', 'crypto', 'events', 'fs', 'fs/promises',
    'module', 'os', 'path', 'path/posix', 'perf_hooks', 'process', 'querystring', 'string_decoder',
    'timers', 'timers/promises', 'url', 'util', 'util/types',
  ];
  const UNSUPPORTED = [
    'async_hooks', 'child_process', 'cluster', 'dgram', 'diagnostics_channel', 'dns', 'dns/promises', 'domain',
    'http', 'http2', 'https', 'inspector', 'net', 'punycode', 'readline', 'readline/promises', 'repl', 'stream',
    'stream/promises', 'stream/web', 'sys', 'test', 'tls', 'trace_events', 'tty', 'v8', 'vm', 'wasi',
    'worker_threads', 'zlib', 'sea', 'sqlite',
  ];

  function pathMod() {
    return builtins.path;
  }

  function nodeModulePaths(from) {
    const path = pathMod();
    from = path.resolve(from);
    const out = [];
    const parts = from.split('/');
    for (let i = parts.length; i > 0; i--) {
      if (parts[i - 1] === 'node_modules') continue;
      const dir = parts.slice(0, i).join('/') || '';
      out.push((dir === '' ? '' : dir) + '/node_modules');
    }
    if (out[out.length - 1] !== '/node_modules') out.push('/node_modules');
    return out;
  }

  function Module(id, parent) {
    this.id = id;
    this.path = id === '.' ? native.cwd() : pathMod().dirname(id);
    this.exports = {};
    this.filename = null;
    this.loaded = false;
    this.children = [];
    this.paths = [];
    hide(this, 'parent', parent || null);
    if (parent && parent.children) parent.children.push(this);
  }
  Module._cache = Object.create(null);
  Module._extensions = Object.create(null);
  Module.builtinModules = BUILTIN_NAMES.slice();
  Module.isBuiltin = (name) => BUILTIN_NAMES.includes(String(name).replace(/^node:/, ''));
  Module._nodeModulePaths = nodeModulePaths;
  Module.Module = Module;
  Module.prototype.require = function require(id) {
    return requireFrom(this, id);
  };

  // Where `require()` was called from: the first frame of the requiring file.
  function requiredAt(parent) {
    const stack = framesOf(new Error()) || '';
    const file = parent && parent.filename;
    for (const line of stack.split('\n')) {
      const m = /\((.*):(\d+):(\d+)\)\s*$/.exec(line);
      if (m && (!file || m[1] === file)) return { file: m[1], line: Number(m[2]), column: Number(m[3]) };
    }
    return file ? { file, line: null, column: null } : null;
  }

  function unsupported(what, parent, reason) {
    const at = requiredAt(parent);
    const where = at ? ` (required at ${at.file}${at.line ? ':' + at.line : ''})` : '';
    const err = nodeError(Error, 'ERR_SEQMIG_UNSUPPORTED_MODULE', `seqmig cannot load ${what}${where}: ${reason}`);
    hide(err, 'seqmigRequiredAt', at);
    return err;
  }

  function loadBuiltin(name, parent) {
    if (name === 'sequelize') {
      if (!seqmig.Sequelize) throw unsupported("'sequelize'", parent, 'the Sequelize shim is not loaded');
      return seqmig.Sequelize;
    }
    const bare = name.startsWith('node:') ? name.slice(5) : name;
    if (bare === 'module') return Module;
    if (Object.prototype.hasOwnProperty.call(builtins, bare) && builtins[bare] !== undefined) return builtins[bare];
    if (UNSUPPORTED.includes(bare) || BUILTIN_NAMES.includes(bare)) {
      throw unsupported(`the Node built-in module '${bare}'`, parent, 'seqmig runs migrations without Node and does not provide it');
    }
    if (name.startsWith('node:')) {
      throw nodeError(Error, 'ERR_UNKNOWN_BUILTIN_MODULE', `No such built-in module: ${name}`);
    }
    return undefined;
  }
  function isBuiltinRequest(request) {
    if (request === 'sequelize' || request.startsWith('node:')) return true;
    return BUILTIN_NAMES.includes(request) || UNSUPPORTED.includes(request) || request === 'module';
  }

  function tryFile(p) {
    return native.fsKind(p) === 'file' ? realpath(p) : null;
  }
  function realpath(p) {
    try {
      return native.fsRealpath(p);
    } catch (_) {
      return p;
    }
  }
  const EXTENSIONS = ['.js', '.json', '.node', '.cjs'];
  function tryExtensions(p) {
    for (const ext of EXTENSIONS) {
      const f = tryFile(p + ext);
      if (f) return f;
    }
    return null;
  }
  function readPackage(dir) {
    const file = dir + '/package.json';
    if (native.fsKind(file) !== 'file') return null;
    try {
      return JSON.parse(native.fsRead(file, false));
    } catch (e) {
      e.path = file;
      e.message = 'Error parsing ' + file + ': ' + e.message;
      throw e;
    }
  }
  function tryDirectory(dir, request) {
    const pkg = readPackage(dir);
    if (pkg && typeof pkg.main === 'string' && pkg.main) {
      const m = pathMod().resolve(dir, pkg.main);
      const f = tryFile(m) || tryExtensions(m) || tryExtensions(m + '/index');
      if (f) return f;
      const idx = tryExtensions(dir + '/index');
      if (idx) return idx;
      throw nodeError(Error, 'MODULE_NOT_FOUND', `Cannot find module '${m}'. Please verify that the package.json has a valid "main" entry`, {
        path: dir + '/package.json',
        requestPath: request,
      });
    }
    return tryExtensions(dir + '/index');
  }
  function resolveAt(base, request) {
    return tryFile(base) || tryExtensions(base) || (native.fsKind(base) === 'dir' ? tryDirectory(base, request) : null);
  }
  // `exports` of a package, for the simple forms: a string, or "." as string/conditions.
  function resolveExports(pkgDir, pkg, subpath) {
    let target = pkg.exports;
    if (target === undefined || target === null) return null;
    if (typeof target === 'object' && !Array.isArray(target) && Object.keys(target).some((k) => k.startsWith('.'))) {
      target = target[subpath];
    } else if (subpath !== '.') return null;
    while (target && typeof target === 'object' && !Array.isArray(target)) {
      target = target.require ?? target.node ?? target.default;
    }
    if (typeof target !== 'string') return null;
    return tryFile(pathMod().resolve(pkgDir, target));
  }

  function resolveFilename(request, parent, options) {
    if (typeof request !== 'string') {
      throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "id" argument must be of type string. Received ${describeReceived(request)}`);
    }
    if (request === '') throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', "The argument 'id' must be a non-empty string. Received ''");
    if (isBuiltinRequest(request)) return request;
    const path = pathMod();
    const parentDir = parent && parent.filename ? path.dirname(parent.filename) : native.cwd();
    let found = null;
    if (request.startsWith('./') || request.startsWith('../') || request === '.' || request === '..' || request.startsWith('/')) {
      const base = path.resolve(parentDir, request);
      found = resolveAt(base, request);
      if (!found && request.endsWith('/')) found = tryDirectory(base, request);
    } else {
      const dirs = options && Array.isArray(options.paths) ? options.paths.flatMap((p) => nodeModulePaths(p)) : (parent && parent.paths && parent.paths.length ? parent.paths : nodeModulePaths(parentDir));
      const m = /^((?:@[^/]+\/)?[^/]+)(\/.*)?$/.exec(request);
      for (const dir of dirs) {
        if (m) {
          const pkgDir = dir + '/' + m[1];
          const pkg = native.fsKind(pkgDir) === 'dir' ? readPackage(pkgDir) : null;
          if (pkg && pkg.exports !== undefined) {
            const viaExports = resolveExports(pkgDir, pkg, m[2] ? '.' + m[2] : '.');
            if (viaExports) {
              found = viaExports;
              break;
            }
          }
        }
        found = resolveAt(dir + '/' + request, request);
        if (found) break;
      }
    }
    if (!found) {
      const stack = [];
      for (let p = parent; p && p.filename; p = p.parent) stack.push(p.filename);
      const suffix = stack.length ? '\nRequire stack:\n- ' + stack.join('\n- ') : '';
      const err = nodeError(Error, 'MODULE_NOT_FOUND', `Cannot find module '${request}'${suffix}`, { requireStack: stack });
      hide(err, 'seqmigRequiredAt', requiredAt(parent));
      throw err;
    }
    return found;
  }

  function makeRequire(mod) {
    function require(id) {
      return mod.require(id);
    }
    function resolve(request, options) {
      return resolveFilename(request, mod, options);
    }
    resolve.paths = (request) => (isBuiltinRequest(request) ? null : nodeModulePaths(mod.path || native.cwd()));
    require.resolve = resolve;
    require.cache = Module._cache;
    require.extensions = Module._extensions;
    require.main = mainModule;
    return require;
  }

  Module._extensions['.js'] = function (mod, filename) {
    const source = native.fsRead(filename, false);
    if (filename.endsWith('.mjs')) {
      throw nodeError(Error, 'ERR_REQUIRE_ESM', `require() of ES Module ${filename} not supported.`);
    }
    const wrapper = native.compile(source, filename);
    compiled.add(filename);
    const path = pathMod();
    wrapper.call(mod.exports, mod.exports, makeRequire(mod), mod, filename, path.dirname(filename));
  };
  Module._extensions['.cjs'] = Module._extensions['.js'];
  Module._extensions['.json'] = function (mod, filename) {
    const source = native.fsRead(filename, false).replace(/^\uFEFF/, '');
    try {
      mod.exports = JSON.parse(source);
    } catch (e) {
      e.message = filename + ': ' + e.message;
      throw e;
    }
  };
  Module._extensions['.node'] = function (mod, filename) {
    throw unsupported(`the native addon '${filename}'`, mod.parent, 'native (.node) modules need Node');
  };

  function loadFile(filename, parent) {
    const cached = Module._cache[filename];
    if (cached) {
      if (parent && parent.children && !parent.children.includes(cached)) parent.children.push(cached);
      return cached.exports;
    }
    const mod = new Module(filename, parent);
    mod.filename = filename;
    mod.paths = nodeModulePaths(pathMod().dirname(filename));
    Module._cache[filename] = mod;
    let ok = false;
    try {
      const ext = pathMod().extname(filename);
      const handler = Module._extensions[ext] || Module._extensions['.js'];
      handler(mod, filename);
      ok = true;
    } finally {
      if (!ok) {
        delete Module._cache[filename];
        if (parent && parent.children) {
          const i = parent.children.indexOf(mod);
          if (i >= 0) parent.children.splice(i, 1);
        }
      }
    }
    mod.loaded = true;
    return mod.exports;
  }

  function requireFrom(parent, request) {
    const filename = resolveFilename(request, parent);
    if (isBuiltinRequest(filename)) {
      const b = loadBuiltin(filename, parent);
      if (b !== undefined) return b;
    }
    return loadFile(filename, parent);
  }

  // The module seqmig itself requires from: cwd-based, like a REPL. `require.main` is a
  // sentinel so that `require.main === module` is false, as under sequelize-cli.
  const mainModule = new Module('.', null);
  mainModule.filename = null;
  mainModule.paths = [];

  Module.createRequire = function createRequire(filename) {
    const f = String(filename).replace(/^file:\/\//, '');
    const mod = new Module(f, null);
    mod.filename = f;
    mod.paths = nodeModulePaths(pathMod().dirname(f));
    return makeRequire(mod);
  };
  Module.prototype._compile = function (content, filename) {
    const wrapper = native.compile(content, filename);
    compiled.add(filename);
    return wrapper.call(this.exports, this.exports, makeRequire(this), this, filename, pathMod().dirname(filename));
  };
  hide(seqmig, 'Module', Module);

  let lastResolved = null;
  host.requireMain = function requireMain(absPath) {
    mainModule.paths = nodeModulePaths(native.cwd());
    const filename = resolveFilename(absPath, mainModule);
    lastResolved = filename;
    return loadFile(filename, null);
  };
  host.resolvedMain = () => lastResolved;
  host.loadValue = async function loadValue(absPath) {
    let value = host.requireMain(absPath);
    if (value && typeof value === 'object' && value.__esModule && 'default' in value) value = value.default;
    if (typeof value === 'function') value = value();
    return await value;
  };
})();
