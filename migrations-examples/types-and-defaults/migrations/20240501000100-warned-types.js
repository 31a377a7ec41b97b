'use strict';

// Types that Sequelize accepts with a console warning on these dialects: the warning lines
// are part of the output a user sees.
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('samples', 'u_unsigned', { type: Sequelize.INTEGER.UNSIGNED });
    await queryInterface.addColumn('samples', 'u_zerofill', { type: Sequelize.INTEGER(5).ZEROFILL });
  },

  async down(queryInterface) {
    await queryInterface.removeColumn('samples', 'u_zerofill');
    await queryInterface.removeColumn('samples', 'u_unsigned');
  }
};
