# PriorityQueue hands out the smallest (priority, item) first; "p0 outage", put at 0.300, jumps the
# queue. Handling (0.5 s each): p1 0.000, p0 0.500, p2 bad link 1.000, p2 slow page 1.500,
# p3 2.000; all handled at 2.500. Exit 0.
import asyncio
import time

T0 = time.perf_counter()


def now():
    return f"{time.perf_counter() - T0:.3f}"


async def dispatcher(queue):
    while True:
        priority, ticket = await queue.get()
        print(f"{now()} handling p{priority} {ticket}")
        await asyncio.sleep(0.5)
        queue.task_done()


async def main():
    queue = asyncio.PriorityQueue()
    for priority, ticket in [(3, "typo"), (2, "slow page"), (1, "login broken"), (2, "bad link")]:
        queue.put_nowait((priority, ticket))
        print(f"{now()} filed p{priority} {ticket}")
    handler = asyncio.create_task(dispatcher(queue))
    await asyncio.sleep(0.3)
    await queue.put((0, "outage"))
    print(f"{now()} filed p0 outage")
    await queue.join()
    print(f"{now()} all tickets handled")
    handler.cancel()


asyncio.run(main())
