// Eager loading results (sequelize 6.37.8 dialects/abstract/query.js handleSelectQuery and
// _groupJoinData, src/model.js _setInclude, get({ plain }) and _findSeparate): the joined
// rows parsed per model, grouped and built into nested instances as Sequelize builds them,
// and Model.findAll/aggregate's paths for options with includes.
(function () {
  'use strict';
  const seqmig = globalThis.__seqmig;
  const Model = seqmig.Model;
  const errors = seqmig.errors;
  const { op, parseRow } = seqmig.modelInternals;
  const {
    conformIncludes, expandAttributes, mapFinderOptions, validateIncludedElements, paranoidClause, expandIncludeAll,
  } = seqmig.modelIncludeOptions;
  const { selectQuery } = seqmig.modelSelect;


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
    expandIncludeAll(M, options);
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

  // Model.findAll with `groupedLimit` (set by HasMany.get for a limited separate include).
  async function findAllGrouped(M, options) {
    expandAttributes(M, options);
    const originalAttributes = options.attributes || Object.keys(M.rawAttributes);
    options.attributes = originalAttributes.slice();
    mapFinderOptions(options, M);
    paranoidClause(M, options);
    const sql = seqmig.modelSelect.groupedSelectQuery(M, options);
    const rows = op(M, 'model_select_sql', { sql }, options).map((r) => parseRow(M, r));
    const names = originalAttributes.map((a) => (Array.isArray(a) ? a[1] : a));
    let result = options.raw ? rows : rows.map((r) => seqmig.modelQuery.instanceFromRow(M, r, names));
    if (options.plain) result = result.length ? result[0] : null;
    if (options.hooks !== false) await M.runHooks('afterFind', result, options);
    return result;
  }

  // Model.aggregate with includes (count's form): the rows of rawSelect with the joins.
  function aggregateRows(M, options) {
    expandIncludeAll(M, options);
    validateIncludedElements(M, options);
    options.includeIgnoreAttributes = false;
    paranoidClause(M, options);
    const sql = selectQuery(M, options);
    return op(M, 'model_select_sql', { sql }, options);
  }

  seqmig.setLazy(seqmig, 'modelInclude', {
    conformIncludes, findAllWithInclude, findAllGrouped, aggregateRows, selectQuery, groupJoinData, paranoidClause,
    expandAttributes, mapFinderOptions, findSeparate,
  });
})();
