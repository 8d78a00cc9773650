"""What the C++ recorder cannot see by itself: which task a callback steps, what a task waits
on after each step, who created it, what it printed. Everything ends up in ``_looplab.record_*``.
"""

import asyncio
import json
import os
import sys
import weakref

import _looplab
from looplab_sim import BudgetExceeded

from . import describe, sync_watch

_tasks = {}                              # task id -> weakref to the task
_task_ids = weakref.WeakKeyDictionary()  # task -> id, for tasks that cannot carry _ll_id
_executor_jobs = weakref.WeakKeyDictionary()  # asyncio future -> job description
_pending_job = None
program_path = None
_SIM_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep + "looplab_sim"


_dumps = describe.encode_json


# --- tasks ----------------------------------------------------------------------------------
def coroutine_of(task):
    """The task's coroutine, or None for a task-like object without get_coro() (a custom task
    factory may return any future)."""
    get_coro = getattr(task, "get_coro", None)
    return get_coro() if get_coro is not None else None


def name_of(task):
    """The task's name, or a name made from its type for a task-like object without
    get_name() (what a custom task factory returns need only be a future)."""
    get_name = getattr(task, "get_name", None)
    return get_name() if get_name is not None else type(task).__name__


def task_id(task):
    """The task's id, assigning one (and recording its creation) on first sight."""
    found = getattr(task, "_ll_id", None)
    if found is None:
        found = _task_ids.get(task)
    if found is not None:
        return found
    new_id = _next_task_id()
    try:
        task._ll_id = new_id  # loop-made tasks carry their id: the fastest lookup
    except AttributeError:
        _task_ids[task] = new_id
    _tasks[new_id] = weakref.ref(task, lambda _ref, ident=new_id: _tasks.pop(ident, None))
    coro = coroutine_of(task)
    coro_name = (getattr(coro, "__qualname__", type(coro).__name__) if coro is not None
                 else type(task).__name__)
    name = _name_to_come(task)
    _looplab.record_task(new_id, _looplab.current_task(), _looplab.program_line(), name,
                         coro_name)
    _names[new_id] = name
    try:
        _fresh.append(weakref.ref(task))
    except TypeError:
        pass  # a task-like object without weak references: its later renames are not seen
    return new_id


_CREATE_TASK_CODE = asyncio.tasks.create_task.__code__


def _name_to_come(task):
    """The name the task is about to get. asyncio.create_task(coro, name=...) makes the task
    first and names it afterwards; reading the name from create_task's frame lets the trace show
    the student's name from the start instead of a Task-N that lives for a few lines."""
    frame = sys._getframe(1)
    for _ in range(8):
        if frame is None:
            break
        if frame.f_code is _CREATE_TASK_CODE:
            name = describe.frame_locals(frame).get("name")
            return name_of(task) if name is None else str(name)
        frame = frame.f_back
    return name_of(task)


_names = {}   # task id -> name last recorded
_fresh = []   # weak references to tasks created during the current step; asyncio.create_task
              # names them later. Weak: the recorder must not keep a task alive (CPython reports
              # "Task was destroyed but it is pending!" when the last reference goes).


def _record_renames():
    for ref in _fresh:
        task = ref()
        if task is None:
            continue
        ident = task_id(task)
        name = name_of(task)
        if name != _names.get(ident):
            _names[ident] = name
            _looplab.record_rename(ident, name)
    _fresh.clear()


_counter = [0]


def _next_task_id():
    _counter[0] += 1
    return _counter[0]


def live_tasks():
    """Unfinished tasks in creation order."""
    found = [(i, ref()) for i, ref in sorted(_tasks.items())]
    return [(i, t) for i, t in found if t is not None and not t.done()]


# --- after every task step ---------------------------------------------------------------------
# The C++ StepDescriber handles the common cases (sleeps, bare yields, locals, JSON) and calls
# these for the rest.
short_repr = describe.short_repr


def housekeeping():
    """Renames of freshly created tasks, and the new state of changed locks, queues..."""
    if _fresh:
        _record_renames()
    sync_watch.flush()


def task_done(ident, task):
    """A task that failed (called from C++ after housekeeping)."""
    _trip_budget_for(task)
    _looplab.record_done(ident, _dumps(_outcome(task)))


