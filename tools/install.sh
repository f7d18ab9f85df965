#!/usr/bin/env bash
# Installs the independent checkers that tests/interop and tests/*/test_*_interop.py run. Idempotent and quiet.
#   Debian: Java 17 (vnu.jar), poppler-utils (pdftotext), Node.js + npm (ical.js, vc-bitstring-status-list).
#   npm:    tools/package.json + package-lock.json (pinned) into .tools/node_modules (gitignored).
#   PyPI:   openbadgeslib, vobject, pypdf, pikepdf, pdfua come with the dev extras (`make install`).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jre-headless)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

mkdir -p .tools
if ! cmp -s tools/package-lock.json .tools/package-lock.json || [ ! -d .tools/node_modules ]; then
  cp tools/package.json tools/package-lock.json .tools/
  (cd .tools && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
echo "tools: java $(java -version 2>&1 | head -n 1 | cut -d'"' -f2), node $(node --version), $(pdftotext -v 2>&1 | head -n 1)"
