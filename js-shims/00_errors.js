// Sequelize's error classes (sequelize 6.37.8 src/errors/) and `__seqmig.makeOpError`,
// which turns a native op failure into the class Sequelize would have thrown, so that
// migrations catching `err instanceof Sequelize.UniqueConstraintError` or reading
// `err.original.code` behave as they do under Node.
(function () {
  'use strict';

  // 01_host.js (the host's file) may already have created the namespace.
  if (!Object.prototype.hasOwnProperty.call(globalThis, '__seqmig')) {
    Object.defineProperty(globalThis, '__seqmig', {
      value: {}, enumerable: false, configurable: true, writable: true,
    });
  }
  const seqmig = globalThis.__seqmig;
  const define = (obj, name, value) =>
    Object.defineProperty(obj, name, { value, enumerable: false, configurable: true, writable: true });
  define(seqmig, 'define', define);

  class BaseError extends Error {
    constructor(message) {
      super(message);
      this.name = 'SequelizeBaseError';
    }
  }

  class DatabaseError extends BaseError {
    constructor(parent, options = {}) {
      super(parent.message);
      this.name = 'SequelizeDatabaseError';
      this.parent = parent;
      this.original = parent;
      this.sql = parent.sql;
      this.parameters = parent.parameters != null ? parent.parameters : {};
      if (options.stack) this.stack = options.stack;
    }
  }

  class TimeoutError extends DatabaseError {
    constructor(parent, options = {}) {
      super(parent, options);
      this.name = 'SequelizeTimeoutError';
    }
  }

  const emptyParent = () => ({ sql: '', name: '', message: '' });

  class ForeignKeyConstraintError extends DatabaseError {
    constructor(options) {
      options = options || {};
      options.parent = options.parent || emptyParent();
      super(options.parent, { stack: options.stack });
      this.name = 'SequelizeForeignKeyConstraintError';
      this.message = options.message || options.parent.message || 'Database Error';
      this.fields = options.fields;
      this.table = options.table;
      this.value = options.value;
      this.index = options.index;
      this.reltype = options.reltype;
    }
  }

  class UnknownConstraintError extends DatabaseError {
    constructor(options) {
      options = options || {};
      options.parent = options.parent || emptyParent();
      super(options.parent, { stack: options.stack });
      this.name = 'SequelizeUnknownConstraintError';
      this.message = options.message || 'The specified constraint does not exist';
      this.constraint = options.constraint;
      this.fields = options.fields;
      this.table = options.table;
    }
  }

  class ExclusionConstraintError extends DatabaseError {
    constructor(options) {
      options = options || {};
      options.parent = options.parent || emptyParent();
      super(options.parent, { stack: options.stack });
      this.name = 'SequelizeExclusionConstraintError';
      this.message = options.message || options.parent.message || '';
      this.constraint = options.constraint;
      this.fields = options.fields;
      this.table = options.table;
    }
  }

  const ValidationErrorItemType = {
    'notnull violation': 'CORE',
    'string violation': 'CORE',
    'unique violation': 'DB',
    'validation error': 'FUNCTION',
  };
  const ValidationErrorItemOrigin = { CORE: 'CORE', DB: 'DB', FUNCTION: 'FUNCTION' };

  class ValidationErrorItem {
    constructor(message, type, path, value, instance, validatorKey, fnName, fnArgs) {
      this.message = message || '';
      this.type = null;
      this.path = path || null;
      this.value = value !== undefined ? value : null;
      this.origin = null;
      this.instance = instance || null;
      this.validatorKey = validatorKey || null;
      this.validatorName = fnName || null;
      this.validatorArgs = fnArgs || [];
      if (type) {
        if (ValidationErrorItemOrigin[type] !== undefined) {
          this.origin = type;
        } else {
          const realType = ValidationErrorItemType[String(type).toLowerCase().trim()];
          if (realType && ValidationErrorItemOrigin[realType]) {
            this.origin = realType;
            this.type = type;
          }
        }
      }
    }
    isValidationErrorItemOrigin(origin) {
      return ValidationErrorItemOrigin[origin] !== undefined;
    }
    normalizeString(str) {
      return str.toLowerCase().trim();
    }
  }

  class ValidationError extends BaseError {
    constructor(message, errors, options = {}) {
      super(message);
      this.name = 'SequelizeValidationError';
      this.message = 'Validation Error';
      this.errors = errors || [];
      if (message) {
        this.message = message;
      } else if (this.errors.length > 0 && this.errors[0].message) {
        this.message = this.errors.map((err) => `${err.type || err.origin}: ${err.message}`).join(',\n');
      }
      if (options.stack) this.stack = options.stack;
    }
    get(path) {
      return this.errors.filter((error) => error.path === path);
    }
  }

  class UniqueConstraintError extends ValidationError {
    constructor(options) {
      options = options != null ? options : {};
      options.parent = options.parent != null ? options.parent : emptyParent();
      options.message = options.message || options.parent.message || 'Validation Error';
      options.errors = options.errors != null ? options.errors : [];
      super(options.message, options.errors, { stack: options.stack });
      this.name = 'SequelizeUniqueConstraintError';
      this.fields = options.fields != null ? options.fields : {};
      this.parent = options.parent;
      this.original = options.parent;
      this.sql = options.parent.sql;
    }
  }

  class ConnectionError extends BaseError {
    constructor(parent) {
      super(parent ? parent.message : '');
      this.name = 'SequelizeConnectionError';
      this.parent = parent;
      this.original = parent;
    }
  }

  // The connection errors differ only by name.
  const connectionSubclass = (name) => {
    const cls = class extends ConnectionError {
      constructor(parent) {
        super(parent);
        this.name = `Sequelize${name}`;
      }
    };
    Object.defineProperty(cls, 'name', { value: name });
    return cls;
  };
  const AccessDeniedError = connectionSubclass('AccessDeniedError');
  const ConnectionAcquireTimeoutError = connectionSubclass('ConnectionAcquireTimeoutError');
  const ConnectionRefusedError = connectionSubclass('ConnectionRefusedError');
  const ConnectionTimedOutError = connectionSubclass('ConnectionTimedOutError');
  const HostNotFoundError = connectionSubclass('HostNotFoundError');
  const HostNotReachableError = connectionSubclass('HostNotReachableError');
  const InvalidConnectionError = connectionSubclass('InvalidConnectionError');

  // The errors that carry only a message.
  const messageSubclass = (name, errorName) => {
    const cls = class extends BaseError {
      constructor(message) {
        super(message);
        this.name = errorName;
      }
    };
    Object.defineProperty(cls, 'name', { value: name });
    return cls;
  };
  const EmptyResultError = messageSubclass('EmptyResultError', 'SequelizeEmptyResultError');
  const QueryError = messageSubclass('QueryError', 'SequelizeQueryError');
  const AssociationError = messageSubclass('AssociationError', 'SequelizeAssociationError');
  const EagerLoadingError = messageSubclass('EagerLoadingError', 'SequelizeEagerLoadingError');
  const InstanceError = messageSubclass('InstanceError', 'SequelizeInstanceError');
  const SequelizeScopeError = messageSubclass('SequelizeScopeError', 'SequelizeScopeError');
  const AsyncQueueError = messageSubclass('AsyncQueueError', 'SequelizeAsyncQueueError');

  class AggregateError extends BaseError {
    constructor(errors) {
      super();
      this.errors = errors;
      this.name = 'AggregateError';
    }
  }

  class BulkRecordError extends BaseError {
    constructor(error, record) {
      super(error.message);
      this.name = 'SequelizeBulkRecordError';
      this.errors = error;
      this.record = record;
    }
  }

  class OptimisticLockError extends BaseError {
    constructor(options) {
      options = options || {};
      options.message = options.message || `Attempting to update a stale model instance: ${options.modelName}`;
      super(options.message);
      this.name = 'SequelizeOptimisticLockError';
      this.modelName = options.modelName;
      this.values = options.values;
      this.where = options.where;
    }
  }

  const errors = {
    BaseError, DatabaseError, TimeoutError, ForeignKeyConstraintError, UnknownConstraintError,
    ExclusionConstraintError, ValidationError, ValidationErrorItem, ValidationErrorItemType,
    ValidationErrorItemOrigin, UniqueConstraintError, ConnectionError, AccessDeniedError,
    ConnectionAcquireTimeoutError, ConnectionRefusedError, ConnectionTimedOutError,
    HostNotFoundError, HostNotReachableError, InvalidConnectionError, EmptyResultError,
    QueryError, AssociationError, EagerLoadingError, InstanceError, SequelizeScopeError,
    AsyncQueueError, AggregateError, BulkRecordError, OptimisticLockError,
  };
  define(seqmig, 'errors', errors);

  const isObject = (v) => v !== null && typeof v === 'object';

  // The driver's error as Node's sqlite3/pg would hand it to Sequelize: an Error whose
  // own properties (code, errno, detail, ...) come from the op, carrying the statement.
  function makeDriverError(original, message, sql, parameters) {
    if (original instanceof Error) return original;
    const props = isObject(original) ? original : {};
    const err = new Error(props.message != null ? String(props.message) : message);
    for (const key of Object.keys(props)) {
      if (key === 'message') continue;
      err[key] = props[key];
    }
    if (err.sql === undefined && sql !== undefined) err.sql = sql;
    if (err.parameters === undefined && parameters !== undefined) err.parameters = parameters;
    return err;
  }

  function makeItems(list) {
    if (!Array.isArray(list)) return [];
    return list.map((item) => {
      if (item instanceof ValidationErrorItem || !isObject(item)) return item;
      const built = new ValidationErrorItem(
        item.message, item.type || item.origin, item.path, item.value, null,
        item.validatorKey, item.validatorName, item.validatorArgs,
      );
      if (item.origin && !built.origin) built.origin = item.origin;
      return built;
    });
  }

  const NATIVE = { Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError };

  // Props the constructors above already consumed; the rest are copied onto the error.
  const CONSUMED = new Set(['name', 'message', 'original', 'parent', 'errors', 'stack']);

  function makeOpError(spec) {
    if (!isObject(spec)) return new Error(String(spec));
    const name = typeof spec.name === 'string' ? spec.name : 'Error';
    const message = spec.message != null ? String(spec.message) : '';
    const bare = name.replace(/^Sequelize/, '');
    let err;
    if (Object.prototype.hasOwnProperty.call(NATIVE, name)) {
      err = new NATIVE[name](message);
    } else {
      const parent = makeDriverError(spec.original || spec.parent, message, spec.sql, spec.parameters);
      switch (bare) {
        case 'DatabaseError':
        case 'TimeoutError':
          err = new errors[bare](parent);
          break;
        case 'UniqueConstraintError':
          err = new UniqueConstraintError({
            message, parent, errors: makeItems(spec.errors), fields: spec.fields,
          });
          break;
        case 'ForeignKeyConstraintError':
        case 'ExclusionConstraintError':
        case 'UnknownConstraintError':
          err = new errors[bare](Object.assign({}, spec, { parent, message: message || undefined }));
          break;
        case 'ValidationError':
          err = new ValidationError(message, makeItems(spec.errors));
          break;
        default:
          if (errors[bare] && errors[bare].prototype instanceof ConnectionError) {
            err = new errors[bare](parent);
            if (message) err.message = message;
          } else if (bare === 'ConnectionError') {
            err = new ConnectionError(parent);
            if (message) err.message = message;
          } else if (errors[bare] && errors[bare].prototype instanceof BaseError) {
            err = new errors[bare](message);
          } else {
            err = new Error(message);
            err.name = name;
          }
      }
    }
    for (const key of Object.keys(spec)) {
      if (CONSUMED.has(key) || err[key] !== undefined) continue;
      err[key] = spec[key];
    }
    return err;
  }
  define(seqmig, 'makeOpError', makeOpError);
})();
