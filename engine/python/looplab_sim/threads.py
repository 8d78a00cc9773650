"""Simulated ``threading.Thread``: a thread is a simulated worker of its own.

Like an executor job, a thread's target runs to completion when ``start()`` is called, on a
worker clock that starts at the caller's time, so ``time.sleep`` in the target costs the
thread's time, not the caller's. ``join()`` then blocks the caller until the thread's finish
time (or the timeout), and ``is_alive()`` answers by the caller's clock. Output printed by the
thread carries the thread's time, as with executor workers.

This keeps runs deterministic: there is no real concurrency between the program's threads,
only the timing a real machine with enough cores would show.
"""

import asyncio
import threading

from . import executors, schedule, vtime

_original = {}
_numbers = [0]


def _start(self):
    if not self._initialized:
        raise RuntimeError("thread.__init__() not called")
    if self._started.is_set() or getattr(self, "_looplab_finish_ns", None) is not None:
        raise RuntimeError("threads can only be started once")
    clock = vtime.current_clock()
    # Thread.run() deletes _target when it ends: take the name first.
    job_name = executors.func_name(getattr(self, "_target", None) or self.run)
    _numbers[0] += 1
    start = clock.now_ns()
    clock.enter_worker(f"thread {self.name}", start)
    # A real thread has no running event loop; hide the loop's as the executors do.
    outer_loop = asyncio.events._get_running_loop()
    asyncio.events._set_running_loop(None)
    self._started.set()
    try:
        try:
            with schedule.job():
                self.run()
        except SystemExit:
            pass
        except Exception as exc:  # reported like an uncaught exception in a real thread
            threading.excepthook(threading.ExceptHookArgs(
                (type(exc), exc, exc.__traceback__, self)))
    finally:
        asyncio.events._set_running_loop(outer_loop)
        self._looplab_finish_ns = clock.leave_worker()
        self._is_stopped = True
    if executors.on_job is not None:
        executors.on_job("threads", _numbers[0], start, self._looplab_finish_ns, job_name)


def _join(self, timeout=None):
    finish = getattr(self, "_looplab_finish_ns", None)
    if finish is None:
        raise RuntimeError("cannot join thread before it is started")
    if self is threading.current_thread():
        raise RuntimeError("cannot join current thread")
    clock = vtime.current_clock()
    wait = finish - clock.now_ns()
    if timeout is not None:
        wait = min(wait, max(0, int(timeout * 1e9)))
    if wait > 0:
        clock.advance_ns(wait)


def _is_alive(self):
    finish = getattr(self, "_looplab_finish_ns", None)
    return finish is not None and vtime.current_clock().now_ns() < finish


def install_threads():
    """Replace Thread's start, join and is_alive (idempotent)."""
    if not _original:
        _original.update(start=threading.Thread.start, join=threading.Thread.join,
                         is_alive=threading.Thread.is_alive)
    _numbers[0] = 0
    threading.Thread.start = _start
    threading.Thread.join = _join
    threading.Thread.is_alive = _is_alive
