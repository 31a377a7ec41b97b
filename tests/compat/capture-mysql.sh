#!/usr/bin/env bash
# Runs the real sequelize-cli (tests/compat) on one MySQL example folder with dialect
# mysql or mariadb, SQL logging on, and prints what it printed: db:migrate, the schema
# (SHOW CREATE TABLE), db:migrate:status, db:migrate:undo:all, each with its exit code.
# The database name is replaced by <db>. This is how migrations-examples/mysql-*/
# reference-<dialect>.log were made (the reference for seqmig-sql's mysql generator).
#
# usage: MYSQL_PORT=3306 MYSQL_USER=u MYSQL_PASSWORD=p MYSQL_ROOT_SOCKET=/path/sock \
#          tests/compat/capture-mysql.sh EXAMPLE DIALECT
# The root socket account creates and drops the scratch database (unix_socket auth).
set -euo pipefail
ex=$1
dialect=$2
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bash "$root/tests/compat/install.sh"
admin() { mariadb --no-defaults -uroot --socket="$MYSQL_ROOT_SOCKET" "$@"; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/config"
cp -r "$root/migrations-examples/$ex/migrations" "$work/migrations"
# As the differential harness does: a migration may require('sequelize').
ln -s "$root/tests/compat/node_modules" "$work/node_modules"
db="cap_$(echo "$ex" | tr '-' '_')_$dialect"
# latin1, as the server the first logs were captured on defaulted to (tests/mysql.rs makes
# its databases the same), so that a log does not depend on the server's default.
admin -e "DROP DATABASE IF EXISTS \`$db\`; CREATE DATABASE \`$db\` CHARACTER SET latin1 COLLATE latin1_swedish_ci"
node -e '
const [db, dialect, port, user, password] = process.argv.slice(1);
require("fs").writeFileSync(process.argv[6], JSON.stringify({ development: {
  username: user, password, database: db, host: "127.0.0.1", port: Number(port), dialect, logging: true } }));
' "$db" "$dialect" "${MYSQL_PORT:-3306}" "$MYSQL_USER" "$MYSQL_PASSWORD" "$work/config/config.json"
cli="$root/tests/compat/node_modules/.bin/sequelize"
cd "$work"
{
  for step in db:migrate db:migrate:status db:migrate:undo:all; do
    echo "### $step"
    set +e
    "$cli" "$step" 2>&1 | grep -v '^Sequelize CLI \[Node'
    echo "### exit ${PIPESTATUS[0]}"
    set -e
    if [ "$step" = db:migrate ]; then
      echo "### schema"
      for t in $(admin -N -e "SHOW TABLES" "$db"); do
        admin -N -e "SHOW CREATE TABLE \`$t\`" "$db" | cut -f2- | sed 's/\\n/\n/g'
      done
    fi
  done
} | sed "s/$db/<db>/g"
admin -e "DROP DATABASE IF EXISTS \`$db\`"
