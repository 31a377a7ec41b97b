'use strict';
module.exports = (sequelize, DataTypes) => {
  const Book = sequelize.define('Book', {
    title: { type: DataTypes.STRING, allowNull: false },
    isbn: DataTypes.STRING(13),
    publishedOn: DataTypes.DATEONLY,
  }, {
    underscored: true,
    indexes: [{ fields: ['isbn'], unique: true }],
  });
  Book.associate = (models) => {
    Book.belongsTo(models.Author, { as: 'author', foreignKey: 'authorId' });
    Book.belongsToMany(models.Tag, { through: models.BookTag, foreignKey: 'bookId', otherKey: 'tagId' });
  };
  return Book;
};
