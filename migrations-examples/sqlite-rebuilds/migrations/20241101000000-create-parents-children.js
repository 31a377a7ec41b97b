'use strict';

module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('parents', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
      name: { type: Sequelize.STRING(30), allowNull: false },
      rank: { type: Sequelize.MEDIUMINT, allowNull: false, defaultValue: 0 },
      flags: { type: Sequelize.TINYINT },
      nick: { type: Sequelize.CITEXT }
    });
    await queryInterface.createTable('children', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
      parentId: {
        type: Sequelize.INTEGER,
        allowNull: false,
        references: { model: 'parents', key: 'id' },
        onDelete: 'CASCADE',
        onUpdate: 'CASCADE'
      },
      label: { type: Sequelize.STRING(30), allowNull: false }
    });
    await queryInterface.addIndex('parents', ['name', 'rank'], { unique: true, name: 'parents_name_rank' });
    await queryInterface.bulkInsert('parents', [
      { name: 'p1', rank: 1, flags: 1, nick: 'One' },
      { name: 'p2', rank: 2, flags: 0, nick: 'two' }
    ]);
    await queryInterface.bulkInsert('children', [
      { parentId: 1, label: 'c1' },
      { parentId: 1, label: 'c2' },
      { parentId: 2, label: 'c3' }
    ]);
  },

  async down(queryInterface) {
    await queryInterface.dropTable('children');
    await queryInterface.dropTable('parents');
  }
};
