'use strict';

module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('answers', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
      question: { type: Sequelize.STRING(80), allowNull: false },
      answer: { type: Sequelize.TEXT('long') }
    });
    await queryInterface.createTable('items', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
      name: Sequelize.STRING(20),
      price: Sequelize.DECIMAL(8, 2),
      doc: Sequelize.JSON,
      stamp: { type: 'TIMESTAMP(3) NULL' },
      happened: Sequelize.DATE(3),
      day: Sequelize.DATEONLY
    });
    // Literal values: what the column keeps does not depend on how a Date is written.
    await queryInterface.sequelize.query(
      "INSERT INTO items (name, price, doc, stamp, happened, day) VALUES " +
      "('first', 1.5, '{\"tags\":[\"a\",\"b\"],\"n\":1}', '2024-01-02 03:04:05.678', '2024-01-02 03:04:05.678', '2024-01-02'), " +
      "('second', 2, NULL, NULL, NULL, NULL)");
  },

  async down(queryInterface) {
    await queryInterface.dropTable('items');
    await queryInterface.dropTable('answers');
  }
};
