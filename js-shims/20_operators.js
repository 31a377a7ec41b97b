// `Op` and the SQL helper objects of sequelize 6.37.8 (src/operators.js, src/utils.js:
// Fn, Col, Cast, Literal, Json, Where) with the statics that build them. They stay
// inert objects here; 30_values.js tags them for Rust.
(function () {
  'use strict';
  const seqmig = globalThis.__seqmig;
  const define = seqmig.define;

  const OP_NAMES = [
    'eq', 'ne', 'gte', 'gt', 'lte', 'lt', 'not', 'is', 'in', 'notIn', 'like', 'notLike',
    'iLike', 'notILike', 'startsWith', 'endsWith', 'substring', 'regexp', 'notRegexp',
    'iRegexp', 'notIRegexp', 'between', 'notBetween', 'overlap', 'contains', 'contained',
    'adjacent', 'strictLeft', 'strictRight', 'noExtendRight', 'noExtendLeft', 'and', 'or',
    'any', 'all', 'values', 'col', 'placeholder', 'join', 'match',
  ];
  // Symbol.for, as Sequelize: a migration bundling its own copy of Op still matches.
  const Op = {};
  for (const name of OP_NAMES) Op[name] = Symbol.for(name);
  const operatorSet = new Set(Object.values(Op));
  define(seqmig, 'Op', Op);
  define(seqmig, 'isOperator', (sym) => operatorSet.has(sym));

  class SequelizeMethod {}

  class Fn extends SequelizeMethod {
    constructor(fn, args) {
      super();
      this.fn = fn;
      this.args = args;
    }
    clone() {
      return new Fn(this.fn, this.args);
    }
  }

  class Col extends SequelizeMethod {
    constructor(col, ...args) {
      super();
      if (args.length > 0) col = args;
      this.col = col;
    }
  }

  class Cast extends SequelizeMethod {
    constructor(val, type, json) {
      super();
      this.val = val;
      this.type = (type || '').trim();
      this.json = json || false;
    }
  }

  class Literal extends SequelizeMethod {
    constructor(val) {
      super();
      this.val = val;
    }
  }

  class Json extends SequelizeMethod {
    constructor(conditionsOrPath, value) {
      super();
      if (conditionsOrPath !== null && typeof conditionsOrPath === 'object') {
        this.conditions = conditionsOrPath;
      } else {
        this.path = conditionsOrPath;
        if (value) this.value = value;
      }
    }
  }

  class Where extends SequelizeMethod {
    constructor(attribute, comparator, logic) {
      super();
      if (logic === undefined) {
        logic = comparator;
        comparator = '=';
      }
      this.attribute = attribute;
      this.comparator = comparator;
      this.logic = logic;
    }
  }

  const Utils = { SequelizeMethod, Fn, Col, Cast, Literal, Json, Where };
  define(seqmig, 'Utils', Utils);

  // The statics of the Sequelize class, and of its prototype (sequelize.js §fn..where).
  const helpers = {
    fn(fn, ...args) {
      return new Fn(fn, args);
    },
    col(col) {
      return new Col(col);
    },
    cast(val, type) {
      return new Cast(val, type);
    },
    literal(val) {
      return new Literal(val);
    },
    and(...args) {
      return { [Op.and]: args };
    },
    or(...args) {
      return { [Op.or]: args };
    },
    json(conditionsOrPath, value) {
      return new Json(conditionsOrPath, value);
    },
    where(attr, comparator, logic) {
      return new Where(attr, comparator, logic);
    },
  };
  define(seqmig, 'sqlHelpers', helpers);
})();
