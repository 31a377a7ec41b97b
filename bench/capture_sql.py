#!/usr/bin/env python3
"""Turns a logged seqmig run into a SQL script for `sqlite3` / `psql` / `mariadb` to replay.

Input: the stdout of seqmig run with `"logging": true`, which prints
`Executing (default): <sql>` per statement, as Sequelize's console.log logging does.
Every logged statement is kept, reads included, so the replay does the same work as
the tool minus the tool itself. Statements logged with a `$1` bind (the SequelizeMeta
insert) get the migration's file name inlined: the log shows the placeholder, not the
value, and the current name comes from the `== name: migrating` line before it.
Bound statements outside a migration are the storage's own look-ups (seqmig's column
check of SequelizeMeta on PostgreSQL); their values are given by `--outside-binds`.

On MySQL (`--dialect mysql`) the placeholder is `?` (mysql2's prepared statements)
instead of `$1`, filled the same way.

`--transaction` wraps the script in one BEGIN/COMMIT (one fsync in total on SQLite);
without it each statement commits on its own, as the tools do.

`--fast` gives the script the durability settings seqmig runs with (each statement
still its own commit): on SQLite WAL with `synchronous=NORMAL`, checkpointed and
switched back to the rollback journal at the end; on PostgreSQL
`synchronous_commit = off`, with one synchronous commit at the end that flushes the rest.
"""

import argparse
import re
import sys

EXEC = "Executing (default): "
MARK = re.compile(r"^== (.+): (migrating|reverting) =+$")


BIND = re.compile(r"\$(\d+)\b")
# mysql2's placeholder; Sequelize's own statements have no `?` inside string literals.
QMARK = re.compile(r"\?")


def quote(v):
    return "'" + v.replace("'", "''") + "'"


def inline_n(n, sql, binds):
    if not 1 <= n <= len(binds):
        raise SystemExit(f"capture_sql: no value known for bind {n} in: {sql}")
    return quote(binds[n - 1])


def statements(lines, ext, outside_binds=("SequelizeMeta", "public"), qmarks=False):
    current = None
    out = []
    for line in lines:
        line = line.rstrip("\n")
        m = MARK.match(line)
        if m:
            current = m.group(1) + ext
            continue
        if not line.startswith(EXEC):
            continue
        sql = line[len(EXEC):].strip()
        binds = [current] if current is not None else list(outside_binds)

        def inline(m, sql=sql, binds=binds):
            n = int(m.group(1))
            if not 1 <= n <= len(binds):
                raise SystemExit(f"capture_sql: no value known for ${n} in: {sql}")
            return quote(binds[n - 1])

        if qmarks:
            count = iter(range(1, len(sql) + 1))
            sql = QMARK.sub(lambda m, sql=sql: inline_n(next(count), sql, binds), sql)
        else:
            sql = BIND.sub(inline, sql)
        if not sql.endswith(";"):
            sql += ";"
        out.append(sql)
    return out


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--dialect", choices=["sqlite", "postgres", "mysql"], required=True)
    p.add_argument("--transaction", action="store_true")
    p.add_argument("--fast", action="store_true", help="seqmig's durability settings")
    p.add_argument("--ext", default=".js", help="extension of the migration files")
    p.add_argument(
        "--outside-binds",
        default="SequelizeMeta,public",
        help="comma-separated values of $1, $2... in statements logged outside a migration",
    )
    p.add_argument("log")
    p.add_argument("out")
    args = p.parse_args(argv)
    with open(args.log, encoding="utf-8") as f:
        stmts = statements(
            f, args.ext, args.outside_binds.split(","), qmarks=args.dialect == "mysql"
        )
    if not stmts:
        raise SystemExit(f"capture_sql: no 'Executing (default):' lines in {args.log}")
    head = []
    if args.dialect == "sqlite":
        # Sequelize (and seqmig) open every SQLite connection with foreign keys on,
        # which makes each REFERENCES clause checked work: the replay must pay it too.
        head.append("PRAGMA foreign_keys = ON;")
    elif args.dialect == "mysql":
        # What Sequelize's mysql connection manager sets on every connection.
        head.append("SET time_zone = '+00:00';")
        if args.fast:
            raise SystemExit(
                "capture_sql: --fast has no MySQL form (durability is the server's setting)"
            )
    else:
        head.append("SET client_min_messages TO warning;")
    body = stmts
    if args.transaction:
        body = ["BEGIN;"] + stmts + ["COMMIT;"]
    tail = []
    if args.fast and args.dialect == "sqlite":
        head += ["PRAGMA journal_mode = WAL;", "PRAGMA synchronous = NORMAL;"]
        tail += ["PRAGMA wal_checkpoint(TRUNCATE);", "PRAGMA journal_mode = DELETE;"]
    elif args.fast:
        head.append("SET synchronous_commit = off;")
        # A commit waits for the flush only when its transaction wrote WAL.
        tail += [
            "SET synchronous_commit = on;",
            "BEGIN;",
            "CREATE TEMPORARY TABLE replay_end_of_run (x int) ON COMMIT DROP;",
            "COMMIT;",
        ]
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("\n".join(head + body + tail) + "\n")
    sys.stderr.write(f"capture_sql: {len(stmts)} statements -> {args.out}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
