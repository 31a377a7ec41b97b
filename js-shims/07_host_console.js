// seqmig JS host: `console` (util.format once util is loaded, groups, counts, timers).
'use strict';
(function () {
  const native = globalThis.__seqmig_native;
  const seqmig = globalThis.__seqmig;
  function hide(obj, name, value) {
    Object.defineProperty(obj, name, { value, writable: true, configurable: true, enumerable: false });
  }

  const builtins = seqmig.builtins;
  const { framesOf, limitFrames } = seqmig;

  function format(args) {
    const util = builtins.util;
    if (util) return util.format(...args);
    return args.map((a) => (typeof a === 'string' ? a : String(a))).join(' ');
  }
  const counts = new Map();
  const times = new Map();
  let groupIndent = '';
  function out(fd) {
    return (...args) => {
      const text = format(args);
      native.write(fd, (groupIndent ? text.replace(/^/gm, groupIndent) : text) + '\n');
    };
  }
  const console = {
    log: out(1),
    info: out(1),
    debug: out(1),
    error: out(2),
    warn: out(2),
    trace: (...args) => out(2)('Trace: ' + format(args) + '\n' + limitFrames(framesOf(new Error()) || '', 1).join('\n')),
    dir: (obj, opts) => native.write(1, (builtins.util ? builtins.util.inspect(obj, opts) : String(obj)) + '\n'),
    table: (data) => out(1)(data),
    assert: (cond, ...args) => {
      if (!cond) out(2)(...(args.length ? ['Assertion failed:', ...args] : ['Assertion failed']));
    },
    count: (label = 'default') => {
      const n = (counts.get(label) || 0) + 1;
      counts.set(label, n);
      out(1)(`${label}: ${n}`);
    },
    countReset: (label = 'default') => counts.delete(label),
    time: (label = 'default') => times.set(label, Date.now()),
    timeEnd: (label = 'default') => {
      if (!times.has(label)) return;
      out(1)(`${label}: ${(Date.now() - times.get(label)).toFixed(3)}ms`);
      times.delete(label);
    },
    timeLog: (label = 'default', ...args) => {
      if (times.has(label)) out(1)(`${label}: ${(Date.now() - times.get(label)).toFixed(3)}ms`, ...args);
    },
    group: (...args) => {
      if (args.length) out(1)(...args);
      groupIndent += '  ';
    },
    groupEnd: () => {
      groupIndent = groupIndent.slice(2);
    },
  };
  console.groupCollapsed = console.group;
  hide(globalThis, 'console', console);
  builtins.console = console;
})();
