// seqmig JS host: an error as Rust reads it (`host.describeError`, see
// crates/seqmig-js/src/error.rs): the user's frame, Boa's wording of two TypeErrors
// reworded as Node's from the user's source, a plain copy of its properties.
'use strict';
(function () {
  const native = globalThis.__seqmig_native;
  const seqmig = globalThis.__seqmig;
  function hide(obj, name, value) {
    Object.defineProperty(obj, name, { value, writable: true, configurable: true, enumerable: false });
  }

  const builtins = seqmig.builtins;
  const host = seqmig.host;
  const { framesOf, fixColumns, compiledFiles: compiled } = seqmig;
  const header = seqmig.errorHeader;

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
})();
