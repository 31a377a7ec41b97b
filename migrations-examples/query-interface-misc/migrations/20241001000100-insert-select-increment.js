'use strict';

const record = (queryInterface, question, value) =>
  queryInterface.bulkInsert('answers', [{ question, answer: JSON.stringify(value) }]);

module.exports = {
  async up(queryInterface, Sequelize) {
    const { sequelize } = queryInterface;
    await queryInterface.insert(null, 'groups', { label: 'web' });
    await queryInterface.insert(null, 'groups', { label: 'batch' });
    const groups = await queryInterface.select(null, 'groups', { order: [['id', 'ASC']] });
    await record(queryInterface, 'select groups', groups);

    const web = groups.find((g) => g.label === 'web');
    await queryInterface.bulkInsert('counters', [
      { groupId: web.id, name: 'home', hits: 10, misses: 1 },
      { groupId: web.id, name: 'about', hits: 2, misses: 0 },
      { groupId: null, name: 'orphan', hits: 0, misses: 5 }
    ]);
    await queryInterface.increment(null, 'counters', { name: 'home' }, { hits: 5 }, {}, {});
    await queryInterface.decrement(null, 'counters', { name: 'orphan' }, { misses: 2 }, {}, {});

    const total = await queryInterface.rawSelect('counters', { plain: true, where: {} }, 'hits');
    await record(queryInterface, 'rawSelect hits', total);
    const some = await queryInterface.select(null, 'counters', {
      where: { hits: { [Sequelize.Op.gte]: 2 } },
      attributes: ['name', 'hits'],
      order: [['name', 'ASC']]
    });
    await record(queryInterface, 'select counters hits >= 2', some);

    await record(queryInterface, 'quoting', [
      queryInterface.quoteIdentifier('weird"name'),
      queryInterface.quoteIdentifiers('a.b')
    ]);

    const version = await queryInterface.databaseVersion();
    await record(queryInterface, 'databaseVersion is a version string', /^\d+\.\d+/.test(String(version)));

    const fks = await queryInterface.getForeignKeysForTables(['counters', 'groups']);
    await record(queryInterface, 'getForeignKeysForTables', fks);

    const [insResult, insMeta] = await sequelize.query("INSERT INTO groups (label) VALUES ('raw')", {
      type: Sequelize.QueryTypes.INSERT
    });
    await record(queryInterface, 'QueryTypes.INSERT result types', [typeof insResult, typeof insMeta]);
    const upd = await sequelize.query("UPDATE counters SET hits = hits + 1 WHERE name = 'about'", {
      type: Sequelize.QueryTypes.UPDATE
    });
    await record(queryInterface, 'QueryTypes.UPDATE result', Array.isArray(upd) ? [upd.length, typeof upd[1]] : typeof upd);
    const del = await sequelize.query("DELETE FROM groups WHERE label = 'raw'", { type: Sequelize.QueryTypes.DELETE });
    await record(queryInterface, 'QueryTypes.DELETE result', del === undefined ? 'undefined' : typeof del);
  },

  async down(queryInterface) {
    await queryInterface.bulkDelete('answers', null, {});
    await queryInterface.bulkDelete('counters', null, {});
    await queryInterface.bulkDelete('groups', null, {});
  }
};
