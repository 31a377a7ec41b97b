'use strict';

module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('answers', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
      question: { type: Sequelize.STRING, allowNull: false },
      answer: { type: Sequelize.TEXT }
    });
    await queryInterface.createTable('keepers', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
      label: Sequelize.STRING
    });
  },

  async down(queryInterface) {
    await queryInterface.dropTable('keepers');
    await queryInterface.dropTable('answers');
  }
};
