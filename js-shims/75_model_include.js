// Eager loading options (sequelize 6.37.8 src/model.js _conformIncludes,
// _validateIncludedElements, _validateIncludedElement, _paranoidClause): includes conformed,
// associations resolved, attributes expanded and mapped, the subQuery/required flags set
// as Sequelize sets them. The SQL is built by 76_model_select.js, the rows read back by
// 77_model_results.js.
(function () {
  'use strict';
  const seqmig = globalThis.__seqmig;
  const Model = seqmig.Model;
  const Op = seqmig.Op;
  const errors = seqmig.errors;
  const isPlainObject = seqmig.isPlainObject;
  const { Association, HasMany } = seqmig.associations;

  const isModelClass = (v) => typeof v === 'function' && v.prototype instanceof Model;

  function transformStringAssociation(include, self) {
    if (self && typeof include === 'string') {
      if (!Object.prototype.hasOwnProperty.call(self.associations, include)) {
        throw new Error(`Association with alias "${include}" does not exist on ${self.name}`);
      }
      return self.associations[include];
    }
    return include;
  }

  function conformInclude(include, self) {
    if (include) {
      if (include._pseudo) return include;
      include = transformStringAssociation(include, self);
      if (include instanceof Association) {
        const model = self && include.target.name === self.name ? include.source : include.target;
        return { model, association: include, as: include.as };
      }
      if (isModelClass(include)) return { model: include };
      if (isPlainObject(include)) {
        if (include.association) {
          include.association = transformStringAssociation(include.association, self);
          const model = self && include.association.target.name === self.name ? include.association.source : include.association.target;
          if (!include.model) include.model = model;
          if (!include.as) include.as = include.association.as;
          conformIncludes(include, model);
          return include;
        }
        if (include.model) {
          conformIncludes(include, include.model);
          return include;
        }
        if (include.all) {
          conformIncludes(include);
          return include;
        }
      }
    }
    throw new Error('Include unexpected. Element has to be either a Model, an Association or an object.');
  }

  function conformIncludes(options, self) {
    if (!options.include) return;
    if (!Array.isArray(options.include)) options.include = [options.include];
    else if (!options.include.length) {
      delete options.include;
      return;
    }
    options.include = options.include.map((include) => conformInclude(include, self));
  }

  // Model._expandIncludeAllElement: `{ all: true | type(s), nested }` becomes one include
  // per association of those types (nested: through the targets' associations too).
  function expandIncludeAllElement(M, includes, include) {
    let all = include.all;
    delete include.all;
    if (all !== true) {
      if (!Array.isArray(all)) all = [all];
      const validTypes = {
        BelongsTo: true, HasOne: true, HasMany: true, One: ['BelongsTo', 'HasOne'], Has: ['HasOne', 'HasMany'], Many: ['HasMany'],
      };
      for (let i = 0; i < all.length; i++) {
        const type = all[i];
        if (type === 'All') {
          all = true;
          break;
        }
        const types = validTypes[type];
        if (!types) {
          throw new errors.EagerLoadingError(`include all '${type}' is not valid - must be BelongsTo, HasOne, HasMany, One, Has, Many or All`);
        }
        if (types !== true) {
          all.splice(i, 1);
          i--;
          for (const t of types) {
            if (!all.includes(t)) {
              all.unshift(t);
              i++;
            }
          }
        }
      }
    }
    const nested = include.nested;
    if (nested) {
      delete include.nested;
      if (!include.include) include.include = [];
      else if (!Array.isArray(include.include)) include.include = [include.include];
    }
    const used = [];
    (function addAllIncludes(parent, list) {
      for (const association of Object.values(parent.associations)) {
        if (all !== true && !all.includes(association.associationType)) continue;
        const model = association.target;
        const as = association.options.as;
        if (list.some((i) => i.model === model && (!as || i.as === as))) continue;
        if (nested && used.includes(model)) continue;
        used.push(parent);
        const thisInclude = seqmig.modelUtils.cloneDeep(include);
        thisInclude.model = model;
        if (as) thisInclude.as = as;
        list.push(thisInclude);
        if (nested) {
          addAllIncludes(model, thisInclude.include);
          if (thisInclude.include.length === 0) delete thisInclude.include;
        }
      }
      used.pop();
    })(M, includes);
  }

  function expandIncludeAll(M, options) {
    const includes = options.include;
    if (!includes) return;
    for (let index = 0; index < includes.length; index++) {
      const include = includes[index];
      if (include.all) {
        includes.splice(index, 1);
        index--;
        expandIncludeAllElement(M, includes, include);
      }
    }
    for (const include of includes) expandIncludeAll(include.model, include);
  }

  function expandAttributes(M, options) {
    if (!isPlainObject(options.attributes)) return;
    let attributes = Object.keys(M.rawAttributes);
    if (options.attributes.exclude) attributes = attributes.filter((a) => !options.attributes.exclude.includes(a));
    if (options.attributes.include) attributes = attributes.concat(options.attributes.include);
    options.attributes = attributes;
  }

  // Utils.mapFinderOptions: virtual attributes dropped, renamed ones as [field, name].
  function mapFinderOptions(options, M) {
    if (Array.isArray(options.attributes)) {
      options.attributes = options.attributes.filter((v) => !M._virtualAttributes.has(v)).map((attr) => {
        if (typeof attr !== 'string') return attr;
        const raw = M.rawAttributes[attr];
        return raw && attr !== raw.field ? [raw.field, attr] : attr;
      });
    }
    return options;
  }

  function getIncludedAssociation(M, targetModel, targetAlias) {
    const associations = M.getAssociations(targetModel);
    if (associations.length === 0) throw new errors.EagerLoadingError(`${targetModel.name} is not associated to ${M.name}!`);
    const association = M.getAssociationForAlias(targetModel, targetAlias);
    if (associations.length === 1) {
      if (association) return association;
      if (targetAlias) {
        throw new errors.EagerLoadingError(`${targetModel.name} is associated to ${M.name} using an alias. You've included an alias (${targetAlias}), but it does not match the alias(es) defined in your association (${associations.map((a) => a.as).join(', ')}).`);
      }
      throw new errors.EagerLoadingError(`${targetModel.name} is associated to ${M.name} using an alias. You must use the 'as' keyword to specify the alias within your include statement.`);
    }
    if (!association) {
      throw new errors.EagerLoadingError(`${targetModel.name} is associated to ${M.name} multiple times. To identify the correct association, you must use the 'as' keyword to specify the alias of the association you want to include.`);
    }
    return association;
  }

  function validateIncludedElements(M, options) {
    if (!options.model) options.model = M;
    options.includeNames = [];
    options.includeMap = {};
    options.hasSingleAssociation = false;
    options.hasMultiAssociation = false;
    if (!options.parent) {
      options.topModel = options.model;
      options.topLimit = options.limit;
    }
    options.include = options.include.map((include) => {
      include = conformInclude(include);
      include.parent = options;
      include.topLimit = options.topLimit;
      validateIncludedElement(options.model, include, options);
      if (include.duplicating === undefined) include.duplicating = !!include.association.isMultiAssociation;
      include.hasDuplicating = include.hasDuplicating || include.duplicating;
      include.hasRequired = include.hasRequired || include.required;
      options.hasDuplicating = options.hasDuplicating || include.hasDuplicating;
      options.hasRequired = options.hasRequired || include.required;
      options.hasWhere = options.hasWhere || include.hasWhere || !!include.where;
      return include;
    });
    for (const include of options.include) {
      include.hasParentWhere = options.hasParentWhere || !!options.where;
      include.hasParentRequired = options.hasParentRequired || !!options.required;
      if (include.subQuery !== false && options.hasDuplicating && options.topLimit) {
        if (include.duplicating) {
          include.subQuery = include.subQuery || false;
          include.subQueryFilter = include.hasRequired;
        } else {
          include.subQuery = include.hasRequired;
          include.subQueryFilter = false;
        }
      } else {
        include.subQuery = include.subQuery || false;
        if (include.duplicating) {
          include.subQueryFilter = include.subQuery;
        } else {
          include.subQueryFilter = false;
          include.subQuery = include.subQuery || (include.hasParentRequired && include.hasRequired && !include.separate);
        }
      }
      options.includeMap[include.as] = include;
      options.includeNames.push(include.as);
      if (options.topModel === options.model && options.subQuery === undefined && options.topLimit) {
        if (include.subQuery) options.subQuery = include.subQuery;
        else if (include.hasDuplicating) options.subQuery = true;
      }
      options.hasIncludeWhere = options.hasIncludeWhere || include.hasIncludeWhere || !!include.where;
      options.hasIncludeRequired = options.hasIncludeRequired || include.hasIncludeRequired || !!include.required;
      if (include.association.isMultiAssociation || include.hasMultiAssociation) options.hasMultiAssociation = true;
      if (include.association.isSingleAssociation || include.hasSingleAssociation) options.hasSingleAssociation = true;
    }
    if (options.topModel === options.model && options.subQuery === undefined) options.subQuery = false;
    return options;
  }

  function validateIncludedElement(M, include, options) {
    if (include.attributes && !options.raw) {
      expandAttributes(include.model, include);
      include.originalAttributes = include.attributes.slice();
      mapFinderOptions(include, include.model);
      if (include.attributes.length) {
        for (const key of include.model.primaryKeyAttributes) {
          const attr = include.model.rawAttributes[key];
          const has = include.attributes.some((a) => (attr.field !== key ? Array.isArray(a) && a[0] === attr.field && a[1] === key : a === key));
          if (!has) include.attributes.unshift(key);
        }
      }
    } else {
      mapFinderOptions(include, include.model);
    }
    if (include._pseudo) {
      if (!include.attributes) include.attributes = Object.keys(include.model.tableAttributes);
      return mapFinderOptions(include, include.model);
    }
    const association = include.association || getIncludedAssociation(M, include.model, include.as);
    include.association = association;
    include.as = association.as;
    if (association.through && isModelClass(association.through.model)) {
      if (!include.include) include.include = [];
      const through = association.through;
      include.through = Object.assign({
        model: through.model, as: through.model.name, association: { isSingleAssociation: true }, _pseudo: true, parent: include,
      }, include.through || {});
      for (const k of ['model', 'as', 'association', '_pseudo', 'parent']) {
        if (include.through[k] === undefined) include.through[k] = { model: through.model, as: through.model.name, association: { isSingleAssociation: true }, _pseudo: true, parent: include }[k];
      }
      if (through.scope) include.through.where = include.through.where ? { [Op.and]: [include.through.where, through.scope] } : through.scope;
      include.include.push(include.through);
    }
    const model = include.model.scoped === true ? include.model
      : (association.target.name === include.model.name ? association.target : association.source);
    injectScope(model, include);
    if (!include.attributes) include.attributes = Object.keys(include.model.tableAttributes);
    mapFinderOptions(include, include.model);
    if (include.required === undefined) include.required = !!include.where;
    if (association.scope) include.where = include.where ? { [Op.and]: [include.where, association.scope] } : association.scope;
    if (include.limit && include.separate === undefined) include.separate = true;
    if (include.separate === true) {
      if (!(association instanceof HasMany)) throw new Error('Only HasMany associations support include.separate');
      include.duplicating = false;
      const flat = (list) => [].concat(...list.map((a) => (Array.isArray(a) ? a : [a])));
      if (options.attributes && options.attributes.length && !flat(options.attributes).includes(association.sourceKey)) {
        options.attributes.push(association.sourceKey);
      }
      if (include.attributes && include.attributes.length && !flat(include.attributes).includes(association.foreignKey)) {
        include.attributes.push(association.foreignKey);
      }
    }
    if (Object.prototype.hasOwnProperty.call(include, 'include')) validateIncludedElements(include.model, include);
    return include;
  }

  // Model._injectScope: the model's scope under the options (seqmig.modelScopes when loaded).
  function injectScope(M, options) {
    if (typeof M._injectScope === 'function') M._injectScope(options);
  }

  // Model._paranoidClause over the includes too.
  function paranoidClause(M, options) {
    if (options.include) for (const include of options.include) paranoidClause(include.model, include);
    if (!M.options.timestamps || !M.options.paranoid || options.paranoid === false) return options;
    const name = M._timestampAttributes.deletedAt;
    const attr = M.rawAttributes[name];
    let value = Object.prototype.hasOwnProperty.call(attr, 'defaultValue') ? attr.defaultValue : null;
    value = value || { [Op.eq]: null };
    const clause = { [attr.field || name]: value };
    // Utils.isWhereEmpty is false for a missing where: that gives `{[Op.and]: [clause,
    // undefined]}`, rendered in parentheses, and only `{}` gives the bare clause.
    const w = options.where;
    const empty = !!w && isPlainObject(w) && !Object.keys(w).length && !Object.getOwnPropertySymbols(w).length;
    options.where = empty ? clause : { [Op.and]: [clause, w].filter((x) => x !== undefined) };
    return options;
  }

  seqmig.setLazy(seqmig, 'modelIncludeOptions', {
    isModelClass, conformInclude, conformIncludes, expandAttributes, mapFinderOptions, validateIncludedElements,
    paranoidClause, expandIncludeAll,
  });
})();
