'use strict';

module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('accounts', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
      email: { type: Sequelize.STRING(120), allowNull: false, unique: true },
      name: { type: Sequelize.STRING, allowNull: true },
      visits: { type: Sequelize.INTEGER, allowNull: false, defaultValue: 0 },
      seenAt: { type: Sequelize.DATE },
      meta: { type: Sequelize.JSON }
    });
    await queryInterface.createTable('answers', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
      question: { type: Sequelize.STRING, allowNull: false },
      answer: { type: Sequelize.TEXT }
    });
  },

  async down(queryInterface) {
    await queryInterface.dropTable('answers');
    await queryInterface.dropTable('accounts');
  }
};
