'use strict';

module.exports = {
  async up(queryInterface) {
    const schemas = await queryInterface.showAllSchemas();
    const names = schemas.map((s) => (typeof s === 'string' ? s : s.schema_name || s.name || JSON.stringify(s)));
    await queryInterface.bulkInsert('answers', [
      { question: 'showAllSchemas', answer: JSON.stringify(names.sort()) }
    ]);
    const constraints = await queryInterface.showConstraint('counters');
    // PostgreSQL names its NOT NULL checks after the schema and table OIDs, which differ
    // from one database to the next; keep the column number, drop the OIDs.
    const summary = constraints
      .map((c) => [String(c.constraintName).replace(/^\d+_\d+_(\d+)_not_null$/, 'not_null#$1'), c.constraintType].join(':'))
      .sort();
    await queryInterface.bulkInsert('answers', [{ question: 'showConstraint counters', answer: JSON.stringify(summary) }]);
  },

  async down(queryInterface) {
    await queryInterface.bulkDelete('answers', { question: ['showAllSchemas', 'showConstraint counters'] });
  }
};
