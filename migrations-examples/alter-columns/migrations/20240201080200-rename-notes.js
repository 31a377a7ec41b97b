'use strict';

module.exports = {
  up: (queryInterface) => queryInterface.renameColumn('accounts', 'notes', 'memo'),
  down: (queryInterface) => queryInterface.renameColumn('accounts', 'memo', 'notes')
};
