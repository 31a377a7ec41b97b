'use strict';

module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.bulkInsert('ledger', [{ entry: 'before the DDL' }], { transaction });
      await queryInterface.createTable(
        'audit',
        {
          id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
          note: { type: Sequelize.STRING(40), allowNull: false }
        },
        { transaction }
      );
      await queryInterface.bulkInsert('ledger', [{ entry: 'after the DDL' }], { transaction });
      await queryInterface.bulkInsert('audit', [{ note: 'written' }], { transaction });
      // Fails: the column does not exist.
      await queryInterface.bulkUpdate('ledger', { amount: 1 }, { entry: 'opening' }, { transaction });
    });
  },

  async down(queryInterface) {
    await queryInterface.dropTable('audit');
  }
};
