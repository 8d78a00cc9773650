"""Producer and consumers: a bounded queue

Chapter: Limits and flow
Goals:
- Hand work from a producer to several consumers through an `asyncio.Queue`
- See backpressure: with `maxsize`, a fast producer waits in `put()` when the queue is full
- Wait for every item with `queue.join()` and `task_done()`, then stop the consumers cleanly

Text:
A queue decouples the code that finds work from the code that does it. The `producer` task puts
ten jobs into `jobs`, one every 0.1 s; three consumer tasks each take a job with `get()`, spend
1 s on it and take the next. A consumer that finds the queue empty waits in `get()` until a
job arrives.

The queue is bounded: `Queue(maxsize=3)`. The producer is ten times faster than one consumer,
so after a few jobs the queue is full and `put()` makes the producer wait until a consumer
takes a job out. The producer slows down to the consumers' pace instead of piling up jobs
without end: that is backpressure, and the timeline shows the producer waiting on `jobs`.

How does `main` know the work is done? The queue counts unfinished jobs: every `put()` adds one,
every `task_done()` takes one away (`get()` leaves the count alone, because a job that was taken
is not finished yet). `await jobs.join()` waits until the count is back to zero. The consumers
loop forever, so `main` then cancels them and waits for them to end: a clean shutdown.

Predict: How long does the whole run take?
Check: total_time
Choices: 1 s | 4 s | 10 s
Explain: Three consumers work on three jobs at a time, 1 s each: jobs 1-3 start at about 0 s,
4-6 at 1 s, 7-9 at 2 s and job 10 at 3 s, so the last one ends at 4 s. The queue does not make
the work faster; it only keeps the producer from running ahead.

Predict: The consumers run `while True`. How does consumer-1 end?
Check: task_state consumer-1
Choices: finished | cancelled | running
Explain: A consumer never leaves its loop by itself: after the last job it waits in `get()`
forever. `main` cancels it once `join()` says every job is done, so it ends cancelled, and
`gather(..., return_exceptions=True)` collects the CancelledError instead of raising it.

Try: Change `maxsize=3` to `maxsize=0` (no limit) and run again. The producer never waits and
finishes after 1 s, yet the run still takes 4 s: where do the jobs wait now?

Try: Delete the line `jobs.task_done()`. `join()` now never returns: in LoopLab the run ends as
a deadlock with `main` waiting on the queue (in a terminal the program would hang).
"""

import asyncio
import time

T0 = time.perf_counter()
jobs = asyncio.Queue(maxsize=3)  #> At most three jobs can wait in the queue; a fourth put() must wait for room.


def elapsed():
    return f"{time.perf_counter() - T0:.1f}"


async def produce(count):
    for n in range(1, count + 1):
        await jobs.put(f"job {n}")  #> [when producer waits on jobs] The queue is full: the producer waits here until a consumer takes a job out.
        print(f"{elapsed()} s: producer put job {n}, {jobs.qsize()} in the queue")
        await asyncio.sleep(0.1)


async def consume(name):
    while True:
        job = await jobs.get()
        print(f"{elapsed()} s: {name} starts {job}")
        await asyncio.sleep(1)  # the work itself
        jobs.task_done()  #> This job is finished: the queue's count of unfinished jobs goes down by one.


async def main():
    consumers = [
        asyncio.create_task(consume(f"consumer-{i}"), name=f"consumer-{i}")
        for i in (1, 2, 3)
    ]
    await asyncio.create_task(produce(10), name="producer")
    await jobs.join()  #> [when main waits on queue join] Every job is in the queue or being worked on; main waits for the last task_done().
    print(f"{elapsed()} s: every job is done")
    for consumer in consumers:
        consumer.cancel()  #> [when printed every job is done] The consumers are idle in get() and would wait forever: main cancels them.
    results = await asyncio.gather(*consumers, return_exceptions=True)
    print("consumers ended with", [type(r).__name__ for r in results])


asyncio.run(main())
