"""Virtual time: the installed clock, a pure-Python clock, and the patches that
make ``time`` and ``datetime`` read it.

Every simulated thread (the loop thread and each executor worker) has its own
integer nanosecond clock.  The runner owns the clock object; this module only
remembers which one is installed so that other parts of the model
(``requests``, executors, output stamps) can reach it without being handed it.
"""

import datetime as _dt_module
import math
import os
import time as _time_module

from . import schedule
from .gil import GilLedger, switch_interval_ns

__all__ = [
    "EPOCH_S",
    "PyClock",
    "current_clock",
    "set_clock",
    "install_time",
    "sleep_ns_for",
]

# 2024-01-01 09:00:00 UTC.  A fixed wall-clock origin keeps dates printed by
# programs identical on every run and in both runners.
EPOCH_S = 1704099600
_EPOCH_NS = EPOCH_S * 10**9

# The real functions, captured at import time (before any patching) so the
# model can still format real struct_time values.
_real = {
    name: getattr(_time_module, name)
    for name in ("localtime", "gmtime", "ctime", "asctime", "strftime")
}
_REAL_DATETIME = _dt_module.datetime
_REAL_DATE = _dt_module.date

_clock = None


def set_clock(clock):
    """Remember ``clock`` as the clock every patched function reads."""
    global _clock
    _clock = clock


def current_clock():
    """Return the installed clock; fail loudly if ``install`` never ran."""
    if _clock is None:
        raise RuntimeError("looplab_sim: no clock installed (call looplab_sim.install first)")
    return _clock


class PyClock:
    """Pure-Python implementation of the clock duck type.

    The reference runner uses it; the C++ engine provides its own with the same
    methods.  Workers nest (a job may itself submit a job and wait for it), so
    the running worker is the top of a stack and the loop thread is what
    remains when the stack is empty.  Threads share one GIL (``gil.GilLedger``);
    a process pool worker has its own.
    """

    def __init__(self, start_ns=0):
        self.loop_ns = int(start_ns)
        self._workers = []  # [label, ns, GIL thread number or None] lists, innermost last
        self._gil = GilLedger()
        # Called as on_gil_wait(thread label, start ns, duration ns, holder label).
        self.on_gil_wait = None

    def now_ns(self):
        if self._workers:
            return self._workers[-1][1]
        return self.loop_ns

    def advance_ns(self, ns):
        """The running thread blocks for ``ns``, releasing the GIL."""
        ns = int(ns)
        if ns < 0:
            raise ValueError("a simulated clock cannot go backwards")
        if self._workers:
            self._workers[-1][1] += ns
        else:
            self.loop_ns += ns
            self.retake_gil()

    def spend_ns(self, ns):
        """The running thread executes ``ns`` of program lines, under the GIL
        unless it is a process."""
        if not self._workers:
            self.loop_ns += ns
            return
        worker = self._workers[-1]
        if worker[2] is None:
            worker[1] += ns
            return
        start, waits = self._gil.take(worker[2], worker[1], ns)
        if self.on_gil_wait is not None:
            since = worker[1]
            for until, holder in waits:
                self.on_gil_wait(worker[0], since, until - since, self._gil.label(holder))
                since = until
        worker[1] = start + ns

    def loop_waits(self, ns):
        """The loop sleeps in its selector (which releases the GIL)."""
        self.loop_ns += int(ns)
        self.retake_gil()

    def retake_gil(self):
        """The loop thread takes the GIL back after a wait; a worker's next
        line does that by itself."""
        if self._workers:
            return
        self._gil.forget_before(self.loop_ns)
        if not len(self._gil):
            return
        until, holder = self._gil.retake(self.loop_ns, switch_interval_ns())
        if until > self.loop_ns:
            if self.on_gil_wait is not None:
                self.on_gil_wait("loop", self.loop_ns, until - self.loop_ns,
                                 self._gil.label(holder))
            self.loop_ns = until

    def enter_worker(self, label, start_ns, shares_gil=True):
        thread = self._gil.add_thread(label) if shares_gil else None
        self._workers.append([label, int(start_ns), thread])

    def leave_worker(self):
        if not self._workers:
            raise RuntimeError("leave_worker() without a matching enter_worker()")
        return self._workers.pop()[1]

    def current_label(self):
        """Name of the running simulated thread (handy in tests and messages)."""
        return self._workers[-1][0] if self._workers else "loop"


# ---------------------------------------------------------------- time module

def _now():
    return current_clock().now_ns()


def _monotonic():
    return _now() / 1e9


def _monotonic_ns():
    return _now()


def _time():
    return EPOCH_S + _now() / 1e9


def _time_ns():
    return _EPOCH_NS + _now()


