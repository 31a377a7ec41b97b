'use strict';

module.exports = {
  async up(queryInterface, Sequelize) {
    const now = new Date(Date.UTC(2024, 9, 1, 12, 30, 45, 123));
    await queryInterface.bulkInsert('gadgets', [
      {
        kind: 'large', serial: 42, tiny: 255, big: 9007199254740991, active: false,
        madeAt: now, day: '2024-10-01', at: '12:30:45', blurb: 'tiny', body: 'medium', manual: 'long',
        thumb: Buffer.from([1, 2, 3]), meta: JSON.stringify({ tags: ['a', 'b'], n: 1 }),
        spot: Sequelize.fn('ST_GeomFromText', 'POINT(2.35 48.85)'),
        price: '19.99', weight: 1.5, ratio: 0.3333, code: 'AbC', country: 'FR',
        createdAt: now, updatedAt: now
      },
      { kind: "o'dd", active: true, price: 0, createdAt: now, updatedAt: now }
    ]);
    const [rows] = await queryInterface.sequelize.query(
      'SELECT id, kind, serial, active, price, big, HEX(thumb) AS thumb, ST_AsText(spot) AS spot FROM gadgets ORDER BY id'
    );
    await queryInterface.createTable('gadget_report', {
      line: { type: Sequelize.TEXT, allowNull: false }
    });
    await queryInterface.bulkInsert('gadget_report', rows.map((r) => ({ line: JSON.stringify(r) })));
  },

  async down(queryInterface) {
    await queryInterface.dropTable('gadget_report');
    await queryInterface.bulkDelete('gadgets', null, {});
  }
};
