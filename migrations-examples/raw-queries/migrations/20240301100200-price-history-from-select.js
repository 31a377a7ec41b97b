'use strict';

// Reads drive writes: what the SELECT returns (types included) ends up in new rows.
module.exports = {
  async up(queryInterface, Sequelize) {
    const { sequelize } = queryInterface;
    await queryInterface.createTable('price_history', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
      productId: {
        type: Sequelize.INTEGER,
        allowNull: false,
        references: { model: 'products', key: 'id' },
        onDelete: 'CASCADE'
      },
      price: { type: Sequelize.DECIMAL(10, 2), allowNull: false },
      seen: { type: Sequelize.STRING, allowNull: false },
      recordedAt: { type: Sequelize.DATE, allowNull: false }
    });

    const rows = await sequelize.query(
      'SELECT id, sku, price, stock, active FROM products WHERE active = :active ORDER BY id',
      { replacements: { active: true }, type: Sequelize.QueryTypes.SELECT }
    );
    await queryInterface.bulkInsert(
      'price_history',
      rows.map((r) => ({
        productId: r.id,
        price: r.price,
        // Records the JS types the driver handed back, so a type difference shows in the rows.
        seen: [r.sku, typeof r.price, String(r.price), typeof r.stock, String(r.active)].join('|'),
        recordedAt: new Date('2024-03-02T00:00:00Z')
      }))
    );

    // Without a type, a SELECT resolves to [results, metadata].
    const [results] = await sequelize.query('SELECT COUNT(*) AS n FROM products');
    const stock = await queryInterface.rawSelect('products', { where: { sku: 'A-1' } }, 'stock');
    await queryInterface.bulkInsert('price_history', [
      {
        productId: rows[0].id,
        price: 0,
        seen: 'count=' + JSON.stringify(results[0].n) + ' rawSelect=' + JSON.stringify(stock),
        recordedAt: new Date('2024-03-02T00:00:01Z')
      }
    ]);

    await queryInterface.bulkUpdate(
      'products',
      { active: false, updatedAt: new Date('2024-03-03T12:00:00Z') },
      { sku: 'C-3' }
    );
    await queryInterface.bulkDelete('products', { sku: 'D-4', active: false });
  },

  async down(queryInterface, Sequelize) {
    const t0 = new Date('2024-03-01T10:00:00Z');
    await queryInterface.bulkInsert('products', [
      { sku: 'D-4', name: 'Drill (cordless)', price: 149.99, stock: 14, active: false, createdAt: t0, updatedAt: t0 }
    ]);
    await queryInterface.bulkUpdate('products', { active: true, updatedAt: t0 }, { sku: { [Sequelize.Op.eq]: 'C-3' } });
    await queryInterface.dropTable('price_history');
  }
};