def _wall_seconds():
    """Whole seconds of virtual wall time, for the struct_time functions."""
    return EPOCH_S + _now() // 10**9


def sleep_ns_for(seconds):
    """Convert a ``time.sleep`` argument to nanoseconds, validating it the way
    CPython does so that wrong programs fail with the familiar message."""
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)):
        if not hasattr(seconds, "__float__") and not hasattr(seconds, "__index__"):
            raise TypeError(
                "'%s' object cannot be interpreted as an integer" % type(seconds).__name__
            )
    if isinstance(seconds, int):
        if seconds < 0:
            raise ValueError("sleep length must be non-negative")
        return seconds * 10**9
    value = float(seconds)
    if math.isnan(value):
        raise ValueError("Invalid value NaN (not a number)")
    if value < 0:
        raise ValueError("sleep length must be non-negative")
    if math.isinf(value):
        raise OverflowError("timestamp too large to convert to C _PyTime_t")
    return int(math.ceil(value * 1e9))


def _sleep(seconds):
    # The running simulated thread simply spends the time; nothing else runs
    # "meanwhile" on this thread, which is exactly what blocking means.
    current_clock().advance_ns(schedule.blocking_ns(sleep_ns_for(seconds)))


def _localtime(secs=None):
    return _real["localtime"](_wall_seconds() if secs is None else secs)


def _gmtime(secs=None):
    return _real["gmtime"](_wall_seconds() if secs is None else secs)


def _ctime(secs=None):
    return _real["ctime"](_wall_seconds() if secs is None else secs)


def _asctime(t=None):
    return _real["asctime"](_real["localtime"](_wall_seconds()) if t is None else t)


def _strftime(format, t=None):
    return _real["strftime"](format, _real["localtime"](_wall_seconds()) if t is None else t)


_TIME_PATCHES = {
    "time": _time,
    "time_ns": _time_ns,
    "monotonic": _monotonic,
    "monotonic_ns": _monotonic_ns,
    "perf_counter": _monotonic,
    "perf_counter_ns": _monotonic_ns,
    # CPU-time clocks would leak the host's speed into the program; in the
    # model a simulated thread is always "on CPU", so they follow virtual time.
    "process_time": _monotonic,
    "process_time_ns": _monotonic_ns,
    "thread_time": _monotonic,
    "thread_time_ns": _monotonic_ns,
    "sleep": _sleep,
    "localtime": _localtime,
    "gmtime": _gmtime,
    "ctime": _ctime,
    "asctime": _asctime,
    "strftime": _strftime,
}


# ------------------------------------------------------------ datetime module

class _RealTypeCheck(type):
    """Metaclass that makes ``isinstance(x, datetime.datetime)`` still true for
    datetime objects created by C code (which are of the real class), so that
    swapping the class in does not break type checks in the program."""

    def __instancecheck__(cls, obj):
        return isinstance(obj, cls._looplab_real)

    def __subclasscheck__(cls, sub):
        return issubclass(sub, cls._looplab_real)


def _virtual_fields():
    ns = _now()
    return EPOCH_S + ns // 10**9, (ns // 1000) % 10**6


class _SimDatetime(_REAL_DATETIME, metaclass=_RealTypeCheck):
    _looplab_real = _REAL_DATETIME

    @classmethod
    def now(cls, tz=None):
        # Build from whole seconds plus exact microseconds: going through a
        # float timestamp could round the microseconds differently.
        secs, micros = _virtual_fields()
        return cls.fromtimestamp(secs, tz).replace(microsecond=micros)

    @classmethod
    def utcnow(cls):
        secs, micros = _virtual_fields()
        return cls.utcfromtimestamp(secs).replace(microsecond=micros)

    @classmethod
    def today(cls):
        return cls.now()


class _SimDate(_REAL_DATE, metaclass=_RealTypeCheck):
    _looplab_real = _REAL_DATE

    @classmethod
    def today(cls):
        return cls.fromtimestamp(_virtual_fields()[0])


# The C repr uses the type's name, so a dotted name keeps reprs looking like
# the real ``datetime.datetime(2024, 1, 1, 9, 0)``.
for _cls, _short in ((_SimDatetime, "datetime"), (_SimDate, "date")):
    _cls.__name__ = "datetime." + _short
    _cls.__qualname__ = _short
    _cls.__module__ = "datetime"


def install_time(clock):
    """Point the ``time`` and ``datetime`` modules at the virtual clock."""
    set_clock(clock)
    os.environ["TZ"] = "UTC"
    _time_module.tzset()
    for name, func in _TIME_PATCHES.items():
        setattr(_time_module, name, func)
    _dt_module.datetime = _SimDatetime
    _dt_module.date = _SimDate
