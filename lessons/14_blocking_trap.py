"""The blocking trap

Chapter: Blocking and threads
Goals:
- Recognise code that blocks the event loop: `time.sleep`, blocking I/O, long computations
- See in the timeline that every task freezes while one of them blocks
- Know why the fix is `await asyncio.sleep`, or moving the work off the loop (next lesson)

Text:
The event loop runs one task at a time, and a task keeps the loop until it reaches an `await`
that suspends it. Cooperative multitasking only works if every task cooperates: code that
takes a long time without awaiting holds every other task hostage.

The `heartbeat` task should print every half second, like a server answering health checks.
The `handler` calls `time.sleep(2)`: an ordinary, blocking sleep that never gives the loop back.
For those 2 seconds nothing else runs, the heartbeat included. Blocking I/O (the `requests`
library, `open().read()` on a slow disk, a database driver that is not async) does the same.

CPU-bound work is the same trap in another form: a loop that computes never reaches an
`await`. Here `checksum` runs 3,000 rounds; LoopLab charges 0.1 microseconds per line, so that
takes under a millisecond, but a real computation of a few seconds (resizing images, parsing a
large file) would freeze the heartbeat exactly like `time.sleep` does.

Stepping through `checksum` line by line takes over 6,000 steps. Step over it instead: when the
handler is at `result = checksum(3000)`, press F10 (Step, then Step over) and the whole call runs
in one step. Already inside the loop? Once it has gone round, F10 on its `for` line runs the rest
of the loop, and Shift+F11 (Step out) runs the rest of `checksum`.

Predict: After "beat 2" at 1.0 s, what does the heartbeat print next?
Check: output_line 7
Choices: 1.5 s: beat 3 | 3.2 s: beat 3 | 3.5 s: beat 3
Explain: beat 3 was due at 1.5 s, but at 1.2 s the handler blocked the loop for 2 s. The loop
only got control back at 3.2 s, found the heartbeat's timer long overdue and ran it at once.

Predict: The heartbeat alone needs 8 x 0.5 = 4 s, and the handler 3.2 s. How long does the
whole run take?
Check: total_time
Choices: 3.2 s | 4 s | 5.7 s
Explain: A blocked loop does not make up for lost time: every beat after beat 2 comes 1.7 s
late (3.2 s instead of 1.5 s), so the last sleep of the heartbeat ends at 5.7 s instead of 4 s.

Try: Replace `time.sleep(2)` with `await asyncio.sleep(2)` and run again. The heartbeat keeps
its rhythm, the timeline has no blocked stretch, and the run takes 4 s.
"""

import asyncio
import time

T0 = time.perf_counter()


def elapsed():
    return f"{time.perf_counter() - T0:.1f}"


async def heartbeat():
    for i in range(8):
        print(f"{elapsed()} s: beat {i}")  #> [when printed 3.2 s: beat 3] The beat that was due at 1.5 s: its timer expired long ago, but the loop was not free to run it.
        await asyncio.sleep(0.5)


def checksum(rounds):
    total = 0
    for i in range(rounds):
        total = (total * 31 + i) % 1_000_003  #> CPU work: the loop is busy in this function and no other task can run until it returns.
    return total


async def handler():
    await asyncio.sleep(1.2)
    print(f"{elapsed()} s: handler calls time.sleep(2)")
    time.sleep(2)  #> [when loop blocks] time.sleep blocks the whole loop: no task can run for 2 s, the heartbeat included.
    print(f"{elapsed()} s: handler computes a checksum")
    result = checksum(3000)
    print(f"{elapsed()} s: handler done, checksum {result}")


async def main():
    beating = asyncio.create_task(heartbeat(), name="heartbeat")
    handling = asyncio.create_task(handler(), name="handler")
    await asyncio.gather(beating, handling)


asyncio.run(main())
