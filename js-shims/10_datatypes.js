// Sequelize's DataTypes (sequelize 6.37.8 src/data-types.js), usable bare, called,
// chained and constructed as in the npm package, and `__seqmig.dataTypeToJSON`, which
// turns any of those spellings into the DataType JSON of CONTRACTS.md §3.
// Validation and value stringifying stay in Rust; only shape and `toSql()` live here.
(function () {
  'use strict';
  const seqmig = globalThis.__seqmig;
  const define = seqmig.define;
  const isPlainObject = (v) =>
    v !== null && typeof v === 'object' &&
    (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);

  class ABSTRACT {
    toString(options) {
      return this.toSql(options);
    }
    toSql() {
      return this.key;
    }
    stringify(value) {
      return value;
    }
    static toString() {
      return this.name;
    }
    static extend(oldType) {
      return new this(oldType.options);
    }
  }
  ABSTRACT.prototype.dialectTypes = '';

  class STRING extends ABSTRACT {
    constructor(length, binary) {
      super();
      const options = (typeof length === 'object' && length) || { length, binary };
      this.options = options;
      this._binary = options.binary;
      this._length = options.length || 255;
    }
    toSql() {
      return `VARCHAR(${this._length})${this._binary ? ' BINARY' : ''}`;
    }
    get BINARY() {
      this._binary = true;
      this.options.binary = true;
      return this;
    }
    static get BINARY() {
      return new this().BINARY;
    }
  }

  class CHAR extends STRING {
    constructor(length, binary) {
      super((typeof length === 'object' && length) || { length, binary });
    }
    toSql() {
      return `CHAR(${this._length})${this._binary ? ' BINARY' : ''}`;
    }
  }

  const sizedSql = (self, prefix) => {
    switch (String(self._length).toLowerCase()) {
      case 'tiny': return `TINY${prefix}`;
      case 'medium': return `MEDIUM${prefix}`;
      case 'long': return `LONG${prefix}`;
      default: return self.key;
    }
  };

  class TEXT extends ABSTRACT {
    constructor(length) {
      super();
      const options = (typeof length === 'object' && length) || { length };
      this.options = options;
      this._length = options.length || '';
    }
    toSql() {
      return sizedSql(this, 'TEXT');
    }
  }

  class CITEXT extends ABSTRACT {
    toSql() {
      return 'CITEXT';
    }
  }

  class NUMBER extends ABSTRACT {
    constructor(options = {}) {
      super();
      if (typeof options === 'number') options = { length: options };
      this.options = options;
      this._length = options.length;
      this._zerofill = options.zerofill;
      this._decimals = options.decimals;
      this._precision = options.precision;
      this._scale = options.scale;
      this._unsigned = options.unsigned;
    }
    toSql() {
      let result = this.key;
      if (this._length) {
        result += `(${this._length}`;
        if (typeof this._decimals === 'number') result += `,${this._decimals}`;
        result += ')';
      }
      if (this._unsigned) result += ' UNSIGNED';
      if (this._zerofill) result += ' ZEROFILL';
      return result;
    }
    get UNSIGNED() {
      this._unsigned = true;
      this.options.unsigned = true;
      return this;
    }
    get ZEROFILL() {
      this._zerofill = true;
      this.options.zerofill = true;
      return this;
    }
    static get UNSIGNED() {
      return new this().UNSIGNED;
    }
    static get ZEROFILL() {
      return new this().ZEROFILL;
    }
  }

  class INTEGER extends NUMBER {}
  class TINYINT extends INTEGER {}
  class SMALLINT extends INTEGER {}
  class MEDIUMINT extends INTEGER {}
  class BIGINT extends INTEGER {}

  class FLOAT extends NUMBER {
    constructor(length, decimals) {
      super((typeof length === 'object' && length) || { length, decimals });
    }
  }
  class REAL extends NUMBER {
    constructor(length, decimals) {
      super((typeof length === 'object' && length) || { length, decimals });
    }
  }
  class DOUBLE extends NUMBER {
    constructor(length, decimals) {
      super((typeof length === 'object' && length) || { length, decimals });
    }
  }

  class DECIMAL extends NUMBER {
    constructor(precision, scale) {
      super((typeof precision === 'object' && precision) || { precision, scale });
    }
    toSql() {
      if (this._precision || this._scale) {
        return `DECIMAL(${[this._precision, this._scale].filter((x) => x).join(',')})`;
      }
      return 'DECIMAL';
    }
  }

  class BOOLEAN extends ABSTRACT {
    toSql() {
      return 'TINYINT(1)';
    }
  }

  class TIME extends ABSTRACT {
    toSql() {
      return 'TIME';
    }
  }

  class DATE extends ABSTRACT {
    constructor(length) {
      super();
      const options = (typeof length === 'object' && length) || { length };
      this.options = options;
      this._length = options.length || '';
    }
    toSql() {
      return 'DATETIME';
    }
  }

  class DATEONLY extends ABSTRACT {
    toSql() {
      return 'DATE';
    }
  }

  class HSTORE extends ABSTRACT {}
  class JSONTYPE extends ABSTRACT {}
  class JSONB extends JSONTYPE {}
  class NOW extends ABSTRACT {}

  class BLOB extends ABSTRACT {
    constructor(length) {
      super();
      const options = (typeof length === 'object' && length) || { length };
      this.options = options;
      this._length = options.length || '';
    }
    toSql() {
      return sizedSql(this, 'BLOB');
    }
  }

  class RANGE extends ABSTRACT {
    constructor(subtype) {
      super();
      const options = isPlainObject(subtype) ? subtype : { subtype };
      if (!options.subtype) options.subtype = new INTEGER();
      if (typeof options.subtype === 'function') options.subtype = new options.subtype();
      this._subtype = options.subtype.key;
      this.options = options;
    }
  }

  class UUID extends ABSTRACT {}
  class UUIDV1 extends ABSTRACT {}
  class UUIDV4 extends ABSTRACT {}

  class VIRTUAL extends ABSTRACT {
    constructor(ReturnType, fields) {
      super();
      if (typeof ReturnType === 'function') ReturnType = new ReturnType();
      this.returnType = ReturnType;
      this.fields = fields;
    }
  }

  class ENUM extends ABSTRACT {
    constructor(...args) {
      super();
      const value = args[0];
      const options = (typeof value === 'object' && !Array.isArray(value) && value) || {
        values: args.reduce((result, element) => result.concat(Array.isArray(element) ? element : [element]), []),
      };
      this.values = options.values;
      this.options = options;
    }
  }

  class ARRAY extends ABSTRACT {
    constructor(type) {
      super();
      const options = isPlainObject(type) ? type : { type };
      this.options = options;
      this.type = typeof options.type === 'function' ? new options.type() : options.type;
    }
    toSql() {
      return `${this.type.toSql()}[]`;
    }
    static is(obj, type) {
      return obj instanceof ARRAY && obj.type instanceof type;
    }
  }

  class GEOMETRY extends ABSTRACT {
    constructor(type, srid) {
      super();
      const options = isPlainObject(type) ? type : { type, srid };
      this.options = options;
      this.type = options.type;
      this.srid = options.srid;
    }
  }

  class GEOGRAPHY extends ABSTRACT {
    constructor(type, srid) {
      super();
      const options = isPlainObject(type) ? type : { type, srid };
      this.options = options;
      this.type = options.type;
      this.srid = options.srid;
    }
  }

  class CIDR extends ABSTRACT {}
  class INET extends ABSTRACT {}
  class MACADDR extends ABSTRACT {}
  class TSVECTOR extends ABSTRACT {}

  const DataTypes = {
    ABSTRACT, STRING, CHAR, TEXT, NUMBER, TINYINT, SMALLINT, MEDIUMINT, INTEGER, BIGINT,
    FLOAT, TIME, DATE, DATEONLY, BOOLEAN, NOW, BLOB, DECIMAL, NUMERIC: DECIMAL, UUID,
    UUIDV1, UUIDV4, HSTORE, JSON: JSONTYPE, JSONB, VIRTUAL, ARRAY, ENUM, RANGE, REAL,
    'DOUBLE PRECISION': DOUBLE, DOUBLE, GEOMETRY, GEOGRAPHY, CIDR, INET, MACADDR, CITEXT,
    TSVECTOR,
  };

  // Sequelize names each class by its first key, hence DOUBLE.key === 'DOUBLE PRECISION'.
  for (const name of Object.keys(DataTypes)) {
    const cls = DataTypes[name];
    if (!Object.prototype.hasOwnProperty.call(cls, 'key')) {
      cls.types = {};
      cls.key = cls.prototype.key = name;
    }
  }

  // As Sequelize's classToInvokable: `STRING(100)` and `new STRING(100)` both construct.
  const classes = new Map();
  for (const name of Object.keys(DataTypes)) {
    const cls = DataTypes[name];
    if (!classes.has(cls)) {
      // Without a spread for the usual 0-2 arguments: each spread step is a call to
      // the array iterator's next() in Boa.
      const make = (args) => (args.length === 0 ? new cls() : args.length === 1 ? new cls(args[0])
        : args.length === 2 ? new cls(args[0], args[1]) : new cls(...args));
      classes.set(cls, new Proxy(cls, {
        apply(_target, _thisArg, args) {
          return make(args);
        },
        construct(_target, args) {
          return make(args);
        },
      }));
    }
    DataTypes[name] = classes.get(cls);
  }
  define(seqmig, 'DataTypes', DataTypes);

  // Deferrable (src/deferrable.js): used as `references.deferrable` and in addConstraint.
  class ABSTRACT_DEFERRABLE {
    static toString(...args) {
      return new this().toString(...args);
    }
    toString(...args) {
      return this.toSql(...args);
    }
  }
  class INITIALLY_DEFERRED extends ABSTRACT_DEFERRABLE {
    toSql() {
      return 'DEFERRABLE INITIALLY DEFERRED';
    }
  }
  class INITIALLY_IMMEDIATE extends ABSTRACT_DEFERRABLE {
    toSql() {
      return 'DEFERRABLE INITIALLY IMMEDIATE';
    }
  }
  class NOT extends ABSTRACT_DEFERRABLE {
    toSql() {
      return 'NOT DEFERRABLE';
    }
  }
  class SET_DEFERRED extends ABSTRACT_DEFERRABLE {
    constructor(constraints) {
      super();
      this.constraints = constraints;
    }
  }
  class SET_IMMEDIATE extends ABSTRACT_DEFERRABLE {
    constructor(constraints) {
      super();
      this.constraints = constraints;
    }
  }
  const Deferrable = { INITIALLY_DEFERRED, INITIALLY_IMMEDIATE, NOT, SET_DEFERRED, SET_IMMEDIATE };
  for (const name of Object.keys(Deferrable)) {
    const cls = Deferrable[name];
    cls.key = cls.prototype.key = name;
    Deferrable[name] = new Proxy(cls, {
      apply(_target, _thisArg, args) {
        return new cls(...args);
      },
      construct(_target, args) {
        return new cls(...args);
      },
    });
  }
  define(seqmig, 'Deferrable', Deferrable);

  function deferrableToJSON(value) {
    if (value === undefined || value === null) return value;
    if (typeof value === 'string') return value;
    if ((typeof value === 'function' || typeof value === 'object') && typeof value.key === 'string') {
      return value.key;
    }
    return String(value);
  }
  define(seqmig, 'deferrableToJSON', deferrableToJSON);

  const isDataTypeClass = (v) => typeof v === 'function' && v.prototype instanceof ABSTRACT;
  const isDataType = (v) => v instanceof ABSTRACT || isDataTypeClass(v) || v === DataTypes.ABSTRACT;
  define(seqmig, 'isDataType', isDataType);
  define(seqmig, 'isDataTypeClass', (v) => isDataTypeClass(v) || v === DataTypes.ABSTRACT);

  // Sequelize's `normalizeDataType` (createTable, addColumn, changeColumn, Model.init): a
  // type whose key the dialect overrides becomes an instance of the dialect's class, and
  // an ARRAY's element type is replaced in place, so the same ARRAY handed to bulkInsert
  // afterwards carries the dialect's element type. seqmig has no dialect classes: the
  // copy is marked instead, and bulkInsert / bulkUpdate tell Rust which of their types
  // are still the abstract ones (`abstract` in CONTRACTS.md §3).
  const DIALECT_TYPES = {
    mysql: ['ENUM', 'DATE', 'DATEONLY', 'UUID', 'GEOMETRY', 'DECIMAL', 'JSON'],
    mariadb: ['ENUM', 'DATE', 'DATEONLY', 'UUID', 'GEOMETRY', 'DECIMAL', 'JSON'],
    postgres: ['DECIMAL', 'BLOB', 'STRING', 'CHAR', 'TEXT', 'CITEXT', 'TINYINT', 'SMALLINT',
      'INTEGER', 'BIGINT', 'BOOLEAN', 'DATE', 'DATEONLY', 'REAL', 'DOUBLE PRECISION', 'FLOAT',
      'GEOMETRY', 'GEOGRAPHY', 'HSTORE', 'RANGE', 'ENUM'],
    sqlite: ['DATE', 'DATEONLY', 'STRING', 'CHAR', 'NUMBER', 'FLOAT', 'REAL', 'DOUBLE PRECISION',
      'TINYINT', 'SMALLINT', 'MEDIUMINT', 'INTEGER', 'BIGINT', 'TEXT', 'ENUM', 'JSON', 'CITEXT'],
  };
  const NORMALIZED = Symbol('seqmig.normalizedDataType');
  function asDialectType(t, dialect) {
    const keys = DIALECT_TYPES[dialect];
    if (!keys || !keys.includes(t.key) || t[NORMALIZED]) return t;
    const copy = Object.assign(Object.create(Object.getPrototypeOf(t)), t);
    Object.defineProperty(copy, NORMALIZED, { value: true });
    return copy;
  }
  function normalizeDataType(type, dialect) {
    let t = isDataTypeClass(type) ? new type() : type;
    if (!(t instanceof ABSTRACT)) return type;
    t = asDialectType(t, dialect);
    if (t instanceof ARRAY && t.type instanceof ABSTRACT) t.type = asDialectType(t.type, dialect);
    return t;
  }
  define(seqmig, 'normalizeDataType', normalizeDataType);
  // `normalizeAttribute` over a createTable's attributes: each plain attribute's `type`
  // is replaced, as Sequelize replaces it on the caller's object.
  define(seqmig, 'normalizeDataTypesInPlace', (attributes, dialect) => {
    if (!attributes || typeof attributes !== 'object') return;
    for (const name of Object.keys(attributes)) {
      normalizeAttributeInPlace(attributes[name], dialect);
    }
  });
  function normalizeAttributeInPlace(attr, dialect) {
    if (attr instanceof ABSTRACT) normalizeDataType(attr, dialect);
    else if (isPlainObject(attr) && attr.type !== undefined && attr.type !== null) {
      attr.type = normalizeDataType(attr.type, dialect);
    }
  }
  define(seqmig, 'normalizeAttributeInPlace', normalizeAttributeInPlace);
  // Marks the DataType JSON of a type that is still Sequelize's abstract class, and so
  // its ARRAY element.
  function markAbstract(json, type) {
    if (!json || typeof json !== 'object') return;
    if (!(type instanceof ABSTRACT && type[NORMALIZED])) json.abstract = true;
    if (json.key === 'ARRAY' && json.type && type instanceof ARRAY) markAbstract(json.type, type.type);
  }
  define(seqmig, 'markAbstractDataType', markAbstract);

  const setIf = (out, key, value) => {
    if (value !== undefined && value !== null && value !== '') out[key] = value;
  };

  // The DataType JSON of CONTRACTS.md §3. Also reads look-alikes (an object with a
  // string `key` and Sequelize's `_length`/`options`), for types from another copy.
  // A bare class (`type: Sequelize.INTEGER`, most columns of most migrations) always
  // gives the same JSON, and constructing it through the invokable Proxy cost ~100k
  // instructions in Boa: a result made only of primitives is kept per class and handed
  // out as a copy.
  const bareJSON = new Map();
  function dataTypeToJSON(type) {
    if (typeof type === 'string') return { key: 'RAW', sql: type };
    if (typeof type === 'function') {
      const known = bareJSON.get(type);
      if (known !== undefined) return Object.assign({}, known);
      if (!isDataTypeClass(type) && type !== DataTypes.ABSTRACT) {
        throw new TypeError(`Unrecognized datatype for attribute: ${String(type.name || type)}`);
      }
      const out = typeToJSON(new type());
      if (Object.values(out).every((v) => v === null || typeof v !== 'object')) bareJSON.set(type, Object.assign({}, out));
      return out;
    }
    return typeToJSON(type);
  }
  function typeToJSON(type) {
    if (type === null || typeof type !== 'object' || typeof type.key !== 'string') {
      throw new TypeError(`Unrecognized datatype: ${String(type)}`);
    }
    const key = type.key === 'DOUBLE PRECISION' ? 'DOUBLE' : type.key === 'NUMERIC' ? 'DECIMAL' : type.key;
    const options = type.options || {};
    const out = { key };
    switch (key) {
      case 'STRING':
      case 'CHAR':
        out.length = type._length !== undefined ? type._length : options.length || 255;
        if (type._binary || options.binary) out.binary = true;
        break;
      case 'TEXT':
      case 'BLOB':
        setIf(out, 'length', type._length !== undefined ? type._length : options.length);
        break;
      case 'TINYINT': case 'SMALLINT': case 'MEDIUMINT': case 'INTEGER': case 'BIGINT':
      case 'FLOAT': case 'REAL': case 'DOUBLE': case 'DECIMAL': case 'NUMBER':
        setIf(out, 'length', type._length !== undefined ? type._length : options.length);
        setIf(out, 'decimals', type._decimals !== undefined ? type._decimals : options.decimals);
        setIf(out, 'precision', type._precision !== undefined ? type._precision : options.precision);
        setIf(out, 'scale', type._scale !== undefined ? type._scale : options.scale);
        if (type._unsigned || options.unsigned) out.unsigned = true;
        if (type._zerofill || options.zerofill) out.zerofill = true;
        break;
      case 'DATE':
        setIf(out, 'length', type._length !== undefined ? type._length : options.length);
        break;
      case 'ENUM':
        out.values = (type.values || options.values || []).slice();
        break;
      case 'ARRAY':
        if (!type.type) throw new Error('ARRAY is missing type definition for its values.');
        out.type = dataTypeToJSON(type.type);
        break;
      case 'RANGE':
        out.type = dataTypeToJSON(options.subtype || DataTypes.INTEGER);
        break;
      case 'GEOMETRY':
      case 'GEOGRAPHY':
        setIf(out, 'geometryType', type.type);
        setIf(out, 'srid', type.srid);
        break;
      case 'VIRTUAL':
        if (type.returnType) out.type = dataTypeToJSON(type.returnType);
        break;
      default:
        break;
    }
    if (options.withTimezone !== undefined) out.withTimezone = !!options.withTimezone;
    return out;
  }
  define(seqmig, 'dataTypeToJSON', dataTypeToJSON);
})();
