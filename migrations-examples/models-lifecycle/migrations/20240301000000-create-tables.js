'use strict';
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('accounts', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
      handle: { type: Sequelize.STRING, allowNull: false, unique: true },
      email: Sequelize.STRING,
      plan: { type: Sequelize.STRING, defaultValue: 'free' },
      credits: { type: Sequelize.INTEGER, defaultValue: 0 },
      active: { type: Sequelize.BOOLEAN, defaultValue: true },
      notes: Sequelize.STRING,
    });
    await queryInterface.createTable('notes', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
      body: { type: Sequelize.STRING, allowNull: false },
      kind: Sequelize.STRING,
      size: Sequelize.INTEGER,
      account_id: { type: Sequelize.INTEGER, references: { model: 'accounts', key: 'id' }, onDelete: 'SET NULL' },
      deleted_at: Sequelize.DATE,
    });
  },
  async down(queryInterface) {
    // Model.drop: queryInterface.dropTable of the model's table.
    const { Note } = require('../models');
    await Note.drop({ logging: (sql) => console.log(sql) });
    await queryInterface.dropTable('accounts');
  },
};
