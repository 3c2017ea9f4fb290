#!/usr/bin/env bash
# Installs what reprint needs from Debian 12's archive (only what is missing)
# and builds it with CMake into build/ (Release).
#
#   bash scripts/setup.sh            # library, CLI, tests and benchmarks
#
# Idempotent: a second run installs nothing and rebuilds only what changed.
# Environment: REPRINT_WERROR=ON makes warnings errors (CI sets it);
# BUILD_DIR overrides build/; REPRINT_CMAKE_ARGS adds CMake options (test.sh
# builds the sanitizer suite with them).
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/install_packages.sh
install_packages setup \
  build-essential cmake ninja-build pkg-config \
  libabsl-dev libfmt-dev libxxhash-dev libutf8proc-dev libsimdjson-dev libcli11-dev \
  libsqlite3-dev \
  libgtest-dev libgmock-dev libbenchmark-dev

build_dir=${BUILD_DIR:-build}
# shellcheck disable=SC2086  # REPRINT_CMAKE_ARGS is a list of options
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DREPRINT_WERROR="${REPRINT_WERROR:-OFF}" ${REPRINT_CMAKE_ARGS:-} >/dev/null
cmake --build "$build_dir" --parallel
