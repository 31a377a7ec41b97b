// The rest of sequelize 6.37.8's model API that data migrations use (src/model.js,
// src/instance-validator.js): paranoid restore (static and instance), instance destroy
// with `force` and hooked cascades, findOrBuild, findCreateFind, individualHooks on bulk
// update/destroy, scopes under update/destroy/aggregate, and the attributes' `validate`
// rules and model validators behind SequelizeValidationError.
(function () {
  'use strict';
  const seqmig = globalThis.__seqmig;
  const Model = seqmig.Model;
  const errors = seqmig.errors;
  const isPlainObject = seqmig.isPlainObject;
  const { op, fieldOf, fieldColumns, mapWhere } = seqmig.modelInternals;
  const table = seqmig.normalizeTable;

  function deletedAtDefault(M) {
    const attr = M.rawAttributes[M._timestampAttributes.deletedAt];
    return Object.prototype.hasOwnProperty.call(attr, 'defaultValue') ? attr.defaultValue : null;
  }

  Model.restore = async function restore(options) {
    if (!this._timestampAttributes.deletedAt) throw new Error('Model is not paranoid');
    options = Object.assign({ hooks: true, individualHooks: false }, options);
    const M = this;
    if (options.hooks) await M.runHooks('beforeBulkRestore', options);
    let instances;
    if (options.individualHooks) {
      instances = await M.findAll({ where: options.where, transaction: options.transaction, logging: options.logging, paranoid: false });
      for (const i of instances) await M.runHooks('beforeRestore', i, options);
    }
    const name = M._timestampAttributes.deletedAt;
    const out = op(M, 'qi_bulk_update', {
      table: table(M.getTableName()),
      values: { [fieldOf(M, name)]: seqmig.toSqlValue(deletedAtDefault(M)) },
      where: seqmig.toWhere(mapWhere(M, options.where || {})),
      options: {},
      attributes: fieldColumns(M),
    }, options);
    if (options.individualHooks) for (const i of instances) await M.runHooks('afterRestore', i, options);
    if (options.hooks) await M.runHooks('afterBulkRestore', options);
    return out;
  };

  Model.prototype.isSoftDeleted = function isSoftDeleted() {
    const M = this.constructor;
    if (!M._timestampAttributes.deletedAt) throw new Error('Model is not paranoid');
    const deletedAt = this.get(M._timestampAttributes.deletedAt) || null;
    return deletedAt !== deletedAtDefault(M);
  };

  Model.prototype.restore = async function restore(options) {
    const M = this.constructor;
    if (!M._timestampAttributes.deletedAt) throw new Error('Model is not paranoid');
    options = Object.assign({ hooks: true, force: false }, options);
    if (options.hooks) await M.runHooks('beforeRestore', this, options);
    this.setDataValue(M._timestampAttributes.deletedAt, deletedAtDefault(M));
    const result = await this.save(Object.assign({}, options, { hooks: false, omitNull: false }));
    if (options.hooks) await M.runHooks('afterRestore', this, options);
    return result;
  };

  // Model.prototype.destroy, with queryInterface.delete's cascade of hooked associations.
  Model.prototype.destroy = async function destroy(options) {
    options = Object.assign({ hooks: true, force: false }, options);
    const M = this.constructor;
    if (options.hooks) await M.runHooks('beforeDestroy', this, options);
    const name = M._timestampAttributes.deletedAt;
    let result;
    if (name && options.force === false) {
      const def = deletedAtDefault(M);
      const current = this.getDataValue(name);
      if ((current == null && def == null) || current === def) this.setDataValue(name, new Date());
      result = await this.save(Object.assign({}, options, { hooks: false }));
    } else {
      for (const association of Object.values(M.associations || {})) {
        const o = association.options;
        if (!(o && o.onDelete && String(o.onDelete).toLowerCase() === 'cascade' && o.useHooks === true)) continue;
        let instances = await this[association.accessors.get](options);
        if (!instances) continue;
        if (!Array.isArray(instances)) instances = [instances];
        for (const i of instances) await i.destroy(options);
      }
      result = op(M, 'qi_bulk_delete', { table: table(M.getTableName()), where: seqmig.toWhere(this.where()), options: {} }, options);
    }
    if (options.hooks) await M.runHooks('afterDestroy', this, options);
    return result;
  };

  function defaultsFromWhere(options) {
    const values = Object.assign({}, options.defaults);
    if (isPlainObject(options.where)) {
      for (const key of Object.keys(options.where)) if (values[key] === undefined) values[key] = options.where[key];
    }
    return values;
  }

  Model.findOrBuild = async function findOrBuild(options) {
    if (!options || !options.where || arguments.length > 1) {
      throw new Error('Missing where attribute in the options parameter passed to findOrBuild. Please note that the API has changed, and is now options only (an object with where, defaults keys, transaction etc.)');
    }
    const instance = await this.findOne(options);
    if (instance === null) return [this.build(defaultsFromWhere(options), options), true];
    return [instance, false];
  };

  Model.findCreateFind = async function findCreateFind(options) {
    if (!options || !options.where) throw new Error('Missing where attribute in the options parameter passed to findCreateFind.');
    const values = defaultsFromWhere(options);
    const found = await this.findOne(options);
    if (found) return [found, false];
    try {
      const createOptions = Object.assign({}, options);
      if (this.sequelize.options.dialect === 'postgres' && options.transaction) createOptions.ignoreDuplicates = true;
      return [await this.create(values, createOptions), true];
    } catch (err) {
      if (!(err instanceof errors.UniqueConstraintError || err instanceof errors.EmptyResultError)) throw err;
      return [await this.findOne(options), false];
    }
  };

  // update/destroy merge the scope first; individualHooks run the per-instance hooks
  // around the one bulk statement, as Sequelize does when the hooks agree.
  const bulkUpdate = Model.update;
  Model.update = async function update(values, options) {
    options = Object.assign({}, options);
    if (typeof this._injectScope === 'function') this._injectScope(options);
    if (!options.individualHooks) return bulkUpdate.call(this, values, options);
    if (options.where === undefined) throw new Error('Missing where attribute in the options parameter');
    const M = this;
    const instances = await M.findAll({ where: options.where, transaction: options.transaction, logging: options.logging, paranoid: options.paranoid });
    let useValues = Object.assign({}, values);
    if (instances.length) {
      let changedValues;
      let different = false;
      for (const instance of instances) {
        Object.assign(instance.dataValues, values);
        for (const k of Object.keys(values)) instance.changed(k, values[k] !== instance._previousDataValues[k]);
        await M.runHooks('beforeUpdate', instance, options);
        await M.runHooks('beforeSave', instance, options);
        const mine = {};
        for (const k of Object.keys(instance.dataValues)) {
          if (instance.dataValues[k] !== instance._previousDataValues[k]) mine[k] = instance.dataValues[k];
        }
        if (!changedValues) changedValues = mine;
        else if (JSON.stringify(changedValues) !== JSON.stringify(mine)) different = true;
      }
      if (different) {
        for (const instance of instances) await instance.save(Object.assign({}, options, { hooks: false }));
      } else if (changedValues && Object.keys(changedValues).length) {
        useValues = changedValues;
      }
      if (!different) await bulkUpdate.call(M, useValues, Object.assign({}, options, { individualHooks: false }));
      for (const instance of instances) {
        await M.runHooks('afterUpdate', instance, options);
        await M.runHooks('afterSave', instance, options);
      }
    }
    return [instances.length, instances];
  };

  const bulkDestroy = Model.destroy;
  Model.destroy = async function destroy(options) {
    options = Object.assign({}, options);
    if (typeof this._injectScope === 'function') this._injectScope(options);
    if (!options.individualHooks) return bulkDestroy.call(this, options);
    const M = this;
    const instances = await M.findAll({ where: options.where, transaction: options.transaction, logging: options.logging });
    for (const i of instances) await M.runHooks('beforeDestroy', i, options);
    const out = await bulkDestroy.call(M, Object.assign({}, options, { individualHooks: false }));
    for (const i of instances) await M.runHooks('afterDestroy', i, options);
    return out;
  };

  // validator.js's rules as Sequelize's instance-validator calls them (on String(value)).
  const RULES = {
    isEmail: (s) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s),
    isUrl: (s) => /^(https?|ftp):\/\/[^\s/$.?#].[^\s]*$/i.test(s),
    isInt: (s) => /^[-+]?(?:0|[1-9][0-9]*)$/.test(s),
    isFloat: (s) => s !== '' && !Number.isNaN(Number(s)),
    isDecimal: (s) => /^[-+]?([0-9]+)?(\.[0-9]+)?$/.test(s) && s !== '',
    isNumeric: (s) => /^[+-]?([0-9]*[.])?[0-9]+$/.test(s),
    isAlpha: (s) => /^[A-Z]+$/i.test(s),
    isAlphanumeric: (s) => /^[0-9A-Z]+$/i.test(s),
    isLowercase: (s) => s === s.toLowerCase(),
    isUppercase: (s) => s === s.toUpperCase(),
    isUUID: (s) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s),
    isDate: (s) => !Number.isNaN(new Date(s).getTime()),
    notEmpty: (s) => !/^[\s\t\r\n]*$/.test(s),
    len: (s, min, max) => s.length >= (min || 0) && (max === undefined || s.length <= max),
    isIn: (s, list) => (list || []).map(String).includes(s),
    notIn: (s, list) => !(list || []).map(String).includes(s),
    contains: (s, sub) => s.includes(String(sub)),
    notContains: (s, sub) => !s.includes(String(sub)),
    equals: (s, other) => s === String(other),
    min: (s, n) => Number(s) >= n,
    max: (s, n) => Number(s) <= n,
    is: (s, re, flags) => new RegExp(re, flags).test(s),
    not: (s, re, flags) => !new RegExp(re, flags).test(s),
  };

  function ruleArgs(name, test) {
    let args = test && test.args !== undefined ? test.args : test;
    if (name === 'isIn' || name === 'notIn') return Array.isArray(args) && Array.isArray(args[0]) ? [args[0]] : [args];
    if (args instanceof RegExp) return [args];
    if (name === 'len' || name === 'is' || name === 'not') return Array.isArray(args) ? args : [args];
    if (args === true || (isPlainObject(args) && args.msg !== undefined && args.args === undefined)) return [];
    return Array.isArray(args) ? args : [args];
  }

  // InstanceValidator: per attribute (non-null values), then the model's validators.
  seqmig.setLazy(seqmig, 'modelValidation', function modelValidation(inst, names) {
    const M = inst.constructor;
    const items = [];
    for (const name of names) {
      const attr = M.rawAttributes[name];
      if (!attr || !attr.validate) continue;
      const value = inst.dataValues[name];
      if (value === null || value === undefined) continue;
      for (const [key, test] of Object.entries(attr.validate)) {
        if (['isNull', 'notNull'].includes(key)) continue;
        if (typeof test === 'function') {
          try {
            test.call(inst, value);
          } catch (e) {
            items.push(new errors.ValidationErrorItem(e && e.message !== undefined ? e.message : String(e), 'Validation error', name, value, inst, key, undefined, undefined));
          }
          continue;
        }
        const rule = RULES[key];
        if (!rule) throw seqmig.modelUnsupported(`${M.name}.${name} validator ${key}`);
        const args = ruleArgs(key, test);
        const valueString = String(value);
        if (!rule(valueString, ...args)) {
          const msg = test && test.msg ? test.msg : `Validation ${key} on ${name} failed`;
          items.push(new errors.ValidationErrorItem(msg, 'Validation error', name, value, inst, key, key, args));
        }
      }
    }
    for (const [key, fn] of Object.entries(M.options.validate || {})) {
      if (typeof fn !== 'function') continue;
      try {
        fn.call(inst);
      } catch (e) {
        items.push(new errors.ValidationErrorItem(e && e.message !== undefined ? e.message : String(e), 'Validation error', key, undefined, inst, key, undefined, undefined));
      }
    }
    return items;
  });

  Model.prototype.validate = async function validate(options) {
    options = Object.assign({ hooks: true }, options);
    const M = this.constructor;
    if (options.hooks) await M.runHooks('beforeValidate', this, options);
    const names = Object.keys(M.rawAttributes).filter((n) => !options.skip || !options.skip.includes(n));
    try {
      seqmig.modelInternals.notNullCheck(this, names);
    } catch (e) {
      if (options.hooks) await M.runHooks('validationFailed', this, options, e);
      throw e;
    }
    if (options.hooks) await M.runHooks('afterValidate', this, options);
  };
})();

