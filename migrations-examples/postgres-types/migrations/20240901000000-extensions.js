'use strict';

module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query('CREATE EXTENSION IF NOT EXISTS hstore');
    await queryInterface.sequelize.query('CREATE EXTENSION IF NOT EXISTS citext');
  },

  async down(queryInterface) {
    await queryInterface.sequelize.query('DROP EXTENSION IF EXISTS citext');
    await queryInterface.sequelize.query('DROP EXTENSION IF EXISTS hstore');
  }
};
