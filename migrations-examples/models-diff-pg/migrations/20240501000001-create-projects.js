'use strict';

// projects.budget defaults to 1 and owner_id has no foreign key; old_stats is extra.
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('projects', {
      id: { allowNull: false, autoIncrement: true, primaryKey: true, type: Sequelize.INTEGER },
      title: { type: Sequelize.STRING(120), allowNull: false },
      budget: { type: Sequelize.DECIMAL(12, 2), allowNull: false, defaultValue: 1 },
      starts_on: Sequelize.DATEONLY,
      created_at: { allowNull: false, type: Sequelize.DATE },
      updated_at: { allowNull: false, type: Sequelize.DATE },
      owner_id: Sequelize.INTEGER,
    });
    await queryInterface.createTable('old_stats', {
      id: { allowNull: false, autoIncrement: true, primaryKey: true, type: Sequelize.INTEGER },
      projectId: { type: Sequelize.INTEGER, references: { model: 'projects', key: 'id' }, onDelete: 'CASCADE' },
      hits: { type: Sequelize.BIGINT, allowNull: false, defaultValue: 0 },
    });
    await queryInterface.addIndex('old_stats', ['hits']);
    const at = new Date(Date.UTC(2024, 4, 1, 9, 0, 0));
    await queryInterface.bulkInsert('Accounts', [
      { email: 'ann@example.com', name: 'Ann', status: 'active', role: 'admin', settings: '{}', createdAt: at, updatedAt: at },
      { email: 'bob@example.com', name: 'Bob', status: 'suspended', role: 'member', settings: '{}', createdAt: at, updatedAt: at },
    ]);
    await queryInterface.bulkInsert('projects', [
      { title: 'Roof', budget: 10, owner_id: 1, created_at: at, updated_at: at },
    ]);
  },
  async down(queryInterface) {
    await queryInterface.bulkDelete('projects', null, {});
    await queryInterface.bulkDelete('Accounts', null, {});
    await queryInterface.dropTable('old_stats');
    await queryInterface.dropTable('projects');
  },
};
