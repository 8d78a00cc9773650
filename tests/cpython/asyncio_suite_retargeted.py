"""CPython's own test_asyncio modules that build their loops by hand, run with the suite's
private test loops replaced by LoopLab's loop (issue 14): test_utils.TestLoop (a BaseEventLoop
whose clock the test turns) and bare asyncio.BaseEventLoop() instances become LoopLab's
VirtualEventLoop, so the tests judge LoopLab's scheduling rather than the suite's own loop.
Output: see suite_lines.py.
"""

import asyncio
import os
import sys
import types
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import suite_lines  # noqa: E402
from test.test_asyncio import utils as test_utils  # noqa: E402

MODULES = ["test_tasks", "test_futures", "test_pep492", "test_runners"]

_probe = asyncio.new_event_loop()
LoopLabLoop = type(_probe)  # the class asyncio.new_event_loop() makes inside LoopLab
_probe.close()

HAND_CRANKED = ("turns the test loop's clock by hand (TestLoop.advance_time): LoopLab's clock "
                "moves only by itself")
CLOCK_FROM_ZERO = ("asserts loop.time() to 7 places as if each test loop's clock started at 0 "
                   "and moved only as the test's time generator says: LoopLab's clock is the "
                   "run's one virtual clock, charging 100 ns per program line and polling in "
                   "whole milliseconds")


class RetargetedLoop(LoopLabLoop):
    """LoopLab's loop where the suite expects its TestLoop."""

    def advance_time(self, advance):
        raise unittest.SkipTest(HAND_CRANKED)


def new_test_loop(self, gen=None):
    # gen (TestLoop's time generator) is not used: LoopLab's clock moves by itself.
    loop = RetargetedLoop()
    self.set_event_loop(loop)
    return loop


test_utils.TestCase.new_test_loop = new_test_loop


def with_loops_of_looplab(module):
    """test_pep492 and test_runners make bare asyncio.BaseEventLoop() instances: give them a
    view of asyncio whose BaseEventLoop is LoopLab's loop."""
    if module.__name__.rsplit(".", 1)[-1] in ("test_pep492", "test_runners"):
        view = types.ModuleType("asyncio")
        view.__dict__.update(vars(asyncio))
        view.BaseEventLoop = RetargetedLoop
        module.asyncio = view


# Out of scope here, besides what LoopLab refuses by design (suite_lines.REFUSED_BY_DESIGN):
# test_tasks' tests on TestLoop's hand-turned clock that assert absolute times (every
# Task/Future variant of each). Each entry is a regular expression over test ids, and why.
OUT_OF_SCOPE = suite_lines.REFUSED_BY_DESIGN + [
    *((rf"Tests\.{name}$", CLOCK_FROM_ZERO) for name in (
        "test_as_completed_reverse_wait", "test_sleep", "test_stop_while_run_in_complete",
        "test_task_cancel_sleeping_task", "test_wait", "test_wait_concurrent_complete",
        "test_wait_first_completed", "test_wait_first_exception",
        "test_wait_first_exception_in_wait", "test_wait_with_exception",
        "test_wait_with_iterator_of_tasks", "test_wait_with_timeout")),
]

suite_lines.run(MODULES, OUT_OF_SCOPE, with_loops_of_looplab)
