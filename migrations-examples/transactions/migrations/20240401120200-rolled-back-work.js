'use strict';

// Work done inside transactions that roll back must leave no trace; the log table shows
// what the migration saw along the way.
module.exports = {
  async up(queryInterface, Sequelize) {
    const { sequelize } = queryInterface;
    await queryInterface.createTable('tx_log', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
      entry: { type: Sequelize.STRING, allowNull: false }
    });

    // A managed transaction whose callback throws: rolled back, the error reaches us.
    try {
      await sequelize.transaction(async (transaction) => {
        await queryInterface.bulkInsert('wallets', [{ owner: 'mallory', cents: 1 }], { transaction });
        throw new Error('abort transfer');
      });
    } catch (err) {
      await queryInterface.bulkInsert('tx_log', [{ entry: 'managed rollback: ' + err.message }]);
    }

    // An unmanaged transaction rolled back on purpose.
    const t = await sequelize.transaction();
    await sequelize.query("UPDATE wallets SET cents = 0 WHERE owner = 'alice'", { transaction: t });
    const inside = await sequelize.query("SELECT cents FROM wallets WHERE owner = 'alice'", {
      type: Sequelize.QueryTypes.SELECT,
      transaction: t
    });
    await t.rollback();
    const after = await sequelize.query("SELECT cents FROM wallets WHERE owner = 'alice'", {
      type: Sequelize.QueryTypes.SELECT
    });
    await queryInterface.bulkInsert('tx_log', [
      { entry: 'inside=' + String(inside[0].cents) },
      { entry: 'after=' + String(after[0].cents) }
    ]);

    // A managed transaction's return value is what the callback returned.
    const n = await sequelize.transaction(async (transaction) => {
      const rows = await sequelize.query('SELECT owner FROM wallets ORDER BY owner', {
        type: Sequelize.QueryTypes.SELECT,
        transaction
      });
      return rows.length;
    });
    await queryInterface.bulkInsert('tx_log', [{ entry: 'wallets=' + n }]);
  },

  async down(queryInterface) {
    await queryInterface.dropTable('tx_log');
  }
};
