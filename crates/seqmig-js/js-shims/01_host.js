// seqmig JS host: timers, process, console, the Error/Date
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
  // TypeScript is compiled (src/typescript.rs): its frames are mapped back to the .ts file.
  const tsFrame = /\((.*\.[cm]?ts):(\d+):(\d+)\)$/;
  function fixColumns(line) {
    const ts = tsFrame.exec(line);
    if (ts) {
      const p = native.tsPosition(ts[1], Number(ts[2]), Number(ts[3]));
      if (p) return line.slice(0, ts.index) + `(${ts[1]}:${p[0]}:${p[1]})`;
    }
    if (line.indexOf(':1:') < 0) return line;
    return line.replace(/\((.*):1:(\d+)\)$/, (all, file, col) => (compiled.has(file) ? `(${file}:1:${Math.max(1, col - wrapperLength)})` : all));
  }
  // V8's stack-trace API over Boa's frame text: call sites for Error.prepareStackTrace
  // (depd, http-errors, callsites and loggers read them) and Node's `Object.up` names.
  const FRAME = /^\s*at (.*?) \((.*)\)\s*$/;
  const MIGRATION_CALLER = /^\s*at runMigration \(js-shims\/55_run_migration\.js:/;
  // The frames as Node would name them: a migration's up/down is a method of its
  // exports object (`Object.up`), and Boa's natives (`apply (native)`) are not shown.
  function nodeFrames(frames) {
    const lines = String(frames).split('\n').filter((l) => l.trim() !== '' && !/\(native(?: at [^)]*)?\)\s*$/.test(l));
    for (let i = 0; i + 1 < lines.length; i++) {
      if (MIGRATION_CALLER.test(lines[i + 1])) lines[i] = lines[i].replace(/^(\s*at )(up|down) \(/, '$1Object.$2 (');
    }
    return lines.map(fixColumns);
  }
  function limited(lines) {
    const limit = Error.stackTraceLimit;
    if (typeof limit !== 'number' || !(limit >= 0)) return lines.length ? [] : lines;
    return lines.length > limit ? lines.slice(0, limit) : lines;
  }
  // What `err.stack` is: Error.prepareStackTrace's value when one is set (V8 calls it
  // once, at the first read), else Node's text. A prepareStackTrace that reads a stack
  // itself gets the text.
  let preparing = false;
  function formatStack(err, lines) {
    const prepare = Error.prepareStackTrace;
    if (typeof prepare === 'function' && !preparing) {
      preparing = true;
      try {
        loadShim('6f_node_callsites.js');
        return prepare(err, lines.map((l) => new seqmig.CallSite(l)));
      } finally {
        preparing = false;
      }
    }
    return [header(err)].concat(lines).join('\n');
  }
  hide(seqmig, 'nodeFrames', nodeFrames);
  if (stackDesc && stackDesc.get) {
    Object.defineProperty(Error.prototype, 'stack', {
      configurable: true,
      enumerable: false,
      get() {
        const frames = framesOf(this);
        if (frames === undefined) return undefined;
        const lines = limited(nodeFrames(frames));
        if (typeof Error.prepareStackTrace !== 'function' || preparing) return [header(this)].concat(lines).join('\n');
        const value = formatStack(this, lines);
        Object.defineProperty(this, 'stack', { value, writable: true, configurable: true, enumerable: false });
        return value;
      },
      set(v) {
        Object.defineProperty(this, 'stack', { value: v, writable: true, configurable: true, enumerable: false });
      },
    });
  }
  hide(Error, 'stackTraceLimit', 10);
  Error.stackTraceLimit = 10;
  const frameName = (line) => {
    const m = FRAME.exec(line);
    return m ? m[1].replace(/^.*\./, '') : null;
  };
  // V8: the frames above `fn`'s (and its own) are left out; Boa knows frames by name only.
  // When no frame has that name, all of them are kept (V8 would keep none), since a name
  // Boa spells differently should not cost a user the whole trace.
  hide(Error, 'captureStackTrace', function captureStackTrace(obj, fn) {
    if (obj === null || (typeof obj !== 'object' && typeof obj !== 'function')) {
      const err = new TypeError(`The "targetObject" argument must be of type object. Received ${describeReceived(obj)}`);
      err.code = 'ERR_INVALID_ARG_TYPE';
      throw err;
    }
    let lines = nodeFrames(framesOf(new Error()) || '').slice(1);
    if (typeof fn === 'function' && fn.name) {
      const i = lines.findIndex((l) => frameName(l) === fn.name);
      if (i >= 0) lines = lines.slice(i + 1);
    }
    lines = limited(lines);
    let value;
    let done = false;
    Object.defineProperty(obj, 'stack', {
      configurable: true,
      enumerable: false,
      get() {
        if (!done) {
          value = formatStack(obj, lines);
          done = true;
        }
        return value;
      },
      set(v) {
        value = v;
        done = true;
      },
    });
  });

  function nodeError(Ctor, code, message, props) {
    const err = new Ctor(message);
    err.code = code;
    if (props) Object.assign(err, props);
    return err;
  }
  hide(seqmig, 'nodeError', nodeError);

  // The first frame of a stack that points at user code (not a shim), as {file, line, column}.
  // `innermost`: only the frame that threw, and none when that is a shim's (an error
  // raised inside a shim is not placed on the user's line that called it).
  function userFrame(stack, innermost) {
    if (typeof stack !== 'string') return null;
    for (const line of stack.split('\n')) {
      const m = /\((.*):(\d+):(\d+)\)\s*$/.exec(line) || /^\s*at (.*):(\d+):(\d+)\s*$/.exec(line);
      if (!m) continue;
      if (m[1].startsWith('js-shims/') || m[1].indexOf('native') === 0) {
        if (innermost) return null;
        continue;
      }
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
  // The text of a frame's line, when the frame is in a file the loader compiled.
  function sourceLine(frame) {
    if (!frame || !compiled.has(frame.file)) return null;
    try {
      const text = native.fsRead(frame.file, false).split('\n')[frame.line - 1];
      return typeof text === 'string' ? text : null;
    } catch (_) {
      return null;
    }
  }
  function notAFunction(frame) {
    const text = sourceLine(frame);
    if (text === null) return null;
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

  // Boa says "cannot convert 'null' or 'undefined' to object" for every property read
  // on null or undefined; Node names the property ("Cannot read properties of undefined
  // (reading 'x')"), which is what tells a user what went wrong. Boa's position is the
  // property's name (or a computed key's start, or a native call's '(' as in
  // Object.keys(null)); the name is read back from the source there. Which of null and
  // undefined it was, the text cannot tell, so both are named.
  function nullAccess(frame) {
    const text = sourceLine(frame);
    if (text === null) return null;
    const idx = frame.column - 1;
    const before = text.slice(0, idx).trimEnd();
    const at = text.slice(idx);
    if (at[0] === '(') return 'Cannot convert undefined or null to object';
    // (An assignment to a property of nothing is positioned at the target's start, which
    // names nothing: it keeps Boa's text.)
    let name = null;
    const ident = /^[A-Za-z_$][\w$]*/.exec(at);
    if (ident && before.endsWith('.')) {
      name = ident[0];
    } else if (before.endsWith('[')) {
      const key = /^(?:'((?:\\.|[^'\\])*)'|"((?:\\.|[^"\\])*)"|(\d+))\s*\]/.exec(at);
      if (key) name = key[1] ?? key[2] ?? key[3];
    }
    if (name === null) return null;
    return `Cannot read properties of undefined or null (reading '${name}')`;
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
    // Boa's wording of two TypeErrors, reworded as Node's from the user's source.
    const reword = message === 'not a callable function' ? [notAFunction, false]
      : message === "cannot convert 'null' or 'undefined' to object" ? [nullAccess, true] : null;
    if (e instanceof TypeError && reword) {
      const frames = framesOf(e);
      const better = reword[0](userFrame(frames ? frames.split('\n').map(fixColumns).join('\n') : out.stack, reword[1]));
      if (better) {
        out.message = 'TypeError: ' + better;
        if (out.stack) out.stack = out.stack.replace(/^[^\n]*/, out.message);
        try {
          e.message = better;
        } catch (_) {}
      }
    }
    if (e instanceof ReferenceError && typeof message === 'string' && seqmig.esmScopeMessage) {
      const m = /^(\w+) is not defined$/.exec(message);
      const frames = framesOf(e);
      // Boa gives module top-level frames no position ("file:?:?"): the file is enough.
      const files = m ? String(frames || out.stack || '').split('\n').map((l) => /\((.*):(?:\d+|\?):(?:\d+|\?)\)\s*$/.exec(l)).filter((x) => x && !x[1].startsWith('js-shims/')) : [];
      const better = files.length ? seqmig.esmScopeMessage(m[1], files[0][1]) : null;
      if (better) {
        out.message = 'ReferenceError: ' + better;
        if (out.stack) out.stack = out.stack.replace(/^[^\n]*/, out.message);
      }
    }
    if (typeof e.seqmigFile === 'string') {
      out.kind = 'syntax';
      out.file = e.seqmigFile;
      out.line = e.seqmigLine ?? null;
      out.column = e.seqmigColumn ?? null;
    } else {
      if (['MODULE_NOT_FOUND', 'ERR_MODULE_NOT_FOUND', 'ERR_SEQMIG_UNSUPPORTED_MODULE', 'ERR_REQUIRE_ESM', 'ERR_REQUIRE_ASYNC_MODULE', 'ERR_UNKNOWN_BUILTIN_MODULE', 'ERR_PACKAGE_PATH_NOT_EXPORTED'].includes(e.code)) {
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
  // Which lazy shim provides which built-in modules and globals is declared once, in
  // crates/seqmig-js/src/shims.rs; so is the model group and its order.
  const manifest = native.shimManifest();
  for (const [file, mods, globals] of manifest.lazy) {
    for (const m of mods) lazy(builtins, m, file);
    for (const g of globals) if (!(g in globalThis)) lazy(globalThis, g, file);
  }
  hide(seqmig, 'loadShim', loadShim);
  // The model shims (70_*, 71_*) are a quarter of the shims' source and only a migration
  // that uses a model needs them: the names they define are accessors that evaluate all of
  // them, in order, on the first read. Like `lazy`, they stay accessors for good.
  const MODEL_SHIMS = manifest.model;
  function lazyModel(obj, name, enumerable) {
    let value;
    let has = false;
    Object.defineProperty(obj, name, {
      configurable: true,
      enumerable,
      get() {
        if (!has && !loaded.has(MODEL_SHIMS[0])) for (const file of MODEL_SHIMS) loadShim(file);
        return value;
      },
      set(v) {
        value = v;
        has = true;
      },
    });
  }
  hide(seqmig, 'lazyModel', lazyModel);
  // For the model shims: assign through the lazy accessor, or define a hidden property.
  function setLazy(obj, name, value) {
    const d = Object.getOwnPropertyDescriptor(obj, name);
    if (d && d.set) obj[name] = value;
    else hide(obj, name, value);
  }
  hide(seqmig, 'setLazy', setLazy);
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
  // Node's .env syntax (src/node_dotenv.cc), which dotenv's shares: `export` prefixes,
  // quotes (double quotes expand \n), values over several lines inside quotes, and
  // `#` comments after unquoted values.
  function parseEnv(text) {
    const out = {};
    const src = String(text).replace(/\r\n?/g, '\n');
    const line = /^\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\n]+)?\s*(?:#.*)?$/gm;
    let m;
    while ((m = line.exec(src)) !== null) {
      let value = (m[2] || '').trim();
      const q = value[0];
      value = value.replace(/^(['"`])([\s\S]*)\1$/, '$2');
      if (q === '"') value = value.replace(/\\n/g, '\n').replace(/\\r/g, '\r');
      out[m[1]] = value;
    }
    return out;
  }
  hide(seqmig, 'parseEnv', parseEnv);
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
    get pid() {
      return native.sysUser().pid;
    },
    get ppid() {
      return native.sysUser().ppid;
    },
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
    emitWarning(warning, type) {
      const text = typeof warning === 'string' ? `${type || 'Warning'}: ${warning}` : `${warning.name}: ${warning.message}`;
      native.write(2, `(node:1) ${text}\n`);
    },
    umask: () => 0o22,
    // Node 20.12+: read a .env file into process.env, never overriding what is set.
    loadEnvFile(path = './.env') {
      const text = native.fsRead(String(path), false);
      const parsed = parseEnv(text);
      for (const k of Object.keys(parsed)) if (!(k in env)) env[k] = parsed[k];
    },
  };
  // What Node's process has beyond the basics above (memory and resource figures, ids,
  // stdio, the calls seqmig refuses) is defined on first use by 6g_node_process.js.
  const PROCESS_LAZY = ['memoryUsage', 'constrainedMemory', 'availableMemory', 'resourceUsage', 'cpuUsage', 'getuid', 'geteuid', 'getgid', 'getegid', 'getgroups', 'kill', 'dlopen', 'binding', 'setUncaughtExceptionCaptureCallback', 'hasUncaughtExceptionCaptureCallback', 'features', 'config', 'allowedNodeEnvironmentFlags', 'report', 'stdout', 'stderr', 'stdin'];
  for (const m of PROCESS_LAZY) lazy(process, m, '6g_node_process.js');
  lazy(seqmig, 'cannotRun', '6g_node_process.js');
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

  // The loader lives in 68_node_module.js, evaluated on the first require.
  hide(seqmig, 'compiledFiles', compiled);
  hide(seqmig, 'framesOf', framesOf);
  lazy(seqmig, 'Module', '68_node_module.js');
  for (const name of ['requireMain', 'releaseMain', 'resolvedMain', 'resolvedMainIsEsm', 'loadValue', 'esmResolve', 'esmRecord']) {
    host[name] = function (...args) {
      loadShim('68_node_module.js');
      return host[name](...args);
    };
  }
})();
