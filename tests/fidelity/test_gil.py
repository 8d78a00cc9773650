"""The GIL of the simulation model (issue 15), through the reference runner.

The programs are fidelity programs (programs/5x_gil_*.py), so the fidelity
suite also requires the engine to print exactly the same: the numbers checked
here hold for both runners.
"""

import os
import re
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
RUNNER = os.path.join(HERE, "reference_runner.py")


def run_program(name):
    done = subprocess.run([sys.executable, RUNNER, os.path.join(HERE, "programs", name)],
                          capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise AssertionError(f"{name} exited {done.returncode}: {done.stderr}")
    return done.stdout


def ratio(out):
    return float(re.search(r"^ratio (\S+)$", out, re.M).group(1))


def lateness_ms(out):
    """How late each heartbeat was while the CPU-bound thread ran."""
    values = re.search(r"^late by \(ms\): (.*)$", out, re.M).group(1).split()
    return [float(v) for v in values[:-1]]  # the last beat came after the job


class GilTests(unittest.TestCase):
    def test_four_cpu_jobs_in_threads_take_about_four_times_one(self):
        out = run_program("50_gil_threads_cpu.py")
        self.assertIn("one job 0.041 s, four jobs in threads 0.161 s", out)
        self.assertGreaterEqual(ratio(out), 3.5)
        self.assertLessEqual(ratio(out), 4.5)

    def test_four_cpu_jobs_in_processes_take_about_one(self):
        out = run_program("51_gil_process_pool_cpu.py")
        self.assertIn("one job 0.041 s, four jobs in processes 0.041 s", out)
        self.assertGreaterEqual(ratio(out), 0.9)
        self.assertLessEqual(ratio(out), 1.3)

    def test_four_sleeping_jobs_in_threads_take_one(self):
        out = run_program("52_gil_threads_sleep.py")
        self.assertEqual(ratio(out), 1.0)
        # All four start waiting at once: blocking holds no GIL.
        self.assertEqual(out.count("0.041 w"), 4)

    def test_cpu_thread_makes_heartbeat_late_by_the_switch_interval(self):
        out = run_program("53_gil_heartbeat.py")
        self.assertIn("switch interval 5.0 ms", out)
        late = lateness_ms(out)
        self.assertEqual(len(late), 6)
        # 5 ms of waiting for the GIL, plus up to 1 ms of the selector's rounding up.
        for value in late:
            self.assertGreaterEqual(value, 5.0)
            self.assertLessEqual(value, 6.0)

    def test_shorter_switch_interval_shortens_the_lateness(self):
        out = run_program("54_gil_switch_interval.py")
        self.assertIn("switch interval 1.0 ms", out)
        late = lateness_ms(out)
        self.assertEqual(len(late), 15)
        for value in late:
            self.assertGreaterEqual(value, 1.0)
            self.assertLessEqual(value, 2.0)
        self.assertLess(max(late), min(lateness_ms(run_program("53_gil_heartbeat.py"))))


if __name__ == "__main__":
    unittest.main()
