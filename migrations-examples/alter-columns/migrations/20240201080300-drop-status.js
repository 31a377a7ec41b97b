'use strict';

module.exports = {
  async up(queryInterface) {
    await queryInterface.removeColumn('accounts', 'status');
  },

  async down(queryInterface, Sequelize) {
    await queryInterface.addColumn('accounts', 'status', {
      type: Sequelize.STRING(20),
      allowNull: false,
      defaultValue: 'active'
    });
  }
};
