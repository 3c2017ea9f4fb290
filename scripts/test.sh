#!/usr/bin/env bash
# The README's second command: install, build with warnings as errors, and run
# every test through ctest (the HTML report's in headless Chromium too).
set -euo pipefail
cd "$(dirname "$0")/.."
REPRINT_WERROR=ON bash scripts/setup.sh
bash scripts/setup_browser.sh  # Chromium and playwright-core for the HTML report's test
ctest --test-dir build --output-on-failure --parallel "$(nproc)"
