'use strict';

module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.createTable(
        'wallets',
        {
          id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
          owner: { type: Sequelize.STRING(40), allowNull: false, unique: true },
          cents: { type: Sequelize.BIGINT, allowNull: false, defaultValue: 0 }
        },
        { transaction }
      );
      await queryInterface.bulkInsert(
        'wallets',
        [
          { owner: 'alice', cents: 1000 },
          { owner: 'bob', cents: 250 }
        ],
        { transaction }
      );
    });
  },

  async down(queryInterface) {
    await queryInterface.sequelize.transaction((transaction) => queryInterface.dropTable('wallets', { transaction }));
  }
};
