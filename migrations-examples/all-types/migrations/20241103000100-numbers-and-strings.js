'use strict';

// [table suffix, type, a value to insert]
const cases = (Sequelize) => [
  ['string_len_binary', Sequelize.STRING(10, true), 'bin'],
  ['string_binary', Sequelize.STRING.BINARY, 'bin2'],
  ['char_binary', Sequelize.CHAR(4).BINARY, 'abcd'],
  ['char', Sequelize.CHAR, 'c'],
  ['char_len', Sequelize.CHAR(3), 'abc'],
  ['string_len', Sequelize.STRING(5), 'short'],
  ['blob_tiny', Sequelize.BLOB('tiny'), Buffer.from([0, 1, 254, 255])],
  ['blob_medium', Sequelize.BLOB({ length: 'medium' }), Buffer.from('medium bytes')],
  ['text_tiny', Sequelize.TEXT('tiny'), 'tiny'],
  ['text_medium', Sequelize.TEXT('medium'), 'medium'],
  ['text_long', Sequelize.TEXT({ length: 'long' }), 'long'],
  ['citext', Sequelize.CITEXT, 'MiXeD'],
  ['tinyint', Sequelize.TINYINT, 7],
  ['tinyint_len_unsigned', Sequelize.TINYINT(3).UNSIGNED, 8],
  ['smallint_unsigned', Sequelize.SMALLINT(4).UNSIGNED, 9],
  ['mediumint', Sequelize.MEDIUMINT, 10],
  ['mediumint_all', Sequelize.MEDIUMINT(8).UNSIGNED.ZEROFILL, 11],
  ['integer_all', Sequelize.INTEGER(11).UNSIGNED.ZEROFILL, 12],
  ['bigint_len', Sequelize.BIGINT(20), '9007199254740993'],
  ['bigint_unsigned', Sequelize.BIGINT.UNSIGNED, 13],
  ['float_len_dec', Sequelize.FLOAT(8, 2), 1.25],
  ['float_len', Sequelize.FLOAT(8), 2.5],
  ['double_len_dec', Sequelize.DOUBLE(10, 3), 3.125],
  ['double_precision', Sequelize['DOUBLE PRECISION'], 4.5],
  ['real_len_dec', Sequelize.REAL(6, 1), 5.5],
  ['decimal_all', Sequelize.DECIMAL(8, 2).UNSIGNED.ZEROFILL, '123.45'],
  ['decimal_precision', Sequelize.DECIMAL(10), '42'],
  ['numeric', Sequelize.NUMERIC(6, 3), '1.5'],
  ['boolean', Sequelize.BOOLEAN, true]
];

const record = (queryInterface, question, value) =>
  queryInterface.bulkInsert('answers', [{ question, answer: JSON.stringify(value) }]);

const outcome = (promise) => promise.then(() => 'ok', (err) => `${err.name}: ${err.message}`);

module.exports = {

  async up(queryInterface, Sequelize) {
    for (const [name, type, value] of cases(Sequelize)) {
      const table = `t_${name}`;
      await record(queryInterface, `${table} createTable`,
        await outcome(queryInterface.createTable(table, { c: { type, allowNull: true } })));
      await record(queryInterface, `${table} bulkInsert`,
        await outcome(queryInterface.bulkInsert(table, [{ c: value }], {}, { c: { type } })));
    }
  },

  async down(queryInterface, Sequelize) {
    for (const [name] of cases(Sequelize)) {
      await queryInterface.dropTable(`t_${name}`);
    }
    await queryInterface.bulkDelete('answers', {}, {});
  }
};
