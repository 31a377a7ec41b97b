// Native addons. `bcrypt` and `argon2`, which User models' hooks and seeders load most,
// are provided with their packages' JS API over the Rust crates (natives/codec.rs),
// writing and checking the same hashes. Any other `.node` file becomes a stand-in that
// loads, warns once on stderr, and throws one line at its first real use; with
// `"seqmigNativeAddons": "error"` (or --native-addons=error) the require itself fails.
'use strict';
(function () {
  const native = globalThis.__seqmig_native;
  const seqmig = globalThis.__seqmig;
  const builtins = seqmig.builtins;
  const { Buffer } = builtins.buffer;
  const { cannotRun, nodeError, describeReceived } = seqmig;
  const later = (fn) => globalThis.process.nextTick(fn);
  const binary = (v) => (Buffer.isBuffer(v) || v instanceof Uint8Array ? Buffer.from(v) : Buffer.from(String(v))).toString('latin1');

  // Node's callback-or-promise shape of both packages.
  function either(work, cb) {
    if (typeof cb === 'function') {
      let value;
      let error = null;
      try {
        value = work();
      } catch (e) {
        error = e;
      }
      later(() => cb(error, value));
      return undefined;
    }
    return new Promise((resolve, reject) => {
      later(() => {
        try {
          resolve(work());
        } catch (e) {
          reject(e);
        }
      });
    });
  }

  // ---------------------------------------------------------------- bcrypt (node.bcrypt.js 5)

  function genSaltSync(rounds, minor) {
    if (rounds === undefined || rounds === null) rounds = 10;
    else if (typeof rounds !== 'number') throw new Error('rounds must be a number');
    if (minor === undefined) minor = 'b';
    else if (minor !== 'a' && minor !== 'b') throw new Error('minor must be either "a" or "b"');
    rounds = Math.min(31, Math.max(4, Math.floor(rounds)));
    return native.bcryptSalt(rounds, minor);
  }
  function hashSync(data, salt) {
    if (data === undefined || salt === undefined) throw new Error('data and salt arguments required');
    if (!(typeof data === 'string' || Buffer.isBuffer(data)) || (typeof salt !== 'string' && typeof salt !== 'number')) {
      throw new Error('data must be a string or Buffer and salt must either be a salt string or a number of rounds');
    }
    if (typeof salt === 'number') salt = genSaltSync(salt);
    return native.bcryptHash(binary(data), salt);
  }
  function compareSync(data, hash) {
    if (data === undefined || hash === undefined) throw new Error('data and hash arguments required');
    if (!(typeof data === 'string' || Buffer.isBuffer(data)) || typeof hash !== 'string') throw new Error('data must be a string or Buffer and hash must be a string');
    return native.bcryptVerify(binary(data), hash);
  }
  function getRounds(hash) {
    if (hash === undefined) throw new Error('hash argument required');
    if (typeof hash !== 'string') throw new Error('hash must be a string');
    const m = /^\$2[abxy]?\$(\d\d)\$/.exec(hash);
    if (!m) throw new Error('invalid hash provided');
    return Number(m[1]);
  }
  const bcrypt = {
    genSaltSync,
    genSalt(rounds, minor, cb) {
      if (typeof rounds === 'function') [cb, rounds, minor] = [rounds, undefined, undefined];
      else if (typeof minor === 'function') [cb, minor] = [minor, undefined];
      return either(() => genSaltSync(rounds, minor), cb);
    },
    hashSync,
    hash(data, salt, cb) {
      return either(() => hashSync(data, salt), cb);
    },
    compareSync,
    compare(data, hash, cb) {
      return either(() => compareSync(data, hash), cb);
    },
    getRounds,
  };

  // ---------------------------------------------------------------- argon2 (node-argon2 0.3x/0.4x)

  const argon2d = 0;
  const argon2i = 1;
  const argon2id = 2;
  const defaults = Object.freeze({ hashLength: 32, timeCost: 3, memoryCost: 1 << 16, parallelism: 4, type: argon2id, version: 0x13 });
  function randomSalt(n) {
    return native.randomBytes(n);
  }
  const argon2 = {
    argon2d,
    argon2i,
    argon2id,
    defaults,
    limits: Object.freeze({
      hashLength: { min: 4, max: 2 ** 32 - 1 },
      memoryCost: { min: 1 << 10, max: 2 ** 32 - 1 },
      timeCost: { min: 2, max: 2 ** 32 - 1 },
      parallelism: { min: 1, max: 2 ** 24 - 1 },
    }),
    async hash(plain, options) {
      const o = Object.assign({}, defaults, options);
      if (plain === undefined || plain === null) throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "password" argument must be of type string or an instance of Buffer. Received ${describeReceived(plain)}`);
      for (const k of ['hashLength', 'timeCost', 'memoryCost', 'parallelism']) {
        const { min, max } = argon2.limits[k];
        if (!(o[k] >= min && o[k] <= max)) throw new Error(`Invalid ${k}, must be between ${min} and ${max}.`);
      }
      const args = {
        type: o.type,
        version: o.version,
        memoryCost: o.memoryCost,
        timeCost: o.timeCost,
        parallelism: o.parallelism,
        hashLength: o.hashLength,
        salt: o.salt ? binary(o.salt) : randomSalt(o.saltLength || 16),
        secret: o.secret ? binary(o.secret) : undefined,
        associatedData: o.associatedData ? binary(o.associatedData) : undefined,
        raw: !!o.raw,
      };
      const out = native.argon2Hash(binary(plain), args);
      return o.raw ? Buffer.from(out, 'latin1') : out;
    },
    async verify(digest, plain, options) {
      if (typeof digest !== 'string' || !digest.startsWith('$')) throw new TypeError('Invalid hash format');
      const secret = options && options.secret ? binary(options.secret) : undefined;
      return native.argon2Verify(digest, binary(plain), secret);
    },
    needsRehash(digest, options) {
      const o = Object.assign({}, defaults, options);
      const m = /^\$argon2(?:id|i|d)\$(?:v=(\d+)\$)?m=(\d+),t=(\d+),p=(\d+)/.exec(String(digest));
      if (!m) throw new TypeError('Invalid hash format');
      return Number(m[1] || 16) !== o.version || Number(m[2]) !== o.memoryCost || Number(m[3]) !== o.timeCost;
    },
  };

  // ---------------------------------------------------------------- any other addon

  // The package a file belongs to: the folder after the last node_modules.
  function packageOf(file) {
    const m = /.*\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file);
    return m ? m[1] : null;
  }
  // What module loaders, bundler interop and util.inspect read from any export without
  // using it: reading these is not a use.
  const PROBES = new Set(['__esModule', 'default', 'then', 'toJSON', 'constructor', 'prototype', 'length', 'name', 'inspect', 'asymmetricMatch', '$$typeof', 'nodeType', 'path', 'filename']);
  // Constants that packages read from their addon while loading, before any use: the
  // value the addon itself exports on every platform Node runs on. @duckdb/node-api
  // picks its boolean reader from `sizeof_bool` when loaded (Gladys' models load it).
  const LOAD_CONSTANTS = {
    'duckdb.node': { sizeof_bool: 1 },
  };
  const warned = new Set();
  // An export named like a class or an enum (`ResultType`) is often copied to the
  // package's own exports while loading: it is a stand-in of its own, failing when used.
  function standIn(file, requiredAt, member) {
    const constants = member ? {} : LOAD_CONSTANTS[String(file).split('/').pop()] || {};
    const pkg = packageOf(file);
    const what = `${member ? `'${member}' of ` : ''}the native addon ${file}${pkg ? ` (package '${pkg}')` : ''}`;
    const members = new Map();
    if (!warned.has(file)) {
      warned.add(file);
      const at = requiredAt ? ` (required at ${requiredAt.file}${requiredAt.line ? ':' + requiredAt.line : ''})` : '';
      native.write(2, `seqmig: warning: ${what}${at} needs Node; it is loaded as a stand-in, and any use of it fails\n`);
    }
    const fail = (use) => {
      throw cannotRun(`${use} of ${what}`, 'native (.node) addons need Node');
    };
    const target = function () {};
    return new Proxy(target, {
      get(t, key) {
        if (typeof key === 'symbol') return undefined;
        if (PROBES.has(key)) return undefined;
        if (Object.prototype.hasOwnProperty.call(constants, key)) return constants[key];
        if (!member && /^[A-Z]/.test(key)) {
          if (!members.has(key)) members.set(key, standIn(file, requiredAt, key));
          return members.get(key);
        }
        return fail(`a read of '${String(key)}'`);
      },
      has: () => false,
      set: (t, key) => fail(`a write of '${String(key)}'`),
      apply: () => fail('a call'),
      construct: () => fail('new'),
      ownKeys: () => Reflect.ownKeys(target),
      getOwnPropertyDescriptor: (t, key) => Reflect.getOwnPropertyDescriptor(target, key),
      getPrototypeOf: () => Function.prototype,
      defineProperty: (t, key) => fail(`a definition of '${String(key)}'`),
    });
  }

  builtins['seqmig:bcrypt'] = bcrypt;
  builtins['seqmig:argon2'] = argon2;
  builtins['seqmig:addon'] = { standIn, packageOf };
})();
