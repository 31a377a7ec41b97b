// `models:diff` and `migration:generate --from-models` (crates/seqmig-core/src/models_diff/):
// load an app's models as sequelize-cli's `init:models` index does (or each model file when
// there is no index), then create on the run's connection (a scratch database) what
// Sequelize 6.37.8's `sequelize.sync()` creates on an empty one: per model, in
// modelManager's order, `createTable(tableName, attributes, {uniqueKeys}, model)` and an
// `addIndex` per entry of `_indexes` (src/model.js `sync`). Returns the models' schema as
// the attribute JSON of CONTRACTS.md §3, for the migration writer.
(function () {
  'use strict';
  const seqmig = globalThis.__seqmig;
  const Model = seqmig.Model;
  const { underscore } = seqmig.inflection;

  const isModel = (v) => typeof v === 'function' && v.prototype instanceof Model && v.rawAttributes;
  const isInstance = (v) => v instanceof seqmig.Sequelize;
  const typeKey = (attr) => (attr.type && (attr.type.key || (attr.type.constructor && attr.type.constructor.key))) || undefined;

  // The models of every Sequelize instance the index exports or its models hang off.
  function collect(exported, into) {
    const instances = new Set();
    const visit = (v) => {
      if (isModel(v) && v.sequelize) instances.add(v.sequelize);
      else if (isInstance(v)) instances.add(v);
    };
    if (exported && (typeof exported === 'object' || typeof exported === 'function')) {
      visit(exported);
      for (const key of Object.keys(exported)) visit(exported[key]);
    }
    for (const instance of instances) {
      for (const m of instance.modelManager.models) if (!into.includes(m)) into.push(m);
    }
    for (const key of Object.keys(exported || {})) {
      const v = exported[key];
      if (isModel(v) && !into.includes(v)) into.push(v);
    }
  }

  function modelFiles(fs, path, dir) {
    return fs.readdirSync(dir)
      .filter((f) => f.indexOf('.') !== 0 && /\.(c?js)$/.test(f) && f.indexOf('.test.js') === -1)
      .sort()
      .map((f) => path.join(dir, f));
  }

  async function load(dir) {
    const fs = seqmig.builtins.fs;
    const path = seqmig.builtins.path;
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
      throw new Error(`seqmig: no models folder ${dir} (--models-path, or "models-path" in .sequelizerc)`);
    }
    const index = ['index.js', 'index.cjs'].map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
    const models = [];
    if (index) {
      let exported = seqmig.Module.createRequire(index)(index);
      if (exported && typeof exported.then === 'function') exported = await exported;
      if (exported && exported.__esModule && exported.default) exported = exported.default;
      collect(exported, models);
      return { models, entry: index };
    }
    // No index: each file is a model definer `(sequelize, DataTypes) => Model` (as
    // model:generate writes them) or a module exporting an initialised model class.
    const sequelize = seqmig.getSequelize();
    for (const file of modelFiles(fs, path, dir)) {
      let def = seqmig.Module.createRequire(file)(file);
      if (def && def.__esModule && def.default) def = def.default;
      if (isModel(def)) {
        if (!models.includes(def)) models.push(def);
      } else if (typeof def === 'function') {
        const m = def(sequelize, seqmig.DataTypes);
        if (isModel(m) && !models.includes(m)) models.push(m);
      } else {
        collect(def, models);
      }
    }
    const byName = {};
    for (const m of models) byName[m.name] = m;
    for (const m of models) if (typeof m.associate === 'function') m.associate(Object.assign({}, m.sequelize.models, byName));
    for (const m of models) {
      for (const other of m.sequelize.modelManager.models) if (!models.includes(other)) models.push(other);
    }
    return { models, entry: null };
  }

  // modelManager.getModelsTopoSortedByForeignKey, then sync's order: a referenced table first.
  function syncOrder(models) {
    const nameOf = (t) => (t && typeof t === 'object' ? `${t.schema}.${t.tableName}` : t);
    const byName = new Map(models.map((m) => [nameOf(m.getTableName()), m]));
    const done = new Set();
    const out = [];
    const visiting = new Set();
    const visit = (m) => {
      const name = nameOf(m.getTableName());
      if (done.has(name) || visiting.has(name)) return;
      visiting.add(name);
      for (const attr of Object.values(m.rawAttributes)) {
        if (!attr.references) continue;
        const dep = byName.get(nameOf(attr.references.model));
        if (dep && dep !== m) visit(dep);
      }
      visiting.delete(name);
      done.add(name);
      out.push(m);
    };
    for (const m of models) visit(m);
    return out;
  }

  // refreshAttributes' uniqueKeys: `unique: true` is the column's own UNIQUE; a name (or an
  // object) is a table constraint shared by the attributes naming it.
  function uniqueKeys(M) {
    const keys = {};
    for (const [name, a] of Object.entries(M.rawAttributes)) {
      if (!a.unique) continue;
      let idx;
      if (typeof a.unique === 'object' && Object.prototype.hasOwnProperty.call(a.unique, 'name')) idx = a.unique.name;
      else if (typeof a.unique === 'string') idx = a.unique;
      else idx = `${M.tableName}_${name}_unique`;
      const key = keys[idx] || { fields: [] };
      key.fields.push(a.field || name);
      key.name = idx;
      key.customIndex = a.unique !== true;
      keys[idx] = key;
    }
    return keys;
  }

  // Model.init's `_indexes`: _conformIndex then Utils.nameIndex.
  function indexes(M) {
    const tableName = M.tableName;
    const out = [];
    for (const raw of M.options.indexes || []) {
      if (!raw || !raw.fields) throw new Error(`Missing "fields" property for index definition (model ${M.name})`);
      const index = Object.assign({ type: '', parser: null }, raw);
      if (index.type && String(index.type).toLowerCase() === 'unique') {
        index.unique = true;
        delete index.type;
      }
      if (!Object.prototype.hasOwnProperty.call(index, 'name')) {
        const fields = index.fields.map((f) => (typeof f === 'string' ? f : f.name || f.attribute));
        index.name = underscore(`${tableName}_${fields.join('_')}`);
      }
      out.push(index);
    }
    for (const [name, a] of Object.entries(M.rawAttributes)) {
      if (a.index === true && typeKey(a) === 'JSONB') {
        out.push({ fields: [a.field || name], using: 'gin', name: underscore(`${tableName}_${a.field || name}`), type: '', parser: null });
      }
    }
    return out;
  }

  function columnsOf(M) {
    const out = {};
    for (const [name, a] of Object.entries(M.rawAttributes)) {
      if (typeKey(a) === 'VIRTUAL') continue;
      const attr = Object.assign({}, a);
      if (attr.references && attr.references.model && typeof attr.references.model.getTableName === 'function') {
        attr.references = Object.assign({}, attr.references, { model: attr.references.model.getTableName() });
      }
      out[a.field || name] = attr;
    }
    return out;
  }

  // Everything a model's table needs, and the same created on the run's connection.
  async function modelsSchema(dir, create) {
    const { models, entry } = await load(dir);
    const qi = seqmig.getSequelize().getQueryInterface();
    const tables = [];
    for (const M of syncOrder(models)) {
      const tableName = M.getTableName();
      const attrs = columnsOf(M);
      const keys = uniqueKeys(M);
      const idx = indexes(M);
      const columns = {};
      for (const [field, a] of Object.entries(attrs)) {
        try {
          columns[field] = seqmig.normalizeAttribute(a, false);
        } catch (e) {
          throw new Error(`seqmig: model ${M.name}, attribute ${a.fieldName || field}: ${e.message}`);
        }
        if (a.type && a.type.key === 'ENUM' && !columns[field].type.values) columns[field].type.values = a.values;
      }
      tables.push({
        model: M.name,
        table: seqmig.normalizeTable(tableName),
        columns,
        uniqueKeys: Object.values(keys).filter((k) => k.customIndex).map((k) => ({ name: k.name, fields: k.fields })),
        indexes: idx.map((i) => seqmig.normalizeIndexOptions(i, M.tableName)),
      });
      if (create) {
        await qi.createTable(tableName, attrs, { uniqueKeys: keys });
        for (const i of idx) await qi.addIndex(tableName, Object.assign({}, i));
      }
    }
    return { entry, tables };
  }
  seqmig.setLazy(seqmig, 'modelsSchema', modelsSchema);
})();
