'use strict';
// What the report migrations read through the other models, one JSON value a row.
module.exports = (sequelize, DataTypes) => sequelize.define('Report', {
  name: { type: DataTypes.STRING, allowNull: false },
  value: DataTypes.TEXT,
}, { tableName: 'reports', timestamps: false });
