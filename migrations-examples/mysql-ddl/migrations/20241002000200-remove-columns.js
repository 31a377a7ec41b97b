'use strict';

module.exports = {
  async up(queryInterface) {
    // vendorId carries the server-named foreign key items_ibfk_1: Sequelize drops it first.
    await queryInterface.removeColumn('items', 'vendorId');
    await queryInterface.removeColumn('items', 'rank');
  },

  async down(queryInterface, Sequelize) {
    await queryInterface.addColumn('items', 'rank', { type: Sequelize.INTEGER, first: true });
    await queryInterface.addColumn('items', 'vendorId', {
      type: Sequelize.INTEGER,
      references: { model: 'vendors', key: 'id' },
      onDelete: 'CASCADE',
      onUpdate: 'CASCADE'
    });
  }
};
