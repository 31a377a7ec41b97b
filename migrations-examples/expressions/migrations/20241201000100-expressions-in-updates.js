'use strict';

module.exports = {
  async up(queryInterface, Sequelize) {
    const { Op, fn, col, cast, where, literal } = Sequelize;
    // fn/col as values: computed by the database.
    await queryInterface.bulkUpdate('items', { name: fn('upper', col('name')) }, { kind: 'tool' });
    await queryInterface.bulkUpdate('items', { qty: literal('qty + 1') }, { qty: { [Op.gt]: 0, [Op.lt]: 10 } });
    await queryInterface.bulkUpdate(
      'items',
      { note: 'cheap' },
      { [Op.and]: [{ price: { [Op.lt]: 1 } }, { note: { [Op.or]: [{ [Op.is]: null }, { [Op.eq]: '' }] } }] }
    );
    await queryInterface.bulkUpdate('items', { note: 'in stock' }, {
      [Op.or]: [{ name: { [Op.like]: 'st%' } }, { qty: { [Op.between]: [100, 300] } }],
      note: { [Op.ne]: 'cheap' }
    });
    await queryInterface.bulkUpdate(
      'items',
      { price: 25 },
      where(fn('lower', col('name')), Op.eq, 'saw')
    );
    await queryInterface.bulkUpdate('items', { note: cast(col('qty'), 'CHAR(10)') }, { kind: { [Op.notIn]: ['part', 'kit'] } });
    await queryInterface.bulkDelete('items', { kind: 'kit', qty: { [Op.not]: 0 }, name: { [Op.in]: ['starter kit'] } });
  },

  async down(queryInterface) {
    await queryInterface.bulkInsert('items', [
      { code: '44444444-4444-4444-4444-444444444444', name: 'starter kit', kind: 'kit', qty: 2, price: 40, note: null }
    ]);
  }
};
