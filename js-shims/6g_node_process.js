// The parts of `process` a migration seldom reads (memory and resource figures from the
// kernel, ids, stdout/stderr/stdin with a truthful isTTY, the calls seqmig refuses) and
// `cannotRun`, the one-line refusal every built-in uses: defined on first use (06_host_process.js
// lists the names), so that start-up parses none of it.
'use strict';
(function () {
  const native = globalThis.__seqmig_native;
  const seqmig = globalThis.__seqmig;
  const builtins = seqmig.builtins;
  const process = globalThis.process;
  const { nodeError, userFrame, nodeFrames, framesOf } = seqmig;

  // What a built-in cannot do without Node (open a socket, load a native addon, start a
  // thread): one line naming the call, where the user's code made it and, when that is
  // inside a package, the user's own file that led there.
  function cannotRun(what, reason, code) {
    const lines = nodeFrames(framesOf(new Error()) || '');
    const frames = lines.map((l) => userFrame(l)).filter(Boolean);
    const at = frames[0];
    const own = frames.find((f) => f.file.indexOf('/node_modules/') < 0);
    let where = '';
    if (at) where = ` (called at ${at.file}:${at.line}${own && own !== at ? `, from ${own.file}:${own.line}` : ''})`;
    const err = nodeError(Error, code || 'ERR_SEQMIG_UNSUPPORTED', `seqmig cannot run ${what}${where}: ${reason}`);
    Object.defineProperty(err, 'seqmigRequiredAt', { value: own || at || null, writable: true, configurable: true, enumerable: false });
    return err;
  }
  seqmig.cannotRun = cannotRun;

  // process.stdout & co: isTTY and the size as the kernel says (Node leaves isTTY
  // undefined on a pipe or a file), read when first asked.
  function stdio(fd) {
    let tty;
    const isTTY = () => (tty === undefined ? (tty = native.isatty(fd)) : tty);
    const out = { fd };
    if (fd > 0) out.write = (s, enc, cb) => {
      native.write(fd, typeof s === 'string' ? s : builtins.buffer ? builtins.buffer.Buffer.from(s).toString(typeof enc === 'string' ? enc : 'utf8') : String(s));
      const done = typeof enc === 'function' ? enc : cb;
      if (typeof done === 'function') process.nextTick(done);
      return true;
    };
    Object.defineProperty(out, 'isTTY', { get: () => (isTTY() ? true : undefined), set(v) { tty = !!v; }, enumerable: true, configurable: true });
    Object.defineProperty(out, 'columns', { get: () => (isTTY() ? (native.ttySize(fd) || [80])[0] : undefined), enumerable: true, configurable: true });
    Object.defineProperty(out, 'rows', { get: () => (isTTY() ? (native.ttySize(fd) || [80, 24])[1] : undefined), enumerable: true, configurable: true });
    if (fd > 0) {
      out.getColorDepth = () => (isTTY() ? 8 : 1);
      out.hasColors = (n = 16) => isTTY() && n <= 256;
      for (const m of ['on', 'once', 'off', 'removeListener', 'addListener', 'emit', 'end', 'cork', 'uncork']) out[m] = function () { return this; };
      out.writable = true;
    }
    return out;
  }
  const extras = {
    memoryUsage: Object.assign(() => native.sysMemoryUsage(), {
      rss: () => native.sysMemoryUsage().rss,
    }),
    // Node 20: the cgroup's limit, undefined when there is none.
    constrainedMemory: () => native.sysInfo().constrainedMemory ?? undefined,
    availableMemory: () => native.sysInfo().freemem,
    resourceUsage: () => native.sysResourceUsage(),
    cpuUsage(prev) {
      const r = native.sysResourceUsage();
      const now = { user: r.userCPUTime, system: r.systemCPUTime };
      return prev ? { user: now.user - prev.user, system: now.system - prev.system } : now;
    },
    getuid: () => native.sysUser().uid,
    geteuid: () => native.sysUser().uid,
    getgid: () => native.sysUser().gid,
    getegid: () => native.sysUser().gid,
    getgroups: () => [native.sysUser().gid],
    kill(pid, signal) {
      if (Number(pid) === process.pid) throw cannotRun('process.kill() of seqmig itself', 'a migration cannot signal the process running it');
      throw cannotRun('process.kill()', 'seqmig does not signal other processes');
    },
    dlopen() {
      throw cannotRun('process.dlopen()', 'native addons need Node');
    },
    binding(name) {
      throw cannotRun(`process.binding('${name}')`, "Node's internal bindings do not exist in seqmig");
    },
    setUncaughtExceptionCaptureCallback() {},
    hasUncaughtExceptionCaptureCallback: () => false,
    features: { inspector: false, ipv6: true, tls: false, tls_alpn: false, tls_ocsp: false, tls_sni: false, typescript: false, cached_builtins: true },
    config: { variables: {} },
    allowedNodeEnvironmentFlags: new Set(),
    report: { getReport: () => ({}), writeReport: () => '' },
    stdout: stdio(1),
    stderr: stdio(2),
    stdin: stdio(0),
  };
  for (const [k, v] of Object.entries(extras)) process[k] = v;
})();
