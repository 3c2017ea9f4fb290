#!/usr/bin/env bash
# Writes every output reprint makes on a fixed set of inputs into one
# directory, so that two builds can be compared byte for byte:
#
#   bash scripts/snapshot_outputs.sh build/reprint /tmp/before
#   ... change the code, rebuild ...
#   bash scripts/snapshot_outputs.sh build/reprint /tmp/after
#   diff -r /tmp/before /tmp/after && echo identical
#
# Inputs: corpus/, two synthetic archives (the plain one and one with pasted
# and dropped text), the news model, and the shared evaluation data. Each is
# scanned on 1 and 2 threads, with passages and without, in every format;
# an archive is built from the corpus in two batches and asked every query;
# eval scores what has truth.
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: $0 REPRINT_BINARY OUTPUT_DIR" >&2
  exit 2
fi
bin=$(realpath "$1")
out=$2
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${REPRINT_SHARED:-$root/../shared}
pan=$shared/data/pan-id
clough=$shared/data/clough-stevenson

rm -rf "$out"
mkdir -p "$out"
out=$(realpath "$out")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Runs reprint, keeping stdout, stderr and the exit status under $out/NAME.
run() {
  local name=$1
  shift
  local status=0
  "$bin" "$@" >"$out/$name.out" 2>"$out/$name.err" || status=$?
  echo "$status" >"$out/$name.status"
}

"$bin" gen synthetic --articles 3000 --seed 1 -o "$work/synthetic.jsonl" \
  --truth "$work/synthetic.truth"
"$bin" gen synthetic --articles 3000 --seed 2 --paste-rate 0.5 --drop-rate 0.2 \
  -o "$work/pasted.jsonl" --truth "$work/pasted.truth"
"$bin" gen synthetic --news --articles 2000 --seed 3 -o "$work/news.jsonl" \
  --truth "$work/news.truth"
cp "$work"/*.jsonl "$work"/*.truth "$out/"

cd "$root"
for threads in 1 2; do
  for mode in passages no-passages; do
    tag=t$threads-$mode
    for format in text jsonl html; do
      run "corpus-$tag.$format" scan corpus/ --threads "$threads" "--$mode" --format "$format"
    done
    for input in synthetic pasted news; do
      run "$input-$tag.jsonl" scan "$work/$input.jsonl" --threads "$threads" "--$mode" \
        --format jsonl
    done
    if [[ -d $pan ]]; then
      run "pan-$tag.jsonl" scan "$pan/source-documents" "$pan/suspicious-documents" \
        --threads "$threads" "--$mode" --format jsonl
    fi
    if [[ -d $clough ]]; then
      run "clough-$tag.jsonl" scan "$clough/texts" --threads "$threads" "--$mode" --format jsonl
    fi
  done
done

for input in synthetic pasted news; do
  run "eval-$input" eval "$out/$input-t2-passages.jsonl.out" --articles "$work/$input.jsonl" \
    --truth "$work/$input.truth"
done
if [[ -d $pan ]]; then
  run eval-pan eval "$out/pan-t2-passages.jsonl.out" --pan "$pan/suspicious-documents"
fi
if [[ -d $clough ]]; then
  run eval-clough eval "$out/clough-t2-passages.jsonl.out" --labels "$clough/labels.tsv"
fi

# The archive: two batches, so the second finds its pairs against stored
# articles, then every query in every format.
db=$work/archive.db
run add-seeds add --db "$db" --threads 2 corpus/seeds.jsonl
run add-derived add --db "$db" --threads 2 corpus/derived.jsonl
run add-synthetic add --db "$db" --threads 2 --batch-size 700 "$work/synthetic.jsonl"
for format in text jsonl html; do
  run "query.$format" query --db "$db" --format "$format" "$work/pasted.jsonl"
  run "clusters.$format" clusters --db "$db" --format "$format"
  run "audit.$format" audit --db "$db" --format "$format"
  first=$(head -1 corpus/derived.jsonl | sed 's/.*"id":"\([^"]*\)".*/\1/')
  run "show.$format" show --db "$db" --format "$format" "$first"
done
for format in text jsonl; do
  run "stats.$format" stats --db "$db" --format "$format"
done
run add-pasted add --db "$work/pasted.db" --threads 2 "$work/pasted.jsonl"
run eval-archive eval --db "$work/pasted.db" --articles "$work/pasted.jsonl" --truth "$work/pasted.truth"

# Paths of the temporary directory appear in messages; name them alike.
sed -i "s|$work|WORK|g" "$out"/*
echo "wrote $(ls "$out" | wc -l) files to $out"
