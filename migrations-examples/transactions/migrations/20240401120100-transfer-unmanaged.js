'use strict';

module.exports = {
  async up(queryInterface, Sequelize) {
    const transaction = await queryInterface.sequelize.transaction();
    try {
      await queryInterface.addColumn(
        'wallets',
        'frozen',
        { type: Sequelize.BOOLEAN, allowNull: false, defaultValue: false },
        { transaction }
      );
      await queryInterface.sequelize.query('UPDATE wallets SET cents = cents - 100 WHERE owner = :from', {
        replacements: { from: 'alice' },
        transaction
      });
      await queryInterface.sequelize.query('UPDATE wallets SET cents = cents + 100 WHERE owner = :to', {
        replacements: { to: 'bob' },
        transaction
      });
      await transaction.commit();
    } catch (err) {
      await transaction.rollback();
      throw err;
    }
  },

  async down(queryInterface) {
    const transaction = await queryInterface.sequelize.transaction();
    try {
      await queryInterface.sequelize.query("UPDATE wallets SET cents = cents + 100 WHERE owner = 'alice'", { transaction });
      await queryInterface.sequelize.query("UPDATE wallets SET cents = cents - 100 WHERE owner = 'bob'", { transaction });
      await queryInterface.removeColumn('wallets', 'frozen', { transaction });
      await transaction.commit();
    } catch (err) {
      await transaction.rollback();
      throw err;
    }
  }
};
