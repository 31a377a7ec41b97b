//! PostgreSQL queries as node-postgres sends them: several statements in one query (the
//! simple protocol) inside every kind of transaction, the values of simple-protocol
//! results, and statement errors inside transactions (issue 15, items 1 and 2).

use crate::safety_common::{pg_client as client, pg_project};
use crate::support::pg;

fn columns(db: &pg::PgDb, table: &str) -> Vec<String> {
    client(db)
        .query(
            "SELECT column_name || ' ' || data_type || ' ' || is_nullable FROM information_schema.columns WHERE table_name = $1 ORDER BY column_name",
            &[&table],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect()
}

/// The issue's smallest reproduction (outline, streetmix): addColumn then changeColumn,
/// whose `ALTER ...;ALTER ...;` is one query, inside an unmanaged transaction; and the
/// same inside a managed transaction and inside a savepoint.
const DDL_IN_TRANSACTIONS: &str = r#"'use strict';
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('n', { id: { type: Sequelize.INTEGER, primaryKey: true }, actorId: { type: Sequelize.UUID, allowNull: false } });
    const t = await queryInterface.sequelize.transaction();
    await queryInterface.addColumn('n', 'x', { type: Sequelize.DATE }, { transaction: t });
    await queryInterface.changeColumn('n', 'actorId', { type: Sequelize.UUID, allowNull: true }, { transaction: t });
    await t.commit();
    await queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.addColumn('n', 'y', { type: Sequelize.STRING(5) }, { transaction });
      await queryInterface.changeColumn('n', 'y', { type: Sequelize.STRING(9), allowNull: false, defaultValue: 'z' }, { transaction });
      await queryInterface.sequelize.transaction({ transaction }, async (sp) => {
        await queryInterface.addColumn('n', 'w', { type: Sequelize.INTEGER }, { transaction: sp });
        await queryInterface.changeColumn('n', 'w', { type: Sequelize.BIGINT, allowNull: false, defaultValue: 0 }, { transaction: sp });
      });
    });
  },
  async down(queryInterface) { await queryInterface.dropTable('n'); }
};
"#;

const DDL_COLUMNS: [&str; 5] = [
    "actorId uuid YES",
    "id integer NO",
    "w bigint NO",
    "x timestamp with time zone YES",
    "y character varying NO",
];

#[test]
fn change_column_inside_transactions_and_savepoints_commits() {
    let db = pg::fresh_database("ddl_in_tx");
    let p = pg_project(&db, serde_json::json!({}));
    p.write("migrations/20240101000000-ddl.js", DDL_IN_TRANSACTIONS);
    let run = p.seqmig(&["db:migrate"]);
    assert_eq!(run.code, 0, "{}", run.masked(p.path()));
    assert_eq!(columns(&db, "n"), DDL_COLUMNS);
}

#[test]
fn change_column_inside_transactions_commits_under_atomic() {
    let db = pg::fresh_database("ddl_in_tx_atomic");
    let p = pg_project(&db, serde_json::json!({}));
    p.write("migrations/20240101000000-ddl.js", DDL_IN_TRANSACTIONS);
    let run = p.seqmig(&["db:migrate", "--atomic"]);
    assert_eq!(run.code, 0, "{}", run.masked(p.path()));
    assert_eq!(columns(&db, "n"), DDL_COLUMNS);
}

