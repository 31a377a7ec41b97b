// node:zlib over flate2 and brotli (natives/codec.rs): the *Sync forms, the callback
// forms, and the stream classes (createGzip & co). A stream gathers its input and
// compresses or decompresses it at end(); the bytes are zlib's formats, decoded by any
// zlib, though not always byte-for-byte what Node's zlib writes (docs/compat.md).
'use strict';
(function () {
  const native = globalThis.__seqmig_native;
  const seqmig = globalThis.__seqmig;
  const builtins = seqmig.builtins;
  const { Buffer } = builtins.buffer;
  const { Transform } = builtins.stream;
  const { nodeError, describeReceived } = seqmig;

  const constants = {
    Z_NO_FLUSH: 0, Z_PARTIAL_FLUSH: 1, Z_SYNC_FLUSH: 2, Z_FULL_FLUSH: 3, Z_FINISH: 4, Z_BLOCK: 5,
    Z_OK: 0, Z_STREAM_END: 1, Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3,
    Z_MEM_ERROR: -4, Z_BUF_ERROR: -5, Z_VERSION_ERROR: -6,
    Z_NO_COMPRESSION: 0, Z_BEST_SPEED: 1, Z_BEST_COMPRESSION: 9, Z_DEFAULT_COMPRESSION: -1,
    Z_FILTERED: 1, Z_HUFFMAN_ONLY: 2, Z_RLE: 3, Z_FIXED: 4, Z_DEFAULT_STRATEGY: 0, ZLIB_VERNUM: 4865,
    DEFLATE: 1, INFLATE: 2, GZIP: 3, GUNZIP: 4, DEFLATERAW: 5, INFLATERAW: 6, UNZIP: 7,
    BROTLI_DECODE: 8, BROTLI_ENCODE: 9,
    Z_MIN_WINDOWBITS: 8, Z_MAX_WINDOWBITS: 15, Z_DEFAULT_WINDOWBITS: 15,
    Z_MIN_CHUNK: 64, Z_MAX_CHUNK: Infinity, Z_DEFAULT_CHUNK: 16384,
    Z_MIN_MEMLEVEL: 1, Z_MAX_MEMLEVEL: 9, Z_DEFAULT_MEMLEVEL: 8,
    Z_MIN_LEVEL: -1, Z_MAX_LEVEL: 9, Z_DEFAULT_LEVEL: -1,
    BROTLI_OPERATION_PROCESS: 0, BROTLI_OPERATION_FLUSH: 1, BROTLI_OPERATION_FINISH: 2,
    BROTLI_OPERATION_EMIT_METADATA: 3, BROTLI_PARAM_MODE: 0, BROTLI_MODE_GENERIC: 0,
    BROTLI_MODE_TEXT: 1, BROTLI_MODE_FONT: 2, BROTLI_DEFAULT_MODE: 0, BROTLI_PARAM_QUALITY: 1,
    BROTLI_MIN_QUALITY: 0, BROTLI_MAX_QUALITY: 11, BROTLI_DEFAULT_QUALITY: 11, BROTLI_PARAM_LGWIN: 2,
    BROTLI_MIN_WINDOW_BITS: 10, BROTLI_MAX_WINDOW_BITS: 24, BROTLI_DEFAULT_WINDOW: 22,
    BROTLI_PARAM_SIZE_HINT: 5,
  };

  function toBuffer(data, name) {
    if (typeof data === 'string') return Buffer.from(data);
    if (Buffer.isBuffer(data)) return data;
    if (data instanceof ArrayBuffer) return Buffer.from(data);
    if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "${name || 'buffer'}" argument must be of type string or an instance of Buffer, TypedArray, DataView, or ArrayBuffer. Received ${describeReceived(data)}`);
  }
  function run(kind, data, opts) {
    const buf = toBuffer(data);
    const level = opts && typeof opts.level === 'number' && opts.level >= 0 ? opts.level : -1;
    const out = Buffer.from(native.zlib(kind, buf.toString('latin1'), level), 'latin1');
    return opts && opts.info ? { buffer: out, engine: null } : out;
  }

  const KINDS = ['deflate', 'inflate', 'deflateRaw', 'inflateRaw', 'gzip', 'gunzip', 'unzip', 'brotliCompress', 'brotliDecompress'];
  const zlib = { constants, codes: {} };
  for (const [k, v] of Object.entries(constants)) if (/^Z_/.test(k)) zlib[k] = v;
  for (const k of ['Z_OK', 'Z_STREAM_END', 'Z_NEED_DICT', 'Z_ERRNO', 'Z_STREAM_ERROR', 'Z_DATA_ERROR', 'Z_MEM_ERROR', 'Z_BUF_ERROR', 'Z_VERSION_ERROR']) {
    zlib.codes[k] = constants[k];
    zlib.codes[constants[k]] = k;
  }
  const className = { deflate: 'Deflate', inflate: 'Inflate', deflateRaw: 'DeflateRaw', inflateRaw: 'InflateRaw', gzip: 'Gzip', gunzip: 'Gunzip', unzip: 'Unzip', brotliCompress: 'BrotliCompress', brotliDecompress: 'BrotliDecompress' };

  function makeClass(kind) {
    const cls = class extends Transform {
      constructor(opts) {
        super(Object.assign({}, opts, { objectMode: false }));
        this._opts = opts || {};
        this._chunks = [];
        this.bytesWritten = 0;
        this._handle = {};
      }
      _transform(chunk, enc, cb) {
        this._chunks.push(chunk);
        this.bytesWritten += chunk.length;
        cb();
      }
      _flush(cb) {
        let out;
        try {
          out = run(kind, Buffer.concat(this._chunks), this._opts);
        } catch (e) {
          return cb(e);
        }
        this._chunks = [];
        cb(null, out.length ? out : null);
      }
      flush(kind2, cb) {
        if (typeof kind2 === 'function') cb = kind2;
        if (typeof cb === 'function') globalThis.process.nextTick(cb);
      }
      params(level, strategy, cb) {
        this._opts.level = level;
        if (typeof cb === 'function') globalThis.process.nextTick(cb);
      }
      reset() {
        this._chunks = [];
      }
      close(cb) {
        if (cb) this.once('close', cb);
        this.destroy();
      }
    };
    Object.defineProperty(cls, 'name', { value: className[kind] });
    return cls;
  }

  for (const kind of KINDS) {
    const name = className[kind];
    const Cls = makeClass(kind);
    zlib[name] = Cls;
    zlib['create' + name] = (opts) => new Cls(opts);
    zlib[kind + 'Sync'] = (data, opts) => run(kind, data, opts);
    zlib[kind] = function (data, opts, cb) {
      if (typeof opts === 'function') {
        cb = opts;
        opts = {};
      }
      if (typeof cb !== 'function') throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "callback" argument must be of type function. Received ${describeReceived(cb)}`);
      let result;
      let error = null;
      try {
        result = run(kind, data, opts);
      } catch (e) {
        error = e;
      }
      globalThis.process.nextTick(() => (error ? cb(error) : cb(null, result)));
    };
    zlib[kind][Symbol.for('nodejs.util.promisify.custom')] = (data, opts) => new Promise((resolve, reject) => zlib[kind](data, opts || {}, (e, r) => (e ? reject(e) : resolve(r))));
  }
  zlib.crc32 = function crc32(data, value = 0) {
    const buf = toBuffer(data, 'data');
    let c = ~value >>> 0;
    for (let i = 0; i < buf.length; i++) {
      c ^= buf[i];
      for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
    }
    return ~c >>> 0;
  };
  builtins.zlib = zlib;
})();
