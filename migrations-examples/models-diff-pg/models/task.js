'use strict';
module.exports = (sequelize, DataTypes) => {
  const Task = sequelize.define('Task', {
    title: { type: DataTypes.TEXT, allowNull: false },
    done: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    estimate: DataTypes.DOUBLE,
    dueAt: DataTypes.DATE,
  }, { timestamps: false });
  Task.associate = (models) => {
    Task.belongsTo(models.Project);
    Task.belongsToMany(models.Label, { through: 'task_labels' });
  };
  return Task;
};
