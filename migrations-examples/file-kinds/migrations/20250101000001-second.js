'use strict';

// The umzug-accepted `exports.default` form.
exports.default = {
  up: (queryInterface) => queryInterface.bulkInsert('kinds', [{ file: 'second.js' }]),
  down: (queryInterface) => queryInterface.bulkDelete('kinds', { file: 'second.js' })
};
