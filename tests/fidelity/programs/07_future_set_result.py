# A bare Future created with loop.create_future() is resolved by another task with set_result.
# Expected: main blocks on the future until the resolver sets it at 2.000, then prints 42. Exit 0.
import asyncio
import time

T0 = time.perf_counter()


def now():
    return f"{time.perf_counter() - T0:.3f}"


async def resolver(fut):
    print(f"{now()} resolver: computing the answer")
    await asyncio.sleep(2)
    print(f"{now()} resolver: calling set_result(42)")
    fut.set_result(42)
    print(f"{now()} resolver: returned from set_result, main has not resumed yet")


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    print(f"{now()} main: future done? {fut.done()}")
    helper = asyncio.create_task(resolver(fut))
    print(f"{now()} main: awaiting the future")
    answer = await fut
    print(f"{now()} main: the future gave {answer}, done? {fut.done()}")
    await helper
    try:
        fut.set_result(43)
    except asyncio.InvalidStateError:
        print(f"{now()} main: a future can only be resolved once")


asyncio.run(main())
