"""Benchmark: filming a 200-step walkthrough (issue 19).

    python3 bench_walkthrough.py PATH/TO/looplab [--rounds N] [--write docs/performance.md]

Exports steps 0 to 199 of tests/bench/walkthrough_200.py at 1280x720 and 10 frames a second
(2,000 frames, 200 s of film) as MP4, WebM and GIF, and, as the baseline in the same run, one
`--screenshot` of the same program at the same size: opening the window and recording the
program, which every export pays once. Reports median wall times; the film's own cost is the
difference. Target: the MP4 in well under a minute.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

from performance_doc import write_block

HERE = os.path.dirname(os.path.abspath(__file__))
PROGRAM = os.path.join(HERE, "walkthrough_200.py")
STEPS, FPS, SIZE = 200, 10, "1280x720"


def timed(command, env):
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr[-2000:]}")
    return elapsed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("looplab")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--write")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        # Fresh settings: animations on, as a first start has them.
        env = dict(os.environ, XDG_CONFIG_HOME=os.path.join(folder, "config"),
                   XDG_DATA_HOME=os.path.join(folder, "data"))
        commands = {"window and recording only (--screenshot)":
                    [args.looplab, PROGRAM, "--size", SIZE, "--step", str(STEPS - 1),
                     "--screenshot", os.path.join(folder, "shot.png")]}
        for extension in ("mp4", "webm", "gif"):
            commands[extension] = [args.looplab, "export", PROGRAM, "-o",
                                   os.path.join(folder, "walk." + extension), "--from-step", "0",
                                   "--to-step", str(STEPS - 1), "--fps", str(FPS), "--size", SIZE]
        times = {name: [] for name in commands}
        for _ in range(args.rounds):  # interleaved, so all see the same machine load
            for name, command in commands.items():
                times[name].append(timed(command, env))
        sizes = {ext: os.path.getsize(os.path.join(folder, "walk." + ext))
                 for ext in ("mp4", "webm", "gif")}
    base = statistics.median(times["window and recording only (--screenshot)"])
    rows = ["| export | median | film alone (minus baseline) | frames per second rendered "
            "| file |", "| --- | --- | --- | --- | --- |"]
    for name, samples in times.items():
        median = statistics.median(samples)
        if name in sizes:
            film = median - base
            rows.append(f"| {STEPS} steps to .{name}, {STEPS * FPS} frames | {median:.1f} s | "
                        f"{film:.1f} s | {STEPS * FPS / film:.0f} | "
                        f"{sizes[name] / 1e6:.1f} MB |")
        else:
            rows.append(f"| {name} | {median:.1f} s | | | |")
    table = "\n".join(rows) + f"\n\n{args.rounds} rounds, {SIZE}.\n"
    print(table)
    if args.write:
        write_block(args.write, "bench_walkthrough", table)


if __name__ == "__main__":
    main()
