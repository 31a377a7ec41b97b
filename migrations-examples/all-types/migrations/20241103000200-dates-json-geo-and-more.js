'use strict';

const cases = (S) => [
  ['date', S.DATE, new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678))],
  ['date_precision', S.DATE(3), new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678))],
  ['dateonly', S.DATEONLY, '2024-02-29'],
  ['time', S.TIME, '12:34:56'],
  ['uuid', S.UUID, '0b7e5e88-3f63-4b8e-9d5c-1f2a3b4c5d6e'],
  ['json', S.JSON, { a: [1, 'two'], b: null }],
  ['jsonb', S.JSONB, { nested: { ok: true } }],
  ['hstore', S.HSTORE, { k: 'v', quote: 'a"b' }],
  ['enum_values', S.ENUM({ values: ['p', 'q'] }), 'q'],
  ['array_int', S.ARRAY(S.INTEGER), [1, 2, 3]],
  ['array_decimal', S.ARRAY(S.DECIMAL(6, 2)), ['1.50', '2.25']],
  ['array_enum', S.ARRAY(S.ENUM('m', 'n')), ['n', 'm']],
  ['range_date', S.RANGE(S.DATE), [new Date(Date.UTC(2024, 0, 1)), new Date(Date.UTC(2024, 1, 1))]],
  ['range_decimal', S.RANGE(S.DECIMAL), [{ value: '1.5', inclusive: false }, { value: '2.5', inclusive: true }]],
  ['range_bigint', S.RANGE(S.BIGINT), [10, 20]],
  ['range_dateonly', S.RANGE(S.DATEONLY), ['2024-01-01', '2024-12-31']],
  ['geometry', S.GEOMETRY, { type: 'Point', coordinates: [1, 2] }],
  ['geometry_point', S.GEOMETRY('POINT'), { type: 'Point', coordinates: [3, 4] }],
  ['geometry_point_srid', S.GEOMETRY('POINT', 4326), { type: 'Point', coordinates: [5, 6], crs: { type: 'name', properties: { name: 'EPSG:4326' } } }],
  ['geometry_polygon', S.GEOMETRY('POLYGON', 4326), { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]], crs: { type: 'name', properties: { name: 'EPSG:4326' } } }],
  ['geography', S.GEOGRAPHY, { type: 'Point', coordinates: [7, 8] }],
  ['geography_point_srid', S.GEOGRAPHY('POINT', 4326), { type: 'Point', coordinates: [9, 10] }],
  ['cidr', S.CIDR, '10.0.0.0/8'],
  ['inet', S.INET, '192.168.1.10'],
  ['macaddr', S.MACADDR, '08:00:2b:01:02:03'],
  ['tsvector', S.TSVECTOR, 'a fat cat'],
  ['virtual', S.VIRTUAL, 'never stored'],
  ['virtual_typed', S.VIRTUAL(S.STRING, ['c']), 'never stored'],
  ['abstract', S.ABSTRACT, 'x']
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
