'use strict';

module.exports = {
  async up(queryInterface) {
    const { sequelize } = queryInterface;
    // Positional replacements are inlined as escaped literals.
    await sequelize.query('UPDATE products SET stock = stock + ? WHERE sku = ?', {
      replacements: [5, 'A-1']
    });
    // Named replacements; an array expands to a list.
    await sequelize.query('UPDATE products SET stock = stock + :delta WHERE sku IN (:skus)', {
      replacements: { delta: 10, skus: ['B-2', 'C-3'] }
    });
    // A replacement value that needs quoting.
    await sequelize.query('UPDATE products SET name = :name WHERE sku = :sku', {
      replacements: { name: "Crate o' nails (large)", sku: 'C-3' }
    });
    // Bind parameters travel separately from the SQL text.
    await sequelize.query('UPDATE products SET stock = stock * $1 WHERE sku = $2', {
      bind: [2, 'D-4']
    });
    await sequelize.query('UPDATE products SET name = $name WHERE sku = $sku', {
      bind: { name: 'Drill (cordless)', sku: 'D-4' }
    });
  },

  async down(queryInterface) {
    const { sequelize } = queryInterface;
    await sequelize.query('UPDATE products SET name = $1 WHERE sku = $2', { bind: ['Drill', 'D-4'] });
    await sequelize.query('UPDATE products SET stock = stock / 2 WHERE sku = ?', { replacements: ['D-4'] });
    await sequelize.query("UPDATE products SET name = 'Crate o'' nails' WHERE sku = 'C-3'");
    await sequelize.query('UPDATE products SET stock = stock - :delta WHERE sku IN (:skus)', {
      replacements: { delta: 10, skus: ['B-2', 'C-3'] }
    });
    await sequelize.query('UPDATE products SET stock = stock - ? WHERE sku = ?', { replacements: [5, 'A-1'] });
  }
};
