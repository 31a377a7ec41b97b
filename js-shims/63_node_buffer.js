// node:buffer: Buffer as a Uint8Array subclass with the common encodings, plus
// TextEncoder/TextDecoder (Boa has neither). Natives exchange bytes as binary strings.
'use strict';
(function () {
  const seqmig = globalThis.__seqmig;

  function utf8Encode(str) {
    const out = [];
    for (let i = 0; i < str.length; i++) {
      let c = str.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < str.length) {
        const d = str.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          i++;
        } else c = 0xfffd;
      } else if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
      if (c < 0x80) out.push(c);
      else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
      else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
      else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    }
    return out;
  }
  function utf8Decode(bytes, start, end) {
    let s = '';
    const parts = [];
    let i = start;
    while (i < end) {
      const b = bytes[i];
      let cp = 0xfffd;
      let need = 0;
      if (b < 0x80) {
        cp = b;
      } else if (b >= 0xc2 && b < 0xe0) {
        need = 1;
        cp = b & 31;
      } else if (b >= 0xe0 && b < 0xf0) {
        need = 2;
        cp = b & 15;
      } else if (b >= 0xf0 && b < 0xf5) {
        need = 3;
        cp = b & 7;
      }
      i++;
      if (need) {
        let ok = true;
        let j = 0;
        for (; j < need; j++) {
          const nb = bytes[i + j];
          if (i + j >= end || (nb & 0xc0) !== 0x80) {
            ok = false;
            break;
          }
          cp = (cp << 6) | (nb & 63);
        }
        if (ok && ((need === 2 && cp < 0x800) || (need === 3 && (cp < 0x10000 || cp > 0x10ffff)) || (cp >= 0xd800 && cp <= 0xdfff))) ok = false;
        if (ok) i += need;
        else {
          cp = 0xfffd;
          i += Math.max(j, 0) || 0;
        }
      }
      if (cp > 0xffff) {
        cp -= 0x10000;
        s += String.fromCharCode(0xd800 + (cp >> 10), 0xdc00 + (cp & 1023));
      } else s += String.fromCharCode(cp);
      if (s.length > 8192) {
        parts.push(s);
        s = '';
      }
    }
    parts.push(s);
    return parts.join('');
  }

  const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const B64_LOOKUP = new Int16Array(256).fill(-1);
  for (let i = 0; i < 64; i++) B64_LOOKUP[B64.charCodeAt(i)] = i;
  B64_LOOKUP['-'.charCodeAt(0)] = 62;
  B64_LOOKUP['_'.charCodeAt(0)] = 63;
  function base64Encode(bytes, start, end, url) {
    let out = '';
    let i = start;
    for (; i + 2 < end; i += 3) {
      const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
      out += B64[n >> 18] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63] + B64[n & 63];
    }
    if (end - i === 1) {
      const n = bytes[i] << 16;
      out += B64[n >> 18] + B64[(n >> 12) & 63] + (url ? '' : '==');
    } else if (end - i === 2) {
      const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
      out += B64[n >> 18] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63] + (url ? '' : '=');
    }
    return url ? out.replace(/\+/g, '-').replace(/\//g, '_') : out;
  }
  function base64Decode(str) {
    const out = [];
    let acc = 0;
    let bits = 0;
    for (let i = 0; i < str.length; i++) {
      const c = str.charCodeAt(i);
      if (c === 61) break;
      const v = c < 256 ? B64_LOOKUP[c] : -1;
      if (v < 0) continue;
      acc = (acc << 6) | v;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out.push((acc >> bits) & 255);
      }
    }
    return out;
  }
  function hexDecode(str) {
    const out = [];
    for (let i = 0; i + 1 < str.length; i += 2) {
      const v = parseInt(str.substr(i, 2), 16);
      if (Number.isNaN(v)) break;
      out.push(v);
    }
    return out;
  }

  function normEncoding(enc) {
    if (enc === undefined || enc === null) return 'utf8';
    const e = String(enc).toLowerCase();
    switch (e) {
      case 'utf8':
      case 'utf-8':
        return 'utf8';
      case 'hex':
      case 'base64':
      case 'base64url':
      case 'ascii':
        return e;
      case 'latin1':
      case 'binary':
        return 'latin1';
      case 'ucs2':
      case 'ucs-2':
      case 'utf16le':
      case 'utf-16le':
        return 'utf16le';
    }
    const err = new TypeError(`Unknown encoding: ${enc}`);
    err.code = 'ERR_UNKNOWN_ENCODING';
    throw err;
  }
  function encode(str, enc) {
    switch (normEncoding(enc)) {
      case 'utf8':
        return utf8Encode(str);
      case 'hex':
        return hexDecode(str);
      case 'base64':
      case 'base64url':
        return base64Decode(str);
      case 'latin1':
      case 'ascii': {
        const out = new Array(str.length);
        for (let i = 0; i < str.length; i++) out[i] = str.charCodeAt(i) & 255;
        return out;
      }
      case 'utf16le': {
        const out = [];
        for (let i = 0; i < str.length; i++) {
          const c = str.charCodeAt(i);
          out.push(c & 255, c >> 8);
        }
        return out;
      }
    }
  }
  function decode(bytes, enc, start, end) {
    switch (normEncoding(enc)) {
      case 'utf8':
        return utf8Decode(bytes, start, end);
      case 'hex': {
        let s = '';
        for (let i = start; i < end; i++) s += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
        return s;
      }
      case 'base64':
        return base64Encode(bytes, start, end, false);
      case 'base64url':
        return base64Encode(bytes, start, end, true);
      case 'latin1':
        return binaryString(bytes, start, end);
      case 'ascii': {
        let s = '';
        for (let i = start; i < end; i++) s += String.fromCharCode(bytes[i] & 127);
        return s;
      }
      case 'utf16le': {
        let s = '';
        for (let i = start; i + 1 < end; i += 2) s += String.fromCharCode(bytes[i] | (bytes[i + 1] << 8));
        return s;
      }
    }
  }
  function binaryString(bytes, start = 0, end = bytes.length) {
    const parts = [];
    for (let i = start; i < end; i += 4096) {
      parts.push(String.fromCharCode.apply(null, Array.prototype.slice.call(bytes, i, Math.min(end, i + 4096))));
    }
    return parts.join('');
  }

  class Buffer extends Uint8Array {
    static from(value, encOrOffset, length) {
      if (typeof value === 'string') return fromArray(encode(value, encOrOffset));
      if (value instanceof ArrayBuffer || (typeof SharedArrayBuffer !== 'undefined' && value instanceof SharedArrayBuffer)) {
        const off = encOrOffset === undefined ? 0 : +encOrOffset;
        const len = length === undefined ? value.byteLength - off : +length;
        return new Buffer(value, off, len);
      }
      if (ArrayBuffer.isView(value)) return fromArray(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
      if (Array.isArray(value)) return fromArray(value);
      if (value && typeof value === 'object') {
        if (value.type === 'Buffer' && Array.isArray(value.data)) return fromArray(value.data);
        if (typeof value.length === 'number') return fromArray(Array.from(value));
        const prim = value.valueOf && value.valueOf();
        if (typeof prim === 'string') return Buffer.from(prim, encOrOffset);
      }
      const err = new TypeError(
        `The first argument must be of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object. Received ${seqmig.describeReceived(value)}`,
      );
      err.code = 'ERR_INVALID_ARG_TYPE';
      throw err;
    }
    static alloc(size, fill, enc) {
      const b = new Buffer(size);
      if (fill !== undefined && fill !== 0) b.fill(fill, 0, size, enc);
      return b;
    }
    static allocUnsafe(size) {
      return new Buffer(size);
    }
    static allocUnsafeSlow(size) {
      return new Buffer(size);
    }
    static isBuffer(b) {
      return b instanceof Buffer;
    }
    static isEncoding(enc) {
      try {
        normEncoding(enc);
        return typeof enc === 'string';
      } catch (_) {
        return false;
      }
    }
    static byteLength(value, enc) {
      if (typeof value !== 'string') return value.byteLength;
      return encode(value, enc).length;
    }
    static concat(list, total) {
      if (total === undefined) total = list.reduce((n, b) => n + b.length, 0);
      const out = Buffer.alloc(total);
      let pos = 0;
      for (const b of list) {
        if (pos >= total) break;
        const part = b.length > total - pos ? b.subarray(0, total - pos) : b;
        out.set(part, pos);
        pos += part.length;
      }
      return out;
    }
    static compare(a, b) {
      return a.compare(b);
    }
    toString(enc, start = 0, end = this.length) {
      start = Math.max(0, start | 0);
      end = Math.min(this.length, end === undefined ? this.length : end | 0);
      if (end <= start) return '';
      return decode(this, enc, start, end);
    }
    toJSON() {
      return { type: 'Buffer', data: Array.from(this) };
    }
    equals(other) {
      return this.compare(other) === 0;
    }
    compare(other) {
      const n = Math.min(this.length, other.length);
      for (let i = 0; i < n; i++) {
        if (this[i] !== other[i]) return this[i] < other[i] ? -1 : 1;
      }
      return this.length === other.length ? 0 : this.length < other.length ? -1 : 1;
    }
    write(string, offset = 0, length, enc) {
      if (typeof offset === 'string') {
        enc = offset;
        offset = 0;
      } else if (typeof length === 'string') {
        enc = length;
        length = undefined;
      }
      const bytes = encode(string, enc);
      const n = Math.min(bytes.length, this.length - offset, length === undefined ? Infinity : length);
      for (let i = 0; i < n; i++) this[offset + i] = bytes[i];
      return n;
    }
    fill(value, offset = 0, end = this.length, enc) {
      if (typeof value === 'string') {
        if (typeof offset === 'string') {
          enc = offset;
          offset = 0;
          end = this.length;
        }
        const bytes = encode(value, enc);
        if (bytes.length === 0) return super.fill(0, offset, end);
        for (let i = offset, j = 0; i < end; i++, j = (j + 1) % bytes.length) this[i] = bytes[j];
        return this;
      }
      return super.fill(value, offset, end);
    }
    slice(start, end) {
      return this.subarray(start, end);
    }
    copy(target, targetStart = 0, sourceStart = 0, sourceEnd = this.length) {
      const part = this.subarray(sourceStart, Math.min(sourceEnd, sourceStart + target.length - targetStart));
      target.set(part, targetStart);
      return part.length;
    }
    indexOf(value, byteOffset = 0, enc) {
      if (typeof value === 'number') return super.indexOf(value, byteOffset);
      const needle = typeof value === 'string' ? encode(value, enc) : Array.from(value);
      outer: for (let i = byteOffset; i <= this.length - needle.length; i++) {
        for (let j = 0; j < needle.length; j++) if (this[i + j] !== needle[j]) continue outer;
        return i;
      }
      return -1;
    }
    includes(value, byteOffset, enc) {
      return this.indexOf(value, byteOffset, enc) !== -1;
    }
    readUInt8(o = 0) {
      return this[o];
    }
    readUInt16BE(o = 0) {
      return (this[o] << 8) | this[o + 1];
    }
    readUInt16LE(o = 0) {
      return this[o] | (this[o + 1] << 8);
    }
    readUInt32BE(o = 0) {
      return this[o] * 0x1000000 + ((this[o + 1] << 16) | (this[o + 2] << 8) | this[o + 3]);
    }
    readUInt32LE(o = 0) {
      return this[o + 3] * 0x1000000 + ((this[o + 2] << 16) | (this[o + 1] << 8) | this[o]);
    }
    readInt32BE(o = 0) {
      return (this[o] << 24) | (this[o + 1] << 16) | (this[o + 2] << 8) | this[o + 3];
    }
    writeUInt8(v, o = 0) {
      this[o] = v;
      return o + 1;
    }
    writeUInt32BE(v, o = 0) {
      this[o] = v >>> 24;
      this[o + 1] = v >>> 16;
      this[o + 2] = v >>> 8;
      this[o + 3] = v;
      return o + 4;
    }
    [Symbol.for('nodejs.util.inspect.custom')]() {
      const hex = Array.from(this.subarray(0, 50), (b) => b.toString(16).padStart(2, '0')).join(' ');
      return `<Buffer${hex ? ' ' + hex : ''}${this.length > 50 ? ` ... ${this.length - 50} more bytes` : ''}>`;
    }
  }
  Buffer.poolSize = 8192;
  function fromArray(arr) {
    const b = new Buffer(arr.length);
    for (let i = 0; i < arr.length; i++) b[i] = arr[i];
    return b;
  }
  // For the natives: binary strings in and out.
  Buffer.__fromBinary = function (s) {
    const b = new Buffer(s.length);
    for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
    return b;
  };
  Buffer.__toBinary = (u8) => binaryString(u8);

  class TextEncoder {
    get encoding() {
      return 'utf-8';
    }
    encode(s = '') {
      return new Uint8Array(utf8Encode(String(s)));
    }
    encodeInto(s, dest) {
      const bytes = utf8Encode(String(s));
      const n = Math.min(bytes.length, dest.length);
      dest.set(bytes.slice(0, n));
      return { read: s.length, written: n };
    }
  }
  class TextDecoder {
    constructor(label = 'utf-8', opts = {}) {
      const l = String(label).toLowerCase();
      if (!['utf-8', 'utf8', 'unicode-1-1-utf-8', 'latin1', 'utf-16le'].includes(l)) {
        const err = new RangeError(`The "${label}" encoding is not supported`);
        err.code = 'ERR_ENCODING_NOT_SUPPORTED';
        throw err;
      }
      this._enc = l.startsWith('utf') && l !== 'utf-16le' ? 'utf8' : l === 'utf-16le' ? 'utf16le' : 'latin1';
      this.fatal = !!opts.fatal;
      this.ignoreBOM = !!opts.ignoreBOM;
    }
    get encoding() {
      return this._enc === 'utf8' ? 'utf-8' : this._enc === 'utf16le' ? 'utf-16le' : 'windows-1252';
    }
    decode(input) {
      if (input === undefined) return '';
      const u8 = input instanceof ArrayBuffer ? new Uint8Array(input) : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
      let s = decode(u8, this._enc, 0, u8.length);
      if (!this.ignoreBOM && s.charCodeAt(0) === 0xfeff) s = s.slice(1);
      return s;
    }
  }

  const atob = (s) => binaryString(base64Decode(String(s)));
  const btoa = (s) => {
    s = String(s);
    const bytes = new Array(s.length);
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c > 255) {
        const err = new Error('Invalid character');
        err.name = 'InvalidCharacterError';
        throw err;
      }
      bytes[i] = c;
    }
    return base64Encode(bytes, 0, bytes.length, false);
  };

  seqmig.builtins.buffer = { Buffer, atob, btoa, constants: { MAX_LENGTH: 2 ** 32, MAX_STRING_LENGTH: 2 ** 29 - 24 }, kMaxLength: 2 ** 32 };
  const hide = seqmig.setGlobal;
  hide('Buffer', Buffer);
  if (typeof globalThis.TextEncoder === 'undefined') hide('TextEncoder', TextEncoder);
  if (typeof globalThis.TextDecoder === 'undefined') hide('TextDecoder', TextDecoder);
  if (typeof globalThis.atob === 'undefined') hide('atob', atob);
  if (typeof globalThis.btoa === 'undefined') hide('btoa', btoa);
  seqmig.builtins.util.TextEncoder = globalThis.TextEncoder;
  seqmig.builtins.util.TextDecoder = globalThis.TextDecoder;
})();
