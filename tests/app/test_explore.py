"""End-to-end tests of the schedule explorer: `looplab run --schedule-seed` (the same seed gives
the same trace, byte for byte; the header records it) and `looplab explore` (outcomes, counts,
example seeds, exit statuses 0 and 5). Usage: python3 test_explore.py PATH/TO/looplab"""

import json
import os
import re
import subprocess
import sys
import tempfile
import textwrap
import unittest

LOOPLAB = None
HERE = os.path.dirname(os.path.abspath(__file__))
REFERENCE = os.path.join(HERE, "..", "fidelity", "reference_runner.py")

# Read, await a reply, write back: correct in the default schedule (the first withdrawal is
# written back at 0.15 s, the second reads at 0.2 s), lost in schedules where the replies move.
LOST_UPDATE = """
    import asyncio
    import aiohttp

    balance = 100
    lock = asyncio.Lock()

    async def withdraw(session, amount, delay):
        global balance
        await session.get(f"https://bank.example/delay/{delay}")
        async with GUARD:
            current = balance
            await session.get("https://bank.example/log/delay/0.05")
            balance = current - amount

    async def main():
        async with aiohttp.ClientSession() as session:
            await asyncio.gather(withdraw(session, 30, 0.1), withdraw(session, 20, 0.2))
        print("balance", balance)

    asyncio.run(main())
"""
UNPROTECTED = LOST_UPDATE.replace("GUARD", "contextlib.nullcontext()").replace(
    "import asyncio\n", "import asyncio\n    import contextlib\n", 1)
PROTECTED = LOST_UPDATE.replace("GUARD", "lock")

# Two locks taken in opposite orders, each after a reply: in the default schedule `a` has both
# and lets go before `b` starts (0.3 s); when b's first reply comes before a's second, each
# holds one lock and waits for the other.
REPLY_ORDER_DEADLOCK = """
    import asyncio
    import aiohttp

    first = asyncio.Lock()
    second = asyncio.Lock()

    async def a(session):
        await session.get("https://example.com/delay/0.1")
        async with first:
            await session.get("https://example.com/delay/0.1")
            async with second:
                print("a has both")

    async def b(session):
        await session.get("https://example.com/delay/0.3")
        async with second:
            await session.get("https://example.com/delay/0.1")
            async with first:
                print("b has both")

    async def main():
        async with aiohttp.ClientSession() as session:
            await asyncio.gather(a(session), b(session))

    asyncio.run(main())
"""


class Program:
    def __init__(self, source):
        self.folder = tempfile.TemporaryDirectory()
        self.path = os.path.join(self.folder.name, "prog.py")
        with open(self.path, "w") as f:
            f.write(textwrap.dedent(source))

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.folder.cleanup()


def looplab(*args, timeout=300):
    done = subprocess.run([LOOPLAB, *args], capture_output=True, text=True, timeout=timeout)
    return done.returncode, done.stdout, done.stderr


def outcomes(out):
    """[(count, status, seed, [lines])] from explore's output, and its last line."""
    found = []
    for line in out.splitlines():
        match = re.fullmatch(r"outcome \d+: (\d+) of \d+ runs, (\w+) \(e\.g\. --schedule-seed (\d+)\)",
                             line)
        if match:
            found.append((int(match[1]), match[2], int(match[3]), []))
        elif line.startswith("  | "):
            found[-1][3].append(line[4:])
    return found, out.splitlines()[-1]


class ScheduleSeed(unittest.TestCase):
    def trace_bytes(self, path, *flags):
        with tempfile.TemporaryDirectory() as folder:
            trace = os.path.join(folder, "trace.json")
            status, out, err = looplab("run", path, "--trace", trace, *flags)
            self.assertIn(status, (0, 3), err)
            with open(trace, "rb") as f:
                return f.read()

    def test_the_same_seed_gives_the_same_trace_byte_for_byte(self):
        with Program(REPLY_ORDER_DEADLOCK) as program:
            once = self.trace_bytes(program.path, "--schedule-seed", "12")
            again = self.trace_bytes(program.path, "--schedule-seed", "12")
            other = self.trace_bytes(program.path, "--schedule-seed", "13")
            default = self.trace_bytes(program.path)
        self.assertEqual(once, again)
        self.assertNotEqual(once, other)
        self.assertEqual(json.loads(once)["schedule"], {"seed": 12, "jitter": 0.5})
        self.assertNotIn("schedule", json.loads(default))

    def test_the_jitter_is_recorded_as_given(self):
        with Program(PROTECTED) as program:
            trace = json.loads(self.trace_bytes(program.path, "--schedule-seed", "4",
                                                "--jitter", "0.125"))
        self.assertEqual(trace["schedule"], {"seed": 4, "jitter": 0.125})

    def test_a_perturbed_run_agrees_with_the_reference_runner(self):
        with Program(UNPROTECTED) as program:
            for seed in ("1", "3"):
                status, out, err = looplab("run", program.path, "--stamp", "--schedule-seed", seed)
                reference = subprocess.run([sys.executable, REFERENCE, program.path, "--stamp",
                                            "--schedule-seed", seed],
                                           capture_output=True, text=True, timeout=60)
                self.assertEqual((status, out), (reference.returncode, reference.stdout))

    def test_bad_seeds_and_jitters_are_one_line_usage_errors(self):
        with Program(PROTECTED) as program:
            for flags, message in (
                    (["--schedule-seed", "-1"], "--schedule-seed needs a whole number from 0"),
                    (["--schedule-seed", "x"], "--schedule-seed needs a whole number from 0"),
                    (["--schedule-seed", "1", "--jitter", "1"], "--jitter needs a number from 0"),
                    (["--schedule-seed", "1", "--jitter", "-0.1"], "--jitter needs a number")):
                status, out, err = looplab("run", program.path, *flags)
                self.assertEqual(status, 2, flags)
                self.assertEqual(len(err.splitlines()), 1, err)
                self.assertIn(message, err)


