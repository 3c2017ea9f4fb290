#!/usr/bin/env bash
# The README's first command: install, build, and scan the sample corpus.
#   bash scripts/demo.sh [scan options...]      e.g. --format jsonl
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
./build/reprint scan corpus/ "$@"
