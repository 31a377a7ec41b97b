// QueryGenerator.selectQuery for a model with includes (sequelize 6.37.8
// dialects/abstract/query-generator.js selectQuery, generateInclude, generateJoin,
// generateThroughJoin, getQueryOrders, quote, escapeAttributes): the SELECT is assembled
// as Sequelize assembles it, with where clauses, values, limits and table names rendered
// by the native generator (`model_fragments`).
(function () {
  'use strict';
  const seqmig = globalThis.__seqmig;
  const Model = seqmig.Model;
  const Op = seqmig.Op;
  const { SequelizeMethod, Literal, Col } = seqmig.Utils;
  const { Association } = seqmig.associations;
  const { op } = seqmig.modelInternals;
  const { isModelClass, expandAttributes, mapFinderOptions, validateIncludedElements } = seqmig.modelIncludeOptions;


  function generator(M) {
    const name = (M.sequelize.options && M.sequelize.options.dialect) || 'sqlite';
    const dialect = name === 'postgres' ? 'postgres' : 'sqlite';
    const tick = dialect === 'postgres' ? '"' : '`';
    const qi = (id) => (id === '*' ? '*' : tick + String(id).split(tick).join('') + tick);
    const frags = (list) => op(M, 'model_fragments', { fragments: list }, {});
    const frag = (f) => frags([f])[0];
    return {
      dialect,
      // Sequelize's `supports['UNION ALL']`: true but for sqlite.
      unionAll: name !== 'sqlite',
      qi,
      quoteIdentifiers: (s) => (s.includes('.') ? s.split('.').map(qi).join('.') : qi(s)),
      quoteTable: (table, as) => frag({ kind: 'table', table: seqmig.normalizeTable(table) }) + (as ? ` AS ${qi(as)}` : ''),
      where: (M2, where, prefix) => {
        if (where === undefined || where === null) return '';
        const mapped = seqmig.modelInternals.mapWhere(M2, where);
        return frag({ kind: 'where', where: seqmig.toWhere(mapped), prefix });
      },
      rawWhere: (where, prefix) => frag({ kind: 'where', where: seqmig.toWhere(where), prefix: prefix || null }),
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
      subQueryFilter(g, include, includeAs, top);
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

  // _generateSubQueryFilter: a required to-many include under a limit keeps the parents
  // that have one, with `( SELECT <key> FROM <target> ... LIMIT 1 ) IS NOT NULL` in the
  // subquery's where (under the key `__<as>`, which the where renders as the bare literal).
  function subQueryFilter(g, include, includeAs, top) {
    if (!top.subQuery || !include.subQueryFilter) return;
    const closureRequired = (include.include || []).some((i) => i.required && !i._pseudo);
    if (include.parent.parent || closureRequired) {
      throw seqmig.modelUnsupported(`a required include (${include.as}) of a to-many association with limit`);
    }
    const association = include.association;
    const topParent = include.parent;
    let query;
    if (include.through && isModelClass(include.through.model)) {
      // The through table, joined to the target under the include's where.
      const T = include.through.model;
      const options = validateIncludedElements(T, {
        model: T,
        include: [{ association: association.toTarget, required: true, where: include.where, include: [] }],
      });
      const link = `${g.qi(topParent.model.name)}.${g.qi(topParent.model.primaryKeyField)} = ${g.qi(T.name)}.${g.qi(association.identifierField)}`;
      query = selectQuery(T, {
        attributes: [T.primaryKeyField],
        include: options.include,
        model: T,
        where: { [Op.and]: [new Literal(link), include.through.where].filter((w) => w !== undefined) },
        limit: 1,
        includeIgnoreAttributes: false,
      });
      setFilter(top, includeAs, query);
      return;
    }
    const isBelongsTo = association.associationType === 'BelongsTo';
    const sourceField = isBelongsTo ? association.identifierField : association.sourceKeyField || topParent.model.primaryKeyField;
    const targetField = isBelongsTo ? association.sourceKeyField || include.model.primaryKeyField : association.identifierField;
    const join = `${g.qi(include.as)}.${g.qi(targetField)} = ${g.qi(topParent.as || topParent.model.name)}.${g.qi(sourceField)}`;
    query = selectQuery(include.model, {
      attributes: [targetField],
      include: [],
      model: include.model,
      where: { [Op.and]: [include.where, new Literal(join)].filter((w) => w !== undefined) },
      limit: 1,
      tableAs: include.as,
      includeIgnoreAttributes: false,
    });
    setFilter(top, includeAs, query);
  }

  function setFilter(top, includeAs, query) {
    if (!top.options.where) top.options.where = {};
    if (!top.options.where[Op.and]) top.options.where[Op.and] = [];
    top.options.where[`__${includeAs.internalAs}`] = new Literal(`( ${query.replace(/;$/, '')} ) IS NOT NULL`);
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
    if (include.on) joinOn = g.rawWhere(include.on, asRight);
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
    subQueryFilter(g, include, includeAs, top);
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
    if (options._whereSql !== undefined) {
      if (options._whereSql) mainQueryItems.push(` WHERE ${options._whereSql}`);
    } else if (Object.prototype.hasOwnProperty.call(options, 'where')) {
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

  // selectQuery's groupedLimit branch (a hasMany's separate include with `limit` over
  // several parents): per parent key, `SELECT * FROM (<the limited select>) AS sub`, the
  // parent's condition where Sequelize's placeholder stands (after the rest of the where),
  // joined by UNION ALL (UNION on sqlite, whose dialect says `supports['UNION ALL']: false`);
  // the outer order is dropped as Sequelize drops it.
  function groupedSelectQuery(M, options) {
    const g = generator(M);
    const gl = options.groupedLimit;
    const alias = options.tableAs || M.name;
    const where = g.where(M, options.where, alias);
    const parts = gl.values.map((value) => {
      const own = g.where(M, { [gl.on.foreignKeyField]: value }, alias);
      const inner = selectQuery(M, {
        attributes: options.attributes, offset: options.offset, limit: gl.limit, order: options.order,
        include: [], model: M, tableAs: options.tableAs, _whereSql: where ? `${where} AND ${own}` : own,
      });
      return `SELECT * FROM (${inner.replace(/;$/, '')}) AS sub`;
    });
    const union = g.unionAll ? ' UNION ALL ' : ' UNION ';
    return `SELECT ${g.qi(alias)}.* FROM (${parts.join(union)}) AS ${g.qi(alias)};`;
  }

  seqmig.setLazy(seqmig, 'modelSelect', { selectQuery, groupedSelectQuery });
})();
