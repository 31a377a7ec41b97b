'use strict';

module.exports = {
  async up(queryInterface) {
    await queryInterface.removeIndex('orders', 'orders_customer');
  },

  async down(queryInterface, Sequelize) {
    await queryInterface.addIndex('orders', ['customerId'], { name: 'orders_customer' });
  }
};
