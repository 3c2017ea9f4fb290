#!/usr/bin/env bash
# Installs reprint from BUILD_DIR into a fresh prefix, builds the consumer
# project (tests/consumer/) against it with find_package(reprint), and runs
# it. Usage: consumer_test.sh BUILD_DIR SOURCE_DIR WORK_DIR [EXTRA_CXX_FLAGS]
set -euo pipefail
build=$(realpath "$1")
source=$(realpath "$2")
work=$(realpath -m "$3")
flags=${4:-}
rm -rf "$work"
mkdir -p "$work"
cmake --install "$build" --prefix "$work/prefix" >"$work/install.log"
# Only the package's own files: no test, bench or source path leaks into it.
if grep -rq "$source" "$work/prefix/lib/cmake/reprint"; then
  echo "the installed package names the source tree:" >&2
  grep -rn "$source" "$work/prefix/lib/cmake/reprint" >&2
  exit 1
fi
cmake -S "$source/tests/consumer" -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_PREFIX_PATH="$work/prefix" -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="$flags" \
  >"$work/configure.log"
cmake --build "$work/build" >"$work/build.log"
"$work/build/consumer" "$work/archive.db"
