"""Benchmark: what the GIL's ledger costs, one looplab against another in the same run.

    python3 bench_gil.py BEFORE/looplab AFTER/looplab [--rounds N] [PROGRAM.py ...]

Runs each program (default: the fidelity programs that compute in threads and in processes,
and one without threads) alternately under both binaries with `looplab run --trace`, so both
see the same machine load, and prints the median wall times and their ratio (after / before).
Each binary runs with its own tree's Python model, so this compares whole versions.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PROGRAMS = [os.path.join(ROOT, "tests", "fidelity", "programs", name) for name in
            ("50_gil_threads_cpu.py", "32_process_pool.py", "20_semaphore.py")]


def timed(command):
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True,
                          env=dict(os.environ, PYTHONHASHSEED="0"))
    if done.returncode != 0:
        sys.exit(f"benchmark command failed ({done.returncode}): {' '.join(command)}\n"
                 f"{done.stderr[-2000:]}")
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("programs", nargs="*", default=PROGRAMS)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    print("| program | before (median) | after (median) | after / before |")
    print("| --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as folder:
        trace = os.path.join(folder, "trace.json")
        for program in args.programs:
            times = {args.before: [], args.after: []}
            for _ in range(args.rounds):
                for binary in (args.before, args.after):
                    times[binary].append(timed([binary, "run", program, "--trace", trace]))
            before = statistics.median(times[args.before])
            after = statistics.median(times[args.after])
            print(f"| {os.path.basename(program)} | {before:.3f} s | {after:.3f} s | "
                  f"{after / before:.2f} |")


if __name__ == "__main__":
    main()
