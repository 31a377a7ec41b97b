'use strict';
module.exports = (sequelize, DataTypes) => {
  const Tag = sequelize.define('Tag', {
    name: { type: DataTypes.STRING(40), allowNull: false, unique: true },
  }, { underscored: true, timestamps: false });
  return Tag;
};
