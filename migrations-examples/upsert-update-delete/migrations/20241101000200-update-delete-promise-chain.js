'use strict';

module.exports = {
  up: (queryInterface, Sequelize) => {
    const Account = queryInterface.sequelize.define('AccountRow', {
      id: { type: Sequelize.INTEGER, primaryKey: true },
      email: Sequelize.STRING(120),
      name: Sequelize.STRING,
      visits: Sequelize.INTEGER
    }, { tableName: 'accounts', timestamps: false });
    const record = (question, value) =>
      queryInterface.bulkInsert('answers', [{ question, answer: JSON.stringify(value === undefined ? 'undefined' : value) }]);

    return queryInterface.bulkInsert('accounts', [
      { id: 20, email: 'cy@example.com', name: 'Cy', visits: 0 },
      { id: 21, email: 'di@example.com', name: 'Di', visits: 0 }
    ])
      .then(() => {
        const cy = Account.build({ id: 20 }, { isNewRecord: false });
        return queryInterface.update(cy, 'accounts', { name: 'Cyrus', visits: 3 }, { id: 20 }, {})
          .then((result) => record('update(instance) returns [the instance, rows changed]', [result[0] === cy, result[1]]));
      })
      .then(() => {
        const di = Account.build({ id: 21 }, { isNewRecord: false });
        return queryInterface.delete(di, 'accounts', { id: 21 }, {});
      })
      .then((result) => record('delete(instance) returns', result))
      .then(() => queryInterface.increment(Account, 'accounts', { id: 20 }, { visits: 2 }, {}, {}))
      .then((result) => record('increment(model) returns', result))
      .then(() => {
        const ev = Account.build({ email: 'ev@example.com', name: 'Ev', visits: 1 });
        return queryInterface.insert(ev, 'accounts', { id: 30, email: 'ev@example.com', name: 'Ev', visits: 1 }, {})
          .then((r) => record('insert(instance) returns', [r[0] === ev, r[1], ev.isNewRecord, ev.get('id')]));
      })
      .then(() => {
        const fay = Account.build({ email: 'fay@example.com' });
        return queryInterface.insert(fay, 'accounts', { id: 31, email: 'fay@example.com', name: 'Fay' }, { returning: true })
          .then(() => record('insert(instance, returning) fills the instance', fay.get({ plain: true })));
      })
      .then(() => queryInterface.update(null, 'accounts', { name: 'nobody' }, { id: 20 }, {}))
      .catch((err) => record('update(null instance)', `${err.name}: ${err.message}`))
      .then(() => queryInterface.select(null, 'accounts', { order: [['id', 'ASC']] }))
      .then((rows) => record('accounts after update and delete', rows));
  },

  down: (queryInterface, Sequelize) =>
    queryInterface.bulkDelete('accounts', { id: [20, 21, 30, 31] }, {})
      .then(() => queryInterface.bulkDelete('answers', {
        question: { [Sequelize.Op.or]: [{ [Sequelize.Op.like]: '%instance%' }, { [Sequelize.Op.like]: '%(model)%' }, 'accounts after update and delete'] }
      }, {}))
};
