'use strict';

module.exports = {
  async up(queryInterface, Sequelize) {
    if (queryInterface.sequelize.getDialect() === 'postgres') {
      for (const ext of ['postgis', 'citext', 'hstore']) {
        await queryInterface.sequelize.query(`CREATE EXTENSION IF NOT EXISTS ${ext}`);
      }
    }
    await queryInterface.createTable('answers', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
      question: { type: Sequelize.STRING, allowNull: false },
      answer: { type: Sequelize.TEXT }
    });
  },

  async down(queryInterface) {
    await queryInterface.dropTable('answers');
    if (queryInterface.sequelize.getDialect() === 'postgres') {
      for (const ext of ['hstore', 'citext', 'postgis']) {
        await queryInterface.sequelize.query(`DROP EXTENSION IF EXISTS ${ext}`);
      }
    }
  }
};
