// Sequelize 6.37.8's associations (src/associations/*.js): BelongsTo, HasOne, HasMany and
// BelongsToMany with the keys, aliases and accessors Sequelize derives, the foreign key
// attributes they add, and the accessor methods (get/set/add/remove/has/count/create),
// which run through the finders and writes of 71_model_*.js and the include machinery of
// 73_model_include.js.
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
          throw seqmig.modelUnsupported(`${this.source.name}.${this.as} with separate and limit (groupedLimit)`);
        }
        where[this.foreignKey] = { [Op.in]: values };
        delete options.groupedLimit;
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

  // Utils.combineTableNames.
  const combineTableNames = (a, b) => (a.toLowerCase() < b.toLowerCase() ? a + b : b + a);

  class BelongsToMany extends Association {
    constructor(source, target, options) {
      super(source, target, options);
      if (this.options.through === undefined || this.options.through === true || this.options.through === null) {
        throw new errors.AssociationError(`${source.name}.belongsToMany(${target.name}) requires through option, pass either a string or a model`);
      }
      if (!this.options.through.model) this.options.through = { model: options.through };
      this.associationType = 'BelongsToMany';
      this.targetAssociation = null;
      this.sequelize = source.sequelize;
      this.through = Object.assign({}, this.options.through);
      this.isMultiAssociation = true;
      this.doubleLinked = false;
      if (!this.as && this.isSelfAssociation) {
        throw new errors.AssociationError("'as' must be defined for many-to-many self-associations");
      }
      multiName(this);
      this.combinedTableName = combineTableNames(this.source.tableName, this.isSelfAssociation ? this.as || this.target.tableName : this.target.tableName);
      if (this.isSelfAssociation) this.targetAssociation = this;
      for (const association of Object.values(this.target.associations)) {
        if (association.associationType !== 'BelongsToMany' || association.target !== this.source) continue;
        if (this.options.through.model === association.options.through.model) {
          this.paired = association;
          association.paired = this;
        }
      }
      this.sourceKey = this.options.sourceKey || this.source.primaryKeyAttribute;
      this.sourceKeyField = this.source.rawAttributes[this.sourceKey].field || this.sourceKey;
      if (this.options.targetKey) {
        this.targetKey = this.options.targetKey;
      } else {
        this.targetKeyDefault = true;
        this.targetKey = this.target.primaryKeyAttribute;
      }
      this.targetKeyField = this.target.rawAttributes[this.targetKey].field || this.targetKey;
      this._createForeignAndOtherKeys();
      if (typeof this.through.model === 'string') {
        if (!this.sequelize.isDefined(this.through.model)) {
          this.through.model = this.sequelize.define(this.through.model, {}, Object.assign(this.options, {
            tableName: this.through.model, indexes: [], paranoid: this.through.paranoid ? this.through.paranoid : false, validate: {},
          }));
        } else {
          this.through.model = this.sequelize.model(this.through.model);
        }
      }
      for (const k of ['timestamps', 'createdAt', 'updatedAt', 'deletedAt', 'paranoid']) {
        if (Object.prototype.hasOwnProperty.call(this.through.model.options, k)) this.options[k] = this.through.model.options[k];
      }
      if (this.paired) {
        let needInjectPaired = false;
        if (this.targetKeyDefault) {
          this.targetKey = this.paired.sourceKey;
          this.targetKeyField = this.paired.sourceKeyField;
          this._createForeignAndOtherKeys();
        }
        if (this.paired.targetKeyDefault && this.paired.targetKey !== this.sourceKey) {
          delete this.through.model.rawAttributes[this.paired.otherKey];
          this.paired.targetKey = this.sourceKey;
          this.paired.targetKeyField = this.sourceKeyField;
          this.paired._createForeignAndOtherKeys();
          needInjectPaired = true;
        }
        if (this.otherKeyDefault) this.otherKey = this.paired.foreignKey;
        if (this.paired.otherKeyDefault && this.paired.otherKey !== this.foreignKey) {
          delete this.through.model.rawAttributes[this.paired.otherKey];
          this.paired.otherKey = this.foreignKey;
          needInjectPaired = true;
        }
        if (needInjectPaired) this.paired._injectAttributes();
      }
      this.throughModel = this.through.model;
      this.options.tableName = this.combinedName = this.through.model.tableName;
      this.associationAccessor = this.as;
      multiAccessors(this);
    }

    _createForeignAndOtherKeys() {
      if (isObject(this.options.foreignKey)) {
        this.foreignKeyAttribute = this.options.foreignKey;
        this.foreignKey = this.foreignKeyAttribute.name || this.foreignKeyAttribute.fieldName;
      } else {
        this.foreignKeyAttribute = {};
        this.foreignKey = this.options.foreignKey || camelize([this.source.options.name.singular, this.sourceKey].join('_'));
      }
      if (isObject(this.options.otherKey)) {
        this.otherKeyAttribute = this.options.otherKey;
        this.otherKey = this.otherKeyAttribute.name || this.otherKeyAttribute.fieldName;
      } else {
        if (!this.options.otherKey) this.otherKeyDefault = true;
        this.otherKeyAttribute = {};
        this.otherKey = this.options.otherKey || camelize([
          this.isSelfAssociation ? singularize(this.as) : this.target.options.name.singular, this.targetKey,
        ].join('_'));
      }
    }

    _injectAttributes() {
      const T = this.through.model;
      this.identifier = this.foreignKey;
      this.foreignIdentifier = this.otherKey;
      for (const [name, attribute] of Object.entries(T.rawAttributes)) {
        if (attribute.primaryKey === true && attribute._autoGenerated === true) {
          if ([this.foreignKey, this.otherKey].includes(name)) attribute.primaryKey = false;
          else delete T.rawAttributes[name];
          this.primaryKeyDeleted = true;
        }
      }
      const sourceAttribute = Object.assign({ type: this.source.rawAttributes[this.sourceKey].type }, this.foreignKeyAttribute);
      const targetAttribute = Object.assign({ type: this.target.rawAttributes[this.targetKey].type }, this.otherKeyAttribute);
      if (this.primaryKeyDeleted === true) {
        targetAttribute.primaryKey = sourceAttribute.primaryKey = true;
      } else if (this.through.unique !== false) {
        const uniqueKey = typeof this.options.uniqueKey === 'string' && this.options.uniqueKey !== ''
          ? this.options.uniqueKey : [T.tableName, this.foreignKey, this.otherKey, 'unique'].join('_');
        targetAttribute.unique = sourceAttribute.unique = uniqueKey;
      }
      if (!T.rawAttributes[this.foreignKey]) T.rawAttributes[this.foreignKey] = { _autoGenerated: true };
      if (!T.rawAttributes[this.otherKey]) T.rawAttributes[this.otherKey] = { _autoGenerated: true };
      if (this.options.constraints !== false) {
        sourceAttribute.references = { model: this.source.getTableName(), key: this.sourceKeyField };
        sourceAttribute.onDelete = this.options.onDelete || T.rawAttributes[this.foreignKey].onDelete || 'CASCADE';
        sourceAttribute.onUpdate = this.options.onUpdate || T.rawAttributes[this.foreignKey].onUpdate || 'CASCADE';
        targetAttribute.references = { model: this.target.getTableName(), key: this.targetKeyField };
        targetAttribute.onDelete = T.rawAttributes[this.otherKey].onDelete || this.options.onDelete || 'CASCADE';
        targetAttribute.onUpdate = T.rawAttributes[this.otherKey].onUpdate || this.options.onUpdate || 'CASCADE';
      }
      Object.assign(T.rawAttributes[this.foreignKey], sourceAttribute);
      Object.assign(T.rawAttributes[this.otherKey], targetAttribute);
      T._refreshAttributes();
      this.identifierField = T.rawAttributes[this.foreignKey].field || this.foreignKey;
      this.foreignIdentifierField = T.rawAttributes[this.otherKey].field || this.otherKey;
      if (this.paired && !this.paired.foreignIdentifierField) {
        this.paired.foreignIdentifierField = T.rawAttributes[this.paired.otherKey].field || this.paired.otherKey;
      }
      this.toSource = new BelongsTo(T, this.source, { foreignKey: this.foreignKey });
      this.manyFromSource = new HasMany(this.source, T, { foreignKey: this.foreignKey });
      this.oneFromSource = new HasOne(this.source, T, { foreignKey: this.foreignKey, sourceKey: this.sourceKey, as: T.name });
      this.toTarget = new BelongsTo(T, this.target, { foreignKey: this.otherKey });
      this.manyFromTarget = new HasMany(this.target, T, { foreignKey: this.otherKey });
      this.oneFromTarget = new HasOne(this.target, T, { foreignKey: this.otherKey, sourceKey: this.targetKey, as: T.name });
      if (this.paired && this.paired.otherKeyDefault) {
        this.paired.toTarget = new BelongsTo(this.paired.through.model, this.paired.target, { foreignKey: this.paired.otherKey });
        this.paired.oneFromTarget = new HasOne(this.paired.target, this.paired.through.model, {
          foreignKey: this.paired.otherKey, sourceKey: this.paired.targetKey, as: this.paired.through.model.name,
        });
      }
      checkNamingCollision(this);
      return this;
    }

    mixin(obj) {
      mixinMethods(this, obj, MULTI_METHODS, MULTI_ALIASES);
    }

    async get(instance, options) {
      options = cloneDeep(options) || {};
      const through = this.through;
      const scopeWhere = this.scope ? Object.assign({}, this.scope) : undefined;
      options.where = { [Op.and]: [scopeWhere, options.where] };
      let throughWhere = { [this.foreignKey]: instance.get(this.sourceKey) };
      if (through.scope) Object.assign(throughWhere, through.scope);
      if (options.through && options.through.where) throughWhere = { [Op.and]: [throughWhere, options.through.where] };
      options.include = options.include || [];
      options.include.push({
        association: this.oneFromTarget,
        attributes: options.joinTableAttributes,
        required: true,
        paranoid: options.through && options.through.paranoid !== undefined ? options.through.paranoid : true,
        where: throughWhere,
      });
      return scoped(this.target, options).findAll(options);
    }

    async count(instance, options) {
      options = cloneDeep(options) || {};
      options.attributes = [[new Fn('COUNT', [new Col([this.target.name, this.targetKeyField].join('.'))]), 'count']];
      options.joinTableAttributes = [];
      options.raw = true;
      options.plain = true;
      const result = await this.get(instance, options);
      return parseInt(result.count, 10);
    }

    async has(sourceInstance, instances, options) {
      if (!Array.isArray(instances)) instances = [instances];
      options = Object.assign({ raw: true }, options, { scope: false, attributes: [this.targetKey], joinTableAttributes: [] });
      const keys = instances.map((i) => (i instanceof this.target ? i.where() : { [this.targetKey]: i }));
      options.where = { [Op.and]: [{ [Op.or]: keys }, options.where] };
      const associated = await this.get(sourceInstance, options);
      return keys.every((k) => associated.some((a) => a[this.targetKey] === k[this.targetKey] ||
        (k[this.targetKeyField] !== undefined && a[this.targetKey] === k[this.targetKeyField])));
    }

    async set(sourceInstance, newAssociatedObjects, options) {
      options = options || {};
      const { sourceKey, targetKey, identifier, foreignIdentifier } = this;
      const T = this.through.model;
      newAssociatedObjects = newAssociatedObjects === null ? [] : this.toInstanceArray(newAssociatedObjects);
      const where = Object.assign({ [identifier]: sourceInstance.get(sourceKey) }, this.through.scope);
      const currentRows = await T.findAll(Object.assign({}, options, { where, raw: true }));
      const obsolete = [];
      const promises = [];
      const defaultAttributes = options.through || {};
      const unassociated = newAssociatedObjects.filter((obj) => !currentRows.some((row) => row[foreignIdentifier] === obj.get(targetKey)));
      for (const row of currentRows) {
        const newObj = newAssociatedObjects.find((obj) => row[foreignIdentifier] === obj.get(targetKey));
        if (!newObj) {
          obsolete.push(row);
        } else {
          let throughAttributes = newObj[T.name];
          if (throughAttributes instanceof T) throughAttributes = {};
          const attributes = Object.assign({}, defaultAttributes, throughAttributes);
          if (Object.keys(attributes).length) {
            promises.push(T.update(attributes, Object.assign(options, {
              where: { [identifier]: sourceInstance.get(sourceKey), [foreignIdentifier]: newObj.get(targetKey) },
            })));
          }
        }
      }
      if (obsolete.length > 0) {
        promises.push(T.destroy(Object.assign({}, options, {
          where: Object.assign({
            [identifier]: sourceInstance.get(sourceKey), [foreignIdentifier]: obsolete.map((o) => o[foreignIdentifier]),
          }, this.through.scope),
        })));
      }
      if (unassociated.length > 0) {
        const bulk = unassociated.map((obj) => Object.assign({}, defaultAttributes, obj[T.name], {
          [identifier]: sourceInstance.get(sourceKey), [foreignIdentifier]: obj.get(targetKey),
        }, this.through.scope));
        promises.push(T.bulkCreate(bulk, Object.assign({ validate: true }, options)));
      }
      return Promise.all(promises);
    }

    async add(sourceInstance, newInstances, options) {
      if (!newInstances) return undefined;
      options = Object.assign({}, options);
      const { sourceKey, targetKey, identifier, foreignIdentifier } = this;
      const T = this.through.model;
      const defaultAttributes = options.through || {};
      newInstances = this.toInstanceArray(newInstances);
      const where = Object.assign({
        [identifier]: sourceInstance.get(sourceKey), [foreignIdentifier]: newInstances.map((i) => i.get(targetKey)),
      }, this.through.scope);
      const currentRows = await T.findAll(Object.assign({}, options, { where, raw: true }));
      const promises = [];
      const unassociated = [];
      const changed = [];
      for (const obj of newInstances) {
        const existing = currentRows && currentRows.find((row) => row[foreignIdentifier] === obj.get(targetKey));
        if (!existing) {
          unassociated.push(obj);
        } else {
          const attributes = Object.assign({}, defaultAttributes, obj[T.name]);
          if (Object.keys(attributes).some((a) => attributes[a] !== existing[a])) changed.push(obj);
        }
      }
      if (unassociated.length > 0) {
        const bulk = unassociated.map((obj) => {
          const attributes = Object.assign({}, defaultAttributes, obj[T.name]);
          attributes[identifier] = sourceInstance.get(sourceKey);
          attributes[foreignIdentifier] = obj.get(targetKey);
          return Object.assign(attributes, this.through.scope);
        });
        promises.push(T.bulkCreate(bulk, Object.assign({ validate: true }, options)));
      }
      for (const obj of changed) {
        const attributes = Object.assign({}, defaultAttributes, obj[T.name]);
        promises.push(T.update(attributes, Object.assign(options, {
          where: { [identifier]: sourceInstance.get(sourceKey), [foreignIdentifier]: obj.get(targetKey) },
        })));
      }
      const [associations] = await Promise.all(promises);
      return associations;
    }

    remove(sourceInstance, oldAssociatedObjects, options) {
      options = options || {};
      oldAssociatedObjects = this.toInstanceArray(oldAssociatedObjects);
      const where = {
        [this.identifier]: sourceInstance.get(this.sourceKey),
        [this.foreignIdentifier]: oldAssociatedObjects.map((i) => i.get(this.targetKey)),
      };
      return this.through.model.destroy(Object.assign({}, options, { where }));
    }

    async create(sourceInstance, values, options) {
      options = options || {};
      values = values || {};
      if (Array.isArray(options)) options = { fields: options };
      if (this.scope) {
        Object.assign(values, this.scope);
        if (options.fields) options.fields = options.fields.concat(Object.keys(this.scope));
      }
      const created = await this.target.create(values, options);
      const addOptions = Object.assign({}, options);
      delete addOptions.fields;
      await sourceInstance[this.accessors.add](created, addOptions);
      return created;
    }
  }
  BelongsToMany.prototype.verifyAssociationAlias = verifyPlural;

  function isModel(target) {
    return target && target.prototype && target.prototype instanceof Model;
  }

  function omit(obj, keys) {
    const out = Object.assign({}, obj);
    for (const k of keys) delete out[k];
    return out;
  }

  function finish(source, target, association, options, type) {
    source.associations[association.associationAccessor] = association;
    association._injectAttributes();
    association.mixin(source.prototype);
    void target;
    void options;
    void type;
    return association;
  }

  Model.hasMany = function hasMany(target, options = {}) {
    if (!isModel(target)) throw new Error(`${this.name}.hasMany called with something that's not a subclass of Sequelize.Model`);
    options.hooks = options.hooks === undefined ? false : Boolean(options.hooks);
    options.useHooks = options.hooks;
    Object.assign(options, omit(this.options, ['hooks']));
    return finish(this, target, new HasMany(this, target, options), options, HasMany);
  };
  Model.belongsToMany = function belongsToMany(target, options = {}) {
    if (!isModel(target)) throw new Error(`${this.name}.belongsToMany called with something that's not a subclass of Sequelize.Model`);
    options.hooks = options.hooks === undefined ? false : Boolean(options.hooks);
    options.useHooks = options.hooks;
    options.timestamps = options.timestamps === undefined ? this.sequelize.options.timestamps : options.timestamps;
    // Sequelize's init merges the options so that an undefined `timestamps` keeps the default.
    if (options.timestamps === undefined) delete options.timestamps;
    Object.assign(options, omit(this.options, ['hooks', 'timestamps', 'scopes', 'defaultScope']));
    return finish(this, target, new BelongsToMany(this, target, options), options, BelongsToMany);
  };
  function singleLinked(Type, name) {
    return function (target, options = {}) {
      if (!isModel(target)) throw new Error(`${this.name}.${name} called with something that's not a subclass of Sequelize.Model`);
      options.hooks = options.hooks === undefined ? false : Boolean(options.hooks);
      options.useHooks = options.hooks;
      return finish(this, target, new Type(this, target, Object.assign(options, this.options)), options, Type);
    };
  }
  Model.hasOne = singleLinked(HasOne, 'hasOne');
  Model.belongsTo = singleLinked(BelongsTo, 'belongsTo');

  Model.getAssociations = function (target) {
    return Object.values(this.associations).filter((a) => a.target.name === target.name);
  };
  Model.getAssociationForAlias = function (target, alias) {
    return this.getAssociations(target).find((a) => a.verifyAssociationAlias(alias)) || null;
  };
  Model.hasAlias = function (alias) {
    return Object.prototype.hasOwnProperty.call(this.associations, alias);
  };

  const Associations = { Association, BelongsTo, HasOne, HasMany, BelongsToMany };
  seqmig.setLazy(seqmig, 'associations', Associations);
  seqmig.setLazy(seqmig, 'modelUtils', { cloneDeep, camelize, upperFirst });
  const S = seqmig.Sequelize;
  for (const [k, v] of Object.entries(Associations)) {
    if (!Object.prototype.hasOwnProperty.call(S, k)) S[k] = v;
  }
})();

