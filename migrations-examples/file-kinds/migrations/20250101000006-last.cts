'use strict';

module.exports = {
  up: (queryInterface) => queryInterface.bulkInsert('kinds', [{ file: 'last.cts' }]),
  down: (queryInterface) => queryInterface.bulkDelete('kinds', { file: 'last.cts' })
};
