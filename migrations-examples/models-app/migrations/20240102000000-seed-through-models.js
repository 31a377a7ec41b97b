'use strict';
// Rows written through the app's models, as many projects seed reference data.
const { User, Post } = require('../models');

module.exports = {
  async up() {
    const ann = await User.create({ firstName: 'Ann', lastName: 'lee', email: 'ANN@EXAMPLE.COM' });
    await User.bulkCreate([
      { firstName: 'Bob', lastName: 'stone', email: 'bob@example.com', role: 'admin', score: 3 },
      { firstName: 'Cy', lastName: 'ray', email: 'cy@example.com', active: false },
    ]);
    await Post.create({ title: 'Hello world', slug: 'hello', userId: ann.id });
    const bob = await User.findOne({ where: { email: 'bob@example.com' } });
    await Post.bulkCreate([
      { title: 'Hello again', slug: 'again', userId: bob.id },
      { title: 'Draft', userId: bob.id, views: 2 },
    ]);
  },
  async down() {
    await Post.destroy({ where: {}, force: true });
    await User.destroy({ where: {} });
  },
};
