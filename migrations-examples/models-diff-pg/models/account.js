'use strict';
module.exports = (sequelize, DataTypes) => {
  const Account = sequelize.define('Account', {
    email: { type: DataTypes.STRING(100), allowNull: false },
    name: { type: DataTypes.STRING, allowNull: false },
    status: { type: DataTypes.ENUM('active', 'suspended', 'closed'), allowNull: false, defaultValue: 'active' },
    role: { type: DataTypes.ENUM('admin', 'member'), allowNull: false, defaultValue: 'member' },
    tags: { type: DataTypes.ARRAY(DataTypes.STRING), defaultValue: [] },
    settings: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
    token: { type: DataTypes.UUID, defaultValue: DataTypes.UUIDV4 },
  }, {
    paranoid: true,
    indexes: [{ unique: true, fields: ['email'] }],
  });
  Account.associate = (models) => {
    Account.hasMany(models.Project, { as: 'projects', foreignKey: 'ownerId' });
  };
  return Account;
};
