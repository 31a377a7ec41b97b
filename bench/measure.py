#!/usr/bin/env python3
"""Times one command several times and appends the figures to a JSON-lines file.

Each run first executes an untimed setup command (a fresh database, a copy of a
migrated one), then the measured command with its output sent to a log file.
Wall time comes from a monotonic clock around the run; peak resident memory is what
`/usr/bin/time` reports ("Maximum resident set size" of `-v`, `%M`), which runs the
command for us. Not Python's own wait4(): Python starts children with vfork, and
Linux then counts the Python process' resident pages in the child's peak (a floor
of ~14 MiB under every command). A measured command that
exits non-zero is recorded as failed, with its error line, and not timed: a failed
migration is not a timing. Exit status: 0 measured, 3 the command failed (recorded),
1 the setup failed.
"""

import argparse
import json
import os
import subprocess
import sys
import time


TIME = "/usr/bin/time"


def run_once(cmd, cwd, env, log_path):
    usage_path = log_path + ".usage"
    wrapped = [TIME, "-f", "%M %U %S", "-o", usage_path, "--"] + list(cmd)
    with open(log_path, "wb") as log:
        start = time.perf_counter()
        status = subprocess.call(
            wrapped, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=log
        )
        wall = time.perf_counter() - start
    with open(usage_path, encoding="utf-8") as f:
        # A failing command gets a "Command exited with non-zero status" line first.
        rss_kb, user, sys_ = f.read().strip().splitlines()[-1].split()
    os.remove(usage_path)
    return {
        "wall": wall,
        "rss_kb": int(rss_kb),
        "user": float(user),
        "sys": float(sys_),
        "status": status,
    }


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", required=True, help="JSON-lines file to append to")
    p.add_argument("--scenario", required=True, help="row group, e.g. 'db:migrate sqlite (200)'")
    p.add_argument("--tool", required=True, help="row label, e.g. seqmig, sequelize-cli")
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--setup", default=None, help="shell command run before each run, untimed")
    p.add_argument("--cwd", default=None)
    p.add_argument("--log", required=True, help="where the last run's output goes")
    p.add_argument("--warmup", type=int, default=1, help="untimed runs first (page cache)")
    p.add_argument("--skip", default=None, help="record the scenario as not run, with this reason")
    p.add_argument("cmd", nargs=argparse.REMAINDER)
    args = p.parse_args(argv)
    cmd = args.cmd[1:] if args.cmd and args.cmd[0] == "--" else args.cmd
    if args.skip:
        record(args, cmd, [], args.skip)
        return 0
    if not cmd:
        p.error("no command to measure")
    if not os.access(TIME, os.X_OK):
        p.error(f"{TIME} is required (apt-get install time)")

    env = dict(os.environ)
    # Both tools see the same environment; these change what either prints or reads.
    for var in ("NODE_ENV", "NODE_OPTIONS", "FORCE_COLOR", "DEBUG", "CI"):
        env.pop(var, None)
    env["NO_COLOR"] = "1"

    runs = []
    for i in range(args.warmup + args.runs):
        if args.setup:
            done = subprocess.run(args.setup, shell=True, cwd=args.cwd, env=env)
            if done.returncode != 0:
                sys.stderr.write(f"bench: setup failed ({done.returncode}): {args.setup}\n")
                return 1
        r = run_once(cmd, args.cwd, env, args.log)
        if r["status"] != 0:
            with open(args.log, "rb") as f:
                tail = f.read()[-3000:].decode("utf-8", "replace")
            sys.stderr.write(
                f"bench: {args.tool} / {args.scenario} exited {r['status']}: {' '.join(cmd)}\n"
                f"--- last output ({args.log}) ---\n{tail}\n"
            )
            record(args, cmd, [], f"failed (exit {r['status']}): {error_line(tail)}")
            return 3
        if i >= args.warmup:
            runs.append(r)
        sys.stderr.write(
            f"  {args.scenario:<34} {args.tool:<24} run {i + 1 - args.warmup:>2}"
            f"{' (warm-up)' if i < args.warmup else ''}: {r['wall']:.3f}s {r['rss_kb'] / 1024:.1f} MiB\n"
        )
    record(args, cmd, runs, None)
    return 0


def record(args, cmd, runs, error):
    entry = {"scenario": args.scenario, "tool": args.tool, "cmd": cmd, "runs": runs}
    if error:
        entry["error"] = error
    with open(args.out, "a", encoding="utf-8") as f:
        f.write(json.dumps(entry) + "\n")


def error_line(output):
    """The line that says why: sequelize-cli's and seqmig's `ERROR:` line, else the last one."""
    lines = [l.strip() for l in output.splitlines() if l.strip()]
    for l in lines:
        if l.startswith("ERROR:"):
            return l[:200]
    return lines[-1][:200] if lines else "no output"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
