'use strict';
// Rows written through hooks and validations; failures are caught and printed.
const models = require('../models');

const { Account, Note } = models;
const log = (sql) => console.log(sql);

async function attempt(name, fn) {
  try {
    const r = await fn();
    console.log(name, 'ok', r && r.toJSON ? JSON.stringify(r.toJSON()) : r);
  } catch (e) {
    console.log(name, e.name, e.message, JSON.stringify((e.errors || []).map((i) => [i.path, i.type, i.validatorKey, i.message])));
  }
}

module.exports = {
  async up() {
    const ann = await Account.create({ handle: '  Ann ', email: 'ann@example.com', plan: 'pro', credits: 300, notes: 'first' }, { logging: log });
    console.log('created', JSON.stringify(ann), ann.greet(), ann.label, ann.get('label'), ann.isNewRecord);
    const built = await Account.bulkCreate([
      { handle: 'bob', credits: 50 },
      { handle: 'cid', plan: 'team', email: 'cid@example.com', credits: 120 },
      { handle: 'dee', active: false, credits: 10 },
    ], { logging: log });
    console.log('bulk', JSON.stringify(built.map((a) => [a.id, a.handle, a.email, a.credits])));
    const each = await Account.bulkCreate([{ handle: 'kim' }, { handle: 'lou', credits: 9 }], { individualHooks: true, logging: log });
    console.log('bulk-individual', JSON.stringify(each.map((a) => [a.id, a.handle, a.email, a.credits, a.isNewRecord])));
    await attempt('short-handle', () => Account.create({ handle: 'x' }));
    await attempt('bad-email', () => Account.create({ handle: 'eve', email: 'nope' }));
    await attempt('bad-plan-and-credits', () => Account.create({ handle: 'fay', plan: 'gold', credits: -1 }));
    await attempt('team-without-email', () => Account.create({ handle: 'gus', plan: 'team' }));
    await attempt('null-handle', () => Account.create({ email: 'h@example.com' }));
    await attempt('validate-only', async () => {
      const a = Account.build({ handle: 'Bad Handle!' });
      await a.validate();
      return 'valid';
    });
    await attempt('skip-validation', () => Account.create({ handle: 'zed', email: 'not-an-email' }, { validate: false }));
    await Note.bulkCreate([
      { body: 'keep', kind: 'memo', size: 3, accountId: ann.id },
      { body: 'trash', kind: 'memo', size: 1, accountId: ann.id },
      { body: 'old', kind: 'todo', size: 7, accountId: built[0].id },
      { body: 'gone', kind: 'todo', size: 2 },
    ]);
  },
  async down(queryInterface) {
    await queryInterface.bulkDelete('notes', null, {});
    // Model.truncate: destroy({ truncate: true }) (TRUNCATE on postgres, DELETE on sqlite).
    await Account.truncate({ cascade: true, logging: log });
  },
};
