"""Turning live asyncio objects into short, deterministic descriptions for the trace.

Nothing here may call a user's ``__repr__`` (it could print or change state) or show a memory
address (traces must be byte-identical between runs), so values outside a few builtin types
are shown by their type name only.
"""

import asyncio
import os
import weakref

_ASYNCIO_DIR = os.path.dirname(asyncio.__file__)
_SIMPLE = (int, float, bool, type(None))
_MAX_TEXT = 40


def short_repr(value, depth=0):
    """A repr of at most ~40 characters that never runs user code."""
    if isinstance(value, _SIMPLE):
        text = repr(value)
    elif isinstance(value, (str, bytes)):
        text = repr(value[:_MAX_TEXT])
    elif isinstance(value, asyncio.Task):
        text = f"<Task {value.get_name()}>"
    elif isinstance(value, asyncio.Future):
        text = "<Future done>" if value.done() else "<Future pending>"
    elif isinstance(value, (list, tuple, set, frozenset, dict)) and type(value) in (
            list, tuple, set, frozenset, dict):
        text = _container_repr(value, depth)
    else:
        text = f"<{type(value).__name__}>"
    return text if len(text) <= _MAX_TEXT else text[:_MAX_TEXT - 3] + "..."


def _container_repr(value, depth):
    if depth >= 2:
        return f"<{type(value).__name__} of {len(value)}>"
    if isinstance(value, dict):
        parts = [f"{short_repr(k, depth + 1)}: {short_repr(v, depth + 1)}"
                 for k, v in list(value.items())[:6]]
        body, open_, close = ", ".join(parts), "{", "}"
    else:
        items = sorted(value, key=repr) if isinstance(value, (set, frozenset)) else value
        parts = [short_repr(v, depth + 1) for v in list(items)[:8]]
        body = ", ".join(parts)
        open_, close = {list: "[]", tuple: "()", set: "{}", frozenset: "{}"}[type(value)]
    if len(value) > len(parts):
        body += ", ..."
    return open_ + body + close


def frame_locals(frame):
    """The frame's interesting locals as {name: short repr}."""
    out = {}
    for name, value in frame.f_locals.items():
        if name.startswith("__") or callable(value) and not isinstance(value, asyncio.Future):
            continue
        out[name] = short_repr(value)
        if len(out) >= 12:
            break
    return out


def callable_name(fn):
    """A stable name for a callback: its qualified name, or its type's."""
    inner = getattr(fn, "func", None)  # functools.partial
    if inner is not None:
        fn = inner
    name = getattr(fn, "__qualname__", None)
    return name if isinstance(name, str) else type(fn).__name__


def coroutine_chain(task):
    """The task's await chain, outermost first: [(name, frame)], and the awaitable at its end."""
    chain = []
    coro = task.get_coro()
    leaf = None
    while coro is not None:
        frame = getattr(coro, "cr_frame", None) or getattr(coro, "gi_frame", None)
        chain.append((getattr(coro, "__qualname__", type(coro).__name__), frame))
        nxt = getattr(coro, "cr_await", None)
        if nxt is None:
            nxt = getattr(coro, "gi_yieldfrom", None)
        if nxt is None or not (hasattr(nxt, "cr_frame") or hasattr(nxt, "gi_frame")):
            leaf = nxt
            break
        coro = nxt
    return chain, leaf


def is_asyncio_frame(frame):
    return frame is not None and os.path.dirname(frame.f_code.co_filename) == _ASYNCIO_DIR


class ObjectIds:
    """Small stable ids (1, 2, ...) for locks, queues, futures... in order of first sight."""

    def __init__(self):
        self._ids = weakref.WeakKeyDictionary()
        self._fallback = {}  # objects that cannot be weakly referenced
        self._next = 1

    def get(self, obj):
        try:
            table = self._ids
            found = table.get(obj)
        except TypeError:
            table = self._fallback
            found = table.get(id(obj))
            obj_key = id(obj)
        else:
            obj_key = obj
        if found is None:
            found = self._next
            self._next += 1
            table[obj_key] = found
        return found
