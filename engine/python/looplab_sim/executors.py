"""Simulated thread and process pools.

A real pool runs jobs on OS threads that the virtual clock cannot see.  In the
model a job runs *synchronously at submission*, but on a simulated worker
whose clock starts at ``max(now, worker free time)``; whatever the job does
(``time.sleep``, blocking ``requests``, program lines) advances only that
worker's clock.  The finish time is then known immediately, and the asyncio
future gets the result from a timer at that time, so to the program it looks
exactly like a background thread that took that long.

Blocking waits on a job from a simulated thread (``future.result()``,
``executor.shutdown(wait=True)``, ``concurrent.futures.wait``...) advance the
waiting thread's clock to the job's finish, the way a real wait would block.
"""

import asyncio
import concurrent.futures as cf
import contextvars
import functools
from concurrent.futures.process import BrokenProcessPool
from concurrent.futures.thread import BrokenThreadPool

from . import determinism, network, schedule, vtime

__all__ = [
    "SimThreadPoolExecutor",
    "SimProcessPoolExecutor",
    "run_in_executor",
    "deliver_later",
    "default_executor",
    "set_default_executor",
    "reset",
    "on_job",
]

# Set by the engine to record jobs:
# on_job(pool_label, worker_index, start_ns, finish_ns, func_name).
on_job = None

_default = None
_pool_counts = {"thread": 0, "process": 0}
# Exceptions a real worker thread would catch and hand to the future.  Any
# other BaseException (BudgetExceeded, a runner's deadlock or abort signal)
# must escape at once so the runner can stop the run.
_DELIVERED = (Exception, SystemExit, KeyboardInterrupt, asyncio.CancelledError)


def func_name(fn):
    """A readable name for the recorder, seeing through ``functools.partial``
    and the ``partial(context.run, fn, ...)`` that ``asyncio.to_thread`` makes."""
    while isinstance(fn, functools.partial):
        owner = getattr(fn.func, "__self__", None)
        if isinstance(owner, contextvars.Context) and fn.args:
            fn = fn.args[0]
        else:
            fn = fn.func
    return getattr(fn, "__qualname__", None) or getattr(fn, "__name__", None) or type(fn).__name__


class SimFuture(cf.Future):
    """A ``concurrent.futures.Future`` for a job that has already run.

    ``_looplab_finish_ns`` is when the job finished on its worker's clock.
    The outcome is kept privately too, so delivering it to asyncio never goes
    through ``result()`` (which would advance the caller's clock).
    """

    def __init__(self, start_ns, finish_ns, value, exception):
        super().__init__()
        self._looplab_number = determinism.next_number()
        self._looplab_start_ns = start_ns
        self._looplab_finish_ns = finish_ns
        self._looplab_value = value
        self._looplab_exception = exception
        if exception is None:
            self.set_result(value)
        else:
            self.set_exception(exception)

    def __hash__(self):
        return self._looplab_number

    def _wait_for_finish(self, timeout):
        clock = vtime.current_clock()
        remaining = self._looplab_finish_ns - clock.now_ns()
        if remaining <= 0:
            return
        if timeout is not None:
            limit = network.timeout_ns(max(0.0, timeout))
            if limit < remaining:
                clock.advance_ns(limit)
                raise cf.TimeoutError()
        clock.advance_ns(remaining)

    def result(self, timeout=None):
        self._wait_for_finish(timeout)
        return super().result(0)

    def exception(self, timeout=None):
        self._wait_for_finish(timeout)
        return super().exception(0)

    def done(self):
        return self._looplab_finish_ns <= vtime.current_clock().now_ns()

    def running(self):
        now = vtime.current_clock().now_ns()
        return self._looplab_start_ns <= now < self._looplab_finish_ns


