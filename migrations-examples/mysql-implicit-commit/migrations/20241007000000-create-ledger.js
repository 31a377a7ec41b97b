'use strict';

module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('ledger', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
      entry: { type: Sequelize.STRING(40), allowNull: false }
    });
    await queryInterface.bulkInsert('ledger', [{ entry: 'opening' }]);
  },

  async down(queryInterface) {
    await queryInterface.dropTable('ledger');
  }
};
