// node:util: format/inspect close to Node's output for the values migrations log,
// promisify/callbackify, inherits, deprecate, isDeepStrictEqual and util.types.
'use strict';
(function () {
  const seqmig = globalThis.__seqmig;
  const builtins = seqmig.builtins;

  const customInspect = Symbol.for('nodejs.util.inspect.custom');
  const promisifyCustom = Symbol.for('nodejs.util.promisify.custom');
  const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

  function quote(s) {
    if (!s.includes("'")) return `'${escape(s)}'`;
    if (!s.includes('"')) return `"${escape(s)}"`;
    if (!s.includes('`') && !s.includes('${')) return `\`${escape(s)}\``;
    return `'${escape(s).replace(/'/g, "\\'")}'`;
  }
  function escape(s) {
    return s.replace(/[\\\n\t\r\b\f\v\x00-\x1f]/g, (c) => {
      const m = { '\\': '\\\\', '\n': '\\n', '\t': '\\t', '\r': '\\r', '\b': '\\b', '\f': '\\f', '\v': '\\v' }[c];
      return m || '\\x' + c.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase();
    });
  }
  function fnName(f) {
    const src = Function.prototype.toString.call(f);
    const kind = /^class\b/.test(src) ? 'class' : f.constructor && f.constructor.name === 'AsyncFunction' ? 'AsyncFunction' : f.constructor && f.constructor.name === 'GeneratorFunction' ? 'GeneratorFunction' : 'Function';
    if (kind === 'class') return `[class ${f.name || '(anonymous)'}]`;
    return f.name ? `[${kind}: ${f.name}]` : `[${kind} (anonymous)]`;
  }
  function keyString(k) {
    if (typeof k === 'symbol') return `[${k.toString()}]`;
    return IDENT.test(k) ? k : quote(k);
  }
  function ctorName(obj) {
    const proto = Object.getPrototypeOf(obj);
    if (proto === null) return '[Object: null prototype]';
    const c = proto.constructor;
    return c && typeof c.name === 'string' ? c.name : 'Object';
  }

  function inspect(value, opts) {
    if (typeof opts !== 'object' || opts === null) opts = {};
    const ctx = {
      depth: opts.depth === undefined ? 2 : opts.depth === null ? Infinity : opts.depth,
      seen: [],
      circular: new Map(),
      breakLength: opts.breakLength || 80,
      compact: opts.compact === undefined ? 3 : opts.compact,
      showHidden: !!opts.showHidden,
      sorted: !!opts.sorted,
    };
    return formatValue(ctx, value, 0, false);
  }

  function formatPrimitive(v, nested) {
    switch (typeof v) {
      case 'string':
        return nested ? quote(v) : quote(v);
      case 'number':
        return Object.is(v, -0) ? '-0' : String(v);
      case 'bigint':
        return `${v}n`;
      case 'boolean':
        return String(v);
      case 'undefined':
        return 'undefined';
      case 'symbol':
        return v.toString();
    }
    return String(v);
  }

  function formatValue(ctx, value, level, nested) {
    if (value === null) return 'null';
    if (typeof value !== 'object' && typeof value !== 'function') return formatPrimitive(value, nested);
    if (value[customInspect] && typeof value[customInspect] === 'function' && value[customInspect] !== inspect) {
      const r = value[customInspect](ctx.depth - level, { depth: ctx.depth, stylize: (s) => s }, inspect);
      if (r !== value) return typeof r === 'string' ? r : formatValue(ctx, r, level, nested);
    }
    if (ctx.seen.includes(value)) {
      if (!ctx.circular.has(value)) ctx.circular.set(value, ctx.circular.size + 1);
      return `[Circular *${ctx.circular.get(value)}]`;
    }
    let base = '';
    let braces = ['{', '}'];
    let entries = [];
    let keys = Object.keys(value);
    if (ctx.showHidden) keys = Object.getOwnPropertyNames(value);
    keys = keys.concat(Object.getOwnPropertySymbols(value).filter((s) => Object.prototype.propertyIsEnumerable.call(value, s)));
    const name = ctorName(value);
    if (typeof value === 'function') {
      base = fnName(value);
      keys = keys.filter((k) => k !== 'prototype');
      if (keys.length === 0) return base;
    } else if (Array.isArray(value)) {
      braces = name === 'Array' ? ['[', ']'] : [`${name}(${value.length}) [`, ']'];
      keys = keys.filter((k) => typeof k === 'symbol' || !/^\d+$/.test(k));
    } else if (value instanceof Date) {
      base = isNaN(value) ? 'Invalid Date' : value.toISOString();
      if (keys.length === 0) return base;
    } else if (value instanceof RegExp) {
      base = RegExp.prototype.toString.call(value);
      if (keys.length === 0) return base;
    } else if (value instanceof Error) {
      base = typeof value.stack === 'string' && value.stack ? value.stack : Error.prototype.toString.call(value);
      keys = keys.filter((k) => k !== 'stack' && k !== 'message');
      if (keys.length === 0) return nested ? `[${base}]`.replace(/^\[([^\n]*)\n[\s\S]*\]$/, '$&') : base;
    } else if (value instanceof Map) {
      braces = [`Map(${value.size}) {`, '}'];
    } else if (value instanceof Set) {
      braces = [`Set(${value.size}) {`, '}'];
    } else if (value instanceof Promise) {
      braces = ['Promise {', '}'];
    } else if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
      const n = builtins.buffer && builtins.buffer.Buffer && builtins.buffer.Buffer.isBuffer(value) ? 'Buffer' : name;
      if (n === 'Buffer') {
        const hex = Array.from(value.subarray(0, 50), (b) => b.toString(16).padStart(2, '0')).join(' ');
        return `<Buffer${hex ? ' ' + hex : ''}${value.length > 50 ? ` ... ${value.length - 50} more bytes` : ''}>`;
      }
      braces = [`${n}(${value.length}) [`, ']'];
      keys = keys.filter((k) => typeof k === 'symbol' || !/^\d+$/.test(k));
    } else if (value instanceof Number || value instanceof String || value instanceof Boolean) {
      base = `[${name}: ${formatPrimitive(value.valueOf(), true)}]`;
      if (value instanceof String) keys = keys.filter((k) => !/^\d+$/.test(k));
      if (keys.length === 0) return base;
    } else if (name !== 'Object') {
      braces = [`${name} {`, '}'];
    }
    if (level > ctx.depth) {
      if (Array.isArray(value)) return '[Array]';
      return `[${name === '[Object: null prototype]' ? 'Object: null prototype' : name}]`;
    }
    ctx.seen.push(value);
    try {
      if (Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView))) {
        const max = Math.min(value.length, 100);
        let holes = 0;
        for (let i = 0; i < max; i++) {
          if (!Object.prototype.hasOwnProperty.call(value, i) && Array.isArray(value)) {
            holes++;
            continue;
          }
          if (holes) {
            entries.push(`<${holes} empty item${holes > 1 ? 's' : ''}>`);
            holes = 0;
          }
          entries.push(formatValue(ctx, value[i], level + 1, true));
        }
        if (holes) entries.push(`<${holes} empty item${holes > 1 ? 's' : ''}>`);
        if (value.length > max) entries.push(`... ${value.length - max} more item${value.length - max > 1 ? 's' : ''}`);
      } else if (value instanceof Map) {
        for (const [k, v] of value) entries.push(`${formatValue(ctx, k, level + 1, true)} => ${formatValue(ctx, v, level + 1, true)}`);
      } else if (value instanceof Set) {
        for (const v of value) entries.push(formatValue(ctx, v, level + 1, true));
      }
      if (ctx.sorted) keys.sort();
      for (const k of keys) {
        let desc = Object.getOwnPropertyDescriptor(value, k);
        let shown;
        if (desc && (desc.get || desc.set)) shown = desc.get && desc.set ? '[Getter/Setter]' : desc.get ? '[Getter]' : '[Setter]';
        else shown = formatValue(ctx, value[k], level + 1, true);
        entries.push(`${keyString(k)}: ${shown}`);
      }
    } finally {
      ctx.seen.pop();
    }
    let prefix = ctx.circular.has(value) ? `<ref *${ctx.circular.get(value)}> ` : '';
    if (base) {
      if (entries.length === 0) return prefix + base;
      braces = [`${base} {`, '}'];
      if (value instanceof Error) braces[0] = `${base} {`;
    }
    if (entries.length === 0) {
      if (braces[0] === '{') return prefix + '{}';
      if (braces[0] === '[') return prefix + '[]';
      return prefix + `${braces[0]}${braces[1]}`;
    }
    const oneLine = `${braces[0]} ${entries.join(', ')} ${braces[1]}`;
    const totalLength = entries.reduce((n, e) => n + e.length, 0) + entries.length;
    if (!entries.some((e) => e.includes('\n')) && totalLength + braces[0].length + level * 2 <= ctx.breakLength - 8 && (ctx.compact === true || entries.length <= 6 || Array.isArray(value) || totalLength < 60)) {
      return prefix + oneLine;
    }
    const indent = '  ';
    const body = entries.map((e) => indent + e.replace(/\n/g, '\n' + indent)).join(',\n');
    return `${prefix}${braces[0]}\n${body}\n${braces[1]}`;
  }
  inspect.custom = customInspect;
  inspect.defaultOptions = { depth: 2, colors: false, showHidden: false };

  function format(...args) {
    return formatWithOptions({}, ...args);
  }
  function formatWithOptions(opts, ...args) {
    if (args.length === 0) return '';
    const first = args[0];
    let out = '';
    let a = 1;
    if (typeof first === 'string') {
      if (args.length === 1) return first;
      let last = 0;
      for (let i = 0; i < first.length - 1; i++) {
        if (first.charCodeAt(i) !== 37) continue;
        const c = first[i + 1];
        let rep;
        if (c === '%') {
          out += first.slice(last, i) + '%';
          last = i + 2;
          i++;
          continue;
        }
        if (a >= args.length) continue;
        const arg = args[a];
        switch (c) {
          case 's':
            if (typeof arg === 'bigint') rep = `${arg}n`;
            else if (typeof arg === 'object' && arg !== null && !(arg instanceof Error) && !hasOwnToString(arg)) rep = inspect(arg, Object.assign({}, opts, { depth: 0 }));
            else if (typeof arg === 'symbol') rep = arg.toString();
            else if (arg instanceof Error) rep = arg.stack || String(arg);
            else rep = Object.is(arg, -0) ? '-0' : String(arg);
            break;
          case 'd':
          case 'i':
            if (typeof arg === 'bigint') rep = `${arg}n`;
            else if (typeof arg === 'symbol') rep = 'NaN';
            else rep = String(c === 'i' ? parseInt(arg) : Number(arg));
            break;
          case 'f':
            rep = typeof arg === 'symbol' ? 'NaN' : String(parseFloat(arg));
            break;
          case 'j':
            try {
              rep = JSON.stringify(arg);
            } catch (e) {
              rep = '[Circular]';
            }
            break;
          case 'o':
            rep = inspect(arg, Object.assign({}, opts, { showHidden: true, depth: 4 }));
            break;
          case 'O':
            rep = inspect(arg, opts);
            break;
          case 'c':
            rep = '';
            break;
          default:
            continue;
        }
        out += first.slice(last, i) + rep;
        last = i + 2;
        i++;
        a++;
      }
      out += first.slice(last);
    } else {
      out = typeof first === 'string' ? first : inspect(first, opts);
    }
    for (; a < args.length; a++) {
      const v = args[a];
      out += ' ' + (typeof v === 'string' ? v : inspect(v, opts));
    }
    return out;
  }
  function hasOwnToString(obj) {
    for (let p = obj; p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
      if (Object.prototype.hasOwnProperty.call(p, 'toString')) return true;
    }
    return false;
  }

  function promisify(original) {
    if (typeof original !== 'function') {
      const err = new TypeError(`The "original" argument must be of type function. Received ${seqmig.describeReceived(original)}`);
      err.code = 'ERR_INVALID_ARG_TYPE';
      throw err;
    }
    if (original[promisifyCustom]) {
      const fn = original[promisifyCustom];
      return Object.defineProperty(fn, promisifyCustom, { value: fn, configurable: true });
    }
    function fn(...args) {
      return new Promise((resolve, reject) => {
        Reflect.apply(original, this, [
          ...args,
          (err, ...values) => {
            if (err) return reject(err);
            resolve(values.length > 1 ? values : values[0]);
          },
        ]);
      });
    }
    Object.setPrototypeOf(fn, Object.getPrototypeOf(original));
    Object.defineProperty(fn, promisifyCustom, { value: fn, configurable: true });
    return Object.defineProperties(fn, Object.getOwnPropertyDescriptors(original));
  }
  promisify.custom = promisifyCustom;

  function callbackify(original) {
    return function (...args) {
      const cb = args.pop();
      Promise.resolve()
        .then(() => original.apply(this, args))
        .then(
          (v) => globalThis.process.nextTick(cb, null, v),
          (e) => {
            if (!e) {
              const wrapped = new Error('Promise was rejected with a falsy value');
              wrapped.reason = e;
              e = wrapped;
            }
            globalThis.process.nextTick(cb, e);
          },
        );
    };
  }

  function inherits(ctor, superCtor) {
    Object.defineProperty(ctor, 'super_', { value: superCtor, writable: true, configurable: true });
    Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
  }

  const warned = new Set();
  function deprecate(fn, msg, code) {
    function deprecated(...args) {
      const key = code || msg;
      if (!warned.has(key)) {
        warned.add(key);
        globalThis.process.emitWarning(msg, 'DeprecationWarning', code);
      }
      return new.target ? Reflect.construct(fn, args, new.target) : fn.apply(this, args);
    }
    Object.setPrototypeOf(deprecated, fn);
    return deprecated;
  }

  function isDeepStrictEqual(a, b, seen = []) {
    if (Object.is(a, b)) return true;
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
    if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
    if (Object.prototype.toString.call(a) !== Object.prototype.toString.call(b)) return false;
    for (const [x, y] of seen) if (x === a && y === b) return true;
    seen = seen.concat([[a, b]]);
    if (a instanceof Date) return Object.is(a.getTime(), b.getTime());
    if (a instanceof RegExp) return String(a) === String(b) && a.lastIndex === b.lastIndex;
    if (a instanceof Number || a instanceof String || a instanceof Boolean) return Object.is(a.valueOf(), b.valueOf());
    if (a instanceof Error && (a.message !== b.message || a.name !== b.name)) return false;
    if (ArrayBuffer.isView(a)) {
      if (a.length !== b.length) return false;
      for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
    }
    if (a instanceof Map) {
      if (a.size !== b.size) return false;
      for (const [k, v] of a) if (!b.has(k) || !isDeepStrictEqual(v, b.get(k), seen)) return false;
    }
    if (a instanceof Set) {
      if (a.size !== b.size) return false;
      outer: for (const v of a) {
        if (b.has(v)) continue;
        if (typeof v === 'object' && v !== null) {
          for (const w of b) if (isDeepStrictEqual(v, w, seen)) continue outer;
        }
        return false;
      }
    }
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    if (ka.length !== kb.length) return false;
    for (const k of ka) {
      if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
      if (!isDeepStrictEqual(a[k], b[k], seen)) return false;
    }
    const sa = Object.getOwnPropertySymbols(a).filter((s) => Object.prototype.propertyIsEnumerable.call(a, s));
    const sb = Object.getOwnPropertySymbols(b).filter((s) => Object.prototype.propertyIsEnumerable.call(b, s));
    if (sa.length !== sb.length) return false;
    for (const s of sa) if (!isDeepStrictEqual(a[s], b[s], seen)) return false;
    return true;
  }

  const tag = (v) => Object.prototype.toString.call(v).slice(8, -1);
  const types = {
    isDate: (v) => v instanceof Date,
    isRegExp: (v) => v instanceof RegExp,
    isPromise: (v) => v instanceof Promise,
    isMap: (v) => v instanceof Map,
    isSet: (v) => v instanceof Set,
    isWeakMap: (v) => v instanceof WeakMap,
    isWeakSet: (v) => v instanceof WeakSet,
    isNativeError: (v) => v instanceof Error,
    isAsyncFunction: (v) => typeof v === 'function' && tag(v) === 'AsyncFunction',
    isGeneratorFunction: (v) => typeof v === 'function' && /^(Async)?GeneratorFunction$/.test(tag(v)),
    isGeneratorObject: (v) => tag(v) === 'Generator',
    isTypedArray: (v) => ArrayBuffer.isView(v) && !(v instanceof DataView),
    isUint8Array: (v) => v instanceof Uint8Array,
    isArrayBuffer: (v) => v instanceof ArrayBuffer,
    isAnyArrayBuffer: (v) => v instanceof ArrayBuffer || (typeof SharedArrayBuffer !== 'undefined' && v instanceof SharedArrayBuffer),
    isArrayBufferView: (v) => ArrayBuffer.isView(v),
    isDataView: (v) => v instanceof DataView,
    isBoxedPrimitive: (v) => v instanceof Number || v instanceof String || v instanceof Boolean || (typeof v === 'object' && v !== null && ['Symbol', 'BigInt'].includes(tag(v))),
    isProxy: () => false,
    isSymbolObject: (v) => typeof v === 'object' && v !== null && tag(v) === 'Symbol',
  };

  const util = {
    format,
    formatWithOptions,
    inspect,
    promisify,
    callbackify,
    inherits,
    deprecate,
    isDeepStrictEqual: (a, b) => isDeepStrictEqual(a, b),
    types,
    isArray: Array.isArray,
    isBoolean: (v) => typeof v === 'boolean',
    isNull: (v) => v === null,
    isNullOrUndefined: (v) => v === null || v === undefined,
    isNumber: (v) => typeof v === 'number',
    isString: (v) => typeof v === 'string',
    isSymbol: (v) => typeof v === 'symbol',
    isUndefined: (v) => v === undefined,
    isRegExp: types.isDate && types.isRegExp,
    isObject: (v) => v !== null && typeof v === 'object',
    isDate: types.isDate,
    isError: types.isNativeError,
    isFunction: (v) => typeof v === 'function',
    isPrimitive: (v) => v === null || (typeof v !== 'object' && typeof v !== 'function'),
    stripVTControlCharacters: (s) => String(s).replace(/\u001b\[[0-9;]*[A-Za-z]/g, ''),
    toUSVString: (s) => String(s),
    debuglog: () => Object.assign(() => {}, { enabled: false }),
  };
  util.debug = util.debuglog;
  seqmig.builtins.util = util;
  seqmig.builtins['util/types'] = types;
})();
