'use strict';

module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('groups', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
      label: { type: Sequelize.STRING(40), allowNull: false, unique: true }
    });
    await queryInterface.createTable('counters', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
      groupId: { type: Sequelize.INTEGER, references: { model: 'groups', key: 'id' }, onDelete: 'CASCADE' },
      name: { type: Sequelize.STRING(40), allowNull: false },
      hits: { type: Sequelize.INTEGER, allowNull: false, defaultValue: 0 },
      misses: { type: Sequelize.INTEGER, allowNull: false, defaultValue: 0 }
    });
    await queryInterface.createTable('answers', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
      question: { type: Sequelize.STRING, allowNull: false },
      answer: { type: Sequelize.TEXT, allowNull: false }
    });
  },

  async down(queryInterface) {
    await queryInterface.dropTable('answers');
    await queryInterface.dropTable('counters');
    await queryInterface.dropTable('groups');
  }
};
