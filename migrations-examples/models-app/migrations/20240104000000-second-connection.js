'use strict';
// `new Sequelize(...)` for another database (a second SQLite file) and for the one
// being migrated (the run's connection, so it sees the rows written above).
const path = require('path');
const { Sequelize, DataTypes } = require('sequelize');
const config = require('../config/config.json')[process.env.NODE_ENV || 'development'];

function archive() {
  return new Sequelize({ dialect: 'sqlite', storage: path.join(__dirname, '..', 'archive.sqlite'), logging: false });
}

module.exports = {
  async up(queryInterface) {
    const same = new Sequelize(config.database, config.username, config.password, config);
    const q = (id) => same.getQueryInterface().quoteIdentifier(id);
    const [rows] = await same.query(`SELECT id, ${q('firstName')} FROM ${q('Users')} ORDER BY id`);
    const other = archive();
    await other.authenticate();
    const Archived = other.define('Archived', { name: DataTypes.STRING, sourceId: DataTypes.INTEGER }, { timestamps: false });
    await other.getQueryInterface().createTable('Archiveds', {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      name: DataTypes.STRING,
      sourceId: DataTypes.INTEGER,
    });
    await other.transaction(async (t) => {
      await Archived.bulkCreate(rows.map((r) => ({ name: r.firstName, sourceId: r.id })), { transaction: t });
    });
    const n = await Archived.count();
    await queryInterface.bulkInsert('posts', [{
      title: `archived ${n}`, views: 0, created_at: new Date(Date.UTC(2024, 0, 5)), updated_at: new Date(Date.UTC(2024, 0, 5)),
    }]);
    await other.close();
    await same.close();
  },
  async down(queryInterface) {
    // The url form of the constructor this time.
    const other = new Sequelize(`sqlite://${path.join(__dirname, '..', 'archive.sqlite')}`, { logging: false });
    await other.getQueryInterface().dropTable('Archiveds');
    await other.close();
    await queryInterface.bulkDelete('posts', { title: { [Sequelize.Op.like]: 'archived %' } });
  },
};