// Model.prototype.equals / equalsOneOf: same class and the same primary key values.
(function () {
  'use strict';
  const seqmig = globalThis.__seqmig;
  const Model = seqmig.Model;
  Model.prototype.equals = function equals(other) {
    if (!other || !other.constructor) return false;
    if (!(other instanceof this.constructor)) return false;
    return this.constructor.primaryKeyAttributes.every((a) => this.get(a, { raw: true }) === other.get(a, { raw: true }));
  };
  Model.prototype.equalsOneOf = function equalsOneOf(others) {
    return others.some((other) => this.equals(other));
  };
})();

// Model.bulkCreate with `individualHooks`: the bulk hooks around one save() per instance,
// each with its own create hooks (and validation first, collected as Sequelize collects it).
(function () {
  'use strict';
  const seqmig = globalThis.__seqmig;
  const Model = seqmig.Model;
  const errors = seqmig.errors;
  const bulkCreate = Model.bulkCreate;
  Model.bulkCreate = async function (records, options) {
    if (!options || !options.individualHooks || !Array.isArray(records)) return bulkCreate.call(this, records, options);
    options = Object.assign({ validate: false, hooks: true, ignoreDuplicates: false }, options);
    const M = this;
    const instances = records.map((r) => M.build(r, { isNewRecord: true }));
    if (options.hooks) await M.runHooks('beforeBulkCreate', instances, options);
    if (options.validate) {
      const failed = [];
      for (const instance of instances) {
        try {
          await instance.validate(Object.assign({}, options, { hooks: options.individualHooks }));
        } catch (err) {
          failed.push(new errors.BulkRecordError(err, instance));
        }
      }
      if (failed.length) throw new errors.AggregateError(failed);
    }
    await Promise.all(instances.map(async (instance) => {
      const individual = Object.assign({}, options, { validate: false, hooks: true });
      delete individual.fields;
      delete individual.individualHooks;
      delete individual.ignoreDuplicates;
      await instance.save(individual);
    }));
    if (options.hooks) await M.runHooks('afterBulkCreate', instances, options);
    return instances;
  };
})();

// Model.truncate (destroy with `truncate: true`) and Model.drop (queryInterface.dropTable
// of the model's table), as Sequelize runs them.
(function () {
  'use strict';
  const seqmig = globalThis.__seqmig;
  const Model = seqmig.Model;
  Model.truncate = async function truncate(options) {
    return this.destroy(Object.assign({}, options, { truncate: true }));
  };
  Model.drop = async function drop(options) {
    return this.sequelize.getQueryInterface().dropTable(this.getTableName(options), options);
  };
})();
