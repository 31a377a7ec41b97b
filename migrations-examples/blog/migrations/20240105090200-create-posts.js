'use strict';

module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('posts', {
      id: {
        allowNull: false,
        autoIncrement: true,
        primaryKey: true,
        type: Sequelize.INTEGER
      },
      authorId: {
        type: Sequelize.INTEGER,
        allowNull: false,
        references: {
          model: 'users',
          key: 'id'
        },
        onUpdate: 'CASCADE',
        onDelete: 'CASCADE'
      },
      title: {
        type: Sequelize.STRING(200),
        allowNull: false
      },
      body: {
        type: Sequelize.TEXT,
        allowNull: true
      },
      published: {
        type: Sequelize.BOOLEAN,
        allowNull: false,
        defaultValue: true
      },
      publishedAt: {
        type: Sequelize.DATE
      },
      createdAt: { allowNull: false, type: Sequelize.DATE },
      updatedAt: { allowNull: false, type: Sequelize.DATE },
      deletedAt: { type: Sequelize.DATE }
    });
    await queryInterface.addIndex('posts', ['authorId', 'publishedAt']);
  },

  async down(queryInterface) {
    await queryInterface.removeIndex('posts', ['authorId', 'publishedAt']);
    await queryInterface.dropTable('posts');
  }
};
