#!/usr/bin/env python3
"""Writes a deterministic folder of N Sequelize migrations for the benchmark.

Migration i creates table `bench_<i>` with six columns of mixed types (an
auto-increment id, a string, a decimal, a boolean, a date and an integer that
references the previous table's id), then adds an index on two of them; its
`down` drops the table. The first table's reference column is a plain integer
(there is no previous table). The same N always gives byte-identical files, so
runs on different days measure the same work.

`--constant-schema` writes the control folder of the scale check: migration i creates
the same table and index, then drops the table again in the same `up` (so no table
references another, and `down` has nothing left to drop). The schema never grows, so
SQLite's own cost per DDL statement, which grows with the number of tables (each one
rescans sqlite_master), stays flat, and what is left to grow is the tool's.
"""

import argparse
import datetime
import os
import sys

BASE = datetime.datetime(2024, 1, 1, 0, 0, 0)

TEMPLATE = """'use strict';

/** @type {{import('sequelize-cli').Migration}} */
module.exports = {{
  async up(queryInterface, Sequelize) {{
    await queryInterface.createTable('{table}', {{
      id: {{ type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false }},
      label: {{ type: Sequelize.STRING(120), allowNull: false }},
      amount: {{ type: Sequelize.DECIMAL(12, 2), allowNull: false, defaultValue: 0 }},
      active: {{ type: Sequelize.BOOLEAN, allowNull: false, defaultValue: true }},
      createdAt: {{ type: Sequelize.DATE, allowNull: false }},
      {ref}
    }});
    await queryInterface.addIndex('{table}', ['label', 'active']);
  }},

  async down(queryInterface, Sequelize) {{
    await queryInterface.dropTable('{table}');
  }},
}};
"""

CONSTANT_TEMPLATE = TEMPLATE.replace(
    "    await queryInterface.addIndex('{table}', ['label', 'active']);\n",
    "    await queryInterface.addIndex('{table}', ['label', 'active']);\n"
    "    await queryInterface.dropTable('{table}');\n",
)

REF_FIRST = "prevId: { type: Sequelize.INTEGER, allowNull: true },"
REF_NEXT = (
    "prevId: {{ type: Sequelize.INTEGER, allowNull: true, "
    "references: {{ model: '{prev}', key: 'id' }}, "
    "onUpdate: 'CASCADE', onDelete: 'SET NULL' }},"
)


def table_name(i: int) -> str:
    return f"bench_{i:05d}"


def file_name(i: int) -> str:
    # One minute apart from a fixed base: a real-looking, sortable timestamp prefix.
    stamp = (BASE + datetime.timedelta(minutes=i)).strftime("%Y%m%d%H%M%S")
    return f"{stamp}-create-{table_name(i).replace('_', '-')}.js"


def write_folder(out: str, count: int, constant_schema: bool = False) -> None:
    os.makedirs(out, exist_ok=True)
    for name in os.listdir(out):
        if name.endswith(".js"):
            os.remove(os.path.join(out, name))
    for i in range(1, count + 1):
        if constant_schema:
            body = CONSTANT_TEMPLATE.format(table=table_name(i), ref=REF_FIRST)
        else:
            ref = REF_FIRST if i == 1 else REF_NEXT.format(prev=table_name(i - 1))
            body = TEMPLATE.format(table=table_name(i), ref=ref)
        with open(os.path.join(out, file_name(i)), "w", encoding="utf-8") as f:
            f.write(body)


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("count", type=int, help="number of migrations")
    p.add_argument("out", help="folder to (re)fill with the migration files")
    p.add_argument("--constant-schema", action="store_true",
                   help="each migration drops its table again (the scale check's control folder)")
    args = p.parse_args(argv)
    if args.count < 1:
        p.error("count must be at least 1")
    write_folder(args.out, args.count, args.constant_schema)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
