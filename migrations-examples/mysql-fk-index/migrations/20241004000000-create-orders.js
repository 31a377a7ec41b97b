'use strict';

module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('customers', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true }
    });
    await queryInterface.createTable('orders', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
      customerId: { type: Sequelize.INTEGER, allowNull: false }
    });
    await queryInterface.addIndex('orders', ['customerId'], { name: 'orders_customer' });
    await queryInterface.addConstraint('orders', {
      fields: ['customerId'],
      type: 'foreign key',
      name: 'orders_customer_fk',
      references: { table: 'customers', field: 'id' }
    });
  },

  async down(queryInterface) {
    await queryInterface.dropTable('orders');
    await queryInterface.dropTable('customers');
  }
};
