'use strict';
module.exports = (sequelize, DataTypes) => {
  const Note = sequelize.define('Note', {
    body: { type: DataTypes.STRING, allowNull: false },
    kind: { type: DataTypes.STRING, defaultValue: 'memo' },
    size: { type: DataTypes.INTEGER, defaultValue: 1 },
    accountId: { type: DataTypes.INTEGER, field: 'account_id' },
    deletedAt: { type: DataTypes.DATE, field: 'deleted_at' },
  }, {
    tableName: 'notes',
    timestamps: true,
    createdAt: false,
    updatedAt: false,
    paranoid: true,
  });
  Note.associate = (models) => {
    Note.belongsTo(models.Account, { foreignKey: 'accountId', as: 'owner' });
  };
  Note.afterRestore((note) => console.log('afterRestore', note.body));
  return Note;
};