class Explore(unittest.TestCase):
    def test_a_lost_update_across_an_await_has_several_outcomes(self):
        with Program(UNPROTECTED) as program:
            status, out, err = looplab("explore", program.path, "--runs", "100")
            self.assertEqual(status, 5, err)
            found, last = outcomes(out)
            self.assertGreaterEqual(len(found), 2)
            self.assertEqual(last, f"outcomes: {len(found)} distinct in 100 runs")
            self.assertEqual(sum(count for count, *_ in found), 100)
            self.assertEqual({status for _, status, _, _ in found}, {"finished"})
            self.assertIn(["balance 50"], [lines for *_, lines in found])
            self.assertIn(["balance 80"], [lines for *_, lines in found])
            # Each example seed reproduces its outcome on its own.
            for _, _, seed, lines in found:
                status, again, _ = looplab("run", program.path, "--schedule-seed", str(seed))
                self.assertEqual(again.splitlines(), lines)

    def test_with_a_lock_every_schedule_has_one_outcome(self):
        with Program(PROTECTED) as program:
            status, out, err = looplab("explore", program.path, "--runs", "100")
        self.assertEqual(status, 0, err)
        self.assertEqual(out, "outcome 1: 100 of 100 runs, finished (e.g. --schedule-seed 1)\n"
                              "  | balance 50\n"
                              "outcomes: 1 distinct in 100 runs\n")

    def test_a_deadlock_that_needs_one_reply_order_is_found(self):
        with Program(REPLY_ORDER_DEADLOCK) as program:
            self.assertEqual(looplab("run", program.path)[0], 0)  # the default run finishes
            status, out, err = looplab("explore", program.path, "--runs", "60", "--seed", "1")
            self.assertEqual(status, 5, err)
            found, last = outcomes(out)
            statuses = {status: (seed, lines) for _, status, seed, lines in found}
            self.assertEqual(set(statuses), {"finished", "deadlock"})
            self.assertEqual(statuses["finished"][1], ["a has both", "b has both"])
            self.assertEqual(statuses["deadlock"][1], [])
            seed = statuses["deadlock"][0]
            status, _, err = looplab("run", program.path, "--schedule-seed", str(seed))
            self.assertEqual(status, 3)
            self.assertTrue(err.startswith("deadlock"), err)

    def test_seeds_follow_on_from_the_first_and_progress_is_reported(self):
        with Program(PROTECTED) as program:
            status, out, err = looplab("explore", program.path, "--runs", "3", "--seed", "40",
                                       "--jitter", "0.2", "--progress")
        self.assertEqual(status, 0)
        self.assertIn("(e.g. --schedule-seed 40)", out)
        self.assertEqual([line for line in err.splitlines() if line.startswith("looplab-progress")],
                         ["looplab-progress: 1 3", "looplab-progress: 2 3",
                          "looplab-progress: 3 3"])

    def test_usage_errors(self):
        with Program(PROTECTED) as program:
            for flags, message in ((["--runs", "0"], "--runs needs a whole number of runs"),
                                   (["--seed", "-2"], "--seed needs a whole number from 0"),
                                   (["--jitter", "2"], "--jitter needs a number from 0"),
                                   (["--bogus"], "unknown option --bogus")):
                status, out, err = looplab("explore", program.path, *flags)
                self.assertEqual((status, out), (2, ""), flags)
                self.assertEqual(err, f"looplab: {err[9:]}")
                self.assertIn(message, err)
        status, out, err = looplab("explore")
        self.assertEqual((status, err), (2, "looplab: looplab explore needs a program: "
                                            "looplab explore PROGRAM.py\n"))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: test_explore.py PATH/TO/looplab")
    LOOPLAB = os.path.abspath(sys.argv.pop(1))
    unittest.main()
