'use strict';

const at = (iso) => new Date(iso);

module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.bulkInsert('users', [
      {
        username: 'alice',
        email: 'alice@example.com',
        isAdmin: true,
        bio: 'Writes about databases.',
        createdAt: at('2024-01-05T09:00:00Z'),
        updatedAt: at('2024-01-05T09:00:00Z'),
        deletedAt: null
      },
      {
        username: 'bob',
        email: 'bob@example.com',
        isAdmin: false,
        bio: null,
        createdAt: at('2024-01-06T10:30:00.250Z'),
        updatedAt: at('2024-01-07T11:00:00Z'),
        deletedAt: null
      },
      {
        username: "o'hara",
        email: 'ohara@example.com',
        isAdmin: false,
        createdAt: at('2024-01-08T12:00:00Z'),
        updatedAt: at('2024-01-08T12:00:00Z'),
        deletedAt: at('2024-02-01T00:00:00Z')
      }
    ]);
    // Ids come from the database: after an undo and a redo, AUTOINCREMENT/SERIAL hand out new ones.
    const users = await queryInterface.sequelize.query('SELECT id, username FROM users ORDER BY id', {
      type: Sequelize.QueryTypes.SELECT
    });
    const id = Object.fromEntries(users.map((u) => [u.username, u.id]));
    await queryInterface.bulkInsert('user_emails', [
      { userId: id.alice, address: 'alice@example.com', verified: true, createdAt: at('2024-01-05T09:00:00Z'), updatedAt: at('2024-01-05T09:00:00Z') },
      { userId: id.alice, address: 'alice@work.example', verified: false, createdAt: at('2024-01-05T09:05:00Z'), updatedAt: at('2024-01-05T09:05:00Z') },
      { userId: id.bob, address: 'bob@example.com', verified: true, createdAt: at('2024-01-06T10:30:00Z'), updatedAt: at('2024-01-06T10:30:00Z') }
    ]);
    await queryInterface.bulkInsert('posts', [
      {
        authorId: id.alice,
        editorId: id.bob,
        title: 'Hello, world',
        body: 'First post.\nWith a second line.',
        published: true,
        publishedAt: at('2024-01-10T08:00:00Z'),
        createdAt: at('2024-01-09T08:00:00Z'),
        updatedAt: at('2024-01-10T08:00:00Z')
      },
      {
        authorId: id.bob,
        editorId: null,
        title: 'A draft',
        body: null,
        published: false,
        publishedAt: null,
        createdAt: at('2024-01-11T08:00:00Z'),
        updatedAt: at('2024-01-11T08:00:00Z'),
        deletedAt: null
      }
    ]);
    const [post] = await queryInterface.sequelize.query('SELECT id FROM posts WHERE title = ?', {
      replacements: ['Hello, world'],
      type: Sequelize.QueryTypes.SELECT
    });
    await queryInterface.bulkInsert('comments', [
      { postId: post.id, authorName: 'bob', body: 'Nice!', createdAt: at('2024-01-10T09:00:00Z'), updatedAt: at('2024-01-10T09:00:00Z') },
      { postId: post.id, authorName: null, body: 'Anonymous says hi', createdAt: at('2024-01-10T09:30:00Z'), updatedAt: at('2024-01-10T09:30:00Z') }
    ]);
  },

  async down(queryInterface) {
    await queryInterface.bulkDelete('comments', null, {});
    await queryInterface.bulkDelete('posts', null, {});
    await queryInterface.bulkDelete('user_emails', null, {});
    await queryInterface.bulkDelete('users', { username: ['alice', 'bob', "o'hara"] }, {});
  }
};
