'use strict';

module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('samples', {
      id: { type: Sequelize.BIGINT, primaryKey: true, autoIncrement: true },
      s_default: { type: Sequelize.STRING },
      s_len: { type: Sequelize.STRING(12), defaultValue: "it's" },
      s_binary: { type: Sequelize.STRING(16, true) },
      s_binary_prop: { type: Sequelize.STRING.BINARY },
      c_char: { type: Sequelize.CHAR(2), defaultValue: 'XX' },
      t_text: { type: Sequelize.TEXT, comment: 'free text' },
      t_tiny: { type: Sequelize.TEXT('tiny') },
      t_long: { type: Sequelize.TEXT('long') },
      i_int: { type: Sequelize.INTEGER, defaultValue: 42 },
      i_int_len: { type: Sequelize.INTEGER(11) },
      i_small: { type: Sequelize.SMALLINT, defaultValue: -1 },
      i_big: { type: Sequelize.BIGINT, defaultValue: 9007199254740991 },
      f_float: { type: Sequelize.FLOAT, defaultValue: 1.5 },
      f_real: { type: Sequelize.REAL },
      f_double: { type: Sequelize.DOUBLE, defaultValue: 0.5 },
      d_decimal: { type: Sequelize.DECIMAL(12, 3), defaultValue: '10.125' },
      d_decimal_plain: { type: Sequelize.DECIMAL },
      b_bool_true: { type: Sequelize.BOOLEAN, allowNull: false, defaultValue: true },
      b_bool_null: { type: Sequelize.BOOLEAN },
      dt_date: { type: Sequelize.DATE },
      dt_date_prec: { type: Sequelize.DATE(3) },
      dt_dateonly: { type: Sequelize.DATEONLY, defaultValue: '2024-05-01' },
      dt_time: { type: Sequelize.TIME },
      dt_now_js: { type: Sequelize.DATE, defaultValue: Sequelize.NOW },
      dt_literal: { type: Sequelize.DATE, defaultValue: Sequelize.literal('CURRENT_TIMESTAMP') },
      u_uuid: { type: Sequelize.UUID, defaultValue: Sequelize.UUIDV4 },
      j_json: { type: Sequelize.JSON },
      bl_blob: { type: Sequelize.BLOB },
      bl_blob_long: { type: Sequelize.BLOB('long') },
      createdAt: { type: Sequelize.DATE, allowNull: false },
      updatedAt: { type: Sequelize.DATE, allowNull: false }
    });
  },

  async down(queryInterface) {
    await queryInterface.dropTable('samples');
  }
};
