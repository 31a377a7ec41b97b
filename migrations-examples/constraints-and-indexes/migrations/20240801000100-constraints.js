'use strict';

// Projects have sequelize installed; migrations often take Op from it directly.
const { Op } = require('sequelize');

module.exports = {
  async up(queryInterface) {
    await queryInterface.addConstraint('teams', {
      fields: ['code'],
      type: 'primary key',
      name: 'teams_pk'
    });
    await queryInterface.addConstraint('teams', {
      fields: ['name', 'season'],
      type: 'unique',
      name: 'teams_name_season_uk'
    });
    await queryInterface.addConstraint('players', {
      fields: ['number'],
      type: 'check',
      where: { number: { [Op.between]: [0, 99] } },
      name: 'players_number_ck'
    });
    await queryInterface.addConstraint('players', {
      fields: ['teamCode'],
      type: 'foreign key',
      name: 'players_team_fk',
      references: { table: 'teams', field: 'code' },
      onDelete: 'set null',
      onUpdate: 'cascade'
    });
    await queryInterface.addConstraint('players', {
      fields: ['email'],
      type: 'unique'
    });
  },

  async down(queryInterface) {
    await queryInterface.removeConstraint('players', 'players_email_uk');
    await queryInterface.removeConstraint('players', 'players_team_fk');
    await queryInterface.removeConstraint('players', 'players_number_ck');
    await queryInterface.removeConstraint('teams', 'teams_name_season_uk');
    await queryInterface.removeConstraint('teams', 'teams_pk');
  }
};
