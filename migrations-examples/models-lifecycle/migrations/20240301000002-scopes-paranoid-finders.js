'use strict';
// Reads and rewrites through scopes, the paranoid model and the finder helpers; prints
// results and SQL.
const { Op } = require('sequelize');
const models = require('../models');

const { Account, Note, sequelize } = models;
const log = (sql) => console.log(sql);
const show = (name, value) => console.log(name, JSON.stringify(value));
const handles = (list) => list.map((a) => a.handle);

module.exports = {
  async up(queryInterface) {
    // What down() puts back: the rows as the seed left them.
    await queryInterface.sequelize.query('CREATE TABLE accounts_before AS SELECT * FROM accounts');
    await queryInterface.sequelize.query('CREATE TABLE notes_before AS SELECT * FROM notes');
    show('default-scope', handles(await Account.findAll({ order: [['id', 'ASC']], logging: log })));
    show('unscoped', handles(await Account.unscoped().findAll({ order: [['id', 'ASC']], logging: log })));
    show('named', handles(await Account.scope('pro').findAll({ logging: log })));
    show('two-scopes', handles(await Account.scope('defaultScope', 'rich').findAll({ order: [['id', 'ASC']], logging: log })));
    show('function-scope', handles(await Account.scope({ method: ['withPlan', 'team'] }).findAll({ logging: log })));
    show('scope+where', handles(await Account.scope('rich').findAll({ where: { plan: 'team' }, logging: log })));
    show('where-overrides', handles(await Account.findAll({ where: { active: false }, logging: log })));
    show('brief', (await Account.scope('brief').findAll({ order: [['id', 'DESC']] })).map((a) => a.get({ plain: true })));
    show('scoped-count', [await Account.count(), await Account.unscoped().count(), await Account.scope('rich').count({ logging: log })]);

    const [found, builtFlag] = await Account.findOrBuild({ where: { handle: 'ann' }, logging: log });
    const [fresh, freshFlag] = await Account.findOrBuild({ where: { handle: 'ivy' }, defaults: { credits: 7 } });
    show('findOrBuild', [found.handle, builtFlag, fresh.handle, fresh.credits, fresh.isNewRecord, freshFlag]);
    const [kept, c1] = await Account.findCreateFind({ where: { handle: 'bob' } });
    const [made, c2] = await Account.findCreateFind({ where: { handle: 'jon' }, defaults: { email: 'jon@example.com' }, logging: log });
    show('findCreateFind', [kept.handle, c1, made.handle, made.email, made.credits, c2]);

    show('group-count', await Account.unscoped().count({ group: ['plan'], order: [['plan', 'ASC']], logging: log }));
    show('group-having', await Account.unscoped().findAll({
      attributes: ['plan', [sequelize.fn('SUM', sequelize.col('credits')), 'total']],
      group: ['plan'],
      having: sequelize.where(sequelize.fn('SUM', sequelize.col('credits')), { [Op.gt]: 20 }),
      order: [['plan', 'ASC']],
      raw: true,
      logging: log,
    }));
    show('aggregate', [await Account.aggregate('credits', 'max'), await Account.unscoped().sum('credits'), await Account.aggregate('credits', 'count', { distinct: true, logging: log })]);

    const ann = await Account.findOne({ where: { handle: 'ann' } });
    ann.credits = 250;
    ann.notes = 'changed';
    show('changed', [ann.changed(), ann.changed('credits'), ann.previous('credits'), ann.previous()]);
    await ann.save({ logging: log });
    show('after-save', [ann.changed(), ann.notes, ann.toJSON()]);
    await Account.unscoped().update({ credits: 0 }, { where: { handle: 'ann' } });
    await ann.reload({ logging: log });
    show('reload', [ann.credits, ann.changed()]);
    show('update-individual', (await Account.update({ credits: 42 }, { where: { plan: 'free' }, individualHooks: true, logging: log }))[0]);
    show('update-bulk', await Account.update({ notes: 'bulk' }, { where: { credits: 42 }, logging: log }));

    show('paranoid-all', (await Note.findAll({ order: [['id', 'ASC']] })).map((n) => n.body));
    const trash = await Note.findOne({ where: { body: 'trash' } });
    await trash.destroy({ logging: log });
    show('soft-deleted', [trash.isSoftDeleted(), (await Note.findAll({ order: [['id', 'ASC']] })).map((n) => n.body)]);
    show('paranoid-false', (await Note.findAll({ paranoid: false, order: [['id', 'ASC']], logging: log })).map((n) => [n.body, n.deletedAt !== null]));
    show('bulk-destroy', await Note.destroy({ where: { kind: 'todo' }, logging: log }));
    show('count-paranoid', [await Note.count(), await Note.count({ paranoid: false })]);
    show('static-restore', await Note.restore({ where: { body: 'old' }, logging: log }) === undefined);
    const gone = await Note.findOne({ where: { body: 'gone' }, paranoid: false });
    await gone.restore({ logging: log });
    show('restored', (await Note.findAll({ order: [['id', 'ASC']] })).map((n) => n.body));
    await gone.destroy({ force: true, logging: log });
    show('paranoid-include', (await Account.findAll({
      include: [{ model: Note, as: 'notebook', attributes: ['body'] }],
      order: [['id', 'ASC'], ['notebook', 'id', 'ASC']],
      logging: log,
    })).map((a) => [a.handle, a.notebook.map((n) => n.body)]));
    show('paranoid-include-off', (await Note.findAll({
      paranoid: false,
      include: [{ model: Account.unscoped(), as: 'owner', attributes: ['handle'] }],
      order: [['id', 'ASC']],
      logging: log,
    })).map((n) => [n.body, n.owner && n.owner.handle]));
    Account.addScope('withNotes', { include: [{ model: Note, as: 'notebook', attributes: ['body'] }] });
    show('scope-with-include', (await Account.scope('defaultScope', 'withNotes').findAll({
      order: [['id', 'ASC'], ['notebook', 'id', 'ASC']],
      logging: log,
    })).map((a) => [a.handle, a.notebook.map((n) => n.body)]));
    show('forced', [await Note.count({ paranoid: false }), (await Note.findAll({ paranoid: false, order: [['id', 'ASC']] })).map((n) => n.body)]);
    show('destroy-individual', await Account.unscoped().destroy({ where: { handle: 'dee' }, individualHooks: true, logging: log }));
  },
  async down(queryInterface) {
    for (const t of ['accounts', 'notes']) {
      await queryInterface.sequelize.query(`DELETE FROM ${t}`);
      await queryInterface.sequelize.query(`INSERT INTO ${t} SELECT * FROM ${t}_before`);
      await queryInterface.dropTable(`${t}_before`);
    }
  },
};
