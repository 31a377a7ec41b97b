// The queryInterface calls that take a model or an instance (upsert, update, delete), and
// the typing of bulkInsert/bulkUpdate values by the attributes they are given: both
// follow what Sequelize 6.37.8's abstract queryInterface and query generator do with
// them. Loaded after 40_query_interface.js, whose class they extend.
(function () {
  'use strict';
  const seqmig = globalThis.__seqmig;
  const define = seqmig.define;
  const callOp = seqmig.callOp;
  const table = seqmig.normalizeTable;
  const recordToJSON = seqmig.recordToJSON;
  const QueryInterface = seqmig.QueryInterface;
  const cannotRead = seqmig.cannotRead;

  // upsert, update and delete take a model or an instance, as Sequelize's abstract
  // queryInterface does; a missing one fails with V8's words for the same property read.

  // The model's primaryKeys, uniqueKeys and unique indexes as Sequelize keeps them,
  // computed from the attributes when the model shim does not keep them itself.
  function upsertKeyCandidates(model) {
    const raw = model.rawAttributes || {};
    const primaryKeys = model.primaryKeys ||
      Object.fromEntries(Object.entries(raw).filter(([, a]) => a.primaryKey));
    let uniqueKeys = model.uniqueKeys;
    if (!uniqueKeys) {
      uniqueKeys = {};
      const tableName = typeof model.getTableName === 'function' ? String(model.getTableName()) : model.tableName;
      for (const [name, a] of Object.entries(raw)) {
        if (!a.unique) continue;
        const field = a.field || name;
        const idx = a.unique === true ? `${tableName}_${field}_unique`
          : typeof a.unique === 'string' ? a.unique : (a.unique.name || `${tableName}_${field}_unique`);
        (uniqueKeys[idx] = uniqueKeys[idx] || { fields: [] }).fields.push(field);
      }
    }
    const indexes = model._indexes || (model.options && model.options.indexes) || [];
    return {
      primaryKeys: Object.values(primaryKeys).map((a) => a.field),
      uniqueKeys: Object.values(uniqueKeys).filter((c) => c.fields.length > 0).map((c) => c.fields),
      indexKeys: Object.values(indexes).filter((c) => c.unique && c.fields && c.fields.length > 0)
        .map((c) => c.fields.map((f) => (f && typeof f === 'object' ? (f.attribute || f.name) : f))),
    };
  }

  QueryInterface.prototype.upsert = async function upsert(tableName, insertValues, updateValues, where, options) {
    options = Object.assign({}, options);
    const model = options.model;
    const updateOnDuplicate = Object.keys(updateValues);
    let upsertKeys = options.conflictFields || [];
    // MySQLQueryInterface (mysql and mariadb) reads the model's primary keys first,
    // whatever conflictFields says (ON DUPLICATE KEY UPDATE names no target).
    const dialect = this.sequelize.getDialect();
    if (dialect === 'mysql' || dialect === 'mariadb') {
      if (model === undefined || model === null) throw cannotRead(model, 'primaryKeys');
      upsertKeys = upsertKeyCandidates(model).primaryKeys;
    }
    if (upsertKeys.length === 0) {
      if (model === undefined || model === null) throw cannotRead(model, 'primaryKeys');
      const { primaryKeys, uniqueKeys, indexKeys } = upsertKeyCandidates(model);
      for (const field of updateOnDuplicate) {
        const uniqueKey = uniqueKeys.find((fields) => fields.includes(field));
        if (uniqueKey) { upsertKeys = uniqueKey; break; }
        const indexKey = indexKeys.find((fields) => fields.includes(field));
        if (indexKey) { upsertKeys = indexKey; break; }
      }
      if (upsertKeys.length === 0 || updateOnDuplicate.some((f) => primaryKeys.includes(f))) upsertKeys = primaryKeys;
      upsertKeys = [...new Set(upsertKeys)];
    }
    if (model === undefined || model === null) throw cannotRead(model, 'rawAttributes');
    const raw = model.rawAttributes || {};
    const opts = { updateOnDuplicate, upsertKeys: upsertKeys.slice() };
    // generateReturnValues: every non-virtual field of the model.
    if (options.returning) {
      opts.returning = Object.keys(raw).filter((n) => !(raw[n].type instanceof seqmig.DataTypes.VIRTUAL))
        .map((n) => raw[n].field || n);
    }
    // insertQuery formats each value by the model's attribute for its column.
    const args = {
      table: table(tableName),
      values: recordToJSON(insertValues || {}),
      options: opts,
      attributes: seqmig.normalizeAttributes(modelColumns(raw)),
    };
    const pk = model.primaryKeyAttribute;
    const auto = Object.keys(raw).find((n) => raw[n].autoIncrement);
    if (pk && auto === pk && raw[pk]) args.autoIncrementField = raw[pk].field || pk;
    return callOp('qi_upsert', args, options);
  };

  // insert with an instance: insertQuery typed by its model's attributes; the instance is
  // the result, with the new id (sqlite: lastID into the autoIncrement attribute) or the
  // RETURNING row (postgres) in it, and no longer a new record.
  const insertWithoutInstance = QueryInterface.prototype.insert;
  QueryInterface.prototype.insert = async function insert(instance, tableName, values, options) {
    if (!instance) return insertWithoutInstance.call(this, instance, tableName, values, options);
    const M = instance.constructor;
    if (M === undefined || M === null || M.options === undefined || M.options === null) {
      throw cannotRead(M && M.options, 'hasTrigger');
    }
    options = Object.assign({}, options);
    const raw = M.rawAttributes || {};
    const opts = seqmig.pickOptions(options, ['ignoreDuplicates', 'onConflictDoNothing']);
    if (options.returning) {
      opts.returning = Object.keys(raw).filter((n) => !(raw[n].type instanceof seqmig.DataTypes.VIRTUAL))
        .map((n) => raw[n].field || n);
    }
    const out = callOp('qi_insert', {
      table: table(tableName),
      values: recordToJSON(values || {}),
      options: opts,
      attributes: seqmig.normalizeAttributes(modelColumns(raw)),
    }, options);
    if (this.sequelize.getDialect() === 'postgres') {
      const row = Array.isArray(out) && Array.isArray(out[0]) ? out[0][0] : undefined;
      if (row && typeof row === 'object') {
        for (const key of Object.keys(row)) {
          const attr = Object.values(raw).find((a) => a.fieldName === key || a.field === key);
          instance.dataValues[(attr && attr.fieldName) || key] = row[key];
        }
      }
    } else {
      const auto = M.autoIncrementAttribute !== undefined
        ? M.autoIncrementAttribute
        : Object.keys(raw).find((n) => raw[n].autoIncrement);
      instance[auto] = Array.isArray(out) ? out[0] : out;
    }
    instance.isNewRecord = false;
    return [instance, Array.isArray(out) ? out[1] : undefined];
  };

  QueryInterface.prototype.update = async function update(instance, tableName, values, identifier, options) {
    options = Object.assign({}, options);
    if (instance === undefined || instance === null) throw cannotRead(instance, 'constructor');
    const raw = instance.constructor.rawAttributes;
    const args = {
      table: table(tableName),
      values: recordToJSON(values || {}),
      where: seqmig.toWhere(identifier),
      options: seqmig.pickOptions(options, ['returning', 'limit']),
    };
    if (raw) args.attributes = seqmig.normalizeAttributes(modelColumns(raw));
    // An UPDATE query with an instance answers `[instance, affected rows]` on both dialects.
    const changes = callOp('qi_bulk_update', args, options);
    return [instance, typeof changes === 'number' ? changes : (Array.isArray(changes) ? changes.length : changes)];
  };

  QueryInterface.prototype.delete = async function del(instance, tableName, identifier, options) {
    options = Object.assign({}, options);
    if (instance === undefined || instance === null) throw cannotRead(instance, 'constructor');
    // sequelize.query runs it as a SELECT for the instance's model: DELETE returns no rows.
    callOp('qi_bulk_delete', { table: table(tableName), where: seqmig.toWhere(identifier), options: {} }, options);
    // On mysql and mariadb that SELECT's handleSelectQuery gets the write's header, not
    // rows: the model's bulkBuild (the mariadb dialect's JSON pass first, for a model
    // with a JSON attribute) calls .map on it, after the row is gone.
    const dialect = this.sequelize.getDialect();
    if (dialect === 'mysql' || dialect === 'mariadb') {
      const raw = (instance.constructor && instance.constructor.rawAttributes) || {};
      const hasJson = Object.values(raw).some((a) => a && a.type instanceof seqmig.DataTypes.JSON);
      throw new TypeError(dialect === 'mariadb' && hasJson ? 'rows.map is not a function' : 'valueSets.map is not a function');
    }
    return [];
  };

  // The column definitions a model's attributes amount to, for value formatting.
  function modelColumns(raw) {
    const out = {};
    for (const name of Object.keys(raw)) {
      const a = raw[name];
      out[name] = { type: a.type, field: a.field || name, autoIncrement: a.autoIncrement, primaryKey: a.primaryKey };
    }
    return out;
  }


  // wkx's `Geometry.parseGeoJSON(value).toWkt()`, which Sequelize's abstract GEOMETRY
  // and GEOGRAPHY stringify with.
  function geoJsonToWkt(g) {
    const type = g && typeof g === 'object' ? g.type : undefined;
    const pos = (p) => p.map((n) => String(n)).join(' ');
    const list = (ps) => ps.map(pos).join(',');
    const rings = (rs) => rs.map((r) => `(${list(r)})`).join(',');
    const first = (c, depth) => { let x = c; for (let i = 0; i < depth && Array.isArray(x); i++) x = x[0]; return x; };
    const tag = (name, c, depth) => {
      const p = first(c, depth);
      return Array.isArray(p) && p.length > 2 ? `${name} Z ` : name;
    };
    const c = g && g.coordinates;
    const empty = !Array.isArray(c) || c.length === 0;
    switch (type) {
      case 'Point': return empty ? 'POINT EMPTY' : `${tag('POINT', [c], 1)}(${pos(c)})`;
      case 'LineString': return empty ? 'LINESTRING EMPTY' : `${tag('LINESTRING', c, 1)}(${list(c)})`;
      case 'Polygon': return empty ? 'POLYGON EMPTY' : `${tag('POLYGON', c, 2)}(${rings(c)})`;
      case 'MultiPoint': return empty ? 'MULTIPOINT EMPTY' : `${tag('MULTIPOINT', c, 1)}(${list(c)})`;
      case 'MultiLineString': return empty ? 'MULTILINESTRING EMPTY' : `${tag('MULTILINESTRING', c, 2)}(${rings(c)})`;
      case 'MultiPolygon':
        return empty ? 'MULTIPOLYGON EMPTY' : `${tag('MULTIPOLYGON', c, 3)}(${c.map((p) => `(${rings(p)})`).join(',')})`;
      case 'GeometryCollection': {
        const gs = g.geometries || [];
        return gs.length ? `GEOMETRYCOLLECTION(${gs.map(geoJsonToWkt).join(',')})` : 'GEOMETRYCOLLECTION EMPTY';
      }
      default: throw new Error(`GeometryType ${type} not supported`);
    }
  }

  // bulkInsert/bulkUpdate hand their attributes to Sequelize's query generator as given:
  // only a DataType instance under `type` types a value (a class or a bare type leaves it
  // untyped), and it is the abstract type, not the dialect's: RANGE and HSTORE write
  // nothing of their own, GEOMETRY/GEOGRAPHY write ST_GeomFromText(WKT).
  function bulkAttributes(attributes, records, isInsert) {
    if (!attributes) return { attributes: undefined, records: records.map(recordToJSON) };
    const DataTypes = seqmig.DataTypes;
    // An untyped column is left out (its values escape plainly), except an autoIncrement
    // one, whose flag bulkInsertQuery reads: its integers escape the same as INTEGERs.
    const typed = {};
    const geo = new Set();
    const blobs = new Set();
    for (const key of Object.keys(attributes)) {
      const a = attributes[key];
      if (!isPlainObjectLike(a)) continue;
      const t = a.type;
      let untyped = typeof t === 'function' || t === undefined || t === null ||
        t instanceof DataTypes.RANGE || t instanceof DataTypes.HSTORE;
      if (t instanceof DataTypes.GEOMETRY || t instanceof DataTypes.GEOGRAPHY) {
        untyped = true;
        geo.add(key);
      }
      // The abstract BLOB writes X'hex' (a bit string to PostgreSQL), where the dialect's
      // writes E'\\x…'. Only escaping (bulkInsert) has that form; bulkUpdate binds.
      if (isInsert && t instanceof DataTypes.BLOB) {
        untyped = true;
        blobs.add(key);
      }
      if (!untyped) typed[key] = a;
      else if (a.autoIncrement === true) typed[key] = Object.assign({}, a, { type: DataTypes.INTEGER });
    }
    const rows = records.map((record) => {
      const out = recordToJSON(record);
      for (const key of geo) {
        const v = record[key];
        if (v !== undefined && v !== null && !(v instanceof seqmig.Utils.SequelizeMethod)) {
          out[key] = { $seqmig: 'fn', fn: 'ST_GeomFromText', args: [geoJsonToWkt(v)] };
        }
      }
      for (const key of blobs) {
        const v = record[key];
        if (v !== undefined && v !== null && !(v instanceof seqmig.Utils.SequelizeMethod)) {
          out[key] = { $seqmig: 'literal', val: `X'${hexOf(v)}'` };
        }
      }
      return out;
    });
    const json = seqmig.normalizeAttributes(typed);
    for (const key of Object.keys(typed)) seqmig.markAbstractDataType(json[key].type, typed[key].type);
    return { attributes: json, records: rows };
  }
  // BLOB's `_stringify`: a Buffer as is, an array as its bytes, anything else as the
  // UTF-8 of its toString().
  function hexOf(v) {
    const B = globalThis.Buffer;
    const bytes = v instanceof Uint8Array ? v : Array.isArray(v) ? Uint8Array.from(v) : B.from(v.toString());
    let hex = '';
    for (const b of bytes) hex += (b < 16 ? '0' : '') + b.toString(16);
    return hex;
  }
  const isPlainObjectLike = (a) => a !== null && typeof a === 'object' && !(a instanceof seqmig.DataTypes.ABSTRACT);

  define(seqmig, 'bulkAttributes', bulkAttributes);
})();
