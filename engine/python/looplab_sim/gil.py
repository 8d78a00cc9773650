"""The GIL in virtual time: the reference runner's half of the rule in
docs/simulation-model.md (the engine has its own, ``engine/record/GilLedger``).

In CPython 3.11 one thread at a time executes bytecode.  The model keeps a
ledger of who held the GIL when.  Executor jobs and threads run to completion
when they start, one after the other, so their program lines go into the
ledger in that order: a simulated thread that wants to run a line while
another one holds the GIL waits until the holder lets it go.  Blocking
(``time.sleep``, simulated I/O, waiting on a lock or a join) holds nothing.

The loop thread reserves nothing (every thread it starts begins at or after
its clock); after each wait that released the GIL (its selector wait, a
blocking call) it takes the GIL back: at once if it is free, else when the
holder blocks or its switch interval is up, whichever comes first.
"""

import bisect
import sys

__all__ = ["GilLedger", "switch_interval_ns"]


def switch_interval_ns():
    """``sys.getswitchinterval()`` in ns; CPython keeps it in whole
    microseconds, and the program may change it at any time."""
    return round(sys.getswitchinterval() * 1e6) * 1000


class GilLedger:
    """Disjoint holds ``[start, end)`` of the GIL, in time order."""

    def __init__(self):
        self._starts = []
        self._ends = []
        self._threads = []
        self._labels = []

    def add_thread(self, label):
        """A new simulated thread of this process; returns its number."""
        self._labels.append(label)
        return len(self._labels) - 1

    def label(self, thread):
        return self._labels[thread]

    def take(self, thread, at_ns, cost_ns):
        """``thread`` wants to run ``cost_ns`` of bytecode from ``at_ns``.
        Returns ``(start, waits)``: when it gets the GIL, and what it waited
        for as ``[until_ns, holder]`` pairs, one per holder in turn."""
        starts, ends = self._starts, self._ends
        i = bisect.bisect_right(ends, at_ns)
        waits = []
        # A line is never split: it waits for a gap long enough for it.
        while i < len(starts) and starts[i] < at_ns + cost_ns:
            at_ns = ends[i]
            if waits and waits[-1][1] == self._threads[i]:
                waits[-1][0] = at_ns  # the same holder again, after a gap too short
            else:
                waits.append([at_ns, self._threads[i]])
            i += 1
        if i > 0 and ends[i - 1] == at_ns and self._threads[i - 1] == thread:
            ends[i - 1] = at_ns + cost_ns
        else:
            starts.insert(i, at_ns)
            ends.insert(i, at_ns + cost_ns)
            self._threads.insert(i, thread)
        return at_ns, waits

    def retake(self, at_ns, interval_ns):
        """When the loop thread, wanting the GIL back at ``at_ns``, has it;
        and the thread that held it (None if free)."""
        starts, ends = self._starts, self._ends
        i = bisect.bisect_right(ends, at_ns)
        if i == len(starts) or starts[i] > at_ns:
            return at_ns, None
        holder = self._threads[i]
        end = ends[i]
        # Holds that follow each other without a gap: the GIL went straight
        # from one thread to the next.
        while i + 1 < len(starts) and starts[i + 1] == end:
            i += 1
            end = ends[i]
        return min(end, at_ns + interval_ns), holder

    def forget_before(self, ns):
        """Drop holds that ended by ``ns``: no clock is behind the loop's."""
        k = bisect.bisect_right(self._ends, ns)
        if k > 256:
            del self._starts[:k], self._ends[:k], self._threads[:k]

    def __len__(self):
        return len(self._starts)
