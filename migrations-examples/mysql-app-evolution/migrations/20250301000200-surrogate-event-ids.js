'use strict';

// Swapping a composite primary key for a surrogate AUTO_INCREMENT id on a table that holds
// rows, the way application folders do it: guards that read information_schema (named
// replacements, DATABASE()), describeTable and showIndex; a content hash from node:crypto
// written row by row; duplicates deleted; raw DROP PRIMARY KEY / MODIFY ... AUTO_INCREMENT;
// a composite foreign key dropped and added again around it.
const { createHash } = require('node:crypto');

async function hasConstraint(queryInterface, table, name) {
  const [rows] = await queryInterface.sequelize.query(
    `SELECT 1 FROM information_schema.TABLE_CONSTRAINTS
     WHERE CONSTRAINT_SCHEMA = DATABASE() AND TABLE_NAME = :table AND CONSTRAINT_NAME = :name
     LIMIT 1`,
    { replacements: { table, name } }
  );
  return rows.length > 0;
}

async function hasPrimaryKey(queryInterface, table) {
  const [rows] = await queryInterface.sequelize.query(
    `SELECT 1 FROM information_schema.TABLE_CONSTRAINTS
     WHERE CONSTRAINT_SCHEMA = DATABASE() AND TABLE_NAME = :table
       AND CONSTRAINT_TYPE = 'PRIMARY KEY'`,
    { replacements: { table } }
  );
  return rows.length > 0;
}

async function hasColumn(queryInterface, table, column) {
  const description = await queryInterface.describeTable(table);
  return Object.prototype.hasOwnProperty.call(description, column);
}

async function hasIndex(queryInterface, table, name) {
  const indexes = await queryInterface.showIndex(table);
  return indexes.some(index => index.name === name);
}

const digest = row =>
  createHash('sha256')
    .update([row.severity ?? '', String(row.code ?? 0), row.message ?? ''].join('|'))
    .digest('hex');

module.exports = {
  async up(queryInterface, Sequelize) {
    if (!(await hasColumn(queryInterface, 'events', 'id'))) {
      await queryInterface.addColumn('events', 'id', {
        type: Sequelize.BIGINT.UNSIGNED,
        allowNull: true,
      });
    }
    await queryInterface.addColumn('events', 'digest', {
      type: Sequelize.STRING(64),
      allowNull: true,
    });

    const [rows] = await queryInterface.sequelize.query(
      `SELECT accountId, sessionSeq, eventNo, severity, code, message, at FROM events
       ORDER BY accountId ASC, sessionSeq ASC, at ASC, eventNo ASC`
    );
    const seen = new Set();
    for (const row of rows) {
      const d = digest(row);
      const key = `${row.accountId}|${row.sessionSeq}|${d}`;
      if (seen.has(key)) {
        await queryInterface.sequelize.query(
          'DELETE FROM events WHERE accountId = :accountId AND sessionSeq = :sessionSeq AND eventNo = :eventNo',
          { replacements: row }
        );
        continue;
      }
      seen.add(key);
      await queryInterface.sequelize.query(
        `UPDATE events SET digest = :d, id = :id
         WHERE accountId = :accountId AND sessionSeq = :sessionSeq AND eventNo = :eventNo`,
        { replacements: { ...row, d, id: seen.size } }
      );
    }

    if (await hasConstraint(queryInterface, 'events', 'events_session_fk')) {
      await queryInterface.removeConstraint('events', 'events_session_fk');
    }
    if (await hasPrimaryKey(queryInterface, 'events')) {
      await queryInterface.sequelize.query('ALTER TABLE events DROP PRIMARY KEY');
    }
    await queryInterface.sequelize.query(
      'ALTER TABLE events MODIFY id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT, ADD PRIMARY KEY (id)'
    );
    await queryInterface.removeColumn('events', 'eventNo');
    if (!(await hasIndex(queryInterface, 'events', 'events_session_digest_unique'))) {
      await queryInterface.addIndex('events', ['accountId', 'sessionSeq', 'digest'], {
        unique: true,
        name: 'events_session_digest_unique',
      });
    }
    await queryInterface.addConstraint('events', {
      fields: ['accountId', 'sessionSeq'],
      type: 'foreign key',
      name: 'events_session_fk',
      references: { table: 'sessions', fields: ['accountId', 'seq'] },
      onUpdate: 'CASCADE',
      onDelete: 'CASCADE',
    });
    await queryInterface.bulkInsert('events', [
      {
        accountId: '7c1d9e2f-3b4a-4e5d-8f6a-1b2c3d4e5f60',
        sessionSeq: 1,
        severity: 'Info',
        code: 7,
        message: 'after the swap',
        at: new Date(Date.UTC(2025, 2, 2, 0, 0, 0)),
        digest: 'x',
        weight: 3,
      },
    ]);
  },

  async down(queryInterface, Sequelize) {
    await queryInterface.removeConstraint('events', 'events_session_fk');
    await queryInterface.removeIndex('events', 'events_session_digest_unique');
    await queryInterface.addColumn('events', 'eventNo', {
      type: Sequelize.INTEGER,
      allowNull: true,
    });
    const [rows] = await queryInterface.sequelize.query(
      'SELECT id, accountId, sessionSeq FROM events ORDER BY accountId ASC, sessionSeq ASC, id ASC'
    );
    let last = null;
    let next = 0;
    for (const row of rows) {
      const group = `${row.accountId}|${row.sessionSeq}`;
      next = group === last ? next + 1 : 0;
      last = group;
      await queryInterface.sequelize.query('UPDATE events SET eventNo = ? WHERE id = ?', {
        replacements: [next, row.id],
      });
    }
    await queryInterface.sequelize.query('ALTER TABLE events MODIFY id BIGINT UNSIGNED NOT NULL');
    await queryInterface.sequelize.query(
      'ALTER TABLE events DROP PRIMARY KEY, ADD PRIMARY KEY (accountId, sessionSeq, eventNo)'
    );
    await queryInterface.removeColumn('events', 'id');
    await queryInterface.removeColumn('events', 'digest');
    await queryInterface.addConstraint('events', {
      fields: ['accountId', 'sessionSeq'],
      type: 'foreign key',
      name: 'events_session_fk',
      references: { table: 'sessions', fields: ['accountId', 'seq'] },
      onUpdate: 'CASCADE',
      onDelete: 'CASCADE',
    });
  },
};
