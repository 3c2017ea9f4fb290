#!/usr/bin/env python3
"""Scores `reprint scan --passages --format jsonl` output on the
Clough-Stevenson corpus: which answers are linked to their own task's source
with passages, mean containment of each class (cut, light, heavy, non), and
links to a wrong source.

  reprint scan ../shared/data/clough-stevenson/texts --passages --format jsonl -o out.jsonl
  python3 scripts/clough_eval.py ../shared/data/clough-stevenson/labels.tsv out.jsonl
"""
import collections
import json
import sys


def main(labels_path, output_path):
    labels = {}
    with open(labels_path) as f:
        for line in f:
            row = line.rstrip("\n").split("\t")
            if row[0] != "file":
                labels[row[0]] = (row[4], row[8])  # category, source file
    linked, wrong = {}, []
    with open(output_path) as f:
        for line in f:
            record = json.loads(line)
            if record["type"] != "pair":
                continue
            a, b = record["a"].split("/")[-1], record["b"].split("/")[-1]
            for answer, source, containment in ((a, b, record["containment_a_in_b"]),
                                                (b, a, record["containment_b_in_a"])):
                if answer in labels and source.startswith("orig_") and record["passages"]:
                    if labels[answer][1] == source:
                        linked[answer] = containment
                    else:
                        wrong.append((answer, source))
    print("class  linked/answers  mean containment of the answer in its source")
    for category in ("cut", "light", "heavy", "non"):
        answers = [f for f, (c, _) in labels.items() if c == category]
        found = [f for f in answers if f in linked]
        mean = sum(linked.get(f, 0.0) for f in answers) / len(answers)
        print(f"{category:<6} {len(found):>3}/{len(answers):<3}        {mean:.3f}"
              + (f"   not linked: {', '.join(sorted(set(answers) - set(found)))}"
                 if category in ("cut", "light") and len(found) < len(answers) else "")
              + (f"   linked: {', '.join(sorted(found))}" if category == "non" and found else ""))
    print(f"links to another task's source: {len(wrong)}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
