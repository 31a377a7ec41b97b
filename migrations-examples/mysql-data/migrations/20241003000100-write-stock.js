'use strict';

module.exports = {
  async up(queryInterface, Sequelize) {
    const seen = [];
    // String(): the mariadb dialect returns no metadata (undefined) for a raw UPDATE.
    const note = (what, v) => seen.push({ what, body: String(JSON.stringify(v)) });
    note('bulkInsert', await queryInterface.bulkInsert('stock', [
      { sku: 'a-1', qty: 1, label: 'first' },
      { sku: 'b-2', qty: 2, label: 'second' }
    ]));
    note('ignoreDuplicates', await queryInterface.bulkInsert(
      'stock',
      [{ sku: 'a-1', qty: 100, label: 'ignored' }, { sku: 'c-3', qty: 3, label: 'third' }],
      { ignoreDuplicates: true }
    ));
    note('updateOnDuplicate', await queryInterface.bulkInsert(
      'stock',
      [{ sku: 'b-2', qty: 20, label: 'kept' }, { sku: 'd-4', qty: 4, label: 'fourth' }],
      { updateOnDuplicate: ['qty'] }
    ));
    // queryInterface.upsert without `options.model` fails in Sequelize 6 ("Cannot read
    // properties of undefined (reading 'primaryKeys')") on every dialect: not used here.
    note('bulkUpdate', await queryInterface.bulkUpdate('stock', { label: 'many' }, { qty: { [Sequelize.Op.gt]: 3 } }));
    // [0]: the mariadb dialect's metadata of a SELECT is its column definitions, database name included.
    note('replacements', (await queryInterface.sequelize.query('SELECT sku, qty FROM stock WHERE qty > ? ORDER BY sku', { replacements: [2] }))[0]);
    note('bind', await queryInterface.sequelize.query('SELECT sku FROM stock WHERE sku = $1', { bind: ['a-1'], type: 'SELECT' }));
    const [insertResult, insertMeta] = await queryInterface.sequelize.query("INSERT INTO stock (sku, qty) VALUES ('e-5', 5)");
    note('raw insert', [insertResult, insertMeta]);
    const [, updateMeta] = await queryInterface.sequelize.query('UPDATE stock SET qty = qty + 1 WHERE qty < 5');
    note('raw update', updateMeta);
    note('bulkDelete', await queryInterface.bulkDelete('stock', { sku: 'e-5' }));
    // mysql: names; mariadb: { tableName, schema } objects, the schema being the database name.
    note('showAllTables', (await queryInterface.showAllTables()).map((t) => t.tableName || t));
    await queryInterface.bulkInsert('results', seen);
  },

  async down(queryInterface) {
    await queryInterface.bulkDelete('results', null, {});
    await queryInterface.bulkDelete('stock', null, {});
  }
};
