# asyncio.LifoQueue is a stack: the last item put is the first one taken. Pages are pushed at
# 0.000, the reader pops "page4" first, and "page5" pushed at 1.500 is read next. Exit 0.
import asyncio
import time

T0 = time.perf_counter()


def now():
    return f"{time.perf_counter() - T0:.3f}"


async def reader(stack):
    while True:
        page = await stack.get()
        print(f"{now()} reading {page}")
        await asyncio.sleep(1)
        stack.task_done()


async def main():
    stack = asyncio.LifoQueue()
    for n in range(1, 5):
        await stack.put(f"page{n}")
    print(f"{now()} pushed page1..page4, size={stack.qsize()}")
    task = asyncio.create_task(reader(stack))
    await asyncio.sleep(1.5)
    stack.put_nowait("page5")
    print(f"{now()} pushed page5")
    await stack.join()
    print(f"{now()} stack empty={stack.empty()}")
    task.cancel()


asyncio.run(main())
