'use strict';

// Promise.all style: two independent changes started together.
module.exports = {
  up: (queryInterface, Sequelize) =>
    Promise.all([
      queryInterface.addColumn('posts', 'editorId', {
        type: Sequelize.INTEGER,
        allowNull: true,
        references: { model: 'users', key: 'id' },
        onUpdate: 'CASCADE',
        onDelete: 'SET NULL'
      }),
      queryInterface.createTable('comments', {
        id: {
          allowNull: false,
          autoIncrement: true,
          primaryKey: true,
          type: Sequelize.INTEGER
        },
        postId: { type: Sequelize.INTEGER, allowNull: false },
        authorName: { type: Sequelize.STRING(100), allowNull: true },
        body: { type: Sequelize.TEXT, allowNull: false },
        createdAt: { allowNull: false, type: Sequelize.DATE },
        updatedAt: { allowNull: false, type: Sequelize.DATE }
      })
    ]),

  down: (queryInterface) =>
    queryInterface
      .dropTable('comments')
      .then(() => queryInterface.removeColumn('posts', 'editorId'))
};
