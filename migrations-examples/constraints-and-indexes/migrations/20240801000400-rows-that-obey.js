'use strict';

module.exports = {
  async up(queryInterface) {
    await queryInterface.bulkInsert('teams', [
      { code: 'RED', season: 2024, name: 'Reds' },
      { code: 'BLU', season: 2024, name: 'Blues' }
    ]);
    await queryInterface.bulkInsert('players', [
      { teamCode: 'RED', email: 'a@example.com', number: 7, retired: false },
      { teamCode: 'BLU', email: 'b@example.com', number: 7, retired: false },
      { teamCode: null, email: 'c@example.com', number: 99, retired: true }
    ]);
    // The check constraint must bite: the error is caught and its class recorded.
    try {
      await queryInterface.bulkInsert('players', [{ teamCode: 'RED', email: 'd@example.com', number: 100 }]);
    } catch (err) {
      await queryInterface.bulkInsert('introspection', [{ what: 'check violation', result: err.name }]);
    }
    try {
      await queryInterface.bulkInsert('players', [{ teamCode: 'RED', email: 'a@example.com', number: 8 }]);
    } catch (err) {
      await queryInterface.bulkInsert('introspection', [{ what: 'unique violation', result: err.name }]);
    }
  },

  async down(queryInterface) {
    await queryInterface.bulkDelete('introspection', { what: ['check violation', 'unique violation'] });
    await queryInterface.bulkDelete('players', null, {});
    await queryInterface.bulkDelete('teams', null, {});
  }
};
