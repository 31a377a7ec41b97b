'use strict';

// Does real work, then fails: both tools must leave exactly this partial state behind.
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('books', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
      title: { type: Sequelize.STRING, allowNull: false },
      authorId: { type: Sequelize.INTEGER, references: { model: 'authors', key: 'id' } }
    });
    const [ada] = await queryInterface.sequelize.query("SELECT id FROM authors WHERE name = 'Ada'", {
      type: Sequelize.QueryTypes.SELECT
    });
    await queryInterface.bulkInsert('books', [{ title: 'Notes on the Analytical Engine', authorId: ada ? ada.id : null }]);
    await queryInterface.bulkInsert('authors', [{ name: 'Half-done' }]);
    throw new Error('Simulated failure after partial work in 20240601000200-half-done');
  },
  async down(queryInterface) {
    await queryInterface.bulkDelete('authors', { name: 'Half-done' });
    await queryInterface.dropTable('books');
  }
};
