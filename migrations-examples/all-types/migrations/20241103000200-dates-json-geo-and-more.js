'use strict';

const cases = (Sequelize) => [
  ['date', Sequelize.DATE, new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678))],
  ['date_precision', Sequelize.DATE(3), new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678))],
  ['dateonly', Sequelize.DATEONLY, '2024-02-29'],
  ['time', Sequelize.TIME, '12:34:56'],
  ['uuid', Sequelize.UUID, '0b7e5e88-3f63-4b8e-9d5c-1f2a3b4c5d6e'],
  ['json', Sequelize.JSON, { a: [1, 'two'], b: null }],
  ['jsonb', Sequelize.JSONB, { nested: { ok: true } }],
  ['hstore', Sequelize.HSTORE, { k: 'v', quote: 'a"b' }],
  ['enum_values', Sequelize.ENUM({ values: ['p', 'q'] }), 'q'],
  ['array_int', Sequelize.ARRAY(Sequelize.INTEGER), [1, 2, 3]],
  ['array_decimal', Sequelize.ARRAY(Sequelize.DECIMAL(6, 2)), ['1.50', '2.25']],
  ['array_enum', Sequelize.ARRAY(Sequelize.ENUM('m', 'n')), ['n', 'm']],
  ['range_date', Sequelize.RANGE(Sequelize.DATE), [new Date(Date.UTC(2024, 0, 1)), new Date(Date.UTC(2024, 1, 1))]],
  ['range_decimal', Sequelize.RANGE(Sequelize.DECIMAL), [{ value: '1.5', inclusive: false }, { value: '2.5', inclusive: true }]],
  ['range_bigint', Sequelize.RANGE(Sequelize.BIGINT), [10, 20]],
  ['range_dateonly', Sequelize.RANGE(Sequelize.DATEONLY), ['2024-01-01', '2024-12-31']],
  ['geometry', Sequelize.GEOMETRY, { type: 'Point', coordinates: [1, 2] }],
  ['geometry_point', Sequelize.GEOMETRY('POINT'), { type: 'Point', coordinates: [3, 4] }],
  ['geometry_point_srid', Sequelize.GEOMETRY('POINT', 4326), { type: 'Point', coordinates: [5, 6], crs: { type: 'name', properties: { name: 'EPSG:4326' } } }],
  ['geometry_polygon', Sequelize.GEOMETRY('POLYGON', 4326), { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]], crs: { type: 'name', properties: { name: 'EPSG:4326' } } }],
  ['geography', Sequelize.GEOGRAPHY, { type: 'Point', coordinates: [7, 8] }],
  ['geography_point_srid', Sequelize.GEOGRAPHY('POINT', 4326), { type: 'Point', coordinates: [9, 10] }],
  ['cidr', Sequelize.CIDR, '10.0.0.0/8'],
  ['inet', Sequelize.INET, '192.168.1.10'],
  ['macaddr', Sequelize.MACADDR, '08:00:2b:01:02:03'],
  ['tsvector', Sequelize.TSVECTOR, 'a fat cat'],
  ['virtual', Sequelize.VIRTUAL, 'never stored'],
  ['virtual_typed', Sequelize.VIRTUAL(Sequelize.STRING, ['c']), 'never stored'],
  ['abstract', Sequelize.ABSTRACT, 'x']
];

module.exports = {
  up: (queryInterface, Sequelize) => {
    const record = (question, value) =>
      queryInterface.bulkInsert('answers', [{ question, answer: JSON.stringify(value) }]);
    const outcome = (promise) => promise.then(() => 'ok', (err) => `${err.name}: ${err.message}`);
    return cases(Sequelize).reduce((chain, [name, type, value]) => {
      const table = `t_${name}`;
      return chain
        .then(() => outcome(queryInterface.createTable(table, { c: { type, allowNull: true } })))
        .then((r) => record(`${table} createTable`, r))
        .then(() => outcome(queryInterface.bulkInsert(table, [{ c: value }], {}, { c: { type } })))
        .then((r) => record(`${table} bulkInsert`, r));
    }, Promise.resolve());
  },

  down: (queryInterface, Sequelize) =>
    cases(Sequelize)
      .reduce((chain, [name]) => chain.then(() => queryInterface.dropTable(`t_${name}`)), Promise.resolve())
      .then(() => (queryInterface.sequelize.getDialect() === 'postgres' ? queryInterface.dropAllEnums() : null))
};
