'use strict';

const { Sequelize } = require('sequelize');

const record = (queryInterface, question, value) =>
  queryInterface.bulkInsert('answers', [{ question, answer: value === undefined ? 'undefined' : JSON.stringify(value) }]);

const attempt = async (queryInterface, question, run) => {
  try {
    await record(queryInterface, question, await run());
  } catch (err) {
    await record(queryInterface, question, `${err.name}: ${err.message}`);
  }
};

module.exports = {
  async up(queryInterface) {
    const c = queryInterface.sequelize.config;
    const s = new Sequelize(c.database, c.username, c.password, {
      host: c.host, port: c.port, dialect: queryInterface.sequelize.getDialect(), logging: false,
      dialectOptions: { multipleStatements: true }
    });
    const T = s.QueryTypes;
    const mixed = "INSERT INTO items (name) VALUES ('third'); SELECT 1 AS a; SELECT 2 AS b, 'x' AS c; UPDATE items SET price = 3 WHERE name = 'third'";
    await attempt(queryInterface, 'raw, mixed', () => s.query(mixed));
    await attempt(queryInterface, 'select type, mixed', () => s.query(mixed, { type: T.SELECT }));
    await attempt(queryInterface, 'raw, two selects', async () => {
      const [data, meta] = await s.query('SELECT 1 AS a; SELECT name FROM items ORDER BY id');
      return [data, meta === data, meta === undefined, data.map((d) => Array.isArray(d) && Object.keys(d).filter((k) => !/^\d+$/.test(k)))];
    });
    await attempt(queryInterface, 'plain select, two selects', () => s.query('SELECT 1 AS a; SELECT 2 AS b', { type: T.SELECT, plain: true }));
    await attempt(queryInterface, 'bulkupdate type', () => s.query("UPDATE items SET price = 4 WHERE name = 'third'; DELETE FROM items WHERE name = 'nobody'", { type: T.BULKUPDATE }));
    await attempt(queryInterface, 'insert type', () => s.query("INSERT INTO items (name) VALUES ('fourth'); INSERT INTO items (name) VALUES ('fifth')", { type: T.INSERT }));
    await attempt(queryInterface, 'update type', () => s.query("UPDATE items SET price = 5 WHERE name = 'fourth'; UPDATE items SET price = 6 WHERE name = 'fifth'", { type: T.UPDATE }));
    await attempt(queryInterface, 'one statement', () => s.query('SELECT COUNT(*) AS n FROM items', { type: T.SELECT }));
    await attempt(queryInterface, 'second statement fails', () => s.query('SELECT 1 AS a; SELECT nope FROM items'));
    await s.close();
    // Without the option a string of two statements is refused before either runs.
    await attempt(queryInterface, 'without multipleStatements', () => queryInterface.sequelize.query("INSERT INTO items (name) VALUES ('never'); SELECT 1"));
  },

  async down(queryInterface) {
    await queryInterface.bulkDelete('items', { name: ['third', 'fourth', 'fifth'] }, {});
    await queryInterface.bulkDelete('answers', null, {});
  }
};
