'use strict';

module.exports = {
  up: (queryInterface, Sequelize) =>
    queryInterface.sequelize
      .query("SELECT id FROM users WHERE username = 'demo'", { type: Sequelize.QueryTypes.SELECT })
      .then(([demo]) =>
        queryInterface.bulkInsert('posts', [
          {
            authorId: demo.id,
            title: 'Seeded post',
            body: null,
            published: false,
            createdAt: new Date('2024-01-20T00:00:00Z'),
            updatedAt: new Date('2024-01-20T00:00:00Z')
          }
        ])
      ),

  down: (queryInterface) => queryInterface.bulkDelete('posts', { title: 'Seeded post' }, {})
};
