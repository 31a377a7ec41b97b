'use strict';

// Functions, triggers and enums belong to Sequelize's postgres dialect; on SQLite each call
// fails, and how it fails is recorded. (postgres-types exercises them on PostgreSQL.)
module.exports = {
  async up(queryInterface) {
    if (queryInterface.sequelize.getDialect() === 'postgres') return;
    const record = (question, value) =>
      queryInterface.bulkInsert('answers', [{ question, answer: JSON.stringify(value) }]);
    const calls = {
      createFunction: () => queryInterface.createFunction('f', [], 'integer', 'plpgsql', 'RETURN 1;', [], {}),
      dropFunction: () => queryInterface.dropFunction('f', []),
      renameFunction: () => queryInterface.renameFunction('f', [], 'g'),
      createTrigger: () => queryInterface.createTrigger('answers', 't', 'after', { insert: [] }, 'f', [], []),
      dropTrigger: () => queryInterface.dropTrigger('answers', 't'),
      renameTrigger: () => queryInterface.renameTrigger('answers', 't', 'u')
    };
    for (const [name, call] of Object.entries(calls)) {
      try {
        await call();
        await record(name, 'succeeded');
      } catch (err) {
        await record(name, `${err.name}: ${err.message}`);
      }
    }
    // Not defined outside postgres: calling one is a TypeError whose wording is the engine's.
    for (const name of ['dropEnum', 'dropAllEnums', 'pgListEnums']) {
      try {
        await queryInterface[name]('enum_x');
        await record(name, 'succeeded');
      } catch (err) {
        await record(name, [typeof queryInterface[name], err.name]);
      }
    }
    const probes = [() => queryInterface.dropEnum('enum_x'), () => queryInterface.dropAllEnums(), () => queryInterface.pgListEnums()];
    await record('postgres-only calls that fail synchronously', probes.map((p) => {
      try { p(); return 'no throw'; } catch (err) { return err.name; }
    }));
  },

  async down(queryInterface, Sequelize) {
    await queryInterface.bulkDelete('answers', {
      question: { [Sequelize.Op.in]: ['createFunction', 'dropFunction', 'renameFunction', 'createTrigger', 'dropTrigger', 'renameTrigger',
        'dropEnum', 'dropAllEnums', 'pgListEnums', 'postgres-only calls that fail synchronously'] }
    });
  }
};
