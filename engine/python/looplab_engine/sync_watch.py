"""Watching asyncio's locks, semaphores, events and queues without changing what they do.

asyncio's Lock does not remember which task holds it, and nothing tells a loop when a queue's
contents change. We attach light observers to the classes (an attribute hook on the state
fields, wrappers around the synchronous queue methods), note the objects that changed during
a step, and after the step record each changed object's state once.
"""

import asyncio
import json
import sys
import weakref

import _looplab

from . import describe

_dirty = {}                                   # object -> None, in order of change
_known = weakref.WeakKeyDictionary()          # object -> (id, kind)
_holders = weakref.WeakKeyDictionary()        # lock/semaphore -> [task ids]
_last_state = {}                              # object id -> last recorded JSON
_WATCHED_FIELDS = {"_locked", "_value"}


def _kind_of(obj):
    if isinstance(obj, asyncio.Lock):
        return "lock"
    if isinstance(obj, asyncio.Semaphore):
        return "semaphore"
    if isinstance(obj, asyncio.Event):
        return "event"
    if isinstance(obj, asyncio.Queue):
        return "queue"
    return "condition" if isinstance(obj, asyncio.Condition) else "object"


def _on_setattr(self, name, value):
    if name in _WATCHED_FIELDS:
        old = self.__dict__.get(name)
        object.__setattr__(self, name, value)
        _track_holder(self, name, old, value)
        _dirty[self] = None
    else:
        object.__setattr__(self, name, value)


def _track_holder(obj, name, old, new):
    task = _looplab.current_task()
    if name == "_locked" and isinstance(obj, asyncio.Lock):
        _holders[obj] = [task] if new and task >= 0 else []
    elif name == "_value" and isinstance(obj, asyncio.Semaphore) and old is not None:
        holders = _holders.setdefault(obj, [])
        if new < old and task >= 0:
            holders.append(task)
        elif new > old and holders:
            holders.remove(task if task in holders else holders[0])


def _wrap_queue_method(method):
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        finally:
            _dirty[self] = None
    wrapper.__name__ = method.__name__
    wrapper.__qualname__ = method.__qualname__
    wrapper.__doc__ = method.__doc__
    return wrapper


def install():
    for cls in (asyncio.Lock, asyncio.Semaphore, asyncio.Event):
        cls.__setattr__ = _on_setattr
    for name in ("put_nowait", "get_nowait", "task_done"):
        setattr(asyncio.Queue, name, _wrap_queue_method(getattr(asyncio.Queue, name)))


def holders(obj):
    return list(_holders.get(obj, ()))


def remember(obj, ident, kind):
    if obj not in _known:
        _known[obj] = (ident, kind)


_learned_names = weakref.WeakKeyDictionary()  # object -> a local variable name seen for it


def learn_name(obj, frames):
    """Remember a local variable name for obj from the waiting task's program frames."""
    if obj in _learned_names:
        return
    for frame in reversed(frames):
        for name, value in frame.f_locals.items():
            if value is obj and not name.startswith("_"):
                _learned_names[obj] = name
                return


def name_of(obj):
    """The program's variable that refers to obj: a global, else a local seen while waiting."""
    main = sys.modules.get("__main__")
    for name, value in getattr(main, "__dict__", {}).items():
        if value is obj and not name.startswith("_"):
            return name
    return _learned_names.get(obj)


def state_of(obj):
    kind = _kind_of(obj)
    if kind == "lock":
        state = {"locked": bool(obj._locked), "holder": (holders(obj) or [None])[0]}
    elif kind == "semaphore":
        state = {"value": obj._value, "holders": holders(obj),
                 "bounded": isinstance(obj, asyncio.BoundedSemaphore)}
    elif kind == "event":
        state = {"set": obj.is_set()}
    elif kind == "queue":
        items = list(obj._queue)
        state = {"size": len(items), "maxsize": obj.maxsize,
                 "unfinished": obj._unfinished_tasks,
                 "items": [describe.short_repr(i) for i in items[:8]]}
    else:
        state = {}
    return {"kind": kind, "name": name_of(obj), **state}


def flush():
    """Record the state of every object that changed since the last flush."""
    if not _dirty:
        return
    from . import recorder
    changed = list(_dirty)
    _dirty.clear()
    for obj in changed:
        ident = recorder.objects.get(obj)
        remember(obj, ident, _kind_of(obj))
        text = json.dumps(state_of(obj), separators=(",", ":"), ensure_ascii=False)
        if _last_state.get(ident) != text:
            _last_state[ident] = text
            _looplab.record_sync(ident, text)
