#!/usr/bin/env bash
# Packs the npm packages into OUTDIR: @seqmig/cli (the launcher) and
# @seqmig/cli-linux-x64-gnu (the binary, built for glibc 2.28 with cargo-zigbuild).
#
#   bash npm/pack.sh OUTDIR
#   SEQMIG_BINARY=target/debug/seqmig bash npm/pack.sh OUTDIR   # no build: use that binary
#
# The build needs cargo-zigbuild (`cargo install --locked cargo-zigbuild`) and zig
# (`pip install ziglang` is enough: cargo-zigbuild finds it through python).
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: bash npm/pack.sh OUTDIR" >&2
  exit 1
fi
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mkdir -p "$1"
out=$(cd "$1" && pwd)

# Every package carries the Cargo version, and @seqmig/cli asks for exactly it.
version=$(sed -n '/^\[workspace.package\]/,/^\[/s/^version *= *"\(.*\)"/\1/p' "$root/Cargo.toml")
if [ -z "$version" ]; then
  echo "pack.sh: no version in [workspace.package] of Cargo.toml" >&2
  exit 1
fi
node - "$root/npm" "$version" <<'EOF'
const fs = require('fs'), path = require('path');
const [dir, version] = process.argv.slice(2);
const files = [path.join(dir, 'cli/package.json')].concat(
  fs.readdirSync(path.join(dir, 'platforms')).map((p) => path.join(dir, 'platforms', p, 'package.json')));
const wrong = [];
for (const f of files) {
  const pkg = JSON.parse(fs.readFileSync(f, 'utf8'));
  if (pkg.version !== version) wrong.push(`${f}: version ${pkg.version}`);
  for (const [name, v] of Object.entries(pkg.optionalDependencies || {}))
    if (v !== version) wrong.push(`${f}: ${name} ${v}`);
}
if (wrong.length) {
  console.error(`pack.sh: the npm versions must be the Cargo version ${version}:\n  ${wrong.join('\n  ')}`);
  process.exit(1);
}
EOF

target=x86_64-unknown-linux-gnu
if [ -n "${SEQMIG_BINARY:-}" ]; then
  binary=$SEQMIG_BINARY
else
  (cd "$root" && cargo zigbuild --release --locked -p seqmig --target "$target.2.28")
  binary=${CARGO_TARGET_DIR:-$root/target}/$target/release/seqmig
fi
if [ ! -f "$binary" ]; then
  echo "pack.sh: no binary at $binary" >&2
  exit 1
fi

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp -R "$root/npm/cli" "$stage/cli"
cp -R "$root/npm/platforms/linux-x64-gnu" "$stage/linux-x64-gnu"
mkdir -p "$stage/linux-x64-gnu/bin"
cp "$binary" "$stage/linux-x64-gnu/bin/seqmig"
# The licence, as in every crate (npm/*/ hold no copy: the repository's is the one).
cp "$root/LICENSE" "$stage/cli/LICENSE"
cp "$root/LICENSE" "$stage/linux-x64-gnu/LICENSE"
chmod 755 "$stage/linux-x64-gnu/bin/seqmig" "$stage/cli/bin/seqmig.js"
for p in cli linux-x64-gnu; do
  (cd "$stage/$p" && npm pack --silent --pack-destination "$out" >/dev/null)
done
ls "$out"/seqmig-cli-"$version".tgz "$out"/seqmig-cli-linux-x64-gnu-"$version".tgz
