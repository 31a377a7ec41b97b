'use strict';
module.exports = (sequelize, DataTypes) => {
  const Project = sequelize.define('Project', {
    title: { type: DataTypes.STRING(120), allowNull: false },
    budget: { type: DataTypes.DECIMAL(12, 2), allowNull: false, defaultValue: 0 },
    startsOn: DataTypes.DATEONLY,
  }, { underscored: true });
  Project.associate = (models) => {
    Project.belongsTo(models.Account, { as: 'owner', foreignKey: 'ownerId' });
    Project.hasMany(models.Task, { as: 'tasks', onDelete: 'CASCADE' });
  };
  return Project;
};
