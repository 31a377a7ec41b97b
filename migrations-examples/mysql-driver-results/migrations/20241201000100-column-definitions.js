'use strict';

const util = require('util');

const record = (queryInterface, question, value) =>
  queryInterface.bulkInsert('answers', [{ question, answer: value === undefined ? 'undefined' : JSON.stringify(value) }]);

module.exports = {
  async up(queryInterface) {
    const q = queryInterface.sequelize;
    // A select without a table: every part of the metadata (mysql2: the rows again).
    const [rows, meta] = await q.query("SELECT 1+1 AS two, 'x' AS s, NULL AS n, 1.5 AS d, CAST('2024-01-02' AS DATE) AS day");
    await record(queryInterface, 'rows of a tableless select', rows);
    await record(queryInterface, 'meta of a tableless select', meta);
    await record(queryInterface, 'meta is the rows', meta === rows);
    // (util.inspect of a whole ColumnDef also shows the connector's typeCast readers.)
    await record(queryInterface, 'inspect of a collation', meta[0] && util.inspect(meta[0].collation));

    // From a table: the packet names the database, so only what does not depend on it.
    const [items, itemMeta] = await q.query('SELECT id, name AS label, price, doc, stamp, happened, day FROM items ORDER BY id');
    await record(queryInterface, 'items (the JSON column parsed)', items);
    await record(queryInterface, 'typeof doc', typeof items[0].doc);
    await record(queryInterface, 'item column definitions', itemMeta.map((m) => (typeof m.name === 'function'
      ? [m.name(), m.orgName(), m.table(), m.orgTable(), m.db() === q.config.database, m.type, m.columnType, m.flags, m.scale, m.columnLength, m.collation && m.collation.name, m.dataTypeFormat]
      : Object.keys(m))));

    // QueryTypes.SELECT has no metadata.
    const selected = await q.query('SELECT name, doc FROM items ORDER BY id', { type: q.QueryTypes.SELECT });
    await record(queryInterface, 'select type', selected);
  },

  async down(queryInterface) {
    await queryInterface.bulkDelete('answers', null, {});
  }
};
