"""Benchmark: `looplab explore` (issue 20, the schedule explorer).

    python3 bench_explore.py PATH/TO/looplab [--runs 100] [--write docs/performance.md]

Explores lessons/07_locks.py with 100 runs (two at a time on a two-core machine) and, in the
same sitting, times one plain `looplab run` of it, so the table shows what a run costs inside
the explorer against what it costs alone. Target: 100 runs within 10 s on a 2-core machine.
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import time

from performance_doc import write_block

HERE = os.path.dirname(os.path.abspath(__file__))
LESSON = os.path.join(HERE, "..", "..", "lessons", "07_locks.py")


def timed(command):
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    return time.perf_counter() - start, done


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("looplab")
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--write")
    args = parser.parse_args()
    singles = []
    for _ in range(5):
        seconds, done = timed([args.looplab, "run", LESSON])
        if done.returncode != 0:
            sys.exit(f"looplab run failed ({done.returncode}): {done.stderr[-2000:]}")
        singles.append(seconds)
    explore, done = timed([args.looplab, "explore", LESSON, "--runs", str(args.runs)])
    if done.returncode not in (0, 5):
        sys.exit(f"looplab explore failed ({done.returncode}): {done.stderr[-2000:]}")
    last = done.stdout.splitlines()[-1]
    if not re.fullmatch(rf"outcomes: \d+ distinct in {args.runs} runs", last):
        sys.exit(f"unexpected last line: {last!r}")
    single = statistics.median(singles)
    table = ("| cores | one `looplab run` (median of 5) | `looplab explore` | runs | per run | "
             "speed-up over one after another | target |\n"
             "| --- | --- | --- | --- | --- | --- | --- |\n"
             f"| {os.cpu_count()} | {single:.3f} s | {explore:.2f} s | {args.runs} | "
             f"{explore / args.runs:.3f} s | {single * args.runs / explore:.2f} | "
             f"<= 10 s: {'met' if explore <= 10 else 'missed'} |\n")
    print(table)
    print(last)
    if args.write:
        write_block(args.write, "bench_explore", table)


if __name__ == "__main__":
    main()
