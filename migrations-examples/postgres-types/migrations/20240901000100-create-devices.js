'use strict';

module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('devices', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
      hostname: { type: Sequelize.CITEXT, allowNull: false, unique: true },
      attrs: { type: Sequelize.HSTORE },
      ports: { type: Sequelize.RANGE(Sequelize.INTEGER) },
      warranty: { type: Sequelize.RANGE(Sequelize.DATEONLY) },
      ip: { type: Sequelize.INET },
      subnet: { type: Sequelize.CIDR },
      mac: { type: Sequelize.MACADDR },
      search: { type: Sequelize.TSVECTOR },
      roles: { type: Sequelize.ARRAY(Sequelize.ENUM('admin', 'ops', 'dev')) },
      bootAt: { type: Sequelize.TIME },
      seenAt: { type: Sequelize.DATE(6) },
      checksum: { type: Sequelize.STRING(64).BINARY }
    });
    const enums = await queryInterface.pgListEnums('devices');
    await queryInterface.createTable('enum_notes', {
      name: { type: Sequelize.STRING, primaryKey: true },
      value: { type: Sequelize.TEXT, allowNull: false }
    });
    await queryInterface.bulkInsert(
      'enum_notes',
      enums.map((e) => ({ name: e.enum_name, value: JSON.stringify(e.enum_value) }))
    );
  },

  async down(queryInterface) {
    await queryInterface.dropTable('enum_notes');
    await queryInterface.dropTable('devices');
    await queryInterface.dropAllEnums();
  }
};
