// Sequelize's Transaction (sequelize 6.37.8 src/transaction.js): the JS object keeps
// the state Sequelize keeps (finished, savepoints, afterCommit hooks); beginning,
// committing and rolling back are the `tx_begin`/`tx_commit`/`tx_rollback` ops.
(function () {
  'use strict';
  const seqmig = globalThis.__seqmig;
  const define = seqmig.define;
  const callOp = seqmig.callOp;

  // Sequelize's transaction ids and UUIDV4 defaults (70_model.js) are v4 uuids.
  function uuidv4() {
    const hex = [];
    for (let i = 0; i < 16; i++) hex.push(Math.floor(Math.random() * 256));
    hex[6] = (hex[6] & 0x0f) | 0x40;
    hex[8] = (hex[8] & 0x3f) | 0x80;
    const h = hex.map((b) => b.toString(16).padStart(2, '0')).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
  define(seqmig, 'uuidv4', uuidv4);

  class Transaction {
    constructor(sequelize, options) {
      this.sequelize = sequelize;
      this.savepoints = [];
      this._afterCommitHooks = [];
      const seqOptions = (sequelize && sequelize.options) || {};
      this.options = Object.assign({
        type: seqOptions.transactionType,
        isolationLevel: seqOptions.isolationLevel,
        readOnly: false,
      }, options);
      this.parent = this.options.transaction;
      if (this.parent) this.parent.savepoints.push(this);
      this.id = undefined;
      this.name = undefined;
      delete this.options.transaction;
    }

    // Sequelize's prepareEnvironment: start the transaction (or savepoint); a managed
    // one becomes the CLS namespace's 'transaction' (Sequelize.useCLS).
    async prepareEnvironment(useCLS = true) {
      const opts = {};
      if (this.options.isolationLevel) opts.isolationLevel = this.options.isolationLevel;
      if (this.options.type) opts.type = this.options.type;
      if (this.options.readOnly) opts.readOnly = true;
      if (this.options.deferrable) opts.deferrable = seqmig.deferrableToJSON(this.options.deferrable);
      if (this.parent) opts.parent = this.parent.id;
      const args = { options: opts };
      // Sequelize's transaction id, a v4 uuid: its statements are logged under it and its
      // savepoints named after it (a savepoint shares its parent's).
      if (!this.parent) args.label = uuidv4();
      const result = callOp('tx_begin', args, this._on());
      this.id = result && result.id !== undefined ? result.id : result;
      this.name = this.parent ? `${this.parent.id}-sp-${this.parent.savepoints.length}` : this.id;
      this.connection = { uuid: this.id };
      const cls = this.sequelize && this.sequelize.constructor && this.sequelize.constructor._cls;
      if (useCLS && cls) cls.set('transaction', this);
    }

    // Sequelize's cleanup: the namespace forgets a finished transaction.
    _clearCls() {
      const cls = this.sequelize && this.sequelize.constructor && this.sequelize.constructor._cls;
      if (cls && !this.parent && cls.get('transaction') === this) cls.set('transaction', null);
    }

    async commit() {
      if (this.finished) {
        throw new Error(`Transaction cannot be committed because it has been finished with state: ${this.finished}`);
      }
      try {
        callOp('tx_commit', { id: this.id }, this._on());
        this._clearCls();
      } finally {
        this.finished = 'commit';
        for (const hook of this._afterCommitHooks) {
          await hook.apply(this, [this]);
        }
      }
    }

    async rollback() {
      if (this.finished) {
        throw new Error(`Transaction cannot be rolled back because it has been finished with state: ${this.finished}`);
      }
      if (!this.connection) {
        throw new Error('Transaction cannot be rolled back because it never started');
      }
      try {
        callOp('tx_rollback', { id: this.id }, this._on());
        this._clearCls();
      } finally {
        this.finished = 'rollback';
      }
    }

    // The ops of a transaction go to its instance's connection.
    _on() {
      // Sequelize runs BEGIN/COMMIT with the transaction's options, `logging` included.
      const via = { sequelize: this.sequelize };
      if (this.options.logging !== undefined) via.logging = this.options.logging;
      return via;
    }

    afterCommit(fn) {
      if (!fn || typeof fn !== 'function') throw new Error('"fn" must be a function');
      this._afterCommitHooks.push(fn);
    }

    static get TYPES() {
      return { DEFERRED: 'DEFERRED', IMMEDIATE: 'IMMEDIATE', EXCLUSIVE: 'EXCLUSIVE' };
    }

    static get ISOLATION_LEVELS() {
      return {
        READ_UNCOMMITTED: 'READ UNCOMMITTED',
        READ_COMMITTED: 'READ COMMITTED',
        REPEATABLE_READ: 'REPEATABLE READ',
        SERIALIZABLE: 'SERIALIZABLE',
      };
    }

    static get LOCK() {
      return { UPDATE: 'UPDATE', SHARE: 'SHARE', KEY_SHARE: 'KEY SHARE', NO_KEY_UPDATE: 'NO KEY UPDATE' };
    }

    get LOCK() {
      return Transaction.LOCK;
    }
  }

  // sequelize.transaction(options?, autoCallback?): unmanaged without a callback;
  // managed with one (commit on resolve, rollback on reject), inside the CLS namespace
  // when Sequelize.useCLS gave one.
  async function transaction(sequelize, options, autoCallback) {
    if (typeof options === 'function') {
      autoCallback = options;
      options = undefined;
    }
    const t = new Transaction(sequelize, options);
    if (!autoCallback) {
      await t.prepareEnvironment(false);
      return t;
    }
    const Sequelize = sequelize && sequelize.constructor;
    const managed = async () => {
      await t.prepareEnvironment(true);
      let result;
      try {
        result = await autoCallback(t);
      } catch (err) {
        try {
          await t.rollback();
        } catch (ignore) {
          // Sequelize reports the callback's error, not the rollback's.
        }
        throw err;
      }
      await t.commit();
      return result;
    };
    return Sequelize && typeof Sequelize._clsRun === 'function' ? Sequelize._clsRun(managed) : managed();
  }

  define(seqmig, 'Transaction', Transaction);
  define(seqmig, 'transaction', transaction);
})();
