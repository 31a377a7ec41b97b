// seqmig JS host: what Node has before any module is required, in the files 01_host.js
// to 08_host_date.js (evaluated once per runtime, in that order, before any user code).
// This one makes the `__seqmig` namespace, its `builtins` and `host` objects, and the
// helpers the other host files take from it; the node built-in modules themselves live
// in 6*_node_*.js.
'use strict';
(function () {
  if (!globalThis.__seqmig) {
    Object.defineProperty(globalThis, '__seqmig', { value: {}, writable: true, configurable: true });
  }
  const seqmig = globalThis.__seqmig;
  if (!seqmig.builtins) seqmig.builtins = Object.create(null);
  seqmig.host = Object.create(null);

  function hide(obj, name, value) {
    Object.defineProperty(obj, name, { value, writable: true, configurable: true, enumerable: false });
  }

  function nodeError(Ctor, code, message, props) {
    const err = new Ctor(message);
    err.code = code;
    if (props) Object.assign(err, props);
    return err;
  }
  hide(seqmig, 'nodeError', nodeError);

  function checkCallback(cb) {
    if (typeof cb !== 'function') {
      throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "callback" argument must be of type function. Received ${describeReceived(cb)}`);
    }
  }
  function describeReceived(v) {
    if (v === null || v === undefined) return String(v);
    if (typeof v === 'function') return `function ${v.name}`;
    if (typeof v === 'object') return v.constructor && v.constructor.name ? `an instance of ${v.constructor.name}` : 'an object';
    return `type ${typeof v} (${typeof v === 'string' ? `'${v}'` : String(v)})`;
  }
  hide(seqmig, 'describeReceived', describeReceived);
  hide(seqmig, 'checkCallback', checkCallback);
})();
