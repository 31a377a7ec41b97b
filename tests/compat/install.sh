#!/usr/bin/env bash
# Installs the pinned reference tools (sequelize-cli 6.6.5, sequelize 6.37.8, pg, sqlite3,
# mysql2 3.26.1 and mariadb 2.5.6: the 3.x connector breaks Sequelize 6's mariadb dialect)
# into tests/compat/node_modules, exactly as package-lock.json says.
# Idempotent: does nothing when node_modules was installed from this very lockfile and
# sqlite3's native binding loads. Safe to call from parallel tests: one flock serialises them.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

for tool in node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "tests/compat/install.sh: '$tool' is not installed; the differential tests need Node.js 20 and npm" >&2
    exit 2
  fi
done

exec 9>"$here/.install.lock"
flock 9

stamp="$here/node_modules/.seqmig-lock-sha256"
want="$(sha256sum package-lock.json | cut -d' ' -f1)"

installed_ok() {
  [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] &&
    node -e "require('sqlite3'); require('pg'); require('sequelize'); require('mysql2'); require('mariadb')" >/dev/null 2>&1 &&
    [ -x node_modules/.bin/sequelize ]
}

if installed_ok; then
  exit 0
fi

echo "tests/compat/install.sh: installing the pinned sequelize-cli toolchain (sqlite3 builds from source, a few minutes)" >&2
# sqlite3 ships no prebuilt binary reachable from here; build it against the local Node
# headers (node-gyp would otherwise try to download them, which cannot work offline).
nodedir="${npm_config_nodedir:-}"
if [ -z "$nodedir" ] && [ -f /usr/include/node/node_version.h ]; then
  nodedir=/usr
fi
if [ -z "$nodedir" ]; then
  echo "tests/compat/install.sh: no Node.js headers in /usr/include/node (Debian: apt-get install libnode-dev," >&2
  echo "or set npm_config_nodedir); sqlite3 must be built from source against them" >&2
  exit 2
fi
env npm_config_nodedir="$nodedir" npm_config_build_from_source=true \
  npm ci --no-audit --no-fund --loglevel=error >&2

node -e "require('sqlite3'); require('pg'); require('sequelize'); require('mysql2'); require('mariadb')"
echo "$want" >"$stamp"
echo "tests/compat/install.sh: done" >&2
