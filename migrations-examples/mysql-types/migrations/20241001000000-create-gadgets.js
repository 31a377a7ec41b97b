'use strict';

module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable(
      'gadgets',
      {
        id: { type: Sequelize.INTEGER.UNSIGNED, primaryKey: true, autoIncrement: true },
        kind: { type: Sequelize.ENUM('small', 'large', "o'dd"), allowNull: false, defaultValue: 'small' },
        serial: { type: Sequelize.INTEGER(8).UNSIGNED.ZEROFILL },
        tiny: { type: Sequelize.TINYINT.UNSIGNED },
        big: { type: Sequelize.BIGINT },
        active: { type: Sequelize.BOOLEAN, allowNull: false, defaultValue: true },
        madeAt: { type: Sequelize.DATE(3) },
        day: { type: Sequelize.DATEONLY },
        at: { type: Sequelize.TIME },
        blurb: { type: Sequelize.TEXT('tiny') },
        body: { type: Sequelize.TEXT('medium') },
        manual: { type: Sequelize.TEXT('long') },
        thumb: { type: Sequelize.BLOB('tiny') },
        image: { type: Sequelize.BLOB('medium') },
        data: { type: Sequelize.BLOB },
        meta: { type: Sequelize.JSON },
        spot: { type: Sequelize.GEOMETRY('POINT') },
        price: { type: Sequelize.DECIMAL(10, 2), comment: 'in euros' },
        weight: { type: Sequelize.FLOAT(8, 2) },
        ratio: { type: Sequelize.DOUBLE(12, 4) },
        code: { type: Sequelize.STRING(16).BINARY },
        country: { type: Sequelize.CHAR(2), comment: "ISO code, 'alpha-2'" },
        uuid: { type: Sequelize.UUID, defaultValue: Sequelize.UUIDV4 },
        createdAt: { type: Sequelize.DATE, allowNull: false },
        updatedAt: { type: Sequelize.DATE, allowNull: false }
      },
      {
        engine: 'InnoDB',
        charset: 'utf8mb4',
        collate: 'utf8mb4_unicode_ci',
        comment: "gadgets we've made",
        rowFormat: 'DYNAMIC',
        initialAutoIncrement: 1000
      }
    );
  },

  async down(queryInterface) {
    await queryInterface.dropTable('gadgets');
  }
};
