// seqmig JS host: Error stacks as Node's (`Name: message` and the frames, columns of
// wrapped and TypeScript files mapped back, `Object.up` names), Error.stackTraceLimit,
// Error.captureStackTrace and Error.prepareStackTrace over Boa's frame text.
'use strict';
(function () {
  const native = globalThis.__seqmig_native;
  const seqmig = globalThis.__seqmig;
  function hide(obj, name, value) {
    Object.defineProperty(obj, name, { value, writable: true, configurable: true, enumerable: false });
  }

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
        seqmig.loadShim('6f_node_callsites.js');
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
      const err = new TypeError(`The "targetObject" argument must be of type object. Received ${seqmig.describeReceived(obj)}`);
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
  // For the other host files and the lazy shims (68_node_module.js, 6f_node_callsites.js).
  hide(seqmig, 'compiledFiles', compiled);
  hide(seqmig, 'framesOf', framesOf);
  hide(seqmig, 'errorHeader', header);
  hide(seqmig, 'fixColumns', fixColumns);
  hide(seqmig, 'limitFrames', limitFrames);
})();
