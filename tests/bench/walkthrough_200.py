# The walkthrough benchmark's program (bench_walkthrough.py): eight workers taking turns at a
# timer and a queue, so that most steps move a task and the film's chips glide.
import asyncio


async def worker(n, queue):
    for i in range(4):
        await asyncio.sleep(0.1 * (n % 3 + 1))
        await queue.put((n, i))


async def main():
    queue = asyncio.Queue()
    tasks = [asyncio.create_task(worker(n, queue), name=f"worker {n}") for n in range(8)]
    for _ in range(32):
        print(await queue.get())
    await asyncio.gather(*tasks)


asyncio.run(main())
