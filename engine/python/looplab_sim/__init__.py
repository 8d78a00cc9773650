"""LoopLab's simulation model, shared by the C++ engine and the reference runner.

Everything here is *model*: how time passes, what the network answers, how
executor workers are scheduled, how output is stamped, what is refused.  The
event loops themselves are not here; each runner brings its own and calls
``install`` once per run, before the student's program is compiled and run.
See docs/simulation-model.md for the contract.
"""

import asyncio
import concurrent.futures
import concurrent.futures.process
import concurrent.futures.thread
import random
import sys

from . import (aiohttp_sim, determinism, executors, loop_support, network, output,
               requests_sim, sandbox, schedule, threads, vtime)
from .errors import BudgetExceeded, NotSimulatedError
from .output import StampedOutput
from .vtime import PyClock

__all__ = [
    "NotSimulatedError",
    "BudgetExceeded",
    "StampedOutput",
    "PyClock",
    "install",
    "DEFAULT_OUTPUT_LIMIT",
    # submodules the engine reaches into directly
    "aiohttp_sim", "determinism", "executors", "loop_support", "network", "output",
    "requests_sim", "sandbox", "schedule", "threads", "vtime",
]

DEFAULT_OUTPUT_LIMIT = 8 * 1024 * 1024


def _install_executors():
    """Swap the pool classes everywhere a program might look them up."""
    for module in (concurrent.futures, concurrent.futures.thread):
        module.ThreadPoolExecutor = executors.SimThreadPoolExecutor
    for module in (concurrent.futures, concurrent.futures.process):
        module.ProcessPoolExecutor = executors.SimProcessPoolExecutor
    concurrent.futures.wait = executors.cf_wait
    concurrent.futures.as_completed = executors.cf_as_completed
    asyncio.wrap_future = executors.wrap_future
    asyncio.futures.wrap_future = executors.wrap_future
    executors.reset()


def _install_network():
    sys.modules["aiohttp"] = aiohttp_sim.make_module()
    requests_module, exceptions_module = requests_sim.make_modules()
    sys.modules["requests"] = requests_module
    sys.modules["requests.exceptions"] = exceptions_module


def install(clock, *, loop_factory, seed=0, output_limit_bytes=DEFAULT_OUTPUT_LIMIT,
            on_line=None, schedule_seed=None, jitter=schedule.DEFAULT_JITTER):
    """Install the whole model into this interpreter and return the new
    ``sys.stdout``.

    ``clock`` follows the clock duck type (now_ns, advance_ns, enter_worker,
    leave_worker); ``loop_factory()`` must return a fresh simulated loop;
    ``on_line(stamp_ns, text)``, if given, is told about each finished line.
    ``schedule_seed`` (None: the unperturbed model) and ``jitter`` choose another legal
    schedule (schedule.py, docs/simulation-model.md).
    Safe to call again for a new run in the same interpreter: every counter
    and the default executor start over.
    """
    schedule.configure(schedule_seed, jitter)
    vtime.install_time(clock)
    random.seed(seed)
    determinism.reset()
    determinism.install_as_completed()
    _install_executors()
    _install_network()
    sandbox.install_sandbox()
    threads.install_threads()
    # The simulated loop is the default: a program (or a test suite) that resets the policy with
    # set_event_loop_policy(None) gets a new default policy, which must make simulated loops too.
    class DefaultEventLoopPolicy(loop_support.LoopPolicy):
        def __init__(self):
            super().__init__(loop_factory)

    asyncio.DefaultEventLoopPolicy = DefaultEventLoopPolicy
    asyncio.set_event_loop_policy(DefaultEventLoopPolicy())
    stream = StampedOutput(clock, output_limit_bytes, on_line)
    sys.stdout = stream
    return stream
