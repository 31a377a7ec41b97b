'use strict';

module.exports = {
  up: (queryInterface) =>
    queryInterface
      .addIndex('players', ['teamCode', 'number'], { unique: true, name: 'players_team_number' })
      .then(() =>
        queryInterface.addIndex('players', {
          fields: [{ name: 'email', order: 'DESC' }],
          name: 'players_email_desc'
        })
      )
      .then(() =>
        queryInterface.addIndex('players', ['number'], {
          where: { retired: false },
          name: 'players_active_numbers'
        })
      )
      .then(() => queryInterface.addIndex('teams', ['season'])),

  down: (queryInterface) =>
    queryInterface
      .removeIndex('teams', ['season'])
      .then(() => queryInterface.removeIndex('players', 'players_active_numbers'))
      .then(() => queryInterface.removeIndex('players', 'players_email_desc'))
      .then(() => queryInterface.removeIndex('players', 'players_team_number'))
};
