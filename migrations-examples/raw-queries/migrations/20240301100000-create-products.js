'use strict';

module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('products', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
      sku: { type: Sequelize.STRING(32), allowNull: false, unique: true },
      name: { type: Sequelize.STRING, allowNull: false },
      price: { type: Sequelize.DECIMAL(10, 2), allowNull: false },
      stock: { type: Sequelize.INTEGER, allowNull: false, defaultValue: 0 },
      active: { type: Sequelize.BOOLEAN, allowNull: false, defaultValue: true },
      createdAt: { type: Sequelize.DATE, allowNull: false },
      updatedAt: { type: Sequelize.DATE, allowNull: false }
    });
    const t0 = new Date('2024-03-01T10:00:00Z');
    await queryInterface.bulkInsert('products', [
      { sku: 'A-1', name: 'Anvil', price: 99.5, stock: 3, active: true, createdAt: t0, updatedAt: t0 },
      { sku: 'B-2', name: 'Bolt "M6"', price: '0.25', stock: 1000, active: true, createdAt: t0, updatedAt: t0 },
      { sku: 'C-3', name: "Crate o' nails", price: 12, stock: 0, active: true, createdAt: t0, updatedAt: t0 },
      { sku: 'D-4', name: 'Drill', price: 149.99, stock: 7, active: false, createdAt: t0, updatedAt: t0 }
    ]);
  },

  async down(queryInterface) {
    await queryInterface.dropTable('products');
  }
};
