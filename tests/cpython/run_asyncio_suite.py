"""CPython's own asyncio tests on LoopLab's loop (issue 14): runs asyncio_suite_driver.py (the
modules as they are) and asyncio_suite_retargeted.py (the modules that build the suite's own
test loops, with LoopLab's loop in their place) under `looplab run`. Fails on any test that
does not pass, on fewer tests than counted when the gate was made, and prints what is out of
scope and why.

    python3 run_asyncio_suite.py PATH/TO/looplab
"""

import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
# Tests that passed when each gate was made: a drop means tests stopped being found or run.
DRIVERS = [("asyncio_suite_driver.py", 184), ("asyncio_suite_retargeted.py", 978)]
OUTCOMES = ("ok", "FAIL", "ERROR", "skip", "out")


def run_driver(looplab, driver, minimum_ok):
    done = subprocess.run([looplab, "run", os.path.join(HERE, driver)],
                          capture_output=True, text=True, timeout=600)
    outcomes, details, reasons = {}, {}, {}
    last = None
    for line in done.stdout.splitlines():
        if line.startswith("   | ") and last is not None:
            details[last] = line[5:]
            continue
        outcome, _, rest = line.partition(" ")
        if outcome in OUTCOMES:
            test, _, reason = rest.partition(" -- ")
            outcomes[test] = outcome
            last = test
            if reason:
                reasons[reason] = reasons.get(reason, 0) + 1
    counts = {o: sum(1 for v in outcomes.values() if v == o) for o in OUTCOMES}
    print(f"{driver}: {len(outcomes)} tests, {counts}")
    for reason, count in sorted(reasons.items(), key=lambda item: -item[1]):
        print(f"  not run or skipped ({count}): {reason}")
    problems = []
    if done.returncode != 0:
        problems.append(f"looplab run exited with {done.returncode}")
    for test in sorted(t for t, o in outcomes.items() if o in ("FAIL", "ERROR")):
        problems.append(f"{outcomes[test]} {test}: {details.get(test, '')}")
    if counts["ok"] < minimum_ok:
        problems.append(f"only {counts['ok']} tests passed, expected at least {minimum_ok}")
    if problems:
        print("\n".join(problems))
        print(done.stderr[-20000:])
    return not problems


def main():
    looplab = sys.argv[1]
    if not os.path.isdir("/usr/lib/python3.11/test/test_asyncio"):
        sys.exit("CPython's test suite is missing: apt install libpython3.11-testsuite "
                 "(scripts/install-deps.sh does)")
    results = [run_driver(looplab, driver, minimum) for driver, minimum in DRIVERS]
    if not all(results):
        sys.exit(1)


if __name__ == "__main__":
    main()
