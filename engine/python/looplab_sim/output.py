"""``sys.stdout`` replacement that remembers *when* each line was printed.

Lines printed by simulated workers carry the worker's clock, which may be ahead
of the loop thread's clock.  Printing them in program order would therefore
show time running backwards, so the stream keeps every line with a stamp and
the runner renders them sorted by stamp at the end.
"""

import io

from .errors import BudgetExceeded

__all__ = ["StampedOutput", "format_stamp"]


def format_stamp(stamp_ns):
    """``[S.mmm] `` with the stamp floored to whole milliseconds.

    Integer arithmetic only: a float division could round 1.2349999 s up.
    """
    ms = stamp_ns // 1_000_000
    return f"[{ms // 1000}.{ms % 1000:03d}] "


class _BinaryView(io.RawIOBase):
    """Minimal ``sys.stdout.buffer`` so programs that write bytes still work;
    the bytes are decoded and go through the same stamping path."""

    def __init__(self, text_stream):
        super().__init__()
        self._text = text_stream

    def writable(self):
        return True

    def write(self, data):
        self._text.write(bytes(data).decode("utf-8", "replace"))
        return len(data)


class StampedOutput(io.TextIOBase):
    """A write-only text stream that splits its input into stamped lines.

    ``clock`` is the clock duck type (only ``now_ns`` is used);
    ``limit_bytes`` bounds the total UTF-8 size printed; ``on_line`` (if given)
    is told ``(stamp_ns, text)`` for each completed line so a recorder can
    follow output live.
    """

    def __init__(self, clock, limit_bytes=8 * 1024 * 1024, on_line=None):
        super().__init__()
        self._clock = clock
        self._limit = int(limit_bytes)
        self._on_line = on_line
        self._bytes = 0
        self._lines = []           # (stamp_ns, text) of completed lines
        self._open_stamp = None    # stamp of the unfinished line, if any
        self._open_parts = []
        self._finished = False
        self.budget_error = None   # set once the output budget was blown
        self.buffer = _BinaryView(self)

    # -- the io.TextIOBase surface that print() and friends look at
    encoding = "utf-8"
    errors = "strict"
    newlines = None
    line_buffering = False
    name = "<stdout>"
    mode = "w"

    def readable(self):
        return False

    def writable(self):
        return True

    def seekable(self):
        return False

    def isatty(self):
        return False

    def fileno(self):
        raise io.UnsupportedOperation("the LoopLab stdout has no file descriptor")

    def flush(self):
        # Nothing is buffered: lines are already kept in memory.
        if self.closed:
            raise ValueError("I/O operation on closed file.")

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def write(self, s):
        if not isinstance(s, str):
            raise TypeError("write() argument must be str, not %s" % type(s).__name__)
        if self.closed:
            raise ValueError("I/O operation on closed file.")
        if self.budget_error is not None:
            # Keep failing: a program that swallowed the first error must not
            # be able to carry on flooding.
            raise BudgetExceeded(str(self.budget_error))
        if not s:
            return 0
        size = len(s.encode("utf-8", "surrogatepass"))
        if self._bytes + size > self._limit:
            self.budget_error = BudgetExceeded(
                f"output flood: more than {self._limit} bytes printed"
            )
            raise BudgetExceeded(str(self.budget_error))
        self._bytes += size
        self._add_text(s, self._clock.now_ns())
        return len(s)

    def _add_text(self, s, now):
        pieces = s.split("\n")
        last = len(pieces) - 1
        for i, piece in enumerate(pieces):
            if i == last and not piece:
                break  # the write ended exactly at a newline
            if self._open_stamp is None:
                # The first character of a new line is being written now.
                self._open_stamp = now
            self._open_parts.append(piece)
            if i != last:
                self._complete_line()

    def _complete_line(self):
        stamp, text = self._open_stamp, "".join(self._open_parts)
        self._open_stamp, self._open_parts = None, []
        self._lines.append((stamp, text))
        if self._on_line is not None:
            self._on_line(stamp, text)

    # -- reading the result back

    def finish(self):
        """Report an unfinished last line to ``on_line`` (once)."""
        if not self._finished:
            self._finished = True
            if self._open_stamp is not None and self._on_line is not None:
                self._on_line(self._open_stamp, "".join(self._open_parts))

    def lines(self):
        """``[(stamp_ns, text, complete)]`` in stable stamp order."""
        entries = [(stamp, text, True) for stamp, text in self._lines]
        if self._open_stamp is not None:
            entries.append((self._open_stamp, "".join(self._open_parts), False))
        # sorted() is stable, so lines with equal stamps keep program order.
        return sorted(entries, key=lambda entry: entry[0])

    def render(self, stamp=False):
        """All lines in stamp order, each ending in a newline except the
        unfinished last line when it also sorts last.

        If a worker line with a later stamp sorts after the unfinished line,
        that line does get a newline: merging two lines would be worse than
        adding one newline the program never printed.
        """
        entries = self.lines()
        out = []
        for index, (stamp_ns, text, complete) in enumerate(entries):
            if stamp:
                out.append(format_stamp(stamp_ns))
            out.append(text)
            if complete or index != len(entries) - 1:
                out.append("\n")
        return "".join(out)

    @property
    def bytes_written(self):
        return self._bytes