class _SimPool(cf.Executor):
    """Shared machinery: ``max_workers`` simulated workers, each only a
    "free from" time."""

    _kind = "thread"
    _default_workers = 8
    _broken_class = BrokenThreadPool

    def _setup(self, max_workers, initializer, initargs, label=None):
        if max_workers is None:
            max_workers = self._default_workers
        elif max_workers <= 0:
            raise ValueError("max_workers must be greater than 0")
        if initializer is not None and not callable(initializer):
            raise TypeError("initializer must be a callable")
        if label is None:
            _pool_counts[self._kind] += 1
            label = f"{self._kind} pool {_pool_counts[self._kind]}"
        self._max_workers = max_workers
        self._free_ns = [0] * max_workers
        self._initialized = [initializer is None] * max_workers
        self._initializer = initializer
        self._initargs = tuple(initargs)
        self._label = label
        self._shutdown = False
        self._broken = None

    @property
    def label(self):
        return self._label

    def _pick_worker(self, now):
        # The worker that can start first; among equals the lowest index, so
        # an idle pool keeps reusing worker 0 as a real one tends to.
        return min(range(self._max_workers), key=lambda i: (max(now, self._free_ns[i]), i))

    def _submit_job(self, fn, args, kwargs):
        if self._broken is not None:
            raise self._broken_class(self._broken)
        if self._shutdown:
            raise RuntimeError("cannot schedule new futures after shutdown")
        clock = vtime.current_clock()
        index = self._pick_worker(clock.now_ns())
        start = max(clock.now_ns(), self._free_ns[index])
        value, error = None, None
        # A thread pool's workers share the GIL; each process has its own.
        clock.enter_worker(f"{self._label} worker {index}", start, self._kind == "thread")
        # Code on a worker thread has no running event loop; hiding the loop
        # lets a job call asyncio.run() and makes get_running_loop() fail as
        # it would in a real thread.
        outer_loop = asyncio.events._get_running_loop()
        asyncio.events._set_running_loop(None)
        try:
            if not self._initialized[index]:
                self._initialized[index] = True
                try:
                    self._initializer(*self._initargs)
                except _DELIVERED:
                    self._broken = ("A worker initializer failed, "
                                    "the pool is not usable anymore")
            if self._broken is not None:
                error = self._broken_class(self._broken)
            else:
                try:
                    with schedule.job():
                        value = fn(*args, **kwargs)
                except _DELIVERED as exc:
                    error = exc
        finally:
            asyncio.events._set_running_loop(outer_loop)
            finish = clock.leave_worker()
        self._free_ns[index] = finish
        if on_job is not None:
            on_job(self._label, index, start, finish, func_name(fn))
        return SimFuture(start, finish, value, error)

    def submit(self, fn, /, *args, **kwargs):
        return self._submit_job(fn, args, kwargs)

    def shutdown(self, wait=True, *, cancel_futures=False):
        self._shutdown = True
        if wait:
            # A real shutdown(wait=True) blocks until every job is done.
            clock = vtime.current_clock()
            last = max(self._free_ns)
            if last > clock.now_ns():
                clock.advance_ns(last - clock.now_ns())

    def __repr__(self):
        return f"<{type(self).__name__} {self._label!r} max_workers={self._max_workers}>"


class SimThreadPoolExecutor(_SimPool):
    """Stands in for ``concurrent.futures.ThreadPoolExecutor`` (8 workers)."""

    def __init__(self, max_workers=None, thread_name_prefix="", initializer=None, initargs=()):
        self._setup(max_workers, initializer, initargs)


class SimProcessPoolExecutor(_SimPool):
    """Stands in for ``concurrent.futures.ProcessPoolExecutor`` (4 workers).

    Jobs run in this interpreter: process isolation (pickling, separate
    globals) is not modelled, only the timing.
    """

    _kind = "process"
    _default_workers = 4
    _broken_class = BrokenProcessPool

    def __init__(self, max_workers=None, mp_context=None, initializer=None, initargs=(),
                 *, max_tasks_per_child=None):
        self._setup(max_workers, initializer, initargs)


# ------------------------------------------------------- asyncio integration

def default_executor():
    """The run's default executor (made on first use if ``reset`` has not)."""
    global _default
    if _default is None:
        _default = SimThreadPoolExecutor.__new__(SimThreadPoolExecutor)
        _default._setup(None, None, (), label="default")
    return _default


