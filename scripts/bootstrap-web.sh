#!/usr/bin/env bash
# Installs the dashboard's npm packages (web/package.json, locked by
# web/package-lock.json) and vendors the world map's shapes into web/vendor/
# so that the server never fetches anything at run time. Called by
# scripts/bootstrap.sh when web/node_modules is missing; safe to run again.
set -euo pipefail
cd "$(dirname "$0")/../web"

if [ ! -d node_modules/world-atlas ] || [ ! -d node_modules/playwright-core ]; then
  if ! command -v npm >/dev/null; then
    echo "bootstrap-web: npm is not installed; the dashboard's map will be missing" >&2
    exit 0
  fi
  echo "bootstrap-web: npm ci in web/"
  npm ci --no-audit --no-fund --loglevel=error
fi

# Natural Earth country shapes at 1:50m as TopoJSON (world-atlas, ISC
# licence; Natural Earth data is public domain). 1:50m rather than 1:110m
# because the small island states the program deals with (Seychelles,
# Mauritius, Comoros) are missing at 1:110m.
mkdir -p vendor
cp node_modules/world-atlas/countries-50m.json vendor/countries-50m.json
{
  echo "vendor/countries-50m.json: world-atlas $(node -p 'require("./node_modules/world-atlas/package.json").version' 2>/dev/null || echo '?')"
  echo "Made with Natural Earth (public domain); packaged by world-atlas under the ISC licence:"
  echo
  cat node_modules/world-atlas/LICENSE
} > vendor/PROVENANCE.txt
echo "bootstrap-web: vendored the world map into web/vendor/"
