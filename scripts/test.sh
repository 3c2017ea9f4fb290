#!/usr/bin/env bash
# The README's second command: install, build with warnings as errors, and run
# every test through ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
REPRINT_WERROR=ON bash scripts/setup.sh
ctest --test-dir build --output-on-failure --parallel "$(nproc)"
