"""Cancelling tasks and cleaning up

Chapter: Time limits and cancelling
Goals:
- Stop a task with `task.cancel()` and see `CancelledError` appear at its `await`
- Clean up in `finally` and shut several workers down gracefully
- Protect an operation that must not be cut off with `asyncio.shield`

Text:
`task.cancel()` does not kill a task on the spot. It asks the loop to throw a `CancelledError`
into the task at the `await` where the task is suspended, the next time the task runs. The
error travels up through the task's code like any exception, so `finally` blocks (and `async
with` blocks) run on the way out: close the connection, flush the file, then let the error
end the task as cancelled.

A graceful shutdown is exactly that, for every task at once: cancel them all, then wait for
them with `gather(..., return_exceptions=True)`, so that each one has finished its cleanup
before the program goes on, and their CancelledErrors are collected instead of raised.

Some work must not be cut off halfway, such as writing a file. `await asyncio.shield(writing)`
lets the saver wait for the write, but when the saver is cancelled, only the saver gets the
CancelledError; the shielded task `write-file` goes on. Someone still has to wait for it to
end: here `main` does, at the very end.

Predict: main cancels the saver at 1 s, while it waits for write-file. What state does
write-file end in?
Check: task_state write-file
Choices: finished | cancelled | running
Explain: shield stands between the saver and the write: cancelling the saver raised
CancelledError in the saver only, and write-file went on to finish at 1.5 s, when main
collected its result.

Predict: How long does the run take?
Check: total_time
Choices: 1 s | 1.5 s | 2.5 s
Explain: The pollers and the saver stop at 1 s, but main then waits for the shielded write,
which needs 1.5 s in all.

Try: Replace `await asyncio.shield(writing)` with `await writing` and run again. Cancelling the
saver now cancels the write too: "file written" never appears, write-file ends cancelled, and
main's last `await writing` raises CancelledError, which ends the whole program.

Try: Make the cleanup take time: add `await asyncio.sleep(0.2)` in `poll`'s `finally`, before
the print. The gather in main waits for the cleanups, so it returns 0.2 s later.
"""

import asyncio
import time

T0 = time.perf_counter()


def elapsed():
    return f"{time.perf_counter() - T0:.1f}"


async def poll(name):
    jobs = 0
    try:
        while True:
            await asyncio.sleep(0.4)  # one job
            jobs += 1
    finally:
        print(f"{elapsed()} s: {name} closes its connection after {jobs} jobs")  #> CancelledError came out of the sleep; finally runs the cleanup before the task ends.


async def write_file():
    print(f"{elapsed()} s: writing the file (1.5 s)")
    await asyncio.sleep(1.5)
    print(f"{elapsed()} s: file written")
    return "report.csv"


async def save(writing):
    try:
        await asyncio.shield(writing)  #> The saver waits for the write, through a shield.
    except asyncio.CancelledError:
        print(f"{elapsed()} s: saver cancelled; the write goes on")  #> Only the saver got the CancelledError: shield kept it away from write-file.
        raise


async def main():
    writing = asyncio.create_task(write_file(), name="write-file")
    tasks = [
        asyncio.create_task(poll("poller-1"), name="poller-1"),
        asyncio.create_task(poll("poller-2"), name="poller-2"),
        asyncio.create_task(save(writing), name="saver"),
    ]
    await asyncio.sleep(1)
    print(f"{elapsed()} s: main cancels its three tasks")
    for task in tasks:
        task.cancel()  #> cancel() only asks: each task gets its CancelledError the next time it runs.
    results = await asyncio.gather(*tasks, return_exceptions=True)
    print(f"{elapsed()} s: stopped: {[type(r).__name__ for r in results]}")
    filename = await writing  #> [when write-file finishes] The shielded write finished at 1.5 s, although the task waiting for it was cancelled at 1 s.
    print(f"{elapsed()} s: main got {filename}")


asyncio.run(main())
