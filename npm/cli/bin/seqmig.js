#!/usr/bin/env node
// Runs the seqmig binary of this platform's package (an optionalDependency of
// @seqmig/cli, picked by npm through its os/cpu/libc fields) with the same arguments,
// standard streams, exit code and signals. No install script: the binary comes in the
// package, so --ignore-scripts, pnpm, Yarn and offline mirrors all work.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn } = require('child_process');

function fail(line) {
  process.stderr.write(`seqmig: ${line}\n`);
  process.exit(1);
}

function isMusl() {
  // As detect-libc does: ldd names its C library; the process report only as a fallback,
  // since it costs tens of milliseconds.
  try {
    const ldd = fs.readFileSync('/usr/bin/ldd', 'latin1');
    if (ldd.includes('musl')) return true;
    if (ldd.includes('GNU C Library') || ldd.includes('GLIBC')) return false;
  } catch (_) {
    // no ldd: ask the process report
  }
  const report = process.report && process.report.getReport();
  return !(report && report.header && report.header.glibcVersionRuntime);
}

// The packages built so far, by platform key; docs/INSTALL.md says what the others need.
const PACKAGES = {
  'linux-x64-gnu': '@seqmig/cli-linux-x64-gnu',
  'linux-arm64-gnu': '@seqmig/cli-linux-arm64-gnu',
  'linux-x64-musl': '@seqmig/cli-linux-x64-musl',
  'darwin-arm64': '@seqmig/cli-darwin-arm64',
  'darwin-x64': '@seqmig/cli-darwin-x64',
  'win32-x64': '@seqmig/cli-win32-x64',
};

const key =
  process.platform === 'linux'
    ? `linux-${process.arch}-${isMusl() ? 'musl' : 'gnu'}`
    : `${process.platform}-${process.arch}`;
const pkg = PACKAGES[key];
if (!pkg) {
  fail(
    `no npm package of seqmig for ${key}; build it from source: cargo install --locked seqmig`,
  );
}

let dir;
try {
  dir = path.dirname(require.resolve(`${pkg}/package.json`));
} catch (_) {
  fail(
    `the package ${pkg} (this platform's binary) is not installed; install it: npm install ${pkg} (optional dependencies must not be omitted)`,
  );
}
const bin = path.join(dir, 'bin', process.platform === 'win32' ? 'seqmig.exe' : 'seqmig');

// A binary that cannot run is said in one line here: spawned, a file that is no
// executable would be handed to /bin/sh by execvp and fail in sh's words instead.
function checkBinary() {
  let fd;
  try {
    fd = fs.openSync(bin, 'r');
    const head = Buffer.alloc(64);
    const n = fs.readSync(fd, head, 0, 64, 0);
    const size = fs.fstatSync(fd).size;
    const magic = head.readUInt32BE(0);
    if (process.platform === 'win32') return n >= 2 && head[0] === 0x4d && head[1] === 0x5a;
    if (process.platform === 'darwin') return n >= 4 && (magic === 0xcffaedfe || magic === 0xcafebabe);
    if (n < 64 || magic !== 0x7f454c46 || head[4] !== 2 || head[5] !== 1) return false;
    // The section headers sit at the end of the file: a truncated copy lacks them.
    const shoff = Number(head.readBigUInt64LE(40));
    const shentsize = head.readUInt16LE(58);
    const shnum = head.readUInt16LE(60);
    return shoff + shentsize * shnum <= size;
  } catch (e) {
    fail(`cannot read ${bin} (${e.code || e.message}): reinstall ${pkg}`);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
if (!checkBinary()) {
  fail(`${bin} is not a valid seqmig binary for ${key} (corrupted?): reinstall ${pkg}`);
}

const child = spawn(bin, process.argv.slice(2), { stdio: 'inherit', windowsHide: true });
const forwarded = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2'].filter(
  (s) => process.platform !== 'win32' || s === 'SIGINT',
);
const forward = (signal) => child.kill(signal);
for (const s of forwarded) process.on(s, forward);

child.on('error', (e) => {
  const why = e.code === 'EACCES' ? 'is not executable' : `cannot be run (${e.code || e.message})`;
  fail(`${bin} ${why}: reinstall ${pkg}`);
});
child.on('exit', (code, signal) => {
  for (const s of forwarded) process.off(s, forward);
  if (signal) {
    // Die of the same signal, so the shell sees what the binary saw.
    process.kill(process.pid, signal);
    // Should the signal not end the process (ignored, or handled), exit as a shell would.
    setTimeout(() => process.exit(128 + (os.constants.signals[signal] || 0)), 200);
    return;
  }
  process.exit(code);
});
