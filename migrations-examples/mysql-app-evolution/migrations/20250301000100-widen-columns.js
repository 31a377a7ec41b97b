'use strict';

// Column changes on tables that hold rows: an ENUM widened and made nullable, DOUBLE to
// DECIMAL, a VARCHAR widened, an addColumn whose options say `default` (not
// `defaultValue`, so no DEFAULT is written: MySQL fills 0 in), and an UPDATE with a Date
// replacement that sets the ON UPDATE CURRENT_TIMESTAMP column itself.
// (One `await` at a time: under sequelize-cli a Promise.all of ALTERs runs on several pooled
// connections at once, and two ALTERs of tables a foreign key joins can fail with errno 150.)
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.changeColumn('accounts', 'kind', {
      type: Sequelize.ENUM('free', 'paid', 'trial'),
      allowNull: true,
    });
    await queryInterface.changeColumn('sessions', 'note', {
      type: Sequelize.STRING(255),
    });
    await queryInterface.changeColumn('accounts', 'balance', {
      type: Sequelize.DECIMAL(19, 8),
      allowNull: true,
    });
    await queryInterface.addColumn('events', 'weight', {
      type: Sequelize.INTEGER,
      allowNull: false,
      default: 0,
    });
    await queryInterface.sequelize.query(
      "UPDATE accounts SET kind = 'trial', updatedAt = :at WHERE name = :name",
      { replacements: { name: "Bob O'Neil", at: new Date(Date.UTC(2025, 2, 5, 12, 0, 0, 250)) } }
    );
  },

  async down(queryInterface, Sequelize) {
    await queryInterface.removeColumn('events', 'weight');
    await queryInterface.changeColumn('accounts', 'balance', {
      type: Sequelize.DOUBLE,
      allowNull: true,
    });
    await queryInterface.sequelize.query(
      "UPDATE accounts SET kind = 'free', updatedAt = updatedAt WHERE kind = 'trial' OR kind IS NULL"
    );
    await queryInterface.changeColumn('accounts', 'kind', {
      type: Sequelize.ENUM('free', 'paid'),
      allowNull: false,
      defaultValue: 'free',
    });
    await queryInterface.changeColumn('sessions', 'note', {
      type: Sequelize.STRING(40),
    });
  },
};