// Scopes (sequelize 6.37.8 Model.scope/unscoped/addScope/_injectScope): a scoped model is
// a subclass holding the merged scope, which every finder merges under its options.
(function () {
  'use strict';
  const seqmig = globalThis.__seqmig;
  const Model = seqmig.Model;
  const isPlainObject = seqmig.isPlainObject;
  const { cloneDeep } = seqmig.modelUtils;

  // Model._mergeFunction: arrays united, where/having objects merged, the rest replaced.
  function merge(objValue, srcValue, key) {
    if (Array.isArray(objValue) && Array.isArray(srcValue)) return Array.from(new Set(objValue.concat(srcValue)));
    if ((key === 'where' || key === 'having') && isPlainObject(objValue) && isPlainObject(srcValue)) {
      return Object.assign(objValue, srcValue);
    }
    if (srcValue) return cloneDeep(srcValue);
    return srcValue === undefined ? objValue : srcValue;
  }

  function ownScope(M) {
    return Object.prototype.hasOwnProperty.call(M, '_scope') ? M._scope : (M.options && M.options.defaultScope) || {};
  }

  Model._injectScope = function _injectScope(options) {
    const scope = cloneDeep(ownScope(this));
    for (const key of Object.keys(scope)) {
      options[key] = merge(scope[key], options[key], key);
    }
  };

  Model.scope = function scope(...args) {
    const Base = this;
    const self = class extends Base {};
    Object.defineProperty(self, 'name', { value: Base.name });
    self._scope = {};
    self._scopeNames = [];
    self.scoped = true;
    const list = [].concat(...args.map((a) => (Array.isArray(a) ? a : [a]))).filter((a) => a !== undefined && a !== null && a !== false);
    for (const option of list) {
      let value = null;
      let scopeName = null;
      if (isPlainObject(option)) {
        if (option.method) {
          const m = Array.isArray(option.method) ? option.method : [option.method];
          if (Base.options.scopes[m[0]]) {
            scopeName = m[0];
            value = Base.options.scopes[scopeName].apply(self, m.slice(1));
          }
        } else {
          value = option;
        }
      } else if (option === 'defaultScope' && isPlainObject(Base.options.defaultScope)) {
        value = Base.options.defaultScope;
      } else {
        scopeName = option;
        value = Base.options.scopes[scopeName];
        if (typeof value === 'function') value = value();
      }
      if (!value) throw new seqmig.errors.SequelizeScopeError(`Invalid scope ${scopeName} called.`);
      const copy = cloneDeep(value);
      for (const key of Object.keys(copy)) self._scope[key] = merge(self._scope[key], copy[key], key);
      self._scopeNames.push(scopeName || 'defaultScope');
    }
    return self;
  };

  Model.unscoped = function unscoped() {
    return this.scope();
  };

  Model.addScope = function addScope(name, value, options) {
    options = Object.assign({ override: false }, options);
    if (((name === 'defaultScope' && Object.keys(this.options.defaultScope).length > 0) || name in this.options.scopes) && options.override === false) {
      throw new Error(`The scope ${name} already exists. Pass { override: true } as options to silence this error`);
    }
    if (name === 'defaultScope') this.options.defaultScope = this._scope = value;
    else this.options.scopes[name] = value;
  };
})();
