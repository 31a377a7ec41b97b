'use strict';
module.exports = (sequelize, DataTypes) => {
  const Author = sequelize.define('Author', {
    name: { type: DataTypes.STRING, allowNull: false },
    email: { type: DataTypes.STRING, unique: true },
    rating: { type: DataTypes.FLOAT, allowNull: false, defaultValue: 0 },
  }, { underscored: true, paranoid: true });
  Author.associate = (models) => {
    Author.hasMany(models.Book, { as: 'books', foreignKey: 'authorId', onDelete: 'CASCADE' });
  };
  return Author;
};
