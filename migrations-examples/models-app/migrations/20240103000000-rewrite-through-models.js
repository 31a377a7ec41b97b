'use strict';
// Reads and rewrites rows through the models: finders with operators, order and limit,
// instance saves, static update/increment/destroy (paranoid), raw queries.
const { Op } = require('sequelize');
const models = require('../models');

module.exports = {
  async up() {
    const { User, Post, sequelize } = models;
    const users = await User.findAll({ order: [['id', 'ASC']] });
    for (const user of users) {
      user.lastName = user.lastName.toUpperCase();
      await user.save();
    }
    const admins = await User.count({ where: { role: 'admin' } });
    const top = await User.findAll({ where: { score: { [Op.gte]: 0 } }, order: [['score', 'DESC']], limit: 1, raw: true });
    await User.update({ score: admins * 10 }, { where: { id: top[0].id } });
    await Post.update({ views: 10 }, { where: { title: { [Op.like]: 'Hello%' } } });
    const ann = await User.findByPk(1);
    await Post.increment('views', { by: 5, where: { userId: ann.id } });
    const draft = await Post.findOne({ where: { title: 'Draft' } });
    await draft.destroy();
    const plain = ann.get({ plain: true });
    const json = ann.toJSON();
    const hello = await Post.findOne({ where: { slug: 'hello' } });
    const q = (id) => sequelize.getQueryInterface().quoteIdentifier(id);
    await sequelize.query(`UPDATE ${q('Users')} SET score = score + :n WHERE id = :id`, {
      replacements: { n: (await Post.count()) + (plain.active ? 100 : 0), id: json.id },
    });
    await ann.update({ lastName: `${ann.fullName} / ${hello.slug}` });
  },
  async down() {
    const { User, Post } = models;
    await Post.update({ deletedAt: null }, { where: { title: 'Draft' }, paranoid: false });
    await Post.update({ views: 0 }, { where: { title: { [Op.like]: 'Hello%' } } });
    await User.update({ score: 3 }, { where: { role: 'admin' } });
    await User.update({ score: 0 }, { where: { role: { [Op.ne]: 'admin' } } });
    const users = await User.findAll();
    for (const user of users) {
      const last = user.lastName.includes(' / ') ? user.lastName.split(' ')[1] : user.lastName;
      await user.update({ lastName: last.toLowerCase() });
    }
  },
};
