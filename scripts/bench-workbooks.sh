#!/usr/bin/env bash
# Workbooks against the Rust readers (issue 27; docs/performance.md, "Workbooks"): the shared
# generator's users file as CSV, as an .xlsx written by xlsxwriter and as an .ods, read by
# `dealers validate --no-files` and by fastexcel→polars and python-calamine, alternating every
# command in each round so that all of them see the same moments of the machine.
#
#   scripts/bench-workbooks.sh ROWS ROUNDS DEALERS_BINARY [WORKDIR]
#   scripts/bench-workbooks.sh 200000 2 .build/release/dealers /tmp/wb
#
# Prints one line per command and round: wall seconds, user seconds, peak RSS (KiB), and a
# summary (best wall, highest peak) per command. Needs GNU time, python3 with xlsxwriter,
# fastexcel, polars and python-calamine (`pip install xlsxwriter fastexcel polars python-calamine`).
set -euo pipefail
[ "$#" -ge 3 ] || { sed -n '2,12p' "$0"; exit 64; }
rows=$1 rounds=$2 dealers=$(realpath "$3") work=${4:-$(mktemp -d)}
here=$(cd "$(dirname "$0")" && pwd)
shared=${DEALERS_SHARED:-$here/../../shared}
mkdir -p "$work" && cd "$work"
csv=usuarios-$rows.csv
[ -f "$csv" ] || python3 "$shared/bench/gen_es_excel.py" "$rows" "$csv" 2
[ -f "usuarios-$rows.xlsx" ] && [ -f "usuarios-$rows.ods" ] || python3 "$here/workbooks/make_workbooks.py" "$csv" .
if [ ! -d ws ]; then
  "$dealers" init ws >/dev/null
  cp "$here/../inbox/colectivos-2026-11.csv" ws/inbox/
  "$dealers" run --root ws --as-of 2026-11-24 --quiet || true   # the sample has one row rejected on purpose
fi
log=$work/times.log
: > "$log"
commands=(
  "dealers-csv|$dealers validate $csv --root ws --as-of 2026-11-24 --no-files --quiet"
  "dealers-xlsx|$dealers validate usuarios-$rows.xlsx --root ws --as-of 2026-11-24 --no-files --quiet"
  "dealers-ods|$dealers validate usuarios-$rows.ods --root ws --as-of 2026-11-24 --no-files --quiet"
  "fastexcel-polars|python3 $here/workbooks/peer_readers.py fastexcel usuarios-$rows.xlsx"
  "python-calamine|python3 $here/workbooks/peer_readers.py calamine usuarios-$rows.xlsx"
)
for round in $(seq "$rounds"); do
  # Odd rounds in order, even rounds reversed.
  order=("${commands[@]}")
  if [ $((round % 2)) = 0 ]; then order=(); for ((i=${#commands[@]}-1; i>=0; i--)); do order+=("${commands[$i]}"); done; fi
  for entry in "${order[@]}"; do
    name=${entry%%|*} command=${entry#*|}
    /usr/bin/time -a -o "$log" -f "$name %e %U %M" $command >/dev/null 2>&1 || true
    tail -1 "$log" | awk -v r="$round" -v l="$(cut -d' ' -f1 /proc/loadavg)" '{printf "round %s  %-17s %6.2f s wall  %6.2f s user  %6.1f MiB  (load %s)\n", r, $1, $2, $3, $4/1024, l}'
  done
done
python3 - "$log" <<'PY'
import collections, sys
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    parts = line.split()
    if len(parts) == 4 and not line.startswith("Command"):
        runs[parts[0]].append((float(parts[1]), float(parts[2]), int(parts[3])))
print("| command | best wall s | all wall s | peak MiB |\n|---|---:|---|---:|")
for name, values in runs.items():
    walls = [w for w, _, _ in values]
    print(f"| {name} | {min(walls):.2f} | {', '.join(f'{w:.2f}' for w in walls)} | {max(m for _, _, m in values) / 1024:.0f} |")
PY
