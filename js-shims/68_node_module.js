// node:module and the CommonJS loader, as Node's lib/internal/modules/cjs/loader.js:
// resolution (relative, absolute, node_modules, package.json main/exports), the
// module wrapper, the cache and cycles, JSON modules, and the built-ins table.
// Loaded on the first require (see 04_host_lazy.js); Rust calls host.requireMain/loadValue.
'use strict';
(function () {
  const native = globalThis.__seqmig_native;
  const seqmig = globalThis.__seqmig;
  const builtins = seqmig.builtins;
  const host = seqmig.host;
  const { nodeError, describeReceived, framesOf } = seqmig;
  const compiled = seqmig.compiledFiles;
  function hide(obj, name, value) {
    Object.defineProperty(obj, name, { value, writable: true, configurable: true, enumerable: false });
  }

  const BUILTIN_NAMES = [
    'assert', 'assert/strict', 'async_hooks', 'buffer', 'child_process', 'cluster', 'console', 'constants', 'crypto',
    'dgram', 'diagnostics_channel', 'dns', 'dns/promises', 'events', 'fs', 'fs/promises', 'http', 'http2', 'https',
    'inspector', 'module', 'net', 'os', 'path', 'path/posix', 'perf_hooks', 'process', 'querystring', 'readline',
    'readline/promises', 'stream', 'stream/promises', 'string_decoder', 'sys', 'timers', 'timers/promises', 'tls',
    'trace_events', 'tty', 'url', 'util', 'util/types', 'v8', 'worker_threads', 'zlib',
  ];
  const UNSUPPORTED = [
    'domain', 'punycode', 'repl', 'stream/web', 'test', 'vm', 'wasi', 'sea', 'sqlite',
  ];
  // npm packages whose native addon seqmig provides itself (6e_node_addons.js).
  const PROVIDED = { bcrypt: 'seqmig:bcrypt', argon2: 'seqmig:argon2' };

  function pathMod() {
    return builtins.path;
  }

  // The lookup paths of a folder never change during a run; every module in it gets
  // its own copy, as in Node, where each call builds a new array.
  const modulePathsOf = new Map();
  function nodeModulePaths(from) {
    from = pathMod().resolve(from);
    let paths = modulePathsOf.get(from);
    if (paths === undefined) {
      paths = computeModulePaths(from);
      modulePathsOf.set(from, paths);
    }
    return paths.slice();
  }
  function computeModulePaths(from) {
    const out = [];
    const parts = from.split('/');
    for (let i = parts.length; i > 0; i--) {
      if (parts[i - 1] === 'node_modules') continue;
      const dir = parts.slice(0, i).join('/') || '';
      out.push((dir === '' ? '' : dir) + '/node_modules');
    }
    if (out[out.length - 1] !== '/node_modules') out.push('/node_modules');
    return out;
  }

  function Module(id, parent) {
    this.id = id;
    this.path = id === '.' ? native.cwd() : pathMod().dirname(id);
    this.exports = {};
    this.filename = null;
    this.loaded = false;
    this.children = [];
    this.paths = [];
    hide(this, 'parent', parent || null);
    if (parent && parent.children) parent.children.push(this);
  }
  Module._cache = Object.create(null);
  Module._extensions = Object.create(null);
  Module.builtinModules = BUILTIN_NAMES.slice();
  Module.isBuiltin = (name) => BUILTIN_NAMES.includes(String(name).replace(/^node:/, ''));
  Module._nodeModulePaths = nodeModulePaths;
  Module.Module = Module;
  Module.prototype.require = function require(id) {
    return requireFrom(this, id);
  };

  // Where `require()` was called from: the first frame of the requiring file.
  function requiredAt(parent) {
    const stack = framesOf(new Error()) || '';
    const file = parent && parent.filename;
    for (const line of stack.split('\n')) {
      const m = /\((.*):(\d+):(\d+)\)\s*$/.exec(line);
      if (m && (!file || m[1] === file)) return { file: m[1], line: Number(m[2]), column: Number(m[3]) };
    }
    return file ? { file, line: null, column: null } : null;
  }

  function unsupported(what, parent, reason) {
    const at = requiredAt(parent);
    const where = at ? ` (required at ${at.file}${at.line ? ':' + at.line : ''})` : '';
    const err = nodeError(Error, 'ERR_SEQMIG_UNSUPPORTED_MODULE', `seqmig cannot load ${what}${where}: ${reason}`);
    hide(err, 'seqmigRequiredAt', at);
    return err;
  }

  function loadBuiltin(name, parent) {
    if (name === 'sequelize') {
      if (!seqmig.Sequelize) throw unsupported("'sequelize'", parent, 'the Sequelize shim is not loaded');
      return seqmig.Sequelize;
    }
    const bare = name.startsWith('node:') ? name.slice(5) : name;
    if (bare === 'module') return Module;
    if (Object.prototype.hasOwnProperty.call(builtins, bare) && builtins[bare] !== undefined) return builtins[bare];
    if (UNSUPPORTED.includes(bare) || BUILTIN_NAMES.includes(bare)) {
      throw unsupported(`the Node built-in module '${bare}'`, parent, 'seqmig runs migrations without Node and does not provide it');
    }
    if (name.startsWith('node:')) {
      throw nodeError(Error, 'ERR_UNKNOWN_BUILTIN_MODULE', `No such built-in module: ${name}`);
    }
    return undefined;
  }
  function isBuiltinRequest(request) {
    if (request === 'sequelize' || request.startsWith('node:')) return true;
    return BUILTIN_NAMES.includes(request) || UNSUPPORTED.includes(request) || request === 'module';
  }

  function tryFile(p) {
    return native.fsKind(p) === 'file' ? realpath(p) : null;
  }
  function realpath(p) {
    try {
      return native.fsRealpath(p);
    } catch (_) {
      return p;
    }
  }
  // Node's three, then what seqmig also runs (ts-node registers .ts the same way).
  const EXTENSIONS = ['.js', '.json', '.node', '.cjs', '.mjs', '.ts', '.cts', '.mts'];
  function tryExtensions(p) {
    for (const ext of EXTENSIONS) {
      const f = tryFile(p + ext);
      if (f) return f;
    }
    return null;
  }
  function readPackage(dir) {
    const file = dir + '/package.json';
    if (native.fsKind(file) !== 'file') return null;
    try {
      return JSON.parse(native.fsRead(file, false));
    } catch (e) {
      e.path = file;
      e.message = 'Error parsing ' + file + ': ' + e.message;
      throw e;
    }
  }
  function tryDirectory(dir, request) {
    const pkg = readPackage(dir);
    if (pkg && typeof pkg.main === 'string' && pkg.main) {
      const m = pathMod().resolve(dir, pkg.main);
      const f = tryFile(m) || tryExtensions(m) || tryExtensions(m + '/index');
      if (f) return f;
      const idx = tryExtensions(dir + '/index');
      if (idx) return idx;
      throw nodeError(Error, 'MODULE_NOT_FOUND', `Cannot find module '${m}'. Please verify that the package.json has a valid "main" entry`, {
        path: dir + '/package.json',
        requestPath: request,
      });
    }
    return tryExtensions(dir + '/index');
  }
  function resolveAt(base, request) {
    return tryFile(base) || tryExtensions(base) || (native.fsKind(base) === 'dir' ? tryDirectory(base, request) : null);
  }
  // PACKAGE_EXPORTS_RESOLVE of Node's resolver (lib/internal/modules/esm/resolve.js):
  // subpath keys with one `*`, condition objects (in their own order), arrays tried in
  // turn, `null` blocking a path. `conditions` is require's or import's set.
  const REQUIRE_CONDITIONS = ['require', 'node', 'node-addons', 'default'];
  const IMPORT_CONDITIONS = ['import', 'node', 'node-addons', 'default'];
  function resolveTarget(pkgDir, target, star, conditions) {
    if (typeof target === 'string') {
      if (!target.startsWith('./')) return null;
      const t = star === null ? target : target.split('*').join(star);
      return tryFile(pathMod().resolve(pkgDir, t));
    }
    if (Array.isArray(target)) {
      for (const t of target) {
        const r = resolveTarget(pkgDir, t, star, conditions);
        if (r) return r;
      }
      return null;
    }
    if (target && typeof target === 'object') {
      for (const key of Object.keys(target)) {
        if (key === 'default' || conditions.includes(key)) {
          const r = resolveTarget(pkgDir, target[key], star, conditions);
          if (r) return r;
        }
      }
    }
    return null;
  }
  function resolveExports(pkgDir, pkg, subpath, conditions) {
    let exp = pkg.exports;
    if (exp === undefined || exp === null) return null;
    const isMap = exp && typeof exp === 'object' && !Array.isArray(exp) && Object.keys(exp).some((k) => k.startsWith('.'));
    if (!isMap) exp = { '.': exp };
    if (Object.prototype.hasOwnProperty.call(exp, subpath) && !subpath.includes('*')) {
      return resolveTarget(pkgDir, exp[subpath], null, conditions);
    }
    let best = null;
    for (const key of Object.keys(exp)) {
      const i = key.indexOf('*');
      if (i < 0) continue;
      const head = key.slice(0, i);
      const tail = key.slice(i + 1);
      if (subpath.startsWith(head) && subpath.length >= key.length && subpath.endsWith(tail) && (!best || head.length > best.head.length)) {
        best = { key, head, star: subpath.slice(head.length, subpath.length - tail.length) };
      }
    }
    if (best) return resolveTarget(pkgDir, exp[best.key], best.star, conditions);
    // Node's own error when the package hides the subpath.
    throw nodeError(Error, 'ERR_PACKAGE_PATH_NOT_EXPORTED', subpath === '.'
      ? `No "exports" main defined in ${pkgDir}/package.json`
      : `Package subpath '${subpath}' is not defined by "exports" in ${pkgDir}/package.json`);
  }

  // The nearest package.json's "type" decides what a .js file is (and a .ts one, for
  // seqmig); .mjs/.mts are always modules, .cjs/.cts never.
  const typeCache = new Map();
  function packageType(dir) {
    const path = pathMod();
    const seen = [];
    let found = 'commonjs';
    for (let d = dir; ; d = path.dirname(d)) {
      if (typeCache.has(d)) {
        found = typeCache.get(d);
        break;
      }
      seen.push(d);
      let pkg = null;
      try {
        pkg = readPackage(d);
      } catch (_) {}
      if (pkg) {
        found = pkg.type === 'module' ? 'module' : 'commonjs';
        break;
      }
      if (d === '/' || d === path.dirname(d) || path.basename(d) === 'node_modules') break;
    }
    for (const d of seen) typeCache.set(d, found);
    return found;
  }
  function isEsmFile(filename) {
    const ext = pathMod().extname(filename);
    if (ext === '.mjs' || ext === '.mts') return true;
    if (ext === '.js' || ext === '.ts') return packageType(pathMod().dirname(filename)) === 'module';
    return false;
  }
  seqmig.isEsmFile = isEsmFile;

  function resolveFilename(request, parent, options, conditions) {
    conditions = conditions || REQUIRE_CONDITIONS;
    if (typeof request !== 'string') {
      throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "id" argument must be of type string. Received ${describeReceived(request)}`);
    }
    if (request === '') throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', "The argument 'id' must be a non-empty string. Received ''");
    if (isBuiltinRequest(request)) return request;
    const path = pathMod();
    const parentDir = parent && parent.filename ? path.dirname(parent.filename) : native.cwd();
    let found = null;
    if (request.startsWith('./') || request.startsWith('../') || request === '.' || request === '..' || request.startsWith('/')) {
      const base = path.resolve(parentDir, request);
      found = resolveAt(base, request);
      if (!found && request.endsWith('/')) found = tryDirectory(base, request);
    } else {
      const dirs = options && Array.isArray(options.paths) ? options.paths.flatMap((p) => nodeModulePaths(p)) : (parent && parent.paths && parent.paths.length ? parent.paths : nodeModulePaths(parentDir));
      const m = /^((?:@[^/]+\/)?[^/]+)(\/.*)?$/.exec(request);
      for (const dir of dirs) {
        if (m) {
          const pkgDir = dir + '/' + m[1];
          const pkg = native.fsKind(pkgDir) === 'dir' ? readPackage(pkgDir) : null;
          if (pkg && pkg.exports !== undefined) {
            const viaExports = resolveExports(pkgDir, pkg, m[2] ? '.' + m[2] : '.', conditions);
            if (viaExports) {
              found = viaExports;
              break;
            }
          }
        }
        found = resolveAt(dir + '/' + request, request);
        if (found) break;
      }
    }
    if (!found) {
      const stack = [];
      for (let p = parent; p && p.filename; p = p.parent) stack.push(p.filename);
      const suffix = stack.length ? '\nRequire stack:\n- ' + stack.join('\n- ') : '';
      const err = nodeError(Error, 'MODULE_NOT_FOUND', `Cannot find module '${request}'${suffix}`, { requireStack: stack });
      hide(err, 'seqmigRequiredAt', requiredAt(parent));
      throw err;
    }
    return found;
  }

  function makeRequire(mod) {
    function require(id) {
      return mod.require(id);
    }
    function resolve(request, options) {
      return resolveFilename(request, mod, options);
    }
    resolve.paths = (request) => (isBuiltinRequest(request) ? null : nodeModulePaths(mod.path || native.cwd()));
    require.resolve = resolve;
    require.cache = Module._cache;
    require.extensions = Module._extensions;
    require.main = mainModule;
    return require;
  }

  // Node 20.19+ loads an ES module from require() synchronously (require(esm)) and
  // returns its namespace, marked `__esModule` when it has a default export; a graph
  // with top-level await that does not settle at once is ERR_REQUIRE_ASYNC_MODULE,
  // worded as Node words it.
  function requireEsm(filename, parent) {
    let ns;
    try {
      ns = native.importSync(filename);
    } catch (e) {
      if (e && e.code === 'ERR_REQUIRE_ASYNC_MODULE') {
        const parentPath = parent && parent.filename;
        e.message += `\n  From ${parentPath || native.cwd()} \n  Requiring ${filename} `;
        hide(e, 'seqmigRequiredAt', requiredAt(parent));
      }
      throw e;
    }
    if (!('default' in ns) || '__esModule' in ns) return ns;
    const out = Object.create(null);
    out.__esModule = true;
    for (const k of Object.keys(ns)) out[k] = ns[k];
    return Object.freeze(out);
  }

  // TypeScript becomes JavaScript in Rust (src/typescript.rs); a .ts file
  // written with import/export runs as ts-node would run it compiled to CommonJS:
  // as a module that may also use require, __filename and __dirname.
  const TS_EXT = /\.[cm]?ts$/;
  // A regex literal inside a function is compiled again at every call in Boa.
  const JSON_OR_NODE = /\.(json|node)$/;
  const NOT_DETECTED = /\.(cjs|cts|json|node)$/;
  // requireMain reads an entry point to tell ES modules from CommonJS; the loader then
  // takes that text and verdict instead of reading and testing the file a second time.
  let preread = null;
  function sourceOf(filename) {
    if (preread !== null && preread.filename === filename) {
      const { source } = preread;
      preread = null;
      return source;
    }
    const source = native.fsRead(filename, false);
    return TS_EXT.test(filename) ? native.stripTypes(source, filename) : source;
  }
  // /^\s*(?:import\s*[{*"']|import\s+[\w$]|export\s*[{*]|export\s+[\w$])/m, tested in
  // Rust (natives/path.rs; Boa's regex engine spent ~60k instructions on a migration).
  // Anchored at a line start, so commented-out lines do not match; what still does by
  // accident (a line of a template string) is settled by compiling (isEsmSource).
  // Stripping comments first cost seconds on lodash's 540 kB in Boa's regex engine.
  function looksLikeEsm(code) {
    return native.looksLikeEsm(code);
  }
  // Is this file an ES module? By its extension or package type, else (a .js, .ts or
  // extensionless file such as .sequelizerc) by Node 20's syntax detection: it does
  // not compile as CommonJS and has import/export statements.
  function isEsmSource(filename, source) {
    if (isEsmFile(filename)) return true;
    if (NOT_DETECTED.test(filename) || !looksLikeEsm(source)) return false;
    try {
      native.compile(source, filename);
      return false;
    } catch (_) {
      return true;
    }
  }
  seqmig.sourceOf = sourceOf;

  Module._extensions['.js'] = function (mod, filename) {
    const known = preread !== null && preread.filename === filename ? preread : null;
    const source = known ? sourceOf(filename) : isEsmFile(filename) ? '' : sourceOf(filename);
    if (known ? known.esm : isEsmSource(filename, source)) {
      mod.exports = requireEsm(filename, mod.parent);
      return;
    }
    const wrapper = compileCjs(source, filename);
    compiled.add(filename);
    const path = pathMod();
    wrapper.call(mod.exports, mod.exports, makeRequire(mod), mod, filename, path.dirname(filename));
  };
  // Boa 0.22 reads a call of a function named `async` (`async(callback)`, as asynckit,
  // which axios' form-data loads, writes it) as the head of an async arrow function and
  // fails. Such a file is compiled again with those calls written `(0, async)(...)`,
  // which means the same and keeps the line numbers.
  const ASYNC_CALL = /(^|[^.\w$])async\(([^()]*)\)(?!\s*=>)/g;
  function compileCjs(source, filename) {
    try {
      return native.compile(source, filename);
    } catch (e) {
      if (!(e instanceof SyntaxError) || source.indexOf('async(') < 0) throw e;
      const fixed = source.replace(ASYNC_CALL, '$1(0, async)($2)');
      if (fixed === source) throw e;
      try {
        return native.compile(fixed, filename);
      } catch (_) {
        throw e;
      }
    }
  }
  for (const ext of ['.cjs', '.mjs', '.ts', '.cts', '.mts']) Module._extensions[ext] = Module._extensions['.js'];
  Module._extensions['.json'] = function (mod, filename) {
    const source = native.fsRead(filename, false).replace(/^\uFEFF/, '');
    try {
      mod.exports = JSON.parse(source);
    } catch (e) {
      e.message = filename + ': ' + e.message;
      throw e;
    }
  };
  // Another addon loads as a stand-in that fails at its first use, unless the config's
  // env section says `"seqmigNativeAddons": "error"` (--native-addons=error).
  Module._extensions['.node'] = function (mod, filename) {
    const ctx = native.context() || {};
    const mode = globalThis.process.env.SEQMIG_NATIVE_ADDONS || (ctx.options && ctx.options.seqmigNativeAddons);
    const addons = builtins['seqmig:addon'];
    const pkg = addons.packageOf(filename);
    if (mode === 'error') {
      throw unsupported(`the native addon '${filename}'${pkg ? ` (package '${pkg}')` : ''}`, mod.parent, 'native (.node) modules need Node ("seqmigNativeAddons": "error")');
    }
    mod.exports = addons.standIn(filename, requiredAt(mod.parent));
  };

  function loadFile(filename, parent) {
    const cached = Module._cache[filename];
    if (cached) {
      if (parent && parent.children && !parent.children.includes(cached)) parent.children.push(cached);
      return cached.exports;
    }
    const mod = new Module(filename, parent);
    mod.filename = filename;
    mod.paths = nodeModulePaths(pathMod().dirname(filename));
    Module._cache[filename] = mod;
    let ok = false;
    try {
      const ext = pathMod().extname(filename);
      const handler = Module._extensions[ext] || Module._extensions['.js'];
      handler(mod, filename);
      ok = true;
    } finally {
      if (!ok) {
        delete Module._cache[filename];
        if (parent && parent.children) {
          const i = parent.children.indexOf(mod);
          if (i >= 0) parent.children.splice(i, 1);
        }
      }
    }
    mod.loaded = true;
    return mod.exports;
  }

  function requireFrom(parent, request) {
    if (typeof request === 'string' && Object.prototype.hasOwnProperty.call(PROVIDED, request)) return builtins[PROVIDED[request]];
    const filename = resolveFilename(request, parent);
    if (isBuiltinRequest(filename)) {
      const b = loadBuiltin(filename, parent);
      if (b !== undefined) return b;
    }
    return loadFile(filename, parent);
  }

  // The module seqmig itself requires from: cwd-based, like a REPL. `require.main` is a
  // sentinel so that `require.main === module` is false, as under sequelize-cli.
  const mainModule = new Module('.', null);
  mainModule.filename = null;
  mainModule.paths = [];

  Module.createRequire = function createRequire(filename) {
    const f = String(filename).replace(/^file:\/\//, '');
    const mod = new Module(f, null);
    mod.filename = f;
    mod.paths = nodeModulePaths(pathMod().dirname(f));
    return makeRequire(mod);
  };
  Module.prototype._compile = function (content, filename) {
    const wrapper = native.compile(content, filename);
    compiled.add(filename);
    return wrapper.call(this.exports, this.exports, makeRequire(this), this, filename, pathMod().dirname(filename));
  };
  seqmig.Module = Module;

  // ---- ES modules: what the Rust module loader (src/esm.rs) asks of the resolver.

  // `import` resolution: the same walk with the import conditions. Node's wording for
  // what it cannot find (ERR_MODULE_NOT_FOUND).
  host.esmResolve = function esmResolve(specifier, referrer) {
    if (specifier.startsWith('file://')) specifier = decodeURIComponent(specifier.slice(7));
    const parent = new Module(referrer || native.cwd() + '/[eval]', null);
    parent.filename = referrer || null;
    parent.paths = nodeModulePaths(referrer ? pathMod().dirname(referrer) : native.cwd());
    let filename;
    try {
      filename = resolveFilename(specifier, parent, undefined, IMPORT_CONDITIONS);
    } catch (e) {
      if (e && e.code === 'MODULE_NOT_FOUND') {
        const from = referrer || native.cwd();
        const bare = !/^(\.{1,2}\/|\/|\.{1,2}$)/.test(specifier);
        const what = bare ? `package '${specifier.replace(/^((?:@[^/]+\/)?[^/]+).*$/, '$1')}'` : `module '${pathMod().resolve(pathMod().dirname(from), specifier)}'`;
        const err = nodeError(Error, 'ERR_MODULE_NOT_FOUND', `Cannot find ${what} imported from ${from}`);
        hide(err, 'seqmigRequiredAt', e.seqmigRequiredAt || (referrer ? { file: referrer, line: null, column: null } : null));
        throw err;
      }
      throw e;
    }
    if (isBuiltinRequest(filename)) return { kind: 'builtin', key: 'builtin:' + filename.replace(/^node:/, ''), name: filename };
    if (JSON_OR_NODE.test(filename)) return { kind: 'cjs', key: filename, path: filename };
    if (isEsmFile(filename) || isEsmSource(filename, sourceOf(filename))) return { kind: 'esm', key: filename, path: filename };
    return { kind: 'cjs', key: filename, path: filename };
  };

  const IDENT = /^[A-Za-z_$][\w$]*$/;
  // A CommonJS module or a built-in seen from `import`: `default` is module.exports, and
  // its own keys are the named exports (Node finds them by lexing; the keys are what
  // that finds for ordinary modules). `sequelize` also exports its statics.
  host.esmRecord = function esmRecord(resolved, referrer) {
    const parent = new Module(referrer || '.', null);
    parent.filename = referrer || null;
    parent.paths = nodeModulePaths(referrer ? pathMod().dirname(referrer) : native.cwd());
    let value;
    if (resolved.kind === 'builtin') value = loadBuiltin(resolved.name, parent);
    if (value === undefined) value = loadFile(resolved.path, parent);
    const rec = Object.create(null);
    if ((typeof value === 'object' && value !== null) || typeof value === 'function') {
      let names = Object.keys(value);
      if (resolved.kind === 'builtin') names = names.concat(Object.getOwnPropertyNames(value));
      for (const k of names) {
        if (k === 'default' || !IDENT.test(k) || k in rec) continue;
        if (typeof value === 'function' && ['length', 'name', 'prototype', 'caller', 'arguments'].includes(k)) continue;
        try {
          rec[k] = value[k];
        } catch (_) {}
      }
      if (value.__esModule && 'default' in value && resolved.kind !== 'builtin') rec['module.exports'] = value;
    }
    rec.default = value;
    return rec;
  };

  // Node's words for CommonJS names used in an ES module.
  seqmig.esmScopeMessage = function esmScopeMessage(name, file) {
    if (!['require', 'module', 'exports', '__filename', '__dirname'].includes(name) || !file || !isEsmFile(file)) return null;
    let msg = `${name} is not defined in ES module scope`;
    if (name === 'require') msg += ', you can use import instead';
    if (file.endsWith('.js')) {
      let dir = pathMod().dirname(file);
      while (dir !== '/' && !readPackage(dir)) dir = pathMod().dirname(dir);
      msg += `\nThis file is being treated as an ES module because it has a '.js' file extension and '${dir === '/' ? '' : dir}/package.json' contains "type": "module". To treat it as a CommonJS script, rename it to use the '.cjs' file extension.`;
    }
    return msg;
  };

  function esmNamespaceValue(ns) {
    return ns && 'default' in ns ? ns.default : ns;
  }

  let lastResolved = null;
  let lastWasEsm = false;
  // The entry points seqmig-core loads (migrations, configs, .sequelizerc). An ES module
  // comes back as a promise of its namespace, and `resolvedMainIsEsm` says so.
  host.requireMain = function requireMain(absPath) {
    mainModule.paths = nodeModulePaths(native.cwd());
    const filename = resolveFilename(absPath, mainModule);
    lastResolved = filename;
    preread = null;
    if (isBuiltinRequest(filename) || JSON_OR_NODE.test(filename)) {
      lastWasEsm = false;
    } else if (isEsmFile(filename)) {
      lastWasEsm = true;
    } else if (Module._cache[filename]) {
      // Loaded before, so not an ES module (those live in the ESM loader's map).
      lastWasEsm = false;
    } else {
      const source = sourceOf(filename);
      lastWasEsm = isEsmSource(filename, source);
      preread = { filename, source, esm: lastWasEsm };
    }
    if (lastWasEsm) {
      preread = null;
      return native.importModule(filename);
    }
    try {
      return loadFile(filename, null);
    } finally {
      preread = null;
    }
  };
  // A migration that has run is let go when the next one starts (seqmig-core asks): with
  // every migration cached, Boa's collector, which is not generational, traces all of
  // them at each collection, and a run of N migrations costs O(N^2). Node keeps them,
  // but nothing can tell: umzug requires each migration once per up/down and no module
  // requires a migration file. One that another module did require stays cached, and a
  // migration run again (db:migrate:verify's up, down, up) is not let go in between.
  // `filename` is the resolved path requireMain reported (resolvedMain).
  host.releaseMain = function releaseMain(filename) {
    const mod = Module._cache[filename];
    if (!mod || mod.parent !== null) return false;
    for (const other of Object.values(Module._cache)) {
      if (other !== mod && Array.isArray(other && other.children) && other.children.includes(mod)) return false;
    }
    delete Module._cache[filename];
    return true;
  };
  host.resolvedMain = () => lastResolved;
  host.resolvedMainIsEsm = () => lastWasEsm;
  host.loadValue = async function loadValue(absPath) {
    let value = host.requireMain(absPath);
    if (lastWasEsm) value = esmNamespaceValue(await value);
    if (value && typeof value === 'object' && value.__esModule && 'default' in value) value = value.default;
    if (typeof value === 'function') value = value();
    return await value;
  };
})();
