'use strict';
module.exports = (sequelize, DataTypes) => {
  const Reader = sequelize.define('Reader', {
    nick: DataTypes.STRING,
  }, { tableName: 'readers', timestamps: false });
  Reader.associate = (models) => {
    // Through a table name: Sequelize defines the `Favorites` model itself.
    Reader.belongsToMany(models.Book, { through: 'Favorites' });
  };
  return Reader;
};
