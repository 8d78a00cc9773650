"""LoopLab's event loop as asyncio sees it.

``VirtualEventLoop`` reuses CPython's ``BaseEventLoop`` for the bookkeeping around the loop
(run_forever, run_until_complete, exception handlers, async generator hooks) and replaces its
heart: scheduling callbacks and running one iteration happen in the C++ core (``_looplab``),
on virtual time. Callbacks are ordinary ``asyncio.Handle``/``TimerHandle`` objects, so
cancellation and contexts behave exactly as in CPython.
"""

import asyncio
import collections
import os
from asyncio import base_events, events, tasks

import _looplab

from looplab_sim import determinism, executors, schedule
from looplab_sim.loop_support import NotSimulatedLoopMixin

from . import recorder


class Deadlock(BaseException):
    """The loop can never run another callback while tasks are unfinished."""

    def __init__(self, report):
        super().__init__(report["text"])
        self.report = report


_ENGINE_DIR = os.path.dirname(os.path.abspath(recorder.__file__)) + os.sep
_MODEL_DIR = os.path.dirname(os.path.abspath(determinism.__file__)) + os.sep
_OWN_DIRS = (_ENGINE_DIR, _MODEL_DIR)


def _trim_source_traceback(obj, keep_loop_frame=False):
    """Debug mode: a handle's, task's or future's source traceback as CPython records it, from
    the program's first frame to the line that asked for it, without LoopLab's own frames (the
    runner that executes the program, this loop, the deterministic Task and Future).
    keep_loop_frame: end at the loop's own method, as CPython's create_future does."""
    frames = obj._source_traceback
    trailing = (_MODEL_DIR,) if keep_loop_frame else _OWN_DIRS
    while frames and frames[-1].filename.startswith(trailing):
        del frames[-1]
    start = 0
    while start < len(frames) and frames[start].filename.startswith(_OWN_DIRS):
        start += 1
    del frames[:start]


class _Handle(events.Handle):
    __slots__ = ("_ll_id",)


class _TimerHandle(events.TimerHandle):
    __slots__ = ("_ll_id",)


class VirtualEventLoop(NotSimulatedLoopMixin, base_events.BaseEventLoop):
    def __init__(self):
        # This loop's own ready queue and timers live in the C++ core under this id.
        self._ll_loop = _looplab.new_loop()
        super().__init__()
        self._clock_resolution = 1e-9

    # --- the ready queue and the timers, as BaseEventLoop names them ------------------------
    # Copies of what the core holds, first to run first: reading them is as in CPython,
    # changing them changes nothing (BaseEventLoop.__init__ assigns empty ones: ignored).
    @property
    def _ready(self):
        return collections.deque(self._core_list(_looplab.ready_handles))

    @_ready.setter
    def _ready(self, _value):
        pass

    @property
    def _scheduled(self):
        return self._core_list(_looplab.timer_handles)

    @_scheduled.setter
    def _scheduled(self, _value):
        pass

    def _core_list(self, read):
        if self._ll_loop is None:
            return []
        try:
            return read(self._ll_loop)
        except RuntimeError:
            return []  # collected after the run's engine session ended

    def close(self):
        super().close()  # refuses a running loop; a second close does nothing
        if self._closed and self._ll_loop is not None:
            # As BaseEventLoop.close clears _ready and _scheduled: what is still queued on this
            # loop is dropped and can never run inside a later loop.
            loop_id, self._ll_loop = self._ll_loop, None
            try:
                _looplab.close_loop(loop_id)
            except RuntimeError:
                pass  # collected after the run's engine session ended: nothing left to drop

    # --- time ----------------------------------------------------------------------------
    def time(self):
        return _looplab.time()

    # --- scheduling: everything goes to the C++ core -------------------------------------
    def _call_soon(self, callback, args, context):
        handle = _Handle(callback, args, self, context)
        if handle._source_traceback:  # debug mode: end at the caller, as CPython's _call_soon
            _trim_source_traceback(handle)
        handle._ll_id = _looplab.call_soon(self._ll_loop, handle, callback, args)
        return handle

    def call_at(self, when, callback, *args, context=None):
        if when is None:
            raise TypeError("when cannot be None")
        self._check_closed()
        if self._debug:
            self._check_thread()
            self._check_callback(callback, "call_at")
        timer = _TimerHandle(when, callback, args, self, context)
        if timer._source_traceback:  # debug mode: end at the caller, as CPython's call_at
            _trim_source_traceback(timer)
        timer._ll_id = _looplab.call_at(self._ll_loop, timer, when, callback, args,
                                        schedule.timer_tie())
        timer._scheduled = True
        return timer

    def _timer_handle_cancelled(self, handle):
        if handle._scheduled:
            _looplab.note_cancelled(handle._ll_id)

    def _run_once(self):
        outcome = _looplab.run_once(self._ll_loop, self._stopping)
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
        future = determinism.Future(loop=self)
        if future._source_traceback:
            _trim_source_traceback(future, keep_loop_frame=True)
        return future

    def create_task(self, coro, *, name=None, context=None):
        self._check_closed()
        if self._task_factory is None:
            task = determinism.Task(coro, loop=self, name=name, context=context)
            if task._source_traceback:  # as BaseEventLoop.create_task: end at the caller
                _trim_source_traceback(task)
        else:
            if context is None:
                task = self._task_factory(self, coro)
            else:
                task = self._task_factory(self, coro, context=context)
            if name is not None:
                tasks._set_task_name(task, name)  # as CPython: a warning if it has no set_name
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
