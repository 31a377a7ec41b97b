// node:module and the CommonJS loader, as Node's lib/internal/modules/cjs/loader.js:
// resolution (relative, absolute, node_modules, package.json main/exports), the
// module wrapper, the cache and cycles, JSON modules, and the built-ins table.
// Loaded on the first require (see 01_host.js); Rust calls host.requireMain/loadValue.
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
    'assert', 'assert/strict', 'buffer', 'console', 'constants', 'crypto', 'events', 'fs', 'fs/promises',
    'module', 'os', 'path', 'path/posix', 'perf_hooks', 'process', 'querystring', 'string_decoder',
    'timers', 'timers/promises', 'url', 'util', 'util/types',
  ];
  const UNSUPPORTED = [
    'async_hooks', 'child_process', 'cluster', 'dgram', 'diagnostics_channel', 'dns', 'dns/promises', 'domain',
    'http', 'http2', 'https', 'inspector', 'net', 'punycode', 'readline', 'readline/promises', 'repl', 'stream',
    'stream/promises', 'stream/web', 'sys', 'test', 'tls', 'trace_events', 'tty', 'v8', 'vm', 'wasi',
    'worker_threads', 'zlib', 'sea', 'sqlite',
  ];

  function pathMod() {
    return builtins.path;
  }

  function nodeModulePaths(from) {
    const path = pathMod();
    from = path.resolve(from);
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
  const EXTENSIONS = ['.js', '.json', '.node', '.cjs'];
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
  // `exports` of a package, for the simple forms: a string, or "." as string/conditions.
  function resolveExports(pkgDir, pkg, subpath) {
    let target = pkg.exports;
    if (target === undefined || target === null) return null;
    if (typeof target === 'object' && !Array.isArray(target) && Object.keys(target).some((k) => k.startsWith('.'))) {
      target = target[subpath];
    } else if (subpath !== '.') return null;
    while (target && typeof target === 'object' && !Array.isArray(target)) {
      target = target.require ?? target.node ?? target.default;
    }
    if (typeof target !== 'string') return null;
    return tryFile(pathMod().resolve(pkgDir, target));
  }

  function resolveFilename(request, parent, options) {
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
            const viaExports = resolveExports(pkgDir, pkg, m[2] ? '.' + m[2] : '.');
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

  Module._extensions['.js'] = function (mod, filename) {
    const source = native.fsRead(filename, false);
    if (filename.endsWith('.mjs')) {
      throw nodeError(Error, 'ERR_REQUIRE_ESM', `require() of ES Module ${filename} not supported.`);
    }
    const wrapper = native.compile(source, filename);
    compiled.add(filename);
    const path = pathMod();
    wrapper.call(mod.exports, mod.exports, makeRequire(mod), mod, filename, path.dirname(filename));
  };
  Module._extensions['.cjs'] = Module._extensions['.js'];
  Module._extensions['.json'] = function (mod, filename) {
    const source = native.fsRead(filename, false).replace(/^\uFEFF/, '');
    try {
      mod.exports = JSON.parse(source);
    } catch (e) {
      e.message = filename + ': ' + e.message;
      throw e;
    }
  };
  Module._extensions['.node'] = function (mod, filename) {
    throw unsupported(`the native addon '${filename}'`, mod.parent, 'native (.node) modules need Node');
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

  let lastResolved = null;
  host.requireMain = function requireMain(absPath) {
    mainModule.paths = nodeModulePaths(native.cwd());
    const filename = resolveFilename(absPath, mainModule);
    lastResolved = filename;
    return loadFile(filename, null);
  };
  host.resolvedMain = () => lastResolved;
  host.loadValue = async function loadValue(absPath) {
    let value = host.requireMain(absPath);
    if (value && typeof value === 'object' && value.__esModule && 'default' in value) value = value.default;
    if (typeof value === 'function') value = value();
    return await value;
  };
})();
