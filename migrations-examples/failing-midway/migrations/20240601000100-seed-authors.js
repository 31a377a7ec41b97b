'use strict';

module.exports = {
  up: (queryInterface) =>
    queryInterface.bulkInsert('authors', [{ name: 'Ada' }, { name: 'Grace' }]),
  down: (queryInterface) => queryInterface.bulkDelete('authors', null, {})
};
