'use strict';

// The older promise-chain style that sequelize-cli generated before async/await.
module.exports = {
  up: (queryInterface, Sequelize) =>
    queryInterface
      .createTable('user_emails', {
        id: {
          allowNull: false,
          autoIncrement: true,
          primaryKey: true,
          type: Sequelize.INTEGER
        },
        userId: {
          type: Sequelize.INTEGER,
          allowNull: false,
          references: { model: 'users', key: 'id' },
          onUpdate: 'CASCADE',
          onDelete: 'CASCADE'
        },
        address: {
          type: Sequelize.STRING(320),
          allowNull: false
        },
        verified: {
          type: Sequelize.BOOLEAN,
          allowNull: false,
          defaultValue: false
        },
        createdAt: { allowNull: false, type: Sequelize.DATE },
        updatedAt: { allowNull: false, type: Sequelize.DATE }
      })
      .then(() =>
        queryInterface.addIndex('user_emails', ['address'], {
          unique: true,
          name: 'user_emails_address_unique'
        })
      ),

  down: (queryInterface) =>
    queryInterface
      .removeIndex('user_emails', 'user_emails_address_unique')
      .then(() => queryInterface.dropTable('user_emails'))
};
