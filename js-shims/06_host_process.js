// seqmig JS host: `process` (env written through to the real environment, argv, cwd,
// exit, hrtime, nextTick, loadEnvFile); the rest of Node's process loads on first use
// from 6g_node_process.js, its EventEmitter half from 62_node_events.js.
'use strict';
(function () {
  const native = globalThis.__seqmig_native;
  const seqmig = globalThis.__seqmig;
  function hide(obj, name, value) {
    Object.defineProperty(obj, name, { value, writable: true, configurable: true, enumerable: false });
  }

  const builtins = seqmig.builtins;
  const checkCallback = seqmig.checkCallback;
  const lazy = seqmig.lazyFromShim;
  const loadShim = seqmig.loadShim;

  // Node coerces env values to strings; writes also reach the real environment (dotenv
  // in .sequelizerc sets what seqmig-core later reads for use_env_variable).
  const env = new Proxy(native.env(), {
    set(target, key, value) {
      if (typeof key === 'symbol') return Reflect.set(target, key, value);
      target[key] = String(value);
      native.setEnv(key, target[key]);
      return true;
    },
    defineProperty(target, key, desc) {
      if (typeof key !== 'symbol' && 'value' in desc) {
        desc = Object.assign({}, desc, { value: String(desc.value) });
        native.setEnv(key, desc.value);
      }
      return Reflect.defineProperty(target, key, desc);
    },
    deleteProperty(target, key) {
      if (typeof key !== 'symbol') native.setEnv(key, undefined);
      return Reflect.deleteProperty(target, key);
    },
  });
  // Node's .env syntax (src/node_dotenv.cc), which dotenv's shares: `export` prefixes,
  // quotes (double quotes expand \n), values over several lines inside quotes, and
  // `#` comments after unquoted values.
  function parseEnv(text) {
    const out = {};
    const src = String(text).replace(/\r\n?/g, '\n');
    const line = /^\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\n]+)?\s*(?:#.*)?$/gm;
    let m;
    while ((m = line.exec(src)) !== null) {
      let value = (m[2] || '').trim();
      const q = value[0];
      value = value.replace(/^(['"`])([\s\S]*)\1$/, '$2');
      if (q === '"') value = value.replace(/\\n/g, '\n').replace(/\\r/g, '\r');
      out[m[1]] = value;
    }
    return out;
  }
  hide(seqmig, 'parseEnv', parseEnv);
  const platform = native.os().platform;
  const process = {
    title: 'node',
    version: 'v20.20.2',
    versions: { node: '20.20.2', seqmig: '0.1.0', v8: '11.3.244.8-node.33', uv: '1.46.0', modules: '115' },
    arch: native.os().arch,
    platform,
    release: { name: 'node' },
    env,
    argv: native.argv(),
    execArgv: [],
    execPath: '/usr/bin/node',
    get pid() {
      return native.sysUser().pid;
    },
    get ppid() {
      return native.sysUser().ppid;
    },
    exitCode: undefined,
    cwd: () => native.cwd(),
    chdir: (dir) => native.chdir(String(dir)),
    exit(code) {
      native.exit(code === undefined ? (process.exitCode ?? 0) : code);
    },
    abort() {
      native.exit(134);
    },
    nextTick(cb, ...args) {
      checkCallback(cb);
      Promise.resolve().then(() => cb(...args));
    },
    hrtime: Object.assign(
      function hrtime(prev) {
        const [s, ns] = native.hrtime();
        if (!prev) return [s, ns];
        let ds = s - prev[0];
        let dns = ns - prev[1];
        if (dns < 0) {
          ds -= 1;
          dns += 1e9;
        }
        return [ds, dns];
      },
      {
        bigint() {
          const [s, ns] = native.hrtime();
          return BigInt(s) * 1000000000n + BigInt(ns);
        },
      },
    ),
    uptime() {
      const [s, ns] = native.hrtime();
      return s + ns / 1e9;
    },
    emitWarning(warning, type) {
      const text = typeof warning === 'string' ? `${type || 'Warning'}: ${warning}` : `${warning.name}: ${warning.message}`;
      native.write(2, `(node:1) ${text}\n`);
    },
    umask: () => 0o22,
    // Node 20.12+: read a .env file into process.env, never overriding what is set.
    loadEnvFile(path = './.env') {
      const text = native.fsRead(String(path), false);
      const parsed = parseEnv(text);
      for (const k of Object.keys(parsed)) if (!(k in env)) env[k] = parsed[k];
    },
  };
  // What Node's process has beyond the basics above (memory and resource figures, ids,
  // stdio, the calls seqmig refuses) is defined on first use by 6g_node_process.js.
  const PROCESS_LAZY = ['memoryUsage', 'constrainedMemory', 'availableMemory', 'resourceUsage', 'cpuUsage', 'getuid', 'geteuid', 'getgid', 'getegid', 'getgroups', 'kill', 'dlopen', 'binding', 'setUncaughtExceptionCaptureCallback', 'hasUncaughtExceptionCaptureCallback', 'features', 'config', 'allowedNodeEnvironmentFlags', 'report', 'stdout', 'stderr', 'stdin'];
  for (const m of PROCESS_LAZY) lazy(process, m, '6g_node_process.js');
  lazy(seqmig, 'cannotRun', '6g_node_process.js');
  // 62_node_events.js makes process an EventEmitter (and replaces these) on first use.
  for (const m of ['on', 'once', 'off', 'addListener', 'removeListener', 'removeAllListeners', 'prependListener', 'emit', 'listeners', 'listenerCount']) {
    const stub = function (...args) {
      loadShim('62_node_events.js');
      if (process[m] === stub) throw new Error('process.' + m + ' is unavailable');
      return process[m].apply(this, args);
    };
    process[m] = stub;
  }
  hide(globalThis, 'process', process);
  builtins.process = process;
})();
