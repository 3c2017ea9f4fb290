#!/usr/bin/env bash
# Installs what the browser test of the HTML report needs: Debian's Chromium
# (headless) and playwright-core from the npm registry, into tests/browser/.
# Idempotent; scripts/test.sh runs it.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(chromium nodejs npm)
missing=()
for package in "${packages[@]}"; do
  # nodejs/npm may come from elsewhere than Debian; a working command is enough.
  case "$package" in
    nodejs) command -v node >/dev/null && continue ;;
    npm) command -v npm >/dev/null && continue ;;
  esac
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "setup_browser: installing ${missing[*]}" >&2
  sudo_cmd=()
  [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi

cd tests/browser
if [[ ! -d node_modules/playwright-core || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "setup_browser: npm ci (playwright-core)" >&2
  npm ci --no-audit --no-fund --silent
fi
