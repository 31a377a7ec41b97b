'use strict';

module.exports = {
  async up(queryInterface) {
    const schemas = await queryInterface.showAllSchemas();
    const names = schemas.map((s) => (typeof s === 'string' ? s : s.schema_name || s.name || JSON.stringify(s)));
    await queryInterface.bulkInsert('answers', [
      { question: 'showAllSchemas', answer: JSON.stringify(names.sort()) }
    ]);
    const constraints = await queryInterface.showConstraint('counters');
    const summary = constraints
      .map((c) => [c.constraintName, c.constraintType].join(':'))
      .sort();
    await queryInterface.bulkInsert('answers', [{ question: 'showConstraint counters', answer: JSON.stringify(summary) }]);
  },

  async down(queryInterface) {
    await queryInterface.bulkDelete('answers', { question: ['showAllSchemas', 'showConstraint counters'] });
  }
};
