'use strict';

module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('vendors', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
      name: { type: Sequelize.STRING(100), allowNull: false }
    });
    await queryInterface.createTable('items', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
      title: { type: Sequelize.STRING(200), allowNull: false },
      vendorId: {
        type: Sequelize.INTEGER,
        references: { model: 'vendors', key: 'id' },
        onDelete: 'CASCADE',
        onUpdate: 'CASCADE'
      },
      notes: { type: Sequelize.TEXT },
      area: { type: Sequelize.GEOMETRY, allowNull: false }
    });
    await queryInterface.addColumn('items', 'sku', {
      type: Sequelize.STRING(32),
      allowNull: false,
      defaultValue: '',
      after: 'id',
      comment: 'stock keeping unit'
    });
    await queryInterface.addColumn('items', 'rank', { type: Sequelize.INTEGER, first: true });
    await queryInterface.changeColumn('items', 'title', {
      type: Sequelize.STRING(250),
      allowNull: true,
      comment: 'shown in lists'
    });
    await queryInterface.renameColumn('items', 'notes', 'description');
  },

  async down(queryInterface) {
    await queryInterface.dropTable('items');
    await queryInterface.dropTable('vendors');
  }
};