/// `sequelize.query('SELECT ...')` resolves to the same JS values whether the query went
/// out alone (extended protocol) or as the last of several statements (simple protocol).
#[test]
fn select_values_are_the_same_alone_and_among_several_statements() {
    let db = pg::fresh_database("select_both");
    let p = pg_project(&db, serde_json::json!({}));
    p.write(
        "migrations/20240101000000-values.js",
        r#"'use strict';
const EXPRS = `1::int2 AS a, 2::int4 AS b, 9007199254740993::int8 AS c, 12.50::numeric AS d,
  1.1::float4 AS e, 0.1::float8 AS f, true AS g, 'it''s'::text AS h, 'ab'::char(3) AS i,
  '{"k": [1, null]}'::json AS j, '{"k": {"m": 2}}'::jsonb AS k,
  '2024-01-05 09:00:00.123'::timestamp AS l, '2024-01-05 09:00:00.5+02'::timestamptz AS m,
  '2024-01-05'::date AS n, '13:45:00.25'::time AS o, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid AS p,
  '\\x00ff'::bytea AS q, ARRAY[1, NULL]::int4[] AS r, ARRAY['x y', NULL]::text[] AS s,
  '1 day'::interval AS t, NULL::int4 AS u, 'infinity'::timestamptz AS v`;
const show = (rows) => JSON.stringify(rows.map((row) => Object.entries(row).map(([k, v]) => [
  k, v === null ? 'null' : v instanceof Date ? 'Date' : Buffer.isBuffer(v) ? 'Buffer' : Array.isArray(v) ? 'Array' : typeof v,
  v instanceof Date ? v.getTime() : Buffer.isBuffer(v) ? v.toString('hex') : v
])));
module.exports = {
  async up(queryInterface) {
    const { sequelize } = queryInterface;
    const [alone] = await sequelize.query(`SELECT ${EXPRS}`);
    const [several] = await sequelize.query(`SET client_min_messages TO warning; SELECT ${EXPRS}`);
    if (show(alone) !== show(several)) throw new Error(`alone ${show(alone)}\nseveral ${show(several)}`);
    // Sequelize concatenates the rows of every statement.
    const both = await sequelize.query(`SELECT ${EXPRS}; SELECT ${EXPRS}`, { type: sequelize.QueryTypes.SELECT });
    if (show(both) !== show(alone.concat(alone))) throw new Error(`SELECT type ${show(both)}`);
    await queryInterface.createTable('shown', { v: { type: 'TEXT' } });
    await queryInterface.bulkInsert('shown', [{ v: show(alone) }]);
  },
  async down() {}
};
"#,
    );
    let run = p.seqmig(&["db:migrate"]);
    assert_eq!(run.code, 0, "{}", run.masked(p.path()));
    let shown: String = client(&db)
        .query_one("SELECT v FROM shown", &[])
        .unwrap()
        .get(0);
    // The values node-postgres' type parsers give, as the migration saw them.
    for part in [
        r#"["a","number",1]"#,
        r#"["c","string","9007199254740993"]"#,
        r#"["d","string","12.50"]"#,
        r#"["e","number",1.1]"#,
        r#"["g","boolean",true]"#,
        r#"["j","object",{"k":[1,null]}]"#,
        r#"["l","Date",1704445200123]"#,
        r#"["m","Date",1704438000500]"#,
        r#"["n","string","2024-01-05"]"#,
        r#"["q","Buffer","00ff"]"#,
        r#"["r","Array",[1,null]]"#,
        r#"["u","null",null]"#,
    ] {
        assert!(shown.contains(part), "{part} not in {shown}");
    }
}

