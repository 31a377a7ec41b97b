// JS values ↔ the SqlValue / Where JSON of CONTRACTS.md §3: Dates, Buffers and the
// Sequelize helper objects become tagged objects on the way to Rust, and tagged
// cells become Dates and Buffers again on the way back.
(function () {
  'use strict';
  const seqmig = globalThis.__seqmig;
  const define = seqmig.define;
  const { Fn, Col, Cast, Literal, Json, Where } = seqmig.Utils;
  const DataTypes = seqmig.DataTypes;

  const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

  // Plain JS rather than Buffer: node:buffer is a later file and may not exist.
  function bytesToBase64(bytes) {
    let out = '';
    let i = 0;
    for (; i + 2 < bytes.length; i += 3) {
      const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
      out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63] + B64[n & 63];
    }
    const rest = bytes.length - i;
    if (rest === 1) {
      const n = bytes[i] << 16;
      out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63] + '==';
    } else if (rest === 2) {
      const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
      out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63] + '=';
    }
    return out;
  }

  function base64ToBytes(text) {
    const clean = String(text).replace(/[^A-Za-z0-9+/]/g, '');
    const bytes = new Uint8Array(Math.floor((clean.length * 3) / 4));
    let bits = 0;
    let acc = 0;
    let j = 0;
    for (let i = 0; i < clean.length; i++) {
      acc = (acc << 6) | B64.indexOf(clean[i]);
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        bytes[j++] = (acc >> bits) & 0xff;
      }
    }
    return bytes.subarray(0, j);
  }
  define(seqmig, 'bytesToBase64', bytesToBase64);
  define(seqmig, 'base64ToBytes', base64ToBytes);

  const isBytes = (v) =>
    v instanceof Uint8Array || v instanceof ArrayBuffer ||
    (typeof globalThis.Buffer === 'function' && typeof globalThis.Buffer.isBuffer === 'function' &&
      globalThis.Buffer.isBuffer(v));

  const isPlainObject = (v) => {
    if (v === null || typeof v !== 'object') return false;
    const proto = Object.getPrototypeOf(v);
    return proto === Object.prototype || proto === null;
  };
  define(seqmig, 'isPlainObject', isPlainObject);

  const isSpecialDefault = (v, cls) => v === cls || v instanceof cls;

  // One SqlValue. `inWhere` keeps walking plain objects (operators and nested
  // conditions) instead of treating them as JSON documents.
  function toSqlValue(v) {
    if (v === undefined || v === null) return null;
    switch (typeof v) {
      case 'boolean':
      case 'string':
        return v;
      case 'number':
        // JSON has no NaN/Infinity; Sequelize writes them as these words.
        return Number.isFinite(v) ? v : String(v);
      case 'bigint':
        return String(v);
      case 'symbol':
        throw new TypeError(`Invalid value ${String(v)}`);
      default:
        break;
    }
    if (isSpecialDefault(v, DataTypes.NOW)) return { $seqmig: 'now' };
    if (isSpecialDefault(v, DataTypes.UUIDV4)) return { $seqmig: 'uuidv4' };
    if (isSpecialDefault(v, DataTypes.UUIDV1)) return { $seqmig: 'uuidv1' };
    if (v instanceof Date) {
      const ms = v.getTime();
      return { $seqmig: 'date', ms: Number.isNaN(ms) ? null : ms };
    }
    if (isBytes(v)) {
      const bytes = v instanceof ArrayBuffer ? new Uint8Array(v) : v;
      return { $seqmig: 'buffer', base64: bytesToBase64(bytes) };
    }
    if (v instanceof Literal) return { $seqmig: 'literal', val: String(v.val) };
    if (v instanceof Fn) {
      return { $seqmig: 'fn', fn: v.fn, args: (v.args || []).map(toWhereValue) };
    }
    // col('a', 'b') holds an array; Sequelize quotes it as a dotted path.
    if (v instanceof Col) return { $seqmig: 'col', col: Array.isArray(v.col) ? v.col.join('.') : String(v.col) };
    if (v instanceof Cast) return { $seqmig: 'cast', val: toWhereValue(v.val), type: v.type };
    if (v instanceof Where) {
      return {
        $seqmig: 'where',
        attribute: toWhereValue(v.attribute),
        comparator: typeof v.comparator === 'symbol' ? opKey(v.comparator) : v.comparator,
        logic: toWhere(v.logic),
      };
    }
    if (v instanceof Json) {
      if (v.conditions !== undefined) return { $seqmig: 'json', conditions: toWhere(v.conditions) };
      const out = { $seqmig: 'json', path: v.path };
      if (v.value !== undefined) out.value = toSqlValue(v.value);
      return out;
    }
    if (Array.isArray(v)) return v.map(toSqlValue);
    if (typeof v === 'function') throw new TypeError(`Invalid value ${String(v.name || 'function')}`);
    // A JSON document, stored as JSON.stringify would write it (Dates as ISO strings).
    const text = JSON.stringify(v);
    return text === undefined ? null : JSON.parse(text);
  }
  define(seqmig, 'toSqlValue', toSqlValue);

  function opKey(sym) {
    const name = Symbol.keyFor(sym);
    if (name === undefined) throw new Error(`Invalid value ${String(sym)}`);
    return `__op:${name}`;
  }

  // A value inside a where or a fn argument: plain objects may hold operators.
  function toWhereValue(v) {
    if (Array.isArray(v)) return v.map(toWhereValue);
    if (isPlainObject(v)) return toWhere(v);
    return toSqlValue(v);
  }

  // A where object with every Op symbol key as "__op:<name>".
  function toWhere(where) {
    if (where === undefined || where === null) return null;
    if (Array.isArray(where)) return where.map(toWhereValue);
    if (!isPlainObject(where)) return toSqlValue(where);
    const out = {};
    for (const key of Object.keys(where)) {
      if (where[key] === undefined) continue;
      out[key] = toWhereValue(where[key]);
    }
    // Sequelize reads only its own operators (utils.getOperators); other symbols are ignored.
    for (const sym of Object.getOwnPropertySymbols(where)) {
      if (seqmig.isOperator(sym)) out[opKey(sym)] = toWhereValue(where[sym]);
    }
    return out;
  }
  define(seqmig, 'toWhere', toWhere);
  define(seqmig, 'toWhereValue', toWhereValue);

  function makeBuffer(base64) {
    const bytes = base64ToBytes(base64);
    const B = globalThis.Buffer;
    if (typeof B === 'function' && typeof B.from === 'function') {
      return B.from(bytes.buffer, bytes.byteOffset, bytes.length);
    }
    return bytes;
  }

  // A driver's own object (the mariadb connector's ColumnDef, ...): its properties on an
  // instance of an empty class of that name, so util.inspect names it as Node would.
  const driverClasses = new Map();
  // The mariadb connector's ColumnDef reads its names from the packet it keeps.
  function packetString(def, key) {
    const p = def._parse;
    const start = p[`${key}Offset`];
    return p.packet.buf.toString('utf8', start, start + p[`${key}Length`]);
  }
  const driverMethods = {
    ColumnDef: {
      db() { return packetString(this, 'db'); },
      schema() { return packetString(this, 'db'); },
      table() { return packetString(this, 'table'); },
      orgTable() { return packetString(this, 'orgTable'); },
      name() { return packetString(this, 'name'); },
      orgName() { return packetString(this, 'orgName'); },
    },
  };
  function instanceOf(name, props) {
    let C = driverClasses.get(name);
    if (!C) {
      C = { [name]: class {} }[name];
      for (const [method, fn] of Object.entries(driverMethods[name] || {})) {
        Object.defineProperty(C.prototype, method, { value: fn, writable: true, configurable: true });
      }
      driverClasses.set(name, C);
    }
    const o = Object.create(C.prototype);
    for (const key of Object.keys(props || {})) o[key] = revive(props[key]);
    return o;
  }

  // Results from Rust: tagged dates and buffers become objects again.
  function revive(value) {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const v = value[i];
        // mysql's `[data, data]`: one object twice.
        if (i > 0 && v !== null && typeof v === 'object' && v.$seqmig === 'previous') value[i] = value[i - 1];
        else value[i] = revive(v);
      }
      return value;
    }
    if (value === null || typeof value !== 'object') return value;
    if (typeof value.$seqmig === 'string') {
      if (value.$seqmig === 'date') return new Date(value.ms === null ? NaN : value.ms);
      if (value.$seqmig === 'buffer') return makeBuffer(value.base64);
      if (value.$seqmig === 'undefined') return undefined;
      if (value.$seqmig === 'instance') return instanceOf(value.class, value.props);
      if (value.$seqmig === 'array') {
        // An array with properties of its own (the mariadb connector's rows and `meta`).
        const list = revive(value.items || []);
        for (const key of Object.keys(value.props || {})) list[key] = revive(value.props[key]);
        return list;
      }
    }
    const keys = Object.keys(value);
    for (let i = 0; i < keys.length; i++) value[keys[i]] = revive(value[keys[i]]);
    return value;
  }
  define(seqmig, 'revive', revive);
})();
