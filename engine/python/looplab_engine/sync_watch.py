"""Watching asyncio's locks, semaphores, events and queues without changing what they do.

asyncio's Lock does not remember which task holds it, and nothing tells a loop when a queue's
contents change. We attach light observers to the classes (an attribute hook on the state
fields, wrappers around the synchronous queue methods), note the objects that changed during
a step, and after the step record each changed object's state once.
"""

import asyncio
import sys
import weakref

import _looplab

from . import describe

_dirty = {}                                   # object -> None, in order of change
_WATCHED_FIELDS = {"_locked", "_value"}


class Watched:
    """What LoopLab knows about one lock, semaphore, event, queue or future."""
    __slots__ = ("ident", "kind", "holders", "global_name", "local_name", "last_state", "change",
                 "__weakref__")

    def __init__(self, ident, kind):
        self.ident = ident
        self.kind = kind
        self.holders = []        # task ids holding a lock or semaphore
        self.global_name = None  # None: not looked up yet; "": no global refers to it
        self.local_name = None
        self.last_state = None   # JSON last recorded
        self.change = {}         # semaphores: {"released": task, "acquired": task} since the last flush


_fallback = weakref.WeakKeyDictionary()  # objects without a __dict__ (C futures)
_by_id = {}                              # ident -> weak reference to the object
_next_ident = [1]


def _own_dict(obj):
    """The object's instance dictionary, or None. Reading __dict__ can raise more than
    AttributeError (a C future subclass: "this __dict__ descriptor does not support 'Future'
    objects"), and the recorder must never raise into the program."""
    try:
        attrs = object.__getattribute__(obj, "__dict__")
    except (AttributeError, TypeError):
        return None
    return attrs if type(attrs) is dict else None


def watched(obj):
    """The object's record, created on first sight with the next id (1, 2, ...).
    Kept in the object's own __dict__: cheaper than a weak mapping, gone with the object."""
    attrs = _own_dict(obj)
    record = attrs.get("_looplab_watch") if attrs is not None else _fallback.get(obj)
    if record is None:
        record = Watched(_next_ident[0], _kind_of(obj))
        _next_ident[0] += 1
        if attrs is not None:
            attrs["_looplab_watch"] = record
        else:
            _fallback[obj] = record
        _by_id[record.ident] = weakref.ref(obj)
    return record


def object_by_id(ident):
    ref = _by_id.get(ident)
    return ref() if ref is not None else None


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
    record = watched(obj)
    if name == "_locked" and record.kind == "lock":
        record.holders = [task] if new and task >= 0 else []
    elif name == "_value" and record.kind == "semaphore" and old is not None:
        holders = record.holders
        if new < old and task >= 0:
            # Since 3.11.1 a release hands the permit straight to the first waiter
            # (Semaphore._wake_up_next takes it on the waiter's behalf): the new holder is
            # the task waiting on that future, not the releasing task that runs the code.
            receiver = _waiting_receiver(obj) if sys._getframe(2).f_code.co_name == \
                "_wake_up_next" else None
            if receiver is not None:
                task = receiver
            holders.append(task)
            record.change["acquired"] = task
        elif new > old and holders:
            released = task if task in holders else holders[0]
            holders.remove(released)
            record.change["released"] = released


def _waiting_receiver(semaphore):
    """The id of the task waiting on the semaphore's first waiter that is not done (the one
    _wake_up_next is about to wake), or None."""
    from . import recorder
    for fut in getattr(semaphore, "_waiters", None) or ():
        if fut.done():
            continue
        for task in asyncio.all_tasks(fut.get_loop()):
            if getattr(task, "_fut_waiter", None) is fut:
                return recorder.task_id(task)
        return None
    return None


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


def _mark_internal(original_init):
    """A Queue keeps an Event of its own for join(); the student never made it, so it is not
    shown (its state is the queue's `unfinished` count, which is)."""
    def __init__(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        _dirty.pop(self._finished, None)
        self._finished.__dict__["_looplab_internal"] = True
    __init__.__doc__ = original_init.__doc__
    return __init__


def install():
    for cls in (asyncio.Lock, asyncio.Semaphore, asyncio.Event):
        cls.__setattr__ = _on_setattr
    asyncio.Queue.__init__ = _mark_internal(asyncio.Queue.__init__)
    for name in ("put_nowait", "get_nowait", "task_done"):
        setattr(asyncio.Queue, name, _wrap_queue_method(getattr(asyncio.Queue, name)))


def holders(obj):
    return list(watched(obj).holders)


def learn_name(obj, frames, creator_frames=()):
    """Remember a local variable name for obj. The frames of the tasks that exist (outermost
    first: usually main, which created the lock and named it) come before the waiting task's
    own frames, whose parameter names can differ from task to task."""
    record = watched(obj)
    if record.local_name is not None:
        return
    for frame in list(creator_frames()) + list(reversed(frames)):
        for name, value in describe.frame_locals(frame).items():
            if value is obj and not name.startswith("_"):
                record.local_name = name
                return


def name_of(obj):
    """The program's variable that refers to obj: a global, else a local seen while waiting.
    Globals are looked up once per object: by then the program has assigned it."""
    record = watched(obj)
    if record.global_name is None:
        record.global_name = ""
        main = sys.modules.get("__main__")
        for name, value in getattr(main, "__dict__", {}).items():
            if value is obj and not name.startswith("_"):
                record.global_name = name
                break
    return record.global_name or record.local_name


def state_of(obj):
    record = watched(obj)
    kind = record.kind
    if kind == "lock":
        state = {"locked": bool(obj._locked), "holder": (record.holders or [None])[0]}
    elif kind == "semaphore":
        # A semaphore may have hundreds of holders: record who acquired or released, and let
        # readers replay the holder list, instead of repeating it at every change.
        state = {"value": obj._value, "bounded": isinstance(obj, asyncio.BoundedSemaphore)}
        # A release that hands the permit to a waiter (Semaphore._wake_up_next) names both,
        # in one state: the giver let go, then the waiter took it.
        change, record.change = record.change, {}
        state.update(change)
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
    changed = list(_dirty)
    _dirty.clear()
    for obj in changed:
        if (_own_dict(obj) or {}).get("_looplab_internal"):
            continue
        record = watched(obj)
        text = describe.encode_json(state_of(obj))
        if record.last_state != text:
            record.last_state = text
            _looplab.record_sync(record.ident, text)
