'use strict';
module.exports = (sequelize, DataTypes) => {
  const BookTag = sequelize.define('BookTag', {
    role: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'main' },
  }, { underscored: true });
  return BookTag;
};
