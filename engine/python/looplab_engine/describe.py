"""Turning live asyncio objects into short, deterministic descriptions for the trace.

Nothing here may call a user's ``__repr__`` (it could print or change state) or show a memory
address (traces must be byte-identical between runs), so values outside a few builtin types
are shown by their type name only.
"""

import asyncio
import inspect
import json
import os

# One encoder for every JSON fragment the recorder hands to C++: compact, UTF-8 kept as is.
encode_json = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode

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


_asyncio_files = {}  # co_filename -> is it one of asyncio's own modules


def is_asyncio_frame(frame):
    if frame is None:
        return False
    filename = frame.f_code.co_filename
    found = _asyncio_files.get(filename)
    if found is None:
        found = _asyncio_files[filename] = os.path.dirname(filename) == _ASYNCIO_DIR
    return found


_CO_OPTIMIZED = inspect.CO_OPTIMIZED


def frame_locals(frame):
    """A copy of the frame's local variables, read without keeping them alive.

    In CPython 3.11, reading frame.f_locals of a function frame fills a dict that stays on the
    frame until the next read: the recorder would hold every local of a suspended task, so an
    object the program dropped (a task, a lock) would outlive it and "Task was destroyed but
    it is pending!", weakref callbacks or __del__ would come late or never. The cached dict is
    emptied after copying; locals() fills it again from the frame whenever it is asked. A
    module's or class body's f_locals is its namespace: left alone."""
    cached = frame.f_locals
    found = dict(cached)
    if frame.f_code.co_flags & _CO_OPTIMIZED:
        cached.clear()
    return found
