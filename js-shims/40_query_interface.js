// The queryInterface handed to migrations: each method takes Sequelize 6.37.8's loose
// arguments (v4/v5/v6 spellings), normalises them (35_normalize.js) and makes exactly
// one op request; Rust builds and runs the SQL. Methods are async so that a bad
// argument becomes a rejection, as in Sequelize. Unknown methods stay unknown.
(function () {
  'use strict';
  const seqmig = globalThis.__seqmig;
  const define = seqmig.define;
  const callOp = seqmig.callOp;
  const table = seqmig.normalizeTable;

  // A missing model, instance or attribute fails as V8 words the property read.
  const cannotRead = (what, prop) => new TypeError(`Cannot read properties of ${what} (reading '${prop}')`);

  const unsupported = (name) => async function () {
    throw new Error(`queryInterface.${name} is not supported by seqmig`);
  };

  class QueryInterface {
    constructor(sequelize) {
      this.sequelize = sequelize;
      define(this, 'queryGenerator', new QueryGenerator(sequelize));
    }

    async createSchema(schema, options) {
      return callOp('qi_create_schema', { schema: String(schema) }, options);
    }

    async dropSchema(schema, options) {
      return callOp('qi_drop_schema', { schema: String(schema) }, options);
    }

    async showAllSchemas(options) {
      const skip = options && Array.isArray(options.skip) ? options.skip.map(String) : undefined;
      return callOp('qi_show_all_schemas', skip ? { options: { skip } } : {}, options);
    }

    async createTable(tableName, attributes, options, model) {
      options = options || {};
      let uniqueKeys = options.uniqueKeys || (model && model.uniqueKeys);
      if (uniqueKeys) {
        // Sequelize marks every uniqueKey of createTable as a custom index.
        uniqueKeys = Object.assign({}, uniqueKeys);
        for (const name of Object.keys(uniqueKeys)) {
          uniqueKeys[name] = Object.assign({}, uniqueKeys[name]);
          if (uniqueKeys[name].customIndex === undefined) uniqueKeys[name].customIndex = true;
        }
      }
      const opts = seqmig.pickOptions(Object.assign({}, options, { uniqueKeys }),
        ['uniqueKeys', 'comment', 'charset', 'collate', 'engine', 'rowFormat', 'initialAutoIncrement']);
      seqmig.normalizeDataTypesInPlace(attributes, this.sequelize.getDialect());
      return callOp('qi_create_table', {
        table: table(tableName, options.schema),
        attributes: seqmig.normalizeAttributes(attributes || {}),
        options: opts,
      }, options);
    }

    async tableExists(tableName, options) {
      return callOp('qi_table_exists', { table: table(tableName) }, options);
    }

    async dropTable(tableName, options) {
      options = options || {};
      return callOp('qi_drop_table', {
        table: table(tableName),
        options: { cascade: !!(options.cascade || options.force) },
      }, options);
    }

    async dropAllTables(options) {
      options = options || {};
      return callOp('qi_drop_all_tables', { options: { skip: (options.skip || []).slice() } }, options);
    }

    async renameTable(before, after, options) {
      return callOp('qi_rename_table', { before: table(before), after: table(after) }, options);
    }

    async showAllTables(options) {
      return callOp('qi_show_all_tables', {}, options);
    }

    async describeTable(tableName, options) {
      let schema = null;
      let delimiter = null;
      if (typeof options === 'string') {
        schema = options;
      } else if (options !== null && typeof options === 'object') {
        schema = options.schema || null;
        delimiter = options.schemaDelimiter || null;
      }
      const t = table(tableName, schema);
      if (delimiter) t.delimiter = delimiter;
      const data = callOp('qi_describe_table', { table: t }, typeof options === 'object' ? options : {});
      if (data === null || data === undefined || (typeof data === 'object' && Object.keys(data).length === 0)) {
        throw new Error(`No description found for "${t.tableName}" table. Check the table name and schema; remember, they _are_ case sensitive.`);
      }
      return data;
    }

    async addColumn(tableName, key, attribute, options) {
      if (!tableName || !key || !attribute) {
        throw new Error('addColumn takes at least 3 arguments (table, attribute name, attribute definition)');
      }
      seqmig.normalizeAttributeInPlace(attribute, this.sequelize.getDialect());
      return callOp('qi_add_column', {
        table: table(tableName),
        column: String(key),
        attribute: seqmig.normalizeAttribute(attribute, false),
      }, options);
    }

    async removeColumn(tableName, attributeName, options) {
      return callOp('qi_remove_column', { table: table(tableName), column: String(attributeName) }, options);
    }

    async changeColumn(tableName, attributeName, dataTypeOrOptions, options) {
      seqmig.normalizeAttributeInPlace(dataTypeOrOptions, this.sequelize.getDialect());
      return callOp('qi_change_column', {
        table: table(tableName),
        column: String(attributeName),
        attribute: seqmig.normalizeAttribute(dataTypeOrOptions, true),
      }, options);
    }

    async renameColumn(tableName, attrNameBefore, attrNameAfter, options) {
      return callOp('qi_rename_column', {
        table: table(tableName),
        before: String(attrNameBefore),
        after: String(attrNameAfter),
      }, options);
    }

    // addIndex(table, [fields], options?) or addIndex(table, {fields, ...}).
    async addIndex(tableName, attributes, options, rawTablename) {
      if (!Array.isArray(attributes)) {
        rawTablename = options;
        options = attributes;
        attributes = options && options.fields;
      }
      const opts = Object.assign({}, options || {}, { fields: attributes });
      return callOp('qi_add_index', {
        table: table(tableName),
        options: seqmig.normalizeIndexOptions(opts, rawTablename),
      }, options);
    }

    async removeIndex(tableName, indexNameOrAttributes, options) {
      const index = typeof indexNameOrAttributes === 'string'
        ? indexNameOrAttributes
        : Array.from(indexNameOrAttributes || [], (f) => (typeof f === 'string' ? f : (f.name || f.attribute)));
      const args = { table: table(tableName), index };
      if (options && options.concurrently) args.options = { concurrently: true };
      return callOp('qi_remove_index', args, options);
    }

    async showIndex(tableName, options) {
      return callOp('qi_show_index', { table: table(tableName) }, options);
    }

    async getForeignKeyReferencesForTable(tableName, options) {
      return callOp('qi_get_foreign_keys', { table: table(tableName) }, options);
    }

    // Sequelize keys the result by the name as given, or `schema.table` for objects.
    async getForeignKeysForTables(tableNames, options) {
      const result = {};
      for (const tableName of tableNames || []) {
        const rows = callOp('qi_get_foreign_keys', { table: table(tableName) }, options);
        const key = tableName !== null && typeof tableName === 'object'
          ? `${tableName.schema}.${tableName.tableName}`
          : tableName;
        result[key] = (Array.isArray(rows) ? rows : [rows])
          .map((r) => r && (r.constraintName || r.constraint_name))
          .filter((x) => x);
      }
      return result;
    }

    // v6 addConstraint(table, {fields, type, ...}) or v5 addConstraint(table, fields, {type, ...}).
    async addConstraint(tableName, options, rawOptions) {
      if (Array.isArray(options)) {
        options = Object.assign({}, rawOptions || {}, { fields: options });
      }
      options = options || {};
      if (!options.fields) throw new Error('Fields must be specified through options.fields');
      if (!options.type) throw new Error('Constraint type must be specified through options.type');
      return callOp('qi_add_constraint', {
        table: table(tableName),
        options: seqmig.normalizeConstraintOptions(options),
      }, options);
    }

    async removeConstraint(tableName, constraintName, options) {
      return callOp('qi_remove_constraint', { table: table(tableName), name: String(constraintName) }, options);
    }

    async showConstraint(tableName, constraintName, options) {
      const args = { table: table(tableName) };
      if (constraintName !== undefined && constraintName !== null && typeof constraintName !== 'object') {
        args.name = String(constraintName);
      } else {
        options = constraintName || options;
      }
      return callOp('qi_show_constraint', args, options);
    }

    async bulkInsert(tableName, records, options, attributes) {
      options = options || {};
      const bulk = seqmig.bulkAttributes(attributes, Array.from(records || []), true);
      const args = {
        table: table(tableName),
        records: bulk.records,
        options: seqmig.pickOptions(options, ['ignoreDuplicates', 'returning', 'updateOnDuplicate', 'upsertKeys', 'conflictAttributes']),
      };
      if (bulk.attributes) args.attributes = bulk.attributes;
      return callOp('qi_bulk_insert', args, options);
    }

    async bulkUpdate(tableName, values, identifier, options, attributes) {
      options = options || {};
      const bulk = seqmig.bulkAttributes(attributes, [values || {}], false);
      const args = {
        table: table(tableName),
        values: bulk.records[0],
        where: seqmig.toWhere(identifier),
        options: seqmig.pickOptions(options, ['returning', 'limit']),
      };
      if (bulk.attributes) args.attributes = bulk.attributes;
      return callOp('qi_bulk_update', args, options);
    }

    async bulkDelete(tableName, where, options, model) {
      options = options || {};
      return callOp('qi_bulk_delete', {
        table: table(tableName),
        where: seqmig.toWhere(where),
        options: seqmig.pickOptions(options, ['truncate', 'limit', 'cascade', 'restartIdentity']),
      }, options);
    }

    async select(model, tableName, optionsArg) {
      const options = Object.assign({}, optionsArg || {});
      if (model || options.model) throw new Error('seqmig does not support models yet');
      return callOp('qi_select', { table: table(tableName), options: selectOptions(options), plain: !!options.plain }, options);
    }

    async rawSelect(tableName, options, attributeSelector, Model) {
      options = Object.assign({ raw: true, plain: true, type: 'SELECT' }, options || {});
      if (Model) throw new Error('seqmig does not support models yet');
      if (attributeSelector === undefined) throw new Error('Please pass an attribute selector!');
      const data = callOp('qi_select', { table: table(tableName), options: selectOptions(options), plain: !!options.plain }, options);
      if (!options.plain) return data;
      const result = data ? data[attributeSelector] : null;
      const dataType = options.dataType;
      if (!dataType || result === null || result === undefined) return result;
      const DataTypes = seqmig.DataTypes;
      const is = (cls) => dataType instanceof cls || dataType === cls;
      if (is(DataTypes.DECIMAL) || is(DataTypes.FLOAT)) return parseFloat(result);
      if (is(DataTypes.INTEGER) || is(DataTypes.BIGINT)) return parseInt(result, 10);
      if (is(DataTypes.DATE) && !(result instanceof Date)) return new Date(result);
      return result;
    }

    // insert(null, table, values, options): without a model instance only.
    async insert(instance, tableName, values, options) {
      if (instance) throw new Error('seqmig does not support models yet');
      options = options || {};
      return callOp('qi_insert', {
        table: table(tableName),
        values: recordToJSON(values || {}),
        options: seqmig.pickOptions(options, ['returning', 'ignoreDuplicates', 'onConflictDoNothing']),
      }, options);
    }

    async increment(model, tableName, where, incrementAmountsByField, extraAttributesToBeUpdated, options) {
      return arithmetic('+', model, tableName, where, incrementAmountsByField, extraAttributesToBeUpdated, options);
    }

    async decrement(model, tableName, where, incrementAmountsByField, extraAttributesToBeUpdated, options) {
      return arithmetic('-', model, tableName, where, incrementAmountsByField, extraAttributesToBeUpdated, options);
    }

    async databaseVersion(options) {
      return callOp('qi_database_version', {}, options);
    }

    async createFunction(functionName, params, returnType, language, body, optionsArray, options) {
      return callOp('qi_create_function', {
        name: functionName,
        params: jsonOr(params, []),
        returnType,
        language,
        body,
        optionsArray: jsonOr(optionsArray, []),
        options: seqmig.pickOptions(options, ['force', 'variables']),
      }, options);
    }

    async dropFunction(functionName, params, options) {
      return callOp('qi_drop_function', { name: functionName, params: jsonOr(params, []) }, options);
    }

    async renameFunction(oldFunctionName, params, newFunctionName, options) {
      return callOp('qi_rename_function', {
        before: oldFunctionName, params: jsonOr(params, []), after: newFunctionName,
      }, options);
    }

    async createTrigger(tableName, triggerName, timingType, fireOnArray, functionName, functionParams, optionsArray, options) {
      return callOp('qi_create_trigger', {
        table: table(tableName),
        name: triggerName,
        timing: timingType,
        events: jsonOr(fireOnArray, []),
        functionName,
        functionParams: jsonOr(functionParams, []),
        optionsArray: jsonOr(optionsArray, []),
      }, options);
    }

    async dropTrigger(tableName, triggerName, options) {
      return callOp('qi_drop_trigger', { table: table(tableName), name: triggerName }, options);
    }

    async renameTrigger(tableName, oldTriggerName, newTriggerName, options) {
      return callOp('qi_rename_trigger', {
        table: table(tableName), before: oldTriggerName, after: newTriggerName,
      }, options);
    }

    quoteIdentifier(identifier, force) {
      return this.queryGenerator.quoteIdentifier(identifier, force);
    }

    quoteIdentifiers(identifiers) {
      return this.queryGenerator.quoteIdentifiers(identifiers);
    }

    quoteTable(tableName) {
      return this.queryGenerator.quoteTable(tableName);
    }

    escape(value) {
      return this.queryGenerator.escape(value);
    }
  }

  for (const name of ['setIsolationLevel', 'startTransaction',
    'deferConstraints', 'commitTransaction', 'rollbackTransaction', 'assertTableHasColumn']) {
    QueryInterface.prototype[name] = unsupported(name);
  }
  // Functions and triggers: only the postgres query generator builds them; elsewhere
  // Sequelize's first step, `this.queryGenerator.<name>(...)`, is not a function.
  for (const name of ['createFunction', 'dropFunction', 'renameFunction', 'createTrigger', 'dropTrigger', 'renameTrigger']) {
    const impl = QueryInterface.prototype[name];
    QueryInterface.prototype[name] = async function (...args) {
      if (this.sequelize.getDialect() !== 'postgres') throw new TypeError(`this.queryGenerator.${name} is not a function`);
      return impl.apply(this, args);
    };
  }

  // SQLite's query generator inherits MySQL's database queries; SQLite rejects them.
  QueryInterface.prototype.createDatabase = async function createDatabase(database, options) {
    options = options || {};
    const o = {};
    for (const k of ['charset', 'collate']) if (options[k]) o[k] = String(options[k]);
    return callOp('qi_create_database', { name: String(database), options: o }, options);
  };
  QueryInterface.prototype.dropDatabase = async function dropDatabase(database, options) {
    return callOp('qi_drop_database', { name: String(database) }, options || {});
  };
  // A no-op outside postgres, and not even async there.
  QueryInterface.prototype.ensureEnums = function ensureEnums() {};

  // sqlite has no schemas: Sequelize drops the tables of the models it knows instead.
  QueryInterface.prototype.dropAllSchemas = async function dropAllSchemas(options) {
    options = options || {};
    if (this.sequelize.getDialect() !== 'postgres') return this.sequelize.drop(options);
    return callOp('qi_drop_all_schemas', {}, options);
  };
  // Sequelize defines the enum methods on the postgres queryInterface only, so on SQLite
  // `queryInterface.dropEnum` is not a function, as there.
  class PostgresQueryInterface extends QueryInterface {
    async dropEnum(enumName, options) {
      return callOp('qi_drop_enum', { name: String(enumName) }, options);
    }

    async dropAllEnums(options) {
      return callOp('qi_drop_all_enums', {}, options);
    }

    async createDatabase(database, options) {
      options = options || {};
      const o = {};
      for (const k of ['encoding', 'collate', 'ctype', 'template']) if (options[k]) o[k] = String(options[k]);
      return callOp('qi_create_database', { name: table(database), options: o }, options);
    }

    async dropDatabase(database, options) {
      return callOp('qi_drop_database', { name: table(database) }, options || {});
    }

    // Only attributes whose type is an ENUM (or an ARRAY of one) count; with a model,
    // Sequelize also adds the values an existing type lacks.
    async ensureEnums(tableName, attributes, options, model) {
      options = options || {};
      const DataTypes = seqmig.DataTypes;
      const isEnum = (t) => t instanceof DataTypes.ENUM || (t instanceof DataTypes.ARRAY && t.type instanceof DataTypes.ENUM);
      const enums = {};
      const keys = Object.keys(attributes);
      // Sequelize reads `attribute.type`, then, in a second pass, `type.type`: a missing
      // attribute or type fails there, after the lookups.
      for (const key of keys) {
        if (attributes[key] === undefined || attributes[key] === null) throw cannotRead(attributes[key], 'type');
      }
      for (const key of keys) {
        const a = attributes[key];
        if (isEnum(a.type)) enums[key] = a;
      }
      for (const key of keys) {
        const t = attributes[key].type;
        if (t === undefined || t === null) throw cannotRead(t, 'type');
      }
      return callOp('qi_ensure_enums', {
        table: table(tableName),
        attributes: seqmig.normalizeAttributes(enums),
        withModel: !!model,
      }, options);
    }

    async pgListEnums(tableName, options) {
      return callOp('qi_pg_list_enums', { table: tableName ? table(tableName) : null }, options);
    }
  }

  const jsonOr = (v, fallback) => (v === undefined || v === null ? fallback : seqmig.jsonClone(v));

  // Sequelize builds the same UPDATE with or without a model (arithmeticQuery takes none),
  // and the model changes nothing in an UPDATE's result.
  function arithmetic(operator, model, tableName, where, amounts, extra, options) {
    options = options || {};
    const args = {
      table: table(tableName),
      operator,
      where: seqmig.toWhere(where),
      amounts: recordToJSON(amounts || {}),
      extra: recordToJSON(extra || {}),
      options: seqmig.pickOptions(options, ['returning']),
    };
    return callOp('qi_increment', args, options);
  }

  // selectQuery's options without a model: attributes, where, order, group, limit, offset.
  function selectOptions(options) {
    const out = {};
    for (const key of ['attributes', 'order', 'group']) {
      if (options[key] !== undefined) out[key] = seqmig.toWhereValue(options[key]);
    }
    if (options.where !== undefined) out.where = seqmig.toWhere(options.where);
    for (const key of ['limit', 'offset']) {
      if (options[key] !== undefined && options[key] !== null) out[key] = options[key];
    }
    return out;
  }

  // A record's values; plain objects stay JSON documents (JSON columns).
  function recordToJSON(record) {
    const out = {};
    for (const key of Object.keys(record || {})) out[key] = seqmig.toSqlValue(record[key]);
    return out;
  }

  // The few synchronous quoting helpers migrations reach through
  // `queryInterface.queryGenerator`; the dialect's rules stay in Rust.
  class QueryGenerator {
    constructor(sequelize) {
      define(this, 'sequelize', sequelize);
    }
    get dialect() {
      return this.sequelize.getDialect();
    }
    quoteIdentifier(identifier, force) {
      return callOp('quote_identifier', { identifier: String(identifier), force: !!force });
    }
    // As Sequelize: only the last part stands alone; the rest is one `a->b` identifier.
    quoteIdentifiers(identifiers) {
      if (identifiers.includes('.')) {
        const parts = identifiers.split('.');
        const head = parts.slice(0, parts.length - 1).join('->');
        return `${this.quoteIdentifier(head)}.${this.quoteIdentifier(parts[parts.length - 1])}`;
      }
      return this.quoteIdentifier(identifiers);
    }
    quoteTable(tableName) {
      return callOp('quote_table', { table: table(tableName) });
    }
    escape(value) {
      return callOp('escape', { value: seqmig.toSqlValue(value) });
    }
  }

  define(seqmig, 'recordToJSON', recordToJSON);
  define(seqmig, 'cannotRead', cannotRead);
  define(seqmig, 'QueryInterface', QueryInterface);
  define(seqmig, 'PostgresQueryInterface', PostgresQueryInterface);
})();
