'use strict';

// changeColumn with a widened ENUM silently keeps the old type (the DO block swallows
// duplicate_object), so the value is added the way Sequelize users have to: raw ALTER TYPE.
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.sequelize.query("ALTER TYPE \"enum_orders_status\" ADD VALUE IF NOT EXISTS 'cancelled'");
    await queryInterface.changeColumn('orders', 'status', {
      type: Sequelize.ENUM('pending', 'paid', 'shipped', 'cancelled'),
      allowNull: false,
      defaultValue: 'pending'
    });
    await queryInterface.bulkUpdate('orders', { status: 'cancelled' }, { id: '6a1f1b7e-0c2e-4b8e-9a57-0d5b0c1e2f02' });
  },

  async down(queryInterface) {
    // Postgres cannot drop an enum value; put the row back and leave the type wider.
    await queryInterface.bulkUpdate('orders', { status: 'pending' }, { id: '6a1f1b7e-0c2e-4b8e-9a57-0d5b0c1e2f02' });
  }
};
