'use strict';
module.exports = (sequelize, DataTypes) => {
  const Product = sequelize.define('Product', {
    sku: { type: DataTypes.CHAR(12), allowNull: false, unique: 'products_sku_unique' },
    name: { type: DataTypes.STRING(120), allowNull: false, unique: 'products_name_slug' },
    slug: { type: DataTypes.STRING(120), allowNull: false, unique: 'products_name_slug' },
    summary: DataTypes.TEXT('tiny'),
    price: { type: DataTypes.FLOAT, allowNull: false, defaultValue: 0.5 },
    weight: DataTypes.REAL,
    stock: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    reserved: DataTypes.BIGINT,
    shelf: DataTypes.SMALLINT,
    bin: DataTypes.MEDIUMINT,
    flags: DataTypes.TINYINT,
    metadata: DataTypes.JSON,
    opensAt: DataTypes.TIME,
    releasedOn: DataTypes.DATEONLY,
    updatedBy: DataTypes.UUID,
    kind: { type: DataTypes.ENUM('book', 'game'), defaultValue: 'book' },
    cost: DataTypes.DECIMAL,
    ratio: DataTypes.DOUBLE,
    thumbnail: DataTypes.BLOB('medium'),
    code: DataTypes.STRING(20, true),
    tags: DataTypes.CITEXT,
  }, { tableName: 'products', timestamps: false });
  return Product;
};
