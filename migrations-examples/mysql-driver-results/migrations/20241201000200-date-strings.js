'use strict';

const { Sequelize } = require('sequelize');

const record = (queryInterface, question, value) =>
  queryInterface.bulkInsert('answers', [{ question, answer: value === undefined ? 'undefined' : JSON.stringify(value) }]);

// The run's database with other dialectOptions: a connection of its own.
const open = (queryInterface, dialectOptions) => {
  const c = queryInterface.sequelize.config;
  return new Sequelize(c.database, c.username, c.password, {
    host: c.host, port: c.port, dialect: queryInterface.sequelize.getDialect(), logging: false, dialectOptions
  });
};

module.exports = {
  async up(queryInterface) {
    const sql = 'SELECT stamp, happened, day FROM items ORDER BY id';
    for (const [label, dateStrings] of [['true', true], ['DATE only', ['DATE']], ['TIMESTAMP', ['TIMESTAMP']], ['false', false]]) {
      const s = open(queryInterface, { dateStrings });
      const [rows] = await s.query(sql);
      const typed = await s.query(sql, { type: s.QueryTypes.SELECT });
      await record(queryInterface, `dateStrings ${label}`, [rows, typed, typeof rows[0].stamp, typeof rows[0].happened]);
      await s.close();
    }
    // The run's own connection is untouched.
    const [own] = await queryInterface.sequelize.query(sql);
    await record(queryInterface, 'run connection', [own, typeof own[0].stamp]);
  },

  async down(queryInterface) {
    await queryInterface.bulkDelete('answers', { question: { [Sequelize.Op.like]: 'dateStrings%' } }, {});
    await queryInterface.bulkDelete('answers', { question: 'run connection' }, {});
  }
};
