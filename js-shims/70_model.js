// Sequelize's Model (sequelize 6.37.8 src/model.js), the part that needs no database:
// `init`/`define` (attributes, the auto `id`, timestamps, paranoid, underscored, the
// table name), instances (dataValues, getters/setters, changed, toJSON) and the
// association calls of `associate()`, which only record metadata. The statics that run
// SQL are in 71_model_query.js. Anything else of the model API throws one clear line.
(function () {
  'use strict';
  const seqmig = globalThis.__seqmig;
  const define = seqmig.define;
  const DataTypes = seqmig.DataTypes;
  const errors = seqmig.errors;
  const Utils = seqmig.Utils;

  // The first stack frame outside the shims, as `(file:line)` for messages.
  function callSite() {
    const saved = Error.stackTraceLimit;
    Error.stackTraceLimit = 64;
    let stack;
    try {
      stack = String(new Error().stack || '');
    } finally {
      Error.stackTraceLimit = saved;
    }
    const frame = typeof seqmig.userFrame === 'function' ? seqmig.userFrame(stack) : null;
    if (frame) return ` (${frame.file}:${frame.line})`;
    for (const line of stack.split('\n').slice(1)) {
      if (/\d\d_[a-z_]+\.js|__seqmig|<anonymous>|native/.test(line)) continue;
      const m = /\(?([^()\s]+:\d+):\d+\)?\s*$/.exec(line);
      if (m) return ` (${m[1]})`;
    }
    return '';
  }
  seqmig.setLazy(seqmig, 'callSite', callSite);

  // A finder's entry keeps its caller's site (seqmig.modelSite) for the errors it finds
  // after an await, where the stack no longer reaches the migration.
  function unsupported(what) {
    return new Error(`${what} is not supported by seqmig${callSite() || seqmig.modelSite || ''}`);
  }
  seqmig.setLazy(seqmig, 'modelUnsupported', unsupported);

  // sequelize-cli require()s the config and changes the object in place (config-helper's
  // readConfig, the migrator's `_.defaults(config, { logging: logMigrator })`): a truthy
  // non-function `logging` becomes console.log, a missing one its logMigrator, which drops
  // the `Executing ...` lines. A models/index.js that requires the same file gets that
  // object, so its instance is as quiet as the migrator's. Done once, before the first
  // user instance reads its options.
  function logMigrator(s) {
    if (String(s).indexOf('Executing') !== 0) globalThis.console.log(s);
  }
  let cliConfigDone = null;
  function applyCliConfig() {
    const native = globalThis.__seqmig_native;
    const ctx = (native && typeof native.context === 'function' && native.context()) || {};
    const file = ctx.configFile;
    if (typeof file !== 'string' || cliConfigDone === file) return;
    cliConfigDone = file;
    let exported;
    try {
      exported = seqmig.Module.createRequire(file)(file);
    } catch (e) {
      return;
    }
    if (!exported || typeof exported !== 'object' || typeof exported.then === 'function') return;
    const env = ctx.env || 'development';
    const section = exported[env] && typeof exported[env] === 'object' ? exported[env] : exported;
    if (section.logging && typeof section.logging !== 'function') {
      section.logging = (...args) => globalThis.console.log(...args);
    }
    if (section.logging === undefined) section.logging = logMigrator;
  }
  seqmig.setLazy(seqmig, 'applyCliConfig', applyCliConfig);
  seqmig.setLazy(seqmig, 'cliLogMigrator', logMigrator);

  // inflection's pluralize/singularize for the names Sequelize derives (tables, keys).
  const IRREGULAR = { person: 'people', man: 'men', woman: 'women', child: 'children', mouse: 'mice',
    goose: 'geese', foot: 'feet', tooth: 'teeth', ox: 'oxen', datum: 'data', medium: 'media' };
  const UNCOUNTABLE = ['equipment', 'information', 'rice', 'money', 'species', 'series', 'fish',
    'sheep', 'moose', 'deer', 'news', 'data', 'metadata', 'media'];
  function pluralize(word) {
    const lower = word.toLowerCase();
    if (UNCOUNTABLE.some((u) => lower.endsWith(u))) return word;
    for (const s of Object.keys(IRREGULAR)) {
      if (lower.endsWith(s)) return word.slice(0, word.length - s.length) + matchCase(word.slice(word.length - s.length), IRREGULAR[s]);
    }
    const rules = [[/(quiz)$/i, '$1zes'], [/(matr|vert|ind)(ix|ex)$/i, '$1ices'], [/(x|ch|ss|sh)$/i, '$1es'],
      [/([^aeiouy]|qu)y$/i, '$1ies'], [/(hive)$/i, '$1s'], [/(?:([^f])fe|([lr])f)$/i, '$1$2ves'],
      [/sis$/i, 'ses'], [/([ti])um$/i, '$1a'], [/(buffal|tomat|potat|ech|her|vet)o$/i, '$1oes'],
      [/(bu|campu)s$/i, '$1ses'], [/(alias|status)$/i, '$1es'], [/(octop|vir)us$/i, '$1i'],
      [/(ax|test)is$/i, '$1es'], [/s$/i, 's']];
    for (const [re, rep] of rules) if (re.test(word)) return word.replace(re, rep);
    return `${word}s`;
  }
  function singularize(word) {
    const lower = word.toLowerCase();
    if (UNCOUNTABLE.some((u) => lower.endsWith(u))) return word;
    for (const s of Object.keys(IRREGULAR)) {
      const p = IRREGULAR[s];
      if (lower.endsWith(p)) return word.slice(0, word.length - p.length) + matchCase(word.slice(word.length - p.length), s);
    }
    const rules = [[/(quiz)zes$/i, '$1'], [/(alias|status)es$/i, '$1'], [/(x|ch|ss|sh)es$/i, '$1'],
      [/([^aeiouy]|qu)ies$/i, '$1y'], [/([lr])ves$/i, '$1f'], [/(bus|campus)es$/i, '$1'],
      [/(o)es$/i, '$1'], [/ses$/i, 'sis'], [/s$/i, '']];
    for (const [re, rep] of rules) if (re.test(word)) return word.replace(re, rep);
    return word;
  }
  function matchCase(src, word) {
    return src[0] === src[0].toUpperCase() ? word[0].toUpperCase() + word.slice(1) : word;
  }
  const underscore = (s) => s.replace(/([a-z\d])([A-Z])/g, '$1_$2').replace(/([A-Z]+)([A-Z][a-z\d]+)/g, '$1_$2').toLowerCase();
  const camelize = (s) => s.replace(/_+(.)/g, (m, c) => c.toUpperCase());
  seqmig.setLazy(seqmig, 'inflection', { pluralize, singularize, underscore, camelize });

  const uuidv4 = seqmig.uuidv4;

  const typeKey = (attr) => (attr.type && attr.type.key) || (attr.type && attr.type.constructor && attr.type.constructor.key) || undefined;

  // A default as Model.build applies it (utils.toDefaultValue).
  function toDefaultValue(value) {
    if (typeof value === 'function' && !seqmig.isDataTypeClass(value)) return value();
    if (value === DataTypes.NOW || value instanceof DataTypes.NOW) return new Date();
    if (value === DataTypes.UUIDV4 || value instanceof DataTypes.UUIDV4) return uuidv4();
    if (value === DataTypes.UUIDV1 || value instanceof DataTypes.UUIDV1) return uuidv4();
    if (Array.isArray(value)) return value.slice();
    if (seqmig.isPlainObject(value)) return Object.assign({}, value);
    return value;
  }

  // The v6 statics seqmig leaves out (Model.sync: a migration must not sync): each throws
  // one clear line naming itself and the caller's file:line.
  const UNSUPPORTED_STATICS = ['sync', 'describe', 'schema', 'getInitialModel',
    'removeAttribute', 'refreshAttributes', 'removeHook', 'warnOnInvalidOptions'];

  class Model {
    constructor(values, options) {
      options = Object.assign({ isNewRecord: true, _schema: this.constructor._schema }, options);
      this.dataValues = {};
      this._previousDataValues = {};
      this._changed = new Set();
      this._options = options;
      this.isNewRecord = options.isNewRecord;
      this._initValues(values, options);
    }

    _initValues(values, options) {
      const M = this.constructor;
      values = Object.assign({}, values);
      if (options.isNewRecord) {
        const defaults = {};
        for (const [name, attr] of Object.entries(M.rawAttributes)) {
          if (Object.prototype.hasOwnProperty.call(attr, 'defaultValue') && !(name in values)) {
            defaults[name] = toDefaultValue(attr.defaultValue);
          }
        }
        for (const pk of M.primaryKeyAttributes) {
          if (!Object.prototype.hasOwnProperty.call(defaults, pk)) defaults[pk] = null;
        }
        for (const key of Object.keys(defaults)) {
          if (values[key] === undefined) {
            this.set(key, defaults[key], { raw: true });
            delete values[key];
          }
        }
      }
      this.set(values, options);
    }

    get(key, options) {
      if (options === undefined && typeof key === 'object') {
        options = key;
        key = undefined;
      }
      options = options || {};
      const M = this.constructor;
      if (key) {
        const getter = M._customGetters[key];
        if (getter && !options.raw) return getter.call(this, key, options);
        return this.dataValues[key];
      }
      // Sequelize: the custom getters first (those among `attributes`), then the rest of
      // dataValues; without getters (and includes, or clone) dataValues itself.
      const hasGetters = Object.keys(M._customGetters).length > 0;
      if (hasGetters || (options.plain && this._options.include) || options.clone) {
        const out = {};
        if (hasGetters) {
          for (const name of Object.keys(M._customGetters)) {
            if (this._options.attributes && !this._options.attributes.includes(name)) continue;
            out[name] = this.get(name, options);
          }
        }
        for (const name of Object.keys(this.dataValues)) {
          if (!Object.prototype.hasOwnProperty.call(out, name)) out[name] = this.get(name, options);
        }
        return out;
      }
      return this.dataValues;
    }

    set(key, value, options) {
      if (key !== null && typeof key === 'object') {
        options = value || {};
        for (const k of Object.keys(key)) this.set(k, key[k], options);
        return this;
      }
      options = options || {};
      const M = this.constructor;
      if (!options.raw) {
        const setter = M._customSetters[key];
        if (setter) {
          setter.call(this, value, key);
          return this;
        }
      }
      const original = this.dataValues[key];
      if (!options.raw) {
        // Sequelize ignores keys that are no attribute, and a primary key once it has one.
        if (!Object.prototype.hasOwnProperty.call(M.rawAttributes, key)) return this;
        if (original && M.primaryKeyAttributes.includes(key)) return this;
      }
      if (!options.raw && !this.isNewRecord && M._readOnly.has(key) && original !== value) return this;
      if (!options.raw && (original === undefined || !sameValue(original, value))) {
        this._previousDataValues[key] = original;
        this.changed(key, true);
      }
      this.dataValues[key] = value;
      return this;
    }

    setDataValue(key, value) {
      const original = this._previousDataValues[key];
      if (!sameValue(original, value)) this.changed(key, true);
      this.dataValues[key] = value;
    }

    getDataValue(key) {
      return this.dataValues[key];
    }

    changed(key, value) {
      if (key === undefined) {
        const list = Array.from(this._changed);
        return list.length ? list : false;
      }
      if (value === true) {
        this._changed.add(key);
        return this;
      }
      if (value === false) {
        this._changed.delete(key);
        return this;
      }
      return this._changed.has(key);
    }

    previous(key) {
      if (key) return this._previousDataValues[key];
      const out = {};
      for (const k of this._changed) out[k] = this._previousDataValues[k];
      return out;
    }

    toJSON() {
      return Object.assign({}, this.get({ plain: true }));
    }

    // After a write: what was set is now the row's state.
    _settle() {
      this.isNewRecord = false;
      this._previousDataValues = Object.assign({}, this.dataValues);
      this._changed = new Set();
      return this;
    }
  }

  function sameValue(a, b) {
    if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
    return a === b;
  }

  // Model.init: the attributes as Sequelize completes them.
  Model.init = function init(attributes, options) {
    options = options || {};
    const sequelize = options.sequelize;
    if (!sequelize) throw new Error('No Sequelize instance passed');
    const M = this;
    const defineDefaults = (sequelize.options && sequelize.options.define) || {};
    M.options = Object.assign({
      timestamps: true, validate: {}, freezeTableName: false, underscored: false, paranoid: false,
      rejectOnEmpty: false, whereCollection: null, schema: null, schemaDelimiter: '', defaultScope: {},
      scopes: {}, indexes: [], hooks: {},
    }, defineDefaults, options);
    delete M.options.sequelize;
    M.sequelize = sequelize;
    if (!M.options.modelName) M.options.modelName = M.name;
    if (M.options.modelName !== M.name) Object.defineProperty(M, 'name', { value: M.options.modelName, configurable: true });
    M.options.name = M.options.name || { plural: pluralize(M.options.modelName), singular: singularize(M.options.modelName) };
    M.underscored = M.options.underscored;
    M.tableName = M.options.tableName ||
      (M.options.freezeTableName ? M.options.modelName : (M.underscored ? underscore(M.options.name.plural) : M.options.name.plural));
    M._schema = M.options.schema;
    M.associations = {};
    M._hooks = {};
    for (const [name, fns] of Object.entries(M.options.hooks || {})) {
      for (const fn of [].concat(fns)) addHook(M, name, typeof fn === 'function' ? fn : fn && fn.fn);
    }

    const raw = {};
    for (const [name, def] of Object.entries(attributes || {})) {
      const attr = seqmig.isPlainObject(def) && !seqmig.isDataType(def) ? Object.assign({}, def) : { type: def };
      if (typeof attr.type === 'function') attr.type = new attr.type();
      if (attr.references && attr.references.model && attr.references.model.getTableName) {
        attr.references = Object.assign({}, attr.references, { model: attr.references.model.getTableName() });
      }
      raw[name] = attr;
    }
    const hasPk = Object.values(raw).some((a) => a.primaryKey);
    let ordered = raw;
    if (!hasPk && !Object.prototype.hasOwnProperty.call(raw, 'id')) {
      ordered = Object.assign({ id: { type: new DataTypes.INTEGER(), allowNull: false, primaryKey: true, autoIncrement: true, _autoGenerated: true } }, raw);
    } else if (!hasPk && raw.id) {
      raw.id.primaryKey = true;
    }
    // Sequelize names the timestamp attributes camelCase; `underscored` changes only fields.
    const ts = {};
    if (M.options.timestamps) {
      for (const key of ['createdAt', 'updatedAt', 'deletedAt']) {
        if (key === 'deletedAt' && !M.options.paranoid) continue;
        const opt = M.options[key];
        if (opt === false) continue;
        const name = typeof opt === 'string' ? opt : key;
        ts[key] = name;
        if (!ordered[name]) ordered[name] = { type: new DataTypes.DATE(), allowNull: key === 'deletedAt', _autoGenerated: true };
      }
    }
    M._timestampAttributes = ts;
    // The dialect's types from now on, as Sequelize's normalizeAttribute makes them.
    for (const attr of Object.values(ordered)) {
      if (attr.type !== undefined && attr.type !== null) attr.type = seqmig.normalizeDataType(attr.type, sequelize.getDialect());
    }
    M.rawAttributes = ordered;
    M._refreshAttributes();
    sequelize.models[M.options.modelName] = M;
    if (sequelize.modelManager) sequelize.modelManager.addModel(M);
    return M;
  };

  Model._refreshAttributes = function () {
    const M = this;
    M._customGetters = {};
    M._customSetters = {};
    M._virtualAttributes = new Set();
    M._readOnly = new Set();
    M.fieldRawAttributesMap = {};
    M.primaryKeyAttributes = [];
    for (const [name, attr] of Object.entries(M.rawAttributes)) {
      attr.fieldName = name;
      if (!attr.field) attr.field = M.underscored ? underscore(name) : name;
      if (attr.primaryKey) M.primaryKeyAttributes.push(name);
      if (typeKey(attr) === 'VIRTUAL') M._virtualAttributes.add(name);
      if (typeof attr.get === 'function') M._customGetters[name] = attr.get;
      if (typeof attr.set === 'function') M._customSetters[name] = attr.set;
      M.fieldRawAttributesMap[attr.field] = attr;
    }
    for (const [name, fn] of Object.entries(M.options.getterMethods || {})) M._customGetters[name] = fn;
    for (const [name, fn] of Object.entries(M.options.setterMethods || {})) M._customSetters[name] = fn;
    for (const key of ['createdAt', 'updatedAt', 'deletedAt']) {
      if (M._timestampAttributes[key]) M._readOnly.add(M._timestampAttributes[key]);
    }
    M.primaryKeyAttribute = M.primaryKeyAttributes[0];
    M.primaryKeyField = M.primaryKeyAttribute && M.rawAttributes[M.primaryKeyAttribute].field;
    M.tableAttributes = M.rawAttributes;
    // Accessors on the prototype, as Sequelize's refreshAttributes defines them.
    for (const name of new Set([...Object.keys(M.rawAttributes), ...Object.keys(M._customGetters), ...Object.keys(M._customSetters)])) {
      if (Object.prototype.hasOwnProperty.call(M.prototype, name)) continue;
      Object.defineProperty(M.prototype, name, {
        configurable: true,
        get() { return this.get(name); },
        set(v) { this.set(name, v); },
      });
    }
  };

  Object.defineProperty(Model, 'rawAttributes', { writable: true, configurable: true, value: undefined });
  Model.getAttributes = function () { return this.rawAttributes; };
  Model.getTableName = function () {
    return this._schema ? { tableName: this.tableName, schema: this._schema, delimiter: this.options.schemaDelimiter || '.' } : this.tableName;
  };
  Model.build = function (values, options) {
    if (Array.isArray(values)) return values.map((v) => new this(v, options));
    return new this(values, options);
  };
  Model.bulkBuild = function (values, options) {
    return values.map((v) => new this(v, options));
  };
  Model.isInitialized = function () { return !!this.sequelize; };
  Model.toString = function () { return `[object SequelizeModel:${this.name}]`; };

  // Hooks: kept and run around the instance writes of 71_model_query.js.
  const HOOKS = ['beforeValidate', 'afterValidate', 'beforeCreate', 'afterCreate', 'beforeUpdate',
    'afterUpdate', 'beforeSave', 'afterSave', 'beforeDestroy', 'afterDestroy', 'beforeBulkCreate',
    'afterBulkCreate', 'beforeBulkUpdate', 'afterBulkUpdate', 'beforeBulkDestroy', 'afterBulkDestroy',
    'beforeFind', 'afterFind', 'beforeCount', 'beforeUpsert', 'afterUpsert', 'beforeRestore', 'afterRestore',
    'beforeBulkRestore', 'afterBulkRestore', 'validationFailed'];
  function addHook(M, name, fn) {
    if (!HOOKS.includes(name)) throw unsupported(`${M.name} hook ${name}`);
    if (typeof fn !== 'function') return;
    if (!Object.prototype.hasOwnProperty.call(M, '_hooks')) M._hooks = {};
    (M._hooks[name] = M._hooks[name] || []).push(fn);
  }
  Model.addHook = function (name, nameOrFn, fn) {
    addHook(this, name, typeof nameOrFn === 'function' ? nameOrFn : fn);
    return this;
  };
  Model.runHooks = async function (name, ...args) {
    for (const fn of (this._hooks && this._hooks[name]) || []) await fn.apply(this, args);
  };
  Model.hasHook = function (name) { return !!(this._hooks && this._hooks[name] && this._hooks[name].length); };
  Model.hasHooks = Model.hasHook;
  for (const name of HOOKS) {
    Model[name] = function (nameOrFn, fn) { return this.addHook(name, nameOrFn, fn); };
  }

  for (const name of UNSUPPORTED_STATICS) {
    if (Model[name]) continue;
    Model[name] = function () { throw unsupported(`${this.name}.${name}`); };
  }

  seqmig.setLazy(seqmig, 'Model', Model);
  seqmig.setLazy(seqmig, 'modelHelpers', { toDefaultValue, typeKey, uuidv4, errors, Utils });
  const S = seqmig.Sequelize;
  // An enumerable data property in Sequelize; here the accessor 50_sequelize.js left.
  S.Model = Model;
})();
