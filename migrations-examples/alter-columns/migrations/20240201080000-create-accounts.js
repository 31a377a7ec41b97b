'use strict';

module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('accounts', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
      email: { type: Sequelize.STRING(120), allowNull: false, unique: true },
      balance: { type: Sequelize.INTEGER, allowNull: true },
      notes: { type: Sequelize.STRING(50) },
      status: { type: Sequelize.STRING(20), allowNull: false, defaultValue: 'active' },
      createdAt: { type: Sequelize.DATE, allowNull: false },
      updatedAt: { type: Sequelize.DATE, allowNull: false }
    });
    await queryInterface.bulkInsert('accounts', [
      { email: 'a@example.com', balance: 10, notes: 'first', status: 'active', createdAt: new Date('2024-02-01T08:00:00Z'), updatedAt: new Date('2024-02-01T08:00:00Z') },
      { email: 'b@example.com', balance: 0, notes: null, status: 'closed', createdAt: new Date('2024-02-02T08:00:00Z'), updatedAt: new Date('2024-02-03T08:00:00Z') },
      { email: 'c@example.com', balance: 2500, notes: "it's fine", status: 'active', createdAt: new Date('2024-02-04T08:00:00Z'), updatedAt: new Date('2024-02-04T08:00:00Z') }
    ]);
  },

  async down(queryInterface) {
    await queryInterface.dropTable('accounts');
  }
};
