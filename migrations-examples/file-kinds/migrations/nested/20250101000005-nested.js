'use strict';

// Discovery does not recurse into subfolders.
module.exports = {
  up: (queryInterface) => queryInterface.bulkInsert('kinds', [{ file: 'nested.js' }]),
  down: () => Promise.resolve()
};
