// seqmig JS host: String.prototype.localeCompare in the order of Node's ICU root
// collation. Boa without Intl compares UTF-16 code units, so `'PRIMARY'` sorted before
// `'players'` where Node puts it after (issue 18, constraints-and-indexes).
//
// What is followed: the Unicode Collation Algorithm's three levels over ICU's root order
// of ASCII (whitespace, punctuation, symbols, digits, then letters with each capital
// right after its small letter), the text decomposed (NFD) so that an accented Latin
// letter is its base letter at the first level and its accents (in ICU's order of the
// combining marks) at the second; case at the third; ICU's ignorable controls ignored;
// the `sensitivity` and `numeric` options. Not followed: locale tailorings (every locale
// orders as the root), contractions and expansions (`ß` is not `ss`), and the relative
// order of characters outside ASCII that do not decompose to it: those sort after `z`,
// by code point.
'use strict';
(function () {
  // ICU root order of ASCII, one character a primary weight; a capital shares its small
  // letter's (Node 20: sort every character with localeCompare).
  const ASCII_ORDER = '\t\n\u000b\f\r _-,;:!?.\'"()[]{}@*/\\&#%`^+<=>|~$0123456789abcdefghijklmnopqrstuvwxyz';
  // The combining diacritical marks (U+0300–U+036F) in ICU's secondary order; marks in one
  // string share a weight. U+034F is ignorable.
  const MARK_ORDER = [
    '\u0332', '\u0313\u0343', '\u0314', '\u0301\u0341', '\u0300\u0340', '\u0306', '\u0302',
    '\u030c', '\u030a', '\u0342', '\u0308', '\u0344', '\u030b', '\u0303', '\u0307', '\u0338',
    '\u0327', '\u0328', '\u0304',
    '\u030d\u030e\u0312\u0315\u031a\u033d\u033e\u033f\u0346\u034a\u034b\u034c\u0350\u0351\u0352\u0357\u035b\u035d\u035e',
    '\u0316\u0317\u0318\u0319\u031c\u031d\u031e\u031f\u0320\u0329\u032a\u032b\u032c\u032f\u0333\u033a\u033b\u033c\u0347\u0348\u0349\u034d\u034e\u0353\u0354\u0355\u0356\u0359\u035a\u035c\u035f\u0362',
    '\u0336\u0337', '\u0335', '\u0305', '\u0309', '\u030f', '\u0310', '\u0311', '\u031b',
    '\u0321', '\u0322', '\u0323', '\u0324', '\u0325', '\u0326', '\u032d', '\u032e', '\u0330',
    '\u0331', '\u0334', '\u0339', '\u0345', '\u0358', '\u0360', '\u0361', '\u0363', '\u0368',
    '\u0369', '\u0364', '\u036a', '\u0365', '\u036b', '\u0366', '\u036c', '\u036d', '\u0367',
    '\u036e', '\u036f',
  ];
  const PRIMARY = new Map();
  for (let i = 0; i < ASCII_ORDER.length; i++) PRIMARY.set(ASCII_ORDER[i], i + 1);
  const DIGIT = PRIMARY.get('0');
  const AFTER_ASCII = ASCII_ORDER.length + 1;
  const MARK = new Map();
  MARK_ORDER.forEach((group, i) => {
    for (const m of group) MARK.set(m, i + 2);
  });
  // Ignorable at every level: C0 controls but TAB..CR, DEL, and the grapheme joiner.
  const ignorable = (cp) => (cp < 0x20 && (cp < 9 || cp > 13)) || cp === 0x7f || cp === 0x34f;

  // The weight lists of a string: primary, secondary, tertiary (common weight 1), and
  // the case of each primary element alone (ICU's case level, for `sensitivity: 'case'`).
  function weights(text, numeric) {
    const p = [];
    const s = [];
    const t = [];
    const c = [];
    const chars = Array.from(text.normalize('NFD'));
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i];
      const cp = ch.codePointAt(0);
      if (ignorable(cp)) continue;
      const mark = MARK.get(ch);
      if (mark !== undefined) {
        s.push(mark);
        t.push(1);
        continue;
      }
      if (numeric && ch >= '0' && ch <= '9') {
        // A run of digits is one number: fewer significant digits first, then by digits.
        let j = i;
        while (j < chars.length && chars[j] >= '0' && chars[j] <= '9') j++;
        const digits = chars.slice(i, j).join('').replace(/^0+(?=\d)/, '');
        p.push(DIGIT, digits.length);
        for (const d of digits) p.push(PRIMARY.get(d));
        s.push(1);
        t.push(1);
        c.push(1);
        i = j - 1;
        continue;
      }
      const lower = ch.toLowerCase();
      const known = lower.length === ch.length ? PRIMARY.get(lower) : undefined;
      p.push(known !== undefined ? known : AFTER_ASCII + cp);
      s.push(1);
      t.push(lower !== ch ? 2 : 1);
      c.push(lower !== ch ? 2 : 1);
    }
    return [p, s, t, c];
  }

  function compareLists(a, b) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
    }
    return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
  }

  const LEVELS = { base: [0], accent: [0, 1], case: [0, 3], variant: [0, 1, 2] };

  function localeCompare(that, locales, options) {
    if (this === null || this === undefined) {
      throw new TypeError('String.prototype.localeCompare called on null or undefined');
    }
    const a = String(this);
    const b = String(that);
    const opts = options === undefined ? {} : Object(options);
    const sensitivity = opts.sensitivity === undefined ? 'variant' : String(opts.sensitivity);
    const levels = LEVELS[sensitivity];
    if (!levels) {
      throw new RangeError(`Value ${sensitivity} out of range for Intl.Collator options property sensitivity`);
    }
    const numeric = opts.numeric === undefined ? false : Boolean(opts.numeric);
    const wa = weights(a, numeric);
    const wb = weights(b, numeric);
    for (const level of levels) {
      const c = compareLists(wa[level], wb[level]);
      if (c !== 0) return c;
    }
    return 0;
  }

  Object.defineProperty(String.prototype, 'localeCompare', {
    value: {
      localeCompare(that) {
        return localeCompare.call(this, that, arguments[1], arguments[2]);
      },
    }.localeCompare,
    writable: true,
    configurable: true,
    enumerable: false,
  });
})();
