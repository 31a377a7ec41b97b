'use strict';
module.exports = (sequelize, DataTypes) => {
  const Label = sequelize.define('Label', {
    name: { type: DataTypes.STRING(40), allowNull: false, unique: true },
  }, { timestamps: false });
  Label.associate = (models) => {
    Label.belongsToMany(models.Task, { through: 'task_labels' });
  };
  return Label;
};
