'use strict';
// Reads the rows back through the models in the shapes migrations rely on, and keeps
// what they returned in a `reports` table, so that any difference in
// a finder's result shows up as a row: attributes/exclude, operators, order, limit,
// raw, paranoid, count variants, findByPk misses, get({ plain: true }), toJSON, instance
// build/save/increment/destroy, static destroy's count, and the associations' metadata.
// `Report` is a define()d model of the app (models/report.js).
const { Op } = require('sequelize');
const models = require('../models');

const { User, Post, Report, sequelize, Sequelize } = models;
// A logging function prints the statement, as Sequelize does, so the harness compares the SQL.
const log = (sql) => console.log(sql);

async function keep(name, value) {
  await Report.create({ name, value: JSON.stringify(value === undefined ? null : value) });
}

module.exports = {
  async up(queryInterface) {
    await queryInterface.createTable('reports', {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
      name: { type: Sequelize.STRING, allowNull: false },
      value: { type: Sequelize.TEXT },
    });

    await keep('names', await User.findAll({ attributes: ['id', 'firstName'], order: [['firstName', 'DESC']], raw: true }));
    await keep('exclude', (await User.findAll({ attributes: { exclude: ['uuid', 'createdAt', 'updatedAt'] }, order: ['id'] }))
      .map((u) => u.get({ plain: true })));
    await keep('or-in', await User.findAll({
      attributes: ['email'],
      where: { [Op.or]: [{ id: { [Op.in]: [1, 3] } }, { role: 'admin', score: { [Op.gt]: 5 } }] },
      order: [['id', 'DESC']],
      raw: true,
      logging: log,
    }));
    await keep('between-not', await User.findAll({
      attributes: ['id'],
      where: { score: { [Op.between]: [0, 50] }, lastName: { [Op.notLike]: '%/%' }, active: { [Op.ne]: null } },
      raw: true,
    }));
    await keep('paranoid', await Post.findAll({ attributes: ['title', 'userId'], order: [['id', 'ASC']], raw: true }));
    await keep('with-deleted', await Post.findAll({
      attributes: ['title', 'views'], paranoid: false, order: [['views', 'DESC'], ['id', 'ASC']], limit: 3, offset: 1, raw: true, logging: log,
    }));
    await keep('is-null', await Post.count({ where: { slug: { [Op.is]: null } }, paranoid: false }));
    await keep('counts', [
      await User.count(),
      await Post.count(),
      await Post.count({ paranoid: false }),
      await Post.count({ where: { userId: { [Op.notIn]: [1] } } }),
      await Post.count({ col: 'userId', distinct: true, paranoid: false, logging: log }),
    ]);
    await keep('missing', [await User.findByPk(99), await User.findOne({ where: { email: 'nobody@example.com' } })]);
    const bob = await User.findOne({ where: { firstName: { [Op.startsWith]: 'B' } }, order: [['id', 'DESC']], logging: log });
    const plain = bob.get({ plain: true });
    await keep('plain', { keys: Object.keys(plain), score: plain.score, active: plain.active, isDate: plain.createdAt instanceof Date, uuid: plain.uuid });
    await keep('json', bob.toJSON());
    await keep('getter', (await Post.findByPk(1)).slug);

    const note = Post.build({ title: 'Built then saved', userId: bob.id });
    await keep('built', { isNew: note.isNewRecord, views: note.views, changed: note.changed() });
    await note.save({ logging: log });
    await note.increment('views', { by: 7, logging: log });
    await note.reload({ logging: log });
    await keep('saved', { id: note.id, views: note.views, isNew: note.isNewRecord, deletedAt: note.deletedAt });
    const gone = await Post.create({ title: 'Short-lived', userId: bob.id });
    await gone.destroy({ force: true });
    const [updated] = await User.update({ active: true }, { where: { active: false }, logging: log });
    await keep('updated', updated);
    const destroyed = await Post.destroy({ where: { title: 'Built then saved' }, logging: log });
    await keep('destroyed', destroyed);
    await keep('associations', {
      user: Object.keys(User.associations).map((k) => [k, User.associations[k].associationType, User.associations[k].foreignKey]),
      post: Object.keys(Post.associations).map((k) => [k, Post.associations[k].associationType, Post.associations[k].foreignKey]),
      fields: [Post.rawAttributes.userId.field, Post.rawAttributes.createdAt.field, Post.tableName, User.tableName],
    });
    const [rows] = await sequelize.query(
      `SELECT title FROM posts WHERE views >= :min ORDER BY title`,
      { replacements: { min: 5 } },
    );
    await keep('query', rows);
    await keep('query-select', await sequelize.query('SELECT count(*) AS n FROM posts', { type: Sequelize.QueryTypes.SELECT, plain: true }));
  },
  async down(queryInterface) {
    await User.update({ active: false }, { where: { firstName: 'Cy' } });
    await Post.destroy({ where: { title: 'Built then saved' }, force: true, paranoid: false });
    await queryInterface.dropTable('reports');
  },
};
