'use strict';

module.exports = {
  up: (queryInterface) =>
    queryInterface.bulkInsert('children', [{ parentId: 2, label: 'c4' }]).then(() =>
      queryInterface.sequelize.query('DELETE FROM parents WHERE id = 1')
    ),
  down: (queryInterface) =>
    queryInterface
      .bulkInsert('parents', [{ id: 1, name: 'p1', rank: 1 }])
      .then(() => queryInterface.bulkDelete('children', { label: 'c4' }))
};
