'use strict';

// A .ts file that holds plain JavaScript is required as it is. It sorts after
// 20250101000001-second.js because the extension is part of the sort key.
module.exports = {
  up: (queryInterface) => queryInterface.bulkInsert('kinds', [{ file: 'second.ts' }]),
  down: (queryInterface) => queryInterface.bulkDelete('kinds', { file: 'second.ts' })
};
