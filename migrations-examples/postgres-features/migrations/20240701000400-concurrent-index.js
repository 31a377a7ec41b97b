'use strict';

module.exports = {
  async up(queryInterface) {
    await queryInterface.addIndex('orders', ['total'], { concurrently: true, name: 'orders_total_concurrently' });
  },

  async down(queryInterface) {
    await queryInterface.removeIndex('orders', 'orders_total_concurrently', { concurrently: true });
  }
};
