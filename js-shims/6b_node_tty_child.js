// node:tty and node:child_process. tty asks the kernel (isatty, the window size);
// child_process runs real processes over std::process (natives/child.rs): the *Sync
// forms to the end, the async ones polled every few milliseconds by a timer, which keeps
// the event loop alive until the child exits, so 'data', 'exit' and 'close' come as in
// Node.
'use strict';
(function () {
  const native = globalThis.__seqmig_native;
  const seqmig = globalThis.__seqmig;
  const builtins = seqmig.builtins;
  const { Buffer } = builtins.buffer;
  const EventEmitter = builtins.events;
  const { nodeError, describeReceived } = seqmig;
  const stream = builtins.stream;

  // ---------------------------------------------------------------- tty

  function isatty(fd) {
    return Number.isInteger(fd) && native.isatty(fd);
  }
  class ReadStream extends stream.Readable {
    constructor(fd) {
      super();
      this.fd = fd;
      this.isTTY = true;
      this.isRaw = false;
    }
    _read() {}
    setRawMode(mode) {
      this.isRaw = !!mode;
      return this;
    }
  }
  class WriteStream extends stream.Writable {
    constructor(fd) {
      super({ decodeStrings: false });
      this.fd = fd;
      this.isTTY = true;
    }
    _write(chunk, enc, cb) {
      native.write(this.fd === 2 ? 2 : 1, typeof chunk === 'string' ? chunk : chunk.toString());
      cb();
    }
    get columns() {
      const s = native.ttySize(this.fd);
      return s ? s[0] : undefined;
    }
    get rows() {
      const s = native.ttySize(this.fd);
      return s ? s[1] : undefined;
    }
    getWindowSize() {
      return native.ttySize(this.fd) || [80, 24];
    }
    getColorDepth(env) {
      env = env || globalThis.process.env;
      if (env.NO_COLOR !== undefined || env.NODE_DISABLE_COLORS !== undefined || env.TERM === 'dumb') return 1;
      if (env.FORCE_COLOR === '0') return 1;
      if (env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit') return 24;
      if (/-256(color)?$/i.test(env.TERM || '')) return 8;
      return 4;
    }
    hasColors(count, env) {
      if (typeof count === 'object') {
        env = count;
        count = 16;
      }
      return 2 ** this.getColorDepth(env) >= (count === undefined ? 16 : count);
    }
    clearLine(dir, cb) {
      native.write(this.fd, dir < 0 ? '\x1b[1K' : dir > 0 ? '\x1b[0K' : '\x1b[2K');
      if (cb) cb();
      return true;
    }
    cursorTo(x, y, cb) {
      native.write(this.fd, typeof y === 'number' ? `\x1b[${y + 1};${x + 1}H` : `\x1b[${x + 1}G`);
      if (typeof y === 'function') y();
      else if (cb) cb();
      return true;
    }
    moveCursor(dx, dy, cb) {
      let s = '';
      if (dx) s += dx < 0 ? `\x1b[${-dx}D` : `\x1b[${dx}C`;
      if (dy) s += dy < 0 ? `\x1b[${-dy}A` : `\x1b[${dy}B`;
      if (s) native.write(this.fd, s);
      if (cb) cb();
      return true;
    }
    clearScreenDown(cb) {
      native.write(this.fd, '\x1b[0J');
      if (cb) cb();
      return true;
    }
  }
  builtins.tty = { isatty, ReadStream, WriteStream };

  // ---------------------------------------------------------------- child_process

  function toBinary(v) {
    if (v === undefined || v === null) return null;
    return (Buffer.isBuffer(v) || v instanceof Uint8Array ? Buffer.from(v) : Buffer.from(String(v))).toString('latin1');
  }
  function decode(binary, encoding) {
    const buf = Buffer.from(binary, 'latin1');
    return encoding && encoding !== 'buffer' ? buf.toString(encoding) : buf;
  }
  function normalize(file, args, options, isShell) {
    if (typeof file !== 'string' || file === '') {
      throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "file" argument must be of type string. Received ${describeReceived(file)}`);
    }
    if (!Array.isArray(args)) {
      if (args && typeof args === 'object') options = args;
      args = [];
    }
    options = Object.assign({}, options);
    let spawnfile = file;
    let spawnargs = args.map(String);
    if (options.shell || isShell) {
      const cmd = [file].concat(spawnargs).join(' ');
      spawnfile = typeof options.shell === 'string' ? options.shell : '/bin/sh';
      spawnargs = ['-c', cmd];
    }
    const env = options.env && typeof options.env === 'object' ? Object.fromEntries(Object.entries(options.env).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)])) : null;
    let stdio = options.stdio;
    if (typeof stdio === 'string') stdio = [stdio, stdio, stdio];
    if (!Array.isArray(stdio)) stdio = ['pipe', 'pipe', 'pipe'];
    stdio = stdio.slice(0, 3).map((s) => (s === 'inherit' || s === 0 || s === 1 || s === 2 || s === globalThis.process.stdout || s === globalThis.process.stderr ? 'inherit' : s === 'ignore' ? 'ignore' : 'pipe'));
    const cwd = options.cwd !== undefined ? builtins.path.resolve(native.cwd(), String(options.cwd instanceof URL ? builtins.url.fileURLToPath(options.cwd) : options.cwd)) : native.cwd();
    // The environment the child sees is process.env's (writes to it reach the real one).
    return { file: spawnfile, args: spawnargs, argv0: file, options, native: { cwd, env, stdio } };
  }
  function spawnError(e, file) {
    const err = new Error(e.message);
    Object.assign(err, { errno: e.errno, code: e.code, syscall: e.syscall, path: e.path, spawnargs: e.spawnargs });
    return err;
  }

  function spawnSync(file, args, options) {
    const n = normalize(file, args, options, false);
    const opts = Object.assign({}, n.native, { input: toBinary(n.options.input), timeout: n.options.timeout, killSignal: n.options.killSignal });
    const r = native.childSpawnSync(n.file, n.args, opts);
    const enc = n.options.encoding;
    const out = {
      pid: r.pid,
      output: [null, decode(r.stdout, enc), decode(r.stderr, enc)],
      stdout: decode(r.stdout, enc),
      stderr: decode(r.stderr, enc),
      status: r.status,
      signal: r.signal,
    };
    if (r.error) out.error = spawnError(r.error, n.file);
    return out;
  }
  function checkSync(r, cmdText, options) {
    if (r.error) throw Object.assign(r.error, { status: r.status, signal: r.signal, output: r.output, stdout: r.stdout, stderr: r.stderr, pid: r.pid });
    if (r.status !== 0) {
      let msg = `Command failed: ${cmdText}`;
      const errText = Buffer.isBuffer(r.stderr) ? r.stderr.toString() : r.stderr;
      if (errText) msg += '\n' + errText;
      const err = new Error(msg);
      Object.assign(err, { status: r.status, signal: r.signal, output: r.output, pid: r.pid, stdout: r.stdout, stderr: r.stderr });
      throw err;
    }
    // Node writes a sync child's stderr to the parent's unless stdio says otherwise.
    if (!options || !options.stdio) {
      const errText = Buffer.isBuffer(r.stderr) ? r.stderr : Buffer.from(String(r.stderr));
      if (errText.length) native.write(2, errText.toString());
    }
    return r.stdout;
  }
  function execSync(command, options) {
    const r = spawnSync(String(command), [], Object.assign({}, options, { shell: options && options.shell ? options.shell : true }));
    return checkSync(r, command, options);
  }
  function execFileSync(file, args, options) {
    if (!Array.isArray(args)) {
      options = args;
      args = [];
    }
    const r = spawnSync(file, args, options);
    return checkSync(r, [file].concat(args || []).join(' '), options);
  }

  class ChildProcess extends EventEmitter {
    constructor() {
      super();
      this.pid = undefined;
      this.exitCode = null;
      this.signalCode = null;
      this.killed = false;
      this.connected = false;
      this.stdin = null;
      this.stdout = null;
      this.stderr = null;
      this.stdio = [null, null, null];
    }
    kill(signal) {
      if (this.exitCode !== null || this.signalCode !== null || this.pid === undefined) return false;
      const ok = native.childKill(this.pid, String(signal || 'SIGTERM'));
      if (ok) this.killed = true;
      return ok;
    }
    ref() {
      if (this._timer) this._timer.ref();
    }
    unref() {
      if (this._timer) this._timer.unref();
    }
    disconnect() {}
    send() {
      throw nodeError(Error, 'ERR_IPC_CHANNEL_CLOSED', 'Channel closed');
    }
  }

  function spawn(file, args, options) {
    const n = normalize(file, args, options, false);
    const child = new ChildProcess();
    child.spawnfile = n.file;
    child.spawnargs = [n.argv0 === n.file ? n.file : n.file].concat(n.args);
    const r = native.childSpawn(n.file, n.args, n.native);
    if (typeof r !== 'number') {
      const err = spawnError(r.error, n.file);
      globalThis.process.nextTick(() => {
        child.emit('error', err);
        child.emit('close', -2, null);
      });
      return child;
    }
    child.pid = r;
    const enc = null;
    const [inMode, outMode, errMode] = n.native.stdio;
    if (inMode === 'pipe') {
      child.stdin = new stream.Writable({
        write(chunk, e, cb) {
          native.childWrite(r, toBinary(chunk));
          cb();
        },
        final(cb) {
          native.childEnd(r);
          cb();
        },
      });
    }
    const mkOut = () => new stream.Readable({ read() {} });
    if (outMode === 'pipe') child.stdout = mkOut();
    if (errMode === 'pipe') child.stderr = mkOut();
    child.stdio = [child.stdin, child.stdout, child.stderr];
    let delay = 1;
    const poll = () => {
      const p = native.childPoll(r);
      if (p.stdout && child.stdout) child.stdout.push(decode(p.stdout, enc));
      if (p.stderr && child.stderr) child.stderr.push(decode(p.stderr, enc));
      if (!p.done) {
        // Back off while the child is quiet: a long one costs little.
        delay = p.stdout || p.stderr ? 1 : Math.min(delay * 2, 50);
        child._timer = setTimeout(poll, delay);
        if (child._unref) child._timer.unref();
        return;
      }
      child.exitCode = p.status;
      child.signalCode = p.signal;
      if (child.stdout) child.stdout.push(null);
      if (child.stderr) child.stderr.push(null);
      child.emit('exit', p.status, p.signal);
      let pending = [child.stdout, child.stderr].filter(Boolean).length;
      const close = () => child.emit('close', p.status, p.signal);
      if (!pending) return globalThis.process.nextTick(close);
      for (const s of [child.stdout, child.stderr]) {
        if (!s) continue;
        const done = () => {
          if (--pending === 0) close();
        };
        if (s.readableEnded) done();
        else {
          s.once('end', done);
          s.once('close', () => {
            if (!s.readableEnded) done();
          });
          // Output nobody reads still has to drain for 'close' to come.
          if (s.readableFlowing === null) s.resume();
        }
      }
    };
    child._timer = setTimeout(poll, 0);
    globalThis.process.nextTick(() => child.emit('spawn'));
    return child;
  }

  function execFile(file, args, options, callback) {
    if (typeof args === 'function') {
      callback = args;
      args = [];
      options = {};
    } else if (typeof options === 'function') {
      callback = options;
      if (!Array.isArray(args)) {
        options = args;
        args = [];
      } else options = {};
    }
    options = Object.assign({ encoding: 'utf8' }, options);
    const child = spawn(file, args, options);
    const out = [];
    const err = [];
    if (child.stdout) child.stdout.on('data', (c) => out.push(c));
    if (child.stderr) child.stderr.on('data', (c) => err.push(c));
    const text = (parts) => {
      const b = Buffer.concat(parts);
      return options.encoding && options.encoding !== 'buffer' ? b.toString(options.encoding) : b;
    };
    let timer = null;
    if (options.timeout > 0) timer = setTimeout(() => child.kill(options.killSignal || 'SIGTERM'), options.timeout);
    let errored = false;
    child.on('error', (e) => {
      errored = true;
      if (timer) clearTimeout(timer);
      if (callback) callback(e, text(out), text(err));
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (errored || !callback) return;
      const stdout = text(out);
      const stderr = text(err);
      if (code === 0 && signal === null) return callback(null, stdout, stderr);
      const cmd = options._command || [file].concat(Array.isArray(args) ? args : []).join(' ');
      const e = new Error(`Command failed: ${cmd}\n${stderr}`);
      Object.assign(e, { code, killed: child.killed, signal, cmd });
      callback(e, stdout, stderr);
    });
    return child;
  }
  function exec(command, options, callback) {
    if (typeof options === 'function') {
      callback = options;
      options = {};
    }
    options = Object.assign({}, options, { shell: (options && options.shell) || true, _command: command });
    return execFile(String(command), [], options, callback);
  }
  const custom = Symbol.for('nodejs.util.promisify.custom');
  for (const [name, f] of [['exec', exec], ['execFile', execFile]]) {
    f[custom] = (...args) => {
      let child;
      const p = new Promise((resolve, reject) => {
        child = f(...args, (err, stdout, stderr) => {
          if (err) reject(Object.assign(err, { stdout, stderr }));
          else resolve({ stdout, stderr });
        });
      });
      p.child = child;
      return p;
    };
    Object.defineProperty(f, 'name', { value: name });
  }
  function fork(modulePath) {
    throw seqmig.cannotRun('child_process.fork()', `it starts a Node process for '${modulePath}'`);
  }
  builtins.child_process = { spawn, spawnSync, exec, execSync, execFile, execFileSync, fork, ChildProcess };
})();
