'use strict';

module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('scratch_a', { id: { type: Sequelize.INTEGER, primaryKey: true } });
    await queryInterface.createTable('scratch_b', {
      id: { type: Sequelize.INTEGER, primaryKey: true },
      aId: { type: Sequelize.INTEGER, references: { model: 'scratch_a', key: 'id' } }
    });
    const rows = await queryInterface.select(null, 'items', {
      attributes: ['name', 'qty', 'note'],
      where: { note: { [Sequelize.Op.ne]: null } },
      order: [['name', 'ASC']]
    });
    await queryInterface.bulkInsert('scratch_a', rows.map((r, i) => ({ id: i + 1 })));
  },

  async down(queryInterface) {
    // Everything but the tables the earlier migrations own.
    await queryInterface.dropAllTables({ skip: ['SequelizeMeta', 'items'] });
  }
};
