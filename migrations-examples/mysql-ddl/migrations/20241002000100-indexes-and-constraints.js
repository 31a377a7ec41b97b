'use strict';

module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addIndex('items', ['sku'], { type: 'UNIQUE', name: 'items_sku_unique' });
    await queryInterface.addIndex('items', ['title', 'description'], { type: 'FULLTEXT' });
    await queryInterface.addIndex('items', ['area'], { type: 'SPATIAL' });
    await queryInterface.addIndex('items', [{ name: 'title', length: 20, order: 'DESC' }, 'rank'], {
      using: 'BTREE',
      name: 'items_title_prefix'
    });
    await queryInterface.addConstraint('items', {
      fields: ['rank'],
      type: 'check',
      where: { rank: { [Sequelize.Op.gte]: 0 } },
      name: 'items_rank_positive'
    });
    await queryInterface.addConstraint('vendors', { fields: ['name'], type: 'unique', name: 'vendors_name_uk' });
    await queryInterface.createTable('tags', {
      itemId: { type: Sequelize.INTEGER, allowNull: false },
      label: { type: Sequelize.STRING(40), allowNull: false }
    });
    await queryInterface.addConstraint('tags', { fields: ['itemId', 'label'], type: 'primary key', name: 'tags_pk' });
    await queryInterface.addConstraint('tags', {
      fields: ['itemId'],
      type: 'foreign key',
      name: 'tags_item_fk',
      references: { table: 'items', field: 'id' },
      onDelete: 'cascade'
    });
    const described = await queryInterface.describeTable('items');
    const indexes = await queryInterface.showIndex('items');
    const fks = await queryInterface.getForeignKeyReferencesForTable('items');
    await queryInterface.createTable('introspection', {
      what: { type: Sequelize.STRING(40), allowNull: false },
      body: { type: Sequelize.TEXT('long'), allowNull: false }
    });
    await queryInterface.bulkInsert('introspection', [
      { what: 'describeTable', body: JSON.stringify(described) },
      { what: 'showIndex', body: JSON.stringify(indexes.map((i) => [i.name, i.unique, i.primary, i.type, i.fields])) },
      { what: 'foreignKeys', body: JSON.stringify(fks) }
    ]);
  },

  async down(queryInterface) {
    await queryInterface.dropTable('introspection');
    await queryInterface.removeConstraint('tags', 'tags_item_fk');
    await queryInterface.dropTable('tags');
    await queryInterface.removeConstraint('vendors', 'vendors_name_uk');
    // removeConstraint cannot find a CHECK constraint on MySQL/MariaDB (Sequelize 6 fails
    // with "Constraint items_rank_positive on table items does not exist"): drop it raw.
    // IF EXISTS: dropping `rank` (next migration) drops the check with it on MariaDB.
    await queryInterface.sequelize.query('ALTER TABLE `items` DROP CONSTRAINT IF EXISTS `items_rank_positive`');
    await queryInterface.removeIndex('items', 'items_title_prefix');
    await queryInterface.removeIndex('items', ['area']);
    await queryInterface.removeIndex('items', ['title', 'description']);
    await queryInterface.removeIndex('items', 'items_sku_unique');
  }
};
