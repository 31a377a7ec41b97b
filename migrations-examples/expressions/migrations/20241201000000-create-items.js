'use strict';

module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('items', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
      code: { type: Sequelize.UUID, defaultValue: Sequelize.UUIDV1 },
      name: { type: Sequelize.STRING(40), allowNull: false },
      kind: { type: Sequelize.ENUM('tool', 'part', 'kit'), allowNull: false, defaultValue: 'part' },
      qty: { type: Sequelize.INTEGER, allowNull: false, defaultValue: 0 },
      price: { type: Sequelize.FLOAT },
      note: { type: Sequelize.STRING(100) }
    });
    await queryInterface.bulkInsert('items', [
      { code: '11111111-1111-1111-1111-111111111111', name: 'hammer', kind: 'tool', qty: 3, price: 9.5, note: null },
      { code: '22222222-2222-2222-2222-222222222222', name: 'nail', kind: 'part', qty: 500, price: 0.01, note: 'box' },
      { code: '33333333-3333-3333-3333-333333333333', name: 'Saw', kind: 'tool', qty: 0, price: 24, note: 'discontinued' },
      { code: '44444444-4444-4444-4444-444444444444', name: 'starter kit', kind: 'kit', qty: 2, price: 40, note: null },
      { code: '55555555-5555-5555-5555-555555555555', name: 'screw', kind: 'part', qty: 250, price: 0.02, note: '' }
    ]);
  },

  async down(queryInterface) {
    await queryInterface.dropTable('items');
    if (queryInterface.sequelize.getDialect() === 'postgres') {
      await queryInterface.dropEnum('enum_items_kind');
    }
  }
};
