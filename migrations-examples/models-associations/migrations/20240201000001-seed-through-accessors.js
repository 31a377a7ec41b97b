'use strict';
// Rows written through the association accessors; the statements are logged.
const models = require('../models');

const { Author, Book, Tag, Reader } = models;
const log = (sql) => console.log(sql);

module.exports = {
  async up() {
    const ann = await Author.create({ name: 'Ann', country: 'NO' });
    const bob = await Author.create({ name: 'Bob', country: 'SE' });
    const cid = await Author.create({ name: 'Cid', country: 'NO' });
    await ann.createProfile({ bio: 'poet' }, { logging: log });
    await bob.createProfile({ bio: 'novelist' });
    const b1 = await ann.createBook({ title: 'Alpha', pages: 120 }, { logging: log });
    const b2 = await ann.createBook({ title: 'Beta', pages: 80 });
    const b3 = await bob.createBook({ title: 'Gamma', pages: 300 });
    const b4 = await Book.create({ title: 'Delta', pages: 50 });
    await b4.setAuthor(cid, { logging: log });
    const [red, blue, green] = await Tag.bulkCreate([{ label: 'red' }, { label: 'blue' }, { label: 'green' }]);
    await b1.addTag(red, { through: { weight: 5 }, logging: log });
    await b1.addTags([blue, green]);
    await b2.setTags([green, red], { logging: log });
    await b3.addTag(blue);
    await b2.removeTag(red, { logging: log });
    await green.addBook(b4);
    const r1 = await Reader.create({ nick: 'r1' });
    const r2 = await Reader.create({ nick: 'r2' });
    await r1.addBooks([b1, b3]);
    await r2.addBook(b1);
    // onDelete: 'CASCADE' with hooks: true: the books are destroyed one by one, with their hooks.
    const tmp = await Author.create({ name: 'Tmp' });
    await tmp.createBook({ title: 'T1' });
    await tmp.createBook({ title: 'T2' });
    await tmp.destroy({ logging: log });
    console.log('seeded', [ann.id, bob.id, cid.id], [b1.id, b2.id, b3.id, b4.id]);
  },
  async down(queryInterface) {
    for (const t of ['Favorites', 'book_tags', 'books', 'profiles', 'tags', 'readers', 'authors']) {
      await queryInterface.bulkDelete(t, null, {});
    }
  },
};
