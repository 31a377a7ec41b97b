'use strict';

// Lags behind models/account.js: email is STRING(60) and name nullable, status lacks
// 'closed', role has another set and order of values, the unique index on email is
// missing, legacy is extra.
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('Accounts', {
      id: { allowNull: false, autoIncrement: true, primaryKey: true, type: Sequelize.INTEGER },
      email: { type: Sequelize.STRING(60), allowNull: false },
      name: Sequelize.STRING,
      status: { type: Sequelize.ENUM('active', 'suspended'), allowNull: false, defaultValue: 'active' },
      role: { type: Sequelize.ENUM('member', 'guest', 'admin'), allowNull: false, defaultValue: 'member' },
      tags: { type: Sequelize.ARRAY(Sequelize.STRING), defaultValue: [] },
      settings: { type: Sequelize.JSONB, allowNull: false, defaultValue: {} },
      token: Sequelize.UUID,
      legacy: Sequelize.TEXT,
      createdAt: { allowNull: false, type: Sequelize.DATE },
      updatedAt: { allowNull: false, type: Sequelize.DATE },
      deletedAt: Sequelize.DATE,
    });
  },
  async down(queryInterface) {
    await queryInterface.dropTable('Accounts');
    await queryInterface.sequelize.query('DROP TYPE IF EXISTS "enum_Accounts_status"; DROP TYPE IF EXISTS "enum_Accounts_role";');
  },
};
