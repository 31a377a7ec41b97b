// Sequelize 6.37.8's BelongsToMany (src/associations/belongs-to-many.js), with `through`
// as a model or a table name (then Sequelize defines the through model itself), and the
// association statics of src/associations/mixin.js (Model.hasMany/belongsToMany/hasOne/
// belongsTo, getAssociations, getAssociationForAlias, hasAlias).
(function () {
  'use strict';
  const seqmig = globalThis.__seqmig;
  const Model = seqmig.Model;
  const Op = seqmig.Op;
  const errors = seqmig.errors;
  const { singularize } = seqmig.inflection;
  const { Fn, Col } = seqmig.Utils;
  const {
    Association, BelongsTo, HasOne, HasMany, camelize, isObject, cloneDeep, mixinMethods,
    checkNamingCollision, multiName, multiAccessors, MULTI_METHODS, MULTI_ALIASES, scoped, verifyPlural,
  } = seqmig.associationParts;

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
  const S = seqmig.Sequelize;
  for (const [k, v] of Object.entries(Associations)) seqmig.setLazy(S, k, v);
})();
