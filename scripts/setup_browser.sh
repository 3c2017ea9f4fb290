#!/usr/bin/env bash
# Installs what the browser test of the HTML report needs: Debian's Chromium
# (headless) and playwright-core from the npm registry, into tests/browser/.
# Idempotent; scripts/test.sh runs it.
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/install_packages.sh
packages=(chromium)
# Node.js and npm may come from elsewhere than Debian: working commands are enough.
command -v node >/dev/null || packages+=(nodejs)
command -v npm >/dev/null || packages+=(npm)
install_packages setup_browser "${packages[@]}"

cd tests/browser
if [[ ! -d node_modules/playwright-core || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "setup_browser: npm ci (playwright-core)" >&2
  npm ci --no-audit --no-fund --silent
fi
