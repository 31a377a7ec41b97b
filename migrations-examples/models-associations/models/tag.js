'use strict';
module.exports = (sequelize, DataTypes) => {
  const Tag = sequelize.define('Tag', {
    label: { type: DataTypes.STRING, allowNull: false },
  }, { tableName: 'tags', timestamps: false });
  Tag.associate = (models) => {
    Tag.belongsToMany(models.Book, { through: models.BookTag, foreignKey: 'tagId', otherKey: 'bookId', as: 'books' });
  };
  return Tag;
};
