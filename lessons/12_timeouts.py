"""Timeouts: wait_for and asyncio.timeout

Chapter: Time limits and cancelling
Goals:
- Put a time limit on one await with `asyncio.wait_for(..., timeout=...)`
- Know what happens when the time runs out: the work is cancelled and `TimeoutError` is raised
- Give a whole block of awaits one deadline with `async with asyncio.timeout(...)` (Python 3.11)

Text:
A server that does not answer should not hang your program. `asyncio.wait_for(aw, timeout=2)`
waits for `aw` at most 2 seconds. If it finishes in time, you get its result as usual. If not,
`wait_for` cancels it, waits until the cancellation is done, and raises `TimeoutError` in the
caller, which can catch it and carry on.

The timeout does not merely stop the waiting: it stops the work. The cancelled task gets a
`CancelledError` at the `await` where it is suspended, so it can react (here it prints a line)
and then it ends as cancelled. Nothing keeps running in the background.

`asyncio.timeout(1.5)` (new in Python 3.11) is a context manager that sets one deadline for a
whole block. Each `fetch` inside the last block would fit in 1.5 s on its own, but together
they do not: the deadline cancels whatever the block is awaiting when time runs out, and
`TimeoutError` comes out of the `async with`.

Predict: What state does the task slow-server end in?
Check: task_state slow-server
Choices: finished | cancelled | running
Explain: `wait_for` gave up after 2 s and cancelled it, so the 5 s sleep never completed and the
task ended cancelled. Its timeline bar stops at 2.5 s, not at 5.5 s.

Predict: How long does the whole run take?
Check: total_time
Choices: 3.5 s | 4 s | 7.5 s
Explain: 0.5 s for fast-server, 2 s until `wait_for` gives up on slow-server, then the
`timeout(1.5)` block is cut off after 1.5 s: 0.5 + 2 + 1.5 = 4 s. Without the limits the same
awaits would take 0.5 + 5 + 1 + 1 = 7.5 s.

Try: Change `timeout=2` for slow-server to `timeout=6`. It now finishes in time, main prints
its answer instead of catching TimeoutError, and the run takes 3 s longer: the full 5 s of
slow-server instead of 2 s.

Try: Change `asyncio.timeout(1.5)` to `asyncio.timeout(2.5)`: both backups fit and the block
ends without a TimeoutError.
"""

import asyncio
import time

T0 = time.perf_counter()


def elapsed():
    return f"{time.perf_counter() - T0:.1f}"


async def fetch(server, seconds):
    print(f"{elapsed()} s: asking {server}, it needs {seconds} s")
    try:
        await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        print(f"{elapsed()} s: {server} was cancelled")  #> The deadline passed: CancelledError came out of the sleep this task was waiting in.
        raise  # let the task end as cancelled
    return f"{server} says 21 C"


async def main():
    fast = asyncio.create_task(fetch("fast-server", 0.5), name="fast-server")
    print(await asyncio.wait_for(fast, timeout=2))  #> fast-server needs only 0.5 s, well inside the 2 s limit: wait_for will simply return its result.

    slow = asyncio.create_task(fetch("slow-server", 5), name="slow-server")
    try:
        print(await asyncio.wait_for(slow, timeout=2))  #> main will wait at most 2 s here, but slow-server's sleep takes 5.
    except TimeoutError:
        print(f"{elapsed()} s: gave up, slow-server cancelled={slow.cancelled()}")  #> [when slow-server finishes] wait_for cancelled slow-server and waited for it to end; only then did it raise TimeoutError here.

    try:
        async with asyncio.timeout(1.5):  #> One deadline, 1.5 s from now, for everything inside the block.
            await fetch("backup-1", 1)
            await fetch("backup-2", 1)
            print("both backups answered")
    except TimeoutError:
        print(f"{elapsed()} s: the backup block ran out of time")  #> [when printed ran out of time] backup-1 fit in the deadline, backup-2 was cut off halfway.


asyncio.run(main())
