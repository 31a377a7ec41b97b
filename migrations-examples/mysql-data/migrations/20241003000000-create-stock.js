'use strict';

module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('stock', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
      sku: { type: Sequelize.STRING(32), allowNull: false, unique: true },
      qty: { type: Sequelize.INTEGER, allowNull: false, defaultValue: 0 },
      label: { type: Sequelize.STRING(100) }
    });
    await queryInterface.createTable('results', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
      what: { type: Sequelize.STRING(60), allowNull: false },
      body: { type: Sequelize.TEXT, allowNull: false }
    });
  },

  async down(queryInterface) {
    await queryInterface.dropTable('results');
    await queryInterface.dropTable('stock');
  }
};
