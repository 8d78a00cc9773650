#!/usr/bin/python3
"""Reference runner: run a LoopLab program under plain CPython with the model.

    /usr/bin/python3 tests/fidelity/reference_runner.py PROGRAM.py
        [--stamp] [--line-cost NS] [--seed N] [--schedule-seed S] [--jitter F]

The fidelity suite compares the C++ engine against this script, so it does the
simplest thing that implements docs/simulation-model.md: CPython's own
``BaseEventLoop`` whose selector, instead of waiting for I/O, moves a
``PyClock`` forward.  All the model (time, network, executors, output,
determinism) comes from ``looplab_sim``, shared with the engine.

Exit status: 0 finished, 1 uncaught exception (traceback on stderr as
python3 prints it), 3 deadlock, 4 budget exceeded, or the program's own
``SystemExit`` code.
"""

import os
import sys


def _ensure_hash_seed():
    # String hashing must not vary between runs, and PYTHONHASHSEED only
    # takes effect at interpreter start-up, hence the re-exec.
    if os.environ.get("PYTHONHASHSEED") != "0":
        os.environ["PYTHONHASHSEED"] = "0"
        os.execv(sys.executable, [sys.executable, *sys.orig_argv[1:]])


if __name__ == "__main__":
    # Before anything else, so no work is wasted; importing this file (the
    # unit tests do, for the loop class) must not re-exec the importer.
    _ensure_hash_seed()

import argparse  # noqa: E402  (imports after the re-exec on purpose)
import asyncio  # noqa: E402
import heapq  # noqa: E402
import itertools  # noqa: E402
import math  # noqa: E402
import traceback  # noqa: E402
import types  # noqa: E402
from asyncio import base_events  # noqa: E402

_HERE = os.path.dirname(os.path.abspath(__file__))
_REPO = os.path.dirname(os.path.dirname(_HERE))
sys.path.insert(0, os.path.join(_REPO, "engine", "python"))

import looplab_sim  # noqa: E402
from looplab_sim import determinism, executors, loop_support  # noqa: E402

EXIT_OK, EXIT_EXCEPTION, EXIT_DEADLOCK, EXIT_BUDGET = 0, 1, 3, 4


_THIS_FILE = os.path.abspath(__file__)
_MODEL_DIR = os.path.dirname(os.path.abspath(determinism.__file__)) + os.sep


def _drop_own_frames(frames, own):
    """Debug mode: a source traceback ends where the program (or asyncio) asked, as in CPython,
    not inside this runner or the shared model (file names starting with any of `own`)."""
    while frames and frames[-1].filename.startswith(own):
        del frames[-1]


class Deadlock(BaseException):
    """The loop would wait forever.  A BaseException so that the program's
    ``except Exception`` cannot hide it."""


class VirtualSelector:
    """Stands where the I/O selector would.  There is never any I/O, so
    "waiting" only means letting virtual time pass."""

    def __init__(self, loop):
        self._loop = loop
        self.deadlock = None  # the message, once a deadlock happened

    def select(self, timeout=None):
        if timeout is None:
            # Nothing ready and no timer: a real loop would block forever.
            self.deadlock = loop_support.deadlock_message(self._loop)
            raise Deadlock(self.deadlock)
        if timeout > 0:
            # epoll waits in whole milliseconds, rounding up, and releases the
            # GIL meanwhile: the clock takes it back (docs/simulation-model.md).
            self._loop._looplab_clock.loop_waits(math.ceil(timeout * 1e3) * 1_000_000)
        return []

    def close(self):
        pass


