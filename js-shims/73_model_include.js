// Eager loading (sequelize 6.37.8 src/model.js _conformIncludes/_validateIncludedElements,
// dialects/abstract/query-generator.js selectQuery/generateInclude/generateJoin/
// generateThroughJoin/getQueryOrders, and query.js _groupJoinData): the SELECT is
// assembled here as Sequelize assembles it, with where clauses, values and limits
// rendered by the native generator (`model_fragments`), and run by `model_select_sql`.
// The rows are grouped and built into nested instances as Sequelize builds them.
(function () {
  'use strict';
  const seqmig = globalThis.__seqmig;
  const Model = seqmig.Model;
  const Op = seqmig.Op;
  const errors = seqmig.errors;
  const isPlainObject = seqmig.isPlainObject;
  const { SequelizeMethod, Literal, Col, Fn } = seqmig.Utils;
  const { Association, HasMany } = seqmig.associations;
  const { cloneDeep } = seqmig.modelUtils;
  const { op, fieldOf, parseRow } = seqmig.modelInternals;

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
        if (include.all) throw seqmig.modelUnsupported('include: { all }');
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
    const empty = options.where === undefined || options.where === null ||
      (isPlainObject(options.where) && !Object.keys(options.where).length && !Object.getOwnPropertySymbols(options.where).length);
    options.where = empty ? clause : { [Op.and]: [clause, options.where] };
    return options;
  }

  // --- SQL text ---------------------------------------------------------------------

  function generator(M) {
    const dialect = (M.sequelize.options && M.sequelize.options.dialect) === 'postgres' ? 'postgres' : 'sqlite';
    const tick = dialect === 'postgres' ? '"' : '`';
    const qi = (id) => (id === '*' ? '*' : tick + String(id).split(tick).join('') + tick);
    const frags = (list) => op(M, 'model_fragments', { fragments: list }, {});
    const frag = (f) => frags([f])[0];
    return {
      dialect,
      qi,
      quoteIdentifiers: (s) => (s.includes('.') ? s.split('.').map(qi).join('.') : qi(s)),
      quoteTable: (table, as) => frag({ kind: 'table', table: seqmig.normalizeTable(table) }) + (as ? ` AS ${qi(as)}` : ''),
      where: (M2, where, prefix) => {
        if (where === undefined || where === null) return '';
        const mapped = seqmig.modelInternals.mapWhere(M2, where);
        return frag({ kind: 'where', where: seqmig.toWhere(mapped), prefix });
      },
      rawWhere: (where) => frag({ kind: 'where', where: seqmig.toWhere(where), prefix: null }),
      value: (v) => frag({ kind: 'value', value: seqmig.toSqlValue(v) }),
      limit: (limit, offset) => frag({ kind: 'limit', limit: limit === undefined ? null : limit, offset: offset === undefined ? null : offset }),
    };
  }

  const ORDER_WORDS = ['ASC', 'DESC', 'ASC NULLS LAST', 'DESC NULLS LAST', 'ASC NULLS FIRST', 'DESC NULLS FIRST', 'NULLS FIRST', 'NULLS LAST'];

  // QueryGenerator.quote for order/group items.
  function quote(g, collection, parent, connector) {
    connector = connector || '.';
    if (typeof collection === 'string') return g.quoteIdentifiers(collection);
    if (Array.isArray(collection)) {
      collection = collection.slice();
      collection.forEach((item, index) => {
        const previous = collection[index - 1];
        let previousModel;
        if (!previous && parent !== undefined) previousModel = parent;
        if (previous && previous instanceof Association) previousModel = previous.target;
        let model;
        let as;
        if (isModelClass(item)) model = item;
        else if (item && isModelClass(item.model)) {
          model = item.model;
          as = item.as;
        }
        if (model) {
          let association;
          if (!as && previous && previous instanceof Association && previous.through && previous.through.model === model) {
            association = new Association(previousModel, model, { as: model.name });
          } else {
            association = previousModel.getAssociationForAlias(model, as);
            if (!association) association = previousModel.getAssociationForAlias(model, model.name);
          }
          if (!association) throw new Error(`Unable to find a valid association for model, '${model.name}'`);
          item = association;
        }
        if (typeof item === 'string') {
          const orderIndex = ORDER_WORDS.indexOf(item.toUpperCase());
          if (index > 0 && orderIndex !== -1) {
            item = new Literal(` ${ORDER_WORDS[orderIndex]}`);
          } else if (previousModel && previousModel.prototype instanceof Model) {
            if (previousModel.associations && previousModel.associations[item]) item = previousModel.associations[item];
            else if (previousModel.rawAttributes && previousModel.rawAttributes[item] && item !== previousModel.rawAttributes[item].field) {
              item = previousModel.rawAttributes[item].field;
            }
          }
        }
        collection[index] = item;
      });
      const tableNames = [];
      let i = 0;
      for (i = 0; i < collection.length - 1; i++) {
        const item = collection[i];
        if (typeof item === 'string' || item instanceof SequelizeMethod) break;
        else if (item instanceof Association) tableNames[i] = item.as;
      }
      let sql = '';
      if (i > 0) sql += `${g.qi(tableNames.join(connector))}.`;
      else if (typeof collection[0] === 'string' && parent) sql += `${g.qi(parent.name)}.`;
      for (const item of collection.slice(i)) sql += quote(g, item, parent, connector);
      return sql;
    }
    if (collection instanceof Literal) return String(collection.val);
    if (collection instanceof SequelizeMethod) return g.value(collection);
    throw new Error(`Unknown structure passed to order / group: ${String(collection)}`);
  }

  function getQueryOrders(g, options, model, subQuery) {
    const mainQueryOrder = [];
    const subQueryOrder = [];
    if (Array.isArray(options.order)) {
      for (let order of options.order) {
        order = Array.isArray(order) ? order.slice() : [order];
        if (subQuery && order[0] && !(order[0] instanceof Association) && !isModelClass(order[0]) &&
          !(order[0].model && isModelClass(order[0].model)) &&
          !(typeof order[0] === 'string' && model && model.associations && model.associations[order[0]])) {
          subQueryOrder.push(quote(g, order, model, '->'));
        }
        if (options.attributes && model) {
          const aliased = options.attributes.find((a) => Array.isArray(a) && a[1] && (a[0] === order[0] || a[1] === order[0]));
          if (aliased) order[0] = new Col(aliased[1]);
        }
        mainQueryOrder.push(quote(g, order, model, '->'));
      }
    } else if (options.order instanceof SequelizeMethod) {
      const sql = quote(g, options.order, model, '->');
      if (subQuery) subQueryOrder.push(sql);
      mainQueryOrder.push(sql);
    } else {
      throw new Error('Order must be type of array or instance of a valid sequelize method.');
    }
    return { mainQueryOrder, subQueryOrder };
  }

  function escapeAttributes(g, attributes, options, mainTableAs) {
    return attributes && attributes.map((attr) => {
      let addTable = true;
      if (attr instanceof SequelizeMethod) return g.value(attr);
      if (Array.isArray(attr)) {
        if (attr.length !== 2) {
          throw new Error(`${JSON.stringify(attr)} is not a valid attribute definition. Please use the following format: ['attribute definition', 'alias']`);
        }
        attr = attr.slice();
        if (attr[0] instanceof SequelizeMethod) {
          attr[0] = g.value(attr[0]);
          addTable = false;
        } else if (!attr[0].includes('(') && !attr[0].includes(')')) {
          attr[0] = g.qi(attr[0]);
        } else {
          throw new Error('Attributes cannot include parentheses in Sequelize 6');
        }
        attr = [attr[0], g.qi(attr[1])].join(' AS ');
      } else {
        attr = !attr.includes('`') && !attr.includes('"') ? g.qi(attr) : attr;
      }
      if (options.include && options.include.length && !attr.includes('.') && addTable) attr = `${mainTableAs}.${attr}`;
      return attr;
    });
  }

  function generateInclude(g, include, parentTableName, top) {
    const mainChildIncludes = [];
    const subChildIncludes = [];
    let requiredMismatch = false;
    const includeAs = { internalAs: include.as, externalAs: include.as };
    const attributes = { main: [], subQuery: [] };
    if (top.names.name !== parentTableName.externalAs && top.names.as !== parentTableName.externalAs) {
      includeAs.internalAs = `${parentTableName.internalAs}->${include.as}`;
      includeAs.externalAs = `${parentTableName.externalAs}.${include.as}`;
    }
    if (top.options.includeIgnoreAttributes !== false) {
      expandAttributes(include.model, include);
      mapFinderOptions(include, include.model);
      const includeAttributes = include.attributes.map((attr) => {
        let attrAs = attr;
        let verbatim = false;
        if (Array.isArray(attr) && attr.length === 2) {
          if (attr[0] instanceof SequelizeMethod) verbatim = true;
          attrAs = attr[1];
          attr = attr[0] instanceof SequelizeMethod ? g.value(attr[0]) : attr[0];
        }
        if (attr instanceof Literal) return attr.val;
        if (attr instanceof SequelizeMethod) {
          throw new Error('Tried to select attributes using Sequelize.cast or Sequelize.fn without specifying an alias for the result, during eager loading. This means the attribute will not be added to the returned instance');
        }
        const prefix = verbatim ? attr : `${g.qi(includeAs.internalAs)}.${g.qi(attr)}`;
        return `${prefix} AS ${g.qi(`${includeAs.externalAs}.${attrAs}`)}`;
      });
      if (include.subQuery && top.subQuery) attributes.subQuery.push(...includeAttributes);
      else attributes.main.push(...includeAttributes);
    }
    let joinQuery;
    if (include.through) {
      joinQuery = generateThroughJoin(g, include, includeAs, parentTableName.internalAs, top);
    } else {
      subQueryFilter(include, top);
      joinQuery = generateJoin(g, include, top);
    }
    attributes.main.push(...joinQuery.attributes.main);
    attributes.subQuery.push(...joinQuery.attributes.subQuery);
    if (include.include) {
      for (const child of include.include) {
        if (child.separate || child._pseudo) continue;
        const childJoin = generateInclude(g, child, includeAs, top);
        if (include.required === false && child.required === true) requiredMismatch = true;
        if (child.subQuery && top.subQuery) subChildIncludes.push(childJoin.subQuery);
        if (childJoin.mainQuery) mainChildIncludes.push(childJoin.mainQuery);
        attributes.main.push(...childJoin.attributes.main);
        attributes.subQuery.push(...childJoin.attributes.subQuery);
      }
    }
    const mainQuery = [];
    const subQuery = [];
    if (include.subQuery && top.subQuery) {
      if (requiredMismatch && subChildIncludes.length > 0) {
        subQuery.push(` ${joinQuery.join} ( ${joinQuery.body}${subChildIncludes.join('')} ) ON ${joinQuery.condition}`);
      } else {
        subQuery.push(` ${joinQuery.join} ${joinQuery.body} ON ${joinQuery.condition}`);
        if (subChildIncludes.length > 0) subQuery.push(subChildIncludes.join(''));
      }
      mainQuery.push(mainChildIncludes.join(''));
    } else {
      if (requiredMismatch && mainChildIncludes.length > 0) {
        mainQuery.push(` ${joinQuery.join} ( ${joinQuery.body}${mainChildIncludes.join('')} ) ON ${joinQuery.condition}`);
      } else {
        mainQuery.push(` ${joinQuery.join} ${joinQuery.body} ON ${joinQuery.condition}`);
        if (mainChildIncludes.length > 0) mainQuery.push(mainChildIncludes.join(''));
      }
      subQuery.push(subChildIncludes.join(''));
    }
    return { mainQuery: mainQuery.join(''), subQuery: subQuery.join(''), attributes };
  }

  // _generateSubQueryFilter: a required to-many include under a limit filters the
  // subquery with `( SELECT ... LIMIT 1 ) IS NOT NULL`.
  function subQueryFilter(include, top) {
    if (!top.subQuery || !include.subQueryFilter) return;
    throw seqmig.modelUnsupported(`a required include (${include.as}) of a to-many association with limit`);
  }

  function generateJoin(g, include, top) {
    const association = include.association;
    const parent = include.parent;
    const parentIsTop = !!parent && !parent.association && parent.model.name === top.options.model.name;
    const isBelongsTo = association.associationType === 'BelongsTo';
    const left = association.source;
    const attrLeft = isBelongsTo ? association.identifier : association.sourceKeyAttribute || left.primaryKeyAttribute;
    const fieldLeft = isBelongsTo ? association.identifierField : left.rawAttributes[association.sourceKeyAttribute || left.primaryKeyAttribute].field;
    const right = include.model;
    const fieldRight = isBelongsTo ? right.rawAttributes[association.targetIdentifier || right.primaryKeyAttribute].field : association.identifierField;
    let asRight = include.as;
    let asLeft;
    let $parent;
    while (($parent = ($parent && $parent.parent) || include.parent) && $parent.association) {
      asLeft = asLeft ? `${$parent.as}->${asLeft}` : $parent.as;
    }
    if (!asLeft) asLeft = parent.as || parent.model.name;
    else asRight = `${asLeft}->${asRight}`;
    let joinOn = `${g.qi(asLeft)}.${g.qi(fieldLeft)}`;
    const subqueryAttributes = [];
    if (top.subQuery && include.parent.subQuery && !include.subQuery) {
      if (parentIsTop) {
        const tableName = g.qi(parent.as || parent.model.name);
        joinOn = `${tableName}.${g.qi(attrLeft)}`;
        const dbIdentifier = `${tableName}.${g.qi(fieldLeft)}`;
        subqueryAttributes.push(dbIdentifier !== joinOn ? `${dbIdentifier} AS ${g.qi(attrLeft)}` : dbIdentifier);
      } else {
        joinOn = g.qi(`${asLeft.replace(/->/g, '.')}.${attrLeft}`);
      }
    }
    joinOn += ` = ${g.qi(asRight)}.${g.qi(fieldRight)}`;
    if (include.on) throw seqmig.modelUnsupported('include.on');
    if (include.where) {
      const joinWhere = g.where(include.model, include.where, asRight);
      if (joinWhere) joinOn += include.or ? ` OR ${joinWhere}` : ` AND ${joinWhere}`;
    }
    return {
      join: include.required ? 'INNER JOIN' : 'LEFT OUTER JOIN',
      body: g.quoteTable(right.getTableName(), asRight),
      condition: joinOn,
      attributes: { main: [], subQuery: subqueryAttributes },
    };
  }

  function generateThroughJoin(g, include, includeAs, parentTableName, top) {
    const through = include.through;
    const throughAs = `${includeAs.internalAs}->${through.as}`;
    const externalThroughAs = `${includeAs.externalAs}.${through.as}`;
    const association = include.association;
    const attributes = { main: [], subQuery: [] };
    if (top.options.includeIgnoreAttributes !== false) {
      for (const attr of through.attributes) {
        const name = Array.isArray(attr) ? attr[1] : attr;
        const field = Array.isArray(attr) ? attr[0] : attr;
        attributes.main.push(`${g.qi(throughAs)}.${g.qi(field)} AS ${g.qi(`${externalThroughAs}.${name}`)}`);
      }
    }
    let attrSource = association.sourceKey;
    if (!top.subQuery) attrSource = association.sourceKeyField;
    if (top.subQuery && !include.subQuery && !include.parent.subQuery && include.parent.model !== top.options.mainModel) {
      attrSource = association.sourceKeyField;
    }
    const parentIsTop = !include.parent.association && include.parent.model.name === top.options.model.name;
    let sourceJoinOn;
    if (top.subQuery && !include.subQuery && include.parent.subQuery && !parentIsTop) {
      sourceJoinOn = `${g.qi(`${parentTableName}.${attrSource}`)} = `;
    } else {
      sourceJoinOn = `${g.qi(parentTableName)}.${g.qi(attrSource)} = `;
    }
    sourceJoinOn += `${g.qi(throughAs)}.${g.qi(association.identifierField)}`;
    const targetJoinOn = `${g.qi(includeAs.internalAs)}.${g.qi(association.targetKeyField)} = ${g.qi(throughAs)}.${g.qi(association.foreignIdentifierField)}`;
    let joinBody = `( ${g.quoteTable(through.model.getTableName(), throughAs)} INNER JOIN ${g.quoteTable(include.model.getTableName(), includeAs.internalAs)} ON ${targetJoinOn}`;
    if (through.where) {
      const throughWhere = g.where(through.model, through.where, throughAs);
      if (throughWhere) joinBody += ` AND ${throughWhere}`;
    }
    joinBody += ')';
    let joinCondition = sourceJoinOn;
    if (include.where) {
      const targetWhere = g.where(include.model, include.where, includeAs.internalAs);
      if (targetWhere) joinCondition += ` AND ${targetWhere}`;
    }
    subQueryFilter(include, top);
    return { join: include.required ? 'INNER JOIN' : 'LEFT OUTER JOIN', body: joinBody, condition: joinCondition, attributes };
  }

  // QueryGenerator.selectQuery(tableName, options, model) for a model with includes.
  function selectQuery(M, options) {
    const g = generator(M);
    const limit = options.limit;
    const subQuery = options.subQuery === undefined ? !!(limit && options.hasMultiAssociation) : options.subQuery;
    const attributes = { main: options.attributes && options.attributes.slice(), subQuery: null };
    const mainTable = { name: M.getTableName(), as: g.qi(options.tableAs || M.name), model: M };
    const top = { names: mainTable, options, subQuery };
    mainTable.quotedName = g.quoteTable(mainTable.name);
    const mainQueryItems = [];
    const subQueryItems = [];
    let mainJoinQueries = [];
    let subJoinQueries = [];
    if (subQuery && attributes.main) {
      for (const keyAtt of M.primaryKeyAttributes) {
        if (!attributes.main.some((a) => keyAtt === a || keyAtt === a[0] || keyAtt === a[1])) {
          attributes.main.push(M.rawAttributes[keyAtt].field ? [keyAtt, M.rawAttributes[keyAtt].field] : keyAtt);
        }
      }
    }
    attributes.main = escapeAttributes(g, attributes.main, options, mainTable.as);
    attributes.main = attributes.main || (options.include ? [`${mainTable.as}.*`] : ['*']);
    if (subQuery) {
      attributes.subQuery = attributes.main;
      attributes.main = [`${mainTable.as}.*`];
    }
    const uniq = (list) => Array.from(new Set(list));
    for (const include of options.include || []) {
      if (include.separate) continue;
      const j = generateInclude(g, include, { externalAs: mainTable.as, internalAs: mainTable.as }, top);
      subJoinQueries = subJoinQueries.concat(j.subQuery);
      mainJoinQueries = mainJoinQueries.concat(j.mainQuery);
      if (j.attributes.main.length > 0) attributes.main = uniq(attributes.main.concat(j.attributes.main));
      if (j.attributes.subQuery.length > 0) attributes.subQuery = uniq(attributes.subQuery.concat(j.attributes.subQuery));
    }
    const from = (attrs, tables) => `SELECT ${attrs.join(', ')} FROM ${tables} AS ${mainTable.as}`;
    if (subQuery) {
      subQueryItems.push(from(attributes.subQuery, mainTable.quotedName));
      subQueryItems.push(subJoinQueries.join(''));
    } else {
      mainQueryItems.push(from(attributes.main, mainTable.quotedName));
      mainQueryItems.push(mainJoinQueries.join(''));
    }
    if (Object.prototype.hasOwnProperty.call(options, 'where')) {
      const where = g.where(M, options.where, options.tableAs || M.name);
      if (where) (subQuery ? subQueryItems : mainQueryItems).push(` WHERE ${where}`);
    }
    if (options.group) {
      const group = (Array.isArray(options.group) ? options.group : [options.group])
        .map((t) => quote(g, Array.isArray(t) ? t[0] : t)).join(', ');
      if (group) (subQuery ? subQueryItems : mainQueryItems).push(` GROUP BY ${group}`);
    }
    if (Object.prototype.hasOwnProperty.call(options, 'having')) {
      const having = g.rawWhere(options.having);
      if (having) (subQuery ? subQueryItems : mainQueryItems).push(` HAVING ${having}`);
    }
    if (options.order) {
      const orders = getQueryOrders(g, options, M, subQuery);
      if (orders.mainQueryOrder.length) mainQueryItems.push(` ORDER BY ${orders.mainQueryOrder.join(', ')}`);
      if (orders.subQueryOrder.length) subQueryItems.push(` ORDER BY ${orders.subQueryOrder.join(', ')}`);
    }
    if (options.limit != null || options.offset != null) {
      const limitOrder = g.limit(options.limit, options.offset);
      if (limitOrder) (subQuery ? subQueryItems : mainQueryItems).push(limitOrder);
    }
    let query;
    if (subQuery) {
      query = `SELECT ${attributes.main.join(', ')} FROM (${subQueryItems.join('')}) AS ${mainTable.as}${mainJoinQueries.join('')}${mainQueryItems.join('')}`;
    } else {
      query = mainQueryItems.join('');
    }
    return `${query};`;
  }

  // --- Results ----------------------------------------------------------------------

  // The model behind a dotted key's prefix (`posts.Tags.PostTags`).
  function modelAt(options, parts) {
    let cur = options;
    for (const p of parts) {
      if (!cur.includeMap || !cur.includeMap[p]) return null;
      cur = cur.includeMap[p];
    }
    return cur.model;
  }

  function parseJoinedRow(M, options, row) {
    const out = {};
    for (const key of Object.keys(row)) {
      const i = key.lastIndexOf('.');
      const model = i === -1 ? M : modelAt(options, key.slice(0, i).split('.'));
      if (!model) {
        out[key] = row[key];
        continue;
      }
      const name = key.slice(i + 1);
      const parsed = parseRow(model, { [name]: row[key] });
      out[key] = parsed[Object.keys(parsed)[0]];
    }
    return out;
  }

  // dottie.transform: `a.b` keys into nested objects.
  function dotTransform(row) {
    const out = {};
    for (const key of Object.keys(row)) {
      const parts = key.split('.');
      let cur = out;
      for (let i = 0; i < parts.length - 1; i++) {
        if (cur[parts[i]] === undefined || cur[parts[i]] === null || typeof cur[parts[i]] !== 'object') cur[parts[i]] = {};
        cur = cur[parts[i]];
      }
      cur[parts[parts.length - 1]] = row[key];
    }
    return out;
  }

  // AbstractQuery._groupJoinData.
  function groupJoinData(rows, includeOptions, checkExisting) {
    if (!rows.length) return [];
    const results = [];
    const resultMap = {};
    const stringify = (v) => (v instanceof Uint8Array ? Array.from(v).join(',') : v);
    const keys = Object.keys(rows[0]).map((k, i) => [k, i]).sort((a, b) => (a[0].split('.').length - b[0].split('.').length) || (a[1] - b[1])).map((x) => x[0]);
    const prefixOf = (k) => (k.lastIndexOf('.') === -1 ? '' : k.slice(0, k.lastIndexOf('.')));
    const lastOf = (k) => k.slice(k.lastIndexOf('.') + 1);
    const includeAt = (prefix) => {
      let cur = includeOptions;
      if (!prefix) return cur;
      for (const p of prefix.split('.')) cur = cur.includeMap[p];
      return cur;
    };
    const hashOf = (model, row, prefix) => {
      const pks = model.primaryKeyAttributes;
      let h = prefix;
      for (const pk of pks) h += stringify(row[prefix ? `${prefix}.${pk}` : pk]);
      return h;
    };
    for (const row of rows) {
      const topValues = {};
      // The values of each prefix, built in key order.
      const byPrefix = { '': topValues };
      for (const key of keys) {
        const prefix = prefixOf(key);
        if (!byPrefix[prefix]) byPrefix[prefix] = {};
        byPrefix[prefix][lastOf(key)] = row[key];
      }
      if (!checkExisting) {
        const prefixes = Object.keys(byPrefix).filter((p) => p).sort((a, b) => a.split('.').length - b.split('.').length);
        for (const p of prefixes) {
          const parent = byPrefix[prefixOf(p)];
          parent[lastOf(p)] = byPrefix[p];
        }
        results.push(topValues);
        continue;
      }
      const topHash = hashOf(includeOptions.model, row, '');
      let top = resultMap[topHash];
      if (!top) {
        top = resultMap[topHash] = topValues;
        results.push(top);
      }
      const prefixes = Object.keys(byPrefix).filter((p) => p).sort((a, b) => a.split('.').length - b.split('.').length || keys.findIndex((k) => prefixOf(k) === a) - keys.findIndex((k) => prefixOf(k) === b));
      const placed = { '': topHash };
      for (const p of prefixes) {
        const include = includeAt(p);
        const parentPrefix = prefixOf(p);
        const parentHash = placed[parentPrefix];
        const itemHash = parentHash + hashOf(include.model, row, p);
        placed[p] = itemHash;
        const parentValues = resultMap[parentHash];
        const name = lastOf(p);
        if (include.association.isSingleAssociation) {
          if (!resultMap[itemHash]) {
            resultMap[itemHash] = byPrefix[p];
            parentValues[name] = byPrefix[p];
          }
        } else {
          if (!Array.isArray(parentValues[name])) parentValues[name] = [];
          if (!resultMap[itemHash]) {
            resultMap[itemHash] = byPrefix[p];
            parentValues[name].push(byPrefix[p]);
          }
        }
      }
    }
    return results;
  }

  // The instance side of includes: Model.prototype._setInclude and get({ plain }).
  const baseSet = Model.prototype.set;
  Model.prototype.set = function set(key, value, options) {
    if (key !== null && typeof key === 'object') return baseSet.call(this, key, value, options);
    if (this._options && this._options.include && this._options.includeNames && this._options.includeNames.includes(key)) {
      this._setInclude(key, value, options || {});
      return this;
    }
    return baseSet.call(this, key, value, options);
  };

  Model.prototype._setInclude = function _setInclude(key, value, options) {
    if (!Array.isArray(value)) value = [value];
    if (value[0] instanceof Model) value = value.map((i) => i.dataValues);
    const include = this._options.includeMap[key];
    const association = include.association;
    const pk = include.model.primaryKeyAttribute;
    const childOptions = {
      isNewRecord: this.isNewRecord, include: include.include, includeNames: include.includeNames,
      includeMap: include.includeMap, includeValidated: true, raw: options.raw, attributes: include.originalAttributes,
    };
    if (include.originalAttributes === undefined || include.originalAttributes.length) {
      let built;
      if (association.isSingleAssociation) {
        if (Array.isArray(value)) value = value[0];
        const isEmpty = (value && value[pk] === null) || value === null || value === undefined;
        built = isEmpty ? null : buildWith(include.model, value, childOptions);
      } else {
        const isEmpty = value[0] && value[0][pk] === null;
        built = isEmpty ? [] : value.map((v) => buildWith(include.model, v, childOptions));
      }
      this.dataValues[key] = built;
      Object.defineProperty(this, key, { value: built, writable: true, enumerable: true, configurable: true });
    }
  };

  // new Model(values, {raw: true, attributes, include...}): with `attributes`, only those
  // keys (then virtual ones and the includes) are set, in that order.
  function buildWith(M, values, options) {
    const inst = new M({}, { isNewRecord: options.isNewRecord, raw: true });
    inst._options = Object.assign({}, inst._options, options);
    let keys = Object.keys(values);
    if (options.attributes) {
      const names = options.attributes.map((a) => (Array.isArray(a) ? a[1] : a));
      keys = names.concat(Array.from(M._virtualAttributes), options.includeNames || []).filter((k) => values[k] !== undefined);
    }
    for (const k of keys) inst.set(k, values[k], { raw: true });
    if (!options.isNewRecord) inst._settle();
    return inst;
  }

  const baseGet = Model.prototype.get;
  Model.prototype.get = function get(key, options) {
    if (options === undefined && key !== null && typeof key === 'object') {
      options = key;
      key = undefined;
    }
    options = options || {};
    const names = this._options && this._options.include ? this._options.includeNames || [] : [];
    if (key) {
      if (options.plain && names.includes(key) && !this.constructor._customGetters[key]) {
        const v = this.dataValues[key];
        if (Array.isArray(v)) return v.map((i) => (i instanceof Model ? i.get(options) : i));
        if (v instanceof Model) return v.get(options);
        return v;
      }
      return baseGet.call(this, key, options);
    }
    const out = baseGet.call(this, undefined, options);
    if (options.plain && names.length && out !== this.dataValues) {
      for (const name of names) if (Object.prototype.hasOwnProperty.call(this.dataValues, name)) out[name] = this.get(name, options);
    }
    return out;
  };

  // AbstractQuery.handleSelectQuery for a query with includes.
  function buildResults(M, rows, options) {
    rows = rows.map((r) => parseJoinedRow(M, options, r));
    let result;
    if (options.raw) {
      result = rows.map((r) => (options.nest ? dotTransform(r) : r));
    } else {
      const grouped = groupJoinData(rows, { model: M, includeMap: options.includeMap, includeNames: options.includeNames }, options.hasMultiAssociation);
      const childOptions = {
        isNewRecord: false, include: options.include, includeNames: options.includeNames, includeMap: options.includeMap,
        includeValidated: true, raw: true, attributes: options.originalAttributes || options.attributes,
      };
      result = grouped.map((values) => buildWith(M, values, childOptions));
    }
    if (options.plain) result = result.length === 0 ? null : result[0];
    return result;
  }

  // Model._findSeparate.
  async function findSeparate(results, options) {
    if (!options.include || options.raw || !results) return results;
    const original = results;
    if (options.plain) results = [results];
    if (!results.length) return original;
    for (const include of options.include) {
      if (!include.separate) {
        const nested = [];
        for (const r of results) {
          let a = r.get(include.association.as);
          if (!a) continue;
          if (!Array.isArray(a)) a = [a];
          nested.push(...a);
        }
        const rest = Object.assign({}, options);
        for (const k of ['include', 'attributes', 'order', 'where', 'limit', 'offset', 'plain', 'scope']) delete rest[k];
        await findSeparate(nested, Object.assign(rest, { include: include.include || [] }));
        continue;
      }
      const opts = Object.assign({}, options);
      for (const k of ['include', 'attributes', 'originalAttributes', 'order', 'where', 'limit', 'offset', 'plain', 'scope']) delete opts[k];
      const inc = Object.assign({}, include);
      for (const k of ['parent', 'association', 'as', 'originalAttributes']) delete inc[k];
      const map = await include.association.get(results, Object.assign(opts, inc));
      for (const r of results) r.set(include.association.as, map[r.get(include.association.sourceKey)], { raw: true });
    }
    return original;
  }

  // Model.findAll from `_conformIncludes` on, for options with includes.
  async function findAllWithInclude(M, options) {
    expandAttributes(M, options);
    options.originalAttributes = options.attributes;
    options.hasJoin = true;
    validateIncludedElements(M, options);
    if (options.attributes && !options.raw && M.primaryKeyAttribute && !options.attributes.includes(M.primaryKeyAttribute) &&
      (!options.group || !options.hasSingleAssociation || options.hasMultiAssociation)) {
      options.attributes = [M.primaryKeyAttribute].concat(options.attributes);
    }
    if (!options.attributes) {
      options.attributes = Object.keys(M.rawAttributes);
      options.originalAttributes = options.attributes;
    }
    mapFinderOptions(options, M);
    paranoidClause(M, options);
    const sql = selectQuery(M, options);
    const rows = op(M, 'model_select_sql', { sql }, options);
    const results = buildResults(M, rows, options);
    if (options.hooks !== false) await M.runHooks('afterFind', results, options);
    if ((results === null || (Array.isArray(results) && !results.length)) && options.rejectOnEmpty) {
      if (typeof options.rejectOnEmpty === 'function') throw new options.rejectOnEmpty();
      throw typeof options.rejectOnEmpty === 'object' ? options.rejectOnEmpty : new errors.EmptyResultError();
    }
    return findSeparate(results, options);
  }

  // Model.aggregate with includes (count's form): the rows of rawSelect with the joins.
  function aggregateRows(M, options) {
    validateIncludedElements(M, options);
    options.includeIgnoreAttributes = false;
    paranoidClause(M, options);
    const sql = selectQuery(M, options);
    return op(M, 'model_select_sql', { sql }, options);
  }

  seqmig.setLazy(seqmig, 'modelInclude', {
    conformIncludes, findAllWithInclude, aggregateRows, selectQuery, groupJoinData, paranoidClause,
    expandAttributes, mapFinderOptions, findSeparate, cloneDeep,
  });
})();
