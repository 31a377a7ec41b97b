// node:crypto: hashes and HMACs (md5, sha1, sha256, sha384, sha512), random bytes and
// UUIDs, over natives; enough for migrations that derive ids or checksums.
'use strict';
(function () {
  const native = globalThis.__seqmig_native;
  const seqmig = globalThis.__seqmig;
  const { Buffer } = seqmig.builtins.buffer;

  function toBytes(data, enc) {
    if (typeof data === 'string') return Buffer.from(data, enc || 'utf8');
    if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    if (data instanceof ArrayBuffer) return Buffer.from(data);
    const err = new TypeError(`The "data" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received ${seqmig.describeReceived(data)}`);
    err.code = 'ERR_INVALID_ARG_TYPE';
    throw err;
  }
  const ALGOS = { md5: 'md5', sha1: 'sha1', 'sha-1': 'sha1', sha256: 'sha256', 'sha-256': 'sha256', sha384: 'sha384', sha512: 'sha512', 'sha-512': 'sha512' };
  function algo(name) {
    const a = ALGOS[String(name).toLowerCase()];
    if (!a) throw new Error('Digest method not supported');
    return a;
  }

  class Hash {
    constructor(name, key) {
      this._algo = algo(name);
      this._key = key;
      this._parts = [];
      this._done = false;
    }
    update(data, enc) {
      if (this._done) {
        const err = new Error('Digest already called');
        err.code = 'ERR_CRYPTO_HASH_FINALIZED';
        throw err;
      }
      this._parts.push(toBytes(data, enc));
      return this;
    }
    digest(enc) {
      if (this._done) {
        const err = new Error('Digest already called');
        err.code = 'ERR_CRYPTO_HASH_FINALIZED';
        throw err;
      }
      this._done = true;
      const data = Buffer.__toBinary(Buffer.concat(this._parts));
      const raw = this._key === undefined ? native.hash(this._algo, data) : native.hmac(this._algo, Buffer.__toBinary(this._key), data);
      const buf = Buffer.__fromBinary(raw);
      return enc === undefined || enc === 'buffer' ? buf : buf.toString(enc);
    }
    copy() {
      const h = new Hash(this._algo, this._key);
      h._parts = this._parts.slice();
      return h;
    }
  }
  Object.defineProperty(Hash, 'name', { value: 'Hash' });
  class Hmac extends Hash {}

  function randomBytes(size, cb) {
    const buf = Buffer.__fromBinary(native.randomBytes(size));
    if (typeof cb === 'function') {
      globalThis.process.nextTick(cb, null, buf);
      return undefined;
    }
    return buf;
  }
  function randomInt(min, max, cb) {
    if (max === undefined || typeof max === 'function') {
      cb = max;
      max = min;
      min = 0;
    }
    const range = max - min;
    const bytes = randomBytes(6);
    const n = min + Math.floor((bytes.readUInt32BE(0) * 65536 + (bytes[4] << 8) + bytes[5]) / 2 ** 48 * range);
    if (typeof cb === 'function') {
      globalThis.process.nextTick(cb, null, n);
      return undefined;
    }
    return n;
  }

  const crypto = {
    createHash: (name) => new Hash(name),
    createHmac: (name, key) => new Hmac(name, toBytes(key)),
    hash: (name, data, enc = 'hex') => new Hash(name).update(data).digest(enc),
    randomBytes,
    pseudoRandomBytes: randomBytes,
    randomUUID: () => native.randomUUID(),
    randomInt,
    getRandomValues(arr) {
      const bytes = Buffer.__fromBinary(native.randomBytes(arr.byteLength));
      new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength).set(bytes);
      return arr;
    },
    // nanoid, uuid and others fill their own pools.
    randomFillSync(buf, offset = 0, size) {
      const view = ArrayBuffer.isView(buf) ? new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength) : new Uint8Array(buf);
      const n = size === undefined ? view.length - offset : size;
      view.set(Buffer.__fromBinary(native.randomBytes(n)), offset);
      return buf;
    },
    randomFill(buf, offset, size, cb) {
      if (typeof offset === 'function') [cb, offset, size] = [offset, 0, undefined];
      else if (typeof size === 'function') [cb, size] = [size, undefined];
      crypto.randomFillSync(buf, offset, size);
      globalThis.process.nextTick(cb, null, buf);
    },
    getHashes: () => ['md5', 'sha1', 'sha256', 'sha384', 'sha512'],
    timingSafeEqual(a, b) {
      if (a.length !== b.length) {
        const err = new RangeError('Input buffers must have the same byte length');
        err.code = 'ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH';
        throw err;
      }
      let d = 0;
      for (let i = 0; i < a.length; i++) d |= a[i] ^ b[i];
      return d === 0;
    },
    Hash,
    Hmac,
  };
  crypto.webcrypto = { getRandomValues: crypto.getRandomValues, randomUUID: crypto.randomUUID };
  seqmig.builtins.crypto = crypto;
  if (typeof globalThis.crypto === 'undefined') {
    seqmig.setGlobal('crypto', crypto.webcrypto);
  }
})();
