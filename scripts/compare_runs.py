#!/usr/bin/env python3
"""Runs commands in turn, N rounds, and prints each one's best wall and CPU time.

The machine is shared and noisy: interleaving the commands exposes them to
the same noise, and the best of N rounds is the least disturbed run. Ratios
are against the first command.

  python3 scripts/compare_runs.py 12 \\
      'build/reprint scan a.jsonl --format jsonl -o /dev/null' \\
      'build/reprint scan a.jsonl --passages --format jsonl -o /dev/null'
"""
import os
import subprocess
import sys
import time


def main():
    if len(sys.argv) < 3 or not sys.argv[1].isdigit():
        sys.exit("usage: compare_runs.py ROUNDS COMMAND [COMMAND...]")
    rounds, commands = int(sys.argv[1]), sys.argv[2:]
    best = {command: (float("inf"), float("inf")) for command in commands}
    for _ in range(rounds):
        for command in commands:
            start = time.perf_counter()
            process = subprocess.Popen(command, shell=True, stdout=subprocess.DEVNULL)
            _, status, usage = os.wait4(process.pid, 0)
            wall = time.perf_counter() - start
            if status != 0:
                sys.exit(f"failed ({status}): {command}")
            cpu = usage.ru_utime + usage.ru_stime
            best[command] = (min(best[command][0], wall), min(best[command][1], cpu))
    base_wall, base_cpu = best[commands[0]]
    print(f"best of {rounds} rounds, ratios against the first command")
    for command in commands:
        wall, cpu = best[command]
        print(f"wall {wall:.3f} s (x{wall / base_wall:.2f})  cpu {cpu:.3f} s (x{cpu / base_cpu:.2f})  {command}")


if __name__ == "__main__":
    main()
