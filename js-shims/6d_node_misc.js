// The node built-ins a migration's packages load but seldom use: async_hooks
// (AsyncLocalStorage for real, over async_context.rs), worker_threads, v8, vm-less
// diagnostics_channel, readline, and the network modules (http, https, net, tls, dns,
// http2, dgram): their classes and constants load, and what would open a socket throws
// one line naming the call and where it was made (seqmig opens no connection besides
// its database drivers').
'use strict';
(function () {
  const native = globalThis.__seqmig_native;
  const seqmig = globalThis.__seqmig;
  const builtins = seqmig.builtins;
  const EventEmitter = builtins.events;
  const stream = builtins.stream;
  const { cannotRun, nodeError } = seqmig;

  // ---------------------------------------------------------------- async_hooks

  // A frame is a Map from storage to store, never changed once current. A promise
  // reaction keeps the frame of the code that registered it (async_context.rs), so
  // `await als.run(store, async () => ...)` is back in the outer frame after the await.
  function runIn(frame, fn, args, self) {
    seqmig.asyncUsed = true;
    const prev = native.asyncFrameSet(frame);
    try {
      return fn.apply(self, args);
    } finally {
      native.asyncFrameSet(prev);
    }
  }
  function withStore(als, store, remove) {
    const m = new Map(native.asyncFrame() || []);
    if (remove) m.delete(als);
    else m.set(als, store);
    return m.size ? m : undefined;
  }
  class AsyncLocalStorage {
    static bind(fn) {
      const frame = native.asyncFrame();
      return function (...args) {
        return runIn(frame, fn, args, this);
      };
    }
    static snapshot() {
      const frame = native.asyncFrame();
      return (fn, ...args) => runIn(frame, fn, args);
    }
    getStore() {
      const f = native.asyncFrame();
      return f ? f.get(this) : undefined;
    }
    run(store, fn, ...args) {
      return runIn(withStore(this, store, false), fn, args);
    }
    exit(fn, ...args) {
      return runIn(withStore(this, undefined, true), fn, args);
    }
    enterWith(store) {
      seqmig.asyncUsed = true;
      native.asyncFrameSet(withStore(this, store, false));
    }
    disable() {
      native.asyncFrameSet(withStore(this, undefined, true));
    }
  }
  class AsyncResource {
    constructor(type, opts) {
      if (typeof type !== 'string' || type === '') {
        throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "type" argument must be of type string. Received ${seqmig.describeReceived(type)}`);
      }
      seqmig.asyncUsed = true;
      this._async = native.asyncCapture(type, this, true);
      void opts;
    }
    runInAsyncScope(fn, self, ...args) {
      return native.asyncRun(this._async, fn, self, args);
    }
    bind(fn, self) {
      const r = this;
      const bound = function (...args) {
        return r.runInAsyncScope(fn, self === undefined ? this : self, ...args);
      };
      Object.defineProperty(bound, 'length', { value: fn.length });
      bound.asyncResource = r;
      return bound;
    }
    static bind(fn, type, self) {
      return new AsyncResource(type || fn.name || 'bound-anonymous-fn').bind(fn, self);
    }
    emitDestroy() {
      native.asyncDestroy(this._async);
      return this;
    }
    asyncId() {
      return native.asyncIds(this._async)[0];
    }
    triggerAsyncId() {
      return native.asyncIds(this._async)[1];
    }
  }

  // createHook: the enabled hooks hear of promise reactions (`then`, `await`; type
  // PROMISE), timers (Timeout, Immediate) and AsyncResources: init when the resource is
  // made (with the active context, as cls-hooked needs), before / after around each run,
  // destroy once it is done. promiseResolve is accepted and never sent.
  const enabled = [];
  function dispatch(event, asyncId, type, triggerAsyncId, resource) {
    for (const hook of enabled.slice()) {
      const fn = hook._callbacks[event];
      if (typeof fn !== 'function') continue;
      if (event === 'init') fn.call(hook, asyncId, type, triggerAsyncId, resource);
      else fn.call(hook, asyncId);
    }
  }
  class AsyncHook {
    constructor(callbacks) {
      for (const k of ['init', 'before', 'after', 'destroy', 'promiseResolve']) {
        if (callbacks[k] !== undefined && typeof callbacks[k] !== 'function') {
          throw nodeError(TypeError, 'ERR_ASYNC_CALLBACK', `hook.${k} must be a function`);
        }
      }
      this._callbacks = { init: callbacks.init, before: callbacks.before, after: callbacks.after, destroy: callbacks.destroy };
    }
    enable() {
      if (!enabled.includes(this)) {
        seqmig.asyncUsed = true;
        enabled.push(this);
        native.asyncHooksSet(dispatch);
      }
      return this;
    }
    disable() {
      const i = enabled.indexOf(this);
      if (i >= 0) {
        enabled.splice(i, 1);
        if (!enabled.length) native.asyncHooksSet(undefined);
      }
      return this;
    }
  }
  builtins.async_hooks = {
    AsyncLocalStorage,
    AsyncResource,
    createHook(callbacks) {
      if (callbacks === null || typeof callbacks !== 'object') {
        throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "callbacks" argument must be of type object. Received ${seqmig.describeReceived(callbacks)}`);
      }
      return new AsyncHook(callbacks);
    },
    executionAsyncId: () => native.asyncIds()[0],
    triggerAsyncId: () => native.asyncIds()[1],
    executionAsyncResource: () => ({}),
    asyncWrapProviders: {},
  };

  // ---------------------------------------------------------------- worker_threads, v8, misc

  class Worker extends EventEmitter {
    constructor(filename) {
      super();
      throw cannotRun('new worker_threads.Worker()', `it starts a Node thread for '${filename}'`);
    }
  }
  const { port1, port2 } = typeof MessageChannel === 'function' ? new MessageChannel() : { port1: null, port2: null };
  builtins.worker_threads = {
    isMainThread: true,
    parentPort: null,
    workerData: null,
    threadId: 0,
    resourceLimits: {},
    SHARE_ENV: Symbol.for('nodejs.worker_threads.SHARE_ENV'),
    Worker,
    MessageChannel: globalThis.MessageChannel,
    MessagePort: port1 ? port1.constructor : undefined,
    BroadcastChannel: globalThis.BroadcastChannel,
    markAsUntransferable() {},
    getEnvironmentData: () => undefined,
    setEnvironmentData() {},
    receiveMessageOnPort: () => undefined,
  };
  void port2;

  function heapStatistics() {
    const info = native.sysInfo();
    const mem = native.sysMemoryUsage();
    const limit = info.constrainedMemory || info.totalmem;
    return {
      total_heap_size: mem.heapTotal,
      total_heap_size_executable: 0,
      total_physical_size: mem.rss,
      total_available_size: Math.max(0, limit - mem.rss),
      used_heap_size: mem.heapUsed,
      heap_size_limit: limit,
      malloced_memory: mem.heapUsed,
      peak_malloced_memory: mem.heapUsed,
      does_zap_garbage: 0,
      number_of_native_contexts: 1,
      number_of_detached_contexts: 0,
      total_global_handles_size: 0,
      used_global_handles_size: 0,
      external_memory: 0,
    };
  }
  builtins.v8 = {
    getHeapStatistics: heapStatistics,
    getHeapSpaceStatistics: () => [],
    getHeapCodeStatistics: () => ({ code_and_metadata_size: 0, bytecode_and_metadata_size: 0, external_script_source_size: 0, cpu_profiler_metadata_size: 0 }),
    cachedDataVersionTag: () => 0,
    setFlagsFromString() {},
    serialize: (v) => builtins.buffer.Buffer.from(JSON.stringify(v)),
    deserialize: (b) => JSON.parse(String(b)),
    writeHeapSnapshot() {
      throw cannotRun('v8.writeHeapSnapshot()', 'Boa has no V8 heap to write');
    },
    getHeapSnapshot() {
      throw cannotRun('v8.getHeapSnapshot()', 'Boa has no V8 heap to read');
    },
    isStringOneByteRepresentation: (s) => !/[^\u0000-\u00ff]/.test(s),
  };

  class Channel {
    constructor(name) {
      this.name = name;
      this._subs = [];
    }
    get hasSubscribers() {
      return this._subs.length > 0;
    }
    subscribe(fn) {
      this._subs.push(fn);
    }
    unsubscribe(fn) {
      const i = this._subs.indexOf(fn);
      if (i < 0) return false;
      this._subs.splice(i, 1);
      return true;
    }
    publish(message) {
      for (const fn of this._subs.slice()) fn(message, this.name);
    }
    bindStore() {}
    unbindStore() {}
    runStores(data, fn, self, ...args) {
      this.publish(data);
      return fn.apply(self, args);
    }
  }
  const channels = new Map();
  const channel = (name) => {
    if (!channels.has(name)) channels.set(name, new Channel(name));
    return channels.get(name);
  };
  builtins.diagnostics_channel = {
    channel,
    hasSubscribers: (name) => channel(name).hasSubscribers,
    subscribe: (name, fn) => channel(name).subscribe(fn),
    unsubscribe: (name, fn) => channel(name).unsubscribe(fn),
    tracingChannel: (name) => {
      const n = typeof name === 'string' ? name : 'anonymous';
      const t = { start: channel(`tracing:${n}:start`), end: channel(`tracing:${n}:end`), asyncStart: channel(`tracing:${n}:asyncStart`), asyncEnd: channel(`tracing:${n}:asyncEnd`), error: channel(`tracing:${n}:error`) };
      return Object.assign(t, {
        get hasSubscribers() {
          return Object.values(t).some((c) => c instanceof Channel && c.hasSubscribers);
        },
        subscribe() {},
        unsubscribe() {},
        traceSync: (fn, ctx, self, ...args) => fn.apply(self, args),
        tracePromise: (fn, ctx, self, ...args) => fn.apply(self, args),
        traceCallback: (fn, pos, ctx, self, ...args) => fn.apply(self, args),
      });
    },
    Channel,
  };

  // readline over a stream: lines as 'line' events and async iteration (no terminal).
  class Interface extends EventEmitter {
    constructor(input, output) {
      super();
      const opts = input && input.input ? input : { input, output };
      this.input = opts.input;
      this.output = opts.output;
      this.terminal = false;
      this.line = '';
      this.closed = false;
      let rest = '';
      if (this.input && typeof this.input.on === 'function') {
        this.input.on('data', (chunk) => {
          rest += String(chunk);
          const lines = rest.split(/\r?\n/);
          rest = lines.pop();
          for (const l of lines) this.emit('line', l);
        });
        this.input.on('end', () => {
          if (rest) this.emit('line', rest);
          rest = '';
          this.close();
        });
      }
    }
    close() {
      if (this.closed) return;
      this.closed = true;
      this.emit('close');
    }
    setPrompt(p) {
      this._prompt = p;
    }
    getPrompt() {
      return this._prompt || '> ';
    }
    prompt() {
      if (this.output && this.output.write) this.output.write(this.getPrompt());
    }
    question(query, opts, cb) {
      if (typeof opts === 'function') cb = opts;
      if (this.output && this.output.write) this.output.write(query);
      this.once('line', (l) => cb && cb(l));
    }
    write(d) {
      if (this.output && this.output.write) this.output.write(d);
    }
    pause() {
      if (this.input && this.input.pause) this.input.pause();
      return this;
    }
    resume() {
      if (this.input && this.input.resume) this.input.resume();
      return this;
    }
    async *[Symbol.asyncIterator]() {
      const queue = [];
      let wake = null;
      let done = false;
      this.on('line', (l) => {
        queue.push(l);
        if (wake) wake();
      });
      this.on('close', () => {
        done = true;
        if (wake) wake();
      });
      for (;;) {
        if (queue.length) yield queue.shift();
        else if (done) return;
        else await new Promise((r) => (wake = r));
      }
    }
  }
  const readline = {
    Interface,
    createInterface: (input, output) => new Interface(input, output),
    clearLine: (s, dir, cb) => (s && s.clearLine ? s.clearLine(dir, cb) : true),
    clearScreenDown: (s, cb) => (s && s.clearScreenDown ? s.clearScreenDown(cb) : true),
    cursorTo: (s, x, y, cb) => (s && s.cursorTo ? s.cursorTo(x, y, cb) : true),
    moveCursor: (s, dx, dy, cb) => (s && s.moveCursor ? s.moveCursor(dx, dy, cb) : true),
    emitKeypressEvents() {},
  };
  builtins.readline = readline;
  builtins['readline/promises'] = {
    Interface,
    createInterface: (input, output) => {
      const rl = new Interface(input, output);
      const q = rl.question.bind(rl);
      rl.question = (query) => new Promise((resolve) => q(query, resolve));
      return rl;
    },
  };

  // ---------------------------------------------------------------- network

  const noSocket = 'seqmig opens no network connection besides its database drivers';
  const refuse = (what) =>
    function () {
      throw cannotRun(what, noSocket);
    };

  // net
  const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
  function isIPv6(s) {
    s = String(s);
    if (s.includes('%')) s = s.slice(0, s.indexOf('%'));
    if (!/^[0-9a-fA-F:.]+$/.test(s) || (s.match(/::/g) || []).length > 1) return false;
    let parts = s.split(':');
    const last = parts[parts.length - 1];
    let groups = 8;
    if (last.includes('.')) {
      if (!IPV4.test(last)) return false;
      parts = parts.slice(0, -1);
      groups = 6;
    }
    if (s.includes('::')) return parts.filter((p) => p !== '').length < groups && parts.every((p) => /^[0-9a-fA-F]{0,4}$/.test(p));
    return parts.length === groups && parts.every((p) => /^[0-9a-fA-F]{1,4}$/.test(p));
  }
  const isIPv4 = (s) => IPV4.test(String(s));
  const isIP = (s) => (isIPv4(s) ? 4 : isIPv6(s) ? 6 : 0);
  class Socket extends stream.Duplex {
    constructor(opts) {
      super(opts);
      this.connecting = false;
      this.remoteAddress = undefined;
      this.remotePort = undefined;
      this.bytesRead = 0;
      this.bytesWritten = 0;
    }
    connect() {
      throw cannotRun('net.Socket.connect()', noSocket);
    }
    _read() {}
    _write(c, e, cb) {
      cb(nodeError(Error, 'ERR_SOCKET_CLOSED', 'Socket is closed'));
    }
    setTimeout() {
      return this;
    }
    setNoDelay() {
      return this;
    }
    setKeepAlive() {
      return this;
    }
    ref() {
      return this;
    }
    unref() {
      return this;
    }
    address() {
      return {};
    }
  }
  class Server extends EventEmitter {
    constructor(opts, listener) {
      super();
      if (typeof opts === 'function') listener = opts;
      if (listener) this.on('request', listener);
      this.listening = false;
    }
    listen() {
      throw cannotRun(`${this._module || 'net'}.Server.listen()`, 'seqmig runs migrations and listens on no port');
    }
    close(cb) {
      if (cb) globalThis.process.nextTick(cb);
      return this;
    }
    address() {
      return null;
    }
    ref() {
      return this;
    }
    unref() {
      return this;
    }
    getConnections(cb) {
      if (cb) globalThis.process.nextTick(cb, null, 0);
    }
  }
  class BlockList {
    constructor() {
      this._rules = [];
    }
    addAddress(a) {
      this._rules.push(a);
    }
    check(a) {
      return this._rules.includes(a);
    }
  }
  builtins.net = {
    Socket,
    Stream: Socket,
    Server,
    BlockList,
    isIP,
    isIPv4,
    isIPv6,
    createServer: (opts, l) => new Server(opts, l),
    connect: refuse('net.connect()'),
    createConnection: refuse('net.createConnection()'),
    getDefaultAutoSelectFamily: () => true,
    setDefaultAutoSelectFamily() {},
  };

  // http / https
  const STATUS_CODES = {
    100: 'Continue', 101: 'Switching Protocols', 102: 'Processing', 103: 'Early Hints', 200: 'OK', 201: 'Created', 202: 'Accepted',
    203: 'Non-Authoritative Information', 204: 'No Content', 205: 'Reset Content', 206: 'Partial Content', 207: 'Multi-Status',
    208: 'Already Reported', 226: 'IM Used', 300: 'Multiple Choices', 301: 'Moved Permanently', 302: 'Found', 303: 'See Other',
    304: 'Not Modified', 305: 'Use Proxy', 307: 'Temporary Redirect', 308: 'Permanent Redirect', 400: 'Bad Request',
    401: 'Unauthorized', 402: 'Payment Required', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
    406: 'Not Acceptable', 407: 'Proxy Authentication Required', 408: 'Request Timeout', 409: 'Conflict', 410: 'Gone',
    411: 'Length Required', 412: 'Precondition Failed', 413: 'Payload Too Large', 414: 'URI Too Long',
    415: 'Unsupported Media Type', 416: 'Range Not Satisfiable', 417: 'Expectation Failed', 418: "I'm a Teapot",
    421: 'Misdirected Request', 422: 'Unprocessable Entity', 423: 'Locked', 424: 'Failed Dependency', 425: 'Too Early',
    426: 'Upgrade Required', 428: 'Precondition Required', 429: 'Too Many Requests', 431: 'Request Header Fields Too Large',
    451: 'Unavailable For Legal Reasons', 500: 'Internal Server Error', 501: 'Not Implemented', 502: 'Bad Gateway',
    503: 'Service Unavailable', 504: 'Gateway Timeout', 505: 'HTTP Version Not Supported', 506: 'Variant Also Negotiates',
    507: 'Insufficient Storage', 508: 'Loop Detected', 509: 'Bandwidth Limit Exceeded', 510: 'Not Extended',
    511: 'Network Authentication Required',
  };
  const METHODS = ['ACL', 'BIND', 'CHECKOUT', 'CONNECT', 'COPY', 'DELETE', 'GET', 'HEAD', 'LINK', 'LOCK', 'M-SEARCH', 'MERGE', 'MKACTIVITY', 'MKCALENDAR', 'MKCOL', 'MOVE', 'NOTIFY', 'OPTIONS', 'PATCH', 'POST', 'PROPFIND', 'PROPPATCH', 'PURGE', 'PUT', 'QUERY', 'REBIND', 'REPORT', 'SEARCH', 'SOURCE', 'SUBSCRIBE', 'TRACE', 'UNBIND', 'UNLINK', 'UNLOCK', 'UNSUBSCRIBE'];
  class Agent extends EventEmitter {
    constructor(options) {
      super();
      this.options = Object.assign({ path: null }, options);
      this.keepAlive = !!this.options.keepAlive;
      this.maxSockets = this.options.maxSockets || Infinity;
      this.maxFreeSockets = this.options.maxFreeSockets || 256;
      this.defaultPort = 80;
      this.protocol = 'http:';
      this.requests = Object.create(null);
      this.sockets = Object.create(null);
      this.freeSockets = Object.create(null);
    }
    createConnection() {
      throw cannotRun('http.Agent.createConnection()', noSocket);
    }
    getName(o = {}) {
      return `${o.host || 'localhost'}:${o.port || ''}:${o.localAddress || ''}`;
    }
    destroy() {}
  }
  class OutgoingMessage extends stream.Writable {
    constructor() {
      super();
      this._headers = Object.create(null);
      this.headersSent = false;
      this.finished = false;
      this.sendDate = false;
    }
    setHeader(name, value) {
      this._headers[String(name).toLowerCase()] = [name, value];
      return this;
    }
    appendHeader(name, value) {
      const k = String(name).toLowerCase();
      const cur = this._headers[k];
      this._headers[k] = [name, cur ? [].concat(cur[1], value) : value];
      return this;
    }
    getHeader(name) {
      const h = this._headers[String(name).toLowerCase()];
      return h ? h[1] : undefined;
    }
    getHeaders() {
      const out = Object.create(null);
      for (const k of Object.keys(this._headers)) out[k] = this._headers[k][1];
      return out;
    }
    getHeaderNames() {
      return Object.keys(this._headers);
    }
    getRawHeaderNames() {
      return Object.values(this._headers).map((h) => h[0]);
    }
    hasHeader(name) {
      return String(name).toLowerCase() in this._headers;
    }
    removeHeader(name) {
      delete this._headers[String(name).toLowerCase()];
    }
    flushHeaders() {}
    setTimeout() {
      return this;
    }
  }
  class ServerResponse extends OutgoingMessage {
    constructor(req) {
      super();
      this.req = req;
      this.statusCode = 200;
      this.statusMessage = undefined;
    }
    writeHead(code, msg, headers) {
      this.statusCode = code;
      if (typeof msg === 'string') this.statusMessage = msg;
      else headers = msg;
      if (headers) for (const k of Object.keys(headers)) this.setHeader(k, headers[k]);
      return this;
    }
    _write(c, e, cb) {
      cb(cannotRun('http.ServerResponse.write()', 'seqmig serves no HTTP request'));
    }
  }
  class ClientRequest extends OutgoingMessage {
    constructor() {
      super();
      throw cannotRun('http.ClientRequest()', noSocket);
    }
  }
  class IncomingMessage extends stream.Readable {
    constructor(socket) {
      super();
      this.socket = socket || null;
      this.headers = {};
      this.rawHeaders = [];
      this.trailers = {};
      this.rawTrailers = [];
      this.httpVersion = '1.1';
      this.httpVersionMajor = 1;
      this.httpVersionMinor = 1;
      this.method = null;
      this.url = '';
      this.statusCode = null;
      this.statusMessage = null;
      this.complete = false;
    }
    _read() {}
    setTimeout() {
      return this;
    }
  }
  function validateHeaderName(name) {
    if (typeof name !== 'string' || !name || !/^[\^_`a-zA-Z\-0-9!#$%&'*+.|~]+$/.test(name)) {
      throw nodeError(TypeError, 'ERR_INVALID_HTTP_TOKEN', `Header name must be a valid HTTP token ["${name}"]`);
    }
  }
  function validateHeaderValue(name, value) {
    if (value === undefined) throw nodeError(TypeError, 'ERR_HTTP_INVALID_HEADER_VALUE', `Invalid value "${value}" for header "${name}"`);
    if (/[^\t\x20-\x7e\x80-\xff]/.test(String(value))) throw nodeError(TypeError, 'ERR_INVALID_CHAR', `Invalid character in header content ["${name}"]`);
  }
  function httpModule(name, defaultPort) {
    class ModServer extends Server {
      constructor(opts, l) {
        super(opts, l);
        this._module = name;
      }
    }
    const globalAgent = new Agent();
    globalAgent.defaultPort = defaultPort;
    globalAgent.protocol = name + ':';
    return {
      METHODS,
      STATUS_CODES,
      Agent,
      globalAgent,
      Server: ModServer,
      ServerResponse,
      IncomingMessage,
      OutgoingMessage,
      ClientRequest,
      maxHeaderSize: 16384,
      createServer: (opts, l) => new ModServer(opts, l),
      request: refuse(`${name}.request()`),
      get: refuse(`${name}.get()`),
      validateHeaderName,
      validateHeaderValue,
      setMaxIdleHTTPParsers() {},
    };
  }
  builtins.http = httpModule('http', 80);
  builtins.https = httpModule('https', 443);

  class TLSSocket extends Socket {}
  builtins.tls = {
    TLSSocket,
    Server: class extends Server {
      constructor(o, l) {
        super(o, l);
        this._module = 'tls';
      }
    },
    SecureContext: class SecureContext {},
    connect: refuse('tls.connect()'),
    createServer: refuse('tls.createServer()'),
    createSecureContext: (opts) => ({ context: {}, options: opts }),
    checkServerIdentity: () => undefined,
    getCiphers: () => ['aes128-gcm-sha256', 'aes256-gcm-sha384', 'chacha20-poly1305'],
    rootCertificates: Object.freeze([]),
    DEFAULT_ECDH_CURVE: 'auto',
    DEFAULT_MIN_VERSION: 'TLSv1.2',
    DEFAULT_MAX_VERSION: 'TLSv1.3',
    DEFAULT_CIPHERS: 'TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256',
  };

  const dnsCodes = ['NODATA', 'FORMERR', 'SERVFAIL', 'NOTFOUND', 'NOTIMP', 'REFUSED', 'BADQUERY', 'BADNAME', 'BADFAMILY', 'BADRESP', 'CONNREFUSED', 'TIMEOUT', 'EOF', 'FILE', 'NOMEM', 'DESTRUCTION', 'BADSTR', 'BADFLAGS', 'NONAME', 'BADHINTS', 'NOTINITIALIZED', 'LOADIPHLPAPI', 'ADDRGETNETWORKPARAMS', 'CANCELLED'];
  const dns = { ADDRCONFIG: 1024, V4MAPPED: 2048, ALL: 256 };
  for (const c of dnsCodes) dns[c] = 'E' + c;
  const dnsPromises = {};
  for (const fn of ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveMx', 'resolveNs', 'resolveTxt', 'resolveSrv', 'resolvePtr', 'resolveNaptr', 'resolveSoa', 'reverse']) {
    dns[fn] = refuse(`dns.${fn}()`);
    dnsPromises[fn] = refuse(`dns.promises.${fn}()`);
  }
  class Resolver {
    getServers() {
      return [];
    }
    setServers() {}
    cancel() {}
  }
  for (const fn of Object.keys(dnsPromises)) Resolver.prototype[fn] = refuse(`dns.Resolver.${fn}()`);
  Object.assign(dns, {
    Resolver,
    getServers: () => [],
    setServers() {},
    setDefaultResultOrder() {},
    getDefaultResultOrder: () => 'verbatim',
    promises: Object.assign({ Resolver }, dnsPromises),
  });
  builtins.dns = dns;
  builtins['dns/promises'] = dns.promises;

  const h2constants = {
    NGHTTP2_SESSION_SERVER: 0, NGHTTP2_SESSION_CLIENT: 1, HTTP2_HEADER_STATUS: ':status', HTTP2_HEADER_METHOD: ':method',
    HTTP2_HEADER_AUTHORITY: ':authority', HTTP2_HEADER_SCHEME: ':scheme', HTTP2_HEADER_PATH: ':path',
    HTTP2_HEADER_CONTENT_TYPE: 'content-type', HTTP2_HEADER_CONTENT_LENGTH: 'content-length',
    HTTP2_HEADER_ACCEPT: 'accept', HTTP2_HEADER_ACCEPT_ENCODING: 'accept-encoding', HTTP2_HEADER_AUTHORIZATION: 'authorization',
    HTTP2_HEADER_USER_AGENT: 'user-agent', HTTP2_METHOD_GET: 'GET', HTTP2_METHOD_POST: 'POST', HTTP2_METHOD_PUT: 'PUT',
    HTTP2_METHOD_DELETE: 'DELETE', HTTP_STATUS_OK: 200, HTTP_STATUS_NOT_FOUND: 404, NGHTTP2_CANCEL: 8,
  };
  builtins.http2 = {
    constants: h2constants,
    connect: refuse('http2.connect()'),
    createServer: refuse('http2.createServer()'),
    createSecureServer: refuse('http2.createSecureServer()'),
    getDefaultSettings: () => ({ headerTableSize: 4096, enablePush: true, initialWindowSize: 65535, maxFrameSize: 16384, maxConcurrentStreams: 4294967295, maxHeaderListSize: 65535, enableConnectProtocol: false }),
    getPackedSettings: () => builtins.buffer.Buffer.alloc(0),
    getUnpackedSettings: () => ({}),
    sensitiveHeaders: Symbol('nodejs.http2.sensitiveHeaders'),
    Http2ServerRequest: class Http2ServerRequest extends stream.Readable {},
    Http2ServerResponse: class Http2ServerResponse extends stream.Writable {},
  };
  builtins.dgram = {
    createSocket: refuse('dgram.createSocket()'),
    Socket: class extends EventEmitter {
      constructor() {
        super();
        throw cannotRun('new dgram.Socket()', noSocket);
      }
    },
  };
  builtins.cluster = Object.assign(new EventEmitter(), {
    isPrimary: true,
    isMaster: true,
    isWorker: false,
    workers: {},
    settings: {},
    SCHED_NONE: 1,
    SCHED_RR: 2,
    schedulingPolicy: 2,
    setupPrimary() {},
    setupMaster() {},
    fork: refuse('cluster.fork()'),
    disconnect(cb) {
      if (cb) globalThis.process.nextTick(cb);
    },
  });
  builtins.inspector = {
    open: refuse('inspector.open()'),
    close() {},
    url: () => undefined,
    waitForDebugger() {
      throw cannotRun('inspector.waitForDebugger()', 'no inspector is active');
    },
    console: globalThis.console,
    Session: class Session extends EventEmitter {
      connect() {
        throw cannotRun('inspector.Session.connect()', 'seqmig has no V8 inspector');
      }
      post() {
        throw cannotRun('inspector.Session.post()', 'seqmig has no V8 inspector');
      }
      disconnect() {}
    },
  };
  builtins.sys = builtins.util;
  builtins.trace_events = {
    createTracing: () => ({ enable() {}, disable() {}, enabled: false, categories: '' }),
    getEnabledCategories: () => undefined,
  };
})();
