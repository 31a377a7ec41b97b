// Sequelize 6.37.8's associations (src/associations/*.js): BelongsTo, HasOne and HasMany
// with the keys, aliases and accessors Sequelize derives, the foreign key attributes they
// add, and the accessor methods (get/set/add/remove/has/count/create), which run through
// the finders and writes of 71_model_query.js / 72_model_statics.js and the include machinery of 75-77_model_*.js.
// BelongsToMany and the Model.hasMany/... statics are in 74_model_belongs_to_many.js.
(function () {
  'use strict';
  const seqmig = globalThis.__seqmig;
  const Model = seqmig.Model;
  const Op = seqmig.Op;
  const errors = seqmig.errors;
  const { singularize } = seqmig.inflection;
  const isPlainObject = seqmig.isPlainObject;
  const { Fn, Col } = seqmig.Utils;

  // Utils.camelize: `_x` → `X`, the rest kept.
  const camelize = (s) => String(s).trim().replace(/[-_\s]+(.)?/g, (m, c) => (c ? c.toUpperCase() : ''));
  const upperFirst = (s) => (s ? s.charAt(0).toUpperCase() + s.slice(1) : s);
  const isObject = (v) => v !== null && (typeof v === 'object' || typeof v === 'function');

  // Utils.cloneDeep: arrays and plain objects (with their symbol keys) copied, the rest shared.
  // lodash's cloneDeep keeps cycles (an include's `parent`) as cycles.
  function cloneDeep(v, seen) {
    if (!Array.isArray(v) && !isPlainObject(v)) return v;
    seen = seen || new Map();
    if (seen.has(v)) return seen.get(v);
    if (Array.isArray(v)) {
      const arr = [];
      seen.set(v, arr);
      for (const x of v) arr.push(cloneDeep(x, seen));
      return arr;
    }
    const out = {};
    seen.set(v, out);
    for (const k of Object.keys(v)) out[k] = cloneDeep(v[k], seen);
    for (const s of Object.getOwnPropertySymbols(v)) out[s] = cloneDeep(v[s], seen);
    return out;
  }

  function addForeignKeyConstraints(newAttribute, source, target, options, key) {
    if (options.foreignKeyConstraint || options.onDelete || options.onUpdate) {
      const primaryKeys = source.primaryKeyAttributes.map((a) => source.rawAttributes[a].field || a);
      if (primaryKeys.length === 1 || !primaryKeys.includes(key)) {
        newAttribute.references = { model: source.getTableName(), key: key || primaryKeys[0] };
        newAttribute.onDelete = options.onDelete;
        newAttribute.onUpdate = options.onUpdate;
      }
    }
  }

  function checkNamingCollision(association) {
    if (Object.prototype.hasOwnProperty.call(association.source.rawAttributes, association.as)) {
      throw new Error(`Naming collision between attribute '${association.as}' and association '${association.as}' on model ${association.source.name}. To remedy this, change either foreignKey or as in your association definition`);
    }
  }

  // Utils.mergeDefaults: the new attribute fills what the model's own definition leaves out.
  function mergeDefaults(attributes, added) {
    for (const [name, attr] of Object.entries(added)) {
      attributes[name] = attributes[name] ? Object.assign({}, attr, attributes[name]) : attr;
    }
  }

  function mixinMethods(association, obj, methods, aliases) {
    aliases = aliases || {};
    for (const method of methods) {
      if (!Object.prototype.hasOwnProperty.call(obj, association.accessors[method])) {
        const realMethod = aliases[method] || method;
        obj[association.accessors[method]] = function () {
          return association[realMethod](this, ...Array.from(arguments));
        };
      }
    }
  }

  class Association {
    constructor(source, target, options = {}) {
      this.source = source;
      this.target = target;
      this.options = options;
      this.scope = options.scope;
      this.isSelfAssociation = this.source === this.target;
      this.as = options.as;
      this.associationType = '';
      if (source.hasAlias(options.as)) {
        throw new errors.AssociationError(`You have used the alias ${options.as} in two separate associations. Aliased associations must have unique aliases.`);
      }
    }

    toInstanceArray(input) {
      if (!Array.isArray(input)) input = [input];
      return input.map((element) => {
        if (element instanceof this.target) return element;
        return this.target.build({ [this.target.primaryKeyAttribute]: element }, { isNewRecord: false });
      });
    }
  }

  function singleName(assoc) {
    if (assoc.as) {
      assoc.isAliased = true;
      assoc.options.name = { singular: assoc.as };
    } else {
      assoc.as = assoc.target.options.name.singular;
      assoc.options.name = assoc.target.options.name;
    }
  }

  function multiName(assoc) {
    if (assoc.as) {
      assoc.isAliased = true;
      if (isPlainObject(assoc.as)) {
        assoc.options.name = assoc.as;
        assoc.as = assoc.as.plural;
      } else {
        assoc.options.name = { plural: assoc.as, singular: singularize(assoc.as) };
      }
    } else {
      assoc.as = assoc.target.options.name.plural;
      assoc.options.name = assoc.target.options.name;
    }
  }

  function foreignKeyOption(assoc) {
    if (isObject(assoc.options.foreignKey)) {
      assoc.foreignKeyAttribute = assoc.options.foreignKey;
      assoc.foreignKey = assoc.foreignKeyAttribute.name || assoc.foreignKeyAttribute.fieldName;
    } else if (assoc.options.foreignKey) {
      assoc.foreignKey = assoc.options.foreignKey;
    }
  }

  function scoped(Target, options) {
    if (Object.prototype.hasOwnProperty.call(options, 'scope')) {
      return options.scope ? Target.scope(options.scope) : Target.unscoped();
    }
    return Target;
  }

  function verifySingular(alias) {
    if (typeof alias === 'string') return this.as === alias;
    if (alias && alias.singular) return this.as === alias.singular;
    return !this.isAliased;
  }
  function verifyPlural(alias) {
    if (typeof alias === 'string') return this.as === alias;
    if (alias && alias.plural) return this.as === alias.plural;
    return !this.isAliased;
  }

  class BelongsTo extends Association {
    constructor(source, target, options) {
      super(source, target, options);
      this.associationType = 'BelongsTo';
      this.isSingleAssociation = true;
      this.foreignKeyAttribute = {};
      singleName(this);
      foreignKeyOption(this);
      if (!this.foreignKey) this.foreignKey = camelize([this.as, this.target.primaryKeyAttribute].join('_'));
      this.identifier = this.foreignKey;
      if (this.source.rawAttributes[this.identifier]) {
        this.identifierField = this.source.rawAttributes[this.identifier].field || this.identifier;
      }
      if (this.options.targetKey && !this.target.rawAttributes[this.options.targetKey]) {
        throw new Error(`Unknown attribute "${this.options.targetKey}" passed as targetKey, define this attribute on model "${this.target.name}" first`);
      }
      this.targetKey = this.options.targetKey || this.target.primaryKeyAttribute;
      this.targetKeyField = this.target.rawAttributes[this.targetKey].field || this.targetKey;
      this.targetKeyIsPrimary = this.targetKey === this.target.primaryKeyAttribute;
      this.targetIdentifier = this.targetKey;
      this.associationAccessor = this.as;
      const singular = upperFirst(this.options.name.singular);
      this.accessors = { get: `get${singular}`, set: `set${singular}`, create: `create${singular}` };
    }

    _injectAttributes() {
      const newAttributes = {
        [this.foreignKey]: Object.assign({
          type: this.options.keyType || this.target.rawAttributes[this.targetKey].type, allowNull: true,
        }, this.foreignKeyAttribute),
      };
      if (this.options.constraints !== false) {
        const source = this.source.rawAttributes[this.foreignKey] || newAttributes[this.foreignKey];
        this.options.onDelete = this.options.onDelete || (source.allowNull ? 'SET NULL' : 'NO ACTION');
        this.options.onUpdate = this.options.onUpdate || 'CASCADE';
      }
      addForeignKeyConstraints(newAttributes[this.foreignKey], this.target, this.source, this.options, this.targetKeyField);
      mergeDefaults(this.source.rawAttributes, newAttributes);
      this.source._refreshAttributes();
      this.identifierField = this.source.rawAttributes[this.foreignKey].field || this.foreignKey;
      checkNamingCollision(this);
      return this;
    }

    mixin(obj) {
      mixinMethods(this, obj, ['get', 'set', 'create']);
    }

    async get(instances, options) {
      const where = {};
      options = cloneDeep(options) || {};
      const Target = scoped(this.target, options);
      let instance;
      if (!Array.isArray(instances)) {
        instance = instances;
        instances = undefined;
      }
      if (instances) {
        where[this.targetKey] = { [Op.in]: instances.map((i) => i.get(this.foreignKey)) };
      } else {
        if (this.targetKeyIsPrimary && !options.where) return Target.findByPk(instance.get(this.foreignKey), options);
        where[this.targetKey] = instance.get(this.foreignKey);
        options.limit = null;
      }
      options.where = options.where ? { [Op.and]: [where, options.where] } : where;
      if (instances) {
        const results = await Target.findAll(options);
        const result = {};
        for (const i of instances) result[i.get(this.foreignKey, { raw: true })] = null;
        for (const i of results) result[i.get(this.targetKey, { raw: true })] = i;
        return result;
      }
      return Target.findOne(options);
    }

    async set(sourceInstance, associatedInstance, options = {}) {
      let value = associatedInstance;
      if (associatedInstance instanceof this.target) value = associatedInstance[this.targetKey];
      sourceInstance.set(this.foreignKey, value);
      if (options.save === false) return undefined;
      options = Object.assign({ fields: [this.foreignKey], allowNull: [this.foreignKey], association: true }, options);
      return sourceInstance.save(options);
    }

    async create(sourceInstance, values, options) {
      const created = await this.target.create(values || {}, options || {});
      await sourceInstance[this.accessors.set](created, options || {});
      return created;
    }
  }
  BelongsTo.prototype.verifyAssociationAlias = verifySingular;

  class HasOne extends Association {
    constructor(source, target, options) {
      super(source, target, options);
      this.associationType = 'HasOne';
      this.isSingleAssociation = true;
      this.foreignKeyAttribute = {};
      singleName(this);
      foreignKeyOption(this);
      if (!this.foreignKey) {
        this.foreignKey = camelize([singularize(this.options.as || this.source.name), this.source.primaryKeyAttribute].join('_'));
      }
      if (this.options.sourceKey && !this.source.rawAttributes[this.options.sourceKey]) {
        throw new Error(`Unknown attribute "${this.options.sourceKey}" passed as sourceKey, define this attribute on model "${this.source.name}" first`);
      }
      this.sourceKey = this.sourceKeyAttribute = this.options.sourceKey || this.source.primaryKeyAttribute;
      this.sourceKeyField = this.source.rawAttributes[this.sourceKey].field || this.sourceKey;
      this.sourceKeyIsPrimary = this.sourceKey === this.source.primaryKeyAttribute;
      this.associationAccessor = this.as;
      if (this.target.rawAttributes[this.foreignKey]) {
        this.identifierField = this.target.rawAttributes[this.foreignKey].field || this.foreignKey;
      }
      const singular = upperFirst(this.options.name.singular);
      this.accessors = { get: `get${singular}`, set: `set${singular}`, create: `create${singular}` };
    }

    _injectAttributes() {
      const newAttributes = {
        [this.foreignKey]: Object.assign({
          type: this.options.keyType || this.source.rawAttributes[this.sourceKey].type, allowNull: true,
        }, this.foreignKeyAttribute),
      };
      if (this.options.constraints !== false) {
        const target = this.target.rawAttributes[this.foreignKey] || newAttributes[this.foreignKey];
        this.options.onDelete = this.options.onDelete || (target.allowNull ? 'SET NULL' : 'CASCADE');
        this.options.onUpdate = this.options.onUpdate || 'CASCADE';
      }
      addForeignKeyConstraints(newAttributes[this.foreignKey], this.source, this.target, this.options, this.sourceKeyField);
      mergeDefaults(this.target.rawAttributes, newAttributes);
      this.target._refreshAttributes();
      this.identifierField = this.target.rawAttributes[this.foreignKey].field || this.foreignKey;
      checkNamingCollision(this);
      return this;
    }

    mixin(obj) {
      mixinMethods(this, obj, ['get', 'set', 'create']);
    }

    async get(instances, options) {
      const where = {};
      options = cloneDeep(options) || {};
      const Target = scoped(this.target, options);
      let instance;
      if (!Array.isArray(instances)) {
        instance = instances;
        instances = undefined;
      }
      if (instances) where[this.foreignKey] = { [Op.in]: instances.map((i) => i.get(this.sourceKey)) };
      else where[this.foreignKey] = instance.get(this.sourceKey);
      if (this.scope) Object.assign(where, this.scope);
      options.where = options.where ? { [Op.and]: [where, options.where] } : where;
      if (instances) {
        const results = await Target.findAll(options);
        const result = {};
        for (const i of instances) result[i.get(this.sourceKey, { raw: true })] = null;
        for (const i of results) result[i.get(this.foreignKey, { raw: true })] = i;
        return result;
      }
      return Target.findOne(options);
    }

    async set(sourceInstance, associatedInstance, options) {
      const oldInstance = await sourceInstance[this.accessors.get](options);
      const alreadyAssociated = oldInstance && associatedInstance && this.target.primaryKeyAttributes.every((a) =>
        oldInstance.get(a, { raw: true }) === (associatedInstance.get ? associatedInstance.get(a, { raw: true }) : associatedInstance));
      if (oldInstance && !alreadyAssociated) {
        oldInstance[this.foreignKey] = null;
        await oldInstance.save(Object.assign({}, options, { fields: [this.foreignKey], allowNull: [this.foreignKey], association: true }));
      }
      if (associatedInstance && !alreadyAssociated) {
        if (!(associatedInstance instanceof this.target)) {
          associatedInstance = this.target.build({ [this.target.primaryKeyAttribute]: associatedInstance }, { isNewRecord: false });
        }
        Object.assign(associatedInstance, this.scope);
        associatedInstance.set(this.foreignKey, sourceInstance.get(this.sourceKeyAttribute));
        return associatedInstance.save(options);
      }
      return null;
    }

    async create(sourceInstance, values, options) {
      values = values || {};
      options = options || {};
      if (this.scope) {
        for (const attribute of Object.keys(this.scope)) {
          values[attribute] = this.scope[attribute];
          if (options.fields) options.fields.push(attribute);
        }
      }
      values[this.foreignKey] = sourceInstance.get(this.sourceKeyAttribute);
      if (options.fields) options.fields.push(this.foreignKey);
      return this.target.create(values, options);
    }
  }
  HasOne.prototype.verifyAssociationAlias = verifySingular;

  const MULTI_METHODS = ['get', 'count', 'hasSingle', 'hasAll', 'set', 'add', 'addMultiple', 'remove', 'removeMultiple', 'create'];
  const MULTI_ALIASES = { hasSingle: 'has', hasAll: 'has', addMultiple: 'add', removeMultiple: 'remove' };
  function multiAccessors(assoc) {
    const plural = upperFirst(assoc.options.name.plural);
    const singular = upperFirst(assoc.options.name.singular);
    assoc.accessors = {
      get: `get${plural}`, set: `set${plural}`, addMultiple: `add${plural}`, add: `add${singular}`,
      create: `create${singular}`, remove: `remove${singular}`, removeMultiple: `remove${plural}`,
      hasSingle: `has${singular}`, hasAll: `has${plural}`, count: `count${plural}`,
    };
  }

  class HasMany extends Association {
    constructor(source, target, options) {
      super(source, target, options);
      this.associationType = 'HasMany';
      this.targetAssociation = null;
      this.sequelize = source.sequelize;
      this.isMultiAssociation = true;
      this.foreignKeyAttribute = {};
      if (this.options.through) throw new Error('N:M associations are not supported with hasMany. Use belongsToMany instead');
      if (this.isSelfAssociation) this.targetAssociation = this;
      multiName(this);
      foreignKeyOption(this);
      if (!this.foreignKey) this.foreignKey = camelize([this.source.options.name.singular, this.source.primaryKeyAttribute].join('_'));
      if (this.target.rawAttributes[this.foreignKey]) {
        this.identifierField = this.target.rawAttributes[this.foreignKey].field || this.foreignKey;
        this.foreignKeyField = this.identifierField;
      }
      this.sourceKey = this.options.sourceKey || this.source.primaryKeyAttribute;
      if (this.source.rawAttributes[this.sourceKey]) {
        this.sourceKeyAttribute = this.sourceKey;
        this.sourceKeyField = this.source.rawAttributes[this.sourceKey].field || this.sourceKey;
      } else {
        this.sourceKeyAttribute = this.source.primaryKeyAttribute;
        this.sourceKeyField = this.source.primaryKeyField;
      }
      this.associationAccessor = this.as;
      multiAccessors(this);
    }

    _injectAttributes() {
      const newAttributes = {
        [this.foreignKey]: Object.assign({
          type: this.options.keyType || this.source.rawAttributes[this.sourceKeyAttribute].type, allowNull: true,
        }, this.foreignKeyAttribute),
      };
      const constraintOptions = Object.assign({}, this.options);
      if (this.options.constraints !== false) {
        const target = this.target.rawAttributes[this.foreignKey] || newAttributes[this.foreignKey];
        constraintOptions.onDelete = constraintOptions.onDelete || (target.allowNull ? 'SET NULL' : 'CASCADE');
        constraintOptions.onUpdate = constraintOptions.onUpdate || 'CASCADE';
      }
      addForeignKeyConstraints(newAttributes[this.foreignKey], this.source, this.target, constraintOptions, this.sourceKeyField);
      mergeDefaults(this.target.rawAttributes, newAttributes);
      this.target._refreshAttributes();
      this.source._refreshAttributes();
      this.identifierField = this.target.rawAttributes[this.foreignKey].field || this.foreignKey;
      this.foreignKeyField = this.identifierField;
      this.sourceKeyField = this.source.rawAttributes[this.sourceKey].field || this.sourceKey;
      checkNamingCollision(this);
      return this;
    }

    mixin(obj) {
      mixinMethods(this, obj, MULTI_METHODS, MULTI_ALIASES);
    }

    async get(instances, options = {}) {
      const where = {};
      let instance;
      if (!Array.isArray(instances)) {
        instance = instances;
        instances = undefined;
      }
      options = Object.assign({}, options);
      if (this.scope) Object.assign(where, this.scope);
      if (instances) {
        const values = instances.map((i) => i.get(this.sourceKey, { raw: true }));
        if (options.limit && instances.length > 1) {
          options.groupedLimit = { limit: options.limit, on: this, values };
          delete options.limit;
        } else {
          where[this.foreignKey] = { [Op.in]: values };
          delete options.groupedLimit;
        }
      } else {
        where[this.foreignKey] = instance.get(this.sourceKey, { raw: true });
      }
      options.where = options.where ? { [Op.and]: [where, options.where] } : where;
      const results = await scoped(this.target, options).findAll(options);
      if (instance) return results;
      const result = {};
      for (const i of instances) result[i.get(this.sourceKey, { raw: true })] = [];
      for (const i of results) result[i.get(this.foreignKey, { raw: true })].push(i);
      return result;
    }

    async count(instance, options) {
      options = cloneDeep(options) || {};
      options.attributes = [[new Fn('COUNT', [new Col(`${this.target.name}.${this.target.primaryKeyField}`)]), 'count']];
      options.raw = true;
      options.plain = true;
      const result = await this.get(instance, options);
      return parseInt(result.count, 10);
    }

    async has(sourceInstance, targetInstances, options) {
      if (!Array.isArray(targetInstances)) targetInstances = [targetInstances];
      options = Object.assign({}, options, { scope: false, attributes: [this.target.primaryKeyAttribute], raw: true });
      const where = {
        [Op.or]: targetInstances.map((i) => (i instanceof this.target ? i.where() : { [this.target.primaryKeyAttribute]: i })),
      };
      options.where = { [Op.and]: [where, options.where] };
      const associated = await this.get(sourceInstance, options);
      return associated.length === targetInstances.length;
    }

    async set(sourceInstance, targetInstances, options) {
      targetInstances = targetInstances === null ? [] : this.toInstanceArray(targetInstances);
      const pk = this.target.primaryKeyAttribute;
      const old = await this.get(sourceInstance, Object.assign({}, options, { scope: false, raw: true }));
      const promises = [];
      const obsolete = old.filter((o) => !targetInstances.find((t) => t[pk] === o[pk]));
      const unassociated = targetInstances.filter((t) => !old.find((o) => t[pk] === o[pk]));
      if (obsolete.length > 0) {
        promises.push(this.target.unscoped().update({ [this.foreignKey]: null },
          Object.assign({}, options, { where: { [pk]: obsolete.map((o) => o[pk]) } })));
      }
      if (unassociated.length > 0) {
        const update = Object.assign({ [this.foreignKey]: sourceInstance.get(this.sourceKey) }, this.scope);
        promises.push(this.target.unscoped().update(update,
          Object.assign({}, options, { where: { [pk]: unassociated.map((o) => o[pk]) } })));
      }
      await Promise.all(promises);
      return sourceInstance;
    }

    async add(sourceInstance, targetInstances, options = {}) {
      if (!targetInstances) return undefined;
      targetInstances = this.toInstanceArray(targetInstances);
      const update = Object.assign({ [this.foreignKey]: sourceInstance.get(this.sourceKey) }, this.scope);
      const pk = this.target.primaryKeyAttribute;
      const where = { [pk]: targetInstances.map((i) => i.get(pk)) };
      await this.target.unscoped().update(update, Object.assign({}, options, { where }));
      return sourceInstance;
    }

    async remove(sourceInstance, targetInstances, options = {}) {
      targetInstances = this.toInstanceArray(targetInstances);
      const pk = this.target.primaryKeyAttribute;
      const where = { [this.foreignKey]: sourceInstance.get(this.sourceKey), [pk]: targetInstances.map((i) => i.get(pk)) };
      await this.target.unscoped().update({ [this.foreignKey]: null }, Object.assign({}, options, { where }));
      return this;
    }

    async create(sourceInstance, values, options = {}) {
      if (Array.isArray(options)) options = { fields: options };
      if (values === undefined) values = {};
      if (this.scope) {
        for (const attribute of Object.keys(this.scope)) {
          values[attribute] = this.scope[attribute];
          if (options.fields) options.fields.push(attribute);
        }
      }
      values[this.foreignKey] = sourceInstance.get(this.sourceKey);
      if (options.fields) options.fields.push(this.foreignKey);
      return this.target.create(values, options);
    }
  }
  HasMany.prototype.verifyAssociationAlias = verifyPlural;

  seqmig.setLazy(seqmig, 'modelUtils', { cloneDeep, camelize, upperFirst });
  // For 74_model_belongs_to_many.js.
  seqmig.setLazy(seqmig, 'associationParts', {
    Association, BelongsTo, HasOne, HasMany, camelize, upperFirst, isObject, cloneDeep, mixinMethods,
    checkNamingCollision, multiName, multiAccessors, MULTI_METHODS, MULTI_ALIASES, scoped, verifyPlural,
  });
})();
