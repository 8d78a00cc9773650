# Backpressure: with Queue(maxsize=2) the fast producer blocks in put() until the slow consumer
# (1 s per item) makes room. Expected: job0..job2 enter at 0.000, job3 at 1.000, job4 at 2.000;
# the consumer finishes job4 at 5.000. Exit 0.
import asyncio
import time

T0 = time.perf_counter()


def now():
    return f"{time.perf_counter() - T0:.3f}"


async def producer(queue):
    for n in range(5):
        before = time.perf_counter()
        print(f"{now()} producer wants to put job{n} (full={queue.full()})")
        await queue.put(f"job{n}")
        print(f"{now()} producer put job{n} after waiting {time.perf_counter() - before:.3f}s")
    await queue.put(None)


async def consumer(queue):
    while True:
        job = await queue.get()
        if job is None:
            break
        print(f"{now()} consumer got {job}")
        await asyncio.sleep(1)
        print(f"{now()} consumer done with {job}")


async def main():
    queue = asyncio.Queue(maxsize=2)
    await asyncio.gather(producer(queue), consumer(queue))
    print(f"{now()} finished")


asyncio.run(main())
