'use strict';
module.exports = (sequelize, DataTypes) => {
  const BookTag = sequelize.define('BookTag', {
    bookId: { type: DataTypes.INTEGER, primaryKey: true },
    tagId: { type: DataTypes.INTEGER, primaryKey: true },
    weight: { type: DataTypes.INTEGER, defaultValue: 1 },
  }, { tableName: 'book_tags', timestamps: false });
  return BookTag;
};
