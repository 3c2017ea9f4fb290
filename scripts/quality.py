#!/usr/bin/env python3
"""Runs reprint on ../shared/data and on a generated archive and prints one
table of the quality figures, each with the command that produced it.

  python3 scripts/quality.py             # needs build/reprint (bash scripts/setup.sh)
  python3 scripts/quality.py --articles 5000   # a smaller generated archive, faster

Every figure comes from reprint's own `eval`; nothing here is hard-coded but
the commands.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPRINT = os.path.join(ROOT, "build", "reprint")
DATA = os.path.normpath(os.path.join(ROOT, "..", "shared", "data"))


def run(args):
    """Runs a command, returns its stdout; stops with its stderr on failure."""
    done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True)
    if done.returncode not in (0, 1):  # 1: some records skipped, still a result
        sys.exit(f"quality: {' '.join(args)} failed:\n{done.stderr}")
    return done.stdout


def find(pattern, text, what):
    match = re.search(pattern, text, re.MULTILINE)
    if not match:
        sys.exit(f"quality: could not find {what} in:\n{text}")
    return match


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20000, help="size of the generated archive")
    options = parser.parse_args()
    if not os.access(REPRINT, os.X_OK):
        sys.exit("quality: build/reprint is missing; run bash scripts/setup.sh first")
    rows = []  # (data set, measure, value, command)

    with tempfile.TemporaryDirectory() as tmp:
        # Generated archives, plain and with the news model (topics, wires,
        # boilerplate, restyled numbers and quotes, shared quotations):
        # near-duplicate pairs, and passages planted in 5% of originals.
        for news in (False, True):
            articles, truth = os.path.join(tmp, "a.jsonl"), os.path.join(tmp, "t.jsonl")
            gen = [REPRINT, "gen", "synthetic", "--articles", str(options.articles), "--seed", "1",
                   "--embed-rate", "0.05", "-o", articles, "--truth", truth] + (["--news"] if news else [])
            run(gen)
            synthetic = (f"reprint gen synthetic --articles {options.articles} --seed 1 --embed-rate 0.05"
                         + (" --news" if news else ""))
            for passages in (False, True):
                out = os.path.join(tmp, "s.jsonl")
                scan = [REPRINT, "scan", articles, "--format", "jsonl", "-o", out] + ([] if passages else ["--no-passages"])
                run(scan)
                report = run([REPRINT, "eval", "--articles", articles, "--truth", truth, out])
                label = "scan" if passages else "scan --no-passages"
                m = find(r"precision (\S+)\s+recall (\S+)\s+F1 (\S+)\s+\(TP (\d+), FP (\d+), FN (\d+)\)", report,
                         "pair scores")
                rows.append((synthetic, f"{label}: pairs at Jaccard >= 0.5, precision / recall / F1",
                             f"{m[1]} / {m[2]} / {m[3]} (TP {m[4]}, FP {m[5]}, FN {m[6]})",
                             f"reprint {label} a.jsonl; reprint eval --articles a.jsonl --truth t.jsonl"))
                if not passages:
                    for kind in ("edited", "truncated", "reordered", "indirect"):
                        m = re.search(rf"^\s+{kind}\s+(\S+)\s+\((\d+) of (\d+)\)", report, re.MULTILINE)
                        if m:
                            rows.append((synthetic, f"{label}: recall of {kind} pairs", f"{m[1]} ({m[2]} of {m[3]})",
                                         "as above"))
                    m = find(r"adjusted Rand index (\S+) .*origin accuracy (\S+) \((\d+) of (\d+)", report,
                             "clusters")
                    rows.append((synthetic, f"{label}: clusters' adjusted Rand index / origin accuracy",
                                 f"{m[1]} / {m[2]} ({m[3]} of {m[4]})", "as above"))
                else:
                    m = find(r"embedded passages found: (\S+) \((\d+) of (\d+)\); characters of the found ones "
                             r"covered: (\S+)", report, "embedded passages")
                    rows.append((synthetic, "embedded passages found / characters covered",
                                 f"{m[1]} ({m[2]} of {m[3]}) / {m[4]}", "as above"))

        # Copies with foreign text pasted in and paragraphs dropped: how close
        # reported containment is to the truth, and the longest edit left
        # inside a passage.
        articles, truth = os.path.join(tmp, "p.jsonl"), os.path.join(tmp, "p.truth")
        run([REPRINT, "gen", "synthetic", "--articles", str(options.articles), "--seed", "1", "--paste-rate", "0.5",
             "--drop-rate", "0.2", "-o", articles, "--truth", truth])
        out = os.path.join(tmp, "p.out")
        run([REPRINT, "scan", articles, "--format", "jsonl", "-o", out])
        report = run([REPRINT, "eval", "--articles", articles, "--truth", truth, out])
        synthetic = f"reprint gen synthetic --articles {options.articles} --seed 1 --paste-rate 0.5 --drop-rate 0.2"
        m = find(r"mean absolute error (\S+), largest (\S+) \((\d+) pairs.*dropped: (\S+) \((\d+) pairs\)", report,
                 "containment error")
        rows.append((synthetic, "scan: containment of copy and parent, mean absolute error (all copies; pasted or dropped)",
                     f"{m[1]} ({m[3]} pairs); {m[4]} ({m[5]} pairs)",
                     "reprint scan p.jsonl; reprint eval --articles p.jsonl --truth p.truth"))
        m = find(r"longest edit inside a passage, moved sentences aside: (\d+) words \(passages break at runs of (\d+)",
                 report, "longest edit")
        rows.append((synthetic, "scan: longest edit inside a passage (moved sentences aside) / break length",
                     f"{m[1]} / {m[2]} words", "as above"))

        # PAN text reuse corpus (Indonesian), character-level measures.
        pan = os.path.join(DATA, "pan-id")
        if os.path.isdir(pan):
            out = os.path.join(tmp, "pan.jsonl")
            run([REPRINT, "scan", os.path.join(pan, "source-documents"), os.path.join(pan, "suspicious-documents"),
                 "--format", "jsonl", "-o", out])
            report = run([REPRINT, "eval", "--pan", os.path.join(pan, "suspicious-documents"), out])
            command = "reprint scan $P/source-documents $P/suspicious-documents; reprint eval --pan $P/suspicious-documents"
            for name in ("all", "artificial", "simulated", "obfuscation none", "obfuscation pos-preserving", "obfuscation random-shuffling",
                         "obfuscation semantic-variation"):
                m = find(rf"^\s+{re.escape(name)}\s+plagdet (\S+)\s+precision (\S+)\s+recall (\S+)\s+"
                         r"granularity (\S+)", report, f"PAN '{name}'")
                rows.append(("../shared/data/pan-id", f"{name}: plagdet (precision, recall, granularity)",
                             f"{m[1]} ({m[2]}, {m[3]}, {m[4]})", command))
                command = "as above"

        # Clough-Stevenson short answers: which answers link to their source, containment by class.
        clough = os.path.join(DATA, "clough-stevenson")
        if os.path.isdir(clough):
            out = os.path.join(tmp, "clough.jsonl")
            run([REPRINT, "scan", os.path.join(clough, "texts"), "--format", "jsonl", "-o", out])
            report = run([REPRINT, "eval", "--labels", os.path.join(clough, "labels.tsv"), out])
            command = "reprint scan $C/texts; reprint eval --labels $C/labels.tsv"
            for category in ("cut", "light", "heavy", "non"):
                m = find(rf"^{category}\s+(\d+)/(\d+)\s+(\S+)\s+(\S+)", report, f"Clough '{category}'")
                rows.append(("../shared/data/clough-stevenson",
                             f"{category}: answers linked to their source / mean containment by passages / by shingles",
                             f"{m[1]}/{m[2]} / {m[3]} / {m[4]}", command))
                command = "as above"
            m = find(r"links to another document's source: (\d+)", report, "wrong links")
            rows.append(("../shared/data/clough-stevenson", "answers linked to another task's source", m[1],
                         "as above"))

    print("# Quality")
    print()
    print("Every figure below was printed by `python3 scripts/quality.py"
          + ("" if options.articles == 20000 else f" --articles {options.articles}") + "`, which runs")
    print("each command shown (P = ../shared/data/pan-id, C = ../shared/data/clough-stevenson).")
    print("Rerun it to check them; it takes about half a minute. Every scan runs with default options.")
    print()
    print("| data | measure | value | command |")
    print("|---|---|---|---|")
    for data, measure, value, command in rows:
        print(f"| {data} | {measure} | {value} | `{command}` |")


if __name__ == "__main__":
    main()
