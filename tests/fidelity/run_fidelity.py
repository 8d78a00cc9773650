"""The fidelity suite: every lesson and every program in tests/fidelity/programs runs under
LoopLab's engine and under the reference runner (plain CPython asyncio with the same virtual-time
model); stamped stdout and exit status must be identical.

    python3 run_fidelity.py PATH/TO/looplab [--determinism] [PROGRAM.py ...]

--determinism also runs each program three times under the engine with --trace and requires
byte-identical traces. Prints one line per program and ends with 'N passed, N failed'.
"""

import argparse
import concurrent.futures
import difflib
import glob
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
REFERENCE = os.path.join(HERE, "reference_runner.py")
PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
TIMEOUT = 300


def programs():
    found = sorted(glob.glob(os.path.join(ROOT, "lessons", "*.py")))
    found += sorted(glob.glob(os.path.join(HERE, "programs", "*.py")))
    return found


def run(command):
    env = dict(os.environ, PYTHONHASHSEED="0")
    done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, env=env,
                          cwd=ROOT)
    return done.returncode, done.stdout, done.stderr


def relative(path):
    return os.path.relpath(path, ROOT)


def compare(looplab, program):
    """A list of problems; empty when the engine agrees with the reference runner."""
    path = relative(program)
    engine = run([looplab, "run", path, "--stamp"])
    reference = run([PYTHON, REFERENCE, path, "--stamp"])
    problems = []
    if engine[0] != reference[0]:
        problems.append(f"exit status: engine {engine[0]}, reference {reference[0]}\n"
                        f"engine stderr:\n{engine[2][-2000:]}\nreference stderr:\n"
                        f"{reference[2][-2000:]}")
    if engine[1] != reference[1]:
        diff = difflib.unified_diff(reference[1].splitlines(), engine[1].splitlines(),
                                    "reference", "engine", lineterm="", n=2)
        problems.append("stdout differs:\n" + "\n".join(list(diff)[:60]))
    if engine[0] == 0 and not engine[1]:
        problems.append("the program printed nothing: nothing was compared")
    return problems


def determinism(looplab, program):
    traces = []
    with tempfile.TemporaryDirectory() as folder:
        for attempt in range(3):
            out = os.path.join(folder, f"trace{attempt}.json")
            run([looplab, "run", relative(program), "--trace", out])
            with open(out, "rb") as f:
                traces.append(f.read())
    if not traces[0]:
        return ["the engine wrote an empty trace"]
    if traces[0] == traces[1] == traces[2]:
        return []
    return ["the three traces are not byte-identical"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("looplab")
    parser.add_argument("--determinism", action="store_true")
    parser.add_argument("programs", nargs="*")
    args = parser.parse_args()
    looplab = os.path.abspath(args.looplab)
    chosen = [os.path.abspath(p) for p in args.programs] or programs()
    check = determinism if args.determinism else compare

    passed = failed = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        results = pool.map(lambda p: (p, check(looplab, p)), chosen)
        for program, problems in results:
            if problems:
                failed += 1
                print(f"FAIL {relative(program)}")
                for problem in problems:
                    print("    " + problem.replace("\n", "\n    "))
            else:
                passed += 1
                print(f"ok   {relative(program)}")
    what = "determinism" if args.determinism else "fidelity"
    print(f"{what}: {passed} passed, {failed} failed")
    if len(chosen) < (1 if args.programs else 30):
        print(f"{what}: only {len(chosen)} programs found; the suite needs at least 30")
        return 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
