'use strict';

// authors.rating defaults to 1 here, 0 in the model.
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('authors', {
      id: { allowNull: false, autoIncrement: true, primaryKey: true, type: Sequelize.INTEGER },
      name: { type: Sequelize.STRING, allowNull: false },
      email: { type: Sequelize.STRING, unique: true },
      rating: { type: Sequelize.FLOAT, allowNull: false, defaultValue: 1 },
      created_at: { allowNull: false, type: Sequelize.DATE },
      updated_at: { allowNull: false, type: Sequelize.DATE },
      deleted_at: Sequelize.DATE,
    });
  },
  async down(queryInterface) {
    await queryInterface.dropTable('authors');
  },
};
