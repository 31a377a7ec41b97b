'use strict';

const record = (queryInterface, question, value) =>
  queryInterface.bulkInsert('answers', [{ question, answer: JSON.stringify(value === undefined ? 'undefined' : value) }]);

const failure = (err) => `${err.name}: ${err.message}`;

module.exports = {
  async up(queryInterface, Sequelize) {
    const { sequelize } = queryInterface;
    if (sequelize.getDialect() === 'postgres') {
      // Derived from this run's own database, so two runs on one cluster never clash.
      const extra = `${sequelize.config.database}_extra`;
      const exists = async () => {
        const [rows] = await sequelize.query('SELECT count(*)::int AS n FROM pg_database WHERE datname = :name',
          { replacements: { name: extra } });
        return rows[0].n;
      };
      await queryInterface.createDatabase(extra, { encoding: 'UTF8', template: 'template0' });
      await record(queryInterface, 'createDatabase: databases named <db>_extra', await exists());
      await queryInterface.dropDatabase(extra);
      await record(queryInterface, 'dropDatabase: databases named <db>_extra', await exists());
      await queryInterface.dropDatabase(extra);
      await record(queryInterface, 'dropDatabase again (IF EXISTS)', await exists());
    } else {
      for (const call of [() => queryInterface.createDatabase('other'), () => queryInterface.dropDatabase('other')]) {
        try {
          await call();
          await record(queryInterface, 'database call', 'succeeded');
        } catch (err) {
          await record(queryInterface, 'database call', failure(err));
        }
      }
    }
  },

  async down(queryInterface) {
    await queryInterface.bulkDelete('answers', {}, {});
  }
};
