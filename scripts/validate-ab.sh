#!/usr/bin/env bash
# Compares `dealers validate` of two or more builds on one file, alternating them so that each
# sees the same moments of a noisy machine, and prints the minimum and median wall and user
# times and the highest peak RSS of each (docs/performance.md, "Ninth run").
#
#   scripts/validate-ab.sh RUNS FILE WORKSPACE BINARY...
#   scripts/validate-ab.sh 5 data/usuarios-1000000.csv ws-validate ./dealers-before ./dealers-after
#
# WORKSPACE is a dealers workspace (its store holds what the file refers to, e.g. the
# collectives); each run's outbox/validate/ is removed first. The as-of date is $AS_OF
# (default 2026-11-24, the bench data's). Needs GNU time (/usr/bin/time).
set -euo pipefail
[ "$#" -ge 4 ] || { sed -n '2,11p' "$0"; exit 64; }
runs=$1 file=$2 workspace=$3
shift 3
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for _ in $(seq "$runs"); do
  for binary in "$@"; do
    rm -rf "$workspace/outbox/validate"
    /usr/bin/time -a -o "$log" -f "$binary %e %U %M" \
      "$binary" validate "$file" --root "$workspace" --as-of "${AS_OF:-2026-11-24}" --quiet >/dev/null 2>&1 || true
  done
done
python3 - "$log" <<'PY'
import collections, statistics, sys
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    if line.startswith("Command "):   # GNU time's note of a non-zero exit (65: rows rejected)
        continue
    binary, wall, user, rss = line.split()
    runs[binary].append((float(wall), float(user), int(rss)))
for binary, v in runs.items():
    wall = sorted(x[0] for x in v); user = sorted(x[1] for x in v)
    print(f"{binary}: wall min {wall[0]:.2f} s, median {statistics.median(wall):.2f} s; "
          f"user min {user[0]:.2f} s, median {statistics.median(user):.2f} s; peak RSS {max(x[2] for x in v) // 1024} MiB")
PY