def set_default_executor(executor):
    """What ``loop.set_default_executor`` does in both runners."""
    global _default
    if not isinstance(executor, cf.Executor):
        raise TypeError("executor must be an Executor instance")
    _default = executor


def deliver_later(loop, sim_future):
    """An asyncio future on ``loop`` that receives ``sim_future``'s outcome
    from a timer at the job's finish time."""
    future = loop.create_future()

    def _deliver():
        if future.done():
            return  # cancelled while the job was "running"
        error = sim_future._looplab_exception
        if error is None:
            future.set_result(sim_future._looplab_value)
        elif isinstance(error, StopIteration):
            # asyncio futures refuse StopIteration; say what happened instead.
            future.set_exception(RuntimeError("the executor job raised StopIteration"))
        else:
            future.set_exception(error)

    loop.call_at(sim_future._looplab_finish_ns / 1e9, _deliver)
    return future


_original_wrap_future = asyncio.wrap_future


def run_in_executor(loop, executor, func, *args):
    """``loop.run_in_executor`` for both runners."""
    if executor is None:
        executor = default_executor()
    if isinstance(executor, _SimPool):
        return deliver_later(loop, executor._submit_job(func, args, {}))
    # A foreign Executor subclass: use it as asyncio would.
    return wrap_future(executor.submit(func, *args), loop=loop)


def wrap_future(future, *, loop=None):
    """``asyncio.wrap_future`` that delivers simulated jobs at finish time
    instead of at once (their concurrent future is already resolved)."""
    if isinstance(future, SimFuture):
        if loop is None:
            loop = asyncio.events._get_event_loop(stacklevel=4)
        return deliver_later(loop, future)
    return _original_wrap_future(future, loop=loop)


# ------------------------------------------- concurrent.futures wait helpers

_original_cf_wait = cf.wait
_original_cf_as_completed = cf.as_completed


def _all_simulated(fs):
    return bool(fs) and all(isinstance(f, SimFuture) for f in fs)


def cf_as_completed(fs, timeout=None):
    """Simulated futures come out in finish order, each after the caller's
    clock has advanced to its finish (or the timeout)."""
    fs = set(fs)
    if not _all_simulated(fs):
        yield from _original_cf_as_completed(fs, timeout)
        return
    clock = vtime.current_clock()
    deadline = None if timeout is None else clock.now_ns() + network.timeout_ns(max(0, timeout))
    ordered = sorted(fs, key=lambda f: (f._looplab_finish_ns, f._looplab_number))
    for position, future in enumerate(ordered):
        if deadline is not None and future._looplab_finish_ns > deadline:
            if deadline > clock.now_ns():
                clock.advance_ns(deadline - clock.now_ns())
            raise cf.TimeoutError(f"{len(ordered) - position} (of {len(ordered)}) "
                                  f"futures unfinished")
        future._wait_for_finish(None)
        yield future


def cf_wait(fs, timeout=None, return_when=cf.ALL_COMPLETED):
    """``concurrent.futures.wait`` for simulated futures: advance the caller
    to the moment the condition holds (or the timeout), then split."""
    fs = set(fs)
    if not _all_simulated(fs):
        return _original_cf_wait(fs, timeout, return_when)
    clock = vtime.current_clock()
    finishes = sorted(f._looplab_finish_ns for f in fs)
    target = finishes[-1]
    if return_when == cf.FIRST_COMPLETED:
        target = finishes[0]
    elif return_when == cf.FIRST_EXCEPTION:
        failed = [f._looplab_finish_ns for f in fs if f._looplab_exception is not None]
        target = min(failed) if failed else finishes[-1]
    if timeout is not None:
        target = min(target, clock.now_ns() + network.timeout_ns(max(0, timeout)))
    if target > clock.now_ns():
        clock.advance_ns(target - clock.now_ns())
    now = clock.now_ns()
    done = {f for f in fs if f._looplab_finish_ns <= now}
    return cf._base.DoneAndNotDoneFutures(done, fs - done)


def reset():
    """Forget pools from an earlier run: new default executor, numbering
    from 1 again."""
    global _default
    _default = None
    _pool_counts["thread"] = 0
    _pool_counts["process"] = 0
    default_executor()
