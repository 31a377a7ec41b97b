'use strict';

// Rebuilding `parents` drops it; with foreign keys on, that would fail (or cascade into
// `children`). Sequelize users switch them off around the change, outside any transaction.
module.exports = {
  async up(queryInterface, Sequelize) {
    const { sequelize } = queryInterface;
    await sequelize.query('PRAGMA foreign_keys = OFF');
    try {
      await queryInterface.changeColumn('parents', 'name', { type: Sequelize.STRING(60), allowNull: false });
      await queryInterface.renameColumn('parents', 'nick', 'nickname');
      await queryInterface.removeColumn('parents', 'flags');
    } finally {
      await sequelize.query('PRAGMA foreign_keys = ON');
    }
    // On SQLite a raw PRAGMA resolves to the rows array itself.
    const [first] = await sequelize.query('PRAGMA foreign_keys');
    const check = await sequelize.query('PRAGMA foreign_key_check');
    await queryInterface.createTable('pragma_notes', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
      note: { type: Sequelize.TEXT, allowNull: false }
    });
    await queryInterface.bulkInsert('pragma_notes', [
      { note: 'foreign_keys first row: ' + JSON.stringify(first) },
      { note: 'foreign_key_check: ' + JSON.stringify(check) }
    ]);
  },

  async down(queryInterface, Sequelize) {
    const { sequelize } = queryInterface;
    await queryInterface.dropTable('pragma_notes');
    await sequelize.query('PRAGMA foreign_keys = OFF');
    try {
      await queryInterface.addColumn('parents', 'flags', { type: Sequelize.TINYINT });
      await queryInterface.renameColumn('parents', 'nickname', 'nick');
      await queryInterface.changeColumn('parents', 'name', { type: Sequelize.STRING(30), allowNull: false });
    } finally {
      await sequelize.query('PRAGMA foreign_keys = ON');
    }
  }
};
