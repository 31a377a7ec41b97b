// `__seqmig.runMigration`: what umzug 2.3.0's Migration#_exec does for sequelize-cli
// 6.6.5 (lib/migration.js): pick `up`/`down` from the exports or `exports.default`,
// call it with (queryInterface, Sequelize) and `this` = the exports, and insist on
// a thenable, with umzug's own messages.
//
// umzug 3 projects write `up({ context: queryInterface })` or
// `up({ context: { queryInterface, Sequelize } })`. The queryInterface handed over is
// made to fit all three: it has a `context` (itself, unless the config names one with
// `seqmigContext`), and `queryInterface`/`Sequelize`/`sequelize` properties, so a
// folder mixing the styles runs without any option. All are non-enumerable.
// `seqmigContext` in the env section names a custom context (see customContext).
(function () {
  'use strict';
  const seqmig = globalThis.__seqmig;
  const define = seqmig.define;

  // umzug names the file by path.basename.
  const basename = (file) => String(file).replace(/[\\/]+$/, '').split(/[\\/]/).pop();

  function hideOn(obj, name, value) {
    const d = Object.getOwnPropertyDescriptor(obj, name);
    if (d && (!d.configurable || d.get || d.set || (d.value === value && !d.enumerable))) return;
    Object.defineProperty(obj, name, { value, writable: true, configurable: true, enumerable: false });
  }

  // The custom context named by the env section's `seqmigContext` (a path relative to
  // the working directory): a module exporting the object, or a function (maybe async)
  // called once per sequelize instance with {queryInterface, Sequelize, sequelize}.
  let custom = { key: null, value: undefined };
  // The `seqmigContext` of the context's version seen last (see getSequelize).
  let named = { version: null, file: undefined };
  async function customContext(sequelize, qi) {
    const native = globalThis.__seqmig_native;
    const version = native && typeof native.contextVersion === 'function' ? native.contextVersion() : null;
    if (version === null || version !== named.version) {
      const ctx = (native && native.context()) || {};
      named = { version, file: ctx.options && ctx.options.seqmigContext };
    }
    const file = named.file;
    if (typeof file !== 'string' || file === '') return undefined;
    if (custom.key === sequelize) return custom.value;
    const path = seqmig.builtins.path;
    let value = seqmig.Module.createRequire(path.resolve(native.cwd(), 'noop.js'))(path.resolve(native.cwd(), file));
    if (value && typeof value === 'object' && value.__esModule && 'default' in value) value = value.default;
    if (typeof value === 'function') value = await value({ queryInterface: qi, Sequelize: seqmig.Sequelize, sequelize });
    value = await value;
    // What the custom context lacks falls back to the queryInterface, so a folder that
    // also has `up({ context: queryInterface })` files keeps running.
    if (value && typeof value === 'object') {
      value = new Proxy(value, {
        get(target, key, receiver) {
          if (key in target) return Reflect.get(target, key, receiver);
          const v = qi[key];
          return typeof v === 'function' ? v.bind(qi) : v;
        },
        has: (target, key) => key in target || key in qi,
      });
    }
    custom = { key: sequelize, value };
    return value;
  }

  async function runMigration(migration, method, fileName) {
    let fun = migration[method];
    if (migration.default) fun = migration.default[method] || migration[method];
    if (!fun) throw new Error('Could not find migration method: ' + method);
    const sequelize = seqmig.getSequelize();
    const qi = sequelize.getQueryInterface();
    const context = await customContext(sequelize, qi);
    hideOn(qi, 'context', context === undefined ? qi : context);
    hideOn(qi, 'queryInterface', qi);
    hideOn(qi, 'Sequelize', seqmig.Sequelize);
    const result = fun.apply(migration, [qi, seqmig.Sequelize]);
    if (!result || typeof result.then !== 'function') {
      throw new Error(`Migration ${basename(fileName)} (or wrapper) didn't return a promise`);
    }
    await result;
  }
  define(seqmig, 'runMigration', runMigration);
})();
