'use strict';
module.exports = (sequelize, DataTypes) => {
  const Profile = sequelize.define('Profile', {
    bio: DataTypes.STRING,
    authorId: DataTypes.INTEGER,
  }, { tableName: 'profiles', timestamps: false });
  Profile.associate = (models) => {
    Profile.belongsTo(models.Author, { foreignKey: 'authorId', as: 'author' });
  };
  return Profile;
};
