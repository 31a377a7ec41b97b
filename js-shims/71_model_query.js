// The Model statics and instance methods that run SQL (sequelize 6.37.8 src/model.js):
// finders through the `model_select` op (Sequelize's selectQuery with the model alias),
// `create`/`save` of a new row through `model_insert`, and updates, deletes and
// increments through the queryInterface ops, with attribute names mapped to fields,
// timestamps and paranoid clauses as Sequelize adds them, and the rows parsed by the
// attribute types as Sequelize's sqlite/pg query classes parse them.
(function () {
  'use strict';
  const seqmig = globalThis.__seqmig;
  const Model = seqmig.Model;
  const Op = seqmig.Op;
  const errors = seqmig.errors;
  const { typeKey } = seqmig.modelHelpers;
  const { Col, Fn, SequelizeMethod } = seqmig.Utils;
  const isPlainObject = seqmig.isPlainObject;
  const table = seqmig.normalizeTable;

  // Every op of a model carries the instance's connection and the call's transaction/logging.
  function op(M, name, args, options) {
    const opts = { connection: M.sequelize && M.sequelize._seqmigConnection };
    if (options && options.transaction !== undefined) opts.transaction = options.transaction;
    if (options && options.logging !== undefined) opts.logging = options.logging;
    else if (M.sequelize && M.sequelize._seqmigLogging !== undefined) opts.logging = M.sequelize._seqmigLogging;
    return seqmig.callOp(name, args, opts);
  }

  function noInclude(M, options) {
    if (options && options.include !== undefined) {
      throw new Error(`include is not supported by seqmig yet${seqmig.callSite()}`);
    }
  }

  const fieldOf = (M, name) => (M.rawAttributes[name] ? M.rawAttributes[name].field : name);

  // Utils.mapWhereFieldNames: attribute keys become their fields, through and/or/not.
  function mapWhere(M, where) {
    if (Array.isArray(where)) return where.map((w) => mapWhere(M, w));
    if (!isPlainObject(where)) return where;
    const out = {};
    for (const key of Object.keys(where)) out[fieldOf(M, key)] = where[key];
    for (const sym of Object.getOwnPropertySymbols(where)) {
      out[sym] = sym === Op.and || sym === Op.or || sym === Op.not ? mapWhere(M, where[sym]) : where[sym];
    }
    return out;
  }

  const isWhereEmpty = (w) => w === undefined || w === null ||
    (isPlainObject(w) && Object.keys(w).length === 0 && Object.getOwnPropertySymbols(w).length === 0);

  function deletedField(M) {
    const name = M._timestampAttributes.deletedAt;
    return M.options.paranoid && name ? M.rawAttributes[name].field : null;
  }

  // Model._paranoidClause: `deletedAt IS NULL` joined to the where.
  function paranoid(M, where, options) {
    const field = deletedField(M);
    if (!field || (options && options.paranoid === false)) return where;
    const clause = { [field]: null };
    return { [Op.and]: isWhereEmpty(where) ? [clause] : [clause, where] };
  }

  const columnsCache = new WeakMap();
  // The model's attributes keyed by field, as Column JSON (types for bound values).
  function fieldColumns(M) {
    let cols = columnsCache.get(M);
    if (cols && cols.attrs === M.rawAttributes && cols.n === Object.keys(M.rawAttributes).length) return cols.json;
    const json = {};
    for (const attr of Object.values(M.rawAttributes)) {
      if (typeKey(attr) === 'VIRTUAL') continue;
      const col = seqmig.normalizeAttribute({
        type: attr.type, allowNull: attr.allowNull, primaryKey: attr.primaryKey,
        autoIncrement: attr.autoIncrement, field: attr.field,
      }, false);
      json[attr.field] = col;
    }
    columnsCache.set(M, { attrs: M.rawAttributes, n: Object.keys(M.rawAttributes).length, json });
    return json;
  }

  // Values keyed by field, as SqlValues, for the attributes in `names`.
  function fieldValues(M, values, names) {
    const out = {};
    for (const name of names) {
      if (values[name] === undefined || M._virtualAttributes.has(name)) continue;
      out[fieldOf(M, name)] = seqmig.toSqlValue(values[name]);
    }
    return out;
  }

  // "2024-01-05 09:00:00.123 +00:00" as sqlite stores a DATE.
  function parseDate(text) {
    const m = /^(\d{4})-(\d\d)-(\d\d)(?:[ T](\d\d):(\d\d)(?::(\d\d)(?:\.(\d+))?)?)?\s*(Z|[+-]\d\d(?::?\d\d)?)?$/.exec(text);
    if (!m) return new Date(text);
    const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
    let t = Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] || 0), +(m[5] || 0), +(m[6] || 0), ms);
    if (m[8] && m[8] !== 'Z') {
      const sign = m[8][0] === '-' ? -1 : 1;
      const digits = m[8].slice(1).replace(':', '');
      t -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0)) * 60000;
    }
    return new Date(t);
  }

  // A cell as Sequelize hands it back for the attribute's type.
  function parseCell(attr, v) {
    if (v === null || v === undefined || !attr) return v;
    switch (typeKey(attr)) {
      case 'DATE':
        return typeof v === 'string' || typeof v === 'number' ? parseDate(String(v)) : v;
      case 'BOOLEAN':
        return typeof v === 'number' ? v !== 0 : (v === 'true' || v === '1' ? true : (v === 'false' || v === '0' ? false : v));
      case 'JSON':
      case 'JSONB':
        if (typeof v === 'string') {
          try { return JSON.parse(v); } catch (e) { return v; }
        }
        return v;
      default:
        return v;
    }
  }

  function parseRow(M, row) {
    const out = {};
    for (const key of Object.keys(row)) {
      const attr = M.rawAttributes[key] || M.fieldRawAttributesMap[key];
      out[attr && M.rawAttributes[key] ? key : (attr ? attr.fieldName : key)] = parseCell(attr, row[key]);
    }
    return out;
  }

  // bulkBuild(rows, {isNewRecord: false, raw: true, attributes}): `attributes` (names)
  // also limits which custom getters get({ plain }) runs.
  function instanceFromRow(M, row, attributes) {
    const inst = new M({}, { isNewRecord: false, raw: true });
    if (attributes) inst._options.attributes = attributes;
    inst.dataValues = row;
    return inst._settle();
  }

  function orderItem(M, item) {
    if (typeof item === 'string') {
      const attr = M.rawAttributes[item];
      return attr && attr.field !== item ? seqmig.toSqlValue(new Col(item)) : item;
    }
    if (Array.isArray(item)) {
      return item.map((part, i) => {
        if (typeof part === 'function' || (part && part.model)) {
          throw new Error(`ordering by an associated model is not supported by seqmig yet${seqmig.callSite()}`);
        }
        if (i === 0) return orderItem(M, part);
        return typeof part === 'string' ? part : seqmig.toSqlValue(part);
      });
    }
    return seqmig.toSqlValue(item);
  }

  function selectRequest(M, options) {
    let names;
    if (Array.isArray(options.attributes)) {
      names = options.attributes;
    } else {
      names = Object.keys(M.rawAttributes).filter((n) => !M._virtualAttributes.has(n));
      const a = options.attributes;
      if (a && Array.isArray(a.exclude)) names = names.filter((n) => !a.exclude.includes(n));
      if (a && Array.isArray(a.include)) names = names.concat(a.include);
    }
    const attributes = names.map((a) => {
      if (typeof a === 'string') {
        const attr = M.rawAttributes[a];
        return attr && attr.field !== a ? [attr.field, a] : a;
      }
      if (Array.isArray(a)) {
        const expr = typeof a[0] === 'string' ? fieldOf(M, a[0]) : seqmig.toSqlValue(a[0]);
        return [expr, a[1]];
      }
      return seqmig.toSqlValue(a);
    });
    const req = { table: table(M.getTableName()), tableAs: M.name, attributes };
    const where = paranoid(M, mapWhere(M, options.where), options);
    if (!isWhereEmpty(where)) req.where = seqmig.toWhere(where);
    if (options.order !== undefined) {
      const order = Array.isArray(options.order) ? options.order : [options.order];
      req.order = order.map((o) => orderItem(M, o));
    }
    if (options.group !== undefined) {
      const group = Array.isArray(options.group) ? options.group : [options.group];
      req.group = group.map((g) => (typeof g === 'string' ? seqmig.toSqlValue(new Col(fieldOf(M, g))) : seqmig.toSqlValue(g)));
    }
    if (options.having !== undefined) req.having = seqmig.toWhere(options.having);
    if (options.limit !== undefined && options.limit !== null) req.limit = options.limit;
    if (options.offset !== undefined && options.offset !== null) req.offset = options.offset;
    return req;
  }

  Model.findAll = async function findAll(options) {
    const site = seqmig.callSite();
    if (site) seqmig.modelSite = site;
    options = seqmig.modelUtils.cloneDeep(Object.assign({}, options));
    if (typeof this._injectScope === 'function') this._injectScope(options);
    await this.runHooks('beforeFind', options);
    if (options.include !== undefined) {
      const inc = seqmig.modelInclude;
      inc.conformIncludes(options, this);
      if (options.include) return inc.findAllWithInclude(this, options);
    }
    if (options.groupedLimit) return seqmig.modelInclude.findAllGrouped(this, options);
    const rows = op(this, 'model_select', selectRequest(this, options), options).map((r) => parseRow(this, r));
    let result = rows;
    if (!options.raw) {
      let names = Object.keys(this.rawAttributes);
      if (Array.isArray(options.attributes)) names = options.attributes.map((a) => (Array.isArray(a) ? a[1] : a));
      else if (isPlainObject(options.attributes)) {
        const a = options.attributes;
        if (Array.isArray(a.exclude)) names = names.filter((n) => !a.exclude.includes(n));
        if (Array.isArray(a.include)) names = names.concat(a.include.map((x) => (Array.isArray(x) ? x[1] : x)));
      }
      result = rows.map((r) => instanceFromRow(this, r, names));
    }
    if (options.plain) result = result.length ? result[0] : null;
    await this.runHooks('afterFind', result, options);
    if (options.rejectOnEmpty && (result === null || (Array.isArray(result) && !result.length))) {
      throw typeof options.rejectOnEmpty === 'object' ? options.rejectOnEmpty : new errors.EmptyResultError();
    }
    return result;
  };

  Model.findOne = async function findOne(options) {
    options = Object.assign({}, options);
    if (options.limit === undefined) {
      const unique = Object.entries(this.rawAttributes).filter(([, a]) => a.unique === true).map(([n]) => n);
      const keys = this.primaryKeyAttributes.concat(unique);
      const w = options.where;
      const byKey = isPlainObject(w) && Object.keys(w).some((k) => keys.includes(k) &&
        (w[k] === null || typeof w[k] !== 'object' || w[k] instanceof Date));
      if (!byKey) options.limit = 1;
    }
    options.plain = true;
    return this.findAll(options);
  };

  Model.findByPk = async function findByPk(param, options) {
    if (param === null || param === undefined) return null;
    options = Object.assign({}, options);
    if (typeof param === 'number' || typeof param === 'string' || typeof param === 'bigint' || param instanceof Date) {
      options.where = { [this.primaryKeyAttribute]: param };
    } else {
      throw new Error(`Argument passed to findByPk is invalid: ${param}`);
    }
    return this.findOne(options);
  };

  Model.count = async function count(options) {
    const site = seqmig.callSite();
    if (site) seqmig.modelSite = site;
    options = seqmig.modelUtils.cloneDeep(Object.assign({}, options));
    if (options.hooks === undefined) options.hooks = true;
    options.raw = true;
    if (options.hooks) await this.runHooks('beforeCount', options);
    let col = options.col || '*';
    if (options.include) col = `${this.name}.${options.col || this.primaryKeyField}`;
    if (options.distinct && col === '*') col = this.primaryKeyField;
    options.plain = !options.group;
    options.dataType = new seqmig.DataTypes.INTEGER();
    options.includeIgnoreAttributes = false;
    options.limit = null;
    options.offset = null;
    options.order = null;
    const result = await this.aggregate(col, 'count', options);
    if (Array.isArray(result)) return result.map((item) => Object.assign({}, item, { count: Number(item.count) }));
    return result;
  };

  function notNullCheck(inst, names) {
    const M = inst.constructor;
    const items = [];
    for (const name of names) {
      const attr = M.rawAttributes[name];
      if (!attr || attr.allowNull !== false || attr._autoGenerated || attr.autoIncrement) continue;
      const v = inst.dataValues[name];
      if (v === null || v === undefined) {
        items.push(new errors.ValidationErrorItem(`${M.name}.${name} cannot be null`, 'notNull Violation',
          name, v === undefined ? null : v, inst, 'is_null'));
      }
    }
    // The attributes' `validate` rules and the model's validators (78_model_extras.js).
    if (seqmig.modelValidation) items.push(...seqmig.modelValidation(inst, names));
    if (items.length) throw new errors.ValidationError(null, items);
  }

  function sanitize(inst) {
    const M = inst.constructor;
    for (const [name, attr] of Object.entries(M.rawAttributes)) {
      const v = inst.dataValues[name];
      if (typeKey(attr) === 'DATE' && (typeof v === 'string' || typeof v === 'number')) {
        inst.dataValues[name] = new Date(typeof v === 'string' ? parseDate(v).getTime() : v);
      }
    }
  }

  Model.prototype.save = async function save(options) {
    options = Object.assign({ hooks: true }, options);
    const M = this.constructor;
    const { createdAt, updatedAt } = M._timestampAttributes;
    const changed = (this.changed() || []).filter((n) => M.rawAttributes[n]);
    if (!this.isNewRecord && changed.length === 0) return this;
    const now = new Date();
    if (updatedAt && !(options.silent && !this.isNewRecord)) {
      this.dataValues[updatedAt] = now;
      if (!changed.includes(updatedAt)) changed.push(updatedAt);
    }
    if (this.isNewRecord && createdAt && !this.dataValues[createdAt]) this.dataValues[createdAt] = now;
    sanitize(this);
    const names = Object.keys(M.rawAttributes);
    if (options.hooks) await M.runHooks('beforeValidate', this, options);
    if (options.validate !== false) notNullCheck(this, this.isNewRecord ? names : changed);
    if (options.hooks) {
      await M.runHooks('afterValidate', this, options);
      await M.runHooks(this.isNewRecord ? 'beforeCreate' : 'beforeUpdate', this, options);
      await M.runHooks('beforeSave', this, options);
    }
    const wasNew = this.isNewRecord;
    if (wasNew) {
      const values = fieldValues(M, this.dataValues, names.filter((n) => this.dataValues[n] !== undefined));
      const req = { table: table(M.getTableName()), values, attributes: fieldColumns(M) };
      // findOrCreate's `exception: true`: postgres wraps the INSERT in a function named by
      // a fresh v4 uuid's hex.
      if (options.exception) req.exception = seqmig.modelHelpers.uuidv4().replace(/-/g, '');
      const out = op(M, 'model_insert', req, options);
      if (out && out.row) {
        const row = parseRow(M, out.row);
        for (const key of Object.keys(row)) this.dataValues[key] = row[key];
      } else if (out && out.id !== null && out.id !== undefined) {
        const pk = M.primaryKeyAttribute;
        const attr = pk && M.rawAttributes[pk];
        if (attr && attr.autoIncrement && (this.dataValues[pk] === null || this.dataValues[pk] === undefined)) {
          this.dataValues[pk] = out.id;
        }
      }
    } else {
      // Sequelize keeps the order of the changes, with updatedAt last.
      const ordered = changed.filter((n) => n !== updatedAt);
      if (updatedAt && changed.includes(updatedAt)) ordered.push(updatedAt);
      op(M, 'qi_bulk_update', {
        table: table(M.getTableName()),
        values: fieldValues(M, this.dataValues, ordered),
        where: seqmig.toWhere(this.where()),
        options: {},
        attributes: fieldColumns(M),
      }, options);
    }
    // Node resolves the query on a later turn of its event loop: saves started together
    // (Promise.all) all send their statement before any of them runs its after hooks.
    await new Promise((resolve) => globalThis.setTimeout(resolve, 0));
    // The after hooks still see the previous values and the changes (Sequelize resets
    // them after the hooks).
    this.isNewRecord = false;
    if (options.hooks) {
      await M.runHooks(wasNew ? 'afterCreate' : 'afterUpdate', this, options);
      await M.runHooks('afterSave', this, options);
    }
    this._settle();
    return this;
  };

  // The primary key condition of an instance, keyed by field (Model.prototype.where).
  Model.prototype.where = function where() {
    const M = this.constructor;
    const out = {};
    for (const pk of M.primaryKeyAttributes) out[fieldOf(M, pk)] = this.dataValues[pk];
    return out;
  };

  Model.prototype.update = async function update(values, options) {
    values = Object.assign({}, values);
    this.set(values, options && options.raw ? { raw: true } : {});
    return this.save(options);
  };

  Model.prototype.destroy = async function destroy(options) {
    options = Object.assign({ hooks: true, force: false }, options);
    const M = this.constructor;
    if (options.hooks) await M.runHooks('beforeDestroy', this, options);
    const name = M._timestampAttributes.deletedAt;
    let result;
    if (M.options.paranoid && name && !options.force) {
      this.setDataValue(name, new Date());
      result = await this.save(Object.assign({}, options, { hooks: false }));
    } else {
      result = op(M, 'qi_bulk_delete', { table: table(M.getTableName()), where: seqmig.toWhere(this.where()), options: {} }, options);
    }
    if (options.hooks) await M.runHooks('afterDestroy', this, options);
    return result;
  };

  Model.prototype.reload = async function reload(options) {
    const M = this.constructor;
    // Utils.defaults({ where }, options): the paranoid clause applies as in any findOne.
    const found = await M.findOne(Object.assign({ where: this.where() }, options));
    if (!found) throw new errors.InstanceError('Instance could not be reloaded because it does not exist anymore (find call returned null)');
    this.dataValues = found.dataValues;
    return this._settle();
  };

  Model.prototype.increment = async function increment(fields, options) {
    await this.constructor.increment(fields, Object.assign({}, options, { where: this.where(), _byField: true }));
    return this;
  };

  Model.prototype.decrement = async function decrement(fields, options) {
    await this.constructor.decrement(fields, Object.assign({}, options, { where: this.where(), _byField: true }));
    return this;
  };

  Model.create = async function create(values, options) {
    options = Object.assign({}, options);
    noInclude(this, options);
    return this.build(values, { isNewRecord: true, raw: options.raw }).save(options);
  };

  Model.bulkCreate = async function bulkCreate(records, options) {
    if (!Array.isArray(records)) throw new Error(`${this.name}.bulkCreate expects an array of records`);
    options = Object.assign({ validate: false, hooks: true, ignoreDuplicates: false }, options);
    noInclude(this, options);
    const M = this;
    const instances = records.map((r) => M.build(r, { isNewRecord: true }));
    if (options.hooks) await M.runHooks('beforeBulkCreate', instances, options);
    const { createdAt, updatedAt } = M._timestampAttributes;
    const now = new Date();
    const names = options.fields || Object.keys(M.rawAttributes);
    const rows = instances.map((inst) => {
      if (createdAt && !inst.dataValues[createdAt]) inst.dataValues[createdAt] = now;
      if (updatedAt && !(options.silent && inst.dataValues[updatedAt])) inst.dataValues[updatedAt] = now;
      sanitize(inst);
      if (options.validate) notNullCheck(inst, names);
      return fieldValues(M, inst.dataValues, names.filter((n) => Object.prototype.hasOwnProperty.call(inst.dataValues, n)));
    });
    if (rows.length) {
      const opts = {};
      if (options.ignoreDuplicates) opts.ignoreDuplicates = true;
      if (options.updateOnDuplicate) {
        opts.updateOnDuplicate = options.updateOnDuplicate.map((n) => fieldOf(M, n));
        opts.upsertKeys = M.primaryKeyAttributes.map((n) => fieldOf(M, n));
      }
      // Sequelize asks for every field back where the dialect can (postgres).
      if (options.returning !== false) opts.returning = Object.keys(fieldColumns(M));
      const out = op(M, 'qi_bulk_insert', { table: table(M.getTableName()), records: rows, options: opts, attributes: fieldColumns(M) }, options);
      if (Array.isArray(out) && out.length === instances.length && out.every((r) => r && typeof r === 'object' && !Array.isArray(r))) {
        out.forEach((r, i) => Object.assign(instances[i].dataValues, parseRow(M, r)));
      } else if (typeof out === 'number' && !options.ignoreDuplicates && !options.updateOnDuplicate) {
        // sqlite's query: the auto-increment keys run up to lastID (lastID - changes + 1 ...);
        // mysql's and mariadb's: from insertId, the first one (startId + i).
        const auto = Object.keys(M.rawAttributes).find((n) => M.rawAttributes[n].autoIncrement);
        const fromFirst = ['mysql', 'mariadb'].includes(M.sequelize.getDialect());
        if (auto) instances.forEach((inst, i) => { inst.dataValues[auto] = fromFirst ? out + i : out - instances.length + 1 + i; });
      }
    }
    for (const inst of instances) inst._settle();
    if (options.hooks) await M.runHooks('afterBulkCreate', instances, options);
    return instances;
  };

  function changes(out) {
    if (typeof out === 'number') return out;
    if (Array.isArray(out) && out[1] && typeof out[1] === 'object') {
      const m = out[1];
      return m.changes !== undefined ? m.changes : (m.rowCount !== undefined ? m.rowCount : 0);
    }
    if (Array.isArray(out) && typeof out[1] === 'number') return out[1];
    return out;
  }

  Model.update = async function update(values, options) {
    options = Object.assign({ hooks: true }, options);
    if (!options || options.where === undefined) throw new Error('Missing where attribute in the options parameter');
    const M = this;
    if (options.hooks) await M.runHooks('beforeBulkUpdate', Object.assign(options, { attributes: values }));
    // Sequelize builds an instance to run the setters, then keeps only the given keys.
    const inst = M.build(values);
    const names = Object.keys(M.rawAttributes).filter((n) => Object.prototype.hasOwnProperty.call(values, n));
    const updatedAt = M._timestampAttributes.updatedAt;
    if (updatedAt && !options.silent && !names.includes(updatedAt)) {
      inst.dataValues[updatedAt] = new Date();
      names.push(updatedAt);
    }
    sanitize(inst);
    if (!names.length) return [0];
    const where = paranoid(M, mapWhere(M, options.where), options);
    const out = op(M, 'qi_bulk_update', {
      table: table(M.getTableName()),
      values: fieldValues(M, inst.dataValues, names),
      where: seqmig.toWhere(where),
      options: options.limit ? { limit: options.limit } : {},
      attributes: fieldColumns(M),
    }, options);
    const affected = changes(out);
    if (options.hooks) await M.runHooks('afterBulkUpdate', options);
    return [affected];
  };

  Model.destroy = async function destroy(options) {
    options = Object.assign({ hooks: true, force: false }, options);
    if (options.where === undefined && !options.truncate) {
      throw new Error('Missing where or truncate attribute in the options parameter of model.destroy.');
    }
    const M = this;
    if (options.hooks) await M.runHooks('beforeBulkDestroy', options);
    const field = deletedField(M);
    let out;
    if (field && !options.force) {
      const where = Object.assign({ [field]: null }, mapWhere(M, options.where || {}));
      out = op(M, 'qi_bulk_update', {
        table: table(M.getTableName()),
        values: { [field]: seqmig.toSqlValue(new Date()) },
        where: seqmig.toWhere(where),
        options: {},
        attributes: fieldColumns(M),
      }, options);
    } else {
      const opts = {};
      if (options.limit) opts.limit = options.limit;
      if (options.truncate) opts.truncate = true;
      if (options.cascade) opts.cascade = true;
      if (options.restartIdentity) opts.restartIdentity = true;
      out = op(M, 'qi_bulk_delete', {
        table: table(M.getTableName()), where: seqmig.toWhere(mapWhere(M, options.where || {})), options: opts,
        type: 'BULKDELETE',
      }, options);
    }
    const affected = changes(out);
    if (options.hooks) await M.runHooks('afterBulkDestroy', options);
    return affected;
  };

  function arithmetic(M, fields, options, operator) {
    options = Object.assign({ by: 1 }, options);
    if (options.where === undefined) throw new Error('Missing where attribute in the options parameter');
    let amounts = {};
    if (typeof fields === 'string') amounts[fields] = options.by;
    else if (Array.isArray(fields)) for (const f of fields) amounts[f] = options.by;
    else amounts = Object.assign({}, fields);
    const byField = {};
    for (const k of Object.keys(amounts)) byField[fieldOf(M, k)] = seqmig.toSqlValue(amounts[k]);
    const extra = {};
    const updatedAt = M._timestampAttributes.updatedAt;
    if (updatedAt && !options.silent && !(updatedAt in amounts)) {
      extra[fieldOf(M, updatedAt)] = seqmig.toSqlValue(new Date());
    }
    const where = mapWhere(M, options.where);
    return op(M, 'qi_increment', {
      table: table(M.getTableName()), operator, where: seqmig.toWhere(where), amounts: byField, extra,
    }, options);
  }

  Model.increment = async function increment(fields, options) {
    return arithmetic(this, fields, options, '+');
  };
  Model.decrement = async function decrement(fields, options) {
    return arithmetic(this, fields, options, '-');
  };

  seqmig.setLazy(seqmig, 'modelQuery', { parseRow, instanceFromRow });
  // For the statics of 72_model_statics.js.
  seqmig.setLazy(seqmig, 'modelInternals', {
    op, noInclude, fieldOf, fieldColumns, selectRequest, parseRow, parseDate, notNullCheck, mapWhere, paranoid,
  });
  function define(obj, name, value) {
    seqmig.define(obj, name, value);
  }
  void SequelizeMethod;
})();
