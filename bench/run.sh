#!/usr/bin/env bash
# seqmig benchmark: seqmig vs the pinned sequelize-cli (tests/compat) vs the raw SQL floor.
#
#   bash bench/run.sh [-n RUNS] [--scale-runs N] [--no-pg] [--no-mysql] [--dialects LIST]
#                     [--no-scale] [--scale-ref] [--no-build] [--no-doc] [--keep]
#
# Builds target/release/seqmig, installs the reference tools, generates the 200 (and
# 2,000) migration folders, starts a throwaway PostgreSQL cluster and a throwaway
# MariaDB server (dialect mysql, sequelize-cli with mysql2), times every scenario
# (median, min, max of RUNS runs; peak RSS as /usr/bin/time -v reports it), prints the
# table and writes it into docs/BENCHMARKS.md. Not part of the test suite.
#
#   -n RUNS        timed runs per scenario (default 5)
#   --scale-runs N timed runs per 2,000-migration scenario (default 3)
#   --no-pg        skip PostgreSQL
#   --no-mysql     skip MySQL (the MariaDB server)
#   --dialects L   only these dialects, comma-separated (sqlite,postgres,mysql: the default)
#   --no-scale     skip the 2,000-migration folder
#   --scale-ref    also run sequelize-cli on the 2,000 folder (slow)
#   --no-build     use the existing target/release/seqmig
#   --no-doc       print the table only; leave docs/BENCHMARKS.md alone
#   --keep         keep the work folder (projects, logs, captured SQL)
#   --sizes A,B    folder sizes (default 200,2000; a smoke test: --sizes 10,20)
#   --work-dir D   where the databases and the cluster live (default /var/tmp, on disk;
#                  --work-dir /dev/shm takes fsync out of the picture)
#   --section NAME write the table into its own section of BENCHMARKS.md (e.g. tmpfs),
#                  beside the main one; --title TEXT gives it a heading
# SEQMIG_BIN=path measures another seqmig binary and skips the build.
set -euo pipefail

# Everything runs inside main, which bash parses whole before running: an edit of this
# file during a long run cannot change what the running instance does next.
main() {
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="$root/bench"
runs=5
scale_runs=3
with_pg=1
with_mysql=1
with_sqlite=1
with_scale=1
scale_ref=0
build=1
write_doc=1
keep=0
size=200
scale_size=2000
work_parent=/var/tmp
section=""
title=""

while [ $# -gt 0 ]; do
  case "$1" in
    -n | --runs) runs="$2"; shift 2 ;;
    --scale-runs) scale_runs="$2"; shift 2 ;;
    --no-pg) with_pg=0; shift ;;
    --no-mysql) with_mysql=0; shift ;;
    --dialects)
      with_sqlite=0 with_pg=0 with_mysql=0
      for d in ${2//,/ }; do
        case "$d" in
          sqlite) with_sqlite=1 ;;
          postgres) with_pg=1 ;;
          mysql) with_mysql=1 ;;
          *) echo "bench/run.sh: unknown dialect '$d' in --dialects" >&2; exit 2 ;;
        esac
      done
      shift 2 ;;
    --no-scale) with_scale=0; shift ;;
    --scale-ref) scale_ref=1; shift ;;
    --no-build) build=0; shift ;;
    --no-doc) write_doc=0; shift ;;
    --keep) keep=1; shift ;;
    --sizes) size="${2%,*}"; scale_size="${2#*,}"; shift 2 ;;
    --work-dir) work_parent="$2"; shift 2 ;;
    --section) section="$2"; shift 2 ;;
    --title) title="$2"; shift 2 ;;
    -h | --help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | grep '^#' | cut -c3-; exit 0 ;;
    *) echo "bench/run.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done

say() { printf '\n== %s\n' "$*" >&2; }

for tool in python3 node sqlite3; do
  command -v "$tool" >/dev/null || { echo "bench/run.sh: '$tool' is required" >&2; exit 2; }
done

if [ -n "${SEQMIG_BIN:-}" ]; then build=0; fi
if [ "$build" = 1 ]; then
  say "building target/release/seqmig"
  (cd "$root" && cargo build --release -p seqmig >&2)
