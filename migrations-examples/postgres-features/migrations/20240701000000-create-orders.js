'use strict';

module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('orders', {
      id: {
        type: Sequelize.UUID,
        primaryKey: true,
        defaultValue: Sequelize.literal('gen_random_uuid()')
      },
      status: {
        type: Sequelize.ENUM('pending', 'paid', 'shipped'),
        allowNull: false,
        defaultValue: 'pending'
      },
      tags: { type: Sequelize.ARRAY(Sequelize.STRING), allowNull: false, defaultValue: [] },
      scores: { type: Sequelize.ARRAY(Sequelize.INTEGER), defaultValue: [0, 0] },
      data: { type: Sequelize.JSONB, allowNull: false, defaultValue: {} },
      total: { type: Sequelize.DECIMAL(10, 2), allowNull: false, defaultValue: 0 },
      placedAt: { type: Sequelize.DATE, allowNull: false, defaultValue: Sequelize.fn('NOW') },
      note: { type: Sequelize.TEXT, comment: 'free text, shown to the customer' },
      createdAt: { type: Sequelize.DATE, allowNull: false },
      updatedAt: { type: Sequelize.DATE, allowNull: false }
    });
    await queryInterface.addIndex('orders', ['data'], { using: 'gin', name: 'orders_data_gin' });
    await queryInterface.addIndex('orders', ['placedAt'], {
      name: 'orders_unshipped',
      where: { status: 'pending' }
    });
  },

  async down(queryInterface) {
    await queryInterface.dropTable('orders');
    await queryInterface.dropEnum('enum_orders_status');
  }
};
