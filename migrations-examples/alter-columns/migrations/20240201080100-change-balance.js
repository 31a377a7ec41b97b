'use strict';

module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.changeColumn('accounts', 'balance', {
      type: Sequelize.BIGINT,
      allowNull: false,
      defaultValue: 0
    });
    await queryInterface.changeColumn('accounts', 'notes', {
      type: Sequelize.TEXT,
      allowNull: true
    });
  },

  async down(queryInterface, Sequelize) {
    await queryInterface.changeColumn('accounts', 'notes', {
      type: Sequelize.STRING(50)
    });
    await queryInterface.changeColumn('accounts', 'balance', {
      type: Sequelize.INTEGER,
      allowNull: true
    });
  }
};
