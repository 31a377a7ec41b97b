'use strict';

// What the introspection calls return is what migrations branch on; keep it in rows.
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('introspection', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
      what: { type: Sequelize.STRING, allowNull: false },
      result: { type: Sequelize.TEXT, allowNull: false }
    });
    const indexes = await queryInterface.showIndex('players');
    const fks = await queryInterface.getForeignKeyReferencesForTable('players');
    const summary = (list, keys) =>
      JSON.stringify(
        list
          .map((x) => Object.fromEntries(keys.map((k) => [k, x[k]])))
          .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))
      );
    await queryInterface.bulkInsert('introspection', [
      { what: 'showIndex(players)', result: summary(indexes, ['name', 'unique', 'primary']) },
      {
        what: 'getForeignKeyReferencesForTable(players)',
        result: summary(fks, ['columnName', 'referencedTableName', 'referencedColumnName'])
      }
    ]);
  },

  async down(queryInterface) {
    await queryInterface.dropTable('introspection');
  }
};
