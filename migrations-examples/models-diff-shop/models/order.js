'use strict';
module.exports = (sequelize, DataTypes) => {
  const Order = sequelize.define('Order', {
    status: { type: DataTypes.ENUM('pending', 'paid', 'shipped'), allowNull: false, defaultValue: 'pending' },
    total: { type: DataTypes.DOUBLE, allowNull: false, defaultValue: 0 },
    placedAt: { type: DataTypes.DATE, defaultValue: DataTypes.NOW },
    code: { type: DataTypes.UUID, defaultValue: DataTypes.UUIDV4 },
    note: DataTypes.STRING,
  }, {
    paranoid: true,
    indexes: [
      { fields: ['status', 'placedAt'] },
      { name: 'orders_live_code', unique: true, fields: ['code'], where: { deletedAt: null } },
    ],
  });
  Order.associate = (models) => {
    Order.belongsTo(models.User);
  };
  return Order;
};
