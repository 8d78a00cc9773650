"""Benchmark: what confining the worker costs (issue 16, docs/security.md).

    python3 bench_confinement.py PATH/TO/looplab [--rounds N] [--write docs/performance.md]

Records tests/bench/semaphore_10k.py with `looplab run --trace`, alternately confined (the
default) and with LOOPLAB_UNCONFINED=1 (same binary, same trace pipe, no Landlock, seccomp or
audit hook), so that both see the same machine load; reports median wall times and their ratio.
Target: ratio <= 1.05. (No callgrind count here: valgrind 3.19 does not know Landlock's system
calls, so under valgrind every run is unconfined and the two counts would be the same run.)
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile

from performance_doc import write_block
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PROGRAM = os.path.join(HERE, "semaphore_10k.py")


def environment(confined):
    env = {k: v for k, v in os.environ.items() if k != "LOOPLAB_UNCONFINED"}
    if not confined:
        env["LOOPLAB_UNCONFINED"] = "1"
    return env


def timed(looplab, confined, trace):
    start = time.perf_counter()
    done = subprocess.run([looplab, "run", PROGRAM, "--trace", trace], capture_output=True,
                          text=True, env=environment(confined))
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"looplab run failed ({done.returncode}): {done.stderr[-2000:]}")
    if confined and "not confined" in done.stderr:
        sys.exit("this machine cannot confine runs: nothing to compare")
    return elapsed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("looplab")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--write")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        trace = os.path.join(folder, "t.json")
        confined, unconfined = [], []
        for _ in range(args.rounds):
            confined.append(timed(args.looplab, True, trace))
            unconfined.append(timed(args.looplab, False, trace))
        a, b = statistics.median(confined), statistics.median(unconfined)
        table = ("| rounds | confined (median) | unconfined (median) | ratio (target <= 1.05) |\n"
                 "| --- | --- | --- | --- |\n"
                 f"| {args.rounds} | {a:.3f} s | {b:.3f} s | {a / b:.3f} |\n")
    print(table)
    if args.write:
        write_block(args.write, "bench_confinement", table)


if __name__ == "__main__":
    main()
