'use strict';

/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface) {
    await queryInterface.bulkInsert(
      'users',
      [
        {
          username: 'demo',
          email: 'demo@example.com',
          isAdmin: false,
          bio: 'Seeded by db:seed:all',
          createdAt: new Date('2024-01-20T00:00:00Z'),
          updatedAt: new Date('2024-01-20T00:00:00Z')
        }
      ],
      {}
    );
  },

  async down(queryInterface) {
    await queryInterface.bulkDelete('users', { username: 'demo' }, {});
  }
};