def describe_wait(task, chain, program_frames):
    """JSON of what the suspended task waits on; chain is [(name, frame)] outermost first.
    Never raises into the program: what cannot be read is told as a plain future wait."""
    try:
        return _dumps(_describe_wait(task, chain, program_frames))
    except Exception:  # noqa: BLE001 - the program's run matters more than the description
        return _dumps({"kind": "future"})


def _describe_wait(task, chain, program_frames):
    wait = None
    for name, frame in reversed(chain):
        if frame is None:
            continue
        found = _classify_frame(name, frame, program_frames)
        if found is None:
            continue
        if wait is None:
            wait = found
        elif name in _WRAPPING_PRIMITIVES:
            # Queue.join waits on an internal Event: what the student awaits is the join.
            wait = found
        elif found["kind"] == "network":
            # A simulated request: its latency is a sleep, its connection limit a semaphore.
            if wait["kind"] == "sleep":
                wait = dict(found, until=wait["until"])
            elif wait["kind"] == "semaphore" and not wait.get("name"):
                wait = dict(wait, name="connection limit", url=found["url"])
    if wait is None:
        wait = _classify_future(getattr(task, "_fut_waiter", None))
    return wait


def _exception_of(task):
    """The finished task's exception, read without marking it retrieved: task.exception() would
    silence CPython's "Task exception was never retrieved" (and the loop's exception handler)
    for a program that never looks at it."""
    return getattr(task, "_exception", None)


def _trip_budget_for(task):
    """A task that died of a budget (output flood, memory) ends the whole run."""
    if task.cancelled():
        return
    exc = _exception_of(task)
    if isinstance(exc, BudgetExceeded):
        _looplab.trip_budget(f"{exc}")
    elif isinstance(exc, MemoryError):
        _looplab.trip_budget("the program used more memory than the limit")


def _outcome(task):
    if task.cancelled():
        return {"state": "cancelled"}
    exc = _exception_of(task)
    if exc is not None:
        return {"state": "failed", "exception": type(exc).__name__,
                "message": describe.short_repr(_message_of(exc))}
    return {"state": "finished", "result": describe.short_repr(getattr(task, "_result", None))}


def _message_of(exc):
    """str(exc), which runs the program's own __str__: a failing one must not end the run."""
    try:
        return str(exc)
    except Exception:  # noqa: BLE001
        return f"<{type(exc).__name__}: unprintable>"


_WRAPPING_PRIMITIVES = {"Queue.join"}
_SIMPLE_WAITS = {"Lock.acquire": "lock", "Semaphore.acquire": "semaphore", "Event.wait": "event",
                 "Condition.wait": "condition", "Queue.get": "queue get", "Queue.put": "queue put",
                 "Queue.join": "queue join", "Barrier.wait": "barrier"}


def _program_frames_of_tasks():
    """The program frames of every live task, task by task in creation order, outermost first."""
    for _ident, task in live_tasks():
        coro = coroutine_of(task)
        while coro is not None:
            frame = getattr(coro, "cr_frame", None)
            if frame is not None and frame.f_code.co_filename == program_path:
                yield frame
            coro = getattr(coro, "cr_await", None)
            if coro is not None and not hasattr(coro, "cr_frame"):
                break


def _obj(kind, obj, program_frames=()):
    sync_watch.learn_name(obj, program_frames, _program_frames_of_tasks)
    return {"kind": kind, "obj": sync_watch.watched(obj).ident, "name": sync_watch.name_of(obj)}


def object_wait(kind, obj, program_frames):
    """JSON for a wait on a lock, semaphore, event, condition or queue (called from C++)."""
    try:
        return _dumps(_obj(kind, obj, program_frames))
    except Exception:  # noqa: BLE001 - never raise into the program
        return _dumps({"kind": kind})


def _classify_frame(name, frame, program_frames=()):
    if name.endswith("_simulated_request") and frame.f_code.co_filename.startswith(_SIM_DIR):
        return {"kind": "network", "url": str(describe.frame_locals(frame).get("url", ""))[:200]}
    if not describe.is_asyncio_frame(frame):
        return None
    f_locals = describe.frame_locals(frame)
    this = f_locals.get("self")
    simple = _SIMPLE_WAITS.get(name)
    if simple is not None and this is not None:
        return _obj(simple, this, program_frames)
    if name == "sleep":
        handle = f_locals.get("h")
        until = int(round(handle.when() * 1e9)) if handle is not None else _looplab.now_ns()
        return {"kind": "sleep", "delay": describe.short_repr(f_locals.get("delay")),
                "until": until}
    if name == "wait_for":
        return {"kind": "wait_for", "timeout": describe.short_repr(f_locals.get("timeout"))}
    if name == "TaskGroup.__aexit__" and type(this).__name__ == "TaskGroup":
        # The end of `async with TaskGroup()`: it waits for every child still running.
        return {"kind": "taskgroup",
                "tasks": [task_id(t) for t in getattr(this, "_tasks", ()) if not t.done()]}
    if name == "_wait":
        return {"kind": "wait", "count": len(f_locals.get("fs", ()))}
    if "as_completed" in name:
        return {"kind": "as_completed"}
    return None


