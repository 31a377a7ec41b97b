'use strict';

const record = (queryInterface, question, value) =>
  queryInterface.bulkInsert('answers', [{ question, answer: JSON.stringify(value === undefined ? 'undefined' : value) }]);

const defineAccount = (queryInterface, Sequelize) =>
  queryInterface.sequelize.define('Account', {
    id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
    email: { type: Sequelize.STRING(120), allowNull: false, unique: true },
    name: Sequelize.STRING,
    visits: Sequelize.INTEGER,
    seenAt: Sequelize.DATE,
    meta: Sequelize.JSON
  }, { tableName: 'accounts', timestamps: false });

module.exports = {
  async up(queryInterface, Sequelize) {
    const Account = defineAccount(queryInterface, Sequelize);

    // Not there yet: an insert.
    const first = await queryInterface.upsert('accounts',
      { email: 'ada@example.com', name: 'Ada', visits: 1 },
      { name: 'Ada', visits: 1 },
      { email: 'ada@example.com' },
      { model: Account });
    await record(queryInterface, 'upsert new row returns', first);

    // Same unique email, named among the values to update: the model's unique key becomes
    // the conflict target, so an update.
    await queryInterface.upsert('accounts',
      { email: 'ada@example.com', name: 'Ada L.', visits: 2 },
      { email: 'ada@example.com', name: 'Ada L.', visits: 2 },
      { email: 'ada@example.com' },
      { model: Account });

    // By primary key.
    await queryInterface.upsert('accounts',
      { id: 10, email: 'bob@example.com', name: 'Bob', visits: 5 },
      { id: 10, email: 'bob@example.com', name: 'Bob', visits: 5 },
      { id: 10 },
      { model: Account });
    await queryInterface.upsert('accounts',
      { id: 10, email: 'bob@example.com', name: 'Robert', visits: 6 },
      { id: 10, name: 'Robert', visits: 6 },
      { id: 10 },
      { model: Account });

    // conflictFields names the target itself.
    const byConflictFields = await queryInterface.upsert('accounts',
      { email: 'bob@example.com', name: 'Bobby', visits: 7 },
      { name: 'Bobby', visits: 7 },
      {},
      { model: Account, conflictFields: ['email'] });

    await record(queryInterface, 'upsert with conflictFields returns', byConflictFields);

    // Values are formatted by the model's attribute types (a DATE as Sequelize's text on
    // SQLite, a JSON document stringified), and a null autoIncrement key is left to the
    // database (NULL on SQLite, DEFAULT on PostgreSQL).
    const seenAt = new Date(Date.UTC(2024, 4, 6, 7, 8, 9, 10));
    await queryInterface.upsert('accounts',
      { id: null, email: 'cy@example.org', name: 'Cy', visits: 1, seenAt, meta: { tags: ['a', 'b'] } },
      { name: 'Cy', seenAt, meta: { tags: ['a', 'b'] } },
      {},
      { model: Account, returning: true });
    const typed = await queryInterface.sequelize.query(
      {
        sqlite: "SELECT email, typeof(seenAt) AS seen, meta FROM accounts WHERE email = 'cy@example.org'",
        mysql: "SELECT email, seenAt AS seen, CAST(meta AS CHAR) AS meta FROM accounts WHERE email = 'cy@example.org'",
        mariadb: "SELECT email, seenAt AS seen, CAST(meta AS CHAR) AS meta FROM accounts WHERE email = 'cy@example.org'"
      }[queryInterface.sequelize.getDialect()] ||
        'SELECT email, "seenAt" AS seen, meta::text AS meta FROM accounts WHERE email = \'cy@example.org\'',
      { type: Sequelize.QueryTypes.SELECT });
    await record(queryInterface, 'upsert typed values', typed);

    // Without a model Sequelize has nothing to take the keys from.
    try {
      await queryInterface.upsert('accounts', { email: 'x@example.com' }, { name: 'X' }, {}, {});
      await record(queryInterface, 'upsert without a model', 'succeeded');
    } catch (err) {
      await record(queryInterface, 'upsert without a model', `${err.name}: ${err.message}`);
    }

    const rows = await queryInterface.select(null, 'accounts', { order: [['id', 'ASC']] });
    await record(queryInterface, 'accounts after upserts', rows);
  },

  async down(queryInterface) {
    await queryInterface.bulkDelete('answers', {}, {});
    await queryInterface.bulkDelete('accounts', {}, {});
  }
};
