'use strict';

module.exports = {
  async up(queryInterface) {
    await queryInterface.renameTable('accounts', 'ledgers');
  },

  async down(queryInterface) {
    await queryInterface.renameTable('ledgers', 'accounts');
  }
};
