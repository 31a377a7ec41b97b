'use strict';

// [table suffix, type, a value to insert]
const cases = (S) => [
  ['string_len_binary', S.STRING(10, true), 'bin'],
  ['string_binary', S.STRING.BINARY, 'bin2'],
  ['char_binary', S.CHAR(4).BINARY, 'abcd'],
  ['char', S.CHAR, 'c'],
  ['char_len', S.CHAR(3), 'abc'],
  ['string_len', S.STRING(5), 'short'],
  ['blob_tiny', S.BLOB('tiny'), Buffer.from([0, 1, 254, 255])],
  ['blob_medium', S.BLOB({ length: 'medium' }), Buffer.from('medium bytes')],
  ['text_tiny', S.TEXT('tiny'), 'tiny'],
  ['text_medium', S.TEXT('medium'), 'medium'],
  ['text_long', S.TEXT({ length: 'long' }), 'long'],
  ['citext', S.CITEXT, 'MiXeD'],
  ['tinyint', S.TINYINT, 7],
  ['tinyint_len_unsigned', S.TINYINT(3).UNSIGNED, 8],
  ['smallint_unsigned', S.SMALLINT(4).UNSIGNED, 9],
  ['mediumint', S.MEDIUMINT, 10],
  ['mediumint_all', S.MEDIUMINT(8).UNSIGNED.ZEROFILL, 11],
  ['integer_all', S.INTEGER(11).UNSIGNED.ZEROFILL, 12],
  ['bigint_len', S.BIGINT(20), '9007199254740993'],
  ['bigint_unsigned', S.BIGINT.UNSIGNED, 13],
  ['float_len_dec', S.FLOAT(8, 2), 1.25],
  ['float_len', S.FLOAT(8), 2.5],
  ['double_len_dec', S.DOUBLE(10, 3), 3.125],
  ['double_precision', S['DOUBLE PRECISION'], 4.5],
  ['real_len_dec', S.REAL(6, 1), 5.5],
  ['decimal_all', S.DECIMAL(8, 2).UNSIGNED.ZEROFILL, '123.45'],
  ['decimal_precision', S.DECIMAL(10), '42'],
  ['numeric', S.NUMERIC(6, 3), '1.5'],
  ['boolean', S.BOOLEAN, true]
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
