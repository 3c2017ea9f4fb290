#!/usr/bin/env bash
# The README's second command: install, build with warnings as errors, and run
# every test through ctest (the HTML report's in headless Chromium too), then
# the whole suite again in a build with AddressSanitizer and UBSan.
set -euo pipefail
cd "$(dirname "$0")/.."
REPRINT_WERROR=ON bash scripts/setup.sh
bash scripts/setup_browser.sh  # Chromium and playwright-core for the HTML report's test
ctest --test-dir build --output-on-failure --parallel "$(nproc)"

# The same suite again under AddressSanitizer and UndefinedBehaviorSanitizer
# (benches left out): any report fails it.
REPRINT_WERROR=ON BUILD_DIR=build-asan \
  REPRINT_CMAKE_ARGS="-DCMAKE_BUILD_TYPE=RelWithDebInfo -DREPRINT_SANITIZERS=ON -DREPRINT_BUILD_BENCHMARKS=OFF" \
  bash scripts/setup.sh
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build-asan --output-on-failure --parallel "$(nproc)"
