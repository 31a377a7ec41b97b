'use strict';

// Each call below fails on MySQL/MariaDB; what Sequelize throws is written to `outcomes`.
function describe(err) {
  const o = err.original || {};
  return {
    name: err.name,
    message: err.message,
    fields: err.fields,
    table: err.table,
    index: err.index,
    reltype: err.reltype,
    value: err.value,
    errors: (err.errors || []).map((e) => [e.message, e.type, e.path, e.value]),
    original: {
      code: o.code,
      errno: o.errno,
      sqlState: o.sqlState,
      sqlMessage: o.sqlMessage,
      text: o.text
    }
  };
}

module.exports = {
  async up(queryInterface, Sequelize) {
    const seen = [];
    const attempt = async (what, fn) => {
      try {
        const result = await fn();
        seen.push({ what, body: 'no error: ' + String(JSON.stringify(result)) });
      } catch (err) {
        seen.push({ what, body: JSON.stringify(describe(err)) });
      }
    };
    const q = queryInterface.sequelize;
    await queryInterface.bulkInsert('accounts', [{ id: 1, email: 'ann@example.com', active: true }]);
    await queryInterface.bulkInsert('invoices', [{ id: 1, accountId: 1, total: '12.50' }]);

    await attempt('unique', () =>
      queryInterface.bulkInsert('accounts', [{ email: 'ANN@example.com', active: true }]));
    await attempt('foreign key insert', () =>
      queryInterface.bulkInsert('invoices', [{ accountId: 99, total: '1.00' }]));
    await attempt('foreign key delete', () => queryInterface.bulkDelete('accounts', { id: 1 }));
    await attempt('check', () => queryInterface.bulkUpdate('accounts', { score: -1 }, { id: 1 }));
    await attempt('not null', () => queryInterface.bulkInsert('accounts', [{ email: 'bob@example.com' }]));
    await attempt('object value', () =>
      queryInterface.bulkInsert('accounts', [{ email: { nested: true }, active: true }]));
    await attempt('syntax', () => q.query('SELEC 1'));
    await attempt('unknown column', () => q.query('SELECT nope FROM accounts'));
    await attempt('unknown table', () => q.query('SELECT * FROM missing_table'));
    await attempt('describeTable of a missing table', () => queryInterface.describeTable('missing_table'));
    await attempt('addIndex with a parser', () =>
      queryInterface.addIndex('accounts', ['email'], { type: 'FULLTEXT', parser: 'no_such_parser' }));
    await attempt('addConstraint default', () =>
      queryInterface.addConstraint('accounts', { fields: ['score'], type: 'default', defaultValue: 5 }));
    await attempt('upsert without a model', () =>
      queryInterface.upsert('accounts', { email: 'cy@example.com', active: true }, { active: false }, { id: 5 }, {}));
    await attempt('removeConstraint of a check', () =>
      queryInterface.removeConstraint('accounts', 'accounts_score_check'));
    await attempt('changeColumn of a missing column', () =>
      queryInterface.changeColumn('accounts', 'nope', { type: Sequelize.INTEGER }));
    await attempt('dropTable referenced', () => queryInterface.dropTable('accounts'));

    // The QueryTypes: what each kind of query resolves to.
    const T = Sequelize.QueryTypes;
    await attempt('QueryTypes.SELECT', () => q.query('SELECT id, email FROM accounts', { type: T.SELECT }));
    await attempt('QueryTypes.INSERT', () =>
      q.query("INSERT INTO accounts (email, active) VALUES ('dee@example.com', 1)", { type: T.INSERT }));
    await attempt('QueryTypes.UPDATE', () =>
      q.query('UPDATE accounts SET score = score + 1', { type: T.UPDATE }));
    await attempt('QueryTypes.BULKUPDATE', () =>
      q.query('UPDATE accounts SET score = score + 1', { type: T.BULKUPDATE }));
    await attempt('QueryTypes.DELETE', () =>
      q.query("DELETE FROM accounts WHERE email = 'dee@example.com'", { type: T.DELETE }));
    await attempt('QueryTypes.BULKDELETE', () =>
      q.query("DELETE FROM accounts WHERE email = 'nobody'", { type: T.BULKDELETE }));
    await attempt('QueryTypes.SHOWTABLES', () => q.query('SHOW TABLES', { type: T.SHOWTABLES }));
    await attempt('QueryTypes.DESCRIBE', () => q.query('DESCRIBE accounts', { type: T.DESCRIBE }));
    await attempt('QueryTypes.SHOWINDEXES', () =>
      q.query('SHOW INDEX FROM accounts', { type: T.SHOWINDEXES }).then((r) => r.map((i) => [i.name, i.unique, i.fields])));
    await attempt('QueryTypes.RAW select', () =>
      q.query('SELECT COUNT(*) AS n FROM accounts', { type: T.RAW }).then(([rows]) => rows));
    await attempt('plain', () => q.query('SELECT 1 + 1 AS two, NULL AS nothing, 1.5 AS half').then(([rows]) => rows));

    await queryInterface.bulkInsert('outcomes', seen);
  },

  async down(queryInterface) {
    await queryInterface.bulkDelete('outcomes', null, {});
    await queryInterface.bulkDelete('invoices', null, {});
    await queryInterface.bulkDelete('accounts', null, {});
  }
};
