'use strict';

module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('users', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
      login: { type: Sequelize.STRING(40), allowNull: false, unique: true }
    });
  },

  async down(queryInterface) {
    await queryInterface.dropTable('users');
  }
};