class SequencedTimerHandle(asyncio.TimerHandle):
    """Timer ordered by (when, scheduling sequence).  CPython orders by
    ``when`` alone, and a heap does not keep equal keys in insertion order, so
    timers due at the same instant could fire in any order."""

    __slots__ = ("_looplab_tie", "_looplab_seq")

    def __init__(self, when, callback, args, loop, context, seq):
        super().__init__(when, callback, args, loop, context)
        # Equal deadlines: the perturbed model's seeded tie first (0 when unperturbed).
        self._looplab_tie = looplab_sim.schedule.timer_tie()
        self._looplab_seq = seq

    def _looplab_key(self):
        return (self._when, self._looplab_tie, self._looplab_seq)

    def __lt__(self, other):
        return self._looplab_key() < other._looplab_key()

    def __le__(self, other):
        return self._looplab_key() <= other._looplab_key()

    def __gt__(self, other):
        return self._looplab_key() > other._looplab_key()

    def __ge__(self, other):
        return self._looplab_key() >= other._looplab_key()


class VirtualLoop(loop_support.NotSimulatedLoopMixin, base_events.BaseEventLoop):
    """CPython's loop logic (``_run_once``) over virtual time."""

    def __init__(self, clock):
        super().__init__()
        self._looplab_clock = clock
        self._clock_resolution = 1e-9
        self._selector = VirtualSelector(self)
        self._timer_sequence = itertools.count()
        _all_loops.append(self)

    def time(self):
        return self._looplab_clock.now_ns() / 1e9

    def _process_events(self, event_list):
        pass

    def _write_to_self(self):
        pass

    def call_at(self, when, callback, *args, context=None):
        # Same steps as BaseEventLoop.call_at, with the sequenced handle.
        if when is None:
            raise TypeError("when cannot be None")
        self._check_closed()
        if self._debug:
            self._check_thread()
            self._check_callback(callback, "call_at")
        timer = SequencedTimerHandle(when, callback, args, self, context,
                                     next(self._timer_sequence))
        if timer._source_traceback:
            _drop_own_frames(timer._source_traceback, (_THIS_FILE,))
        heapq.heappush(self._scheduled, timer)
        timer._scheduled = True
        return timer

    def create_future(self):
        future = determinism.Future(loop=self)
        if future._source_traceback:  # ends here, as BaseEventLoop.create_future's
            _drop_own_frames(future._source_traceback, (_MODEL_DIR,))
        return future

    def create_task(self, coro, *, name=None, context=None):
        self._check_closed()
        if self._task_factory is not None:
            if context is None:
                task = self._task_factory(self, coro)
            else:
                task = self._task_factory(self, coro, context=context)
            asyncio.tasks._set_task_name(task, name)
            return task
        task = determinism.Task(coro, loop=self, name=name, context=context)
        if task._source_traceback:  # ends at the caller, as BaseEventLoop.create_task's
            _drop_own_frames(task._source_traceback, (_THIS_FILE, _MODEL_DIR))
        return task

    def run_in_executor(self, executor, func, *args):
        self._check_closed()
        if self._debug:
            self._check_callback(func, "run_in_executor")
        return executors.run_in_executor(self, executor, func, *args)

    def set_default_executor(self, executor):
        executors.set_default_executor(executor)


_all_loops = []  # every loop made in this run, to find deadlocks swallowed by the program


def _make_tracer(clock, program_path, line_cost_ns):
    """A ``sys.settrace`` function charging ``line_cost_ns`` per line event in
    the program's own frames (other frames get no local tracer at all, which
    also keeps the library code fast).  A line is bytecode: on a thread it
    runs under the GIL, hence ``spend_ns`` rather than ``advance_ns``."""
    advance = clock.spend_ns

    def trace_line(frame, event, arg):
        if event == "line":
            advance(line_cost_ns)
        return trace_line

    def trace_call(frame, event, arg):
        if frame.f_code.co_filename == program_path:
            return trace_line
        return None

    return trace_call


def _run_program(path, code, tracer):
    main = types.ModuleType("__main__")
    main.__file__ = path
    main.__cached__ = None
    main.__builtins__ = __builtins__
    sys.modules["__main__"] = main
    sys.argv = [path]
    sys.settrace(tracer)
    try:
        exec(code, main.__dict__)
    finally:
        sys.settrace(None)


