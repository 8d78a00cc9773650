"""The program's standard error, recorded line by line in the trace as it is written.

asyncio reports some things only on standard error, at the moment they happen: "Task exception
was never retrieved" and "Task was destroyed but it is pending!" when the garbage collector
destroys a task, a callback's exception, a slow callback in debug mode. The window shows each
at the step where CPython writes it, so stderr is recorded as `print` events with
`stream: "stderr"` (docs/trace-format.md), besides going to the real standard error as before.
"""

import io

import _looplab

# A flood of standard error must not flood the trace: beyond these, only the real stream gets it.
MAX_RECORDED_WRITES = 2000
MAX_RECORDED_CHARS = 4000  # of one write


class RecordedErrorStream(io.TextIOBase):
    """Wraps the real sys.stderr: everything is written through at once; each piece of text
    that ends a line is also recorded, stamped with the virtual time at which the line ended
    (the trace's events never go back in time; program lines may run between the pieces)."""

    def __init__(self, real, on_text):
        super().__init__()
        self._real = real
        self._on_text = on_text  # on_text(stamp_ns, text)
        self._pending = []
        self._recorded = 0

    # What code asks of sys.stderr besides write().
    @property
    def encoding(self):
        return self._real.encoding

    @property
    def errors(self):
        return self._real.errors

    def fileno(self):
        return self._real.fileno()

    def isatty(self):
        return False

    def writable(self):
        return True

    def flush(self):
        self._real.flush()

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        written = self._real.write(text)
        if text and self._recorded <= MAX_RECORDED_WRITES:
            self._pending.append(text)
            if text.endswith("\n"):
                self._record()
        return written

    def finish(self):
        """Records what is left without a final newline."""
        if self._pending:
            self._record()

    def _record(self):
        text = "".join(self._pending).rstrip("\n")
        self._pending = []
        self._recorded += 1
        if self._recorded > MAX_RECORDED_WRITES:
            text = ("(LoopLab stopped recording standard error here: more than "
                    f"{MAX_RECORDED_WRITES} writes; all of it is in Errors and reports)")
        elif len(text) > MAX_RECORDED_CHARS:
            text = text[:MAX_RECORDED_CHARS] + " …"
        self._on_text(_looplab.now_ns(), text)
