'use strict';
module.exports = (sequelize, DataTypes) => {
  const Category = sequelize.define('Category', {
    title: { type: DataTypes.STRING, allowNull: false },
  }, { timestamps: false });
  Category.associate = (models) => {
    Category.belongsTo(Category, { as: 'parent', foreignKey: 'parentId', onDelete: 'CASCADE' });
    Category.hasMany(Category, { as: 'children', foreignKey: 'parentId' });
  };
  return Category;
};
