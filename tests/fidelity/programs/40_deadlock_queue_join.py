# DEADLOCK (b), the classic producer/consumer bug: the consumer stops at the None sentinel without
# calling task_done() for it, so the unfinished count stays at 1 and queue.join() waits forever
# after the last job (2.000). Simulator: deadlock, exit 3; real python3 hangs.
import asyncio
import time

T0 = time.perf_counter()


def now():
    return f"{time.perf_counter() - T0:.3f}"


async def consumer(queue):
    while True:
        item = await queue.get()
        if item is None:
            print(f"{now()} consumer: got the sentinel, stopping (forgot task_done)")
            return
        print(f"{now()} consumer: working on {item}")
        await asyncio.sleep(1)
        queue.task_done()
        print(f"{now()} consumer: finished {item}")


async def main():
    queue = asyncio.Queue()
    worker = asyncio.create_task(consumer(queue))
    for item in ["report", "invoice"]:
        await queue.put(item)
    await queue.put(None)
    print(f"{now()} main: queued two jobs and a sentinel, now join()")
    await queue.join()
    print("not reached")
    await worker


asyncio.run(main())
