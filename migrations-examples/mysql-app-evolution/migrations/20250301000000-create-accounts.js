'use strict';

// Tables as application folders on MySQL write them: UUID keys, an ENUM, server-side
// timestamps (including ON UPDATE), a composite primary key and a composite foreign key
// added by name, and seed rows.
const ALICE = '0b6f2c1e-8a5d-4c43-9f1e-2a7d9c3b5e01';
const BOB = '7c1d9e2f-3b4a-4e5d-8f6a-1b2c3d4e5f60';

module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('accounts', {
      id: { type: Sequelize.UUID, primaryKey: true, defaultValue: Sequelize.UUIDV4 },
      name: { type: Sequelize.STRING(60), allowNull: false },
      kind: { type: Sequelize.ENUM('free', 'paid'), allowNull: false, defaultValue: 'free' },
      balance: { type: Sequelize.DOUBLE },
      createdAt: {
        type: Sequelize.DATE,
        allowNull: false,
        defaultValue: queryInterface.sequelize.literal('CURRENT_TIMESTAMP'),
      },
      updatedAt: {
        type: Sequelize.DATE,
        allowNull: false,
        defaultValue: queryInterface.sequelize.literal(
          'CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP'
        ),
      },
    });
    await queryInterface.createTable('sessions', {
      accountId: {
        type: Sequelize.UUID,
        primaryKey: true,
        references: { model: 'accounts', key: 'id' },
        onUpdate: 'CASCADE',
        onDelete: 'CASCADE',
      },
      seq: { type: Sequelize.INTEGER, primaryKey: true },
      note: { type: Sequelize.STRING(40) },
      startedAt: { type: Sequelize.DATE, allowNull: false },
    });
    await queryInterface.createTable('events', {
      accountId: { type: Sequelize.UUID, primaryKey: true },
      sessionSeq: { type: Sequelize.INTEGER, primaryKey: true },
      eventNo: { type: Sequelize.INTEGER, primaryKey: true },
      severity: { type: Sequelize.STRING(20) },
      code: { type: Sequelize.INTEGER },
      message: { type: Sequelize.STRING(200) },
      at: { type: Sequelize.DATE, allowNull: false },
    });
    await queryInterface.addConstraint('events', {
      fields: ['accountId', 'sessionSeq'],
      type: 'foreign key',
      name: 'events_session_fk',
      references: { table: 'sessions', fields: ['accountId', 'seq'] },
      onUpdate: 'CASCADE',
      onDelete: 'CASCADE',
    });
    await queryInterface.addIndex('events', ['accountId', 'sessionSeq'], {
      name: 'events_session_idx',
    });

    const at = new Date(Date.UTC(2025, 2, 1, 8, 30, 0));
    await queryInterface.bulkInsert('accounts', [
      { id: ALICE, name: 'Alice', kind: 'paid', balance: 12.5, createdAt: at, updatedAt: at },
      { id: BOB, name: "Bob O'Neil", kind: 'free', balance: 0.1, createdAt: at, updatedAt: at },
    ]);
    await queryInterface.bulkInsert('sessions', [
      { accountId: ALICE, seq: 1, note: 'first', startedAt: at },
      { accountId: ALICE, seq: 2, note: null, startedAt: at },
      { accountId: BOB, seq: 1, note: 'café', startedAt: at },
    ]);
    const ev = (accountId, sessionSeq, eventNo, severity, code, message, minute) => ({
      accountId, sessionSeq, eventNo, severity, code, message,
      at: new Date(Date.UTC(2025, 2, 1, 9, minute, 0)),
    });
    await queryInterface.bulkInsert('events', [
      ev(ALICE, 1, 0, 'Error', 1001, "syntax error near 'x'", 1),
      ev(ALICE, 1, 1, 'Error', 1001, "syntax error near 'x'", 2),
      ev(ALICE, 1, 2, 'Warning', null, null, 3),
      ev(ALICE, 2, 0, 'Error', 1001, "syntax error near 'x'", 4),
      ev(BOB, 1, 5, 'Info', 0, '', 0),
      ev(BOB, 1, 6, 'Info', 0, '', 5),
    ]);
  },

  async down(queryInterface) {
    await queryInterface.dropTable('events');
    await queryInterface.dropTable('sessions');
    await queryInterface.dropTable('accounts');
  },
};
