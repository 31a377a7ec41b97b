'use strict';
const { Model } = require('sequelize');
module.exports = (sequelize, DataTypes) => {
  class Author extends Model {
    static associate(models) {
      Author.hasMany(models.Book, { foreignKey: 'authorId', as: 'books', onDelete: 'CASCADE', hooks: true });
      Author.hasOne(models.Profile, { foreignKey: 'authorId' });
    }
  }
  Author.init({
    name: { type: DataTypes.STRING, allowNull: false },
    country: DataTypes.STRING,
  }, { sequelize, modelName: 'Author', tableName: 'authors', timestamps: false });
  return Author;
};