/// A statement error inside a transaction leaves it aborted, as PostgreSQL does; the
/// migration's catch rolls back; uncaught, the error names the migration and the server's
/// message, and nothing of the transaction remains.
#[test]
fn a_statement_error_inside_a_transaction_is_caught_or_reported_with_nothing_left() {
    let db = pg::fresh_database("tx_error");
    let p = pg_project(&db, serde_json::json!({}));
    p.write(
        "migrations/20240101000000-caught.js",
        r#"'use strict';
module.exports = {
  async up(queryInterface, Sequelize) {
    const t = await queryInterface.sequelize.transaction();
    let aborted = '';
    try {
      await queryInterface.createTable('ghost', { id: Sequelize.INTEGER }, { transaction: t });
      await queryInterface.sequelize.query('ALTER TABLE ghost ADD a int; ALTER TABLE nosuch ADD b int;', { transaction: t });
    } catch (err) {
      try { await queryInterface.sequelize.query('SELECT 1', { transaction: t }); } catch (e2) { aborted = e2.original.code; }
      await t.rollback();
    }
    if (aborted !== '25P02') throw new Error('not aborted: ' + aborted);
    await queryInterface.createTable('kept', { id: Sequelize.INTEGER });
  },
  async down(queryInterface) { await queryInterface.dropTable('kept'); }
};
"#,
    );
    p.write(
        "migrations/20240101000001-uncaught.js",
        r#"'use strict';
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.createTable('ghost2', { id: Sequelize.INTEGER }, { transaction });
      await queryInterface.changeColumn('nosuch', 'x', { type: Sequelize.INTEGER, allowNull: true }, { transaction });
    });
  },
  async down() {}
};
"#,
    );
    let run = p.seqmig(&["db:migrate"]);
    assert_eq!(run.code, 1, "{}", run.masked(p.path()));
    let out = run.masked(p.path());
    assert!(out.contains("20240101000001-uncaught"), "{out}");
    assert!(out.contains("relation \"nosuch\" does not exist"), "{out}");
    let tables: Vec<String> = client(&db)
        .query(
            "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(tables, ["SequelizeMeta", "kept"]);
}

/// `Promise.all` of calls sharing one transaction runs them in the order they were made,
/// as node-postgres' client queue does; a failure among them aborts the transaction for
/// the calls queued after it.
#[test]
fn promise_all_on_one_transaction_runs_in_submission_order() {
    let db = pg::fresh_database("promise_all");
    let p = pg_project(&db, serde_json::json!({}));
    p.write(
        "migrations/20240101000000-all.js",
        r#"'use strict';
module.exports = {
  async up(queryInterface, Sequelize) {
    const { sequelize } = queryInterface;
    await queryInterface.createTable('log', { n: Sequelize.INTEGER, seen: Sequelize.INTEGER });
    await sequelize.transaction(async (transaction) => {
      const o = { transaction };
      // Each insert sees the rows of the ones made before it.
      await Promise.all([1, 2, 3, 4].map((n) => sequelize.query(
        `INSERT INTO log (n, seen) SELECT ${n}, count(*) FROM log; UPDATE log SET seen = seen WHERE false;`, o)));
      await Promise.all([
        queryInterface.addColumn('log', 'extra', Sequelize.INTEGER, o),
        queryInterface.changeColumn('log', 'extra', { type: Sequelize.BIGINT, defaultValue: 7 }, o),
        queryInterface.bulkInsert('log', [{ n: 5, seen: 4 }], o)
      ]);
    });
    const codes = [];
    try {
      await sequelize.transaction(async (transaction) => {
        await Promise.all([
          queryInterface.bulkInsert('log', [{ n: 6, seen: 0 }], { transaction }),
          sequelize.query('SELECT * FROM nosuch', { transaction }).catch((e) => { codes.push(e.original.code); throw e; }),
          sequelize.query('SELECT 1', { transaction }).catch((e) => { codes.push(e.original.code); })
        ]);
      });
    } catch (err) {
      codes.push(err.name);
    }
    await queryInterface.bulkInsert('log', [{ n: 100, seen: codes.length }]);
    await queryInterface.createTable('codes', { c: Sequelize.STRING });
    await queryInterface.bulkInsert('codes', codes.map((c) => ({ c })));
  },
  async down() {}
};
"#,
    );
    let run = p.seqmig(&["db:migrate"]);
    assert_eq!(run.code, 0, "{}", run.masked(p.path()));
    let mut c = client(&db);
    let log: Vec<(i32, i32, Option<i64>)> = c
        .query("SELECT n, seen, extra FROM log ORDER BY n", &[])
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect();
    assert_eq!(
        log,
        [
            (1, 0, None),
            (2, 1, None),
            (3, 2, None),
            (4, 3, None),
            (5, 4, Some(7)),
            (100, 3, Some(7))
        ]
    );
    let codes: Vec<String> = c
        .query("SELECT c FROM codes", &[])
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(codes, ["42P01", "25P02", "SequelizeDatabaseError"]);
}
