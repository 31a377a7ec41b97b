'use strict';

// Reads the live schema and decides: the kind of migration that must see exactly what
// Sequelize's describeTable/showAllTables/tableExists return.
module.exports = {
  async up(queryInterface, Sequelize) {
    const tables = (await queryInterface.showAllTables()).map((t) => (typeof t === 'string' ? t : t.tableName));
    if (!tables.includes('ledgers')) {
      throw new Error('expected a ledgers table, got ' + JSON.stringify(tables));
    }
    if (!(await queryInterface.tableExists('ledgers'))) {
      throw new Error('tableExists(ledgers) is false');
    }
    const columns = await queryInterface.describeTable('ledgers');
    if (!columns.archived) {
      await queryInterface.addColumn('ledgers', 'archived', {
        type: Sequelize.BOOLEAN,
        allowNull: false,
        defaultValue: false
      });
    }
    // Record what describeTable said, so the rows show it.
    await queryInterface.createTable('schema_notes', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
      col: { type: Sequelize.STRING, allowNull: false },
      info: { type: Sequelize.TEXT, allowNull: false }
    });
    const names = Object.keys(columns).sort();
    await queryInterface.bulkInsert(
      'schema_notes',
      names.map((name) => ({
        col: name,
        info: JSON.stringify({
          type: columns[name].type,
          allowNull: columns[name].allowNull,
          defaultValue: columns[name].defaultValue,
          primaryKey: columns[name].primaryKey
        })
      }))
    );
  },

  async down(queryInterface) {
    await queryInterface.dropTable('schema_notes');
    await queryInterface.removeColumn('ledgers', 'archived');
  }
};
