#!/usr/bin/env bash
# Installs what the build and the tests need, from Debian packages (and npm for
# the browser tests), only when something is missing. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages: compiler and build tools, the libraries portsec links,
# and the tools its tests and benchmarks drive.
PKGS=(build-essential clang libclang-rt-14-dev cmake ninja-build pkg-config
      libsqlite3-dev sqlite3 libjansson-dev libmicrohttpd-dev libsodium-dev
      libcmocka-dev gpsd-clients wrk curl bc jq
      chromium)

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "bootstrap: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Browser-side packages (installed only when web/package.json exists).
if [ -f web/package.json ] && [ ! -d web/node_modules ]; then
  if [ -x scripts/bootstrap-web.sh ]; then scripts/bootstrap-web.sh; fi
fi
exit 0
