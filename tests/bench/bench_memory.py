"""Benchmark: peak memory of recording long runs (issue 17).

    python3 bench_memory.py PATH/TO/looplab [--steps 250000,1000000] [--write docs/performance.md]

Records a program of N task steps (four tasks, each `await asyncio.sleep(0)` N/4 times) with
`looplab run --trace`, and reads the peak resident memory of the processes it started from
getrusage(RUSAGE_CHILDREN) (the largest of them: the worker that runs the program). Then reads
the trace back with `looplab export TRACE -o OUT.csv` and reports that peak too. Target: the
recording of 1,000,000 steps within 1 GB.
"""

import argparse
import os
import resource
import subprocess
import sys
import tempfile

from performance_doc import write_block
import time

PROGRAM = """import asyncio
async def worker(n):
    for i in range(n):
        await asyncio.sleep(0)
async def main():
    await asyncio.gather(*(worker({per_task}) for _ in range(4)))
asyncio.run(main())
"""


def peak_of(command):
    """(seconds, peak resident MB of the command's processes), each command in a fresh child so
    that RUSAGE_CHILDREN holds only its own processes."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True)
        elapsed = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        os.write(write, f"{done.returncode} {elapsed} {peak}".encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as f:
        status, elapsed, peak = f.read().split()
    os.waitpid(pid, 0)
    if status != "0":
        sys.exit(f"failed ({status}): {' '.join(command)}")
    return float(elapsed), float(peak)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("looplab")
    parser.add_argument("--steps", default="250000,1000000")
    parser.add_argument("--read-back-max", type=int, default=250000,
                        help="read traces back only up to this many steps (reading is the "
                             "memory-hungry side)")
    parser.add_argument("--write")
    args = parser.parse_args()
    rows = ["| task steps | recording time | recording peak | trace size | read-back peak |",
            "| --- | --- | --- | --- | --- |"]
    with tempfile.TemporaryDirectory() as folder:
        for steps in (int(s) for s in args.steps.split(",")):
            program = os.path.join(folder, "steps.py")
            with open(program, "w") as f:
                f.write(PROGRAM.format(per_task=steps // 4))
            trace = os.path.join(folder, "t.json")
            elapsed, peak = peak_of([args.looplab, "run", program, "--trace", trace])
            size = os.path.getsize(trace) / 1e6
            read_back = "not measured"
            if steps <= args.read_back_max:
                _, read_peak = peak_of([args.looplab, "export", trace, "-o",
                                        os.path.join(folder, "out.csv")])
                read_back = f"{read_peak:,.0f} MB"
            rows.append(f"| {steps:,} | {elapsed:.1f} s | {peak:,.0f} MB | {size:,.0f} MB | "
                        f"{read_back} |")
    table = "\n".join(rows) + "\n"
    print(table)
    if args.write:
        write_block(args.write, "bench_memory", table)


if __name__ == "__main__":
    main()
