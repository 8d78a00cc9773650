"""Tasks and futures whose hashes do not depend on memory addresses.

CPython hashes objects by ``id()``, i.e. by address, so a ``set`` of tasks (as
built by ``asyncio.wait`` or ``asyncio.as_completed``) can iterate in a
different order on each run.  That would make the same program print
different things in the engine and the reference runner, or from one run to
the next.  Giving every loop-created task and future a hash equal to its
creation number fixes the iteration order while keeping identity equality.

Task names get the same treatment: CPython's ``Task-N`` counter lives in C and
keeps counting across runs when an interpreter is reused, so the names are
handed out here from a per-run counter instead.
"""

import asyncio
import itertools

__all__ = ["Task", "Future", "reset", "next_number"]

_numbers = itertools.count(1)
_task_names = itertools.count(1)


def reset():
    """Start both counters again; ``install`` calls this for every run."""
    global _numbers, _task_names
    _numbers = itertools.count(1)
    _task_names = itertools.count(1)


def next_number():
    """The next creation number (shared by tasks, futures and the simulated
    concurrent futures of the executors)."""
    return next(_numbers)


class Future(asyncio.Future):
    """``asyncio.Future`` hashed by creation number."""

    def __init__(self, *, loop=None):
        # Take the number before the base initialiser runs so the object is
        # hashable even if something inspects it during construction.
        self._looplab_number = next(_numbers)
        super().__init__(loop=loop)

    def __hash__(self):
        return self._looplab_number


class Task(asyncio.Task):
    """``asyncio.Task`` hashed by creation number, with per-run names."""

    def __init__(self, coro, *, loop=None, name=None, context=None):
        self._looplab_number = next(_numbers)
        if name is None:
            name = f"Task-{next(_task_names)}"
        super().__init__(coro, loop=loop, name=name, context=context)

    def __hash__(self):
        return self._looplab_number


def creation_number(obj):
    """Creation number of a model task/future, or ``None`` for other objects.

    Used to list things in creation order (for example in deadlock reports).
    """
    return getattr(obj, "_looplab_number", None)


# ------------------------------------------------------------ as_completed

_original_as_completed = asyncio.as_completed


def as_completed(fs, *, timeout=None):
    """``asyncio.as_completed`` that turns its arguments into tasks in
    argument order first.

    CPython builds the tasks from ``set(fs)``, so for coroutines (hashed by
    address) the tasks would start in an arbitrary order.  Once they are model
    tasks, the set inside the original function iterates by creation number.
    Written as a generator, like the original, so nothing happens until the
    first ``next()``.
    """
    if asyncio.isfuture(fs) or asyncio.iscoroutine(fs):
        # Let the original produce its usual TypeError.
        yield from _original_as_completed(fs, timeout=timeout)
        return
    loop = asyncio.events._get_event_loop(stacklevel=4)
    seen = {}
    ordered = []
    for item in fs:
        # The same awaitable given twice must become one task, as with set().
        if id(item) in seen:
            continue
        seen[id(item)] = item
        ordered.append(asyncio.ensure_future(item, loop=loop))
    yield from _original_as_completed(ordered, timeout=timeout)


def install_as_completed():
    asyncio.as_completed = as_completed
    asyncio.tasks.as_completed = as_completed
