"""Benchmark: what full recording costs, compared with the reference runner in the same run.

    python3 bench_recording.py PATH/TO/looplab [--rounds N] [--write docs/performance.md]

Runs tests/bench/semaphore_10k.py alternately under `looplab run --trace` and under the
reference runner (plain CPython asyncio with the same virtual-time model), so that both see the
same machine load, and reports median wall times, their ratio, and the trace's bytes per event.
Targets (issue 2): ratio <= 2.0, <= 200 bytes per event.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PROGRAM = os.path.join(HERE, "semaphore_10k.py")
REFERENCE = os.path.join(ROOT, "tests", "fidelity", "reference_runner.py")
PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
MARK_BEGIN = "<!-- bench_recording:begin -->"
MARK_END = "<!-- bench_recording:end -->"


def timed(command):
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True,
                          env=dict(os.environ, PYTHONHASHSEED="0"))
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"benchmark command failed ({done.returncode}): {' '.join(command)}\n"
                 f"{done.stderr[-2000:]}")
    return elapsed, done.stdout


def instructions(command, children):
    """Instructions executed by a command (and its worker process), counted by callgrind."""
    with tempfile.TemporaryDirectory() as folder:
        out = os.path.join(folder, "cg.%p")
        flags = ["--trace-children=yes"] if children else []
        subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *flags,
                        *command], capture_output=True, env=dict(os.environ, PYTHONHASHSEED="0"),
                       check=True)
        total = 0
        for name in os.listdir(folder):
            with open(os.path.join(folder, name)) as f:
                for line in f:
                    if line.startswith("summary:") or line.startswith("totals:"):
                        total += int(line.split()[1])
                        break
        return total


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("looplab")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--write", help="update this Markdown file between the markers")
    parser.add_argument("--instructions", action="store_true",
                        help="also count instructions with callgrind (slow, but repeatable)")
    args = parser.parse_args()

    engine_times, reference_times = [], []
    with tempfile.TemporaryDirectory() as folder:
        trace = os.path.join(folder, "trace.json")
        for _ in range(args.rounds):
            t, engine_out = timed([args.looplab, "run", PROGRAM, "--trace", trace])
            engine_times.append(t)
            t, reference_out = timed([PYTHON, REFERENCE, PROGRAM])
            reference_times.append(t)
        if engine_out != reference_out:
            sys.exit("engine and reference disagree on the benchmark's output")
        size = os.path.getsize(trace)
        with open(trace) as f:
            events = len(json.load(f)["events"])

    engine = statistics.median(engine_times)
    reference = statistics.median(reference_times)
    result = {
        "engine_s": engine, "reference_s": reference, "ratio": engine / reference,
        "events": events, "trace_bytes": size, "bytes_per_event": size / events,
    }
    report = (
        f"| rounds | engine with --trace (median) | reference runner (median) | ratio "
        f"(target <= 2.0) | events | trace size | bytes/event (target <= 200) |\n"
        f"| --- | --- | --- | --- | --- | --- | --- |\n"
        f"| {args.rounds} | {engine:.3f} s | {reference:.3f} s | {result['ratio']:.2f} | "
        f"{events:,} | {size / 1e6:.1f} MB | {result['bytes_per_event']:.0f} |\n")
    if args.instructions:
        engine_ir = instructions([args.looplab, "run", PROGRAM, "--trace", os.devnull], True)
        reference_ir = instructions([PYTHON, REFERENCE, PROGRAM], False)
        result.update(engine_instructions=engine_ir, reference_instructions=reference_ir,
                      instruction_ratio=engine_ir / reference_ir)
        report += (f"\nInstructions (callgrind, deterministic): engine {engine_ir / 1e9:.2f} G, "
                   f"reference {reference_ir / 1e9:.2f} G, ratio "
                   f"{result['instruction_ratio']:.2f}.\n")
    print(report)
    print(json.dumps(result))
    if args.write:
        with open(args.write) as f:
            text = f.read()
        start, end = text.index(MARK_BEGIN) + len(MARK_BEGIN), text.index(MARK_END)
        with open(args.write, "w") as f:
            f.write(text[:start] + "\n" + report + text[end:])


if __name__ == "__main__":
    main()
