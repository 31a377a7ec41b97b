'use strict';

// seqmig-context: Promise.all
// Promise.all of calls that share one managed transaction. node-postgres' client
// queue (and node-sqlite3's serialized connection) run them in the order they were made;
// calls in one batch touch different tables, so the outcome is the same in any order.
const answersTable = (Sequelize) => ({
  id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
  question: { type: Sequelize.STRING, allowNull: false },
  answer: { type: Sequelize.TEXT }
});

module.exports = {
  async up(queryInterface, Sequelize) {
    const { sequelize } = queryInterface;
    const pg = sequelize.getDialect() === 'postgres';
    const id = () => ({ type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false });
    await sequelize.transaction(async (transaction) => {
      const o = { transaction };
      const seen = [];
      const note = (question, value) => seen.push({ question: `p ${question}`, answer: JSON.stringify(value) });

      await Promise.all([
        queryInterface.createTable('p_answers', answersTable(Sequelize), o),
        queryInterface.createTable('p_owners', { id: id(), name: { type: Sequelize.STRING(40), allowNull: false } }, o),
        queryInterface.createTable('p_tags', { id: id(), word: { type: Sequelize.STRING(20) } }, o)
      ]);
      note('tableExists, showAllTables', await Promise.all([
        queryInterface.tableExists('p_owners', o),
        queryInterface.tableExists('p_tags', o),
        queryInterface.showAllTables(o).then((all) => all.filter((t) => String(t).startsWith('p_')).sort())
      ]));
      await Promise.all([
        queryInterface.addColumn('p_owners', 'seenAt', { type: Sequelize.DATE }, o),
        queryInterface.addColumn('p_tags', 'weight', { type: Sequelize.INTEGER, defaultValue: 1 }, o),
        queryInterface.bulkInsert('p_answers', [{ question: 'p started', answer: 'yes' }], o)
      ]);
      await Promise.all([
        queryInterface.changeColumn('p_owners', 'name', { type: Sequelize.STRING(60), allowNull: false }, o),
        queryInterface.changeColumn('p_tags', 'weight', { type: Sequelize.INTEGER, allowNull: true }, o)
      ]);
      await Promise.all([
        queryInterface.addIndex('p_tags', ['word'], { name: 'p_tags_word', unique: true, ...o }),
        queryInterface.bulkInsert('p_owners', [{ name: 'ann' }, { name: 'bob' }, { name: 'cy' }], o)
      ]);
      await Promise.all([
        queryInterface.bulkInsert('p_tags', [{ word: 'x' }, { word: 'y' }, { word: 'z' }], o),
        queryInterface.insert(null, 'p_answers', { question: 'p insert', answer: 'ok' }, o),
        queryInterface.sequelize.query("UPDATE p_owners SET name = 'anne' WHERE name = 'ann'", o)
      ]);
      await Promise.all([
        queryInterface.bulkUpdate('p_owners', { name: 'bobby' }, { name: 'bob' }, o),
        queryInterface.increment(null, 'p_tags', { word: 'x' }, { weight: 4 }, {}, o),
        queryInterface.decrement(null, 'p_tags', { word: 'y' }, { weight: 1 }, {}, o)
      ]);
      await Promise.all([
        queryInterface.bulkDelete('p_owners', { name: 'cy' }, o),
        queryInterface.bulkDelete('p_tags', { word: 'z' }, o)
      ]);
      if (pg) {
        // Several statements in one query each, both in flight at once.
        await Promise.all([
          sequelize.query("UPDATE p_tags SET weight = weight * 10 WHERE word = 'x'; UPDATE p_tags SET weight = weight * 10 WHERE word = 'y';", o),
          sequelize.query("UPDATE p_owners SET name = name || '!' WHERE name = 'anne'; SELECT 1 AS one;", o)
        ]);
      }
      const [owners, tags, maxWeight, columns, indexes, fks, raw] = await Promise.all([
        queryInterface.select(null, 'p_owners', { attributes: ['name'], order: [['id', 'ASC']], ...o }),
        queryInterface.select(null, 'p_tags', { attributes: ['word', 'weight'], order: [['id', 'ASC']], ...o }),
        queryInterface.rawSelect('p_tags', { where: { word: 'x' }, ...o }, 'weight'),
        queryInterface.describeTable('p_owners', o).then((d) => Object.keys(d)),
        queryInterface.showIndex('p_tags', o).then((list) => list.map((i) => i.name).sort()),
        queryInterface.getForeignKeyReferencesForTable('p_tags', o),
        sequelize.query('SELECT word FROM p_tags ORDER BY word', { type: Sequelize.QueryTypes.SELECT, ...o })
      ]);
      note('reads', { owners, tags, maxWeight, columns, indexes, fks, raw });
      const Owner = sequelize.define('pOwner', {
        id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
        name: Sequelize.STRING(60)
      }, { tableName: 'p_owners', timestamps: false });
      await Promise.all([
        queryInterface.addConstraint('p_owners', { fields: ['name'], type: 'unique', name: 'p_owners_name_uq', ...o }),
        queryInterface.upsert('p_answers', { id: 100, question: 'p upsert', answer: 'first' }, { answer: 'first' }, { id: 100 },
          { model: sequelize.define('pAnswer', { id: { type: Sequelize.INTEGER, primaryKey: true }, question: Sequelize.STRING, answer: Sequelize.TEXT }, { tableName: 'p_answers', timestamps: false }), ...o })
      ]);
      note('constraints and versions', await Promise.all([
        queryInterface.showConstraint('p_owners', 'p_owners_name_uq', o)
          .then((c) => c.map((x) => x.constraintName).filter((n) => !/^\d+_\d+_\d+_not_null$/.test(n))),
        queryInterface.getForeignKeysForTables(['p_tags'], o).then((f) => Object.keys(f)),
        queryInterface.databaseVersion(o).then((v) => /^\d+\.\d+/.test(String(v)))
      ]));
      await Promise.all([
        queryInterface.upsert('p_owners', { id: 2, name: 'bo' }, { name: 'bo' }, { id: 2 }, { model: Owner, ...o }),
        // On sqlite Sequelize reads the constraint from the committed schema: the managed
        // context's one there, this one here.
        pg ? queryInterface.removeConstraint('p_owners', 'p_owners_name_uq', o)
          : queryInterface.removeConstraint('m_items', 'm_items_uq', o)
      ]);
      note('schemas', await Promise.all([
        queryInterface.createSchema('p_schema', o),
        queryInterface.showAllSchemas(o).then((all) => all.map(String).filter((x) => x.startsWith('p_')).sort()),
        queryInterface.dropSchema('p_schema', o).catch((err) => err.message)
      ]));
      if (pg) {
        await Promise.all([
          queryInterface.createSchema('p_schema', o),
          queryInterface.createFunction('p_fn', [], 'trigger', 'plpgsql', 'NEW.weight = 7; RETURN NEW;', [], o),
          queryInterface.addColumn('p_tags', 'state', { type: Sequelize.ENUM('new', 'done') }, o)
        ]);
        note('schemas and enums', await Promise.all([
          queryInterface.showAllSchemas(o).then((all) => all.filter((x) => String(x).startsWith('p_'))),
          queryInterface.pgListEnums('p_tags', o).then((list) => list.map((e) => e.enum_name)),
          queryInterface.renameFunction('p_fn', [], 'p_fn2', o).then(() => 'renamed'),
          queryInterface.ensureEnums('p_tags', { kind: { type: Sequelize.ENUM('a', 'b') } }, o).then(() => 'ensured')
        ]));
        await queryInterface.createTrigger('p_tags', 'p_trg', 'before', ['insert'], 'p_fn2', [], ['FOR EACH ROW'], o);
        await Promise.all([
          queryInterface.renameTrigger('p_tags', 'p_trg', 'p_trg2', o),
          queryInterface.dropSchema('p_schema', o),
          queryInterface.removeColumn('p_tags', 'state', o)
        ]);
        await Promise.all([
          queryInterface.dropTrigger('p_tags', 'p_trg2', o),
          queryInterface.dropEnum('enum_p_tags_state', o),
          queryInterface.dropEnum('enum_p_tags_kind', o)
        ]);
        await queryInterface.dropFunction('p_fn2', [], o);
      }
      // Committed for the rolled-back context to remove on sqlite (see there).
      await queryInterface.addConstraint('p_answers', { fields: ['question'], type: 'unique', name: 'p_answers_question_uq', ...o });
      await Promise.all([
        queryInterface.renameColumn('p_owners', 'seenAt', 'lastSeenAt', o),
        queryInterface.removeIndex('p_tags', 'p_tags_word', o)
      ]);
      await Promise.all([
        queryInterface.removeColumn('p_owners', 'lastSeenAt', o),
        queryInterface.renameTable('p_tags', 'p_labels', o)
      ]);
      await queryInterface.bulkInsert('p_answers', seen, o);
    });
  },

  async down(queryInterface) {
    await queryInterface.sequelize.transaction((transaction) => Promise.all([
      queryInterface.dropTable('p_answers', { transaction }),
      queryInterface.dropTable('p_owners', { transaction }),
      queryInterface.dropTable('p_labels', { transaction })
    ]));
  }
};
