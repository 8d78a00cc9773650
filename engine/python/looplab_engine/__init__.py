"""The Python side of LoopLab's engine.

The C++ module ``_looplab`` owns the ready queue, the timer heap and the virtual clock; this
package connects them to CPython's asyncio (loop.py), watches what tasks wait on (recorder.py,
sync_watch.py), explains deadlocks (deadlock.py) and runs a program (runner.py).
"""
