#!/usr/bin/env bash
# Installs the Debian packages dealers builds against, when they are missing. Idempotent.
set -euo pipefail
needed=(libcsv-dev libxlsxwriter-dev zlib1g-dev pkg-config)
missing=()
for pkg in "${needed[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: system packages present (${needed[*]})"
else
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: missing Debian packages: ${missing[*]}" >&2
    echo "setup: run as root, or ask an administrator to run: apt-get install ${missing[*]}" >&2
    exit 1
  fi
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}"
fi
# The PostgreSQL 15 server (Debian's postgresql), for the PostgreSQL backend's tests:
# scripts/test.sh starts a throw-away cluster of its own (scripts/test-postgres.sh). The package's
# own "main" cluster is not needed; DEALERS_SKIP_POSTGRES=1 skips this (those tests then skip).
if [ "${DEALERS_SKIP_POSTGRES:-0}" != 1 ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: PostgreSQL is missing; run as root, or ask an administrator to run: apt-get install postgresql" >&2
    exit 1
  fi
  echo "setup: installing postgresql"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql
fi
command -v swift >/dev/null || { echo "setup: swift is not on PATH (Swift 6 toolchain required)" >&2; exit 1; }
