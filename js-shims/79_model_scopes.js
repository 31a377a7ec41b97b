// Scopes (sequelize 6.37.8 Model.scope/unscoped/addScope/_injectScope): a scoped model is
// a subclass holding the merged scope, which every finder merges under its options.
(function () {
  'use strict';
  const seqmig = globalThis.__seqmig;
  const Model = seqmig.Model;
  const isPlainObject = seqmig.isPlainObject;
  const { cloneDeep } = seqmig.modelUtils;

  // Model._mergeFunction: arrays united, where/having objects merged, the rest replaced.
  function merge(objValue, srcValue, key) {
    if (Array.isArray(objValue) && Array.isArray(srcValue)) return Array.from(new Set(objValue.concat(srcValue)));
    if ((key === 'where' || key === 'having') && isPlainObject(objValue) && isPlainObject(srcValue)) {
      return Object.assign(objValue, srcValue);
    }
    if (srcValue) return cloneDeep(srcValue);
    return srcValue === undefined ? objValue : srcValue;
  }

  function ownScope(M) {
    return Object.prototype.hasOwnProperty.call(M, '_scope') ? M._scope : (M.options && M.options.defaultScope) || {};
  }

  Model._injectScope = function _injectScope(options) {
    const scope = cloneDeep(ownScope(this));
    for (const key of Object.keys(scope)) {
      options[key] = merge(scope[key], options[key], key);
    }
  };

  Model.scope = function scope(...args) {
    const Base = this;
    const self = class extends Base {};
    Object.defineProperty(self, 'name', { value: Base.name });
    self._scope = {};
    self._scopeNames = [];
    self.scoped = true;
    const list = [].concat(...args.map((a) => (Array.isArray(a) ? a : [a]))).filter((a) => a !== undefined && a !== null && a !== false);
    for (const option of list) {
      let value = null;
      let scopeName = null;
      if (isPlainObject(option)) {
        if (option.method) {
          const m = Array.isArray(option.method) ? option.method : [option.method];
          if (Base.options.scopes[m[0]]) {
            scopeName = m[0];
            value = Base.options.scopes[scopeName].apply(self, m.slice(1));
          }
        } else {
          value = option;
        }
      } else if (option === 'defaultScope' && isPlainObject(Base.options.defaultScope)) {
        value = Base.options.defaultScope;
      } else {
        scopeName = option;
        value = Base.options.scopes[scopeName];
        if (typeof value === 'function') value = value();
      }
      if (!value) throw new seqmig.errors.SequelizeScopeError(`Invalid scope ${scopeName} called.`);
      const copy = cloneDeep(value);
      for (const key of Object.keys(copy)) self._scope[key] = merge(self._scope[key], copy[key], key);
      self._scopeNames.push(scopeName || 'defaultScope');
    }
    return self;
  };

  Model.unscoped = function unscoped() {
    return this.scope();
  };

  Model.addScope = function addScope(name, value, options) {
    options = Object.assign({ override: false }, options);
    if (((name === 'defaultScope' && Object.keys(this.options.defaultScope).length > 0) || name in this.options.scopes) && options.override === false) {
      throw new Error(`The scope ${name} already exists. Pass { override: true } as options to silence this error`);
    }
    if (name === 'defaultScope') this.options.defaultScope = this._scope = value;
    else this.options.scopes[name] = value;
  };
})();
