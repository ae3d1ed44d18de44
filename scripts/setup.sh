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
# Chromium drives the portal's end-to-end browser test (Tests/DealersCLITests/Portal). Without root
# it cannot be installed: the test then says so loudly and is skipped; everything else still runs.
if ! dpkg-query -W -f='${Status}' chromium 2>/dev/null | grep -q "install ok installed"; then
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
command -v swift >/dev/null || { echo "setup: swift is not on PATH (Swift 6 toolchain required)" >&2; exit 1; }