def _print_traceback(exc, path):
    """Print like python3 would: start at the program's first frame rather
    than in this runner, and no frames at all for a SyntaxError."""
    tb = None
    if not isinstance(exc, SyntaxError):
        tb = exc.__traceback__
        while tb is not None and tb.tb_frame.f_code.co_filename != path:
            tb = tb.tb_next
        if tb is None:
            tb = exc.__traceback__
    traceback.print_exception(type(exc), exc, tb, file=sys.stderr)


def _system_exit_status(exc):
    code = exc.code
    if code is None:
        return EXIT_OK
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return EXIT_EXCEPTION


def _parse_args(argv):
    parser = argparse.ArgumentParser(description="Run a LoopLab program on the reference model.")
    parser.add_argument("program")
    parser.add_argument("--stamp", action="store_true", help="prefix lines with [S.mmm]")
    parser.add_argument("--line-cost", type=int, default=100, metavar="NS",
                        help="virtual ns charged per program line (default 100)")
    parser.add_argument("--seed", type=int, default=0, help="random.seed value (default 0)")
    parser.add_argument("--schedule-seed", type=int, default=None, metavar="S",
                        help="perturb the schedule with this seed (default: unperturbed)")
    parser.add_argument("--jitter", type=float, default=looplab_sim.schedule.DEFAULT_JITTER,
                        metavar="F", help="perturbation factors in [1-F, 1+F] (default 0.5)")
    parser.add_argument("--output-limit", type=int, default=looplab_sim.DEFAULT_OUTPUT_LIMIT,
                        metavar="BYTES", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv):
    args = _parse_args(argv)
    path = args.program
    real_stdout = sys.__stdout__
    # The program's directory, not this runner's, comes first on the path.
    if sys.path and os.path.abspath(sys.path[0] or ".") == _HERE:
        del sys.path[0]
    sys.path.insert(0, os.path.dirname(os.path.abspath(path)))

    clock = looplab_sim.PyClock()
    out = looplab_sim.install(clock, loop_factory=lambda: VirtualLoop(clock),
                              seed=args.seed, output_limit_bytes=args.output_limit,
                              schedule_seed=args.schedule_seed, jitter=args.jitter)
    status = EXIT_OK
    try:
        with open(path, "rb") as handle:
            source = handle.read()
        code = compile(source, path, "exec", dont_inherit=True)
        line_cost = looplab_sim.schedule.line_cost_ns(args.line_cost)  # drawn once per run
        _run_program(path, code, _make_tracer(clock, path, line_cost))
    except SystemExit as exc:
        status = _system_exit_status(exc)
    except Deadlock as exc:
        status = EXIT_DEADLOCK
        print(str(exc), file=sys.stderr)
    except looplab_sim.BudgetExceeded as exc:
        status = EXIT_BUDGET
        print(f"budget exceeded: {exc}", file=sys.stderr)
    except BaseException as exc:  # noqa: B902 - report everything as python3 would
        status = EXIT_EXCEPTION
        _print_traceback(exc, path)

    # A program may catch our BaseExceptions; the run still ended abnormally.
    swallowed = [loop._selector.deadlock for loop in _all_loops if loop._selector.deadlock]
    if status == EXIT_OK and out.budget_error is not None:
        status = EXIT_BUDGET
        print(f"budget exceeded: {out.budget_error}", file=sys.stderr)
    elif status == EXIT_OK and swallowed:
        status = EXIT_DEADLOCK
        print(swallowed[0], file=sys.stderr)

    out.finish()
    real_stdout.write(out.render(args.stamp))
    real_stdout.flush()
    sys.stderr.flush()
    return status


if __name__ == "__main__":
    _runner_module = sys.modules["__main__"]  # keep alive while the program replaces it
    sys.exit(main(sys.argv[1:]))
