# Producer/consumer with asyncio.Queue: two workers call task_done() for every item, so
# queue.join() returns once all 5 jobs are processed (3.000); then the idle workers are
# cancelled. Items are put at 0.0, 0.3, 0.6, 0.9, 1.2; each takes 1 s. Exit 0.
import asyncio
import time

T0 = time.perf_counter()


def now():
    return f"{time.perf_counter() - T0:.3f}"


async def producer(queue):
    for n in range(5):
        await queue.put(f"job{n}")
        print(f"{now()} producer put job{n} (size={queue.qsize()})")
        await asyncio.sleep(0.3)
    print(f"{now()} producer finished")


async def worker(name, queue):
    while True:
        job = await queue.get()
        print(f"{now()} {name} took {job}")
        await asyncio.sleep(1)
        print(f"{now()} {name} finished {job}")
        queue.task_done()


async def main():
    queue = asyncio.Queue()
    workers = [asyncio.create_task(worker(f"W{i}", queue)) for i in range(2)]
    await producer(queue)
    await queue.join()
    print(f"{now()} join() returned: every job was marked done")
    for w in workers:
        w.cancel()
    outcome = await asyncio.gather(*workers, return_exceptions=True)
    print(f"{now()} workers stopped: {[type(x).__name__ for x in outcome]}")


asyncio.run(main())
