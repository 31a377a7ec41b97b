'use strict';
module.exports = (sequelize, DataTypes) => {
  const Profile = sequelize.define('Profile', {
    displayName: { type: DataTypes.STRING(80), allowNull: false, defaultValue: 'anonymous' },
    birthday: DataTypes.DATEONLY,
    avatar: DataTypes.BLOB,
  }, { underscored: true });
  Profile.associate = (models) => {
    Profile.belongsTo(models.User, { foreignKey: 'userId', as: 'user' });
  };
  return Profile;
};