fi
seqmig="${SEQMIG_BIN:-$root/target/release/seqmig}"
[ -x "$seqmig" ] || { echo "bench/run.sh: $seqmig is missing (drop --no-build)" >&2; exit 2; }

say "reference tools (tests/compat)"
bash "$root/tests/compat/install.sh"
ref="$root/tests/compat/node_modules/.bin/sequelize"

# On disk by default, not tmpfs: SQLite's fsync per commit is part of what a migration costs.
work="$(mktemp -d "$work_parent/seqmig-bench.XXXXXX")"
chmod 755 "$work"
results="$work/results.jsonl"
: >"$results"
pg_ctl_cmd=()
my_pid=""

cleanup() {
  local rc=$?
  if [ ${#pg_ctl_cmd[@]} -gt 0 ]; then
    "${pg_ctl_cmd[@]}" stop -m immediate -D "$work/pgdata" >/dev/null 2>&1 || true
  fi
  if [ -n "$my_pid" ]; then
    kill -9 "$my_pid" 2>/dev/null || true
    wait "$my_pid" 2>/dev/null || true
  fi
  if [ "$keep" = 1 ]; then
    echo "bench/run.sh: work folder kept: $work" >&2
  else
    rm -rf "$work"
  fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- PostgreSQL: a throwaway cluster on a free loopback port -----------------------------
pg_port=""
if [ "$with_pg" = 1 ]; then
  pg_bin="${SEQMIG_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
  [ -x "$pg_bin/initdb" ] || { echo "bench/run.sh: no PostgreSQL server binaries (apt-get install postgresql, or --no-pg)" >&2; exit 2; }
  as_pg=()
  if [ "$(id -u)" = 0 ]; then as_pg=(runuser -u postgres --); fi
  say "starting a PostgreSQL cluster ($pg_bin)"
  mkdir -p "$work/pgdata" "$work/pgsock"
  [ "$(id -u)" = 0 ] && chown postgres "$work/pgdata" "$work/pgsock"
  "${as_pg[@]}" "$pg_bin/initdb" -D "$work/pgdata" -U postgres -A trust -E UTF8 --no-locale >/dev/null
  pg_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  pg_ctl_cmd=("${as_pg[@]}" "$pg_bin/pg_ctl")
  # The one-transaction replay of undo:all drops 2,000 tables, indexes and sequences in
  # one transaction: more locks than the default 64 per connection slot allow.
  "${pg_ctl_cmd[@]}" start -w -D "$work/pgdata" -l "$work/pgdata/server.log" \
    -o "-c listen_addresses=127.0.0.1 -c port=$pg_port -c unix_socket_directories=$work/pgsock -c max_locks_per_transaction=1024" >/dev/null
  export PGHOST=127.0.0.1 PGPORT="$pg_port" PGUSER=postgres
fi
psql_q() { psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "$1" >/dev/null; }

# --- MySQL: a throwaway MariaDB server on a free loopback port ---------------------------
# Server defaults (InnoDB flushes its log at every commit, as PostgreSQL keeps fsync on),
# its own socket for root (unix_socket authentication), user `bench` over TCP for the tools
# and the raw replay alike.
my_port=""
my_admin=""
my_client=""
if [ "$with_mysql" = 1 ]; then
  my_server="$(command -v mariadbd || echo /usr/sbin/mariadbd)"
  for tool in mariadb mariadb-install-db mariadb-dump; do
    command -v "$tool" >/dev/null || { echo "bench/run.sh: '$tool' is required for MySQL (apt-get install mariadb-server mariadb-client, or --no-mysql)" >&2; exit 2; }
  done
  [ -x "$my_server" ] || { echo "bench/run.sh: no mariadbd (apt-get install mariadb-server, or --no-mysql)" >&2; exit 2; }
  say "starting a MariaDB server ($my_server)"
  mkdir -p "$work/mysql"
  [ "$(id -u)" = 0 ] && chown mysql "$work/mysql"
  my_args=(--no-defaults --user=mysql "--datadir=$work/mysql/data" --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci)
  mariadb-install-db "${my_args[@]}" --auth-root-authentication-method=socket --skip-test-db >"$work/mysql/install.log" 2>&1 ||
    { echo "bench/run.sh: mariadb-install-db failed ($work/mysql/install.log)" >&2; exit 2; }
  my_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  "$my_server" "${my_args[@]}" "--socket=$work/mysql/sock" "--port=$my_port" --bind-address=127.0.0.1 \
    "--log-error=$work/mysql/server.log" </dev/null >/dev/null 2>&1 &
  my_pid=$!
  my_admin="mariadb --no-defaults -uroot --socket=$work/mysql/sock"
  for _ in $(seq 300); do $my_admin -e 'SELECT 1' >/dev/null 2>&1 && break; sleep 0.2; done
  $my_admin -e "CREATE USER 'bench'@'%' IDENTIFIED BY 'bench'; GRANT ALL PRIVILEGES ON *.* TO 'bench'@'%';" ||
    { echo "bench/run.sh: the MariaDB server did not start ($work/mysql/server.log)" >&2; exit 2; }
  my_client="mariadb --no-defaults -h127.0.0.1 -P$my_port -ubench -pbench"
fi
my_q() { $my_admin -e "$1" >/dev/null; }

# --- projects: one folder per size, both tools run in it with the same config -----------
make_project() { # size [folder [generator options]]
  local size="$1"
  local dir="${2:-$work/p$size}"
  mkdir -p "$dir/config"
  python3 "$bench/gen_migrations.py" "$size" "$dir/migrations" "${@:3}"
  python3 - "$dir/config/config.json" "$size" "${pg_port:-0}" "${my_port:-0}" <<'EOF'
import json, sys
path, size, port, my_port = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
pg = {"dialect": "postgres", "host": "127.0.0.1", "port": port,
      "username": "postgres", "database": f"bench_{size}"}
sq = {"dialect": "sqlite", "storage": "db.sqlite"}
my = {"dialect": "mysql", "host": "127.0.0.1", "port": my_port,
      "username": "bench", "password": "bench", "database": f"bench_{size}"}
cfg = {"sqlite": sq, "sqlite_log": dict(sq, logging=True),
       "postgres": pg, "postgres_log": dict(pg, logging=True),
       "mysql": my, "mysql_log": dict(my, logging=True)}
json.dump(cfg, open(path, "w"), indent=2)
EOF
}

measure() { # scenario tool runs warmup setup cmd...
  local scenario="$1" tool="$2" n="$3" warm="$4" setup="$5"
  shift 5
  local log="$work/log-$(echo "$scenario-$tool" | tr -c 'a-zA-Z0-9\n' '_').txt"
  python3 "$bench/measure.py" --out "$results" --scenario "$scenario" --tool "$tool" \
    --runs "$n" --warmup "$warm" --setup "$setup" --cwd "$cur" --log "$log" -- "$@"
}

# Setup commands (untimed), run in the project folder.
fresh() { # dialect size
  if [ "$1" = sqlite ]; then
    echo "rm -f db.sqlite db.sqlite-journal db.sqlite-wal db.sqlite-shm db.sqlite-seqmig-journal"
  elif [ "$1" = mysql ]; then
    echo "$my_admin -e 'DROP DATABASE IF EXISTS bench_$2; CREATE DATABASE bench_$2'"
  else
    echo "dropdb --if-exists bench_$2 && createdb bench_$2"
  fi
}
save_as() { # dialect size name: keep the current database as a template
  if [ "$1" = sqlite ]; then
    cp "$cur/db.sqlite" "$cur/$3.sqlite"
  elif [ "$1" = mysql ]; then
    # No template databases on MySQL: a dump, loaded into a fresh database by restore.
    mariadb-dump --no-defaults -uroot "--socket=$work/mysql/sock" --skip-comments bench_$2 >"$cur/$3.mysql.sql"
  else
    psql_q "DROP DATABASE IF EXISTS $3" && psql_q "ALTER DATABASE bench_$2 RENAME TO $3"
  fi
}
restore() { # dialect size name
  if [ "$1" = sqlite ]; then
    echo "rm -f db.sqlite-journal db.sqlite-wal db.sqlite-shm db.sqlite-seqmig-journal && cp $3.sqlite db.sqlite"
  elif [ "$1" = mysql ]; then
    echo "$(fresh mysql "$2") && $my_admin bench_$2 <$3.mysql.sql"
  else
    echo "dropdb --if-exists bench_$2 && createdb -T $3 bench_$2"
  fi
}
measure_replay() { # scenario dialect size setup file-stem runs label-suffix
  local scenario="$1" d="$2" size="$3" setup="$4" stem="$5" n="$6" suffix="$7" tool file variant
  local variants=(autocommit fast tx)
  # MySQL: DDL commits implicitly (no one-transaction floor) and durability is the
  # server's setting (no session form of seqmig's): autocommit only.
  [ "$d" = mysql ] && variants=(autocommit)
  for variant in "${variants[@]}"; do
    if [ "$variant" = tx ]; then
      file="$stem-$d-tx.sql" tool="one transaction$suffix"
    elif [ "$variant" = fast ]; then
      # seqmig's own durability settings (WAL + synchronous=NORMAL / synchronous_commit=off).
      if [ "$d" = sqlite ]; then
        file="$stem-$d-fast.sql" tool="autocommit, WAL + synchronous=NORMAL$suffix"
      else
        file="$stem-$d-fast.sql" tool="autocommit, synchronous_commit=off$suffix"
      fi
    else
      file="$stem-$d.sql" tool="autocommit$suffix"
    fi
    if [ "$d" = sqlite ]; then
      measure "$scenario" "raw sqlite3, $tool" "$n" 0 "$setup" sqlite3 -bail db.sqlite ".read $file" || true
    elif [ "$d" = mysql ]; then
      # shellcheck disable=SC2086 # my_client is a command line
      measure "$scenario" "raw mariadb, $tool" "$n" 0 "$setup" \
        bash -c "exec $my_client bench_$size <$file" || true
    else
      measure "$scenario" "raw psql, $tool" "$n" 0 "$setup" \
        psql -X -q -v ON_ERROR_STOP=1 -d "bench_$size" -f "$file" || true
    fi
  done
}
# Runs a tool with SQL logging on a prepared database (setup), writes the replay files.
capture() { # tool-binary dialect size setup command stem
  local bin="$1" d="$2" size="$3" setup="$4" command="$5" stem="$6"
  local log="$work/capture-$stem-$d-$size.log"
  (cd "$cur" && eval "$setup" && "$bin" --env "${d}_log" "$command" >"$log" 2>&1) || {
    echo "bench/run.sh: capturing the SQL of $command failed ($log)" >&2
    return 1
  }
  python3 "$bench/capture_sql.py" --dialect "$d" "$log" "$cur/$stem-$d.sql" || return 1
  [ "$d" = mysql ] && return 0
  python3 "$bench/capture_sql.py" --dialect "$d" --fast "$log" "$cur/$stem-$d-fast.sql" &&
    python3 "$bench/capture_sql.py" --dialect "$d" --transaction "$log" "$cur/$stem-$d-tx.sql"
}
# The floor must do the tool's work: after a replay of db:migrate, the schema and the
# SequelizeMeta rows must equal those of the database the tool migrated.
dump_state() { # dialect database(sqlite file | pg name)
  if [ "$1" = sqlite ]; then
    sqlite3 "$2" .schema "SELECT name FROM SequelizeMeta ORDER BY name"
  elif [ "$1" = mysql ]; then
    mariadb-dump --no-defaults -uroot "--socket=$work/mysql/sock" --skip-comments --no-data "$2" |
      sed -e 's/ AUTO_INCREMENT=[0-9]*//'
    $my_admin -N -e 'SELECT name FROM SequelizeMeta ORDER BY name' "$2"
  else
    # \restrict lines carry a random key per dump.
    pg_dump -s -d "$2" | grep -v -e '^--' -e '^$' -e '^\\restrict' -e '^\\unrestrict'
    psql -X -A -t -d "$2" -c 'SELECT name FROM "SequelizeMeta" ORDER BY name'
  fi
}
verify_replay() { # dialect size template
  local a b
  if [ "$1" = sqlite ]; then
    a="$cur/db.sqlite" b="$cur/$3.sqlite"
  elif [ "$1" = mysql ]; then
    # The template lives as a dump: load it into a database of its own to compare.
    b="${3}_check"
    my_q "DROP DATABASE IF EXISTS $b; CREATE DATABASE $b"
    $my_admin "$b" <"$cur/$3.mysql.sql"
    a="bench_$2"
  else
    a="bench_$2" b="$3"
  fi
  if ! diff <(dump_state "$1" "$a") <(dump_state "$1" "$b") >"$work/replay-diff-$1-$2.txt"; then
    echo "bench/run.sh: WARNING: the raw replay's $1 database differs from the tool's ($work/replay-diff-$1-$2.txt)" >&2
    replay_warnings+=("$1 ($2): the replayed database differs from the tool's; see --keep")
  fi
}
replay_warnings=()

skip() { # scenario tool reason
  python3 "$bench/measure.py" --out "$results" --scenario "$1" --tool "$2" --log /dev/null --skip "$3"
}

dialects=()
[ "$with_sqlite" = 1 ] && dialects+=(sqlite)
[ "$with_pg" = 1 ] && dialects+=(postgres)
[ "$with_mysql" = 1 ] && dialects+=(mysql)
[ ${#dialects[@]} -gt 0 ] || { echo "bench/run.sh: no dialect left to measure" >&2; exit 2; }

# One dialect, one folder size: migrate, the raw floor, status, undo:all (and its floor).
scenarios_for_dialect() { # dialect size runs with_ref
  local d="$1" size="$2" n="$3" with_ref="$4" seq_ok=1 ref_ok=0 sc src suffix tpl
  sc="db:migrate $d ($size)"
  say "$sc"
  measure "$sc" seqmig "$n" 0 "$(fresh "$d" "$size")" "$seqmig" --env "$d" db:migrate || seq_ok=0
  [ "$seq_ok" = 1 ] && save_as "$d" "$size" tpl_seqmig
  if [ "$with_ref" = 1 ]; then
    if measure "$sc" sequelize-cli "$n" 0 "$(fresh "$d" "$size")" "$ref" --env "$d" db:migrate; then
      ref_ok=1
      save_as "$d" "$size" tpl_ref
    fi
  fi

  # The floor: the SQL seqmig ran, captured once from its log, replayed by the database's
  # own CLI. When seqmig cannot run the folder yet, sequelize-cli's SQL stands in (labelled).
  src="" suffix=""
  if [ "$seq_ok" = 1 ]; then
    src="$seqmig" tpl=tpl_seqmig
  elif [ "$ref_ok" = 1 ]; then
    src="$ref" tpl=tpl_ref suffix=" (sequelize-cli's SQL)"
  fi
  if [ -n "$src" ] && capture "$src" "$d" "$size" "$(fresh "$d" "$size")" db:migrate up; then
    measure_replay "$sc" "$d" "$size" "$(fresh "$d" "$size")" up "$n" "$suffix"
    verify_replay "$d" "$size" "$tpl"
  else
    skip "$sc" "raw replay" "no tool could run the folder to capture its SQL"
  fi

  sc="db:migrate:status $d ($size)"
  say "$sc"
  if [ "$seq_ok" = 1 ]; then
    measure "$sc" seqmig "$n" 1 "$(restore "$d" "$size" tpl_seqmig)" "$seqmig" --env "$d" db:migrate:status || true
  else
    skip "$sc" seqmig "not run: seqmig's db:migrate failed"
  fi
  if [ "$ref_ok" = 1 ]; then
    measure "$sc" sequelize-cli "$n" 1 "$(restore "$d" "$size" tpl_ref)" "$ref" --env "$d" db:migrate:status || true
  fi

  sc="db:migrate:undo:all $d ($size)"
  say "$sc"
  if [ "$seq_ok" = 1 ]; then
    measure "$sc" seqmig "$n" 0 "$(restore "$d" "$size" tpl_seqmig)" "$seqmig" --env "$d" db:migrate:undo:all || true
  else
    skip "$sc" seqmig "not run: seqmig's db:migrate failed"
  fi
  if [ "$ref_ok" = 1 ]; then
    measure "$sc" sequelize-cli "$n" 0 "$(restore "$d" "$size" tpl_ref)" "$ref" --env "$d" db:migrate:undo:all || true
  fi
  if [ -n "$src" ] && capture "$src" "$d" "$size" "$(restore "$d" "$size" "$tpl")" db:migrate:undo:all down; then
    measure_replay "$sc" "$d" "$size" "$(restore "$d" "$size" "$tpl")" down "$n" "$suffix"
  fi
}

scenarios_for() { # size runs with_ref
  make_project "$1"
  cur="$work/p$1"
  local d
  for d in "${dialects[@]}"; do
    scenarios_for_dialect "$d" "$1" "$2" "$3"
  done
}

# The scale check's control: the same migrations on a schema that does not grow
# (gen_migrations.py --constant-schema: each up drops its table again). SQLite rescans
# sqlite_master for every DDL statement, so on the growing folder even the raw replay
# costs more per migration as tables pile up; here it does not, and what could still
# grow is seqmig's own cost. SQLite only: the PostgreSQL rows are linear as they are.
constant_schema_for() { # size runs
  local size="$1" n="$2" dir="$work/p$1-constant" sc
  make_project "$size" "$dir" --constant-schema
  cur="$dir"
  sc="db:migrate sqlite, constant schema ($size)"
  say "$sc"
  if measure "$sc" seqmig "$n" 0 "$(fresh sqlite "$size")" "$seqmig" --env sqlite db:migrate &&
    capture "$seqmig" sqlite "$size" "$(fresh sqlite "$size")" db:migrate up; then
    measure_replay "$sc" sqlite "$size" "$(fresh sqlite "$size")" up "$n" ""
  fi
}

load_start="$(cut -d' ' -f1-3 /proc/loadavg)"

say "start-up"
cur="$work"
measure "start-up (--version)" seqmig "$runs" 1 "" "$seqmig" --version
measure "start-up (--version)" sequelize-cli "$runs" 1 "" "$ref" --version
measure "start-up (--version)" "node -e 0" "$runs" 1 "" node -e 0

scenarios_for "$size" "$runs" 1
if [ "$with_scale" = 1 ]; then
  scenarios_for "$scale_size" "$scale_runs" "$scale_ref"
  if [ "$with_sqlite" = 1 ]; then
    constant_schema_for "$size" "$runs"
    constant_schema_for "$scale_size" "$scale_runs"
  fi
fi

load_end="$(cut -d' ' -f1-3 /proc/loadavg)"

# --- machine description and the table --------------------------------------------------
{
  echo "date:       $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "commit:     $(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "cpu:        $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//') ($(nproc) cores)"
  echo "memory:     $(free -h | awk '/^Mem:/ {print $2}')"
  echo "kernel:     $(uname -sr)"
  echo "disk:       $(df -h "$work" | awk 'NR==2 {print $1" "$2}') ($(findmnt -no FSTYPE -T "$work" 2>/dev/null | head -1))"
  echo "load avg:   $load_start at start, $load_end at end (1/5/15 min)"
  echo "seqmig:     $("$seqmig" --version 2>&1 | tail -1) ($seqmig)"
  echo "reference:  sequelize-cli $("$ref" --version 2>/dev/null | tail -1), sequelize $(node -p "require('$root/tests/compat/node_modules/sequelize/package.json').version"), node $(node --version)"
  echo "sqlite3:    $(sqlite3 --version | cut -d' ' -f1-2)"
  if [ "$with_pg" = 1 ]; then
    echo "postgres:   $("$pg_bin/postgres" --version) (fsync on, defaults but max_locks_per_transaction=1024), psql $(psql --version | awk '{print $3}')"
  fi
  if [ "$with_mysql" = 1 ]; then
    echo "mysql:      MariaDB $($my_admin -N -e 'SELECT VERSION()') (server defaults: innodb_flush_log_at_trx_commit=1), client $(mariadb --version | sed 's/.*Distrib \([^ ,]*\).*/\1/'); sequelize-cli with mysql2 $(node -p "require('$root/tests/compat/node_modules/mysql2/package.json').version")"
  fi
  echo "runs:       $runs per scenario ($size migrations), $scale_runs ($scale_size); fresh database per run"
} >"$work/machine.txt"

doc_args=()
[ "$write_doc" = 1 ] && doc_args=(--doc "$root/docs/BENCHMARKS.md")
note="${BENCH_NOTE:-}"
for w in "${replay_warnings[@]}"; do note="$note${note:+ }WARNING: $w."; done
python3 "$bench/report.py" "$results" --machine "$work/machine.txt" \
  --note "$note" --section "$section" --title "$title" "${doc_args[@]}"
}

main "$@"
