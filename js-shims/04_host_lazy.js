// seqmig JS host: the shims evaluated on first use (node built-ins, the model group),
// as shims.rs declares them, and the require entry points Rust calls, which load
// 68_node_module.js on first use.
'use strict';
(function () {
  const native = globalThis.__seqmig_native;
  const seqmig = globalThis.__seqmig;
  function hide(obj, name, value) {
    Object.defineProperty(obj, name, { value, writable: true, configurable: true, enumerable: false });
  }

  const builtins = seqmig.builtins;
  const host = seqmig.host;

  // The node built-ins (6*_node_*.js) are evaluated on first use, not at start-up:
  // parsing them is a large share of the boot time, and most migrations use few.
  const loaded = new Set();
  function loadShim(file) {
    if (loaded.has(file)) return;
    loaded.add(file);
    const body = native.loadShim(file);
    if (typeof body === 'function') body.call(globalThis);
  }
  // The names stay accessors for good: Boa 0.22's inline caches keep calling the old
  // getter when an accessor is redefined as a data property, so the value lives here.
  function lazy(obj, name, file) {
    let value;
    let has = false;
    Object.defineProperty(obj, name, {
      configurable: true,
      enumerable: false,
      get() {
        // While its file is being evaluated the name does not exist yet.
        if (!has && !loaded.has(file)) loadShim(file);
        return value;
      },
      set(v) {
        value = v;
        has = true;
      },
    });
  }
  // For the lazy files: define a global or assign through its lazy accessor.
  function setGlobal(name, value) {
    const d = Object.getOwnPropertyDescriptor(globalThis, name);
    if (d && d.set) globalThis[name] = value;
    else hide(globalThis, name, value);
  }
  hide(seqmig, 'setGlobal', setGlobal);
  // Which lazy shim provides which built-in modules and globals is declared once, in
  // crates/seqmig-js/src/shims.rs; so is the model group and its order.
  const manifest = native.shimManifest();
  for (const [file, mods, globals] of manifest.lazy) {
    for (const m of mods) lazy(builtins, m, file);
    for (const g of globals) if (!(g in globalThis)) lazy(globalThis, g, file);
  }
  hide(seqmig, 'loadShim', loadShim);
  // The model shims (70_*, 71_*) are a quarter of the shims' source and only a migration
  // that uses a model needs them: the names they define are accessors that evaluate all of
  // them, in order, on the first read. Like `lazy`, they stay accessors for good.
  const MODEL_SHIMS = manifest.model;
  function lazyModel(obj, name, enumerable) {
    let value;
    let has = false;
    Object.defineProperty(obj, name, {
      configurable: true,
      enumerable,
      get() {
        if (!has && !loaded.has(MODEL_SHIMS[0])) for (const file of MODEL_SHIMS) loadShim(file);
        return value;
      },
      set(v) {
        value = v;
        has = true;
      },
    });
  }
  hide(seqmig, 'lazyModel', lazyModel);
  // For the model shims: assign through the lazy accessor, or define a hidden property.
  function setLazy(obj, name, value) {
    const d = Object.getOwnPropertyDescriptor(obj, name);
    if (d && d.set) obj[name] = value;
    else hide(obj, name, value);
  }
  hide(seqmig, 'setLazy', setLazy);
  hide(globalThis, 'global', globalThis);
  hide(seqmig, 'lazyFromShim', lazy);

  // The loader lives in 68_node_module.js, evaluated on the first require.
  lazy(seqmig, 'Module', '68_node_module.js');
  for (const name of ['requireMain', 'releaseMain', 'resolvedMain', 'resolvedMainIsEsm', 'loadValue', 'esmResolve', 'esmRecord']) {
    host[name] = function (...args) {
      loadShim('68_node_module.js');
      return host[name](...args);
    };
  }
})();
