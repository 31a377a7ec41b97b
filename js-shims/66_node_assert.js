// node:assert and node:assert/strict: AssertionError with Node's codes and the usual
// assertions (ok, equal, strictEqual, deepStrictEqual, throws, rejects, match, fail).
'use strict';
(function () {
  const seqmig = globalThis.__seqmig;
  const util = seqmig.builtins.util;

  class AssertionError extends Error {
    constructor(options) {
      const { message, actual, expected, operator } = options || {};
      super(message !== undefined ? String(message) : `${util.inspect(actual)} ${operator} ${util.inspect(expected)}`);
      this.name = 'AssertionError';
      this.generatedMessage = message === undefined;
      this.code = 'ERR_ASSERTION';
      this.actual = actual;
      this.expected = expected;
      this.operator = operator;
    }
  }
  function fail(opts, defaultMessage) {
    const message = opts.message;
    if (message instanceof Error) throw message;
    throw new AssertionError({
      message: message === undefined ? defaultMessage : message,
      actual: opts.actual,
      expected: opts.expected,
      operator: opts.operator,
    });
  }
  function looseDeepEqual(a, b) {
    // eslint-disable-next-line eqeqeq
    if (a == b) return true;
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
    if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    if (ka.length !== kb.length) return false;
    return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && looseDeepEqual(a[k], b[k]));
  }
  function matchesError(err, expected) {
    if (expected === undefined) return true;
    if (typeof expected === 'function') {
      if (expected.prototype !== undefined && err instanceof expected) return true;
      if (Error.isPrototypeOf(expected) || expected === Error) return false;
      return expected.call({}, err) === true;
    }
    if (expected instanceof RegExp) return expected.test(String(err));
    if (typeof expected === 'object' && expected !== null) {
      return Object.keys(expected).every((k) =>
        expected[k] instanceof RegExp && typeof err[k] === 'string' ? expected[k].test(err[k]) : util.isDeepStrictEqual(err[k], expected[k]),
      );
    }
    return true;
  }

  function makeAssert(strict) {
    function assert(value, message) {
      if (!value) fail({ message, actual: value, expected: true, operator: '==' }, arguments.length === 0 ? 'No value argument passed to `assert.ok()`' : 'The expression evaluated to a falsy value:\n\n  assert(' + util.inspect(value) + ')\n');
    }
    assert.ok = assert;
    assert.AssertionError = AssertionError;
    assert.fail = (message = 'Failed') => {
      if (message instanceof Error) throw message;
      throw new AssertionError({ message, operator: 'fail' });
    };
    assert.strictEqual = (a, e, message) => {
      if (!Object.is(a, e)) fail({ message, actual: a, expected: e, operator: 'strictEqual' }, `Expected values to be strictly equal:\n\n${util.inspect(a)} !== ${util.inspect(e)}\n`);
    };
    assert.notStrictEqual = (a, e, message) => {
      if (Object.is(a, e)) fail({ message, actual: a, expected: e, operator: 'notStrictEqual' }, `Expected "actual" to be strictly unequal to: ${util.inspect(e)}`);
    };
    assert.deepStrictEqual = (a, e, message) => {
      if (!util.isDeepStrictEqual(a, e)) fail({ message, actual: a, expected: e, operator: 'deepStrictEqual' }, `Expected values to be strictly deep-equal:\n${util.inspect(a)}\n\nshould equal\n\n${util.inspect(e)}`);
    };
    assert.notDeepStrictEqual = (a, e, message) => {
      if (util.isDeepStrictEqual(a, e)) fail({ message, actual: a, expected: e, operator: 'notDeepStrictEqual' }, 'Expected "actual" not to be strictly deep-equal to: ' + util.inspect(e));
    };
    if (strict) {
      assert.equal = assert.strictEqual;
      assert.notEqual = assert.notStrictEqual;
      assert.deepEqual = assert.deepStrictEqual;
      assert.notDeepEqual = assert.notDeepStrictEqual;
    } else {
      assert.equal = (a, e, message) => {
        // eslint-disable-next-line eqeqeq
        if (!(a == e || (a !== a && e !== e))) fail({ message, actual: a, expected: e, operator: '==' }, `${util.inspect(a)} == ${util.inspect(e)}`);
      };
      assert.notEqual = (a, e, message) => {
        // eslint-disable-next-line eqeqeq
        if (a == e) fail({ message, actual: a, expected: e, operator: '!=' }, `${util.inspect(a)} != ${util.inspect(e)}`);
      };
      assert.deepEqual = (a, e, message) => {
        if (!looseDeepEqual(a, e)) fail({ message, actual: a, expected: e, operator: 'deepEqual' }, `Expected values to be loosely deep-equal:\n\n${util.inspect(a)}\n\nshould loosely deep-equal\n\n${util.inspect(e)}`);
      };
      assert.notDeepEqual = (a, e, message) => {
        if (looseDeepEqual(a, e)) fail({ message, actual: a, expected: e, operator: 'notDeepEqual' }, `"actual" deepEqual "expected"`);
      };
    }
    assert.throws = (fn, expected, message) => {
      if (typeof expected === 'string') {
        message = expected;
        expected = undefined;
      }
      try {
        fn();
      } catch (err) {
        if (!matchesError(err, expected)) throw err;
        return;
      }
      fail({ message, actual: undefined, expected, operator: 'throws' }, 'Missing expected exception' + (message ? `: ${message}` : '.'));
    };
    assert.doesNotThrow = (fn, message) => {
      try {
        fn();
      } catch (err) {
        fail({ message, actual: err, operator: 'doesNotThrow' }, `Got unwanted exception.\nActual message: "${err && err.message}"`);
      }
    };
    assert.rejects = async (promiseOrFn, expected, message) => {
      try {
        await (typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn);
      } catch (err) {
        if (!matchesError(err, expected)) throw err;
        return;
      }
      fail({ message, operator: 'rejects' }, 'Missing expected rejection.');
    };
    assert.doesNotReject = async (promiseOrFn, message) => {
      try {
        await (typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn);
      } catch (err) {
        fail({ message, actual: err, operator: 'doesNotReject' }, `Got unwanted rejection.\nActual message: "${err && err.message}"`);
      }
    };
    assert.match = (s, re, message) => {
      if (!re.test(s)) fail({ message, actual: s, expected: re, operator: 'match' }, `The input did not match the regular expression ${re}. Input:\n\n${util.inspect(s)}\n`);
    };
    assert.doesNotMatch = (s, re, message) => {
      if (re.test(s)) fail({ message, actual: s, expected: re, operator: 'doesNotMatch' }, `The input was expected to not match the regular expression ${re}. Input:\n\n${util.inspect(s)}\n`);
    };
    assert.ifError = (v) => {
      if (v !== null && v !== undefined) throw v;
    };
    return assert;
  }
  const assert = makeAssert(false);
  assert.strict = makeAssert(true);
  assert.strict.strict = assert.strict;
  seqmig.builtins.assert = assert;
  seqmig.builtins['assert/strict'] = assert.strict;
})();
