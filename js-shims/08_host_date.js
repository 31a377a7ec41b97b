// seqmig JS host: Date as V8 parses it (local `YYYY-MM-DD hh:mm:ss`, Sequelize's
// `... +00:00`), its toString's zone name, and toLocale*String without Intl.
'use strict';
(function () {
  function hide(obj, name, value) {
    Object.defineProperty(obj, name, { value, writable: true, configurable: true, enumerable: false });
  }

  (function patchDate() {
    const OrigDate = Date;
    // V8 reads "2024-01-02 03:04:05" (space, no zone) as local time, and accepts the
    // "2024-01-05 09:00:00.000 +00:00" form Sequelize prints; Boa may return NaN for both.
    const re = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/;
    const slash = /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
    function parseLoose(s) {
      s = s.trim();
      let m = re.exec(s);
      if (m) {
        const [, y, mo, d, h = '0', mi = '0', sec = '0', frac = '', zone] = m;
        const ms = Number((frac + '000').slice(0, 3));
        if (!zone && h === '0' && !m[4] && /^\d{4}-\d{2}-\d{2}$/.test(s)) return OrigDate.UTC(+y, mo - 1, +d);
        if (!zone) return new OrigDate(+y, mo - 1, +d, +h, +mi, +sec, ms).getTime();
        let offset = 0;
        if (!/^(Z|z|UTC|GMT)$/.test(zone)) {
          const zm = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
          offset = (zm[1] === '-' ? -1 : 1) * (Number(zm[2]) * 60 + Number(zm[3] || 0));
        }
        return OrigDate.UTC(+y, mo - 1, +d, +h, +mi, +sec, ms) - offset * 60000;
      }
      m = slash.exec(s);
      if (m) {
        const [, y, mo, d, h = '0', mi = '0', sec = '0'] = m;
        return new OrigDate(+y, mo - 1, +d, +h, +mi, +sec).getTime();
      }
      return NaN;
    }
    function parse(s) {
      const v = OrigDate.parse(s);
      if (!isNaN(v) && !/^\d{4}-\d{1,2}-\d{1,2}[ ]\d/.test(String(s).trim())) return v;
      const loose = parseLoose(String(s));
      return isNaN(loose) ? v : loose;
    }
    function NodeDate(...args) {
      if (!new.target) return OrigDate();
      if (args.length === 1 && typeof args[0] === 'string') {
        return Reflect.construct(OrigDate, [parse(args[0])], new.target);
      }
      return Reflect.construct(OrigDate, args, new.target);
    }
    Object.defineProperty(NodeDate, 'name', { value: 'Date' });
    Object.defineProperty(NodeDate, 'length', { value: 7 });
    NodeDate.prototype = OrigDate.prototype;
    hide(OrigDate.prototype, 'constructor', NodeDate);
    hide(NodeDate, 'now', OrigDate.now);
    hide(NodeDate, 'UTC', OrigDate.UTC);
    hide(NodeDate, 'parse', parse);
    hide(globalThis, 'Date', NodeDate);

    // Node appends the zone's long name; without Intl only UTC's is known.
    const origToString = OrigDate.prototype.toString;
    hide(OrigDate.prototype, 'toString', function toString() {
      const s = origToString.call(this);
      return / GMT\+0000$/.test(s) ? s + ' (Coordinated Universal Time)' : s;
    });
    if (typeof Intl === 'undefined') {
      const pad = (n) => String(n).padStart(2, '0');
      const dateStr = (d) => `${d.getMonth() + 1}/${d.getDate()}/${d.getFullYear()}`;
      const timeStr = (d) => {
        const h = d.getHours() % 12 || 12;
        return `${h}:${pad(d.getMinutes())}:${pad(d.getSeconds())} ${d.getHours() < 12 ? 'AM' : 'PM'}`;
      };
      const guard = (f) =>
        function () {
          return isNaN(this.getTime()) ? 'Invalid Date' : f(this);
        };
      hide(OrigDate.prototype, 'toLocaleString', guard((d) => `${dateStr(d)}, ${timeStr(d)}`));
      hide(OrigDate.prototype, 'toLocaleDateString', guard(dateStr));
      hide(OrigDate.prototype, 'toLocaleTimeString', guard(timeStr));
      hide(Number.prototype, 'toLocaleString', function toLocaleString() {
        const n = Number(this);
        if (!isFinite(n)) return isNaN(n) ? 'NaN' : n > 0 ? '∞' : '-∞';
        const rounded = Math.round(Math.abs(n) * 1000) / 1000;
        const [int, frac] = String(rounded).split('.');
        const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
        return (n < 0 && rounded !== 0 ? '-' : '') + grouped + (frac ? '.' + frac : '');
      });
    }
  })();
})();
