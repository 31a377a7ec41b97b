// node:os, node:url (URL/URLSearchParams when the engine has none, the legacy
// url.parse/format, file URLs), node:querystring, node:string_decoder, node:perf_hooks.
'use strict';
(function () {
  const native = globalThis.__seqmig_native;
  const seqmig = globalThis.__seqmig;
  const builtins = seqmig.builtins;
  const info = native.os();

  // The machine's own figures (natives/sys.rs), read at each call as Node does.
  const sys = () => native.sysInfo();
  const signals = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGILL: 4, SIGTRAP: 5, SIGABRT: 6, SIGIOT: 6, SIGBUS: 7, SIGFPE: 8, SIGKILL: 9, SIGUSR1: 10, SIGSEGV: 11, SIGUSR2: 12, SIGPIPE: 13, SIGALRM: 14, SIGTERM: 15, SIGCHLD: 17, SIGSTKFLT: 16, SIGCONT: 18, SIGSTOP: 19, SIGTSTP: 20, SIGTTIN: 21, SIGTTOU: 22, SIGURG: 23, SIGXCPU: 24, SIGXFSZ: 25, SIGVTALRM: 26, SIGPROF: 27, SIGWINCH: 28, SIGIO: 29, SIGPOLL: 29, SIGPWR: 30, SIGSYS: 31 };
  const errno = { E2BIG: 7, EACCES: 13, EADDRINUSE: 98, EADDRNOTAVAIL: 99, EAGAIN: 11, EBADF: 9, EBUSY: 16, ECHILD: 10, ECONNABORTED: 103, ECONNREFUSED: 111, ECONNRESET: 104, EEXIST: 17, EINTR: 4, EINVAL: 22, EIO: 5, EISDIR: 21, EMFILE: 24, ENOENT: 2, ENOMEM: 12, ENOSPC: 28, ENOTDIR: 20, ENOTEMPTY: 39, EPERM: 1, EPIPE: 32, ETIMEDOUT: 110 };
  builtins.os = {
    EOL: '\n',
    devNull: '/dev/null',
    platform: () => info.platform,
    type: () => (info.platform === 'darwin' ? 'Darwin' : info.platform === 'linux' ? 'Linux' : info.platform),
    arch: () => info.arch,
    machine: () => sys().machine || (info.arch === 'x64' ? 'x86_64' : info.arch),
    release: () => sys().release,
    version: () => sys().version,
    tmpdir: () => info.tmpdir,
    homedir: () => info.homedir,
    hostname: () => info.hostname,
    endianness: () => 'LE',
    cpus: () => native.sysCpus(),
    availableParallelism: () => sys().availableParallelism,
    totalmem: () => sys().totalmem,
    freemem: () => sys().freemem,
    loadavg: () => sys().loadavg,
    uptime: () => sys().uptime,
    networkInterfaces: () => native.sysInterfaces(),
    userInfo(options) {
      const u = native.sysUser();
      const out = { uid: u.uid, gid: u.gid, username: u.username || globalThis.process.env.USER || '', homedir: u.homedir || info.homedir, shell: u.shell };
      if (options && options.encoding === 'buffer') for (const k of ['username', 'homedir', 'shell']) if (typeof out[k] === 'string') out[k] = builtins.buffer.Buffer.from(out[k]);
      return out;
    },
    getPriority: () => 0,
    setPriority() {},
    constants: { signals, errno, priority: { PRIORITY_LOW: 19, PRIORITY_BELOW_NORMAL: 10, PRIORITY_NORMAL: 0, PRIORITY_ABOVE_NORMAL: -7, PRIORITY_HIGH: -14, PRIORITY_HIGHEST: -20 }, dlopen: { RTLD_LAZY: 1, RTLD_NOW: 2, RTLD_GLOBAL: 256, RTLD_LOCAL: 0 }, UV_UDP_REUSEADDR: 4 },
  };

  // ---- querystring
  function qsEscape(s) {
    return encodeURIComponent(s);
  }
  function qsUnescape(s) {
    try {
      return decodeURIComponent(s);
    } catch (_) {
      return s;
    }
  }
  const querystring = {
    escape: qsEscape,
    unescape: qsUnescape,
    parse(str, sep = '&', eq = '=') {
      const out = Object.create(null);
      if (typeof str !== 'string' || str.length === 0) return out;
      for (const part of str.split(sep)) {
        if (!part) continue;
        const i = part.indexOf(eq);
        const k = qsUnescape((i >= 0 ? part.slice(0, i) : part).replace(/\+/g, ' '));
        const v = i >= 0 ? qsUnescape(part.slice(i + eq.length).replace(/\+/g, ' ')) : '';
        if (k in out) out[k] = [].concat(out[k], v);
        else out[k] = v;
      }
      return out;
    },
    stringify(obj, sep = '&', eq = '=') {
      if (!obj || typeof obj !== 'object') return '';
      const enc = (v) => qsEscape(typeof v === 'string' ? v : typeof v === 'number' && isFinite(v) ? String(v) : typeof v === 'boolean' || typeof v === 'bigint' ? String(v) : '');
      return Object.keys(obj)
        .map((k) => (Array.isArray(obj[k]) ? obj[k].map((v) => enc(k) + eq + enc(v)).join(sep) : enc(k) + eq + enc(obj[k])))
        .filter(Boolean)
        .join(sep);
    },
  };
  querystring.decode = querystring.parse;
  querystring.encode = querystring.stringify;
  builtins.querystring = querystring;

  // ---- URL
  class URLSearchParams {
    constructor(init) {
      this._list = [];
      this._url = null;
      if (typeof init === 'string') this._parse(init);
      else if (Array.isArray(init)) for (const [k, v] of init) this._list.push([String(k), String(v)]);
      else if (init && typeof init === 'object') {
        if (typeof init[Symbol.iterator] === 'function') for (const [k, v] of init) this._list.push([String(k), String(v)]);
        else for (const k of Object.keys(init)) this._list.push([k, String(init[k])]);
      }
    }
    _parse(s) {
      this._list = [];
      s = s.replace(/^\?/, '');
      for (const part of s.split('&')) {
        if (!part) continue;
        const i = part.indexOf('=');
        const dec = (x) => qsUnescape(x.replace(/\+/g, ' '));
        this._list.push(i >= 0 ? [dec(part.slice(0, i)), dec(part.slice(i + 1))] : [dec(part), '']);
      }
    }
    _update() {
      if (this._url) {
        const s = this.toString();
        this._url._search = s ? '?' + s : '';
      }
    }
    append(k, v) {
      this._list.push([String(k), String(v)]);
      this._update();
    }
    delete(k) {
      this._list = this._list.filter(([x]) => x !== String(k));
      this._update();
    }
    get(k) {
      const e = this._list.find(([x]) => x === String(k));
      return e ? e[1] : null;
    }
    getAll(k) {
      return this._list.filter(([x]) => x === String(k)).map(([, v]) => v);
    }
    has(k) {
      return this._list.some(([x]) => x === String(k));
    }
    set(k, v) {
      const i = this._list.findIndex(([x]) => x === String(k));
      if (i < 0) this._list.push([String(k), String(v)]);
      else {
        this._list[i][1] = String(v);
        this._list = this._list.filter(([x], j) => j <= i || x !== String(k));
      }
      this._update();
    }
    sort() {
      this._list.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      this._update();
    }
    forEach(cb, thisArg) {
      for (const [k, v] of this._list) cb.call(thisArg, v, k, this);
    }
    keys() {
      return this._list.map(([k]) => k)[Symbol.iterator]();
    }
    values() {
      return this._list.map(([, v]) => v)[Symbol.iterator]();
    }
    entries() {
      return this._list.map(([k, v]) => [k, v])[Symbol.iterator]();
    }
    [Symbol.iterator]() {
      return this.entries();
    }
    get size() {
      return this._list.length;
    }
    toString() {
      const enc = (s) => encodeURIComponent(s).replace(/%20/g, '+');
      return this._list.map(([k, v]) => enc(k) + '=' + enc(v)).join('&');
    }
  }
  const SPECIAL = { 'http:': '80', 'https:': '443', 'ws:': '80', 'wss:': '443', 'ftp:': '21', 'file:': '' };
  class URL {
    constructor(input, base) {
      input = String(input).trim();
      const m = /^([a-zA-Z][a-zA-Z0-9+.-]*:)(\/\/([^/?#]*))?([^?#]*)(\?[^#]*)?(#.*)?$/.exec(input);
      if (!m) {
        if (base !== undefined) return URL._relative(input, new URL(base));
        const err = new TypeError('Invalid URL');
        err.code = 'ERR_INVALID_URL';
        err.input = input;
        throw err;
      }
      this._protocol = m[1].toLowerCase();
      const auth = m[3] === undefined ? null : m[3];
      this._username = '';
      this._password = '';
      this._hostname = '';
      this._port = '';
      if (auth !== null) {
        let hostport = auth;
        const at = auth.lastIndexOf('@');
        if (at >= 0) {
          const cred = auth.slice(0, at);
          hostport = auth.slice(at + 1);
          const c = cred.indexOf(':');
          this._username = c >= 0 ? cred.slice(0, c) : cred;
          this._password = c >= 0 ? cred.slice(c + 1) : '';
        }
        const pm = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(hostport);
        if (!pm) {
          const err = new TypeError('Invalid URL');
          err.code = 'ERR_INVALID_URL';
          err.input = input;
          throw err;
        }
        this._hostname = this._protocol in SPECIAL ? pm[1].toLowerCase() : pm[1];
        this._port = pm[2] && pm[2] !== SPECIAL[this._protocol] ? String(Number(pm[2])) : '';
      }
      let pathname = m[4] || '';
      if (this._protocol in SPECIAL && pathname === '') pathname = '/';
      this._pathname = pathname.replace(/ /g, '%20');
      this._search = m[5] && m[5] !== '?' ? m[5] : '';
      this._hash = m[6] && m[6] !== '#' ? m[6] : '';
      this._params = new URLSearchParams(this._search);
      this._params._url = this;
    }
    static _relative(input, base) {
      const path = builtins.path;
      let rel = input;
      let hash = '';
      let search = '';
      const h = rel.indexOf('#');
      if (h >= 0) {
        hash = rel.slice(h);
        rel = rel.slice(0, h);
      }
      const q = rel.indexOf('?');
      if (q >= 0) {
        search = rel.slice(q);
        rel = rel.slice(0, q);
      }
      let pathname = base.pathname;
      if (rel.startsWith('//')) return new URL(base.protocol + input);
      if (rel.startsWith('/')) pathname = rel;
      else if (rel) pathname = path.posix.normalize(base.pathname.replace(/[^/]*$/, '') + rel);
      if (!rel && !search) search = base.search;
      const auth = base.username ? base.username + (base.password ? ':' + base.password : '') + '@' : '';
      return new URL(`${base.protocol}//${auth}${base.host}${pathname}${search}${hash}`);
    }
    static canParse(input, base) {
      try {
        new URL(input, base);
        return true;
      } catch (_) {
        return false;
      }
    }
    get protocol() {
      return this._protocol;
    }
    set protocol(v) {
      this._protocol = String(v).replace(/:?$/, ':');
    }
    get username() {
      return this._username;
    }
    set username(v) {
      this._username = encodeURIComponent(String(v));
    }
    get password() {
      return this._password;
    }
    set password(v) {
      this._password = encodeURIComponent(String(v));
    }
    get hostname() {
      return this._hostname;
    }
    set hostname(v) {
      this._hostname = String(v);
    }
    get port() {
      return this._port;
    }
    set port(v) {
      this._port = String(v) === SPECIAL[this._protocol] ? '' : String(v);
    }
    get host() {
      return this._hostname + (this._port ? ':' + this._port : '');
    }
    get origin() {
      return this._protocol in SPECIAL && this._protocol !== 'file:' ? `${this._protocol}//${this.host}` : 'null';
    }
    get pathname() {
      return this._pathname;
    }
    set pathname(v) {
      this._pathname = String(v);
    }
    get search() {
      return this._search;
    }
    set search(v) {
      v = String(v);
      this._search = v && v !== '?' ? (v[0] === '?' ? v : '?' + v) : '';
      this._params._parse(this._search);
    }
    get searchParams() {
      return this._params;
    }
    get hash() {
      return this._hash;
    }
    set hash(v) {
      v = String(v);
      this._hash = v && v !== '#' ? (v[0] === '#' ? v : '#' + v) : '';
    }
    get href() {
      const auth = this._username || this._password ? this._username + (this._password ? ':' + this._password : '') + '@' : '';
      const slashes = this._protocol in SPECIAL || this._hostname || auth ? '//' : '';
      return `${this._protocol}${slashes}${auth}${this.host}${this._pathname}${this._search}${this._hash}`;
    }
    toString() {
      return this.href;
    }
    toJSON() {
      return this.href;
    }
  }
  if (typeof globalThis.URL === 'undefined') {
    seqmig.setGlobal('URL', URL);
    seqmig.setGlobal('URLSearchParams', URLSearchParams);
  }
  const TheURL = globalThis.URL;

  function legacyParse(s, parseQuery) {
    const m = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*:))?(?:\/\/(?:([^@/?#]*)@)?([^:/?#]*)(?::(\d+))?)?([^?#]*)(\?[^#]*)?(#.*)?$/.exec(String(s));
    const r = { protocol: null, slashes: null, auth: null, host: null, port: null, hostname: null, hash: null, search: null, query: null, pathname: null, path: null, href: String(s) };
    if (!m) return r;
    r.protocol = m[1] ? m[1].toLowerCase() : null;
    r.slashes = String(s).includes('//') ? true : null;
    r.auth = m[2] !== undefined ? decodeURIComponent(m[2]) : null;
    r.hostname = m[3] ? m[3].toLowerCase() : m[1] && r.slashes ? '' : null;
    r.port = m[4] || null;
    r.host = r.hostname !== null ? r.hostname + (r.port ? ':' + r.port : '') : null;
    r.pathname = m[5] || (r.slashes ? '/' : null);
    r.search = m[6] || null;
    r.query = m[6] ? (parseQuery ? querystring.parse(m[6].slice(1)) : m[6].slice(1)) : parseQuery ? Object.create(null) : null;
    r.hash = m[7] || null;
    r.path = (r.pathname || '') + (r.search || '') || null;
    return r;
  }
  function legacyFormat(u) {
    if (typeof u === 'string') return u;
    if (u instanceof TheURL) return u.href;
    const proto = u.protocol ? u.protocol.replace(/:?$/, ':') : '';
    const auth = u.auth ? encodeURIComponent(u.auth).replace(/%3A/i, ':') + '@' : '';
    const host = u.host || (u.hostname ? u.hostname + (u.port ? ':' + u.port : '') : '');
    const search = u.search || (u.query && typeof u.query === 'object' && Object.keys(u.query).length ? '?' + querystring.stringify(u.query) : '');
    const slashes = u.slashes || /^(https?|ftp|file|wss?):$/.test(proto) ? '//' : '';
    return `${proto}${host || slashes ? slashes : ''}${auth}${host}${u.pathname || ''}${search}${u.hash || ''}`;
  }
  builtins.url = {
    URL: TheURL,
    URLSearchParams: globalThis.URLSearchParams,
    parse: legacyParse,
    format: legacyFormat,
    resolve: (from, to) => new TheURL(to, new TheURL(from, 'resolve://')).href.replace(/^resolve:\/\//, ''),
    fileURLToPath(u) {
      const url = typeof u === 'string' ? new TheURL(u) : u;
      if (url.protocol !== 'file:') {
        const err = new TypeError('The URL must be of scheme file');
        err.code = 'ERR_INVALID_URL_SCHEME';
        throw err;
      }
      return decodeURIComponent(url.pathname);
    },
    pathToFileURL(p) {
      const abs = builtins.path.resolve(p);
      return new TheURL('file://' + encodeURI(abs).replace(/\?/g, '%3F').replace(/#/g, '%23'));
    },
  };

  // ---- string_decoder
  class StringDecoder {
    constructor(enc = 'utf8') {
      this.encoding = String(enc).toLowerCase().replace('-', '');
      this._pending = [];
    }
    write(buf) {
      const { Buffer } = builtins.buffer;
      const all = Buffer.concat([Buffer.from(this._pending), buf]);
      if (this.encoding !== 'utf8') {
        this._pending = [];
        return all.toString(this.encoding);
      }
      // Hold back an incomplete trailing UTF-8 sequence.
      let cut = all.length;
      for (let i = Math.max(0, all.length - 3); i < all.length; i++) {
        const b = all[i];
        const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
        if (need > 1 && i + need > all.length) {
          cut = i;
          break;
        }
      }
      this._pending = Array.from(all.subarray(cut));
      return all.subarray(0, cut).toString('utf8');
    }
    end(buf) {
      const s = buf ? this.write(buf) : '';
      const rest = this._pending.length ? builtins.buffer.Buffer.from(this._pending).toString(this.encoding) : '';
      this._pending = [];
      return s + rest;
    }
  }
  builtins.string_decoder = { StringDecoder };

  // ---- perf_hooks
  const t0 = Date.now();
  const performance =
    typeof globalThis.performance !== 'undefined'
      ? globalThis.performance
      : {
          now() {
            const [s, ns] = native.hrtime();
            return s * 1000 + ns / 1e6;
          },
          timeOrigin: t0,
          mark() {},
          measure() {},
        };
  if (typeof globalThis.performance === 'undefined') {
    seqmig.setGlobal('performance', performance);
  }
  class PerformanceObserver {
    constructor(cb) {
      this._cb = cb;
    }
    observe() {}
    disconnect() {}
    static get supportedEntryTypes() {
      return ['mark', 'measure'];
    }
  }
  function monitorEventLoopDelay() {
    return { enable: () => true, disable: () => true, reset() {}, percentile: () => 0, min: 0, max: 0, mean: 0, stddev: 0, exceeds: 0, percentiles: new Map(), count: 0 };
  }
  builtins.perf_hooks = {
    performance,
    PerformanceObserver,
    monitorEventLoopDelay,
    createHistogram: monitorEventLoopDelay,
    constants: { NODE_PERFORMANCE_GC_MAJOR: 4, NODE_PERFORMANCE_GC_MINOR: 1, NODE_PERFORMANCE_GC_INCREMENTAL: 8, NODE_PERFORMANCE_GC_WEAKCB: 16 },
  };
  builtins.constants = { O_RDONLY: 0, O_WRONLY: 1, O_RDWR: 2, F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1 };
})();
