// The `Sequelize` class (sequelize 6.37.8 src/sequelize.js): what `up` receives as its
// second argument and what `require('sequelize')` returns, with the DataTypes, Op,
// helpers and error classes hanging off it, and instances whose `query()` and
// `transaction()` are ops. An instance whose config names the database being migrated
// shares the run's connection; any other gets a connection of its own (`connection_open`),
// whose id travels with each of its ops. Models hang off instances (70_model*.js).
(function () {
  'use strict';
  const seqmig = globalThis.__seqmig;
  const define = seqmig.define;
  const callOp = seqmig.callOp;
  const DataTypes = seqmig.DataTypes;
  const errors = seqmig.errors;
  const helpers = seqmig.sqlHelpers;

  const QueryTypes = {
    SELECT: 'SELECT', INSERT: 'INSERT', UPDATE: 'UPDATE', BULKUPDATE: 'BULKUPDATE',
    BULKDELETE: 'BULKDELETE', DELETE: 'DELETE', UPSERT: 'UPSERT', VERSION: 'VERSION',
    SHOWTABLES: 'SHOWTABLES', SHOWINDEXES: 'SHOWINDEXES', DESCRIBE: 'DESCRIBE', RAW: 'RAW',
    FOREIGNKEYS: 'FOREIGNKEYS', SHOWCONSTRAINTS: 'SHOWCONSTRAINTS',
  };

  const SUPPORTED_DIALECTS = ['postgres', 'sqlite', 'mysql', 'mariadb'];

  // A connection URL as Sequelize reads it: dialect://user:pass@host:port/database?query.
  function parseUrl(text, options) {
    const m = /^([a-z0-9+.-]+):(?:\/\/)?(?:([^:@/]*)(?::([^@/]*))?@)?([^:/?#]*)(?::(\d+))?(\/[^?#]*)?(?:\?([^#]*))?/i.exec(text);
    // Never the password: everything between the scheme and the last `@` but the user is masked.
    if (!m) throw new TypeError(`Invalid URL: ${String(text).replace(/^([^:]*:\/\/[^:@/]*):[^@]*@/, '$1:*****@')}`);
    const config = {};
    options.dialect = m[1];
    options.host = decodeURIComponent(m[4] || '');
    if (m[6]) {
      const pathname = decodeURIComponent(m[6]);
      if (options.dialect === 'sqlite' && !pathname.startsWith('/:memory')) {
        options.storage = options.storage || `${options.host}${pathname}`;
      }
      config.database = pathname.replace(/^\//, '');
    }
    if (m[5]) options.port = m[5];
    if (m[2] !== undefined) {
      config.username = decodeURIComponent(m[2]);
      if (m[3] !== undefined) config.password = decodeURIComponent(m[3]);
    }
    if (m[7]) {
      const query = {};
      for (const pair of m[7].split('&')) {
        if (!pair) continue;
        const [k, v = ''] = pair.split('=');
        query[decodeURIComponent(k)] = decodeURIComponent(v.replace(/\+/g, ' '));
      }
      if (query.host) options.host = query.host;
      options.dialectOptions = Object.assign(options.dialectOptions || {}, query);
    }
    return config;
  }

  const defaultLogging = (...args) => {
    if (globalThis.console && typeof globalThis.console.log === 'function') globalThis.console.log(...args);
  };

  class Sequelize {
    constructor(database, username, password, options) {
      // The config object a user's models/index.js required is the one sequelize-cli changed.
      if (!building && typeof seqmig.applyCliConfig === 'function') seqmig.applyCliConfig();
      let config;
      if (arguments.length === 1 && database !== null && typeof database === 'object') {
        options = database;
        config = {};
        for (const key of ['host', 'port', 'database', 'username', 'password']) {
          if (options[key] !== undefined) config[key] = options[key];
        }
      } else if ((arguments.length === 1 && typeof database === 'string') ||
          (arguments.length === 2 && typeof username === 'object')) {
        options = username || {};
        config = parseUrl(database, options);
      } else {
        options = options || {};
        config = { database, username, password };
      }
      this.options = Object.assign({
        dialect: null, dialectModule: null, dialectModulePath: null, host: 'localhost',
        protocol: 'tcp', define: {}, query: {}, sync: {}, timezone: '+00:00',
        standardConformingStrings: true, logging: defaultLogging, omitNull: false, native: false,
        replication: false, ssl: undefined, pool: {}, quoteIdentifiers: true, hooks: {},
        retry: { max: 5, match: ['SQLITE_BUSY: database is locked'] },
        transactionType: 'DEFERRED', isolationLevel: null, databaseVersion: 0,
        typeValidation: false, benchmark: false, minifyAliases: false, logQueryParameters: false,
        attributeBehavior: 'throw',
      }, options);
      if (!this.options.dialect) throw new Error('Dialect needs to be explicitly supplied as of v4.0.0');
      if (this.options.dialect === 'postgresql') this.options.dialect = 'postgres';
      if (!SUPPORTED_DIALECTS.includes(this.options.dialect)) {
        throw new Error(`The dialect ${this.options.dialect} is not supported by seqmig. Supported dialects: mariadb, mysql, postgres and sqlite.`);
      }
      if (this.options.logging === true) this.options.logging = defaultLogging;
      this.config = {
        database: config.database || this.options.database,
        username: config.username || this.options.username,
        password: config.password || this.options.password || null,
        host: config.host || this.options.host,
        port: config.port || this.options.port,
        pool: this.options.pool,
        protocol: this.options.protocol,
        native: this.options.native,
        ssl: this.options.ssl,
        replication: this.options.replication,
        dialectModule: this.options.dialectModule,
        dialectModulePath: this.options.dialectModulePath,
        keepDefaultTimezone: this.options.keepDefaultTimezone,
        dialectOptions: this.options.dialectOptions,
      };
      this.dialect = { name: this.options.dialect };
      this.models = {};
      this.modelManager = { models: [], addModel(m) { this.models.push(m); }, getModel: (name) => this.models[name] };
      const QI = this.options.dialect === 'postgres' ? seqmig.PostgresQueryInterface : seqmig.QueryInterface;
      const qi = new QI(this);
      define(this, '_seqmigConnection', building ? 0 : openConnection(this));
      // A user's instance logs as its own `logging` says; the run's follows the run.
      define(this, '_seqmigLogging', building ? undefined : !!this.options.logging && this.options.logging !== seqmig.cliLogMigrator);
      this.queryInterface = building ? qi : onInstance(qi, this);
    }

    getDialect() {
      return this.options.dialect;
    }

    getDatabaseName() {
      return this.config.database;
    }

    getQueryInterface() {
      return this.queryInterface;
    }

    define(modelName, attributes, options) {
      const Model = seqmig.Model;
      const model = class extends Model {};
      Object.defineProperty(model, 'name', { value: modelName });
      model.init(attributes, Object.assign({}, options, { modelName, sequelize: this }));
      return model;
    }

    model(modelName) {
      if (!this.isDefined(modelName)) throw new Error(`${modelName} has not been defined`);
      return this.models[modelName];
    }

    isDefined(modelName) {
      return Object.prototype.hasOwnProperty.call(this.models, modelName);
    }

    async query(sql, options) {
      options = Object.assign({}, this.options.query, options);
      const model = options.model;
      const wantRaw = options.raw === true;
      if (options.instance) throw seqmig.modelUnsupported('sequelize.query with an instance');
      if (model && !options.type) options.type = QueryTypes.SELECT;
      options.raw = true;
      if (!options.type) options.type = options.nest || options.plain ? QueryTypes.SELECT : QueryTypes.RAW;
      if (sql instanceof seqmig.Utils.Literal) {
        sql = String(sql.val);
      } else if (sql !== null && typeof sql === 'object') {
        if (sql.values !== undefined) {
          if (options.replacements !== undefined) {
            throw new Error('Both `sql.values` and `options.replacements` cannot be set at the same time');
          }
          options.replacements = sql.values;
        }
        if (sql.bind !== undefined) {
          if (options.bind !== undefined) {
            throw new Error('Both `sql.bind` and `options.bind` cannot be set at the same time');
          }
          options.bind = sql.bind;
        }
        if (sql.query !== undefined) sql = sql.query;
      }
      sql = sql.trim();
      if (options.replacements && options.bind) {
        throw new Error('Both `replacements` and `bind` cannot be set at the same time');
      }
      const opts = { type: String(options.type), raw: true };
      for (const key of ['plain', 'nest']) {
        if (options[key] !== undefined) opts[key] = !!options[key];
      }
      if (options.replacements) opts.replacements = paramsToJSON(options.replacements);
      if (options.bind) opts.bind = paramsToJSON(options.bind);
      const via = { connection: this._seqmigConnection };
      if (options.logging === undefined && this._seqmigLogging !== undefined) via.logging = this._seqmigLogging;
      const result = callOp('query', { sql, options: opts }, Object.assign(via, options));
      if (model && opts.type === QueryTypes.SELECT && Array.isArray(result)) {
        const rows = result.map((r) => seqmig.modelQuery.parseRow(model, r));
        return wantRaw ? rows : rows.map((r) => seqmig.modelQuery.instanceFromRow(model, r));
      }
      return result;
    }

    async transaction(options, autoCallback) {
      return seqmig.transaction(this, options, autoCallback);
    }

    escape(value) {
      return this.queryInterface.escape(value);
    }

    // The run's connection is already open and checked; another one opens here.
    async authenticate(options) {
      if (this._seqmigConnection) await this.query('SELECT 1+1 AS result', Object.assign({ raw: true, plain: true }, options));
    }

    async validate(options) {
      return this.authenticate(options);
    }

    async close() {
      if (this._seqmigConnection) {
        callOp('connection_close', { id: this._seqmigConnection });
        this._seqmigConnection = null;
      }
    }

    async sync() {
      throw seqmig.modelUnsupported('sequelize.sync');
    }

    isDefinedModel(name) {
      return this.isDefined(name);
    }

    // Drops every defined model's table: dependents first, then (sqlite, with foreign
    // keys off) all of them again; on postgres after removing their foreign keys.
    async drop(options) {
      const qi = this.getQueryInterface();
      const models = this.modelManager.models.slice();
      const dropModel = (m) => qi.dropTable(m.getTableName(options), options);
      if (options && options.cascade) for (const m of models) await dropModel(m);
      const sorted = topoSortedByForeignKey(models);
      if (sorted) for (const m of sorted) await dropModel(m);
      if (this.getDialect() === 'sqlite') {
        try {
          await this.query('PRAGMA foreign_keys = OFF', options);
          for (const m of models) await dropModel(m);
        } finally {
          await this.query('PRAGMA foreign_keys = ON', options);
        }
        return;
      }
      for (const m of models) {
        const tableName = m.getTableName();
        const fks = await qi.getForeignKeyReferencesForTable(tableName, options);
        await Promise.all(fks.map((fk) => qi.removeConstraint(tableName, fk.constraintName, options)));
      }
      for (const m of models) await dropModel(m);
    }

    async createSchema(schema, options) {
      return this.getQueryInterface().createSchema(schema, options);
    }

    async showAllSchemas(options) {
      return this.getQueryInterface().showAllSchemas(options);
    }

    async dropSchema(schema, options) {
      return this.getQueryInterface().dropSchema(schema, options);
    }

    async dropAllSchemas(options) {
      return this.getQueryInterface().dropAllSchemas(options);
    }

    async databaseVersion(options) {
      return this.getQueryInterface().databaseVersion(options);
    }

    random() {
      return this.fn('RANDOM');
    }

    // Sequelize.useCLS(namespace): a managed transaction sets 'transaction' in the
    // namespace, and every query without a `transaction` option joins it (callOp).
    static useCLS(ns) {
      if (!ns || typeof ns !== 'object' || typeof ns.bind !== 'function' || typeof ns.run !== 'function') {
        throw new Error('Must provide CLS namespace');
      }
      Sequelize._cls = ns;
      return this;
    }

    static _clsRun(fn) {
      const ns = Sequelize._cls;
      if (!ns) return fn();
      let res;
      ns.run((context) => (res = fn(context)));
      return res;
    }
  }

  // modelManager.getModelsTopoSortedByForeignKey with toposort-class's order: each model
  // before the tables it references; null on a cycle.
  function topoSortedByForeignKey(models) {
    const byName = new Map();
    const edges = [];
    const nameOf = (t) => (t && typeof t === 'object' ? `${t.schema}.${t.tableName}` : t);
    for (const m of models) {
      const tableName = nameOf(m.getTableName());
      byName.set(tableName, m);
      const deps = [];
      for (const attr of Object.values(m.rawAttributes || {})) {
        if (attr.references) deps.push(nameOf(attr.references.model));
      }
      const own = deps.filter((d) => d !== tableName);
      if (own.length) for (const d of own) edges.push([tableName, d]);
      else edges.push([tableName]);
    }
    const nodes = [];
    for (const e of edges) for (const n of e) if (n && !nodes.includes(n)) nodes.push(n);
    const sorted = new Array(nodes.length);
    let place = nodes.length;
    const visit = (node, predecessors) => {
      if (predecessors.includes(node)) throw new Error('cycle');
      const i = nodes.indexOf(node);
      if (i === -1) return;
      nodes[i] = false;
      const chain = predecessors.concat([node]);
      for (const e of edges) if (e[0] === node && e.length > 1) visit(e[1], chain);
      sorted[--place] = node;
    };
    try {
      for (let i = 0; i < nodes.length; i++) if (nodes[i] !== false) visit(nodes[i], []);
    } catch (e) {
      return null;
    }
    return sorted.map((n) => byName.get(n)).filter(Boolean);
  }

  // Replacements and bind parameters: an array (positional) or an object (named).
  function paramsToJSON(params) {
    if (Array.isArray(params)) return params.map(seqmig.toSqlValue);
    if (params !== null && typeof params === 'object') {
      const out = {};
      for (const key of Object.keys(params)) out[key] = seqmig.toSqlValue(params[key]);
      return out;
    }
    return params;
  }

  for (const name of Object.keys(helpers)) {
    Sequelize[name] = helpers[name];
    Sequelize.prototype[name] = helpers[name];
  }

  // The instance the runner builds for the run uses the run's connection as is.
  let building = false;

  // The connection of a user's `new Sequelize(...)`: 0 (the run's) when its config names
  // the database being migrated, else the id of one of its own.
  function openConnection(instance) {
    const native = globalThis.__seqmig_native;
    const ctx = (native && typeof native.context === 'function' && native.context()) || {};
    const o = instance.options;
    const c = instance.config;
    const options = { dialect: o.dialect };
    for (const key of ['storage', 'host', 'dialectOptions']) if (o[key] !== undefined) options[key] = o[key];
    if (o.dialect === 'postgres' || o.storage === undefined) {
      for (const key of ['host', 'port', 'database', 'username', 'password']) {
        if (c[key] !== undefined && c[key] !== null) options[key] = c[key];
      }
    }
    const run = Object.assign({}, ctx.options || {});
    if (ctx.dialect) run.dialect = ctx.dialect;
    const cwd = globalThis.process && typeof globalThis.process.cwd === 'function' ? globalThis.process.cwd() : '.';
    const args = { options: JSON.parse(JSON.stringify(options)), run: JSON.parse(JSON.stringify(run)), cwd };
    if (typeof ctx.scratchOf === 'string') args.scratchOf = ctx.scratchOf;
    const out = callOp('connection_open', args);
    return (out && out.id) || 0;
  }

  // A queryInterface whose ops go to the instance's connection, logged as the instance
  // says: its methods call the op synchronously, so the instance is set only for the call.
  function onInstance(qi, instance) {
    return new Proxy(qi, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver);
        if (typeof value !== 'function' || key === 'constructor') return value;
        return function (...args) {
          const saved = seqmig.activeInstance;
          seqmig.activeInstance = instance;
          try {
            return value.apply(this === receiver ? target : this, args);
          } finally {
            seqmig.activeInstance = saved;
          }
        };
      },
    });
  }
  seqmig.activeInstance = undefined;

  const TableHints = {
    NOLOCK: 'NOLOCK', READUNCOMMITTED: 'READUNCOMMITTED', UPDLOCK: 'UPDLOCK',
    REPEATABLEREAD: 'REPEATABLEREAD', SERIALIZABLE: 'SERIALIZABLE', READCOMMITTED: 'READCOMMITTED',
    TABLOCK: 'TABLOCK', TABLOCKX: 'TABLOCKX', PAGLOCK: 'PAGLOCK', ROWLOCK: 'ROWLOCK',
    NOWAIT: 'NOWAIT', READPAST: 'READPAST', XLOCK: 'XLOCK', SNAPSHOT: 'SNAPSHOT',
    NOEXPAND: 'NOEXPAND',
  };
  const IndexHints = { USE: 'USE', FORCE: 'FORCE', IGNORE: 'IGNORE' };

  Object.defineProperty(Sequelize, 'version', { enumerable: true, get: () => '6.37.8' });
  Sequelize.options = { hooks: {} };
  Sequelize.Utils = seqmig.Utils;
  Sequelize.Op = seqmig.Op;
  Sequelize.TableHints = TableHints;
  Sequelize.IndexHints = IndexHints;
  Sequelize.Transaction = seqmig.Transaction;
  Sequelize.prototype.Sequelize = Sequelize;
  Sequelize.prototype.QueryTypes = Sequelize.QueryTypes = QueryTypes;
  Sequelize.QueryInterface = seqmig.QueryInterface;
  Sequelize.DataTypes = DataTypes;
  for (const name of Object.keys(DataTypes)) Sequelize[name] = DataTypes[name];
  Sequelize.Deferrable = seqmig.Deferrable;
  Sequelize.Error = errors.BaseError;
  for (const name of Object.keys(errors)) Sequelize[name] = errors[name];
  Sequelize.Sequelize = Sequelize;
  Sequelize.default = Sequelize;
  // Sequelize.Model and the model helpers load the model shims on first use (04_host_lazy.js).
  for (const name of ['Association', 'BelongsTo', 'HasOne', 'HasMany', 'BelongsToMany']) {
    seqmig.lazyModel(Sequelize, name, true);
  }
  seqmig.lazyModel(Sequelize, 'Model', true);
  for (const name of ['Model', 'callSite', 'modelUnsupported', 'applyCliConfig', 'cliLogMigrator',
    'inflection', 'modelHelpers', 'modelQuery', 'modelInternals', 'associations', 'modelUtils', 'modelInclude',
    'modelValidation', 'associationParts', 'modelIncludeOptions', 'modelSelect']) {
    seqmig.lazyModel(seqmig, name, false);
  }

  define(seqmig, 'Sequelize', Sequelize);
  define(seqmig, 'QueryTypes', QueryTypes);

  // The instance bound to the run: built from `__seqmig_native.context()` when first
  // needed (the config is read after start-up) and rebuilt when the context changes.
  // The context only changes through `set_context`, which bumps its version: while the
  // version is the same the instance is, without converting and comparing the context.
  let current = null;
  let currentKey = null;
  let currentVersion = null;
  function getSequelize() {
    const native = globalThis.__seqmig_native;
    const version = native && typeof native.contextVersion === 'function' ? native.contextVersion() : null;
    if (current && version !== null && version === currentVersion) return current;
    const ctx = (native && typeof native.context === 'function' && native.context()) || {};
    const key = JSON.stringify(ctx);
    currentVersion = version;
    if (current && key === currentKey) return current;
    const config = ctx.config && typeof ctx.config === 'object' ? ctx.config : {};
    const options = Object.assign({}, config, ctx.options && typeof ctx.options === 'object' ? ctx.options : {});
    options.dialect = ctx.dialect || options.dialect;
    building = true;
    let instance;
    try {
      instance = new Sequelize(config.database, config.username, config.password, options);
    } finally {
      building = false;
    }
    current = instance;
    currentKey = key;
    return instance;
  }
  define(seqmig, 'getSequelize', getSequelize);
})();
