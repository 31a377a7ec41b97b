// V8's call-site objects for Error.prepareStackTrace (depd, http-errors, callsites and
// loggers read them), made from the lines of Boa's frames (02_host_stack.js's nodeFrames).
// Loaded the first time a prepareStackTrace is called.
'use strict';
(function () {
  const seqmig = globalThis.__seqmig;
  const FRAME = /^\s*at (.*?) \((.*)\)\s*$/;
  const POSITION = /^(.*):(\d+|\?):(\d+|\?)$/;
  function hide(obj, name, value) {
    Object.defineProperty(obj, name, { value, writable: true, configurable: true, enumerable: false });
  }
  class CallSite {
    constructor(line) {
      const m = FRAME.exec(line);
      let name = m ? m[1] : null;
      const loc = m ? m[2] : '';
      const p = POSITION.exec(loc);
      let file = p ? p[1] : loc || null;
      if (file && file.startsWith('js-shims/')) file = 'node:internal/seqmig/' + file.slice(9).replace(/\.js$/, '');
      let type = null;
      if (name === '<main>' || name === '<anonymous>') name = null;
      if (name && name.indexOf('.') > 0) {
        type = name.slice(0, name.indexOf('.'));
        name = name.slice(name.indexOf('.') + 1);
      }
      hide(this, '_name', name);
      hide(this, '_type', type);
      hide(this, '_file', file);
      hide(this, '_line', p && p[2] !== '?' ? Number(p[2]) : null);
      hide(this, '_column', p && p[3] !== '?' ? Number(p[3]) : null);
    }
    getThis() {
      return undefined;
    }
    getTypeName() {
      return this._type;
    }
    getFunction() {
      return undefined;
    }
    getFunctionName() {
      return this._name;
    }
    getMethodName() {
      return this._type ? this._name : null;
    }
    getFileName() {
      return this._file === null ? undefined : this._file;
    }
    getScriptNameOrSourceURL() {
      return this.getFileName();
    }
    getScriptHash() {
      return '';
    }
    getLineNumber() {
      return this._line;
    }
    getColumnNumber() {
      return this._column;
    }
    getEnclosingLineNumber() {
      return this._line;
    }
    getEnclosingColumnNumber() {
      return this._column;
    }
    getPosition() {
      return 0;
    }
    getEvalOrigin() {
      return undefined;
    }
    getPromiseIndex() {
      return null;
    }
    isToplevel() {
      return this._type === null;
    }
    isEval() {
      return false;
    }
    isNative() {
      return false;
    }
    isConstructor() {
      return false;
    }
    isAsync() {
      return false;
    }
    isPromiseAll() {
      return false;
    }
    toString() {
      const where = this._file === null ? '<anonymous>' : `${this._file}${this._line === null ? '' : ':' + this._line}${this._column === null ? '' : ':' + this._column}`;
      const name = this._name === null ? null : (this._type ? this._type + '.' : '') + this._name;
      return name === null ? where : `${name} (${where})`;
    }
  }
  Object.defineProperty(seqmig, 'CallSite', { value: CallSite, writable: true, configurable: true, enumerable: false });
})();
