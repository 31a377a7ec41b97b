'use strict';
module.exports = (sequelize, DataTypes) => {
  const Book = sequelize.define('Book', {
    title: { type: DataTypes.STRING, allowNull: false },
    pages: DataTypes.INTEGER,
    authorId: { type: DataTypes.INTEGER, field: 'author_id' },
  }, { tableName: 'books', timestamps: false });
  Book.beforeDestroy((book) => console.log('beforeDestroy book', book.title));
  Book.associate = (models) => {
    Book.belongsTo(models.Author, { foreignKey: 'authorId', as: 'author' });
    Book.belongsToMany(models.Tag, { through: models.BookTag, foreignKey: 'bookId', otherKey: 'tagId', as: 'tags' });
    Book.belongsToMany(models.Reader, { through: 'Favorites' });
  };
  return Book;
};
