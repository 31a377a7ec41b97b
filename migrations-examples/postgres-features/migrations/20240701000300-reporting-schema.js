'use strict';

module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createSchema('reporting');
    await queryInterface.createTable(
      { tableName: 'daily_totals', schema: 'reporting' },
      {
        day: { type: Sequelize.DATEONLY, primaryKey: true },
        total: { type: Sequelize.DECIMAL(12, 2), allowNull: false, defaultValue: 0 },
        breakdown: { type: Sequelize.JSON }
      }
    );
    await queryInterface.bulkInsert({ tableName: 'daily_totals', schema: 'reporting' }, [
      { day: '2024-07-01', total: '19.90', breakdown: JSON.stringify({ paid: 1 }) }
    ]);
    await queryInterface.addIndex({ tableName: 'daily_totals', schema: 'reporting' }, ['total'], {
      name: 'daily_totals_total'
    });
  },

  async down(queryInterface) {
    await queryInterface.dropTable({ tableName: 'daily_totals', schema: 'reporting' });
    await queryInterface.dropSchema('reporting');
  }
};
