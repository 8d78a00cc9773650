"""The sentinel that was never marked done

Chapter: Limits and flow
Goals:
- Stop consumers with a sentinel item (`None`) put after the real jobs
- Explain why `queue.join()` waits forever when the sentinel is never marked done
- Fix it by calling `task_done()` for every item a consumer takes, sentinels included

Text:
Cancelling consumers (previous lesson) is one way to stop them. Another is a sentinel: after
the real jobs, the producer puts one special item per consumer, here `None`, meaning "no more
work, you can stop". A consumer that takes the sentinel leaves its loop and its task finishes.

This program has a classic bug, one that appears in published tutorials. `join()` waits until
every item that was `put()` has been marked with `task_done()`. The sentinels were put into the
queue like any job, but the consumers `break` out of their loop without marking them done. Six
items went in, four were marked done, and `join()` waits for the other two forever.

In a terminal this program never ends and prints nothing to say why. LoopLab sees that no task
can ever run again and ends the run as a deadlock: look at what `main` is waiting on and at the
queue's count of unfinished items.

Predict: Does this run end in a deadlock, with a task waiting for something that can never
happen?
Check: deadlock
Choices: yes | no
Explain: Yes. Both consumers end normally at 2 s, but then nothing will ever call `task_done()`
again, and the queue's count of unfinished items stays at 2, one per sentinel. `main` waits in
`join()` with nobody left to wake it, so "all done" is never printed.

Predict: How does consumer-1 end?
Check: task_state consumer-1
Choices: finished | cancelled | failed
Explain: It finishes normally after its sentinel, at 2 s. The consumers themselves look fine;
the bug is the count they leave behind, and the task that is stuck is `main`, the one waiting
for them to report.

Try: Fix the bug: add the line `jobs.task_done()` just before `break`, and run again. `join()`
now returns at 2 s and the run prints "all done". A sturdier fix wraps the body of the loop
after `get()` in `try:` ... `finally: jobs.task_done()`, so every item is marked done however
the consumer leaves it.

Try: With sentinels you do not need `join()` at all. Replace `await jobs.join()` with
`await asyncio.gather(*consumers)`: main now waits for the consumers to end, which they do after
their sentinel, and "all done" appears at 2 s.
"""

import asyncio
import time

T0 = time.perf_counter()
jobs = asyncio.Queue()
STOP = None  # the sentinel: "no more jobs"


def elapsed():
    return f"{time.perf_counter() - T0:.1f}"


async def consume(name):
    while True:
        job = await jobs.get()
        if job is STOP:
            print(f"{elapsed()} s: {name} got the sentinel and stops")
            break  #> The consumer leaves without task_done(): the queue still counts the sentinel as unfinished.
        print(f"{elapsed()} s: {name} works on {job}")
        await asyncio.sleep(1)
        jobs.task_done()  #> [at end] This line ran four times, once per job, but six items were put: two are never marked done.


async def main():
    consumers = [
        asyncio.create_task(consume(f"consumer-{i}"), name=f"consumer-{i}")
        for i in (1, 2)
    ]
    for n in range(1, 5):
        await jobs.put(f"job {n}")
    for _ in consumers:
        await jobs.put(STOP)  #> One sentinel per consumer, so that each consumer gets one and stops.
    print(f"{elapsed()} s: main queued 4 jobs and 2 sentinels, now join()")
    await jobs.join()  #> [when consumer-2 finishes] Both consumers have ended, yet the queue counts 2 unfinished items: join() can never return.
    print(f"{elapsed()} s: all done")
    await asyncio.gather(*consumers)


asyncio.run(main())
