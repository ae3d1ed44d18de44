#!/usr/bin/env bash
# The portal under load (issue 34, item 5; docs/performance.md, "The portal under load"): ten
# dealers uploading at once through `POST /inbox` (API tokens) while `dealers watch` processes what
# arrives, and pollers reading `/receipts/` and `/reports/` with sessions, API tokens and HTTP
# Basic (bcrypt at the production cost, 12), against one `dealers serve` on this machine. Prints
# per kind of request: count, p50, p95, max (ms) and the answers by status; the targets are a p95
# under 100 ms for the GETs of sessions and tokens, whatever Basic does meanwhile.
#
#   scripts/bench-portal.sh DEALERS_BINARY [SECONDS] [WORKDIR]
#   scripts/bench-portal.sh .build/debug/dealers 60 /tmp/portal-bench
#
# PORTAL_BENCH_BASIC=0 leaves the Basic pollers out (to compare: what Basic costs the others).
# The look-up at 1 M users is measured by `dealers-bench --stage lookup` (see the same section).
# Needs python3 (standard library only).
set -euo pipefail
[ "$#" -ge 1 ] || { sed -n '2,14p' "$0"; exit 64; }
dealers=$(realpath "$1") seconds=${2:-60} work=${3:-$(mktemp -d)}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$work" && cd "$work"
rm -rf ws && "$dealers" init ws >/dev/null
dealer_list=$(seq -f '"D%g"' 0 9 | paste -sd, -)
cat > ws/dealers.json <<JSON
{"dealers": [$dealer_list], "stabilitySeconds": 0, "reportIntervalSeconds": 5}
JSON
cp "$here/../inbox/colectivos-2026-11.csv" ws/inbox/
"$dealers" run --root ws --quiet || true   # the sample has one row rejected on purpose
password=una-contrasena-de-prueba
: > tokens.txt
for i in $(seq 0 9); do
  printf '%s\n' "$password" | "$dealers" portal user add "user$i" --role admin --dealer "D$i" --email "user$i@example.es" --password-stdin --root ws >/dev/null
  printf 'D%s %s\n' "$i" "$("$dealers" portal token create "user$i" --label bench --root ws 2>/dev/null)" >> tokens.txt
done
"$dealers" watch --root ws --quiet > watch.log 2>&1 &
watch_pid=$!
"$dealers" serve --root ws --port 0 > serve.log 2>&1 &
serve_pid=$!
trap 'kill "$serve_pid" "$watch_pid" 2>/dev/null || true; wait 2>/dev/null || true' EXIT
for _ in $(seq 600); do grep -q 'portal listening on' serve.log && break; sleep 0.1; done
port=$(sed -n 's|.*portal listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' serve.log | head -1)
[ -n "$port" ] || { cat serve.log; exit 1; }
echo "dealers serve on port $port, watch beside it; $seconds s of load; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$here/portal/load.py" "$port" "$seconds" tokens.txt "$password" "$here/../inbox/usuarios-2026-11.csv"
