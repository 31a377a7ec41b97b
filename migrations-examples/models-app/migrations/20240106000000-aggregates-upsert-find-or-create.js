'use strict';
// The statics that read aggregates or write conditionally: max/min/sum (typed by the
// attribute, null on no rows), findAndCountAll (count ignores limit/offset/attributes),
// upsert (ON CONFLICT on the primary key; the instance takes sqlite's lastID or the row
// postgres returns, and keeps a key it was given), findOrCreate (its own transaction;
// found, or created from the where under the defaults). The results go to `reports`.
const { Op } = require('sequelize');
const { User, Post, Report } = require('../models');

// A logging function prints the statement, as Sequelize does, so the harness compares the SQL.
const log = (sql) => console.log(sql);

async function keep(name, value) {
  await Report.create({ name, value: JSON.stringify(value === undefined ? null : value) });
}

module.exports = {
  async up() {
    await keep('aggregates', [
      await User.max('score', { logging: log }),
      await User.min('score', { where: { role: 'member' } }),
      await Post.sum('views'),
      await Post.sum('views', { paranoid: false, logging: log }),
      await Post.sum('views', { where: { id: 999 } }),
      (await User.max('createdAt')) instanceof Date,
      await User.min('firstName'),
    ]);
    const page = await Post.findAndCountAll({
      where: { views: { [Op.gte]: 0 } }, attributes: ['id', 'title'], order: [['id', 'DESC']], limit: 2, offset: 1, logging: log,
    });
    await keep('page', { count: page.count, rows: page.rows.map((r) => r.toJSON()) });
    const none = await Post.findAndCountAll({ where: { title: 'nothing' } });
    await keep('page-empty', none);

    const [dee, deeCreated] = await User.upsert({ firstName: 'Dee', lastName: 'upserted', email: 'Dee@Example.com', score: 4 }, { logging: log });
    await keep('upsert-new', [dee.id, deeCreated, dee.isNewRecord, dee.email, dee.role]);
    const [ann, annCreated] = await User.upsert({ id: 1, firstName: 'Ann', email: 'ann@example.com', score: 7 }, { logging: log });
    await keep('upsert-existing', [ann.id, annCreated, ann.score]);

    const [bob, bobCreated] = await User.findOrCreate({ where: { email: 'bob@example.com' }, defaults: { firstName: 'Nobody' } });
    await keep('find-or-create-found', [bob.id, bobCreated, bob.firstName]);
    const [eve, eveCreated] = await User.findOrCreate({
      where: { email: 'eve@example.com', role: 'admin' }, defaults: { firstName: 'Eve', score: 1 }, logging: log,
    });
    await keep('find-or-create-created', [eve.id, eveCreated, eve.firstName, eve.role, eve.score]);
  },
  async down() {
    await User.destroy({ where: { email: ['dee@example.com', 'eve@example.com'] } });
    await User.update({ score: 102 }, { where: { id: 1 } });
    await Report.destroy({
      where: { name: ['aggregates', 'page', 'page-empty', 'upsert-new', 'upsert-existing', 'find-or-create-found', 'find-or-create-created'] },
    });
  },
};
