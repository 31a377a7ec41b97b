'use strict';

module.exports = {
  up: (queryInterface, Sequelize) => {
    const { sequelize } = queryInterface;
    const record = (question, value) =>
      queryInterface.bulkInsert('answers', [{ question, answer: JSON.stringify(value === undefined ? 'undefined' : value) }]);
    const attributes = {
      status: { type: Sequelize.ENUM('open', 'closed') },
      tags: { type: Sequelize.ARRAY(Sequelize.ENUM('a', 'b')), field: 'tag_list' },
      title: { type: Sequelize.STRING }
    };
    // ensureEnums takes normalized attributes: a bare type has no `.type`.
    const withBare = Object.assign({ bare: Sequelize.ENUM('x', 'y') }, attributes);

    if (sequelize.getDialect() === 'postgres') {
      return queryInterface.ensureEnums('tickets', withBare)
        .then(() => record('ensureEnums with a bare type', 'succeeded'), (err) => record('ensureEnums with a bare type', `${err.name}: ${err.message}`))
        .then(() => queryInterface.ensureEnums('tickets', attributes))
        .then((result) => record('ensureEnums creating: result is', result === undefined ? 'undefined' : typeof result))
        .then(() => queryInterface.ensureEnums('tickets', { status: { type: Sequelize.ENUM('open', 'closed', 'stale') } }))
        .then((result) => record('ensureEnums on an existing type', result === undefined ? 'undefined' : typeof result))
        .then(() => queryInterface.pgListEnums())
        .then((enums) => record('pgListEnums', enums.map((e) => [e.enum_name, e.enum_value]).sort()))
        // Sequelize goes by the first column's lookup without a model: status exists, so
        // priority's type is not created.
        .then(() => queryInterface.ensureEnums('tickets', {
          status: { type: Sequelize.ENUM('open', 'closed') },
          priority: { type: Sequelize.ENUM('low', 'high') }
        }))
        .then(() => queryInterface.pgListEnums('tickets'))
        .then((enums) => record('after ensureEnums with a missing second type', enums.map((e) => [e.enum_name, e.enum_value]).sort()))
        // With a model, the values the type lacks are added around the old ones.
        .then(() => queryInterface.ensureEnums('tickets', {
          status: { type: Sequelize.ENUM('new', 'open', 'review', 'closed', 'archived', 'gone') }
        }, {}, sequelize.define('Ticket', { status: Sequelize.STRING }, { tableName: 'tickets' })))
        .then((result) => record('ensureEnums with a model: result is', result === undefined ? 'undefined' : typeof result))
        .then(() => queryInterface.pgListEnums('tickets'))
        .then((enums) => record('after ensureEnums with a model', enums.map((e) => [e.enum_name, e.enum_value]).sort()))
        .then(() => queryInterface.createSchema('extra_a'))
        .then(() => queryInterface.createSchema('extra_b'))
        .then(() => queryInterface.createTable({ tableName: 'inside', schema: 'extra_b' }, { id: Sequelize.INTEGER }))
        .then(() => queryInterface.showAllSchemas())
        .then((schemas) => record('showAllSchemas', schemas.slice().sort()))
        .then(() => queryInterface.dropAllSchemas())
        .then(() => queryInterface.showAllSchemas())
        .then((schemas) => record('showAllSchemas after dropAllSchemas', schemas));
    }

    // dropAllSchemas on SQLite is sequelize.drop(): it drops the tables of every model the
    // instance knows, which for sequelize-cli's own instance includes SequelizeMeta. A
    // second instance on the same file knows only the model defined here.
    const other = new Sequelize({ dialect: 'sqlite', storage: sequelize.options.storage, logging: false });
    other.define('Scratch', { label: Sequelize.STRING }, { tableName: 'scratch', timestamps: false });
    return Promise.resolve(queryInterface.ensureEnums('tickets', withBare))
      .then((result) => record('ensureEnums (no-op)', result === undefined ? 'undefined' : typeof result))
      .then(() => queryInterface.createTable('scratch', { id: { type: Sequelize.INTEGER, primaryKey: true }, label: Sequelize.STRING }))
      .then(() => queryInterface.createTable('dropped_by_schema', { id: Sequelize.INTEGER }))
      .then(() => queryInterface.createSchema('ignored'))
      .then((tables) => record('createSchema lists tables', tables))
      .then(() => queryInterface.showAllSchemas())
      .then((tables) => record('showAllSchemas lists tables', tables))
      .then(() => queryInterface.dropSchema('dropped_by_schema'))
      .then(() => queryInterface.showAllTables())
      .then((tables) => record('after dropSchema', tables))
      .then(() => other.getQueryInterface().dropAllSchemas())
      .then(() => other.close())
      .then(() => queryInterface.showAllTables())
      .then((tables) => record('after dropAllSchemas of an instance with one model', tables));
  },

  down: (queryInterface) => {
    const { sequelize } = queryInterface;
    const cleanup = sequelize.getDialect() === 'postgres'
      ? queryInterface.dropEnum('enum_tickets_status').then(() => queryInterface.dropEnum('enum_tickets_tag_list'))
      : Promise.resolve();
    return cleanup.then(() => queryInterface.bulkDelete('answers', {}, {}));
  }
};
