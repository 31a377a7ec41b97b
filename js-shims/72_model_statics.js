// The Model statics built on the finders and writes of 71_model_query.js (sequelize
// 6.37.8 src/model.js): aggregate/max/min/sum, findAndCountAll, upsert and findOrCreate.
(function () {
  'use strict';
  const seqmig = globalThis.__seqmig;
  const Model = seqmig.Model;
  const errors = seqmig.errors;
  const { Col, Fn } = seqmig.Utils;
  const isPlainObject = seqmig.isPlainObject;
  const table = seqmig.normalizeTable;
  const { op, noInclude, fieldOf, fieldColumns, selectRequest, parseRow, parseDate, notNullCheck } = seqmig.modelInternals;

  // Model.aggregate: rawSelect of `fn(field) AS fn` with the model alias and the paranoid
  // clause, the cell parsed by `dataType` (the attribute's type, else FLOAT) as
  // queryInterface.rawSelect parses it.
  Model.aggregate = async function aggregate(attribute, aggregateFunction, options) {
    options = seqmig.modelUtils.cloneDeep(Object.assign({}, options));
    const prevAttributes = options.attributes;
    if (typeof this._injectScope === 'function') this._injectScope(options);
    options.attributes = prevAttributes;
    if (options.include !== undefined) seqmig.modelInclude.conformIncludes(options, this);
    const attr = this.rawAttributes[attribute];
    let column = new Col((attr && attr.field) || attribute);
    if (options.distinct) column = new Fn('DISTINCT', [column]);
    let group = options.group;
    if (Array.isArray(group) && Array.isArray(group[0])) throw seqmig.modelUnsupported(`${this.name}.aggregate with a nested group`);
    // _.unionBy(attributes, group, [[fn, alias]]) by alias.
    const attributes = [];
    const seen = new Set();
    const aliasOf = (a) => (Array.isArray(a) ? a[1] : a);
    for (const a of [].concat(options.attributes || [], group === undefined ? [] : [].concat(group), [[new Fn(aggregateFunction, [column]), aggregateFunction]])) {
      const k = aliasOf(a);
      if (typeof k === 'string' && seen.has(k)) continue;
      seen.add(k);
      attributes.push(a);
    }
    const plain = options.plain === undefined ? true : options.plain;
    let rows;
    if (options.include) {
      options.attributes = attributes;
      rows = seqmig.modelInclude.aggregateRows(this, options);
    } else {
      const req = selectRequest(this, {
        where: options.where, paranoid: options.paranoid, attributes, group: options.group, having: options.having,
      });
      rows = op(this, 'model_select', req, options);
    }
    if (!plain) return rows;
    const value = rows.length ? rows[0][aggregateFunction] : null;
    if (value === null || value === undefined) return value === undefined ? null : value;
    let type = options.dataType || (attr ? attr.type : new seqmig.DataTypes.FLOAT());
    if (typeof type === 'function') type = new type();
    const key = type && (type.key || (type.constructor && type.constructor.key));
    if (['DECIMAL', 'FLOAT', 'DOUBLE', 'REAL'].includes(key)) return parseFloat(value);
    if (['INTEGER', 'BIGINT', 'SMALLINT', 'TINYINT', 'MEDIUMINT'].includes(key)) return parseInt(value, 10);
    if (key === 'DATE' && !(value instanceof Date)) return typeof value === 'string' ? parseDate(value) : new Date(value);
    return value;
  };
  Model.max = async function max(field, options) { return this.aggregate(field, 'max', options); };
  Model.min = async function min(field, options) { return this.aggregate(field, 'min', options); };
  Model.sum = async function sum(field, options) { return this.aggregate(field, 'sum', options); };

  // count (without attributes, limit, offset or order), then findAll, as Sequelize runs them.
  Model.findAndCountAll = async function findAndCountAll(options) {
    if (options !== undefined && !isPlainObject(options)) {
      throw new Error('The argument passed to findAndCountAll must be an options object, use findByPk if you wish to pass a single primary key value');
    }
    const countOptions = Object.assign({}, options);
    delete countOptions.attributes;
    const count = await this.count(countOptions);
    const rows = await this.findAll(options);
    return { count, rows: count === 0 ? [] : rows };
  };

  // Model.upsert: insertQuery with ON CONFLICT over the conflict key Sequelize picks (a
  // unique key holding an updated field, else the primary key), `[instance, created]`
  // with the instance's auto-increment key from sqlite's lastID, mysql's insertId or the
  // row postgres returns (created: null there, `affectedRows === 1` on mysql / mariadb).
  Model.upsert = async function upsert(values, options) {
    options = Object.assign({ hooks: true, returning: true, validate: true }, options);
    const M = this;
    const { createdAt, updatedAt } = M._timestampAttributes;
    const hasPrimary = M.primaryKeyField in values || M.primaryKeyAttribute in values;
    const instance = M.build(values);
    const changed = Array.from(instance._changed);
    const fields = options.fields || changed;
    if (options.validate) notNullCheck(instance, fields);
    const pick = (names) => {
      const out = {};
      for (const name of names) {
        const v = instance.dataValues[name];
        if (v !== undefined && !M._virtualAttributes.has(name)) out[fieldOf(M, name)] = v;
      }
      return out;
    };
    const insertValues = pick(Object.keys(M.rawAttributes));
    const updateValues = pick(fields.filter((n) => changed.includes(n)));
    const now = new Date();
    // Sequelize tests the attribute name against field-keyed values, so an underscored
    // model always gets a fresh stamp.
    if (createdAt && !insertValues[createdAt]) insertValues[fieldOf(M, createdAt)] = now;
    if (updatedAt && !insertValues[updatedAt]) {
      insertValues[fieldOf(M, updatedAt)] = updateValues[fieldOf(M, updatedAt)] = now;
    }
    const pkAttr = M.primaryKeyAttribute && M.rawAttributes[M.primaryKeyAttribute];
    if (!hasPrimary && pkAttr && !pkAttr.defaultValue) {
      delete insertValues[M.primaryKeyField];
      delete updateValues[M.primaryKeyField];
    }
    if (options.hooks) await M.runHooks('beforeUpsert', values, options);
    const updateOnDuplicate = Object.keys(updateValues);
    let upsertKeys = options.conflictFields ? options.conflictFields.map((n) => fieldOf(M, n)) : [];
    if (!upsertKeys.length) {
      const primaryKeys = M.primaryKeyAttributes.map((n) => fieldOf(M, n));
      const uniqueKeys = {};
      for (const [name, a] of Object.entries(M.rawAttributes)) {
        if (!a.unique) continue;
        const key = typeof a.unique === 'string' ? a.unique : (a.unique.name || `${M.tableName}_${a.field || name}_unique`);
        (uniqueKeys[key] = uniqueKeys[key] || []).push(a.field || name);
      }
      const indexKeys = (M.options.indexes || []).filter((i) => i.unique && i.fields && i.fields.length)
        .map((i) => i.fields.map((f) => (f && typeof f === 'object' ? f.attribute || f.name : f)));
      for (const field of updateOnDuplicate) {
        const found = Object.values(uniqueKeys).find((f) => f.includes(field)) || indexKeys.find((f) => f.includes(field));
        if (found) { upsertKeys = found; break; }
      }
      if (!upsertKeys.length || updateOnDuplicate.some((f) => primaryKeys.includes(f))) upsertKeys = primaryKeys;
      upsertKeys = [...new Set(upsertKeys)];
    }
    // insertQuery with the model's attributes: typed binds (a DATE as Sequelize's text).
    const out = op(M, 'model_insert', {
      table: table(M.getTableName()),
      values: recordValues(insertValues),
      attributes: fieldColumns(M),
      upsert: { updateOnDuplicate, upsertKeys },
    }, options);
    if (out && out.row) {
      const row = parseRow(M, out.row);
      for (const key of Object.keys(row)) instance.dataValues[key] = row[key];
    } else if (out && 'id' in out && M.primaryKeyAttribute && pkAttr && pkAttr.autoIncrement) {
      // handleInsertQuery: the auto-increment attribute takes lastID (mysql's insertId,
      // undefined for 0), whatever the row. The mariadb dialect answers an upsert before
      // reading the id (no `id`): the instance keeps what it was built with.
      instance.set(M.primaryKeyAttribute, out.id);
    }
    instance._settle();
    // mysql and mariadb: `affectedRows === 1` (a new row); the others: null.
    const result = [instance, out && out.created !== undefined ? out.created : null];
    if (options.hooks) await M.runHooks('afterUpsert', result, options);
    return result;
  };

  function recordValues(values) {
    const out = {};
    for (const key of Object.keys(values)) out[key] = seqmig.toSqlValue(values[key]);
    return out;
  }

  // Model.findOrCreate: in a transaction of its own (unless given one), findOne, else
  // create with the where's plain values under the defaults.
  Model.findOrCreate = async function findOrCreate(options) {
    if (!options || !options.where || arguments.length > 1) {
      throw new Error('Missing where attribute in the options parameter passed to findOrCreate. Please note that the API has changed, and is now options only (an object with where, defaults keys, transaction etc.)');
    }
    options = Object.assign({}, options);
    noInclude(this, options);
    // Under Sequelize.useCLS the namespace's transaction is the one given (a savepoint).
    const cls = this.sequelize.constructor._cls;
    if (options.transaction === undefined && cls) {
      const t = cls.get('transaction');
      if (t) options.transaction = t;
    }
    const internal = !options.transaction;
    let transaction;
    try {
      transaction = await this.sequelize.transaction(options);
      options.transaction = transaction;
      const found = await this.findOne(Object.assign({}, options, { transaction }));
      if (found !== null) return [found, false];
      let values = Object.assign({}, options.defaults);
      // Utils.defaults: every key of the where the defaults leave undefined.
      if (isPlainObject(options.where)) {
        for (const key of Object.keys(options.where)) {
          if (values[key] === undefined) values[key] = options.where[key];
        }
      }
      try {
        const created = await this.create(values, Object.assign({}, options, { exception: true, returning: true }));
        return [created, true];
      } catch (err) {
        if (!(err instanceof errors.UniqueConstraintError)) throw err;
        // Someone else's row: found after all, under the same where.
        const other = await this.findOne(Object.assign({}, options, { transaction: internal ? null : transaction }));
        if (other === null) throw err;
        return [other, false];
      }
    } finally {
      if (internal && transaction) await transaction.commit();
    }
  };
})();
