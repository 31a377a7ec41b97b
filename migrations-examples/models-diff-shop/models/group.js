'use strict';
module.exports = (sequelize, DataTypes) => {
  const Group = sequelize.define('Group', {
    name: { type: DataTypes.STRING, allowNull: false },
  }, { timestamps: false });
  Group.associate = (models) => {
    Group.belongsToMany(models.User, { through: 'user_groups' });
  };
  return Group;
};
