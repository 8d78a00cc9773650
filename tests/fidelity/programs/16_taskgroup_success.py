# TaskGroup (Python 3.11): the async with block waits for all children, even ones created from
# inside another child. Expected: children end at 1.000, 2.000, 2.500 (nested) and 3.000, the
# block exits at 3.000 and the results are read afterwards. Exit 0.
import asyncio
import time

T0 = time.perf_counter()


def now():
    return f"{time.perf_counter() - T0:.3f}"


async def child(name, seconds, group=None):
    print(f"{now()} {name} started")
    if group is not None:
        group.create_task(child(name + ".sub", 1.5))
    await asyncio.sleep(seconds)
    print(f"{now()} {name} finished")
    return name.upper()


async def main():
    async with asyncio.TaskGroup() as tg:
        first = tg.create_task(child("alpha", 3))
        second = tg.create_task(child("beta", 1, group=tg))
        third = tg.create_task(child("gamma", 2))
        print(f"{now()} main: three tasks created, leaving the block waits for them")
    print(f"{now()} main: block exited")
    print(f"{now()} results: {first.result()} {second.result()} {third.result()}")


asyncio.run(main())
