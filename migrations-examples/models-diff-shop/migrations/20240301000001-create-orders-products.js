'use strict';

// Orders without the foreign key to Users; Categories without parentId; products as the
// model has it; audit_logs, which no model defines.
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('Orders', {
      id: { allowNull: false, autoIncrement: true, primaryKey: true, type: Sequelize.INTEGER },
      status: { type: Sequelize.ENUM('pending', 'paid', 'shipped'), allowNull: false, defaultValue: 'pending' },
      total: { type: Sequelize.DOUBLE, allowNull: false, defaultValue: 0 },
      placedAt: Sequelize.DATE,
      code: Sequelize.UUID,
      note: Sequelize.STRING,
      createdAt: { allowNull: false, type: Sequelize.DATE },
      updatedAt: { allowNull: false, type: Sequelize.DATE },
      deletedAt: Sequelize.DATE,
      UserId: Sequelize.INTEGER,
    });
    await queryInterface.addIndex('Orders', ['status', 'placedAt']);
    await queryInterface.addIndex('Orders', {
      name: 'orders_live_code', unique: true, fields: ['code'], where: { deletedAt: null },
    });
    await queryInterface.createTable('products', {
      id: { allowNull: false, autoIncrement: true, primaryKey: true, type: Sequelize.INTEGER },
      sku: { type: Sequelize.CHAR(12), allowNull: false },
      name: { type: Sequelize.STRING(120), allowNull: false },
      slug: { type: Sequelize.STRING(120), allowNull: false },
      summary: Sequelize.TEXT('tiny'),
      price: { type: Sequelize.FLOAT, allowNull: false, defaultValue: 0.5 },
      weight: Sequelize.REAL,
      stock: { type: Sequelize.INTEGER, allowNull: false, defaultValue: 0 },
      reserved: Sequelize.BIGINT,
      shelf: Sequelize.SMALLINT,
      bin: Sequelize.MEDIUMINT,
      flags: Sequelize.TINYINT,
      metadata: Sequelize.JSON,
      opensAt: Sequelize.TIME,
      releasedOn: Sequelize.DATEONLY,
      updatedBy: Sequelize.UUID,
      kind: { type: Sequelize.ENUM('book', 'game'), defaultValue: 'book' },
      cost: Sequelize.DECIMAL,
      ratio: Sequelize.DOUBLE,
      thumbnail: Sequelize.BLOB('medium'),
      code: Sequelize.STRING(20, true),
      tags: Sequelize.CITEXT,
    }, {
      uniqueKeys: {
        products_sku_unique: { fields: ['sku'] },
        products_name_slug: { fields: ['name', 'slug'] },
      },
    });
    await queryInterface.createTable('Categories', {
      id: { allowNull: false, autoIncrement: true, primaryKey: true, type: Sequelize.INTEGER },
      title: { type: Sequelize.STRING, allowNull: false },
    });
    await queryInterface.createTable('audit_logs', {
      id: { allowNull: false, autoIncrement: true, primaryKey: true, type: Sequelize.INTEGER },
      userId: { type: Sequelize.INTEGER, references: { model: 'Users', key: 'id' }, onDelete: 'SET NULL', onUpdate: 'CASCADE' },
      action: { type: Sequelize.STRING(32), allowNull: false },
    });
    await queryInterface.addIndex('audit_logs', ['action']);
  },
  async down(queryInterface) {
    await queryInterface.dropTable('audit_logs');
    await queryInterface.dropTable('Categories');
    await queryInterface.dropTable('products');
    await queryInterface.dropTable('Orders');
  },
};
