'use strict';
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('authors', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
      name: { type: Sequelize.STRING, allowNull: false },
      country: Sequelize.STRING,
    });
    await queryInterface.createTable('profiles', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
      bio: Sequelize.STRING,
      authorId: { type: Sequelize.INTEGER, references: { model: 'authors', key: 'id' }, onDelete: 'CASCADE' },
    });
    await queryInterface.createTable('books', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
      title: { type: Sequelize.STRING, allowNull: false },
      pages: Sequelize.INTEGER,
      author_id: { type: Sequelize.INTEGER, references: { model: 'authors', key: 'id' }, onDelete: 'CASCADE' },
    });
    await queryInterface.createTable('tags', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
      label: { type: Sequelize.STRING, allowNull: false },
    });
    await queryInterface.createTable('book_tags', {
      bookId: { type: Sequelize.INTEGER, primaryKey: true, references: { model: 'books', key: 'id' }, onDelete: 'CASCADE' },
      tagId: { type: Sequelize.INTEGER, primaryKey: true, references: { model: 'tags', key: 'id' }, onDelete: 'CASCADE' },
      weight: { type: Sequelize.INTEGER, defaultValue: 1 },
    });
    await queryInterface.createTable('readers', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
      nick: Sequelize.STRING,
    });
    await queryInterface.createTable('Favorites', {
      createdAt: { type: Sequelize.DATE, allowNull: false },
      updatedAt: { type: Sequelize.DATE, allowNull: false },
      BookId: { type: Sequelize.INTEGER, primaryKey: true, references: { model: 'books', key: 'id' }, onDelete: 'CASCADE' },
      ReaderId: { type: Sequelize.INTEGER, primaryKey: true, references: { model: 'readers', key: 'id' }, onDelete: 'CASCADE' },
    });
  },
  async down(queryInterface) {
    for (const t of ['Favorites', 'readers', 'book_tags', 'tags', 'books', 'profiles', 'authors']) {
      await queryInterface.dropTable(t);
    }
  },
};
