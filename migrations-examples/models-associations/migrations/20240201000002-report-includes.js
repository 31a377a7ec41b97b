'use strict';
// Reads the rows back with include in the shapes migrations use, printing the results
// (JSON of the instances) and the SQL Sequelize sends.
const { Op } = require('sequelize');
const models = require('../models');

const { Author, Book, Tag, Profile, Reader, sequelize } = models;
const log = (sql) => console.log(sql);
const show = (name, value) => console.log(name, JSON.stringify(value));

module.exports = {
  async up() {
    const ann0 = await Author.findOne({ where: { name: 'Ann' } });
    show('authors+books', await Author.findAll({
      include: [{ model: Book, as: 'books' }],
      order: [['id', 'ASC'], [{ model: Book, as: 'books' }, 'title', 'DESC']],
      logging: log,
    }));
    show('books+author+tags', await Book.findAll({
      include: [{ model: Author, as: 'author', attributes: ['name'] }, { model: Tag, as: 'tags', through: { attributes: ['weight'] } }],
      order: [['id', 'ASC'], [{ model: Tag, as: 'tags' }, 'label', 'ASC']],
      logging: log,
    }));
    show('where-required', await Author.findAll({
      include: [{ model: Book, as: 'books', where: { pages: { [Op.gt]: 100 } }, attributes: ['title'] }],
      order: [['name', 'ASC']],
      logging: log,
    }));
    show('not-required', await Author.findAll({
      include: [{ model: Book, as: 'books', where: { pages: { [Op.gt]: 100 } }, required: false, attributes: ['id', 'title'] }],
      order: [['name', 'ASC'], ['books', 'id', 'ASC']],
      logging: log,
    }));
    show('nested', await Author.findAll({
      attributes: ['name'],
      include: [
        { model: Profile },
        { model: Book, as: 'books', attributes: ['title'], include: [{ model: Tag, as: 'tags', attributes: ['label'], through: { attributes: [] } }] },
      ],
      order: [['id', 'ASC'], ['books', 'id', 'ASC'], ['books', 'tags', 'label', 'ASC']],
      logging: log,
    }));
    show('string-include', await Profile.findAll({ include: ['author'], order: [['id', 'DESC']] }));
    show('through-table-name', await Reader.findAll({
      include: [{ model: Book, attributes: ['title'], through: { attributes: ['BookId'] } }],
      order: [['id', 'ASC'], [Book, 'id', 'ASC']],
      logging: log,
    }));
    show('limit-subquery', await Author.findAll({
      include: [{ model: Book, as: 'books', attributes: ['id', 'title'] }],
      order: [['name', 'DESC'], ['books', 'id', 'ASC']],
      limit: 2,
      logging: log,
    }));
    show('limit-required', await Author.findAll({
      include: [{ model: Book, as: 'books', where: { pages: { [Op.gt]: 60 } }, attributes: ['title'] }],
      order: [['id', 'ASC']],
      limit: 2,
      logging: log,
    }));
    show('nested-column-where', (await Author.findAll({
      where: { '$books.pages$': { [Op.gt]: 100 } },
      include: [{ model: Book, as: 'books', attributes: ['id', 'pages'] }],
      order: [[sequelize.col('books.pages'), 'DESC']],
      logging: log,
    })).map((a) => [a.name, a.books.map((b) => b.pages)]));
    show('equals', [ann0.equals(await Author.findByPk(ann0.id)), ann0.equalsOneOf([await Author.findByPk(2)])]);
    show('limit-required-through', (await Book.findAll({
      include: [{ model: Tag, as: 'tags', where: { label: 'green' }, attributes: ['label'] }],
      order: [['id', 'ASC']],
      limit: 2,
      logging: log,
    })).map((b) => [b.title, b.tags.map((t) => t.label)]));
    show('include-on', (await Book.findAll({
      attributes: ['title'],
      include: [{ model: Author, as: 'author', attributes: ['name'], on: { country: { [Op.eq]: 'NO' }, id: { [Op.col]: 'Book.author_id' } } }],
      order: [['id', 'ASC']],
      logging: log,
    })).map((b) => [b.title, b.author && b.author.name]));
    show('include-all', await Profile.findAll({ include: { all: true }, order: [['id', 'ASC']], logging: log }));
    show('include-all-types', (await Author.findAll({ include: [{ all: 'HasOne' }], order: [['id', 'ASC']], logging: log }))
      .map((a) => [a.name, a.Profile && a.Profile.bio]));
    show('separate', await Author.findAll({
      include: [{ model: Book, as: 'books', separate: true, order: [['pages', 'DESC']], attributes: ['title', 'pages'] }],
      order: [['id', 'ASC']],
      logging: log,
    }));
    show('separate-limit', await Author.findAll({
      attributes: ['name'],
      include: [{ model: Book, as: 'books', separate: true, limit: 1, order: [['pages', 'DESC']], attributes: ['title', 'pages'] }],
      order: [['id', 'ASC']],
      logging: log,
    }));
    show('raw-nest', await Book.findAll({
      include: [{ model: Author, as: 'author', attributes: ['name', 'country'] }],
      attributes: ['title'],
      order: [['id', 'ASC']],
      raw: true,
      nest: true,
    }));
    show('raw-flat', await Book.findAll({
      include: [{ model: Author, as: 'author', attributes: ['name'] }],
      attributes: ['title'],
      where: { pages: { [Op.lt]: 100 } },
      order: [['id', 'ASC']],
      raw: true,
      logging: log,
    }));
    const one = await Author.findOne({ where: { name: 'Ann' }, include: [{ model: Book, as: 'books' }], logging: log });
    show('findOne', one);
    show('findOne.books', one.books.map((b) => b instanceof Book));
    show('get-plain', one.get({ plain: true }));
    const byPk = await Book.findByPk(1, { include: ['author', 'tags'], logging: log });
    show('findByPk', [byPk.title, byPk.author.name, byPk.tags.map((t) => [t.label, t.BookTag.weight])]);
    const counted = await Author.findAndCountAll({
      include: [{ model: Book, as: 'books', where: { pages: { [Op.gte]: 80 } } }],
      order: [['id', 'ASC']],
      logging: log,
    });
    show('findAndCountAll', [counted.count, counted.rows.map((a) => [a.name, a.books.length])]);
    show('count-include', await Author.count({ include: [{ model: Book, as: 'books' }], distinct: true, logging: log }));

    const ann = await Author.findOne({ where: { name: 'Ann' } });
    const alpha = await Book.findOne({ where: { title: 'Alpha' } });
    const red = await Tag.findOne({ where: { label: 'red' } });
    const green = await Tag.findOne({ where: { label: 'green' } });
    show('getBooks', (await ann.getBooks({ order: [['id', 'ASC']], logging: log })).map((b) => b.title));
    show('countBooks', await ann.countBooks({ logging: log }));
    show('hasBook', [await ann.hasBook(alpha, { logging: log }), await ann.hasBooks([alpha.id, 3])]);
    show('getAuthor', (await alpha.getAuthor({ logging: log })).name);
    show('getProfile', (await ann.getProfile()).bio);
    show('getTags', (await alpha.getTags({ order: [['label', 'ASC']], logging: log })).map((t) => [t.label, t.BookTag.weight]));
    show('countTags', await alpha.countTags({ logging: log }));
    show('hasTag', [await alpha.hasTag(red, { logging: log }), await green.hasBooks([alpha])]);
    show('tag.getBooks', (await green.getBooks({ joinTableAttributes: [], order: [['id', 'ASC']] })).map((b) => b.get({ plain: true })));
    show('readers', (await alpha.getReaders({ order: [['id', 'ASC']] })).map((r) => r.nick));
    show('tables', Object.keys(sequelize.models).sort());
  },
  async down() {},
};
