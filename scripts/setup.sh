#!/usr/bin/env bash
# Installs the Debian packages dealers builds against, when they are missing. Idempotent.
set -euo pipefail
needed=(libcsv-dev libxlsxwriter-dev libhpdf-dev fonts-dejavu-core zlib1g-dev pkg-config)
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
# Chromium drives the portal's end-to-end browser test (Tests/DealersIntegrationTests/Portal), when
# DEALERS_WITH_BROWSER=1, as scripts/test.sh asks. Without root it cannot be installed: the test
# then says so loudly and is skipped; everything else still runs.
if [ "${DEALERS_WITH_BROWSER:-0}" = 1 ] && ! dpkg-query -W -f='${Status}' chromium 2>/dev/null | grep -q "install ok installed"; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "setup: installing chromium (for the portal's browser test)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium
  else
    echo "setup: WARNING: chromium is missing and this is not root: the portal's browser test will be SKIPPED" >&2
    echo "setup: run as root, or ask an administrator to run: apt-get install chromium" >&2
  fi
fi
# The PostgreSQL server (Debian's postgresql, 15 on bookworm) when DEALERS_WITH_POSTGRES=1, as
# scripts/test.sh asks: the PostgreSQL backend's tests run on a throw-away cluster of their own
# (scripts/test-postgres.sh); the package's own "main" cluster is not used.
if [ "${DEALERS_WITH_POSTGRES:-0}" = 1 ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: PostgreSQL is missing; run as root, or ask an administrator to run: apt-get install postgresql" >&2
    exit 1
  fi
  echo "setup: installing postgresql"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql
fi
# openpyxl makes workbooks as office programs write them (no empty cells) for the workbook tests,
# when DEALERS_WITH_TEST_TOOLS=1 (the full suite, as scripts/test.sh asks); without it those tests
# say so and skip.
if [ "${DEALERS_WITH_TEST_TOOLS:-0}" = 1 ] && ! python3 -c 'import openpyxl' 2>/dev/null; then
  echo "setup: installing openpyxl (for the workbook tests)"
  python3 -m pip install -q openpyxl 2>/dev/null || python3 -m pip install -q --break-system-packages openpyxl \
    || echo "setup: WARNING: could not install openpyxl: the openpyxl workbook test will be SKIPPED" >&2
fi
# axe-core (the axe.min.js that axe-playwright-python bundles; its Python side and Playwright are
# not needed, hence --no-deps) checks the portal's pages for accessibility in the browser test,
# when DEALERS_WITH_TEST_TOOLS=1; without it that check says so and skips.
if [ "${DEALERS_WITH_TEST_TOOLS:-0}" = 1 ] && ! python3 -c 'import importlib.util, sys; sys.exit(importlib.util.find_spec("axe_playwright_python") is None)' 2>/dev/null; then
  echo "setup: installing axe-core (axe-playwright-python, for the portal's accessibility check)"
  python3 -m pip install -q --no-deps axe-playwright-python==0.1.8 2>/dev/null \
    || python3 -m pip install -q --no-deps --break-system-packages axe-playwright-python==0.1.8 \
    || echo "setup: WARNING: could not install axe-core: the portal's accessibility check will be SKIPPED" >&2
fi
# xmllint (libxml2-utils) and sepaxml's bundled pain.008 schemas validate every direct-debit file
# the SEPA tests make; pdftotext (poppler-utils) reads back the documents to sign; faketime (and
# its libfaketime) starts the PostgreSQL fault test's workers with a clock 5 minutes off. Without
# them those checks say so and skip.
if [ "${DEALERS_WITH_TEST_TOOLS:-0}" = 1 ]; then
  for tool in xmllint:libxml2-utils pdftotext:poppler-utils faketime:faketime; do
    if ! command -v "${tool%%:*}" >/dev/null; then
      if [ "$(id -u)" -eq 0 ]; then
        export DEBIAN_FRONTEND=noninteractive
        apt-get install -y -qq "${tool##*:}" || echo "setup: WARNING: could not install ${tool##*:}" >&2
      else
        echo "setup: WARNING: ${tool%%:*} is missing (apt-get install ${tool##*:}): its checks will be SKIPPED" >&2
      fi
    fi
  done
  if ! python3 -c 'import sepaxml' 2>/dev/null; then
    echo "setup: installing sepaxml (its pain.008 schemas, for the SEPA tests)"
    python3 -m pip install -q sepaxml 2>/dev/null || python3 -m pip install -q --break-system-packages sepaxml \
      || echo "setup: WARNING: could not install sepaxml: pain.008 schema validation will be SKIPPED" >&2
  fi
fi
command -v swift >/dev/null || { echo "setup: swift is not on PATH (Swift 6 toolchain required)" >&2; exit 1; }
