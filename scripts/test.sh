#!/usr/bin/env bash
# Sets up the machine and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
# DEALERS_SKIP_POSTGRES=1: no PostgreSQL server; the PostgreSQL backend's tests then skip.
[ "${DEALERS_SKIP_POSTGRES:-0}" = 1 ] || export DEALERS_WITH_POSTGRES=1
# Chromium for the portal's browser test.
export DEALERS_WITH_BROWSER=1
# Python helpers the tests use to make files as other programs make them (openpyxl).
export DEALERS_WITH_TEST_TOOLS=1
scripts/setup.sh
swift build --build-tests
# A throw-away PostgreSQL server for the PostgreSQL backend's tests, stopped and removed on exit.
if [ "${DEALERS_SKIP_POSTGRES:-0}" != 1 ]; then
  eval "$(scripts/test-postgres.sh start)"
  trap 'scripts/test-postgres.sh stop "$DEALERS_TEST_PG_DIR"' EXIT
  echo "test: PostgreSQL for the tests at $DEALERS_TEST_POSTGRES_URL"
fi
swift test --skip-build --parallel
