'use strict';

// seqmig-context: managed
// A managed transaction (`sequelize.transaction(async (t) => ...)`), with savepoints
// (nested transactions): one released, one rolled back by a throw.
const answersTable = (Sequelize) => ({
  id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
  question: { type: Sequelize.STRING, allowNull: false },
  answer: { type: Sequelize.TEXT }
});

// Every queryInterface method that takes options.transaction, each given the transaction
// `o.transaction`, on tables named with the prefix `p`. Returns what the calls returned, as
// rows for the answers table (recorded after the transaction, so the rows compare).
async function work(queryInterface, Sequelize, o, p) {
  const { sequelize } = queryInterface;
  const pg = sequelize.getDialect() === 'postgres';
  const seen = [];
  const note = (question, value) => seen.push({ question: `${p} ${question}`, answer: JSON.stringify(value) });

  await queryInterface.createTable(`${p}_owners`, {
    id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
    name: { type: Sequelize.STRING(40), allowNull: false, unique: true }
  }, o);
  await queryInterface.createTable(`${p}_items`, {
    id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
    ownerId: { type: Sequelize.INTEGER, references: { model: `${p}_owners`, key: 'id' }, onDelete: 'CASCADE' },
    label: { type: Sequelize.STRING(20), allowNull: false },
    qty: { type: Sequelize.INTEGER, allowNull: false, defaultValue: 0 }
  }, o);
  note('tableExists', await queryInterface.tableExists(`${p}_items`, o));

  // The reproduction: a column added, then changed (several ALTERs in one query on postgres).
  await queryInterface.addColumn(`${p}_items`, 'seenAt', { type: Sequelize.DATE }, o);
  await queryInterface.changeColumn(`${p}_items`, 'label', { type: Sequelize.STRING(30), allowNull: true }, o);
  await queryInterface.addColumn(`${p}_items`, 'note', { type: Sequelize.STRING(20) }, o);
  await queryInterface.changeColumn(`${p}_items`, 'note', { type: Sequelize.TEXT, allowNull: true }, o);
  await queryInterface.renameColumn(`${p}_items`, 'note', 'remark', o);
  await queryInterface.addColumn(`${p}_items`, 'scratch', Sequelize.INTEGER, o);
  await queryInterface.removeColumn(`${p}_items`, 'scratch', o);
  note('describeTable', Object.keys(await queryInterface.describeTable(`${p}_items`, o)));

  await queryInterface.addIndex(`${p}_items`, ['label'], { name: `${p}_items_label`, ...o });
  note('showIndex', (await queryInterface.showIndex(`${p}_items`, o)).map((i) => i.name).sort());
  await queryInterface.removeIndex(`${p}_items`, `${p}_items_label`, o);
  await queryInterface.addConstraint(`${p}_items`, {
    fields: ['ownerId', 'label'], type: 'unique', name: `${p}_items_uq`, ...o
  });
  const ck = await queryInterface.showConstraint(`${p}_items`, `${p}_items_uq`, o);
  // PostgreSQL 18 names NOT NULL constraints after the table's OID: left out.
  note('showConstraint', ck.map((c) => c.constraintName).filter((n) => !/^\d+_\d+_\d+_not_null$/.test(n)));
  // Sequelize's sqlite removeConstraint reads the table's CREATE statement without the
  // transaction (from the committed schema), so there a constraint is removed by the next
  // context, after its commit.
  if (pg) await queryInterface.removeConstraint(`${p}_items`, `${p}_items_uq`, o);
  note('getForeignKeyReferencesForTable',
    (await queryInterface.getForeignKeyReferencesForTable(`${p}_items`, o)).map((f) => [f.columnName, f.referencedTableName]));
  note('getForeignKeysForTables', Object.keys(await queryInterface.getForeignKeysForTables([`${p}_items`], o)));

  await queryInterface.bulkInsert(`${p}_owners`, [{ name: 'ann' }, { name: 'bob' }], o);
  await queryInterface.insert(null, `${p}_items`, { ownerId: 1, label: 'a', qty: 1 }, o);
  await queryInterface.bulkInsert(`${p}_items`, [
    { ownerId: 1, label: 'b', qty: 2 },
    { ownerId: 2, label: 'c', qty: 3 },
    { ownerId: 2, label: 'd', qty: 4 }
  ], o);
  await queryInterface.bulkUpdate(`${p}_items`, { qty: 10 }, { label: 'b' }, o);
  await queryInterface.increment(null, `${p}_items`, { label: 'a' }, { qty: 5 }, {}, o);
  await queryInterface.decrement(null, `${p}_items`, { label: 'c' }, { qty: 1 }, {}, o);
  await queryInterface.bulkDelete(`${p}_items`, { label: 'd' }, o);
  const Owner = sequelize.define(`${p}Owner`, {
    id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
    name: { type: Sequelize.STRING(40), unique: true }
  }, { tableName: `${p}_owners`, timestamps: false });
  // The model's unique name is the conflict target: one update, one insert.
  await queryInterface.upsert(`${p}_owners`, { name: 'bob' }, { name: 'bob' }, { name: 'bob' }, { model: Owner, ...o });
  await queryInterface.upsert(`${p}_owners`, { name: 'cy' }, { name: 'cy' }, { name: 'cy' }, { model: Owner, ...o });
  note('select', await queryInterface.select(null, `${p}_items`, {
    attributes: ['label', 'qty'], order: [['id', 'ASC']], ...o
  }));
  note('rawSelect', await queryInterface.rawSelect(`${p}_items`, { where: { label: 'a' }, ...o }, 'qty'));
  const [raw] = await sequelize.query(`SELECT o.name, i.label FROM ${p}_owners o JOIN ${p}_items i ON i."ownerId" = o.id ORDER BY i.id`, o);
  note('query', raw);
  if (pg) {
    // One query of several statements, as node-postgres sends it: the simple protocol.
    const [multi] = await sequelize.query(
      `UPDATE ${p}_items SET qty = qty + 1 WHERE label = 'a'; UPDATE ${p}_items SET qty = qty + 1 WHERE label = 'b';`, o);
    note('multi-statement query rows', multi);
  }
  note('showAllTables', (await queryInterface.showAllTables(o)).filter((t) => String(t).startsWith(p)).sort());
  note('databaseVersion is a version', /^\d+\.\d+/.test(String(await queryInterface.databaseVersion(o))));
  await queryInterface.renameTable(`${p}_owners`, `${p}_people`, o);

  // On sqlite createSchema and showAllSchemas list the tables, and dropSchema runs MySQL's
  // `DROP DATABASE`, which SQLite refuses (without harm to the transaction).
  await queryInterface.createSchema(`${p}_schema`, o);
  note('showAllSchemas', (await queryInterface.showAllSchemas(o)).map(String).filter((s) => s.startsWith(p)).sort());
  try {
    await queryInterface.dropSchema(`${p}_schema`, o);
  } catch (err) {
    note('dropSchema refused', err.message);
  }
  if (pg) {
    await queryInterface.addColumn(`${p}_items`, 'state', { type: Sequelize.ENUM('new', 'done') }, o);
    note('pgListEnums', (await queryInterface.pgListEnums(`${p}_items`, o)).map((e) => e.enum_name));
    await queryInterface.ensureEnums(`${p}_items`, { kind: { type: Sequelize.ENUM('x', 'y') } }, o);
    await queryInterface.removeColumn(`${p}_items`, 'state', o);
    await queryInterface.dropEnum(`enum_${p}_items_state`, o);
    await queryInterface.dropEnum(`enum_${p}_items_kind`, o);
    await queryInterface.createFunction(`${p}_touch`, [], 'trigger', 'plpgsql',
      'NEW.qty = NEW.qty + 100; RETURN NEW;', [], o);
    await queryInterface.renameFunction(`${p}_touch`, [], `${p}_bump`, o);
    await queryInterface.createTrigger(`${p}_items`, `${p}_items_bump`, 'before', ['insert'], `${p}_bump`, [], ['FOR EACH ROW'], o);
    await queryInterface.renameTrigger(`${p}_items`, `${p}_items_bump`, `${p}_items_bumped`, o);
    await queryInterface.bulkInsert(`${p}_items`, [{ ownerId: 1, label: 'e', qty: 1 }], o);
    await queryInterface.dropTrigger(`${p}_items`, `${p}_items_bumped`, o);
    await queryInterface.dropFunction(`${p}_bump`, [], o);
  }
  return seen;
}

