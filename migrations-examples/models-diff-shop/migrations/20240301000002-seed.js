'use strict';

const at = new Date(Date.UTC(2024, 2, 1, 9, 0, 0));

module.exports = {
  async up(queryInterface) {
    await queryInterface.bulkInsert('Users', [
      { username: 'ann', email: 'ann@example.com', isAdmin: true, balance: 10, legacy: 'x', createdAt: at, updatedAt: at },
      { username: 'bob', email: 'bob@example.com', isAdmin: false, balance: 0, legacy: null, createdAt: at, updatedAt: at },
    ]);
    await queryInterface.bulkInsert('Orders', [
      { status: 'paid', total: 12.5, placedAt: at, code: '1b4e28ba-2fa1-11d2-883f-0016d3cca427', UserId: 1, createdAt: at, updatedAt: at },
      { status: 'pending', total: 3, placedAt: at, code: '6ba7b810-9dad-11d1-80b4-00c04fd430c8', UserId: 2, createdAt: at, updatedAt: at },
    ]);
    await queryInterface.bulkInsert('Categories', [{ title: 'books' }, { title: 'games' }]);
    await queryInterface.bulkInsert('audit_logs', [{ userId: 1, action: 'signup' }]);
  },
  async down(queryInterface) {
    await queryInterface.bulkDelete('audit_logs', null, {});
    await queryInterface.bulkDelete('Categories', null, {});
    await queryInterface.bulkDelete('Orders', null, {});
    await queryInterface.bulkDelete('Users', null, {});
  },
};
