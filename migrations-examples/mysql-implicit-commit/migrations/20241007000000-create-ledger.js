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
    // The next migration fails after its CREATE TABLE committed: nothing records `audit`,
    // so its own down never runs. Clean it up here (IF EXISTS, as dropTable writes it).
    await queryInterface.dropTable('audit');
    await queryInterface.dropTable('ledger');
  }
};
