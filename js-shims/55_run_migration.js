// `__seqmig.runMigration`: what umzug 2.3.0's Migration#_exec does for sequelize-cli
// 6.6.5 (lib/migration.js): pick `up`/`down` from the exports or `exports.default`,
// call it with (queryInterface, Sequelize) and `this` = the exports, and insist on
// a thenable, with umzug's own messages.
(function () {
  'use strict';
  const seqmig = globalThis.__seqmig;
  const define = seqmig.define;

  // umzug names the file by path.basename.
  const basename = (file) => String(file).replace(/[\\/]+$/, '').split(/[\\/]/).pop();

  async function runMigration(migration, method, fileName) {
    let fun = migration[method];
    if (migration.default) fun = migration.default[method] || migration[method];
    if (!fun) throw new Error('Could not find migration method: ' + method);
    const sequelize = seqmig.getSequelize();
    const result = fun.apply(migration, [sequelize.getQueryInterface(), seqmig.Sequelize]);
    if (!result || typeof result.then !== 'function') {
      throw new Error(`Migration ${basename(fileName)} (or wrapper) didn't return a promise`);
    }
    await result;
  }
  define(seqmig, 'runMigration', runMigration);
})();
