#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) into build-fuzz/ and
# runs each for SECONDS (default 600), two at a time, from its seed corpus.
# A crash stops that target; its input lands in fuzz/regressions/<target>/,
# where ctest replays it forever after (fuzz_<target>_regression).
#
#   bash scripts/fuzz.sh                 # every target, 10 minutes each
#   bash scripts/fuzz.sh 60 align        # one target, one minute
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
targets=("$@")
((${#targets[@]})) || targets=(reader tokenize align archive)

source scripts/install_packages.sh
install_packages fuzz clang libclang-rt-14-dev cmake ninja-build pkg-config \
  libabsl-dev libfmt-dev libxxhash-dev libutf8proc-dev libsimdjson-dev libcli11-dev libsqlite3-dev

CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DREPRINT_FUZZ=ON -DREPRINT_BUILD_TESTS=OFF -DREPRINT_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build build-fuzz --parallel --target reprint "${targets[@]/#/fuzz_}"

# The archive target starts from real archives, made here.
mkdir -p build-fuzz/seeds/archive
for input in tests/fixtures/small.jsonl corpus/; do
  name=$(basename "$input" .jsonl)
  rm -f "build-fuzz/seeds/archive/$name.db"*
  build-fuzz/reprint add "$input" --db "build-fuzz/seeds/archive/$name.db" --passages >/dev/null 2>&1
done

run() {
  local target=$1 work=build-fuzz/corpus/$1
  mkdir -p "$work" "fuzz/regressions/$target"
  local seeds=() dir
  for dir in "fuzz/corpus/$target" "build-fuzz/seeds/$target" "fuzz/regressions/$target"; do
    [[ -d $dir ]] && seeds+=("$dir")
  done
  # Archives are files of 16 KiB pages: they need room to stay archives.
  local max_len=65536
  [[ $target == archive ]] && max_len=1048576
  echo "fuzz: $target for ${seconds}s" >&2
  "build-fuzz/fuzz/fuzz_$target" "$work" "${seeds[@]}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 \
    -max_len="$max_len" -print_final_stats=1 -artifact_prefix="fuzz/regressions/$target/" \
    >"build-fuzz/$target.log" 2>&1 || echo "fuzz: $target FOUND A PROBLEM, see build-fuzz/$target.log" >&2
  echo "fuzz: $target: $(grep -E 'DONE|cov:' "build-fuzz/$target.log" | tail -1)" >&2
}
for ((i = 0; i < ${#targets[@]}; i += 2)); do
  run "${targets[i]}" &
  if ((i + 1 < ${#targets[@]})); then run "${targets[i + 1]}" & fi
  wait
done