def _classify_future(fut):
    if fut is None:
        return {"kind": "ready"}  # a bare yield: asyncio.sleep(0)
    if isinstance(fut, asyncio.Task):
        return {"kind": "task", "task": task_id(fut), "name": name_of(fut)}
    children = getattr(fut, "_children", None)
    if children is not None:  # gather: the tasks it runs, and any other futures it waits for
        wait = {"kind": "gather",
                "tasks": [task_id(c) for c in children if isinstance(c, asyncio.Task)]}
        others = [_classify_future(c) for c in children
                  if not isinstance(c, asyncio.Task) and not c.done()]
        if others:
            wait["futures"] = others
        return wait
    job = _executor_jobs.get(fut)
    if job is not None:
        return {"kind": "executor", **job}
    inner = _shielded(fut)
    if isinstance(inner, asyncio.Task):
        return {"kind": "shield", "task": task_id(inner), "name": name_of(inner)}
    return _obj("future", fut)


def _shielded(outer):
    """What asyncio.shield() protects, when `outer` is the future it returned, else None.

    shield() hands back a plain Future tied to the inner one by a done-callback whose closure
    holds `inner`; reading it there is how the wait can name the shielded task.
    """
    for entry in getattr(outer, "_callbacks", None) or ():
        callback = entry[0] if isinstance(entry, tuple) else entry
        code = getattr(callback, "__code__", None)
        if code is not None and code.co_name == "_outer_done_callback" and \
                "inner" in code.co_freevars:
            return callback.__closure__[code.co_freevars.index("inner")].cell_contents
    return None


# --- executors, output ------------------------------------------------------------------------
def on_job(pool, worker, start_ns, finish_ns, func_name):
    global _pending_job
    task = _looplab.current_task()
    _looplab.record_job(task, pool, worker, start_ns, finish_ns, func_name)
    _pending_job = {"pool": pool, "worker": worker, "fn": func_name, "until": finish_ns}


def executor_future(fut):
    global _pending_job
    if _pending_job is not None:
        _executor_jobs[fut] = _pending_job
        _pending_job = None
    return fut


def on_print(stamp_ns, text):
    task = -1 if _looplab.on_worker() else _looplab.current_task()
    _looplab.record_print(stamp_ns, task, _looplab.thread_label(), text)


def on_error_text(stamp_ns, text):
    """A piece of the program's standard error (ending a line): asyncio's reports among it."""
    task = -1 if _looplab.on_worker() else _looplab.current_task()
    _looplab.record_print(stamp_ns, task, _looplab.thread_label(), text, 1)


_phases = []  # the phases recorded so far in this run, in order


def record_phase(name, info):
    """Marks a moment of the run's own (not the program's) in the trace: "deadlock" when the
    loop finds nothing to run and no timer to wait for, "cleanup" when asyncio.run starts
    cancelling leftover tasks and shutting down."""
    _phases.append(name)
    _looplab.record_phase(name, json.dumps(info, separators=(",", ":"), ensure_ascii=False))


def install_cleanup_marker():
    """asyncio.run (Runner.close) begins its clean-up with runners._cancel_all_tasks(loop):
    record that moment, with the tasks it is about to cancel, before it does anything."""
    import asyncio.runners as runners
    cancel_all = runners._cancel_all_tasks

    def cancel_all_tasks(loop):
        pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
        record_phase("cleanup", {"after": "deadlock" if "deadlock" in _phases else "main",
                                 "tasks": sorted(task_id(t) for t in pending)})
        return cancel_all(loop)

    runners._cancel_all_tasks = cancel_all_tasks


def deadlock_report(loop):
    from . import deadlock
    last_wait = {}
    for ident, _task in live_tasks():
        found = _looplab.last_wait(ident)
        if found is not None:
            last_wait[ident] = dict(json.loads(found[1]), line=found[0])
    return deadlock.build_report(live_tasks(), last_wait)
