"""Benchmark: peak memory of recording long runs (issue 17).

    python3 bench_memory.py PATH/TO/looplab [--steps 250000,1000000] [--write docs/performance.md]

Records a program of N task steps (four tasks, each `await asyncio.sleep(0)` N/4 times) with
`looplab run --trace`, and reads the peak resident memory of the processes it started from
getrusage(RUSAGE_CHILDREN) (the largest of them: the worker that runs the program). Then reads
the trace back with `looplab export TRACE -o OUT.csv` and reports that peak too, and opens the
program in the window (offscreen, `looplab PROGRAM --step N --screenshot`: record, load, build
every view, render the last step) and reports the window's peak. Targets: recording and the
window, 1,000,000 steps within 1 GB each.
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


def window_environment(folder):
    """Offscreen, with settings and data folders of its own (no recent files, no autosave)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        env[name] = os.path.join(folder, name.lower())
        os.makedirs(env[name], exist_ok=True)
    return env


def peak_of(command, env=None):
    """(seconds, peak resident MB of the command's processes), each command in a fresh child so
    that RUSAGE_CHILDREN holds only its own processes."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, env=env)
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
    parser.add_argument("--read-back-max", type=int, default=1000000,
                        help="read traces back only up to this many steps (reading is the "
                             "memory-hungry side)")
    parser.add_argument("--write")
    args = parser.parse_args()
    rows = ["| task steps | recording time | recording peak | trace size | read-back peak | "
            "window: open at the last step | window peak |",
            "| --- | --- | --- | --- | --- | --- | --- |"]
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
            window_time, window_peak = peak_of(
                [args.looplab, program, "--step", str(10 * steps), "--screenshot",
                 os.path.join(folder, "last.png"), "--size", "1280x720"],
                env=window_environment(folder))
            rows.append(f"| {steps:,} | {elapsed:.1f} s | {peak:,.0f} MB | {size:,.0f} MB | "
                        f"{read_back} | {window_time:.1f} s | {window_peak:,.0f} MB |")
    table = "\n".join(rows) + "\n"
    print(table)
    if args.write:
        write_block(args.write, "bench_memory", table)


if __name__ == "__main__":
    main()
