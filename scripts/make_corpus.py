#!/usr/bin/env python3
"""Rebuilds corpus/ from ../shared/seeds: the five seed articles with their
metadata (corpus/seeds.jsonl), then the derived articles made by the
project's own seeded generator (`reprint gen demo`).

Run from the project root after building: python3 scripts/make_corpus.py
The output is committed; rerunning it gives byte-identical files.
"""
import json
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"

# Metadata only where the article itself names it (seeds/README.md).
METADATA = [
    ("000_6d87f616e4561fec.txt", {
        "id": "no-hope-left",
        "title": "Pakistan Declares \u201cNo Hope Left\u201d From Taliban as Diplomatic Efforts Collapse"}),
    ("001_1e39b4b654d8142d.txt", {
        "id": "tribune-done-with-taliban", "source": "The Express Tribune",
        "published": "2025-11-10", "title": "Pakistan done with Afghan Taliban?",
        "author": "Kamran Yousaf"}),
    ("002_5aa14092b595d896.txt", {"id": "kabul-wall-of-indifference"}),
    ("003_9838ffaaf75c32bc.txt", {
        "id": "webdesk-asif-ragtag", "source": "Web Desk", "published": "2025-11-26",
        "title": "Khawaja Asif says trusting Afghan Taliban no longer an option"}),
    ("004_ba9f202e93520aa6.txt", {
        "id": "afzal-talks-deadlock", "published": "2025-10-27",
        "title": "Pakistan-Afghan Taliban Talks: Deadlock, Distrust, and the Urgent Need for Action",
        "author": "Muhammad Afzal"}),
]


def main():
    seeds_jsonl = ROOT / "corpus" / "seeds.jsonl"
    with open(seeds_jsonl, "w", encoding="utf-8", newline="\n") as out:
        for name, meta in METADATA:
            record = dict(meta)
            record["text"] = (SEEDS / name).read_text(encoding="utf-8")
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    reprint = ROOT / "build" / "reprint"
    subprocess.run([str(reprint), "gen", "demo", str(seeds_jsonl), "--seed", "7",
                    "-o", str(ROOT / "corpus" / "derived.jsonl"),
                    "--truth", str(ROOT / "corpus" / "derived.truth")], check=True)


if __name__ == "__main__":
    sys.exit(main())
