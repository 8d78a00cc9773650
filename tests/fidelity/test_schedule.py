"""Unit tests for the schedule explorer's perturbation (engine/python/looplab_sim/schedule.py),
and the perturbed model run whole by the reference runner.

Run with:
    /usr/bin/python3 -m unittest discover -s tests/fidelity -p 'test_*.py'
"""

import os
import subprocess
import sys
import tempfile
import textwrap
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reference_runner  # noqa: E402,F401  (puts engine/python on sys.path)
from looplab_sim import schedule  # noqa: E402

RUNNER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "reference_runner.py")


class Unperturbed(unittest.TestCase):
    def setUp(self):
        schedule.configure(None)

    def test_every_duration_is_kept_and_every_tie_is_zero(self):
        self.assertFalse(schedule.active())
        self.assertEqual(schedule.network_ns(100_000_000), 100_000_000)
        self.assertEqual(schedule.blocking_ns(1_500_000_000), 1_500_000_000)
        self.assertEqual(schedule.line_cost_ns(100), 100)
        self.assertEqual([schedule.timer_tie() for _ in range(3)], [0, 0, 0])
        with schedule.job():
            self.assertEqual(schedule.blocking_ns(7), 7)


class Perturbed(unittest.TestCase):
    def tearDown(self):
        schedule.configure(None)

    def draws(self, seed, jitter=0.5):
        schedule.configure(seed, jitter)
        return ([schedule.network_ns(100_000_000) for _ in range(50)],
                [schedule.timer_tie() for _ in range(5)])

    def test_the_same_seed_draws_the_same_durations(self):
        self.assertEqual(self.draws(7), self.draws(7))
        self.assertNotEqual(self.draws(7), self.draws(8))

    def test_factors_stay_within_one_plus_or_minus_the_jitter(self):
        durations, _ = self.draws(3, jitter=0.25)
        self.assertTrue(all(75_000_000 <= d <= 125_000_000 for d in durations), durations)
        # 50 draws from a range of 50 ms do not land on one value.
        self.assertGreater(len(set(durations)), 40)
        self.assertLess(min(durations), 90_000_000)
        self.assertGreater(max(durations), 110_000_000)

    def test_a_zero_jitter_keeps_durations_but_still_shuffles_ties(self):
        durations, ties = self.draws(3, jitter=0.0)
        self.assertEqual(set(durations), {100_000_000})
        self.assertGreater(len(set(ties)), 1)

    def test_one_job_scales_all_its_blocking_calls_by_one_factor(self):
        schedule.configure(11, 0.5)
        with schedule.job():
            first = schedule.blocking_ns(1_000_000_000)
            second = schedule.blocking_ns(2_000_000_000)
        self.assertNotEqual(first, 1_000_000_000)
        self.assertAlmostEqual(second, 2 * first, delta=1)

    def test_the_program_random_stream_is_untouched(self):
        import random
        random.seed(0)
        expected = random.random()
        random.seed(0)
        schedule.configure(5, 0.5)
        schedule.network_ns(100)
        self.assertEqual(random.random(), expected)

    def test_a_jitter_of_one_or_more_is_refused(self):
        with self.assertRaisesRegex(ValueError, "less than 1"):
            schedule.configure(1, 1.0)


# Two tasks that read, await a reply and write back: the default schedule is correct.
LOST_UPDATE = textwrap.dedent("""\
    import asyncio
    import aiohttp

    balance = 100

    async def withdraw(session, amount, delay):
        global balance
        await session.get(f"https://bank.example/delay/{delay}")
        current = balance
        await session.get("https://bank.example/log/delay/0.05")
        balance = current - amount

    async def main():
        async with aiohttp.ClientSession() as session:
            await asyncio.gather(withdraw(session, 30, 0.1), withdraw(session, 20, 0.2))
        print("balance", balance)

    asyncio.run(main())
    """)


class ReferenceRunner(unittest.TestCase):
    def run_reference(self, *options):
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "prog.py")
            with open(path, "w") as f:
                f.write(LOST_UPDATE)
            done = subprocess.run([sys.executable, RUNNER, path, "--stamp", *options],
                                  capture_output=True, text=True, timeout=60)
        self.assertEqual(done.returncode, 0, done.stderr)
        return done.stdout

    def test_unperturbed_the_lost_update_does_not_show(self):
        self.assertEqual(self.run_reference(), "[0.250] balance 50\n")

    def test_a_seed_gives_other_times_and_the_same_ones_again(self):
        outputs = {seed: self.run_reference("--schedule-seed", str(seed)) for seed in range(1, 7)}
        self.assertEqual(self.run_reference("--schedule-seed", "3"), outputs[3])
        self.assertEqual(len(set(outputs.values())), 6)  # each seed ends at another time
        # Seed 3 makes the second reply come before the first update is written back.
        balances = {text.split("] ")[1] for text in outputs.values()}
        self.assertEqual(balances, {"balance 50\n", "balance 80\n"})


if __name__ == "__main__":
    unittest.main()
