"""Runs modules of CPython's own test_asyncio (Debian's libpython3.11-testsuite), as they are,
as one program under `looplab run`: their asyncio.Runner and IsolatedAsyncioTestCase loops
are LoopLab's. Output: see suite_lines.py. The run with the suite's private test loops
replaced by LoopLab's is asyncio_suite_retargeted.py.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import suite_lines  # noqa: E402

# The modules that build their loops through asyncio.Runner (so LoopLab's loop schedules
# them) and need nothing LoopLab refuses by design (sockets, subprocesses, signals).
# test_tasks, test_futures, test_pep492 and test_runners build the suite's own loops by hand
# (TestLoop, or a BaseEventLoop whose selector is a Mock and never waits): as they are they
# judge those loops, not LoopLab's, and a mocked selector under a virtual clock waits for a
# timer for ever. They run retargeted onto LoopLab's loop (asyncio_suite_retargeted.py).
MODULES = [
    "test_locks",
    "test_queues",
    "test_timeouts",
    "test_taskgroups",
    "test_waitfor",
    "test_futures2",
]

suite_lines.run(MODULES)
