'use strict';

module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('kinds', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
      file: { type: Sequelize.STRING, allowNull: false }
    });
    await queryInterface.bulkInsert('kinds', [{ file: 'first.cjs' }]);
  },
  async down(queryInterface) {
    await queryInterface.dropTable('kinds');
  }
};
