'use strict';
const { Model } = require('sequelize');

module.exports = (sequelize, DataTypes) => {
  class User extends Model {
    static associate(models) {
      User.hasOne(models.Profile, { foreignKey: 'userId', as: 'profile' });
      User.hasMany(models.Order, { onDelete: 'CASCADE' });
      User.belongsToMany(models.Product, { through: models.Wishlist, as: 'wishes' });
      User.belongsToMany(models.Group, { through: 'user_groups' });
    }
  }
  User.init({
    username: { type: DataTypes.STRING(64), allowNull: false, unique: true },
    email: { type: DataTypes.STRING, allowNull: false },
    isAdmin: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    bio: DataTypes.TEXT,
    balance: { type: DataTypes.DECIMAL(10, 2), allowNull: false, defaultValue: 0 },
    fullName: {
      type: DataTypes.VIRTUAL,
      get() { return `${this.username} <${this.email}>`; },
    },
  }, {
    sequelize,
    modelName: 'User',
    indexes: [{ unique: true, fields: ['email'] }],
  });
  return User;
};
