// node:fs and node:fs/promises over the fs natives: the synchronous calls, their
// callback forms and the promise API, with Node's Stats and Dirent shapes.
'use strict';
(function () {
  const native = globalThis.__seqmig_native;
  const seqmig = globalThis.__seqmig;
  const { Buffer } = seqmig.builtins.buffer;

  function toPath(p) {
    if (typeof p === 'string') return p;
    if (typeof URL !== 'undefined' && p instanceof URL) return decodeURIComponent(p.pathname);
    if (Buffer.isBuffer(p)) return p.toString();
    const err = new TypeError(`The "path" argument must be of type string or an instance of Buffer or URL. Received ${seqmig.describeReceived(p)}`);
    err.code = 'ERR_INVALID_ARG_TYPE';
    throw err;
  }
  function encodingOf(opts) {
    if (typeof opts === 'string') return opts;
    return opts && opts.encoding ? opts.encoding : null;
  }

  class Stats {
    constructor(raw) {
      this._type = raw.type;
      for (const k of ['dev', 'mode', 'nlink', 'uid', 'gid', 'ino', 'size', 'atimeMs', 'mtimeMs', 'ctimeMs', 'birthtimeMs']) {
        this[k] = raw[k] === undefined ? 0 : raw[k];
      }
      this.rdev = 0;
      this.blksize = 4096;
      this.blocks = Math.ceil(this.size / 512);
      this.atime = new Date(this.atimeMs);
      this.mtime = new Date(this.mtimeMs);
      this.ctime = new Date(this.ctimeMs);
      this.birthtime = new Date(this.birthtimeMs);
      Object.defineProperty(this, '_type', { enumerable: false });
    }
    isFile() {
      return this._type === 'file';
    }
    isDirectory() {
      return this._type === 'dir';
    }
    isSymbolicLink() {
      return this._type === 'symlink';
    }
    isFIFO() {
      return false;
    }
    isSocket() {
      return false;
    }
    isBlockDevice() {
      return false;
    }
    isCharacterDevice() {
      return false;
    }
  }
  class Dirent {
    constructor(name, type, dir) {
      this.name = name;
      this.parentPath = dir;
      this.path = dir;
      Object.defineProperty(this, '_type', { value: type, enumerable: false });
    }
    isFile() {
      return this._type === 'file';
    }
    isDirectory() {
      return this._type === 'dir';
    }
    isSymbolicLink() {
      return this._type === 'symlink';
    }
    isFIFO() {
      return false;
    }
    isSocket() {
      return false;
    }
    isBlockDevice() {
      return false;
    }
    isCharacterDevice() {
      return false;
    }
  }

  function readFileSync(path, options) {
    if (typeof path === 'number') throw Object.assign(new Error('seqmig: file descriptors are not supported'), { code: 'ENOTSUP' });
    const enc = encodingOf(options);
    if (enc && ['utf8', 'utf-8'].includes(String(enc).toLowerCase())) return native.fsRead(toPath(path), false);
    const buf = Buffer.__fromBinary(native.fsRead(toPath(path), true));
    return enc ? buf.toString(enc) : buf;
  }
  function writeFileSync(path, data, options, append) {
    const enc = encodingOf(options) || 'utf8';
    const flag = options && typeof options === 'object' && options.flag;
    const doAppend = append || (flag && String(flag).startsWith('a'));
    if (typeof data === 'string' && ['utf8', 'utf-8'].includes(String(enc).toLowerCase())) {
      native.fsWrite(toPath(path), data, false, !!doAppend);
      return;
    }
    const buf = typeof data === 'string' ? Buffer.from(data, enc) : ArrayBuffer.isView(data) ? Buffer.from(data) : Buffer.from(String(data));
    native.fsWrite(toPath(path), Buffer.__toBinary(buf), true, !!doAppend);
  }
  function readdirSync(path, options) {
    const p = toPath(path);
    const entries = native.fsReaddir(p);
    if (options && typeof options === 'object' && options.recursive) {
      const out = [];
      const walk = (dir, rel) => {
        for (const [name, type] of native.fsReaddir(dir)) {
          const relName = rel ? rel + '/' + name : name;
          out.push(options.withFileTypes ? new Dirent(name, type, dir) : relName);
          if (type === 'dir') walk(dir + '/' + name, relName);
        }
      };
      walk(p, '');
      return out;
    }
    if (options && typeof options === 'object' && options.withFileTypes) return entries.map(([n, t]) => new Dirent(n, t, p));
    const enc = encodingOf(options);
    if (enc === 'buffer') return entries.map(([n]) => Buffer.from(n));
    return entries.map(([n]) => n);
  }
  function statSync(path, options) {
    try {
      return new Stats(native.fsStat(toPath(path), true));
    } catch (e) {
      if (options && options.throwIfNoEntry === false && e.code === 'ENOENT') return undefined;
      throw e;
    }
  }
  function lstatSync(path, options) {
    try {
      return new Stats(native.fsStat(toPath(path), false));
    } catch (e) {
      if (options && options.throwIfNoEntry === false && e.code === 'ENOENT') return undefined;
      throw e;
    }
  }
  function existsSync(path) {
    try {
      return native.fsExists(toPath(path));
    } catch (_) {
      return false;
    }
  }
  function accessSync(path) {
    native.fsStat(toPath(path), true);
  }
  function mkdirSync(path, options) {
    const recursive = options && typeof options === 'object' && !!options.recursive;
    return native.fsMkdir(toPath(path), recursive);
  }
  function rmSync(path, options) {
    const o = options || {};
    native.fsRm(toPath(path), !!o.recursive, !!o.force);
  }
  function rmdirSync(path, options) {
    native.fsRm(toPath(path), !!(options && options.recursive), false);
  }
  function unlinkSync(path) {
    const p = toPath(path);
    const st = native.fsStat(p, false);
    if (st.type === 'dir') {
      const err = new Error(`EISDIR: illegal operation on a directory, unlink '${p}'`);
      Object.assign(err, { errno: -21, code: 'EISDIR', syscall: 'unlink', path: p });
      throw err;
    }
    native.fsRm(p, false, false);
  }
  const realpathSync = (path) => native.fsRealpath(toPath(path));
  realpathSync.native = realpathSync;

  const sync = {
    readFileSync,
    writeFileSync: (p, d, o) => writeFileSync(p, d, o, false),
    appendFileSync: (p, d, o) => writeFileSync(p, d, o, true),
    readdirSync,
    statSync,
    lstatSync,
    existsSync,
    accessSync,
    mkdirSync,
    rmSync,
    rmdirSync,
    unlinkSync,
    realpathSync,
    renameSync: (a, b) => native.fsRename(toPath(a), toPath(b)),
    copyFileSync: (a, b) => native.fsCopyFile(toPath(a), toPath(b)),
    mkdtempSync(prefix) {
      const p = toPath(prefix) + Math.random().toString(36).slice(2, 8);
      native.fsMkdir(p, false);
      return p;
    },
  };

  // Callback forms run the sync call and report on a later tick, as libuv would.
  function callbackify(fn) {
    return function (...args) {
      const cb = args.pop();
      if (typeof cb !== 'function') {
        const err = new TypeError(`The "cb" argument must be of type function. Received ${seqmig.describeReceived(cb)}`);
        err.code = 'ERR_INVALID_ARG_TYPE';
        throw err;
      }
      let result;
      let error = null;
      try {
        result = fn(...args);
      } catch (e) {
        error = e;
      }
      globalThis.process.nextTick(() => (error ? cb(error) : cb(null, result)));
    };
  }
  function promisified(fn) {
    return (...args) =>
      new Promise((resolve, reject) => {
        try {
          resolve(fn(...args));
        } catch (e) {
          reject(e);
        }
      });
  }
  const names = {
    readFile: 'readFileSync',
    writeFile: 'writeFileSync',
    appendFile: 'appendFileSync',
    readdir: 'readdirSync',
    stat: 'statSync',
    lstat: 'lstatSync',
    access: 'accessSync',
    mkdir: 'mkdirSync',
    rm: 'rmSync',
    rmdir: 'rmdirSync',
    unlink: 'unlinkSync',
    realpath: 'realpathSync',
    rename: 'renameSync',
    copyFile: 'copyFileSync',
    mkdtemp: 'mkdtempSync',
  };
  const fs = Object.assign({}, sync);
  const promises = {};
  for (const [name, syncName] of Object.entries(names)) {
    fs[name] = callbackify(sync[syncName]);
    promises[name] = promisified(sync[syncName]);
  }
  fs.exists = (path, cb) => globalThis.process.nextTick(() => cb(existsSync(path)));
  // Streams over whole-file reads and appends (winston's File transport, loggers that
  // write to a path); stream is loaded on the first call only.
  fs.createReadStream = function createReadStream(path, options) {
    const { Readable } = seqmig.builtins.stream;
    const opts = typeof options === 'string' ? { encoding: options } : options || {};
    const file = toPath(path);
    const hwm = opts.highWaterMark || 65536;
    let data = null;
    let pos = opts.start || 0;
    const end = opts.end === undefined ? Infinity : opts.end + 1;
    const r = new Readable({
      highWaterMark: hwm,
      encoding: opts.encoding,
      read() {
        try {
          if (data === null) {
            data = Buffer.__fromBinary(native.fsRead(file, true));
            this.emit('open', 3);
            this.emit('ready');
          }
        } catch (e) {
          this.destroy(e);
          return;
        }
        const stop = Math.min(data.length, end);
        if (pos >= stop) return this.push(null);
        const chunk = data.subarray(pos, Math.min(stop, pos + hwm));
        pos += chunk.length;
        this.bytesRead = pos;
        this.push(chunk);
      },
    });
    r.path = file;
    r.bytesRead = 0;
    r.close = (cb) => r.destroy(null, cb);
    return r;
  };
  fs.createWriteStream = function createWriteStream(path, options) {
    const { Writable } = seqmig.builtins.stream;
    const opts = typeof options === 'string' ? { encoding: options } : options || {};
    const file = toPath(path);
    const flags = String(opts.flags || 'w');
    const w = new Writable({
      decodeStrings: true,
      defaultEncoding: opts.encoding || 'utf8',
      write(chunk, enc, cb) {
        try {
          native.fsWrite(file, Buffer.__toBinary(chunk), true, true);
          w.bytesWritten += chunk.length;
          cb();
        } catch (e) {
          cb(e);
        }
      },
    });
    w.path = file;
    w.bytesWritten = 0;
    w.pending = false;
    w.close = (cb) => w.end(cb);
    try {
      if (flags.startsWith('w')) native.fsWrite(file, '', false, false);
      else if (!existsSync(file)) native.fsWrite(file, '', false, true);
      globalThis.process.nextTick(() => {
        w.emit('open', 3);
        w.emit('ready');
      });
    } catch (e) {
      w.destroy(e);
    }
    return w;
  };
  // Writes to the process's own stdout and stderr (sonic-boom, pino's default).
  fs.writeSync = function writeSync(fd, data) {
    if (fd !== 1 && fd !== 2) throw Object.assign(new Error('seqmig: file descriptors other than 1 and 2 are not supported'), { code: 'ENOTSUP' });
    const text = typeof data === 'string' ? data : Buffer.from(data).toString();
    native.write(fd, text);
    return Buffer.byteLength(text);
  };
  fs.write = function write(fd, data, ...rest) {
    const cb = rest.reverse().find((a) => typeof a === 'function');
    let n;
    try {
      n = fs.writeSync(fd, data);
    } catch (e) {
      if (cb) return globalThis.process.nextTick(cb, e);
      throw e;
    }
    if (cb) globalThis.process.nextTick(cb, null, n, data);
  };
  fs.fsyncSync = () => {};
  fs.fsync = (fd, cb) => globalThis.process.nextTick(cb, null);
  fs.promises = promises;
  fs.Stats = Stats;
  fs.Dirent = Dirent;
  fs.constants = { F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1, O_RDONLY: 0, O_WRONLY: 1, O_RDWR: 2, COPYFILE_EXCL: 1 };
  Object.assign(fs, fs.constants);
  promises.constants = fs.constants;
  seqmig.builtins.fs = fs;
  seqmig.builtins['fs/promises'] = promises;
})();
