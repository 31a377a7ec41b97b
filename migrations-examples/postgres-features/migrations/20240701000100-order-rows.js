'use strict';

module.exports = {
  async up(queryInterface, Sequelize) {
    const at = new Date('2024-07-01T09:00:00Z');
    await queryInterface.bulkInsert(
      'orders',
      [
        {
          id: '6a1f1b7e-0c2e-4b8e-9a57-0d5b0c1e2f01',
          status: 'paid',
          tags: ['gift', "o'clock"],
          scores: [1, 2, 3],
          data: { items: [{ sku: 'A-1', qty: 2 }], rush: true },
          total: '19.90',
          placedAt: at,
          note: null,
          createdAt: at,
          updatedAt: at
        },
        {
          id: '6a1f1b7e-0c2e-4b8e-9a57-0d5b0c1e2f02',
          status: 'pending',
          tags: [],
          scores: [],
          data: {},
          total: 0,
          placedAt: at,
          note: 'leave at the door',
          createdAt: at,
          updatedAt: at
        }
      ],
      {},
      {
        tags: { type: Sequelize.ARRAY(Sequelize.STRING) },
        scores: { type: Sequelize.ARRAY(Sequelize.INTEGER) },
        data: { type: new Sequelize.JSONB() }
      }
    );
  },

  async down(queryInterface) {
    await queryInterface.bulkDelete('orders', null, {});
  }
};
