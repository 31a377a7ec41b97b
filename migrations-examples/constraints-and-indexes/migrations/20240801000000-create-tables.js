'use strict';

module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('teams', {
      code: { type: Sequelize.STRING(8), allowNull: false },
      season: { type: Sequelize.INTEGER, allowNull: false },
      name: { type: Sequelize.STRING(80), allowNull: false }
    });
    await queryInterface.createTable('players', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
      teamCode: { type: Sequelize.STRING(8) },
      email: { type: Sequelize.STRING(120), allowNull: false },
      number: { type: Sequelize.INTEGER, allowNull: false },
      retired: { type: Sequelize.BOOLEAN, allowNull: false, defaultValue: false }
    });
  },

  async down(queryInterface) {
    await queryInterface.dropTable('players');
    await queryInterface.dropTable('teams');
  }
};
