"""The schedule explorer's perturbation: other legal schedules of the same program.

The unperturbed model gives every network reply, executor job and blocking call exactly the
duration the program asks for, and equal timer deadlines fire in scheduling order.  A real
machine is never that tidy, and a race that the tidy schedule hides shows up in production.
With a *schedule seed* the model varies those durations, each by its own factor drawn from
``[1 - jitter, 1 + jitter]``, and takes timers with equal deadlines in a seeded order; the
program's line cost is scaled by one factor for the whole run (a faster or slower machine).

Every draw comes from one ``random.Random(seed)`` of the model's own, never from the
program's ``random`` module, and the draws happen in the order the run asks for them, so the
same seed gives the same run byte for byte.  Without a seed (the default) nothing here draws
anything and every function returns its argument unchanged.
"""

import contextlib
import math
import random

__all__ = [
    "DEFAULT_JITTER",
    "configure",
    "active",
    "seed",
    "jitter",
    "network_ns",
    "blocking_ns",
    "line_cost_ns",
    "timer_tie",
    "job",
]

DEFAULT_JITTER = 0.5

_rng = None  # random.Random while a schedule seed is set
_seed = None
_jitter = 0.0
_job_factors = []  # the factor of each executor job or thread running now, innermost last


def configure(schedule_seed=None, jitter=DEFAULT_JITTER):
    """Start a run: ``schedule_seed`` None keeps the unperturbed model."""
    global _rng, _seed, _jitter
    _job_factors.clear()
    if schedule_seed is None:
        _rng, _seed, _jitter = None, None, 0.0
        return
    jitter = float(jitter)
    if not 0.0 <= jitter < 1.0:
        raise ValueError("the jitter must be at least 0 and less than 1")
    # A string seed is hashed the same way on every run and platform (random's version 2).
    _rng = random.Random(f"looplab-schedule-{int(schedule_seed)}")
    _seed, _jitter = int(schedule_seed), jitter


def active():
    return _rng is not None


def seed():
    return _seed


def jitter():
    return _jitter


def _factor():
    return _rng.uniform(1.0 - _jitter, 1.0 + _jitter)


def _scaled(ns, factor):
    return max(0, int(math.floor(ns * factor + 0.5)))


def network_ns(ns):
    """The simulated server's time for one request (aiohttp and requests)."""
    if _rng is None or ns <= 0:
        return ns
    return _scaled(ns, _factor())


def blocking_ns(ns):
    """A blocking call's time (time.sleep).  Inside an executor job or a thread the job's
    own factor applies, so a job's whole duration stretches or shrinks as one."""
    if _rng is None or ns <= 0:
        return ns
    return _scaled(ns, _job_factors[-1] if _job_factors else _factor())


def line_cost_ns(ns):
    """The cost of one program line for this run, drawn once when the run starts."""
    if _rng is None or ns <= 0:
        return ns
    return _scaled(ns, _factor())


def timer_tie():
    """A key that orders timers with equal deadlines (0 for all when unperturbed, so the
    scheduling order decides as in CPython)."""
    if _rng is None:
        return 0
    return _rng.getrandbits(31)


@contextlib.contextmanager
def job():
    """While an executor job or a thread runs: its blocking calls share one factor."""
    if _rng is None:
        yield
        return
    _job_factors.append(_factor())
    try:
        yield
    finally:
        _job_factors.pop()
