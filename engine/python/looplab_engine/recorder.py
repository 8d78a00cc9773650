"""What the C++ recorder cannot see by itself: which task a callback steps, what a task waits
on after each step, who created it, what it printed. Everything ends up in ``_looplab.record_*``.
"""

import asyncio
import json
import os
import sys
import weakref

import _looplab

from . import describe, sync_watch

_tasks = weakref.WeakValueDictionary()   # task id -> task
_task_ids = weakref.WeakKeyDictionary()  # task -> task id
_last_wait = {}                          # task id -> wait description (for deadlock reports)
_executor_jobs = weakref.WeakKeyDictionary()  # asyncio future -> job description
_pending_job = None
objects = describe.ObjectIds()
program_path = None
_SIM_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep + "looplab_sim"


def _dumps(value):
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


# --- tasks ----------------------------------------------------------------------------------
def task_id(task):
    """The task's id, assigning one (and recording its creation) on first sight."""
    found = _task_ids.get(task)
    if found is not None:
        return found
    new_id = _next_task_id()
    _task_ids[task] = new_id
    _tasks[new_id] = task
    coro = task.get_coro()
    coro_name = getattr(coro, "__qualname__", type(coro).__name__)
    _looplab.record_task(new_id, _looplab.current_task(), _looplab.program_line(),
                         task.get_name(), coro_name)
    _names[new_id] = task.get_name()
    _fresh.append(task)
    return new_id


_names = {}   # task id -> name last recorded
_fresh = []   # tasks created during the current step; asyncio.create_task names them later


def _record_renames():
    for task in _fresh:
        ident = _task_ids.get(task)
        if ident is not None and task.get_name() != _names.get(ident):
            _names[ident] = task.get_name()
            _looplab.record_rename(ident, task.get_name())
    _fresh.clear()


_counter = [0]


def _next_task_id():
    _counter[0] += 1
    return _counter[0]


def task_by_id(ident):
    return _tasks.get(ident)


def live_tasks():
    """Unfinished tasks in creation order."""
    return [(i, t) for i, t in sorted(_tasks.items()) if not t.done()]


def describe_callback(callback, args):
    """(task id or -1, what) for a callback entering the ready queue or the timer heap."""
    owner = getattr(callback, "__self__", None)
    if isinstance(owner, asyncio.Task):
        ident = task_id(owner)
        if args:  # Task.task_wakeup(future): the awaited future is done
            return ident, "wake " + owner.get_name()
        return ident, "step " + owner.get_name()
    return -1, describe.callable_name(callback)


# --- after every task step --------------------------------------------------------------------
def after_step(ident):
    _record_renames()
    task = _tasks.get(ident)
    if task is None:
        return
    if task.done():
        _last_wait.pop(ident, None)
        _trip_budget_for(task)
        _looplab.record_done(ident, _dumps(_outcome(task)))
    else:
        info, line = _describe_wait(task)
        _last_wait[ident] = dict(info["wait"], line=line, chain=info["chain"])
        _looplab.record_yield(ident, line, _dumps(info))
    sync_watch.flush()


def _trip_budget_for(task):
    """A task that died of a budget (output flood, memory) ends the whole run."""
    from looplab_sim import BudgetExceeded
    if task.cancelled():
        return
    exc = task.exception()
    if isinstance(exc, BudgetExceeded):
        _looplab.trip_budget(f"{exc}")
    elif isinstance(exc, MemoryError):
        _looplab.trip_budget("the program used more memory than the limit")


def _outcome(task):
    if task.cancelled():
        return {"state": "cancelled"}
    exc = task.exception()
    if exc is not None:
        return {"state": "failed", "exception": type(exc).__name__,
                "message": describe.short_repr(str(exc))}
    return {"state": "finished", "result": describe.short_repr(task.result())}


def _describe_wait(task):
    """What the suspended task waits on, its await chain and the locals of its program frame."""
    chain, leaf = describe.coroutine_chain(task)
    wait = None
    line = 0
    program_frames = [f for _, f in chain if f is not None and f.f_code.co_filename == program_path]
    program_frame = program_frames[-1] if program_frames else None
    for name, frame in reversed(chain):
        if frame is None:
            continue
        found = _classify_frame(name, frame, program_frames)
        # Queue.join waits on an internal Event: what the student awaits is the join.
        if found is not None and (wait is None or name in _WRAPPING_PRIMITIVES):
            wait = found
    if wait is None:
        wait = _classify_future(task._fut_waiter)
    info = {"wait": wait, "chain": [name for name, _ in chain]}
    if program_frame is not None:
        line = program_frame.f_lineno
        info["locals"] = describe.frame_locals(program_frame)
    return info, line


_WRAPPING_PRIMITIVES = {"Queue.join"}


def _obj(kind, obj, program_frames=()):
    ident = objects.get(obj)
    sync_watch.remember(obj, ident, kind)
    sync_watch.learn_name(obj, program_frames)
    return {"kind": kind, "obj": ident, "name": sync_watch.name_of(obj)}


def _classify_frame(name, frame, program_frames=()):
    f_locals = frame.f_locals
    if frame.f_code.co_filename.startswith(_SIM_DIR) and name.endswith("_simulated_request"):
        return {"kind": "network", "url": describe.short_repr(f_locals.get("url", ""))}
    if not describe.is_asyncio_frame(frame):
        return None
    this = f_locals.get("self")
    if name == "sleep":
        handle = f_locals.get("h")
        until = int(round(handle.when() * 1e9)) if handle is not None else _looplab.now_ns()
        return {"kind": "sleep", "delay": describe.short_repr(f_locals.get("delay")),
                "until": until}
    simple = {"Lock.acquire": "lock", "Semaphore.acquire": "semaphore", "Event.wait": "event",
              "Condition.wait": "condition", "Queue.get": "queue get", "Queue.put": "queue put",
              "Queue.join": "queue join", "Barrier.wait": "barrier"}
    if name in simple and this is not None:
        return _obj(simple[name], this, program_frames)
    if name == "wait_for":
        return {"kind": "wait_for", "timeout": describe.short_repr(f_locals.get("timeout"))}
    if name == "_wait":
        return {"kind": "wait", "count": len(f_locals.get("fs", ()))}
    if "as_completed" in name:
        return {"kind": "as_completed"}
    return None


def _classify_future(fut):
    if fut is None:
        return {"kind": "ready"}  # a bare yield: asyncio.sleep(0)
    if isinstance(fut, asyncio.Task):
        return {"kind": "task", "task": task_id(fut), "name": fut.get_name()}
    children = getattr(fut, "_children", None)
    if children is not None:
        return {"kind": "gather",
                "tasks": [task_id(c) for c in children if isinstance(c, asyncio.Task)]}
    job = _executor_jobs.get(fut)
    if job is not None:
        return {"kind": "executor", **job}
    return _obj("future", fut)


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


def deadlock_report(loop):
    from . import deadlock
    return deadlock.build_report(live_tasks(), _last_wait)
