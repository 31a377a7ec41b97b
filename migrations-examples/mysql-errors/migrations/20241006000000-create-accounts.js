'use strict';

module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('accounts', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
      email: { type: Sequelize.STRING(80), allowNull: false, unique: true },
      active: { type: Sequelize.BOOLEAN, allowNull: false },
      score: { type: Sequelize.INTEGER, allowNull: false, defaultValue: 0 }
    });
    await queryInterface.addConstraint('accounts', {
      fields: ['score'],
      type: 'check',
      where: { score: { [Sequelize.Op.gte]: 0 } },
      name: 'accounts_score_check'
    });
    await queryInterface.createTable('invoices', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
      accountId: {
        type: Sequelize.INTEGER,
        allowNull: false,
        references: { model: 'accounts', key: 'id' }
      },
      total: { type: Sequelize.DECIMAL(8, 2), allowNull: false }
    });
    await queryInterface.createTable('outcomes', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
      what: { type: Sequelize.STRING(60), allowNull: false },
      body: { type: Sequelize.TEXT, allowNull: false }
    });
  },

  async down(queryInterface) {
    await queryInterface.dropTable('outcomes');
    await queryInterface.dropTable('invoices');
    await queryInterface.dropTable('accounts');
  }
};
