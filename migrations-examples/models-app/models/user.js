'use strict';
const { Model } = require('sequelize');
module.exports = (sequelize, DataTypes) => {
  class User extends Model {
    static associate(models) {
      User.hasMany(models.Post, { foreignKey: 'userId', as: 'posts' });
    }

    get fullName() {
      return `${this.firstName} ${this.lastName}`;
    }
  }
  User.init({
    firstName: { type: DataTypes.STRING, allowNull: false },
    lastName: DataTypes.STRING,
    email: {
      type: DataTypes.STRING,
      allowNull: false,
      set(value) {
        this.setDataValue('email', String(value).toLowerCase());
      },
    },
    role: { type: DataTypes.STRING, allowNull: false, defaultValue: 'member' },
    uuid: { type: DataTypes.UUID, defaultValue: DataTypes.UUIDV4 },
    score: { type: DataTypes.INTEGER, defaultValue: 0 },
    active: { type: DataTypes.BOOLEAN, defaultValue: true },
  }, {
    sequelize,
    modelName: 'User',
  });
  return User;
};