async function dropAll(queryInterface, o, p) {
  await queryInterface.dropTable(`${p}_answers`, o);
  await queryInterface.dropTable(`${p}_items`, o);
  await queryInterface.dropTable(`${p}_people`, o);
}

module.exports = {
  async up(queryInterface, Sequelize) {
    const { sequelize } = queryInterface;
    await sequelize.transaction(async (transaction) => {
      const o = { transaction };
      await queryInterface.createTable('m_answers', answersTable(Sequelize), o);
      if (sequelize.getDialect() === 'sqlite') await queryInterface.removeConstraint('u_items', 'u_items_uq', o);
      const seen = await work(queryInterface, Sequelize, o, 'm');
      await sequelize.transaction({ transaction }, async (sp) => {
        await queryInterface.addColumn('m_answers', 'kept', { type: Sequelize.STRING(10) }, { transaction: sp });
        await queryInterface.changeColumn('m_answers', 'kept', { type: Sequelize.STRING(12), allowNull: true }, { transaction: sp });
      });
      try {
        await sequelize.transaction({ transaction }, async (sp) => {
          await queryInterface.addColumn('m_answers', 'dropped', { type: Sequelize.STRING(10) }, { transaction: sp });
          await queryInterface.bulkInsert('m_people', [{ name: 'ghost' }], { transaction: sp });
          throw new Error('back to the savepoint');
        });
      } catch (err) {
        seen.push({ question: 'm savepoint rolled back', answer: err.message });
      }
      seen.push({ question: 'm columns after savepoints', answer: JSON.stringify(Object.keys(await queryInterface.describeTable('m_answers', o))) });
      await queryInterface.bulkInsert('m_answers', seen, o);
    });
  },

  async down(queryInterface) {
    await queryInterface.sequelize.transaction((transaction) => dropAll(queryInterface, { transaction }, 'm'));
  }
};
