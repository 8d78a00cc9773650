"""LoopLab's event loop as asyncio sees it.

``VirtualEventLoop`` reuses CPython's ``BaseEventLoop`` for the bookkeeping around the loop
(run_forever, run_until_complete, exception handlers, async generator hooks) and replaces its
heart: scheduling callbacks and running one iteration happen in the C++ core (``_looplab``),
on virtual time. Callbacks are ordinary ``asyncio.Handle``/``TimerHandle`` objects, so
cancellation and contexts behave exactly as in CPython.
"""

import asyncio
from asyncio import base_events, events

import _looplab

from looplab_sim import determinism, executors, schedule
from looplab_sim.loop_support import NotSimulatedLoopMixin

from . import recorder


class Deadlock(BaseException):
    """The loop can never run another callback while tasks are unfinished."""

    def __init__(self, report):
        super().__init__(report["text"])
        self.report = report


class _Handle(events.Handle):
    __slots__ = ("_ll_id",)


class _TimerHandle(events.TimerHandle):
    __slots__ = ("_ll_id",)


class VirtualEventLoop(NotSimulatedLoopMixin, base_events.BaseEventLoop):
    def __init__(self):
        super().__init__()
        self._clock_resolution = 1e-9

    # --- time ----------------------------------------------------------------------------
    def time(self):
        return _looplab.time()

    # --- scheduling: everything goes to the C++ core -------------------------------------
    def _call_soon(self, callback, args, context):
        handle = _Handle(callback, args, self, context)
        handle._ll_id = _looplab.call_soon(handle, callback, args)
        return handle

    def call_at(self, when, callback, *args, context=None):
        if when is None:
            raise TypeError("when cannot be None")
        self._check_closed()
        if self._debug:
            self._check_thread()
            self._check_callback(callback, "call_at")
        timer = _TimerHandle(when, callback, args, self, context)
        timer._ll_id = _looplab.call_at(timer, when, callback, args, schedule.timer_tie())
        timer._scheduled = True
        return timer

    def _timer_handle_cancelled(self, handle):
        if handle._scheduled:
            _looplab.note_cancelled(handle._ll_id)

    def _run_once(self):
        outcome = _looplab.run_once(self._stopping)
        if outcome == "deadlock":
            report = recorder.deadlock_report(self)
            # The deadlock is a moment of its own in the trace, before asyncio.run's clean-up
            # cancels the stuck tasks and releases what they hold.
            recorder.record_phase("deadlock", {"tasks": report["tasks"], "cycle": report["cycle"]})
            raise Deadlock(report)
        if outcome == "budget":
            raise SystemExit("LoopLab budget exceeded")

    # Nothing to wake: the loop never blocks on a real selector.
    def _write_to_self(self):
        pass

    def _process_events(self, event_list):
        pass

    # --- tasks and futures with deterministic hashes ------------------------------------
    def create_future(self):
        return determinism.Future(loop=self)

    def create_task(self, coro, *, name=None, context=None):
        self._check_closed()
        if self._task_factory is None:
            task = determinism.Task(coro, loop=self, name=name, context=context)
        else:
            if context is None:
                task = self._task_factory(self, coro)
            else:
                task = self._task_factory(self, coro, context=context)
            if name is not None:
                task.set_name(name)
        recorder.task_id(task)
        return task

    # --- simulated executors -------------------------------------------------------------
    def run_in_executor(self, executor, func, *args):
        self._check_closed()
        return recorder.executor_future(
            executors.run_in_executor(self, executor, func, *args))

    def set_default_executor(self, executor):
        executors.set_default_executor(executor)


class VirtualEventLoopPolicy(asyncio.DefaultEventLoopPolicy):
    def new_event_loop(self):
        return VirtualEventLoop()
