// The argument normalisation shared by the queryInterface and the sequelize instance:
// tables, attributes, options, and the one door to Rust (`__seqmig.callOp`).
// Shapes follow sequelize 6.37.8 (query-interface.js, sequelize.js normalizeAttribute);
// the JSON is CONTRACTS.md §3.
(function () {
  'use strict';
  const seqmig = globalThis.__seqmig;
  const define = seqmig.define;
  const isPlainObject = seqmig.isPlainObject;

  // Every op goes through here: `{ transaction, logging }` become the common op args.
  function callOp(name, args, options) {
    const out = Object.assign({}, args);
    let opts = options || {};
    // Sequelize.useCLS: sequelize.query takes the namespace's transaction when the caller
    // gave no `transaction` (null means none); BEGIN/COMMIT/ROLLBACK name theirs.
    if (opts.transaction === undefined && seqmig.Sequelize && seqmig.Sequelize._cls && !name.startsWith('tx_') && !name.startsWith('connection_')) {
      const t = seqmig.Sequelize._cls.get('transaction');
      if (t !== undefined) opts = Object.assign({}, opts, { transaction: t });
    }
    if (opts.transaction !== undefined && opts.transaction !== null) {
      out.transaction = transactionId(opts.transaction);
    }
    if (opts.logging !== undefined) out.logging = !(opts.logging === false || opts.logging === null);
    // The connection and logging of the `new Sequelize(...)` a call belongs to (50_sequelize.js).
    const t = opts.transaction;
    const inst = opts.sequelize || (t && typeof t === 'object' && t.sequelize) || seqmig.activeInstance;
    const conn = opts.connection || (inst && inst._seqmigConnection);
    if (conn && out.connection === undefined) out.connection = conn;
    if (inst && out.logging === undefined && inst._seqmigLogging !== undefined) out.logging = inst._seqmigLogging;
    return seqmig.revive(globalThis.__seqmig_native.op(name, out));
  }
  define(seqmig, 'callOp', callOp);

  function transactionId(t) {
    if (typeof t === 'number' || typeof t === 'string') return t;
    if (t.finished) {
      throw new Error(`${t.finished} has been called on this transaction(${t.id}), you can no longer use it. (The rejected query is attached as the 'sql' property of this error)`);
    }
    return t.id;
  }

  // Any spelling of a table: 'users', {tableName, schema, delimiter}, a model class.
  function normalizeTable(table, schema) {
    if (table !== null && (typeof table === 'function' || typeof table === 'object') &&
        typeof table.getTableName === 'function') {
      table = table.getTableName();
    }
    let out;
    if (typeof table === 'string') {
      out = { tableName: table, schema: null, delimiter: '.' };
    } else if (table !== null && typeof table === 'object' && table.tableName !== undefined) {
      out = {
        tableName: String(table.tableName),
        schema: table.schema != null ? String(table.schema) : null,
        delimiter: table.delimiter != null ? String(table.delimiter) : '.',
      };
    } else if (table !== null && typeof table === 'object' && typeof table.name === 'string') {
      // Sequelize accepts addSchema()'s {name, schema} too.
      out = { tableName: table.name, schema: table.schema != null ? String(table.schema) : null, delimiter: '.' };
    } else {
      throw new TypeError(`Invalid table name: ${String(table)}`);
    }
    if (out.schema === null && schema) out.schema = String(schema);
    return out;
  }
  define(seqmig, 'normalizeTable', normalizeTable);

  // Most values cloned are booleans and strings, which the JSON round trip returns
  // unchanged: they skip it (Boa's JSON.parse costs ~20k instructions a call).
  function jsonClone(v) {
    if (v === undefined) return undefined;
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
    if (typeof v === 'number' && Number.isFinite(v) && !Object.is(v, -0)) return v;
    return JSON.parse(JSON.stringify(v));
  }
  define(seqmig, 'jsonClone', jsonClone);

  function normalizeReferences(attr) {
    const refs = attr.references;
    if (refs === undefined || refs === null || refs === false) return undefined;
    const isSpec = typeof refs === 'object' && (refs.model !== undefined || refs.table !== undefined);
    if (!isSpec) {
      // v3/v4: `references: 'users', referencesKey: 'id'` (or a model / table object).
      return { table: normalizeTable(refs), key: attr.referencesKey || 'id' };
    }
    const out = { table: normalizeTable(refs.model !== undefined ? refs.model : refs.table), key: refs.key || 'id' };
    if (refs.deferrable !== undefined && refs.deferrable !== null) {
      out.deferrable = seqmig.deferrableToJSON(refs.deferrable);
    }
    return out;
  }

  const COPIED = ['allowNull', 'primaryKey', 'autoIncrement', 'autoIncrementIdentity', 'comment',
    'field', 'first', 'after', 'onUpdate', 'onDelete'];

  // One attribute as the Column JSON. `bareAllowNull`: changeColumn's rule that a bare
  // DataType class (not an instance) means `{type, allowNull: true}`.
  function normalizeAttribute(attr, bareAllowNull) {
    if (bareAllowNull && typeof attr === 'function' && seqmig.isDataTypeClass(attr)) {
      return normalizeAttribute({ type: attr, allowNull: true });
    }
    if (!isPlainObject(attr)) attr = { type: attr };
    const out = {};
    if (attr.type !== undefined && attr.type !== null) {
      const type = seqmig.dataTypeToJSON(attr.type);
      if (type.key === 'ENUM') {
        if (attr.values) type.values = Array.from(attr.values);
        if (!type.values || !type.values.length) throw new Error('Values for ENUM have not been defined.');
        out.type = type;
        out.values = type.values.slice();
      } else {
        out.type = type;
        if (attr.values !== undefined) out.values = jsonClone(attr.values);
      }
    } else if (attr.values !== undefined) {
      out.values = jsonClone(attr.values);
    }
    // Indexed loops on the per-attribute path: a for-of step is a JS call to the array
    // iterator's next() in Boa, ~3k instructions.
    for (let i = 0; i < COPIED.length; i++) {
      const key = COPIED[i];
      if (attr[key] !== undefined) out[key] = jsonClone(attr[key]);
    }
    const dv = attr.defaultValue;
    // A JS function default (other than NOW/UUIDV1/UUIDV4) is not schemable: Sequelize
    // only applies it in Model.create, so the column gets no DEFAULT.
    const jsDefault = typeof dv === 'function' && !seqmig.isDataTypeClass(dv);
    if (Object.prototype.hasOwnProperty.call(attr, 'defaultValue') && dv !== undefined && !jsDefault) {
      out.defaultValue = seqmig.toSqlValue(dv);
    }
    if (attr.unique !== undefined) out.unique = jsonClone(attr.unique);
    const references = normalizeReferences(attr);
    if (references) out.references = references;
    return out;
  }
  define(seqmig, 'normalizeAttribute', normalizeAttribute);

  function normalizeAttributes(attributes) {
    if (attributes === undefined || attributes === null) return undefined;
    const out = {};
    const names = Object.keys(attributes);
    for (let i = 0; i < names.length; i++) {
      out[names[i]] = normalizeAttribute(attributes[names[i]], false);
    }
    return out;
  }
  define(seqmig, 'normalizeAttributes', normalizeAttributes);

  // Copies the listed option keys that are set, as JSON (where-like keys converted).
  function pick(options, keys) {
    const out = {};
    if (!options) return out;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      const v = options[key];
      if (v === undefined) continue;
      if (key === 'where') out.where = seqmig.toWhere(v);
      else if (key === 'deferrable') out.deferrable = seqmig.deferrableToJSON(v);
      else if (key === 'defaultValue') out.defaultValue = seqmig.toSqlValue(v);
      else if (typeof v === 'function') continue;
      else out[key] = jsonClone(v);
    }
    return out;
  }
  define(seqmig, 'pickOptions', pick);

  function normalizeIndexField(field) {
    if (typeof field === 'string') return field;
    if (field instanceof seqmig.Utils.SequelizeMethod) return seqmig.toSqlValue(field);
    if (field !== null && typeof field === 'object') {
      const out = { name: field.name !== undefined ? field.name : field.attribute };
      for (const key of ['order', 'length', 'collate', 'operator']) {
        if (field[key] !== undefined) out[key] = field[key];
      }
      return out;
    }
    return field;
  }
  define(seqmig, 'normalizeIndexField', normalizeIndexField);

  const INDEX_OPTIONS = ['name', 'unique', 'where', 'using', 'type', 'concurrently', 'include',
    'operator', 'parser', 'prefix'];

  // addIndexQuery's reading of the options: `rawTablename` names the index when no
  // name is given, and Model._conformIndex turns `type: 'UNIQUE'` into `unique: true`.
  function normalizeIndexOptions(options, rawTablename) {
    if (!Array.isArray(options.fields)) throw new Error('Missing "fields" property for index definition');
    const out = pick(options, INDEX_OPTIONS);
    if (out.using === undefined && typeof options.method === 'string') out.using = options.method;
    if (out.prefix === undefined && typeof rawTablename === 'string') out.prefix = rawTablename;
    if (typeof out.type === 'string' && out.type.toLowerCase() === 'unique') {
      out.unique = true;
      delete out.type;
    }
    out.fields = options.fields.map(normalizeIndexField);
    if (Array.isArray(options.include)) out.include = options.include.map(normalizeIndexField);
    return out;
  }
  define(seqmig, 'normalizeIndexOptions', normalizeIndexOptions);

  const CONSTRAINT_OPTIONS = ['type', 'name', 'where', 'onDelete', 'onUpdate', 'deferrable', 'defaultValue'];

  function normalizeConstraintOptions(options) {
    const out = pick(options, CONSTRAINT_OPTIONS);
    out.fields = options.fields.map((f) => {
      if (typeof f === 'string') return f;
      if (f instanceof seqmig.Utils.SequelizeMethod) return seqmig.toSqlValue(f);
      return f !== null && typeof f === 'object' ? (f.attribute !== undefined ? f.attribute : f.name) : f;
    });
    const refs = options.references;
    if (refs) {
      const table = refs.table !== undefined ? refs.table : refs.model;
      out.references = { table: normalizeTable(table) };
      const field = refs.field !== undefined ? refs.field : refs.key;
      if (field !== undefined) out.references.field = field;
      if (Array.isArray(refs.fields)) out.references.fields = refs.fields.slice();
    }
    return out;
  }
  define(seqmig, 'normalizeConstraintOptions', normalizeConstraintOptions);
})();
