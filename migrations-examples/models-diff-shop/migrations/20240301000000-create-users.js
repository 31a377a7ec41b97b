'use strict';

// Lags behind models/user.js: email is STRING(100), isAdmin may be NULL, balance defaults
// to 5, bio and the unique index on email are missing, legacy is extra.
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('Users', {
      id: { allowNull: false, autoIncrement: true, primaryKey: true, type: Sequelize.INTEGER },
      username: { type: Sequelize.STRING(64), allowNull: false, unique: true },
      email: { type: Sequelize.STRING(100), allowNull: false },
      isAdmin: { type: Sequelize.BOOLEAN, defaultValue: false },
      balance: { type: Sequelize.DECIMAL(10, 2), allowNull: false, defaultValue: 5 },
      legacy: Sequelize.TEXT,
      createdAt: { allowNull: false, type: Sequelize.DATE },
      updatedAt: { allowNull: false, type: Sequelize.DATE },
    });
  },
  async down(queryInterface) {
    await queryInterface.dropTable('Users');
  },
};
